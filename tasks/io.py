"""The lake: staged writes, all-or-nothing publishing, reads of the published state.

`Lake(root)` and `Lake.open(root)` give a `LocalLake` for a folder and an
`ObjectLake` (`newslake.tasks.object_lake`) for an object-store URI such as
`s3://bucket/lake`; flows use either through the interface of `Lake`.

Layout of a local lake::

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
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newslake.errors import NewslakeError
from newslake.schemas import TABLES, TableSpec, spec, validate

CURRENT = "_current"
SNAPSHOTS = "_snapshots"
STAGING = "_staging"
LOCK = "_lock"
SETTINGS = "_lake.json"
_SNAPSHOT_NAME = re.compile(r"^\d{6}$")
# Versions kept besides the current one, for readers that listed files just before a publish.
KEEP_PREVIOUS = 1


def is_object_store(root: str | Path) -> bool:
    """Whether `root` is a URI of an object store (`s3://bucket/lake`, any `pyarrow.fs` URI but `file://`)."""
    return isinstance(root, str) and "://" in root and not root.startswith("file://")


class Lake(ABC):
    """What flows and readers rely on, wherever the lake lives.

    Like `pathlib.Path`, `Lake(root)` builds the right kind: a `LocalLake` for a
    folder (a path or a `file://` URI), an `ObjectLake` for an object-store URI.
    `Lake.open(root)` also creates the lake if it does not exist yet.
    """

    root: Path | str
    filesystem: pafs.FileSystem

    def __new__(cls, root: str | Path | None = None) -> Lake:  # None: unpickling a concrete lake
        if cls is Lake:
            if is_object_store(root):
                from newslake.tasks.object_lake import ObjectLake  # imports this module

                cls = ObjectLake
            else:
                cls = LocalLake
        return super().__new__(cls)

    @classmethod
    def open(cls, root: str | Path) -> Lake:
        """The lake at `root`, created if the place is missing or empty; E020 if it holds something else."""
        lake = cls(root)
        lake._create_or_check()
        return lake

    @abstractmethod
    def _create_or_check(self) -> None: ...

    # --- reading (shared) ----------------------------------------------------

    @abstractmethod
    def exists(self) -> bool:
        """Whether a lake has been created at `root`."""

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """Lake-wide settings of the published state, such as `default_release`."""

    @abstractmethod
    def _committed(self, name: str) -> tuple[str, list[str]]:
        """The folder of table `name` and its published files, as paths of `self.filesystem`, from one consistent state."""

    def sources(self, name: str) -> list[str]:
        """The published files of `name` as paths or URIs that polars opens (with `storage_options()`)."""
        return self._committed(name)[1]

    def storage_options(self) -> dict[str, str] | None:
        """Credentials and endpoint for polars to read `sources()`; None where polars needs none."""
        return None

    def read(self, name: str, columns: Sequence[str] | None = None, filter: Any = None) -> pa.Table:
        """The published rows of `name` (partition columns included)."""
        return self._dataset(name).to_table(columns=list(columns) if columns else None, filter=filter)

    def batches(self, name: str, columns: Sequence[str], filter: Any = None, batch_size: int = 1000) -> Iterator[pa.Table]:
        """The published rows of `name`, `batch_size` at a time: memory stays bounded on a large lake."""
        for batch in self._dataset(name).to_batches(columns=list(columns), filter=filter, batch_size=batch_size):
            if batch.num_rows:
                yield pa.Table.from_batches([batch])

    def partitions(self, name: str) -> list[str]:
        """Relative folders holding published data of table `name`, e.g. `entities/release=b/date=x`."""
        folder, files = self._committed(name)
        return sorted({str(PurePosixPath(name) / PurePosixPath(f).parent.relative_to(folder)) for f in files})

    def _dataset(self, name: str) -> ds.Dataset:
        table = spec(name)
        folder, files = self._committed(name)
        return ds.dataset(
            files,
            filesystem=self.filesystem,
            format="parquet",
            schema=table.write_schema,
            partitioning=ds.partitioning(table.partition_schema, flavor="hive") if table.partitions else None,
            partition_base_dir=folder,
        )

    # --- writing -------------------------------------------------------------

    @abstractmethod
    def lock(self) -> AbstractContextManager[None]:
        """One writer at a time; a second gets E022 at once rather than waiting all night."""

    @abstractmethod
    def stage(self, run_id: str) -> Staging:
        """Where run `run_id` writes its shards before publishing (invisible to readers)."""

    @abstractmethod
    def publish(self, staging: Staging, run_id: str, drop: Sequence[str] = (), settings: dict[str, Any] | None = None) -> Path | str:
        """Make everything staged visible at once. Call with the lock held.

        `drop` names published folders (`entities/release=b/date=2024-11-19`,
        `entities/release=b`) that the new state leaves out: replacing partitions
        is dropping them and publishing their new rows in the same commit.
        `settings` are merged into the lake's settings (e.g. the promoted release).
        Returns where the new state is recorded.
        """

    @abstractmethod
    def clean_up(self) -> None:
        """Remove what a killed run left and what no reader can need any more. Call with the lock held."""


class LocalLake(Lake):
    """A lake in a folder: snapshots of hard links, published by swapping one symlink."""

    def __init__(self, root: str | Path) -> None:
        if isinstance(root, str) and root.startswith("file://"):
            root = pafs.FileSystem.from_uri(root)[1]
        self.root = Path(root)
        self.filesystem = pafs.LocalFileSystem()

    def _create_or_check(self) -> None:
        root = self.root
        if root.exists() and not (root / SNAPSHOTS).is_dir():
            if not root.is_dir() or any(root.iterdir()):
                raise NewslakeError("E020", f"{root} exists and is not a newslake lake; pass --lake with a new or empty folder")
        if not (root / CURRENT).exists():
            self._initialise()
        self._link_tables()

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

    def exists(self) -> bool:
        return (self.root / CURRENT).is_dir()

    @property
    def snapshot(self) -> Path:
        return (self.root / CURRENT).resolve()

    def table_dir(self, name: str) -> Path:
        spec(name)
        return self.snapshot / name

    def _committed(self, name: str) -> tuple[str, list[str]]:
        folder = self.table_dir(name)  # resolved once: a swap meanwhile cannot mix two snapshots
        return folder.as_posix(), sorted(f.as_posix() for f in folder.rglob("*.parquet"))

    def settings(self) -> dict[str, Any]:
        path = self.root / CURRENT / SETTINGS
        return json.loads(path.read_text()) if path.exists() else {}

    # --- writing -------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
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
        """Build the next snapshot beside the current one, then swap `_current` to it (see the module doc)."""
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
        # An earlier attempt may have got as far as the rename but not the swap: never current, safe to replace.
        shutil.rmtree(final, ignore_errors=True)
        os.rename(building, final)
        _point(self.root / CURRENT, final)
        self.clean_up()
        return final

    def clean_up(self) -> None:
        """Remove staging and snapshots no reader can need."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        snapshots = sorted(p for p in (self.root / SNAPSHOTS).iterdir() if p.is_dir())
        current = self.snapshot
        complete = [p for p in snapshots if _SNAPSHOT_NAME.match(p.name) and p.name <= current.name]
        keep = set(complete[-1 - KEEP_PREVIOUS :]) | {current}
        for path in snapshots:
            if path not in keep:
                shutil.rmtree(path, ignore_errors=True)


class Staging:
    """Validated shard files of one run, waiting to be published (always on local disk)."""

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


def _write_partitioned(
    table: TableSpec, files: list[Path], destination: str | Path, run_id: str, filesystem: pafs.FileSystem | None = None
) -> list[str]:
    """Rewrite the staged shard files of one table into hive partitions, one file per partition.

    Returns the paths written (in `filesystem`, the local one by default).
    """
    written: list[str] = []
    ds.write_dataset(
        ds.dataset([str(f) for f in files], format="parquet", schema=table.write_schema),
        str(destination),
        filesystem=filesystem,
        format="parquet",
        partitioning=ds.partitioning(table.partition_schema, flavor="hive") if table.partitions else None,
        basename_template=f"part-{run_id}-{{i}}.parquet",
        # New names only: existing files are shared with the previous version.
        existing_data_behavior="overwrite_or_ignore",
        # Object stores have no folders; creating them would only add empty marker objects.
        create_dir=filesystem is None or filesystem.type_name == "local",
        file_visitor=lambda file: written.append(file.path),
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        max_rows_per_file=1_000_000,
        max_rows_per_group=64_000,
        min_rows_per_group=0,
    )
    return written


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
