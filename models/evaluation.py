"""Score a pipeline entity model on a CoNLL-format file, through the same runtime the pipeline uses.

Each sentence's tokens are joined by single spaces into a text, the model tags
the texts exactly as it tags articles (windows, batching, aggregation,
quantisation), with the file's tokens as its words, and its character spans
are turned back into one BIO tag per token. So the figure measures the
pipeline's runtime, for any model the registry can load; how well the
pipeline splits raw articles into words is not part of it.
"""

from __future__ import annotations

import time
from pathlib import Path

from newslake.models.entities.conll import read_conll
from newslake.models.entities.evaluate import entity_metrics
from newslake.models.registry import LoadedModel
from newslake.text.spans import Span

CHUNK = 512  # sentences per call: bounded memory on large files


def evaluate_entities(model: LoadedModel, data: str | Path) -> dict:
    sentences = read_conll(data)
    predicted: list[list[str]] = []
    started = time.perf_counter()
    for begin in range(0, len(sentences), CHUNK):
        chunk = sentences[begin : begin + CHUNK]
        texts, word_spans = zip(*(_join(s.tokens) for s in chunk))
        for spans, words in zip(model.runner(list(texts), list(word_spans)), word_spans):
            predicted.append(_tags(spans, words))
    seconds = time.perf_counter() - started
    types = sorted({t[2:] for s in sentences for t in s.tags if t != "O"})
    metrics = entity_metrics([s.tags for s in sentences], predicted, types)
    n_tokens = sum(len(s.tokens) for s in sentences)
    return {**metrics, "model": model.name, "sentences_per_second": round(len(sentences) / seconds, 1),
            "tokens_per_second": round(n_tokens / seconds, 1)}  # fmt: skip


def _join(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, position = [], 0
    for token in tokens:
        spans.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(tokens), spans


def _tags(spans: list[Span], words: list[tuple[int, int]]) -> list[str]:
    tags = ["O"] * len(words)
    for span in spans:
        inside = [i for i, (start, end) in enumerate(words) if start < span.end and span.start < end]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + span.label
    return tags
