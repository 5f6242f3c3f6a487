"""Sentence vectors from the base encoder: mean-pooled last hidden states, unit length.

The stories stage compares event mentions by the sentences that state them. The base MiniLM
was trained as a sentence encoder with mean pooling, so its untuned vectors already place
reports of one occurrence close together. Each distinct sentence is encoded once per
encoder (wire copies and repeated sentences cost nothing the second time).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import torch

from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer

DIM = 384


class SentenceEncoder:
    """`encode(sentences)` -> float32 array (n, 384) of unit vectors; a cache keyed by the sentence's hash."""

    def __init__(self, package: str = BASE_PACKAGE, max_tokens: int = 128, batch_size: int = 64) -> None:
        self.tokenizer = load_base_tokenizer(package)
        self.model = load_base_encoder(package).eval()
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self._cache: dict[bytes, np.ndarray] = {}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        keys = [hashlib.sha1(s.encode("utf-8")).digest() for s in sentences]
        todo = list({key: s for key, s in zip(keys, sentences) if key not in self._cache}.items())
        todo.sort(key=lambda pair: len(pair[1]))  # similar lengths per batch: less padding
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i : i + self.batch_size]
            vectors = self.postprocess(self._forward(self.preprocess([s for _, s in batch])))
            self._cache.update(zip((key for key, _ in batch), vectors))
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._cache[key] for key in keys])

    def preprocess(self, sentences: list[str]) -> dict[str, torch.Tensor]:
        return self.tokenizer(sentences, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="pt")

    def _forward(self, inputs: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.inference_mode():
            hidden = self.model(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"]).last_hidden_state
        return hidden, inputs["attention_mask"]

    @staticmethod
    def postprocess(outputs: tuple[torch.Tensor, torch.Tensor]) -> np.ndarray:
        hidden, mask = outputs
        return mean_pooled(hidden.float().numpy(), mask.numpy())


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors under `mask`, scaled to unit length: (batch, tokens, dim) -> (batch, dim)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
    return (summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)).astype(np.float32)
