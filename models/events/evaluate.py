"""Dev figures of the event-trigger model: trigger P/R/F1 and category F1 on the v1 events gold,
category accuracy and trigger recall on the PLOVER gold sentences, and the reliability of scores.

A predicted trigger matches a gold one when their character spans overlap (one-to-one, in text
order). Only predictions of a category the gold can judge count (`DevText.scored`): the v1 gold
knows seven categories, a PLOVER sentence only its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from newslake.models.events.data import DevText
from newslake.text.spans import Span

RELIABILITY_BINS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def judged(texts: Sequence[DevText], predictions: Sequence[list[Span]]) -> list[list[tuple[Span, bool, bool]]]:
    """Per text, each prediction of a scored category with (matches a gold trigger, and of its category)."""
    result = []
    for text, spans in zip(texts, predictions):
        free = list(text.triggers)
        rows = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.label not in text.scored:
                continue
            overlapping = [g for g in free if g.start < span.end and span.start < g.end]
            same = [g for g in overlapping if g.category == span.label]
            hit = (same or overlapping)[:1]
            if hit:
                free.remove(hit[0])
            rows.append((span, bool(hit), bool(same)))
        result.append(rows)
    return result


def trigger_scores(texts: Sequence[DevText], predictions: Sequence[list[Span]]) -> dict:
    """Untyped and typed trigger P/R/F1 with counts, and F1 per category."""
    rows = judged(texts, predictions)
    n_gold = sum(len(t.triggers) for t in texts)
    n_pred = sum(len(r) for r in rows)
    untyped = sum(hit for r in rows for _, hit, _ in r)
    typed = sum(same for r in rows for _, _, same in r)
    gold_by = Counter(g.category for t in texts for g in t.triggers)
    pred_by = Counter(s.label for r in rows for s, _, _ in r)
    hit_by = Counter(s.label for r in rows for s, _, same in r if same)
    per_category = {c: {**_prf(hit_by[c], pred_by[c], gold_by[c]), "n_gold": gold_by[c], "n_pred": pred_by[c]}
                    for c in sorted(set(gold_by) | set(pred_by))}
    scored_categories = [c for c in per_category if gold_by[c]]
    return {
        "trigger": {**_prf(untyped, n_pred, n_gold), "n_gold": n_gold, "n_pred": n_pred, "n_match": untyped},
        "trigger_and_category": {**_prf(typed, n_pred, n_gold), "n_match": typed},
        "category_macro_f1": round(float(np.mean([per_category[c]["f1"] for c in scored_categories])), 4)
        if scored_categories else 0.0,
        "per_category": per_category,
        "n_docs": len(texts),
    }


def sentence_scores(texts: Sequence[DevText], predictions: Sequence[list[Span]]) -> dict:
    """PLOVER gold sentences: the category of the most confident trigger vs the sentence's, and trigger recall."""
    correct, with_prediction = 0, 0
    recall_any = recall_typed = n_gold = 0
    for text, spans in zip(texts, predictions):
        if spans:
            with_prediction += 1
            correct += max(spans, key=lambda s: s.score).label == text.category
        for gold in text.triggers:
            n_gold += 1
            overlapping = [s for s in spans if s.start < gold.end and gold.start < s.end]
            recall_any += bool(overlapping)
            recall_typed += any(s.label == gold.category for s in overlapping)
    n = len(texts)
    return {
        "category_accuracy": round(correct / n, 4) if n else 0.0,
        "n_sentences": n, "n_correct": correct, "n_with_prediction": with_prediction,
        "trigger_recall": round(recall_any / n_gold, 4) if n_gold else 0.0,
        "trigger_recall_same_category": round(recall_typed / n_gold, 4) if n_gold else 0.0,
        "n_gold_triggers": n_gold,
    }


def scored_predictions(texts: Sequence[DevText], predictions: Sequence[list[Span]]) -> tuple[np.ndarray, np.ndarray]:
    """(score, correct) of every judged prediction: correct = it matches a gold trigger of its category."""
    rows = [(s.score, same) for r in judged(texts, predictions) for s, _, same in r]
    return np.array([r[0] for r in rows], dtype=float), np.array([r[1] for r in rows], dtype=float)


def reliability(scores: np.ndarray, correct: np.ndarray, bins: Sequence[float] = RELIABILITY_BINS) -> dict:
    """Per score bin: mean predicted probability, observed precision, count; plus the expected calibration error."""
    table, ece = [], 0.0
    for low, high in zip(bins[:-1], bins[1:]):
        inside = (scores >= low) & ((scores < high) if high < 1.0 else (scores <= high))
        n = int(inside.sum())
        if n:
            mean, observed = float(scores[inside].mean()), float(correct[inside].mean())
            ece += n * abs(mean - observed)
        table.append({"bin": f"{low:.1f}-{high:.1f}", "mean_predicted": round(mean, 4) if n else None,
                      "observed_precision": round(observed, 4) if n else None, "n": n})
    return {"bins": table, "ece": round(ece / max(len(scores), 1), 4), "n": int(len(scores)),
            "brier": round(float(np.mean((scores - correct) ** 2)), 4) if len(scores) else None}


def _prf(match: int, n_pred: int, n_gold: int) -> dict:
    p = match / n_pred if n_pred else 0.0
    r = match / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate_event_triggers(runner, temperature: float, gold_paths: Sequence[str], plover_path: str | None,
                            v1_path: str | None = None) -> dict:
    """Every dev figure of the model card for a loaded trigger model (its runner scales logits by `temperature`):
    trigger and category scores on the events gold files and the PLOVER sentences, and the reliability of
    scores as shipped (calibrated) and with the temperature undone."""
    from newslake.models.events.calibration import predictions_by_temperature
    from newslake.models.events.data import read_gold, read_plover_gold

    gold = read_gold(list(gold_paths))
    plover = read_plover_gold(plover_path) if plover_path else []
    texts = gold + plover
    # Dividing the calibrated logits by 1/T undoes the temperature: the raw model's scores.
    by_t = predictions_by_temperature(runner, [t.text for t in texts], (1.0, round(1.0 / temperature, 6)))
    calibrated, raw = by_t[1.0], by_t[round(1.0 / temperature, 6)]
    result = {
        "events_dev": {**trigger_scores(gold, calibrated[: len(gold)]), "files": [str(p) for p in gold_paths]},
        "reliability": {"temperature": temperature,
                        "before": reliability(*scored_predictions(texts, raw)),
                        "after": reliability(*scored_predictions(texts, calibrated))},
    }
    if plover:
        result["plover_gold"] = sentence_scores(plover, calibrated[len(gold) :])
    result["lexicon_baseline"] = lexicon_baseline(gold, plover)
    if v1_path:
        v1 = read_gold([v1_path])
        result["events_dev_v1"] = {**trigger_scores(v1, runner([t.text for t in v1])), "file": str(v1_path)}
    return result


def lexicon_baseline(gold: Sequence[DevText], plover: Sequence[DevText]) -> dict:
    """The same figures for the training labeller alone: every lexicon match a trigger of its first category."""
    from newslake.tasks.events.lexicon import find_triggers

    def spans(text: str) -> list[Span]:
        return [Span(m.start, m.end, m.categories[0], 1.0) for m in find_triggers(text)]

    result = {"events_dev": trigger_scores(gold, [spans(t.text) for t in gold])}
    if plover:
        result["plover_gold"] = sentence_scores(plover, [spans(t.text) for t in plover])
    return result
