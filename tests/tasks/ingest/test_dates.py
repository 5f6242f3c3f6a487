from datetime import UTC, datetime, timedelta, timezone

import pytest
from hostile import BAD_DATES

from newslake.tasks.ingest.dates import parse_published, partition_date

NOW = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-19", datetime(2024, 11, 19, tzinfo=UTC)),
        ("2016-09-08T10:00:00Z", datetime(2016, 9, 8, 10, tzinfo=UTC)),
        ("2016-09-08T10:00:00-04:00", datetime(2016, 9, 8, 14, tzinfo=UTC)),
        ("Tue, 19 Nov 2024 10:15:00 +0200", datetime(2024, 11, 19, 8, 15, tzinfo=UTC)),
        ("Nov 19, 2024 10:15 EST", datetime(2024, 11, 19, 15, 15, tzinfo=UTC)),
        (1732000000, datetime(2024, 11, 19, 7, 6, 40, tzinfo=UTC)),
        (1732000000000, datetime(2024, 11, 19, 7, 6, 40, tzinfo=UTC)),
    ],
)
def test_parse_published_to_utc(value, expected):
    assert parse_published(value, now=NOW) == expected


@pytest.mark.parametrize("value", [None, "", "garbage", "yesterday", "2099-01-01", True])
def test_unreadable_relative_or_future_dates_are_none(value):
    assert parse_published(value, now=NOW) is None


def test_partition_date():
    assert partition_date(datetime(2024, 11, 19, 23, 59, tzinfo=UTC)) == "2024-11-19"
    assert partition_date(None) == "unknown"


@pytest.mark.parametrize("value", BAD_DATES, ids=repr)
def test_partial_malformed_and_implausible_dates_are_unknown(value):
    assert parse_published(value, now=NOW) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1900-01-01", datetime(1900, 1, 1, tzinfo=UTC)), ("2026-11-25T23:00:00Z", datetime(2026, 11, 25, 23, tzinfo=UTC))],
)
def test_the_plausible_range_ends_are_kept(value, expected):
    assert parse_published(value, now=NOW) == expected


def test_partition_values_have_one_form():
    assert partition_date(datetime(1900, 1, 1, tzinfo=UTC)) == "1900-01-01"
    assert partition_date(datetime(2024, 11, 19, 23, 30, tzinfo=timezone(timedelta(hours=-5)))) == "2024-11-20"
