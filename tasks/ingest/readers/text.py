"""Plain-text dumps: a folder of *.txt articles, each with an optional JSON sidecar.

`story.txt` holds the headline on its first non-empty line and the body after
it; `story.json` beside it, if present, holds metadata as a JSON object (for
example {"published_at": "2024-11-19", "source": "...", "url": "..."}).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslake.tasks.ingest.readers.discovery import is_documentation
from newslake.tasks.ingest.records import RawRecord, RejectReason

TEXT_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".json"


def text_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == TEXT_SUFFIX and not p.name.startswith(".") and not is_documentation(p)
    )


def read_text(folder: Path, dump: str) -> Iterator[RawRecord]:
    """One record per .txt file, in file-name order; `dump_record` is the file name.

    Fields are "title" and "text" from the file, plus the sidecar's keys. The
    sidecar may override the title (it is stated, the first line only guessed)
    but never the body, which is always the file's.
    """
    for path in text_files(folder):
        yield text_record(dump, path)


def text_record(dump: str, path: Path) -> RawRecord:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return RawRecord.failed(dump, name, RejectReason.MALFORMED_ROW, f"cannot read the file: {exc}", None)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RawRecord.failed(dump, name, RejectReason.BAD_ENCODING, f"invalid UTF-8 at byte {exc.start}", raw)
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    metadata: dict[str, Any] = {}
    if sidecar.is_file():
        loaded = read_sidecar(dump, name, sidecar)
        if isinstance(loaded, RawRecord):
            return loaded
        metadata = loaded
    title, body = split_title(content)
    return RawRecord(dump=dump, dump_record=name, fields={"title": title, **metadata, "text": body})


def read_sidecar(dump: str, name: str, sidecar: Path) -> dict[str, Any] | RawRecord:
    """The sidecar's object, or the reject for the article it describes."""
    try:
        raw = sidecar.read_bytes()
    except OSError as exc:
        return RawRecord.failed(dump, name, RejectReason.MALFORMED_ROW, f"cannot read sidecar {sidecar.name}: {exc}", None)
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return RawRecord.failed(dump, name, RejectReason.BAD_ENCODING, f"sidecar {sidecar.name}: invalid UTF-8 at byte {exc.start}", raw)
    except (ValueError, RecursionError) as exc:
        return RawRecord.failed(dump, name, RejectReason.MALFORMED_JSON, f"sidecar {sidecar.name}: {exc}", raw)
    if not isinstance(value, dict):
        return RawRecord.failed(dump, name, RejectReason.MALFORMED_JSON, f"sidecar {sidecar.name}: expected a JSON object", raw)
    return value


def split_title(content: str) -> tuple[str, str]:
    """The first non-empty line, and everything after it without surrounding blank space."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1 :]).strip()
    return "", ""
