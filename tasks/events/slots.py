"""The place and the participants of one event mention, read from its sentence and entities.

Rules, plain and English-only (docs/events.md has the reasons):

  - location: the first LOC entity after the trigger that follows a place preposition ("at a
    facility in the Bryansk region"; for an attack also "against the Kramatorsk rail station"),
    else such a LOC anywhere in the sentence ("In Kyiv, police detained ..."). A possessive place right before it belongs to the name the text
    gives ("Russia's Bryansk region"); the key is the inner place's entity key.
  - agent (or authorizer, for an authorization): the entity nearest before the trigger in its
    clause (the clause starts after "that", a comma or a semicolon, so the speaker of "X said
    that Y struck" is not the attacker), with the entities that directly modify it ("U.S.
    President Joe Biden"). In the passive ("were intercepted by ..."), the entity after "by".
  - target (the authorized agent, for an authorization): entities after the trigger in its
    clause that are not its location. A meeting has no target: who it was "with" is an agent
    too ("held talks with Yanukovych"), and a place after it is where, not whom.
  - a dateline ("SIMFEROPOL, Ukraine (AFP) -", "KIEV -") names where the story was filed: its
    entities are no actors, and its place is the place of events that name none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ACTOR_LABELS = ("PER", "ORG", "LOC")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|outside|across|on|over|into|around|from)\s+(?:the\s+)?$", re.I)
_AIMED_AT = re.compile(r"\b(?:against|targeting|hit|struck|shelled|of)\s+(?:the\s+)?$", re.I)
_POSSESSIVE_PLACE = re.compile(r"['’]s\s+$")
_CLAUSE_BREAK = re.compile(r"(?:\bthat\b|[,;:]|\bsaid\b|\bsays\b)")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
# A trigger used as a noun ("the strikes", "ATACMS strikes", "Russia's attack") has no subject before it:
# the entity before "described the strikes" is who talks about them, not who struck.
_VERB_FORM = re.compile(r"(?:ed|struck|hit|met|fought|froze|shot down|led)$", re.I)
_NOUN_CONTEXT = re.compile(
    r"(?:\b(?:the|a|an|these|those|such|its|their|his|her|this|new|more|further|other|of|on|in|for|with|after|"
    r"during|about|against|by)|['’]s|\b[A-Z][\w\-]*)\s+$")
_DATELINE = re.compile(r"^[A-Z][A-Z.' ]{2,}(?:,[^\n\-—–(]{0,60})?(?:\s*\([^)\n]{1,40}\))?\s[-—–]\s")
_MODIFIER_GAP = re.compile(r"^\s*(?:\(|['’]s\s+|(?:[A-Z][\w.\-]*\s+){0,3})$")


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Actor:
    role: str
    key: str
    start: int
    end: int


def location_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int],
                mentions: Sequence[Mapping[str, Any]], violent: bool = False) -> Place | None:
    """`violent`: an attack or clash, whose place may also be what it was aimed at ("against Kramatorsk")."""
    places = [m for m in mentions if m["label"] == "LOC" and sentence[0] <= m["start"] < sentence[1]]
    introduced = [m for m in places if _PLACE_PREPOSITION.search(text[max(sentence[0], m["start"] - 12) : m["start"]])
                  or (violent and _AIMED_AT.search(text[max(sentence[0], m["start"] - 12) : m["start"]]))]
    after = [m for m in introduced if m["start"] >= trigger[1]]
    chosen = (after or introduced or [None])[0]
    if chosen is None:
        return None
    start = chosen["start"]
    for inner in places:  # "in Russia's Bryansk region": the place is the region, named with its country
        if inner["start"] >= chosen["end"] and _POSSESSIVE_PLACE.fullmatch(text[chosen["end"] : inner["start"]]):
            chosen = inner
    return Place(start, chosen["end"], text[start : chosen["end"]], chosen["entity_key"])


def dateline_place(text: str, mentions: Sequence[Mapping[str, Any]]) -> Place | None:
    """The place of the article's dateline ("CHARLOTTE - ...", "KIEV (Reuters) -"), at the start of
    one of its first three paragraphs (a headline and a subheading may come first): where an event without a place of its
    own happened, as local reports leave it implied ("the shooting of a black man here")."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text[:2000])][:2]
    for start in starts:
        dateline = _DATELINE.match(text[start : start + 120])
        if dateline is None:
            continue
        places = [m for m in mentions if m["label"] == "LOC" and start <= m["start"] < start + dateline.end()]
        if places:
            return Place(places[0]["start"], places[0]["end"], places[0]["text"], places[0]["entity_key"])
        # An upper-case city the entity model does not tag ("CHARLOTTE"): the dateline's first words.
        city = re.match(r"[A-Z][A-Z.' ]*[A-Z]", text[start : start + dateline.end()])
        if city is not None:
            return Place(start, start + city.end(), city.group(), city.group().lower())
    return None


def actors_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int], event_type: str,
              mentions: Sequence[Mapping[str, Any]], place: Place | None) -> list[Actor]:
    """(role, key) participants of the mention, agents first; one entry per key and role."""
    dateline = _DATELINE.match(text[sentence[0] : sentence[1]])
    first = sentence[0] + (dateline.end() if dateline else 0)
    in_sentence = sorted((m for m in mentions if m["label"] in ACTOR_LABELS
                          and first <= m["start"] < sentence[1]), key=lambda m: m["start"])
    before_role, after_role = ("authorizer", "agent") if event_type == "authorization" else ("agent", "target")
    clause_start = _clause_start(text, sentence[0], trigger[0])
    before = [m for m in in_sentence if clause_start <= m["start"] and m["end"] <= trigger[0]]
    after = [m for m in in_sentence if m["start"] >= trigger[1] and m["start"] < _clause_end(text, trigger[1], sentence[1])]
    if place is not None:
        after = [m for m in after if not (place.start <= m["start"] < place.end)]
    actors: list[Actor] = []
    lead = text[sentence[0] : trigger[0]]
    if not _VERB_FORM.search(text[trigger[0] : trigger[1]]) and _NOUN_CONTEXT.search(lead):
        owner = [m for m in before if re.fullmatch(r"['’]s\s+", text[m["end"] : trigger[0]])]
        actors += [Actor(before_role, m["entity_key"], m["start"], m["end"]) for m in owner]
        actors += [Actor(after_role, m["entity_key"], m["start"], m["end"]) for m in after
                   if re.search(r"\b(?:on|against)\s+(?:the\s+)?$", text[max(0, m["start"] - 10) : m["start"]])]
    elif _PASSIVE.search(lead):
        by_agent = [m for m in after if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m["start"] - 8) : m["start"]])]
        actors += [Actor(before_role, m["entity_key"], m["start"], m["end"]) for m in by_agent[:1]]
        actors += [Actor(after_role, m["entity_key"], m["start"], m["end"]) for m in before[-1:]]
    else:
        actors += [Actor(before_role, m["entity_key"], m["start"], m["end"]) for m in _nearest_group(text, before)]
        actors += [Actor(after_role, m["entity_key"], m["start"], m["end"]) for m in after]
    if event_type == "diplomatic_meeting":
        actors = [a if a.role == "agent" else Actor("agent", a.key, a.start, a.end) for a in actors
                  if a.role == "agent" or re.search(r"\bwith\s+(?:the\s+)?$", text[max(0, a.start - 10) : a.start])]
    unique: dict[tuple[str, str], Actor] = {}
    for actor in actors:
        unique.setdefault((actor.role, actor.key), actor)
    return list(unique.values())


def _nearest_group(text: str, before: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The last entity before the trigger and those that modify it ("U.S. President | Joe Biden")."""
    if not before:
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        if not _MODIFIER_GAP.match(text[m["end"] : group[0]["start"]]):
            break
        group.insert(0, m)
    return group


def _clause_start(text: str, sentence_start: int, trigger_start: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, trigger_start))
    return breaks[-1].end() if breaks else sentence_start


def _clause_end(text: str, trigger_end: int, sentence_end: int) -> int:
    stop = re.compile(r"[,;:]|\b(?:while|but|and|after|before|because|which|who|that|as)\b").search(text, trigger_end, sentence_end)
    return stop.start() if stop else sentence_end
