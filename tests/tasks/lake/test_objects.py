"""The lake on object storage, against a real S3-compatible server (moto, on 127.0.0.1)."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from newslake.errors import NewslakeError
from newslake.flows import run
from newslake.lake import default_release, scan
from newslake.tasks.lake import LocalLake, ObjectLake, objects as object_lake, open_lake, polars_storage_options

from lake_rows import article, reject

boto3 = pytest.importorskip("boto3")  # with moto: the dev extra
pytestmark = pytest.mark.usefixtures("prefect")

WORKED = Path(__file__).resolve().parents[3] / "data" / "samples" / "worked-example"


@pytest.fixture
def uri(s3, request):
    """A fresh lake prefix per test."""
    return f"{s3}/{request.node.name}"


def mention(n, release, date, run_id="r1"):
    return {
        "mention_id": f"m{n}",
        "article_id": f"id{n}",
        "start": 0,
        "end": 4,
        "text": "Kyiv",
        "label": "LOC",
        "score": 1.0,
        "entity_key": "kyiv",
        "model": "test",
        "run_id": run_id,
        "release": release,
        "date": date,
    }


def publish(lake, run_id, drop=(), settings=None, **tables):
    with lake.lock():
        staging = lake.stage(run_id)
        for name, rows in tables.items():
            staging.write(name, rows)
        lake.publish(staging, run_id, drop=drop, settings=settings)


def objects(uri):
    """Every object under the lake prefix, relative to it, as the server lists them.

    Empty "folder" markers (keys ending in `/`, which pyarrow leaves where it deleted
    a folder's last file) are left out: no reader sees them as data.
    """
    bucket, _, prefix = uri.removeprefix("s3://").partition("/")
    pages = boto3.client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{prefix}/")
    keys = (item["Key"] for page in pages for item in page.get("Contents", []))
    return sorted(key.removeprefix(f"{prefix}/") for key in keys if not key.endswith("/"))


def glob(uri, table):
    """What an analyst's plain glob sees, bypassing the manifest."""
    frame = pl.scan_parquet(f"{uri}/{table}/**/*.parquet", hive_partitioning=True, storage_options=polars_storage_options(uri))
    return frame.collect()


def test_publish_then_read_scan_and_list_partitions(uri):
    lake = open_lake(uri)
    assert isinstance(lake, ObjectLake) and isinstance(open_lake(uri), ObjectLake)
    assert objects(uri) == ["_manifests/0000000000.json"]
    assert scan("articles", uri).collect().height == 0

    publish(lake, "r1", articles=[article(1), article(2, "unknown"), article(3, "2024-11-18")], rejects=[reject(4)])

    assert objects(uri) == [
        "_manifests/0000000000.json",
        "_manifests/0000000001.json",
        "articles/date=2024-11-18/part-r1-0.parquet",
        "articles/date=2024-11-19/part-r1-0.parquet",
        "articles/date=unknown/part-r1-0.parquet",
        "rejects/date=2026-11-25/part-r1-0.parquet",
    ]
    frame = scan("articles", uri).sort("dump_record").collect()
    assert frame["article_id"].to_list() == ["id1", "id2", "id3"]
    assert frame["date"].to_list() == ["2024-11-19", "unknown", "2024-11-18"]
    assert frame.drop("date").equals(pl.from_arrow(lake.read("articles")).sort("dump_record").drop("date"))
    assert lake.read("rejects", columns=["reason_code", "date"]).to_pylist() == [{"reason_code": "empty_text", "date": "2026-11-25"}]
    assert [t.num_rows for t in lake.batches("articles", ["article_id"], batch_size=1)] == [1, 1, 1]
    assert lake.partitions("articles") == ["articles/date=2024-11-18", "articles/date=2024-11-19", "articles/date=unknown"]
    assert lake.read("runs").num_rows == 0

    manifest = json.loads(lake.filesystem.open_input_stream(f"{lake.path}/_manifests/0000000001.json").read())
    assert (manifest["number"], manifest["run_id"]) == (1, "r1")
    assert manifest["tables"]["rejects"] == ["rejects/date=2026-11-25/part-r1-0.parquet"]


def test_a_run_killed_mid_publish_changes_nothing_and_the_rerun_completes(uri, monkeypatch):
    lake = open_lake(uri)
    publish(lake, "r1", articles=[article(1)])
    before = scan("articles", uri).collect()

    real_write = object_lake.write_partitioned
    calls = []

    def crash_after_first_table(*args, **kwargs):
        calls.append(args[0].name)
        real_write(*args, **kwargs)
        if len(calls) == 1:
            raise KeyboardInterrupt("killed between files")

    monkeypatch.setattr(object_lake, "write_partitioned", crash_after_first_table)
    with pytest.raises(KeyboardInterrupt):
        publish(lake, "r2", articles=[article(2, run_id="r2")], rejects=[reject(3, run_id="r2")])
    assert calls == ["articles"]  # r2's articles file reached the store, then the run died

    # The manifest still names r1's state: `scan` is unchanged, a plain glob is not.
    assert "articles/date=2024-11-19/part-r2-0.parquet" in objects(uri)
    assert scan("articles", uri).collect().equals(before)
    assert scan("rejects", uri).collect().height == 0
    assert sorted(glob(uri, "articles")["article_id"]) == ["id1", "id2"]

    monkeypatch.setattr(object_lake, "write_partitioned", real_write)
    reopened = open_lake(uri)
    with reopened.lock():
        reopened.clean_up()  # what every run does first
    assert objects(uri) == ["_manifests/0000000000.json", "_manifests/0000000001.json", "articles/date=2024-11-19/part-r1-0.parquet"]

    publish(reopened, "r3", articles=[article(2, run_id="r3")], rejects=[reject(3, run_id="r3")])
    publish(reopened, "r4", articles=[article(4, run_id="r4")])
    assert scan("articles", uri).sort("article_id").collect()["article_id"].to_list() == ["id1", "id2", "id4"]
    assert scan("rejects", uri).collect()["run_id"].to_list() == ["r3"]
    assert objects(uri) == [  # current and previous manifest only; every file listed by one of them
        "_manifests/0000000002.json",
        "_manifests/0000000003.json",
        "articles/date=2024-11-19/part-r1-0.parquet",
        "articles/date=2024-11-19/part-r3-0.parquet",
        "articles/date=2024-11-19/part-r4-0.parquet",
        "rejects/date=2026-11-25/part-r3-0.parquet",
    ]
    assert sorted(glob(uri, "articles")["article_id"]) == ["id1", "id2", "id4"]


def test_replacing_and_dropping_partitions(uri):
    lake = open_lake(uri)
    publish(lake, "r1", entities=[mention(1, "a", "2024-11-18"), mention(2, "a", "2024-11-19"), mention(3, "b", "2024-11-19")])
    assert lake.partitions("entities") == [
        "entities/release=a/date=2024-11-18",
        "entities/release=a/date=2024-11-19",
        "entities/release=b/date=2024-11-19",
    ]

    # Reprocessing release a on 2024-11-19: the partition's old rows go, its new ones come, in one commit.
    publish(lake, "r2", drop=["entities/release=a/date=2024-11-19"], entities=[mention(4, "a", "2024-11-19", "r2")])
    rows = scan("entities", uri, release="*").sort("mention_id").collect()
    assert rows.select("mention_id", "release", "date").rows() == [
        ("m1", "a", "2024-11-18"),
        ("m3", "b", "2024-11-19"),
        ("m4", "a", "2024-11-19"),
    ]
    # Until it is collected, the replaced file is still there for readers of the previous manifest (and for globs).
    assert sorted(glob(uri, "entities")["mention_id"]) == ["m1", "m2", "m3", "m4"]

    publish(lake, "r3", drop=["entities/release=a"])  # deleting a release
    assert lake.partitions("entities") == ["entities/release=b/date=2024-11-19"]
    assert scan("entities", uri, release="*").collect()["mention_id"].to_list() == ["m3"]
    publish(lake, "r4")
    assert [key for key in objects(uri) if key.startswith("entities/")] == ["entities/release=b/date=2024-11-19/part-r1-0.parquet"]


def test_settings_and_the_default_release(uri):
    lake = open_lake(uri)
    assert lake.settings() == {} and default_release(uri) is None
    publish(lake, "r1", settings={"default_release": "a"}, entities=[mention(1, "a", "2024-11-19"), mention(2, "b", "2024-11-19")])
    publish(lake, "r2", settings={"note": "kept"})
    assert open_lake(uri).settings() == {"default_release": "a", "note": "kept"}
    assert scan("entities", uri).collect()["mention_id"].to_list() == ["m1"]
    assert scan("entities", uri, release="b").collect()["mention_id"].to_list() == ["m2"]

    publish(lake, "r3", settings={"default_release": "b"})
    assert default_release(uri) == "b"
    assert scan("entities", uri).collect()["mention_id"].to_list() == ["m2"]


def test_one_writer_at_a_time_and_a_dead_writers_lock_is_taken_over(uri):
    lake = open_lake(uri)
    with lake.lock():
        with pytest.raises(NewslakeError) as error:
            with open_lake(uri).lock():
                pass
    assert error.value.code == "E022"

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    holder = {"host": socket.gethostname(), "pid": int(dead.stdout), "since": "2026-11-25T00:00:00+00:00", "token": "x"}
    with lake.filesystem.open_output_stream(f"{lake.path}/_lock") as stream:
        stream.write(json.dumps(holder).encode())
    publish(lake, "r1", articles=[article(1)])  # the OOM-killed run's lock does not block the next one
    assert "_lock" not in objects(uri)

    with pytest.raises(NewslakeError, match="^E026"):
        publish(lake, "r1", articles=[article(2)])  # a run id is never reused: files are never overwritten


def test_what_is_not_a_lake_is_refused(uri, s3):
    boto3.client("s3").put_object(Bucket=s3.removeprefix("s3://"), Key=f"{uri.rsplit('/', 1)[1]}/photos/cat.jpg", Body=b"\xff\xd8")
    with pytest.raises(NewslakeError) as error:
        open_lake(uri)
    assert error.value.code == "E020"
    with pytest.raises(NewslakeError) as error:
        open_lake(f"{s3}/env=prod/lake")  # polars would read `env` as a partition column
    assert error.value.code == "E020"
    with pytest.raises(NewslakeError) as error:
        scan("articles", f"{s3}/nowhere")
    assert error.value.code == "E021"


def test_endpoint_and_credentials_from_the_uri(uri, monkeypatch):
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    host = endpoint.removeprefix("http://")
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with_query = f"s3://newslake-test:newslake-test@{uri.removeprefix('s3://')}?endpoint_override={host}&scheme=http&region=us-east-1"

    assert polars_storage_options(with_query) == {
        "aws_endpoint_url": endpoint,
        "aws_region": "us-east-1",
        "aws_access_key_id": "newslake-test",
        "aws_secret_access_key": "newslake-test",
        "aws_allow_http": "true",
    }
    lake = open_lake(with_query)
    assert lake.root == uri  # no credentials in messages
    publish(lake, "r1", articles=[article(1)])
    assert scan("articles", with_query).collect()["article_id"].to_list() == ["id1"]


def test_paths_and_file_uris_make_local_lakes(tmp_path):
    for root in (tmp_path / "lake", str(tmp_path / "lake"), f"file://{tmp_path}/lake"):
        lake = open_lake(root)
        assert isinstance(lake, LocalLake) and lake.root == tmp_path / "lake"
    assert polars_storage_options("gs://bucket/lake") is None


def write_dump(path: Path) -> None:
    worked = (WORKED / "kyiv-atacms-strike.txt").read_text()
    other = (
        "Officials in Lviv said on Tuesday that the bridge over the Poltva river, damaged by the spring floods, "
        "would reopen next month. Mayor Andriy Sadovyi told Reuters that engineers from Kyiv had inspected it."
    )
    undated = (
        "The port of Odesa handled more grain this season than last, according to the Ukrainian Grain Association, "
        "which said that ships bound for Istanbul and Alexandria were again insured by Lloyd's of London."
    )
    records = [
        {"title": "Kyiv strikes with ATACMS", "maintext": worked, "url": "https://example.com/atacms", "date_publish": "2024-11-19"},
        {"title": "Lviv bridge", "maintext": other, "url": "https://example.com/lviv", "date_publish": "2024-11-17"},
        {"title": "Undated", "maintext": undated, "url": "https://example.com/odesa"},
        {"title": "Same text", "maintext": worked},
        {"title": "Empty", "maintext": ""},
    ]
    path.write_text("\n".join([json.dumps(r) for r in records] + ['{"title": "cut off"']) + "\n")


def test_the_run_flow_publishes_the_same_tables_locally_and_on_s3(tmp_path, uri):
    dump = tmp_path / "dump.jsonl"
    write_dump(dump)
    local = run([str(dump)], lake=str(tmp_path / "lake"))
    remote = run([str(dump)], lake=uri)
    assert local["rows"] == remote["rows"] and local["rows"]["entities"] > 10

    per_run = ["run_id", "ingested_at", "rejected_at"]
    for table in ("articles", "rejects", "entities"):
        frames = [scan(table, lake).collect() for lake in (tmp_path / "lake", uri)]
        a, b = (frame.drop(per_run, strict=False) for frame in frames)
        a, b = a.sort(a.columns), b.sort(b.columns)
        assert a.height > 0 and a.equals(b), table
    assert scan("articles", uri).collect()["date"].sort().to_list() == ["2024-11-17", "2024-11-19", "unknown"]
    assert default_release(uri) == default_release(tmp_path / "lake") == "base"
    assert not any(key.startswith("_staging") for key in objects(uri))
