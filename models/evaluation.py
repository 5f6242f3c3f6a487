"""Score a pipeline entity model on a CoNLL-format file, through the same runtime the pipeline uses.

Each sentence's tokens are joined by single spaces into a text, the model tags
the texts exactly as it tags articles (windows, batching, aggregation,
quantisation), with the file's tokens as its words, and its character spans
are turned back into one BIO tag per token. So the figure measures the
pipeline's runtime, for any model the registry can load; how well the
pipeline splits raw articles into words is not part of it.

With `documents=True` each document's sentences (between -DOCSTART- lines) are
one text, a line per sentence, as an article is: the windows then span
sentences, so the figure says what window length and overlap cost on articles,
which a sentence at a time cannot show.
"""

from __future__ import annotations

import time
from pathlib import Path

from newslake.models.entities.conll import Sentence, read_conll
from newslake.models.entities.evaluate import entity_metrics
from newslake.models.registry import LoadedModel
from newslake.text.spans import Span

CHUNK = 512  # sentences per call: bounded memory on large files


def evaluate_entities(model: LoadedModel, data: str | Path, documents: bool = False) -> dict:
    sentences = read_conll(data)
    units = _documents(sentences) if documents else [[s] for s in sentences]  # the texts the model tags
    predicted: list[list[str]] = []
    started = time.perf_counter()
    for begin in range(0, len(units), CHUNK):
        chunk = units[begin : begin + CHUNK]
        texts, word_spans = zip(*(_join([s.tokens for s in unit]) for unit in chunk))
        for spans, words, unit in zip(model.runner(list(texts), list(word_spans)), word_spans, chunk):
            tags = _tags(spans, words)
            for sentence in unit:  # back to one tag list per sentence
                predicted.append(tags[: len(sentence.tokens)])
                tags = tags[len(sentence.tokens) :]
    seconds = time.perf_counter() - started
    types = sorted({t[2:] for s in sentences for t in s.tags if t != "O"})
    metrics = entity_metrics([s.tags for s in sentences], predicted, types)
    n_tokens = sum(len(s.tokens) for s in sentences)
    return {**metrics, "model": model.name, "texts": "documents" if documents else "sentences",
            "sentences_per_second": round(len(sentences) / seconds, 1),
            "tokens_per_second": round(n_tokens / seconds, 1)}  # fmt: skip


def _documents(sentences: list[Sentence]) -> list[list[Sentence]]:
    grouped: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        grouped.setdefault(sentence.document, []).append(sentence)
    return list(grouped.values())


def _join(lines: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """The text of sentences' tokens, spaces between tokens and a newline between sentences, and each token's span."""
    spans, position = [], 0
    for tokens in lines:
        for token in tokens:
            spans.append((position, position + len(token)))
            position += len(token) + 1
    return "\n".join(" ".join(tokens) for tokens in lines), spans


def _tags(spans: list[Span], words: list[tuple[int, int]]) -> list[str]:
    tags = ["O"] * len(words)
    for span in spans:
        inside = [i for i, (start, end) in enumerate(words) if start < span.end and span.start < end]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + span.label
    return tags
