"""A temperature for the trigger model's logits, fitted so that a trigger's score is its probability of
being right.

The model's outputs on the dev texts are computed once; dividing logits by T is the same as
softmax(log p / T), so each candidate T only re-runs postprocessing. The argmax, and with it
every predicted span, does not change with T: only the scores do. T minimises the log loss of
(span score, span matches a gold trigger of its category) over the dev predictions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import torch

from newslake.models.runtime.token_classifier import TokenClassifier
from newslake.text.spans import Span

TEMPERATURES = tuple(round(t, 2) for t in np.arange(0.5, 4.01, 0.05))


def predictions_by_temperature(runner: TokenClassifier, texts: Sequence[str],
                               temperatures: Sequence[float] = TEMPERATURES) -> dict[float, list[list[Span]]]:
    """The runner's spans on `texts` at every temperature, from one forward pass."""
    plan = runner.preprocess(texts)
    logs = [torch.log(runner._forward(inputs).clamp_min(1e-12)) for inputs in plan.model_inputs]
    return {t: runner.postprocess(plan, [(log / t).softmax(dim=-1) for log in logs]) for t in temperatures}


def fit_temperature(by_temperature: dict[float, list[list[Span]]],
                    judge: Callable[[list[list[Span]]], tuple[np.ndarray, np.ndarray]]) -> tuple[float, dict[float, float]]:
    """The temperature with the lowest log loss of judged (score, correct) pairs, and the loss at each."""
    losses = {}
    for t, predictions in by_temperature.items():
        scores, correct = judge(predictions)
        p = np.clip(scores, 1e-6, 1 - 1e-6)
        losses[t] = float(-np.mean(correct * np.log(p) + (1 - correct) * np.log(1 - p))) if len(p) else 0.0
    return min(losses, key=losses.get), losses
