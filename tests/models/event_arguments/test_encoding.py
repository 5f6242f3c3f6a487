"""Queries -> model inputs (the trigger marked, labels at first wordpieces) and model outputs -> character spans,
on hand-built probabilities: no trained model needed."""

import numpy as np
import pytest
import torch

from newslake.errors import NewslakeError
from newslake.models.event_arguments.encoding import CONTEXT, SPECIAL, TRIGGER, collate, encode_query
from newslake.models.event_arguments.network import LABELS
from newslake.models.event_arguments.plover import parse_markup
from newslake.models.event_arguments.qasrl import ArgumentExample
from newslake.models.event_arguments.query import ArgumentQuery
from newslake.models.event_arguments.runner import ArgumentRunner
from newslake.models.event_arguments.train import allowed_labels_loss, labelled_queries
from newslake.models.runtime.encoder import load_base_tokenizer
from newslake.text.words import conll_word_spans

TEXT = "Headline. Police arrested two men in Paris on Tuesday. Next sentence."
SENTENCE = (10, 54)
ARRESTED = (17, 25)


@pytest.fixture(scope="module")
def tokenizer():
    return load_base_tokenizer()


def pieces(tokenizer, encoded):
    return tokenizer.convert_ids_to_tokens(encoded.input_ids)


def test_the_trigger_pieces_are_marked_and_offsets_point_into_the_text(tokenizer):
    encoded = encode_query(tokenizer, ArgumentQuery(TEXT, SENTENCE, ARRESTED), None, conll_word_spans, 96)
    assert pieces(tokenizer, encoded) == ["[CLS]", "police", "arrested", "two", "men", "in", "paris", "on", "tuesday",
                                          ".", "[SEP]"]
    assert encoded.trigger_ids == [SPECIAL, CONTEXT, TRIGGER] + [CONTEXT] * 7 + [SPECIAL]
    assert [TEXT[a:b] for a, b in encoded.offsets[1:-1]] == ["Police", "arrested", "two", "men", "in", "Paris", "on",
                                                               "Tuesday", "."]
    assert encoded.word_ids == [None, 0, 1, 2, 3, 4, 5, 6, 7, 8, None]
    assert encoded.casing_ids[1] == 2 and encoded.casing_ids[2] == 1  # title case, lower case (casing.py)


def test_a_long_sentence_is_cut_to_a_window_around_the_trigger(tokenizer):
    words = [f"w{i}" for i in range(60)]
    words[45] = "attacked"
    text = " ".join(words)
    start = text.index("attacked")
    encoded = encode_query(tokenizer, ArgumentQuery(text, (0, len(text)), (start, start + 8)), None,
                           conll_word_spans, 20)
    assert len(encoded) == 22
    marked = [i for i, t in enumerate(encoded.trigger_ids) if t == TRIGGER]
    assert pieces(tokenizer, encoded)[marked[0]] == "attacked"
    # Centred: as many pieces before the trigger as after it, give or take one.
    assert abs((marked[0] - 1) - (len(encoded) - 2 - marked[-1])) <= 1


def test_targets_sit_on_the_first_piece_of_each_word(tokenizer):
    example = ArgumentExample("s", ("Zelenskyy", "visited", "Kyiv"), 1, ((0, 1, "AGENT"), (2, 3, "PLACE")))
    [(encoded, targets)] = labelled_queries(tokenizer, [example], 96)
    assert pieces(tokenizer, encoded) == ["[CLS]", "ze", "##len", "##sky", "##y", "visited", "kyiv", "[SEP]"]
    index = {label: i for i, label in enumerate(LABELS)}
    first = [i for i, w in enumerate(encoded.word_ids) if w is not None and (i == 0 or encoded.word_ids[i - 1] != w)]
    assert [targets[i] for i in first] == [(index["B-AGENT"],), (index["O"],), (index["B-PLACE"],)]
    assert all(t == () for i, t in enumerate(targets) if i not in first)
    assert encoded.trigger_ids[first[1]] == TRIGGER


def test_the_loss_is_cross_entropy_for_one_label_and_the_allowed_mass_for_several():
    logits = torch.tensor([[[2.0, 0.0, 1.0], [0.5, 0.5, 3.0], [9.0, 9.0, 9.0]]])
    allowed = torch.tensor([[[True, False, False], [True, False, True], [False, False, False]]])
    loss = allowed_labels_loss(logits, allowed)
    probabilities = torch.softmax(logits[0, :2], dim=-1)
    # the first piece: -log P(label 0); the second: -log (P(0) + P(2)); the third is not taught
    expected = -(torch.log(probabilities[0, 0]) + torch.log(probabilities[1, 0] + probabilities[1, 2])) / 2
    assert torch.isclose(loss, expected)
    assert torch.isclose(loss, torch.nn.functional.cross_entropy(logits[0, :1], torch.tensor([0])) / 2
                         - torch.log(probabilities[1, 0] + probabilities[1, 2]) / 2)


def test_queries_outside_their_text_are_e038(tokenizer):
    for query in (ArgumentQuery(TEXT, SENTENCE, (5, 9)),  # trigger outside the sentence
                  ArgumentQuery(TEXT, (0, 500), ARRESTED),  # sentence outside the text
                  ArgumentQuery(TEXT, SENTENCE, (16, 17))):  # a blank trigger
        with pytest.raises(NewslakeError) as error:
            encode_query(tokenizer, query, None, conll_word_spans, 96)
        assert error.value.code == "E038"


def test_probabilities_decode_to_character_spans_of_the_text(tokenizer):
    runner = ArgumentRunner(forward=None, tokenizer=tokenizer, labels=LABELS, max_pieces=96, token_budget=20)
    short = ArgumentQuery("Rebels shelled Donetsk.", (0, 23), (7, 14))
    plan = runner.preprocess([ArgumentQuery(TEXT, SENTENCE, ARRESTED), short])
    assert [rows for rows, _ in plan.batches] == [[0], [1]]  # one text's queries a batch, in the order of the texts
    tags = {0: ["O", "B-AGENT", "O", "B-TARGET", "I-TARGET", "O", "B-PLACE", "B-TIME", "I-TIME", "O", "O"],
            1: ["O", "B-AGENT", "O", "B-TIME", "B-TARGET", "O", "O"]}
    outputs = []
    for rows, inputs in plan.batches:
        probs = torch.zeros((*inputs["input_ids"].shape, len(LABELS)))
        for row, index in enumerate(rows):
            for position, tag in enumerate(tags[index]):
                probs[row, position, LABELS.index(tag)] = 1.0
        outputs.append(probs)
    spans = runner.postprocess(plan, outputs)
    assert [(TEXT[s.start:s.end], s.label) for s in spans[0]] == [
        ("Police", "AGENT"), ("two men", "TARGET"), ("Paris", "PLACE"), ("on Tuesday", "TIME")]
    # "shelled" is two pieces of one word: labels are read at its first piece only.
    assert [(short.text[s.start:s.end], s.label) for s in spans[1]] == [("Rebels", "AGENT"), ("Donetsk", "TARGET")]
    assert all(np.isclose(s.score, 1.0) for s in spans[0])


def test_collate_pads_with_special(tokenizer):
    a = encode_query(tokenizer, ArgumentQuery(TEXT, SENTENCE, ARRESTED), None, conll_word_spans, 96)
    b = encode_query(tokenizer, ArgumentQuery("Rebels shelled Donetsk.", (0, 23), (7, 14)), None, conll_word_spans, 96)
    batch = collate([a, b], tokenizer.pad_token_id)
    assert batch["input_ids"].shape == (2, 11)
    assert batch["attention_mask"][1].tolist() == [1] * len(b) + [0] * (11 - len(b))
    assert batch["trigger_ids"][1, len(b):].tolist() == [SPECIAL] * (11 - len(b))


def test_plover_markup_with_nested_and_plain_brackets():
    text, spans = parse_markup("The (SRC: United Nations) (EVT: has sent) 21 (SRC: military personnel) "
                               "(LOC:to (TAR: Bosnia)) on Wednesday, the World Food Program (WFP) said.")
    assert text == ("The United Nations has sent 21 military personnel to Bosnia on Wednesday, "
                    "the World Food Program (WFP) said.")
    assert [(text[s:e], tag) for s, e, tag in spans] == [
        ("United Nations", "SRC"), ("has sent", "EVT"), ("military personnel", "SRC"), ("to Bosnia", "LOC"),
        ("Bosnia", "TAR")]
