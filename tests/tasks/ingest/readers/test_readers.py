"""Dump readers and discovery, on tiny dumps built in tmp_path, plus the bundled samples."""

from __future__ import annotations

import datetime
import gzip
import inspect
import io
import json
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newslake.errors import NewslakeError
from newslake.tasks.ingest.readers import Dump, discover_dumps, read_dump
from newslake.tasks.ingest.records import RejectReason

SAMPLES = Path(__file__).resolve().parents[4] / "data" / "samples"

# Sentences from the worked example (shared/samples/kyiv-atacms-strike.txt).
HEADLINE = "Kyiv Launches First Strike with Western Missiles on Russian Territory"
PARAGRAPH_1 = (
    "On the night of November 19, the Armed Forces of Ukraine (AFU) reportedly struck a military facility "
    "in Russia's Bryansk region, allegedly using American-made ATACMS missiles."
)
PARAGRAPH_2 = (
    "Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS "
    "missiles at a facility in the Bryansk region."
)


def records(path: Path, format: str) -> list:
    return list(read_dump(Dump(path, format)))


def summary(path: Path, format: str) -> list[tuple[str, RejectReason | None]]:
    return [(r.dump_record, r.error) for r in records(path, format)]


# --- jsonl -------------------------------------------------------------------

JSONL = (
    b'{"title": "A", "text": "first"}\n'
    b"\n"
    b'{"title": "B", "text": "cut off\n'
    b"[1, 2]\n"
    b'{"title": "caf\xe9", "text": "latin-1"}\n'
    b'{"title": "C", "text": "caf\xc3\xa9"}\n'
)


def test_jsonl_gives_one_record_per_non_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(JSONL)

    got = records(path, "jsonl")

    assert [(r.dump_record, r.error) for r in got] == [
        ("1", None),
        ("3", RejectReason.MALFORMED_JSON),
        ("4", RejectReason.MALFORMED_JSON),
        ("5", RejectReason.BAD_ENCODING),
        ("6", None),
    ]
    assert got[0].fields == {"title": "A", "text": "first"}
    assert got[0].dump == str(path)
    assert got[1].detail == "Unterminated string starting at: line 1 column 24 (char 23)"
    assert got[1].raw_excerpt == '{"title": "B", "text": "cut off'
    assert got[2].detail == "expected a JSON object"
    assert got[3].detail == "invalid UTF-8 at byte 14"
    assert got[4].fields == {"title": "C", "text": "café"}


def test_jsonl_gz_reads_like_plain(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(JSONL))

    assert summary(path, "jsonl") == [
        ("1", None),
        ("3", RejectReason.MALFORMED_JSON),
        ("4", RejectReason.MALFORMED_JSON),
        ("5", RejectReason.BAD_ENCODING),
        ("6", None),
    ]


def test_truncated_gzip_ends_with_one_reject_for_the_rest(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"title": str(i), "text": f"article number {i} " * 20}).encode() + b"\n" for i in range(2000))
    compressed = gzip.compress(lines)
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])

    got = records(path, "jsonl")

    *read, last = got
    assert 0 < len(read) < 2000
    assert all(r.error is None for r in read)
    assert [r.dump_record for r in read] == [str(i) for i in range(1, len(read) + 1)]
    assert last.dump_record == str(len(read) + 1)
    assert last.error == RejectReason.MALFORMED_ROW
    assert last.detail.startswith("the dump breaks off here")


def test_jsonl_reads_a_multi_megabyte_record_whole(tmp_path: Path) -> None:
    body = "word " * 1_000_000
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"title": "big", "text": body}) + "\n", encoding="utf-8")

    (record,) = records(path, "jsonl")

    assert record.fields == {"title": "big", "text": body}


def test_readers_are_lazy_generators(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(JSONL)

    assert inspect.isgenerator(read_dump(Dump(path, "jsonl")))


# --- csv ---------------------------------------------------------------------


def csv_bytes() -> bytes:
    return (
        b"title,text,published\r\n"
        b"A,first,2024-11-19\r\n"
        b"B,too,many,fields\r\n"
        b"\r\n"
        b"C,caf\xe9,2024-11-19\r\n"
        b'D,"two lines,\r\nand a comma",2024-11-20\r\n'
    )


def test_csv_rows_become_records_and_bad_rows_rejects(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_bytes(csv_bytes())

    got = records(path, "csv")

    assert [(r.dump_record, r.error) for r in got] == [
        ("1", None),
        ("2", RejectReason.MALFORMED_ROW),
        ("3", RejectReason.BAD_ENCODING),
        ("4", None),
    ]
    assert got[0].fields == {"title": "A", "text": "first", "published": "2024-11-19"}
    assert got[1].detail == "expected 3 fields, got 4"
    assert got[2].raw_excerpt == "C,caf?,2024-11-19"
    assert got[3].fields == {"title": "D", "text": "two lines,\r\nand a comma", "published": "2024-11-20"}


def test_csv_gz_and_multi_megabyte_field(tmp_path: Path) -> None:
    body = "word " * 1_000_000
    path = tmp_path / "dump.csv.gz"
    path.write_bytes(gzip.compress(f"title,text\nbig,{body}\n".encode()))

    (record,) = records(path, "csv")

    assert record.fields == {"title": "big", "text": body}


# --- html --------------------------------------------------------------------


def news_page(*, canonical: str | None, published: str | None) -> str:
    head = [f"<title>{HEADLINE} - Example News</title>", f'<meta property="og:title" content="{HEADLINE}">']
    head.append('<meta property="og:site_name" content="Example News">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{"".join(head)}</head>
<body><header><nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/subscribe/">Subscribe</a></nav></header>
<main><article><h1>{HEADLINE}</h1><p>{PARAGRAPH_1}</p><p>{PARAGRAPH_2}</p></article></main>
<footer><p>Follow us on social networks</p><p>&copy; 2024 Example News</p></footer></body></html>"""


def test_html_folder_extracts_text_and_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "b-strike.html").write_text(
        news_page(canonical="https://news.example.com/2024/11/19/strike/", published="2024-11-19"), encoding="utf-8"
    )
    (folder / "a-empty.htm").write_text("<html><head><title>Nothing here</title></head><body></body></html>", encoding="utf-8")
    (folder / "c-broken.html").write_bytes(b"")
    (folder / "notes.md").write_text("not a page", encoding="utf-8")

    got = records(folder, "html")

    assert [(r.dump_record, r.error) for r in got] == [
        ("a-empty.htm", None),
        ("b-strike.html", None),
        ("c-broken.html", RejectReason.MALFORMED_ROW),
    ]
    assert got[0].fields == {"text": "", "title": "Nothing here", "url": None, "published_at": None, "source": None}
    assert got[1].fields == {
        "text": f"{HEADLINE}\n{PARAGRAPH_1}\n{PARAGRAPH_2}",
        "title": HEADLINE,
        "url": "https://news.example.com/2024/11/19/strike/",
        "published_at": "2024-11-19",
        "source": "Example News",
    }
    assert got[2].detail == "not an HTML page"


# --- warc --------------------------------------------------------------------


def write_warc(path: Path) -> list[int]:
    """A tiny crawl; returns the byte offsets of its two HTML article responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

    def response(uri: str, content_type: str, body: bytes, status: str = "200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        return writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": "2025-01-02T03:04:05Z"}
        )

    offsets = []
    writer.write_record(response("https://news.example.com/robots.txt", "text/plain", b"User-agent: *\n"))
    offsets.append(buffer.tell())
    page = news_page(canonical="https://news.example.com/2024/11/19/strike/", published="2024-11-19")
    writer.write_record(response("https://news.example.com/strike?utm_source=feed", "text/html; charset=utf-8", page.encode()))
    writer.write_record(response("https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"))
    writer.write_record(response("https://news.example.com/old", "text/html", b"<html><body>Moved</body></html>", status="301 Moved Permanently"))
    offsets.append(buffer.tell())
    undated = news_page(canonical=None, published=None)
    writer.write_record(response("https://news.example.com/world/strike", "text/html", undated.encode()))
    path.write_bytes(buffer.getvalue())
    return offsets


def test_warc_reads_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    first, second = write_warc(path)

    got = records(path, "warc")

    assert [(r.dump_record, r.error) for r in got] == [(f"offset:{first}", None), (f"offset:{second}", None)]
    assert got[0].fields == {
        "text": f"{HEADLINE}\n{PARAGRAPH_1}\n{PARAGRAPH_2}",
        "title": HEADLINE,
        "url": "https://news.example.com/2024/11/19/strike/",
        "published_at": "2024-11-19",
        "source": "Example News",
    }
    # No canonical link: the crawled URI. No date on the page: none, not the crawl date.
    assert got[1].fields["url"] == "https://news.example.com/world/strike"
    assert got[1].fields["published_at"] is None


def test_truncated_warc_ends_with_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    first, second = write_warc(path)
    path.write_bytes(path.read_bytes()[: second + 40])

    got = records(path, "warc")

    assert [(r.dump_record, r.error) for r in got] == [(f"offset:{first}", None), (f"offset:{second}", RejectReason.MALFORMED_ROW)]


def test_warc_payload_shorter_than_its_length_is_rejected(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = news_page(canonical=None, published=None).encode()
    writer.write_record(writer.create_warc_record("https://news.example.com/a", "response", payload=io.BytesIO(page), http_headers=headers))
    path = tmp_path / "crawl.warc"
    path.write_bytes(buffer.getvalue()[:-100])

    (record,) = records(path, "warc")

    assert (record.dump_record, record.error) == ("offset:0", RejectReason.MALFORMED_ROW)
    assert record.detail == "unreadable payload: the payload is shorter than its Content-Length"


# --- text --------------------------------------------------------------------


def test_text_folder_with_sidecars(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(f"\n{HEADLINE}\n\n{PARAGRAPH_1}\n\n{PARAGRAPH_2}\n\nFollow us\n", encoding="utf-8")
    (folder / "a.json").write_text(json.dumps({"published_at": "2024-11-19", "source": "example"}), encoding="utf-8")
    (folder / "b.txt").write_text(f"{HEADLINE}\n{PARAGRAPH_1}", encoding="utf-8")
    (folder / "c.txt").write_text(f"{HEADLINE}\n{PARAGRAPH_1}", encoding="utf-8")
    (folder / "c.json").write_text("{published_at: 2024-11-19}", encoding="utf-8")
    (folder / "d.txt").write_bytes(b"Caf\xe9 society\n")
    (folder / "e.txt").write_text("", encoding="utf-8")
    (folder / "README.txt").write_text("How these files were collected.", encoding="utf-8")

    got = records(folder, "text")

    assert [(r.dump_record, r.error) for r in got] == [
        ("a.txt", None),
        ("b.txt", None),
        ("c.txt", RejectReason.MALFORMED_JSON),
        ("d.txt", RejectReason.BAD_ENCODING),
        ("e.txt", None),
    ]
    assert got[0].fields == {
        "title": HEADLINE,
        "published_at": "2024-11-19",
        "source": "example",
        "text": f"{PARAGRAPH_1}\n\n{PARAGRAPH_2}\n\nFollow us",
    }
    assert got[1].fields == {"title": HEADLINE, "text": PARAGRAPH_1}
    assert got[2].detail.startswith("sidecar c.json: ")
    assert got[4].fields == {"title": "", "text": ""}


# --- hf and parquet ----------------------------------------------------------

ROWS = [
    {"title": "A", "text": PARAGRAPH_1, "published": "2024-11-19"},
    {"title": "B", "text": PARAGRAPH_2, "published": None},
]


def test_hf_dataset_rows(tmp_path: Path) -> None:
    folder = tmp_path / "hf"
    datasets.Dataset.from_list(ROWS).save_to_disk(str(folder))

    got = records(folder, "hf")

    assert [(r.dump_record, r.error, r.fields) for r in got] == [("0", None, ROWS[0]), ("1", None, ROWS[1])]


def test_hf_dataset_dict_reads_splits_in_sorted_order(tmp_path: Path) -> None:
    folder = tmp_path / "hf"
    splits = {"train": datasets.Dataset.from_list(ROWS), "test": datasets.Dataset.from_list(ROWS[:1])}
    datasets.DatasetDict(splits).save_to_disk(str(folder))

    assert summary(folder, "hf") == [("test:0", None), ("train:0", None), ("train:1", None)]


def test_parquet_rows_keep_column_types(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    schema = pa.schema([("title", pa.string()), ("published", pa.date32())])
    rows = [{"title": f"t{i}", "published": datetime.date(2024, 11, 19)} for i in range(300)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, row_group_size=100)

    got = records(path, "parquet")

    assert [r.dump_record for r in got] == [str(i) for i in range(300)]
    assert got[299].fields == {"title": "t299", "published": datetime.date(2024, 11, 19)}


def test_unreadable_parquet_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    path.write_bytes(b"not parquet at all")

    assert summary(path, "parquet") == [("dump", RejectReason.MALFORMED_ROW)]


# --- discovery ---------------------------------------------------------------


def make_container(root: Path) -> None:
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "a.jsonl").write_bytes(JSONL)
    (root / "b.csv.gz").write_bytes(gzip.compress(csv_bytes()))
    (root / "README.md").write_text("about these dumps", encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    (root / ".hidden.jsonl").write_bytes(JSONL)
    (root / "d.parquet").write_bytes(b"")
    (root / "pages").mkdir()
    (root / "pages" / "p.html").write_text(news_page(canonical=None, published=None), encoding="utf-8")
    (root / "texts").mkdir()
    (root / "texts" / "t.txt").write_text(HEADLINE, encoding="utf-8")
    (root / "texts" / "t.json").write_text("{}", encoding="utf-8")
    (root / "texts" / "README.txt").write_text("not an article", encoding="utf-8")
    datasets.Dataset.from_list(ROWS).save_to_disk(str(root / "hf"))
    (root / "nested" / "deeper" / "c.warc.gz").write_bytes(b"")
    (root / "nested" / "e.ndjson").write_bytes(b"")


def test_discover_dumps_in_a_container_folder(tmp_path: Path) -> None:
    make_container(tmp_path)

    found = discover_dumps([tmp_path])

    assert [(d.path.relative_to(tmp_path).as_posix(), d.format) for d in found] == [
        ("a.jsonl", "jsonl"),
        ("b.csv.gz", "csv"),
        ("d.parquet", "parquet"),
        ("hf", "hf"),
        ("nested/deeper/c.warc.gz", "warc"),
        ("nested/e.ndjson", "jsonl"),
        ("notes.json", "unknown"),
        ("pages", "html"),
        ("texts", "text"),
    ]


def test_discover_dumps_globs_dedupes_and_forces_format(tmp_path: Path) -> None:
    make_container(tmp_path)
    pattern = str(tmp_path / "*.json*")

    assert discover_dumps([pattern, tmp_path / "a.jsonl"]) == [Dump(tmp_path / "a.jsonl", "jsonl")]
    assert discover_dumps([tmp_path / "notes.json"], format="jsonl") == [Dump(tmp_path / "notes.json", "jsonl")]
    assert discover_dumps([tmp_path / "texts"], format="html") == [Dump(tmp_path / "texts", "html")]


@pytest.mark.parametrize(
    ("paths", "format", "code"),
    [
        (["missing.jsonl"], None, "E010"),
        (["missing-*.jsonl"], None, "E010"),
        (["notes.json"], None, "E011"),
        (["pages/p.html"], None, "E011"),
        (["a.jsonl"], "xml", "E011"),
        (["."], "jsonl", "E011"),
        (["empty"], None, "E012"),
        (["*.md"], None, "E012"),
    ],
)
def test_discover_dumps_errors(tmp_path: Path, paths: list[str], format: str | None, code: str) -> None:
    make_container(tmp_path)
    (tmp_path / "empty").mkdir()

    with pytest.raises(NewslakeError) as raised:
        discover_dumps([str(tmp_path / p) for p in paths], format=format)

    assert raised.value.code == code


def test_folder_mixing_pages_and_dumps_reads_both(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(news_page(canonical=None, published=None), encoding="utf-8")
    (tmp_path / "dump.jsonl").write_bytes(JSONL)

    assert discover_dumps([tmp_path]) == [Dump(tmp_path, "html"), Dump(tmp_path / "dump.jsonl", "jsonl")]


# --- the bundled samples -----------------------------------------------------


def test_bundled_samples_read_as_documented() -> None:
    counts = {}
    for dump in discover_dumps([SAMPLES]):
        got = list(read_dump(dump))
        counts[(dump.path.relative_to(SAMPLES).as_posix(), dump.format)] = len(got)
        if dump.path.name == "repeats-and-bad-records.jsonl":
            bad = got

    assert counts == {
        ("articles.parquet", "parquet"): 10,
        ("repeats-and-bad-records.jsonl", "jsonl"): 11,
        ("crawl.warc.gz", "warc"): 5,
        ("hf-dataset", "hf"): 10,
        ("html", "html"): 5,
        ("polnear-newsplease.jsonl", "jsonl"): 25,
        ("polnear.csv", "csv"): 10,
        ("ukraine-2014.jsonl.gz", "jsonl"): 20,
        ("worked-example", "text"): 1,
        ("ruwa-kramatorsk.jsonl", "jsonl"): 10,
    }
    assert [r.error for r in bad] == [
        RejectReason.MALFORMED_JSON,
        RejectReason.BAD_ENCODING,
        RejectReason.MALFORMED_JSON,
        *[None] * 8,
    ]
    assert "maintext" not in bad[3].fields
    crawl = list(read_dump(Dump(SAMPLES / "crawl.warc.gz", "warc")))
    # Publish dates from the pages, never the 2024 crawl date.
    assert [r.fields["published_at"] for r in crawl] == ["2016-09-21", "2016-09-26", "2016-09-28", "2016-09-27", "2016-09-25"]
    assert bad[9].fields["source_domain"] == "../../../etc/passwd"


def test_an_input_folder_the_run_may_not_list_is_e010_with_what_to_do(tmp_path: Path, monkeypatch) -> None:
    from hostile import without_list_permission

    without_list_permission(monkeypatch, tmp_path)
    with pytest.raises(NewslakeError, match=r"^E010: cannot list the folder .*; give the run read permission on it\.$"):
        discover_dumps([tmp_path])
