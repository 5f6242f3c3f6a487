"""`newslake train events` on a tiny subset (slow), then `newslake eval event-triggers` on what it wrote."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app
from newslake.files import file_sha256

REPO = Path(__file__).resolve().parents[3]
DATASETS = REPO.parent / "shared" / "datasets"
NGEC = DATASETS / "ngec" / "gpt_synthetic_events_2023-10-19_19.csv"
PLOVER = DATASETS / "plover" / "PLOVER_GSR_CAMEO.txt"
GOLD = REPO / "data" / "gold" / "events-dev-v2a.jsonl"
ANNOTATED = REPO / "data" / "train" / "events-train-c.jsonl"
ENTITY_MODEL = REPO / "models" / "artifacts" / "entities-minilm-cased"
TRIGGER_MODEL = REPO / "models" / "artifacts" / "events-minilm"


def test_a_missing_training_file_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", "--ngec", str(tmp_path / "none.csv"),
                                      "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and result.output.count("\n") == 1


def test_an_encoder_from_a_folder_without_a_model_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", "--encoder-from", str(tmp_path), "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and result.output.count("\n") == 1


def test_continue_from_a_folder_without_a_model_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", "--continue-from", str(tmp_path), "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and "--continue-from" in result.output and result.output.count("\n") == 1


def test_an_encoder_and_a_model_to_continue_from_are_one_e003_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", "--encoder-from", str(ENTITY_MODEL), "--continue-from",
                                      str(TRIGGER_MODEL), "--out", str(tmp_path / "model")])
    assert result.exit_code == 1
    assert result.output.startswith("E003: ") and result.output.count("\n") == 1


def test_a_trigger_model_of_other_labels_cannot_be_continued():
    from newslake.errors import NewslakeError
    from newslake.models.entities.network import CasedTokenClassifier
    from newslake.models.events.train import continue_from_trigger_model
    from newslake.models.runtime.encoder import BASE_PACKAGE, load_base_encoder

    model = CasedTokenClassifier(load_base_encoder(BASE_PACKAGE), ["O", "B-ASSAULT", "I-ASSAULT"])
    with pytest.raises(NewslakeError, match="^E053: .* tags 35 labels, not this ontology's 3"):
        continue_from_trigger_model(model, TRIGGER_MODEL)


def test_eval_of_a_missing_gold_file_is_one_e010_line(tmp_path):
    result = CliRunner().invoke(app, ["eval", "event-triggers", "--data", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert result.output.startswith("E010: ") and result.output.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(not NGEC.is_file(), reason="needs ../shared/datasets/ngec")
def test_train_then_eval_a_tiny_model(tmp_path):
    out = tmp_path / "model"
    trained = CliRunner().invoke(app, ["train", "events", "--ngec", str(NGEC), "--plover", str(PLOVER),
                                       "--dev", str(GOLD), "--annotated", str(ANNOTATED), "--out", str(out), "--epochs", "1",
                                       "--max-stories", "40", "--max-sentences", "64"])
    assert trained.exit_code == 0, trained.output
    config = json.loads((out / "config.json").read_text())
    assert config["format"] == "newslake.events.v1"
    assert config["weights_sha256"] == file_sha256(out / "weights.safetensors")
    record = config["training"]
    assert (record["best_epoch"], record["data"]["train"]["stories"], record["data"]["train"]["sampled_sentences"]) \
        == (1, 40, 64)
    assert record["recipe"]["seed"] == 13
    assert list(record["data"]["train"]["annotated"]["files"]) == ["events-train-c.jsonl"]
    assert config["temperature"] == record["calibration"]["temperature"]

    scored = CliRunner().invoke(app, ["eval", "event-triggers", "--data", str(GOLD), "--plover", str(PLOVER),
                                      "--path", str(out)])
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.stdout)
    # The command reproduces the figures training recorded for the saved weights.
    shipped = record["dev_fp16_weights"]
    assert result["events_dev"]["trigger_and_category"] == shipped["events_dev"]["trigger_and_category"]
    assert result["plover_gold"] == shipped["plover_gold"]
    assert result["reliability"]["after"] == record["calibration"]["after"]


def train_tiny(tmp_path, *options):
    """`newslake train events` for one epoch on 64 story sentences and one annotated file; the artifact's folder."""
    out = tmp_path / "model"
    trained = CliRunner().invoke(app, ["train", "events", "--ngec", str(NGEC), "--plover", str(PLOVER), "--dev", str(GOLD),
                                       "--annotated", str(ANNOTATED), "--out", str(out), "--epochs", "1",
                                       "--max-stories", "40", "--max-sentences", "64", *options])
    assert trained.exit_code == 0, trained.output
    return out


@pytest.mark.slow
@pytest.mark.skipif(not NGEC.is_file(), reason="needs ../shared/datasets/ngec")
def test_a_branch_on_the_entity_model_keeps_its_lower_layers(tmp_path):
    from newslake.models.entities.network import load_verified_artifact as load_entity
    from newslake.models.events.network import load_verified_artifact as load_events

    out = train_tiny(tmp_path, "--frozen-layers", "4", "--encoder-from", str(ENTITY_MODEL))
    entity, _, _, entity_sha256 = load_entity(ENTITY_MODEL)
    events, _, config, _ = load_events(out)
    assert config["training"]["recipe"]["encoder_from"] == {"path": str(ENTITY_MODEL), "weights_sha256": entity_sha256}
    # The lowest four layers and the casing embedding are the entity model's (to fp16, as the artifact stores them);
    # the fifth was trained.
    lower, upper = "encoder.layer.3.output.dense.weight", "encoder.layer.4.output.dense.weight"
    entity_weights, event_weights = entity.encoder.state_dict(), events.encoder.state_dict()
    assert (event_weights[lower] == entity_weights[lower].half().float()).all()
    assert (events.casing.weight == entity.casing.weight.half().float()).all()
    assert not (event_weights[upper] == entity_weights[upper].half().float()).all()


@pytest.mark.slow
@pytest.mark.skipif(not NGEC.is_file(), reason="needs ../shared/datasets/ngec")
def test_continued_training_starts_from_the_whole_trigger_model(tmp_path):
    from newslake.models.events.network import load_verified_artifact

    # Learning rates of zero: what is saved is what was loaded, head included.
    out = train_tiny(tmp_path, "--continue-from", str(TRIGGER_MODEL), "--encoder-lr", "0", "--head-lr", "0")
    shipped, _, _, shipped_sha256 = load_verified_artifact(TRIGGER_MODEL)
    continued, _, config, _ = load_verified_artifact(out)
    assert config["training"]["recipe"]["continue_from"] == {"path": str(TRIGGER_MODEL), "weights_sha256": shipped_sha256}
    assert (config["training"]["recipe"]["encoder_lr"], config["training"]["recipe"]["head_lr"]) == (0.0, 0.0)
    ours, theirs = continued.state_dict(), shipped.state_dict()
    assert all((ours[name] == theirs[name]).all() for name in theirs)
