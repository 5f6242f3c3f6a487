"""Each article-tagging model on each runtime path: wordpieces/s and agreement with fp32.

    .venv/bin/python bench/runtimes.py [--articles 40] [--repeats 3] [--models entities,attribution]

Models, loaded as a run loads them: the entity, event-trigger and attribution models on the articles, the
event-argument model on one query per trigger the fp32 trigger model finds, the base encoder's sentence
vectors (stories, the stance model's first stage) on the articles' sentences. Paths (`quantize`): torch fp32 (`none`), torch int8 linear layers (`int8`), ONNX Runtime with fp32
weights (`onnx-fp32`) and with int8 weights (`onnx-int8`); models/runtime/onnx.py. Every path runs the
runtime's own batches of the first N PolNeAR articles with 2 threads.

Paths run interleaved batch by batch, the order rotating, so that other work on the cores slows every
path alike; the table gives the median rate of the repeats and the median of each repeat's ratio to torch
fp32. "argmax = fp32" is the share of real wordpieces whose label is the fp32 one; for sentence vectors, the
lowest cosine of a vector with its fp32 one. The dev-metric cost of
each path is in each model card (`newslake eval entities --documents --quantize ...`, `newslake eval events
--config ...`), not here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import get_args

import torch

from newslake.config import EntitiesConfig, EventsConfig, Quantize
from newslake.models.attribution import AttributionModel
from newslake.models.event_arguments.query import ArgumentQuery
from newslake.models.registry import load_argument_model, load_entity_model, load_event_model
from newslake.models.runtime.sentence_vectors import BATCH_TOKENS, SentenceVectors, _token_budget_batches
from newslake.tasks.ingest.normalize import normalize_text
from newslake.text.sentences import sentence_spans

from claims import processor  # the bench scripts' machine line

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"
PATHS = get_args(Quantize)  # none, int8, onnx-fp32, onnx-int8
# Each model's adapter (preprocess / _forward / postprocess) for a quantize value.
LOADERS = {
    "entities": lambda quantize: load_entity_model(EntitiesConfig(quantize=quantize)).runner,
    "event triggers": lambda quantize: load_event_model(EventsConfig(quantize=quantize)).runner,
    "event arguments": lambda quantize: load_argument_model(EventsConfig(argument_quantize=quantize)).runner,
    "attribution": lambda quantize: AttributionModel.load(quantize=quantize),
    "sentence vectors": lambda quantize: SentenceBatches(SentenceVectors(quantize=quantize)),
}


class SentenceBatches:
    """`SentenceVectors` with the adapters' calling convention: `preprocess(sentences).model_inputs`, `_forward`."""

    def __init__(self, vectors: SentenceVectors) -> None:
        self.vectors = vectors

    def preprocess(self, sentences: list[str]):
        ids = sorted(self.vectors.tokenizer(sentences, truncation=True, max_length=self.vectors.max_tokens)["input_ids"], key=len)
        batches = [self.vectors.collate(ids[b.start : b.stop]) for b in _token_budget_batches(ids, BATCH_TOKENS)]
        return argparse.Namespace(model_inputs=batches)

    def _forward(self, inputs: dict) -> torch.Tensor:
        return torch.from_numpy(self.vectors._forward(inputs))


def sentences_of(texts: list[str]) -> list[str]:
    return [text[start:end] for text in texts for start, end in sentence_spans(text)]


def agreement_with(output: torch.Tensor, reference: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Per real wordpiece, whether the label is the reference's; for sentence vectors (batch, width), the cosine."""
    if output.dim() == 2:
        return (output * reference).sum(-1)
    return (output.argmax(-1) == reference.argmax(-1))[mask == 1].float()


def argument_queries(texts: list[str]) -> list[ArgumentQuery]:
    """One query per trigger of the fp32 trigger model, in its sentence."""
    queries = []
    for text, triggers in zip(texts, load_event_model(EventsConfig()).runner(texts)):
        sentences = sentence_spans(text)
        for trigger in triggers:
            sentence = next(((s, e) for s, e in sentences if s <= trigger.start and trigger.end <= e), None)
            if sentence:
                queries.append(ArgumentQuery(text, sentence, (trigger.start, trigger.end)))
    return queries


def measure(name: str, inputs: list, repeats: int) -> list[tuple]:
    runners = {path: LOADERS[name](path) for path in PATHS}
    batches = runners["none"].preprocess(inputs).model_inputs
    wordpieces = sum(int(b["attention_mask"].sum()) for b in batches)
    reference = [runners["none"]._forward(b) for b in batches]
    agreement = {}
    for path, runner in runners.items():  # also the warm-up: first calls allocate and pick kernels
        same = torch.cat([agreement_with(runner._forward(b), ref, b["attention_mask"]) for b, ref in zip(batches, reference)])
        agreement[path] = float(same.min() if name == "sentence vectors" else same.mean())
    rates: dict[str, list[float]] = {path: [] for path in PATHS}
    for _ in range(repeats):
        spent = dict.fromkeys(PATHS, 0.0)
        for index, batch in enumerate(batches):
            for path in PATHS[index % len(PATHS):] + PATHS[: index % len(PATHS)]:
                started = time.perf_counter()
                runners[path]._forward(batch)
                spent[path] += time.perf_counter() - started
        for path in PATHS:
            rates[path].append(wordpieces / spent[path])
    rows = []
    for path in PATHS:
        ratios = [rate / base for rate, base in zip(rates[path], rates["none"])]
        rows.append((name, path, statistics.median(rates[path]), statistics.median(ratios), ratios, agreement[path]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--models", default=",".join(LOADERS), help=f"comma-separated, of: {', '.join(LOADERS)}")
    args = parser.parse_args()
    torch.set_num_threads(2)

    lines = (SHARED / "polnear/articles.jsonl").read_text().splitlines()[: args.articles]
    texts = [normalize_text(json.loads(line)["text"]) for line in lines]
    loads = [os.getloadavg()[0]]
    rows = []
    for name in args.models.split(","):
        inputs = {"event arguments": argument_queries, "sentence vectors": sentences_of}.get(name, list)(texts)
        rows += measure(name, inputs, args.repeats)
        loads.append(os.getloadavg()[0])

    print(f"{processor()}; {args.articles} PolNeAR articles; {args.repeats} repeats; 1-min load average {min(loads):.2f}-{max(loads):.2f}; "
          f"torch threads {torch.get_num_threads()}")
    print(f"| model | quantize | wordpieces/s | vs torch fp32 | per repeat | argmax = fp32 |")
    print("|---|---|---|---|---|---|")
    for name, path, rate, ratio, ratios, agreement in rows:
        print(f"| {name} | {path} | {rate:,.0f} | {ratio:.2f}x | {' '.join(f'{r:.2f}' for r in ratios)} | {agreement:.4f} |")


if __name__ == "__main__":
    main()
