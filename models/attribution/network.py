"""The attribution head over the entity model's frozen encoder, and its artifact.

The entity tagger's encoder (uncased MiniLM + casing embedding, see entities/network.py)
runs once per window; its last hidden states feed both the entity classifier and this
head: two transformer layers (initialised as copies of the encoder's last two) and a
linear layer over the 7 BIO labels of SOURCE / CUE / CONTENT.

Artifact layout (a folder):
  config.json          format, labels, head shape, window plan, decoding settings, training record,
                       and the entity artifact the head was trained on (path + weights sha256)
  weights.safetensors  fp16, the head only (~7 MB); the encoder comes from the entity artifact
"""

from __future__ import annotations

import copy
from pathlib import Path

import torch
from torch import nn

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.attribution.data import LABELS
from newslake.models.entities.network import CasedTokenClassifier
from newslake.models.registry import ARTIFACTS
from newslake.models.runtime.artifacts import read_config, read_weights, save_artifact as save_folder

ARTIFACT_FORMAT = "newslake.attribution.v1"
DEFAULT_ENCODER_ARTIFACT = ARTIFACTS / "entities-minilm-cased"
HEAD_LAYERS = 2
MAX_TOKENS = 254  # content wordpieces per window; [CLS] and [SEP] come on top
OVERLAP = 126  # consecutive windows share >= this many wordpieces: a new window every ~128


class AttributionHead(nn.Module):
    """Transformer layers over encoder hidden states, then dropout and a linear layer per wordpiece."""

    def __init__(self, layers: nn.ModuleList, hidden_size: int, labels: list[str] | tuple[str, ...] = LABELS,
                 dropout: float = 0.1) -> None:
        super().__init__()
        self.labels = list(labels)
        self.layers = layers
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden_size, len(self.labels))
        self.from_layer: int | None = None  # None: reads the encoder's last layer

    @classmethod
    def from_encoder(cls, encoder: nn.Module, num_layers: int = HEAD_LAYERS,
                     labels: list[str] | tuple[str, ...] = LABELS, from_layer: int | None = None) -> AttributionHead:
        """A head whose layers start as copies of encoder layers (a BertModel): the last `num_layers`
        (read after the whole encoder), or with `from_layer` k the `num_layers` after layer k (the head
        reads layer k's output and replaces the layers above it)."""
        chosen = (encoder.encoder.layer[-num_layers:] if from_layer is None
                  else encoder.encoder.layer[from_layer : from_layer + num_layers])
        layers = nn.ModuleList(copy.deepcopy(layer) for layer in chosen)
        for parameter in layers.parameters():
            parameter.requires_grad_(True)
        head = cls(layers, encoder.config.hidden_size, labels)
        head.from_layer = from_layer
        return head

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Logits (batch, wordpieces, labels) from encoder states (batch, wordpieces, hidden) and a 0/1 mask."""
        # The dtype of the head's own parameters (LayerNorms stay float when its linear layers run in int8).
        hidden = hidden_states.to(next(self.parameters()).dtype)
        # The additive mask BERT's attention takes: 0 where attended, a large negative where padded.
        blocked = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in self.layers:
            output = layer(hidden, blocked)
            hidden = output[0] if isinstance(output, tuple) else output
        return self.classifier(self.dropout(hidden))


def encoder_hidden_states(entity_model: CasedTokenClassifier, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                          casing_ids: torch.Tensor, layer: int | None = None) -> torch.Tensor:
    """The entity model's last hidden states (what its own classifier reads, computed once for both
    heads), or with `layer` k the output of its first k layers (the layers above are not run)."""
    embeds = entity_model.encoder.embeddings.word_embeddings(input_ids) + entity_model.casing(casing_ids)
    if layer is None:
        return entity_model.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
    hidden = entity_model.encoder.embeddings(inputs_embeds=embeds)
    return encoder_layers(entity_model, hidden, attention_mask, 0, layer)


def encoder_layers(entity_model: CasedTokenClassifier, hidden: torch.Tensor, attention_mask: torch.Tensor,
                   start: int, stop: int | None = None) -> torch.Tensor:
    """Encoder layers start+1..stop over layer `start`'s output: what the entity classifier needs on
    top of the states a head over an inner layer read (the two then share the layers below)."""
    blocked = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
    for encoder_layer in entity_model.encoder.encoder.layer[start:stop]:
        output = encoder_layer(hidden, blocked)
        hidden = output[0] if isinstance(output, tuple) else output
    return hidden


def _recorded_path(folder: Path) -> str:
    """Inside the bundled artifacts: relative to them (the package may move); elsewhere: absolute."""
    folder = folder.resolve()
    try:
        return folder.relative_to(ARTIFACTS.resolve()).as_posix()
    except ValueError:
        return str(folder)


def encoder_folder_of(config: dict) -> Path:
    recorded = Path(config["encoder"]["path"])
    return recorded if recorded.is_absolute() else ARTIFACTS / recorded


def save_artifact(head: AttributionHead, encoder_folder: str | Path, folder: str | Path, *, window: dict,
                  decode: dict, metadata: dict) -> Path:
    """Write `weights.safetensors` (fp16 head) and `config.json` into `folder`."""
    layer = head.layers[0]
    config = {
        "format": ARTIFACT_FORMAT,
        "labels": head.labels,
        "head": {
            "layers": len(head.layers),
            "from_layer": head.from_layer,
            "hidden_size": head.classifier.in_features,
            "num_attention_heads": layer.attention.self.num_attention_heads,
            "intermediate_size": layer.intermediate.dense.out_features,
        },
        "encoder": {"kind": "newslake.entities.v1", "path": _recorded_path(Path(encoder_folder)),
                    "weights_sha256": file_sha256(Path(encoder_folder) / "weights.safetensors")},
        "window": window,
        "decode": decode,
        "training": metadata,
    }
    return save_folder(folder, head.state_dict(), config)


def read_artifact_config(folder: str | Path) -> dict:
    return read_config(folder, ARTIFACT_FORMAT, "an attribution model")


def check_encoder(config: dict, encoder_folder: str | Path, encoder_sha256: str) -> None:
    """The head only fits the encoder it was trained on: compare the verified encoder weights' hash with the recorded one."""
    expected = config["encoder"]["weights_sha256"]
    if encoder_sha256 != expected:
        raise NewslakeError("E031", f"the entity model in {encoder_folder} is not the one the attribution head was "
                                    f"trained on (weights sha256 {expected[:12]}...); point encoder_folder at that "
                                    "model or retrain the head on this one")


def load_head(folder: str | Path, entity_model: CasedTokenClassifier) -> AttributionHead:
    """The head in `folder`, built on `entity_model`'s encoder shape, in eval mode and the encoder's dtype."""
    return load_verified_head(folder, entity_model)[0]


def load_verified_head(folder: str | Path, entity_model: CasedTokenClassifier) -> tuple[AttributionHead, str]:
    """As `load_head`, plus the sha256 its weights were verified to have."""
    config = read_artifact_config(folder)
    weights, sha256 = read_weights(folder, config)
    head = AttributionHead.from_encoder(entity_model.encoder, config["head"]["layers"], config["labels"],
                                        config["head"].get("from_layer"))
    expected = set(head.state_dict())
    if set(weights) != expected:
        missing, extra = sorted(expected - set(weights)), sorted(set(weights) - expected)
        raise NewslakeError("E030", f"{folder}: weights do not fit the head (missing {missing[:3]}, extra {extra[:3]})")
    head.load_state_dict({name: tensor.float() for name, tensor in weights.items()}, strict=True)
    dtype = next(entity_model.parameters()).dtype
    return head.to(dtype).eval(), sha256
