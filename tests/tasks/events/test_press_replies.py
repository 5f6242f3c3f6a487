"""A refusal to answer the press is no event; a refusal of an act between parties still is."""

import pytest

from newslake.tasks.events.press_replies import refuses_the_press


def _refusal_in(sentence: str, word: str) -> bool:
    start = sentence.index(word)
    return refuses_the_press(sentence, start, start + len(word))


@pytest.mark.parametrize(("sentence", "word"), [
    ("Police declined to comment on the reports.", "declined"),
    ("A White House spokesman declined comment.", "declined"),
    ("The ministry declined requests for comment on Friday.", "declined"),
    ("An official, who declined to be named, said the talks had stalled.", "declined"),
    ("Apple has declined to state a price for the watch.", "declined"),
    ("He declined to provide details of the unit that took part.", "declined"),
    ("Mr. Lou declined to offer his own figure for layoffs.", "declined"),
    ("The aide refused to say whether the meeting would go ahead.", "refused"),
    ("She declined a question about whether she would run.", "declined"),
    ("The official was asked to comment on the reports but he declined.", "declined"),
    ("The spokesman, refusing to elaborate, left the room.", "refusing"),
    ("declined to comment", "declined to"),  # a trigger span that holds the verb and more
])
def test_a_refusal_to_tell_the_press_is_no_event(sentence, word):
    assert _refusal_in(sentence, word)


@pytest.mark.parametrize(("sentence", "word"), [
    ("Russia refused to recognise the vote in Crimea.", "refused"),
    ("The rebels declined to discuss a ceasefire.", "declined"),
    ("The Senate refused to confirm the nominee.", "refused"),
    ("Cadillac declined to renew its sponsorship of the event.", "declined"),
    ("The party declined. It will vote against the bill.", "declined"),  # nothing asked of the press before it
    ("Turnout declined sharply in the north.", "Turnout"),  # no refusal verb at all
])
def test_a_refusal_of_an_act_between_parties_is_left_to_the_model(sentence, word):
    assert not _refusal_in(sentence, word)
