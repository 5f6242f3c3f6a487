"""Decoding on hand-built label sequences, and content fragment merging: no model needed."""

import numpy as np
import pytest

from newslake.models.attribution.data import LABELS
from newslake.models.attribution.decode import decode, merge_fragments
from newslake.text.spans import Span

TEXT = "The ministry claimed that six missiles were fired."
# pieces: the | ministry | claimed | that | six | miss ##iles | were | fired | .
OFFSETS = [(0, 3), (4, 12), (13, 20), (21, 25), (26, 29), (30, 34), (34, 38), (39, 43), (44, 49), (49, 50)]
WORDS = [0, 1, 2, 3, 4, 5, 5, 6, 7, 8]


def one_hot(*labels, confidence=0.9):
    probs = np.full((len(labels), len(LABELS)), (1 - confidence) / (len(LABELS) - 1), dtype=np.float32)
    for row, label in enumerate(labels):
        probs[row, LABELS.index(label)] = confidence
    return probs


def texts(spans):
    return [(s.label, TEXT[s.start : s.end]) for s in spans]


def test_labels_per_piece_become_word_snapped_character_spans():
    # "##iles" says O, but the word's first piece decides: the span keeps the whole word.
    probs = one_hot("B-SOURCE", "I-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O", "I-CONTENT",
                    "I-CONTENT", "O")
    spans = decode(probs, WORDS, OFFSETS, TEXT)
    assert texts(spans) == [("SOURCE", "The ministry"), ("CUE", "claimed"),
                            ("CONTENT", "that six missiles were fired")]
    assert spans[2] == Span(21, 49, "CONTENT", pytest.approx(0.9))


def test_b_tag_splits_adjacent_spans_of_one_type_and_inside_after_o_starts_one():
    probs = one_hot("B-SOURCE", "B-SOURCE", "O", "I-CONTENT", "O", "O", "O", "O", "B-CUE", "O")
    assert texts(decode(probs, WORDS, OFFSETS, TEXT)) == [
        ("SOURCE", "The"), ("SOURCE", "ministry"), ("CONTENT", "that"), ("CUE", "fired")]


def test_max_aggregation_lets_the_surest_piece_decide():
    probs = one_hot("O", "O", "O", "O", "O", "O", "B-CUE", "O", "O", "O", confidence=0.6)
    probs[5] = one_hot("O", confidence=0.4)[0]  # "miss" is unsure; "##iles" is sure of B-CUE
    assert texts(decode(probs, WORDS, OFFSETS, TEXT, aggregation="first")) == []
    assert texts(decode(probs, WORDS, OFFSETS, TEXT, aggregation="max")) == [("CUE", "missiles")]


MERGE_TEXT = "it was, he said, “fine,” and then.\n\nNext part here"


def span(label, piece, score=1.0, start_at=0):
    start = MERGE_TEXT.index(piece, start_at)
    return Span(start, start + len(piece), label, score)


def test_content_pieces_split_by_punctuation_are_merged_with_a_length_weighted_score():
    spans = [span("CONTENT", "“fine"), span("CONTENT", "and then", score=0.5)]
    (merged,) = merge_fragments(spans, MERGE_TEXT)
    assert MERGE_TEXT[merged.start : merged.end] == "“fine,” and then"
    assert merged.label == "CONTENT"
    assert merged.score == pytest.approx((5 * 1.0 + 8 * 0.5) / 13)


def test_words_line_breaks_and_sentence_ends_keep_content_pieces_apart():
    words_between = [span("CONTENT", "it was"), span("CONTENT", "“fine")]  # ", he said, " has words
    across_paragraph = [span("CONTENT", "and then"), span("CONTENT", "Next part")]  # ".\n\n"
    assert len(merge_fragments(words_between, MERGE_TEXT)) == 2
    assert len(merge_fragments(across_paragraph, MERGE_TEXT)) == 2


def test_only_content_is_merged():
    spans = [span("SOURCE", "it"), span("SOURCE", "was")]
    assert merge_fragments(spans, MERGE_TEXT) == spans
