"""Sentence boundaries as character spans: where article windows may start and end.

A rule-based splitter: a sentence ends at `.`, `!`, `?` or `…` (plus closing
quotes or brackets) followed by whitespace and a capital, digit or quote, or
at a paragraph break. Common abbreviations ("U.S.", "Mr.", "Gen.", "Nov.")
do not end a sentence. Good enough to place window boundaries, where a rare
wrong split only costs a little context.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "pres", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m",
}  # fmt: skip
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n")
_WORD_CHARS = frozenset(string.ascii_letters + ".")
# No news sentence is this long (the longest of 38,310 in the PolNeAR articles and the events gold: 979 characters).
# A run-on text without full stops (a transcript, a list, a scraped table) is cut into pieces of at most this many
# characters: every stage reads a sentence around each of its words, and one "sentence" of 30,000 characters with a
# thousand event words took the events stage minutes.
MAX_SENTENCE_CHARS = 1_000
_PIECE_ENDS = (re.compile(r";\s"), re.compile(r",\s"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace excluded, covering all non-space text."""
    return list(iter_sentence_spans(text))


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of `sentence_spans`, found as the text is read: taking the first few reads no further."""
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, start, match.start() + 1):
            continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def sentence_at(position: int, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of `sentences` (from `sentence_spans`) holding `position`; None between sentences."""
    return next(((start, end) for start, end in sentences if start <= position < end), None)


def same_sentence(a: int, b: int, sentences: list[tuple[int, int]]) -> bool:
    """Whether offsets `a` and `b` lie in one of `sentences`."""
    return any(start <= a < end and start <= b < end for start, end in sentences)


def paragraph_at(text: str, position: int) -> tuple[int, int]:
    """The span of the paragraph (text between blank lines) holding `position`."""
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return (start + 2 if start >= 0 else 0), (end if end >= 0 else len(text))


def _is_abbreviation(text: str, start: int, stop: int) -> bool:
    """Whether the word ending with the full stop at `stop - 1` (the letters and dots back to the
    sentence's `start`) is an abbreviation. Read backwards from the stop: a sentence is read once."""
    first = stop - 1
    while first > start and text[first - 1] in _WORD_CHARS:
        first -= 1
    if first == stop - 1:
        return False
    token = text[first : stop - 1].lower().rstrip(".")
    # Single capitals ("J. Smith") are initials, not sentence ends.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span of text[start:end] without its surrounding whitespace, if anything is left, in pieces of at most
    MAX_SENTENCE_CHARS."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    left = start + len(piece) - len(piece.lstrip())
    end = left + len(stripped)
    while end - left > MAX_SENTENCE_CHARS:
        cut = _cut(text, left, left + MAX_SENTENCE_CHARS)
        yield from _trimmed(text, left, cut)
        left = cut
        while text[left].isspace():  # the piece ends before `end`, which is no blank
            left += 1
    yield left, end


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an overlong sentence before `limit`: after its last semicolon or else comma in the
    second half of the piece, else at its last blank; at the limit itself when the piece is one word."""
    window = text[start:limit]
    for pattern in _PIECE_ENDS:
        ends = [m.start() + 1 for m in pattern.finditer(window, len(window) // 2)]
        if ends:
            return start + ends[-1]
    blank = max(window.rfind(" "), window.rfind("\n"))
    return start + blank + 1 if blank > 0 else limit
