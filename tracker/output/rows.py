"""Rows other than records (the ledger's listings, summaries and threads) in the shared formats.

Ledger rows carry their own columns (ids, dates, links, reasons), so they
are not Records; they are written in the same formats and by the same rules
as a scan's records: line formats hold one row per line, tables wrap only
at a width (a terminal's), cells keep to one line.
"""
from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

from tracker.output.formats import DELIMITERS, delimited
from tracker.output.layout import one_line


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, width: int | None,
           wrapped: Sequence[str] = ()) -> str:
    """Rows as a table (any tabulate format), JSON Lines, a JSON array, CSV or TSV.

    `wrapped`: the long-text columns that share what the others leave of `width`."""
    picked = [{c: row.get(c) for c in columns} for row in rows]
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in picked)
    if fmt == "json":
        return json.dumps(picked, ensure_ascii=False, indent=2) + "\n"
    if fmt in DELIMITERS:
        out = io.StringIO()
        delimited(out, fmt, columns).writerows(picked)
        return out.getvalue()
    table = [[one_line(row[c]) for c in columns] for row in picked]
    widths = _widths(table, columns, wrapped, width) if width else None
    return tabulate(table, headers=list(columns), tablefmt=fmt, maxcolwidths=widths, disable_numparse=True) + "\n"


def _widths(table: list[list[Any]], columns: Sequence[str], wrapped: Sequence[str], width: int) -> list[int | None]:
    """Share what the other columns leave of `width` among the long-text columns;
    a column that needs less than its share leaves the rest to the others."""
    natural = {c: max([len(str(c)), *(len(str(row[i])) for row in table)]) for i, c in enumerate(columns)}
    long_columns = sorted((c for c in columns if c in wrapped), key=natural.__getitem__)
    remaining = width - sum(n for c, n in natural.items() if c not in wrapped) - 2 * len(columns)
    shares: dict[str, int] = {}
    for left, column in zip(range(len(long_columns), 0, -1), long_columns, strict=True):
        shares[column] = max(24, min(natural[column], remaining // left))
        remaining -= shares[column]
    return [shares.get(c) for c in columns]
