"""The news tagger's artifact: the entity model's network with the event-word labels beside the entity labels.

One `CasedTokenClassifier` (cased MiniLM, one linear layer over each wordpiece) whose output columns are
the heads' labels in order: the entity head's 9 (O, B-/I- PER, ORG, LOC, MISC), then the event head's
(O, B-/I- per event category). Each head is its own softmax over its columns (`runtime.token_classifier.Head`);
the event head's logits are divided by its temperature first, so that a trigger's score is a calibrated
probability. One pass of the encoder therefore tags the entities and the event words of a text: the
entity stage's pass serves the events stage (runtime/shared_pass.py).

Artifact layout (a folder):
  config.json          format, labels (every column), heads (name, first column, labels, temperature), base
                       package fingerprint, casing classes, max_length, training record
  weights.safetensors  fp16, the parameters training changed (the base's word embeddings are left out)
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from transformers import PreTrainedTokenizerFast

from newslake.errors import NewslakeError
from newslake.models.entities.network import CasedTokenClassifier, load_network
from newslake.models.runtime.artifacts import read_config, save_fine_tuned
from newslake.models.runtime.token_classifier import Head

ARTIFACT_FORMAT = "newslake.tagger.v1"
ENTITY_HEAD, EVENT_HEAD = "entities", "events"
MAX_LENGTH = 128  # wordpieces per window, [CLS] and [SEP] included: the entity model's


def is_tagger(folder: str | Path) -> bool:
    """Whether `folder` holds a news-tagger artifact (rather than a one-head entity or event model)."""
    path = Path(folder) / "config.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("format") == ARTIFACT_FORMAT
    except (OSError, ValueError, AttributeError):
        return False  # the one-head loaders give the error that fits


def heads_of(config: dict) -> tuple[Head, ...]:
    return tuple(Head(h["name"], tuple(h["labels"]), h["start"], h.get("temperature", 1.0)) for h in config["heads"])


def save_artifact(model: CasedTokenClassifier, heads: tuple[Head, ...], base_package: str, folder: str | Path,
                  metadata: dict) -> Path:
    """Write `weights.safetensors` (fp16, trainable parameters only) and `config.json` into `folder`."""
    labels = [label for head in heads for label in head.labels]
    if labels != model.labels:
        raise ValueError("the heads' labels must be the network's columns, in order")
    heads_config = [{"name": h.name, "start": h.start, "labels": list(h.labels), "temperature": h.temperature}
                    for h in heads]
    return save_fine_tuned(folder, model, ARTIFACT_FORMAT, base_package, metadata, heads=heads_config,
                           num_casing_classes=model.casing.num_embeddings, max_length=MAX_LENGTH)


def read_artifact_config(folder: str | Path) -> dict:
    config = read_config(folder, ARTIFACT_FORMAT, "a news tagger")
    heads = config.get("heads")
    if not isinstance(heads, list) or {h.get("name") for h in heads} != {ENTITY_HEAD, EVENT_HEAD}:
        raise NewslakeError("E030", f"{folder}/config.json: a news tagger needs the heads {ENTITY_HEAD!r} and "
                                    f"{EVENT_HEAD!r}; restore the artifact's config.json")
    return config


def load_verified_artifact(folder: str | Path, dtype: torch.dtype = torch.float32
                           ) -> tuple[CasedTokenClassifier, PreTrainedTokenizerFast, dict, str]:
    """The network (eval mode, `dtype`), its tokenizer, its config and the sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    model, tokenizer, sha256 = load_network(folder, config, dtype)
    return model, tokenizer, config, sha256