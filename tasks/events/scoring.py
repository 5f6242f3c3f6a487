"""Scores the events stage against hand-annotated gold files (`newslake eval events`).

The rules are those of docs/event-annotation.md ("Gold file format", "How `newslake eval
events` scores"):

  - A gold event's `category` is its own (format v2) or, in a v1 file (events with only the
    legacy `event_type`), the one its type maps to in the ontology; `accident_disaster` maps to
    none and is no event any more. A v1 file is scored only on the categories the v1 types map
    to (ASSAULT, SUPPORT, CONSULT, SANCTION, COERCE, PROTEST, AID): the v1 guidelines did not
    annotate the others, so a predicted STATEMENT or AGREE there is left out of precision and
    recall alike, before matching; so is a prediction no v1 type stood for (an endorsement is
    SUPPORT but no `authorization`).
  - A predicted event matches a gold event of the same article when one of its mention spans
    overlaps one of the gold triggers; for `category` and the slots, when their categories are
    equal too. Each is its own one-to-one matching with the most pairs (`_most_pairs`): matching
    greedily in document order let an earlier row that overlaps two gold events, or a row of
    another category on the same words, take the gold event a later row was the only match for.
  - `trigger` counts span-matched events; `category` counts span-and-category-matched pairs.
    Every other slot is credited only on pairs matched by span and category: a value
    of an unmatched (or wrongly categorised) predicted event is a wrong value in precision's
    denominator, and a value of an unmatched gold event is a missed one in recall's.
  - Values compare per slot: dates as (date, precision), where `unknown` is no value;
    locations by containment after lower-casing and dropping "the" and possessives; actors by
    same role and containment of names, case-blind; weapons case-blind; quantities by
    (action, value). Multi-valued slots (actors, quantities) match one-to-one.
  - On span-matched pairs: CAMEO root accuracy (the first two digits) and, where the gold
    records one, modality accuracy. Actor role accuracy: actors of category-matched pairs
    paired by name alone, the share whose agent/target role agrees.

Gold documents without predictions have none; predictions for documents not in the gold files
are ignored, so scoring a lake that holds more than the gold articles is fine.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newslake.errors import NewslakeError
from newslake.files import read_jsonl
from newslake.tasks.events.ontology import Ontology, load_ontology

SLOTS = ("trigger", "category", "event_date", "location", "actors", "weapon", "quantities")
PRECISIONS = ("day", "month", "year", "unknown")
MODALITIES = ("asserted", "denied", "hypothetical", "future")
# The event types of the v1 guidelines: what a v1 file annotated, whatever a given file happens to hold.
V1_TYPES = ("attack", "armed_clash", "authorization", "diplomatic_meeting", "sanction", "arrest_legal", "protest",
            "humanitarian_aid", "casualty_report", "accident_disaster")
# `published_at` is required although scoring does not read it: the stage resolves dates against
# it, and a missing key (rather than null) would silently turn every relative date into "unknown".
_DOC_KEYS = ("doc_id", "published_at", "text", "events")
_EVENT_KEYS = ("triggers", "event_date", "date_precision", "location", "actors", "weapon", "quantities")
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
    ontology = load_ontology()
    documents: list[dict] = []
    seen: set[str] = set()
    for number, document in read_jsonl(path, "E050"):
        where = f"{path}:{number}"
        _check_document(document, where, ontology)
        if document["doc_id"] in seen:
            raise NewslakeError("E050", f"{where}: doc_id {document['doc_id']!r} repeats an earlier line; "
                                        "give each article once")
        seen.add(document["doc_id"])
        documents.append(document)
    return documents


def _check_document(document: Any, where: str, ontology: Ontology) -> None:
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
        _check_category(event, ontology, where, what)
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


def _check_category(event: dict, ontology: Ontology, where: str, what: str) -> None:
    """A v2 event names a known category (and a known modality, if any); a v1 event a v1 type."""
    if event.get("category") is not None:
        if event["category"] not in ontology.categories:
            raise NewslakeError("E050", f"{where}: {what} has category {event['category']!r}; use one of "
                                        f"{', '.join(ontology.categories)}")
        if event.get("modality") is not None and event["modality"] not in MODALITIES:
            raise NewslakeError("E050", f"{where}: {what} has modality {event['modality']!r}; use one of "
                                        f"{', '.join(MODALITIES)}")
    elif event.get("event_type") not in V1_TYPES:
        raise NewslakeError("E050", f"{where}: {what} has neither a category nor a v1 event_type "
                                    f"({event.get('event_type')!r}); give `category` (format v2)")


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


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def mention_spans(event: dict) -> list[tuple[int, int]]:
    # The main trigger counts even where a row's `mentions` left it out.
    spans = [(event["trigger_start"], event["trigger_end"])]
    return spans + [(m["start"], m["end"]) for m in event.get("mentions") or []]


def _gold_spans(event: dict) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in event["triggers"]]


def _same_words(predicted: dict, gold: dict) -> bool:
    return any(overlaps(p, g) for p in mention_spans(predicted) for g in _gold_spans(gold))


def _same_words_and_category(predicted: dict, gold: dict) -> bool:
    return predicted["category"] == gold["category"] and _same_words(predicted, gold)


def _match(gold: list[dict], predicted: list[dict],
           same: Callable[[dict, dict], bool] = _same_words) -> list[tuple[dict, dict]]:
    """(predicted, gold) pairs of one article, one-to-one, as many as `same` allows; among equally many,
    earlier rows keep earlier gold events."""
    gold_order = sorted(gold, key=lambda event: min(_gold_spans(event)))
    rows = sorted(predicted, key=lambda event: (event["trigger_start"], event["trigger_end"]))
    return [(rows[p], gold_order[g]) for p, g in _most_pairs(rows, gold_order, same)]


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


def _most_pairs(predicted: list, gold: list, same: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """The most one-to-one (predicted index, gold index) pairs of equal values or events (augmenting paths).

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

    for p in range(len(predicted)):
        place(p, set())
    return sorted((p, g) for g, p in owner.items())


# --- categories: what a gold file annotated, and each event's ------------------------------


def annotated_categories(documents: Sequence[dict], ontology: Ontology) -> frozenset[str] | None:
    """The categories a gold file is scored on: all (None) for a v2 file, whose events carry
    `category`; for a v1 file, those the v1 types map to."""
    if any(event.get("category") is not None for document in documents for event in document["events"]):
        return None
    return frozenset(mapped[0] for name in V1_TYPES if (mapped := ontology.legacy_category(name)) is not None)


def _in_v1_scope(event: dict, scope: frozenset[str], ontology: Ontology) -> bool:
    """A prediction a v1 file can judge: of a category its types map to, and of what those types covered
    (a v1 type stands for it: an endorsement is SUPPORT but was no `authorization`, a ban is COERCE but
    no `arrest_legal`)."""
    return event["category"] in scope and ontology.legacy_type(event["category"], event.get("cameo"), event.get("mode")) is not None


def _gold_event(event: dict, ontology: Ontology) -> dict | None:
    """A gold event with its category, CAMEO root and modality; None for a v1 type that is no event any more."""
    if event.get("category") is not None:
        return {**event, "cameo": event.get("cameo"), "modality": event.get("modality")}
    mapped = ontology.legacy_category(event["event_type"])
    if mapped is None:
        return None
    # v1 recorded no modality: its guidelines kept reported denials beside plain assertions.
    return {**event, "category": mapped[0], "cameo": mapped[1], "modality": None}


def predicted_event(row: dict, ontology: Ontology) -> dict | None:
    return row if row.get("category") is not None else _legacy_row(row, ontology)


def _legacy_row(row: dict, ontology: Ontology) -> dict | None:
    """A row of the stage from before categories (only `event_type`), read through the legacy mapping.

    That stage dropped negated and unreal triggers, so what it kept is asserted.
    """
    mapped = ontology.legacy_category(row["event_type"]) if row.get("event_type") in V1_TYPES else None
    if mapped is None:
        return None
    category, cameo, mode = mapped
    return {**row, "category": category, "cameo": cameo, "mode": mode, "modality": row.get("modality") or "asserted"}


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


@dataclass
class _Accuracy:
    correct: int = 0
    n: int = 0

    def add(self, right: bool) -> None:
        self.correct += right
        self.n += 1

    def scores(self) -> dict:
        return {"accuracy": round(self.correct / self.n, 4) if self.n else None, "correct": self.correct, "n": self.n}


@dataclass
class _Tallies:
    slots: dict[str, _Tally] = field(default_factory=lambda: {slot: _Tally() for slot in SLOTS})
    categories: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    cameo: _Accuracy = field(default_factory=_Accuracy)
    modality: _Accuracy = field(default_factory=_Accuracy)
    roles: _Accuracy = field(default_factory=_Accuracy)
    scored: list[tuple[float, bool]] = field(default_factory=list)  # (score, category-matched) per prediction
    left_out_gold: int = 0
    left_out_predicted: int = 0


def score_events(gold: list[dict], predicted: dict[str, list[dict]], ontology: Ontology | None = None) -> dict:
    """The figures of `predicted` (doc_id -> event rows) against one gold file's articles."""
    return score_gold_files([gold], predicted, ontology)


def score_gold_files(files: Sequence[list[dict]], predicted: dict[str, list[dict]],
                     ontology: Ontology | None = None) -> dict:
    """The figures of `predicted` against several gold files pooled, each scored on the categories it annotated."""
    ontology = ontology or load_ontology()
    tallies = _Tallies()
    for documents in files:
        scope = annotated_categories(documents, ontology)
        for document in documents:
            gold = [e for e in (_gold_event(event, ontology) for event in document["events"]) if e is not None]
            rows = [e for e in (predicted_event(row, ontology) for row in predicted.get(document["doc_id"], []))
                    if e is not None and (scope is None or _in_v1_scope(e, scope, ontology))]
            tallies.left_out_gold += len(document["events"]) - len(gold)
            tallies.left_out_predicted += len(predicted.get(document["doc_id"], [])) - len(rows)
            _tally_document(tallies, gold, rows)
    order = {name: rank for rank, name in enumerate(ontology.categories)}
    return {
        "slots": {slot: tallies.slots[slot].scores() for slot in SLOTS},
        "per_category": {name: tallies.categories[name].scores()
                         for name in sorted(tallies.categories, key=lambda name: order.get(name, len(order)))},
        "cameo_root": tallies.cameo.scores(),
        "modality": tallies.modality.scores(),
        "actor_roles": tallies.roles.scores(),
        "reliability": reliability(tallies.scored),
        "n_docs": sum(len(documents) for documents in files),
        "n_gold_events": tallies.slots["trigger"].gold,
        "n_predicted_events": tallies.slots["trigger"].predicted,
        "left_out": {"gold_events": tallies.left_out_gold, "predicted_events": tallies.left_out_predicted},
    }


def _tally_document(tallies: _Tallies, gold: list[dict], predicted: list[dict]) -> None:
    pairs = _match(gold, predicted)
    typed = _match(gold, predicted, _same_words_and_category)
    for slot in ("trigger", "category"):
        tallies.slots[slot].predicted += len(predicted)
        tallies.slots[slot].gold += len(gold)
    tallies.slots["trigger"].correct += len(pairs)
    tallies.slots["category"].correct += len(typed)
    for event in predicted:
        tallies.categories[event["category"]].predicted += 1
    for event in gold:
        tallies.categories[event["category"]].gold += 1
    for p, _ in typed:
        tallies.categories[p["category"]].correct += 1
    for p, g in pairs:
        if g["cameo"] is not None:
            tallies.cameo.add(str(p.get("cameo") or "")[:2] == str(g["cameo"])[:2])
        if g["modality"] is not None:
            tallies.modality.add(p.get("modality") == g["modality"])
    typed_ids = {id(p) for p, _ in typed}
    tallies.scored += [(event["score"], id(event) in typed_ids) for event in predicted
                       if isinstance(event.get("score"), int | float)]
    for p, g in typed:
        _tally_roles(tallies.roles, _actor_values(p), _actor_values(g))
    # Denominators take every event's values; only category-matched pairs can earn credit.
    for name, slot in _VALUE_SLOTS.items():
        tally = tallies.slots[name]
        tally.predicted += sum(len(slot.values(event)) for event in predicted)
        tally.gold += sum(len(slot.values(event)) for event in gold)
        tally.correct += sum(len(_most_pairs(slot.values(p), slot.values(g), slot.same)) for p, g in typed)


def _tally_roles(roles: _Accuracy, predicted: list[tuple[str, str]], gold: list[tuple[str, str]]) -> None:
    """Actors paired by name alone; each pair where both sides say agent or target is one role decision.
    (v1's `authorizer` is neither: the role of who permits, not of who acts.)"""
    same_name = lambda a, b: _contains_either_way(a[1], b[1])  # noqa: E731
    for p, g in _most_pairs(predicted, gold, same_name):
        if predicted[p][0] in ("agent", "target") and gold[g][0] in ("agent", "target"):
            roles.add(predicted[p][0] == gold[g][0])


def reliability(scored: Sequence[tuple[float, bool]], bins: int = 5) -> dict:
    """How well `score` predicts being right: predictions in equal-width score bins, each bin's
    observed precision beside its mean score, and the expected calibration error (the bins'
    |precision - mean score| weighted by their share of predictions)."""
    table = []
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        inside = [(score, right) for score, right in scored
                  if low <= score < high or (index == bins - 1 and score >= high)]
        correct = sum(right for _, right in inside)
        table.append({"low": round(low, 4), "high": round(high, 4), "n": len(inside), "correct": correct,
                      "precision": round(correct / len(inside), 4) if inside else None,
                      "mean_score": round(sum(score for score, _ in inside) / len(inside), 4) if inside else None})
    n = sum(row["n"] for row in table)
    ece = sum(row["n"] / n * abs(row["precision"] - row["mean_score"]) for row in table if row["n"]) if n else None
    return {"bins": table, "n": n, "ece": round(ece, 4) if ece is not None else None}
