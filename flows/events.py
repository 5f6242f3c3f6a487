"""The events stage: one Prefect task per shard, between entities and claims.

Events are read from each (articles, entity rows) shard by the trigger and argument models and
the stage's rules, and staged; the shard goes on to the claims stage with its events, so that
claims can be linked to them. Its results are not cached: rows hold dates, which the JSON result
store would hand back as strings, and the stage costs less than the entity stage it follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from prefect import task
from prefect.cache_policies import NONE

from newslake.config import EventsConfig
from newslake.flows.context import RunContext
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.stories.clustering import StoryMember, member_of


@task(name="events-shard", cache_policy=NONE)
def events_shard_task(articles: list[dict[str, Any]], entity_rows: list[dict[str, Any]],
                      config: EventsConfig) -> list[dict[str, Any]]:
    return event_rows(articles, entity_rows, load_event_reader(config))  # models loaded once per process


def events_stage(context: RunContext, shards: Iterable[tuple[list[dict], list[dict]]], mentions: list[StoryMember]
                 ) -> Iterator[tuple[list[dict], list[dict], list[dict]]]:
    """Stage each shard's events and collect them into `mentions` for the stories stage (a few words
    each, not the articles); yield (articles, entity rows, event rows) for the claims stage."""
    config = context.config.events
    report = context.report
    with context.timed("events"):
        reader = load_event_reader(config)  # a bad file or model fails before any shard
    for articles, entity_rows in shards:
        with context.timed("events"):
            rows = events_shard_task.submit(articles, entity_rows, config).result()
            stamped = [{**row, "release": report.release, "run_id": report.run_id} for row in rows]
            report.rows["events"] += context.staging.write("events", stamped)
            by_id = {article["article_id"]: article for article in articles}
            mentions += [member_of(row, by_id[row["article_id"]]) for row in rows if row["modality"] == "asserted"]
        yield articles, entity_rows, rows
    # After the entity model, which its generator records on first use.
    report.models.extend({"stage": "events", **identity} for identity in reader.models)
    context.logger.info("events: %d events", report.rows["events"])
