"""`newslake eval events`: the events stage, as the pipeline runs it, scored on a gold file.

The gold articles go through the configured entity model and the events stage exactly as in
`run` (same rows, same rules); the scoring is scoring.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newslake.config import Config
from newslake.models.registry import load_entity_model
from newslake.tasks.entities.rows import entity_rows
from newslake.tasks.events.rows import event_rows
from newslake.tasks.events.scoring import read_gold, score_events
from newslake.tasks.events.triggers import load_taxonomy
from newslake.tasks.events.weapons import load_weapons


def evaluate_events(data: str | Path, config: Config) -> dict[str, Any]:
    gold = read_gold(data)
    articles = [{"article_id": doc["doc_id"], "title": doc.get("title"), "text": doc["text"],
                 "published_at": _published(doc["published_at"]), "date": doc["published_at"] or "unknown"}
                for doc in gold]
    model = load_entity_model(config.entities)
    entities = entity_rows(articles, model.runner, config.entities, model.name)
    rows = event_rows(articles, entities, load_taxonomy(config.events.taxonomy), load_weapons(config.events.weapons))
    predicted: dict[str, list[dict]] = {}
    for row in rows:
        predicted.setdefault(row["article_id"], []).append(row)
    return {**score_events(gold, predicted), "data": str(data), "entity_model": model.name}


def _published(value: str | None) -> datetime | None:
    """A gold file's `published_at` (YYYY-MM-DD, checked by `read_gold`) as the UTC datetime the stage reads."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value is not None else None
