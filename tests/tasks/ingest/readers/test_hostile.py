"""Readers and discovery against hostile input: each dump here once stopped a run or lost an article."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from hostile import ARTICLE, deeply_nested_page, filler_article, single_line_bomb, warc_without_target_uri

from newslake.tasks.ingest import readers
from newslake.tasks.ingest.readers import Dump, discover_dumps, read_dump
from newslake.tasks.ingest.readers.extraction import article_fields
from newslake.tasks.ingest.readers.jsonl import MAX_LINE_BYTES
from newslake.tasks.ingest.records import RawRecord, RejectReason
from newslake.tasks.runs.ledger import dump_digest


def summary(dump: Dump) -> list[tuple[str, RejectReason | None]]:
    return [(r.dump_record, r.error) for r in read_dump(dump)]


def test_warc_response_without_target_uri_is_one_reject(tmp_path: Path) -> None:
    path = warc_without_target_uri(tmp_path / "no-uri.warc")

    (record,) = read_dump(Dump(path, "warc"))

    assert (record.dump_record, record.error) == ("offset:0", RejectReason.MALFORMED_ROW)
    assert record.detail == "response record without WARC-Target-URI"


def test_page_nested_deeper_than_the_parser_goes_falls_back_to_its_tags_stripped() -> None:
    fields = article_fields(deeply_nested_page(depth=2000))

    assert fields["text"] == ARTICLE
    assert fields["title"] == "Council approves budget"


def test_a_page_without_article_text_stays_empty() -> None:
    # The fallback is for text the parser lost, not for pages trafilatura judged to hold none.
    fields = article_fields(b"<html><body><script>var x = 'not text';</script></body></html>")

    assert fields["text"] == ""


def test_a_line_over_the_cap_is_rejected_unread_in_bounded_memory(tmp_path: Path) -> None:
    path = single_line_bomb(tmp_path / "bomb.jsonl.gz", megabytes=5 * MAX_LINE_BYTES // 2**20)

    tracemalloc.start()
    try:
        records = list(read_dump(Dump(path, "jsonl")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [(r.dump_record, r.error) for r in records] == [("1", RejectReason.TOO_LONG), ("2", None)]
    assert records[1].fields["url"] == "https://daily.example/news/1"
    # Reading up to the cap takes about twice the cap; the 80 MB line was never held whole.
    assert peak < 3 * MAX_LINE_BYTES


def test_a_reader_that_raises_ends_only_its_dump(tmp_path: Path, monkeypatch) -> None:
    def breaks_after_one(path: Path, dump: str):
        yield RawRecord(dump=dump, dump_record="1", fields={"text": "ok"})
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setitem(readers.READERS, "jsonl", breaks_after_one)

    assert summary(Dump(tmp_path / "x.jsonl", "jsonl")) == [("1", None), ("after:1", RejectReason.MALFORMED_ROW)]


def inbox(root: Path) -> Path:
    (root / "feed" / "pages").mkdir(parents=True)
    (root / "feed" / "story.txt").write_text("Council approves budget\n\n" + ARTICLE, encoding="utf-8")
    (root / "feed" / "story.json").write_text('{"published_at": "2024-11-19"}', encoding="utf-8")
    (root / "feed" / "dump.jsonl").write_text(f'{{"text": "{filler_article(1)["text"]}"}}\n', encoding="utf-8")
    (root / "feed" / "page.html").write_bytes(deeply_nested_page(depth=10))
    (root / "feed" / "pages" / "p.htm").write_bytes(deeply_nested_page(depth=10))
    (root / "feed" / "invoice.pdf").write_bytes(b"%PDF-1.4")
    (root / "feed" / "README.md").write_text("what the feed sends", encoding="utf-8")
    return root / "feed"


def test_an_inbox_mixing_formats_reads_each_file_by_its_own_name(tmp_path: Path) -> None:
    feed = inbox(tmp_path)

    found = [(d.path.relative_to(tmp_path).as_posix(), d.format) for d in discover_dumps([tmp_path])]

    assert found == [
        ("feed", "html"),
        ("feed", "text"),
        ("feed/dump.jsonl", "jsonl"),
        ("feed/invoice.pdf", "unknown"),
        ("feed/pages", "html"),
    ]
    assert summary(Dump(feed / "invoice.pdf", "unknown")) == [("dump", RejectReason.UNKNOWN_FORMAT)]
    assert summary(Dump(feed, "text")) == [("story.txt", None)]
    assert summary(Dump(feed, "html")) == [("page.html", None)]


def test_a_page_folder_hash_covers_its_own_pages_only(tmp_path: Path) -> None:
    feed = inbox(tmp_path)
    html, text = Dump(feed, "html"), Dump(feed, "text")
    before = dump_digest(html), dump_digest(text)

    (feed / "another.jsonl").write_text("{}\n", encoding="utf-8")
    (feed / "pages" / "q.html").write_bytes(b"<p>new</p>")
    assert (dump_digest(html), dump_digest(text)) == before
    assert dump_digest(html) != dump_digest(text)

    (feed / "second.html").write_bytes(b"<p>new</p>")
    assert dump_digest(html) != before[0]
