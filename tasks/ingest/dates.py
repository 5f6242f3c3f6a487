"""Publish dates as the dumps carry them -> timezone-aware UTC datetimes.

Fast paths first (ISO 8601, RFC 2822, epoch seconds), then `dateparser` for
everything else ("Nov 19, 2024 10:15 EST", "19.11.2024"). A value with no
timezone is taken as UTC: dumps rarely say, and a day boundary off by a few
hours is better than dropping the date. Anything unparseable, or more than a
day in the future, becomes None (the article is kept, its partition is
`date=unknown`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TO_TIMEZONE": "UTC",
    "TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    # Relative phrases ("2 hours ago") in metadata would resolve against the
    # ingest clock, not the article's: refuse them rather than invent a date.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
# Epoch values above this are milliseconds.
_MS_EPOCH = 10**11


def parse_published(value: Any, *, now: datetime | None = None) -> datetime | None:
    """A UTC datetime, or None when the value is missing, unreadable or in the future."""
    parsed = _parse(value)
    if parsed is None:
        return None
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    if parsed > (now or datetime.now(UTC)) + timedelta(days=1):
        return None
    return parsed


def _parse(value: Any) -> datetime | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) > _MS_EPOCH else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return dateparser.parse(text, settings=_DATEPARSER_SETTINGS)


def partition_date(published_at: datetime | None) -> str:
    """The `date=` partition value: the UTC day, or `unknown`."""
    return published_at.strftime("%Y-%m-%d") if published_at else "unknown"
