"""Sentence vectors from the base encoder: mean-pooled last hidden states, unit length.

The base MiniLM was trained as a sentence encoder with exactly this pooling, so its untuned vectors
are meaningful without fine-tuning. Two stages read them: stories compare event mentions by the
sentences that state them (and their article's lead), and the stance model's first stage tells
related from unrelated pairs and picks evidence sentences. Both run this one class, so both take
the same runtimes (`quantize`, docs/speed.md): the pooling is part of the network, so an ONNX graph
returns the vectors themselves.

Each distinct input is encoded once per `SentenceVectors` while it is among the last `CACHE_SIZE`
encoded (wire copies and repeated sentences cost nothing the second time; memory stays flat over a
night's shards); the cache is keyed by the wordpieces after truncation, so the same sentence read
at two `max_tokens` shares one vector whenever neither cut it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from newslake.models.runtime.encoder import BASE_PACKAGE, base_fingerprint, load_base_encoder, load_base_tokenizer

DIM = 384
BATCH_TOKENS = 8192  # padded wordpieces per forward pass: bounds memory whatever the text lengths
CACHE_SIZE = 50_000  # vectors kept (77 MB): a few shards' sentences


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Average of the hidden states at unmasked positions: (batch, pieces, width) -> (batch, width)."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class PooledEncoder(nn.Module):
    """The base encoder with mean pooling over the attention mask and L2 normalisation: (ids, mask) -> (batch, 384)."""

    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return torch.nn.functional.normalize(mean_pool(hidden, attention_mask), dim=-1)


class SentenceVectors:
    """`encode(texts, max_tokens)` -> float32 array (n, 384) of unit vectors; an empty text gets the [CLS][SEP] vector.

    `quantize` is a `newslake.config.Quantize` value: torch fp32 (`none`), torch int8 linear layers, or the
    ONNX Runtime graph (`onnx-fp32` gives the fp32 vectors to 1e-3, `onnx-int8`)."""

    def __init__(self, package: str = BASE_PACKAGE, quantize: str = "none", max_tokens: int = 128) -> None:
        from newslake.models.registry import runnable

        self.tokenizer = load_base_tokenizer(package)
        key = f"base-sentence-vectors-{base_fingerprint(package)['weights_sha256'][:16]}"
        self.network, _ = runnable(PooledEncoder(load_base_encoder(package)).eval(), quantize, key)
        self.quantize = quantize
        self.max_tokens = max_tokens
        self._cache: dict[bytes, np.ndarray] = {}

    def encode(self, texts: Sequence[str], max_tokens: int | None = None) -> np.ndarray:
        ids = self.tokenizer(list(texts), truncation=True, max_length=max_tokens or self.max_tokens)["input_ids"]
        keys = [_key(row) for row in ids]
        todo = list({key: row for key, row in zip(keys, ids) if key not in self._cache}.items())
        todo.sort(key=lambda pair: len(pair[1]))  # similar lengths together: little padding
        for batch in _token_budget_batches([row for _, row in todo], BATCH_TOKENS):
            rows = todo[batch.start : batch.stop]
            self._cache.update(zip((key for key, _ in rows), self._forward(self.collate([row for _, row in rows]))))
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = np.stack([self._cache[key] for key in keys])
        if len(self._cache) > CACHE_SIZE:  # the oldest go first (dicts keep insertion order)
            for key in list(self._cache)[: len(self._cache) - CACHE_SIZE]:
                del self._cache[key]
        return vectors

    def collate(self, rows: list[list[int]]) -> dict[str, torch.Tensor]:
        width = max(len(row) for row in rows)
        input_ids = torch.full((len(rows), width), self.tokenizer.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            input_ids[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = 1
        return {"input_ids": input_ids, "attention_mask": mask}

    def _forward(self, inputs: dict[str, torch.Tensor]) -> np.ndarray:
        with torch.inference_mode():
            return self.network(inputs["input_ids"], inputs["attention_mask"]).float().numpy()


def _key(ids: list[int]) -> bytes:
    return hashlib.sha1(np.asarray(ids, dtype=np.int32).tobytes()).digest()


def _token_budget_batches(rows: list[list[int]], budget: int) -> list[range]:
    """Consecutive ranges of `rows` (sorted by length, ascending) whose padded size (rows x the last one's
    length) stays within `budget`; a row longer than the budget goes alone."""
    batches, begin = [], 0
    while begin < len(rows):
        end = begin + 1
        while end < len(rows) and (end - begin + 1) * len(rows[end]) <= budget:
            end += 1
        batches.append(range(begin, end))
        begin = end
    return batches
