"""What a published state records of each of its files, so that damage is found instead of read or carried on.

sha256, not a cheaper checksum: the lake already names dumps and texts by it, it is
computed once per file when the file is written (cost grows with a run's new data,
not with the lake), and a full check reads every byte anyway, so disk or network
time dominates the hash. Publishing compares only sizes (a stat or one listing per
table), which catches missing and truncated files at no read cost.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newslake.files import file_sha256


@dataclass(frozen=True)
class FileRecord:
    size: int
    sha256: str
    rows: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> FileRecord:
        return cls(int(document["size"]), str(document["sha256"]), int(document["rows"]))


def record_of(path: str | Path, filesystem: pafs.FileSystem | None = None) -> FileRecord:
    """Size, checksum and row count of a Parquet file as it is now."""
    filesystem = filesystem or pafs.LocalFileSystem()
    size = filesystem.get_file_info(str(path)).size
    rows = pq.ParquetFile(str(path), filesystem=filesystem).metadata.num_rows
    return FileRecord(size, file_sha256(path, filesystem), rows)


@dataclass(frozen=True)
class Damage:
    """A published file that is not as its state recorded it."""

    path: str  # relative to the lake root
    kind: str  # missing, truncated, corrupt or unlisted
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path} is {self.kind}" + (f" ({self.detail})" if self.detail else "")


def size_damage(listed: dict[str, FileRecord | None], present: dict[str, int]) -> list[Damage]:
    """Files a state lists that are gone or have another size than recorded (no file is read)."""
    damage = []
    for path, record in sorted(listed.items()):
        if path not in present:
            damage.append(Damage(path, "missing"))
        elif record is not None and present[path] != record.size:
            damage.append(Damage(path, "truncated" if present[path] < record.size else "corrupt",
                                 f"{present[path]:,} bytes, recorded {record.size:,}"))
    return damage
