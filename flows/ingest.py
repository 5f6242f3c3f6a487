"""The ingest flow: dumps -> `articles` + `rejects`, every record accounted for."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from collections.abc import Iterable, Iterator
from itertools import islice

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from newslake.config import IngestConfig
from newslake.flows.context import DEFAULT_LAKE, RunContext, pipeline_run
from newslake.flows.progress import progress
from newslake.flows.shards import bounded
from newslake.tasks.ingest.articles import ShardResult, judge_shard, reject_row
from newslake.tasks.ingest.dedupe import DedupeIndex
from newslake.tasks.ingest.readers import read_dump
from newslake.tasks.ingest.records import RawRecord, RejectReason
from newslake.tasks.runs.report import DumpCounts


def batched(records: Iterable[RawRecord], size: int) -> Iterator[tuple[RawRecord, ...]]:
    """itertools.batched, which Python 3.11 lacks."""
    iterator = iter(records)
    while shard := tuple(islice(iterator, size)):
        yield shard


@task(name="judge-shard", cache_policy=NONE)
def judge_shard_task(records: tuple[RawRecord, ...], config: IngestConfig, run_id: str, started_at: datetime) -> ShardResult:
    return judge_shard(records, config, run_id, started_at)


def ingest_stage(context: RunContext) -> None:
    """Read, judge and dedupe every pending dump, staging articles, rejects and fingerprints.

    Shards are judged as Prefect tasks, at most `max_shards_in_flight` at a time so
    memory stays bounded whatever the dump size; their results are deduplicated
    in submission order, so the outcome does not depend on which task finished first.
    """
    config = context.config.ingest
    report = context.report
    with context.timed("ingest"):
        index = DedupeIndex.from_table(config.dedupe, context.lake.read("_dedupe"))
        for dump, counts in context.pending:
            submit = lambda shard: judge_shard_task.submit(shard, config, report.run_id, report.started_at)  # noqa: E731
            for shard, future in bounded(batched(read_dump(dump), config.shard_size), submit, config.max_shards_in_flight):
                _stage_shard(context, index, counts, future, shard)
            context.logger.info("%s: %d read, %d accepted, %d copies, %d rejected", dump.path, counts.n_read, counts.n_accepted,
                                counts.n_copies, counts.n_rejected)


def _stage_shard(
    context: RunContext,
    index: DedupeIndex,
    counts: DumpCounts,
    future: PrefectFuture[ShardResult],
    shard: tuple[RawRecord, ...],
) -> None:
    result = future.result()
    report = context.report
    by_record = {(r.dump, r.dump_record): r for r in shard}
    articles, fingerprints, rejects = [], [], list(result.rejects)
    for row, fingerprint in result.candidates:
        match = index.admit(fingerprint)
        if match is None or match.copy is not None:
            stored = fingerprint if match is None else match.copy
            articles.append({**row, "article_id": stored.article_id, "copy_of": stored.copy_of})
            fingerprints.append(stored)
            continue
        detail = f"{match.how} duplicate of {match.kept}" + (f" (similarity {match.similarity:.2f})" if match.how == "near" else "")
        record = by_record[(row["dump"], row["dump_record"])]
        rejects.append(reject_row(record, RejectReason.DUPLICATE, detail, report.run_id, report.started_at, match.kept))
    context.staging.write("articles", articles)
    context.staging.write("rejects", rejects)
    context.staging.write("_dedupe", [asdict(fp) for fp in fingerprints])
    report.count_shard(counts, articles, rejects)
    progress(len(shard))


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2))
def ingest(
    inputs: list[str],
    lake: str = DEFAULT_LAKE,
    config_path: str | None = None,
    format: str | None = None,
) -> dict:
    """Only ingest: dumps (files, folders, globs) -> `articles`, `rejects`, `runs`."""
    with pipeline_run("ingest", inputs, lake, config_path, None, format) as context:
        ingest_stage(context)
    return context.report.summary()
