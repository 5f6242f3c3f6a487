"""entities.html: mentions over time of the most-mentioned entities."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    entities = queries.top_entities(scope)
    names = dict(zip(entities["entity_key"], entities["text"], strict=True))
    timelines = queries.entity_timelines(scope, list(names))
    chart = charts.entity_timelines(timelines, names)
    return [Page("entities.html", "Entities", "entities.html.j2", {"entities": entities.to_dicts()}, [chart])]
