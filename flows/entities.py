"""The entities stage: one Prefect task per shard of the run's accepted articles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from prefect import task
from prefect.cache_policies import NONE

from newslake.config import EntitiesConfig
from newslake.flows.context import RunContext
from newslake.flows.progress import progress
from newslake.models.registry import load_entity_model
from newslake.tasks.entities import entity_rows

ARTICLE_COLUMNS = ("article_id", "text", "date")


@task(name="entities-shard", cache_policy=NONE)
def entities_shard_task(articles: list[dict[str, Any]], config: EntitiesConfig, release: str, run_id: str) -> list[dict[str, Any]]:
    model = load_entity_model(config)  # once per process: later shards reuse it
    return entity_rows(articles, model.runner, config, model.name, release, run_id)


def entities_stage(context: RunContext, articles: Iterable[pa.Table]) -> None:
    """Tag `articles` (tables with ARTICLE_COLUMNS), one shard task at a time, staging `entities` rows."""
    config = context.config.entities
    if not config.enabled:
        return
    report = context.report
    with context.timed("entities"):
        model = load_entity_model(config)
        report.models.append({"stage": "entities", **model.identity()})
        # One shard in flight: the model already uses every core for one batch.
        for shard in articles:
            rows = shard.to_pylist()
            found = entities_shard_task.submit(rows, config, report.release, report.run_id).result()
            report.rows["entities"] += context.staging.write("entities", found)
            progress(len(rows))
        context.logger.info("entities: %d mentions with %s", report.rows["entities"], model.name)
