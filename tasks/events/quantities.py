"""Counted things in news text and what happened to them: "launched six ATACMS missiles" -> 6
missiles, launched; "five missiles were intercepted" -> 5 missiles, intercepted.

For the events stage's `quantities` slot. Rules, plain and English-only:

  - A quantity is a number (digits, "1,200", or a number word up to twenty, "dozens" excluded:
    not a count) followed within three words by a plural noun (or people, children, men, women,
    personnel): what it counts ("six ATACMS
    missiles" -> "missiles"); "one" takes a singular noun ("one was damaged" counts what the
    previous quantity counted).
  - What happened to it: "were|was|had been|have been <verb>ed" right after it (passive voice), or a
    word of harm, capture or release right after it ("left two protesters dead" -> dead, "276
    schoolgirls kidnapped", "16 people died"), else a past-tense verb or participle right before it
    ("launched six ...", "killing three people" -> killed; active voice), else none.
  - A count with none of these that stands in the object of an event's verb undergoes that verb
    ("rammed his car into two soldiers", "kidnapped more than 200 girls": `in_object_of`), as the
    annotation guidelines define the action; no comma, clause word or preposition of another role
    ("after", "by", "from") between them.
  - Years, dates, times, durations ("two weeks"), distances, money and percentages are not
    counts and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
# Up to ten digits: more than anyone alive. A longer number is an identifier, a sum or noise, and would not fit the
# table's 64-bit `value`: one such number would fail the write of its whole shard. Nor is the tail of a longer
# number a count ("000" of "1,000,000,000,000,000"), nor that of a decimal ("5" of "3.5 million").
_NUMBER = r"(?P<number>(?<![\d,.])(?:\d{1,3}(?:,\d{3}){1,3}|\d{1,10})|" + "|".join(_NUMBER_WORDS) + r")"
_COUNTED = re.compile(
    rf"\b{_NUMBER}\s+(?P<modifiers>(?:[\w\-]+\s+){{0,2}}?)(?P<noun>(?-i:(?!(?:was|has|does|this|its|is|as|us|times)\b)[a-z][\w\-]{{2,}}s|people|children|men|women|personnel))\b(?!['’])"
    r"|\b(?P<alone>one)\s+(?=(?:was|were|is|has|had)\b)",
    re.IGNORECASE,
)
_ACTIVE = re.compile(r"\b(?P<verb>[a-z]+(?:ed|ing))\s+(?:at\s+least\s+|about\s+|some\s+|up\s+to\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"^\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?P<verb>[a-z]+(?:ed|en|wn))\b",
                      re.IGNORECASE)
# What befell the counted right after them: "left two protesters dead", "276 schoolgirls kidnapped", "16 people died".
# Harm, capture and release only, what news counts; a participle in general would take "300 men armed with".
_BEFELL = re.compile(r"^\s+(?P<verb>dead|died|killed|wounded|injured|hurt|missing|shot|executed|arrested|detained|"
                     r"kidnapped|abducted|captured|taken|held|released|freed|displaced|evacuated)\b", re.IGNORECASE)
# Between an event's verb and a count in its object: a few words, none that starts another clause or role.
_OBJECT_GAP = 25
_OTHER_ROLE = re.compile(r"[,.;:()\"“”]|\b(?:after|before|when|while|because|since|until|as|where|who|which|that|and|but|"
                         r"or|by|from|with)\b", re.IGNORECASE)
_VERB_FORM = re.compile(r"^[a-z]+(?:ed|ing)$", re.IGNORECASE)
# The "-ing" forms of irregular verbs news counts with (the rest take "-ed": killing, injuring, kidnapping, stopping).
_IRREGULAR = {
    "shooting": "shot", "hitting": "hit", "striking": "struck", "beating": "beaten", "fighting": "fought",
    "holding": "held", "taking": "taken", "leaving": "left", "freeing": "freed", "catching": "caught",
    "sending": "sent", "bringing": "brought", "losing": "lost", "making": "made", "giving": "given", "selling": "sold",
    "buying": "bought", "telling": "told", "finding": "found", "meeting": "met", "leading": "led", "building": "built",
    "spending": "spent", "paying": "paid", "dying": "died", "cutting": "cut", "putting": "put", "setting": "set",
    "seeing": "seen", "winning": "won", "keeping": "kept", "feeding": "fed", "fleeing": "fled",
}  # fmt: skip
_NOT_COUNTS = re.compile(
    r"^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|percent|times|am|pm|km|miles?|"
    r"kilomet(?:er|re)s|met(?:er|re)s|feet|dollars|euros|pounds|rubles|hryvnias)$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: int
    what: str | None  # the counted noun ("missiles"); None when unknown
    action: str | None  # the verb it undergoes ("intercepted"); None when none is found


def quantities(text: str) -> list[Quantity]:
    """The counted quantities of `text`, in text order."""
    found: list[Quantity] = []
    for match in _COUNTED.finditer(text):
        if match.group("alone"):
            value, what = 1, found[-1].what if found else None
        else:
            noun = match.group("noun")
            if _NOT_COUNTS.match(noun) or _is_year(match.group("number")):
                continue
            value, what = _value(match.group("number")), noun.lower()
        start, end = match.start(), match.end() if not match.group("alone") else match.start() + 3
        found.append(Quantity(start, end, value, what, _action(text, start, end)))
    return found


def _value(number: str) -> int:
    return _NUMBER_WORDS[number.lower()] if number.lower() in _NUMBER_WORDS else int(number.replace(",", ""))


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


def _action(text: str, start: int, end: int) -> str | None:
    after = text[end : end + 40]
    told = _PASSIVE.match(after) or _BEFELL.match(after)
    if told:
        return told.group("verb").lower()
    active = _ACTIVE.search(text[max(0, start - 40) : start])
    if active is None:
        return None
    return _past(active.group("verb"))


def in_object_of(text: str, q: Quantity, verb: tuple[int, int]) -> Quantity:
    """`q` with the action of the event verb at `verb` when it has none of its own and stands in the verb's object
    ("rammed his car into | two soldiers", "kidnapped more than | 200 girls"); else `q` as it is."""
    word = text[verb[0] : verb[1]]
    between = text[verb[1] : q.start]
    if q.action is not None or not _VERB_FORM.match(word) or q.start < verb[1] or len(between) > _OBJECT_GAP \
            or _OTHER_ROLE.search(between):
        return q
    return replace(q, action=_past(word))


def _past(verb: str) -> str:
    """"killing three people" is what "killed three people" says: one action name for both, so that a story's
    reports of one toll agree ("killing at least 52", "52 were killed"); "shooting" is "shot", not "shooted"."""
    verb = verb.lower()
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    return verb[:-3] + "ed" if verb.endswith("ing") else verb
