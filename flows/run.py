"""The whole pipeline on dumps. Each stage stages its rows; one publish makes them visible.

Ingest is the first stage; the model stages read the run's accepted articles from
staging: entities tags each shard, and claims reads the shard with its entity rows.
"""

from __future__ import annotations

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from newslake.flows.context import DEFAULT_LAKE, pipeline_run
from newslake.flows.entities import ARTICLE_COLUMNS
from newslake.flows.ingest import ingest_stage
from newslake.flows.stages import model_stages


@flow(name="run", task_runner=ThreadPoolTaskRunner(max_workers=2))
def run(
    inputs: list[str],
    lake: str = DEFAULT_LAKE,
    config_path: str | None = None,
    release: str | None = None,
    format: str | None = None,
    allow_empty: bool = False,
) -> dict:
    """Dumps (files, folders, globs) -> every table of the lake, under `release`.

    Dumps already in the lake's ledger are skipped; with `allow_empty` (the
    nightly run over an inbox) finding no dump at all is not an error.
    """
    with pipeline_run("run", inputs, lake, config_path, release, format, allow_empty) as context:
        ingest_stage(context)
        model_stages(context, context.staging.tables("articles", ARTICLE_COLUMNS))
    return context.report.summary()

