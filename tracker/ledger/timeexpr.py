"""Turn a record's ``when`` words into a date or date range.

News says "last month", "on Tuesday", "June 9-10": dates relative to the day
the article was written. Resolving them against the document date is what lets
the ledger put a commitment "made in Geneva last month" before an accusation
printed today, even when both stand in today's article.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# words around the date that do not change which day is meant
_LEADING = re.compile(r"^(?:(?:on|in|at|during|by|of|as of|the)\s+)+")
_TRAILING = re.compile(r"[\s,.;]+$")
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_YEAR = r"(?P<year>\d{4})"
_PART = r"(?:(?P<part>early|mid|late|end of|beginning of)[\s-]+)?"
_PERIOD = r"(?P<period>week|month|year|weekend)"


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of days; a single day has start == end."""

    start: date
    end: date

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def resolve(when: str | None, doc_date: date | None) -> DateRange | None:
    """The days ``when`` names, read relative to ``doc_date``; None if it names none we know.

    Absolute dates with a year resolve without a document date; everything
    else ("last month", "on Tuesday", "June 5") needs one.
    """
    if not when:
        return None
    text = _LEADING.sub("", _TRAILING.sub("", when.strip().lower()))
    for pattern, build in _RULES:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match.groupdict(), doc_date)
            except (ValueError, OverflowError):  # "February 30", or a year out of range
                return None
    return None


def _iso(groups: dict, _: date | None) -> DateRange:
    day = date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    return DateRange(day, day)


def _month_day(groups: dict, doc_date: date | None) -> DateRange | None:
    month = MONTHS[groups["month"]]
    first, last = int(groups["day"]), int(groups["day2"] or groups["day"])
    if groups["year"]:
        year = int(groups["year"])
    elif doc_date:
        year = _nearest_year(doc_date, lambda y: date(y, month, first))
    else:
        return None
    return DateRange(date(year, month, first), date(year, month, last))


def _month(groups: dict, doc_date: date | None) -> DateRange | None:
    month = MONTHS[groups["month"]]
    if groups["year"]:
        year = int(groups["year"])
    elif doc_date:
        year = _nearest_year(doc_date, lambda y: date(y, month, 15))
    else:
        return None
    return _part_of(_month_range(year, month), groups["part"])


def _year(groups: dict, _: date | None) -> DateRange:
    year = int(groups["year"])
    return DateRange(date(year, 1, 1), date(year, 12, 31))


def _day_word(groups: dict, doc_date: date | None) -> DateRange | None:
    if not doc_date:
        return None
    offset = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "tomorrow": 1}[groups["word"]]
    day = doc_date + timedelta(days=offset)
    return DateRange(day, day)


def _weekday(groups: dict, doc_date: date | None) -> DateRange | None:
    """A bare or "this" weekday is the latest such day up to the document date.

    News mostly reports what happened ("announced on Tuesday"); "next" and
    "last" say explicitly which way to look.
    """
    if not doc_date:
        return None
    back = (doc_date.weekday() - WEEKDAYS[groups["weekday"]]) % 7
    relation = groups["rel"]
    if relation == "next":
        day = doc_date + timedelta(days=(7 - back) % 7 or 7)
    elif relation == "last":
        day = doc_date - timedelta(days=back or 7)
    else:
        day = doc_date - timedelta(days=back)
    return DateRange(day, day)


def _relative_period(groups: dict, doc_date: date | None) -> DateRange | None:
    if not doc_date:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
            "earlier this": 0, "later this": 0}[groups["rel"]]
    span = _period(groups["period"], doc_date, step)
    if groups["rel"] == "earlier this":
        return DateRange(span.start, doc_date)
    if groups["rel"] == "later this":
        return DateRange(doc_date, span.end)
    return span


def _ago(groups: dict, doc_date: date | None) -> DateRange | None:
    if not doc_date:
        return None
    count = int(groups["count"]) if groups["count"].isdigit() else NUMBERS[groups["count"]]
    unit = groups["unit"].rstrip("s")
    if unit == "day":
        day = doc_date - timedelta(days=count)
        return DateRange(day, day)
    if unit == "week":
        return _period("week", doc_date - timedelta(weeks=count), 0)
    if unit == "month":
        return _period("month", doc_date, -count)
    return _period("year", doc_date, -count)


def _period(period: str, anchor: date, step: int) -> DateRange:
    """The calendar week (Monday-Sunday), weekend, month or year ``step`` periods from the anchor's."""
    if period in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        if period == "weekend":
            return DateRange(monday + timedelta(days=5), monday + timedelta(days=6))
        return DateRange(monday, monday + timedelta(days=6))
    if period == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return _month_range(index // 12, index % 12 + 1)
    return DateRange(date(anchor.year + step, 1, 1), date(anchor.year + step, 12, 31))


def _month_range(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _part_of(span: DateRange, part: str | None) -> DateRange:
    """Early = days 1-10, mid = 11-20, late = 21 to the end: coarse, but it orders events."""
    if part in ("early", "beginning of"):
        return DateRange(span.start, span.start + timedelta(days=9))
    if part == "mid":
        return DateRange(span.start + timedelta(days=10), span.start + timedelta(days=19))
    if part in ("late", "end of"):
        return DateRange(span.start + timedelta(days=20), span.end)
    return span


def _nearest_year(doc_date: date, day_in: Callable[[int], date]) -> int:
    """The year that puts a yearless date closest to the document date ("December 20" read in January)."""
    years = (doc_date.year - 1, doc_date.year, doc_date.year + 1)
    return min(years, key=lambda y: abs((day_in(y) - doc_date).days))


_Builder = Callable[[dict, date | None], DateRange | None]
_RULES: list[tuple[re.Pattern[str], _Builder]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"), _iso),
    (re.compile(rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?"), _month_day),
    (re.compile(rf"(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
     _month_day),
    (re.compile(rf"{_PART}{_MONTH}(?:,?\s+{_YEAR})?"), _month),
    (re.compile(_YEAR), _year),
    (re.compile(r"(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow)"), _day_word),
    (re.compile(rf"(?:(?P<rel>last|next|this|past|previous)\s+)?{_WEEKDAY}"), _weekday),
    (re.compile(rf"(?P<rel>last|past|previous|this|current|next|earlier this|later this)\s+{_PERIOD}"),
     _relative_period),
    (re.compile(r"(?P<count>\d+|" + "|".join(NUMBERS) + r")\s+(?P<unit>days?|weeks?|months?|years?)\s+ago"), _ago),
]
