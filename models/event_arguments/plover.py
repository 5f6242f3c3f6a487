"""Source and target recall on the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt).

Each record's `textInfo.markup` is its text with brackets: `(EVT: agreed)`, `(SRC: Hungary)`,
`(TAR: Turkey)`, `(SRC/TAR: Israel)` (an actor on both sides), and others (`LOC:`) that may nest
(`(LOC:to (TAR: Bosnia))`). Ordinary parentheses ("(APEC)") are text. The first EVT span is fed
as the trigger with the whole text as its sentence; a gold SRC counts as found when an AGENT span
overlaps it, a gold TAR when a TARGET span does, and a SRC/TAR when either does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.models.event_arguments.query import ArgumentQuery

_OPEN = re.compile(r"\(([A-Z]+(?:/[A-Z]+)*):\s*")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")  # the file has JSON with trailing commas
FOUND_BY = {"SRC": ("AGENT",), "TAR": ("TARGET",), "SRC/TAR": ("AGENT", "TARGET")}


def parse_markup(markup: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text and its bracketed spans (start, end, tag) in order of opening."""
    text: list[str] = []
    stack: list[tuple[str | None, int]] = []  # (tag or None for a plain parenthesis, start in text)
    spans: list[tuple[int, int, str]] = []
    position, length = 0, 0
    while position < len(markup):
        opening = _OPEN.match(markup, position)
        if opening:
            stack.append((opening.group(1), length))
            position = opening.end()
            continue
        char = markup[position]
        position += 1
        if char == "(":
            stack.append((None, length))
        elif char == ")" and stack:
            tag, start = stack.pop()
            if tag is not None:
                # Spaces before the bracket's end belong to the text around it, not the span.
                end = length - (len("".join(text)) - len("".join(text).rstrip()))
                spans.append((start, max(start, end), tag))
                continue
        text.append(char)
        length += 1
    return "".join(text), sorted(spans, key=lambda s: (s[0], -s[1]))


def read_records(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; pass the PLOVER_GSR_CAMEO.txt file")
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        raise NewslakeError("E051", f"{path} is not a JSON list of records ({error})") from None


def plover_items(records: list[dict]) -> list[tuple[ArgumentQuery, list[tuple[int, int, str]]]]:
    """A query (first EVT as trigger) and the gold actors (SRC, TAR, SRC/TAR spans) of each record that has both."""
    items = []
    for record in records:
        info = record.get("textInfo")
        if not isinstance(info, dict) or not isinstance(info.get("markup"), str):
            continue
        text, spans = parse_markup(info["markup"])
        events = [(s, e) for s, e, tag in spans if tag == "EVT" and text[s:e].strip()]
        actors = [(s, e, tag) for s, e, tag in spans if tag in FOUND_BY and e > s]
        if events and actors:
            items.append((ArgumentQuery(text, (0, len(text)), events[0]), actors))
    return items


def evaluate_plover(runner: Callable, path: str | Path) -> dict:
    """Recall of gold SRC / TAR / SRC/TAR actors, with counts."""
    items = plover_items(read_records(path))
    predicted = runner([query for query, _ in items])
    counts = {tag: {"gold": 0, "found": 0} for tag in FOUND_BY}
    for (_, actors), spans in zip(items, predicted):
        for start, end, tag in actors:
            counts[tag]["gold"] += 1
            counts[tag]["found"] += any(s.label in FOUND_BY[tag] and s.start < end and start < s.end for s in spans)
    for figures in counts.values():
        figures["recall"] = round(figures["found"] / figures["gold"], 4) if figures["gold"] else 0.0
    return {"records": len(items), **{tag.lower().replace("/", "_"): figures for tag, figures in counts.items()}}
