"""WARC archives (plain or gzipped): the HTML pages a crawler fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader

from newslake.tasks.ingest.readers.failures import STREAM_ERRORS, WHOLE_DUMP, unreadable
from newslake.tasks.ingest.readers.html import page_record
from newslake.tasks.ingest.records import RawRecord, RejectReason

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class _Loader(ArcWarcRecordLoader):
    """warcio's record loader, for records that lack the WARC-Target-URI the standard requires.

    warcio reads a response's HTTP headers only for http(s) target URIs, and fails on a missing
    one (`None.startswith`), which would end the whole archive. Here such a record parses without
    HTTP headers and `read_warc` rejects it on its own.
    """

    def load_http_headers(self, rec_type, uri, stream, length):
        return super().load_http_headers(rec_type, uri or "", stream, length)


class _Archive(ArchiveIterator):
    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self.loader = _Loader()


def read_warc(path: Path, dump: str) -> Iterator[RawRecord]:
    """One record per successful HTML response; `dump_record` is "offset:<byte offset>".

    Everything else in a crawl (warcinfo, requests, robots.txt, images,
    redirects, error pages) is not an article and is skipped, not counted. The
    WARC-Date is when the page was crawled, not published, so it is not used.
    """
    # Where the next record starts: if the archive breaks, the reject points there.
    resume_offset = 0
    try:
        with path.open("rb") as stream:
            records = _Archive(stream)
            for record in records:
                article = is_article_response(record)
                payload, problem = read_payload(record) if article else (b"", None)
                # Asking for the offset consumes the record, so the payload is read first.
                start = records.get_record_offset()
                resume_offset = start + records.get_record_length()
                dump_record = f"offset:{start}"
                if lacks_target(record):
                    yield RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW,
                                           "response record without WARC-Target-URI", None)
                    continue
                if not article:
                    continue
                if problem is not None:
                    yield RawRecord.failed(dump, dump_record, RejectReason.MALFORMED_ROW, f"unreadable payload: {problem}", None)
                else:
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    yield page_record(dump, dump_record, payload, default_url=url)
            # warcio ends quietly when the last record is cut off inside its
            # headers; bytes left after the last whole record mean exactly that.
            leftover = first_byte_after(stream, resume_offset)
            if leftover is not None:
                yield unreadable(dump, f"offset:{leftover}", EOFError("the last record is incomplete"))
    except (*STREAM_ERRORS, ArchiveLoadFailed) as exc:
        yield unreadable(dump, f"offset:{resume_offset}" if resume_offset else WHOLE_DUMP, exc)


def read_payload(record: ArcWarcRecord) -> tuple[bytes, Exception | None]:
    try:
        payload = record.content_stream().read()
    except (*STREAM_ERRORS, ValueError) as exc:
        # A bad chunked or gzip payload spoils this response only.
        return b"", exc
    # Fewer bytes than the record's Content-Length: the archive was cut off here.
    if getattr(record.raw_stream, "limit", 0) > 0:
        return b"", EOFError("the payload is shorter than its Content-Length")
    return payload, None


def first_byte_after(stream: BinaryIO, offset: int) -> int | None:
    """Where data follows `offset`, or None if only blank space does.

    Uncompressed WARCs end each record with blank lines outside its length.
    """
    stream.seek(offset)
    while chunk := stream.read(64 * 1024):
        if stripped := chunk.lstrip():
            return offset + len(chunk) - len(stripped)
        offset += len(chunk)
    return None


def lacks_target(record: ArcWarcRecord) -> bool:
    return record.rec_type == "response" and not record.rec_headers.get_header("WARC-Target-URI")


def is_article_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and content_type in HTML_TYPES
