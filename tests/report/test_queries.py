"""Report queries that read optional tables, on hand-built frames."""

import polars as pl

from newslake.report import queries
from newslake.report.queries import Scope


def test_disputed_details_are_slots_with_more_than_one_value(monkeypatch):
    details = pl.LazyFrame({
        "story_id": ["s1", "s1", "s1", "s1", "s2"],
        "slot": ["quantity", "quantity", "weapon", "quantity", "place"],
        "what": ["people", "people", "missile", "missiles", None],
        "action": ["killed", "killed", None, "launched", None],
        "value": ["30", "50", "iskander", "6", "kramatorsk"],
        "n_articles": [2, 1, 3, 1, 2],
    })
    monkeypatch.setattr(queries.questions, "story_details", lambda **kwargs: details)
    assert queries.disputed_details(Scope("unused"), ["s1", "s2"]).rows() == [("s1", "quantity people killed", "30 (2) / 50 (1)")]


def test_disputed_details_without_the_table_are_empty(monkeypatch):
    monkeypatch.setattr(queries.questions, "story_details", lambda **kwargs: pl.LazyFrame(schema={"story_id": pl.String}))
    assert queries.disputed_details(Scope("unused"), ["s1"]).columns == ["story_id", "slot", "values"]
