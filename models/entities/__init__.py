"""Entity tagger (PER, ORG, LOC, MISC): uncased MiniLM with a casing embedding, trained on CoNLL-2003.

To run it on raw text, tokenize with the returned tokenizer (offsets and special-tokens mask on),
compute `casing_ids(text, offsets, special_mask)`, and call the model with
`input_ids`, `attention_mask`, `casing_ids`; windows of at most `MAX_LENGTH` wordpieces.
"""

from pathlib import Path

from newslake.models.entities.casing import NUM_CASING_CLASSES, casing_class, casing_ids
from newslake.models.entities.conll import Sentence, iob1_to_iob2, parse_conll, read_conll
from newslake.models.entities.evaluate import entity_metrics, evaluate_conll, predict_tags
from newslake.models.entities.network import (
    LABELS,
    MAX_LENGTH,
    CasedTokenClassifier,
    encode_words,
    load_artifact,
    save_artifact,
)
from newslake.models.entities.train import train_entities

# The shipped model; its MODEL_CARD.md says how it was made.
DEFAULT_ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "entities-minilm-cased"

__all__ = [
    "DEFAULT_ARTIFACT",
    "LABELS",
    "MAX_LENGTH",
    "NUM_CASING_CLASSES",
    "CasedTokenClassifier",
    "Sentence",
    "casing_class",
    "casing_ids",
    "encode_words",
    "entity_metrics",
    "evaluate_conll",
    "iob1_to_iob2",
    "load_artifact",
    "parse_conll",
    "predict_tags",
    "read_conll",
    "save_artifact",
    "train_entities",
]
