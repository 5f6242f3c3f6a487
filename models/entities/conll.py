"""Read CoNLL-2003-format files into sentences of (tokens, IOB2 tags).

Layout: one token per line, the token first and the entity tag last (2 or 4
columns, whitespace-separated), a blank line between sentences, `-DOCSTART-`
lines between documents. CoNLL-2003 ships IOB1 tags (an entity starts with I-
unless it follows an entity of the same type); everything here speaks IOB2,
which is what seqeval and the model use, so tags are converted on read. IOB2
input passes through unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from newslake.errors import NewslakeError


class Sentence(NamedTuple):
    tokens: list[str]
    tags: list[str]
    document: int = 0  # how many -DOCSTART- lines came before it: sentences of one document share it


def iob1_to_iob2(tags: list[str]) -> list[str]:
    """IOB2 tags: every entity starts with B-, whatever the input (IOB1 or IOB2)."""
    converted: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        converted.append(tag)
        previous = tag
    return converted


def _check_tag(tag: str, where: str) -> None:
    if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
        raise NewslakeError("E032", f"{where}: tag {tag!r} is not O, B-TYPE or I-TYPE; is this a CoNLL NER file?")


def parse_conll(text: str, source: str = "<text>") -> list[Sentence]:
    """Sentences in `text` (the content of a CoNLL file); `source` names it in errors."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    document = 0

    def close() -> None:
        if tokens:
            sentences.append(Sentence(list(tokens), iob1_to_iob2(tags), document))
            tokens.clear()
            tags.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        columns = line.split()
        if not columns or columns[0] == "-DOCSTART-":
            close()
            document += bool(columns) and sentences != []  # the file's first -DOCSTART- opens document 0
            continue
        if len(columns) < 2:
            raise NewslakeError("E032", f"{source}:{number}: expected a token and a tag, got {line!r}")
        _check_tag(columns[-1], f"{source}:{number}")
        tokens.append(columns[0])
        tags.append(columns[-1])
    close()
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of the CoNLL-format file at `path`, tags in IOB2."""
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"CoNLL file {path} does not exist; pass the path of a CoNLL-2003-format file")
    return parse_conll(path.read_text(encoding="utf-8"), source=str(path))
