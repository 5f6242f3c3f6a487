"""The entities stage: one Prefect task per shard of the run's accepted articles."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from prefect import task

from newslake.config import EntitiesConfig
from newslake.flows.context import RunContext
from newslake.flows.progress import progress
from newslake.models.registry import load_entity_model
from newslake.tasks.entities import entity_rows
from newslake.version import code_version

ARTICLE_COLUMNS = ("article_id", "title", "text", "date", "source", "published_at")


def shard_cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    """Input hash + model hash + config + code version: a rerun of the same shard with the
    same model (after a failed night, or a reprocess that changed another stage) reuses it."""
    config: EntitiesConfig = parameters["config"]
    content = hashlib.sha256()
    for article in parameters["articles"]:
        content.update(f"{article['article_id']}\0{article['date']}\0{article['text']}\0".encode())
    settings = hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:16]
    return f"entities-{content.hexdigest()[:24]}-{load_entity_model(config).sha256[:16]}-{settings}-{code_version()}"


@task(
    name="entities-shard",
    cache_key_fn=shard_cache_key,
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
    in_flight: deque = deque()
    for shard in articles:
        rows = shard.to_pylist()
        if len(in_flight) >= config.shards_in_flight:
            yield _stage(context, *in_flight.popleft())
        with context.timed("entities"):
            in_flight.append((entities_shard_task.submit(rows, config), rows))
    while in_flight:
        yield _stage(context, *in_flight.popleft())
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
