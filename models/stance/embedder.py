"""Sentence embeddings for the stance model's first stage: the base encoder's mean-pooled unit vectors
(`newslake.models.runtime.sentence_vectors`), as torch tensors, each body read up to its first 256 wordpieces.

The base (all-MiniLM-L6-v2) was trained as a sentence-embedding model with exactly this
pooling, so its cosines are meaningful without any fine-tuning; the stance model uses them
to tell related from unrelated pairs and to pick evidence sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from newslake.models.runtime.encoder import BASE_PACKAGE
from newslake.models.runtime.sentence_vectors import DIM, SentenceVectors

EMBED_MAX_LENGTH = 256  # wordpieces, specials included: a body is embedded by its first 256


class SentenceEmbedder:
    """`embedder(texts)` -> float32 tensor (len(texts), 384) of unit vectors; an empty text gets the [CLS][SEP] vector."""

    width = DIM

    def __init__(self, vectors: SentenceVectors, max_length: int = EMBED_MAX_LENGTH) -> None:
        self.vectors = vectors
        self.max_length = max_length

    @classmethod
    def from_base(cls, package: str = BASE_PACKAGE, quantize: str = "none") -> SentenceEmbedder:
        return cls(SentenceVectors(package, quantize))

    def __call__(self, texts: Sequence[str]) -> torch.Tensor:
        return torch.from_numpy(self.vectors.encode(texts, self.max_length))
