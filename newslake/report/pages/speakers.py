"""speakers.html: who said what: speakers by claim count and stance, and who denied which event."""

from __future__ import annotations

import polars as pl

from newslake.report import charts, queries
from newslake.report.pages.common import when
from newslake.report.queries import Scope
from newslake.report.site import Page


def build(scope: Scope, top: pl.DataFrame) -> list[Page]:
    speakers = queries.speakers(scope)
    denials = [
        {**row, "source": f"{row['publisher']}, {when(row['published_at'])}"}
        for row in queries.denials(scope).with_columns(pl.coalesce("content", "cue").alias("content")).to_dicts()
    ]
    context = {"speakers": speakers.to_dicts(), "denials": denials}
    return [Page("speakers.html", "Who said what", "speakers.html.j2", context, [charts.speaker_stances(speakers)])]
