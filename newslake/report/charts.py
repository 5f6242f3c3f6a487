"""Vega-Lite chart specs (built with Altair) for the report's frames.

Each function takes a frame from `queries` and returns a `Chart`: a name that the page uses as the
element id, a caption, and the Vega-Lite spec with the data inlined. Days travel as `YYYY-MM-DD`
strings on UTC scales, so a reader's time zone never shifts a bar to the day before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import polars as pl

STANCE_COLORS = alt.Scale(domain=["supports", "refutes", "neutral"], range=["#2e7d32", "#c62828", "#9e9e9e"])
WIDTH = 640
COUNTS = alt.Axis(tickMinStep=1, format="d")  # counts of things: no 0.5 ticks on a small lake


@dataclass(frozen=True)
class Chart:
    name: str
    caption: str
    spec: dict[str, Any]
    rows: int  # data rows drawn: what the page says when there is nothing to draw


def _days(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Dates as `YYYY-MM-DD` strings; a `<column>_text` copy for tooltips, which Vega-Lite would show as a timestamp."""
    days = [pl.col(c).dt.strftime("%Y-%m-%d") for c in columns]
    return frame.with_columns(*days, *(d.alias(f"{c}_text") for d, c in zip(days, columns, strict=True)))


def _utc_day(field: str, title: str) -> alt.X:
    return alt.X(f"{field}:T", title=title, timeUnit="utcyearmonthdate", scale=alt.Scale(type="utc"),
                 axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True))


def _chart(name: str, caption: str, chart: alt.TopLevelMixin, rows: int) -> Chart:
    return Chart(name, caption, chart.to_dict(), rows)


def articles_per_day(frame: pl.DataFrame) -> Chart:
    chart = alt.Chart(_days(frame, "day")).mark_bar().encode(
        _utc_day("day", "publish day"),
        alt.Y("articles:Q", title="articles", axis=COUNTS),
        alt.Color("publisher:N", title="publisher"),
        tooltip=[alt.Tooltip("day_text:N", title="day"), "publisher:N", "articles:Q"],
    ).properties(width=WIDTH, height=220)
    return _chart("articles-per-day", "Articles per publish day and publisher", chart, frame.height)


def rejects_per_reason(frame: pl.DataFrame) -> Chart:
    chart = alt.Chart(frame).mark_bar(color="#8d6e63").encode(
        alt.X("rejects:Q", title="records rejected", axis=COUNTS),
        alt.Y("reason_code:N", title=None, sort="-x"),
        tooltip=["reason_code:N", "rejects:Q"],
    ).properties(width=WIDTH - 160, height=alt.Step(22))
    return _chart("rejects-per-reason", "Input records rejected, per reason", chart, frame.height)


def story_timeline(stories: pl.DataFrame) -> Chart:
    """One row per dated story: a dot on the day of its first article (sized by its articles) and a line to
    the day of its last one; stories without a publish time are left out."""
    dated = stories.filter(pl.col("first_seen").is_not_null()).select(
        pl.format("{} · {}", pl.col("description").str.slice(0, 60), pl.col("story_id").str.slice(0, 6)).alias("story"),
        pl.col("first_seen").dt.date().alias("start"),
        pl.col("last_seen").dt.date().alias("end"),
        "category", "n_articles", "n_publishers", "n_supporting", "n_refuting", "n_neutral",
    )
    base = alt.Chart(_days(dated, "start", "end")).encode(
        alt.Y("story:N", title=None, sort=None),
        tooltip=["story:N", "category:N", alt.Tooltip("start_text:N", title="start"), alt.Tooltip("end_text:N", title="end"),
                 "n_articles:Q", "n_publishers:Q", "n_supporting:Q", "n_refuting:Q", "n_neutral:Q"],
    )
    span = base.mark_rule(strokeWidth=3, color="#90a4ae").encode(_utc_day("start", "first to last article"), alt.X2("end:T"))
    first = base.mark_circle(opacity=0.9).encode(
        _utc_day("start", "first to last article"),
        alt.Size("n_articles:Q", title="articles"),
        alt.Color("category:N", title="category"),
    )
    chart = alt.layer(span, first).properties(width=WIDTH - 200, height=alt.Step(20))
    return _chart("story-timeline", "Top stories: first and last article reporting each", chart, dated.height)


def story_ledger(stories: pl.DataFrame) -> Chart:
    """Claims about each story's events by stance."""
    long = stories.select(
        pl.format("{} · {}", pl.col("description").str.slice(0, 60), pl.col("story_id").str.slice(0, 6)).alias("story"),
        pl.col("n_supporting").alias("supports"), pl.col("n_refuting").alias("refutes"), pl.col("n_neutral").alias("neutral"),
    ).unpivot(index="story", variable_name="stance", value_name="claims").filter(pl.col("claims") > 0)
    chart = alt.Chart(long).mark_bar().encode(
        alt.X("claims:Q", title="claims about the story", axis=COUNTS),
        alt.Y("story:N", title=None, sort=None),
        alt.Color("stance:N", scale=STANCE_COLORS),
        tooltip=["story:N", "stance:N", "claims:Q"],
    ).properties(width=WIDTH - 200, height=alt.Step(20))
    return _chart("story-ledger", "Ledger: supporting, refuting and neutral claims per story", chart, long.height)


def story_coverage(frame: pl.DataFrame, name: str = "story-coverage") -> Chart:
    # A story's days are few: one labelled band per day reads better than a time axis with hours.
    chart = alt.Chart(_days(frame, "day")).mark_bar(color="#1565c0").encode(
        alt.X("day_text:O", title="publish day", axis=alt.Axis(labelAngle=0)),
        alt.Y("n_articles:Q", title="articles", axis=COUNTS),
        tooltip=[alt.Tooltip("day_text:N", title="day"), "n_articles:Q", "n_publishers:Q"],
    ).properties(width=WIDTH - 200, height=160)
    return _chart(name, "Articles reporting the story, per publish day", chart, frame.height)


def speaker_stances(frame: pl.DataFrame) -> Chart:
    who = pl.format("{} ({})", pl.coalesce("speaker", "speaker_key"), "speaker_kind").alias("who")
    wide = frame.select(who, "n_claims", "supports", "refutes", "neutral")
    long = wide.unpivot(index=["who", "n_claims"], variable_name="stance", value_name="claims").filter(pl.col("claims") > 0)
    order = wide["who"].to_list()
    chart = alt.Chart(long).mark_bar().encode(
        alt.X("claims:Q", title="claims about events", axis=COUNTS),
        alt.Y("who:N", title=None, sort=order),
        alt.Color("stance:N", scale=STANCE_COLORS),
        tooltip=["who:N", "stance:N", "claims:Q", "n_claims:Q"],
    ).properties(width=WIDTH - 200, height=alt.Step(20))
    return _chart("speaker-stances", "Speakers by stance of their claims about events", chart, long.height)


def events_by_category(frame: pl.DataFrame) -> Chart:
    chart = alt.Chart(frame).mark_bar(color="#6a1b9a").encode(
        alt.X("events:Q", axis=COUNTS), alt.Y("category:N", title=None, sort="-x"), tooltip=["category:N", "events:Q"],
    ).properties(width=WIDTH - 160, height=alt.Step(20))
    return _chart("events-by-category", "Events per category", chart, frame.height)


def events_by_month(frame: pl.DataFrame) -> Chart:
    chart = alt.Chart(_days(frame, "month")).mark_bar().encode(
        _utc_day("month", "month of the event"), alt.Y("events:Q", axis=COUNTS), alt.Color("category:N", title="category"),
        tooltip=[alt.Tooltip("month_text:N", title="month"), "category:N", "events:Q"],
    ).properties(width=WIDTH, height=200)
    return _chart("events-by-month", "Dated events per month and category", chart, frame.height)


def events_by_place(frame: pl.DataFrame) -> Chart:
    chart = alt.Chart(frame).mark_bar(color="#00695c").encode(
        alt.X("events:Q", axis=COUNTS), alt.Y("location:N", title=None, sort="-x"), tooltip=["location:N", "location_key:N", "events:Q"],
    ).properties(width=WIDTH - 160, height=alt.Step(20))
    return _chart("events-by-place", "Places with the most events", chart, frame.height)


def entity_timelines(frame: pl.DataFrame, names: dict[str, str]) -> Chart:
    named = _days(frame, "period").with_columns(pl.col("entity_key").replace_strict(names, default=pl.col("entity_key")).alias("entity"))
    chart = alt.Chart(named).mark_line(point=True).encode(
        _utc_day("period", "publish day"), alt.Y("n_mentions:Q", title="mentions", axis=COUNTS), alt.Color("entity:N"),
        tooltip=["entity:N", alt.Tooltip("period_text:N", title="period"), "n_mentions:Q", "n_articles:Q"],
    ).properties(width=WIDTH, height=260)
    return _chart("entity-timelines", "Mentions per publish day of the most-mentioned entities", chart, named.height)
