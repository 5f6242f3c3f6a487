"""The committed entity model: quality on a dev excerpt, exact tags, and the raw-text path the pipeline uses."""

from pathlib import Path

import pytest
import torch

from newslake.models.entities import DEFAULT_ARTIFACT, casing_ids, evaluate_conll, load_artifact, predict_tags

# The first 39 sentences of CoNLL-2003 valid.txt (dev, not test data), copied so tests need no ../shared.
EXCERPT = Path(__file__).parent / "fixtures" / "valid-excerpt.txt"
# Measured 0.965 with the committed weights; the margin leaves room for kernel-level float differences.
F1_FLOOR = 0.92


@pytest.fixture(scope="module")
def shipped():
    return load_artifact(DEFAULT_ARTIFACT)


def test_dev_excerpt_scores():
    metrics = evaluate_conll(DEFAULT_ARTIFACT, EXCERPT)
    assert metrics["n_sentences"] == 39
    assert set(metrics["per_label"]) == {"LOC", "MISC", "ORG", "PER"}
    assert metrics["f1"] >= F1_FLOOR


def test_tags_of_one_dev_sentence(shipped):
    model, tokenizer, _ = shipped
    words = "West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset".split()
    assert predict_tags(model, tokenizer, [words]) == [
        ["B-MISC", "I-MISC", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "O", "O", "B-ORG", "O", "B-ORG"]
    ]


def test_raw_text_with_offsets(shipped):
    # How the pipeline calls the model on article text: no word list, casing from the tokenizer's offsets.
    model, tokenizer, labels = shipped
    text = "German officials met Peter Blackburn of the European Commission in Brussels on Tuesday."
    encoded = tokenizer(text, return_offsets_mapping=True, return_special_tokens_mask=True)
    casing = casing_ids(text, encoded["offset_mapping"], encoded["special_tokens_mask"])
    with torch.no_grad():
        logits = model(torch.tensor([encoded["input_ids"]]), torch.tensor([encoded["attention_mask"]]),
                       torch.tensor([casing]))
    tagged = [(text[start:end], labels[best]) for (start, end), best, special
              in zip(encoded["offset_mapping"], logits[0].argmax(-1).tolist(), encoded["special_tokens_mask"])
              if not special and labels[best] != "O"]
    assert tagged == [("German", "B-MISC"), ("Peter", "B-PER"), ("Blackburn", "I-PER"), ("European", "B-ORG"),
                      ("Commission", "I-ORG"), ("Brussels", "B-LOC")]
