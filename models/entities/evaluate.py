"""Word-level entity predictions for pre-split sentences, and seqeval scores on a CoNLL file."""

from __future__ import annotations

from pathlib import Path

import torch
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

from newslake.models.entities.conll import read_conll
from newslake.models.entities.network import (
    MAX_LENGTH,
    CasedTokenClassifier,
    Window,
    collate,
    encode_words,
    load_artifact,
    read_artifact_config,
)


@torch.inference_mode()
def predict_tags(model: CasedTokenClassifier, tokenizer, sentences: list[list[str]], batch_size: int = 64,
                 max_length: int = MAX_LENGTH) -> list[list[str]]:
    """One IOB2 tag per word: the argmax at the word's first wordpiece ("O" for a word with no wordpiece)."""
    windows: list[tuple[int, Window]] = [
        (index, window) for index, per_sentence in enumerate(encode_words(tokenizer, sentences, max_length))
        for window in per_sentence
    ]
    # Length-sorted batches: padding, not the model, would dominate CPU time otherwise.
    windows.sort(key=lambda item: len(item[1].input_ids))
    tags = [["O"] * len(words) for words in sentences]
    for begin in range(0, len(windows), batch_size):
        batch = windows[begin : begin + batch_size]
        best = model(**collate([w for _, w in batch], tokenizer.pad_token_id)).argmax(-1).tolist()
        for (index, window), row in zip(batch, best):
            for position, word in enumerate(window.first_piece_word):
                if word >= 0:
                    tags[index][word] = model.labels[row[position]]
    return tags


def entity_types(labels: list[str]) -> list[str]:
    return sorted({label[2:] for label in labels if label != "O"})


def entity_metrics(gold: list[list[str]], predicted: list[list[str]], types: list[str]) -> dict:
    """Strict-span micro scores and per-type scores (seqeval defaults); every type in `types` is reported."""
    report = classification_report(gold, predicted, output_dict=True, zero_division=0)
    per_label = {}
    for kind in types:
        row = report.get(kind, {"f1-score": 0.0, "precision": 0.0, "recall": 0.0, "support": 0})
        per_label[kind] = {
            "f1": float(row["f1-score"]),
            "precision": float(row["precision"]),
            "recall": float(row["recall"]),
            "support": int(row["support"]),
        }
    return {
        "f1": float(f1_score(gold, predicted, zero_division=0)),
        "precision": float(precision_score(gold, predicted, zero_division=0)),
        "recall": float(recall_score(gold, predicted, zero_division=0)),
        "per_label": per_label,
        "n_sentences": len(gold),
    }


def evaluate_conll(folder: str | Path, data_path: str | Path, batch_size: int = 64) -> dict:
    """`{"f1", "precision", "recall", "per_label": {TYPE: {"f1", "precision", "recall", "support"}}, "n_sentences"}`
    of the model in `folder` on the CoNLL-format file `data_path`."""
    model, tokenizer, labels = load_artifact(folder)
    sentences = read_conll(data_path)
    max_length = read_artifact_config(folder)["max_length"]
    predicted = predict_tags(model, tokenizer, [s.tokens for s in sentences], batch_size, max_length)
    return entity_metrics([s.tags for s in sentences], predicted, entity_types(labels))
