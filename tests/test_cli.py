import json

import pytest
from typer.testing import CliRunner

from newslake.cli import app

pytestmark = pytest.mark.usefixtures("prefect")
runner = CliRunner()
BODY = " ".join(f"Sentence {i} reports that the council approved the new budget for the harbour district." for i in range(12))


def test_run_prints_a_json_summary_then_nothing_new(tmp_path):
    dump = tmp_path / "one.jsonl"
    dump.write_text(json.dumps({"maintext": BODY, "title": "Budget"}) + "\n{broken\n")
    lake = tmp_path / "lake"

    result = runner.invoke(app, ["run", str(dump), "--lake", str(lake), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["dumps"][0]["n_read"] == 2
    rows = summary["rows"]
    assert {k: rows[k] for k in ("articles", "rejects", "entities", "claim_stances", "runs")} == {
        "articles": 1, "rejects": 1, "entities": 0, "claim_stances": 0, "runs": 1}
    # How many of the twelve "Sentence i reports that ..." the tagger finds is the model's business;
    # the summary must count what the lake holds.
    from newslake.lake import scan

    assert rows["claims"] == scan("claims", str(lake)).collect().height
    assert summary["rejects_by_reason"] == {"malformed_json": 1}

    again = runner.invoke(app, ["ingest", str(dump), "--lake", str(lake)])
    assert again.exit_code == 0, again.output
    assert "Nothing new to process" in again.stdout


def test_errors_are_one_line_with_a_code(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "missing.jsonl"), "--lake", str(tmp_path / "lake")])
    assert result.exit_code == 1
    assert "E010" in result.stderr
    assert "Traceback" not in result.output

    config = tmp_path / "bad.yaml"
    config.write_text("ingest:\n  shard_sise: 10\n")
    result = runner.invoke(app, ["run", str(tmp_path), "--config", str(config), "--lake", str(tmp_path / "lake")])
    assert result.exit_code == 1
    assert "E003" in result.stderr and "shard_sise" in result.stderr
