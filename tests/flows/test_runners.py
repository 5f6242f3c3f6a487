"""The same dumps give the same tables whatever runs the shard tasks."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from newslake.errors import NewslakeError

from newslake.flows import run
from newslake.flows.runners import task_runner, with_runner
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
PER_RUN = ["run_id", "ingested_at", "rejected_at"]  # the only columns allowed to differ


def table(lake: Path, name: str) -> pl.DataFrame:
    frame = scan(name, lake).collect()
    return frame.drop([c for c in PER_RUN if c in frame.columns]).sort(frame.columns[:4] if name != "entities" else ["mention_id"])


def test_local_and_dask_runners_write_identical_tables(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for name in ("worked-example", "polnear-newsplease.jsonl", "repeats-and-bad-records.jsonl"):
        source = SAMPLES / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dumps / name)
    config = tmp_path / "small-shards.yaml"
    config.write_text("ingest:\n  shard_size: 8\nentities:\n  shards_in_flight: 2\n")

    run([str(dumps)], lake=str(tmp_path / "local"), config_path=str(config))
    with_runner(run, "dask")([str(dumps)], lake=str(tmp_path / "dask"), config_path=str(config))

    for name in ("articles", "rejects", "entities"):
        local, dask = table(tmp_path / "local", name), table(tmp_path / "dask", name)
        assert local.height > 0, name
        assert local.equals(dask), name


def test_unknown_runner_is_refused():
    with pytest.raises(NewslakeError, match="^E004: unknown runner"):
        task_runner("spark")
    with pytest.raises(NewslakeError, match="^E004: --dask-address needs --runner dask"):
        task_runner("local", "tcp://scheduler:8786")
