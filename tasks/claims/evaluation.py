"""`newslake eval claims`: the claims stage, as the pipeline runs it, scored on a hand-annotated gold file.

The gold articles (docs/claim-annotation.md) go through the configured entity model, the events
stage and the claims stage exactly as in `run` (same rows, same rules, same models); the rows are
then scored against the annotation:

  claims      a predicted claim matches a gold claim of the same article and the same place (title
              or body: their offsets index different strings) when their cues share a character;
              matching is one-to-one, maximising the characters shared (a cue that overlaps two gold
              cues counts once). Precision = matched / predicted, recall = matched / gold.
  speaker     on matched claims: right when both spans share a character, or both are absent. Span
              overlap, not entity identity: the gold file has no entity keys, and "he" is right where
              the text says "he" (the resolved key is a later step, `speaker_key`).
  cue         on matched claims: the share whose cue spans are identical.
  content     on matched claims: overlap precision (predicted contents sharing a character with the
              gold content / predicted contents) and recall (gold contents so overlapped / gold
              contents), and the mean character F1 of the two spans (partial credit for a content cut
              short or run long).
  via         over all claims: recall = gold vias whose claim was matched and whose via the predicted
              via overlaps / gold vias; precision = predicted vias so confirmed / predicted vias.
  quote type  on matched claims whose gold claim has a content: the share with the same label.
  stance      on matched claims: the share with the same label, and the confusion counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from newslake.config import Config
from newslake.errors import NewslakeError
from newslake.files import read_jsonl
from newslake.models.registry import load_claim_models, load_entity_model
from newslake.tasks.claims.rows import claim_rows
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows

STANCES = ("supports", "refutes", "neutral", "unrelated")
QUOTE_TYPES = ("direct", "indirect", "mixed")
SPAN_ROLES = ("speaker", "cue", "content", "via")
_DOC_KEYS = ("doc_id", "published_at", "title", "text", "claims")
_CLAIM_KEYS = ("speaker", "cue", "content", "via", "quote_type", "stance", "in_title")
_SPAN_KEYS = ("start", "end", "text")

Span = tuple[int, int]


def evaluate_claims(path: str | Path, config: Config) -> dict[str, Any]:
    """The figures of the claims stage on the gold file at `path`."""
    gold = read_claims_gold(path)
    articles = [{"article_id": doc["doc_id"], "title": doc["title"], "text": doc["text"],
                 "published_at": _published(doc["published_at"]), "date": doc["published_at"] or "unknown"}
                for doc in gold]
    rows, entity_model, claim_models = _stage_rows(articles, config)
    return {**score_claims(gold, rows), "data": str(path), "entity_model": entity_model, "claim_models": claim_models}


def _stage_rows(articles: list[dict[str, Any]], config: Config) -> tuple[list[dict[str, Any]], str, list[str]]:
    """The claims rows of `articles` as `run` makes them (flows/stages.py: entities, events if enabled,
    then claims with the events), with the entity and claim models' names."""
    entity_model = load_entity_model(config.entities)
    entities = entity_rows(articles, entity_model.runner, config.entities, entity_model.name)
    events = (event_rows(articles, entities, load_event_reader(config.events))
              if config.events.enabled else [])
    models = load_claim_models(config.claims)
    claims, _stances = claim_rows(articles, entities, models.attribution.extract, models.stance.score_in_context,
                                  config.claims, models.names, events, models.stance.embed)
    return claims, entity_model.name, models.names


def _published(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value is not None else None


# --- reading the gold file ---------------------------------------------------------------------


def read_claims_gold(path: str | Path) -> list[dict]:
    """The gold articles of a claims JSON Lines file, in file order, as written.

    Raises E052 naming the line for a record that is not an object, lacks a key, has an unknown
    label, or a span whose offsets do not select its text (in the title for an `in_title` claim):
    a file that disagrees with itself would score the stage against the wrong spans unnoticed.
    A missing file is E010.
    """
    path = Path(path)
    if not path.is_file():
        raise NewslakeError("E010", f"{path} does not exist; give a claims gold file (see docs/claim-annotation.md)")
    documents: list[dict] = []
    seen: set[str] = set()
    for number, document in read_jsonl(path, "E052"):
        where = f"{path}:{number}"
        _check_document(document, where)
        if document["doc_id"] in seen:
            raise NewslakeError("E052", f"{where}: doc_id {document['doc_id']!r} repeats an earlier line; give each article once")
        seen.add(document["doc_id"])
        documents.append(document)
    return documents


def _check_document(document: Any, where: str) -> None:
    _require(document, _DOC_KEYS, where, "the article")
    if not isinstance(document["text"], str) or not isinstance(document["claims"], list):
        raise NewslakeError("E052", f"{where}: `text` must be a string and `claims` a list")
    if document["title"] is not None and not isinstance(document["title"], str):
        raise NewslakeError("E052", f"{where}: `title` must be a string or null")
    try:
        _published(document["published_at"])
    except (TypeError, ValueError):
        raise NewslakeError("E052", f"{where}: published_at {document['published_at']!r} is not a date; "
                                    "write YYYY-MM-DD or null") from None
    for number, claim in enumerate(document["claims"], start=1):
        what = f"claim {number}"
        _require(claim, _CLAIM_KEYS, where, what)
        if not isinstance(claim["in_title"], bool):
            raise NewslakeError("E052", f"{where}: {what} has in_title {claim['in_title']!r}; write true or false")
        if claim["in_title"] and document["title"] is None:
            raise NewslakeError("E052", f"{where}: {what} is in the title, but the article has no title")
        if claim["stance"] not in STANCES:
            raise NewslakeError("E052", f"{where}: {what} has stance {claim['stance']!r}; use one of {', '.join(STANCES)}")
        if claim["quote_type"] not in (*QUOTE_TYPES, None) or (claim["quote_type"] is None) != (claim["content"] is None):
            raise NewslakeError("E052", f"{where}: {what} has quote_type {claim['quote_type']!r}; use one of "
                                        f"{', '.join(QUOTE_TYPES)} with a content, null without one")
        if claim["cue"] is None:
            raise NewslakeError("E052", f"{where}: {what} has no cue; every claim needs one")
        text = document["title"] if claim["in_title"] else document["text"]
        for role in SPAN_ROLES:
            if claim[role] is not None:
                _require(claim[role], _SPAN_KEYS, where, f"the {role} of {what}")
                _check_offsets(claim[role], text, where, f"the {role} of {what}", "title" if claim["in_title"] else "text")


def _require(record: Any, keys: tuple[str, ...], where: str, what: str) -> None:
    if not isinstance(record, dict):
        raise NewslakeError("E052", f"{where}: {what} is not a JSON object")
    missing = [key for key in keys if key not in record]
    if missing:
        raise NewslakeError("E052", f"{where}: {what} lacks {', '.join(missing)}; it needs {', '.join(keys)}")


def _check_offsets(span: dict, text: str, where: str, what: str, field: str) -> None:
    start, end = span["start"], span["end"]
    valid = all(isinstance(o, int) and not isinstance(o, bool) for o in (start, end)) and 0 <= start < end <= len(text)
    if not valid or text[start:end] != span["text"]:
        found = repr(text[start:end]) if valid else "nothing (offsets out of range)"
        raise NewslakeError("E052", f"{where}: {what} {span['text']!r} is at {start}-{end}, where the {field} reads {found}; "
                                    f"offsets are character offsets into `{field}`, end exclusive")


# --- scoring -----------------------------------------------------------------------------------


def score_claims(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Score `claims` rows (`predicted`, any order) against gold articles; rows of articles the gold
    file does not hold are ignored."""
    by_article: dict[str, list[Mapping[str, Any]]] = {}
    for row in predicted:
        by_article.setdefault(row["article_id"], []).append(row)
    pairs: list[tuple[dict, dict]] = []
    counts = Counter()
    for document in gold:
        gold_claims = [_gold_claim(claim) for claim in document["claims"]]
        rows = [_predicted_claim(row) for row in by_article.get(document["doc_id"], [])]
        for place in (False, True):
            here_gold = [c for c in gold_claims if c["in_title"] == place]
            here_rows = [c for c in rows if c["in_title"] == place]
            matched = _match(here_gold, here_rows)
            pairs += matched
            name = "title" if place else "body"
            counts[f"{name}_gold"] += len(here_gold)
            counts[f"{name}_predicted"] += len(here_rows)
            counts[f"{name}_matched"] += len(matched)
            counts["gold_via"] += sum(c["via"] is not None for c in here_gold)
            counts["predicted_via"] += sum(c["via"] is not None for c in here_rows)
    places = {name: _prf(counts[f"{name}_matched"], counts[f"{name}_predicted"], counts[f"{name}_gold"])
              for name in ("body", "title")}
    total = _prf(places["body"]["matched"] + places["title"]["matched"],
                 places["body"]["predicted"] + places["title"]["predicted"], places["body"]["gold"] + places["title"]["gold"])
    return {
        "n_docs": len(gold),
        "claims": total,
        "body_claims": places["body"],
        "title_claims": places["title"],
        "speaker": _accuracy([_same_or_both_absent(g["speaker"], p["speaker"]) for g, p in pairs]),
        "cue_exact": _accuracy([g["cue"] == p["cue"] for g, p in pairs]),
        "content": _content_scores(pairs),
        "via": _via_scores(pairs, counts["gold_via"], counts["predicted_via"]),
        "quote_type": _accuracy([g["quote_type"] == p["quote_type"] for g, p in pairs if g["quote_type"] is not None]),
        "stance": {**_accuracy([g["stance"] == p["stance"] for g, p in pairs]),
                   "confusion": {label: {other: sum(g["stance"] == label and p["stance"] == other for g, p in pairs)
                                         for other in STANCES} for label in STANCES}},
    }


def _gold_claim(claim: Mapping[str, Any]) -> dict:
    spans = {role: (claim[role]["start"], claim[role]["end"]) if claim[role] is not None else None for role in SPAN_ROLES}
    return {**spans, "quote_type": claim["quote_type"], "stance": claim["stance"], "in_title": claim["in_title"]}


def _predicted_claim(row: Mapping[str, Any]) -> dict:
    spans = {role: (row[f"{role}_start"], row[f"{role}_end"]) if row.get(f"{role}_start") is not None else None
             for role in SPAN_ROLES}
    return {**spans, "quote_type": row.get("quote_type"), "stance": row.get("stance"), "in_title": bool(row.get("in_title"))}


def _match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one (gold, predicted) pairs whose cues overlap, maximising the characters shared."""
    if not gold or not predicted:
        return []
    shared = np.array([[_shared(g["cue"], p["cue"]) for p in predicted] for g in gold])
    rows, columns = linear_sum_assignment(shared, maximize=True)
    return [(gold[i], predicted[j]) for i, j in zip(rows, columns, strict=True) if shared[i, j] > 0]


def _shared(a: Span | None, b: Span | None) -> int:
    """Characters two spans share (0 when either is absent)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_or_both_absent(gold: Span | None, predicted: Span | None) -> bool:
    return (gold is None and predicted is None) or _shared(gold, predicted) > 0


def _content_scores(pairs: list[tuple[dict, dict]]) -> dict[str, Any]:
    with_gold = [(g["content"], p["content"]) for g, p in pairs if g["content"] is not None]
    with_predicted = [(g["content"], p["content"]) for g, p in pairs if p["content"] is not None]
    recalled = sum(_shared(g, p) > 0 for g, p in with_gold)
    precise = sum(_shared(g, p) > 0 for g, p in with_predicted)
    precision, recall = _ratio(precise, len(with_predicted)), _ratio(recalled, len(with_gold))
    span_f1 = [_span_f1(g, p) for g, p in with_gold]
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "predicted": len(with_predicted), "gold": len(with_gold), "overlapping_predicted": precise,
            "overlapping_gold": recalled, "mean_span_f1": round(sum(span_f1) / len(span_f1), 4) if span_f1 else None}


def _span_f1(gold: Span, predicted: Span | None) -> float:
    """F1 of the characters two spans share (0 without a predicted span)."""
    shared = _shared(gold, predicted)
    if not shared:
        return 0.0
    precision, recall = shared / (predicted[1] - predicted[0]), shared / (gold[1] - gold[0])
    return 2 * precision * recall / (precision + recall)


def _via_scores(pairs: list[tuple[dict, dict]], gold_vias: int, predicted_vias: int) -> dict[str, Any]:
    found = sum(g["via"] is not None and _shared(g["via"], p["via"]) > 0 for g, p in pairs)
    precision, recall = _ratio(found, predicted_vias), _ratio(found, gold_vias)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall), "predicted": predicted_vias,
            "gold": gold_vias, "correct": found}


def _prf(matched: int, predicted: int, gold: int) -> dict[str, Any]:
    precision, recall = _ratio(matched, predicted), _ratio(matched, gold)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall), "predicted": predicted,
            "gold": gold, "matched": matched}


def _accuracy(outcomes: list[bool]) -> dict[str, Any]:
    return {"accuracy": _ratio(sum(outcomes), len(outcomes)), "correct": sum(outcomes), "n": len(outcomes)}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
