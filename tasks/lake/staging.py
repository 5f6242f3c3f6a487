"""A run's validated shard files, waiting to be published (always on the writing machine's disk)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newslake.schemas import spec, validate


class Staging:
    """Shards of one run under `root`, invisible to readers until the lake publishes them."""

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
