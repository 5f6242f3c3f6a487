"""QA-SRL questions -> roles on real rows, and the examples built from them (spans merged, overlaps resolved)."""

import csv
from pathlib import Path

import pytest

from newslake.errors import NewslakeError
from newslake.models.event_arguments.qasrl import merge_overlapping, read_examples, resolve_roles
from newslake.models.event_arguments.roles import question_role

# Every question of four wikinews.dev sentences, copied so tests need no ../shared.
FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "gold" / "excerpt.gold.csv"
SENTENCES = FIXTURES / "sentences" / "excerpt.full.csv"


def test_every_question_of_the_excerpt_maps_to_its_role():
    with open(GOLD, newline="", encoding="utf-8") as handle:
        roles = {(row["verb"], row["question"]): question_role(row) for row in csv.DictReader(handle)}
    assert roles == {
        ("apologized", "Who apologized?"): "AGENT",  # subject of an active verb
        ("apologized", "Who did someone apologize to?"): "TARGET",  # the recipient
        ("apologized", "What did someone apologize for?"): None,  # a cause
        ("exploded", "Who exploded in doing something?"): "AGENT",
        ("exploded", "Why did someone explode in something?"): None,
        ("stealing", "Where was someone stealing from?"): "PLACE",
        ("stealing", "What was stolen from someone?"): "TARGET",  # subject of a passive verb
        ("stealing", "Who was stealing?"): "AGENT",
        ("charged", "When did someone charge someone?"): "TIME",
        ("charged", "Who did someone charge?"): "TARGET",  # the object
        ("charged", "Who charged someone?"): "AGENT",
        ("charged", "What was someone charged with?"): None,  # "with" after a passive verb: the charge
        ("listed", "What was listed?"): "TARGET",
        ("listed", "What did something list?"): "TARGET",
        ("submerged", "What was submerged?"): "TARGET",
        ("submerged", "What has something been submerged by?"): "AGENT",  # the passive's by-phrase
        ("prepare", "When might someone prepare for something?"): "TIME",
        ("prepare", "Why might something be prepared for something?"): None,
        ("prepare", "Who might prepare for something?"): "AGENT",
        ("prepare", "What might someone prepare for?"): None,  # "for": a purpose, not a participant
        ("predicted", "Where is something being predicted?"): "PLACE",
        ("predicted", "How is something being predicted?"): None,
        ("predicted", "When is something predicted?"): "TIME",
        ("predicted", "What is being predicted?"): "TARGET",
        ("have", "Why might something have to do something?"): None,
        ("have", "What might have to do something?"): "AGENT",
        ("have", "When might something have to do something?"): "TIME",
        ("have", "What might something have to do?"): "TARGET",
    }


def test_a_to_do_question_and_a_particle():
    base = {"subj": "someone", "obj": "", "obj2": "", "is_passive": "False"}
    assert question_role({**base, "wh": "what", "prep": "to do"}) is None  # "What did someone try to do?"
    assert question_role({**base, "wh": "what", "prep": "up"}) == "TARGET"  # "What did someone give up?"
    assert question_role({**base, "wh": "who", "prep": "with"}) == "TARGET"  # "Who did someone meet with?"
    assert question_role({**base, "wh": "how much", "prep": ""}) is None


def test_examples_of_the_excerpt():
    examples = {(e.sentence_id.split(":")[2], e.tokens[e.trigger]): e for e in read_examples(GOLD, SENTENCES)}
    assert len(examples) == 9
    charged = examples[("713110", "charged")]
    assert [(" ".join(charged.tokens[s:e]), role) for s, e, role in charged.spans] == [
        ("Yesterday", "TIME"),
        ("the Milwaukee County district attorney", "AGENT"),
        ("Cory J. Feerick", "TARGET"),  # two answers of one question: two spans
        ("a 33-year-old from Brookfield", "TARGET"),
    ]
    assert charged.tags()[:10] == ["B-TIME", "O", "B-AGENT", "I-AGENT", "I-AGENT", "I-AGENT", "I-AGENT", "O",
                                   "B-TARGET", "I-TARGET"]
    predicted = examples[("744655", "predicted")]
    assert [(" ".join(predicted.tokens[s:e]), role) for s, e, role in predicted.spans] == [
        ("The island", "PLACE"), ("under sea", "PLACE"), ("earthquake", "TARGET"), ("in the next week", "TIME")]
    # "Where ... stealing from?" answered with the preposition: PLACE keeps what the annotator marked.
    stealing = examples[("713110", "stealing")]
    assert ("from fast food restaurants and university toilets and urinals", "PLACE") in [
        (" ".join(stealing.tokens[s:e]), role) for s, e, role in stealing.spans]
    assert charged.char_span(2, 7) == (12, 50) and charged.text[12:50] == "the Milwaukee County district attorney"


def test_overlapping_answers_merge_and_earlier_roles_win():
    assert merge_overlapping([(4, 6), (0, 2), (1, 3), (3, 4)]) == [(0, 3), (3, 4), (4, 6)]
    # The TARGET span overlaps the AGENT span and is dropped; the PLACE span covers the trigger (5) and is dropped.
    assert resolve_roles({"TARGET": [(1, 3), (7, 9)], "AGENT": [(0, 2)], "PLACE": [(4, 6)], "TIME": [(9, 10)]}, 5) == (
        (0, 2, "AGENT"), (7, 9, "TARGET"), (9, 10, "TIME"))


def test_an_answer_outside_its_sentence_is_e051(tmp_path):
    gold = tmp_path / "bad.gold.csv"
    text = GOLD.read_text(encoding="utf-8").replace(",1:2,Garzón,", ",1:99,Garzón,")
    gold.write_text(text, encoding="utf-8")
    with pytest.raises(NewslakeError) as error:
        read_examples(gold, SENTENCES)
    assert error.value.code == "E051" and "1:99" in error.value.message
