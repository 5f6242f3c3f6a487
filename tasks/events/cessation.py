"""Stopping an act turns its category around: stopped help is a sanction ("suspended aid", "halted economic aid"),
lifted coercion a concession ("lifted the curfew", "eased sanctions").

CAMEO codes an act that stops or cuts aid or cooperation as reducing relations (16: 162 "reduce or stop material
aid", 1622 "halt military cooperation"; the verb dictionary's CANCEL block has "HALT * AID", "STOP * GRANTS"),
which PLOVER and docs/event-annotation.md call SANCTION ("cut aid"); and one that lifts a restriction, a curfew
or sanctions as yielding (08: 081 "ease administrative sanctions", 0813 "ease curfew", 085 "ease economic
sanctions"), which PLOVER's manual ("removing curfews") and the guidelines ("easing restrictions", "lifted") call
CONCEDE: a promise that the measure will not be enforced. (CAMEO2PLOVER-2021 puts 0813 and 085 under RETREAT; the
manual's text and the guidelines are followed.)

The trigger model reads the word of the act itself ("aid", "curfew") and tags its own category; the verb that
stops it turns it around. So such a word takes the turned category, its trigger widened to the stopping verb, when

  - a stopping verb governs it: at most four words before it, none of them a preposition other than "of" or a
    conjunction ("suspended part of a military aid program", "halted economic aid to Serbia", "shortened by one
    hour the nightly curfew"; not "cut taxes and sent aid", "ended up sending aid");
  - it is the passive subject of one ("aid deliveries were suspended", "the curfew was lifted");
  - or, for help, it is a stopping verb itself (the model read "reduced food supplies" as AID on "reduced"; a
    coercive word that is such a verb is coercion itself: "removed from the debate site by police").

"End" is no stopping verb here ("ended up sending aid", "the curfew ends at dawn"), nor "block" (a blockade is
CAMEO 191, an assault).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OTHER_WORDS = r"(?:(?!(?:to|for|from|by|with|through|in|on|at|after|before|and|but|or)\b)[\w\-’']+\s+)"
_CANCEL = (r"suspen(?:ds?|ded|ding|sion\s+of)|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|ceas(?:es?|ed|ing)|"
           r"cancel(?:s|led|ed|ling|ing|lation\s+of)?|call(?:s|ed|ing)?\s+off|discontinu(?:es?|ed|ing)|"
           r"terminat(?:es?|ed|ing)|scrap(?:s|ped|ping)?")


@dataclass(frozen=True)
class Turn:
    """What stopping an act of one of `acts` makes of it (`becomes`), the verbs that stop it, and whether such a verb
    tagged as one of the acts is the stopping itself."""

    acts: frozenset[str]
    becomes: str
    verbs: str
    itself: bool

    def word(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{self.verbs})$", re.IGNORECASE)

    def governs(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{self.verbs})\s+(?:by\s+[\w\-]+\s+[\w\-]+\s+)?{_OTHER_WORDS}{{0,4}}$", re.IGNORECASE)

    def passive(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:\s+[\w\-]+){{0,2}}?\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+"
                          rf"(?:{self.verbs})\b", re.IGNORECASE)


TURNS = (
    Turn(frozenset({"AID", "COOPERATE"}), "SANCTION",
         _CANCEL + r"|cut(?:s|ting)?(?:\s+off)?|slash(?:es|ed|ing)?|reduc(?:es?|ed|ing)|freez(?:es?|ing)|froze|frozen|"
                   r"withh(?:olds?|eld|olding)|withdr(?:aws?|ew|awn|awing)|prohibit(?:s|ed|ing)?", itself=True),
    Turn(frozenset({"COERCE", "SANCTION"}), "CONCEDE",
         _CANCEL + r"|lift(?:s|ed|ing)?|eas(?:es?|ed|ing)|relax(?:es|ed|ing)?|shorten(?:s|ed|ing)?|"
                   r"revok(?:es?|ed|ing)|rescind(?:s|ed|ing)?|repeal(?:s|ed|ing)?|abolish(?:es|ed|ing)?|"
                   r"waiv(?:es?|ed|ing)|remov(?:es?|ed|ing)", itself=False),
)
_COMPILED = [(turn, turn.word(), turn.governs(), turn.passive()) for turn in TURNS]


def turned_around(text: str, sentence: tuple[int, int], start: int, end: int, category: str) -> tuple[str, int]:
    """The category of the event word at start:end of `text` (in `sentence`) and where its trigger starts: the
    turned category from the stopping verb on for an act that is stopped, else `category` and `start`."""
    for turn, word, governs, passive in _COMPILED:
        if category not in turn.acts:
            continue
        if turn.itself and word.fullmatch(text[start:end]):
            return turn.becomes, start
        governing = governs.search(text, sentence[0], start)
        if governing is not None:
            return turn.becomes, governing.start()
        if passive.match(text[end : sentence[1]]):
            return turn.becomes, start
    return category, start
