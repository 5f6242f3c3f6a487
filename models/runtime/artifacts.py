"""An artifact folder's `config.json` beside its `weights.safetensors`: written and read alike for every model."""

from __future__ import annotations

import json
from pathlib import Path

from newslake.errors import NewslakeError

CONFIG = "config.json"
WEIGHTS = "weights.safetensors"


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
    config = json.loads(path.read_text(encoding="utf-8"))
    if config.get("format") != artifact_format:
        raise NewslakeError("E030", f"{path}: format {config.get('format')!r} is not {artifact_format!r}")
    return config
