"""Which event of its article a claim is about (`claims.event_id`).

In order, the first rule that finds one decides:

  1. the claim's content contains a mention of the event ("claimed that ... the AFU launched
     six ATACMS missiles");
  2. a content that only points back ("this information", "the reports") is about what the
     claim it points back to is about;
  3. the content names enough of the event: its named weapon counts 2 ("the use of ATACMS"),
     its weapon class, an actor or its place 1 each; 2 or more links it (the best event wins);
  4. the claim's sentence mentions the event ("described the strikes ... as a sign that ...").

Otherwise the claim is about no extracted event and its stance stays toward the title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

LINK_AT = 2


def event_of(text: str, content: tuple[int, int] | None, sentence: tuple[int, int],
             events: Sequence[Mapping[str, Any]], mentions: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The event (row) the claim is about by rules 1, 3 and 4 (rule 2 is the caller's: it knows the order)."""
    if content is not None:
        inside = [e for e in events if any(_overlaps(m, content) for m in e["mentions"])]
        if inside:
            return min(inside, key=lambda e: e["trigger_start"])
        keys = {m["entity_key"] for m in mentions if content[0] <= m["start"] < content[1]}
        said = text[content[0] : content[1]]
        scored = [(_shared(said, keys, e), -e["trigger_start"], i) for i, e in enumerate(events)]
        best = max(scored, default=None)
        if best is not None and best[0] >= LINK_AT:
            return events[best[2]]
    in_sentence = [e for e in events if any(_overlaps(m, sentence) for m in e["mentions"])]
    return min(in_sentence, key=lambda e: e["trigger_start"]) if in_sentence else None


def _shared(said: str, keys: set[str], event: Mapping[str, Any]) -> int:
    points = 0
    weapon, weapon_class = event.get("weapon"), event.get("weapon_class")
    if weapon and weapon != weapon_class and re.search(rf"(?<!\w){re.escape(weapon)}(?!\w)", said, re.I):
        points += 2
    elif weapon_class and re.search(rf"\b{re.escape(weapon_class)}", said, re.I):
        points += 1
    points += len({a["entity_key"] for a in event["actors"]} & keys)
    if event.get("location_key") in keys:
        points += 1
    return points


def _overlaps(mention: Mapping[str, int], span: tuple[int, int]) -> bool:
    return mention["start"] < span[1] and span[0] < mention["end"]
