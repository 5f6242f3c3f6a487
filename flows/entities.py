"""The entities stage: one Prefect task per shard of the run's accepted articles."""

from __future__ import annotations

from typing import Any

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


def entities_stage(context: RunContext) -> None:
    config = context.config.entities
    if not config.enabled:
        return
    report = context.report
    with context.timed("entities"):
        model = load_entity_model(config)
        report.models.append({"stage": "entities", **model.identity()})
        # One shard in flight: the model already uses every core for one batch.
        for shard in context.staging.tables("articles", ARTICLE_COLUMNS):
            articles = shard.to_pylist()
            rows = entities_shard_task.submit(articles, config, report.release, report.run_id).result()
            report.rows["entities"] += context.staging.write("entities", rows)
            progress(len(articles))
        context.logger.info("entities: %d mentions with %s", report.rows["entities"], model.name)
