"""The shipped argument model through load_argument_model, on plain news sentences: what it finds and what it misses
(the model card lists the misses)."""

import pytest

from newslake.config import EventsConfig
from newslake.models.registry import SHIPPED_WEIGHTS, ArgumentQuery, load_argument_model

CONTEXT = "Fighting continued overnight. On Monday, Israeli aircraft struck a school in Gaza City, killing 12 people."
# (text, sentence or None for the whole text, trigger, what the shipped model returns)
CASES = [
    # The model marks words more often than whole phrases (it learnt from the annotated articles' entity words as well
    # as QA-SRL's answers): "in" and "Paris" come as two PLACE spans, which the events stage joins (arguments.merged).
    ("Police arrested two men in Paris on Tuesday.", None, "arrested",
     [("Police", "AGENT"), ("two men", "TARGET"), ("in", "PLACE"), ("Paris", "PLACE"), ("on Tuesday", "TIME")]),
    # Misses "overnight" (no date, so no loss to the events table); the city's name is taken for where, its noun for whom.
    ("Russian forces shelled the city of Kharkiv overnight, officials said.", None, "shelled",
     [("Russian forces", "AGENT"), ("city", "TARGET"), ("Kharkiv", "PLACE")]),
    # Misses the target "the new pension law" (against ...).
    ("Thousands of protesters marched in Santiago on Sunday against the new pension law.", None, "marched",
     [("Thousands of", "AGENT"), ("protesters", "AGENT"), ("in", "PLACE"), ("Santiago", "PLACE"), ("on Sunday", "TIME")]),
    # "Iran" is the sanctions' target, tagged PLACE: QA-SRL's "on" questions are no role, the model guesses.
    ("The European Union imposed new sanctions on Iran last week.", None, "imposed",
     [("The", "AGENT"), ("European Union", "AGENT"), ("new sanctions", "TARGET"), ("Iran", "PLACE"), ("last week", "TIME")]),
    # Title and name come as two spans each (as QA-SRL annotators often answered); "on Wednesday" splits in two.
    ("Prime Minister Narendra Modi met Chinese President Xi Jinping in Kazan on Wednesday.", None, "met",
     [("Prime Minister", "AGENT"), ("Narendra Modi", "AGENT"), ("Chinese President", "TARGET"), ("Xi Jinping", "TARGET"),
      ("in", "PLACE"), ("Kazan", "PLACE"), ("on", "TIME"), ("Wednesday", "TIME")]),
    ("Two journalists were detained by security forces in Minsk.", None, "detained",
     [("journalists", "TARGET"), ("security forces", "AGENT"), ("Minsk", "PLACE")]),
    # The second sentence of a text: offsets are into the whole text.
    (CONTEXT, (30, len(CONTEXT)), "struck",
     [("On Monday", "TIME"), ("Israeli aircraft", "AGENT"), ("a school", "TARGET"), ("in", "PLACE"), ("Gaza City", "PLACE")]),
]


@pytest.fixture(scope="module")
def shipped():
    return load_argument_model(EventsConfig(argument_quantize="none"))  # the card's figures are fp32


def test_the_shipped_model_is_the_pinned_one(shipped):
    assert shipped.sha256 == SHIPPED_WEIGHTS["event-arguments-minilm"]
    assert shipped.identity()["name"] == "event-arguments-minilm.v1"
    assert shipped.identity()["value"] == 0.4914


def test_arguments_of_news_sentences_in_one_batch(shipped):
    queries = []
    for text, sentence, trigger, _ in CASES:
        start = text.index(trigger)
        queries.append(ArgumentQuery(text, sentence or (0, len(text)), (start, start + len(trigger))))
    found = shipped.runner(queries)
    for (text, _, trigger, expected), spans in zip(CASES, found):
        assert [(text[s.start : s.end], s.label) for s in spans] == expected, trigger
    # Probabilities, some low: where the annotation left a word open, training let it be "O or the role".
    assert all(0.35 < s.score <= 1.0 for spans in found for s in spans)
