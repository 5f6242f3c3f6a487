"""The snapshots of a local lake: which are complete, which were published, and where `_current` points.

A snapshot folder `_snapshots/<n>/` is *complete* once its manifest
(`_manifest.json`: every file with size, sha256 and row count) is in it; the
manifest is written last while the folder is still `<n>.building`, and the
folder is renamed to `<n>` only then. It is *published* once `_current` has
pointed at it: the publish writes an empty `_published` marker right after the
swap. A complete snapshot newer than the one `_current` names is therefore
either a publish killed between its rename and its swap (never published: the
next writer removes it) or the sign of a pointer moved back by hand or by a
faulty restore (published: the lake refuses to open rather than overwrite it).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from newslake.errors import NewslakeError
from newslake.tasks.lake.records import FileRecord

CURRENT = "_current"
SNAPSHOTS = "_snapshots"
MANIFEST = "_manifest.json"
PUBLISHED = "_published"
SNAPSHOT_FORMAT = "newslake-snapshot/1"
_NAME = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class SnapshotManifest:
    number: int
    previous: int | None
    run_id: str | None
    files: dict[str, FileRecord] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({
            "format": SNAPSHOT_FORMAT, "number": self.number, "previous": self.previous, "run_id": self.run_id,
            "committed_at": datetime.now(UTC).isoformat(),
            "files": {path: record.to_json() for path, record in sorted(self.files.items())},
        }, indent=1)


def name_of(number: int) -> str:
    return f"{number:06d}"


def number_of(folder: Path) -> int | None:
    """The number of a snapshot folder (`000042`), None for any other name (`000043.building`)."""
    return int(folder.name) if _NAME.match(folder.name) else None


def read_manifest(folder: Path) -> SnapshotManifest | None:
    """The manifest of a snapshot folder, None when it has none or it cannot be read (an incomplete snapshot)."""
    try:
        document = json.loads((folder / MANIFEST).read_text())
        if document.get("format") != SNAPSHOT_FORMAT:
            return None
        files = {path: FileRecord.from_json(record) for path, record in document["files"].items()}
        return SnapshotManifest(int(document["number"]), document.get("previous"), document.get("run_id"), files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_manifest(folder: Path, manifest: SnapshotManifest) -> None:
    """Write the manifest whole, then make it durable: it is what makes the snapshot complete."""
    temporary = folder / f"{MANIFEST}.tmp"
    with open(temporary, "w") as handle:
        handle.write(manifest.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / MANIFEST)


def is_published(folder: Path) -> bool:
    return (folder / PUBLISHED).exists()


def complete(root: Path) -> dict[int, Path]:
    """The complete snapshots of the lake at `root`, by number."""
    folder = root / SNAPSHOTS
    if not folder.is_dir():
        return {}
    found = {number_of(p): p for p in folder.iterdir() if p.is_dir() and number_of(p) is not None}
    return {n: p for n, p in sorted(found.items()) if (p / MANIFEST).is_file()}


def pointed(root: Path) -> tuple[int | None, str | None]:
    """The snapshot number `_current` names, or why it names none (missing, not a link, garbage, dangling)."""
    link = root / CURRENT
    if not link.is_symlink():
        return None, "is missing" if not link.exists() else "is not a link to a snapshot"
    target = PurePosixPath(os.readlink(link))
    if target.parent != PurePosixPath(SNAPSHOTS) or not _NAME.match(target.name):
        return None, f"is garbage (it points to {str(target)[:60]!r})"
    if not (root / SNAPSHOTS / target.name).is_dir():
        return None, f"points to {SNAPSHOTS}/{target.name}, which does not exist"
    return int(target.name), None


def before_manifests(root: Path) -> Path | None:
    """The snapshot `_current` names when the lake was written before snapshots had manifests, else None.

    That is a lake where no snapshot has a manifest and `_current` names a snapshot
    folder: this version never makes one (its first snapshot already has a manifest),
    so such a lake comes from an earlier version, and its snapshot is complete as it is.
    """
    number, problem = pointed(root)
    if problem is not None or complete(root):
        return None
    return root / SNAPSHOTS / name_of(number)  # type: ignore[arg-type]


def current(root: Path) -> Path:
    """The snapshot `_current` names, after checking it against the others; E024 with the repair command if not sound.

    A snapshot of a lake written before manifests (`before_manifests`) is sound: the next
    writer records its manifest (`LocalLake.record_manifest`), readers list its files meanwhile.
    """
    number, problem = pointed(root)
    snapshots = complete(root)
    if problem is None and not snapshots:
        return root / SNAPSHOTS / name_of(number)  # type: ignore[arg-type]
    if problem is None and number not in snapshots:
        problem = f"points to {SNAPSHOTS}/{name_of(number)}, which has no manifest (an incomplete snapshot, or one written before manifests)"
    newer = [n for n, folder in snapshots.items() if number is not None and n > number and is_published(folder)]
    if problem is None and newer:
        problem = f"points to {SNAPSHOTS}/{name_of(number)}, older than the published {SNAPSHOTS}/{name_of(newer[-1])}"
    if problem is None:
        return snapshots[number]
    published = [n for n, folder in snapshots.items() if is_published(folder)]
    if published:
        fix = f"run `newslake check --repair --lake {root}` to point it at {SNAPSHOTS}/{name_of(published[-1])}, the newest published snapshot"
    elif number is not None and (root / SNAPSHOTS / name_of(number)).is_dir():
        fix = f"run `newslake check --repair --lake {root}` to record the manifest of {SNAPSHOTS}/{name_of(number)} as it is"
    else:
        fix = "no complete snapshot is left to point it at; restore the lake from a backup"
    raise NewslakeError("E024", f"{root}/{CURRENT} {problem}; nothing was changed: {fix}")


def point(link: Path, target: Path) -> None:
    """Atomically make `link` a symlink to `target` (relative, so the lake can be moved)."""
    temporary = link.with_name(f"{link.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), temporary)
    os.replace(temporary, link)
