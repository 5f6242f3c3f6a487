"""What flows and readers rely on, wherever the lake lives: the `Lake` interface and its shared reads."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from newslake.errors import NewslakeError
from newslake.schemas import spec
from newslake.tasks.lake.records import FileRecord, size_damage

if TYPE_CHECKING:
    from newslake.tasks.lake.staging import Staging

DEFAULT_LAKE = "data/lake"
LOCK = "_lock"
UNDATED = "unknown"
# Versions kept besides the current one, for readers that listed files just before a publish.
KEEP_PREVIOUS = 1


def partition_values(folder: str) -> dict[str, str]:
    """The `name=value` levels of a partition folder: `entities/release=b/date=x` -> {release: b, date: x}."""
    return dict(part.split("=", 1) for part in PurePosixPath(folder).parts if "=" in part)


def run_of(path: str) -> str | None:
    """The run that wrote a published file (`.../part-<run_id>-<i>.parquet`), None for other names."""
    name = PurePosixPath(path).name
    if not (name.startswith("part-") and name.endswith(".parquet")):
        return None
    return name.removeprefix("part-").removesuffix(".parquet").rsplit("-", 1)[0]


class Lake(ABC):
    """A lake of hive-partitioned tables with one published state, changed only by `publish`.

    Get one with `newslake.tasks.lake.open_lake`: a `LocalLake` for a folder, an
    `ObjectLake` for an object-store URI.
    """

    root: Path | str
    filesystem: pafs.FileSystem

    @abstractmethod
    def create_or_check(self) -> None:
        """Create the lake if its place is missing or empty; refuse a place that holds something else."""

    # --- reading -------------------------------------------------------------

    @abstractmethod
    def exists(self) -> bool:
        """Whether a lake has been created at `root`."""

    @abstractmethod
    def settings(self) -> dict[str, Any]:
        """Lake-wide settings of the published state, such as `default_release`."""

    @abstractmethod
    def published_files(self) -> tuple[str, dict[str, FileRecord | None]]:
        """Where the published state's files lie (a path of `self.filesystem`) and each file, relative
        to it, with what was recorded of it (None: written before records were kept), from one state."""

    @abstractmethod
    def _present(self, base: str, name: str) -> dict[str, int]:
        """The Parquet files actually stored for table `name` under `base`: relative path -> size."""

    def retained_files(self) -> set[str]:
        """Files beside the published state's own, kept for readers of an earlier state (none by default)."""
        return set()

    def _committed(self, name: str) -> tuple[str, list[str]]:
        """The folder of table `name` and its published files, as paths of `self.filesystem`.

        A listed file that is gone or has another size than recorded is an error (E025):
        reading on would silently return fewer rows, or fail deep inside the Parquet reader.
        """
        spec(name)
        base, files = self.published_files()
        listed = {path: record for path, record in files.items() if PurePosixPath(path).parts[0] == name}
        damage = size_damage(listed, self._present(base, name))
        if damage:
            more = f" and {len(damage) - 1} more" if len(damage) > 1 else ""
            raise NewslakeError("E025", f"{self.root}: {damage[0]}{more}; run `newslake check --lake {self.root}` "
                                        "to see the damage and `--repair` to publish the lake without it")
        return f"{base}/{name}", sorted(f"{base}/{path}" for path in listed)

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

    def partitions(self, name: str, release: str | None = None, dates: Iterable[str] | None = None) -> list[str]:
        """Relative folders holding published data of table `name`, e.g. `entities/release=b/date=x`,
        only those of `release` and of `dates` when given."""
        folder, files = self._committed(name)
        found = {str(PurePosixPath(name) / PurePosixPath(f).parent.relative_to(folder)) for f in files}
        wanted = None if dates is None else set(dates)
        return sorted(
            f for f in found
            if (release is None or partition_values(f).get("release") == release)
            and (wanted is None or partition_values(f).get("date") in wanted)
        )

    def dates(self, name: str, release: str | None = None) -> set[str]:
        """The `date` partition values of table `name` (within `release` when given); `unknown` included."""
        return {partition_values(f)["date"] for f in self.partitions(name, release) if "date" in partition_values(f)}

    def releases(self, *names: str) -> set[str]:
        """The releases with published rows in any of the tables `names`."""
        return {partition_values(f)["release"] for name in names for f in self.partitions(name) if "release" in partition_values(f)}

    @staticmethod
    def folder(name: str, release: str | None = None, date: str | None = None) -> str:
        """The relative folder of a partition, as `publish(drop=...)` takes it: `entities/release=b/date=x`."""
        spec(name)
        levels = [f"{key}={value}" for key, value in (("release", release), ("date", date)) if value is not None]
        return str(PurePosixPath(name, *levels))

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
        `entities/release=b`) or files that the new state leaves out: replacing
        partitions is dropping them and publishing their new rows in the same commit.
        `settings` are merged into the lake's settings (e.g. the promoted release).
        Returns where the new state is recorded.
        """

    def before_manifests(self) -> bool:
        """Whether the published state was written before manifests (and `record_manifest` would record one)."""
        return False

    def record_manifest(self) -> str | None:
        """Record the manifest of a published state written before manifests, and say so; None when
        there is none to record (the default). Call with the lock held."""
        return None

    @abstractmethod
    def clean_up(self) -> None:
        """Remove what a killed run left and what no reader can need any more. Call with the lock held."""
