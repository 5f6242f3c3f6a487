"""The demo lake's stories end to end: `newslake run data/samples` with the default config makes exactly
the multi-article stories that tests/tasks/stories/test_sample_stories.py lists, none mixing occurrences.
Slow: it runs every model on every sample."""

import json
from pathlib import Path

import polars as pl
import pytest

from newslake.flows import run
from newslake.lake import scan

ROOT = Path(__file__).resolve().parents[2]
MENTIONS = ROOT / "tests" / "tasks" / "stories" / "data" / "sample_mentions.jsonl"

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect")]


def test_the_demo_lake_has_the_expected_multi_article_stories(tmp_path):
    run([str(ROOT / "data" / "samples")], lake=str(tmp_path / "lake"))
    gold = {r["id"]: r["story"] for r in map(json.loads, MENTIONS.read_text(encoding="utf-8").splitlines())}
    multi = scan("stories", tmp_path / "lake").collect().filter(pl.col("n_articles") > 1)
    # every event id is one the mention file labels (else: rewrite it with bench/stories.py mentions)
    assert sorted((n, sorted({gold[e] for e in ids})) for n, ids in multi.select("n_articles", "event_ids").rows()) == [
        (2, ["charlotte-protests"]), (2, ["huffpost-editors-note"]), (9, ["kramatorsk-station-strike"])]
