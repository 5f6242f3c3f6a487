"""A lake an earlier version wrote (no manifest, older schemas) opens, reads, and is upgraded in one publish."""

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import PurePosixPath

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newslake.config import PublishersConfig
from newslake.errors import NewslakeError
from newslake.lake import scan
from newslake.schemas import TABLES, spec
from newslake.tasks.ingest.dedupe import text_key
from newslake.tasks.ingest.publishers import load_publishers
from newslake.tasks.lake import open_lake, upgrade
from newslake.tasks.lake.check import check_lake
from newslake.tasks.lake.upgrade import conform, schema_version, stale_files, upgrade_lake

from lake_digest import differences
from lake_rows import article
from old_lake import RUN, old_schema, write_old_lake

PUBLISHER = load_publishers(PublishersConfig()).publisher


@pytest.fixture
def old(tmp_path):
    return write_old_lake(tmp_path / "lake")


def upgraded(root):
    lake = open_lake(root)
    with lake.lock():
        return upgrade_lake(lake, PUBLISHER)


def rows(root, table, *columns):
    return scan(table, root, **({"release": "*"} if "release" in spec(table).partitions else {})).select(*columns).sort(columns[0]).collect().rows()


def glob(root, table):
    return pl.scan_parquet(f"{root}/{table}/**/*.parquet", hive_partitioning=True).collect()


def test_a_lake_from_before_manifests_opens_and_reads_without_a_change(old):
    before = sorted(p.relative_to(old).as_posix() for p in (old / "_snapshots").rglob("*"))
    lake = open_lake(old)
    assert lake.before_manifests()
    assert rows(old, "articles", "article_id", "publisher") == [("id1", None), ("id2", None)]
    assert rows(old, "stories", "story_id", "n_articles", "n_publishers") == [("s1", 1, None)]
    assert sorted(p.relative_to(old).as_posix() for p in (old / "_snapshots").rglob("*")) == before


def test_the_upgrade_records_the_manifest_then_rewrites_every_old_file(old):
    result = upgraded(old)
    assert result.done == [
        "recorded the manifest of _snapshots/000001 from its 6 files as they are",
        "upgraded 6 file(s) written by an earlier version to this version's schemas "
        "(_dedupe 1, articles 1, claims 1, events 1, runs 1, stories 1): rows kept, new columns null or derived",
    ]
    assert os.readlink(old / "_current") == "_snapshots/000002"
    manifest = json.loads((old / "_current/_manifest.json").read_text())
    assert manifest["number"] == 2 and manifest["previous"] == 1 and manifest["run_id"].startswith("upgrade-")
    assert sorted(manifest["files"]) == [
        f"{folder}/part-{manifest['run_id']}-0.parquet"
        for folder in ("_dedupe", "articles/date=2024-11-19", "claims/release=base/date=2024-11-19",
                       "events/release=base/date=2024-11-19", "runs/release=base/date=2026-11-01",
                       "stories/release=base/date=2024-11-19")
    ]
    # The previous state, as it was, stays readable for readers that listed it before the swap.
    previous = json.loads((old / "_snapshots/000001/_manifest.json").read_text())
    assert sorted(previous["files"]) == sorted(p.relative_to(old / "_snapshots/000001").as_posix()
                                               for p in (old / "_snapshots/000001").rglob("*.parquet"))
    assert pq.read_schema(old / "_snapshots/000001/articles/date=2024-11-19" / f"part-{RUN}-0.parquet").names == old_schema("articles").names
    assert json.loads((old / "_current/_lake.json").read_text()) == {"default_release": "base", "schema_version": schema_version()}
    assert stale_files(open_lake(old)) == {}


def test_rows_are_kept_and_new_columns_are_null_or_derived(old):
    upgraded(old)
    assert rows(old, "articles", "article_id", "url", "source", "title", "run_id", "publisher", "copy_of", "wire") == [
        ("id1", "https://www.nytimes.com/2024/11/19/world/strike.html", "nytimes", "title 1", RUN, "nytimes.com", None, None),
        ("id2", None, "Breitbart News", "title 2", RUN, "breitbart.com", None, None),
    ]
    assert rows(old, "claims", "claim_id", "speaker_key", "stance", "speaker_resolution", "speaker_affiliation", "quote_type") == [
        ("c1", "anonymous", "supports", "anonymous", None, None),
        ("c2", "joe-biden", "neutral", "unrecorded", None, None),
    ]
    story = scan("stories", old).collect().to_dicts()[0]
    assert {key: story[key] for key in ("story_id", "n_articles", "n_publishers", "n_independent", "speakers", "n_supporting", "terms")} == {
        "story_id": "s1", "n_articles": 1, "n_publishers": 1, "n_independent": 1, "speakers": [], "n_supporting": 1, "terms": ["missile"]}
    assert story["members"] == [{
        "event_id": "e1", "article_id": "id1", "article_date": "2024-11-19", "source": "nytimes",
        "published_at": datetime(2024, 11, 19, tzinfo=UTC), "embedding": None, "n_supporting": 1, "n_refuting": 0, "n_neutral": 0,
        "publisher": None, "origin": None, "copy_of": None, "claims": None, "details": None}]
    assert rows(old, "stories", "story_id", "event_type", "category", "cameo") == [("s1", "attack", "ASSAULT", "19")]
    assert scan("runs", old).collect()["dumps"].to_list() == [[{
        "path": "night.jsonl", "format": "jsonl", "sha256": "a" * 64, "n_read": 3, "n_accepted": 2, "n_copies": 0, "n_rejected": 1}]]
    lake = open_lake(old)
    assert sorted(lake.read("_dedupe", ["article_id", "text_key", "publisher", "copy_of"]).to_pylist(), key=lambda r: r["article_id"]) == [
        {"article_id": "id1", "text_key": text_key("text 1"), "publisher": "nytimes.com", "copy_of": None},
        {"article_id": "id2", "text_key": text_key("text 2"), "publisher": "breitbart.com", "copy_of": None},
    ]


def test_events_of_the_types_before_categories_get_the_category_of_their_type_and_are_asserted(old):
    upgraded(old)
    assert rows(old, "events", "event_id", "event_type", "category", "cameo", "mode", "cameo_code", "modality") == [
        ("e1", "attack", "ASSAULT", "19", None, None, "asserted"),
        ("e2", "diplomatic_meeting", "CONSULT", "04", None, None, "asserted"),
        ("e3", "accident_disaster", None, None, None, None, "asserted"),  # no event any more: no category
    ]
    # actors keep role, key and text; the span and the CAMEO actor code were not recorded
    assert rows(old, "events", "event_id", "actors")[0] == ("e1", [
        {"role": "agent", "entity_key": "russia", "text": "Russia", "start": None, "end": None,
         "country": None, "sector": None, "code": None}])


def test_every_table_reads_through_scan_and_a_plain_glob_after_the_upgrade(old):
    upgraded(old)
    for name, table in TABLES.items():
        if table.public:
            assert scan(name, old, **({"release": "*"} if "release" in table.partitions else {})).collect().columns == table.write_schema.names
    assert glob(old, "articles").height == 2
    assert glob(old, "stories")["n_publishers"].to_list() == [1]
    assert glob(old, "runs")["dumps"].to_list()[0][0]["n_copies"] == 0


def test_a_lake_at_this_version_is_not_read_again(old, monkeypatch):
    upgraded(old)
    monkeypatch.setattr(upgrade, "stale_files", lambda lake: pytest.fail("every file's footer was read again"))
    result = upgraded(old)
    assert (result.done, result.settings) == ([], {})
    assert os.readlink(old / "_current") == "_snapshots/000002"


def test_a_new_lake_gets_the_version_recorded_by_its_first_publish(tmp_path):
    lake = open_lake(tmp_path / "lake")
    with lake.lock():
        result = upgrade_lake(lake, PUBLISHER)
    assert (result.done, result.settings) == ([], {"schema_version": schema_version()})


def test_scan_reads_a_lake_that_mixes_old_and_new_files(old):
    new = pa.Table.from_pylist([article(3, run_id="r2")], schema=spec("articles").write_schema).drop_columns(["date"])
    pq.write_table(new, old / "_snapshots/000001/articles/date=2024-11-19/part-r2-0.parquet")
    with pytest.raises(pl.exceptions.PolarsError):  # what a plain glob does with two schemas in one table
        glob(old, "articles")
    assert rows(old, "articles", "article_id", "publisher") == [("id1", None), ("id2", None), ("id3", "example.com")]


def test_check_reports_the_old_files_and_repair_upgrades_them(old):
    report = check_lake(open_lake(old, create=False))
    assert report.problems == [
        "the lake was written before manifests: its files have no recorded size or checksum",
        "6 file(s) were written by an earlier version, in other schemas than this version declares "
        "(_dedupe 1, articles 1, claims 1, events 1, runs 1, stories 1)",
    ]
    assert not report.ok
    report = check_lake(open_lake(old, create=False), repair=True, publisher_of=PUBLISHER)
    assert report.repairs[0] == "recorded the manifest of _snapshots/000001 from its 6 files as they are"
    assert report.repairs[1].startswith("upgraded 6 file(s)")
    assert report.ok
    assert check_lake(open_lake(old, create=False)).problems == []
    assert rows(old, "articles", "article_id", "publisher") == [("id1", "nytimes.com"), ("id2", "breitbart.com")]


def test_other_pointer_damage_is_still_refused(old):
    (old / "_current").unlink()
    os.symlink("_snapshots/000001.building", old / "_current")
    with pytest.raises(NewslakeError) as error:
        open_lake(old)
    assert error.value.code == "E024"


def test_a_snapshot_without_manifest_beside_one_with_a_manifest_is_still_refused(old):
    (old / "_snapshots/000000/_manifest.json").write_text(json.dumps(
        {"format": "newslake-snapshot/1", "number": 0, "previous": None, "run_id": None, "files": {}}))
    with pytest.raises(NewslakeError) as error:
        open_lake(old)
    assert error.value.code == "E024" and "has no manifest" in error.value.message


def test_conform_renames_fills_and_drops():
    old_rows = pa.table({"story_id": ["s1"], "event_type": ["armed_clash"], "n_sources": pa.array([2], pa.int32()), "gone": ["x"]})
    table = conform("stories", old_rows)
    assert table.schema == spec("stories").write_schema
    assert table.select(["story_id", "category", "n_publishers", "n_independent", "speakers", "release"]).to_pylist() == [
        {"story_id": "s1", "category": "ASSAULT", "n_publishers": 2, "n_independent": 2, "speakers": [], "release": None}]


def test_the_upgraded_lake_holds_the_old_rows_apart_from_the_added_columns(old, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(old, copy, symlinks=True)
    upgraded(old)
    assert differences(copy, old, common_columns=True, renamed={"n_sources": "n_publishers"}) == {}
    assert set(differences(copy, old)) == {"_dedupe", "_lake.json", "articles", "claims", "events", "runs", "stories"}


def test_an_object_store_lake_is_upgraded_by_one_manifest(s3, tmp_path):
    """The same upgrade on object storage: old files rewritten under new names, committed by the next manifest."""
    from newslake.tasks.lake import ObjectLake

    uri = f"{s3}/upgrade"
    local = write_old_lake(tmp_path / "old") / "_snapshots/000001"
    lake = ObjectLake(uri)
    lake.create_or_check()
    files = sorted(p.relative_to(local).as_posix() for p in local.rglob("*.parquet"))
    for path in files:
        with lake.filesystem.open_output_stream(f"{lake.path}/{path}") as out:
            out.write((local / path).read_bytes())
    tables = {}
    for path in files:
        tables.setdefault(path.split("/")[0], []).append(path)
    manifest = {"format": "newslake-manifest/1", "number": 1, "run_id": RUN, "settings": {"default_release": "base"}, "tables": tables}
    with lake.filesystem.open_output_stream(f"{lake.path}/_manifests/0000000001.json") as out:
        out.write(json.dumps(manifest).encode())
    with lake.lock():
        result = upgrade_lake(lake, PUBLISHER)
    assert result.done == ["upgraded 6 file(s) written by an earlier version to this version's schemas "
                           "(_dedupe 1, articles 1, claims 1, events 1, runs 1, stories 1): rows kept, new columns null or derived"]
    assert lake.settings() == {"default_release": "base", "schema_version": schema_version()}
    assert all(PurePosixPath(path).name.startswith("part-upgrade-") for path in lake.published_files()[1])
    assert rows(uri, "articles", "article_id", "publisher") == [("id1", "nytimes.com"), ("id2", "breitbart.com")]
    assert rows(uri, "stories", "story_id", "n_publishers", "n_independent") == [("s1", 1, 1)]
