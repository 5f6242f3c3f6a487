"""Hand-annotated events (gold format) -> argument examples: spans found in the trigger's sentence, actors the
sentence does not name left out, date words and possible short mentions kept out of the loss."""

import json
from collections import Counter
from dataclasses import replace

import pytest

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.event_arguments.annotated import data_record, nearest_occurrence, read_annotated
from newslake.models.event_arguments.encoding import TRIGGER
from newslake.models.event_arguments.network import LABELS
from newslake.models.event_arguments.train import labelled_queries, with_qasrl_spans_open
from newslake.models.registry import DEFAULT_ARGUMENT_MODEL
from newslake.models.runtime.encoder import load_base_tokenizer
from newslake.text.words import conll_word_spans

TEXT = ("Russian troops shelled Kharkiv on Tuesday, killing two civilians. "
        "The governor said the troops attacked a school. "
        "Kyiv called on Moscow to withdraw, and Moscow refused yesterday.")


def _trigger(words: str, after: int = 0) -> dict:
    start = TEXT.index(words, after)
    return {"start": start, "end": start + len(words), "text": words}


def _event(category: str, triggers: list[dict], actors: list[tuple[str, str]], location: str | None) -> dict:
    return {"category": category, "cameo": None, "modality": "asserted", "triggers": triggers,
            "event_date": None, "date_precision": "unknown", "location": location,
            "actors": [{"role": role, "text": text} for role, text in actors], "weapon": None, "quantities": []}


DOCUMENT = {"doc_id": "a1", "published_at": "2024-05-15", "text": TEXT, "events": [
    _event("ASSAULT", [_trigger("shelled"), _trigger("attacked")],
           [("agent", "Russian troops"), ("target", "civilians")], "Kharkiv"),
    _event("REQUEST", [_trigger("called on")], [("agent", "Kyiv"), ("target", "Moscow")], None),
    _event("REJECT", [_trigger("refused")], [("agent", "Moscow"), ("target", "Ukrainian government")], None),
]}


@pytest.fixture()
def gold(tmp_path):
    path = tmp_path / "events-train-x.jsonl"
    path.write_text(json.dumps(DOCUMENT) + "\n", encoding="utf-8")
    return path


def _read(path):
    annotated = read_annotated([path])
    return annotated, [(e.sentence_id, e.tokens[e.trigger:e.trigger + e.trigger_length],
                        [(" ".join(e.tokens[s:t]), role) for s, t, role in e.spans],
                        [e.tokens[i] for i in e.ignored]) for e in annotated.examples]


def test_each_trigger_becomes_an_example_of_its_sentence(gold):
    annotated, readable = _read(gold)
    assert readable == [
        # agent, target and place found; "on Tuesday" is a date, its words not taught
        ("events-train-x.jsonl:a1:0", ("shelled",),
         [("Russian troops", "AGENT"), ("Kharkiv", "PLACE"), ("civilians", "TARGET")], ["on", "Tuesday"]),
        # neither actor nor the location is named here; "troops" may be the agent's short mention
        ("events-train-x.jsonl:a1:66", ("attacked",), [], ["troops"]),
        # a two-word trigger; of two "Moscow", the nearer
        ("events-train-x.jsonl:a1:114", ("called", "on"), [("Kyiv", "AGENT"), ("Moscow", "TARGET")], ["yesterday"]),
        ("events-train-x.jsonl:a1:114", ("refused",), [("Moscow", "AGENT")], ["yesterday"]),
    ]
    called, refused = annotated.examples[2:]
    assert (called.trigger, called.trigger_length, called.spans) == (1, 2, ((0, 1, "AGENT"), (3, 4, "TARGET")))
    assert (refused.trigger, refused.spans, refused.ignored) == (9, ((8, 9, "AGENT"),), (10,))
    assert annotated.tally == Counter({"actors found": 5, "actors not in the sentence": 3, "locations found": 1,
                                       "locations not in the sentence": 1, "date words ignored": 4,
                                       "actor mention words ignored": 1})


def test_the_data_record_counts_files_examples_and_spans(gold):
    annotated = read_annotated([gold])
    record = data_record([gold], annotated, annotated.examples[:3])
    assert record == {"files": {"events-train-x.jsonl": file_sha256(gold)}, "examples_in_files": 4, "examples": 3,
                      "sentences": 3, "spans": {"AGENT": 2, "PLACE": 1, "TARGET": 2}, "ignored_words": 4,
                      "tally": dict(sorted(annotated.tally.items()))}


def test_an_actor_only_on_the_trigger_is_no_argument():
    text = "Protesters marched in Minsk, and protesters were detained."
    words = conll_word_spans(text)
    assert nearest_occurrence(text, words, "Protesters", (0, 1)) == (None, "only on the trigger")
    assert nearest_occurrence(text, words, "protesters", (8, 9)) == ((6, 7), "found")
    assert nearest_occurrence(text, words, "Minsk", (1, 2)) == ((3, 4), "found")
    assert nearest_occurrence(text, words, "Mins", (1, 2)) == (None, "not in the sentence")  # whole words only


def test_an_unknown_actor_role_is_e050(tmp_path):
    document = json.loads(json.dumps(DOCUMENT))
    document["events"][1]["actors"][0]["role"] = "source"
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(document) + "\n", encoding="utf-8")
    with pytest.raises(NewslakeError) as error:
        read_annotated([path])
    assert error.value.code == "E050"
    assert error.value.message == "bad.jsonl:a1: event 2 has an actor of role 'source'; use one of agent, target"


def test_ignored_words_and_the_whole_trigger_reach_the_training_targets(gold):
    tokenizer = load_base_tokenizer()
    called = read_annotated([gold]).examples[2]
    [(encoded, targets)] = labelled_queries(tokenizer, [called], 96)
    index = {label: i for i, label in enumerate(LABELS)}
    first = {w: i for i, w in reversed(list(enumerate(encoded.word_ids))) if w is not None}
    assert [targets[first[w]] for w in range(len(called.tokens))] == [
        (index["B-AGENT"],), (index["O"],), (index["O"],), (index["B-TARGET"],), *[(index["O"],)] * 6, (), (index["O"],)]
    assert [w for w, t in zip(encoded.word_ids, encoded.trigger_ids) if t == TRIGGER] == [1, 2]


def test_open_targets_teach_o_or_target_outside_the_annotated_spans(gold):
    """"Kyiv called on Moscow to withdraw": "withdraw" is no named participant, so the annotation leaves it
    unmarked; with TARGET open it is taught "O or TARGET", while the annotated spans, the trigger and the
    ignored date word stay as they were."""
    tokenizer = load_base_tokenizer()
    called = read_annotated([gold]).examples[2]
    called = replace(called, open_words=tuple((i, "TARGET") for i in range(len(called.tokens))))
    [(encoded, targets)] = labelled_queries(tokenizer, [called], 96)
    index = {label: i for i, label in enumerate(LABELS)}
    first = {w: i for i, w in reversed(list(enumerate(encoded.word_ids))) if w is not None}
    o_or_target = (index["O"], index["B-TARGET"], index["I-TARGET"])
    assert [targets[first[w]] for w in range(len(called.tokens))] == [
        (index["B-AGENT"],), o_or_target, o_or_target, (index["B-TARGET"],), *[o_or_target] * 6, (), o_or_target]


def test_qasrl_spans_open_only_what_the_qasrl_model_marks(gold):
    """Where the annotation is silent, the role the given model (here the shipped one) gives a word is open there:
    "The governor said the troops attacked a school" names no actor of the attack as the annotation wrote it, and
    the model marks "the troops" AGENT and "a school" TARGET, so "the" is taught "O or AGENT" (the ignored "troops"
    stays ignored) and "a school" "O or TARGET"; "Tuesday" is open as TIME, and "yesterday" for "refused" only."""
    examples = with_qasrl_spans_open(read_annotated([gold]).examples, DEFAULT_ARGUMENT_MODEL)
    assert [(e.tokens[e.trigger], [(e.tokens[i], role) for i, role in e.open_words]) for e in examples] == [
        ("shelled", [("Tuesday", "TIME")]),
        ("attacked", [("the", "AGENT"), ("troops", "AGENT"), ("a", "TARGET"), ("school", "TARGET")]),
        ("called", []), ("refused", [("yesterday", "TIME")])]
    tokenizer = load_base_tokenizer()
    [(encoded, targets)] = labelled_queries(tokenizer, [examples[1]], 96)
    index = {label: i for i, label in enumerate(LABELS)}
    first = {w: i for i, w in reversed(list(enumerate(encoded.word_ids))) if w is not None}
    o_or_target = (index["O"], index["B-TARGET"], index["I-TARGET"])
    o_or_agent = (index["O"], index["B-AGENT"], index["I-AGENT"])
    assert [targets[first[w]] for w in range(len(examples[1].tokens))] == [
        # "troops" may be the agent's short mention: not taught; the trigger "attacked" is O
        (index["O"],), (index["O"],), (index["O"],), o_or_agent, (), (index["O"],), o_or_target, o_or_target,
        (index["O"],)]
