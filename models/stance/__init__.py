"""Stance of a text towards a target (claim or headline): supports, refutes, neutral or unrelated.

Two stages: a logistic regression on untrained MiniLM cosines and word overlap says whether the
text is about the target at all; a fine-tuned MiniLM cross-encoder reads the target with the
text's three most similar sentences and says which stance it takes. `StanceModel.load().score(pairs)`.
"""

from newslake.models.stance.data import LABELS, StancePair, headline_split, read_emergent, read_fnc, read_jsonl, read_pairs
from newslake.models.stance.evaluate import evaluate_stance
from newslake.models.stance.metrics import fnc_score, stance_metrics
from newslake.models.stance.model import DEFAULT_ARTIFACT, StanceModel
from newslake.models.stance.train import train_stance

__all__ = [
    "DEFAULT_ARTIFACT",
    "LABELS",
    "StanceModel",
    "StancePair",
    "evaluate_stance",
    "fnc_score",
    "headline_split",
    "read_emergent",
    "read_fnc",
    "read_jsonl",
    "read_pairs",
    "stance_metrics",
    "train_stance",
]
