"""Find the dumps under the paths a user gives: files, folders or glob patterns.

Every file is read with the format its own name says. A folder that is a saved
Hugging Face dataset is one dump. In any other folder, its HTML pages together are
one dump and its .txt articles another (each with the folder's path), every dump
file is a dump of its own, and subfolders are searched the same way: one inbox
may mix feeds of every format.

Documentation (README, LICENSE), the JSON sidecars of .txt articles and hidden
files are not dumps. Any other file in a folder is a dump of format `unknown`,
which reads as one reject: an operator sees it in the `runs` row, and the
other dumps are read. A file named explicitly must be a dump, and files a glob
matches that are not dumps are ignored.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError

FORMATS = ("jsonl", "csv", "html", "warc", "text", "hf", "parquet")
# The format of a file in a folder that is no dump the readers know: read as one reject.
UNKNOWN = "unknown"
# The format of a folder in an input folder that the run may not list: read as one reject.
UNLISTABLE = "unlistable"
FOLDER_FORMATS = frozenset({"html", "text", "hf"})
FILE_FORMATS = tuple(f for f in FORMATS if f not in FOLDER_FORMATS)

# Longest suffix first, so ".jsonl.gz" is never taken for ".gz" of something else.
# ".json.gz" is how many corpora ship JSON Lines; a bare ".json" is a sidecar or
# one document, so it needs --format.
FILE_SUFFIXES = {
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".json.gz": "jsonl",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv.gz": "csv",
    ".csv": "csv",
    ".warc.gz": "warc",
    ".warc": "warc",
    ".parquet": "parquet",
}
PAGE_SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text"}
HF_MARKERS = ("dataset_info.json", "state.json")
# Documentation beside the pages, never an article (README.txt, LICENSE.html).
DOCUMENTATION_STEMS = frozenset({"readme", "license", "licence", "changelog", "notice"})
GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True)
class Dump:
    path: Path
    format: str


def discover_dumps(paths: Iterable[str | Path], format: str | None = None) -> list[Dump]:
    """The dumps under `paths`, each once, in the order given (folders sorted by path).

    `format` forces the format of every dump: a file format for files or glob
    matches, a folder format (html, text, hf) for folders.
    """
    if format is not None and format not in FORMATS:
        raise NewslakeError("E011", f"unknown format {format!r}; pass one of: {', '.join(FORMATS)}.")
    found: dict[Dump, None] = {}
    for given in paths:
        for path, explicit in expand(given):
            for dump in dumps_at(path, format, explicit, visited=set()):
                found.setdefault(dump)
    if not found:
        shown = ", ".join(str(p) for p in paths) or "(no paths)"
        raise NewslakeError(
            "E012",
            f"no dumps found under {shown}; dumps are {', '.join(FILE_SUFFIXES)} files, or folders of .html/.txt "
            "pages or a saved Hugging Face dataset. For other file names pass --format (e.g. --format jsonl).",
        )
    return list(found)


def expand(given: str | Path) -> Iterator[tuple[Path, bool]]:
    """(path, named explicitly) for a literal path, or for each match of a glob pattern."""
    path = Path(given)
    if path.exists():
        yield path, True
        return
    pattern = str(given)
    if GLOB_CHARACTERS & set(pattern):
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            raise NewslakeError("E010", f"no file matches {pattern!r}; check the pattern and quote it so the shell does not expand it.")
        for match in matches:
            yield Path(match), False
        return
    raise NewslakeError("E010", f"input path {pattern!r} does not exist; check the path (relative paths start at {Path.cwd()}).")


def dumps_at(path: Path, format: str | None, explicit: bool, visited: set[Path]) -> list[Dump]:
    if path.is_file():
        return file_dump(path, format, explicit)
    if not path.is_dir():
        raise NewslakeError("E011", f"{path} is neither a file nor a folder; pass a dump file or a folder of dumps.")
    if format is not None:
        if format not in FOLDER_FORMATS:
            raise NewslakeError("E011", f"--format {format} reads files, and {path} is a folder; pass its files or a glob such as '{path}/*'.")
        return [Dump(path, format)]
    if is_hf_dataset(path):
        return [Dump(path, "hf")]
    # A symlink loop would otherwise recurse forever.
    real = path.resolve()
    if real in visited:
        return []
    visited.add(real)
    try:
        entries = sorted(visible_entries(path))
    except OSError as exc:
        if explicit:
            raise NewslakeError("E010", f"cannot list the folder {path} ({exc.strerror or exc}); give the run read permission on it.") from exc
        return [Dump(path, UNLISTABLE)]
    kinds = {kind_of(e) for e in entries if e.is_file()}
    dumps = [Dump(path, page_format) for page_format in sorted(kinds & FOLDER_FORMATS)]
    for entry in entries:
        if entry.is_dir():
            dumps.extend(dumps_at(entry, None, explicit=False, visited=visited))
        elif entry.is_file() and kind_of(entry) not in FOLDER_FORMATS | NOT_DUMPS:
            dumps.append(Dump(entry, kind_of(entry)))
    return dumps


def file_dump(path: Path, format: str | None, explicit: bool) -> list[Dump]:
    if format is not None:
        if format in FOLDER_FORMATS:
            raise NewslakeError("E011", f"--format {format} reads a folder, and {path} is a file; pass the folder that holds it.")
        return [Dump(path, format)]
    detected = file_format(path)
    if detected is not None:
        return [Dump(path, detected)]
    if explicit and path.suffix.lower() in PAGE_SUFFIXES:
        raise NewslakeError("E011", f"{path} is a single page; pages are read a folder at a time, so pass the folder that holds it.")
    if explicit:
        raise NewslakeError(
            "E011",
            f"cannot tell the format of {path} from its name; rename it or pass --format "
            f"({', '.join(FILE_FORMATS)}), e.g. --format jsonl.",
        )
    return []


def file_format(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for suffix, fmt in FILE_SUFFIXES.items() if name.endswith(suffix)), None)


# What `kind_of` calls a file that belongs to no dump of its own.
SIDECAR, DOCUMENTATION = "sidecar", "documentation"
NOT_DUMPS = frozenset({SIDECAR, DOCUMENTATION})


def kind_of(path: Path) -> str:
    """A file's part in its folder: a dump format, a page format (html, text), a sidecar,
    documentation, or `unknown`."""
    if is_documentation(path):
        return DOCUMENTATION
    suffix = path.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return PAGE_SUFFIXES[suffix]
    if suffix == ".json" and path.with_suffix(".txt").is_file():
        return SIDECAR
    return file_format(path) or UNKNOWN


def is_hf_dataset(folder: Path) -> bool:
    return any((folder / marker).is_file() for marker in HF_MARKERS)


def folder_files(dump: Dump) -> list[Path]:
    """The files whose content makes up a folder dump: all files under a Hugging Face dataset; for
    pages, the folder's own files except those that are other dumps (dump files, the other kind
    of page, unknown files)."""
    if dump.format == "hf":
        return sorted(p for p in dump.path.rglob("*") if p.is_file())
    others = (FOLDER_FORMATS - {dump.format}) | set(FILE_FORMATS) | {UNKNOWN}
    return sorted(p for p in dump.path.iterdir() if p.is_file() and (p.name.startswith(".") or kind_of(p) not in others))


def visible_entries(folder: Path) -> list[Path]:
    return [e for e in folder.iterdir() if not e.name.startswith(".")]


def is_documentation(path: Path) -> bool:
    return path.stem.lower() in DOCUMENTATION_STEMS
