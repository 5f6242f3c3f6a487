"""The place of one event mention, read from its sentence and entities, and two facts of its words.

Rules, plain and English-only (docs/events.md has the reasons); the argument model gives actors,
places and dates first, these fill in:

  - location: a LOC entity right after the trigger, what the event happened to ("annexed Crimea",
    "the annexation of Crimea", "visit Charlotte"); else the first LOC entity after the trigger
    that follows a place preposition ("at a facility in the Bryansk region"; for an attack also
    "against the Kramatorsk rail station"), else such a LOC anywhere in the sentence ("In Kyiv,
    police detained ..."). A possessive place
    right before it belongs to the name the text gives ("Russia's Bryansk region"); the key is
    the inner place's entity key. A country's name used as an adjective ("the U.S. compound in
    Benghazi") says whose, not where: it is no location (nor inside the argument model's PLACE).
  - a light verb's subject is the agent of the event noun it governs ("the EU imposed new
    sanctions").
  - a dateline ("SIMFEROPOL, Ukraine (AFP) -", "KIEV (Reuters) -") names where the story was
    filed: its place is the place of material events that name none.
  - a trigger used as a noun ("the strikes", "Russia's attack") has no subject before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newslake.tasks.stories.places import load_gazetteer

_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|outside|across|on|over|into|around|from)\s+(?:the\s+)?$", re.I)
_AIMED_AT = re.compile(r"\b(?:against|targeting|hit|struck|shelled|of)\s+(?:the\s+)?$", re.I)
# A place right after the event word is what it happened to ("annexed Crimea", "the annexation of Crimea", "visit
# Charlotte"): where it happened.
_OBJECT = re.compile(r"\s+(?:of\s+)?(?:the\s+)?", re.I)
_POSSESSIVE_PLACE = re.compile(r"['’]s\s+$")
# The noun and light-verb patterns below read this much of a sentence before an event word: a light verb and up to
# three modifiers, or a determiner, take far less.
_CONTEXT_CHARS = 200
# A trigger used as a noun ("the strikes", "Russia's attack") has no subject before it: the entity before
# "described the strikes" is who talks about them, not who struck. A capitalised word before it says nothing:
# "ATACMS strikes" is a noun, "Kyiv sent" a verb.
_VERB_FORM = re.compile(r"(?:ed|struck|hit|met|fought|froze|shot down|led)$", re.I)
_NOUN_CONTEXT = re.compile(
    r"(?:\b(?:the|a|an|these|those|such|its|their|his|her|this|new|more|further|other|of|on|in|for|with|after|"
    r"during|about|against|by)|['’]s)\s+$", re.I)
# A light verb whose object is the event noun ("imposed new sanctions", "held talks", "filed a lawsuit"): its subject
# does what the noun names, so it is the noun's agent after all.
_LIGHT_VERB = re.compile(
    r"\b(?:impos|held|hold|launch|issu|conduct|stag|carri(?:ed|es)\s+out|carry\s+out|made|make|gave|give|approv|adopt|"
    r"announc|offer|fil|voic|express|deliver|sent|send|open|began|begin|start|organi[sz]|reach|extend|order|"
    r"lodg|level|introduc|pass|sign|mount|wag)(?:e|ed|es|ing|s)?\s+(?:(?:a|an|the|new|further|its|their|his|her|"
    r"fresh|more|tougher|additional|[\w\-]+-\w+)\s+){0,3}$", re.I)
# Nouns a place name heads or leads ("Donetsk region", "Kiev's Independence Square"): the name is still a place.
_PLACE_NOUNS = frozenset(
    "region regions province oblast city town village district area areas square street airport port border coast "
    "peninsula capital state county valley river sea island islands".split())
# Words after a place name that leave it a name of its own ("in Kyiv and Lviv", "Russia has", "Kyiv, where").
_NOT_A_NOUN = frozenset(
    "and or but in on at of to for from by with near after before during as than was were is are has have had will "
    "would could said says which who where when that last this next early late overnight yesterday today tonight "
    "since until also now again".split())
_NOT_A_NOUN_END = re.compile(r"(?:ed|ly)$")
_DATELINE = re.compile(r"^[A-Z][A-Z.' ]{2,}(?:,[^\n\-—–(]{0,60})?(?:\s*\([^)\n]{1,40}\))?\s[-—–]\s")


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str
    key: str


def location_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int],
                mentions: Sequence[Mapping[str, Any]], violent: bool = False) -> Place | None:
    """`violent`: an attack or clash, whose place may also be what it was aimed at ("against Kramatorsk")."""
    places = [m for m in mentions if m["label"] == "LOC" and sentence[0] <= m["start"] < sentence[1]]
    introduced = [m for m in places if not modifies_noun(text, m)
                  and (_PLACE_PREPOSITION.search(text[max(sentence[0], m["start"] - 12) : m["start"]])
                       or (violent and _AIMED_AT.search(text[max(sentence[0], m["start"] - 12) : m["start"]])))]
    after = [m for m in introduced if m["start"] >= trigger[1]]
    taken = [m for m in places if _OBJECT.fullmatch(text[trigger[1] : m["start"]]) and not modifies_noun(text, m)]
    chosen = (taken or after or introduced or [None])[0]
    if chosen is None:
        return None
    return place_named(text, chosen, places)


def modifies_noun(text: str, place: Mapping[str, Any]) -> bool:
    """A country's name used as an adjective ("the U.S. compound in Benghazi", "a Russian convoy"): it says whose,
    not where. A city's name before a noun is where ("the Kramatorsk train station"); a verb, adverb or time word
    after a name leaves it a name ("in eastern Ukraine last night", "Russia reportedly struck")."""
    after = re.match(r"\s+([a-z][\w\-]*)", text[place["end"] : place["end"] + 40])
    if after is None or after.group(1) in _PLACE_NOUNS or after.group(1) in _NOT_A_NOUN or _NOT_A_NOUN_END.search(after.group(1)):
        return False
    gazetteer = load_gazetteer()
    return any(gazetteer.country_itself(name) is not None for name in (place["text"], place["text"].replace(".", "")))


def place_named(text: str, first: Mapping[str, Any], places: Sequence[Mapping[str, Any]]) -> Place:
    """The place whose name starts at the LOC mention `first`: "Russia's Bryansk region" is the region, named
    with its country, keyed by the inner place."""
    inner = first
    for later in sorted(places, key=lambda m: m["start"]):
        if later["start"] >= inner["end"] and _POSSESSIVE_PLACE.fullmatch(text[inner["end"] : later["start"]]):
            inner = later
    return Place(first["start"], inner["end"], text[first["start"] : inner["end"]], inner["entity_key"])


def dateline_place(text: str, mentions: Sequence[Mapping[str, Any]]) -> Place | None:
    """The place of the article's dateline ("CHARLOTTE - ...", "KIEV (Reuters) -"), at the start of
    one of its first five paragraphs (a headline, subheadings and a photo caption may come first): where an
    event without a place of its own happened, as local reports leave it implied ("the shooting of a black
    man here")."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text[:2000])][:4]
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


def used_as_noun(text: str, sentence_start: int, trigger: tuple[int, int]) -> bool:
    """A trigger used as a noun ("the strikes", "ATACMS strikes", "Russia's attack"): the subject of the
    sentence's verb is not its agent ("Lavrov described the strikes": Lavrov talks about them)."""
    return not _VERB_FORM.search(text[trigger[0] : trigger[1]]) and bool(_NOUN_CONTEXT.search(_just_before(text, sentence_start, trigger)))


def object_of_light_verb(text: str, sentence_start: int, trigger: tuple[int, int]) -> bool:
    """An event noun that a light verb governs ("the EU imposed new sanctions", "held talks"): the verb's subject is
    the noun's agent, unlike the subject of a verb that only talks about it ("described the strikes")."""
    return bool(_LIGHT_VERB.search(_just_before(text, sentence_start, trigger)))


def _just_before(text: str, sentence_start: int, trigger: tuple[int, int]) -> str:
    """The words of the sentence right before the trigger: all the patterns above read (a verb and three words
    at most). Searching from the sentence's start instead made a run-on text of thousands of words, with as many
    event words, take minutes."""
    return text[max(sentence_start, trigger[0] - _CONTEXT_CHARS) : trigger[0]]
