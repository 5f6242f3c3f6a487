"""One pass of a several-headed tagger serves every head, across stages.

The entity stage and the events stage read the same article texts, one after the other. With one
network for both (models/tagger: the entity head and the event-word head over one encoder), the
entity stage's pass computes the event words too: `SharedPass` keeps the spans of the heads that
were not asked for, by text, and the events stage's runner takes them instead of running the
network again. A text the pass has not read (a cached entity shard, a run whose entity stage is
off, a text dropped from the bounded store) is run then, for every head again: the same network on
the same text in the same batches (each article is a batch of its own, runtime/windows.py), so the same
spans; only the time differs.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import torch

from newslake.models.runtime.token_classifier import TokenClassifier, WindowBatches, side_by_side
from newslake.text.spans import Span

# Texts whose spans are kept: a few shards of articles (the entity stage runs at most a few shards ahead of the
# events stage); each text's spans take a few kilobytes.
KEEP_TEXTS = 4096


class SharedPass:
    """Runners per head of `tagger` (a TokenClassifier with several heads) that share its passes."""

    def __init__(self, tagger: TokenClassifier, keep: int = KEEP_TEXTS) -> None:
        self.tagger = tagger
        self._keep = keep
        self._kept: OrderedDict[tuple[str, bytes], list[Span]] = OrderedDict()  # (head, text digest) -> spans
        self._lock = threading.Lock()  # Prefect runs shard tasks in threads

    def runner(self, head: str) -> HeadRunner:
        """The runner of `head`: spans per text, taken from an earlier pass where one read the text."""
        if head not in {h.name for h in self.tagger.heads}:
            raise KeyError(f"no head {head!r} among {[h.name for h in self.tagger.heads]}")
        return HeadRunner(self, head)

    def spans(self, head: str, texts: Sequence[str]) -> list[list[Span]]:
        """`head`'s spans per text: kept ones where an earlier pass read the text; for the others, a pass now,
        whose other heads' spans are kept."""
        digests = [hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest() for text in texts]
        found: dict[int, list[Span]] = {}
        with self._lock:
            for index, digest in enumerate(digests):
                spans = self._kept.get((head, digest))
                if spans is not None:
                    found[index] = spans
        missing = sorted(set(range(len(texts))) - set(found))
        if missing:
            prepared = self.tagger.preprocess([texts[i] for i in missing])
            by_head = self.tagger.postprocess_heads(prepared, [self.tagger._forward(x) for x in prepared.model_inputs])
            with self._lock:
                for row, index in enumerate(missing):
                    found[index] = by_head[head][row]
                    for other, spans in by_head.items():
                        if other != head:
                            self._keep_spans((other, digests[index]), spans[row])
        return [found[index] for index in range(len(texts))]

    def forget(self) -> None:
        """Drop every kept span: the next runner call runs the network (what a stage costs on its own)."""
        with self._lock:
            self._kept.clear()

    def _keep_spans(self, key: tuple[str, bytes], spans: list[Span]) -> None:
        self._kept[key] = spans
        self._kept.move_to_end(key)
        while len(self._kept) > self._keep:
            self._kept.popitem(last=False)


class HeadRunner:
    """One head of a SharedPass, with the calling convention of a one-head TokenClassifier: `runner(texts)`, and
    preprocess / `_forward` / postprocess (runtime/adapter.py) for code that drives the steps itself."""

    def __init__(self, shared: SharedPass, head: str) -> None:
        self.shared, self.head = shared, head
        tagger = shared.tagger
        self.tokenizer, self.settings = tagger.tokenizer, tagger.settings
        index = [h.name for h in tagger.heads].index(head)
        self._head = tagger.heads[index]
        self.labels = list(self._head.labels)
        self._columns = side_by_side(tagger.heads)[index]  # its distribution in the tagger's `_forward`

    def __call__(self, texts: Sequence[str], words: Sequence[list[tuple[int, int]]] | None = None) -> list[list[Span]]:
        """Spans per text. Given `words` (the gold words of an evaluation), the texts are run as split there, and
        nothing is kept or taken."""
        if words is None:
            return self.shared.spans(self.head, texts)
        prepared = self.preprocess(texts, words)
        return self.postprocess(prepared, [self._forward(inputs) for inputs in prepared.model_inputs])

    def preprocess(self, texts: Sequence[str], words: Sequence[list[tuple[int, int]]] | None = None) -> WindowBatches:
        return self.shared.tagger.preprocess(texts, words)

    def _forward(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        """This head's label distribution per token (as a one-head tagger's: the temperature calibration and the
        evaluations rescale it)."""
        return self.shared.tagger._forward(inputs)[..., self._columns]

    def postprocess(self, prepared: WindowBatches, outputs: list[torch.Tensor]) -> list[list[Span]]:
        return self.shared.tagger.postprocess_heads(prepared, outputs, (self._head,))[self.head]
