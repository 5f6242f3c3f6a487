"""Nested sources: which attributions of a sentence are one statement passed on by another source,
and who the `via` of each claim is.

The reading (docs/claims.md): the speaker is whoever the words are attributed to; `via` is the
other source of the chain, the one the statement reaches the article through.
  - "X, citing Y, said ..." / "X said ..., citing Y": X said it, on Y's word: speaker X, via Y.
    Only a citation of a source (a named person or organisation, an anonymous source, a report)
    is a `via`: "citing safety concerns" gives reasons, not a source, and stays a claim of its own.
  - "X quoted Y as saying ..." / "Y was quoted by X as saying ...": the words are Y's: speaker Y,
    via X ("Interfax quoted Interior Minister Arsen Avakov as saying" -> Avakov via Interfax).
  - "According to X, Y said ..." / "Y said ..., according to X": speaker Y, via X; the
    "according to" attribution is the same statement and is not kept apart.
  - "Y told <news outlet> ...", "Y said on / in an interview with <news outlet>": speaker Y,
    via the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslake.models.attribution.pairing import Attribution
from newslake.tasks.claims.speakers import ANONYMOUS, kind_from_head, kind_from_words, link_speaker
from newslake.text.spans import Span

_CITING = re.compile(r"^(?:citing|quoting|with\s+reference\s+to|in\s+reference\s+to)\b", re.I)
_QUOTED = re.compile(r"^(?:was\s+|were\s+|has\s+been\s+|had\s+)?(?:quoted|cited)$", re.I)
_AS_SAYING = re.compile(r"\s+(?P<by>by\s+)?(?P<who>[^.;:!?]{1,150}?),?\s+as\s+(?:saying|telling|stating|writing|claiming)\b"
                        r"(?:\s+that\b)?\s*", re.I)
_ACCORDING = re.compile(r"^according\s+to$", re.I)
_TOLD = re.compile(r"(?:^|\s)(?:told|in\s+an\s+interview\s+with)$", re.I)
_SAID_ON = re.compile(r"(?:^|\s)(?:said|says|saying|told|wrote|writes|added|stated)$", re.I)
_ON_OUTLET = re.compile(r"\s*(?:,\s*)?(?:on|to|in\s+an\s+interview\s+(?:with|on)|speaking\s+(?:on|to))\s+(?:the\s+)?", re.I)
_SOURCE_KINDS_NOT = {"unknown", None}


@dataclass(frozen=True)
class Nested:
    attribution: Attribution
    via: Span | None = None


def nest_sources(text: str, attributions: Sequence[Attribution], sentences: Sequence[tuple[int, int]],
                 mentions: Sequence[Mapping[str, Any]] = ()) -> list[Nested]:
    """The attributions of one article (text order) as claims with their `via`, by the rules above."""
    claims = [Nested(a) for a in attributions]
    claims = _quoted_as_saying(text, claims, sentences)
    claims = _according_to(text, claims, sentences)
    claims = _citations(text, claims, sentences, mentions)
    return sorted(claims, key=lambda c: c.attribution.cue.start)


def outlet_told(text: str, a: Attribution, mentions: Sequence[Mapping[str, Any]],
                kinds: Mapping[str, Sequence[str]]) -> Span | None:
    """The news outlet right after "told" / "in an interview with" in `a`'s cue ("Putney later told CNN")."""
    cue = text[a.cue.start : a.cue.end]
    if _TOLD.search(cue):
        after = a.cue.end + len(text[a.cue.end :]) - len(text[a.cue.end :].lstrip())
        after += len(re.match(r"(?:the\s+)?", text[after:], re.I).group())
    elif _SAID_ON.search(cue) and (on := _ON_OUTLET.match(text, a.cue.end)):  # "said on CNN", "told to Reuters"
        after = on.end()
    else:
        return None
    for m in mentions:
        if m["start"] == after and m["label"] == "ORG":
            name = text[m["start"] : m["end"]]
            if kind_from_words(name, kinds) == "media" or kind_from_head(name) == "media":
                return Span(m["start"], m["end"], "SOURCE", 1.0)
    return None


def _quoted_as_saying(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    out: list[Nested] = []
    dropped: set[int] = set()
    for i, claim in enumerate(claims):
        a = claim.attribution
        if i in dropped or not _QUOTED.match(text[a.cue.start : a.cue.end].strip()):
            continue
        sentence_end = _sentence_end(a.cue.start, sentences, len(text))
        match = _AS_SAYING.match(text, a.cue.end, sentence_end)
        if match is None:
            continue
        who = Span(match.start("who"), match.end("who"), "SOURCE", a.score)
        if match.group("by"):  # "Y was quoted by X as saying": Y speaks, X passes it on
            speaker, via = a.source, who
        else:  # "X quoted Y as saying"
            speaker, via = who, a.source
        # A tagger may have made "Y ... as saying C" an attribution of its own: that one is the claim.
        inner = [j for j, other in enumerate(claims)
                 if j != i and match.start() <= other.attribution.cue.start < match.end() + 1]
        if inner:
            j = inner[0]
            claims[j] = Nested(replace(claims[j].attribution, source=claims[j].attribution.source or speaker), via)
            dropped.add(i)
            continue
        content_start = match.end()
        content_end = a.content.end if a.content is not None and a.content.end > content_start else sentence_end
        content_end = content_start + len(text[content_start:content_end].rstrip(" .\n"))
        content = Span(content_start, content_end, "CONTENT", a.content.score if a.content else a.score) \
            if content_end > content_start else None
        claims[i] = Nested(Attribution(speaker, a.cue, content, a.score, (content,) if content else ()), via)
    out = [c for i, c in enumerate(claims) if i not in dropped]
    return out


def _according_to(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]]) -> list[Nested]:
    dropped: set[int] = set()
    for i, claim in enumerate(claims):
        a = claim.attribution
        if a.source is None or not _ACCORDING.match(text[a.cue.start : a.cue.end].strip()):
            continue
        for j, other in enumerate(claims):
            b = other.attribution
            if j == i or j in dropped or b.source is None or other.via is not None \
                    or _ACCORDING.match(text[b.cue.start : b.cue.end].strip()) or _CITING.match(text[b.cue.start : b.cue.end]):
                continue
            inside = a.content is not None and a.content.start <= b.cue.start < a.content.end
            if inside and _same_sentence(a.cue.start, b.cue.start, sentences):
                claims[j] = Nested(b, a.source)
                dropped.add(i)
                break
    return [c for i, c in enumerate(claims) if i not in dropped]


def _citations(text: str, claims: list[Nested], sentences: Sequence[tuple[int, int]],
               mentions: Sequence[Mapping[str, Any]]) -> list[Nested]:
    """A "citing X" attribution of a source becomes the `via` of the next attribution in its sentence,
    else of the one before it there."""
    citing = [i for i, c in enumerate(claims)
              if _CITING.match(text[c.attribution.cue.start : c.attribution.cue.end]) and c.attribution.source is not None]
    used: set[int] = set()
    for i in citing:
        cited = _cited(claims[i].attribution)
        if cited is None or not _is_source(text, cited, mentions):
            continue
        cue = claims[i].attribution.cue.start
        partners = [j for j, c in enumerate(claims) if j not in citing and c.via is None
                    and _same_sentence(cue, c.attribution.cue.start, sentences)]
        after = [j for j in partners if claims[j].attribution.cue.start > cue]
        before = [j for j in partners if claims[j].attribution.cue.start < cue]
        partner = after[0] if after else (before[-1] if before else None)
        if partner is None:
            continue
        claims[partner] = Nested(claims[partner].attribution, cited)
        used.add(i)
    return [c for i, c in enumerate(claims) if i not in used]


def _cited(citation: Attribution) -> Span | None:
    """Who a "citing X" attribution cites: the span after its cue. Taggers mark X either as the
    citation's source or, with the citing outlet as source, as its content (PolNeAR nests it so)."""
    after = [span for span in (citation.source, citation.content) if span is not None and span.start >= citation.cue.end]
    return after[0] if after else None


def _is_source(text: str, span: Span, mentions: Sequence[Mapping[str, Any]]) -> bool:
    """A named person or organisation, an anonymous source or a report can be cited as a source;
    "citing safety concerns" cites reasons."""
    found = link_speaker(text, span.start, span.end, [m for m in mentions if m["label"] in ("PER", "ORG")], [], {})
    return found.key is not None and (found.resolution in ("entity", "description") or found.key == ANONYMOUS
                                      or found.kind not in _SOURCE_KINDS_NOT)


def _same_sentence(a: int, b: int, sentences: Sequence[tuple[int, int]]) -> bool:
    return any(start <= a < end and start <= b < end for start, end in sentences)


def _sentence_end(position: int, sentences: Sequence[tuple[int, int]], default: int) -> int:
    for start, end in sentences:
        if start <= position < end:
            return end
    return default
