"""`newslake check`: is the published state whole, and do the ledger and dedupe index still match it?

It verifies, in order: the pointer to the published state (`_current`, or the
newest manifest on object storage); every listed file (present, the recorded
size, the recorded sha256); files stored in the state but listed nowhere; the
dedupe index against the articles (a fingerprint of a lost article would reject
the article as a `duplicate` forever); the dump ledger against lost article
files. `repair` does what is safe and says what it did: it points at the newest
published state, and publishes (one commit, under the lock) a state without the
damaged files, without the fingerprints of lost articles, and without the
ledger entries of the dumps those articles came from, so that the next run
ingests them again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

import pyarrow as pa
import pyarrow.dataset as ds

from newslake.errors import NewslakeError
from newslake.files import file_sha256
from newslake.schemas import TABLES, spec
from newslake.tasks.lake.base import Lake, partition_values, run_of
from newslake.tasks.lake.records import Damage, FileRecord, size_damage
from newslake.tasks.lake.upgrade import SETTING, PublisherOf, schema_version, stale_files, upgrade_lake


@dataclass
class CheckReport:
    lake: str
    files: int = 0
    problems: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the lake is sound now (after the repairs, if any were made)."""
        return not self.problems or (bool(self.repairs) and not self.advice)


def check_lake(lake: Lake, repair: bool = False, publisher_of: PublisherOf | None = None) -> CheckReport:
    """What is wrong with the lake (and, with `repair`, what was done about it). `publisher_of` derives
    `articles.publisher` when files of an earlier version are upgraded (see `upgrade.py`)."""
    report = CheckReport(str(lake.root))
    try:
        base, files = lake.published_files()
    except NewslakeError as exc:
        if exc.code != "E024":
            raise
        report.problems.append(exc.message)
        if not repair:
            return report
        with lake.lock():
            report.repairs.append(lake.repair_pointer())  # type: ignore[attr-defined]
        base, files = lake.published_files()
    report.files = len(files)
    damage = _file_damage(lake, base, files)
    report.problems += [str(d) for d in damage]
    lost = {d.path for d in damage if d.kind != "unlisted"}
    readable = {path: record for path, record in files.items() if path not in lost}

    articles = set(_column(lake, base, readable, "articles", "article_id"))
    fingerprints = _rows(lake, base, readable, "_dedupe")
    orphans = [row for row in fingerprints if row["article_id"] not in articles]
    if orphans:
        report.problems.append(f"{len(orphans)} dedupe entries name articles no longer in the lake: they would be rejected as duplicates")
    indexed = {row["article_id"] for row in fingerprints}
    # A lake written without the ingest flow (tests, imports) has no index at all: nothing to be inconsistent with.
    has_index = bool(fingerprints) or any(PurePosixPath(path).parts[0] == "_dedupe" for path in lost)
    if has_index and (unindexed := len(articles - indexed)):
        report.problems.append(f"{unindexed} articles have no dedupe entry: copies of them would be accepted")
        report.advice.append("articles without dedupe entries cannot be repaired in place; restore `_dedupe` from a backup")
    lost_runs = {run_of(path) for path in lost if PurePosixPath(path).parts[0] == "articles"} - {None}
    forgotten = _ledger_rows(lake, base, readable, lost_runs)
    for row in forgotten:
        dumps = ", ".join(dump["path"] for dump in row["dumps"])
        report.problems.append(f"run {row['run_id']} lost articles; its dumps ({dumps}) stay in the ledger and would never be ingested again")
    for path in sorted(lost):
        table, values = PurePosixPath(path).parts[0], partition_values(path)
        if "release" in values and table != "runs":
            report.advice.append(f"{path} held derived rows: rebuild them with `newslake reprocess --release {values['release']}"
                                 + (f" --since {values['date']} --until {values['date']}`" if values.get("date", "unknown") != "unknown" else "`"))

    if repair and (lost or orphans or forgotten):
        report.repairs.append(_publish_repair(lake, base, readable, sorted(lost), orphans, fingerprints, forgotten, lost_runs))
    _check_schemas(lake, report, repair, publisher_of)
    return report


def _check_schemas(lake: Lake, report: CheckReport, repair: bool, publisher_of: PublisherOf | None) -> None:
    """Files an earlier version wrote, in schemas polars cannot read together with this version's: upgraded by a repair."""
    unrecorded = lake.before_manifests()
    stale = {} if lake.settings().get(SETTING) == schema_version() else stale_files(lake)
    if not stale and not unrecorded:
        return
    count = sum(map(len, stale.values()))
    if unrecorded:
        report.problems.append("the lake was written before manifests: its files have no recorded size or checksum")
    if stale:
        report.problems.append(f"{count} file(s) were written by an earlier version, in other schemas than this version declares "
                               f"({', '.join(f'{name} {len(paths)}' for name, paths in sorted(stale.items()))})")
    if repair:
        with lake.lock():
            report.repairs += upgrade_lake(lake, publisher_of).done


def _file_damage(lake: Lake, base: str, files: dict[str, FileRecord | None]) -> list[Damage]:
    tables = sorted({PurePosixPath(path).parts[0] for path in files} | set(TABLES))
    damage: list[Damage] = []
    retained = lake.retained_files()
    for name in tables:
        listed = {path: record for path, record in files.items() if PurePosixPath(path).parts[0] == name}
        present = lake._present(base, name)
        found = size_damage(listed, present)
        bad = {d.path for d in found}
        for path, record in sorted(listed.items()):
            if record is not None and path not in bad and file_sha256(f"{base}/{path}", lake.filesystem) != record.sha256:
                found.append(Damage(path, "corrupt", "sha256 differs from the recorded one"))
        found += [Damage(path, "unlisted", "stored but in no manifest: readers through the lake do not see it") for path in sorted(set(present) - set(listed) - retained)]
        damage += found
    return damage


def _dataset(lake: Lake, base: str, files: dict[str, FileRecord | None], name: str) -> ds.Dataset | None:
    table = spec(name)
    paths = sorted(f"{base}/{path}" for path in files if PurePosixPath(path).parts[0] == name)
    if not paths:
        return None
    return ds.dataset(paths, filesystem=lake.filesystem, format="parquet", schema=table.write_schema,
                      partitioning=ds.partitioning(table.partition_schema, flavor="hive") if table.partitions else None,
                      partition_base_dir=f"{base}/{name}")


def _column(lake: Lake, base: str, files: dict[str, FileRecord | None], name: str, column: str) -> list:
    dataset = _dataset(lake, base, files, name)
    return [] if dataset is None else dataset.to_table(columns=[column]).column(column).to_pylist()


def _rows(lake: Lake, base: str, files: dict[str, FileRecord | None], name: str) -> list[dict]:
    dataset = _dataset(lake, base, files, name)
    return [] if dataset is None else dataset.to_table().to_pylist()


def _ledger_rows(lake: Lake, base: str, files: dict[str, FileRecord | None], runs: set[str]) -> list[dict]:
    return [row for row in _rows(lake, base, files, "runs") if row["run_id"] in runs and row["dumps"]]


def _publish_repair(lake: Lake, base: str, files: dict[str, FileRecord | None], lost: list[str], orphans: list[dict],
                    fingerprints: list[dict], forgotten: list[dict], lost_runs: set[str]) -> str:
    """One commit: the state without the lost files, the fingerprints of lost articles, and the ledger entries of their dumps."""
    run_id = f"repair-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}"
    drop = list(lost)
    with lake.lock():
        staging = lake.stage(run_id)
        if orphans:
            drop.append("_dedupe")
            orphan_ids = {row["article_id"] for row in orphans}
            staging.write("_dedupe", pa.Table.from_pylist([r for r in fingerprints if r["article_id"] not in orphan_ids],
                                                           schema=spec("_dedupe").write_schema))
        if forgotten:
            folders = {lake.folder("runs", row["release"], row["date"]) for row in forgotten}
            drop += sorted(folders)
            by_folder = defaultdict(list)
            for row in _rows(lake, base, files, "runs"):
                by_folder[lake.folder("runs", row["release"], row["date"])].append(row)
            kept = [{**row, "dumps": [] if row["run_id"] in lost_runs else row["dumps"]}
                    for folder in sorted(folders) for row in by_folder[folder]]
            staging.write("runs", kept)
        lake.publish(staging, run_id, drop=drop)
    done = [f"published the lake without {len(lost)} damaged file(s)"] if lost else []
    if orphans:
        done.append(f"dropped {len(orphans)} dedupe entries of lost articles")
    if forgotten:
        dumps = sorted({dump["path"] for row in forgotten for dump in row["dumps"]})
        done.append(f"removed {len(dumps)} dump(s) from the ledger so the next run ingests them again: {', '.join(dumps)}")
    return "; ".join(done)
