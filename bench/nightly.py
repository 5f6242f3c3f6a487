"""The nightly job's speed: `newslake run` end to end by corpus size, each model's encoder throughput, naive baselines.

    .venv/bin/python bench/nightly.py [--sizes 1000,2000] [--repeats 3] [--naive-articles 200] [--config FILE]

Corpus (bench/corpus.py): real articles as news-please JSONL, a fixed-seed mix of PolNeAR (1,012),
the 2014 Ukraine news sample (90) and RUWA headlines + descriptions (898), interleaved so that
every size's articles have the mix's composition.

1. End to end: `newslake run DUMP --lake LAKE` on the first N articles of the mix for each size,
   `--repeats` times, each in a fresh process with a fresh lake and a fresh Prefect home (so no
   shard result comes from the cache), every stage on (default config, or `--config`). Articles/s
   and seconds per article over the process's wall time, the time outside the flow (process start,
   imports, Prefect's temporary server, publish), the process's peak RSS, and each stage's seconds
   from the run's `runs` row as a share of the flow's own duration. Medians of the repeats.
2. Models, in this process, on the first `--naive-articles` articles the run accepted (syndicated
   copies, which skip the models, left out): the stages' own functions run once to collect what
   each model is handed (texts, argument queries, stance triples); then each model's adapter runs
   on those inputs (preprocess, `_forward` per batch, postprocess), timed: wordpieces forwarded
   (`attention_mask.sum()`), tokens/s of `_forward`, and articles/s of the whole adapter call.
3. Naive baselines on the same inputs: `transformers.pipeline("token-classification")` with the
   entity model's weights article by article (bench/entities.py), the attribution tagger with one
   `extract([text])` per article, the stance model with one `score_in_context([triple])` per pair.
All figures come from this one run, on this machine; the load average at start and end says what
else was running.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from claims import processor, table  # the bench scripts' markdown table and machine line
from corpus import composition, mix, read_sources, write_dump

NEWSLAKE = Path(sys.executable).with_name("newslake")
STAGES = ("ingest", "entities", "events", "claims", "stories", "entity_index")  # the flow's order, for the table


def run_once(dump: Path, workdir: Path, config: Path | None) -> dict:
    """`newslake run` on `dump` in a fresh process, lake and Prefect home: wall seconds, peak RSS, the runs row."""
    lake, home = workdir / "lake", workdir / "prefect"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PREFECT_HOME": str(home),
           "PREFECT_LOCAL_STORAGE_PATH": str(home / "storage")}
    command = [str(NEWSLAKE), "run", str(dump), "--lake", str(lake), *(["--config", str(config)] if config else [])]
    log = workdir / "output.txt"
    with open(log, "w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        # wait4: this child's own rusage (ru_maxrss in KiB: the largest of it and the processes it waited for)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"newslake run failed (exit {process.returncode}):\n{log.read_text()[-2000:]}")
    shutil.rmtree(home)  # the shard result cache: the next run starts without it
    run = pl.read_parquet(f"{lake}/runs/**/*.parquet").row(0, named=True)
    return {"lake": lake, "seconds": seconds, "rss_mb": usage.ru_maxrss / 1024,
            "flow_seconds": (run["finished_at"] - run["started_at"]).total_seconds(),
            "timings": {t["stage"]: t["seconds"] for t in run["timings"]}, "dump": run["dumps"][0]}


def end_to_end(records: list[dict], sizes: list[int], repeats: int, workdir: Path, config: Path | None) -> dict:
    """Per size, the medians of `repeats` runs (and the lake of the last run, kept for the model part)."""
    results = {}
    for size in sizes:
        dump = write_dump(records[:size], workdir / f"dump-{size}.jsonl")
        runs = []
        for repeat in range(repeats):
            runs.append(run_once(dump, _fresh(workdir / f"run-{size}-{repeat}"), config))
            print(f"  {size} articles, run {repeat + 1}/{repeats}: {runs[-1]['seconds']:.1f} s", file=sys.stderr)
        stages = list(dict.fromkeys(stage for r in runs for stage in r["timings"]))
        results[size] = {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "outside_seconds": statistics.median(r["seconds"] - r["flow_seconds"] for r in runs),
            "rss_mb": statistics.median(r["rss_mb"] for r in runs),
            "shares": {s: statistics.median(r["timings"].get(s, 0.0) / r["flow_seconds"] for r in runs) for s in stages},
            "dump": runs[-1]["dump"], "lake": runs[-1]["lake"],
        }
    return results


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


class Recorder:
    """A model call that keeps every input it is handed: what the stage gives the model."""

    def __init__(self, call) -> None:
        self.call, self.inputs, self.about = call, [], []

    def __call__(self, items, about=None):
        """`about`: the stance call's flags of triples known to be about their target (StanceQuery.about)."""
        self.inputs += list(items)
        if about is None:
            return self.call(items)
        self.about += list(about)
        return self.call(items, about=about)


def stage_inputs(articles: list[dict], config) -> dict:
    """Run the entities, events and claims stages' functions on `articles` as a shard task would,
    recording what each model is handed."""
    from newslake.models.registry import load_claim_models, load_entity_model
    from newslake.tasks.claims.rows import claim_rows
    from newslake.tasks.entities.rows import entity_rows
    from newslake.tasks.events.reader import load_event_reader
    from newslake.tasks.events.rows import event_rows

    entity_model = load_entity_model(config.entities)
    tag = Recorder(entity_model.runner)
    entities = entity_rows(articles, tag, config.entities, entity_model.name)
    reader = load_event_reader(config.events)
    triggers, arguments = Recorder(reader.find_triggers), Recorder(reader.find_arguments)
    events = event_rows(articles, entities, dataclasses.replace(reader, find_triggers=triggers, find_arguments=arguments))
    models = load_claim_models(config.claims)
    extract, score = Recorder(models.attribution.extract), Recorder(models.stance.score_in_context)
    claim_rows(articles, entities, extract, score, config.claims, models.names, events, models.stance.embed)
    return {"texts": tag.inputs, "trigger_texts": triggers.inputs, "queries": arguments.inputs,
            "attribution_texts": extract.inputs, "triples": score.inputs, "about": score.about}


def adapter_speed(adapter, inputs: list) -> dict:
    """One adapter call on `inputs`, its steps timed apart: wordpieces forwarded (real and padded), seconds."""
    start = time.perf_counter()
    plan = adapter.preprocess(inputs)
    outputs, forward_seconds, tokens, padded = [], 0.0, 0, 0
    for batch in plan.model_inputs:
        begin = time.perf_counter()
        outputs.append(adapter._forward(batch))
        forward_seconds += time.perf_counter() - begin
        tokens += int(batch["attention_mask"].sum())
        padded += batch["attention_mask"].numel()
    adapter.postprocess(plan, outputs)
    return {"seconds": time.perf_counter() - start, "forward_seconds": forward_seconds, "tokens": tokens,
            "padded": padded}


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def model_speeds(articles: list[dict], config) -> tuple[list[dict], dict]:
    """Part 2 and 3: each model's adapter on what its stage hands it, and the naive baselines."""
    from transformers.utils import logging as transformers_logging

    from entities import naive_pipeline, pipeline_spans
    from newslake.models.registry import load_argument_model, load_claim_models, load_entity_model, load_event_model
    from newslake.models.stance.model import StanceQuery

    transformers_logging.set_verbosity_error()  # "sequence longer than 512": the runtimes window long texts themselves
    inputs = stage_inputs(articles, config)  # also the warm-up: every model has run once
    entity_model = load_entity_model(config.entities)
    claim_models = load_claim_models(config.claims)
    attribution, stance = claim_models.attribution, claim_models.stance
    triples = inputs["triples"]
    about = inputs["about"] or [False] * len(triples)
    # What score_in_context hands the adapter: (target, claim, context) -> StanceQuery(target, context, claim, about).
    queries = [StanceQuery(str(t), str(x), str(c), a) for (t, c, x), a in zip(triples, about, strict=True)]
    adapters = [
        ("entities", entity_model.name, entity_model.runner, inputs["texts"]),
        ("event triggers", load_event_model(config.events).name, load_event_model(config.events).runner,
         inputs["trigger_texts"]),
        ("event arguments", load_argument_model(config.events).name, load_argument_model(config.events).runner,
         inputs["queries"]),
        ("attribution", claim_models.names[0], attribution, inputs["attribution_texts"]),
        ("stance", claim_models.names[1], stance, queries),
    ]
    rows = [{"model": model, "name": name, "inputs": len(items), **adapter_speed(adapter, items)}
            for model, name, adapter, items in adapters if items]

    texts = inputs["texts"]
    # transformers logs "the model '_Logits' is not supported" as an error: it is, through its interface
    transformers_logging.set_verbosity(transformers_logging.CRITICAL)
    pipe = naive_pipeline(entity_model)
    transformers_logging.set_verbosity_error()
    pipe(texts[0])  # warm-up
    naive = {
        "entities": timed(lambda: [pipeline_spans(pipe, text) for text in texts]),
        "attribution": timed(lambda: [attribution.extract([text]) for text in inputs["attribution_texts"]]),
        "stance": timed(lambda: [stance.score_in_context([triple], about=[flag]) for triple, flag in zip(triples, about)])
        if triples else None,
    }
    return rows, naive


def subset(lake: Path, n: int) -> list[dict]:
    """The first `n` articles the run accepted (in dump order), without syndicated copies: a shard's input."""
    from newslake.flows.entities import ARTICLE_COLUMNS
    from newslake.lake import scan

    articles = scan("articles", lake).filter(pl.col("copy_of").is_null()).collect()
    articles = articles.sort(pl.col("dump_record").cast(pl.Int64)).head(n)
    return articles.select(ARTICLE_COLUMNS).to_dicts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2000", help="articles per run, comma-separated (default 1000,2000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--naive-articles", type=int, default=200, help="0: end to end only (parts 2 and 3 skipped)")
    parser.add_argument("--config", type=Path, help="a pipeline config for the runs and the models (default: defaults)")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    os.environ["HF_HUB_OFFLINE"] = "1"
    load_start = os.getloadavg()

    import torch

    from newslake.config import load_config

    config = load_config(args.config)
    records = mix(read_sources(), max(2000, sizes[-1]))
    with tempfile.TemporaryDirectory(prefix="newslake-nightly-") as tmp:
        results = end_to_end(records, sizes, args.repeats, Path(tmp), args.config)
        articles = subset(results[sizes[-1]]["lake"], args.naive_articles) if args.naive_articles else []
        models, naive = model_speeds(articles, config) if articles else ([], {})
    load_end = os.getloadavg()

    print(f"{processor()}; {os.cpu_count()} cores, torch threads {torch.get_num_threads()}; load average (1, 5, 15 min) "
          f"at start {' '.join(f'{x:.2f}' for x in load_start)}, at end {' '.join(f'{x:.2f}' for x in load_end)}")
    for size in sizes:
        mixed = composition(records[:size])
        dump = results[size]["dump"]
        print(f"{size} articles: " + ", ".join(f"{name} {n}" for name, n in mixed.most_common())
              + f"; accepted {dump['n_accepted']}, copies {dump['n_copies']}, rejected {dump['n_rejected']}")
    print()
    print(f"**1. `newslake run` end to end** (one fresh process, lake and Prefect home per run, every stage on; "
          f"medians of {args.repeats})")
    print()
    timed_stages = {stage for size in sizes for stage in results[size]["shares"]}
    stages = [s for s in STAGES if s in timed_stages] + sorted(timed_stages - set(STAGES))
    first = results[sizes[0]]
    print(table(
        ["articles", "articles/s", "s/article", "wall s", "outside flow s", "peak RSS MB", f"RSS / {sizes[0]}'s",
         *(f"{stage} share" for stage in stages)],
        [[size, f"{size / r['seconds']:.2f}", f"{r['seconds'] / size:.3f}", f"{r['seconds']:.1f}",
          f"{r['outside_seconds']:.1f}", f"{r['rss_mb']:.0f}", f"{r['rss_mb'] / first['rss_mb']:.2f}",
          *(f"{r['shares'].get(stage, 0.0):.0%}" for stage in stages)]
         for size, r in results.items()],
    ))
    print()
    print("stage share: the stage's seconds in the run's `runs.timings` over the flow's own duration (finished_at - "
          "started_at). Stages are pipelined over shards (entities tag shard n + 1 while events and claims work on "
          "shard n), so a stage's timed span overlaps other stages' work: a share is where the run waited, not what "
          "the stage costs alone, and the shares need not add up to 100%. outside flow: process start, imports, "
          "Prefect's temporary server, publish. peak RSS: ru_maxrss of the run's process (the largest of it and "
          "the processes it started).")
    if not articles:
        return
    print()
    n = len(articles)
    print(f"**2. Models on the first {n} accepted articles** (not copies), each handed what its stage hands it; "
          f"one timed call of the adapter after a warm-up; naive baselines on the same inputs")
    print()
    rows = []
    for m in models:
        baseline = naive.get(m["model"])
        ours = n / m["seconds"]
        rows.append([m["model"], m["name"], f"{m['inputs']:,}", f"{m['tokens']:,}", f"{1 - m['tokens'] / m['padded']:.0%}",
                     f"{m['tokens'] / m['forward_seconds']:,.0f}", f"{ours:.2f}",
                     f"{n / baseline:.2f}" if baseline else "-", f"{baseline / m['seconds']:.2f}x" if baseline else "-"])
    print(table(["model", "name", "inputs", "wordpieces", "padding", "tokens/s (_forward)", "newslake articles/s",
                 "naive articles/s", "speed-up"], rows))
    print()
    stance_row = next((m for m in models if m["model"] == "stance"), None)
    if stance_row:
        print(f"stance: {stance_row['inputs']:,} (target, claim, context) triples; newslake "
              f"{stance_row['inputs'] / stance_row['seconds']:.1f} pairs/s, one pair per call "
              f"{stance_row['inputs'] / naive['stance']:.1f} pairs/s; its tokens are the cross-encoder's (stage 2), "
              f"its seconds include stage 1 (base-encoder embeddings of targets, contexts and their sentences)")
    print("inputs: texts (entities, triggers, attribution), argument queries (one per trigger), stance triples. "
          "tokens/s: wordpieces under the attention mask over the seconds in `_forward`; articles/s: the articles "
          "over the whole adapter call (preprocess + `_forward` + postprocess). naive: entities = "
          "transformers.pipeline('token-classification') article by article (stride 32, aggregation first), "
          "attribution = one extract([text]) per article, stance = one score_in_context([triple]) per pair.")


if __name__ == "__main__":
    main()
