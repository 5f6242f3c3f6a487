"""The trigger lexicon (configs/cameo_verbs.tsv): inflected forms, phrases, verb patterns and CAMEO codes."""

import pytest

from newslake.tasks.events.lexicon import cameo_code_of, find_triggers


def triggers(text):
    return [(m.text, m.codes[0], m.categories[0]) for m in find_triggers(text)]


@pytest.mark.parametrize(("trigger", "code"), [
    ("met", "040"), ("meeting", "040"), ("meets", "040"), ("struck", "190"), ("strikes", "190"),
    ("were arrested", "173"), ("arrests", "173"), ("airstrikes", "195"), ("talks", "040"),
    ("announced", "010"), ("ceasefire", "0871"), ("humanitarian aid", "073"),
])
def test_inflected_forms_and_phrases_have_their_codes(trigger, code):
    assert cameo_code_of(trigger) == code


@pytest.mark.parametrize("word", ["said", "told", "added", "noted", "says", "according", "forces", "Tuesday"])
def test_reporting_verbs_and_common_words_are_no_triggers(word):
    assert cameo_code_of(word) is None


def test_a_verb_pattern_refines_the_code_from_the_words_that_follow():
    assert cameo_code_of("staged", "a protest outside parliament") == "141"
    assert cameo_code_of("staged") is None  # "stage" alone is no event


def test_matches_in_a_news_sentence_longest_phrase_first():
    text = "Israel launched airstrikes on Gaza after Hamas rejected the ceasefire proposal, the army said."
    assert triggers(text) == [("launched", "195", "ASSAULT"), ("airstrikes", "195", "ASSAULT"),
                              ("rejected", "120", "REJECT"), ("ceasefire", "0871", "RETREAT")]
    assert triggers("Thousands of teachers went on strike in Nairobi.") == [("went on strike", "143", "PROTEST")]


def test_a_word_with_two_senses_lists_both_categories():
    (strike,) = find_triggers("The strike lasted a week.")
    assert strike.codes[:2] == ("190", "143")
    assert strike.categories == ("ASSAULT", "PROTEST")
    assert (strike.start, strike.end, strike.text) == (4, 10, "strike")
