"""Turn a record's ``when`` words into a date or date range, with the time vocabulary.

News says "last month", "on Tuesday", "June 9-10": dates relative to the day
the article was written. Resolving them against the document date is what lets
the ledger put a commitment "made in Geneva last month" before an accusation
printed today, even when both stand in today's article.

Every word comes from the vocabulary (``rules/time.yaml``), and the `when`
patterns that recognise time expressions are written with macros made from
the same vocabulary, so what a scan recognises is what resolves here. This
module knows no English word: only the shapes the vocabulary's words make, and
what each shape means. After leading prepositions ("on", "since", "by the"):

    [weekday] month day [range day] [year]       June 5; Thursday, June 5, 2025; June 9-10
    [weekday] day [range day] [of] month [year]  5 June; the 5th of June
    [part] month [year]                          May; early May; the end of May 2025
    [part] year                                  1987; early 1988
    day word                                     today; this morning; earlier today
    [relative] weekday                           Tuesday; last Wednesday; next Tuesday
    [part] [relative] period                     last week; the past year; early next month; next spring
    count unit ago                               three weeks ago; 3 months ago

Articles and commas never change the days meant and are passed over.
"""
from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from tracker.tokens import tokenize

Phrase = tuple[str, ...]  # folded tokens, as tracker.tokens cuts them

EPOCH = date(1, 1, 1)  # a Monday: day-based spans count their occurrences from it
MEANINGS = ("same", "since", "until", "before", "after")  # what a preposition makes of the days it leads
CLIPS = ("whole", "to_date", "from_date")  # how much of its period a relative word means


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of days; a single day has start == end."""

    start: date
    end: date

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class Span:
    """A span that recurs: `length` days or months, one beginning every `every`
    units, at `start` (an ISO weekday 1-7 for days, a month 1-12 for months).
    A week is 7 days every 7 from Monday; a quarter 3 months every 3 from
    January; spring 3 months every 12 from March."""

    unit: str  # "days" or "months"
    length: int
    every: int
    start: int


@dataclass(frozen=True)
class Relative:
    """Which occurrence of a period a relative word means: `step` 0 is the one
    the document date falls in (else the one of its week or year), -1 the
    last to end before the document date, 1 the first to begin after it;
    `clip` "to_date" keeps only its days up to the document date ("earlier
    this month"), "from_date" only those from it ("later this year")."""

    step: int
    clip: str = "whole"


@dataclass(frozen=True, eq=False)  # hashed by identity: what it derives is cached per loaded vocabulary
class Vocabulary:
    """The time vocabulary as loaded from `time:` files: each phrase with what it means."""

    months: Mapping[Phrase, int] = field(default_factory=dict)
    weekdays: Mapping[Phrase, int] = field(default_factory=dict)  # ISO: Monday 1 ... Sunday 7
    day_words: Mapping[Phrase, int] = field(default_factory=dict)  # days from the document date
    relatives: Mapping[Phrase, Relative] = field(default_factory=dict)
    periods: Mapping[Phrase, Span] = field(default_factory=dict)
    units: Mapping[Phrase, Span] = field(default_factory=dict)
    parts: Mapping[Phrase, int] = field(default_factory=dict)  # which third of a span
    counts: Mapping[Phrase, int] = field(default_factory=dict)
    prepositions: Mapping[Phrase, str] = field(default_factory=dict)  # a meaning of MEANINGS
    articles: frozenset[Phrase] = frozenset()
    day_ranges: frozenset[Phrase] = frozenset()
    day_of: frozenset[Phrase] = frozenset()
    ago: frozenset[Phrase] = frozenset()
    day_suffixes: frozenset[str] = frozenset()
    years: tuple[int, int] = (1, 0)  # first and last year a number may name; none by default
    count_numbers: tuple[int, int] = (1, 0)  # first and last number that may count units; none by default

    @cached_property
    def _phrases(self) -> dict[str, list[tuple[Phrase, dict[str, Any]]]]:
        """Every phrase under its first token, longest first, with what each table says it means."""
        meanings: dict[Phrase, dict[str, Any]] = {}
        for name in _TABLES:
            for phrase, value in getattr(self, name).items():
                meanings.setdefault(phrase, {})[name] = value
        for name in _WORD_LISTS:
            for phrase in getattr(self, name):
                meanings.setdefault(phrase, {})[name] = True
        index: dict[str, list[tuple[Phrase, dict[str, Any]]]] = {}
        for phrase in sorted(meanings, key=len, reverse=True):
            index.setdefault(phrase[0], []).append((phrase, meanings[phrase]))
        return index

    def read(self, text: str) -> tuple[list[Symbol], list[str]]:
        """The phrase's tokens as vocabulary entries, the longest phrase first at
        each place, and numbers as themselves; then the words no table holds."""
        words = [token.lower for token in tokenize(text)]
        symbols: list[Symbol] = []
        unknown: list[str] = []
        i = 0
        while i < len(words):
            found = next(((phrase, meaning) for phrase, meaning in self._phrases.get(words[i], ())
                          if tuple(words[i:i + len(phrase)]) == phrase), None)
            if found is not None:
                symbols.append(Symbol(found[1], words[i]))
                i += len(found[0])
                continue
            if words[i][0].isdigit():
                symbols.append(Symbol({"number": True}, words[i]))
            elif words[i] != ",":
                unknown.append(words[i])
            i += 1
        return symbols, unknown

    @cached_property
    def days(self) -> dict[str, tuple[int, int]]:
        """The tokens that number a day of a month, with the first and last day
        they mean: 5, 5th (with the vocabulary's suffixes), and ranges written
        as one token with a mark of `day_ranges` (9-10). The @day macro is
        these tokens, so a day the patterns find is a day resolved here."""
        numbers = range(1, 32)
        days = {f"{d}{suffix}": (d, d) for d in numbers for suffix in ("", *self.day_suffixes)}
        marks = (p[0] for p in self.day_ranges if len(p) == 1 and not p[0].isalnum())
        for mark in (m for m in marks if len(tokenize(f"1{m}2")) == 1):
            days.update((f"{a}{mark}{b}", (a, b)) for a in numbers for b in numbers if a < b)
        return days

    def day(self, text: str) -> tuple[int, int] | None:
        return self.days.get(text)

    def year(self, text: str) -> int | None:
        return int(text) if text.isdigit() and self.years[0] <= int(text) <= self.years[1] else None

    def count(self, text: str) -> int | None:
        first, last = self.count_numbers
        return int(text) if text.isdigit() and first <= int(text) <= last else None


_TABLES = ("months", "weekdays", "day_words", "relatives", "periods", "units", "parts", "counts", "prepositions")
_WORD_LISTS = ("articles", "day_ranges", "day_of", "ago")


@dataclass(frozen=True)
class Symbol:
    """One vocabulary entry of a phrase: what each table says it means, and its first token."""

    meaning: Mapping[str, Any]
    text: str


class _Reader:
    """The symbols of a phrase after its prepositions, taken in turn by the
    shapes below, and what the prepositions mean."""

    def __init__(self, symbols: list[Symbol], meaning: str) -> None:
        self.symbols, self.at, self.meaning = symbols, 0, meaning

    def take(self, table: str) -> Any:
        """What the next symbol means in `table`, taking it; None if it is not in that table."""
        if self.at < len(self.symbols) and table in self.symbols[self.at].meaning:
            self.at += 1
            return self.symbols[self.at - 1].meaning[table]
        return None

    def number(self, read: Callable[[str], Any]) -> Any:
        """The next symbol as a number `read` accepts (a day, a year, a count), taking it; else None."""
        if self.at < len(self.symbols) and "number" in self.symbols[self.at].meaning:
            value = read(self.symbols[self.at].text)
            if value is not None:
                self.at += 1
            return value
        return None

    @property
    def done(self) -> bool:
        return self.at == len(self.symbols)


def resolve(when: str | None, doc_date: date | None, vocabulary: Vocabulary) -> DateRange | None:
    """The days ``when`` names, read relative to ``doc_date``; None if it names none the vocabulary knows.

    Absolute dates with a year resolve without a document date; everything
    else ("last month", "on Tuesday", "June 5") needs one. Of several leading
    prepositions ("until after", "in the"), the first that is not `same` decides.
    """
    symbols, unknown = vocabulary.read(when or "")
    symbols = [s for s in symbols if set(s.meaning) != {"articles"}]
    if unknown or not symbols:
        return None
    meaning, lead = "same", 0
    while lead < len(symbols) and "prepositions" in symbols[lead].meaning:
        if meaning == "same":
            meaning = symbols[lead].meaning["prepositions"]
        lead += 1
    for shape in _SHAPES:
        reader = _Reader(symbols[lead:], meaning)
        try:
            days = shape(reader, doc_date, vocabulary)
        except (ValueError, OverflowError):  # a date beyond the calendar's years
            return None
        if days is not None and reader.done:
            return _led(days, meaning, doc_date)
    return None


def _led(days: DateRange, meaning: str, doc_date: date | None) -> DateRange:
    """What a preposition makes of the days it leads. An open end ("since
    Monday": until when?) runs to the document date when that lies on its
    side, else it stops at the expression's own edge."""
    one = timedelta(days=1)
    if meaning == "since":
        return DateRange(days.start, max(days.end, doc_date) if doc_date else days.end)
    if meaning == "until":
        return DateRange(min(days.start, doc_date) if doc_date else days.start, days.end)
    if meaning == "before":
        last = days.start - one
        return DateRange(min(last, doc_date) if doc_date else last, last)
    if meaning == "after":
        first = days.end + one
        return DateRange(first, max(first, doc_date) if doc_date else first)
    return days


def _date(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[weekday] month day [range day] [year]: a weekday adds nothing to the date."""
    r.take("weekdays")
    month = r.take("months")
    days = _days(r, v) if month is not None else None
    return _on_days(doc_date, month, days, r.number(v.year)) if days else None


def _date_day_first(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[weekday] day [range day] [of] month [year]."""
    r.take("weekdays")
    days = _days(r, v)
    if days is None:
        return None
    r.take("day_of")
    month = r.take("months")
    return _on_days(doc_date, month, days, r.number(v.year)) if month is not None else None


def _days(r: _Reader, v: Vocabulary) -> tuple[int, int] | None:
    """A day, or the first and last of a range of days ("9-10", "9 to 10")."""
    first = r.number(v.day)
    if first is None or r.take("day_ranges") is None:
        return first
    last = r.number(v.day)
    return (first[0], last[1]) if last is not None else None


def _on_days(doc_date: date | None, month: int, days: tuple[int, int], year: int | None) -> DateRange | None:
    """Days of a month; without a year, in the year that puts them nearest the
    document date. A day past the month's end ("September 31") is its last."""
    if year is None:
        if doc_date is None:
            return None
        year = _nearest_year(doc_date, lambda y: _day_of(y, month, days[0]))
    return DateRange(_day_of(year, month, days[0]), _day_of(year, month, days[1]))


def _day_of(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[part] month [year]: without a year, the one that puts it nearest the document date."""
    part = r.take("parts")
    month = r.take("months")
    if month is None:
        return None
    year = r.number(v.year)
    if year is None:
        if doc_date is None:
            return None
        year = _nearest_year(doc_date, lambda y: date(y, month, 15))
    return _part_of(_month_range(year, month), part)


def _year(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[part] year."""
    part = r.take("parts")
    year = r.number(v.year)
    return _part_of(DateRange(date(year, 1, 1), date(year, 12, 31)), part) if year is not None else None


def _day_word(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    offset = r.take("day_words")
    if offset is None or doc_date is None:
        return None
    day = doc_date + timedelta(days=offset)
    return DateRange(day, day)


def _weekday(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[relative] weekday. A bare (or step 0) weekday is the latest such day up
    to the document date, as news mostly reports what happened ("announced on
    Tuesday"), unless a preposition sets a deadline ("until Friday", "by
    Friday", "before Friday"): then it is the first such day from the
    document date on. "next" and "last" say explicitly which way to look."""
    relative = r.take("relatives")
    weekday = r.take("weekdays")
    if weekday is None or doc_date is None:
        return None
    daily = Span("days", 1, 7, weekday)
    step = relative.step if relative is not None else 0
    if step != 0:
        return _stepped(daily, doc_date, step)
    latest = _latest_begun(daily, doc_date)
    ahead = r.meaning in ("until", "before") and _occurrence(daily, latest).start < doc_date
    return _occurrence(daily, latest + 1 if ahead else latest)


def _period(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """[part] [relative] period; without a relative word, the current one ("the end of the year")."""
    part = r.take("parts")
    relative = r.take("relatives") or Relative(0)
    span = r.take("periods")
    if span is None or doc_date is None:
        return None
    days = _stepped(span, doc_date, relative.step)
    if days.start <= doc_date <= days.end and relative.clip == "to_date":
        days = DateRange(days.start, doc_date)
    elif days.start <= doc_date <= days.end and relative.clip == "from_date":
        days = DateRange(doc_date, days.end)
    return _part_of(days, part)


def _ago(r: _Reader, doc_date: date | None, v: Vocabulary) -> DateRange | None:
    """count unit ago: the unit's span that many before the one the document date falls in."""
    count = r.take("counts")
    if count is None:
        count = r.number(v.count)
    unit = r.take("units")
    if count is None or unit is None or r.take("ago") is None or doc_date is None:
        return None
    return _occurrence(unit, _latest_begun(unit, doc_date) - count)


_Shape = Callable[[_Reader, "date | None", Vocabulary], "DateRange | None"]
_SHAPES: tuple[_Shape, ...] = (_date, _date_day_first, _month, _year, _day_word, _weekday, _period, _ago)


# --- spans ---------------------------------------------------------------------

def _unit_index(span: Span, day: date) -> int:
    return (day - EPOCH).days if span.unit == "days" else day.year * 12 + day.month - 1


def _first_unit(span: Span, k: int) -> int:
    return k * span.every + (span.start - 1) % span.every


def _occurrence(span: Span, k: int) -> DateRange:
    """The k-th occurrence of a span, counted from the calendar's beginning."""
    first = _first_unit(span, k)
    if span.unit == "days":
        start = EPOCH + timedelta(days=first)
        return DateRange(start, start + timedelta(days=span.length - 1))
    last = first + span.length - 1
    end = _month_range(last // 12, last % 12 + 1).end
    return DateRange(date(first // 12, first % 12 + 1, 1), end)


def _latest_begun(span: Span, day: date) -> int:
    """The last occurrence to begin on or before `day`."""
    return (_unit_index(span, day) - (span.start - 1) % span.every) // span.every


def _stepped(span: Span, day: date, step: int) -> DateRange:
    """Step 0: the occurrence `day` falls in, else the one that begins in its
    week, month or year (of `every` units: "this winter" read in November is
    the coming one); step -n: the n-th last to end before `day`; step n: the
    n-th first to begin after it."""
    k = _latest_begun(span, day)
    if step == 0:
        if _occurrence(span, k).end < day:
            k = _unit_index(span, day) // span.every
        return _occurrence(span, k)
    if step < 0:
        ended = k if _occurrence(span, k).end < day else k - 1
        return _occurrence(span, ended + step + 1)
    return _occurrence(span, k + step)


def _month_range(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _part_of(span: DateRange, third: int | None) -> DateRange:
    """Part 1, 2 or 3: the first, middle or last third of the span's days
    (of a month: days 1-10, 11-20, 21 to the end); none: all of it."""
    if third is None:
        return span
    days = (span.end - span.start).days + 1
    first = span.start + timedelta(days=days * (third - 1) // 3)
    return DateRange(first, span.start + timedelta(days=days * third // 3 - 1))


def _nearest_year(doc_date: date, day_in: Callable[[int], date]) -> int:
    """The year that puts a yearless date closest to the document date ("December 20" read in January)."""
    years = (doc_date.year - 1, doc_date.year, doc_date.year + 1)
    return min(years, key=lambda y: abs((day_in(y) - doc_date).days))
