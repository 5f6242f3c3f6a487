"""The lake in a folder: snapshots of hard links, published by swapping one symlink.

Layout::

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

import pyarrow.fs as pafs

from newslake.errors import NewslakeError
from newslake.schemas import TABLES, spec
from newslake.tasks.lake.base import KEEP_PREVIOUS, LOCK, Lake
from newslake.tasks.lake.staging import Staging
from newslake.tasks.lake.writer import write_partitioned

CURRENT = "_current"
SNAPSHOTS = "_snapshots"
STAGING = "_staging"
SETTINGS = "_lake.json"
_SNAPSHOT_NAME = re.compile(r"^\d{6}$")


class LocalLake(Lake):
    """A lake in a folder: snapshots of hard links, published by swapping one symlink."""

    def __init__(self, root: str | Path) -> None:
        if isinstance(root, str) and root.startswith("file://"):
            root = pafs.FileSystem.from_uri(root)[1]
        self.root = Path(root)
        self.filesystem = pafs.LocalFileSystem()

    def create_or_check(self) -> None:
        """Create the lake if the folder is missing or empty; E020 if it holds something else."""
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
            write_partitioned(spec(name), files, building / name, run_id)
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
