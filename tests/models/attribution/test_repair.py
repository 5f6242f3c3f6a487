"""Span repair between the tagger and the pairing rules (models/attribution/repair.py)."""

from newslake.models.attribution.model import attributions_from_spans
from newslake.models.attribution.pairing import MAX_GAP_WORDS
from newslake.models.attribution.repair import repair
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Span


def spans(text, *parts):
    """Span(label) for each (surface, label[, occurrence]) in `parts`."""
    result = []
    for surface, label, *occurrence in parts:
        start = -1
        for _ in range((occurrence or [0])[0] + 1):
            start = text.index(surface, start + 1)
        result.append(Span(start, start + len(surface), label, 0.9))
    return result


def repaired(text, *parts):
    fixed = repair(text, spans(text, *parts), sentence_spans(text))
    return [(text[s.start : s.end], s.label) for s in fixed]


def test_broken_cue_phrases_become_one_cue():
    text = "The AFU General Staff did not confirm the reports."
    assert repaired(text, ("The AFU General Staff", "SOURCE"), ("did", "CUE"), ("not", "CONTENT"),
                    ("confirm", "CUE"), ("the reports", "CONTENT")) == [
        ("The AFU General Staff", "SOURCE"), ("did not confirm", "CUE"), ("the reports", "CONTENT")]


def test_noncommittal_phrases_are_cues_even_where_the_tagger_saw_content():
    text = "Zelensky, speaking to reporters, refrained from confirming the use of ATACMS."
    assert repaired(text, ("Zelensky", "SOURCE"), (", refrained from confirming the use of", "CONTENT")) == [
        ("Zelensky", "SOURCE"), ("refrained from confirming", "CUE"), ("the use of ATACMS", "CONTENT")]


def test_a_hedge_is_a_cue_even_where_the_tagger_saw_none():
    text = "Demonstrators were reportedly pelting each other with petrol bombs."
    assert repaired(text, ("Demonstrators", "SOURCE")) == [("Demonstrators", "SOURCE"), ("reportedly", "CUE")]


def test_a_source_grows_over_its_name_within_the_sentence():
    text = "It fell in Russia. Russia's Ministry of Defense claimed that six missiles were launched."
    assert repaired(text, ("Ministry of", "SOURCE"), ("claimed", "CUE"), ("that six", "CONTENT")) == [
        ("Russia's Ministry of Defense", "SOURCE"), ("claimed", "CUE"), ("that six missiles were launched", "CONTENT")]


def test_a_source_takes_back_the_name_the_tagger_called_content():
    text = "The Kremlin stated that if the U.S. indeed made such a decision, the conflict would escalate."
    assert repaired(text, ("The", "SOURCE"), ("Kremlin", "CONTENT"), ("stated", "CUE"), ("that if the U.S.", "CONTENT"),
                    ("indeed", "CUE")) == [
        ("The Kremlin", "SOURCE"), ("stated", "CUE"),
        ("that if the U.S. indeed made such a decision, the conflict would escalate", "CONTENT")]


def test_according_to_content_ends_with_its_sentence():
    text = "According to the ministry, five missiles were intercepted, while one was damaged. Its fragments fell."
    assert repaired(text, ("According", "CUE"), ("ministry", "SOURCE"),
                    (", five missiles were intercepted, while one was damaged. Its fragments fell", "CONTENT")) == [
        ("According to", "CUE"), ("the ministry", "SOURCE"), ("five missiles were intercepted, while one was damaged", "CONTENT")]


def test_a_that_clause_with_no_content_becomes_the_content():
    text = "On Monday, The New York Times reported that Joe Biden authorized the strikes."
    assert repaired(text, ("The New York Times", "SOURCE"), ("reported", "CUE")) == [
        ("The New York Times", "SOURCE"), ("reported", "CUE"), ("that Joe Biden authorized the strikes", "CONTENT")]


def test_only_the_named_rules_run():
    text = "Russia's Ministry of Defense claimed that the AFU launched six missiles at a facility."
    parts = (("Ministry of", "SOURCE"), ("claimed", "CUE"), ("that the AFU", "CONTENT"))
    fixed = repair(text, spans(text, *parts), sentence_spans(text), ["cues", "clauses"])
    # The clause rule completes the content; the names rule, not asked for, leaves the source as tagged.
    assert [(text[s.start : s.end], s.label) for s in fixed] == [
        ("Ministry of", "SOURCE"), ("claimed", "CUE"), ("that the AFU launched six missiles at a facility", "CONTENT")]


def attributed(text, *parts, rules=("tails",)):
    """(source, cue, content) of each attribution after the named repair rules and the pairing rules."""
    cut = lambda s: None if s is None else text[s.start : s.end]  # noqa: E731
    return [(cut(a.source), cut(a.cue), cut(a.content))
            for a in attributions_from_spans(text, spans(text, *parts), MAX_GAP_WORDS, list(rules))]


def test_a_source_split_off_the_end_of_a_content_joins_it():
    # R4: "a police | spokesman" is one phrase the tagger labelled in two; the outlet before "citing" speaks.
    text = "The Kathmandu Post, citing a police spokesman, reported that three people were detained."
    parts = [("The Kathmandu Post", "SOURCE"), ("citing", "CUE"), ("a police", "CONTENT"), ("spokesman", "SOURCE"),
             ("reported", "CUE"), ("that three people were detained", "CONTENT")]
    assert attributed(text, *parts) == [
        (None, "citing", "a police spokesman"),
        ("The Kathmandu Post", "reported", "that three people were detained"),
    ]
    assert attributed(text, *parts, rules=()) == [  # without R4 the tail speaks for "reported"
        (None, "citing", "a police"),
        ("spokesman", "reported", "that three people were detained"),
    ]


def test_a_source_that_opens_a_relative_clause_after_a_content_stays_a_source():
    # "what | the minister | had promised": the cue follows the source, so the source is no tail of the content.
    text = "It was not what the minister had promised, and the union said so."
    assert attributed(text, ("It was not what", "CONTENT"), ("the minister", "SOURCE"), ("had promised", "CUE")) == [
        ("the minister", "had promised", "It was not what")]


def test_a_quotation_before_its_speaker_keeps_its_speaker():
    text = "\u201cWe will not leave,\u201d Mayor Ruth Adler said."
    assert attributed(text, ("We will not leave,", "CONTENT"), ("Mayor Ruth Adler", "SOURCE"), ("said", "CUE")) == [
        ("Mayor Ruth Adler", "said", "We will not leave,")]
