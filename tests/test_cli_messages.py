"""Every failure the command line reports is one `E0xx:` line on stderr, with a non-zero exit code:
no traceback, no usage box, no multi-line validation dump."""

import json
import logging

import pytest
from typer.testing import CliRunner

from newslake.cli import app

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
    return tmp_path


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
    "promote a release not in the lake": (["promote", "nightly"], "E041", 1, "'nightly'"),
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
