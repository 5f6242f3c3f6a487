"""events.html: events by category, by month and by place."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    page_charts = [
        charts.events_by_category(queries.events_by_category(scope)),
        charts.events_by_month(queries.events_by_month(scope)),
        charts.events_by_place(queries.events_by_place(scope)),
    ]
    return [Page("events.html", "Events", "events.html.j2", {}, page_charts)]
