"""The claims stage: one Prefect task per shard, fed by the entities stage's (articles, entity rows)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from itertools import chain
from typing import Any

from prefect import task

from newslake.config import ClaimsConfig
from newslake.flows.context import RunContext
from newslake.flows.shards import bounded, shard_cache_key
from newslake.models.registry import load_claim_models
from newslake.tasks.claims.rows import claim_rows


def cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    """The shard's articles, their entity keys and events, and both models (see `shard_cache_key`)."""
    config: ClaimsConfig = parameters["config"]
    content = chain(
        (f"{a['article_id']}\0{a['date']}\0{a['title']}\0{a['text']}\0" for a in parameters["articles"]),
        (f"{r['article_id']}\0{r['start']}\0{r['end']}\0{r['label']}\0{r['entity_key']}\0" for r in parameters["entity_rows"]),
        (f"{r['event_id']}\0{r['description']}\0{r['mentions']}\0{r['actors']}\0" for r in parameters["event_rows"]),
    )
    models = hashlib.sha256(json.dumps(load_claim_models(config).names).encode()).hexdigest()
    return shard_cache_key("claims", content, models, config)


@task(name="claims-shard", cache_key_fn=cache_key, persist_result=True, result_serializer="json")
def claims_shard_task(articles: list[dict[str, Any]], entity_rows: list[dict[str, Any]],
                      event_rows: list[dict[str, Any]], config: ClaimsConfig) -> dict[str, list[dict[str, Any]]]:
    models = load_claim_models(config)  # once per process
    claims, stances = claim_rows(articles, entity_rows, models.attribution.extract, models.stance.score_in_context, config,
                                 models.names, event_rows, models.stance.embed)
    return {"claims": claims, "claim_stances": stances}


def claims_stage(context: RunContext, shards: Iterable[tuple[list[dict], list[dict], list[dict]]]) -> None:
    """Extract claims from each (articles, entity rows, event rows) shard, `shards_in_flight` at a time,
    staging the rows."""
    config = context.config.claims
    report = context.report
    with context.timed("claims"):
        models = load_claim_models(config)

    def submit(shard: tuple[list[dict], list[dict], list[dict]]) -> Any:
        with context.timed("claims"):
            return claims_shard_task.submit(*shard, config)

    for _shard, future in bounded(shards, submit, config.shards_in_flight):
        _stage(context, future)
    report.models.extend(models.identities)  # after the entity model, which its generator records on first use
    context.logger.info("claims: %d claims, %d proposition stances", report.rows["claims"], report.rows["claim_stances"])


def _stage(context: RunContext, future: Any) -> None:
    report = context.report
    with context.timed("claims"):
        result = future.result()
        for table in ("claims", "claim_stances"):
            stamped = [{**row, "release": report.release, "run_id": report.run_id} for row in result[table]]
            report.rows[table] += context.staging.write(table, stamped)
