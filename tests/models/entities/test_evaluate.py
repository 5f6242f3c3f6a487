"""Entity scores: exact numbers on hand-built tags, the shipped model on a dev excerpt, and (slow) a training run."""

from pathlib import Path

import pytest

from newslake.models.entities import DEFAULT_ARTIFACT, evaluate_conll, load_artifact, predict_tags, train_entities
from newslake.models.entities.evaluate import entity_metrics

FIXTURES = Path(__file__).parent / "fixtures"
# The first 39 sentences of CoNLL-2003 valid.txt (dev, not test data).
EXCERPT = FIXTURES / "valid-excerpt.txt"
CONLL = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "conll2003"
TYPES = ["LOC", "MISC", "ORG", "PER"]


def test_entity_metrics_exact():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-MISC"]]
    predicted = [["B-PER", "I-PER", "O", "B-ORG"], ["B-MISC"]]
    assert entity_metrics(gold, predicted, TYPES) == {
        "f1": pytest.approx(2 / 3),
        "precision": pytest.approx(2 / 3),
        "recall": pytest.approx(2 / 3),
        "per_label": {
            "LOC": {"f1": 0.0, "precision": 0.0, "recall": 0.0, "support": 1},
            "MISC": {"f1": 1.0, "precision": 1.0, "recall": 1.0, "support": 1},
            "ORG": {"f1": 0.0, "precision": 0.0, "recall": 0.0, "support": 0},
            "PER": {"f1": 1.0, "precision": 1.0, "recall": 1.0, "support": 1},
        },
        "n_sentences": 2,
    }


def _assert_documented_keys(metrics):
    assert set(metrics) == {"f1", "precision", "recall", "per_label", "n_sentences"}
    assert set(metrics["per_label"]) == set(TYPES)
    for row in metrics["per_label"].values():
        assert set(row) == {"f1", "precision", "recall", "support"}


def test_shipped_model_on_dev_excerpt():
    metrics = evaluate_conll(DEFAULT_ARTIFACT, EXCERPT)
    _assert_documented_keys(metrics)
    assert metrics["n_sentences"] == 39
    assert metrics["f1"] >= F1_FLOOR


def test_shipped_model_tags_one_sentence():
    model, tokenizer, _ = load_artifact(DEFAULT_ARTIFACT)
    words = "West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset".split()
    assert predict_tags(model, tokenizer, [words]) == [EXPECTED_TAGS]


@pytest.mark.slow
@pytest.mark.skipif(not (CONLL / "train.txt").is_file(), reason="needs ../shared/datasets/conll2003")
def test_train_entities_small_run(tmp_path):
    metadata = train_entities(CONLL / "train.txt", CONLL / "valid.txt", tmp_path / "model", epochs=1,
                              max_train_sentences=200, max_dev_sentences=50)
    assert metadata["best_epoch"] == 1
    assert metadata["data"]["train"]["sentences"] == 200
    model, _, labels = load_artifact(tmp_path / "model")
    assert len(labels) == 9
    metrics = evaluate_conll(tmp_path / "model", EXCERPT)
    _assert_documented_keys(metrics)
    assert metrics["n_sentences"] == 39
