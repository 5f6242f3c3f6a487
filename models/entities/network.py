"""The entity tagger: uncased MiniLM + casing embedding + linear head; its inputs; its artifact.

Artifact layout (a folder):
  config.json          labels, base package (+ its version and weights hash), casing classes, max_length, training metadata
  weights.safetensors  fp16, ONLY the parameters that training changed; the frozen word-embedding
                       matrix (30522 x 384, half the encoder) comes from the installed base package,
                       which keeps the committed file at ~21 MB.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from transformers import PreTrainedTokenizerFast

from newslake.models.entities.casing import NUM_CASING_CLASSES, casing_ids
from newslake.models.runtime.artifacts import (
    load_trainable,
    read_config,
    read_weights,
    save_fine_tuned,
)
from newslake.models.runtime.encoder import BASE_PACKAGE, check_base, load_base_encoder, load_base_tokenizer

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
MAX_LENGTH = 128  # wordpieces per window, [CLS] and [SEP] included; the base was trained at 128
ARTIFACT_FORMAT = "newslake.entities.v1"
IGNORE_INDEX = -100  # cross-entropy skips these positions: specials and non-first wordpieces


class CasedTokenClassifier(nn.Module):
    """BERT over word embeddings + casing embeddings (early fusion), then dropout and a linear layer per wordpiece."""

    def __init__(self, encoder: nn.Module, labels: list[str], num_casing_classes: int = NUM_CASING_CLASSES) -> None:
        super().__init__()
        self.labels = list(labels)
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.casing = nn.Embedding(num_casing_classes, hidden)
        # Zero start: at step 0 the encoder sees exactly its pre-trained inputs.
        nn.init.zeros_(self.casing.weight)
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(hidden, len(self.labels))
        self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, casing_ids: torch.Tensor) -> torch.Tensor:
        """Logits of shape (batch, wordpieces, labels)."""
        # Added before the embedding LayerNorm, so position embeddings and normalisation still apply.
        embeds = self.encoder.embeddings.word_embeddings(input_ids) + self.casing(casing_ids)
        hidden = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
        return self.classifier(self.dropout(hidden))


def save_artifact(model: CasedTokenClassifier, base_package: str, folder: str | Path, metadata: dict,
                  *, max_length: int = MAX_LENGTH) -> Path:
    """Write `weights.safetensors` (fp16, trainable parameters only) and `config.json` into `folder`."""
    return save_fine_tuned(folder, model, ARTIFACT_FORMAT, base_package, metadata,
                           num_casing_classes=model.casing.num_embeddings, max_length=max_length)


def read_artifact_config(folder: str | Path) -> dict:
    return read_config(folder, ARTIFACT_FORMAT, "an entity model")


def load_artifact(folder: str | Path, dtype: torch.dtype = torch.float32
                  ) -> tuple[CasedTokenClassifier, PreTrainedTokenizerFast, list[str]]:
    """The model (in eval mode, in `dtype`), its tokenizer and its label list (index = logit position)."""
    model, tokenizer, labels, _ = load_verified_artifact(folder, dtype)
    return model, tokenizer, labels


def load_verified_artifact(folder: str | Path, dtype: torch.dtype = torch.float32
                           ) -> tuple[CasedTokenClassifier, PreTrainedTokenizerFast, list[str], str]:
    """As `load_artifact`, plus the sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    model, tokenizer, sha256 = load_network(folder, config, dtype)
    return model, tokenizer, list(config["labels"]), sha256


def load_network(folder: str | Path, config: dict, dtype: torch.dtype = torch.float32
                 ) -> tuple[CasedTokenClassifier, PreTrainedTokenizerFast, str]:
    """The network `config` describes (labels, casing classes, base), with the weights of `folder` verified and
    loaded (eval mode, `dtype`), its tokenizer and the weights' sha256: what the entity, trigger and tagger
    artifacts share."""
    check_base(config["base"])
    weights, sha256 = read_weights(folder, config)
    model = CasedTokenClassifier(load_base_encoder(config["base"]["package"]), config["labels"],
                                 config["num_casing_classes"])
    load_trainable(model, weights, folder)
    model.to(dtype).eval()
    return model, load_base_tokenizer(config["base"]["package"]), sha256


@dataclass
class Window:
    """Model inputs for (part of) one pre-split sentence.

    `first_piece_word[i]` is the index (in the sentence) of the word whose first wordpiece sits at
    position i, or -1 for specials and continuation pieces: labels are read and trained there only.
    """

    input_ids: list[int]
    casing_ids: list[int]
    first_piece_word: list[int]


def encode_words(tokenizer: PreTrainedTokenizerFast, sentences: list[list[str]],
                 max_length: int = MAX_LENGTH) -> list[list[Window]]:
    """Windows of at most `max_length` wordpieces for each sentence of words (longer ones split between words).

    The words are joined with spaces and tokenized as running text, so that casing ids come from
    exactly the same code path as at inference on raw articles.
    """
    if not sentences:
        return []
    texts = [" ".join(words) for words in sentences]
    encoded = tokenizer(texts, add_special_tokens=False, return_offsets_mapping=True)
    budget = max_length - 2
    result = []
    for words, text, ids, offsets in zip(sentences, texts, encoded["input_ids"], encoded["offset_mapping"]):
        starts, position = [], 0
        for word in words:
            starts.append(position)
            position += len(word) + 1
        piece_word = [bisect.bisect_right(starts, start) - 1 for start, _ in offsets]
        casing = casing_ids(text, offsets, [0] * len(ids))
        windows, begin = [], 0
        while begin < len(ids):
            end = min(begin + budget, len(ids))
            if end < len(ids) and piece_word[end] == piece_word[end - 1]:
                # Back off to a word boundary, unless one word alone overflows the window.
                boundary = end
                while boundary > begin and piece_word[boundary] == piece_word[boundary - 1]:
                    boundary -= 1
                end = boundary if boundary > begin else end
            first = [piece_word[i] if i == begin or piece_word[i] != piece_word[i - 1] else -1 for i in range(begin, end)]
            windows.append(Window(
                input_ids=[tokenizer.cls_token_id, *ids[begin:end], tokenizer.sep_token_id],
                casing_ids=[0, *casing[begin:end], 0],
                first_piece_word=[-1, *first, -1],
            ))
            begin = end
        result.append(windows)
    return result


def collate(windows: list[Window], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded tensors `input_ids`, `attention_mask`, `casing_ids` (pad casing = 0, special)."""
    width = max(len(w.input_ids) for w in windows)
    input_ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    casing = torch.zeros((len(windows), width), dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    for row, window in enumerate(windows):
        n = len(window.input_ids)
        input_ids[row, :n] = torch.tensor(window.input_ids)
        casing[row, :n] = torch.tensor(window.casing_ids)
        mask[row, :n] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "casing_ids": casing}
