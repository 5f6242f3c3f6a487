"""Scores the events stage against a hand-annotated gold file (`newslake eval events`).

The rules are those of docs/event-annotation.md ("Gold file format", "How `newslake eval
events` scores"):

  - A predicted event matches a gold event of the same article when one of its mention spans
    overlaps one of the gold triggers. Matching is one-to-one and greedy in document order:
    each predicted event, earliest first, takes the earliest unmatched gold event it overlaps.
  - `trigger` counts span-matched events; `event_type` counts span-matched pairs whose types
    are equal. Every other slot is credited only on pairs matched by span and type: a value of
    an unmatched (or wrongly typed) predicted event is a wrong value in precision's
    denominator, and a value of an unmatched gold event is a missed one in recall's.
  - Values compare per slot: dates as (date, precision), where `unknown` is no value;
    locations by containment after lower-casing and dropping "the" and possessives; actors by
    same role and containment of names, case-blind; weapons case-blind; quantities by
    (action, value). Multi-valued slots (actors, quantities) match one-to-one.

Gold documents without predictions have none; predictions for documents not in the gold file
are ignored, so scoring a lake that holds more than the gold articles is fine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newslake.errors import NewslakeError
from newslake.files import read_jsonl

SLOTS = ("trigger", "event_type", "event_date", "location", "actors", "weapon", "quantities")
PRECISIONS = ("day", "month", "year", "unknown")
# `published_at` is required although scoring does not read it: the stage resolves dates against
# it, and a missing key (rather than null) would silently turn every relative date into "unknown".
_DOC_KEYS = ("doc_id", "published_at", "text", "events")
_EVENT_KEYS = ("event_type", "triggers", "event_date", "date_precision", "location", "actors", "weapon", "quantities")
_TRIGGER_KEYS = ("start", "end", "text")
_ACTOR_KEYS = ("role", "text")
_QUANTITY_KEYS = ("what", "action", "value")
_THE = re.compile(r"\bthe\b")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)")  # "Russia's" -> "Russia", "the Allies'" -> "the Allies"


# --- the gold file -------------------------------------------------------------------------


def read_gold(path: str | Path) -> list[dict]:
    """The gold articles of a JSON Lines file, in file order, as written (dates stay strings).

    Raises E050 naming the line for a line that is not a JSON object, lacks a key, or has a
    trigger whose offsets do not select its text: a gold file that disagrees with itself would
    score the stage against the wrong spans without anyone noticing.
    """
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; give an events gold file (see docs/event-annotation.md)")
    documents: list[dict] = []
    seen: set[str] = set()
    for number, document in read_jsonl(path, "E050"):
        where = f"{path}:{number}"
        _check_document(document, where)
        if document["doc_id"] in seen:
            raise NewslakeError("E050", f"{where}: doc_id {document['doc_id']!r} repeats an earlier line; "
                                        "give each article once")
        seen.add(document["doc_id"])
        documents.append(document)
    return documents


def _check_document(document: Any, where: str) -> None:
    _require(document, _DOC_KEYS, where, "the article")
    if not isinstance(document["text"], str) or not isinstance(document["events"], list):
        raise NewslakeError("E050", f"{where}: `text` must be a string and `events` a list")
    try:
        _as_date(document["published_at"])
    except (TypeError, ValueError):
        raise NewslakeError("E050", f"{where}: published_at {document['published_at']!r} is not a date; "
                                    "write YYYY-MM-DD or null") from None
    for number, event in enumerate(document["events"], start=1):
        what = f"event {number}"
        _require(event, _EVENT_KEYS, where, what)
        if not isinstance(event["triggers"], list) or not event["triggers"]:
            raise NewslakeError("E050", f"{where}: {what} needs at least one trigger")
        for trigger in event["triggers"]:
            _require(trigger, _TRIGGER_KEYS, where, f"a trigger of {what}")
            _check_offsets(trigger, document["text"], where, what)
        for actor in _as_list(event["actors"], where, f"`actors` of {what}"):
            _require(actor, _ACTOR_KEYS, where, f"an actor of {what}")
        for quantity in _as_list(event["quantities"], where, f"`quantities` of {what}"):
            _require(quantity, _QUANTITY_KEYS, where, f"a quantity of {what}")
        if event["date_precision"] not in PRECISIONS:
            raise NewslakeError("E050", f"{where}: {what} has date_precision {event['date_precision']!r}; "
                                        f"use one of {', '.join(PRECISIONS)}")
        try:
            _as_date(event["event_date"])
        except (TypeError, ValueError):
            raise NewslakeError("E050", f"{where}: {what} has event_date {event['event_date']!r}; "
                                        "write YYYY-MM-DD or null") from None


def _require(record: Any, keys: tuple[str, ...], where: str, what: str) -> None:
    if not isinstance(record, dict):
        raise NewslakeError("E050", f"{where}: {what} is not a JSON object")
    missing = [key for key in keys if key not in record]
    if missing:
        raise NewslakeError("E050", f"{where}: {what} lacks {', '.join(missing)}; it needs {', '.join(keys)}")


def _as_list(value: Any, where: str, what: str) -> list:
    if not isinstance(value, list):
        raise NewslakeError("E050", f"{where}: {what} must be a list")
    return value


def _check_offsets(trigger: dict, text: str, where: str, what: str) -> None:
    start, end = trigger["start"], trigger["end"]
    # bool is an int subclass; `true` as an offset is a typo, not position 1.
    valid = all(isinstance(o, int) and not isinstance(o, bool) for o in (start, end)) and 0 <= start < end <= len(text)
    if not valid or text[start:end] != trigger["text"]:
        found = repr(text[start:end]) if valid else "nothing (offsets out of range)"
        raise NewslakeError("E050", f"{where}: trigger {trigger['text']!r} of {what} is at {start}-{end}, where the text "
                                    f"reads {found}; offsets are character offsets into `text`, end exclusive")


# --- matching events -----------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted_spans(event: dict) -> list[tuple[int, int]]:
    # The main trigger counts even where a row's `mentions` left it out.
    spans = [(event["trigger_start"], event["trigger_end"])]
    return spans + [(m["start"], m["end"]) for m in event.get("mentions") or []]


def _gold_spans(event: dict) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in event["triggers"]]


def _match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """(predicted, gold) pairs of one article, one-to-one, greedy in document order."""
    gold_order = sorted(gold, key=lambda event: min(_gold_spans(event)))
    unmatched = list(range(len(gold_order)))
    pairs = []
    for event in sorted(predicted, key=lambda event: (event["trigger_start"], event["trigger_end"])):
        spans = _predicted_spans(event)
        for index in unmatched:
            if any(_overlaps(p, g) for p in spans for g in _gold_spans(gold_order[index])):
                pairs.append((event, gold_order[index]))
                unmatched.remove(index)
                break
    return pairs


# --- slot values ---------------------------------------------------------------------------
# Each slot maps an event (gold or predicted: the keys it reads are shared) to its values, a
# list so that single- and multi-valued slots count alike; an absent value is an empty list.


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date_values(event: dict) -> list[tuple[date, str]]:
    when, precision = _as_date(event["event_date"]), event["date_precision"]
    return [] if when is None or precision == "unknown" else [(when, precision)]


def _place(text: str) -> str:
    text = _POSSESSIVE.sub("", text.lower().replace("’", "'"))
    return " ".join(_THE.sub(" ", text).split())


def _location_values(event: dict) -> list[str]:
    location = event["location"]
    return [] if _blank(location) or not _place(location) else [_place(location)]


def _contains_either_way(a: str, b: str) -> bool:
    return a in b or b in a


def _actor_values(event: dict) -> list[tuple[str, str]]:
    return [(a["role"], " ".join(a["text"].lower().split())) for a in event["actors"] if not _blank(a["text"])]


def _same_actor(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] and _contains_either_way(a[1], b[1])


def _weapon_values(event: dict) -> list[str]:
    weapon = event["weapon"]
    return [] if _blank(weapon) else [weapon.strip().lower()]


def _quantity_values(event: dict) -> list[tuple[str | None, int]]:
    return [(q["action"].lower() if isinstance(q["action"], str) else None, q["value"]) for q in event["quantities"]]


def _equal(a: Any, b: Any) -> bool:
    return a == b


@dataclass(frozen=True)
class _Slot:
    values: Callable[[dict], list]
    same: Callable[[Any, Any], bool]


_VALUE_SLOTS = {
    "event_date": _Slot(_date_values, _equal),
    "location": _Slot(_location_values, _contains_either_way),
    "actors": _Slot(_actor_values, _same_actor),
    "weapon": _Slot(_weapon_values, _equal),
    "quantities": _Slot(_quantity_values, _equal),
}


def _matched_values(predicted: list, gold: list, same: Callable[[Any, Any], bool]) -> int:
    """The most one-to-one pairs of equal values (augmenting paths).

    Greedy pairing undercounts under containment: predicted ["Ukraine", "Armed Forces"] against
    gold ["Armed Forces of Ukraine", "Ukraine"] pairs "Ukraine" with the first gold name and
    then finds nothing for "Armed Forces", where two pairs exist. The lists hold a handful of
    values, so the exact count is cheap.
    """
    owner: dict[int, int] = {}  # gold index -> predicted index

    def place(p: int, tried: set[int]) -> bool:
        for g, value in enumerate(gold):
            if g not in tried and same(predicted[p], value):
                tried.add(g)
                if g not in owner or place(owner[g], tried):
                    owner[g] = p
                    return True
        return False

    return sum(place(p, set()) for p in range(len(predicted)))


# --- scoring -------------------------------------------------------------------------------


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    def scores(self) -> dict:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "predicted": self.predicted, "gold": self.gold, "correct": self.correct}


def score_events(gold: list[dict], predicted: dict[str, list[dict]]) -> dict:
    """Per-slot precision, recall and F1 of `predicted` (doc_id -> event rows) against `gold`."""
    tallies = {slot: _Tally() for slot in SLOTS}
    n_predicted = 0
    for document in gold:
        gold_events, rows = document["events"], predicted.get(document["doc_id"], [])
        n_predicted += len(rows)
        _tally_document(tallies, gold_events, rows)
    return {
        "slots": {slot: tallies[slot].scores() for slot in SLOTS},
        "n_docs": len(gold),
        "n_gold_events": sum(len(document["events"]) for document in gold),
        "n_predicted_events": n_predicted,
    }


def _tally_document(tallies: dict[str, _Tally], gold: list[dict], predicted: list[dict]) -> None:
    pairs = _match(gold, predicted)
    for slot in ("trigger", "event_type"):
        tallies[slot].predicted += len(predicted)
        tallies[slot].gold += len(gold)
    tallies["trigger"].correct += len(pairs)
    typed = [(p, g) for p, g in pairs if p["event_type"] == g["event_type"]]
    tallies["event_type"].correct += len(typed)
    # Denominators take every event's values; only type-matched pairs can earn credit.
    for name, slot in _VALUE_SLOTS.items():
        tally = tallies[name]
        tally.predicted += sum(len(slot.values(event)) for event in predicted)
        tally.gold += sum(len(slot.values(event)) for event in gold)
        tally.correct += sum(_matched_values(slot.values(p), slot.values(g), slot.same) for p, g in typed)
