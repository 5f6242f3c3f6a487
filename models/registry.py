"""Models by name: each adapter is created from validated config, once per process.

Weights come from local folders or installed packages only: safetensors,
`local_files_only=True`, `trust_remote_code=False`. A run records each model's
name, path and weights hash in the `runs` table.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from newslake.config import ClaimsConfig, EntitiesConfig
from newslake.errors import NewslakeError
from newslake.models.runtime.token_classifier import RuntimeSettings, TokenClassifier
from newslake.models.runtime.words import conll_word_spans

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DEFAULT_ENTITY_MODEL = ARTIFACTS / "entities-minilm-cased"


@dataclass(frozen=True)
class LoadedModel:
    name: str  # e.g. "cased-minilm.v1" or "cased-minilm.v1+int8"
    path: str
    sha256: str  # of the weights file(s): two runs used the same model iff these match
    module: nn.Module
    runner: TokenClassifier
    quality: tuple[str, float] | None = None  # (metric, value) from the model's training record

    def identity(self) -> dict[str, str | float | None]:
        metric, value = self.quality or (None, None)
        return {"name": self.name, "id": self.path, "sha256": self.sha256, "metric": metric, "value": value}


def load_entity_model(config: EntitiesConfig) -> LoadedModel:
    """The entity model for `config`; loaded once per process and shared by every shard task."""
    return _load_entity_model(config.model_dump_json())


@lru_cache(maxsize=4)
def _load_entity_model(config_json: str) -> LoadedModel:
    config = EntitiesConfig.model_validate(json.loads(config_json))
    if config.model == "cased-minilm.v1":
        model, runner_parts, path = _cased_minilm(config)
    else:
        model, runner_parts, path = _hf_token_classification(config)
    name = config.model
    if config.quantize == "int8":
        model = quantize_int8(model)
        name += "+int8"
    forward, tokenizer, labels, features, words, max_tokens = runner_parts(model)
    settings = RuntimeSettings(
        max_tokens=config.max_tokens or max_tokens,
        overlap=config.overlap,
        token_budget=config.token_budget,
        aggregation=config.aggregation,
    )
    runner = TokenClassifier(forward, tokenizer, labels, settings, features, words)
    return LoadedModel(name, str(path), _weights_digest(path), model, runner, _recorded_quality(path))


def quantize_int8(model: nn.Module) -> nn.Module:
    """Linear layers in int8 with dynamic activation scales: no calibration data needed.

    Weights are quantised per output channel: on 800 CoNLL dev sentences that lost
    0.85 F1 points against 1.3 for one scale per tensor, at the same speed.
    """
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():
        # torch marks its quantized tensor types for future removal; the path still works in 2.13.
        warnings.simplefilter("ignore", UserWarning)
        return quantize_dynamic(model, {nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)


def _cased_minilm(config: EntitiesConfig):
    from newslake.models.entities.casing import casing_ids
    from newslake.models.entities.network import load_artifact, read_artifact_config

    path = Path(config.path) if config.path else DEFAULT_ENTITY_MODEL
    model, tokenizer, labels = load_artifact(path)
    max_length = read_artifact_config(path)["max_length"]

    def parts(model: nn.Module):
        def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
            return model(inputs["input_ids"], inputs["attention_mask"], inputs["casing_ids"])

        # Trained on CoNLL tokens: its labels sit on the first piece of each CoNLL word.
        return forward, tokenizer, labels, {"casing_ids": casing_ids}, conll_word_spans, max_length - 2

    return model, parts, path


def _hf_token_classification(config: EntitiesConfig):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    path = Path(config.path)
    if not path.is_dir():
        raise NewslakeError("E030", f"entities.path {path} is not a folder; give a local token-classification model folder")
    model = AutoModelForTokenClassification.from_pretrained(
        path, local_files_only=True, use_safetensors=True, trust_remote_code=False
    ).eval()
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True, trust_remote_code=False)
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]

    def parts(model: nn.Module):
        def forward(inputs: dict[str, torch.Tensor]) -> torch.Tensor:
            return model(**inputs).logits

        # Words as the tokenizer splits them, as the transformers pipeline does.
        return forward, tokenizer, labels, {}, None, min(tokenizer.model_max_length, 512) - 2

    return model, parts, path


def _recorded_quality(path: Path) -> tuple[str, float] | None:
    """The dev F1 a trained entity artifact recorded (config.json `training.dev.f1`), if any."""
    dev_file = _training_record(path).get("data", {}).get("dev", {}).get("file")
    recorded = _recorded_metric(path, ("dev", "f1"), f"dev entity F1 ({dev_file}, fp32)")
    return None if recorded["value"] is None else (recorded["metric"], recorded["value"])


def _weights_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for weights in sorted(path.glob("*.safetensors")):
        digest.update(weights.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class LoadedClaimModels:
    """The claims stage's two models: attribution (on the entity encoder) and stance."""

    attribution: object  # newslake.models.attribution.AttributionModel
    stance: object  # newslake.models.stance.StanceModel
    identities: tuple[dict, ...]

    @property
    def names(self) -> list[str]:
        """`name@sha256[:12]` per model: recorded in every claims row."""
        return [f"{i['name']}@{i['sha256'][:12]}" for i in self.identities]


def load_claim_models(config: ClaimsConfig) -> LoadedClaimModels:
    """The attribution and stance models for `config`; loaded once per process and shared by every shard task."""
    return _load_claim_models(config.attribution_model, config.stance_model)


@lru_cache(maxsize=2)
def _load_claim_models(attribution_path: str | None, stance_path: str | None) -> LoadedClaimModels:
    # Imported here: the entity stage alone should not pay for importing these.
    from newslake.models.attribution import AttributionModel
    from newslake.models.stance import StanceModel

    attribution = AttributionModel.load(attribution_path)
    stance = StanceModel.load(stance_path)
    identities = (
        {"stage": "claims", "name": "attribution-minilm.v1", "id": str(attribution.path),
         "sha256": _weights_digest(Path(attribution.path)),
         **_recorded_metric(Path(attribution.path), ("dev_as_shipped", "content", "overlap_f1"),
                            "dev content overlap F1 (PolNeAR, decoded as run)")},
        {"stage": "claims", "name": "stance-minilm.v1", "id": str(stance.path), "sha256": _weights_digest(Path(stance.path)),
         **_recorded_metric(Path(stance.path), ("dev_prior_corrected", "macro_f1"),
                            "dev macro-F1 (FNC-1, held-out headlines, prior-corrected as run)")},
    )
    return LoadedClaimModels(attribution, stance, identities)


def _training_record(path: Path) -> dict:
    """The `training` section of the artifact's config.json ({} for a folder without one, e.g. a HF checkpoint)."""
    config = path / "config.json"
    return json.loads(config.read_text()).get("training", {}) if config.exists() else {}


def _recorded_metric(path: Path, keys: tuple[str, ...], metric: str) -> dict:
    """{metric, value} at `keys` in the artifact's training record, or nulls."""
    value = _training_record(path)
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    if isinstance(value, int | float):
        return {"metric": metric, "value": round(float(value), 4)}
    return {"metric": None, "value": None}
