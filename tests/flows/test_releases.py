"""Releases side by side: reprocess with another model, compare, promote, delete."""

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.errors import NewslakeError
from newslake.flows import promote, remove_release, reprocess, run
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")
ROOT = Path(__file__).resolve().parents[2]
INT8 = ROOT / "configs" / "releases" / "base-int8.yaml"
BODY = (
    "Ukrainian President Volodymyr Zelensky met Danish Prime Minister Mette Frederiksen in Kyiv on Monday. "
    "Russia's Ministry of Defense said the talks changed nothing. Officials in Brussels and Washington welcomed "
    "the meeting and said NATO would discuss new air defence deliveries, including Patriot systems, next week."
)


@pytest.fixture()
def lake(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "a.jsonl").write_text(
        json.dumps({"maintext": BODY, "date_publish": "2024-11-18", "url": "https://example.com/1"}) + "\n"
        + json.dumps({"maintext": BODY.replace("Monday", "Tuesday") + " A second paragraph follows here.",
                      "date_publish": "2024-11-19", "url": "https://example.com/2"}) + "\n"
    )  # fmt: skip
    lake = tmp_path / "lake"
    run([str(dumps)], lake=str(lake))
    return lake


def test_reprocess_writes_a_release_beside_the_current_one(lake):
    base = scan("entities", lake).collect()
    assert set(base["release"]) == {"base"} and base.height > 0

    summary = reprocess("base-int8", str(INT8), lake=str(lake))
    assert summary["rows"]["entities"] > 0
    int8 = scan("entities", lake, release="base-int8").collect()
    assert set(int8["model"]) - {"rules:description"} == {"cased-minilm.v1+int8"}
    assert set(int8["date"]) == {"2024-11-18", "2024-11-19"}
    # The default is unchanged until promoted; both releases are in the lake.
    assert scan("entities", lake).collect().equals(base)
    assert set(scan("entities", lake, release="*").collect()["release"]) == {"base", "base-int8"}

    promote("base-int8", lake=str(lake))
    assert set(scan("entities", lake).collect()["release"]) == {"base-int8"}


def test_reprocessing_a_date_range_replaces_exactly_those_partitions(lake):
    reprocess("b", str(INT8), lake=str(lake))
    before = scan("entities", lake, release="b").collect()
    reprocess("b", str(INT8), lake=str(lake), since=date(2024, 11, 19))
    after = scan("entities", lake, release="b").collect()

    untouched = lambda frame: frame.filter(pl.col("date") == "2024-11-18").sort("start")  # noqa: E731
    redone = lambda frame: frame.filter(pl.col("date") == "2024-11-19").sort("start")  # noqa: E731
    assert untouched(after).equals(untouched(before))  # same rows, same run: not rewritten
    assert redone(after).drop("run_id").equals(redone(before).drop("run_id"))  # replaced, not duplicated
    assert redone(after)["run_id"].n_unique() == 1
    assert redone(after)["run_id"][0] != redone(before)["run_id"][0]


def test_compare_promote_and_remove_from_the_command_line(lake, tmp_path):
    reprocess("base-int8", str(INT8), lake=str(lake))
    runner = CliRunner()
    out = tmp_path / "report"
    result = runner.invoke(app, ["compare", "base", "base-int8", "--lake", str(lake), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "label agreement" in result.stdout
    markdown = out.with_suffix(".md").read_text()
    assert markdown.startswith("# Release comparison: `base` vs `base-int8`")
    for table in ("entities", "claims", "events", "stories"):
        assert f"| {table} |" in markdown, table
    assert out.with_suffix(".html").read_text().lstrip().lower().startswith("<!doctype html")

    with pytest.raises(NewslakeError) as error:
        remove_release("base", lake=str(lake))
    assert error.value.code == "E042"
    assert runner.invoke(app, ["promote", "base-int8", "--lake", str(lake)]).exit_code == 0
    result = runner.invoke(app, ["release", "rm", "base", "--lake", str(lake)])
    assert result.exit_code == 0, result.output
    for table in ("entities", "events", "stories"):
        assert set(scan(table, lake, release="*").collect()["release"]) == {"base-int8"}, table
    assert scan("runs", lake, release="base").collect().height == 1  # the ledger keeps its runs
    assert runner.invoke(app, ["promote", "nope", "--lake", str(lake)]).exit_code == 1


def test_a_second_release_with_the_same_model_reuses_cached_shards(lake, monkeypatch):
    import newslake.flows.entities as stage

    reprocess("first", str(INT8), lake=str(lake))
    calls = []
    real = stage.entity_rows
    monkeypatch.setattr(stage, "entity_rows", lambda *a, **k: calls.append(1) or real(*a, **k))
    reprocess("second", str(INT8), lake=str(lake))
    assert calls == []  # every shard came from the cache: same articles, model, config and code
    first = scan("entities", lake, release="first").collect().drop("release", "run_id").sort("mention_id")
    second = scan("entities", lake, release="second").collect().drop("release", "run_id").sort("mention_id")
    assert first.equals(second)
