"""JSON Lines dumps (plain or gzipped): one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newslake.tasks.ingest.readers.compression import open_binary
from newslake.tasks.ingest.readers.failures import STREAM_ERRORS, WHOLE_DUMP, unreadable
from newslake.tasks.ingest.records import RawRecord, RejectReason

UTF8_BOM = b"\xef\xbb\xbf"
# The longest line read into memory. Decoding and parsing a line costs several times its size,
# so one unbounded line (a gzip bomb: 200 MB from 1 MB on disk) could exhaust memory. Far above
# any article: ingest rejects bodies over 4x `max_chars` (1.2M characters) anyway.
MAX_LINE_BYTES = 16 * 1024 * 1024
_SKIP_CHUNK = 1024 * 1024


def read_jsonl(path: Path, dump: str) -> Iterator[RawRecord]:
    """One record per non-blank line; `dump_record` is the 1-based line number.

    A line longer than `MAX_LINE_BYTES` is skipped unread and rejected as `too_long`.
    """
    line_number = 0
    try:
        with open_binary(path) as lines:
            for line_number, line in enumerate(bounded_lines(lines), start=1):
                if line is None:
                    yield RawRecord.failed(dump, str(line_number), RejectReason.TOO_LONG,
                                           f"line longer than {MAX_LINE_BYTES:,} bytes; not read", None)
                    continue
                if line_number == 1:
                    line = line.removeprefix(UTF8_BOM)
                # Blank lines (a trailing newline, a separator) are not records.
                if not line.strip():
                    continue
                yield parse_line(dump, str(line_number), line)
    except STREAM_ERRORS as exc:
        yield unreadable(dump, str(line_number + 1) if line_number else WHOLE_DUMP, exc)


def bounded_lines(stream: BinaryIO, limit: int | None = None) -> Iterator[bytes | None]:
    """The stream's lines, or None for a line over `limit` bytes, whose rest is read past in chunks."""
    limit = MAX_LINE_BYTES if limit is None else limit
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        del line
        while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
            pass
        yield None


def parse_line(dump: str, dump_record: str, line: bytes) -> RawRecord:
    # Without its line ending, a record cut off mid-string reads as unterminated.
    line = line.rstrip(b"\r\n")
    try:
        # Strict: a dump in another encoding must be rejected, not silently mangled.
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord.failed(dump, dump_record, RejectReason.BAD_ENCODING, f"invalid UTF-8 at byte {exc.start}", line)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_JSON, str(exc), line)
    except (ValueError, RecursionError) as exc:
        # Integers longer than Python's digit limit, or absurdly deep nesting.
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_JSON, f"unreadable JSON: {exc}", line)
    if not isinstance(value, dict):
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_JSON, "expected a JSON object", line)
    return RawRecord(dump=dump, dump_record=dump_record, fields=value)
