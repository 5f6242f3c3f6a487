"""Release comparison of events: matched by article and first trigger span, compared by category."""

import polars as pl

from newslake.tasks.runs.compare import compare_events

from lake_rows import event, kind


def events(*rows):
    return pl.DataFrame(list(rows)).select("article_id", "trigger_start", "trigger_end", "trigger", "category", "event_type")


def test_events_are_compared_by_category_not_by_their_legacy_type():
    strike, meeting = event("e1", "id1"), {**event("e2", "id2", "CONSULT"), "trigger": "met"}
    # B reads the same strike as a clash (same category, another legacy type) and the meeting as a statement
    clash = {**strike, **kind("ASSAULT", mode="fight")}
    assert (strike["event_type"], clash["event_type"]) == ("attack", "armed_clash")
    statement = {**meeting, **kind("STATEMENT")}
    arrest = {**event("e4", "id3", "COERCE"), "trigger": "arrested"}
    result = compare_events(events(strike, meeting), events(clash, statement, arrest))
    assert (result.rows_a, result.rows_b, result.matched, result.agreement) == (2, 3, 2, 0.5)
    assert result.examples.rows() == [("id2", 0, 6, "met", "CONSULT", "STATEMENT"), ("id3", 0, 6, "arrested", "—", "COERCE")]
    assert result.confusion.columns == ["label_a", "ASSAULT", "STATEMENT", "COERCE"]
    assert result.confusion.rows() == [("ASSAULT", 1, 0, 0), ("CONSULT", 0, 1, 0), ("—", 0, 0, 1)]
