"""The ingest flow end to end on real Prefect (test harness) and a real lake."""

import gzip
import json
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import ingest, run
from newslake.lake import scan
from newslake.tasks.lake import local

pytestmark = pytest.mark.usefixtures("prefect")

PARAGRAPH = (
    "Officials in the region said on Tuesday that the bridge, damaged by the spring floods, would reopen "
    "to traffic next month after engineers finished inspecting its supports and the river level fell."
)


def story(n: int, words: int = 400) -> str:
    """A distinct English article body (shingles differ between n)."""
    sentences = [f"Report {n}.{i}: {PARAGRAPH.replace('the bridge', f'bridge number {n * 100 + i}')}" for i in range(words // 30)]
    return "\n\n".join(sentences)


GERMAN = (
    "Die Stadtverwaltung teilte am Dienstag mit, dass die Brücke nach dem Hochwasser im nächsten Monat wieder "
    "für den Verkehr freigegeben werde. Die Ingenieure hätten die Pfeiler geprüft, und der Wasserstand sei gesunken. "
    "Anwohner begrüßten die Entscheidung, forderten aber eine bessere Planung für künftige Überschwemmungen."
)


def write_bad_dump(path: Path) -> None:
    near_copy = story(1).replace("Report 1.0:", "Report 1.0 (updated):") + "\n\nThis sentence was added by the copy desk."
    lines = [
        json.dumps({"title": "Good one", "maintext": story(1), "url": "https://example.com/1", "date_publish": "2024-11-19"}).encode(),
        b'{"title": "cut off", "maintext": "no closing brace"',
        json.dumps({"title": "Bad bytes", "maintext": "caf"}).encode()[:-2] + b'\xe9\xff"}',
        json.dumps({"title": "Empty", "maintext": ""}).encode(),
        json.dumps({"title": "Blank", "maintext": " \n\t "}).encode(),
        json.dumps({"title": "Deutsch", "maintext": GERMAN}).encode(),
        json.dumps({"title": "Same text", "maintext": story(1)}).encode(),
        json.dumps({"title": "Near copy", "maintext": near_copy, "url": "https://mirror.example/1"}).encode(),
        json.dumps({"title": "Huge", "maintext": (PARAGRAPH + " ") * 27_000}).encode(),  # about 5 MB
        json.dumps({"title": "Traversal", "maintext": story(2), "source_domain": "../../../etc/passwd"}).encode(),
        json.dumps({"title": "Same URL", "maintext": story(3), "url": "https://example.com/1?utm_source=x"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"headline": "no text field"}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_bad_dump_every_record_accounted_for(tmp_path):
    dump = tmp_path / "bad.jsonl"
    write_bad_dump(dump)
    assert dump.stat().st_size > 5_000_000
    lake = tmp_path / "lake"

    summary = ingest([str(dump)], lake=str(lake))

    rejects = scan("rejects", lake).sort(pl.col("dump_record").cast(pl.Int64)).collect()
    assert list(zip(rejects["dump_record"], rejects["reason_code"])) == [
        ("2", "malformed_json"),
        ("3", "bad_encoding"),
        ("4", "empty_text"),
        ("5", "empty_text"),
        ("6", "not_english"),
        ("7", "duplicate"),
        ("9", "too_long"),
        ("11", "duplicate"),
        ("12", "malformed_json"),
        ("13", "missing_field"),
    ]
    articles = scan("articles", lake).sort("dump_record").collect()
    assert articles["dump_record"].to_list() == ["1", "10", "8"]
    assert articles["source"].to_list() == ["example.com", "etc-passwd", "mirror.example"]
    assert articles["publisher"].to_list() == ["example.com", "etc-passwd", "mirror.example"]
    kept = articles["article_id"][0]
    # The same text without a publisher, and the same URL, are duplicates; another publisher's near copy is a copy.
    assert articles["copy_of"].to_list() == [None, None, kept]
    duplicates = rejects.filter(pl.col("reason_code") == "duplicate")
    assert duplicates["duplicate_of"].to_list() == [kept, kept]
    assert [d.split(" ")[0] for d in duplicates["detail"]] == ["text", "url"]

    (dump_counts,) = summary["dumps"]
    assert (dump_counts["n_read"], dump_counts["n_accepted"], dump_counts["n_copies"], dump_counts["n_rejected"]) == (13, 2, 1, 10)
    runs = scan("runs", lake).collect()
    assert runs.height == 1
    assert runs["dumps"][0].to_list()[0]["n_read"] == 13
    assert {r["name"]: r["rows"] for r in runs["rejects_by_reason"][0]} == {
        "bad_encoding": 1,
        "duplicate": 2,
        "empty_text": 2,
        "malformed_json": 2,
        "missing_field": 1,
        "not_english": 1,
        "too_long": 1,
    }
    # Nothing was written outside the lake, whatever the input said.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "lake"]


def test_rerun_and_renamed_dump_change_nothing(tmp_path):
    dump = tmp_path / "bad.jsonl"
    write_bad_dump(dump)
    lake = tmp_path / "lake"
    ingest([str(dump)], lake=str(lake))
    before = {t: scan(t, lake).collect() for t in ("articles", "rejects", "runs")}

    renamed = tmp_path / "renamed.jsonl"
    renamed.write_bytes(dump.read_bytes())
    again = ingest([str(dump), str(renamed)], lake=str(lake))

    assert again["published"] is False
    assert [s["dump"] for s in again["skipped"]] == [str(dump), str(renamed)]
    for table, frame in before.items():
        assert scan(table, lake).collect().equals(frame), table


def test_duplicates_are_found_against_what_the_lake_already_holds(tmp_path):
    lake = tmp_path / "lake"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"maintext": story(5), "date_publish": "2024-11-18"}) + "\n")
    second = tmp_path / "second.jsonl.gz"
    with gzip.open(second, "wt") as out:
        out.write(json.dumps({"maintext": story(5) + "\n\nOne more line was added here today.", "source": "wire"}) + "\n")
        out.write(json.dumps({"maintext": story(6)}) + "\n")
    ingest([str(first)], lake=str(lake))
    ingest([str(second)], lake=str(lake))

    articles = scan("articles", lake).collect()
    assert articles.height == 2
    (duplicate,) = scan("rejects", lake).collect().to_dicts()
    assert duplicate["reason_code"] == "duplicate"
    assert duplicate["duplicate_of"] == articles.filter(pl.col("dump") == str(first))["article_id"][0]
    assert scan("runs", lake).collect().height == 2


def test_a_run_killed_mid_publish_leaves_the_lake_readable_and_the_rerun_completes(tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"maintext": story(7)}) + "\n")
    ingest([str(first)], lake=str(lake))
    before = {t: scan(t, lake).collect() for t in ("articles", "rejects", "runs")}

    dump = tmp_path / "bad.jsonl"
    write_bad_dump(dump)
    real_write = local.write_partitioned
    written = []

    def die_after_two_tables(table, *args, **kwargs):
        paths = real_write(table, *args, **kwargs)
        written.append(table.name)
        if len(written) >= 2:  # and again in every retry: the failure persists
            raise RuntimeError("power cut between files")
        return paths

    monkeypatch.setattr(local, "write_partitioned", die_after_two_tables)
    with pytest.raises(RuntimeError, match="power cut"):
        ingest([str(dump)], lake=str(lake))
    assert len(written) == 4  # two files, then one in each of the two retries
    for table, frame in before.items():
        assert scan(table, lake).collect().equals(frame), table

    monkeypatch.setattr(local, "write_partitioned", real_write)
    summary = ingest([str(dump)], lake=str(lake))
    assert summary["dumps"][0]["n_read"] == 13
    articles = scan("articles", lake).collect()
    assert articles.height == 4
    assert articles["article_id"].n_unique() == 4
    assert scan("rejects", lake).collect().height == 10
    assert scan("runs", lake).collect().height == 2


def test_run_flow_on_the_bundled_samples(tmp_path):
    samples = Path(__file__).resolve().parents[2] / "data" / "samples"
    lake = tmp_path / "lake"
    summary = run([str(samples)], lake=str(lake), release="test-release")

    counts = {Path(d["path"]).name: (d["format"], d["n_read"], d["n_accepted"], d["n_copies"], d["n_rejected"])
              for d in summary["dumps"]}
    assert counts == {
        "articles.parquet": ("parquet", 10, 10, 0, 0),
        "crawl.warc.gz": ("warc", 5, 5, 0, 0),
        "hf-dataset": ("hf", 10, 10, 0, 0),
        "html": ("html", 5, 5, 0, 0),
        "polnear-newsplease.jsonl": ("jsonl", 25, 25, 0, 0),
        "polnear.csv": ("csv", 10, 10, 0, 0),
        "repeats-and-bad-records.jsonl": ("jsonl", 11, 1, 0, 10),
        "ukraine-2014.jsonl.gz": ("jsonl", 20, 20, 0, 0),  # article_4: 11 words under a 10-word headline
        "worked-example": ("text", 1, 1, 0, 0),
        "ruwa-kramatorsk.jsonl": ("jsonl", 10, 10, 0, 0),  # headline and subheading are news items
    }
    # One name per outlet, whatever the dump calls it ("breitbart", "www.breitbart.com", the canonical URL's domain).
    publishers = scan("articles", lake).group_by("publisher").len().sort("publisher").collect().rows()
    assert publishers == [
        ("aljazeera.com", 1), ("breitbart.com", 10), ("censor.net", 2), ("etc-passwd", 1), ("huffpost.com", 10),
        ("msnbc.com", 2), ("nbcnews.com", 1), ("newslake-sample", 1), ("nytimes.com", 9), ("politico.com", 9),
        ("rt.com", 1), ("ukrinform.net", 3), ("unknown", 20), ("usatoday.com", 9), ("washingtonpost.com", 9),
        ("westernjournal.com", 9),
    ]
    bad = scan("rejects", lake).filter(pl.col("dump").str.ends_with("repeats-and-bad-records.jsonl")).collect()
    verdicts = dict(zip(bad["dump_record"], bad["reason_code"]))
    assert verdicts == {
        "1": "malformed_json",
        "2": "bad_encoding",
        "3": "malformed_json",
        "4": "missing_field",
        "5": "empty_text",
        "6": "empty_text",
        "7": "not_english",
        "8": "duplicate",
        "9": "duplicate",
        "11": "too_short",
    }
    assert summary["rows"]["articles"] == scan("articles", lake).collect().height
    worked = scan("articles", lake).filter(pl.col("title").str.starts_with("Kyiv Launches First Strike")).collect()
    assert worked.height == 1
    assert worked["date"][0] == "2024-11-19"
    assert worked["source"][0] == "newslake-sample"
    text = worked["text"][0]
    assert text.startswith("On the night of November 19, the Armed Forces of Ukraine (AFU)")
    assert text.endswith("citing the lack of official statements from the U.S. government.")
    for chrome in ("Leave a review", "In World", "Follow us on social networks", "News Line"):
        assert chrome not in text
    assert scan("runs", lake, release="test-release").collect().height == 1


def test_a_publish_that_fails_once_is_retried(tmp_path, monkeypatch):
    dump = tmp_path / "one.jsonl"
    dump.write_text(json.dumps({"maintext": story(11)}) + "\n")
    real_write = local.write_partitioned
    failures = []

    def flaky(table, *args, **kwargs):
        if not failures:
            failures.append(table.name)
            raise OSError("disk briefly unavailable")
        return real_write(table, *args, **kwargs)

    monkeypatch.setattr(local, "write_partitioned", flaky)
    summary = ingest([str(dump)], lake=str(tmp_path / "lake"))
    assert len(failures) == 1
    assert summary["published"] is True
    assert scan("articles", tmp_path / "lake").collect().height == 1
