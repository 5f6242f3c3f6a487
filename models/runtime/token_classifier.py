"""A token-classification model over whole articles: preprocess / _forward / postprocess.

Works for any model whose forward maps a batch of token windows to per-token
logits: the bundled cased MiniLM tagger, or any local Hugging Face
token-classification checkpoint (see `newslake.models.registry`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

from newslake.models.runtime.windows import Window, plan_windows, token_budget_batches
from newslake.text.sentences import sentence_spans
from newslake.text.spans import Aggregation, Span, decode_spans

# Extra per-token inputs a model needs besides ids and mask (the casing ids of the
# default model): text, offsets and special mask -> one id per token. Each token's id may
# depend only on the text and that token's offsets, so that an article's ids are computed
# once and sliced for each of its overlapping windows.
TokenFeatures = Callable[[str, list[tuple[int, int]], list[bool]], list[int]]
# How the model's training data split text into words (see newslake/text/words.py).
WordSplitter = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class RuntimeSettings:
    max_tokens: int = 126  # content tokens per window; the model adds [CLS] and [SEP]
    # Windows start at sentence starts; sharing tokens between them bought no accuracy on whole documents
    # (entities, triggers, attribution: docs/entities.md, "Windows, measured") and cost up to twice the wordpieces.
    overlap: int = 0
    token_budget: int = 8192  # padded tokens per batch
    aggregation: Aggregation = "first"


@dataclass(frozen=True)
class Head:
    """The output columns of a network that form one tagger. A network with several heads (entities and event
    words: models/tagger) is run once per text for all of them (`postprocess_heads`, runtime/shared_pass.py)."""

    name: str
    labels: tuple[str, ...]
    start: int = 0  # the head's first column in the network's output
    temperature: float = 1.0  # its logits are divided by this before the softmax, so that scores are calibrated

    @property
    def columns(self) -> slice:
        return slice(self.start, self.start + len(self.labels))


@dataclass
class _Article:
    text: str
    ids: list[int]
    offsets: list[tuple[int, int]]
    word_ids: list[int | None]
    features: dict[str, list[int]] = field(default_factory=dict)  # per feature, one id per token


@dataclass
class WindowBatches:
    """Texts tokenized with their offsets, and their windows in length-sorted batches with the batches' tensors."""

    articles: list[_Article]
    batches: list[tuple[list[Window], dict[str, torch.Tensor]]]

    @property
    def model_inputs(self) -> list[dict[str, torch.Tensor]]:
        return [inputs for _, inputs in self.batches]


class TokenClassifier:
    """Spans for many texts at once: windows from all texts share length-sorted batches.

    A `ModelAdapter` (runtime/adapter.py) over texts, with `WindowBatches` as its plan.
    """

    def __init__(
        self,
        forward: Callable[[dict[str, torch.Tensor]], torch.Tensor],
        tokenizer,
        labels: list[str],
        settings: RuntimeSettings,
        features: dict[str, TokenFeatures] | None = None,
        words: WordSplitter | None = None,
        heads: Sequence[Head] | None = None,
    ) -> None:
        """`heads`: the taggers in the network's output columns; by default one, whose labels are `labels`."""
        self._model_forward = forward
        self.tokenizer = tokenizer
        self.heads = tuple(heads) if heads else (Head("", tuple(labels)),)
        self.labels = list(self.heads[0].labels)
        self.settings = settings
        self._features = features or {}
        self._words = words

    def __call__(self, texts: Sequence[str], words: Sequence[list[tuple[int, int]]] | None = None) -> list[list[Span]]:
        """Spans per text. `words` (character spans per text) overrides the word splitter,
        e.g. with the gold tokens of an evaluation file."""
        prepared = self.preprocess(texts, words)
        return self.postprocess(prepared, [self._forward(inputs) for inputs in prepared.model_inputs])

    # --- preprocess: texts -> batches of windows, offsets kept -----------------

    def preprocess(self, texts: Sequence[str], words: Sequence[list[tuple[int, int]]] | None = None) -> WindowBatches:
        encodings = self.tokenizer(list(texts), add_special_tokens=False, return_offsets_mapping=True)
        articles, windows = [], []
        for index, text in enumerate(texts):
            offsets = [tuple(o) for o in encodings["offset_mapping"][index]]
            if words is not None:
                word_ids = _word_ids(offsets, words[index])
            elif self._words is not None:
                word_ids = _word_ids(offsets, self._words(text))
            else:
                word_ids = encodings.word_ids(index)
            features = {name: feature(text, offsets, [False] * len(offsets)) for name, feature in self._features.items()}
            article = _Article(text, encodings["input_ids"][index], offsets, word_ids, features)
            articles.append(article)
            starts = [start for start, _ in offsets]
            windows += plan_windows(index, starts, sentence_spans(text), self.settings.max_tokens, self.settings.overlap)
        batches = token_budget_batches(windows, self.settings.token_budget)
        return WindowBatches(articles, [(batch, self._tensors(articles, batch)) for batch in batches])

    def _tensors(self, articles: list[_Article], batch: list[Window]) -> dict[str, torch.Tensor]:
        width = max(w.length for w in batch) + 2
        pad = self.tokenizer.pad_token_id
        ids = torch.full((len(batch), width), pad, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        extra = {name: torch.zeros((len(batch), width), dtype=torch.long) for name in self._features}
        special = {name: feature("", [(0, 0)], [True])[0] for name, feature in self._features.items()}  # [CLS], [SEP]
        for row, window in enumerate(batch):
            article = articles[window.article]
            pieces = [self.tokenizer.cls_token_id, *article.ids[window.start : window.stop], self.tokenizer.sep_token_id]
            ids[row, : len(pieces)] = torch.tensor(pieces)
            mask[row, : len(pieces)] = 1
            for name, values in article.features.items():
                extra[name][row, : len(pieces)] = torch.tensor([special[name], *values[window.start : window.stop], special[name]])
        return {"input_ids": ids, "attention_mask": mask, **extra}

    # --- _forward: tensors only ---------------------------------------------------

    def _forward(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        """Each head's label distribution per token, the heads side by side in their order."""
        with torch.inference_mode():
            logits = self._model_forward(inputs).float()
            return torch.cat([_scaled(logits[..., head.columns], head.temperature).softmax(dim=-1)
                              for head in self.heads], dim=-1)

    # --- postprocess: probabilities -> spans with character offsets ---------------

    def postprocess(self, prepared: WindowBatches, outputs: list[torch.Tensor]) -> list[list[Span]]:
        """The first head's spans per text."""
        return self.postprocess_heads(prepared, outputs)[self.heads[0].name]

    def postprocess_heads(self, prepared: WindowBatches, outputs: list[torch.Tensor],
                          heads: Sequence[Head] | None = None) -> dict[str, list[list[Span]]]:
        """Every head's spans per text, by head name. `heads`: those whose distributions `outputs` hold, side by
        side (default: all, as `_forward` gives them)."""
        heads = self.heads if heads is None else heads
        width = side_by_side(heads)[-1].stop
        probs = [np.zeros((len(a.ids), width), dtype=np.float32) for a in prepared.articles]
        for (batch, _), output in zip(prepared.batches, outputs):
            output = output.numpy()
            for row, window in enumerate(batch):
                # +1: column 0 is [CLS]. Only the tokens this window owns are taken.
                first = window.own_start - window.start + 1
                last = window.own_stop - window.start + 1
                probs[window.article][window.own_start : window.own_stop] = output[row, first:last]
        return {head.name: [decode_spans(p[:, columns], a.word_ids, a.offsets, list(head.labels),
                                         self.settings.aggregation) for p, a in zip(probs, prepared.articles)]
                for head, columns in zip(heads, side_by_side(heads))}


def side_by_side(heads: Sequence[Head]) -> list[slice]:
    """Where each head's distribution sits in `TokenClassifier._forward`'s output: the heads in their order."""
    stops = np.cumsum([len(head.labels) for head in heads]).tolist()
    return [slice(stop - len(head.labels), stop) for head, stop in zip(heads, stops)]


def _scaled(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    return logits if temperature == 1.0 else logits / temperature


def _word_ids(offsets: list[tuple[int, int]], words: list[tuple[int, int]]) -> list[int | None]:
    """The index of the word that contains each piece's first character."""
    starts = [start for start, _ in words]
    ids: list[int | None] = []
    for start, _ in offsets:
        word = bisect_right(starts, start) - 1
        ids.append(word if word >= 0 and start < words[word][1] else None)
    return ids
