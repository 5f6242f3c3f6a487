"""Articles per second of text models on the same articles: what the card's speed figures come from."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

WARMUP = 3  # articles run once before timing: first calls allocate and pick kernels


def read_articles(path: str | Path, n: int) -> list[str]:
    """The `text` of the first `n` records of a JSONL file (e.g. polnear/articles.jsonl)."""
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if len(texts) == n:
                break
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def articles_per_second(runners: dict[str, Callable[[Sequence[str]], object]], texts: Sequence[str],
                        repeats: int = 2) -> dict[str, float]:
    """Best of `repeats` timed runs of each runner over all `texts` at once (as a shard task runs them)."""
    result = {}
    for name, runner in runners.items():
        runner(list(texts[:WARMUP]))
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            runner(list(texts))
            best = min(best, time.perf_counter() - started)
        result[name] = round(len(texts) / best, 2)
    return result
