"""One pipeline run's frame: lock, dump ledger, staging, the `runs` row, one atomic publish.

Every flow body runs inside `pipeline_run`; its stages only stage rows. Nothing
becomes visible until the body has finished without error, and then all of it
does at once (see `newslake.tasks.io`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from logging import Logger, LoggerAdapter
from pathlib import Path

from prefect import get_run_logger

import newslake
from newslake.config import Config, load_config
from newslake.tasks.io import Lake, Staging
from newslake.tasks.ledger import dump_digest
from newslake.tasks.readers import Dump, discover_dumps
from newslake.tasks.run_report import DumpCounts, RunReport, new_run_id

DEFAULT_LAKE = "data/lake"


@dataclass
class RunContext:
    lake: Lake
    staging: Staging
    config: Config
    report: RunReport
    pending: list[tuple[Dump, DumpCounts]]
    logger: Logger | LoggerAdapter

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + time.perf_counter() - start


@contextmanager
def pipeline_run(
    flow: str,
    inputs: list[str],
    lake: str,
    config_path: str | None,
    release: str | None,
    format: str | None,
) -> Iterator[RunContext]:
    config = load_config(config_path)
    if release is not None:
        config = config.model_copy(update={"release": Config(release=release).release})
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    report = RunReport(
        run_id=new_run_id(started_at),
        flow=flow,
        release=config.release,
        started_at=started_at,
        config_hash=config.digest(),
        code_version=newslake.__version__,
    )
    the_lake = Lake.open(Path(lake))
    with the_lake.lock():
        the_lake.clean_up()  # whatever a killed run left behind
        pending = _new_dumps(the_lake, discover_dumps(inputs, format), report)
        context = RunContext(the_lake, the_lake.stage(report.run_id), config, report, pending, logger)
        yield context
        if not pending:
            logger.info("No new dumps: %d already processed", len(report.skipped))
            return
        report.rows["runs"] += 1
        context.staging.write("runs", [report.runs_row(datetime.now(UTC))])
        with context.timed("publish"):
            the_lake.publish(context.staging, report.run_id)
        logger.info("Published run %s: %s", report.run_id, dict(report.rows))


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
