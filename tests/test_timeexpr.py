"""`when` words resolve against the document date, so threads can be put in date order."""
from datetime import date

import pytest

from tracker.ledger.timeexpr import DateRange, resolve

WEDNESDAY = date(2025, 6, 11)  # the London framework article


def days(start: str, end: str | None = None) -> DateRange:
    return DateRange(date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.mark.parametrize("when, expected", [
    ("last month", days("2025-05-01", "2025-05-31")),
    ("on Tuesday", days("2025-06-10")),
    ("Wednesday", days("2025-06-11")),
    ("last Wednesday", days("2025-06-04")),
    ("next Tuesday", days("2025-06-17")),
    ("June 5", days("2025-06-05")),
    ("on June 5", days("2025-06-05")),
    ("June 9-10", days("2025-06-09", "2025-06-10")),
    ("on June 9 and 10", days("2025-06-09", "2025-06-10")),
    ("5th of June", days("2025-06-05")),
    ("Thursday, June 5", days("2025-06-05")),
    ("June 5, 2024", days("2024-06-05")),
    ("in May", days("2025-05-01", "2025-05-31")),
    ("early May", days("2025-05-01", "2025-05-10")),
    ("late May", days("2025-05-21", "2025-05-31")),
    ("yesterday", days("2025-06-10")),
    ("today", days("2025-06-11")),
    ("last week", days("2025-06-02", "2025-06-08")),
    ("the past week", days("2025-06-02", "2025-06-08")),
    ("earlier this month", days("2025-06-01", "2025-06-11")),
    ("later this year", days("2025-06-11", "2025-12-31")),
    ("next month", days("2025-07-01", "2025-07-31")),
    ("three days ago", days("2025-06-08")),
    ("two months ago", days("2025-04-01", "2025-04-30")),
    ("in 2024", days("2024-01-01", "2024-12-31")),
    ("2025-05-12", days("2025-05-12")),
])
def test_resolves_against_document_date(when, expected):
    assert resolve(when, WEDNESDAY) == expected


def test_yearless_date_takes_the_nearest_year():
    assert resolve("December 20", date(2025, 1, 5)) == days("2024-12-20")
    assert resolve("January 3", date(2024, 12, 28)) == days("2025-01-03")


def test_absolute_dates_need_no_document_date():
    assert resolve("June 5, 2025", None) == days("2025-06-05")
    assert resolve("May 2025", None) == days("2025-05-01", "2025-05-31")


@pytest.mark.parametrize("when", ["last month", "on Tuesday", "June 5", "yesterday"])
def test_relative_words_without_document_date_are_unknown(when):
    assert resolve(when, None) is None


@pytest.mark.parametrize("when", [None, "", "in Geneva", "soon", "February 30", "after the talks"])
def test_unknown_expressions_resolve_to_nothing(when):
    assert resolve(when, WEDNESDAY) is None


def test_range_prints_as_one_day_or_span():
    assert str(days("2025-06-05")) == "2025-06-05"
    assert str(days("2025-06-09", "2025-06-10")) == "2025-06-09..2025-06-10"
