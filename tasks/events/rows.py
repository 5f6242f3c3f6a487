"""Articles + their entity mentions -> `events` rows: categorized event mentions with their slots.

Per shard, the models run once over all its articles (reader.py); per article:

  1. the trigger model's spans, each a category with a calibrated probability, are event words
     when the probability reaches `events.min_score` (mentions.py also drops the ones inside a
     name);
  2. each event word gets its modality (asserted, denied, hypothetical, future: modality.py),
     mode, CAMEO code and, from the argument model's spans for that word, its actors, place and
     date (arguments.py); a place or date the spans miss comes from the sentence's rules
     (slots.py: a place after a place preposition; dates.py: the nearest date expression that
     no reporting verb or other event verb takes first, attachment.py), and
     weapon (ASSAULT only) and quantities from the sentence;
  3. a STATEMENT word whose sentence holds an event word of another category is dropped: that event is
     what was said (mentions.what_was_said); the other mentions of one category and modality join the
     latest earlier event they do not contradict (joining.py): an article says "struck ... launched six
     missiles ... five were intercepted" about one strike. An act of force then takes its CAMEO root, 19 or 18,
     from who took part in it and with what (force.py). A material event (not a verbal one: mentions.VERBAL)
     that names no place happened where the dateline says.

`score` is the highest calibrated probability of the event's mentions (the model card has the
reliability table).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from newslake.models.event_arguments.query import ArgumentQuery
from newslake.tasks.events.dates import date_mentions
from newslake.tasks.events.arguments import Actor
from newslake.tasks.events.force import force_root
from newslake.tasks.events.joining import Event, join
from newslake.tasks.events.mentions import (
    ARMED,
    VERBAL,
    Candidate,
    EventMention,
    candidates_of,
    mention_of,
    what_was_said,
)
from newslake.tasks.events.reader import EventReader
from newslake.tasks.events.slots import dateline_place


def event_rows(articles: Sequence[Mapping[str, Any]], entity_rows: Sequence[Mapping[str, Any]],
               reader: EventReader) -> list[dict[str, Any]]:
    """`articles` need article_id, text, date and published_at (a datetime or None: the caller parses
    dates); one row per event, in article order."""
    mentions: dict[str, list[Mapping[str, Any]]] = {}
    for row in entity_rows:
        mentions.setdefault(row["article_id"], []).append(row)
    texts = [article["text"] for article in articles]
    spans = reader.find_triggers(texts) if texts else []
    candidates = [candidates_of(text, found, mentions.get(article["article_id"], []), reader)
                  for article, text, found in zip(articles, texts, spans, strict=True)]
    queries = [ArgumentQuery(text, c.sentence, (c.start, c.end)) for text, found in zip(texts, candidates) for c in found]
    arguments = iter(reader.find_arguments(queries) if queries else [])
    rows = []
    for article, found in zip(articles, candidates, strict=True):
        entities = mentions.get(article["article_id"], [])
        published = _publish_date(article.get("published_at"))
        events = article_events(article["text"], published, entities, found, [next(arguments) for _ in found], reader)
        names = _names_by_key(entities)
        rows += [_row(article, event, names) for event in events]
    return rows


def article_events(text: str, published: date | None, entities: Sequence[Mapping[str, Any]],
                   candidates: Sequence[Candidate], arguments: Sequence[Sequence[Any]], reader: EventReader) -> list[Event]:
    events: list[Event] = []
    dates = date_mentions(text, published)
    # A mention competes for dates and counts with its sentence's event words only: handing it just those keeps a
    # run-on article with thousands of event words from costing their square.
    in_sentence: dict[tuple[int, int], list[Candidate]] = {}
    for candidate in candidates:
        in_sentence.setdefault(candidate.sentence, []).append(candidate)
    mentions = [mention_of(text, dates, candidate, spans, entities, reader, in_sentence[candidate.sentence])
                for candidate, spans in zip(candidates, arguments, strict=True)]
    for mention in what_was_said(mentions):
        join(events, mention)
    for event in events:
        if event.first.category == ARMED:
            _settle_force(event, reader)
    filed_in = dateline_place(text, entities)
    if filed_in is not None:
        for event in events:
            if event.slot("place") is None and event.first.category not in VERBAL:
                event.mentions[0].place = filed_in
    return events


def _settle_force(event: Event, reader: EventReader) -> None:
    """An act of force is CAMEO 19 or 18 by who took part and with what, over all its mentions (force.py)."""
    actors = [a for m in event.mentions for a in m.actors]
    weapons = [m.weapon for m in event.mentions if m.weapon is not None]
    for mention in event.mentions:
        mention.cameo, mention.cameo_code = force_root(mention.cameo, mention.cameo_code, actors, weapons)
        mention.legacy_type = reader.ontology.legacy_type(mention.category, mention.cameo, mention.mode)


def _row(article: Mapping[str, Any], event: Event, names: Mapping[str, list[Mapping[str, Any]]]) -> dict[str, Any]:
    first: EventMention = event.first
    identity = f"{article['article_id']}:{first.start}:{first.end}:{first.category}"
    place, day, weapon = event.slot("place"), event.date, event.weapon
    actors = _actors(event, names)
    # The CAMEO root and code come from one mention, the first that has a code ("the attack ... the bombing": 18, 183),
    # so that the code always lies under the root.
    coded = next((m for m in event.mentions if m.cameo_code is not None), first)
    return {
        "event_id": hashlib.sha256(identity.encode()).hexdigest()[:16],
        "article_id": article["article_id"],
        "category": first.category,
        "mode": event.slot("mode"),
        "cameo": coded.cameo,
        "cameo_code": coded.cameo_code,
        "modality": first.modality,
        "event_type": coded.legacy_type,
        "trigger": first.text,
        "trigger_start": first.start,
        "trigger_end": first.end,
        "mentions": [{"start": m.start, "end": m.end} for m in event.mentions],
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
        "quantities": _quantities(event),
        "sentence_start": first.sentence[0],
        "sentence_end": first.sentence[1],
        "score": round(max(m.score for m in event.mentions), 4),
        "date": article["date"],
    }


def describe(event: Event, actors: list[dict[str, Any]]) -> str:
    """A headline-like line for the event, what its claims' stance is scored against:
    "Armed Forces of Ukraine struck a military facility in Russia's Bryansk region with ATACMS" (the facility is what
    was struck, no actor: the mentions' `things`)."""
    first = event.first
    agents = [a["text"] for a in actors if a["role"] == "agent"]
    targets = [a["text"] for a in actors if a["role"] == "target"]
    for thing in (t.text for m in event.mentions for t in m.things):
        if thing.lower() not in {t.lower() for t in targets}:
            targets.append(thing)
    parts = [" and ".join(agents), first.text, " and ".join(targets)]
    place, weapon = event.slot("place"), event.weapon
    if place is not None and not any(place.text.lower() in t.lower() for t in targets):
        parts.append(f"in {place.text}")
    if weapon is not None:
        parts.append(f"with {weapon.name}")
    return " ".join(p for p in parts if p)


def _names_by_key(entities: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Each entity key's mentions in the article, in text order."""
    names: dict[str, list[Mapping[str, Any]]] = {}
    for m in sorted(entities, key=lambda m: m["start"]):
        names.setdefault(m["entity_key"], []).append(m)
    return names


def _actor_name(actor: Actor, event: Event, names: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """An entity named as docs/event-annotation.md says: its fullest name in the sentences of the event's mentions
    ("EU" where they say "EU", though the article spells it out elsewhere); a short form there ("Comey") is
    completed by the nearest earlier mention that holds it ("James Comey"), else by a later one (a headline's).
    An entity its sentences do not name (the span holds a pronoun's entity) is named as it was last before."""
    mentions = names.get(actor.key or "", [])
    said = [m for m in mentions if any(e.sentence[0] <= m["start"] < e.sentence[1] for e in event.mentions)]
    if not said:
        earlier = [m for m in mentions if m["start"] < actor.start]
        return (earlier[-1] if earlier else max(mentions, key=lambda m: len(m["text"]), default={"text": actor.text}))["text"]
    fullest = max(said, key=lambda m: len(m["text"]))["text"]
    if " " in fullest:
        return fullest
    fuller = [m for m in mentions if fullest in m["text"] and m["text"] != fullest]
    earlier = [m for m in fuller if m["start"] < actor.start]
    return earlier[-1]["text"] if earlier else max((m["text"] for m in fuller), key=len, default=fullest)


def _actors(event: Event, names: Mapping[str, list[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Each (role, key) once, an entity named by `_actor_name`."""
    seen, out = set(), []
    for mention in event.mentions:
        for actor in mention.actors:
            if actor.identity in seen:
                continue
            seen.add(actor.identity)
            out.append({"role": actor.role, "entity_key": actor.key,
                        "text": _actor_name(actor, event, names) if actor.key is not None else actor.text,
                        "start": actor.start, "end": actor.end,
                        "country": actor.country, "sector": actor.sector, "code": actor.code})
    return out


def _quantities(event: Event) -> list[dict[str, Any]]:
    seen, out = set(), []
    for q in (q for m in event.mentions for q in m.quantities):
        if (q.what, q.action, q.value) not in seen:
            seen.add((q.what, q.action, q.value))
            out.append({"what": q.what, "action": q.action, "value": q.value})
    return out


def _publish_date(published: datetime | None) -> date | None:
    """The publish day (UTC) of a row's `published_at`; a naive datetime is taken as UTC, as at ingest."""
    if published is None:
        return None
    utc = published.replace(tzinfo=UTC) if published.tzinfo is None else published.astimezone(UTC)
    return utc.date()
