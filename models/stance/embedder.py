"""Sentence embeddings from the untrained base encoder: mean pooling over wordpieces, then L2 normalisation.

The base (all-MiniLM-L6-v2) was trained as a sentence-embedding model with exactly this
pooling, so its cosines are meaningful without any fine-tuning; the stance model uses them
to tell related from unrelated pairs and to pick evidence sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn
from transformers import PreTrainedTokenizerFast

from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder, load_base_tokenizer

EMBED_MAX_LENGTH = 256  # wordpieces, specials included: a body is embedded by its first 256
EMBED_BATCH_TOKENS = 8192  # padded wordpieces per forward pass: bounds memory whatever the text lengths


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Average of the hidden states at unmasked positions: (batch, pieces, width) -> (batch, width)."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class SentenceEmbedder:
    """`embedder(texts)` -> float32 tensor (len(texts), 384) of unit vectors; an empty text gets the [CLS][SEP] vector."""

    def __init__(self, encoder: nn.Module, tokenizer: PreTrainedTokenizerFast,
                 max_length: int = EMBED_MAX_LENGTH) -> None:
        self.encoder = encoder.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length

    @classmethod
    def from_base(cls, package: str = BASE_PACKAGE) -> SentenceEmbedder:
        return cls(load_base_encoder(package), load_base_tokenizer(package))

    @property
    def width(self) -> int:
        return self.encoder.config.hidden_size

    def __call__(self, texts: Sequence[str]) -> torch.Tensor:
        result = torch.zeros((len(texts), self.width), dtype=torch.float32)
        if not texts:
            return result
        ids = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)["input_ids"]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths together: little padding
        begin = 0
        with torch.inference_mode():
            while begin < len(order):
                end = begin + 1
                # Sorted ascending, so the last row added is the widest: the batch costs rows x its length.
                while end < len(order) and (end - begin + 1) * len(ids[order[end]]) <= EMBED_BATCH_TOKENS:
                    end += 1
                rows = order[begin:end]
                width = len(ids[rows[-1]])
                input_ids = torch.full((len(rows), width), self.tokenizer.pad_token_id, dtype=torch.long)
                mask = torch.zeros((len(rows), width), dtype=torch.long)
                for row, i in enumerate(rows):
                    input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
                    mask[row, : len(ids[i])] = 1
                hidden = self.encoder(input_ids=input_ids, attention_mask=mask).last_hidden_state
                pooled = torch.nn.functional.normalize(mean_pool(hidden.float(), mask), dim=-1)
                result[rows] = pooled
                begin = end
        return result
