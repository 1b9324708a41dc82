"""Tables of records, one per kind, titled, with long cells wrapped to a width when there is one."""
from __future__ import annotations

from collections.abc import Callable

from tabulate import tabulate

from tracker.output.layout import heading, one_line
from tracker.records import KINDS, Record


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


def tables(records: list[Record], fmt: str, width: int | None, kinds: tuple[str, ...] = KINDS) -> str:
    """One titled table per kind, in the order of `kinds`; kinds with no rows say so.

    `width`: the width to wrap long cells to (a terminal's); None keeps each row on one line."""
    parts = []
    for kind in kinds:
        title, columns = TABLES[kind]
        rows = [[one_line(cell(r)) for _, cell, _ in columns] for r in records if r.kind == kind]
        if not rows:
            parts.append(heading(f"{title}: none", fmt) + "\n")
            continue
        table = tabulate(rows, headers=[h for h, _, _ in columns], tablefmt=fmt, disable_numparse=True,
                         maxcolwidths=_widths(rows, columns, width) if width else None)
        parts.append(f"{heading(f'{title} ({len(rows)})', fmt)}\n{table}\n")
    return "\n".join(parts)


def _widths(rows: list[list[str]], columns: list[Column], width: int) -> list[int]:
    """The source column keeps its width (a path is not wrapped); the others share the rest."""
    source = max(len(row[-1]) for row in rows)
    free = max(40, width - 3 * len(columns) - source)
    shares = sum(share for _, _, share in columns[:-1])
    return [max(14, int(free * share / shares)) for _, _, share in columns[:-1]] + [source]
