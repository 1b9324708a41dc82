"""Writing records: JSON Lines, JSON or CSV as they come, or one table per kind at the end.

Line formats stream: each document's records are written as soon as they
exist.  Tables need every row to size their columns, so they are written at
the end, with long cells wrapped to the terminal's width.
"""
from __future__ import annotations

import csv
import json
import shutil
from typing import TextIO

from tabulate import tabulate_formats

from tracker.output.tables import tables
from tracker.records import FIELDS, KINDS, Record

STREAM_FORMATS = ("jsonl", "json", "csv")
FORMATS = STREAM_FORMATS + tuple(f for f in tabulate_formats if f not in STREAM_FORMATS)


class Writer:
    """Writes records in one format; call `add` per document and `close` at the end."""

    def __init__(self, stream: TextIO, fmt: str, width: int | None = None) -> None:
        self.stream, self.fmt = stream, fmt
        self.width = width or shutil.get_terminal_size((120, 24)).columns
        self.pending: list[Record] = []
        self.count = 0
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n")
            self._csv.writeheader()
        elif fmt == "json":
            stream.write("[")

    def add(self, records: list[Record]) -> None:
        for rec in records:
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                sep = ",\n" if self.count else "\n"
                self.stream.write(sep + json.dumps(rec.to_dict(), ensure_ascii=False))
            elif self._csv is not None:
                self._csv.writerow(rec.to_dict())
            else:
                self.pending.append(rec)
            self.count += 1
        if self.fmt in STREAM_FORMATS:
            self.stream.flush()

    def close(self, kinds: tuple[str, ...] = KINDS) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        elif self.fmt not in STREAM_FORMATS:
            self.stream.write(tables(self.pending, self.fmt, self.width, kinds))
        self.stream.flush()
