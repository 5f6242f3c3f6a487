"""The PLOVER gold-standard records (`newslake eval events --plover`): one coded sentence each.

`PLOVER_GSR_CAMEO.txt` (openeventdata/PLOVER) is a list of JavaScript-style objects with trailing
commas. Each record has a PLOVER `event` category and a `textInfo.markup`: the sentence with the
event words, sources and targets bracketed, "(SRC: Zambia) (EVT: extradited) suspected (TAR: British
militant Haroon Rashid Aswad) (LOC: (EVT: to) Britain) on Sunday". The sentence we score is the
markup with its brackets removed, so that every bracketed span has exact offsets; in a few records
it differs from the record's `text` (a typo fixed in one but not the other), which the spans would
not fit.

Markup as written, and how it is read:
  - tags may combine (SRC/TAR: both source and target; SRC/LOC, TAR/LOC) and nest
    ("(LOC: in (TAR: Macedonia))"); LOC spans are not scored;
  - a name's own parentheses stay text ("(SRC: Revolutionary United Front (RUF))"); a ")" that
    closes nothing is text too, and a tag left open at the end of the sentence is dropped;
  - a few markups are wrapped in braces, which are not part of the sentence.
Older category names map to the current ones through the ontology (DEMAND -> REQUEST, FIGHT ->
ASSAULT, DISAPPROVE and INVESTIGATE -> ACCUSE); the DOCUMENT record, which documents the file, is
skipped, as is a record without markup.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.tasks.events.ontology import Ontology, plover_category
from newslake.tasks.events.scoring import mention_spans, overlaps, predicted_event

Span = tuple[int, int]

_OPENING = re.compile(r"\(((?:EVT|SRC|TAR|LOC)(?:/(?:EVT|SRC|TAR|LOC))*):\s*")
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")


@dataclass(frozen=True)
class PloverSentence:
    id: str
    category: str  # the current PLOVER name
    text: str  # the markup without its brackets
    triggers: tuple[Span, ...]  # EVT
    sources: tuple[Span, ...]  # SRC and SRC/TAR
    targets: tuple[Span, ...]  # TAR and SRC/TAR


@dataclass(frozen=True)
class PloverGold:
    sentences: list[PloverSentence]
    skipped: dict[str, int]  # reason -> records


def read_plover(path: str | Path, ontology: Ontology) -> PloverGold:
    """The sentences of a PLOVER gold-standard file, in file order.

    Raises E010 for a missing file and E050 for one that is not a list of records once its
    trailing commas are stripped, or a record without `id` or `event`.
    """
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; give a PLOVER gold-standard file (PLOVER_GSR_CAMEO.txt)")
    try:
        records = json.loads(_TRAILING_COMMA.sub(r"\1", path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise NewslakeError("E050", f"{path} is not a PLOVER gold-standard file ({error}); expected a JSON list of "
                                    "records, trailing commas allowed") from None
    if not isinstance(records, list):
        raise NewslakeError("E050", f"{path} is not a PLOVER gold-standard file; expected a list of records")
    sentences: list[PloverSentence] = []
    skipped: Counter[str] = Counter()
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not all(isinstance(record.get(key), str) for key in ("id", "event")):
            raise NewslakeError("E050", f"{path}: record {number} lacks `id` or `event`; every record needs both")
        category = ontology.canonical(record["event"])
        markup = _markup(record)
        if category is None:
            skipped[f"category {record['event']}"] += 1
        elif markup is None:
            skipped["no markup"] += 1
        else:
            sentences.append(parse_markup(record["id"], category, markup))
    return PloverGold(sentences, dict(skipped))


def _markup(record: dict) -> str | None:
    info = record.get("textInfo")
    # One record has its markup as a plain string instead of {"markup": ...}.
    markup = info.get("markup") if isinstance(info, dict) else info
    return markup if isinstance(markup, str) and markup.strip() else None


def parse_markup(sentence_id: str, category: str, markup: str) -> PloverSentence:
    """The sentence a markup brackets, with its EVT, SRC and TAR spans as character offsets into it."""
    markup = markup.strip()
    if markup.startswith("{") and markup.endswith("}"):
        markup = markup[1:-1]
    text: list[str] = []
    length = 0
    # Each open parenthesis: the tags it opened (None for a plain one) and where its text starts.
    open_: list[tuple[tuple[str, ...] | None, int]] = []
    spans: dict[str, list[Span]] = {"EVT": [], "SRC": [], "TAR": []}
    position = 0
    while position < len(markup):
        tag = _OPENING.match(markup, position)
        char = markup[position]
        if tag is not None:
            open_.append((tuple(tag.group(1).split("/")), length))
            position = tag.end()
            continue
        if char == ")" and open_:
            tags, start = open_.pop()
            if tags is not None:
                span = _stripped("".join(text), start, length)
                for name in tags:
                    if name in spans and span is not None:
                        spans[name].append(span)
                position += 1
                continue
        elif char == "(":
            open_.append((None, length))
        text.append(char)
        length += 1
        position += 1
    return PloverSentence(sentence_id, category, "".join(text), tuple(spans["EVT"]), tuple(spans["SRC"]),
                          tuple(spans["TAR"]))


def _stripped(text: str, start: int, end: int) -> Span | None:
    """The span without the blanks at its edges ("(EVT: return )"); None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --- scoring -------------------------------------------------------------------------------
# v1 rows call an authorization's agent its `authorizer`.
_AGENT_ROLES = ("agent", "authorizer")


def score_plover(gold: PloverGold, predicted: dict[str, list[dict]], ontology: Ontology) -> dict:
    """Category accuracy and source / target recall of `predicted` (sentence id -> event rows).

    A sentence's answer is its first predicted event ranked by (its trigger overlaps an EVT
    span, score); its category is compared as PLOVER codes it (`plover_category`: a future meeting is
    AGREE); no event is a wrong answer. A gold source is found when an agent of the
    answer, or of any event whose trigger overlaps an EVT span, overlaps it; targets likewise.
    A SRC/TAR span (both) is found, as a source and as a target, by an actor of either role.
    """
    categories: dict[str, _Counts] = {}
    answered: Counter[str] = Counter()
    total, sources, targets = _Counts(), _Counts(), _Counts()
    no_event = 0
    for sentence in gold.sentences:
        events = [e for e in (predicted_event(row, ontology) for row in predicted.get(sentence.id, [])) if e is not None]
        on_trigger = [e for e in events if _on_trigger(e, sentence)]
        hits = {id(e) for e in on_trigger}
        ranked = sorted(events, key=lambda e: (id(e) in hits, e.get("score") or 0.0), reverse=True)
        answer = ranked[0] if ranked else None
        no_event += answer is None
        coded = None if answer is None else plover_category(answer["category"], answer.get("modality"),
                                                             answer.get("mode"))
        if coded is not None:
            answered[coded] += 1
        right = coded == sentence.category
        total.add(right)
        categories.setdefault(sentence.category, _Counts()).add(right)
        considered = ([answer] if answer is not None else []) + [e for e in on_trigger if e is not answer]
        agents = [span for e in considered for span in _actor_spans(e, sentence.text, _AGENT_ROLES)]
        patients = [span for e in considered for span in _actor_spans(e, sentence.text, ("target",))]
        # SRC/TAR marks a party on both sides of a mutual act ("Israel and Jordan agreed"), which the stage's
        # guidelines (docs/event-annotation.md) make an agent like every party: either role finds it.
        both = set(sentence.sources) & set(sentence.targets)
        for span in sentence.sources:
            sources.add(any(overlaps(span, other) for other in agents + (patients if span in both else [])))
        for span in sentence.targets:
            targets.add(any(overlaps(span, other) for other in patients + (agents if span in both else [])))
    order = {name: rank for rank, name in enumerate(ontology.categories)}
    return {
        "category": total.accuracy(),
        "per_category": {name: {**categories.get(name, _Counts()).accuracy(), "predicted": answered[name]}
                         for name in sorted(categories.keys() | answered.keys(),
                                            key=lambda name: order.get(name, len(order)))},
        "sources": sources.recall(),
        "targets": targets.recall(),
        "n_sentences": len(gold.sentences),
        "no_event": no_event,
        "skipped": gold.skipped,
    }


@dataclass
class _Counts:
    right: int = 0
    n: int = 0

    def add(self, right: bool) -> None:
        self.right += right
        self.n += 1

    def accuracy(self) -> dict:
        return {"accuracy": round(self.right / self.n, 4) if self.n else None, "correct": self.right, "n": self.n}

    def recall(self) -> dict:
        return {"recall": round(self.right / self.n, 4) if self.n else None, "found": self.right, "gold": self.n}


def _on_trigger(event: dict, sentence: PloverSentence) -> bool:
    return any(overlaps(span, trigger) for span in mention_spans(event) for trigger in sentence.triggers)


def _actor_spans(event: dict, text: str, roles: tuple[str, ...]) -> list[Span]:
    """Where the event's actors of `roles` stand in the sentence. Rows without actor offsets (from
    before the argument model) are placed at every occurrence of their name."""
    spans: list[Span] = []
    for actor in event.get("actors") or []:
        if actor.get("role") not in roles:
            continue
        if actor.get("start") is not None and actor.get("end") is not None:
            spans.append((actor["start"], actor["end"]))
        elif actor.get("text"):
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(actor["text"]), text, re.IGNORECASE)]
    return spans
