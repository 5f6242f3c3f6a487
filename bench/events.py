"""Events and stories stages speed, on real news articles.

    .venv/bin/python bench/events.py [--articles N] [--repeats R] [--trigger-quantize none|int8] [--config FILE]

1. Entities (the model, as the pipeline runs it) on N PolNeAR articles (default 200): the input
   the events stage reads.
2. `tasks.events.rows.event_rows` on them (the trigger and argument models and the rules):
   articles/s, its cost per article as a ratio of the entity stage's (with a news tagger as both stages'
   model, whose entity pass finds the event words too, also with that pass run again for the events stage,
   as when the entity shards come from the result cache), events per article, share
   per category and modality; both stages timed `--repeats` times (median). Peak memory (RSS)
   while the events stage runs on N articles and on 2N: flat when the second is not larger.
3. `tasks.stories.clustering.cluster` on those events (after the base encoder's vectors of their sentences
   and article leads, timed apart): one run over all of them, and the same events added in 10 nightly batches (each batch against the stories the batches before made, as
   `newslake run` does); stories made, and whether both give the same stories.
All figures come from this one run, on this machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from newslake.config import load_config
from newslake.models.registry import load_entity_model
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.ingest.normalize import normalize_text
from newslake.models.runtime.sentence_vectors import SentenceVectors
from newslake.tasks.stories.clustering import JoinRule, cluster, member_of, mention_vector

SHARED = Path(__file__).resolve().parents[1] / "../shared/datasets"


def read_articles(n: int) -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "polnear/articles.jsonl").read_text().splitlines()[:n]]
    return [{"article_id": r["doc_id"], "title": r["title"], "text": normalize_text(r["text"]), "date": r["date"],
             "published_at": datetime.fromisoformat(r["date"]).replace(tzinfo=UTC), "source": r["publisher"]}
            for r in rows]


def timed(work, repeats: int) -> tuple[float, object]:
    """The median seconds of `repeats` runs of `work()`, and its last result."""
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def peak_rss_during(work) -> float:
    """The highest resident memory (MB) of this process while `work()` runs, sampled every 10 ms: the
    process's lifetime peak would hide a stage behind the entity pass before it."""
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        work()
    finally:
        done.set()
        sampler.join()
    return peak[0]


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--trigger-quantize", choices=("none", "int8"), default=None,
                        help="run the trigger model so instead of the default (events.quantize)")
    parser.add_argument("--config", type=Path, default=None, help="a pipeline configuration (default: the defaults)")
    options = parser.parse_args()
    n = options.articles
    config = load_config(options.config)
    if options.trigger_quantize is not None:
        config = config.model_copy(update={"events": config.events.model_copy(update={"quantize": options.trigger_quantize})})
    articles = read_articles(2 * n)
    model = load_entity_model(config.entities)
    reader = load_event_reader(config.events)
    all_entities = entity_rows(articles, model.runner, config.entities, model.name)  # warm-up, and the 2N input
    articles, doubled = articles[:n], articles
    entity_seconds, entities = timed(lambda: entity_rows(articles, model.runner, config.entities, model.name), options.repeats)
    event_rows(articles[:5], entities, reader)  # warm-up
    event_seconds, events = timed(lambda: event_rows(articles, entities, reader), options.repeats)
    own_pass_seconds = None
    shared = getattr(reader.find_triggers, "shared", None)
    if shared is not None:  # a news tagger: the entity stage's pass found the event words; time the stage without it
        def own_pass() -> list[dict]:
            shared.forget()
            return event_rows(articles, entities, reader)

        own_pass_seconds, _ = timed(own_pass, options.repeats)
    rss_n = peak_rss_during(lambda: event_rows(articles, entities, reader))
    rss_2n = peak_rss_during(lambda: event_rows(doubled, all_entities, reader))

    by_id = {a["article_id"]: a for a in articles}
    mentions = [member_of(e, by_id[e["article_id"]]) for e in events]
    encoder = SentenceVectors(quantize=config.events.story_quantize)
    start = time.perf_counter()
    sentences, leads = encoder.encode([m.sentence for m in mentions]), encoder.encode([m.lead for m in mentions])
    mentions = [dataclasses.replace(m, embedding=mention_vector(s, lead)) for m, s, lead in zip(mentions, sentences, leads)]
    encode_seconds = time.perf_counter() - start
    rule = JoinRule.of(config.events)
    start = time.perf_counter()
    at_once = cluster([], mentions, rule, "bench")
    once_seconds = time.perf_counter() - start
    by_date = sorted(mentions, key=lambda m: m.anchor)
    batches = [by_date[i::10] for i in range(10)]  # every batch spans the dates, as a worst case for the window
    start = time.perf_counter()
    nightly: list[dict] = []
    for batch in batches:
        nightly = cluster(nightly, batch, rule, "bench")
    nightly_seconds = time.perf_counter() - start

    print(f"{n} PolNeAR articles, {len(events)} events ({len(events) / n:.2f} per article)")
    print(f"{'step':<34}{'seconds':>10}{'articles/s':>14}")
    print(f"{'entities (model)':<34}{entity_seconds:>10.2f}{n / entity_seconds:>14.1f}")
    print(f"{'events (models and rules)':<34}{event_seconds:>10.3f}{n / event_seconds:>14.1f}")
    if own_pass_seconds is not None:
        print(f"{'events, the tagger run again':<34}{own_pass_seconds:>10.3f}{n / own_pass_seconds:>14.1f}")
    print(f"{'stories: encoder (sentence + lead)':<34}{encode_seconds:>10.2f}{n / encode_seconds:>14.1f}")
    print(f"{'stories, one run':<34}{once_seconds:>10.3f}{n / once_seconds:>14.1f}")
    print(f"{'stories, 10 nightly batches':<34}{nightly_seconds:>10.3f}{n / nightly_seconds:>14.1f}")
    print(f"events stage per article / entity stage per article: {event_seconds / entity_seconds:.2f} "
          f"(medians of {options.repeats})")
    if own_pass_seconds is not None:
        print(f"the same with the tagger run again for the events (a run whose entity shards were cached): "
              f"{own_pass_seconds / entity_seconds:.2f}")
    print(f"peak RSS during events on {n} articles: {rss_n:.0f} MB; on {2 * n}: {rss_2n:.0f} MB "
          f"({rss_2n / rss_n - 1:+.1%})")
    print(f"stories: {len(at_once)} in one run, {len(nightly)} from nightly batches")
    print("categories: " + ", ".join(f"{t} {c / len(events):.0%}" for t, c in Counter(e["category"] for e in events).most_common()))
    print("modality: " + ", ".join(f"{t} {c / len(events):.0%}" for t, c in Counter(e["modality"] for e in events).most_common()))


if __name__ == "__main__":
    main()
