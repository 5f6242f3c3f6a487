"""Wordpiece label probabilities -> SOURCE / CUE / CONTENT spans with character offsets.

Two steps:
  1. `decode_spans` of the shared runtime: pieces are grouped into words (so spans snap to word
     boundaries), each word takes the label its pieces give it under an explicit aggregation,
     and the words are read as BIO.
  2. `merge_fragments`: a tagger often breaks a long content span at a comma or a quote mark
     (PITFALLS.md); two CONTENT spans separated only by whitespace and punctuation become one,
     unless the gap holds a line break or sentence-final punctuation: there two gold contents of
     different attributions often meet ("...percent.\n\n\"That was...").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newslake.models.attribution.data import LABELS
from newslake.models.entities.casing import is_punctuation
from newslake.text.spans import Aggregation, Span, decode_spans


def is_tight_gap(text: str) -> bool:
    """True when `text` (what lies between two spans) holds nothing but whitespace and punctuation."""
    return all(char.isspace() or is_punctuation(char) for char in text)


def is_joinable_gap(text: str) -> bool:
    """A tight gap inside one sentence: no line break, no sentence-final punctuation."""
    return is_tight_gap(text) and not any(char in ".!?\u2026\n" for char in text)


def merge_fragments(spans: Sequence[Span], text: str, kinds: tuple[str, ...] = ("CONTENT",)) -> list[Span]:
    """Spans in text order, with consecutive spans of a type in `kinds` joined across tight gaps.

    The joined span's score is the length-weighted mean of its parts.
    """
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        last = merged[-1] if merged else None
        if (last is not None and span.label in kinds and last.label == span.label and last.end <= span.start
                and is_joinable_gap(text[last.end : span.start])):
            weight_last, weight_span = last.end - last.start, span.end - span.start
            score = (last.score * weight_last + span.score * weight_span) / max(1, weight_last + weight_span)
            merged[-1] = Span(last.start, span.end, span.label, float(score))
        else:
            merged.append(span)
    return merged


def decode(probabilities: np.ndarray, word_ids: list[int | None], offsets: list[tuple[int, int]], text: str,
           aggregation: Aggregation = "first", merge: bool = True) -> list[Span]:
    """Spans of one article from its per-piece probabilities over LABELS (rows in article token order)."""
    spans = decode_spans(probabilities, word_ids, offsets, list(LABELS), aggregation)
    return merge_fragments(spans, text) if merge else sorted(spans, key=lambda s: (s.start, s.end))
