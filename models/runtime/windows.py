"""Long articles -> overlapping token windows that start and end at sentence boundaries.

An article is tokenised once; windows are slices of its tokens. Consecutive
windows overlap by at least `overlap` tokens so that every token sees context on
both sides; where two windows overlap, each token is *owned* by the window in
which it sits farther from an edge (the overlap is split at its middle), so a
token's prediction is taken exactly once when the windows are merged back.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Window:
    """Tokens [start, stop) of one article; it owns the predictions for [own_start, own_stop)."""

    article: int
    start: int
    stop: int
    own_start: int
    own_stop: int

    @property
    def length(self) -> int:
        return self.stop - self.start


def plan_windows(
    article: int,
    token_starts: list[int],
    sentences: list[tuple[int, int]],
    max_tokens: int,
    overlap: int,
) -> list[Window]:
    """Windows of at most `max_tokens` tokens covering all tokens, cut at sentence starts where possible."""
    n = len(token_starts)
    if n == 0:
        return []
    # Token index at which each sentence starts; a window may begin at any of these.
    cuts = sorted({min(bisect_left(token_starts, start), n) for start, _ in sentences} | {0})
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        limit = start + max_tokens
        if limit >= n:
            spans.append((start, n))
            break
        # End at the last sentence start that fits; a sentence longer than a window is cut mid-way.
        stop = max((c for c in cuts if start < c <= limit), default=limit)
        spans.append((start, stop))
        # The next window starts at the last sentence start leaving at least `overlap`
        # tokens of shared context; inside an over-long sentence, `overlap` tokens back.
        back = [c for c in cuts if start < c <= stop - overlap]
        start = back[-1] if back else max(stop - overlap, start + 1)
    return _assign_ownership(article, spans)


def _assign_ownership(article: int, spans: list[tuple[int, int]]) -> list[Window]:
    windows = []
    for i, (start, stop) in enumerate(spans):
        own_start = start if i == 0 else (start + spans[i - 1][1]) // 2
        own_stop = stop if i == len(spans) - 1 else (spans[i + 1][0] + stop) // 2
        windows.append(Window(article, start, stop, own_start, own_stop))
    return windows


def token_budget_batches(windows: list[Window], budget: int, special_tokens: int = 2,
                         group: Callable[[Window], Hashable] | None = None) -> list[list[Window]]:
    """Batches of one group's windows each (by default, one article's), length-sorted, whose padded size (rows x
    longest row) stays within `budget` tokens.

    One group a batch, because under ONNX Runtime's int8 path a batch's activations share one quantisation scale:
    batched with other articles, a window's labels depended on which articles a shard happened to hold (the events
    of 40 of the 73 dev articles changed when the articles were read in reverse order). Sorting by length keeps
    padding small; a budget instead of a fixed batch size keeps memory and per-batch latency even between short and
    long windows.
    """
    key = group or (lambda window: window.article)
    batches: list[list[Window]] = []
    current: list[Window] = []
    rank: dict[Hashable, int] = {}  # groups in the order of their first article
    for window in sorted(windows, key=lambda w: (w.article, w.start)):
        rank.setdefault(key(window), len(rank))
    for window in sorted(windows, key=lambda w: (rank[key(w)], w.length, w.start)):
        width = window.length + special_tokens
        if current and (key(current[0]) != key(window) or width * (len(current) + 1) > budget):
            batches.append(current)
            current = []
        current.append(window)
    if current:
        batches.append(current)
    return batches
