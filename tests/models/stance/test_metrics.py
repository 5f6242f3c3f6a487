"""Stance metrics on a hand-made set, every number worked out by hand."""

import pytest

from newslake.errors import NewslakeError
from newslake.models.stance.metrics import fnc_score, stance_metrics

GOLD = ["supports", "refutes", "neutral", "unrelated", "unrelated", "supports"]
PREDICTED = ["supports", "neutral", "neutral", "unrelated", "supports", "unrelated"]


def test_fnc_score_gives_a_quarter_for_the_related_split_and_the_rest_for_the_exact_related_label():
    # exact related 1.0 + wrong related 0.25 + exact related 1.0 + both unrelated 0.25 + two related/unrelated misses 0
    assert fnc_score(GOLD, PREDICTED) == 2.5
    assert fnc_score(GOLD, GOLD) == 4 * 1.0 + 2 * 0.25


def test_stance_metrics_exact_values():
    metrics = stance_metrics(GOLD, PREDICTED)
    assert metrics["n"] == 6
    assert metrics["labels"] == ["supports", "refutes", "neutral", "unrelated"]
    assert metrics["per_class"] == {
        "supports": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2},
        "refutes": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1},
        "neutral": {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "support": 1},
        "unrelated": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2},
    }
    assert metrics["macro_f1"] == pytest.approx((0.5 + 0.0 + 2 / 3 + 0.5) / 4)
    assert metrics["confusion"] == [[1, 0, 0, 1], [0, 0, 1, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    assert metrics["fnc_score"] == 2.5
    assert metrics["fnc_score_relative"] == pytest.approx(100 * 2.5 / 4.5)


def test_perfect_predictions_score_one_hundred_percent():
    metrics = stance_metrics(GOLD, GOLD)
    assert metrics["fnc_score_relative"] == 100.0
    # refutes has support 1 and is predicted once: every class present scores 1
    assert metrics["macro_f1"] == 1.0


def test_bad_input_is_refused_with_a_code():
    with pytest.raises(NewslakeError) as error:
        stance_metrics(GOLD, PREDICTED[:-1])
    assert error.value.code == "E035"
    with pytest.raises(NewslakeError) as error:
        stance_metrics(["agree"], ["supports"])
    assert error.value.code == "E035"
