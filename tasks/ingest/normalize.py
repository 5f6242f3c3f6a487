"""Text normalisation: one canonical form for every article body and title.

Offsets of every later stage point into the text this module returns, so it
must be deterministic and keep paragraph structure: paragraphs are separated by
exactly one blank line, lines inside a paragraph by one newline.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width and BOM characters carry no text and break tokenisers and hashes.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Every other control character except newline and tab becomes a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_PUNCT = re.compile(r"[\s.:;!?\u2026-]+$")


def normalize_text(text: str) -> str:
    """NFC, no invisible or control characters, single spaces, stripped lines."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def normalize_title(title: str | None) -> str | None:
    """A title on one line, or None when there is none."""
    if title is None:
        return None
    title = " ".join(normalize_text(str(title)).split())
    return title or None


def drop_repeated_title(title: str | None, text: str) -> str:
    """Remove a first paragraph that only repeats the title.

    Many exports (PolNeAR among them) start the body with the headline; left in,
    it duplicates the `title` column and shifts sentence-level stages.
    """
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    if sep and _title_key(first) == _title_key(title):
        return rest.lstrip("\n")
    return text


def dedupe_key(text: str) -> str:
    """Case- and whitespace-insensitive form used to spot the same text twice."""
    return " ".join(text.casefold().split())


def _title_key(line: str) -> str:
    return _TRAILING_PUNCT.sub("", dedupe_key(line))
