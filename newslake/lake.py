"""The analyst's entry point: lake tables as polars LazyFrames.

    >>> from newslake.lake import scan
    >>> scan("articles").filter(pl.col("source") == "nytimes.com").collect()

`scan` reads exactly the files of the lake's published state, so it never
sees a run that is still being published. On a local lake these are the
files a plain `pl.scan_parquet("<lake>/<table>/**/*.parquet",
hive_partitioning=True)` sees too; on object storage (`lake="s3://bucket/lake"`)
a glob also sees unpublished and replaced files, so use `scan` there
(docs/lake.md).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from newslake.errors import NewslakeError
from newslake.schemas import spec
from newslake.tasks.lake import DEFAULT_LAKE, open_lake


def scan(table: str, lake: str | Path = DEFAULT_LAKE, release: str | None = None) -> pl.LazyFrame:
    """All published rows of `table` in the lake at `lake` (a folder, or a URI such as `s3://bucket/lake`).

    For a table with a release level, `release=None` reads the lake's default
    release (the first one written, or the last one promoted with `newslake
    promote`) and `release="*"` reads them all. Partition columns are strings
    (`date` may be `unknown`); an empty table comes back as an empty frame
    with the declared columns.
    """
    table_spec = spec(table)
    if not table_spec.public:
        raise NewslakeError("E021", f"{table!r} is internal to the lake")
    if release is not None and "release" not in table_spec.partitions:
        raise NewslakeError("E021", f"{table!r} has no release level; drop the release argument")
    the_lake = open_lake(lake, create=False)
    if not the_lake.exists():
        raise NewslakeError("E021", f"{the_lake.root}/{table} does not exist; run `newslake run` first or pass the right lake")
    if "release" in table_spec.partitions and release is None:
        release = the_lake.settings().get("default_release")
    files = the_lake.sources(table)
    if not files:
        return pl.LazyFrame(schema=pl.Schema(pl.from_arrow(table_spec.write_schema.empty_table()).schema))
    frame = pl.scan_parquet(
        files,
        hive_partitioning=True,
        hive_schema={name: pl.String for name in table_spec.partitions},
        storage_options=the_lake.storage_options(),
    )
    if release not in (None, "*"):
        frame = frame.filter(pl.col("release") == release)
    return frame


def default_release(lake: str | Path = DEFAULT_LAKE) -> str | None:
    """The release analysts see by default, from the lake's published settings."""
    return open_lake(lake, create=False).settings().get("default_release")
