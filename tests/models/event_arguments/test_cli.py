"""`newslake train event-arguments` on a tiny subset (slow), then `newslake eval event-arguments` on what it wrote."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.files import file_sha256

QASRL = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "qasrl"
PLOVER = QASRL.parent / "plover" / "PLOVER_GSR_CAMEO.txt"


def test_a_missing_qasrl_folder_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(tmp_path / "none"),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and result.output.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(not (QASRL / "gold").is_dir(), reason="needs ../shared/datasets/qasrl")
def test_train_then_eval_a_tiny_model(tmp_path):
    out = tmp_path / "model"
    trained = CliRunner().invoke(app, ["train", "event-arguments", "--qasrl", str(QASRL), "--out", str(out),
                                       "--epochs", "1", "--max-train", "32", "--max-dev", "16"])
    assert trained.exit_code == 0, trained.output
    config = json.loads((out / "config.json").read_text())
    assert config["format"] == "newslake.event_arguments.v1"
    assert config["weights_sha256"] == file_sha256(out / "weights.safetensors")
    record = config["training"]
    assert (record["best_epoch"], record["data"]["train"]["verbs"], record["data"]["dev"]["verbs"]) == (1, 32, 16)
    assert record["recipe"]["seed"] == 13

    scored = CliRunner().invoke(app, ["eval", "event-arguments", "--qasrl", str(QASRL), "--path", str(out),
                                      "--plover", str(PLOVER)])
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.output)
    assert result["qasrl"]["queries"] == 1281 and result["qasrl"]["sentences"] == 499
    assert set(result["qasrl"]["per_role"]) == {"AGENT", "TARGET", "PLACE", "TIME"}
    assert result["qasrl"]["all"]["gold"] == 3516
    assert (result["plover"]["records"], result["plover"]["src"]["gold"], result["plover"]["tar"]["gold"]) == (
        321, 305, 300)
