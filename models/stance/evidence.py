"""Evidence for a target: the text's sentences most similar to it (embedding cosine), kept in text order.

A cross-encoder reads at most a few hundred wordpieces, and news bodies run to thousands;
the sentences closest to the headline carry most of its stance (the FNC-1 baselines do the same).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch

from newslake.text.sentences import sentence_spans

EVIDENCE_SENTENCES = 3

# texts -> float32 tensor (len(texts), width) of unit vectors; SentenceEmbedder is one, tests pass fakes.
Embed = Callable[[Sequence[str]], torch.Tensor]


def split_sentences(text: str) -> list[str]:
    """The text's sentences, whitespace inside each collapsed to single spaces; [] for blank text."""
    return [" ".join(text[start:end].split()) for start, end in sentence_spans(text)]


def top_sentences(similarities: Sequence[float], k: int = EVIDENCE_SENTENCES) -> list[int]:
    """Indices of the `k` most similar sentences, in text order; ties go to the earlier sentence."""
    ranked = sorted(range(len(similarities)), key=lambda i: (-similarities[i], i))
    return sorted(ranked[:k])


def select_evidence(target: str, text: str, embed: Embed, k: int = EVIDENCE_SENTENCES) -> str:
    """The `k` sentences of `text` closest to `target`, joined by spaces in text order."""
    sentences = split_sentences(text)
    if len(sentences) <= k:
        return " ".join(sentences)
    vectors = embed([target, *sentences])
    similarities = (vectors[1:] @ vectors[0]).tolist()
    return " ".join(sentences[i] for i in top_sentences(similarities, k))
