import polars as pl
import pytest

from newslake.errors import NewslakeError
from newslake.tasks.lake import local, open_lake

from lake_rows import article, reject


def publish(lake, run_id, articles, rejects=()):
    with lake.lock():
        staging = lake.stage(run_id)
        staging.write("articles", articles)
        staging.write("rejects", list(rejects))
        lake.publish(staging, run_id)


def glob(lake, table):
    return pl.scan_parquet(f"{lake.root}/{table}/**/*.parquet", hive_partitioning=True).collect().sort("dump_record")


def test_published_rows_are_visible_to_a_plain_polars_glob(tmp_path):
    lake = open_lake(tmp_path / "lake")
    publish(lake, "r1", [article(1), article(2, "unknown"), article(3, "2024-11-18")], [reject(4)])
    frame = glob(lake, "articles")
    assert frame["article_id"].to_list() == ["id1", "id2", "id3"]
    assert frame["date"].to_list() == ["2024-11-19", "unknown", "2024-11-18"]
    assert sorted(p.name for p in (tmp_path / "lake/articles").iterdir()) == [
        "date=2024-11-18",
        "date=2024-11-19",
        "date=unknown",
    ]
    assert glob(lake, "rejects")["reason_code"].to_list() == ["empty_text"]


def test_a_run_killed_mid_publish_leaves_the_lake_unchanged_and_the_rerun_completes(tmp_path, monkeypatch):
    lake = open_lake(tmp_path / "lake")
    publish(lake, "r1", [article(1)])
    before = glob(lake, "articles")

    real_write = local.write_partitioned
    calls = []

    def crash_after_first_table(*args, **kwargs):
        calls.append(args[0].name)
        real_write(*args, **kwargs)
        if len(calls) == 1:
            raise KeyboardInterrupt("killed between files")

    monkeypatch.setattr(local, "write_partitioned", crash_after_first_table)
    with pytest.raises(KeyboardInterrupt):
        publish(lake, "r2", [article(2, run_id="r2")], [reject(3, run_id="r2")])
    assert calls == ["articles"]  # the articles file of r2 was written, then the run died

    reopened = open_lake(tmp_path / "lake")
    assert glob(reopened, "articles").equals(before)
    assert reopened.read("rejects").num_rows == 0

    monkeypatch.setattr(local, "write_partitioned", real_write)
    publish(reopened, "r2", [article(2, run_id="r2")], [reject(3, run_id="r2")])
    after = glob(reopened, "articles")
    assert after["article_id"].to_list() == ["id1", "id2"]
    assert reopened.read("rejects").num_rows == 1
    snapshots = sorted(p.name for p in (tmp_path / "lake/_snapshots").iterdir())
    assert snapshots == ["000001", "000002"]  # the half-built one is gone, one previous kept
    assert not (tmp_path / "lake/_staging").exists()


def test_previous_snapshot_files_are_shared_not_copied(tmp_path):
    lake = open_lake(tmp_path / "lake")
    publish(lake, "r1", [article(1)])
    publish(lake, "r2", [article(2, run_id="r2")])
    first, second = sorted((tmp_path / "lake/_snapshots").iterdir())
    old = next(first.glob("articles/date=2024-11-19/part-r1-*.parquet"))
    shared = second / old.relative_to(first)
    assert shared.stat().st_ino == old.stat().st_ino


def test_a_folder_that_is_not_a_lake_is_refused(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(NewslakeError) as error:
        open_lake(tmp_path / "photos")
    assert error.value.code == "E020"


def test_a_second_writer_is_refused(tmp_path):
    lake = open_lake(tmp_path / "lake")
    with lake.lock():
        with pytest.raises(NewslakeError) as error:
            with open_lake(tmp_path / "lake").lock():
                pass
    assert error.value.code == "E022"


def test_rows_that_break_the_schema_are_refused(tmp_path):
    lake = open_lake(tmp_path / "lake")
    bad = article(1)
    bad["text"] = None
    with pytest.raises(NewslakeError) as error:
        lake.stage("r1").write("articles", [bad])
    assert error.value.code == "E023"
    assert "text" in error.value.message
