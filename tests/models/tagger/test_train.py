"""`newslake train tagger`: its refusals, and (slow) a tiny run from the shipped entity model."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslake.cli import app

REPO = Path(__file__).resolve().parents[3]
DATASETS = REPO.parent / "shared" / "datasets"
NGEC = DATASETS / "ngec" / "gpt_synthetic_events_2023-10-19_19.csv"
CONLL = DATASETS / "conll2003"
ENTITY_MODEL = REPO / "models" / "artifacts" / "entities-minilm-cased"


def test_a_missing_file_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["train", "tagger", "--conll-train", str(tmp_path / "none.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"E010: {tmp_path / 'none.txt'} does not exist")


def test_the_start_must_be_an_artifact_folder(tmp_path):
    result = CliRunner().invoke(app, ["train", "tagger", "--entity-from", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "E010: " in result.output and "pass --entity-from an entity-model folder" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not NGEC.is_file(), reason="needs ../shared/datasets/ngec")
def test_a_tiny_run_keeps_the_entity_models_lower_layers_and_records_both_heads(tmp_path):
    from newslake.models.entities.network import load_verified_artifact as load_entity
    from newslake.models.tagger.network import load_verified_artifact as load_tagger

    dev = tmp_path / "valid.txt"
    dev.write_text("\n".join((CONLL / "valid.txt").read_text().splitlines()[:400]) + "\n")
    out = tmp_path / "tagger"
    trained = CliRunner().invoke(app, [
        "train", "tagger", "--entity-from", "models/artifacts/entities-minilm-cased", "--conll-dev", str(dev), "--dev", str(REPO / "data/gold/events-dev-v2a.jsonl"),
        "--annotated", str(REPO / "data/train/events-train-c.jsonl"), "--out", str(out), "--epochs", "1",
        "--max-stories", "40", "--max-sentences", "64", "--max-conll-sentences", "64"])
    assert trained.exit_code == 0, trained.output
    entity, _, _, entity_sha256 = load_entity(ENTITY_MODEL)
    tagger, _, config, _ = load_tagger(out)
    record = config["training"]
    assert record["recipe"]["entity_from"] == {"path": "models/artifacts/entities-minilm-cased", "weights_sha256": entity_sha256}
    assert record["data"]["conll_train"]["sentences"] == 64
    assert set(record["dev"]) >= {"entities", "events_dev", "plover_gold", "selection"}
    assert [h["name"] for h in config["heads"]] == ["entities", "events"]
    assert config["heads"][1]["temperature"] == record["calibration"]["temperature"]
    # The lowest two layers and the casing embedding are the entity model's (to fp16, as artifacts store them).
    lower, upper = "encoder.layer.1.output.dense.weight", "encoder.layer.2.output.dense.weight"
    ours, theirs = tagger.encoder.state_dict(), entity.encoder.state_dict()
    assert (ours[lower] == theirs[lower].half().float()).all()
    assert (tagger.casing.weight == entity.casing.weight.half().float()).all()
    assert not (ours[upper] == theirs[upper].half().float()).all()
