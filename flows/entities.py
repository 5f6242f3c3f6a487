"""The entities stage: one Prefect task per shard of the run's accepted articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from prefect import task

from newslake.config import EntitiesConfig
from newslake.flows.context import RunContext
from newslake.flows.progress import progress
from newslake.flows.shards import bounded, shard_cache_key
from newslake.models.registry import load_entity_model
from newslake.tasks.entities.rows import entity_rows

ARTICLE_COLUMNS = ("article_id", "title", "text", "date", "source", "published_at", "publisher", "copy_of", "wire")


def cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    """The shard's articles and the entity model (see `shard_cache_key`)."""
    config: EntitiesConfig = parameters["config"]
    content = (f"{a['article_id']}\0{a['date']}\0{a['text']}\0" for a in parameters["articles"])
    return shard_cache_key("entities", content, load_entity_model(config).sha256, config)


@task(
    name="entities-shard",
    cache_key_fn=cache_key,
    persist_result=True,
    result_serializer="json",  # rows of plain values: no pickles in the result store
)
def entities_shard_task(articles: list[dict[str, Any]], config: EntitiesConfig) -> list[dict[str, Any]]:
    model = load_entity_model(config)  # once per process: later shards reuse it
    return entity_rows(articles, model.runner, config, model.name)


def entities_stage(context: RunContext, articles: Iterable[pa.Table]) -> Iterator[tuple[list[dict], list[dict]]]:
    """Tag `articles` (tables with ARTICLE_COLUMNS) as shard tasks, `shards_in_flight` at a time, staging
    `entities` rows; yields each shard's (articles, entity rows) in order for the stages that read both.

    A generator, so that the next stage works on shard n while this one tags shard n + 1;
    consume it to the end (`drain`) even when no later stage runs.
    """
    config = context.config.entities
    if not config.enabled:
        return
    report = context.report
    with context.timed("entities"):
        model = load_entity_model(config)
        report.models.append({"stage": "entities", **model.identity()})

    def submit(rows: list[dict[str, Any]]) -> Any:
        with context.timed("entities"):
            return entities_shard_task.submit(rows, config)

    for rows, future in bounded((shard.to_pylist() for shard in articles), submit, config.shards_in_flight):
        yield _stage(context, future, rows)
    context.logger.info("entities: %d mentions with %s", report.rows["entities"], model.name)


def drain(shards: Iterable[Any]) -> None:
    """Run a stage generator to the end."""
    for _ in shards:
        pass


def _stage(context: RunContext, future: Any, articles: list[dict]) -> tuple[list[dict], list[dict]]:
    """Stamp one shard's rows with the run and stage them (in submission order: deterministic)."""
    report = context.report
    with context.timed("entities"):
        rows = future.result()
        stamped = [{**row, "release": report.release, "run_id": report.run_id} for row in rows]
        report.rows["entities"] += context.staging.write("entities", stamped)
    progress(len(articles))
    return articles, rows
