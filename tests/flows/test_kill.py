"""A real `newslake run`, killed with SIGKILL at each point of its life, never damages what was published.

After each kill the lake must hold exactly what it held before (same files, same
rows, same pointer) and be readable through `newslake.lake.scan` and a plain
glob; the next run must finish the work, with every table equal to that of a
run never interrupted (run ids and timestamps aside). A kill after the pointer
swap leaves the new state published, and the next run finds nothing to do.

The kill points are found by watching the lake from outside: the lock taken
(`/proc/locks`), each stage's shards appearing under `_staging/<run_id>/`, the
next snapshot being built, the pointer swapped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from lake_digest import differences, lake_rows
from newslake.lake import scan
from newslake.schemas import TABLES

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/locks").exists(), reason="watches /proc/locks")]
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "ruwa-kramatorsk.jsonl"  # ten short reports of one attack: every stage has work
SCRIPT = Path(sys.executable).with_name("newslake")  # the console script, as a scheduler would start it
NEWSLAKE = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "newslake.cli"]
RUN_LIMIT_S = 600


@dataclass(frozen=True)
class KillPoint:
    name: str
    reached: Callable[[Path, str, float], bool]  # (lake, pointer before the run, seconds since start)
    published: bool = False  # whether the run's rows are already published when it dies


def _staged(table: str) -> Callable[[Path, str, float], bool]:
    return lambda lake, pointer, elapsed: any((lake / "_staging").glob(f"*/{table}/*.parquet"))


def _lock_taken(lake: Path, pointer: str, elapsed: float) -> bool:
    inode = (lake / "_lock").stat().st_ino
    return any(
        fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode)
        for fields in (line.split() for line in Path("/proc/locks").read_text().splitlines())
        if len(fields) > 5
    )


KILL_POINTS = [
    KillPoint("start-up", lambda lake, pointer, elapsed: elapsed > 1.0),
    KillPoint("ingest", _lock_taken),  # the lock is taken first thing: clean-up, then reading the dump
    KillPoint("entities", _staged("articles")),  # the articles are staged, the entity tagger runs
    KillPoint("events", _staged("entities")),
    KillPoint("claims", _staged("events")),
    KillPoint("stories", _staged("claims")),  # then the `runs` row, then the publish
    KillPoint("publish", lambda lake, pointer, elapsed: any((lake / "_snapshots").glob("*.building"))),
    KillPoint("after the swap", lambda lake, pointer, elapsed: os.readlink(lake / "_current") != pointer, published=True),
]


@pytest.fixture(scope="module")
def env(prefect):
    """The subprocesses talk to the session's Prefect server instead of each starting one of their own."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "HF_HUB_OFFLINE": "1", "PREFECT_LOGGING_LEVEL": "CRITICAL"}


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> tuple[Path, Path]:
    """The sample split in two: the first half is published before the run that gets killed reads the second."""
    folder = tmp_path_factory.mktemp("dumps")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(lines[:5]), encoding="utf-8")
    second.write_text("".join(lines[5:]) + '{"title": "a broken record\n', encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def published(dumps, env, tmp_path_factory) -> Path:
    lake = tmp_path_factory.mktemp("published") / "lake"
    finish(newslake_run(dumps[0], lake, env, tmp_path_factory.mktemp("logs")))
    return lake


@pytest.fixture(scope="module")
def uninterrupted(published, dumps, env, tmp_path_factory) -> Path:
    lake = copy_lake(published, tmp_path_factory.mktemp("uninterrupted"))
    finish(newslake_run(dumps[1], lake, env, tmp_path_factory.mktemp("logs")))
    return lake


@pytest.mark.parametrize("point", KILL_POINTS, ids=[p.name for p in KILL_POINTS])
def test_a_killed_run_leaves_the_lake_as_it_was_and_the_next_run_finishes(point, published, uninterrupted, dumps, env, tmp_path):
    lake = copy_lake(published, tmp_path)
    before, files, pointer = lake_rows(lake, keep_per_run=True), published_files(lake), os.readlink(lake / "_current")

    left = kill_when(point, newslake_run(dumps[1], lake, env, tmp_path), lake, pointer)

    assert_readable(lake)
    if point.published:
        assert differences(lake, uninterrupted) == {}, left
    else:
        assert os.readlink(lake / "_current") == pointer, left
        assert published_files(lake) == files, left
        assert lake_rows(lake, keep_per_run=True) == before, left

    rerun = finish(newslake_run(dumps[1], lake, env, tmp_path))
    assert ("Nothing new to process" in rerun) == point.published
    assert differences(lake, uninterrupted) == {}
    assert leftovers(lake) == []
    assert_readable(lake)


def test_two_runs_at_once_one_waits_its_turn_or_is_refused(published, uninterrupted, dumps, env, tmp_path):
    lake = copy_lake(published, tmp_path)
    runs = [newslake_run(dumps[1], lake, env, tmp_path / str(n)) for n in (1, 2)]
    codes = [wait(run) for run in runs]
    assert 0 in codes, [output(run) for run in runs]
    second = max(runs, key=lambda run: run.process.returncode)

    # The other either found the lock taken (E022, one line), or came after and found the dump in the ledger.
    if second.process.returncode == 0:
        assert "Nothing new to process" in output(second)
    else:
        lines = (second.logs / "stderr").read_text().splitlines()
        assert second.process.returncode == 1 and len(lines) == 1 and lines[0].startswith("E022: "), output(second)
    assert differences(lake, uninterrupted) == {}
    assert leftovers(lake) == []
    assert_readable(lake)


# --- running and killing --------------------------------------------------------------------------


@dataclass
class Run:
    process: subprocess.Popen
    logs: Path
    started: float


def newslake_run(dump: Path, lake: Path, env: dict[str, str], logs: Path) -> Run:
    """`newslake run DUMP --lake LAKE` in its own process group, its output in files (a full pipe would stall it)."""
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "stdout", "w") as stdout, open(logs / "stderr", "w") as stderr:
        process = subprocess.Popen(
            [*NEWSLAKE, "run", str(dump), "--lake", str(lake)],
            cwd=ROOT, env=env, stdout=stdout, stderr=stderr, start_new_session=True,
        )  # fmt: skip
    return Run(process, logs, time.monotonic())


def kill_when(point: KillPoint, run: Run, lake: Path, pointer: str) -> str:
    """SIGKILL the run's process group as soon as `point` is reached; what the run left behind, for messages."""
    while not point.reached(lake, pointer, time.monotonic() - run.started):
        if run.process.poll() is not None:
            pytest.fail(f"the run ended (exit {run.process.returncode}) before reaching {point.name}: {output(run)}")
        if time.monotonic() - run.started > RUN_LIMIT_S:
            os.killpg(run.process.pid, signal.SIGKILL)
            pytest.fail(f"the run did not reach {point.name} in {RUN_LIMIT_S} s")
        time.sleep(0.005)
    os.killpg(run.process.pid, signal.SIGKILL)
    assert run.process.wait() == -signal.SIGKILL
    return f"killed at {point.name}, left: {leftovers(lake)}"


def wait(run: Run) -> int:
    try:
        return run.process.wait(timeout=RUN_LIMIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(run.process.pid, signal.SIGKILL)
        raise


def finish(run: Run) -> str:
    assert wait(run) == 0, output(run)
    return output(run)


def output(run: Run) -> str:
    return (run.logs / "stdout").read_text() + (run.logs / "stderr").read_text()


# --- looking at the lake --------------------------------------------------------------------------


def copy_lake(lake: Path, folder: Path) -> Path:
    return Path(shutil.copytree(lake, folder / "lake", symlinks=True))


def published_files(lake: Path) -> dict[str, int]:
    """Every file of the published snapshot with its size."""
    snapshot = (lake / "_current").resolve()
    return {path.relative_to(snapshot).as_posix(): path.stat().st_size for path in snapshot.rglob("*") if path.is_file()}


def leftovers(lake: Path) -> list[str]:
    """What a run in progress has on disk: staged shards, snapshots being built or not yet current."""
    current = (lake / "_current").resolve().name
    staged = sorted(p.relative_to(lake).as_posix() for p in (lake / "_staging").glob("*/*")) if (lake / "_staging").exists() else []
    snapshots = sorted(p.name for p in (lake / "_snapshots").iterdir() if p.name > current)
    return staged + [f"_snapshots/{name}" for name in snapshots]


def assert_readable(lake: Path) -> None:
    """Every table reads through `scan`, and a plain glob sees the same articles."""
    for name, table in TABLES.items():
        if table.public:
            scan(name, lake, release="*" if "release" in table.partitions else None).collect()
    articles = scan("articles", lake).collect().height
    assert pl.scan_parquet(f"{lake}/articles/**/*.parquet", hive_partitioning=True).collect().height == articles
