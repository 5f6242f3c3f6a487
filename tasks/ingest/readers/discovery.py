"""Find the dumps under the paths a user gives: files, folders or glob patterns.

A file is a dump when its name says its format. A folder is one dump when it is
a saved Hugging Face dataset, a folder of HTML pages or a folder of .txt
articles (a page folder's subfolders are not searched); any other folder is
searched, recursively, for dumps. Files that are not dumps (a README, sidecars)
are ignored inside folders and glob matches, but a file named explicitly must
be a dump.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError

FORMATS = ("jsonl", "csv", "html", "warc", "text", "hf", "parquet")
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
    kind = folder_format(path)
    if kind is not None:
        return [Dump(path, kind)]
    # A symlink loop would otherwise recurse forever.
    real = path.resolve()
    if real in visited:
        return []
    visited.add(real)
    dumps: list[Dump] = []
    for entry in sorted(visible_entries(path)):
        if entry.is_dir():
            dumps.extend(dumps_at(entry, None, explicit=False, visited=visited))
        elif entry.is_file():
            dumps.extend(file_dump(entry, None, explicit=False))
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


def folder_format(folder: Path) -> str | None:
    """The format of a folder that is one dump, or None for a folder of dumps."""
    entries = visible_entries(folder)
    if any(e.name in HF_MARKERS for e in entries):
        return "hf"
    files = [e for e in entries if e.is_file()]
    page_kinds = {PAGE_SUFFIXES[e.suffix.lower()] for e in files if e.suffix.lower() in PAGE_SUFFIXES and not is_documentation(e)}
    if not page_kinds:
        return None
    dump_files = [e.name for e in files if file_format(e) is not None]
    if dump_files or len(page_kinds) > 1:
        # Guessing would silently drop the pages or the dumps; the user decides.
        mixed = sorted(page_kinds) + (["dump files such as " + dump_files[0]] if dump_files else [])
        raise NewslakeError(
            "E011",
            f"{folder} mixes {' and '.join(mixed)}; move each kind into its own folder, or pass --format html/text to read it as pages.",
        )
    return page_kinds.pop()


def visible_entries(folder: Path) -> list[Path]:
    return [e for e in folder.iterdir() if not e.name.startswith(".")]


def is_documentation(path: Path) -> bool:
    return path.stem.lower() in DOCUMENTATION_STEMS
