"""Token probabilities -> entity spans with character offsets (the postprocess step).

Aggregation over the pieces of a word is explicit, as in the Hugging Face
pipeline: `first` (the first piece decides, as the default model was trained),
`average` (mean of the pieces' distributions) or `max` (the most confident piece).
Words are then decoded as BIO: an entity starts at `B-X`, or at `I-X` after a
word of another type (so IOB1-trained models decode too), and continues over
`I-X` words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Aggregation = Literal["first", "average", "max"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str
    score: float


def decode_spans(
    probs: np.ndarray,
    word_ids: list[int | None],
    offsets: list[tuple[int, int]],
    labels: list[str],
    aggregation: Aggregation = "first",
) -> list[Span]:
    """`probs[i]` is token i's label distribution; tokens sharing a word id form one word."""
    words = _word_pieces(word_ids)
    if not words:
        return []
    distributions = _distributions(probs, words, aggregation)  # one row per word
    best = distributions.argmax(axis=1)  # every word's label at once: a text has thousands
    confidence = distributions[np.arange(len(words)), best].tolist()
    tags = [_split(label) for label in labels]
    spans: list[Span] = []
    open_type: str | None = None
    begin = end = 0
    scores: list[float] = []
    for pieces, label, score in zip(words, best.tolist(), confidence):
        prefix, kind = tags[label]
        continues = prefix == "I" and kind == open_type
        if open_type is not None and not continues:
            spans.append(Span(begin, end, open_type, float(np.mean(scores))))
            open_type = None
        if kind is None:
            continue
        if open_type is None:
            open_type, begin, scores = kind, offsets[pieces[0]][0], []
        end = offsets[pieces[-1]][1]
        scores.append(score)
    if open_type is not None:
        spans.append(Span(begin, end, open_type, float(np.mean(scores))))
    return spans


def _word_pieces(word_ids: list[int | None]) -> list[list[int]]:
    """The token indices of each word, in order (tokens without a word id are left out)."""
    words: list[list[int]] = []
    pieces: list[int] = []
    for i, word in enumerate(word_ids):
        if word is None:
            continue
        if pieces and word_ids[pieces[0]] != word:
            words.append(pieces)
            pieces = []
        pieces.append(i)
    if pieces:
        words.append(pieces)
    return words


def _distributions(probs: np.ndarray, words: list[list[int]], aggregation: Aggregation) -> np.ndarray:
    """Each word's label distribution from its pieces' (see `Aggregation`)."""
    if aggregation == "first":
        return probs[[pieces[0] for pieces in words]]
    if aggregation == "average":
        return np.stack([probs[pieces].mean(axis=0) for pieces in words])
    if aggregation == "max":
        return np.stack([probs[max(pieces, key=lambda i: probs[i].max())] for pieces in words])
    raise ValueError(f"unknown aggregation {aggregation!r}; use first, average or max")


def _split(label: str) -> tuple[str | None, str | None]:
    if label == "O":
        return None, None
    prefix, sep, kind = label.partition("-")
    if not sep:  # IO schemes: a bare type continues like I-
        return "I", label
    return prefix, kind
