"""Content hashes of dumps: the ledger key that keeps a dump from being processed twice.

A renamed or re-dropped dump has the same hash; a folder dump hashes its
files' relative names and contents, so adding a page to an HTML folder makes it
a new dump. The files of a folder dump are its own (`folder_files`): a JSONL
dump or a subfolder dropped beside the pages is a dump of its own and leaves
the pages' hash alone. A dump of format `unknown` is hashed like any file, so a
file that was rejected once is not rejected again every night. A dump that
cannot be read (no read permission) is keyed by its path and the error instead:
its reader rejects it, the ledger keeps it from being rejected again every
night, and once it can be read its content is a new dump.
"""

from __future__ import annotations

import hashlib

from newslake.files import file_sha256
from newslake.tasks.ingest.readers import Dump
from newslake.tasks.ingest.readers.discovery import folder_files


def dump_digest(dump: Dump) -> str:
    try:
        return _content_digest(dump)
    except OSError as exc:
        return hashlib.sha256(f"unreadable\0{dump.path}\0{type(exc).__name__}".encode()).hexdigest()


def _content_digest(dump: Dump) -> str:
    digest = hashlib.sha256()
    if dump.path.is_dir():
        for path in folder_files(dump):
            digest.update(str(path.relative_to(dump.path)).encode() + b"\0")
            digest.update(file_sha256(path).encode())
    else:
        digest.update(file_sha256(dump.path).encode())
    return digest.hexdigest()

