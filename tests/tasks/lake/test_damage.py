"""A local lake never loses what it published: pointer damage is refused, file damage is reported, not propagated."""

import json
import multiprocessing
import os
import shutil

import pytest

from newslake.errors import NewslakeError
from newslake.lake import scan
from newslake.tasks.lake import local, open_lake
from newslake.tasks.lake.check import check_lake
from newslake.files import file_sha256

from lake_rows import article, reject


def publish(lake, run_id, articles, rejects=()):
    with lake.lock():
        staging = lake.stage(run_id)
        staging.write("articles", articles)
        staging.write("rejects", list(rejects))
        lake.publish(staging, run_id)


@pytest.fixture
def lake(tmp_path):
    """Three published snapshots: 000001 (id1), 000002 (+id2), 000003 (+id3)."""
    the_lake = open_lake(tmp_path / "lake")
    for n in (1, 2, 3):
        publish(the_lake, f"r{n}", [article(n, run_id=f"r{n}")])
    return the_lake


def article_ids(root):
    return sorted(scan("articles", root).collect()["article_id"])


def part(lake, run_id):
    return next((lake.root / "_current/articles").rglob(f"part-{run_id}-*.parquet"))


def refused(root):
    with pytest.raises(NewslakeError) as error:
        open_lake(root)
    assert error.value.code == "E024"
    assert f"newslake check --repair --lake {root}" in error.value.message or "backup" in error.value.message
    return error.value.message


def test_each_snapshot_records_size_checksum_and_rows_of_its_files(lake):
    manifest = json.loads((lake.root / "_current/_manifest.json").read_text())
    assert manifest["number"] == 3 and manifest["previous"] == 2 and manifest["run_id"] == "r3"
    assert sorted(manifest["files"]) == [f"articles/date=2024-11-19/part-r{n}-0.parquet" for n in (1, 2, 3)]
    path = "articles/date=2024-11-19/part-r3-0.parquet"
    on_disk = lake.root / "_current" / path
    assert manifest["files"][path] == {"size": on_disk.stat().st_size, "sha256": file_sha256(on_disk), "rows": 1}


def test_a_dangling_pointer_is_refused_and_nothing_is_deleted(lake):
    os.replace(lake.root / "_current", lake.root / "moved")
    os.symlink("_snapshots/000099", lake.root / "_current")
    message = refused(lake.root)
    assert "does not exist" in message
    assert sorted(p.name for p in (lake.root / "_snapshots").iterdir()) == ["000002", "000003"]
    with pytest.raises(NewslakeError, match="^E024"):
        scan("articles", lake.root)

    report = check_lake(local.LocalLake(lake.root), repair=True)
    assert report.repairs[0].startswith("pointed _current at _snapshots/000003")
    assert article_ids(lake.root) == ["id1", "id2", "id3"]


def test_a_missing_pointer_is_refused(lake):
    (lake.root / "_current").unlink()
    assert "is missing" in refused(lake.root)


def test_a_garbage_pointer_is_refused_in_one_line(lake):
    (lake.root / "_current").unlink()
    (lake.root / "_current").write_bytes(os.urandom(64))
    assert "is not a link" in refused(lake.root)
    (lake.root / "_current").unlink()
    os.symlink(os.urandom(16).hex(), lake.root / "_current")
    assert "is garbage" in refused(lake.root)


def test_a_rolled_back_pointer_is_refused_and_the_newer_snapshot_kept(lake):
    os.replace(lake.root / "_current", lake.root / "old")
    os.symlink("_snapshots/000002", lake.root / "_current")
    assert "older than the published _snapshots/000003" in refused(lake.root)
    with pytest.raises(NewslakeError, match="^E024"):
        with lake.lock():
            lake.clean_up()
    assert (lake.root / "_snapshots/000003").is_dir()

    check_lake(lake, repair=True)
    publish(open_lake(lake.root), "r4", [article(4, run_id="r4")])
    assert article_ids(lake.root) == ["id1", "id2", "id3", "id4"]


def test_a_publish_killed_between_rename_and_swap_is_not_a_rollback(lake):
    # The build of 000004 was renamed, then the run died before `_current` moved: never published.
    shutil.copytree(lake.root / "_snapshots/000003", lake.root / "_snapshots/000004", symlinks=True)
    (lake.root / "_snapshots/000004/_published").unlink()
    reopened = open_lake(lake.root)
    publish(reopened, "r4", [article(4, run_id="r4")])
    assert article_ids(lake.root) == ["id1", "id2", "id3", "id4"]
    assert json.loads((lake.root / "_current/_manifest.json").read_text())["run_id"] == "r4"


def test_a_truncated_file_is_reported_not_carried_into_the_next_snapshot(lake):
    damaged = part(lake, "r2")
    os.truncate(damaged, damaged.stat().st_size // 2)
    with pytest.raises(NewslakeError) as error:
        publish(lake, "r4", [article(4, run_id="r4")])
    assert error.value.code == "E025" and "part-r2-0.parquet is truncated" in error.value.message
    assert sorted(p.name for p in (lake.root / "_snapshots").iterdir()) == ["000002", "000003"]


def test_reads_detect_a_missing_file_instead_of_returning_fewer_rows(lake):
    part(lake, "r2").unlink()
    with pytest.raises(NewslakeError) as error:
        scan("articles", lake.root).collect()
    assert error.value.code == "E025" and "part-r2-0.parquet is missing" in error.value.message
    with pytest.raises(NewslakeError, match="^E025"):
        lake.read("articles")


def test_check_finds_a_same_size_corruption_and_a_planted_file(lake):
    damaged = part(lake, "r2")
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))  # the same inode: every snapshot sharing it sees the damage
    shutil.copy(part(lake, "r1"), damaged.with_name("part-planted-0.parquet"))
    report = check_lake(lake)
    assert report.problems == [
        "articles/date=2024-11-19/part-r2-0.parquet is corrupt (sha256 differs from the recorded one)",
        "articles/date=2024-11-19/part-planted-0.parquet is unlisted (stored but in no manifest: readers through the lake do not see it)",
    ]
    assert not report.ok
    assert check_lake(open_lake(lake.root.parent / "fresh")).problems == []


def test_check_repair_publishes_without_the_lost_file(lake):
    part(lake, "r2").unlink()
    report = check_lake(lake, repair=True)
    assert report.problems == ["articles/date=2024-11-19/part-r2-0.parquet is missing"]
    assert report.repairs == ["published the lake without 1 damaged file(s)"]
    assert article_ids(lake.root) == ["id1", "id3"]
    assert check_lake(lake).problems == []


def test_a_snapshot_without_manifest_beside_others_with_one_is_refused(lake):
    (lake.root / "_snapshots/000003/_manifest.json").unlink()
    assert "has no manifest" in refused(lake.root)


def test_a_lake_from_before_manifests_opens_and_repair_records_its_manifest(lake):
    for folder in (lake.root / "_snapshots").iterdir():
        (folder / "_manifest.json").unlink()
    assert article_ids(open_lake(lake.root).root) == ["id1", "id2", "id3"]
    report = check_lake(lake, repair=True)
    assert report.repairs[0] == "recorded the manifest of _snapshots/000003 from its 3 files as they are"
    assert article_ids(lake.root) == ["id1", "id2", "id3"]


def _open_at_once(root, barrier, errors):
    barrier.wait()
    try:
        open_lake(root)
    except Exception as exc:  # noqa: BLE001 - any failure is what the test counts
        errors.put(f"{type(exc).__name__}: {exc}")


def test_creating_a_lake_from_two_processes_at_once(tmp_path):
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for n in range(40):
        barrier = context.Barrier(2)
        workers = [context.Process(target=_open_at_once, args=(tmp_path / f"lake{n}", barrier, errors)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    lake = open_lake(tmp_path / "lake7")
    publish(lake, "r1", [article(1)], [reject(2)])
    assert article_ids(lake.root) == ["id1"]
