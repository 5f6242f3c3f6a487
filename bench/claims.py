"""Claims stage speed: end to end per article, a shared encoder pass vs separate ones, stance pairs/s.

    .venv/bin/python bench/claims.py [--articles N] [--json PATH]

1. The stage as a shard task runs it, on N real news articles (PolNeAR, default
   200): `tasks.entities.rows.entity_rows` with the entity model, then
   `tasks.claims.rows.claim_rows` with the attribution and stance models and the
   default config. Articles/s for entities alone, claims alone (split into the
   attribution call, the stance call and the plain-Python rest: pairing of
   citations, speaker linking, cue rules, rows) and the two together; claims
   per article and their shares per stance label and speaker kind.
2. Shared encoder vs separate passes. (a) separate: the entity runner on the
   texts (its own 126-wordpiece windows) + the attribution model's own encoder
   pass (254-wordpiece windows) and head; (b) shared: the encoder layers below
   the attribution head (all of them for a head over the last layer; only the
   embeddings for the shipped head, which fine-tunes all six layers as its own)
   run once over the attribution windows, feeding the head and, through the
   remaining layers, the entity classifier; entity spans decoded by the same
   runtime postprocess with the entity labels. Seconds, articles/s, speed ratio,
   and the share of (a)'s entity spans that (b) reproduces exactly.
3. Stance pairs/s: `score_in_context` on the run's (title, claim text, article
   text) triples, `score` on the (title, claim text) pairs. The claim text is
   what the stage hands the stance model: the content (or, for a pointer such
   as "the reports", the previous content; without content, the cue's sentence).
All figures come from this one run, on this machine; every model is warmed up
on 2 articles first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import torch
from transformers.utils import logging as transformers_logging

from newslake.config import Config
from newslake.models.attribution.network import encoder_layers
from newslake.models.entities.casing import casing_ids
from newslake.models.registry import load_claim_models, load_entity_model
from newslake.models.runtime.token_classifier import TokenClassifier
from newslake.tasks.claims.rows import claim_rows
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.ingest.normalize import normalize_text
from newslake.text.words import conll_word_spans

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"


def read_articles(n: int) -> list[dict]:
    lines = (SHARED / "polnear/articles.jsonl").read_text().splitlines()[:n]
    rows = [json.loads(line) for line in lines]
    return [{"article_id": r["doc_id"], "title": r["title"], "text": normalize_text(r["text"]), "date": r["date"]}
            for r in rows]


class Timed:
    """A model call that adds up its own wall time (and keeps its inputs: the stance triples of the run)."""

    def __init__(self, call) -> None:
        self.call, self.seconds, self.inputs = call, 0.0, []

    def __call__(self, items, **options):
        self.inputs += list(items)
        start = time.perf_counter()
        result = self.call(items, **options)
        self.seconds += time.perf_counter() - start
        return result


def end_to_end(articles, entity_model, models, config) -> dict:
    """Part 1: entity rows, then claim rows, timed apart; the claims call split by model."""
    start = time.perf_counter()
    entities = entity_rows(articles, entity_model.runner, config.entities, entity_model.name)
    entity_seconds = time.perf_counter() - start
    extract, score = Timed(models.attribution.extract), Timed(models.stance.score_in_context)
    start = time.perf_counter()
    claims, stances = claim_rows(articles, entities, extract, score, config.claims, models.names)
    claim_seconds = time.perf_counter() - start
    return {"entity_seconds": entity_seconds, "claim_seconds": claim_seconds, "attribution_seconds": extract.seconds,
            "stance_seconds": score.seconds, "entities": entities, "claims": claims, "triples": score.inputs}


def separate(texts, entity_model, attribution) -> dict:
    """Part 2 (a): the entity stage's own pass, then the attribution model's own encoder pass and head."""
    start = time.perf_counter()
    spans = entity_model.runner(texts)
    entity_seconds = time.perf_counter() - start
    prepared = attribution.preprocess(texts)
    found = attribution.from_hidden(prepared, [attribution.encode(inputs) for _, inputs in prepared.batches])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "entity_seconds": entity_seconds, "attribution_seconds": seconds - entity_seconds,
            "spans": spans, "attributions": found}


def shared(texts, classifier: torch.nn.Module, decoder: TokenClassifier, attribution) -> dict:
    """Part 2 (b): one encoder pass over the attribution windows; both heads read its hidden states."""
    start = time.perf_counter()
    prepared = attribution.preprocess(texts)
    hidden = [attribution.encode(inputs) for _, inputs in prepared.batches]
    encoded = time.perf_counter()
    found = attribution.from_hidden(prepared, hidden)
    inner = attribution.head.from_layer  # a head over an inner layer shares only the layers below it
    with torch.inference_mode():  # what CasedTokenClassifier.forward does after the encoder (dropout is off in eval)
        if inner is not None:
            hidden = [encoder_layers(attribution.entity_model, states, inputs["attention_mask"], inner)
                      for states, (_, inputs) in zip(hidden, prepared.batches)]
        probabilities = [classifier(states).float().softmax(dim=-1) for states in hidden]
    spans = decoder.postprocess(prepared, probabilities)
    end = time.perf_counter()
    return {"seconds": end - start, "encoder_seconds": encoded - start, "heads_seconds": end - encoded,
            "spans": spans, "attributions": found}


def shares(values) -> dict[str, float]:
    counts = Counter("null" if v is None else v for v in values)
    total = sum(counts.values())
    return {k: n / total for k, n in counts.most_common()} if total else {}


def processor() -> str:
    """The processor's name and the int8 instructions it offers: speeds, and int8 figures in their last digits,
    differ between processors (docs/speed.md)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "an unknown processor"
    name = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), "?")
    flags = next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), [])
    offered = [flag for flag in ("avx2", "avx512_vnni", "avx_vnni", "amx_int8") if flag in flags]
    return f"{name} ({', '.join(offered) or 'no AVX2'})"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    transformers_logging.set_verbosity_error()  # "sequence longer than 512": the runtimes window long texts themselves

    articles = read_articles(args.articles)
    texts = [a["text"] for a in articles]
    n = len(articles)
    config = Config()
    entity_model = load_entity_model(config.entities)
    models = load_claim_models(config.claims)
    attribution, stance = models.attribution, models.stance
    n_tokens = sum(len(ids) for ids in entity_model.runner.tokenizer(texts, add_special_tokens=False)["input_ids"])

    # The shared path reads the attribution model's copy of the encoder: it must be the entity stage's model.
    classifier = attribution.entity_model.classifier
    assert entity_model.name == "cased-minilm.v1", "the shared pass needs the default (fp32) entity model"
    assert torch.equal(classifier.weight, entity_model.module.classifier.weight), "attribution encoder != entity model"
    decoder = TokenClassifier(None, attribution.tokenizer, entity_model.runner.labels,
                              replace(attribution.runner.settings, aggregation=config.entities.aggregation),
                              {"casing_ids": casing_ids}, conll_word_spans)

    warm = articles[:2]  # warm-up: every model and path once
    e2e_warm = end_to_end(warm, entity_model, models, config)
    separate([a["text"] for a in warm], entity_model, attribution)
    shared([a["text"] for a in warm], classifier, decoder, attribution)
    stance.score([(t, c) for t, c, _ in e2e_warm["triples"][:4]] or [("a title", "a claim")])

    # 1. end to end
    e2e = end_to_end(articles, entity_model, models, config)
    claims = e2e["claims"]
    # 2. shared encoder vs separate passes
    a = separate(texts, entity_model, attribution)
    b = shared(texts, classifier, decoder, attribution)
    same = sum(len({(s.start, s.end, s.label) for s in x} & {(s.start, s.end, s.label) for s in y})
               for x, y in zip(a["spans"], b["spans"]))
    total_a, total_b = sum(len(x) for x in a["spans"]), sum(len(y) for y in b["spans"])
    same_attributions = sum(x == y for x, y in zip(a["attributions"], b["attributions"]))
    # 3. stance
    triples = e2e["triples"]
    pairs = [(t, c) for t, c, _ in triples]
    start = time.perf_counter()
    stance.score_in_context(triples)
    in_context_seconds = time.perf_counter() - start
    start = time.perf_counter()
    stance.score(pairs)
    pair_seconds = time.perf_counter() - start

    threads = torch.get_num_threads()
    print(f"{n} PolNeAR articles, {n_tokens:,} wordpieces; {os.cpu_count()} cores, torch threads {threads}; "
          f"models {', '.join([entity_model.name, *models.names])}")
    print()
    print("**1. Claims stage end to end** (entity_rows, then claim_rows, default config)")
    print()
    rest = e2e["claim_seconds"] - e2e["attribution_seconds"] - e2e["stance_seconds"]
    both = e2e["entity_seconds"] + e2e["claim_seconds"]
    print(table(["step", "seconds", "articles/s", "share of total"], [
        [name, f"{s:.1f}", f"{n / s:.2f}", f"{s / both:.0%}"]
        for name, s in (("entities (entity_rows)", e2e["entity_seconds"]),
                        ("claims (claim_rows)", e2e["claim_seconds"]),
                        ("- attribution (extract)", e2e["attribution_seconds"]),
                        ("- stance (score_in_context)", e2e["stance_seconds"]),
                        ("- rules, speakers, rows", rest),
                        ("entities + claims", both))
    ]))
    print()
    stance_share, kind_share = shares(r["stance"] for r in claims), shares(r["speaker_kind"] for r in claims)
    print(f"{len(e2e['entities']):,} entity rows; {len(claims):,} claims, {len(claims) / n:.2f} per article; "
          f"{len(triples):,} stance triples")
    print()
    print(table(["claims by", "share"], [[f"stance: {k}", f"{v:.1%}"] for k, v in stance_share.items()]
                + [[f"speaker_kind: {k}", f"{v:.1%}"] for k, v in kind_share.items()]))
    print()
    print("**2. Shared encoder pass vs separate passes** (entities + attribution, no stance, no rows)")
    print()
    print(table(["path", "seconds", "articles/s", "wordpieces/s", "speed-up"], [
        ["(a) separate: entity pass (126-wp windows) + attribution encoder (254) + head", f"{a['seconds']:.1f}",
         f"{n / a['seconds']:.2f}", f"{n_tokens / a['seconds']:,.0f}", "1.00x"],
        ["- entity runner", f"{a['entity_seconds']:.1f}", f"{n / a['entity_seconds']:.2f}", "", ""],
        ["- attribution encoder + head + pairing", f"{a['attribution_seconds']:.1f}",
         f"{n / a['attribution_seconds']:.2f}", "", ""],
        ["(b) shared: one encoder pass (254-wp windows), both heads", f"{b['seconds']:.1f}", f"{n / b['seconds']:.2f}",
         f"{n_tokens / b['seconds']:,.0f}", f"{a['seconds'] / b['seconds']:.2f}x"],
        ["- encoder", f"{b['encoder_seconds']:.1f}", "", "", ""],
        ["- attribution head + pairing, entity classifier + decoding", f"{b['heads_seconds']:.1f}", "", "", ""],
    ]))
    print()
    print(f"entity spans of (a) reproduced exactly by (b): {same:,}/{total_a:,} ({same / max(total_a, 1):.1%}); "
          f"(b) has {total_b:,} spans; attributions identical in {same_attributions}/{n} articles")
    print()
    print("**3. Stance model** (the run's claims, title as target)")
    print()
    print(table(["call", "pairs", "seconds", "pairs/s"], [
        ["score_in_context (title, claim, article text)", f"{len(triples):,}", f"{in_context_seconds:.1f}",
         f"{len(triples) / in_context_seconds:.1f}" if triples else "-"],
        ["score (title, claim)", f"{len(pairs):,}", f"{pair_seconds:.1f}",
         f"{len(pairs) / pair_seconds:.1f}" if pairs else "-"],
    ]))

    if args.json:
        figures = {
            "articles": n, "wordpieces": n_tokens, "cores": os.cpu_count(), "torch_threads": threads,
            "models": [entity_model.name, *models.names],
            "end_to_end": {"entity_seconds": e2e["entity_seconds"], "claim_seconds": e2e["claim_seconds"],
                           "attribution_seconds": e2e["attribution_seconds"], "stance_seconds": e2e["stance_seconds"],
                           "rules_seconds": rest, "articles_per_s": {"entities": n / e2e["entity_seconds"],
                                                                     "claims": n / e2e["claim_seconds"],
                                                                     "both": n / both},
                           "entity_rows": len(e2e["entities"]), "claims": len(claims),
                           "claims_per_article": len(claims) / n, "stance_share": stance_share,
                           "speaker_kind_share": kind_share},
            "shared_encoder": {"separate_seconds": a["seconds"], "separate_entity_seconds": a["entity_seconds"],
                               "separate_attribution_seconds": a["attribution_seconds"],
                               "shared_seconds": b["seconds"], "shared_encoder_seconds": b["encoder_seconds"],
                               "shared_heads_seconds": b["heads_seconds"], "speed_up": a["seconds"] / b["seconds"],
                               "entity_spans_separate": total_a, "entity_spans_shared": total_b,
                               "entity_spans_reproduced": same, "attributions_identical_articles": same_attributions},
            "stance": {"pairs": len(triples), "score_in_context_seconds": in_context_seconds,
                       "score_seconds": pair_seconds},
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
