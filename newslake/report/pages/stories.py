"""stories.html: the timeline of the top stories, their ledger and their disputed details."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.pages.common import story_label, story_link, when
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    ledger = [{**row, "story": story_link(row), "date": when(row["story_date"])} for row in top.to_dicts()]
    labels = {row["story_id"]: story_label(row) for row in top.to_dicts()}
    disputed = [{**row, "story": labels[row["story_id"]]} for row in queries.disputed_details(scope, list(labels)).to_dicts()]
    context = {"ledger": ledger, "disputed": disputed, "has_details": queries.has_story_details()}
    return [Page("stories.html", "Stories", "stories.html.j2", context, [charts.story_timeline(top), charts.story_ledger(top)])]
