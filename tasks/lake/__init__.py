"""The lake: the one place that touches storage; staged writes, all-or-nothing publishing, reads of the published state.

`open_lake(root)` gives a `LocalLake` for a folder (`local.py`) and an
`ObjectLake` for an object-store URI such as `s3://bucket/lake` (`objects.py`);
flows use either through the `Lake` interface (`base.py`). A run writes its
shards to a `Staging` (`staging.py`); publishing rewrites them into hive
partitions (`writer.py`).
"""

from __future__ import annotations

from pathlib import Path

from newslake.tasks.lake.base import DEFAULT_LAKE, UNDATED, Lake
from newslake.tasks.lake.local import LocalLake
from newslake.tasks.lake.objects import ObjectLake, polars_storage_options
from newslake.tasks.lake.staging import Staging

__all__ = ["DEFAULT_LAKE", "UNDATED", "Lake", "LocalLake", "ObjectLake", "Staging", "is_object_store", "open_lake", "polars_storage_options"]


def is_object_store(root: str | Path) -> bool:
    """Whether `root` is a URI of an object store (`s3://bucket/lake`, any `pyarrow.fs` URI but `file://`)."""
    return isinstance(root, str) and "://" in root and not root.startswith("file://")


def open_lake(root: str | Path, create: bool = True) -> Lake:
    """The lake at `root`: a folder, a `file://` URI or an object-store URI.

    With `create`, a missing or empty place becomes a new lake; without it, the
    lake may not exist yet (`Lake.exists()` says). A place that holds anything
    else is refused (E020).
    """
    lake: Lake = ObjectLake(root) if is_object_store(root) else LocalLake(root)  # type: ignore[arg-type]
    if create:
        lake.create_or_check()
    return lake
