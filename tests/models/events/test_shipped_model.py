"""The shipped trigger model finds and types the events of plain news sentences."""

import pytest

from newslake.config import EventsConfig
from newslake.models.registry import load_event_model


@pytest.fixture(scope="module")
def runner():
    return load_event_model(EventsConfig(quantize="none")).runner  # the card's figures are fp32


CASES = [
    ("Russian missiles struck an apartment block in Kharkiv on Tuesday, killing three people.",
     [("struck", "ASSAULT"), ("killing", "ASSAULT")]),
    ("Police arrested 12 protesters outside parliament in Tbilisi.", [("arrested", "COERCE"), ("protesters", "PROTEST")]),
    ("The European Union imposed new sanctions on Iranian oil exports.",
     [("sanctions", "SANCTION")]),  # under a light verb the event noun is the trigger (the annotation guidelines)
    ("President Biden met Chinese leader Xi Jinping in San Francisco.", [("met", "CONSULT")]),
    # A pledge is an intent to give (PLOVER AGREE, CAMEO 033) beside the aid itself.
    ("The United States pledged 500 million dollars in humanitarian aid to Sudan.", [("pledged", "AGREE"), ("aid", "AID")]),
    ("Ukraine accused Russia of shelling the Zaporizhzhia nuclear plant.", [("accused", "ACCUSE"), ("shelling", "ASSAULT")]),
    ("North Korea threatened to retaliate against the joint military drills.", [("threatened", "THREATEN")]),
    ("Russia withdrew its troops from Kherson.", [("withdrew", "RETREAT")]),
    ("The prime minister announced a state of emergency in the capital.", [("announced", "STATEMENT")]),
    # A reporting verb is no event; the talks are.
    ("The ministry said the talks would continue next week.", [("talks", "CONSULT")]),
]


def test_triggers_and_categories_of_news_sentences(runner):
    texts = [text for text, _ in CASES]
    found = [[(text[s.start : s.end], s.label) for s in spans] for text, spans in zip(texts, runner(texts))]
    assert found == [expected for _, expected in CASES]


def test_scores_are_probabilities_and_offsets_index_the_text(runner):
    text = "Jets bombed the town. Later, the two foreign ministers held talks in Geneva."
    spans = runner([text])[0]
    assert [(text[s.start : s.end], s.label) for s in spans] == [("bombed", "ASSAULT"), ("talks", "CONSULT")]
    assert all(0.0 < s.score < 1.0 for s in spans)
