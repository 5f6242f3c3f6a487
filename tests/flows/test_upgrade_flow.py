"""The first writing command of a new version on a lake an earlier version wrote upgrades it, then does its work."""

import json

import polars as pl
import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.flows import ingest
from newslake.lake import scan
from newslake.tasks.lake.upgrade import schema_version

from old_lake import RUN, write_old_lake

pytestmark = pytest.mark.usefixtures("prefect")

BODY = (
    "Officials in the region said on Tuesday that the bridge, damaged by the spring floods, would reopen to traffic "
    "next month after engineers finished inspecting its supports and the river level fell. Residents welcomed the news."
)


def write_dump(path):
    lines = [
        {"url": "https://www.bbc.co.uk/news/bridge", "title": "Bridge to reopen next month", "maintext": BODY,
         "date_publish": "2024-11-20 08:00:00", "source_domain": "www.bbc.co.uk"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_ingest_upgrades_an_old_lake_first_and_publishes_on_top(tmp_path):
    lake = write_old_lake(tmp_path / "lake")
    summary = ingest([str(write_dump(tmp_path / "night.jsonl"))], lake=str(lake))
    assert summary["upgraded"] == [
        "recorded the manifest of _snapshots/000001 from its 6 files as they are",
        "upgraded 6 file(s) written by an earlier version to this version's schemas "
        "(_dedupe 1, articles 1, claims 1, events 1, runs 1, stories 1): rows kept, new columns null or derived",
    ]
    assert summary["published"] and summary["rows"]["articles"] == 1
    articles = scan("articles", lake).sort("article_id").collect()
    assert sorted(zip(articles["run_id"] == RUN, articles["publisher"], strict=True)) == [
        (False, "bbc.com"), (True, "breitbart.com"), (True, "nytimes.com")]
    assert pl.scan_parquet(f"{lake}/articles/**/*.parquet", hive_partitioning=True).collect().height == 3
    runs = scan("runs", lake).collect()
    assert sorted(dump["n_copies"] for dumps in runs["dumps"] for dump in dumps) == [0, 0]
    settings = json.loads((lake / "_current/_lake.json").read_text())
    assert settings == {"default_release": "base", "schema_version": schema_version()}
    again = ingest([str(tmp_path / "night.jsonl")], lake=str(lake))
    assert again["upgraded"] == [] and not again["published"]


def test_check_repair_upgrades_an_old_lake_from_the_command_line(tmp_path):
    lake = write_old_lake(tmp_path / "lake")
    result = CliRunner().invoke(app, ["check", "--lake", str(lake)])
    assert result.exit_code == 1
    assert "6 file(s) were written by an earlier version" in result.output
    result = CliRunner().invoke(app, ["check", "--repair", "--lake", str(lake)])
    assert result.exit_code == 0, result.output
    assert "repaired recorded the manifest of _snapshots/000001 from its 6 files as they are" in result.output
    assert "repaired upgraded 6 file(s) written by an earlier version" in result.output
    assert scan("stories", lake).collect()["n_publishers"].to_list() == [1]
    assert CliRunner().invoke(app, ["check", "--lake", str(lake)]).exit_code == 0
