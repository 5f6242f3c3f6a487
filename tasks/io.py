"""The lake on a local filesystem: staged writes and atomic, all-or-nothing publishing.

Layout under the lake root::

    articles -> _current/articles          fixed links that analysts glob through
    rejects  -> _current/rejects
    runs     -> _current/runs
    _current -> _snapshots/000042          the one pointer that a publish swaps
    _snapshots/000042/<table>/[release=..]/date=../part-<run_id>-<n>.parquet
    _staging/<run_id>/<table>/shard-*.parquet
    _lock

A run writes its shards under `_staging/` (invisible to readers). Publishing
builds the next snapshot beside the current one (hard links to every existing
file, plus the new files written through pyarrow datasets into hive
partitions), then swaps `_current` with one atomic rename. Whatever instant a
run dies at, `_current` names a complete snapshot: readers, including a plain
`pl.scan_parquet("<lake>/articles/**/*.parquet")`, see either all of a run or
none of it. Leftover staging and half-built snapshots are removed by the next
writer. Published files are never written to again (their names carry the
run id), which is what makes sharing them between snapshots by hard link safe.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newslake.errors import NewslakeError
from newslake.schemas import TABLES, TableSpec, spec, validate

CURRENT = "_current"
SNAPSHOTS = "_snapshots"
STAGING = "_staging"
LOCK = "_lock"
SETTINGS = "_lake.json"
_SNAPSHOT_NAME = re.compile(r"^\d{6}$")
# Snapshots kept besides the current one, for readers that resolved paths just before a swap.
_KEEP_PREVIOUS = 1


class Lake:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def open(cls, root: str | Path) -> Lake:
        """The lake at `root`, created if the folder is missing or empty."""
        root = Path(root)
        if root.exists() and not (root / SNAPSHOTS).is_dir():
            if not root.is_dir() or any(root.iterdir()):
                raise NewslakeError("E020", f"{root} exists and is not a newslake lake; pass --lake with a new or empty folder")
        lake = cls(root)
        if not (root / CURRENT).exists():
            lake._initialise()
        lake._link_tables()
        return lake

    def _initialise(self) -> None:
        first = self.root / SNAPSHOTS / "000000"
        first.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            (first / name).mkdir(exist_ok=True)
        _point(self.root / CURRENT, first)

    def _link_tables(self) -> None:
        for table in TABLES.values():
            link = self.root / table.name
            if table.public and not link.is_symlink():
                os.symlink(Path(CURRENT) / table.name, link)

    # --- reading -------------------------------------------------------------

    @property
    def snapshot(self) -> Path:
        return (self.root / CURRENT).resolve()

    def table_dir(self, name: str) -> Path:
        spec(name)
        return self.snapshot / name

    def read(self, name: str, columns: Sequence[str] | None = None, filter: Any = None) -> pa.Table:
        """The published rows of `name` in the current snapshot (partition columns included)."""
        return self._dataset(name).to_table(columns=list(columns) if columns else None, filter=filter)

    def batches(self, name: str, columns: Sequence[str], filter: Any = None, batch_size: int = 1000) -> Iterator[pa.Table]:
        """The published rows of `name`, `batch_size` at a time: memory stays bounded on a large lake."""
        for batch in self._dataset(name).to_batches(columns=list(columns), filter=filter, batch_size=batch_size):
            if batch.num_rows:
                yield pa.Table.from_batches([batch])

    def _dataset(self, name: str) -> ds.Dataset:
        table = spec(name)
        return ds.dataset(
            self.table_dir(name),
            format="parquet",
            schema=table.write_schema,
            partitioning=ds.partitioning(table.partition_schema, flavor="hive") if table.partitions else None,
        )

    # --- writing -------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time; a second gets E022 at once rather than waiting all night."""
        with open(self.root / LOCK, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise NewslakeError("E022", f"another run is writing to {self.root}; wait for it to finish") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def stage(self, run_id: str) -> Staging:
        return Staging(self.root / STAGING / run_id)

    def publish(self, staging: Staging, run_id: str, drop: Sequence[str] = (), settings: dict[str, Any] | None = None) -> Path:
        """Make everything staged visible at once. Call with the lock held.

        `drop` names folders of the current snapshot (`entities/release=b/date=2024-11-19`,
        `entities/release=b`) that the new snapshot leaves out: replacing partitions
        is dropping them and publishing their new rows in the same swap.
        `settings` are merged into the lake's settings (e.g. the promoted release).
        """
        current = self.snapshot
        number = int(current.name) + 1
        building = current.parent / f"{number:06d}.building"
        shutil.rmtree(building, ignore_errors=True)
        _link_tree(current, building, {PurePosixPath(d) for d in drop} | {PurePosixPath(SETTINGS)})
        for name, files in staging.files().items():
            _write_partitioned(spec(name), files, building / name, run_id)
        for name in TABLES:
            (building / name).mkdir(exist_ok=True)
        (building / SETTINGS).write_text(json.dumps({**self.settings(), **(settings or {})}, sort_keys=True))
        final = current.parent / f"{number:06d}"
        os.rename(building, final)
        _point(self.root / CURRENT, final)
        self.clean_up()
        return final

    def settings(self) -> dict[str, Any]:
        """Lake-wide settings of the current snapshot, such as `default_release`."""
        path = self.root / CURRENT / SETTINGS
        return json.loads(path.read_text()) if path.exists() else {}

    def partitions(self, name: str) -> list[str]:
        """Relative folders of the current snapshot holding data of table `name`, e.g. `entities/release=b/date=x`."""
        root = self.snapshot
        return sorted({str(f.parent.relative_to(root)) for f in (root / name).rglob("*.parquet")})

    def clean_up(self) -> None:
        """Remove staging and snapshots no reader can need. Call with the lock held."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        snapshots = sorted(p for p in (self.root / SNAPSHOTS).iterdir() if p.is_dir())
        current = self.snapshot
        complete = [p for p in snapshots if _SNAPSHOT_NAME.match(p.name) and p.name <= current.name]
        keep = set(complete[-1 - _KEEP_PREVIOUS :]) | {current}
        for path in snapshots:
            if path not in keep:
                shutil.rmtree(path, ignore_errors=True)


class Staging:
    """Validated shard files of one run, waiting to be published."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._counts: dict[str, int] = {}

    def write(self, name: str, rows: Sequence[dict[str, Any]] | pa.Table) -> int:
        if not isinstance(rows, pa.Table):
            rows = pa.Table.from_pylist(list(rows), schema=spec(name).write_schema)
        if rows.num_rows == 0:
            return 0
        table = validate(name, rows)
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        index = self._counts.get(name, 0)
        pq.write_table(table, folder / f"shard-{index:05d}.parquet", compression="zstd")
        self._counts[name] = index + 1
        return table.num_rows

    def tables(self, name: str, columns: Sequence[str] | None = None) -> Iterator[pa.Table]:
        """The staged shards of `name`, one table at a time (later stages read the run's articles)."""
        for path in self.files().get(name, []):
            yield pq.read_table(path, columns=list(columns) if columns else None)

    def files(self) -> dict[str, list[Path]]:
        if not self.root.exists():
            return {}
        return {d.name: sorted(d.glob("shard-*.parquet")) for d in sorted(self.root.iterdir()) if d.is_dir()}


def _write_partitioned(table: TableSpec, files: list[Path], destination: Path, run_id: str) -> None:
    """Rewrite the staged shard files of one table into hive partitions, one file per partition."""
    source = ds.dataset([str(f) for f in files], format="parquet", schema=table.write_schema)
    ds.write_dataset(
        source,
        destination,
        format="parquet",
        partitioning=ds.partitioning(table.partition_schema, flavor="hive") if table.partitions else None,
        basename_template=f"part-{run_id}-{{i}}.parquet",
        # New names only: existing files are hard links shared with the previous snapshot.
        existing_data_behavior="overwrite_or_ignore",
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        max_rows_per_file=1_000_000,
        max_rows_per_group=64_000,
        min_rows_per_group=0,
    )


def _link_tree(source: Path, destination: Path, leave_out: set[PurePosixPath]) -> None:
    """A copy of `source` made of hard links (a real copy where links are not supported), minus `leave_out`."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        relative = PurePosixPath(Path(folder).relative_to(source).as_posix())
        return [n for n in names if (relative / n if str(relative) != "." else PurePosixPath(n)) in leave_out]

    shutil.copytree(source, destination, copy_function=_hard_link, ignore=ignore)


def _hard_link(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _point(link: Path, target: Path) -> None:
    """Atomically make `link` a symlink to `target` (relative, so the lake can be moved)."""
    temporary = link.with_name(f"{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), temporary)
    os.replace(temporary, link)
