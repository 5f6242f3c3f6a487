"""What a reader yields when the dump itself, not one record, breaks."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from newslake.tasks.ingest.records import RawRecord, RejectReason

# `dump_record` of the one reject a reader yields for a dump it cannot open at
# all, so that the dump still shows up in the rejects table and the run goes on.
WHOLE_DUMP = "dump"

# Errors raised while streaming a dump's bytes: a truncated or corrupt gzip
# member, a file that vanished or became unreadable mid-run. Nothing after the
# point of failure can be read, so the reader reports it once and stops.
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def unreadable(dump: str, dump_record: str, exc: BaseException) -> RawRecord:
    """The reject for everything from `dump_record` on, when the stream breaks there."""
    where = "cannot open the dump" if dump_record == WHOLE_DUMP else "the dump breaks off here; the rest is unreadable"
    return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW, f"{where}: {type(exc).__name__}: {exc}", None)


def read_unknown(path: Path, dump: str) -> Iterator[RawRecord]:
    """The one reject of a file whose name says no format the readers know (see `discovery`)."""
    yield RawRecord.failed(
        dump, WHOLE_DUMP, RejectReason.UNKNOWN_FORMAT,
        f"{path.name}: not a dump format newslake reads; rename it (.jsonl, .csv, .warc.gz, .parquet, ...) "
        "or move it out of the input folder", None,
    )


def read_unlistable(path: Path, dump: str) -> Iterator[RawRecord]:
    """The one reject of a folder in an input folder that the run may not list (see `discovery`)."""
    try:
        next(iter(path.iterdir()), None)
    except OSError as exc:
        yield unreadable(dump, WHOLE_DUMP, exc)
        return
    yield RawRecord.failed(dump, WHOLE_DUMP, RejectReason.MALFORMED_ROW,
                           "cannot open the dump: the folder could not be listed when the run started; run again", None)
