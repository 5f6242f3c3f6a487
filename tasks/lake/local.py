"""The lake in a folder: snapshots of hard links, published by swapping one symlink.

Layout::

    articles -> _current/articles          fixed links that analysts glob through
    rejects  -> _current/rejects
    runs     -> _current/runs
    _current -> _snapshots/000042          the one pointer that a publish swaps
    _snapshots/000042/<table>/[release=..]/date=../part-<run_id>-<n>.parquet
    _snapshots/000042/_manifest.json       every file with size, sha256, rows (snapshots.py)
    _staging/<run_id>/<table>/shard-*.parquet
    _lock

A run writes its shards under `_staging/` (invisible to readers). Publishing
builds the next snapshot beside the current one (hard links to every file the
current manifest lists, each checked against its recorded size first, plus the
new files written through pyarrow datasets into hive partitions), then swaps
`_current` with one atomic rename. Whatever instant a
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
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow.fs as pafs

from newslake.errors import NewslakeError
from newslake.schemas import TABLES, spec
from newslake.tasks.lake import snapshots
from newslake.tasks.lake.base import KEEP_PREVIOUS, LOCK, Lake
from newslake.tasks.lake.records import FileRecord, record_of, size_damage
from newslake.tasks.lake.snapshots import CURRENT, MANIFEST, PUBLISHED, SNAPSHOTS, SnapshotManifest
from newslake.tasks.lake.staging import Staging
from newslake.tasks.lake.writer import write_partitioned

STAGING = "_staging"
SETTINGS = "_lake.json"
# Names only a lake holds: a folder with any of them is a lake, never a new one.
_LAKE_NAMES = {CURRENT, SNAPSHOTS, LOCK}


class LocalLake(Lake):
    """A lake in a folder: snapshots of hard links, published by swapping one symlink."""

    def __init__(self, root: str | Path) -> None:
        if isinstance(root, str) and root.startswith("file://"):
            root = pafs.FileSystem.from_uri(root)[1]
        self.root = Path(root)
        self.filesystem = pafs.LocalFileSystem()

    def create_or_check(self) -> None:
        """Create the lake if the folder is missing or empty, then check `_current` (E024) and link the tables.

        Safe for several processes at once: every step creates its name atomically or finds it made.
        """
        root = self.root
        if root.exists() and not root.is_dir():
            raise NewslakeError("E020", f"{root} exists and is not a newslake lake; pass --lake with a new or empty folder")
        entries = set(os.listdir(root)) if root.is_dir() else set()
        if entries and not entries & _LAKE_NAMES:
            raise NewslakeError("E020", f"{root} exists and is not a newslake lake; pass --lake with a new or empty folder")
        if self._is_new():
            self._initialise()
        snapshots.current(root)
        self._link_tables()

    def _is_new(self) -> bool:
        """Nothing was ever published here: no pointer at all and no snapshot but the empty first one."""
        if os.path.lexists(self.root / CURRENT):
            return False
        folder = self.root / SNAPSHOTS
        names = set(os.listdir(folder)) if folder.is_dir() else set()
        return all(name == snapshots.name_of(0) or name.endswith(".building") for name in names)

    def _initialise(self) -> None:
        folder = self.root / SNAPSHOTS
        first = folder / snapshots.name_of(0)
        folder.mkdir(parents=True, exist_ok=True)
        if not first.is_dir():
            building = folder / f"{first.name}.{uuid.uuid4().hex}.building"
            building.mkdir()
            for name in TABLES:
                (building / name).mkdir()
            snapshots.write_manifest(building, SnapshotManifest(0, None, None))
            (building / PUBLISHED).touch()
            try:
                os.rename(building, first)
            except OSError:  # another process created it first
                shutil.rmtree(building, ignore_errors=True)
        try:
            os.symlink(os.path.relpath(first, self.root), self.root / CURRENT)
        except FileExistsError:  # made by another process; never replace a pointer here
            pass

    def _link_tables(self) -> None:
        for table in TABLES.values():
            if table.public and not (self.root / table.name).is_symlink():
                try:
                    os.symlink(Path(CURRENT) / table.name, self.root / table.name)
                except FileExistsError:
                    pass

    # --- reading -------------------------------------------------------------

    def exists(self) -> bool:
        return os.path.lexists(self.root / CURRENT) or (self.root / SNAPSHOTS).is_dir()

    @property
    def snapshot(self) -> Path:
        """The published snapshot (E024 when `_current` is not sound)."""
        return snapshots.current(self.root)

    def table_dir(self, name: str) -> Path:
        spec(name)
        return self.snapshot / name

    def published_files(self) -> tuple[str, dict[str, FileRecord | None]]:
        snapshot = self.snapshot  # resolved once: a swap meanwhile cannot mix two snapshots
        if not (snapshot / MANIFEST).exists():  # written before manifests: its files as they are
            return snapshot.as_posix(), dict.fromkeys(_parquet_files(snapshot))
        return snapshot.as_posix(), dict(_manifest(snapshot).files)

    def _present(self, base: str, name: str) -> dict[str, int]:
        folder = Path(base)
        return {f.relative_to(folder).as_posix(): f.stat().st_size for f in (folder / name).rglob("*.parquet")}

    def settings(self) -> dict[str, Any]:
        if not self.exists():
            return {}
        path = self.snapshot / SETTINGS
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
        """Build the next snapshot beside the current one, then swap `_current` to it (see the module doc).

        Every file carried over is checked against its recorded size first: a damaged
        file is reported (E025), never linked into the next snapshot.
        """
        self.record_manifest()
        current = self.snapshot
        manifest = _manifest(current)
        dropped = [PurePosixPath(d) for d in drop]
        carried = {path: record for path, record in manifest.files.items()
                   if not any(PurePosixPath(path).is_relative_to(d) for d in dropped)}
        present = {path: (current / path).stat().st_size for path in carried if (current / path).is_file()}
        damage = size_damage(dict(carried), present)
        if damage:
            raise NewslakeError("E025", f"{self.root}: {damage[0]}{f' and {len(damage) - 1} more' if len(damage) > 1 else ''}; "
                                        f"nothing was published: run `newslake check --lake {self.root}`, then `--repair`")
        number = manifest.number + 1
        building = current.parent / f"{snapshots.name_of(number)}.building"
        final = current.parent / snapshots.name_of(number)
        shutil.rmtree(building, ignore_errors=True)
        if final.exists():  # refused above if published; else a build killed before its swap, never current
            shutil.rmtree(final)
        files = dict(carried)
        for path in carried:
            (building / path).parent.mkdir(parents=True, exist_ok=True)
            _hard_link(current / path, building / path)
        for name, staged in staging.files().items():
            for written in write_partitioned(spec(name), staged, building / name, run_id):
                files[Path(written).relative_to(building).as_posix()] = record_of(written)
        for name in TABLES:
            (building / name).mkdir(exist_ok=True)
        (building / SETTINGS).write_text(json.dumps({**self.settings(), **(settings or {})}, sort_keys=True))
        snapshots.write_manifest(building, SnapshotManifest(number, manifest.number, run_id, files))
        os.rename(building, final)
        snapshots.point(self.root / CURRENT, final)
        (final / PUBLISHED).touch()
        self.clean_up()
        return final

    def clean_up(self) -> None:
        """Remove staging, half-built snapshots, builds killed before their swap, and snapshots older than
        the previous one. Never the current snapshot or a published one newer than it (opening refuses those)."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        self.record_manifest()  # a lake written before manifests: its snapshot is kept as it is
        current = self.snapshot
        (current / PUBLISHED).touch()  # a publish killed between its swap and its marker
        number = snapshots.number_of(current)
        older = sorted(n for n, folder in snapshots.complete(self.root).items() if n < number)
        keep = set(older[len(older) - KEEP_PREVIOUS:]) | {number}
        for path in (self.root / SNAPSHOTS).iterdir():
            n = snapshots.number_of(path)
            if path.name.endswith(".building") or (n is not None and n not in keep and not (n > number and snapshots.is_published(path))):
                shutil.rmtree(path, ignore_errors=True)

    def repair_pointer(self) -> str | None:
        """Point `_current` at the newest published snapshot, or record the manifest of a snapshot written
        before manifests; None when the pointer is sound. Call with the lock held."""
        try:
            snapshots.current(self.root)
            return None
        except NewslakeError:
            pass
        published = [folder for folder in snapshots.complete(self.root).values() if snapshots.is_published(folder)]
        if published:
            snapshots.point(self.root / CURRENT, published[-1])
            return f"pointed {CURRENT} at {SNAPSHOTS}/{published[-1].name}, the newest published snapshot"
        number, _ = snapshots.pointed(self.root)
        if number is None:
            raise NewslakeError("E024", f"{self.root}: no complete snapshot is left to point {CURRENT} at; restore the lake from a backup")
        return self._record(self.root / SNAPSHOTS / snapshots.name_of(number))

    def before_manifests(self) -> bool:
        return snapshots.before_manifests(self.root) is not None

    def record_manifest(self) -> str | None:
        """Record the manifest of a snapshot written before manifests (`snapshots.before_manifests`) from
        its files as they are, and say so; None when the lake has manifests. Call with the lock held."""
        folder = snapshots.before_manifests(self.root)
        return None if folder is None else self._record(folder)

    @staticmethod
    def _record(folder: Path) -> str:
        files = {path: record_of(folder / path) for path in _parquet_files(folder)}
        snapshots.write_manifest(folder, SnapshotManifest(snapshots.number_of(folder) or 0, None, None, files))
        (folder / PUBLISHED).touch()
        return f"recorded the manifest of {SNAPSHOTS}/{folder.name} from its {len(files)} files as they are"


@lru_cache(maxsize=8)
def _cached_manifest(folder: Path, mtime_ns: int) -> SnapshotManifest | None:
    return snapshots.read_manifest(folder)


def _manifest(folder: Path) -> SnapshotManifest:
    """The manifest of a complete snapshot; a snapshot never changes once complete, so it is read once."""
    manifest = _cached_manifest(folder, (folder / MANIFEST).stat().st_mtime_ns)
    if manifest is None:
        raise NewslakeError("E024", f"{folder}/{MANIFEST} cannot be read; run `newslake check --repair`")
    return manifest


def _parquet_files(snapshot: Path) -> list[str]:
    """The Parquet files stored in a snapshot folder, relative to it."""
    return [f.relative_to(snapshot).as_posix() for f in sorted(snapshot.rglob("*.parquet"))]


def _hard_link(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
