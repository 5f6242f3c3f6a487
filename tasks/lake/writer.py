"""The partition writer: a table's staged shards rewritten into hive partitions, one file per partition."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.fs as pafs

from newslake.schemas import TableSpec


def write_partitioned(
    table: TableSpec, files: list[Path], destination: str | Path, run_id: str, filesystem: pafs.FileSystem | None = None
) -> list[str]:
    """Rewrite the staged shard files of one table into hive partitions under `destination`.

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
