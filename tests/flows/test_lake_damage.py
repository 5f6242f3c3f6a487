"""Damage to a lake that flows wrote: refused or repaired, never published over."""

import json
import os
import re
import shlex

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.errors import NewslakeError
from newslake.flows import ingest
from newslake.lake import scan

pytestmark = pytest.mark.usefixtures("prefect")

BODY = (
    "Officials in the region said on Tuesday that bridge number {n} over the river, damaged by the spring floods, "
    "would reopen to traffic next month after engineers finished inspecting its supports and the water level fell. "
    "Residents of district {n} welcomed the decision but asked the council for better planning against floods."
)


def write_dump(path, numbers, date):
    records = [{"title": f"Bridge {n}", "maintext": BODY.format(n=n), "url": f"https://example.com/{n}", "date_publish": date}
               for n in numbers]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def titles(lake):
    return sorted(scan("articles", lake).collect()["title"])


def test_a_dangling_pointer_stops_the_run_instead_of_starting_a_new_lake(tmp_path):
    lake = str(tmp_path / "lake")
    write_dump(tmp_path / "a.jsonl", range(3), "2024-11-19")
    ingest([str(tmp_path / "a.jsonl")], lake=lake)
    (tmp_path / "lake/_current").unlink()
    os.symlink("_snapshots/000042", tmp_path / "lake/_current")

    write_dump(tmp_path / "b.jsonl", range(3, 5), "2024-11-20")
    with pytest.raises(NewslakeError) as error:
        ingest([str(tmp_path / "b.jsonl")], lake=lake)
    assert error.value.code == "E024"

    result = CliRunner().invoke(app, ["check", "--lake", lake])
    assert result.exit_code == 1 and "does not exist" in result.output
    result = CliRunner().invoke(app, ["check", "--repair", "--lake", lake])
    assert result.exit_code == 0, result.output
    assert "pointed _current at _snapshots/000001" in result.output
    ingest([str(tmp_path / "b.jsonl")], lake=lake)
    assert titles(lake) == [f"Bridge {n}" for n in range(5)]


def test_a_lost_article_file_can_be_ingested_again_after_repair(tmp_path):
    lake = str(tmp_path / "lake")
    write_dump(tmp_path / "a.jsonl", range(2), "2024-11-18")
    with open(tmp_path / "a.jsonl", "a") as dump:  # the same dump holds articles of another day
        dump.write(json.dumps({"title": "Bridge 9", "maintext": BODY.format(n=9), "date_publish": "2024-11-19"}) + "\n")
    ingest([str(tmp_path / "a.jsonl")], lake=lake)
    lost = next((tmp_path / "lake/_current/articles/date=2024-11-19").glob("*.parquet"))
    lost.unlink()

    with pytest.raises(NewslakeError, match="^E025"):
        titles(lake)
    result = CliRunner().invoke(app, ["check", "--lake", lake])
    assert result.exit_code == 1
    assert "is missing" in result.output and "1 dedupe entries name articles no longer in the lake" in result.output
    # The command the error line names repairs this lake, run as printed, wherever it is run from.
    command = shlex.split(re.search(r"^E025: .*`(newslake check [^`]*)`", result.output, re.MULTILINE).group(1))
    assert command[:2] == ["newslake", "check"] and "--lake" in command
    result = CliRunner().invoke(app, command[1:])
    assert result.exit_code == 0, result.output
    assert "removed 1 dump(s) from the ledger" in result.output
    assert titles(lake) == ["Bridge 0", "Bridge 1"]

    summary = ingest([str(tmp_path / "a.jsonl")], lake=lake)
    assert titles(lake) == ["Bridge 0", "Bridge 1", "Bridge 9"]  # not a `duplicate` of an article no longer there
    assert summary["rejects_by_reason"] == {"duplicate": 2}
    assert CliRunner().invoke(app, ["check", "--lake", lake]).exit_code == 0
