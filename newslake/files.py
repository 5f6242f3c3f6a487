"""Reading the files every layer shares: a file's sha256, JSON Lines with line numbers, a YAML config.

The ground floor: `tasks/` and `models/` both import this module, it imports neither.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import pyarrow.fs as pafs
import yaml
from pydantic import BaseModel, ValidationError

from newslake.errors import NewslakeError

Config = TypeVar("Config", bound=BaseModel)


def file_sha256(path: str | Path, filesystem: pafs.FileSystem | None = None) -> str:
    """The hex sha256 of the file's bytes, read in chunks (a 20 MB weights file costs ~0.05 s).

    `filesystem`: a pyarrow filesystem holding `path` (a lake on an object store); None for a local file."""
    if filesystem is None:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    digest = hashlib.sha256()
    with filesystem.open_input_stream(str(path)) as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_jsonl(path: str | Path, code: str) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line of a JSON Lines file.

    A missing file is E010; a line that is not JSON raises `code` (the caller's kind of data)
    naming the file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; give a JSON Lines file (one JSON value a line)")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise NewslakeError(code, f"{path}:{number} is not JSON ({error.msg}); expected one record a line") from None
            yield number, value


def load_yaml_config(source: Path | Traversable, schema: type[Config], what: str) -> Config:
    """The YAML file `source` (a path, or a file inside an installed package) validated by `schema`.

    Any failure is one E003 line naming `what` and the first problem: unreadable file, bad YAML,
    an unknown key (schemas forbid extras) or an invalid value.
    """
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NewslakeError("E003", f"{what} {source}: {exc}".splitlines()[0]) from exc
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise NewslakeError("E003", f"{what} {source}: {where}: {first['msg']}") from exc
