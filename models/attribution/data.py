"""PolNeAR as this package reads it: articles, primary attributions, and one BIO label per wordpiece.

PolNeAR nests attributions (a content span holds another attribution), but a
tagger has one label per wordpiece, so the gold spans are flattened by painting
characters in this order, later paint winning:

  1. content spans, shortest first: where contents nest, the OUTER content wins;
  2. source spans;
  3. cue spans.

So a nested attribution keeps its source and cue, which break the outer content
into pieces around them (the pairing rules put such pieces back together). The
gold itself, decoded from these labels, is the ceiling a single-layer tagger can
reach (see the model card). Discontinuous spans are painted fragment by
fragment: the text between fragments (usually "he said") is not content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newslake.errors import NewslakeError
from newslake.files import read_jsonl

SPAN_TYPES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
_PAINT_ORDER = ("CONTENT", "SOURCE", "CUE")  # later wins


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """`start`/`end` cover the whole span; `fragments` are its pieces ((start, end),) when contiguous."""

    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: GoldSpan | None
    cue: GoldSpan | None
    content: GoldSpan | None
    content2: GoldSpan | None = None  # PolNeAR's rare second content span
    kind: str = "Attribution"  # or "Attribution-no-source"


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    split: str
    text: str


def _records(path: Path) -> list[dict]:
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; give a PolNeAR JSONL file (see datasets/MANIFEST.md)")
    return [record for _, record in read_jsonl(path, "E037")]


def read_articles(path: str | Path) -> dict[str, Article]:
    """`articles.jsonl` by doc_id."""
    path = Path(path)
    articles = {}
    for record in _records(path):
        try:
            articles[record["doc_id"]] = Article(record["doc_id"], record.get("split", ""), record["text"])
        except KeyError as error:
            raise NewslakeError("E037", f"{path}: an article record lacks {error}; it needs doc_id and text") from None
    return articles


def _span(record: dict | None) -> GoldSpan | None:
    if not record:
        return None
    pieces = record.get("fragments") or [record]
    return GoldSpan(int(record["start"]), int(record["end"]), tuple((int(p["start"]), int(p["end"])) for p in pieces))


def read_attributions(path: str | Path, primary_only: bool = True) -> dict[str, list[GoldAttribution]]:
    """Attributions by doc_id from an `attributions_*.jsonl`; by default only the `primary` annotator's.

    Several annotators annotated some articles; keeping all of them would count the same spans
    twice (PITFALLS.md). Records without a `primary` field count as primary.
    """
    path = Path(path)
    result: dict[str, list[GoldAttribution]] = {}
    for record in _records(path):
        if primary_only and not record.get("primary", True):
            continue
        try:
            attribution = GoldAttribution(
                source=_span(record.get("source")), cue=_span(record.get("cue")), content=_span(record.get("content")),
                content2=_span(record.get("content2")), kind=record.get("type", "Attribution"),
            )
            result.setdefault(record["doc_id"], []).append(attribution)
        except (KeyError, TypeError, ValueError) as error:
            raise NewslakeError("E037", f"{path}: attribution record {record.get('attribution_id')!r} of "
                                        f"{record.get('doc_id')!r} is malformed ({error!r})") from None
    return result


def gold_spans(attributions: Sequence[GoldAttribution]) -> dict[str, set[tuple[int, int]]]:
    """The distinct (start, end) of each span type, as the metrics count them (content2 counts as content)."""
    spans: dict[str, set[tuple[int, int]]] = {kind: set() for kind in SPAN_TYPES}
    for attribution in attributions:
        for kind, span in (("SOURCE", attribution.source), ("CUE", attribution.cue),
                           ("CONTENT", attribution.content), ("CONTENT", attribution.content2)):
            if span is not None:
                spans[kind].add((span.start, span.end))
    return spans


def paint_characters(length: int, attributions: Sequence[GoldAttribution]) -> tuple[list[int], list[int]]:
    """Per character: the span type index (-1 none, else into SPAN_TYPES) and an owner id (-1 none).

    The owner tells two adjacent spans of one type apart (it becomes B- vs I-).
    """
    kinds, owners = [-1] * length, [-1] * length
    pieces: dict[str, set[tuple[int, int, int]]] = {kind: set() for kind in SPAN_TYPES}
    for attribution in attributions:
        for kind, span in (("SOURCE", attribution.source), ("CUE", attribution.cue),
                           ("CONTENT", attribution.content), ("CONTENT", attribution.content2)):
            if span is not None:
                pieces[kind] |= {(start, end, span.end - span.start) for start, end in span.fragments}
    owner = 0
    for kind in _PAINT_ORDER:
        # Shortest first, so that the outer of two nested spans of one type is painted last and wins.
        ordered = sorted(pieces[kind], key=lambda p: (p[2], p[0], p[1]))
        for start, end, _ in ordered:
            start, end = max(0, start), min(length, end)
            for position in range(start, end):
                kinds[position] = SPAN_TYPES.index(kind)
                owners[position] = owner
            owner += 1
    return kinds, owners


def piece_labels(offsets: Sequence[tuple[int, int]], kinds: Sequence[int], owners: Sequence[int]) -> list[int]:
    """One index into LABELS per wordpiece, read at its first character; B- where a new owner starts."""
    labels, previous_owner = [], -1
    for start, end in offsets:
        if start >= end or start >= len(kinds) or kinds[start] < 0:
            labels.append(0)
            previous_owner = -1
            continue
        begins = owners[start] != previous_owner
        labels.append(1 + 2 * kinds[start] + (0 if begins else 1))
        previous_owner = owners[start]
    return labels
