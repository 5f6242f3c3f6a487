"""The nightly deployment: the `run` flow on the inbox, on a cron schedule from config.

`newslake serve` serves it from this process (with a Prefect server:
PREFECT_API_URL set; see docs/operations.md); `prefect deploy` with the
repository's prefect.yaml registers the same deployment for a work pool.
Each night's run processes only dumps whose content hash is not yet in the
lake's `runs` ledger, so a dump dropped twice or renamed is skipped and a
failed night is caught up the next night.
"""

from __future__ import annotations

from prefect.schedules import Cron

from newslake.config import Config
from newslake.flows.run import run

DEPLOYMENT = "nightly"


def nightly_deployment(config: Config, config_path: str | None = None):
    schedule = config.schedule
    return run.to_deployment(
        name=DEPLOYMENT,
        schedule=Cron(schedule.cron, timezone=schedule.timezone),
        parameters={"inputs": [schedule.inbox], "lake": schedule.lake, "config_path": config_path, "allow_empty": True},
        concurrency_limit=1,  # the lake takes one writer at a time anyway
        description="Process the dumps that arrived in the inbox since the last run.",
        tags=["newslake"],
    )
