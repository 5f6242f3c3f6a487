"""Dump readers: every record of a dump becomes exactly one `RawRecord`.

`discover_dumps` finds the dumps under the user's paths; `read_dump` streams a
dump's records. Readers know formats, not content: an empty, foreign or
duplicate article is still a record with fields; only what cannot be read at
all (broken JSON, bytes that are not UTF-8, a row with the wrong number of
fields) comes back as an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from newslake.tasks.ingest.readers.csv import read_csv
from newslake.tasks.ingest.readers.discovery import FORMATS, UNKNOWN, UNLISTABLE, Dump, discover_dumps
from newslake.tasks.ingest.readers.failures import WHOLE_DUMP, read_unknown, read_unlistable, unreadable
from newslake.tasks.ingest.readers.html import read_html
from newslake.tasks.ingest.readers.jsonl import read_jsonl
from newslake.tasks.ingest.readers.tabular import read_hf, read_parquet
from newslake.tasks.ingest.readers.text import read_text
from newslake.tasks.ingest.readers.warc import read_warc
from newslake.tasks.ingest.records import RawRecord

__all__ = ["FORMATS", "Dump", "discover_dumps", "read_dump"]

READERS: dict[str, Callable[[Path, str], Iterator[RawRecord]]] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "html": read_html,
    "warc": read_warc,
    "text": read_text,
    "hf": read_hf,
    "parquet": read_parquet,
    UNKNOWN: read_unknown,
    UNLISTABLE: read_unlistable,
}


def read_dump(dump: Dump) -> Iterator[RawRecord]:
    """Stream the records of one dump; `RawRecord.dump` is `str(dump.path)`.

    Readers reject what they know to be malformed; anything else a hostile dump makes a parser
    raise still ends only this dump, with one reject for the rest of it, never the run.
    """
    name = str(dump.path)
    last = None
    try:
        for record in READERS[dump.format](dump.path, name):
            last = record.dump_record
            yield record
    except Exception as exc:  # noqa: BLE001 - one dump's parser failure must not stop the other dumps
        yield unreadable(name, WHOLE_DUMP if last is None else f"after:{last}", exc)
