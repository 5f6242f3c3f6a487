"""Reprocessing: the model stages over articles already in the lake, written as a release.

A new release sits beside the current one; reprocessing a date range replaces
exactly those partitions of that release, in one atomic publish.
"""

from __future__ import annotations

from datetime import date

import pyarrow.dataset as ds
from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from newslake.errors import NewslakeError
from newslake.flows.context import DEFAULT_LAKE, effective_config, lake_run
from newslake.flows.entities import ARTICLE_COLUMNS
from newslake.flows.stages import model_stages
from newslake.schemas import MODEL_TABLES
from newslake.tasks.lake import UNDATED


@flow(name="reprocess", task_runner=ThreadPoolTaskRunner(max_workers=2))
def reprocess(
    release: str,
    models: str | None = None,
    lake: str = DEFAULT_LAKE,
    config_path: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> dict:
    """Run the model stages with the release's models over the articles dated in [since, until]."""
    if since and until and since > until:
        raise NewslakeError("E040", f"--since {since} is after --until {until}")
    config = effective_config(config_path, release, models)
    with lake_run("reprocess", lake, config) as context:
        dates = _selected_dates(context.lake.dates("articles"), since, until)
        context.drop = [folder for table in MODEL_TABLES for folder in context.lake.partitions(table, config.release, dates)]
        articles = context.lake.batches(
            "articles", ARTICLE_COLUMNS, ds.field("date").isin(sorted(dates)), config.ingest.shard_size
        )
        model_stages(context, articles, dates)
        context.logger.info("reprocess %s: %d dates, %d partitions replaced", config.release, len(dates), len(context.drop))
    return context.report.summary()


def _selected_dates(dates: set[str], since: date | None, until: date | None) -> set[str]:
    """Date partition values of articles in range; undated articles only when no bound is given."""
    if since is None and until is None:
        return dates
    low, high = (since or date.min).isoformat(), (until or date.max).isoformat()
    return {d for d in dates if d != UNDATED and low <= d <= high}
