"""An event mention's argument spans (the argument model's AGENT, TARGET, PLACE and TIME) -> its
actors, place and date, tied to the article's entities and date expressions.

  - An AGENT or TARGET span is an actor, unless its words name nobody ("the", "that", "it": the
    stage does not resolve pronouns) or it is an infinitive clause ("authorized Ukraine to conduct
    strikes": what was authorized) while another span names the target; a clause that is the only
    target span names whom the act is about ("threatened to cut off gas to Transnistria"). A span
    that cuts a name is widened to the whole name ("Sen. Bernie" -> "Sen. Bernie Sanders"), and ends where a
    subordinate clause or a parenthesis begins ("the ban in December | after Farook ... killed": who is in the
    clause did something else). Its
    `entity_key` is the entity that heads the span: the last entity inside it that no preposition
    inside the span introduces ("U.S. President Joe Biden" -> joe biden). Actors joined by commas and "and" outside a name are one actor each
    ("France, Germany and Poland", "protesters and riot police"); "between A and B" names the
    parties of the act, agents both. A place or nationality that modifies a noun ("Ukrainian
    police", "the New York businessman") heads nothing: the noun does. "He" and "she" are the
    person named last before them.
  - A span headed by no entity is an actor only when its head noun names a kind of political actor
    (the CAMEO actor table's agents: "police", "separatists", "protesters", "parliament"), and a
    generic one ("people", "officials") only with its country ("Ukrainian officials"): "a military
    facility", "the agreement", "sanctions", "two men" are what or who an event is about, not an
    actor (docs/event-annotation.md), except that what an attack (ASSAULT) struck is its target
    (mentions.py). The actor is the span itself with a null key.
  - Its CAMEO code comes from the span's words ("Ukrainian police" -> UKR COP), else from the
    entity's name.
  - A PLACE span that a preposition of direction opens ("on", "against", "to", "toward") and that names a party
    is the target of an act aimed at someone (`parties_aimed_at`): "imposed tariffs on Chile", "sent medicine to
    the Red Cross". A party is a person, an organisation, a kind of political actor or a country; for an act of
    words (a demand, a threat, a sanction) also a city, which stands for its government ("sanctions against Minsk").
    Otherwise a PLACE span is the place when a place entity (LOC) lies inside it; the place is named as the
    text names it from that entity's start ("in Russia's Bryansk region" -> "Russia's Bryansk
    region"), keyed by the innermost place ("bryansk region").
  - A TIME span is the date when one of the article's date expressions lies inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslake.tasks.events.actor_codes import actor_code, words
from newslake.tasks.events.dates import DateMention
from newslake.tasks.events.slots import Place, modifies_noun, place_named
from newslake.tasks.stories.places import load_gazetteer
from newslake.text.spans import Span

ACTOR_ROLES = {"AGENT": "agent", "TARGET": "target"}
ACTOR_LABELS = ("PER", "ORG", "LOC", "MISC")
NAME_LABELS = ("PER", "ORG", "LOC")
_PREPOSITION = re.compile(r"\b(?:in|at|near|of|from|on|over|for|into|across|outside|inside|with|by|to)\s+(?:the\s+)?$", re.I)
_LEADING = re.compile(r"^(?:(?:on|against|at|with|to|for|upon)\s+)?(?:(?:the|a|an)\s+)?", re.I)
# A nominal group's head ends where a preposition, clause or verb begins ("heads of state", "people who fled").
_HEAD_ENDS = re.compile(r"\s+(?:of|in|for|with|against|to|that|who|whom|which|on|at|from|by|over|into|as|after|before|near|"
                        r"during|about|and|or|is|are|was|were|be|been|have|has|had|will|would|could|should|may|might)\b", re.I)
# Kinds of political actor the CAMEO table lacks as agents (it has "police", "rebel", "parliament", ...).
_ACTOR_KINDS = frozenset({"opposition", "force", "forces", "officials", "leaders", "officers", "investigators", "coalition",
                          "committee", "council", "party", "parties", "group", "groups", "guards", "staffers",
                          "demonstrators", "prisoners"})
# Kinds that name nobody in particular without a country: "people", "officials" (but "Ukrainian officials").
_GENERIC_KINDS = frozenset({"officials", "leaders"})
_GENERIC_SECTOR = "PPL"
# A count before a group is no part of its name ("12 activists" -> "activists", "some 20 people" -> "people").
_COUNT = re.compile(
    r"^(?:(?:some|about|around|nearly|almost|over|at\s+least|more\s+than|up\s+to)\s+)?(?:\d[\d,.]*|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|a\s+hundred|(?:tens\s+of\s+|hundreds\s+of\s+)?(?:hundreds|thousands)\s+of|dozens\s+of|several|many)\s+(?=\S)", re.I)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+|&\s*)", re.I)
# Prepositions that direct an act at someone ("tariffs on Chile", "grain to Peru", "hostility toward Chile"): opening
# a span, or ending the words before it (the tagger keeps the preposition in the span or not).
_DIRECTION = r"(?:on|upon|against|to|towards?)"
_DIRECTED = re.compile(rf"\s*{_DIRECTION}\s", re.I)
_DIRECTED_BEFORE = re.compile(rf"\b{_DIRECTION}\s+(?:the\s+)?$", re.I)
_OF_WHOM = re.compile(r"\b(?:for|to|with|from|by|against|of)\s+(?:the\s+)?$", re.I)
_CLAUSE = re.compile(r"\s*(?:[;:(\u2014]|\s[\u2013-]\s|,?\s+(?:after|before|because|while|when|whereas|although|if|unless|since|until|"
                     r"who|whom|which|where)\b)", re.I)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
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
    """One actor per AGENT/TARGET span or per actor it coordinates, agents first; an entity named twice is one actor.

    A TARGET span that opens with "to" and a lower-case word is a clause ("authorized Ukraine | to conduct strikes":
    what was authorized, not whom) or a recipient ("aid | to refugees"): when the event names no other target, the
    actor inside it is the target ("threatened to cut off electricity to Nakhichevan", "promised aid to war-torn
    Mozambique": whom the threat or promise is about); when it does, the other span is whom."""
    actors, clauses = [], []
    for span in sorted((s for s in spans if s.label in ACTOR_ROLES), key=lambda s: (s.label != "AGENT", s.start)):
        if _INFINITIVE.search(text[max(0, span.start - 4) : span.start + 6]):
            clauses.append(span)
            continue
        actors += _span_actors(text, span, entities)
    if not any(actor.role == "target" for actor in actors):
        actors += [actor for span in clauses if span.label == "TARGET" for actor in _span_actors(text, span, entities)]
    unique: dict[tuple[str, str], Actor] = {}
    for actor in actors:
        unique.setdefault(actor.identity, actor)
    return list(unique.values())


def _span_actors(text: str, span: Span, entities: Sequence[Mapping[str, Any]]) -> list[Actor]:
    start, end = _trimmed(text, *_widened(text, span.start, span.end, entities))
    clause = _CLAUSE.search(text, start, end)
    if clause is not None and clause.start() > start:
        start, end = _trimmed(text, start, clause.start())
    # "clashes between protesters and riot police": the parties of the act, agents alike
    role = "agent" if re.search(r"\bbetween\s+$", text[max(0, start - 12) : start], re.I) else ACTOR_ROLES[span.label]
    parts = [_actor_of(role, text, *_trimmed(text, *part), entities) for part in _conjuncts(text, start, end, entities)]
    return [actor for actor in parts if actor is not None]


def things_from(text: str, spans: Sequence[Span], entities: Sequence[Mapping[str, Any]]) -> list[Actor]:
    """The TARGET spans that name no actor ("a military facility", "sites"): what an attack was aimed at. They are no
    actors of the events table, but the event's description names them (what its claims' stance is scored against)."""
    things = []
    for span in sorted((s for s in spans if s.label == "TARGET"), key=lambda s: s.start):
        if _INFINITIVE.search(text[max(0, span.start - 4) : span.start + 6]):
            continue
        start, end = _trimmed(text, *_widened(text, span.start, span.end, entities))
        if start >= end or all(word.lower() in _EMPTY for word in re.findall(r"[\w'’]+", text[start:end])):
            continue
        if not any(_actor_of("target", text, *_trimmed(text, *part), entities) for part in _conjuncts(text, start, end, entities)):
            things.append(_actor("target", None, start, end, text[start:end]))  # "military facility": MIL
    return things


def _actor_of(role: str, text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> Actor | None:
    """The actor the words at start:end name: an entity that heads them, a nominal group of an actor kind, a person
    "he" or "she" refers to, the actor behind a thing; None for words that name nobody."""
    if text[start:end].lower() in _PERSONAL_PRONOUNS:
        person = _antecedent(start, entities)
        return _actor(role, person, start, end, text[start:end]) if person is not None else None
    if start >= end or all(word.lower() in _EMPTY for word in re.findall(r"[\w'’]+", text[start:end])):
        return None
    head = _head_entity(text, start, end, entities)
    if head is not None:
        return _actor(role, head, start, end, text[start:end])
    if _names_an_actor(text[start:end]):
        return _actor(role, None, start, end, text[start:end])
    return _actor_behind(role, text, start, end, entities)


def _conjuncts(text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """The span cut at its commas and "and"s outside names ("France, Germany and Poland", "protesters and riot
    police"; "the Organization for Security and Co-operation in Europe" stays whole)."""
    names = [(m["start"], m["end"]) for m in entities if start <= m["start"] and m["end"] <= end]
    parts, begin = [], start
    for cut in _COORDINATION.finditer(text, start, end):
        if cut.start() > begin and not any(s < cut.end() and cut.start() < e for s, e in names):
            parts.append((begin, cut.start()))
            begin = cut.end()
    return [*parts, (begin, end)]


def parties_aimed_at(text: str, trigger: tuple[int, int], spans: Sequence[Span], entities: Sequence[Mapping[str, Any]],
                     cities_too: bool = False) -> list[Span]:
    """The spans with each PLACE span that names whom the event word's act is aimed at made a TARGET span.

    The argument model, trained on where-questions, marks "on Chile" of "imposed tariffs on Chile" and "to the Red
    Cross" of "sent medicine to the Red Cross" as where; the guidelines make a country that is an actor no place
    ("sanctions against Russia": target Russia, location null). Such a span follows the event word or its object
    ("tariffs | on", "sent medicine | to", not "awarded a medal during a visit | to") with a preposition of
    direction, and its first nominal group is headed by a party: a person, an organisation, a kind of political actor
    or a country. A city or region stays a place ("an attack on Kharkiv", "aid to Donetsk"), except with
    `cities_too`, for acts of words, which happen where they are said and are aimed at the government a capital
    stands for ("sanctions against Minsk")."""
    out: list[Span] = []
    for span in spans:
        party = _party_in(text, span, entities, cities_too) if span.label == "PLACE" and _aimed_at(text, trigger, span) else None
        if party is None:
            out.append(span)
            continue
        # "on a village | in Herat province": whom, then where
        out.append(Span(span.start, party, "TARGET", span.score))
        if re.search(r"\w", text[party : span.end]):
            out.append(Span(party, span.end, "PLACE", span.score))
    return out


def _aimed_at(text: str, trigger: tuple[int, int], span: Span) -> bool:
    """The span opens with a preposition of direction (in it or right before it: the tagger keeps it or not) that
    the event word or its object governs: at most four words between them, no clause, other preposition or
    possessor ("echoed the party's stance on Peru": the stance's, not the act's)."""
    if span.start < trigger[1]:
        return False
    opening = _DIRECTED.match(text, span.start) or _DIRECTED_BEFORE.search(text[trigger[1] : span.start])
    if opening is None:
        return False
    end = span.start if opening.start() >= span.start else trigger[1] + opening.start()
    gap = text[trigger[1] : end]
    tokens = gap.split()
    return len(tokens) <= 4 and not re.search(r"[;:()\"“”]|,\s|['’]s\b", gap) \
        and not any(_HEAD_ENDS.match(" " + token) and token.lower() != "of" for token in tokens)


def _party_in(text: str, span: Span, entities: Sequence[Mapping[str, Any]], cities_too: bool) -> int | None:
    """Where the span's first nominal group ends ("a U.S. compound" of "on a U.S. compound in Benghazi") when it
    names a party; None when it names none."""
    start, end = _trimmed(text, *_widened(text, span.start, span.end, entities))
    cut = _HEAD_ENDS.search(text, start, end)
    end = _trimmed(text, start, cut.start())[1] if cut is not None else end
    head = _head_entity(text, start, end, entities)
    if head is None or re.match(r"['’]s\s+[a-z]", text[head["end"] : end]):
        named = _names_an_actor(text[start:end])  # "Ukraine's independence supporters": the supporters
    elif head["label"] in ("PER", "ORG"):
        named = True
    else:
        named = head["label"] == "LOC" and (cities_too or any(load_gazetteer().country_itself(name) is not None
                                                              for name in (head["text"], head["text"].replace(".", ""))))
    end = end if cut is not None else max(end, span.end)
    # a PLACE span inside a name ("the Contact Group | on Ukraine") is part of that name, no party of its own
    return end if named and end > span.start and re.search(r"\w", text[span.start : end]) else None


def place_from(text: str, spans: Sequence[Span], entities: Sequence[Mapping[str, Any]]) -> Place | None:
    for span in (s for s in spans if s.label == "PLACE"):
        inside = sorted((m for m in entities if m["label"] == "LOC" and span.start <= m["start"] and m["end"] <= span.end
                         and not modifies_noun(text, m)), key=lambda m: m["start"])
        if inside:
            return place_named(text, inside[0], inside)
    return None


def date_from(spans: Sequence[Span], dates: Sequence[DateMention]) -> DateMention | None:
    for span in (s for s in spans if s.label == "TIME"):
        inside = [d for d in dates if span.start <= d.start < span.end and d.value is not None]
        if inside:
            return inside[0]
    return None


def _antecedent(start: int, entities: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Who "he" or "she" is: the person named last before it (news names a person, then refers back)."""
    people = [m for m in entities if m["label"] == "PER" and m["end"] <= start]
    return max(people, key=lambda m: m["end"]) if people else None


def _actor(role: str, head: Mapping[str, Any] | None, start: int, end: int, words: str) -> Actor:
    code = actor_code(words) or (actor_code(head["text"]) if head is not None else None)
    return Actor(role, head["entity_key"] if head is not None else None, start, end, words,
                 code.country if code else None, code.sector if code else None, code.code if code else None)


def _head_entity(text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The last entity inside the span that no preposition inside it introduces; none when a place or nationality
    only modifies the span's noun ("Ukrainian police", "the New York businessman": the noun is the actor)."""
    inside = [m for m in entities if m["label"] in ACTOR_LABELS and start <= m["start"] and m["end"] <= end]
    heads = [m for m in inside if not _PREPOSITION.search(text[start : m["start"]])]
    named = [m for m in heads if m["label"] != "MISC"] or heads
    if not named:
        return None
    head = max(named, key=lambda m: m["start"])
    if head["label"] in ("LOC", "MISC") and re.match(r"\s+[a-z]", text[head["end"] : end]) \
            and not _HEAD_ENDS.match(text[head["end"] : end]):
        return None
    return head


def _names_an_actor(phrase: str) -> bool:
    """The nominal group's head noun is a kind of political actor ("pro-Russian separatists", "riot police"); a
    generic one ("people", "officials") only with a country in the group ("Ukrainian officials")."""
    head = _HEAD_ENDS.split(phrase, maxsplit=1)[0]
    tokens = words(head)
    if not tokens:
        return False
    noun = tokens[-1]
    kind = actor_code(noun)
    if kind is None and noun not in _ACTOR_KINDS:
        return False
    if noun in _GENERIC_KINDS or (kind is not None and kind.sector == _GENERIC_SECTOR):
        country = actor_code(head)
        return country is not None and country.country is not None
    return True


def _actor_behind(role: str, text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> Actor | None:
    """The actor a span about a thing names ("German goods" -> German, "aid for Romania" -> Romania, "a truce with
    Moslem forces" -> Moslem forces): the first name in it that modifies its noun or follows a preposition of
    whom, with the actor words after the name."""
    for m in sorted((m for m in entities if m["label"] in ACTOR_LABELS and start <= m["start"] and m["end"] <= end),
                    key=lambda m: m["start"]):
        before = text[start : m["start"]]
        if _PREPOSITION.search(before) and not _OF_WHOM.search(before):
            continue  # "a center in Tokyo": where, not whom
        group = re.match(r"(?:\s+[a-z][\w\-]*)+", text[m["end"] : end])
        if group is not None and _names_an_actor(text[m["start"] : m["end"] + group.end()]):
            return _actor(role, None, m["start"], m["end"] + group.end(), text[m["start"] : m["end"] + group.end()])
        return _actor(role, m, m["start"], m["end"], m["text"])
    return None


def _widened(text: str, start: int, end: int, entities: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    """The span grown to the words and names it cuts: the tagger ends spans mid-name ("Sen. Bernie" of "Sen. Bernie
    Sanders") or starts them mid-word ("s internal affairs")."""
    for m in entities:
        if m["label"] in NAME_LABELS and m["start"] < end and start < m["end"]:
            start, end = min(start, m["start"]), max(end, m["end"])
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’") and text[start].isalnum():
        start -= 1
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding blanks, punctuation, a leading preposition and article ("the police" ->
    "police", "on Kharkiv" -> "Kharkiv": the tagger learnt answers that sometimes keep them) and a count ("12
    activists" -> "activists")."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    for leading in (_LEADING, _COUNT):
        found = leading.match(text[start:end])
        if found is not None and found.end() < end - start:
            start += found.end()
    return start, end
