"""The lake on object storage (`s3://bucket/lake`, any `pyarrow.fs` URI): a manifest is the commit.

Layout under the lake URI::

    <table>/[release=..]/date=../part-<run_id>-<n>.parquet   data files, never overwritten
    _manifests/0000000042.json                               the published state, one object per version
    _lock                                                    best-effort writer lock

Object stores have no rename and no links, so the local lake's snapshot swap
becomes a commit protocol. Publishing writes the run's files under their final
hive paths (new, unique names), then PUTs one manifest `_manifests/<n+1>.json`
listing every published file of every table plus the lake settings. That PUT
is the commit: a PUT is atomic, and listing is strongly consistent, so the
current state is the manifest with the highest number. After the commit,
files that neither the current nor the previous manifest lists are deleted,
and so are older manifests. A run that dies before its PUT leaves only files
that no manifest lists; the next writer's `clean_up` deletes them.

Readers that go through the manifest (`Lake.read`, `newslake.lake.scan`) see
all of a run or none of it. A plain glob over `<table>/**/*.parquet` does not:
it also sees files no manifest lists yet or any more (docs/lake.md).

One writer at a time is the operator's job: the `_lock` object catches a
second run started while one is running, but unlike `flock` it is not atomic.
Staging stays on local disk (under the temporary folder), as it is the
writing process's own.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

import pyarrow.fs as pafs

from newslake.errors import NewslakeError
from newslake.schemas import TABLES, spec
from newslake.tasks.lake.base import KEEP_PREVIOUS, LOCK, Lake
from newslake.tasks.lake.records import FileRecord, record_of, size_damage
from newslake.tasks.lake.staging import Staging
from newslake.tasks.lake.writer import write_partitioned

LOGGER = logging.getLogger(__name__)
MANIFESTS = "_manifests"
MANIFEST_FORMAT = "newslake-manifest/2"
# Version 1 listed files without their size, checksum and row count; such files are checked for presence only.
_READABLE_FORMATS = ("newslake-manifest/1", MANIFEST_FORMAT)
_MANIFEST_NAME = re.compile(r"^(\d{10})\.json$")
# A reader lists the manifests, then reads the newest; a publish may collect it in between.
_READ_ATTEMPTS = 3


@dataclass(frozen=True)
class Manifest:
    """One published state: every file of every table (relative to the lake root) and the settings."""

    number: int
    tables: dict[str, list[str]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    records: dict[str, FileRecord] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.number:010d}.json"

    def files(self) -> set[str]:
        return {path for paths in self.tables.values() for path in paths}

    def to_json(self, run_id: str | None) -> bytes:
        document = {
            "format": MANIFEST_FORMAT,
            "number": self.number,
            "run_id": run_id,
            "committed_at": datetime.now(UTC).isoformat(),
            "settings": self.settings,
            "tables": self.tables,
            "files": {path: record.to_json() for path, record in sorted(self.records.items())},
        }
        return json.dumps(document, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        document = json.loads(data)
        if document.get("format") not in _READABLE_FORMATS:
            raise NewslakeError("E020", f"manifest format {document.get('format')!r} is not {MANIFEST_FORMAT!r}; upgrade newslake")
        records = {path: FileRecord.from_json(record) for path, record in document.get("files", {}).items()}
        return cls(int(document["number"]), dict(document["tables"]), dict(document["settings"]), records)


class ObjectLake(Lake):
    """A lake under an object-store URI, published by one manifest PUT per run."""

    def __init__(self, root: str) -> None:
        parts = urlsplit(root)
        self.uri = root
        # Without credentials or query: safe to print in messages and logs.
        self.root = urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path.rstrip("/"), "", ""))
        self.filesystem, path = pafs.FileSystem.from_uri(root)
        self.path = path.rstrip("/")
        if any("=" in part for part in PurePosixPath(self.path).parts):
            raise NewslakeError("E020", f"{self.root}: a lake path cannot hold a `name=value` folder, readers would take it for a partition")
        self._staging_root = Path(tempfile.gettempdir()) / "newslake-staging" / hashlib.sha256(self.root.encode()).hexdigest()[:16]

    def create_or_check(self) -> None:
        """Create the lake if the prefix holds nothing; E020 if it holds something else."""
        if self._manifest_numbers():
            return
        entries = self.filesystem.get_file_info(pafs.FileSelector(self.path, allow_not_found=True))
        if any(entry.base_name != LOCK for entry in entries):
            raise NewslakeError("E020", f"{self.root} holds objects but no {MANIFESTS}/; pass --lake with a new or empty prefix")
        self._put(self._manifest_path(0), Manifest(0, {name: [] for name in TABLES}).to_json(None))

    # --- reading -------------------------------------------------------------

    def exists(self) -> bool:
        return bool(self._manifest_numbers())

    def current(self) -> Manifest:
        """The published state: the manifest with the highest number (an empty one before the first).

        A newest manifest that cannot be read is refused (E024), never skipped: the one
        before it may list files the newest one replaced, and `clean_up` would trust it.
        """
        attempts = _READ_ATTEMPTS
        while True:
            numbers = self._manifest_numbers()
            if not numbers:
                return Manifest(-1)
            try:
                return self._manifest(numbers[-1])
            except FileNotFoundError:
                attempts -= 1
                if not attempts:
                    raise
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                if isinstance(exc, NewslakeError):
                    raise
                raise NewslakeError("E024", f"{self.root}/{MANIFESTS}/{numbers[-1]:010d}.json, the published state, cannot be read "
                                            f"({type(exc).__name__}); nothing was changed: run `newslake check --repair --lake {self.root}` "
                                            "to publish the newest readable manifest again") from None

    def published_files(self) -> tuple[str, dict[str, FileRecord | None]]:
        state = self.current()
        return self.path, {path: state.records.get(path) for path in state.files()}

    def retained_files(self) -> set[str]:
        """The previous manifest's files: collected by the next publish, not before (see the module doc)."""
        numbers = self._manifest_numbers()
        files: set[str] = set()
        for number in numbers[-1 - KEEP_PREVIOUS : -1]:
            try:
                files |= self._manifest(number).files()
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        return files

    def _present(self, base: str, name: str) -> dict[str, int]:
        selector = pafs.FileSelector(f"{base}/{name}", recursive=True, allow_not_found=True)
        return {
            str(PurePosixPath(entry.path).relative_to(base)): entry.size
            for entry in self.filesystem.get_file_info(selector)
            if entry.type == pafs.FileType.File and entry.base_name.endswith(".parquet")
        }

    def settings(self) -> dict[str, Any]:
        return dict(self.current().settings)

    def sources(self, name: str) -> list[str]:
        scheme = urlsplit(self.uri).scheme
        return [f"{scheme}://{path}" for path in self._committed(name)[1]]

    def storage_options(self) -> dict[str, str] | None:
        return polars_storage_options(self.uri)

    # --- writing -------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Best effort: refuses a second writer it can see, not two that start in the same instant."""
        path = f"{self.path}/{LOCK}"
        holder = self._read_json(path)
        if holder is not None and not _is_dead(holder):
            raise NewslakeError(
                "E022",
                f"another run (pid {holder.get('pid')} on {holder.get('host')}, since {holder.get('since')}) is writing to "
                f"{self.root}; wait for it to finish, or delete {self.root}/{LOCK} if it died",
            )
        if holder is not None:
            LOGGER.warning("taking over the lock of %s: its run (pid %s) is gone", self.root, holder.get("pid"))
        mine = {"host": socket.gethostname(), "pid": os.getpid(), "since": datetime.now(UTC).isoformat(), "token": uuid.uuid4().hex}
        self._put(path, json.dumps(mine).encode())
        if (self._read_json(path) or {}).get("token") != mine["token"]:
            raise NewslakeError("E022", f"another run took the lock of {self.root} at the same time; run one writer at a time")
        try:
            yield
        finally:
            if (self._read_json(path) or {}).get("token") == mine["token"]:
                self.filesystem.delete_file(path)

    def stage(self, run_id: str) -> Staging:
        return Staging(self._staging_root / run_id)

    def publish(self, staging: Staging, run_id: str, drop: Sequence[str] = (), settings: dict[str, Any] | None = None) -> str:
        """Write the run's files under their final paths, then commit them with one manifest PUT."""
        current = self.current()
        if any(PurePosixPath(path).name.startswith(f"part-{run_id}-") for path in current.files()):
            raise NewslakeError("E026", f"run id {run_id!r} is already published in {self.root}; every run needs a new one")
        dropped = [PurePosixPath(folder) for folder in drop]
        tables = {  # tables this version does not know stay as they are
            name: [path for path in current.tables.get(name, []) if not any(PurePosixPath(path).is_relative_to(d) for d in dropped)]
            for name in {*TABLES, *current.tables}
        }
        self._check_carried(current, tables)
        carried = {path for paths in tables.values() for path in paths}
        records = {path: record for path, record in current.records.items() if path in carried}
        for name, files in staging.files().items():
            written = write_partitioned(spec(name), files, f"{self.path}/{name}", run_id, self.filesystem)
            tables[name] += sorted(self._relative(path) for path in written)
            # Read back from the store: the checksum is of the object as stored, not as meant.
            records.update({self._relative(path): record_of(path, self.filesystem) for path in written})
        manifest = Manifest(current.number + 1, tables, {**current.settings, **(settings or {})}, records)
        path = self._manifest_path(manifest.number)
        if self.filesystem.get_file_info(path).type != pafs.FileType.NotFound:
            raise NewslakeError("E022", f"another run published {self.root}/{MANIFESTS}/{manifest.name} meanwhile; run one writer at a time")
        self._put(path, manifest.to_json(run_id))  # the commit
        self.clean_up()
        return f"{self.root}/{MANIFESTS}/{manifest.name}"

    def _check_carried(self, current: Manifest, tables: dict[str, list[str]]) -> None:
        """Every file the new state carries over is still stored, with its recorded size (one listing per table)."""
        for name, paths in tables.items():
            if not paths:
                continue
            damage = size_damage({path: current.records.get(path) for path in paths}, self._present(self.path, name))
            if damage:
                more = f" and {len(damage) - 1} more" if len(damage) > 1 else ""
                raise NewslakeError("E025", f"{self.root}: {damage[0]}{more}; nothing was published: "
                                            f"run `newslake check --lake {self.root}`, then `--repair`")

    def repair_pointer(self) -> str | None:
        """Publish the newest readable manifest again when the newest one cannot be read; None when it can."""
        try:
            self.current()
            return None
        except NewslakeError as exc:
            if exc.code != "E024":
                raise
        numbers = self._manifest_numbers()
        for number in reversed(numbers[:-1]):
            try:
                readable = self._manifest(number)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            manifest = Manifest(numbers[-1] + 1, readable.tables, readable.settings, readable.records)
            self._put(self._manifest_path(manifest.number), manifest.to_json(None))
            return f"published {MANIFESTS}/{readable.name} again as {MANIFESTS}/{manifest.name} (the newest could not be read)"
        raise NewslakeError("E024", f"{self.root}: no readable manifest is left; restore the lake from a backup")

    def clean_up(self) -> None:
        """Delete local staging, table files that neither the current nor the previous manifest lists, older manifests."""
        shutil.rmtree(self._staging_root, ignore_errors=True)
        numbers = self._manifest_numbers()
        if not numbers:
            return
        self.current()  # E024 rather than collect files by a state that cannot be read
        kept = numbers[-1 - KEEP_PREVIOUS :]
        referenced = set()
        for number in kept:
            try:
                referenced |= self._manifest(number).files()
            except (ValueError, KeyError, TypeError, AttributeError):
                return  # a previous state that cannot be read: keep every file rather than guess
        for name in TABLES:
            selector = pafs.FileSelector(f"{self.path}/{name}", recursive=True, allow_not_found=True)
            for entry in self.filesystem.get_file_info(selector):
                if entry.type == pafs.FileType.File and self._relative(entry.path) not in referenced:
                    self.filesystem.delete_file(entry.path)
        for number in numbers[: -len(kept)]:
            self.filesystem.delete_file(self._manifest_path(number))

    # --- objects ---------------------------------------------------------------

    def _manifest_path(self, number: int) -> str:
        return f"{self.path}/{MANIFESTS}/{number:010d}.json"

    def _manifest_numbers(self) -> list[int]:
        selector = pafs.FileSelector(f"{self.path}/{MANIFESTS}", allow_not_found=True)
        names = (_MANIFEST_NAME.match(entry.base_name) for entry in self.filesystem.get_file_info(selector))
        return sorted(int(match.group(1)) for match in names if match)

    def _manifest(self, number: int) -> Manifest:
        with self.filesystem.open_input_stream(self._manifest_path(number)) as stream:
            return Manifest.from_json(stream.read())

    def _relative(self, path: str) -> str:
        return str(PurePosixPath(path).relative_to(self.path))

    def _read_json(self, path: str) -> dict[str, Any] | None:
        try:
            with self.filesystem.open_input_stream(path) as stream:
                return json.loads(stream.read())
        except FileNotFoundError:
            return None

    def _put(self, path: str, data: bytes) -> None:
        """One object, written whole: readers see the old state or this one (a PUT is atomic)."""
        with self.filesystem.open_output_stream(path) as stream:
            stream.write(data)


def _is_dead(holder: dict[str, Any]) -> bool:
    """Whether a lock holder is a process of this machine that no longer runs (killed, e.g. by the OOM killer)."""
    if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
        return False
    try:
        os.kill(holder["pid"], 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def polars_storage_options(uri: str) -> dict[str, str] | None:
    """What polars needs to read an `s3://` URI the way pyarrow's `FileSystem.from_uri` reads it.

    The URI wins (`s3://KEY:SECRET@bucket/lake?endpoint_override=host:port&scheme=http&region=r`),
    then the usual AWS variables. Other schemes: None, polars reads their environment itself.
    """
    parts = urlsplit(uri)
    if parts.scheme != "s3":
        return None
    query = dict(parse_qsl(parts.query))
    env = os.environ
    endpoint = query.get("endpoint_override")
    if endpoint and "://" not in endpoint:
        endpoint = f"{query.get('scheme', 'https')}://{endpoint}"
    options = {
        "aws_endpoint_url": endpoint or env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL"),
        "aws_region": query.get("region") or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"),
        "aws_access_key_id": unquote(parts.username) if parts.username else env.get("AWS_ACCESS_KEY_ID"),
        "aws_secret_access_key": unquote(parts.password) if parts.password else env.get("AWS_SECRET_ACCESS_KEY"),
        "aws_session_token": None if parts.username else env.get("AWS_SESSION_TOKEN"),
    }
    if (options["aws_endpoint_url"] or "").startswith("http://"):
        options["aws_allow_http"] = "true"
    return {key: value for key, value in options.items() if value}
