"""Trigger spans -> event mentions with their slots (steps 1 and 2 of rows.py).

Which spans are event words (`candidates_of`), decided before the argument model runs so that it
runs once per shard:
  - the calibrated probability reaches `events.min_score`;
  - not inside a name: a span within a person, organisation or place the entity model found
    ("Assistance Secretary", "Offensive lineman", "the Strike Force") is part of that name;
  - not a refusal to answer the press ("declined to comment", "declined to be named": press_replies.py), nor a
    statement denied ("has not issued a statement"): neither is anything done;
  - an act a verb stops turns around: stopped help is a sanction, lifted coercion a concession ("suspended
    aid", "lifted the curfew": cessation.py).

Every such span is a mention, several of one category in one sentence too: news sentences often
hold two occurrences of a kind ("endorsed Clinton on Tuesday and said he agrees with her", "one
soldier was killed in another attack"). Joining (joining.py) makes one event of those that are
one ("strikes ... attacked") and keeps apart those whose participants, places or dates differ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslake.tasks.events.arguments import Actor, actors_from, date_from, merged, parties_aimed_at, place_from, things_from
from newslake.tasks.events.attachment import dates_another_act, gap, report_date
from newslake.tasks.events.cessation import turned_around
from newslake.tasks.events.dates import DateMention
from newslake.tasks.events.lexicon import cameo_code_of
from newslake.tasks.events.modality import DENIED, modality_of
from newslake.tasks.events.press_replies import refuses_the_press
from newslake.tasks.events.quantities import Quantity, in_object_of, quantities
from newslake.tasks.events.reader import EventReader
from newslake.tasks.events.slots import Place, location_of, object_of_light_verb, used_as_noun
from newslake.tasks.events.undergoing import as_undergone, undergoes
from newslake.tasks.events.weapons import WeaponMention, find_weapons, most_specific
from newslake.text.sentences import sentence_at, sentence_spans
from newslake.text.spans import Span

NAME_LABELS = ("PER", "ORG", "LOC")
ARMED = "ASSAULT"  # the category whose mentions get a weapon
# Verbal categories (PLOVER's verbal quad classes, STATEMENT and SANCTION) happen where their words are
# said, which the text seldom names: their place is only what the argument model marks as one, never a
# place merely named in the sentence ("sanctions against Russia") or the dateline.
_POSSESSOR = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,2}")  # "Russia's | attack", "Trump's | recent | threats"
# Categories between parties, all of them agents; a visit's host is its target.
MUTUAL = frozenset({"CONSULT", "COOPERATE"})
_VISIT = re.compile(r"(?:visit|trip|tour|travel|host)", re.I)
STATEMENT = "STATEMENT"
VERBAL = frozenset({"STATEMENT", "REQUEST", "AGREE", "SUPPORT", "CONCEDE", "ACCUSE", "REJECT", "THREATEN", "SANCTION"})
# Acts aimed at a party (docs/event-annotation.md's roles: the addressee, accused, supported, attacked, sanctioned,
# helped, confronted or released party is the target). Not a statement, a meeting, cooperation, a deployment or a
# retreat: a place after "to" or "from" is where they went ("a visit to Lima", "troops sent to Chile").
AIMED = frozenset({"REQUEST", "AGREE", "SUPPORT", "CONCEDE", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "AID",
                   "COERCE", "ASSAULT", "PROTEST"})


@dataclass
class Candidate:
    """An event word kept by `candidates_of`, before the argument model has read it."""

    start: int
    end: int
    text: str
    category: str
    score: float
    sentence: tuple[int, int]
    modality: str


@dataclass
class EventMention(Candidate):
    """The event word with its codes and slots."""

    cameo: str
    cameo_code: str | None
    mode: str | None
    legacy_type: str | None
    date: DateMention | None
    place: Place | None
    actors: list[Actor]
    things: list[Actor]  # what a target span names that is no actor ("a military facility"): for the description only
    weapon: WeaponMention | None
    quantities: list[Quantity]


def candidates_of(text: str, spans: Sequence[Span], entities: Sequence[Mapping[str, Any]],
                  reader: EventReader) -> list[Candidate]:
    sentences = sentence_spans(text)
    names = [(m["start"], m["end"]) for m in entities if m["label"] in NAME_LABELS]
    kept: list[Candidate] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.score < reader.min_score or span.label not in reader.ontology.categories:
            continue
        if any(start <= span.start and span.end <= end for start, end in names):
            continue
        if refuses_the_press(text, span.start, span.end):
            continue
        sentence = sentence_at(span.start, sentences) or (span.start, span.end)
        category, start = turned_around(text, sentence, span.start, span.end, span.label)
        modality = modality_of(text, sentence, (start, span.end))
        if category == STATEMENT and modality == DENIED:
            continue  # a statement not made is nothing done ("has not issued a statement", "no official statement")
        kept.append(Candidate(start, span.end, text[start : span.end], category, span.score, sentence, modality))
    return kept


def what_was_said(mentions: Sequence[EventMention]) -> list[EventMention]:
    """The mentions without each STATEMENT word whose sentence holds an event word of another category ("said in a
    statement that ... sanctions", "announced the arrest"): that event is what was said, and docs/event-annotation.md
    makes it the only event ("STATEMENT only when the content is of no other category"). The statement word has
    already taken its own date from the others (attachment.py: "announced on Friday the arrest" does not date the
    arrest). Its speaker is not handed to the other event: "Lavrov said the strikes ..." names no striker."""
    return [m for m in mentions if not (m.category == STATEMENT and any(
        other.sentence == m.sentence and other.category != STATEMENT for other in mentions))]


def mention_of(text: str, dates: Sequence[DateMention], candidate: Candidate, arguments: Sequence[Span],
               entities: Sequence[Mapping[str, Any]], reader: EventReader,
               others: Sequence[Candidate] = ()) -> EventMention:
    """`dates`: the article's date expressions (dates.py), resolved against its publish date; `others`: the event
    words of the candidate's sentence (the article's will do, only slower), of which a verb beside a date takes that
    date from this one (attachment.py) and the word nearest a count takes the count."""
    ontology, sentence = reader.ontology, candidate.sentence
    arguments = merged(text, arguments)
    trigger = (candidate.start, candidate.end)
    if candidate.category in AIMED:
        arguments = parties_aimed_at(text, trigger, arguments, entities, cities_too=candidate.category in VERBAL)
    code = cameo_code_of(candidate.text)
    if code is not None and ontology.category_of_cameo(code) != candidate.category:
        code = None  # the verb's usual code belongs to another category: the model read it otherwise
    cameo = code[:2] if code is not None else ontology.categories[candidate.category].default_cameo
    mode = ontology.mode_of(candidate.category, text[sentence[0] : sentence[1]])
    place = marked_place = place_from(text, arguments, entities)
    if place is None and candidate.category not in VERBAL:
        place = location_of(text, sentence, trigger, entities, candidate.category == ARMED)
    dates = [d for d in dates if sentence[0] <= d.start < sentence[1] and not _dates_another_noun(text, d, trigger)]
    misc = [(m["start"], m["end"], m["text"]) for m in entities if m["label"] == "MISC"]
    weapons = find_weapons(text, *sentence, reader.weapons, misc)  # the weapon slot is ASSAULT's; no event's actor
    # The argument model learnt verbs; for a noun its agent is the sentence's subject, who only talks about it
    # ("Lavrov described the strikes"): a noun keeps an agent that owns it ("Russia's attack") or one after it.
    undergone = undergoes(text, sentence[0], trigger)  # "faced criticism from": the subject is whom it was aimed at
    nominal = not undergone and used_as_noun(text, sentence[0], trigger) \
        and not object_of_light_verb(text, sentence[0], trigger)
    # A span that ends in a weapon ("American long-range missiles") says with what: neither it nor the maker it
    # names ("American") is an actor. One that ends in its wielder ("two gunmen") says who.
    tools = [w for w in weapons if not w.wielder]
    arguments = [a for a in arguments if not any(_ends_in(text, a, w) for w in tools)]
    actors = [_as_participant(_possessor_acts(text, a, trigger), candidate) for a in actors_from(text, arguments, entities)
              if not (_where_or_with(a, marked_place, tools) or nominal and a.role == "agent" and not _owns(text, a, trigger))]
    if undergone:  # agents first, as actors_from gives them
        actors = sorted((as_undergone(text, a, trigger) for a in actors), key=lambda a: a.role != "agent")
    things = [t for t in things_from(text, arguments, entities) if not _where_or_with(t, marked_place, tools)]
    if candidate.category == ARMED:
        # What an attack struck is its target even when it is a thing ("a military facility", "sites",
        # "a power plant"): the events table's contract (DESIGN.md's worked example) lists it, with a null key.
        actors += things
    return EventMention(
        **vars(candidate), cameo=cameo, cameo_code=code, mode=mode,
        legacy_type=ontology.legacy_type(candidate.category, cameo, mode),
        date=_as_told(date_from(arguments, dates) or _nearest_date(_own_dates(text, dates, candidate, others), trigger)
                      or report_date(text, sentence, dates, trigger, candidate.modality), candidate.modality),
        place=place,
        actors=actors,
        things=things,
        weapon=most_specific(weapons) if candidate.category == ARMED else None,
        quantities=[q for q in _own_quantities(text, candidate, others)
                    if candidate.category not in VERBAL or q.action is not None],
    )


def _where_or_with(actor: Actor, place: Place | None, weapons: Sequence[WeaponMention]) -> bool:
    """A span inside the marked place or naming a weapon says where or with what, not to whom."""
    return place is not None and _inside(actor, place.start, place.end) or any(_is_weapon(actor, w) for w in weapons)


def _inside(actor: Actor, start: int, end: int) -> bool:
    """An actor span inside the place the argument model marked is where, not whom ("struck in Kyiv"); a place
    only the sentence's rules found may be the target too ("the attack on Kharkiv")."""
    return actor.start >= start and actor.end <= end


def _as_participant(actor: Actor, candidate: Candidate) -> Actor:
    """Who meets or cooperates with whom: every party is an agent (docs/event-annotation.md), but for the host of a
    visit, its target ("Kerry met Klitschko": two agents; "Suu Kyi visited Obama": Obama hosts)."""
    if candidate.category in MUTUAL and actor.role == "target" and not _VISIT.match(candidate.text):
        return replace(actor, role="agent")
    return actor


def _possessor_acts(text: str, actor: Actor, trigger: tuple[int, int]) -> Actor:
    """Whose the event noun is does it ("Trump's criticism", "the FBI's refusal"): an agent, whatever role the
    argument model gave."""
    if actor.role == "target" and actor.end <= trigger[0] and _POSSESSOR.fullmatch(text[actor.end : trigger[0]]):
        return replace(actor, role="agent")
    return actor


def _owns(text: str, actor: Actor, trigger: tuple[int, int]) -> bool:
    """The actor is after the noun ("strikes by Russia") or right before it with a possessive ("Russia's attack")."""
    return actor.start >= trigger[1] or bool(_POSSESSOR.fullmatch(text[actor.end : trigger[0]]))


def _ends_in(text: str, span: Span, weapon: WeaponMention) -> bool:
    """An AGENT or TARGET span whose last word is the weapon's."""
    return span.label in ("AGENT", "TARGET") and span.start <= weapon.start and weapon.end <= span.end \
        and not re.search(r"\w", text[weapon.end : span.end])


def _is_weapon(actor: Actor, weapon: WeaponMention) -> bool:
    """An actor span that ends with the weapon is what was used, not whom ("using American-made ATACMS missiles")."""
    return _inside(actor, weapon.start, weapon.end) or (actor.start <= weapon.start and actor.end == weapon.end)


def _nearest_date(dates: list[DateMention], trigger: tuple[int, int]) -> DateMention | None:
    """The sentence's date expression nearest the trigger, one before it preferred."""
    before = [d for d in dates if d.end <= trigger[0]]
    return before[-1] if before else (dates[0] if dates else None)


def _own_dates(text: str, dates: Sequence[DateMention], candidate: Candidate,
               others: Sequence[Candidate]) -> list[DateMention]:
    """The sentence's dates that no reporting verb or other verb of an event takes first (attachment.py)."""
    sentence, trigger = candidate.sentence, (candidate.start, candidate.end)
    verbs = [(c.start, c.end) for c in others if c.sentence == sentence and (c.start, c.end) != trigger
             and not used_as_noun(text, sentence[0], (c.start, c.end))]
    return [d for d in dates if not dates_another_act(text, sentence, d, trigger, verbs)]


def _dates_another_noun(text: str, mention: DateMention, trigger: tuple[int, int]) -> bool:
    """A date that modifies a noun ("Friday's test", "the Nov. 8 election", "its July summit") dates that noun
    alone: it is no date of another event word in the sentence."""
    after = text[mention.end : mention.end + 40]
    possessive = re.match(r"['’]s\s", after)
    determined = re.search(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", text[max(0, mention.start - 8) : mention.start], re.I)
    if not possessive and not (determined and re.match(r"\s+[a-z]", after)):
        return False
    noun = mention.end + (possessive.end() if possessive else 0)
    return not (noun <= trigger[0] and not re.search(r"[,.;:()\"“”]", text[noun : trigger[0]]) and trigger[0] - noun <= 30)


def _as_told(mention: DateMention | None, modality: str) -> DateMention | None:
    """A future event's weekday or month-day is the next one after publication ("will meet on Thursday")."""
    if mention is not None and modality == "future" and mention.ahead is not None:
        return replace(mention, value=mention.ahead)
    return mention


def _own_quantities(text: str, candidate: Candidate, others: Sequence[Candidate]) -> list[Quantity]:
    """The sentence's counts that no other event word of the sentence stands nearer to: in "at a summit the
    leaders condemned the strikes that killed 17 people", the dead are the strike's, not the summit's. Mentions of
    one occurrence ("launched six missiles ... five were intercepted") share their counts again when joined."""
    sentence, trigger = candidate.sentence, (candidate.start, candidate.end)
    found = [_shifted(q, sentence[0]) for q in quantities(text[sentence[0] : sentence[1]])]
    own = []
    for q in found:
        at, rivals = (q.start, q.end), [c for c in others if c.sentence == sentence and _may_count(c, q)]
        if all(gap(trigger, at) <= gap((c.start, c.end), at) for c in rivals):
            own.append(q)
    if candidate.category in VERBAL:
        return own  # a verbal act takes a count with an action of its own only ("40 deputies voted against")
    return [in_object_of(text, q, trigger) for q in own]


def _may_count(candidate: Candidate, q: Quantity) -> bool:
    """Which event words compete for a count: no statement word (what_was_said drops it beside another event), and a
    verbal act only for a count with an action, the only kind it takes ("40 deputies voted against")."""
    return candidate.category != STATEMENT and (candidate.category not in VERBAL or q.action is not None)


def _shifted(q: Quantity, offset: int) -> Quantity:
    return Quantity(q.start + offset, q.end + offset, q.value, q.what, q.action)
