"""Small formatting helpers shared by the pages (values as a reader sees them)."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl


def when(value: datetime | date | None) -> str:
    if value is None:
        return "undated"
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) and (value.hour or value.minute) else value.strftime("%Y-%m-%d")


def story_label(row: dict) -> str:
    return f"{row['description'][:60]} · {row['story_id'][:6]}"


def story_link(row: dict, root: str = "") -> dict:
    return {"text": row["description"], "href": f"{root}stories/{row['story_id']}.html"}


def records(frame: pl.DataFrame) -> list[dict]:
    return frame.to_dicts()
