"""The stance cross-encoder (stage 2), its inputs, and the stance artifact that holds both stages.

Artifact layout (a folder):
  config.json          format, labels, base package (+ version, weights hash), max_length, pooling,
                       the relatedness (stage 1) regression weights, training metadata
  weights.safetensors  fp16, ONLY the cross-encoder parameters that training changed; the frozen
                       word-embedding matrix comes from the installed base package (as for the entity model)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch
from torch import nn
from transformers import PreTrainedTokenizerFast

from newslake.errors import NewslakeError
from newslake.models.runtime.artifacts import (
    read_config,
    read_weights,
    save_fine_tuned,
    trainable_state_dict,
)
from newslake.models.runtime.encoder import BASE_PACKAGE, check_base, load_base_encoder, load_base_tokenizer
from newslake.models.runtime.sentence_vectors import mean_pool
from newslake.models.stance.data import RELATED_LABELS
from newslake.models.stance.relatedness import RelatednessModel

ARTIFACT_FORMAT = "newslake.stance.v1"
MAX_LENGTH = 160  # wordpieces of [CLS] target [SEP] evidence [SEP]
MAX_TARGET_LENGTH = 48  # a long target is cut first so that evidence always gets most of the budget


class StanceCrossEncoder(nn.Module):
    """BERT over `[CLS] target [SEP] evidence [SEP]`, mean-pooled (as the base was trained), dropout, linear head."""

    def __init__(self, encoder: nn.Module, labels: Sequence[str] = RELATED_LABELS) -> None:
        super().__init__()
        self.labels = list(labels)
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(encoder.config.hidden_size, len(self.labels))
        self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        """Logits of shape (batch, labels)."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        return self.classifier(self.dropout(mean_pool(hidden, attention_mask)))


def encode_pairs(tokenizer: PreTrainedTokenizerFast, targets: Sequence[str], evidence: Sequence[str],
                 max_length: int = MAX_LENGTH) -> list[dict[str, list[int]]]:
    """`input_ids` and `token_type_ids` per pair, at most `max_length` wordpieces, specials included."""
    # Truncated at tokenization only to keep the work bounded; the real cut is below.
    target_ids = tokenizer(list(targets), add_special_tokens=False, truncation=True, max_length=max_length)["input_ids"]
    evidence_ids = tokenizer(list(evidence), add_special_tokens=False, truncation=True,
                             max_length=max_length)["input_ids"]
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    encoded = []
    for first, second in zip(target_ids, evidence_ids, strict=True):
        first = first[: min(MAX_TARGET_LENGTH, max_length - 3)]
        second = second[: max_length - len(first) - 3]
        encoded.append({"input_ids": [cls, *first, sep, *second, sep],
                        "token_type_ids": [0] * (len(first) + 2) + [1] * (len(second) + 1)})
    return encoded


def collate(encoded: Sequence[dict[str, list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded `input_ids`, `attention_mask`, `token_type_ids`."""
    width = max(len(e["input_ids"]) for e in encoded)
    batch = {name: torch.zeros((len(encoded), width), dtype=torch.long)
             for name in ("input_ids", "attention_mask", "token_type_ids")}  # fmt: skip
    batch["input_ids"].fill_(pad_id)
    for row, e in enumerate(encoded):
        n = len(e["input_ids"])
        batch["input_ids"][row, :n] = torch.tensor(e["input_ids"])
        batch["token_type_ids"][row, :n] = torch.tensor(e["token_type_ids"])
        batch["attention_mask"][row, :n] = 1
    return batch


def save_artifact(model: StanceCrossEncoder, relatedness: RelatednessModel, folder: str | Path, metadata: dict,
                  *, base_package: str = BASE_PACKAGE, max_length: int = MAX_LENGTH) -> Path:
    """Write `weights.safetensors` (fp16, trainable parameters only) and `config.json` into `folder`."""
    return save_fine_tuned(folder, model, ARTIFACT_FORMAT, base_package, metadata, max_length=max_length,
                           pooling="mean", relatedness=relatedness.to_dict())


def read_artifact_config(folder: str | Path) -> dict:
    return read_config(folder, ARTIFACT_FORMAT, "a stance model")


def load_artifact(folder: str | Path, dtype: torch.dtype = torch.float32
                  ) -> tuple[StanceCrossEncoder, RelatednessModel, PreTrainedTokenizerFast, dict, str]:
    """The cross-encoder (eval mode, `dtype`), the relatedness model, the tokenizer, the config, and the
    sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    check_base(config["base"])
    if list(config["labels"]) != list(RELATED_LABELS):
        raise NewslakeError("E030", f"{folder}: cross-encoder labels {config['labels']} are not {list(RELATED_LABELS)}")
    weights, sha256 = read_weights(folder, config)
    model = StanceCrossEncoder(load_base_encoder(config["base"]["package"]), config["labels"])
    expected = set(trainable_state_dict(model))
    if set(weights) != expected:
        missing, extra = sorted(expected - set(weights)), sorted(set(weights) - expected)
        raise NewslakeError("E030", f"{folder}: weights do not fit the network (missing {missing[:3]}, extra {extra[:3]})")
    model.load_state_dict(weights, strict=False)  # strict=False only because the frozen matrix is not in the file
    model.to(dtype).eval()
    relatedness = RelatednessModel.from_dict(config["relatedness"])
    return model, relatedness, load_base_tokenizer(config["base"]["package"]), config, sha256
