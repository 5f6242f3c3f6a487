"""An event noun the subject undergoes ("faced criticism from ...") is aimed at the subject, done by the "from"."""

import pytest

from newslake.tasks.events.arguments import Actor
from newslake.tasks.events.undergoing import as_undergone, undergoes


def _undergoes(sentence: str, word: str) -> bool:
    start = sentence.index(word)
    return undergoes(sentence, 0, (start, start + len(word)))


@pytest.mark.parametrize(("sentence", "word"), [
    ("Suu Kyi has faced sharp criticism for failing to address the violence.", "criticism"),
    ("Nabisco is facing criticism for the move from Clinton and Trump.", "criticism"),
    ("The White House was already facing renewed criticism for the deal.", "criticism"),
    ("The statement quickly drew sharp criticism from both sides of the debate.", "criticism"),
    ("The ministry came under attack from rebels overnight.", "attack"),
    ("He had been under investigation by the FBI for months.", "investigation"),
    ("Trump became the subject of derision from his opponents.", "derision"),
    ("Clinton is already receiving criticism for her comments.", "criticism"),
    ("The director is expected to face questioning at a hearing.", "questioning"),
])
def test_a_verb_of_receiving_makes_the_noun_undergone(sentence, word):
    assert _undergoes(sentence, word)


@pytest.mark.parametrize(("sentence", "word"), [
    ("The EU imposed new sanctions on Belarus.", "sanctions"),  # a light verb: the subject does it
    ("Lavrov described the strikes as a provocation.", "strikes"),
    ("Washington keeps its allies under surveillance.", "surveillance"),  # "under" after no form of be
    ("Critics faced the minister and criticised him.", "criticised"),  # a verb, not the object of "faced"
])
def test_other_event_words_are_left_alone(sentence, word):
    assert not _undergoes(sentence, word)


def test_the_subject_is_the_target_and_the_from_phrase_the_agent():
    text = "Nabisco is facing criticism for the move from Clinton and Trump."
    trigger = (text.index("criticism"), text.index("criticism") + len("criticism"))

    def actor(words: str, role: str) -> Actor:
        start = text.index(words)
        return Actor(role, words.lower(), start, start + len(words), words)

    roles = [as_undergone(text, actor(words, role), trigger).role for words, role in [
        ("Nabisco", "agent"), ("Clinton", "target"), ("Trump", "target"), ("the move", "target")]]
    # "the move" follows "for", not "from": what the criticism is about keeps the model's role
    assert roles == ["target", "agent", "agent", "target"]


def test_a_run_on_sentence_is_read_in_linear_time():
    # a regex with nested quantifiers took minutes on this; the word-by-word reading answers at once
    text = "Nabisco faced criticism from " + "word and " * 300 + "x x x x x x Trump"
    trigger = (text.index("criticism"), text.index("criticism") + len("criticism"))
    start = text.index("Trump")
    actor = Actor("target", None, start, start + 5, "Trump")
    assert as_undergone(text, actor, trigger).role == "target"
