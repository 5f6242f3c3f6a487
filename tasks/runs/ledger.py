"""Content hashes of dumps: the ledger key that keeps a dump from being processed twice.

A renamed or re-dropped dump has the same hash; a folder dump hashes its
files' relative names and contents, so adding a page to an HTML folder makes it
a new dump.
"""

from __future__ import annotations

import hashlib

from newslake.files import file_sha256
from newslake.tasks.ingest.readers import Dump

def dump_digest(dump: Dump) -> str:
    digest = hashlib.sha256()
    if dump.path.is_dir():
        for path in sorted(p for p in dump.path.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(dump.path)).encode() + b"\0")
            digest.update(file_sha256(path).encode())
    else:
        digest.update(file_sha256(dump.path).encode())
    return digest.hexdigest()

