"""docs/analysis.md runs: its Python blocks in order, in one namespace, and its `newslake` command lines,
against a small lake in data/lake (two releases, so that the comparison has something to show)."""

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.tasks.lake import open_lake

from report_lake import CLAIMS, build_report_lake

DOC = Path(__file__).parents[1] / "docs" / "analysis.md"
BLOCKS = re.findall(r"```(python|bash)\n(.*?)```", DOC.read_text(), re.S)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis")
    lake = build_report_lake(folder / "data" / "lake")
    candidate = [{**c, "release": "base-int8", "stance": "neutral" if c["claim_id"] == "c1" else c["stance"]} for c in CLAIMS]
    the_lake = open_lake(lake)
    with the_lake.lock():
        staging = the_lake.stage("r2")
        staging.write("claims", candidate)
        the_lake.publish(staging, "r2")
    return folder


def test_the_page_has_code_to_run():
    assert [kind for kind, _ in BLOCKS].count("python") >= 8
    assert any("newslake query" in code for _, code in BLOCKS)


def test_every_code_block_runs(demo, monkeypatch):
    monkeypatch.chdir(demo)
    namespace: dict = {}
    for kind, code in BLOCKS:
        if kind == "python":
            exec(compile(code, str(DOC), "exec"), namespace)
            continue
        for line in code.splitlines():
            if line.startswith("newslake "):
                result = CliRunner().invoke(app, shlex.split(line)[1:])
                assert result.exit_code == 0, (line, result.output)
    assert namespace["compare_releases"]("base", "base-int8", "claims").collect()["change"].to_list() == ["changed"]
    assert (demo / "reports" / "base" / "index.html").exists()
    assert (demo / "claims-per-source.csv").read_text().splitlines()[0] == "source,claims"
