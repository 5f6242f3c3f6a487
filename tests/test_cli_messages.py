"""Every failure the command line reports is one `E0xx:` line on stderr, with a non-zero exit code:
no traceback, no usage box, no multi-line validation dump."""

import json
import logging

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.tasks.lake import open_lake

from lake_rows import article, mention

pytestmark = pytest.mark.usefixtures("prefect")
runner = CliRunner()
BODY = " ".join(f"Sentence {i} reports that the council approved the new budget for the harbour district." for i in range(12))


@pytest.fixture(autouse=True)
def prefect_as_quiet_as_by_default():
    """Without --verbose the CLI sets PREFECT_LOGGING_LEVEL to CRITICAL unless the environment sets it; the test
    session set it to WARNING before Prefect was imported, so Prefect's loggers are quieted here instead."""
    logger = logging.getLogger("prefect")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def files(tmp_path):
    """A good dump, an existing lake path, and config files that are wrong in each way."""
    (tmp_path / "one.jsonl").write_text(json.dumps({"maintext": BODY, "title": "Budget"}) + "\n")
    (tmp_path / "not-yaml.yaml").write_text("ingest: [\n  shard_size: : 1\n")
    (tmp_path / "latin1.yaml").write_bytes("release: caf\xe9\n".encode("latin-1"))
    (tmp_path / "across-keys.yaml").write_text("entities:\n  enabled: false\n")
    (tmp_path / "a-folder.yaml").mkdir()
    (tmp_path / "typo.yaml").write_text("entites:\n  enabled: false\n")
    (tmp_path / "nested-typo.yaml").write_text("entities:\n  quantise: int8\n")
    _tiny_lake(tmp_path / "tiny")
    return tmp_path


def _tiny_lake(root):
    """A lake with one article and one entity mention in release `base`."""
    lake = open_lake(root)
    with lake.lock():
        staging = lake.stage("r1")
        staging.write("articles", [article(1)])
        staging.write("entities", [mention(1, "id1", "kyiv")])
        lake.publish(staging, "r1", settings={"default_release": "base"})


# (command line with {tmp} for the test's folder, the code, the exit status, a part of the line that says what to do)
CASES = {
    "run --release with a path": (["run", "{tmp}/one.jsonl", "--release", "../x"], "E043", 1, "letters, digits"),
    "run --release with a space": (["run", "{tmp}/one.jsonl", "--release", "a b"], "E043", 1, "'a b'"),
    "reprocess --release with a path": (["reprocess", "--release", "../x"], "E043", 1, "'../x'"),
    "promote a bad release name": (["promote", "../x"], "E043", 1, "'../x'"),
    "release rm a bad release name": (["release", "rm", "a b"], "E043", 1, "'a b'"),
    "run --config missing": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/missing.yaml"], "E001", 1, "missing.yaml does not exist"),
    "run --config a folder": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/a-folder.yaml"], "E001", 1, "is a folder"),
    "serve --config missing": (["serve", "--config", "{tmp}/missing.yaml"], "E001", 1, "missing.yaml does not exist"),
    "reprocess --models missing": (["reprocess", "--release", "r2", "--models", "{tmp}/missing.yaml"], "E001", 1, "pass --models"),
    "config not YAML": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/not-yaml.yaml"], "E002", 1, "at line 2, column 15"),
    "config not UTF-8": (["ingest", "{tmp}/one.jsonl", "--config", "{tmp}/latin1.yaml"], "E002", 1, "not UTF-8"),
    "config check across keys": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/across-keys.yaml"], "E003", 1,
                                 "across-keys.yaml: claims.enabled needs entities.enabled"),
    "input missing": (["run", "{tmp}/missing.jsonl"], "E010", 1, "does not exist"),
    "eval entities --data missing": (["eval", "entities", "--data", "{tmp}/missing.txt"], "E010", 1, "pass --data"),
    "unknown --format": (["ingest", "{tmp}/one.jsonl", "--format", "xml"], "E011", 1, "pass one of"),
    "unknown --runner": (["run", "{tmp}/one.jsonl", "--runner", "ray"], "E004", 1, "'ray'"),
    "lake path is a file": (["ingest", "{tmp}/one.jsonl", "--lake", "{tmp}/one.jsonl"], "E020", 1, "pass --lake"),
    "reprocess --since not a date": (["reprocess", "--release", "r2", "--since", "2024-13-01"], "E044", 1, "YYYY-MM-DD"),
    "reprocess --until in words": (["reprocess", "--release", "r2", "--until", "yesterday"], "E044", 1, "YYYY-MM-DD"),
    "reprocess --since after --until": (["reprocess", "--release", "r2", "--since", "2024-02-01", "--until", "2024-01-01"],
                                        "E040", 1, "is after"),
    "promote where there is no lake": (["promote", "nightly"], "E021", 1, "there is no lake at"),
    "release rm where there is no lake": (["release", "rm", "nightly"], "E021", 1, "there is no lake at"),
    "reprocess without --release": (["reprocess"], "E005", 1, "--release"),
    "unknown option": (["run", "{tmp}/one.jsonl", "--relase", "r2"], "E005", 1, "see root run --help"),
    "option value of the wrong type": (["train", "entities", "--epochs", "five"], "E005", 1, "'--epochs'"),
}


@pytest.mark.parametrize("args, code, status, says", CASES.values(), ids=CASES.keys())
def test_a_failure_is_one_line_that_starts_with_its_code(files, monkeypatch, args, code, status, says):
    monkeypatch.chdir(files)  # the default lake, data/lake, lands in the test's folder
    argv = [arg.format(tmp=files) for arg in args]
    if "--lake" not in argv and argv[0] not in ("serve", "eval", "train"):
        argv += ["--lake", str(files / "lake")]
    result = runner.invoke(app, argv)
    assert_one_line(result, code, status, says)


def test_an_unforeseen_exception_is_one_line_too(files, monkeypatch):
    import newslake.config

    def broken(path=None):
        raise OSError("No space left on device\nsecond line of the message")

    monkeypatch.setattr(newslake.config, "load_config", broken)
    monkeypatch.delenv("NEWSLAKE_TRACEBACK", raising=False)
    result = runner.invoke(app, ["ingest", str(files / "one.jsonl"), "--lake", str(files / "lake")])
    assert_one_line(result, "E090", 1, "OSError: No space left on device second line")

    monkeypatch.setenv("NEWSLAKE_TRACEBACK", "1")
    result = runner.invoke(app, ["ingest", str(files / "one.jsonl"), "--lake", str(files / "lake")])
    assert isinstance(result.exception, OSError)


def assert_one_line(result, code: str, status: int, says: str) -> None:
    lines = result.stderr.splitlines()
    assert result.exit_code == status, result.output
    assert len(lines) == 1, result.stderr
    assert lines[0].split()[0] == f"{code}:", lines[0]
    assert says in lines[0]
    assert "Traceback" not in result.output


# Messages checked whole ({tmp} is the test's folder): (command line, the one line on stderr).
EXACT = {
    "config key misspelt": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/typo.yaml", "--lake", "{tmp}/lake"],
                            "E003: config file {tmp}/typo.yaml: entites is not a config key; did you mean entities?"),
    "nested config key misspelt": (["run", "{tmp}/one.jsonl", "--config", "{tmp}/nested-typo.yaml", "--lake", "{tmp}/lake"],
                                   "E003: config file {tmp}/nested-typo.yaml: entities.quantise is not a config key; did you mean entities.quantize?"),
    "compare an unknown release": (["compare", "base", "candidate", "--lake", "{tmp}/tiny"],
                                   "E041: release 'candidate' is not in the lake at {tmp}/tiny; releases there: base"),
    "report an unknown release": (["report", "--release", "nope", "--lake", "{tmp}/tiny", "--out", "{tmp}/report"],
                                  "E041: release 'nope' is not in the lake at {tmp}/tiny; releases there: base"),
    "report of no lake": (["report", "--lake", "{tmp}/nowhere"],
                          "E021: the lake at {tmp}/nowhere has no release yet; run `newslake run` first or pass the right --lake"),
    "report --since not a date": (["report", "--lake", "{tmp}/tiny", "--since", "2024-11-31"],
                                  "E044: --since '2024-11-31' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-19"),
    "report --since after --until": (["report", "--lake", "{tmp}/tiny", "--since", "2024-11-20", "--until", "2024-11-19", "--out", "{tmp}/r"],
                                     "E040: --since 2024-11-20 is after --until 2024-11-19; give a range that holds at least one day"),
    "query an unknown release": (["query", "SELECT * FROM claims", "--release", "nope", "--lake", "{tmp}/tiny"],
                                 "E041: release 'nope' is not in the lake at {tmp}/tiny; releases there: base"),
    "promote an unknown release": (["promote", "nope", "--lake", "{tmp}/tiny"],
                                   "E041: release 'nope' is not in the lake at {tmp}/tiny; releases there: base"),
    "remove an unknown release": (["release", "rm", "nope", "--lake", "{tmp}/tiny"],
                                  "E041: release 'nope' has no rows in the lake at {tmp}/tiny; releases with rows there: base"),
    "report --out a file": (["report", "--lake", "{tmp}/tiny", "--out", "{tmp}/one.jsonl"],
                            "E005: --out {tmp}/one.jsonl is a file; pass a folder for the report's pages"),
    "query --out of another kind": (["query", "SELECT * FROM articles", "--out", "{tmp}/rows.json", "--lake", "{tmp}/tiny"],
                                    "E005: --out {tmp}/rows.json must end in .parquet or .csv"),
}


@pytest.mark.parametrize("args, line", EXACT.values(), ids=EXACT.keys())
def test_the_exact_line_of_each_failure(files, monkeypatch, args, line):
    monkeypatch.chdir(files)
    result = runner.invoke(app, [arg.format(tmp=files) for arg in args])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [line.format(tmp=files)]


def test_promote_and_release_rm_leave_no_lake_where_there_was_none(files, monkeypatch):
    monkeypatch.chdir(files)
    for args in (["promote", "base"], ["release", "rm", "old"]):
        result = runner.invoke(app, [*args, "--lake", str(files / "typo")])
        assert result.stderr.splitlines() == [f"E021: there is no lake at {files / 'typo'}; pass --lake with the lake that holds the release"]
        assert not (files / "typo").exists()


def test_a_query_polars_cannot_answer_is_one_line_naming_the_tables(files):
    result = runner.invoke(app, ["query", "SELECT nope FROM articles", "--lake", str(files / "tiny")])
    assert_one_line(result, "E006", 1, 'unable to find column "nope"')
    assert "the tables are articles, rejects, entities," in result.stderr and ", claims, " in result.stderr
    result = runner.invoke(app, ["query", "SELEC 1", "--lake", str(files / "tiny")])
    assert_one_line(result, "E006", 1, "sql parser error")


def test_version(files):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("newslake 0.1.0+")
