"""CSV dumps (plain or gzipped): a header row, then one article per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from newslake.tasks.ingest.readers.compression import open_binary
from newslake.tasks.ingest.readers.failures import STREAM_ERRORS, WHOLE_DUMP, unreadable
from newslake.tasks.ingest.records import RawRecord, RejectReason

# The csv module refuses fields over 128 KiB by default; an article body can be
# megabytes. The limit is process-wide, so it is raised (never lowered) here.
FIELD_SIZE_LIMIT = 2**31 - 1


def read_csv(path: Path, dump: str) -> Iterator[RawRecord]:
    """One record per data row; `dump_record` is the 1-based data row number (header and blank rows not counted)."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    row_number = 0
    try:
        with open_binary(path) as raw:
            # surrogateescape keeps undecodable bytes so that only the rows that
            # hold them are rejected, not the whole file.
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
            rows = csv.reader(text)
            header = [printable(name) for name in next(rows, [])]
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    break
                except csv.Error as exc:
                    row_number += 1
                    yield RawRecord.failed(dump, str(row_number), RejectReason.MALFORMED_ROW, f"unparsable row: {exc}", None)
                    continue
                if not row:
                    continue
                row_number += 1
                yield row_record(dump, str(row_number), header, row)
    except (*STREAM_ERRORS, csv.Error) as exc:
        yield unreadable(dump, str(row_number + 1) if row_number else WHOLE_DUMP, exc)


def row_record(dump: str, dump_record: str, header: list[str], row: list[str]) -> RawRecord:
    joined = ",".join(row)
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError as exc:
        return RawRecord.failed(dump, dump_record, RejectReason.BAD_ENCODING, f"invalid UTF-8 at character {exc.start}", joined)
    if len(row) != len(header):
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW, f"expected {len(header)} fields, got {len(row)}", joined)
    return RawRecord(dump=dump, dump_record=dump_record, fields=dict(zip(header, row)))


def printable(name: str) -> str:
    # A header with stray bytes still names its columns; only rows are rejected.
    return name.encode("utf-8", errors="replace").decode("utf-8")
