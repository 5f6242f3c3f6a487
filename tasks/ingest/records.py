"""What a dump reader yields: one raw record, accepted or not yet judged.

Readers know file formats and nothing else. They turn every record they read
into a `RawRecord`: either the record's fields as a plain dict, or the reason it
could not be read at all (a line that is not JSON, bytes that are not UTF-8).
Judging the content (empty, too long, not English, duplicate) happens later, in
`tasks.ingest`, so that each reject reason has exactly one place that decides it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RejectReason(StrEnum):
    """Stable reject codes: scripts and dashboards key on these strings."""

    MALFORMED_JSON = "malformed_json"
    MALFORMED_ROW = "malformed_row"  # a CSV row, HTML page or WARC record that cannot be parsed
    BAD_ENCODING = "bad_encoding"
    MISSING_FIELD = "missing_field"
    EMPTY_TEXT = "empty_text"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NOT_ENGLISH = "not_english"
    DUPLICATE = "duplicate"
    UNKNOWN_FORMAT = "unknown_format"  # a file in an input folder that is no dump newslake reads


EXCERPT_CHARS = 200


def excerpt(raw: str | bytes | None, limit: int = EXCERPT_CHARS) -> str:
    """A short, always-printable excerpt of what was read, for the rejects table."""
    if raw is None:
        return ""
    if isinstance(raw, bytes):
        raw = raw[: limit * 4].decode("utf-8", errors="replace")
    # Lone surrogates cannot be written as UTF-8 (Parquet strings must be valid).
    raw = raw.encode("utf-8", errors="replace").decode("utf-8")
    return raw[:limit]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record of one dump.

    `dump_record` locates it inside the dump: a 1-based line number for JSONL,
    a row number for CSV, a file name for folders, a byte offset for WARC.
    `fields` holds what the format gave us (names as in the dump); `defaults`
    holds dump-level metadata (a sidecar file, the publisher of a folder) that
    the record's own fields override.
    """

    dump: str
    dump_record: str
    fields: dict[str, Any] | None = None
    error: RejectReason | None = None
    detail: str = ""
    raw_excerpt: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def failed(cls, dump: str, dump_record: str, reason: RejectReason, detail: str, raw: str | bytes | None) -> RawRecord:
        return cls(dump=dump, dump_record=dump_record, error=reason, detail=detail, raw_excerpt=excerpt(raw))
