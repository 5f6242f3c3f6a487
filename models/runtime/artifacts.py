"""A model artifact: a folder with `config.json` and `weights.safetensors`, saved and loaded alike for every model.

The weights are verified on every load, hashed once: a shipped artifact against the sha256 the
registry pins in code (a file changed beside its untouched config is refused), any other
folder against the `weights_sha256` its config records (written when training saved it).
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.models.registry import ARTIFACTS, SHIPPED_WEIGHTS
from newslake.models.runtime.encoder import base_fingerprint

CONFIG = "config.json"
WEIGHTS = "weights.safetensors"
# The base encoder's word embeddings stay frozen in every fine-tuned model: the base package ships
# them, so artifacts leave them out and loading takes them from the package.
FROZEN_PARAMETERS = ("encoder.embeddings.word_embeddings.weight",)


def trainable_state_dict(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """Every parameter except the frozen ones that the base package already ships."""
    return {name: p for name, p in model.named_parameters() if name not in FROZEN_PARAMETERS}


def save_artifact(folder: str | Path, tensors: dict[str, torch.Tensor], config: dict) -> Path:
    """`tensors` as fp16 `weights.safetensors` and `config` (plus the weights' sha256) as `config.json` in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    half = {name: t.detach().to(torch.float16).contiguous().cpu() for name, t in tensors.items()}
    save_file(half, folder / WEIGHTS, metadata={"format": "pt"})
    write_config(folder, {**config, "weights_dtype": "float16", "weights_sha256": file_sha256(folder / WEIGHTS)})
    return folder


def save_fine_tuned(folder: str | Path, model: torch.nn.Module, artifact_format: str, base_package: str,
                    metadata: dict, **settings) -> Path:
    """A network fine-tuned from the base encoder: its trainable weights, and the config every such artifact records
    (format, labels, the base's fingerprint, what stayed the base's, the training record) with its own `settings`."""
    config = {
        "format": artifact_format,
        "labels": model.labels,
        "base": base_fingerprint(base_package),
        "frozen_from_base": list(FROZEN_PARAMETERS),
        "training": metadata,
        **settings,
    }
    return save_artifact(folder, trainable_state_dict(model), config)


def write_config(folder: Path, config: dict) -> None:
    """`config` as sorted, indented JSON in `folder/config.json` (stable diffs between trainings)."""
    (folder / CONFIG).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_config(folder: str | Path, artifact_format: str, what: str) -> dict:
    """The config of the artifact in `folder`, which must hold both files and be of `artifact_format`.

    `what` names the kind of model in the error ("an entity model").
    """
    path = Path(folder) / CONFIG
    if not path.is_file() or not (Path(folder) / WEIGHTS).is_file():
        raise NewslakeError("E030", f"{folder} is not {what}: it needs {CONFIG} and {WEIGHTS}")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NewslakeError("E030", f"{path} is not JSON ({error}); restore the artifact's config.json") from None
    if not isinstance(config, dict) or config.get("format") != artifact_format:
        found = config.get("format") if isinstance(config, dict) else None
        raise NewslakeError("E030", f"{path}: format {found!r} is not {artifact_format!r}")
    return config


def read_weights(folder: str | Path, config: dict) -> tuple[dict[str, torch.Tensor], str]:
    """The tensors of `folder/weights.safetensors` and their sha256, after checking that hash (E033 if it fails).

    The expected hash: the registry's pin for a shipped artifact in place; else the `weights_sha256`
    the config records; a config without one (saved before training recorded it) passes only for
    weights identical to a shipped artifact's, e.g. a copy of one.
    """
    folder = Path(folder)
    path = folder / WEIGHTS
    actual = file_sha256(path)
    if folder.resolve().parent == ARTIFACTS.resolve() and folder.name in SHIPPED_WEIGHTS:
        expected = SHIPPED_WEIGHTS[folder.name]
    elif isinstance(config.get("weights_sha256"), str):
        expected = config["weights_sha256"]
    elif actual in SHIPPED_WEIGHTS.values():
        expected = actual
    else:
        raise NewslakeError("E033", f"{path} matches no shipped artifact and {folder / CONFIG} records no "
                                    "weights_sha256 to verify it by: the file was changed, or saved before training "
                                    "recorded the hash; restore it or retrain the model")
    if actual != expected:
        raise NewslakeError("E033", f"{path} has sha256 {actual[:12]}..., not the {expected[:12]}... it was saved "
                                    "with: the file is corrupt or was changed; restore it or retrain the model")
    try:
        return load_file(path), actual
    except SafetensorError as error:  # a file that matches its hash can still be unreadable if saved broken
        raise NewslakeError("E030", f"{path} is not a readable safetensors file ({error})") from None


def load_trainable(model: torch.nn.Module, weights: dict[str, torch.Tensor], folder: str | Path) -> None:
    """Load an artifact's `weights` into `model`, whose frozen parameters came from the base package (E030 if the
    weights are not exactly its trainable parameters)."""
    expected = set(trainable_state_dict(model))
    if set(weights) != expected:
        missing, extra = sorted(expected - set(weights)), sorted(set(weights) - expected)
        raise NewslakeError("E030", f"{folder}: weights do not fit the network (missing {missing[:3]}, extra {extra[:3]})")
    model.load_state_dict(weights, strict=False)  # strict=False only because the frozen matrix is not in the file
