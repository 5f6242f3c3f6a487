"""Entity scores on hand-built tags: exact numbers, every type reported."""

import pytest

from newslake.models.entities.evaluate import entity_metrics

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


def test_a_wrong_boundary_is_a_miss():
    # Strict spans: "New York" tagged as "New" + "York" is one false negative and two false positives.
    metrics = entity_metrics([["B-LOC", "I-LOC"]], [["B-LOC", "B-LOC"]], TYPES)
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (0.0, 0.0, 0.0)
