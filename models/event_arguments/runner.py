"""Argument spans for many queries at once: preprocess / _forward / postprocess (runtime/adapter.py).

Queries of all lengths share batches: sorted by length and cut so that each batch's padded size
(rows x longest row) stays within a token budget, as the article windows of the entity runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from newslake.models.event_arguments.encoding import EncodedQuery, collate, encode_query
from newslake.models.event_arguments.query import ArgumentQuery
from newslake.models.runtime.windows import Window, token_budget_batches
from newslake.text.spans import Span, decode_spans
from newslake.text.words import conll_word_spans


@dataclass
class QueryBatches:
    """The encoded queries, and which of them each batch holds with the batch's tensors."""

    queries: list[EncodedQuery]
    batches: list[tuple[list[int], dict[str, torch.Tensor]]]

    @property
    def model_inputs(self) -> list[dict[str, torch.Tensor]]:
        return [inputs for _, inputs in self.batches]


class ArgumentRunner:
    """`runner(queries)` -> per query, its AGENT / TARGET / PLACE / TIME spans (character offsets into its text,
    score = the mean probability of the span's words' labels)."""

    def __init__(self, forward: Callable[[dict[str, torch.Tensor]], torch.Tensor], tokenizer, labels: list[str],
                 max_pieces: int, token_budget: int = 8192,
                 words: Callable[[str], list[tuple[int, int]]] = conll_word_spans) -> None:
        self._model_forward = forward
        self.tokenizer = tokenizer
        self.labels = labels
        self.max_pieces = max_pieces
        self.token_budget = token_budget
        self._words = words  # QA-SRL tokens are PTB-style, as CoNLL's: the same word splitter fits

    def __call__(self, queries: Sequence[ArgumentQuery],
                 words: Sequence[list[tuple[int, int]]] | None = None) -> list[list[Span]]:
        """`words` (character spans per query) overrides the word splitter, e.g. with the gold tokens of dev data."""
        plan = self.preprocess(queries, words)
        return self.postprocess(plan, [self._forward(inputs) for inputs in plan.model_inputs])

    def preprocess(self, queries: Sequence[ArgumentQuery],
                   words: Sequence[list[tuple[int, int]]] | None = None) -> QueryBatches:
        encoded = [encode_query(self.tokenizer, query, None if words is None else words[i], self._words,
                                self.max_pieces) for i, query in enumerate(queries)]
        windows = [Window(i, 0, len(q) - 2, 0, len(q) - 2) for i, q in enumerate(encoded)]
        batches = []
        # The queries of one text share batches, and no other text's do: a query's spans depend on its text alone.
        for batch in token_budget_batches(windows, self.token_budget, group=lambda w: queries[w.article].text):
            rows = [w.article for w in batch]
            batches.append((rows, collate([encoded[i] for i in rows], self.tokenizer.pad_token_id)))
        return QueryBatches(encoded, batches)

    def _forward(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        with torch.inference_mode():
            return self._model_forward(inputs).float().softmax(dim=-1)

    def postprocess(self, plan: QueryBatches, outputs: Sequence[torch.Tensor]) -> list[list[Span]]:
        spans: list[list[Span]] = [[] for _ in plan.queries]
        for (rows, _), output in zip(plan.batches, outputs):
            probs = output.numpy()
            for row, index in enumerate(rows):
                query = plan.queries[index]
                spans[index] = decode_spans(probs[row, : len(query)], query.word_ids, query.offsets, self.labels)
        return spans


def tagger_forward(model: torch.nn.Module) -> Callable[[dict[str, torch.Tensor]], torch.Tensor]:
    """The forward of an ArgumentTagger (or its int8 copy) on a collated batch."""
    def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        return model(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"], inputs["trigger_ids"])

    return forward
