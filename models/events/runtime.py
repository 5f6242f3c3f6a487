"""The event-trigger model on whole texts: the shared TokenClassifier runtime, logits scaled by the
artifact's temperature so that a span's score is a calibrated probability."""

from __future__ import annotations

import torch
from torch import nn

from newslake.models.entities.casing import casing_ids
from newslake.models.runtime.token_classifier import Head, RuntimeSettings, TokenClassifier
from newslake.text.words import conll_word_spans


def trigger_runner(module: nn.Module, tokenizer, labels: list[str], *, temperature: float = 1.0,
                   settings: RuntimeSettings = RuntimeSettings()) -> TokenClassifier:
    """A TokenClassifier whose Span.label is a category and Span.score the calibrated probability."""

    def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        return module(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"])

    # Trained on CoNLL-style words (newslake/text/words.py): labels sit on each such word's first piece.
    return TokenClassifier(forward, tokenizer, labels, settings, {"casing_ids": casing_ids}, conll_word_spans,
                           (Head("", tuple(labels), temperature=temperature),))
