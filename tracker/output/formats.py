"""The output formats every command that prints records or rows shares.

Line formats (JSON Lines, JSON, CSV, TSV) hold every field and stream; the
others are tabulate's table formats.  TSV is written by the csv module, as
CSV is, not by tabulate: a field holding a tab, a quote or a line break is
quoted, so `csv.reader(f, delimiter="\\t")` (pandas, csvkit) reads back one
record per row with its fields intact.  Rows end in a bare LF, so the csv
module would leave a field with a bare CR unquoted and a reader would split
the record there: such a row has every field quoted.

A sentence longer than 128 KiB (a document without sentence breaks) is
longer than Python's csv reader takes by default; reading such output needs
`csv.field_size_limit(sys.maxsize)` first (pandas raises its limit itself).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TextIO

from tabulate import tabulate_formats

STREAM_FORMATS = ("jsonl", "json", "csv", "tsv")
FORMATS = STREAM_FORMATS + tuple(f for f in tabulate_formats if f not in STREAM_FORMATS)
DELIMITERS = {"csv": ",", "tsv": "\t"}
FORMAT_HELP = ("simple (the default), jsonl, json, csv, tsv, or another table format: github, html, latex, "
               "grid, rst, orgtbl, ... (any of tabulate's).")


class Delimited:
    """CSV or TSV rows, quoted where needed, a row holding a CR quoted throughout."""

    def __init__(self, stream: TextIO, fmt: str, columns: Sequence[str]) -> None:
        def writer(quoting: Literal[0, 1]) -> csv.DictWriter:
            return csv.DictWriter(stream, fieldnames=list(columns), delimiter=DELIMITERS[fmt], lineterminator="\n",
                                  quoting=quoting)
        self._minimal, self._all = writer(csv.QUOTE_MINIMAL), writer(csv.QUOTE_ALL)

    def writerow(self, row: Mapping[str, Any]) -> None:
        has_cr = any(isinstance(value, str) and "\r" in value for value in row.values())
        (self._all if has_cr else self._minimal).writerow(row)

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def delimited(stream: TextIO, fmt: str, columns: Sequence[str]) -> Delimited:
    """A CSV or TSV writer with its header written."""
    writer = Delimited(stream, fmt, columns)
    writer.writerow(dict(zip(columns, columns, strict=True)))
    return writer
