"""`time:` files: the time vocabulary, merged in load order, and the macros made from it.

Every table of the vocabulary is declared once here, with the macro it
becomes and how its values are written; the schema of `time:` files, the
merging and the macros come from these declarations, and the ledger reads
the merged tables through `Vocabulary` (tracker/ledger/timeexpr.py), so the
`when` patterns written with the macros find exactly the words it resolves.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.ledger.timeexpr import CLIPS, MEANINGS, Relative, Span, Vocabulary
from tracker.rulefiles.bundled import Traversable
from tracker.rulefiles.macros import MacroDef, at_position
from tracker.rulefiles.merge import changed
from tracker.rulefiles.words import as_macro
from tracker.rulefiles.yamlpos import Located, Position
from tracker.tokens import normalize, words_of

Error = Callable[[Traversable, Position, str], None]
Origin = tuple[Traversable, Located, tuple]  # where an entry was last written: file, its positions, data path


@dataclass(frozen=True)
class Table:
    """One table of the vocabulary: the macro it is in patterns (None: not a
    macro), what it is for, and how a value is written (None: a plain list
    of words)."""

    macro: str | None
    description: str
    values: dict[str, Any] | None = None


_integer = {"type": "integer"}
SPAN = {
    "type": "object",
    "required": ["unit", "length"],
    "additionalProperties": False,
    "properties": {
        "unit": {"enum": ["days", "months"]},
        "length": {"type": "integer", "minimum": 1, "description": "how many days or months"},
        "every": {"type": "integer", "minimum": 1, "description": "one begins every this many (default: length)"},
        "start": {"type": "integer", "minimum": 1, "maximum": 12,
                  "description": "where one begins: an ISO weekday (Monday 1) for days, a month for months "
                                 "(default 1)"},
    },
    "if": {"properties": {"unit": {"const": "days"}}},
    "then": {"properties": {"start": {"maximum": 7}}},
}
RELATIVE = {
    "oneOf": [
        {**_integer, "description": "the step: 0 the current one, -1 the last, 1 the next"},
        {"type": "object", "required": ["step"], "additionalProperties": False,
         "properties": {"step": _integer, "clip": {"enum": list(CLIPS)}}},
    ],
}
_span_name = {"type": "string", "minLength": 1, "description": "the name of a span of `spans`"}

TABLES: dict[str, Table] = {
    "months": Table("month", "month names and abbreviations: their numbers", {**_integer, "minimum": 1, "maximum": 12}),
    "weekdays": Table("weekday", "weekdays: their ISO numbers (Monday 1 ... Sunday 7)",
                      {**_integer, "minimum": 1, "maximum": 7}),
    "day_words": Table("day_word", "words that name a day: days from the document date (today 0, yesterday -1)",
                       _integer),
    "relatives": Table("relative", "words before a period or weekday: which one they mean (last -1, next 1)",
                       RELATIVE),
    "spans": Table(None, "what periods and units mean: a span of days or months that recurs", SPAN),
    "periods": Table("period", "periods after a relative word or a part (week, quarter, spring): their spans",
                     _span_name),
    "units": Table("unit", "units of 'three weeks ago' (weeks): their spans", _span_name),
    "parts": Table("part", "parts of a month, year or period: which third (early 1, mid 2, late 3)",
                   {**_integer, "minimum": 1, "maximum": 3}),
    "counts": Table("count", "number words of counts (three, a): their numbers", {**_integer, "minimum": 0}),
    "prepositions": Table("preposition", "words that may lead a time expression: what they make of its days",
                          {"enum": list(MEANINGS)}),
    "articles": Table("article", "articles inside a time expression, which change nothing (the)"),
    "day_ranges": Table("day_range", "words between the two days of a range (-, to, and)"),
    "day_of": Table("day_of", "words between a day and its month (the 5th of June)"),
    "ago": Table("ago", "words after a count and a unit that count back (ago)"),
    "day_suffixes": Table(None, "endings of a day's number (5th)"),
}
RANGES = {  # numbers the vocabulary reads as such: each a [first, last] that a later file replaces
    "years": "the first and last year a number may name (@year)",
    "count_numbers": "the first and last number that may count units, as in '3 weeks ago' (in @count)",
}
RANGE = {"type": "array", "items": {**_integer, "minimum": 0}, "minItems": 2, "maxItems": 2}


def merge_time(files: list[tuple[Traversable, Located]], error: Error) -> tuple[Vocabulary, dict[str, MacroDef]]:
    """The vocabulary of `time:` files merged in load order, and its tables as macros."""
    merged: dict[str, dict[Any, tuple[Any, Origin]]] = {name: {} for name in TABLES}
    first_at: dict[str, Origin] = {}
    ranges: dict[str, Any] = {}
    for path, located in files:
        for name, written in (located.data.get("time") or {}).items():
            where = ("time", name)
            first_at.setdefault(name, (path, located, where))
            if name in RANGES:
                ranges[name] = (written[0], written[1])
                if written[0] > written[1]:
                    error(path, located.where(where), f"{name}: the first number is above the last")
                continue
            key = _name if name == "spans" else _suffix if name == "day_suffixes" else _phrase
            merged[name] = changed(merged[name], written, _reader(key, path, located, where, error), key)
    spans = {name: _span(value) for name, (value, _) in merged["spans"].items()}
    tables: dict[str, Any] = {}
    for name, table in TABLES.items():
        if name == "spans":
            continue
        if table.values is None:
            tables[name] = frozenset(merged[name])
        elif name in ("periods", "units"):
            tables[name] = _spans_of(merged[name], spans, name, error)
        elif name == "relatives":
            tables[name] = {p: Relative(v) if isinstance(v, int) else Relative(v["step"], v.get("clip", "whole"))
                            for p, (v, _) in merged[name].items()}
        else:
            tables[name] = {p: v for p, (v, _) in merged[name].items()}
    vocabulary = Vocabulary(**tables, **ranges)
    return vocabulary, _macros(vocabulary, first_at)


def _reader(key: Callable[[str], Any], path: Traversable, located: Located, where: tuple,
            error: Error) -> Callable[[Any, tuple], dict[Any, tuple[Any, Origin]]]:
    """Reads written entries of one table (or list) with where each stands, reporting an entry with no word."""
    def read(entries: Any, below: tuple) -> dict[Any, tuple[Any, Origin]]:
        out: dict[Any, tuple[Any, Origin]] = {}
        items = entries.items() if isinstance(entries, dict) else ((e, None) for e in entries)
        for i, (written, value) in enumerate(items):
            at = where + below + ((written, "<key>") if isinstance(entries, dict) else (i,))
            if not key(written):
                error(path, located.where(at), f"'{written}' holds no word to find")
                continue
            out[key(written)] = (value, (path, located, at))
        return out
    return read


def _phrase(written: str) -> tuple[str, ...]:
    return tuple(words_of(written))


def _name(written: str) -> str:
    return written


def _suffix(written: str) -> str:
    return normalize(written)


def _span(value: dict[str, Any]) -> Span:
    return Span(value["unit"], value["length"], value.get("every", value["length"]), value.get("start", 1))


def _spans_of(entries: dict[Any, tuple[Any, Origin]], spans: dict[str, Span], table: str,
              error: Error) -> dict[Any, Span]:
    """Periods or units with the spans they name; a name no span has is an error where it is written."""
    out = {}
    for phrase, (name, (path, located, at)) in entries.items():
        if name in spans:
            out[phrase] = spans[name]
        else:
            error(path, located.where(at[:-1]),
                  f"{table[:-1]} '{' '.join(phrase)}' names no span (spans: {', '.join(sorted(spans))})")
    return out


def _macros(vocabulary: Vocabulary, first_at: dict[str, Origin]) -> dict[str, MacroDef]:
    """Each table that is a macro, where it is first written, and the numbers
    the vocabulary reads: @year its years, @count its count words and
    count_numbers, @day the days of a month (Vocabulary.days)."""
    made: dict[str, tuple[frozenset[tuple[str, ...]], Origin | None]] = {
        table.macro: (frozenset(getattr(vocabulary, name)), first_at.get(name))
        for name, table in TABLES.items() if table.macro}
    counts, where = made["count"]
    made["count"] = (counts | _numbers(vocabulary.count_numbers), where or first_at.get("count_numbers"))
    made["year"] = (_numbers(vocabulary.years), first_at.get("years"))
    made["day"] = (frozenset((day,) for day in vocabulary.days), next(iter(first_at.values()), None))
    return {macro: MacroDef(as_macro("phrases", words), where[0], at_position(where[1].where(where[2])))
            for macro, (words, where) in made.items() if words and where}


def _numbers(first_last: tuple[int, int]) -> frozenset[tuple[str, ...]]:
    return frozenset((str(n),) for n in range(first_last[0], first_last[1] + 1))


def tried(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """The numbers of the number macros that checking a `when` pattern tries
    (see whenphrases): the same code makes these macros and reads their
    numbers, so the first and last of each kind stand for the rest."""
    edges = {1, 31}
    days = tuple(day for day, (first, last) in vocabulary.days.items() if {first, last} <= edges)
    counts = tuple(" ".join(phrase) for phrase in vocabulary.counts)
    return {"day": days, "year": tuple(map(str, vocabulary.years)),
            "count": counts + tuple(map(str, vocabulary.count_numbers))}
