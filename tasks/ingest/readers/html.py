"""HTML dumps: a folder of saved pages (*.html, *.htm), one article per page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newslake.tasks.ingest.readers.discovery import is_documentation
from newslake.tasks.ingest.readers.extraction import article_fields
from newslake.tasks.ingest.records import RawRecord, RejectReason

PAGE_SUFFIXES = (".html", ".htm")


def page_files(folder: Path) -> list[Path]:
    # Only the folder's own pages: a subfolder is a dump of its own.
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and not p.name.startswith(".") and not is_documentation(p)
    )


def read_html(folder: Path, dump: str) -> Iterator[RawRecord]:
    """One record per page, in file-name order; `dump_record` is the page's file name."""
    for page in page_files(folder):
        name = page.name
        try:
            raw = page.read_bytes()
        except OSError as exc:
            yield RawRecord.failed(dump, name, RejectReason.MALFORMED_ROW, f"cannot read the page: {exc}", None)
            continue
        yield page_record(dump, name, raw, default_url=None)


def page_record(dump: str, dump_record: str, raw: bytes, default_url: str | None) -> RawRecord:
    try:
        fields = article_fields(raw, default_url)
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one page must not stop the dump
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW, f"extraction failed: {type(exc).__name__}: {exc}", raw)
    if fields is None:
        return RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW, "not an HTML page", raw)
    return RawRecord(dump=dump, dump_record=dump_record, fields=fields)
