"""Writing records: one table per kind (tabulate), or JSON Lines, JSON, CSV.

Line formats stream: each document's records are written as soon as they
exist.  Tables need every row to size their columns, so they are written at
the end, with long cells wrapped to the terminal's width.
"""
from __future__ import annotations

import csv
import json
import shutil
from dataclasses import fields
from typing import Callable, TextIO

from tabulate import tabulate, tabulate_formats

from tracker.records import KINDS, Record

STREAM_FORMATS = ("jsonl", "json", "csv")
FORMATS = STREAM_FORMATS + tuple(f for f in tabulate_formats if f not in STREAM_FORMATS)
FIELDS = [f.name for f in fields(Record)]


def _modality(r: Record) -> str:
    return f"{r.modality} ({r.condition})" if r.condition else r.modality


# Per kind: table title, then (header, cell, share of the free width) per column.
Column = tuple[str, Callable[[Record], str | None], float]
TABLES: dict[str, tuple[str, list[Column]]] = {
    "commitment": ("Commitments", [
        ("Who", lambda r: r.actor, 0.15), ("What", lambda r: r.content, 0.4),
        ("To whom", lambda r: r.target, 0.13), ("Modality", _modality, 0.17), ("Source", lambda r: r.source, 0.15)]),
    "accusation": ("Accusations", [
        ("Accuser", lambda r: r.actor, 0.17), ("Accused", lambda r: r.target, 0.17),
        ("Of what", lambda r: r.content, 0.5), ("Source", lambda r: r.source, 0.16)]),
    "approval": ("Approvals", [
        ("Approver", lambda r: r.actor, 0.2), ("What", lambda r: r.content, 0.45),
        ("Status", _modality, 0.18), ("Source", lambda r: r.source, 0.17)]),
    "claim": ("Claims", [
        ("Speaker", lambda r: r.actor, 0.2), ("Claim", lambda r: r.content, 0.62),
        ("Source", lambda r: r.source, 0.18)]),
}


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


def tables(records: list[Record], fmt: str, width: int, kinds: tuple[str, ...] = KINDS) -> str:
    """One titled table per kind, in the order of `kinds`; kinds with no rows say so."""
    parts = []
    for kind in kinds:
        title, columns = TABLES[kind]
        rows = [[cell(r) or "" for _, cell, _ in columns] for r in records if r.kind == kind]
        if not rows:
            parts.append(f"{title}: none\n")
            continue
        source = max(len(row[-1]) for row in rows)
        free = max(40, width - 3 * len(columns) - source)
        shares = sum(share for _, _, share in columns[:-1])
        widths = [max(14, int(free * share / shares)) for _, _, share in columns[:-1]] + [source]
        table = tabulate(rows, headers=[h for h, _, _ in columns], tablefmt=fmt, maxcolwidths=widths)
        parts.append(f"{title} ({len(rows)})\n{table}\n")
    return "\n".join(parts)
