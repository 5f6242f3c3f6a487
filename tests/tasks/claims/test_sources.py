"""Nested sources: citing / quoting / according-to chains and the `via` of each claim; quote types."""

from newslake.config import ClaimsConfig
from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.rows import quote_type
from newslake.tasks.claims.sources import nest_sources, outlet_told
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Span


def span(text, surface, label, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), label, 0.9)


def attribution(text, source, cue, content):
    return Attribution(source and span(text, source, "SOURCE"), span(text, cue, "CUE"),
                       content and span(text, content, "CONTENT"), 0.9)


def nested(text, attributions, mentions=()):
    out = nest_sources(text, attributions, sentence_spans(text), list(mentions))
    show = lambda s: text[s.start : s.end] if s is not None else None
    return [(show(c.attribution.source), show(c.attribution.cue), show(c.attribution.content), show(c.via)) for c in out]


def mention(text, surface, label, key):
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "label": label, "entity_key": key}


def test_citing_a_source_before_or_after_the_cue():
    text = "RBC-Ukraine, citing a defense source, reported that the AFU used missiles."
    found = [attribution(text, "RBC-Ukraine", "citing", "a defense source"),
             attribution(text, "RBC-Ukraine", "reported", "that the AFU used missiles")]
    assert nested(text, found) == [("RBC-Ukraine", "reported", "that the AFU used missiles", "a defense source")]
    text = "The agency said the plant was hit, citing military sources."
    found = [attribution(text, "The agency", "said", "the plant was hit"),
             attribution(text, "The agency", "citing", "military sources")]
    assert nested(text, found) == [("The agency", "said", "the plant was hit", "military sources")]


def test_citing_a_reason_is_no_source():
    text = "McConnell said the country changed, citing the release of political prisoners."
    found = [attribution(text, "McConnell", "said", "the country changed"),
             attribution(text, "McConnell", "citing", "the release of political prisoners")]
    assert [via for *_, via in nested(text, found)] == [None, None]


def test_the_quoted_person_is_the_speaker_and_the_outlet_the_via():
    text = "Interfax quoted Interior Minister Arsen Avakov as saying that the police had left."
    found = [attribution(text, "Interfax", "quoted", "Interior Minister Arsen Avakov as saying that the police had left")]
    assert nested(text, found) == [("Interior Minister Arsen Avakov", "quoted", "the police had left", "Interfax")]
    text = "Avakov was quoted by Interfax as saying the police had left."
    found = [attribution(text, "Avakov", "was quoted", None)]
    assert nested(text, found) == [("Avakov", "was quoted", "the police had left", "Interfax")]


def test_according_to_an_outlet_that_reports_a_statement():
    text = "According to Interfax, Avakov said the police had left."
    found = [attribution(text, "Interfax", "According to", "Avakov said the police had left"),
             attribution(text, "Avakov", "said", "the police had left")]
    assert nested(text, found) == [("Avakov", "said", "the police had left", "Interfax")]
    text = "According to the ministry, five missiles were intercepted."  # one level: kept as it is
    found = [attribution(text, "the ministry", "According to", "five missiles were intercepted")]
    assert nested(text, found) == [("the ministry", "According to", "five missiles were intercepted", None)]


def test_told_a_news_outlet():
    text = "Putney later told CNN that the video was unclear."
    found = attribution(text, "Putney", "later told", "that the video was unclear")
    mentions = [mention(text, "Putney", "PER", "kerr putney"), mention(text, "CNN", "ORG", "cnn")]
    via = outlet_told(text, found, mentions, ClaimsConfig().speaker_kinds)
    assert text[via.start : via.end] == "CNN"
    text = "Putney later told the council that the video was unclear."
    found = attribution(text, "Putney", "later told", "that the video was unclear")
    assert outlet_told(text, found, [mention(text, "Putney", "PER", "kerr putney")], ClaimsConfig().speaker_kinds) is None


def test_quote_type_from_quotation_marks():
    assert quote_type('"We were there under legitimate pretenses,"') == "direct"
    assert quote_type("''We must not overreact to campaign rhetoric,''") == "direct"
    assert quote_type("that he was “troubled” by the situation in Tulsa") == "mixed"
    assert quote_type("that the AFU used American long-range missiles") == "indirect"
    assert quote_type('"A," "B."') == "direct"


def test_said_on_a_news_outlet():
    text = "Mook said on CNN that the campaign expects it."
    found = attribution(text, "Mook", "said", "that the campaign expects it")
    mentions = [mention(text, "Mook", "PER", "robby mook"), mention(text, "CNN", "ORG", "cnn")]
    via = outlet_told(text, found, mentions, ClaimsConfig().speaker_kinds)
    assert text[via.start : via.end] == "CNN"
