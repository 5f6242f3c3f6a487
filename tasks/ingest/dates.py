"""Publish dates as the dumps carry them -> timezone-aware UTC datetimes.

Fast paths first (ISO 8601, RFC 2822, epoch seconds), then `dateparser` for
everything else ("Nov 19, 2024 10:15 EST", "19.11.2024"). A value with no
timezone is taken as UTC: dumps rarely say, and a day boundary off by a few
hours is better than dropping the date.

A date that cannot be trusted is unknown (None: the article is kept, its
partition is `date=unknown`): anything but a string or a positive number, a
string that does not name a year, month and day ("May", "2016", "-1", "1e20"
would otherwise get the missing parts from today), an ISO date of a day that
does not exist ("2016-13-01", "2016-02-30"), and anything before
1900-01-01 or more than a day in the future.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TO_TIMEZONE": "UTC",
    "TIMEZONE": "UTC",
    # Year, month and day must all be in the text: dateparser would fill the
    # missing ones from today.
    "STRICT_PARSING": True,
    # Relative phrases ("2 hours ago") in metadata would resolve against the
    # ingest clock, not the article's: refuse them rather than invent a date.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
# Epoch values above this are milliseconds.
_MS_EPOCH = 10**11
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
# A value that starts with an ISO 8601 calendar date states its year, month and day in that order.
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_published(value: Any, *, now: datetime | None = None) -> datetime | None:
    """A UTC datetime, or None when the value is missing, unreadable, partial or implausible."""
    try:
        parsed = _parse(value)
        if parsed is None:
            return None
        parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (OverflowError, ValueError):  # a time zone offset that takes year 1 out of range
        return None
    if not EARLIEST <= parsed <= (now or datetime.now(UTC)) + timedelta(days=1):
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
        if not value > 0:  # 0 and -1 are "no date" markers, not 1970 (NaN is not > 0 either)
            return None
        seconds = value / 1000 if value > _MS_EPOCH else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):  # a list or an object is no date, whatever its text says
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if (iso_day := _ISO_DAY.match(text)) and not _is_calendar_day(*map(int, iso_day.groups())):
        # dateparser would read "2016-13-01" as 13 January: a day that does not exist is no date.
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return dateparser.parse(text, settings=_DATEPARSER_SETTINGS)


def _is_calendar_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def partition_date(published_at: datetime | None) -> str:
    """The `date=` partition value: the UTC day as YYYY-MM-DD (always four year digits), or `unknown`."""
    return published_at.astimezone(UTC).date().isoformat() if published_at else "unknown"
