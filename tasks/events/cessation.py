"""Stopping help is a sanction: "suspended aid", "halted economic aid", "cut off military cooperation".

CAMEO codes an act that stops or cuts aid or cooperation as reducing relations (16: 162 "reduce or stop material
aid", 1622 "halt military cooperation"; the verb dictionary's CANCEL block has "HALT * AID", "STOP * GRANTS"),
which PLOVER and docs/event-annotation.md call SANCTION ("cut aid"). The trigger model reads the word of the help
itself and tags it AID or COOPERATE; the verb that stops it turns the event around. So an AID or COOPERATE word
becomes SANCTION, its trigger widened to the stopping verb, when

  - a stopping verb governs it: at most four words before it, none of them a preposition other than "of" or a
    conjunction ("suspended part of a military aid program", "halted economic aid to Serbia"; not "cut taxes and
    sent aid", "ended up sending aid");
  - it is the passive subject of one ("aid deliveries were suspended");
  - or it is a stopping verb itself (the model read "reduced food supplies" as AID on "reduced").

"End" is no stopping verb here ("ended up sending aid"), nor "block" (a blockade is CAMEO 191, an assault).
"""

from __future__ import annotations

import re

HELP = frozenset({"AID", "COOPERATE"})
SANCTION = "SANCTION"
_STOPPING = (r"(?:suspen(?:ds?|ded|ding|sion\s+of)|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|ceas(?:es?|ed|ing)|"
             r"cancel(?:s|led|ed|ling|ing|lation\s+of)?|call(?:s|ed|ing)?\s+off|cut(?:s|ting)?(?:\s+off)?|"
             r"slash(?:es|ed|ing)?|reduc(?:es?|ed|ing)|freez(?:es?|ing)|froze|frozen|withh(?:olds?|eld|olding)|"
             r"withdr(?:aws?|ew|awn|awing)|discontinu(?:es?|ed|ing)|terminat(?:es?|ed|ing)|scrap(?:s|ped|ping)?|"
             r"prohibit(?:s|ed|ing)?)")
_STOPPING_WORD = re.compile(rf"{_STOPPING}$", re.IGNORECASE)
_GOVERNS = re.compile(rf"\b{_STOPPING}\s+(?:(?!(?:to|for|from|by|with|through|in|on|at|after|before|and|but|or)\b)"
                      r"[\w\-’']+\s+){0,4}$", re.IGNORECASE)
_PASSIVE = re.compile(rf"^(?:\s+[\w\-]+){{0,2}}?\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+"
                      rf"{_STOPPING}\b", re.IGNORECASE)


def stopped_help(text: str, sentence: tuple[int, int], start: int, end: int, category: str) -> tuple[str, int]:
    """The category of the event word at start:end of `text` (in `sentence`) and where its trigger starts: SANCTION
    from the stopping verb on for help that is stopped, else `category` and `start` as they were."""
    if category not in HELP:
        return category, start
    if _STOPPING_WORD.fullmatch(text[start:end]):
        return SANCTION, start
    governing = _GOVERNS.search(text, sentence[0], start)
    if governing is not None:
        return SANCTION, governing.start()
    if _PASSIVE.match(text[end : sentence[1]]):
        return SANCTION, start
    return category, start
