"""How far two annotators of the same articles agree on events (docs/event-annotation.md, "Agreement").

    python scripts/event_agreement.py REFERENCE OTHER [--json]

Both files are version-2 gold files; only the articles both hold (by doc_id) are compared.
Events are matched within an article the way `newslake eval events` matches a prediction to
gold: one to one, greedy in document order, an OTHER event taking the earliest unmatched
REFERENCE event one of whose triggers its triggers overlap. On that matching:

  - events: precision (matched / OTHER events), recall (matched / REFERENCE events), F1;
  - trigger spans: the same over single trigger spans (each span matched once, by overlap);
  - category: observed agreement and Cohen's kappa on matched events, and the same for modality;
  - actors: F1 over (role, name) pairs of matched events, a name matching when one contains the
    other, case-blind (the scorer's rule);
  - location: the share of matched events whose locations agree (both none, or containment
    after lower-casing and dropping "the" and possessives).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from newslake.tasks.events.scoring import read_gold

Span = tuple[int, int]
_THE = re.compile(r"\bthe\b")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?!\w)")


@dataclass(frozen=True)
class Agreement:
    articles: int
    reference_events: int
    other_events: int
    matched_events: int
    event_precision: float
    event_recall: float
    event_f1: float
    trigger_f1: float
    category_agreement: float
    category_kappa: float
    modality_agreement: float
    modality_kappa: float
    actor_f1: float
    location_agreement: float


def _spans(event: dict) -> list[Span]:
    return [(t["start"], t["end"]) for t in event["triggers"]]


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_events(reference: list[dict], other: list[dict]) -> list[tuple[dict, dict]]:
    """(reference, other) pairs of one article, one to one, greedy in document order."""
    free = sorted(reference, key=lambda event: min(_spans(event)))
    pairs = []
    for event in sorted(other, key=lambda event: min(_spans(event))):
        for candidate in free:
            if any(_overlap(a, b) for a in _spans(event) for b in _spans(candidate)):
                pairs.append((candidate, event))
                free.remove(candidate)
                break
    return pairs


def _matched_spans(reference: list[Span], other: list[Span]) -> int:
    free = sorted(reference)
    matched = 0
    for span in sorted(other):
        hit = next((candidate for candidate in free if _overlap(span, candidate)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return matched


def _names_match(a: str, b: str) -> bool:
    a, b = a.casefold().strip(), b.casefold().strip()
    return bool(a and b) and (a in b or b in a)


def _matched_actors(reference: list[dict], other: list[dict]) -> int:
    free = list(reference)
    matched = 0
    for actor in other:
        hit = next((c for c in free if c["role"] == actor["role"] and _names_match(c["text"], actor["text"])), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return matched


def _place(text: str | None) -> str:
    return " ".join(_THE.sub(" ", _POSSESSIVE.sub("", (text or "").casefold())).split())


def _locations_agree(a: str | None, b: str | None) -> bool:
    a, b = _place(a), _place(b)
    return a == b or bool(a and b) and (a in b or b in a)


def _f1(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _share_equal(a: list[str], b: list[str]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else 0.0


def _kappa(a: list[str], b: list[str]) -> float:
    # One label on both sides leaves kappa undefined (0/0); agreement is then complete.
    if len(set(a) | set(b)) < 2:
        return 1.0 if a == b else 0.0
    return float(cohen_kappa_score(a, b))


def agreement(reference: list[dict], other: list[dict]) -> Agreement:
    """Agreement of `other` with `reference` on the articles both hold."""
    others = {document["doc_id"]: document for document in other}
    shared = [(document, others[document["doc_id"]]) for document in reference if document["doc_id"] in others]
    if not shared:
        raise ValueError("the two files share no doc_id")
    pairs: list[tuple[dict, dict]] = []
    reference_events = other_events = reference_spans = other_spans = matched_spans = 0
    for mine, theirs in shared:
        pairs += match_events(mine["events"], theirs["events"])
        reference_events += len(mine["events"])
        other_events += len(theirs["events"])
        a_spans = [span for event in mine["events"] for span in _spans(event)]
        b_spans = [span for event in theirs["events"] for span in _spans(event)]
        reference_spans, other_spans = reference_spans + len(a_spans), other_spans + len(b_spans)
        matched_spans += _matched_spans(a_spans, b_spans)
    precision, recall, f1 = _f1(len(pairs), other_events, reference_events)
    categories = ([a["category"] for a, _ in pairs], [b["category"] for _, b in pairs])
    modalities = ([a["modality"] for a, _ in pairs], [b["modality"] for _, b in pairs])
    actors_a = sum(len(a["actors"]) for a, _ in pairs)
    actors_b = sum(len(b["actors"]) for _, b in pairs)
    actors_matched = sum(_matched_actors(a["actors"], b["actors"]) for a, b in pairs)
    return Agreement(
        articles=len(shared), reference_events=reference_events, other_events=other_events, matched_events=len(pairs),
        event_precision=precision, event_recall=recall, event_f1=f1,
        trigger_f1=_f1(matched_spans, other_spans, reference_spans)[2],
        category_agreement=_share_equal(*categories), category_kappa=_kappa(*categories) if pairs else 0.0,
        modality_agreement=_share_equal(*modalities), modality_kappa=_kappa(*modalities) if pairs else 0.0,
        actor_f1=_f1(actors_matched, actors_b, actors_a)[2],
        location_agreement=sum(_locations_agree(a["location"], b["location"]) for a, b in pairs) / len(pairs) if pairs else 0.0,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("other", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    result = agreement(read_gold(args.reference), read_gold(args.other))
    if args.json:
        print(json.dumps(asdict(result)))
        return 0
    print(f"{result.articles} articles; events: {args.reference.name} {result.reference_events}, "
          f"{args.other.name} {result.other_events}, matched {result.matched_events}")
    for name, value in asdict(result).items():
        if isinstance(value, float):
            print(f"  {name:<20} {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
