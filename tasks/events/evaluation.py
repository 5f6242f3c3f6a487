"""`newslake eval events`: the events stage, as the pipeline runs it, scored on gold files.

The gold articles (or PLOVER sentences, each a one-sentence article) go through the configured
entity model and the events stage exactly as in `run` (same rows, same rules); the scoring is
scoring.py and plover.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newslake.config import Config
from newslake.errors import NewslakeError
from newslake.models.registry import load_entity_model
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events.ontology import load_ontology
from newslake.tasks.events.plover import read_plover, score_plover
from newslake.tasks.events.reader import load_event_reader
from newslake.tasks.events.rows import event_rows
from newslake.tasks.events.scoring import read_gold, score_gold_files


def evaluate_events(data: Sequence[str | Path], config: Config) -> dict[str, Any]:
    """The figures of the stage on one or more gold files, pooled (a dev set split over files scores as one)."""
    files = [read_gold(path) for path in data]
    _check_distinct(data, files)
    articles = [{"article_id": doc["doc_id"], "title": doc.get("title"), "text": doc["text"],
                 "published_at": _published(doc["published_at"]), "date": doc["published_at"] or "unknown"}
                for documents in files for doc in documents]
    rows, model_name = _stage_rows(articles, config)
    return {**score_gold_files(files, _by_article(rows)), "data": [str(path) for path in data],
            "entity_model": model_name}


def evaluate_plover(path: str | Path, config: Config) -> dict[str, Any]:
    """The figures of the stage on the PLOVER gold sentences, each read as an undated one-sentence article."""
    ontology = load_ontology()
    gold = read_plover(path, ontology)
    articles = [{"article_id": sentence.id, "title": None, "text": sentence.text, "published_at": None,
                 "date": "unknown"} for sentence in gold.sentences]
    rows, model_name = _stage_rows(articles, config)
    return {**score_plover(gold, _by_article(rows), ontology), "data": str(path), "entity_model": model_name}


def _stage_rows(articles: list[dict[str, Any]], config: Config) -> tuple[list[dict[str, Any]], str]:
    """The events rows of `articles` as a run makes them, and the entity model's name."""
    model = load_entity_model(config.entities)
    entities = entity_rows(articles, model.runner, config.entities, model.name)
    rows = event_rows(articles, entities, load_event_reader(config.events))
    return rows, model.name


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    predicted: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        predicted.setdefault(row["article_id"], []).append(row)
    return predicted


def _check_distinct(paths: Sequence[str | Path], files: list[list[dict]]) -> None:
    """Pooled files must not share an article: its predictions would be scored against both annotations."""
    seen: dict[str, str | Path] = {}
    for path, documents in zip(paths, files, strict=True):
        for document in documents:
            if document["doc_id"] in seen:
                raise NewslakeError("E050", f"{path}: doc_id {document['doc_id']!r} is also in {seen[document['doc_id']]}; "
                                            "give each article in one gold file only")
            seen[document["doc_id"]] = path


def _published(value: str | None) -> datetime | None:
    """A gold file's `published_at` (YYYY-MM-DD, checked by `read_gold`) as the UTC datetime the stage reads."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value is not None else None
