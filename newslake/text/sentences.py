"""Sentence boundaries as character spans: where article windows may start and end.

A rule-based splitter: a sentence ends at `.`, `!`, `?` or `…` (plus closing
quotes or brackets) followed by whitespace and a capital, digit or quote, or
at a paragraph break. Common abbreviations ("U.S.", "Mr.", "Gen.", "Nov.")
do not end a sentence. Good enough to place window boundaries, where a rare
wrong split only costs a little context.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "pres", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m",
}  # fmt: skip
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace excluded, covering all non-space text."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text[start : match.start() + 1]):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def sentence_at(position: int, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of `sentences` (from `sentence_spans`) holding `position`; None between sentences."""
    return next(((start, end) for start, end in sentences if start <= position < end), None)


def paragraph_at(text: str, position: int) -> tuple[int, int]:
    """The span of the paragraph (text between blank lines) holding `position`."""
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return (start + 2 if start >= 0 else 0), (end if end >= 0 else len(text))


def _is_abbreviation(sentence_so_far: str) -> bool:
    word = _WORD_BEFORE.search(sentence_so_far)
    if word is None:
        return False
    token = word.group(1).lower().rstrip(".")
    # Single capitals ("J. Smith") are initials, not sentence ends.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + len(piece) - len(piece.lstrip())
        spans.append((left, left + len(stripped)))
