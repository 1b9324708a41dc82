"""A document's own date, read from its text.

The ledger orders a story by when things were said, so a document's date must
come from the document (a ``Date:`` header or YAML front matter), never from
the file's mtime, which only says when it was copied.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import yaml

HEADER_LINES = 15  # a "Date:" header counts only this near the top

_HEADER = re.compile(r"^\s*date\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?![\d])")
_FORMATS = (
    "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%b. %d, %Y",
    "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d", "%Y%m%d",
)
# libyaml's loader when PyYAML has it (its wheels do): it builds what the pure-Python one
# builds, faster, and refuses nesting past 1,000 levels at once where the other one
# recurses for seconds before it fails.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WEEKDAY_PREFIX = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)


def parse_date(value: str) -> str | None:
    """The ISO date a date-like string names, or None.

    Accepts ISO dates and timestamps, RFC 2822 ("Wed, 11 Jun 2025 09:00:00
    +0000"), Reuters style ("26-FEB-1987 15:01:01.79") and written dates
    ("June 11, 2025", "11 June 2025"); a trailing time is ignored. Numeric
    day/month orders other than year-first are refused as ambiguous.
    """
    text = value.strip()
    iso = _ISO.match(text)
    if iso:
        return _valid(*map(int, iso.groups()))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    words = _WEEKDAY_PREFIX.sub("", text).split()
    for length in range(len(words), 0, -1):  # drop a trailing time, zone, etc.
        candidate = " ".join(words[:length])
        for fmt in _FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def document_date(text: str) -> str | None:
    """ISO date from YAML front matter ``date:`` or a ``Date:`` header line near the top."""
    front = _FRONT_MATTER.match(text)
    if front:
        found = _front_matter_date(front.group("body"))
        if found:
            return found
    for line in text.splitlines()[:HEADER_LINES]:
        header = _HEADER.match(line)
        if header:
            return parse_date(header.group("value"))
    return None


def _front_matter_date(body: str) -> str | None:
    """The front matter's ``date:``, or None when it has none or it is not a date.

    Like a ``Date:`` header that names no day, front matter that cannot be
    read as YAML, or whose values YAML cannot build (a month of 13, an
    ``!!int`` tag on a word, an integer past Python's digit limit, nesting
    deeper than the parser's recursion), leaves the document undated; the
    document itself is still scanned."""
    try:
        meta = yaml.load(body, Loader=_LOADER)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None
    if not isinstance(meta, dict):
        return None
    value = meta.get("date")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return parse_date(value)
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
