"""Disputed details: the values a story's members state for its slots, each value kept apart.

Clustering gives a story one canonical weapon, place and date; the members need not agree
("Iskander" in one report, "Tochka-U" in another; 30, 50 and 57 killed as the toll rises).
`story_details` keeps every value, one row per story x slot x value, with the articles (and
their publishers) stating it and the speakers whose claims state it:

| slot | what | action | value |
|---|---|---|---|
| `quantity` | the counted noun ("people") | what happened to them ("killed") | the count ("57") |
| `weapon` | the weapon's class ("missile") | | the weapon ("Tochka-U") |
| `place` | | | the place's entity key ("kramatorsk") |
| `date` | the date's precision ("day") | | the ISO date ("2022-04-08") |
| `agent` | | | the agent's entity key |

A speaker states a value when a claim about the member's event names it in its content (the
number, in digits or as a word up to twenty, for a count; the name as the text gives it for the others).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()
)
SLOTS = ("quantity", "weapon", "place", "date", "agent")


def member_details(event: Mapping[str, Any], claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The slot values one event states, each with the speakers (keys) whose claims about it name the value."""
    values: list[tuple[str, str | None, str | None, str, list[str]]] = []  # slot, what, action, value, surface forms
    for quantity in event.get("quantities") or []:
        number = int(quantity["value"])
        forms = [str(number)] + ([_NUMBER_WORDS[number]] if 0 <= number < len(_NUMBER_WORDS) else [])
        values.append(("quantity", quantity["what"], quantity["action"], str(number), forms))
    if event.get("weapon"):
        values.append(("weapon", event.get("weapon_class"), None, event["weapon"], [event["weapon"]]))
    if event.get("location_key"):
        values.append(("place", None, None, event["location_key"], [event.get("location") or event["location_key"]]))
    if event.get("event_date") is not None:
        values.append(("date", event["date_precision"], None, event["event_date"].isoformat(), [event.get("date_text") or ""]))
    agents = [a for a in event.get("actors") or [] if a["role"] == "agent" and a["entity_key"]]
    for key in dict.fromkeys(a["entity_key"] for a in agents):
        values.append(("agent", None, None, key, [a["text"] for a in agents if a["entity_key"] == key]))
    about = [c for c in claims if c.get("event_id") in (None, event["event_id"]) and c.get("content")]
    rows, seen = [], set()
    for slot, what, action, value, forms in values:
        if (slot, what, action, value) in seen:
            continue
        seen.add((slot, what, action, value))
        speakers = sorted({c["speaker_key"] or "anonymous" for c in about if _names(c["content"], forms)})
        rows.append({"slot": slot, "what": what, "action": action, "value": value, "speakers": speakers})
    return rows


def detail_rows(story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`story_details` rows of one story: its members' values, each with who states it (no `run_id`)."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for member in story["members"]:
        for detail in member.get("details") or []:
            key = (detail["slot"], detail["what"], detail["action"], detail["value"])
            row = grouped.setdefault(key, {"articles": {}, "speakers": set()})
            row["articles"][member["article_id"]] = member
            row["speakers"].update(detail["speakers"])
    rows = []
    for (slot, what, action, value), found in sorted(grouped.items(), key=lambda kv: (SLOTS.index(kv[0][0]), _order(kv[0]))):
        members = sorted(found["articles"].values(), key=lambda m: (m["published_at"] is None, m["published_at"] or 0, m["article_id"]))
        seen = [m["published_at"] for m in members if m["published_at"] is not None]
        rows.append({
            "story_id": story["story_id"],
            "slot": slot,
            "what": what,
            "action": action,
            "value": value,
            "n_articles": len(members),
            "n_publishers": len({m["publisher"] for m in members}),
            "articles": [{"article_id": m["article_id"], "publisher": m["publisher"], "published_at": m["published_at"],
                          "copy_of": m.get("copy_of")} for m in members],
            "speakers": sorted(found["speakers"]),
            "first_seen": min(seen) if seen else None,
            "last_seen": max(seen) if seen else None,
            "date": story["date"],
        })
    return rows


def _names(content: str, forms: Sequence[str]) -> bool:
    """Whether `content` names one of `forms` as a whole word, case aside ("30" is not in "300")."""
    return any(form and _may_hold(content, form)
               and re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", content, re.IGNORECASE) for form in forms)


def _may_hold(content: str, form: str) -> bool:
    """False when `content` cannot hold `form`, case aside: a substring test that spares compiling a pattern per
    form. Beyond ASCII it says True: IGNORECASE pairs letters that `lower` does not ("ſ" and "s")."""
    return not (content.isascii() and form.isascii()) or form.lower() in content.lower()


def _order(key: tuple) -> tuple:
    """Within a slot: by what and action, then counts numerically, other values alphabetically."""
    _slot, what, action, value = key
    return (what or "", action or "", value.isdigit(), int(value) if value.isdigit() else 0, value)
