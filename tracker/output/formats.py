"""The output formats every command that prints records or rows shares.

Line formats (JSON Lines, JSON, CSV, TSV) hold every field and stream; the
others are tabulate's table formats.  TSV is written by the csv module, as
CSV is, not by tabulate: a field holding a tab, a quote or a line break is
quoted, so `csv.reader(f, delimiter="\\t")` (pandas, csvkit) reads back one
record per row with its fields intact.
"""
from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from tabulate import tabulate_formats

STREAM_FORMATS = ("jsonl", "json", "csv", "tsv")
FORMATS = STREAM_FORMATS + tuple(f for f in tabulate_formats if f not in STREAM_FORMATS)
DELIMITERS = {"csv": ",", "tsv": "\t"}
FORMAT_HELP = ("simple (the default), jsonl, json, csv, tsv, or another table format: github, html, latex, "
               "grid, rst, orgtbl, ... (any of tabulate's).")


def delimited(stream: TextIO, fmt: str, columns: Sequence[str]) -> csv.DictWriter:
    """A CSV or TSV writer with its header written."""
    writer = csv.DictWriter(stream, fieldnames=list(columns), delimiter=DELIMITERS[fmt], lineterminator="\n")
    writer.writeheader()
    return writer
