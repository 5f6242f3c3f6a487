"""Stance metrics: per-class and macro F1, the confusion matrix, and the FNC-1 weighted score."""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from newslake.errors import NewslakeError
from newslake.models.stance.data import LABELS

UNRELATED = "unrelated"


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The FNC-1 scorer's sum: 0.25 when both or neither label is unrelated, 0.75 more for an exact related match."""
    score = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if (g == UNRELATED) == (p == UNRELATED):
            score += 0.25
            if g != UNRELATED and g == p:
                score += 0.75
    return score


def stance_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Macro F1 over the 4 labels, per-class P/R/F1/support, confusion (rows gold, columns predicted, LABELS order),
    and the FNC score, raw and as a percentage of the best score achievable on `gold`."""
    if len(gold) != len(predicted):
        raise NewslakeError("E035", f"{len(gold)} gold labels but {len(predicted)} predictions")
    unknown = sorted((set(gold) | set(predicted)) - set(LABELS))
    if unknown:
        raise NewslakeError("E035", f"labels {unknown} are not stance labels {list(LABELS)}")
    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, average=None, zero_division=0)  # fmt: skip
    score, best = fnc_score(gold, predicted), fnc_score(gold, gold)
    return {
        "n": len(gold),
        "labels": labels,
        "macro_f1": float(f1.mean()),
        "per_class": {label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                      for label, p, r, f, s in zip(labels, precision, recall, f1, support)},
        "confusion": confusion_matrix(gold, predicted, labels=labels).tolist() if gold else [[0] * len(labels) for _ in labels],
        "fnc_score": score,
        "fnc_score_relative": 100.0 * score / best if best else 0.0,
    }
