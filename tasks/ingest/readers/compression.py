"""Open a dump file as bytes, gunzipping it when its first bytes say gzip."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: Path) -> BinaryIO:
    # Sniff rather than trust the suffix: `--format jsonl` may be forced on a
    # gzipped file with any name.
    with path.open("rb") as probe:
        gzipped = probe.read(2) == GZIP_MAGIC
    return gzip.open(path, "rb") if gzipped else path.open("rb")
