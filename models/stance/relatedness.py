"""Stage 1: is the text about the target at all? Cheap similarity features and a logistic regression.

On FNC-1 this split is nearly solved by untrained-embedding cosines and word overlap
(shared/datasets/PITFALLS.md), so no encoder is trained for it. The fitted weights are a
handful of numbers, stored as JSON in the artifact's config.json.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from newslake.errors import NewslakeError

FEATURES = (
    "cos_target_text",  # target vs the text's first 256 wordpieces
    "cos_best_sentence",
    "cos_top3_sentences",  # mean over the 3 most similar sentences (fewer if the text is shorter)
    "word_overlap",  # share of the target's word types that occur in the text
    "long_word_overlap",  # the same over words of 4+ characters: a stopword-free proxy for content words
)
_WORD = re.compile(r"\w+")


def word_set(text: str) -> frozenset[str]:
    """Lower-cased word types of `text`."""
    return frozenset(_WORD.findall(text.lower()))


def word_overlaps(target_words: frozenset[str], text_words: frozenset[str]) -> tuple[float, float]:
    long_words = {w for w in target_words if len(w) >= 4}
    return (len(target_words & text_words) / max(len(target_words), 1),
            len(long_words & text_words) / max(len(long_words), 1))  # fmt: skip


def relatedness_features(target_words: frozenset[str], text_words: frozenset[str], cos_text: float,
                         sentence_cosines: Sequence[float]) -> list[float]:
    """One row of FEATURES from the `word_set`s of target and text, the target's cosine to the text and
    its cosines to each sentence of the text."""
    best = sorted(sentence_cosines, reverse=True)[:3] or [cos_text]
    return [cos_text, best[0], float(np.mean(best)), *word_overlaps(target_words, text_words)]


@dataclass(frozen=True)
class RelatednessModel:
    """P(related) = sigmoid(((x - mean) / scale) . coef + intercept) over FEATURES."""

    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    features: tuple[str, ...] = FEATURES

    @classmethod
    def fit(cls, features: np.ndarray, related: np.ndarray, seed: int = 13) -> RelatednessModel:
        from sklearn.linear_model import LogisticRegression  # training only: inference is the formula above

        mean, scale = features.mean(0), features.std(0)
        scale[scale == 0] = 1.0
        regression = LogisticRegression(C=1.0, max_iter=1000, random_state=seed)
        regression.fit((features - mean) / scale, related.astype(int))
        return cls(mean.tolist(), scale.tolist(), regression.coef_[0].tolist(), float(regression.intercept_[0]))

    def probability_related(self, features: np.ndarray) -> np.ndarray:
        x = (np.asarray(features, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(x @ np.asarray(self.coef) + self.intercept)))

    def to_dict(self) -> dict:
        return {**asdict(self), "features": list(self.features)}

    @classmethod
    def from_dict(cls, data: dict) -> RelatednessModel:
        if tuple(data.get("features", ())) != FEATURES:
            raise NewslakeError("E030", f"relatedness features {data.get('features')} are not {list(FEATURES)}; "
                                        "the artifact was made by another version")
        sizes = {len(data["mean"]), len(data["scale"]), len(data["coef"])}
        if sizes != {len(FEATURES)}:
            raise NewslakeError("E030", "relatedness weights do not have one value per feature")
        return cls(list(data["mean"]), list(data["scale"]), list(data["coef"]), float(data["intercept"]))
