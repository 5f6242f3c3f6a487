"""An event mention's argument spans (the argument model's AGENT, TARGET, PLACE and TIME) -> its
actors, place and date, tied to the article's entities and date expressions.

  - An AGENT or TARGET span is an actor, unless its words name nobody ("the", "that", "it": the
    stage does not resolve pronouns) or it is an infinitive clause ("authorized Ukraine to conduct
    strikes": what was authorized). Its `entity_key` is the entity that heads the span: the
    last entity inside it that no preposition inside the span introduces ("U.S. President Joe
    Biden" -> joe biden; "a military facility in Russia's Bryansk region" names no actor entity,
    so the actor is the span itself with a null key). Its CAMEO code comes from the span's words
    ("Ukrainian police" -> UKR COP), else from the entity's name.
  - A PLACE span is the place when a place entity (LOC) lies inside it; the place is named as the
    text names it from that entity's start ("in Russia's Bryansk region" -> "Russia's Bryansk
    region"), keyed by the innermost place ("bryansk region").
  - A TIME span is the date when one of the article's date expressions lies inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslake.tasks.events.actor_codes import actor_code
from newslake.tasks.events.dates import DateMention
from newslake.tasks.events.slots import Place, place_named
from newslake.text.spans import Span

ACTOR_ROLES = {"AGENT": "agent", "TARGET": "target"}
ACTOR_LABELS = ("PER", "ORG", "LOC", "MISC")
_PREPOSITION = re.compile(r"\b(?:in|at|near|of|from|on|over|for|into|across|outside|inside|with|by|to)\s+(?:the\s+)?$", re.I)
_LEADING = re.compile(r"^(?:(?:on|against|at|with|to|for|upon)\s+)?(?:(?:the|a|an)\s+)?", re.I)
_INFINITIVE = re.compile(r"\bto\s+(?!(?:the|a|an|his|her|its|their|our|this|these|those|them|him|us)\b)[a-z]")
# Words that name nobody by themselves: a span of only these is no actor ("the", "that", "one", "it").
_EMPTY = frozenset(
    "the a an that this these those which who whom whose what one ones it its he she him her his they them their "
    "we us our i me my you your itself themselves himself herself there here some any each both all".split())


@dataclass(frozen=True)
class Actor:
    role: str
    key: str | None
    start: int
    end: int
    text: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None

    @property
    def identity(self) -> tuple[str, str]:
        """One actor per role and entity, or per role and words where no entity covers them ("two men")."""
        return self.role, self.key or self.text.lower()


def merged(text: str, spans: Sequence[Span]) -> list[Span]:
    """Adjacent spans of one role with only blanks between them are one ("on" + "Tuesday" -> "on Tuesday"):
    the tagger sometimes starts a role again inside a phrase."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and out[-1].label == span.label and not text[out[-1].end : span.start].strip():
            last = out.pop()
            span = Span(last.start, span.end, span.label, min(last.score, span.score))
        out.append(span)
    return out


def actors_from(text: str, spans: Sequence[Span], entities: Sequence[Mapping[str, Any]]) -> list[Actor]:
    """One actor per AGENT/TARGET span, agents first; a span naming one entity twice is one actor."""
    actors = []
    for span in sorted((s for s in spans if s.label in ACTOR_ROLES), key=lambda s: (s.label != "AGENT", s.start)):
        if _INFINITIVE.search(text[max(0, span.start - 4) : span.start + 6]):
            continue  # "authorized Ukraine | to conduct strikes": what was authorized, not whom
        start, end = _trimmed(text, span.start, span.end)
        if start >= end or all(word.lower() in _EMPTY for word in re.findall(r"[\w'’]+", text[start:end])):
            continue
        head = _head_entity(text, start, end, entities)
        words = text[start:end]
        code = actor_code(words) or (actor_code(head["text"]) if head is not None else None)
        actors.append(Actor(ACTOR_ROLES[span.label], head["entity_key"] if head is not None else None, start, end, words,
                            code.country if code else None, code.sector if code else None, code.code if code else None))
    unique: dict[tuple[str, str], Actor] = {}
    for actor in actors:
        unique.setdefault(actor.identity, actor)
    return list(unique.values())


def place_from(text: str, spans: Sequence[Span], entities: Sequence[Mapping[str, Any]]) -> Place | None:
    for span in (s for s in spans if s.label == "PLACE"):
        inside = sorted((m for m in entities if m["label"] == "LOC" and span.start <= m["start"] and m["end"] <= span.end),
                        key=lambda m: m["start"])
        if inside:
            return place_named(text, inside[0], inside)
    return None


def date_from(spans: Sequence[Span], dates: Sequence[DateMention]) -> DateMention | None:
    for span in (s for s in spans if s.label == "TIME"):
        inside = [d for d in dates if span.start <= d.start < span.end and d.value is not None]
        if inside:
            return inside[0]
    return None


def _head_entity(text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    inside = [m for m in entities if m["label"] in ACTOR_LABELS and start <= m["start"] and m["end"] <= end]
    heads = [m for m in inside if not _PREPOSITION.search(text[start : m["start"]])]
    named = [m for m in heads if m["label"] != "MISC"] or heads
    return max(named, key=lambda m: m["start"]) if named else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding blanks, punctuation, a leading preposition and article ("the police" ->
    "police", "on Kharkiv" -> "Kharkiv": the tagger learnt answers that sometimes keep them)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    article = _LEADING.match(text[start:end])
    if article is not None and article.end() < end - start:
        start += article.end()
    return start, end
