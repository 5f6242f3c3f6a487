"""Content hashes of dumps: the ledger key that keeps a dump from being processed twice.

A renamed or re-dropped dump has the same hash; a folder dump hashes its
files' relative names and contents, so adding a page to an HTML folder makes it
a new dump.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from newslake.tasks.readers import Dump

def dump_digest(dump: Dump) -> str:
    digest = hashlib.sha256()
    if dump.path.is_dir():
        for path in sorted(p for p in dump.path.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(dump.path)).encode() + b"\0")
            digest.update(_file_digest(path).encode())
    else:
        digest.update(_file_digest(dump.path).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
