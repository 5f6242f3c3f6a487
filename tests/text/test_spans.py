"""Postprocessing on hand-built probabilities: no model needed."""

import numpy as np
import pytest

from newslake.text.spans import Span, decode_spans

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
TEXT = "Joe Biden met RBC-Ukraine staff"
# tokens: joe | bid ##en | met | rb ##c | - | ukraine | staff
OFFSETS = [(0, 3), (4, 7), (7, 9), (10, 13), (14, 16), (16, 17), (17, 18), (18, 25), (26, 31)]
WORDS = [0, 1, 1, 2, 3, 3, 4, 5, 6]


def one_hot(*labels, confidence=0.9):
    probs = np.full((len(labels), len(LABELS)), (1 - confidence) / (len(LABELS) - 1), dtype=np.float32)
    for row, label in enumerate(labels):
        probs[row, LABELS.index(label)] = confidence
    return probs


def test_first_piece_decides_and_offsets_are_characters():
    probs = one_hot("B-PER", "I-PER", "O", "O", "B-ORG", "O", "I-ORG", "I-ORG", "O")
    spans = decode_spans(probs, WORDS, OFFSETS, LABELS, "first")
    assert [(TEXT[s.start : s.end], s.label) for s in spans] == [("Joe Biden", "PER"), ("RBC-Ukraine", "ORG")]
    assert spans[0] == Span(0, 9, "PER", pytest.approx(0.9))


def test_aggregation_strategies_differ_on_split_words():
    # "bid" says O, "##en" says I-PER strongly.
    probs = one_hot("B-PER", "O", "I-PER", "O", "O", "O", "O", "O", "O", confidence=0.6)
    probs[2] = one_hot("I-PER", confidence=0.99)[0]
    first = decode_spans(probs, WORDS, OFFSETS, LABELS, "first")
    best = decode_spans(probs, WORDS, OFFSETS, LABELS, "max")
    assert [(s.start, s.end) for s in first] == [(0, 3)]
    assert [(s.start, s.end) for s in best] == [(0, 9)]


def test_iob1_style_inside_tag_starts_an_entity_and_type_change_splits():
    probs = one_hot("I-PER", "I-ORG", "O", "O", "O", "O", "O", "O", "O")
    spans = decode_spans(probs, WORDS, OFFSETS, LABELS)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 3, "PER"), (4, 9, "ORG")]


def test_unknown_aggregation_is_refused():
    with pytest.raises(ValueError, match="unknown aggregation"):
        decode_spans(one_hot("O"), [0], [(0, 1)], LABELS, "mean")
