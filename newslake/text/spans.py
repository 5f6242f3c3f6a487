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
    words = _words(probs, word_ids, offsets, aggregation)
    spans: list[Span] = []
    open_type: str | None = None
    begin = end = 0
    scores: list[float] = []
    for start, stop, distribution in words:
        best = int(distribution.argmax())
        prefix, kind = _split(labels[best])
        continues = prefix == "I" and kind == open_type
        if open_type is not None and not continues:
            spans.append(Span(begin, end, open_type, float(np.mean(scores))))
            open_type = None
        if kind is None:
            continue
        if open_type is None:
            open_type, begin, scores = kind, start, []
        end = stop
        scores.append(float(distribution[best]))
    if open_type is not None:
        spans.append(Span(begin, end, open_type, float(np.mean(scores))))
    return spans


def _words(
    probs: np.ndarray, word_ids: list[int | None], offsets: list[tuple[int, int]], aggregation: Aggregation
) -> list[tuple[int, int, np.ndarray]]:
    words: list[tuple[int, int, np.ndarray]] = []
    pieces: list[int] = []
    for i, word in enumerate(word_ids):
        if word is None:
            continue
        if pieces and word_ids[pieces[0]] != word:
            words.append(_word(probs, offsets, pieces, aggregation))
            pieces = []
        pieces.append(i)
    if pieces:
        words.append(_word(probs, offsets, pieces, aggregation))
    return words


def _word(probs: np.ndarray, offsets: list[tuple[int, int]], pieces: list[int], aggregation: Aggregation):
    if aggregation == "first":
        distribution = probs[pieces[0]]
    elif aggregation == "average":
        distribution = probs[pieces].mean(axis=0)
    elif aggregation == "max":
        distribution = probs[max(pieces, key=lambda i: probs[i].max())]
    else:
        raise ValueError(f"unknown aggregation {aggregation!r}; use first, average or max")
    return offsets[pieces[0]][0], offsets[pieces[-1]][1], distribution


def _split(label: str) -> tuple[str | None, str | None]:
    if label == "O":
        return None, None
    prefix, sep, kind = label.partition("-")
    if not sep:  # IO schemes: a bare type continues like I-
        return "I", label
    return prefix, kind
