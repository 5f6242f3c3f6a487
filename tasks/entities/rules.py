"""Rules over the model's spans: a lexicon of names the model cannot know, region names, "The".

CoNLL-2003 has no weapons, so a CoNLL tagger calls "ATACMS" an ORG or misses
"Neptune". Terms of the `entities.lexicon` config (label -> names, matched
case-sensitively on word boundaries) replace any model span they overlap and
are added where the model found nothing, like spaCy's EntityRuler placed after
the model. And a LOC followed by a lower-case administrative noun ("Bryansk
region", "Kharkiv oblast") is extended over it, since analysts key places by
the full name. A lone "The" tagged as a name of its own joins the name that
follows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from newslake.text.spans import Span

_ADMINISTRATIVE = re.compile(r"\s+(region|oblast|province|district|governorate|county|krai|republic)\b")
LEXICON_SCORE = 1.0


def apply_rules(text: str, spans: Sequence[Span], lexicon: Mapping[str, Sequence[str]]) -> list[Span]:
    spans = [_extend_region(text, s) for s in _join_determiners(text, spans)]
    ruled = [Span(m.start(), m.end(), label, LEXICON_SCORE) for label, pattern in _patterns(_freeze(lexicon)) for m in pattern.finditer(text)]
    kept = [s for s in spans if not any(r.start < s.end and s.start < r.end for r in ruled)]
    return sorted(kept + ruled, key=lambda s: (s.start, s.end))


def _join_determiners(text: str, spans: Sequence[Span]) -> list[Span]:
    """A lone "The" tagged as the start of a name joins the name right after it ("The" + "New York Times")."""
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and text[previous.start : previous.end] in ("The", "the")
            and previous.label == span.label
            and text[previous.end : span.start] == " "
        ):
            joined[-1] = Span(previous.start, span.end, span.label, min(previous.score, span.score))
        else:
            joined.append(span)
    return joined


def _extend_region(text: str, span: Span) -> Span:
    if span.label == "LOC":
        match = _ADMINISTRATIVE.match(text, span.end)
        if match:
            return Span(span.start, match.end(), span.label, span.score)
    return span


def _freeze(lexicon: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((label, tuple(terms)) for label, terms in lexicon.items()))


@lru_cache(maxsize=8)
def _patterns(lexicon: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern[str]]]:
    # Longest terms first, so "Storm Shadow" wins over a shorter overlapping term.
    return [
        (label, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)"))
        for label, terms in lexicon
        if terms
    ]
