"""`newslake train event-arguments` on a tiny subset (slow), then `newslake eval event-arguments` on what it wrote."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.files import file_sha256

REPO = Path(__file__).resolve().parents[3]
QASRL = REPO.parent / "shared" / "datasets" / "qasrl"
FIXTURES = Path(__file__).parent / "fixtures"  # gold/ and sentences/, as a QA-SRL folder
PLOVER = QASRL.parent / "plover" / "PLOVER_GSR_CAMEO.txt"


def test_a_missing_qasrl_folder_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(tmp_path / "none"),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and result.output.count("\n") == 1


@pytest.fixture()
def trained_with(monkeypatch):
    """The arguments `newslake train event-arguments` hands to the trainer (which does not run)."""
    import newslake.models.event_arguments.train as train

    calls = []
    monkeypatch.setattr(train, "train_arguments", lambda *args, **kwargs: calls.append((args, kwargs)) or {})
    monkeypatch.chdir(REPO)
    return calls


def test_the_annotated_files_default_to_every_training_file_with_closed_targets(trained_with, tmp_path):
    result = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(FIXTURES), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [(args, kwargs)] = trained_with
    assert args == (FIXTURES, tmp_path)
    assert [str(p) for p in kwargs["annotated"]] == [f"data/train/events-train-{letter}.jsonl"
                                                     for letter in "cdefghijklmnopqrstuvwx"]
    assert sorted(str(p.relative_to(REPO)) for p in (REPO / "data" / "train").glob("events-train-*.jsonl")) \
        == [str(p) for p in kwargs["annotated"]]
    assert (kwargs["max_annotated"], kwargs["open_targets"]) == (None, "none")


def test_annotated_files_can_be_chosen_or_left_out(trained_with, tmp_path):
    chosen = ["--annotated", "data/train/events-train-l.jsonl", "--annotated", "data/train/events-train-c.jsonl",
              "--max-annotated", "50"]
    for options in (chosen, ["--qasrl-only"], [*chosen, "--qasrl-only"]):
        result = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(FIXTURES), "--out", str(tmp_path),
                                          *options])
        assert result.exit_code == 0, result.output
    assert [([str(p) for p in kwargs["annotated"]], kwargs["max_annotated"]) for _, kwargs in trained_with] == [
        (["data/train/events-train-l.jsonl", "data/train/events-train-c.jsonl"], 50), ([], None), ([], 50)]


def test_open_targets_are_chosen_by_name(trained_with, tmp_path):
    base = ["train", "event-arguments", "--qasrl", str(FIXTURES), "--out", str(tmp_path)]
    outputs = [CliRunner().invoke(app, [*base, *options]).output for options in (
        ["--open-targets", "all"], ["--open-targets", "qasrl", "--qasrl-model", "models/artifacts/event-arguments-minilm"],
        ["--open-targets", "some"], ["--open-targets", "qasrl"], ["--qasrl-model", "models/artifacts/event-arguments-minilm"])]
    assert outputs[2:] == ["E003: --open-targets must be none, all or qasrl, not 'some'\n"] + [
        "E003: --open-targets qasrl needs --qasrl-model (a model trained with --qasrl-only), and only it\n"] * 2
    assert [(kwargs["open_targets"], str(kwargs.get("qasrl_model"))) for _, kwargs in trained_with] == [
        ("all", "None"), ("qasrl", "models/artifacts/event-arguments-minilm")]


def test_a_missing_annotated_file_is_one_e010_line(trained_with, tmp_path):
    result = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(FIXTURES), "--out", str(tmp_path),
                                      "--annotated", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert result.output == (f"E010: {tmp_path / 'none.jsonl'} does not exist; "
                             "pass --annotated with events gold files, or --qasrl-only\n")
    assert trained_with == []


@pytest.mark.slow
@pytest.mark.skipif(not (QASRL / "gold").is_dir(), reason="needs ../shared/datasets/qasrl")
def test_train_then_eval_a_tiny_model(tmp_path):
    out = tmp_path / "model"
    trained = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(QASRL), "--out", str(out),
                                       "--epochs", "1", "--max-train", "32", "--max-dev", "16",
                                       "--annotated", str(REPO / "data/train/events-train-c.jsonl"),
                                       "--max-annotated", "8", "--open-targets", "qasrl",
                                       "--qasrl-model", str(REPO / "models/artifacts/event-arguments-minilm")])
    assert trained.exit_code == 0, trained.output
    config = json.loads((out / "config.json").read_text())
    assert config["format"] == "newslake.event_arguments.v1"
    assert config["weights_sha256"] == file_sha256(out / "weights.safetensors")
    record = config["training"]
    assert (record["best_epoch"], record["data"]["train"]["verbs"], record["data"]["dev"]["verbs"]) == (1, 32, 16)
    news = record["data"]["annotated"]
    assert (list(news["files"]), news["examples"]) == (["events-train-c.jsonl"], 8)
    assert (record["recipe"]["seed"], record["recipe"]["annotated_open_targets"]) == (13, "qasrl")

    scored = CliRunner().invoke(app, ["eval", "event-arguments", "--qasrl", str(QASRL), "--path", str(out),
                                      "--plover", str(PLOVER)])
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.output)
    assert result["qasrl"]["queries"] == 1281 and result["qasrl"]["sentences"] == 499
    assert set(result["qasrl"]["per_role"]) == {"AGENT", "TARGET", "PLACE", "TIME"}
    assert result["qasrl"]["all"]["gold"] == 3516
    assert (result["plover"]["records"], result["plover"]["src"]["gold"], result["plover"]["tar"]["gold"]) == (
        321, 305, 300)
