"""Statements the tagger left untagged, recovered from an interview or conversation opening their sentence."""

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.occasions import occasion_statements
from newslake.tasks.claims.sources import Nested
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Span


def recovered(text, claims=(), mentions=()):
    out = occasion_statements(text, list(claims), sentence_spans(text), list(mentions), ClaimsConfig().speaker_kinds)
    show = lambda s: text[s.start : s.end] if s is not None else None
    return [(show(c.attribution.source), show(c.attribution.cue), show(c.attribution.content), show(c.via)) for c in out]


def test_the_subject_after_an_interview_speaks_through_its_outlet():
    text = "In an interview with The Huffington Post in late May, a confident-seeming Manafort bragged prematurely about his success."
    assert recovered(text) == [("a confident-seeming Manafort", "bragged", "about his success", "The Huffington Post")]
    text = "Speaking to Al Jazeera, the retired general ruled out a ceasefire."
    assert recovered(text) == [("the retired general", "ruled", "out a ceasefire", "Al Jazeera")]


def test_a_sentence_with_a_claim_or_without_an_outlet_is_left_alone():
    text = "In an interview with CNN, she said it was over."
    cue = text.index("said")
    tagged = Nested(Attribution(Span(26, 29, "SOURCE", 0.9), Span(cue, cue + 4, "CUE", 0.9), None, 0.9))
    assert recovered(text, [tagged]) == [("she", "said", None, None)]
    assert recovered("In an interview last week, she joked about moving to New Zealand.") == []
    assert recovered("Speaking to reporters, he joked about the weather.") == []  # reporters are no outlet
    assert recovered("In the interview with Fox, officials the ministry named none.") == []  # no verb in reach
