"""Attribution extraction (who said what): SOURCE / CUE / CONTENT spans and their pairing, trained on PolNeAR.

A two-layer head over the entity model's frozen encoder tags every wordpiece; spans are
decoded per word, content fragments merged, and rule-based pairing links each cue to a
source and a content (pairing.py). `AttributionModel.load().extract(texts)` is the entry
point; `AttributionModel.from_hidden` takes encoder states that the entity head also reads.
"""

from newslake.models.attribution.data import LABELS, SPAN_TYPES, read_articles, read_attributions
from newslake.models.attribution.decode import decode, merge_fragments
from newslake.models.attribution.evaluate import attribution_metrics, evaluate_attribution, gold_ceiling, span_scores
from newslake.models.attribution.model import DEFAULT_ARTIFACT, AttributionModel
from newslake.models.attribution.pairing import Attribution, pair
from newslake.models.attribution.train import train_attribution

__all__ = [
    "DEFAULT_ARTIFACT",
    "LABELS",
    "SPAN_TYPES",
    "Attribution",
    "AttributionModel",
    "attribution_metrics",
    "decode",
    "evaluate_attribution",
    "gold_ceiling",
    "merge_fragments",
    "pair",
    "read_articles",
    "read_attributions",
    "span_scores",
    "train_attribution",
]
