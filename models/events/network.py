"""The event-trigger tagger's network and artifact: the cased MiniLM token classifier of the entity
model, with BIO labels over the event categories, plus the temperature that calibrates its scores.

Artifact layout (a folder), as for the entity model:
  config.json          labels, base package fingerprint, casing classes, max_length, temperature, training record
  weights.safetensors  fp16, only the parameters training changed (the base's word embeddings are left out)
"""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import PreTrainedTokenizerFast

from newslake.models.entities.network import CasedTokenClassifier, load_network
from newslake.models.runtime.artifacts import read_config, save_fine_tuned

ARTIFACT_FORMAT = "newslake.events.v1"
MAX_LENGTH = 96  # wordpieces per training window, [CLS] and [SEP] included: news sentences fit


def bio_labels(categories: list[str]) -> list[str]:
    """O, then B-/I- per category in the order given."""
    return ["O", *(f"{prefix}-{category}" for category in categories for prefix in ("B", "I"))]


def save_artifact(model: CasedTokenClassifier, base_package: str, folder: str | Path, metadata: dict,
                  *, temperature: float = 1.0, max_length: int = MAX_LENGTH) -> Path:
    """Write `weights.safetensors` (fp16, trainable parameters only) and `config.json` into `folder`."""
    # `temperature`: logits are divided by it before the softmax, so that a trigger's score is a calibrated probability.
    return save_fine_tuned(folder, model, ARTIFACT_FORMAT, base_package, metadata,
                           num_casing_classes=model.casing.num_embeddings, max_length=max_length, temperature=temperature)


def read_artifact_config(folder: str | Path) -> dict:
    return read_config(folder, ARTIFACT_FORMAT, "an event-trigger model")


def load_verified_artifact(folder: str | Path, dtype: torch.dtype = torch.float32
                           ) -> tuple[CasedTokenClassifier, PreTrainedTokenizerFast, dict, str]:
    """The network (eval mode, `dtype`), its tokenizer, its config and the sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    model, tokenizer, sha256 = load_network(folder, config, dtype)
    return model, tokenizer, config, sha256


def temperature_of(folder: str | Path) -> float:
    """The temperature that calibrates the event-word scores of the model in `folder`: a trigger model's, or a
    news tagger's event head's (models/tagger)."""
    from newslake.models.tagger.network import EVENT_HEAD, heads_of, is_tagger
    from newslake.models.tagger.network import read_artifact_config as read_tagger_config

    if is_tagger(folder):
        return next(h.temperature for h in heads_of(read_tagger_config(folder)) if h.name == EVENT_HEAD)
    return read_artifact_config(folder)["temperature"]
