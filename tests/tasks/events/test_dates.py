"""Date expressions resolved against the publish date (for the events stage)."""

from datetime import date

import pytest

from newslake.tasks.events.dates import date_mentions

WORKED = ("On the night of November 19, the Armed Forces of Ukraine reportedly struck a facility. "
          "On November 17, The New York Times reported the decision. On November 18, Miller neither confirmed nor denied.")


def resolved(text, published):
    return [(m.text, m.value, m.precision) for m in date_mentions(text, published)]


def test_the_worked_example_dates():
    assert resolved(WORKED, date(2024, 11, 19)) == [
        ("November 19", date(2024, 11, 19), "day"),
        ("November 17", date(2024, 11, 17), "day"),
        ("November 18", date(2024, 11, 18), "day"),
    ]


def test_offsets_point_into_the_text():
    for m in date_mentions(WORKED, date(2024, 11, 19)):
        assert WORKED[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It happened last Tuesday.", date(2024, 11, 21), [("last Tuesday", date(2024, 11, 19), "day")]),  # a Thursday
        ("It happened on Tuesday.", date(2024, 11, 19), [("on Tuesday", date(2024, 11, 19), "day")]),  # a Tuesday: that day
        ("It happened last Tuesday.", date(2024, 11, 19), [("last Tuesday", date(2024, 11, 12), "day")]),  # the one before
        ("Earlier this month, talks failed.", date(2024, 11, 19), [("Earlier this month", date(2024, 11, 1), "month")]),
        ("Shelling resumed yesterday.", date(2024, 3, 1), [("yesterday", date(2024, 2, 29), "day")]),
        ("The vote was on December 30.", date(2025, 1, 2), [("December 30", date(2024, 12, 30), "day")]),  # last year
        ("Talks are set for November 25.", date(2024, 11, 19), [("November 25", date(2024, 11, 25), "day")]),  # within a week
        ("Signed on 5 March 2022 and 2023-04-01.", None,
         [("5 March 2022", date(2022, 3, 5), "day"), ("2023-04-01", date(2023, 4, 1), "day")]),
        ("Struck on November 19.", None, [("November 19", None, "unknown")]),  # no publish date: not guessed
        ("It rose last year.", date(2024, 6, 1), [("last year", date(2023, 1, 1), "year")]),
        ("Tuesday's meeting and February 30.", date(2024, 6, 1),  # a Saturday
         [("Tuesday", date(2024, 5, 28), "day"), ("February 30", None, "unknown")]),
        ("Fighting began in April 2014; in 1993 it was calm.", None,
         [("April 2014", date(2014, 4, 1), "month"), ("in 1993", date(1993, 1, 1), "year")]),
        ("Sanctions came in March and talks in December.", date(2016, 9, 10),
         [("in March", date(2016, 3, 1), "month"), ("in December", date(2015, 12, 1), "month")]),
        ("It started last month, in may.", date(2016, 1, 15), [("last month", date(2015, 12, 1), "month")]),
        # a year or month that modifies a noun dates it; a name ("Theresa May"), a decade or a span do not
        ("Survivors of the 2008 floods met at its October summit.", date(2011, 9, 2),
         [("2008", date(2008, 1, 1), "year"), ("October", date(2010, 10, 1), "month")]),
        ("Theresa May met the 1990s rebels after the 2014-15 talks and a 2019 vote.", date(2020, 2, 1),
         [("2019", date(2019, 1, 1), "year")]),
    ],
)
def test_relative_and_absolute_dates(text, published, expected):
    assert resolved(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "ahead"),
    [
        ("She will visit on Thursday.", date(2016, 9, 16), date(2016, 9, 22)),  # a Friday: the next Thursday
        ("Clinton plans to visit on Sunday.", date(2016, 9, 25), date(2016, 10, 2)),  # a Sunday: a week on
        ("Talks are set for January 5.", date(2024, 12, 28), date(2025, 1, 5)),  # next year
        ("Talks are set for December 30.", date(2024, 12, 28), date(2024, 12, 30)),
        ("It happened last Tuesday.", date(2024, 11, 21), None),  # "last" is never ahead
        ("It rose last year.", date(2024, 6, 1), None),
        ("The vote is on Friday.", None, None),  # no publish date: nothing resolved either way
    ],
)
def test_a_weekday_or_month_day_ahead_of_publication(text, published, ahead):
    [mention] = date_mentions(text, published)
    assert mention.ahead == ahead
