"""Small formatting helpers shared by the pages (values as a reader sees them)."""

from __future__ import annotations

from datetime import date, datetime


def when(value: datetime | date | None) -> str:
    """A day, with the time of day when it has one (publish times at midnight are usually dates without one)."""
    if value is None:
        return "undated"
    with_time = isinstance(value, datetime) and (value.hour or value.minute)
    return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def story_label(row: dict) -> str:
    return f"{row['description'][:60]} · {row['story_id'][:6]}"


def story_link(row: dict) -> dict:
    """A table cell linking to the story's page, from a page in the report folder itself."""
    return {"text": row["description"], "href": f"stories/{row['story_id']}.html"}
