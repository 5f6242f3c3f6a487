"""index.html: what the lake holds, the runs that made it, rejects per reason and the models used."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    context = {
        "totals": queries.totals(scope),
        "runs": queries.run_history(scope).to_dicts(),
        "models": queries.models(scope).to_dicts(),
    }
    page_charts = [charts.articles_per_day(queries.articles_per_day(scope)), charts.rejects_per_reason(queries.rejects_per_reason(scope))]
    return [Page("index.html", "Overview", "overview.html.j2", context, page_charts)]
