"""Writing records: JSON Lines, JSON, CSV or TSV as they come, or one table per kind at the end.

Line formats stream: each document's records are written as soon as they
exist, and flushed, so that what a stopped scan wrote is there.  Tables need
every row to size their columns, so they are written at the end.
"""
from __future__ import annotations

import json
from typing import TextIO

from tracker.output.formats import DELIMITERS, STREAM_FORMATS, delimited
from tracker.output.tables import tables
from tracker.records import FIELDS, KINDS, Record


class Writer:
    """Writes records in one format; call `add` per document and `close` at the end.

    `width`: what tables wrap long cells to (see layout.table_width); None keeps one row per line."""

    def __init__(self, stream: TextIO, fmt: str, width: int | None = None) -> None:
        self.stream, self.fmt, self.width = stream, fmt, width
        self.pending: list[Record] = []
        self.count = 0
        self._delimited = delimited(stream, fmt, FIELDS) if fmt in DELIMITERS else None
        if fmt == "json":
            stream.write("[")

    def add(self, records: list[Record]) -> None:
        for rec in records:
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                sep = ",\n" if self.count else "\n"
                self.stream.write(sep + json.dumps(rec.to_dict(), ensure_ascii=False))
            elif self._delimited is not None:
                self._delimited.writerow(rec.to_dict())
            else:
                self.pending.append(rec)
            self.count += 1
        if self.fmt in STREAM_FORMATS:
            self.stream.flush()

    def close(self, kinds: tuple[str, ...] = KINDS, note: str | None = None) -> None:
        """End the output; `note` (a scan stopped early, say) follows the tables, which it concerns.
        Line formats take no note: a line that is no record would break the programs that read them."""
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        elif self.fmt not in STREAM_FORMATS:
            self.stream.write(tables(self.pending, self.fmt, self.width, kinds))
            if note:
                self.stream.write(f"\n{note}\n")
        self.stream.flush()
