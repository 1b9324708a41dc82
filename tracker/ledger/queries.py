"""Read-only questions users ask a ledger: who did what, and how one promise fared.

Each function returns data (records with their links); turning it into a
table or JSON is the CLI's job.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tracker.ledger.links import Item
from tracker.ledger.store import LedgerError, item_from_row
from tracker.records import KINDS

# Thread roles of records linked to a commitment, by the linking record's kind.
ROLES = {"commitment": "reaffirmed", "approval": "approved", "accusation": "accused of breaking"}
# How a commitment's listing names the records that link to it.
_VERBS = {"commitment": "reaffirms", "approval": "approves", "accusation": "accuses"}

_ORDER = 'ORDER BY date_start IS NULL, date_start, document_id, "start", id'


@dataclass(frozen=True)
class Filters:
    """Listing filters; dates are ISO strings and keep records whose dates overlap them.

    `actors` and `targets` are canonical names (tracker.actornames turns what a
    user typed into them); None does not filter, an empty set keeps nothing."""

    actors: frozenset[str] | None = None
    targets: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class Listed:
    """A record in a listing, with short notes on its links ("-> #1 (4.00)", "<- #7 accuses")."""

    item: Item
    links: tuple[str, ...]


@dataclass(frozen=True)
class ThreadEntry:
    """One step in the life of a commitment, and why the ledger thinks it belongs there."""

    role: str  # made, reaffirmed, approved, accused of breaking
    item: Item
    score: float | None
    reason: str | None


@dataclass(frozen=True)
class ActorCounts:
    actor: str
    counts: dict[str, int]  # kind -> number of records

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summary(db: sqlite3.Connection) -> list[ActorCounts]:
    """Records per actor and kind, most active actor first."""
    table: dict[str, dict[str, int]] = {}
    for row in db.execute('SELECT "actor", "kind", count(*) AS n FROM records GROUP BY "actor", "kind"'):
        table.setdefault(row["actor"], dict.fromkeys(KINDS, 0))[row["kind"]] = row["n"]
    rows = [ActorCounts(actor, counts) for actor, counts in table.items()]
    return sorted(rows, key=lambda r: (-r.total, r.actor.casefold()))


def listing(db: sqlite3.Connection, kind: str | None, filters: Filters) -> list[Listed]:
    """Records of one kind (or all kinds), filtered, in date order; undated ones last."""
    where, params = [], []
    if kind:
        where.append('"kind" = ?')
        params.append(kind)
    if filters.actors is not None:
        marks = ",".join("?" * len(filters.actors))
        where.append(f'("actor" IN ({marks}) OR "actor_group" IN ({marks}))')
        params += [*filters.actors, *filters.actors]
    if filters.targets is not None:
        where.append(f'"target" IN ({",".join("?" * len(filters.targets))})')
        params += list(filters.targets)
    if filters.since:
        where.append("date_end >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("date_start <= ?")
        params.append(filters.until)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    items = [item_from_row(row) for row in db.execute(f"SELECT * FROM records {clause} {_ORDER}", params)]
    return [Listed(item, _link_notes(db, item.id)) for item in items]


def story_names(db: sqlite3.Connection) -> list[tuple[str, str | None]]:
    """Every (canonical name, words as written) pair the stored records use, groups included."""
    rows = db.execute(
        """SELECT "actor", "actor_text" FROM records UNION SELECT "target", "target_text" FROM records
           WHERE "target" IS NOT NULL UNION SELECT "actor_group", NULL FROM records WHERE "actor_group" IS NOT NULL""")
    return [(row[0], row[1]) for row in rows]


def thread(db: sqlite3.Connection, record_id: int) -> list[ThreadEntry]:
    """A commitment, its restatements, and the approvals and accusations linked to any of them, by date."""
    root = _item(db, record_id)
    if root.record.kind != "commitment":
        targets = [row["commitment_id"] for row in db.execute(
            "SELECT commitment_id FROM links WHERE source_id = ? ORDER BY score DESC", (record_id,))]
        hint = f"; it links to commitment #{targets[0]}" if targets else ""
        raise LedgerError(f"#{record_id} is not a commitment but a record of kind {root.record.kind}{hint}")
    commitments = {root.id: root}
    reasons: dict[int, tuple[float, str]] = {}  # record id -> its best link into the thread
    pending = [root.id]
    while pending:
        current = pending.pop()
        rows = db.execute(
            """SELECT links.*, s."kind" AS source_kind FROM links JOIN records AS s ON s.id = links.source_id
               WHERE links.commitment_id = :id OR (links.source_id = :id AND s."kind" = 'commitment')""",
            {"id": current},
        ).fetchall()
        for row in rows:
            source, promised = row["source_id"], row["commitment_id"]
            if source != current and row["score"] > reasons.get(source, (float("-inf"), ""))[0]:
                reasons[source] = (row["score"], row["reason"])
            other = source if promised == current else promised
            if row["source_kind"] == "commitment" and other not in commitments:
                commitments[other] = _item(db, other)
                pending.append(other)
    sources = [_item(db, i) for i in reasons if i not in commitments]
    ordered = sorted([*commitments.values(), *sources], key=_date_order)
    first = next(item for item in ordered if item.record.kind == "commitment")
    entries = []
    for item in ordered:
        if item is first:
            entries.append(ThreadEntry("made", item, None, None))
        else:
            score, reason = reasons.get(item.id, (None, None))
            entries.append(ThreadEntry(ROLES[item.record.kind], item, score, reason))
    return entries


def _item(db: sqlite3.Connection, record_id: int) -> Item:
    row = db.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise LedgerError(f"no record #{record_id} in the ledger")
    return item_from_row(row)


def _date_order(item: Item) -> tuple:
    return (item.dates is None, item.dates.start if item.dates else None, item.document_id, item.record.start)


def _link_notes(db: sqlite3.Connection, record_id: int) -> tuple[str, ...]:
    rows = db.execute(
        """SELECT links.*, s."kind" AS source_kind FROM links JOIN records AS s ON s.id = links.source_id
           WHERE links.source_id = :id OR links.commitment_id = :id ORDER BY links.score DESC""",
        {"id": record_id},
    )
    return tuple(
        f"-> #{row['commitment_id']} ({row['score']:.2f})" if row["source_id"] == record_id
        else f"<- #{row['source_id']} {_VERBS[row['source_kind']]}"
        for row in rows
    )
