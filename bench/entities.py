"""Entity stage speed and quality: newslake's runtime vs a naive transformers pipeline, fp32 vs int8.

    .venv/bin/python bench/entities.py [--articles N] [--dev-sentences N]

- speed: articles/s and tokens/s on N real news articles (PolNeAR, default 200)
  for (a) `transformers.pipeline("token-classification")` called article by
  article with the same weights (stride for long articles, aggregation
  "first"), (b) newslake's runtime (sentence-aligned windows, length-sorted
  token-budget batches across articles), (c) the same with int8 linear layers;
- quality: seqeval entity F1 of each on CoNLL-2003 dev sentences, and how many
  of (a)'s spans (b) reproduces exactly on the articles.
All figures come from this one run, on this machine.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from transformers.pipelines.token_classification import AggregationStrategy, TokenClassificationPipeline

from newslake.config import EntitiesConfig
from newslake.models.entities.casing import casing_ids
from newslake.models.entities.conll import read_conll
from newslake.models.entities.evaluate import entity_metrics
from newslake.models.evaluation import _join, _tags, evaluate_entities
from newslake.models.registry import load_entity_model
from newslake.tasks.ingest.normalize import normalize_text
from newslake.text.spans import Span

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"


class _Logits(torch.nn.Module):
    """The cased tagger behind the interface a transformers pipeline calls."""

    def __init__(self, model: torch.nn.Module, config) -> None:
        super().__init__()
        self.model, self.config = model, config
        self.device = torch.device("cpu")
        self.dtype = torch.float32

    def forward(self, input_ids, attention_mask, casing_ids, token_type_ids=None):
        return {"logits": self.model(input_ids, attention_mask, casing_ids)}


class CasedPipeline(TokenClassificationPipeline):
    """The stock pipeline, plus the casing ids the default model needs (computed the same way)."""

    def preprocess(self, sentence, offset_mapping=None, **params):
        for inputs in super().preprocess(sentence, offset_mapping, **params):
            offsets = [tuple(o) for o in inputs["offset_mapping"][0].tolist()]
            special = inputs["special_tokens_mask"][0].tolist()
            inputs["casing_ids"] = torch.tensor([casing_ids(sentence, offsets, special)])
            yield inputs


def naive_pipeline(loaded) -> TokenClassificationPipeline:
    from transformers import BertConfig

    model = loaded.module
    labels = loaded.runner.labels
    config = BertConfig(id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    return CasedPipeline(
        model=_Logits(model, config), tokenizer=loaded.runner.tokenizer, aggregation_strategy=AggregationStrategy.FIRST,
        stride=32, device=torch.device("cpu"),
    )  # fmt: skip


def pipeline_spans(pipe, text: str) -> list[Span]:
    return [Span(e["start"], e["end"], e["entity_group"], float(e["score"])) for e in pipe(text)]


def pipeline_f1(pipe, sentences) -> float:
    predicted = []
    for s in sentences:
        text, words = _join(s.tokens)
        predicted.append(_tags(pipeline_spans(pipe, text), words))
    return entity_metrics([s.tags for s in sentences], predicted, ["LOC", "MISC", "ORG", "PER"])["f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--dev-sentences", type=int, default=1000)
    args = parser.parse_args()

    rows = [json.loads(line) for line in (SHARED / "polnear/articles.jsonl").read_text().splitlines()[: args.articles]]
    texts = [normalize_text(r["text"]) for r in rows]
    dev = read_conll(SHARED / "conll2003/valid.txt")[: args.dev_sentences]
    dev_file = Path("/tmp/newslake-bench-dev.txt")
    dev_file.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in zip(s.tokens, s.tags)) for s in dev) + "\n")

    fp32 = load_entity_model(EntitiesConfig())
    int8 = load_entity_model(EntitiesConfig(quantize="int8"))
    n_tokens = sum(len(ids) for ids in fp32.runner.tokenizer(texts, add_special_tokens=False)["input_ids"])
    pipe = naive_pipeline(fp32)
    pipe(texts[0])  # warm-up

    results = {}
    start = time.perf_counter()
    naive = [pipeline_spans(pipe, t) for t in texts]
    results["naive pipeline"] = (time.perf_counter() - start, pipeline_f1(pipe, dev))
    for name, model in (("newslake fp32", fp32), ("newslake int8", int8)):
        model.runner(texts[:2])  # warm-up
        start = time.perf_counter()
        spans = model.runner(texts)
        seconds = time.perf_counter() - start
        results[name] = (seconds, evaluate_entities(model, dev_file)["f1"])
        if name == "newslake fp32":
            ours = spans

    same = sum(len({(s.start, s.end, s.label) for s in a} & {(s.start, s.end, s.label) for s in b}) for a, b in zip(ours, naive))
    total = sum(len(b) for b in naive)

    base_seconds = results["naive pipeline"][0]
    print(f"{args.articles} PolNeAR articles, {n_tokens:,} tokens; F1 on {len(dev)} CoNLL-2003 dev sentences; torch threads {torch.get_num_threads()}")
    print(f"{'path':<16} {'articles/s':>10} {'tokens/s':>10} {'speed-up':>9} {'dev F1':>7}")
    for name, (seconds, f1) in results.items():
        print(f"{name:<16} {args.articles / seconds:>10.2f} {n_tokens / seconds:>10,.0f} {base_seconds / seconds:>8.2f}x {f1:>7.4f}")
    fp32_s, int8_s = results["newslake fp32"][0], results["newslake int8"][0]
    print(f"int8 vs fp32: {fp32_s / int8_s:.2f}x faster, F1 {100 * (results['newslake int8'][1] - results['newslake fp32'][1]):+.2f} points")
    print(f"spans of the naive pipeline reproduced exactly by newslake fp32: {same}/{total} ({same / max(total, 1):.1%})")


if __name__ == "__main__":
    main()
