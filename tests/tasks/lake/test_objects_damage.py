"""The object-store lake's equivalent of pointer and file damage, against a real S3-compatible server (moto)."""

import json

import pytest

from newslake.errors import NewslakeError
from newslake.lake import scan
from newslake.tasks.lake import open_lake
from newslake.tasks.lake.check import check_lake

from lake_rows import article

boto3 = pytest.importorskip("boto3")


@pytest.fixture
def lake(s3, request):
    """Two published runs: manifests 1 (id1) and 2 (+id2)."""
    the_lake = open_lake(f"{s3}/{request.node.name}")
    for n in (1, 2):
        with the_lake.lock():
            staging = the_lake.stage(f"r{n}")
            staging.write("articles", [article(n, run_id=f"r{n}")])
            the_lake.publish(staging, f"r{n}")
    return the_lake


def put(lake, relative, body):
    bucket, _, prefix = lake.root.removeprefix("s3://").partition("/")
    boto3.client("s3").put_object(Bucket=bucket, Key=f"{prefix}/{relative}", Body=body)


def test_the_manifest_records_each_file(lake):
    manifest = json.loads(lake.filesystem.open_input_stream(f"{lake.path}/_manifests/0000000002.json").read())
    record = manifest["files"]["articles/date=2024-11-19/part-r2-0.parquet"]
    assert manifest["format"] == "newslake-manifest/2" and record["rows"] == 1 and len(record["sha256"]) == 64
    assert record["size"] == lake.filesystem.get_file_info(f"{lake.path}/articles/date=2024-11-19/part-r2-0.parquet").size


def test_an_unreadable_newest_manifest_is_refused_then_republished(lake):
    put(lake, "_manifests/0000000002.json", b"\x00garbage")
    with pytest.raises(NewslakeError) as error:
        scan("articles", lake.root)
    assert error.value.code == "E024" and "newslake check --repair" in error.value.message
    with pytest.raises(NewslakeError, match="^E024"):
        with lake.lock():
            lake.clean_up()  # collects nothing by a state it cannot read
    report = check_lake(lake, repair=True)
    assert report.repairs[0] == "published _manifests/0000000001.json again as _manifests/0000000003.json (the newest could not be read)"
    assert sorted(scan("articles", lake.root).collect()["article_id"]) == ["id1"]


def test_a_missing_or_truncated_file_is_reported_not_read_or_carried(lake):
    put(lake, "articles/date=2024-11-19/part-r1-0.parquet", b"PAR1")
    with pytest.raises(NewslakeError) as error:
        with lake.lock():
            staging = lake.stage("r3")
            staging.write("articles", [article(3, run_id="r3")])
            lake.publish(staging, "r3")
    assert error.value.code == "E025" and "part-r1-0.parquet is truncated" in error.value.message
    lake.filesystem.delete_file(f"{lake.path}/articles/date=2024-11-19/part-r2-0.parquet")
    with pytest.raises(NewslakeError, match="part-r1-0.parquet is truncated .* and 1 more"):
        scan("articles", lake.root)

    report = check_lake(lake, repair=True)
    assert [problem.split(" (")[0] for problem in report.problems] == [
        "articles/date=2024-11-19/part-r1-0.parquet is truncated",
        "articles/date=2024-11-19/part-r2-0.parquet is missing",
    ]
    assert scan("articles", lake.root).collect().height == 0
    assert check_lake(lake).problems == []
