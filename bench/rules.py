"""The stages' own work, outside the models: CPU seconds per stage per article.

    .venv/bin/python bench/rules.py [--articles 100] [--repeats 3]

On N PolNeAR articles (default 100) every model runs once (entities, event triggers and arguments,
attribution, stance and its embeddings, the stories' sentence encoder) and its answers are kept;
then the stages run `--repeats` times on those answers: `entity_rows`, `event_rows` (with the
stories' `member_of` of each asserted event, as the events stage does), `claim_rows`, and the
stories stage's clustering with `detail_rows`. Each stage's figure is the process's CPU time less
the time spent handing back the kept answers, median of the repeats: CPU time, because other jobs
may share the cores and stretch wall time. Per-name caches are emptied before each pass, as for a
shard of new articles. All figures come from this one run, on this machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from transformers.utils import logging as transformers_logging

from claims import read_articles, table  # the bench scripts' articles and markdown table
from newslake.config import Config
from newslake.models.registry import load_claim_models, load_entity_model
from newslake.models.runtime.sentence_vectors import SentenceVectors
from newslake.tasks.claims.rows import claim_rows
from newslake.tasks.entities import keys
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events import actor_codes
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.stories.clustering import JoinRule, cluster, member_of, mention_vector
from newslake.tasks.stories.details import detail_rows

STAGES = ("entities", "events", "claims", "stories")
PER_NAME_CACHES = (keys.canonical_surface, keys._initials, actor_codes.actor_code)


class Replay:
    """`model(*args)` computed on the first call with those arguments, handed back after; `seconds` is
    the CPU time spent in calls (the model's on the first pass, the look-up's after)."""

    def __init__(self, model: Callable[..., Any]) -> None:
        self.model = model
        self.answers: dict[str, Any] = {}
        self.seconds = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        key = repr((args, sorted(kwargs.items())))
        if key not in self.answers:
            self.answers[key] = self.model(*args, **kwargs)
        self.seconds += time.process_time() - start
        return self.answers[key]


def stages(articles: list[dict], config: Config) -> tuple[dict[str, Callable[[dict], dict]], list[Replay]]:
    """Each stage as a function of the outputs before it, and the replayed models."""
    entity_model, claim_models = load_entity_model(config.entities), load_claim_models(config.claims)
    reader = load_event_reader(config.events)
    tag, extract = Replay(entity_model.runner), Replay(claim_models.attribution.extract)
    score, embed = Replay(claim_models.stance.score_in_context), Replay(claim_models.stance.embed)
    triggers, arguments = Replay(reader.find_triggers), Replay(reader.find_arguments)
    reader = dataclasses.replace(reader, find_triggers=triggers, find_arguments=arguments)
    encode = Replay(SentenceVectors().encode)
    by_id = {a["article_id"]: a for a in articles}

    def events(out: dict) -> dict:
        rows = event_rows(articles, out["entities"], reader)
        return {"events": rows, "members": [member_of(r, by_id[r["article_id"]]) for r in rows if r["modality"] == "asserted"]}

    def stories(out: dict) -> dict:
        claims = defaultdict(list)
        for claim in out["claims"]:
            claims[claim["event_id"]].append(claim)
        members = out["members"]
        vectors = zip(encode([m.sentence for m in members]), encode([m.lead for m in members]))
        members = [dataclasses.replace(m, stances=Counter(c["stance"] for c in claims[m.event["event_id"]]),
                                       claims=claims[m.event["event_id"]], embedding=mention_vector(s, lead))
                   for m, (s, lead) in zip(members, vectors)]
        found = cluster([], members, JoinRule.of(config.events), "bench")
        return {"stories": found, "details": [row for story in found for row in detail_rows(story)]}

    return {
        "entities": lambda out: {"entities": entity_rows(articles, tag, config.entities, entity_model.name)},
        "events": events,
        "claims": lambda out: {"claims": claim_rows(articles, out["entities"], extract, score, config.claims,
                                                    claim_models.names, out["events"], embed)[0]},
        "stories": stories,
    }, [tag, triggers, arguments, extract, score, embed, encode]


def one_pass(steps: dict[str, Callable[[dict], dict]], models: list[Replay]) -> dict[str, float]:
    """CPU seconds of each stage outside its models."""
    for cached in PER_NAME_CACHES:
        cached.cache_clear()
    out: dict = {}
    seconds = {}
    for stage in STAGES:
        in_models = sum(m.seconds for m in models)
        start = time.process_time()
        out.update(steps[stage](out))
        seconds[stage] = time.process_time() - start - (sum(m.seconds for m in models) - in_models)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    transformers_logging.set_verbosity_error()
    articles = [{**a, "published_at": datetime.fromisoformat(a["date"]).replace(tzinfo=UTC)}
                for a in read_articles(options.articles)]
    n = len(articles)
    steps, models = stages(articles, Config())
    start = time.process_time()
    first = one_pass(steps, models)  # the models run here; a pass also loads the rules' tables once
    model_seconds = time.process_time() - start - sum(first.values())
    passes = [one_pass(steps, models) for _ in range(options.repeats)]
    medians = {stage: statistics.median(p[stage] for p in passes) for stage in STAGES}
    print(f"{n} PolNeAR articles; models (run once, CPU): {model_seconds:.1f} s; the stages outside them, "
          f"CPU seconds, median of {options.repeats} passes")
    rows = [[stage, f"{medians[stage]:.3f}", f"{1000 * medians[stage] / n:.1f}",
             " / ".join(f"{p[stage]:.3f}" for p in passes)] for stage in STAGES]
    rows.append(["all", f"{sum(medians.values()):.3f}", f"{1000 * sum(medians.values()) / n:.1f}", ""])
    print(table(["stage", "seconds", "ms/article", "passes"], rows))


if __name__ == "__main__":
    main()
