"""The claims stage: one Prefect task per shard, fed by the entities stage's (articles, entity rows)."""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Iterable
from typing import Any

from prefect import task

from newslake.config import ClaimsConfig
from newslake.flows.context import RunContext
from newslake.models.registry import load_claim_models
from newslake.tasks.claims import claim_rows
from newslake.version import code_version


def shard_cache_key(_context: Any, parameters: dict[str, Any]) -> str:
    """Articles + their entity keys + both models + config + code version (as for entities)."""
    config: ClaimsConfig = parameters["config"]
    content = hashlib.sha256()
    for article in parameters["articles"]:
        content.update(f"{article['article_id']}\0{article['date']}\0{article['title']}\0{article['text']}\0".encode())
    for row in parameters["entity_rows"]:
        content.update(f"{row['article_id']}\0{row['start']}\0{row['end']}\0{row['label']}\0{row['entity_key']}\0".encode())
    for row in parameters["event_rows"]:
        content.update(f"{row['event_id']}\0{row['description']}\0{row['mentions']}\0{row['actors']}\0".encode())
    settings = hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:16]
    models = hashlib.sha256(json.dumps(load_claim_models(config).names).encode()).hexdigest()[:16]
    return f"claims-{content.hexdigest()[:24]}-{models}-{settings}-{code_version()}"


@task(name="claims-shard", cache_key_fn=shard_cache_key, persist_result=True, result_serializer="json")
def claims_shard_task(articles: list[dict[str, Any]], entity_rows: list[dict[str, Any]],
                      event_rows: list[dict[str, Any]], config: ClaimsConfig) -> dict[str, list[dict[str, Any]]]:
    models = load_claim_models(config)  # once per process
    claims, stances = claim_rows(articles, entity_rows, models.attribution.extract, models.stance.score_in_context, config,
                                 models.names, event_rows)
    return {"claims": claims, "claim_stances": stances}


def claims_stage(context: RunContext, shards: Iterable[tuple[list[dict], list[dict], list[dict]]]) -> None:
    """Extract claims from each (articles, entity rows, event rows) shard, `shards_in_flight` at a time,
    staging the rows."""
    config = context.config.claims
    report = context.report
    with context.timed("claims"):
        models = load_claim_models(config)
    in_flight: deque = deque()
    for articles, entity_rows, event_rows in shards:
        if len(in_flight) >= config.shards_in_flight:
            _stage(context, in_flight.popleft())
        with context.timed("claims"):
            in_flight.append(claims_shard_task.submit(articles, entity_rows, event_rows, config))
    while in_flight:
        _stage(context, in_flight.popleft())
    report.models.extend(models.identities)  # after the entity model, which its generator records on first use
    context.logger.info("claims: %d claims, %d proposition stances", report.rows["claims"], report.rows["claim_stances"])


def _stage(context: RunContext, future: Any) -> None:
    report = context.report
    with context.timed("claims"):
        result = future.result()
        for table in ("claims", "claim_stances"):
            stamped = [{**row, "release": report.release, "run_id": report.run_id} for row in result[table]]
            report.rows[table] += context.staging.write(table, stamped)
