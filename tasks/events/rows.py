"""Articles + their entity mentions -> `events` rows: typed event mentions with normalized slots.

Pure Python over rows (the entity model has already run). Per article:

  1. trigger words of the taxonomy (triggers.py); dropped: negated ones ("No casualties"),
     unreal ones (a modal, conditional or infinitive before them: "will visit", "pledged to impose
     sanctions", "if ... attacked") and capitalised ones inside a sentence, which are names
     ("in March", "Offensive lineman", "Assistance Secretary");
  2. in a sentence with an authorization, later triggers are what was authorized ("authorized
     Ukraine to conduct strikes"): part of the authorization, not events of their own;
  3. casualties in a sentence with an attack or clash, and fires or explosions in a paragraph
     with one, are that attack's effects, not events of their own;
  4. each remaining trigger is a mention with the slots of its sentence: date (the nearest date
     expression, dates.py), place and actors (slots.py), weapon (weapons.py),
     quantities (quantities.py);
  5. mentions of one type join the latest earlier event of that type they do not contradict
     (another day, place, named weapon or agent): an article says "struck ... launched six
     missiles ... five were intercepted" about one strike. Dates conflict at the coarser of
     their precisions ("in 1993" and "in 2000" are two attacks; "in May" and "May 9" may be one). The event's slots are its mentions'
     first known values (actors, quantities: all of them). An event that names no place
     happened where the article's dateline says ("CHARLOTTE - ...").

`score` is the share of the five slots (date, place, actors, weapon, quantities) the article
fills: how much of the event the text pins down, not a model probability (the stage has no
trained model; docs/events.md says why).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from newslake.tasks.events.dates import DateMention, date_mentions
from newslake.tasks.events.quantities import Quantity, quantities
from newslake.tasks.events.slots import Actor, Place, actors_of, dateline_place, location_of
from newslake.tasks.events.triggers import EventType, Trigger, find_triggers
from newslake.tasks.events.weapons import Lexicon, WeaponMention, find_weapons, most_specific
from newslake.text.sentences import paragraph_at, sentence_at, sentence_spans

FOLDED_INTO_ATTACK = {"casualty_report": "sentence", "accident_disaster": "paragraph"}
VIOLENT = ("attack", "armed_clash")


@dataclass
class EventMention:
    trigger: Trigger
    sentence: tuple[int, int]
    date: DateMention | None
    place: Place | None
    actors: list[Actor]
    weapon: WeaponMention | None
    quantities: list[Quantity]


@dataclass
class Event:
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def first(self) -> EventMention:
        return self.mentions[0]

    def slot(self, name: str) -> Any:
        return next((getattr(m, name) for m in self.mentions if getattr(m, name) is not None), None)

    @property
    def date(self) -> DateMention | None:
        known = [m.date for m in self.mentions if m.date is not None and m.date.value is not None]
        return min(known, key=lambda d: _PRECISION_RANK[d.precision]) if known else None

    @property
    def weapon(self) -> WeaponMention | None:
        return most_specific([m.weapon for m in self.mentions if m.weapon is not None])

    def agents(self) -> set[str]:
        return {a.key for m in self.mentions for a in m.actors if a.role in ("agent", "authorizer")}


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}


def event_rows(articles: Sequence[Mapping[str, Any]], entity_rows: Sequence[Mapping[str, Any]],
               taxonomy: Mapping[str, EventType], weapons: Lexicon) -> list[dict[str, Any]]:
    """`articles` need article_id, text, date and published_at (a datetime or None: the caller parses
    dates); one row per event, in article order."""
    mentions: dict[str, list[Mapping[str, Any]]] = {}
    for row in entity_rows:
        mentions.setdefault(row["article_id"], []).append(row)
    rows = []
    for article in articles:
        entities = mentions.get(article["article_id"], [])
        events = article_events(article["text"], _publish_date(article.get("published_at")), entities,
                                taxonomy, weapons)
        rows += [_row(article, event, taxonomy, entities) for event in events]
    return rows


def article_events(text: str, published: date | None, entities: Sequence[Mapping[str, Any]],
                   taxonomy: Mapping[str, EventType], weapons: Lexicon) -> list[Event]:
    sentences = sentence_spans(text)
    dates = date_mentions(text, published)
    misc = [(m["start"], m["end"], m["text"]) for m in entities if m["label"] == "MISC"]
    triggers = _asserted(text, [t for t in find_triggers(text, taxonomy) if not t.negated], sentences)
    events: list[Event] = []
    for trigger in triggers:
        sentence = _sentence_of(trigger.start, sentences)
        place = location_of(text, sentence, (trigger.start, trigger.end), entities, trigger.event_type in VIOLENT)
        mention = EventMention(
            trigger=trigger,
            sentence=sentence,
            date=_nearest_date(dates, sentence, trigger),
            place=place,
            actors=actors_of(text, sentence, (trigger.start, trigger.end), trigger.event_type, entities, place),
            weapon=most_specific(find_weapons(text, *sentence, weapons, misc)) if trigger.event_type in VIOLENT else None,
            quantities=[_shifted(q, sentence[0]) for q in quantities(text[sentence[0] : sentence[1]])],
        )
        _join(events, mention)
    filed_in = dateline_place(text, entities)
    if filed_in is not None:
        for event in events:
            if event.slot("place") is None:
                event.mentions[0].place = filed_in
    return events


_UNREAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|should|to|if|unless|whether|threaten(?:ed|s|ing)?|in\s+case\s+of)"
    r"\s+(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)


def _asserted(text: str, triggers: list[Trigger], sentences: list[tuple[int, int]]) -> list[Trigger]:
    """Triggers that are events of their own (steps 1 to 3 of the module doc)."""
    kept = []
    for trigger in triggers:
        sentence = _sentence_of(trigger.start, sentences)
        if trigger.start > sentence[0] and text[trigger.start].isupper():
            continue
        if _UNREAL.search(text[max(sentence[0], trigger.start - 40) : trigger.start]):
            continue
        same_sentence = [t for t in triggers if sentence[0] <= t.start < sentence[1]]
        if any(t.event_type == "authorization" and t.start < trigger.start for t in same_sentence):
            continue
        scope = FOLDED_INTO_ATTACK.get(trigger.event_type)
        if scope == "sentence" and any(t.event_type in VIOLENT for t in same_sentence):
            continue
        if scope == "paragraph":
            paragraph = paragraph_at(text, trigger.start)
            if any(t.event_type in VIOLENT and paragraph[0] <= t.start < paragraph[1] for t in triggers):
                continue
        # Two triggers of one type in a sentence ("strikes ... attacked") are one mention.
        if any(t.event_type == trigger.event_type and t.start < trigger.start for t in same_sentence):
            continue
        kept.append(trigger)
    return kept


def _join(events: list[Event], mention: EventMention) -> None:
    for event in reversed(events):
        if event.first.trigger.event_type == mention.trigger.event_type and _compatible(event, mention):
            event.mentions.append(mention)
            return
    events.append(Event([mention]))


def _compatible(event: Event, mention: EventMention) -> bool:
    """Nothing the mention says contradicts the event: day, place, named weapon, agents."""
    if _dates_conflict(event.date, mention.date):
        return False
    place = event.slot("place")
    if place is not None and mention.place is not None and place.key != mention.place.key:
        return False
    weapon = event.weapon
    if weapon is not None and mention.weapon is not None:
        if weapon.named and mention.weapon.named and weapon.name != mention.weapon.name:
            return False
        if weapon.weapon_class != mention.weapon.weapon_class:
            return False
    agents = {a.key for a in mention.actors if a.role in ("agent", "authorizer")}
    return not (agents and event.agents() and not agents & event.agents())


def _dates_conflict(a: DateMention | None, b: DateMention | None) -> bool:
    """Two known dates that cannot be the same occurrence: another year, month or day, each
    compared at the coarser of the two precisions ("in 1993" vs "in 2000"; May vs May 9 agree)."""
    if a is None or b is None or a.value is None or b.value is None:
        return False
    coarser = max(_PRECISION_RANK[a.precision], _PRECISION_RANK[b.precision])
    fields = {0: ("year", "month", "day"), 1: ("year", "month"), 2: ("year",)}[coarser]
    return any(getattr(a.value, name) != getattr(b.value, name) for name in fields)


def _nearest_date(dates: list[DateMention], sentence: tuple[int, int], trigger: Trigger) -> DateMention | None:
    """The sentence's date expression nearest the trigger, one before it preferred."""
    inside = [d for d in dates if sentence[0] <= d.start < sentence[1]]
    before = [d for d in inside if d.end <= trigger.start]
    return before[-1] if before else (inside[0] if inside else None)


def _row(article: Mapping[str, Any], event: Event, taxonomy: Mapping[str, EventType],
         entities: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    first = event.first
    event_type = first.trigger.event_type
    identity = f"{article['article_id']}:{first.trigger.start}:{first.trigger.end}:{event_type}"
    place, day, weapon = event.slot("place"), event.date, event.weapon
    actors = _actors(event, entities)
    quantities_ = _quantities(event)
    filled = [day is not None, place is not None, bool(actors), weapon is not None, bool(quantities_)]
    return {
        "event_id": hashlib.sha256(identity.encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        "event_type": event_type,
        "cameo": taxonomy[event_type].cameo,
        "trigger": first.trigger.text,
        "trigger_start": first.trigger.start,
        "trigger_end": first.trigger.end,
        "mentions": [{"start": m.trigger.start, "end": m.trigger.end} for m in event.mentions],
        "description": describe(event, actors),
        "event_date": day.value if day is not None else None,
        "date_precision": day.precision if day is not None else "unknown",
        "date_text": day.text if day is not None else None,
        "location": place.text if place is not None else None,
        "location_start": place.start if place is not None else None,
        "location_end": place.end if place is not None else None,
        "location_key": place.key if place is not None else None,
        "actors": actors,
        "weapon": weapon.name if weapon is not None else None,
        "weapon_class": weapon.weapon_class if weapon is not None else None,
        "quantities": quantities_,
        "sentence_start": first.sentence[0],
        "sentence_end": first.sentence[1],
        "score": round(sum(filled) / len(filled), 4),
        "date": article["date"],
    }


def describe(event: Event, actors: list[dict[str, Any]]) -> str:
    """A headline-like line for the event, what its claims' stance is scored against:
    "Armed Forces of Ukraine struck in Russia's Bryansk region with ATACMS"."""
    first = event.first
    before = [a["text"] for a in actors if a["role"] in ("agent", "authorizer") and first.trigger.event_type != "authorization"
              or a["role"] == "authorizer"]
    after = [a["text"] for a in actors if a["role"] == "target"
             or (a["role"] == "agent" and first.trigger.event_type == "authorization")]
    parts = [" and ".join(before), first.trigger.text, " and ".join(after)]
    place, weapon = event.slot("place"), event.weapon
    if place is not None:
        parts.append(f"in {place.text}")
    if weapon is not None:
        parts.append(f"with {weapon.name}")
    return " ".join(p for p in parts if p)


def _actors(event: Event, entities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each (role, key) once, named by its longest mention in the article (its fullest form)."""
    longest: dict[str, str] = {}
    for m in entities:
        if len(m["text"]) > len(longest.get(m["entity_key"], "")):
            longest[m["entity_key"]] = m["text"]
    seen, out = set(), []
    for mention in event.mentions:
        for actor in mention.actors:
            if (actor.role, actor.key) not in seen:
                seen.add((actor.role, actor.key))
                out.append({"role": actor.role, "entity_key": actor.key, "text": longest.get(actor.key, actor.key)})
    return out


def _quantities(event: Event) -> list[dict[str, Any]]:
    seen, out = set(), []
    for q in (q for m in event.mentions for q in m.quantities):
        if (q.what, q.action, q.value) not in seen:
            seen.add((q.what, q.action, q.value))
            out.append({"what": q.what, "action": q.action, "value": q.value})
    return out


def _shifted(q: Quantity, offset: int) -> Quantity:
    return Quantity(q.start + offset, q.end + offset, q.value, q.what, q.action)


def _sentence_of(position: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    return sentence_at(position, sentences) or (position, position)


def _publish_date(published: datetime | None) -> date | None:
    """The publish day (UTC) of a row's `published_at`; a naive datetime is taken as UTC, as at ingest."""
    if published is None:
        return None
    utc = published.replace(tzinfo=UTC) if published.tzinfo is None else published.astimezone(UTC)
    return utc.date()
