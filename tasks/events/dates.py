"""Date expressions in news text, resolved against the article's publish date.

For the events stage: "On the night of November 19" in an article of 2024-11-19 is
2024-11-19; "On November 17" is 2024-11-17; "last Tuesday" is the Tuesday before the
publish date; "earlier this month" is the publish month (precision `month`). Rules:

  - Without a publish date nothing relative is resolved (precision `unknown`), and a
    month-day without a year is not guessed; an explicit full date still resolves.
  - A month-day without a year takes the publish year, or the year before when that would
    put it more than 7 days after publication (news reports the past: "December 30" in an
    article of January 2 is last December).
  - Weekdays: "on Tuesday" is the most recent Tuesday on or before the publish date (news of
    the day names its own weekday: "on Tuesday" in a Tuesday's article is that day); "last
    Tuesday" is the one before the publish date. Each weekday and year-less month-day also
    keeps `ahead`, its value for a sentence about what is still to come ("will visit on
    Thursday": the next Thursday after publication; "talks on January 5" in December: next
    January). "yesterday", "today", "last night", "tonight" are relative to the publish date.
  - "this month" / "earlier this month" / "last month" -> month precision; "this year" /
    "last year" -> year.
  - A month with a year ("April 2014") -> month precision; a capitalised month after "in",
    "since", "during" or "until" ("in March") -> month precision, in the publish year or the
    year before when that month is still to come; "in 1993" -> year precision.
  - A weekday without "on"/"last" ("Monday", "Thursday's protests") is read as "on Monday".
  - A year or capitalised month between a determiner and a noun ("the 2012 attacks", "its July
    summit") dates that noun: year precision, or month precision as "in July".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


def _initial_of(*words: str) -> str:
    """A lookahead for the first letters of `words`: the scan then tries the long alternation of names only at
    words that may start one (a month pattern without it scans news text 2.5 times slower)."""
    return "(?=[" + "".join(sorted({word[0] for word in words})) + "])"


_MONTH = _initial_of(*_MONTHS) + r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    ("month_day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b", re.I)),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}})\b", re.I)),
    ("month_alone", re.compile(rf"\b(?:in|since|during|until|by)\s+(?:early\s+|late\s+|mid-)?{_MONTH}\b(?!\s+\d)", re.I)),
    ("weekday", re.compile(r"\b" + _initial_of("last", "past", "on", *_WEEKDAYS)
                           + r"(?:(?P<last>last|past|on)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<word>yesterday|today|tonight|last\s+night)\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier|later)?\s*this\s+month\b|\bearlier\s+in\s+the\s+month\b", re.I)),
    ("year", re.compile(r"\b(?P<which>this|last)\s+year\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("bare_year", re.compile(r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d{2})\b(?![-/])", re.I)),
    # "the 2012 attacks", "its July summit": a year or month that modifies a noun dates that noun (mentions.py
    # keeps it for no other event word); only after a determiner, so that "May" the name and counts stay out.
    ("modifier", re.compile(rf"\b(?:(?P<year>(?:19|20)\d{{2}})|{_MONTH})(?=\s+(?-i:[a-z]))", re.I)),
]
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
FUTURE_SLACK_DAYS = 7


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date | None
    precision: Precision
    ahead: date | None = None  # the value in a sentence about the future (a weekday or a month-day without year)


def date_mentions(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in `text`, in text order, resolved against `published` (None: unknown)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            start += len(match.group()) - len(match.group().lstrip())
            if any(s < end and start < e for s, e in taken):
                continue  # "November 19, 2024" is not also a weekday or a bare year
            if kind == "month_alone" and not match.group("month")[0].isupper():
                continue  # "in may", "by march": not month names
            if kind == "modifier" and (not _DETERMINER.search(text[max(0, start - 8) : start])
                                       or match.group("month") and not match.group("month")[0].isupper()):
                continue
            value, precision = _resolve(kind, match, published)
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end], value, precision, _ahead(kind, match, value, published)))
    return sorted(found, key=lambda m: m.start)


def _resolve(kind: str, match: re.Match, published: date | None) -> tuple[date | None, Precision]:
    if kind == "month_year":
        return date(int(match.group("year")), _MONTHS[match.group("month").lower().rstrip(".")], 1), "month"
    if kind == "bare_year" or kind == "modifier" and match.group("year"):
        return date(int(match.group("year")), 1, 1), "year"
    if kind in ("month_day", "day_month", "iso"):
        month = int(match.group("month")) if kind == "iso" else _MONTHS[match.group("month").lower().rstrip(".")]
        day, year = int(match.group("day")), match.group("year")
        if year is not None:
            return _safe_date(int(year), month, day)
        if published is None:
            return None, "unknown"
        value, precision = _safe_date(published.year, month, day)
        if value is not None and value > published + timedelta(days=FUTURE_SLACK_DAYS):
            value, precision = _safe_date(published.year - 1, month, day)
        return value, precision
    if published is None:
        return None, "unknown"
    if kind == "weekday":
        target = _WEEKDAYS[match.group("weekday").lower()]
        back = (published.weekday() - target) % 7
        if back == 0 and (match.group("last") or "").lower() in ("last", "past"):
            back = 7  # "last Tuesday" in a Tuesday's article is a week ago
        return published - timedelta(days=back), "day"
    if kind == "relative_day":
        word = " ".join(match.group("word").lower().split())
        return (published - timedelta(days=1) if word in ("yesterday", "last night") else published), "day"
    if kind == "this_month":
        return published.replace(day=1), "month"
    if kind == "last_month":
        return (published.replace(day=1) - timedelta(days=1)).replace(day=1), "month"
    if kind in ("month_alone", "modifier"):
        month = _MONTHS[match.group("month").lower().rstrip(".")]
        return date(published.year - (1 if month > published.month else 0), month, 1), "month"
    year = published.year - (1 if match.group("which").lower() == "last" else 0)
    return date(year, 1, 1), "year"


def _ahead(kind: str, match: re.Match, value: date | None, published: date | None) -> date | None:
    """The day a weekday or a year-less month-day names in a sentence about the future: the first such day
    after the publish date ("will meet on Thursday", "the vote on January 5" in a December article)."""
    if value is None or published is None:
        return None
    if kind == "weekday" and (match.group("last") or "").lower() not in ("last", "past"):
        return published + timedelta(days=(_WEEKDAYS[match.group("weekday").lower()] - published.weekday() - 1) % 7 + 1)
    if kind in ("month_day", "day_month") and match.group("year") is None:
        ahead, _ = _safe_date(published.year, value.month, value.day)
        if ahead is None or ahead < published:
            ahead, _ = _safe_date(published.year + 1, value.month, value.day)
        return ahead
    return None


def _safe_date(year: int, month: int, day: int) -> tuple[date | None, Precision]:
    try:
        return date(year, month, day), "day"
    except ValueError:
        return None, "unknown"  # "February 30": not a date
