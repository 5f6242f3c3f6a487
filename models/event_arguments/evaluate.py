"""Dev figures of an argument runner on QA-SRL: per role precision / recall / F1 under three span matches.

  exact    the predicted span has the gold span's role and both its character boundaries
  head     same role and the same last word (English noun phrases end in their head:
           "the Dutch general" ~ "general"; a trailing modifier, "two men in Paris", does not match "two men")
  overlap  same role and at least one character in common, each gold span matched at most once

Predictions are decoded on the gold tokens, so that boundaries are comparable word for word.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch

from newslake.models.event_arguments.query import ArgumentQuery
from newslake.models.event_arguments.qasrl import ArgumentExample
from newslake.models.event_arguments.roles import ROLES
from newslake.text.spans import Span

Labelled = tuple[int, int, str]  # character start, end, role
MATCHES = ("exact", "head", "overlap")


def query_of(example: ArgumentExample) -> ArgumentQuery:
    """The query for an example's trigger: its sentence is the whole text."""
    trigger = example.char_span(example.trigger, example.trigger + example.trigger_length)
    return ArgumentQuery(example.text, (0, len(example.text)), trigger)


def gold_spans(example: ArgumentExample) -> list[Labelled]:
    return [(*example.char_span(start, end), role) for start, end, role in example.spans]


def matched(gold: list[Labelled], predicted: list[Labelled], how: str) -> int:
    """How many gold spans a predicted span matches, one to one."""
    if how == "exact":
        return len(set(gold) & set(predicted))
    if how == "head":
        return len({(end, role) for _, end, role in gold} & {(end, role) for _, end, role in predicted})
    used, found = set(), 0
    for start, end, role in gold:
        for i, (s, e, r) in enumerate(predicted):
            if i not in used and r == role and s < end and start < e:
                used.add(i)
                found += 1
                break
    return found


def _prf(true_positives: int, n_gold: int, n_predicted: int) -> dict:
    precision = true_positives / n_predicted if n_predicted else 0.0
    recall = true_positives / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "matched": true_positives}


def span_scores(gold: Sequence[list[Labelled]], predicted: Sequence[list[Labelled]]) -> dict:
    """{"per_role": {role: {"gold", "predicted", exact/head/overlap: P/R/F1}}, "all": the same micro-averaged}."""
    roles = {}
    for role in (*ROLES, None):
        g = [[s for s in spans if role is None or s[2] == role] for spans in gold]
        p = [[s for s in spans if role is None or s[2] == role] for spans in predicted]
        n_gold, n_predicted = sum(map(len, g)), sum(map(len, p))
        roles[role or "all"] = {"gold": n_gold, "predicted": n_predicted,
                                **{how: _prf(sum(matched(a, b, how) for a, b in zip(g, p)), n_gold, n_predicted)
                                   for how in MATCHES}}
    overall = roles.pop("all")
    return {"per_role": roles, "all": overall}


def evaluate_examples(runner: Callable, examples: Sequence[ArgumentExample]) -> dict:
    """Scores of `runner` (an ArgumentRunner) on `examples`, with their counts."""
    predicted = runner([query_of(e) for e in examples], [e.word_spans for e in examples])
    as_labelled = [[(s.start, s.end, s.label) for s in spans] for spans in predicted]
    return {"queries": len(examples), "sentences": len({e.sentence_id for e in examples}),
            **span_scores([gold_spans(e) for e in examples], as_labelled)}


def summary(scores: dict) -> str:
    exact, head = scores["all"]["exact"], scores["all"]["head"]
    return f"exact F1 {exact['f1']:.4f} (P {exact['precision']:.4f} R {exact['recall']:.4f}), head F1 {head['f1']:.4f}"


def predicted_spans(spans: list[Span]) -> list[Labelled]:
    return [(s.start, s.end, s.label) for s in spans]


def evaluate_model(loaded, qasrl_dir: str | Path, split: str, plover: str | Path | None) -> dict:
    """The model card's figures for a loaded model (registry.LoadedArgumentModel): QA-SRL `split` scores
    with the run's speed, and PLOVER source/target recall when `plover` is given."""
    from newslake.models.event_arguments.plover import evaluate_plover
    from newslake.models.event_arguments.qasrl import read_split

    examples = read_split(qasrl_dir, split)
    started = time.perf_counter()
    scores = evaluate_examples(loaded.runner, examples)
    seconds = time.perf_counter() - started
    result = {"model": loaded.identity(), "threads": torch.get_num_threads(), "qasrl": {"split": split, **scores},
              "speed": {"queries": len(examples), "seconds": round(seconds, 2),
                        "queries_per_second": round(len(examples) / seconds, 1)}}
    if plover is not None:
        result["plover"] = evaluate_plover(loaded.runner, plover)
    return result
