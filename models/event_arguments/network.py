"""The argument tagger: the entity network (MiniLM + casing embedding) plus a trigger-indicator embedding,
BIO over AGENT, TARGET, PLACE, TIME on the words of the trigger's sentence; and its artifact.

Artifact layout (a folder), as for the entity model:
  config.json          labels, base package (+ version and weights hash), max_pieces, training record
  weights.safetensors  fp16, only the parameters training changed (the base's frozen word embeddings
                       come from the installed package), ~21 MB
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from transformers import PreTrainedTokenizerFast

from newslake.models.entities.casing import NUM_CASING_CLASSES
from newslake.models.entities.network import CasedTokenClassifier
from newslake.models.event_arguments.encoding import NUM_TRIGGER_CLASSES
from newslake.models.event_arguments.roles import ROLES
from newslake.models.runtime.artifacts import (
    load_trainable,
    read_config,
    read_weights,
    save_fine_tuned,
)
from newslake.models.runtime.encoder import check_base, load_base_encoder, load_base_tokenizer

LABELS = ["O", *(f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I"))]
MAX_PIECES = 96  # wordpieces of the sentence around the trigger ([CLS], [SEP] not counted)
ARTIFACT_FORMAT = "newslake.event_arguments.v1"


class ArgumentTagger(CasedTokenClassifier):
    """The cased token classifier with one more input: which wordpieces are the trigger (encoding.py)."""

    def __init__(self, encoder: nn.Module, labels: list[str], num_casing_classes: int = NUM_CASING_CLASSES) -> None:
        super().__init__(encoder, labels, num_casing_classes)
        self.trigger = nn.Embedding(NUM_TRIGGER_CLASSES, encoder.config.hidden_size)
        nn.init.zeros_(self.trigger.weight)  # as the casing embedding: step 0 sees the pre-trained inputs

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, casing_ids: torch.Tensor,
                trigger_ids: torch.Tensor) -> torch.Tensor:
        """Logits of shape (batch, wordpieces, labels)."""
        embeds = (self.encoder.embeddings.word_embeddings(input_ids) + self.casing(casing_ids)
                  + self.trigger(trigger_ids))
        hidden = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
        return self.classifier(self.dropout(hidden))


def save_artifact(model: ArgumentTagger, base_package: str, folder: str | Path, metadata: dict,
                  max_pieces: int = MAX_PIECES) -> Path:
    return save_fine_tuned(folder, model, ARTIFACT_FORMAT, base_package, metadata,
                           num_casing_classes=model.casing.num_embeddings, max_pieces=max_pieces)


def read_artifact_config(folder: str | Path) -> dict:
    return read_config(folder, ARTIFACT_FORMAT, "an event argument model")


def load_artifact(folder: str | Path) -> tuple[ArgumentTagger, PreTrainedTokenizerFast, dict, str]:
    """The model (fp32, eval mode), its tokenizer, its config and the sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    check_base(config["base"])
    weights, sha256 = read_weights(folder, config)
    model = ArgumentTagger(load_base_encoder(config["base"]["package"]), config["labels"], config["num_casing_classes"])
    load_trainable(model, weights, folder)
    model.float().eval()
    return model, load_base_tokenizer(config["base"]["package"]), config, sha256
