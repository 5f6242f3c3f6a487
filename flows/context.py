"""One pipeline run's frame: lock, dump ledger, staging, the `runs` row, one atomic publish.

Every flow body runs inside `pipeline_run`; its stages only stage rows. Nothing
becomes visible until the body has finished without error, and then all of it
does at once (see `newslake.tasks.lake`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from logging import Logger, LoggerAdapter
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NONE
from prefect.artifacts import create_markdown_artifact

from newslake.version import code_version
from newslake.config import Config, load_config, merge_config, release_name
from newslake.errors import NewslakeError
from newslake.tasks.ingest.readers import Dump, discover_dumps
from newslake.tasks.ingest.publishers import load_publishers
from newslake.tasks.lake import DEFAULT_LAKE, Lake, Staging, open_lake
from newslake.tasks.lake.upgrade import upgrade_lake
from newslake.tasks.runs.ledger import dump_digest
from newslake.tasks.runs.report import DumpCounts, RunReport, new_run_id, render_markdown

__all__ = ["DEFAULT_LAKE", "RunContext", "effective_config", "lake_run", "pipeline_run", "publish_task"]


@dataclass
class RunContext:
    lake: Lake
    staging: Staging
    config: Config
    report: RunReport
    logger: Logger | LoggerAdapter
    pending: list[tuple[Dump, DumpCounts]] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)  # partitions the publish replaces
    settings: dict[str, Any] = field(default_factory=dict)  # lake settings the publish changes
    publish: bool = True
    record_run: bool = True  # write a `runs` row (a promotion or deletion is not a run)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + time.perf_counter() - start


def effective_config(config_path: str | None, release: str | None = None, models_path: str | None = None) -> Config:
    """The config file (or defaults), then a release's models file, then an explicit release name."""
    config = load_config(config_path)
    if models_path is not None:
        config = merge_config(config, models_path)
    if release is not None:
        config = config.model_copy(update={"release": release_name(release)})
    return config


@task(name="publish", cache_policy=NONE, retries=2, retry_delay_seconds=[2, 10])
def publish_task(lake: Lake, staging: Staging, run_id: str, drop: list[str], settings: dict[str, Any]) -> None:
    """The one write that makes a run visible; retried with backoff, since a publish that
    failed before its commit left the lake as it was and can simply be done again."""
    lake.publish(staging, run_id, drop=drop, settings=settings)


@contextmanager
def lake_run(flow: str, lake: str, config: Config) -> Iterator[RunContext]:
    """Lock, clean up after killed runs, stage; on a clean exit, one atomic publish."""
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    report = RunReport(
        run_id=new_run_id(started_at),
        flow=flow,
        release=config.release,
        started_at=started_at,
        config_hash=config.digest(),
        code_version=code_version(),
    )
    the_lake = open_lake(lake)
    with the_lake.lock():
        # A lake an earlier version wrote: its manifest recorded, its files rewritten to this version's schemas.
        upgrade = upgrade_lake(the_lake, load_publishers(config.ingest.publishers).publisher)
        for done in upgrade.done:
            logger.info("Upgraded %s: %s", the_lake.root, done)
        report.upgraded = upgrade.done
        the_lake.clean_up()  # whatever a killed run left behind
        context = RunContext(the_lake, the_lake.stage(report.run_id), config, report, logger, settings=dict(upgrade.settings))
        yield context
        if not context.publish:
            shutil.rmtree(context.staging.root, ignore_errors=True)  # a run that publishes nothing leaves nothing behind
            return
        if context.record_run:
            report.rows["runs"] += 1
            context.staging.write("runs", [report.runs_row(datetime.now(UTC))])
        settings = dict(context.settings)
        # The first release written becomes the one `newslake.lake.scan` reads until another is promoted.
        if "default_release" not in the_lake.settings() and "default_release" not in settings:
            settings["default_release"] = config.release
        with context.timed("publish"):
            publish_task(the_lake, context.staging, report.run_id, context.drop, settings)
        report.published = True
        logger.info("Published %s %s: %s", flow, report.run_id, dict(report.rows))
        if context.record_run:
            create_markdown_artifact(
                key=f"newslake-{flow}", markdown=render_markdown(report), description=f"{flow} {report.run_id}"
            )


@contextmanager
def pipeline_run(
    flow: str,
    inputs: list[str],
    lake: str,
    config_path: str | None,
    release: str | None,
    format: str | None,
    allow_empty: bool = False,
) -> Iterator[RunContext]:
    """A run over dumps: only dumps whose content the lake has not seen are processed.

    `allow_empty` (the nightly run over an inbox) makes "no dumps found" a quiet no-op.
    """
    with lake_run(flow, lake, effective_config(config_path, release)) as context:
        context.pending = _new_dumps(context.lake, _discover(inputs, format, allow_empty), context.report)
        context.publish = bool(context.pending)
        if not context.pending:
            context.logger.info("No new dumps: %d already processed", len(context.report.skipped))
        yield context


def _discover(inputs: list[str], format: str | None, allow_empty: bool) -> list[Dump]:
    try:
        return discover_dumps(inputs, format)
    except NewslakeError as exc:
        if allow_empty and exc.code == "E012":
            return []
        raise


def _new_dumps(lake: Lake, dumps: list[Dump], report: RunReport) -> list[tuple[Dump, DumpCounts]]:
    """The dumps whose content this lake has not seen, each once."""
    done = {
        dump["sha256"]
        for dumps_of_run in lake.read("runs", columns=["dumps"]).column("dumps").to_pylist()
        for dump in dumps_of_run
    }
    pending = []
    for dump in dumps:
        digest = dump_digest(dump)
        if digest in done:
            report.skipped.append((str(dump.path), "already processed (same content hash)"))
            continue
        done.add(digest)
        counts = DumpCounts(path=str(dump.path), format=dump.format, sha256=digest)
        report.dumps.append(counts)
        pending.append((dump, counts))
    return pending
