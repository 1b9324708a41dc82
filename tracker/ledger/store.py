"""The ledger's SQLite store: documents, their records, and the links between records.

A story is followed over weeks of scans, so the store must survive being
scanned twice (documents are identified by content hash), files being edited
(a new hash under the same name replaces the old document), scans killed
midway (one transaction per document) and scans run side by side (WAL with a
busy timeout, writes taking the lock up front).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from urllib.parse import quote

from tracker.ledger.faults import LedgerError, LedgerFault, fault
from tracker.ledger.links import (
    Item,
    Link,
    LinkRules,
    commitment_parties,
    links_for,
    may_link,
    most_plausible,
    source_parties,
)
from tracker.ledger.timeexpr import DateRange, Vocabulary, resolve
from tracker.records import Record

BUSY_TIMEOUT_SECONDS = 60.0

# The Record fields stored, in schema order; "when", "start" and "end" are SQL
# keywords, hence the quoting wherever columns are named.
RECORD_COLUMNS = (
    "doc", "sentence", "start", "end", "kind", "actor", "actor_text", "actor_group", "target",
    "target_text", "content", "speaker", "modality", "condition", "when", "rule", "line", "actor_role",
)

_INSERT_RECORD = "INSERT INTO records (document_id, {}, date_start, date_end) VALUES ({})".format(
    ", ".join(f'"{c}"' for c in RECORD_COLUMNS), ", ".join("?" * (len(RECORD_COLUMNS) + 3)))

# MIGRATIONS[n] takes a ledger from schema version n to n + 1 (PRAGMA user_version).
# Append new steps; never edit a step that has shipped, ledgers in the wild depend on it.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,       -- the path as scanned
            hash TEXT NOT NULL UNIQUE,       -- sha256 of the decoded text: the document's identity
            date TEXT                        -- ISO date, NULL when unknown
        )""",
        """CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            "doc" TEXT NOT NULL,
            "sentence" TEXT NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            "kind" TEXT NOT NULL,
            "actor" TEXT NOT NULL COLLATE NOCASE,
            "actor_text" TEXT NOT NULL,
            "actor_group" TEXT COLLATE NOCASE,
            "target" TEXT COLLATE NOCASE,
            "target_text" TEXT,
            "content" TEXT NOT NULL,
            "speaker" TEXT,
            "modality" TEXT NOT NULL,
            "condition" TEXT,
            "when" TEXT,
            "rule" TEXT NOT NULL,
            "line" INTEGER NOT NULL,
            date_start TEXT,                 -- the days the record's act took place: its "when"
            date_end TEXT                    -- resolved, else the document date; NULL when unknown
        )""",
        "CREATE INDEX records_document ON records(document_id)",
        'CREATE INDEX records_actor ON records("actor", "kind")',
        'CREATE INDEX records_group ON records("actor_group", "kind")',
        'CREATE INDEX records_target ON records("target", "kind")',
        """CREATE TABLE links (
            source_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            commitment_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (source_id, commitment_id)
        )""",
        "CREATE INDEX links_commitment ON links(commitment_id)",
    ),
    (  # version 2: a person's title as the text gives it ("Commerce Secretary")
        'ALTER TABLE records ADD COLUMN "actor_role" TEXT',
    ),
]


__all__ = ["Ledger", "LedgerError", "LedgerFault", "item_from_row", "record_dates"]


class Ledger:
    """An open ledger file. Use as a context manager, or call ``close()``.

    Adding documents links and dates their records, with the link rules and
    the time vocabulary of the loaded rule set (`tracker scan --ledger` passes
    them); reading what is stored needs neither, since links and dates are
    stored with the records.

    `read_only` is for queries: the file is opened read-only (``mode=ro``),
    so that reading works on read-only media and never changes the file, not
    even its schema version or journal mode (an older tracker must still
    open it); an older ledger is read as it is, its missing columns empty.
    """

    def __init__(self, path: str | os.PathLike, links: LinkRules | None = None, time: Vocabulary | None = None,
                 *, read_only: bool = False):
        self.path = os.fspath(path)
        self.links, self.time = links, time
        self.read_only = read_only
        target = f"file:{quote(os.path.abspath(self.path))}?mode=ro" if read_only else self.path
        try:
            self._db = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, uri=read_only)
        except sqlite3.Error as error:
            raise LedgerError(f"{self.path}: cannot open ledger: {error}") from error
        self._db.row_factory = sqlite3.Row
        self._db.text_factory = _text  # a damaged page gives bytes that are no UTF-8
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            if read_only:
                self._check_version()
                return
            self._use_wal()
            self._db.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: a killed process loses nothing committed
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except (sqlite3.Error, LedgerError) as error:
            self._db.close()
            if isinstance(error, LedgerError):
                raise
            raise LedgerError(f"{self.path}: not a usable ledger: {error}") from error

    def damage(self) -> str | None:
        """What SQLite's integrity check finds wrong with the file, or None.

        A scrambled page can hold rows that read without an error yet break
        the schema (a NULL actor, a number for a date); a query that trips
        on one asks this whether the file is damaged or the query is wrong."""
        try:
            found = [row[0] for row in self._db.execute("PRAGMA quick_check(3)")]
        except sqlite3.Error as error:
            return str(error)
        # one row of the check can hold several findings, a line each: the message is one line
        return None if found == ["ok"] else "; ".join(line for row in found for line in row.splitlines())

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for read queries (tracker.ledger.queries)."""
        return self._db

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add_document(self, name: str, text: str, date: str | None, records: list[Record]) -> bool:
        """Store a document and its records in one transaction, then link them.

        Returns False, adding nothing, if a document with this content is already
        stored. A different content under the same name replaces that name's old
        document, its records and their links.
        """
        return self.add_hashed(name, text_hash(text), date, records)

    def add_hashed(self, name: str, digest: str, date: str | None, records: list[Record]) -> bool:
        """`add_document` for a document known by its hash (`text_hash`), not
        its text: `tracker ledger import` reads partitioned output, which
        carries each document's hash and records but not its text."""
        links, time = self.links, self.time
        if links is None or time is None:
            raise LedgerError(f"{self.path}: opened for reading: adding documents needs link rules and a time "
                              "vocabulary")
        doc_date = _parse_iso(date)
        try:
            with self._transaction():
                if self._db.execute("SELECT 1 FROM documents WHERE hash = ?", (digest,)).fetchone():
                    return False
                orphaned = self._remove(name)
                document_id = _row_id(self._db.execute(
                    "INSERT INTO documents (name, hash, date) VALUES (?, ?, ?)", (name, digest, date)))
                items = [self._insert(document_id, record, doc_date, time) for record in records]
                self._relink(items, orphaned, links)
        except sqlite3.Error as error:
            raise fault(self.path, error, BUSY_TIMEOUT_SECONDS) from error
        return True

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """A write transaction that takes the write lock up front.

        A deferred transaction that reads first fails at once with "database is
        locked" when another scan wrote meanwhile; IMMEDIATE waits its turn.
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:  # SQLite ends it itself on some errors (a full disk)
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _use_wal(self) -> None:
        """Switch the file to WAL, once: readers then never block the writer.

        The switch needs the file to itself and SQLite runs no busy handler for
        it, so when scans open a new ledger at once it is retried here; another
        process finishing the switch meanwhile counts as done.
        """
        deadline, pause = time.monotonic() + BUSY_TIMEOUT_SECONDS, 0.01
        while True:
            try:
                if self._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                    return
                if self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
                    return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            if time.monotonic() > deadline:
                raise LedgerError(f"{self.path}: cannot switch the ledger to WAL journal mode")
            time.sleep(pause)
            pause = min(2 * pause, 0.25)

    def _check_version(self) -> int:
        version = self._version()
        if version > len(MIGRATIONS):
            raise LedgerError(
                f"{self.path}: ledger schema version {version} is newer than this tracker "
                f"knows ({len(MIGRATIONS)}); upgrade tracker"
            )
        return version

    def _migrate(self) -> None:
        if self._version() == len(MIGRATIONS):
            return
        with self._transaction():  # re-read under the lock: another process may have migrated
            version = self._check_version()
            for number in range(version, len(MIGRATIONS)):
                for statement in MIGRATIONS[number]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    def _version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _remove(self, name: str) -> set[int]:
        """Delete the document stored under ``name``; return the records elsewhere that linked to it."""
        row = self._db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if row is None:
            return set()
        linked = self._db.execute(
            """SELECT links.source_id FROM links
               JOIN records AS c ON c.id = links.commitment_id
               JOIN records AS s ON s.id = links.source_id
               WHERE c.document_id = :doc AND s.document_id != :doc""",
            {"doc": row["id"]},
        )
        orphaned = {r["source_id"] for r in linked}
        self._db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
        return orphaned

    def _insert(self, document_id: int, record: Record, doc_date: date | None, time: Vocabulary) -> Item:
        dates = record_dates(record.when, doc_date, time)
        span = [dates.start.isoformat(), dates.end.isoformat()] if dates else [None, None]
        values = [document_id, *(getattr(record, c) for c in RECORD_COLUMNS), *span]
        return Item(_row_id(self._db.execute(_INSERT_RECORD, values)), document_id, record, dates)

    def _relink(self, new: list[Item], orphaned: set[int], rules: LinkRules) -> None:
        """Link the new document's records, and the older records it gives a better commitment.

        New records and those that linked into the replaced document are
        scored against all commitments of their parties. Older records are
        scored only against the new commitments and their best merged with the
        links they have, which selects the same as scoring everything again
        (see links.most_plausible), so linking does not depend on scan order.
        """
        candidates: dict[frozenset[str], list[Item]] = {}  # by party set: one query each
        for source in [item for item in new if may_link(item.record, rules)] + self._items_by_id(orphaned):
            theirs = frozenset(source_parties(source.record))
            if theirs not in candidates:
                candidates[theirs] = self._commitments_of(theirs)
            self._replace_links(source.id, links_for(source, candidates[theirs], rules))
        commitments = [item for item in new if item.record.kind == "commitment"]
        if not commitments:
            return
        parties: set[str] = set().union(*(commitment_parties(item.record) for item in commitments))
        for older in self._referrers(parties, commitments):
            if older.id in orphaned or not may_link(older.record, rules):
                continue  # orphans were scored against everything above
            fresh = links_for(older, commitments, rules)
            if fresh:
                self._replace_links(older.id, most_plausible(self._links_of(older.id) + fresh, rules))

    def _replace_links(self, source_id: int, links: list[Link]) -> None:
        self._db.execute("DELETE FROM links WHERE source_id = ?", (source_id,))
        self._db.executemany(
            "INSERT INTO links (source_id, commitment_id, score, reason) VALUES (?, ?, ?, ?)",
            [(link.source_id, link.commitment_id, link.score, link.reason) for link in links],
        )

    def _links_of(self, source_id: int) -> list[Link]:
        rows = self._db.execute("SELECT source_id, commitment_id, score, reason FROM links WHERE source_id = ?",
                                (source_id,))
        return [Link(*row) for row in rows]

    def _commitments_of(self, parties: frozenset[str]) -> list[Item]:
        if not parties:
            return []
        marks = ",".join("?" * len(parties))
        return self._items(
            f'"kind" = \'commitment\' AND ("actor" IN ({marks}) OR "actor_group" IN ({marks}))',
            [*parties, *parties],
        )

    def _referrers(self, parties: set[str], commitments: list[Item]) -> list[Item]:
        """Records of other documents that may refer to one of the new ``commitments``.

        Only what links.links_for could accept: their own parties (see
        links.source_parties) include one of ``parties``, and they are not
        dated before every new commitment. A commitment must be dated strictly
        after one, since the newest document is never the earlier of two
        undated restatements. Scanning a story in date order thus finds few.
        """
        marks = ",".join("?" * len(parties))
        first = min((item.dates.start.isoformat() for item in commitments if item.dates), default=None)
        undated = any(item.dates is None for item in commitments)
        return self._items(
            f"""document_id != ? AND (
                ((? OR date_end IS NULL OR date_end >= ?) AND (
                    ("kind" = 'accusation' AND "target" IN ({marks}))
                    OR ("kind" = 'approval' AND ("actor" IN ({marks}) OR "actor_group" IN ({marks})
                                                 OR "target" IN ({marks})))))
                OR ("kind" = 'commitment' AND date_start > ?
                    AND ("actor" IN ({marks}) OR "actor_group" IN ({marks}))))""",
            [commitments[0].document_id, undated, first, *list(parties) * 4, first, *list(parties) * 2],
        )

    def _items_by_id(self, ids: set[int]) -> list[Item]:
        return self._items(f"id IN ({','.join('?' * len(ids))})", list(ids)) if ids else []

    def _items(self, where: str, params: list) -> list[Item]:
        return [item_from_row(row) for row in self._db.execute(f"SELECT * FROM records WHERE {where}", params)]


def text_hash(text: str) -> str:
    """A document's identity in the ledger: the sha256 of its decoded text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record_dates(when: str | None, doc_date: date | None, time: Vocabulary) -> DateRange | None:
    """When a record's act was said or done: its ``when`` resolved with the time
    vocabulary, else the document date.

    What a document reports was said or done by its date: the days of a
    ``when`` after the document date are the promised act's ("will lift
    tariffs next month", "until June"), not the record's, so they are cut
    off, and a ``when`` wholly after it dates the record on the document date.
    """
    resolved = resolve(when, doc_date, time)
    if doc_date and (resolved is None or resolved.start > doc_date):
        return DateRange(doc_date, doc_date)
    if doc_date and resolved is not None and resolved.end > doc_date:
        return DateRange(resolved.start, doc_date)
    return resolved


def item_from_row(row: sqlite3.Row) -> Item:
    """A records row as the linker and the queries see it; columns a ledger read
    at an older schema version lacks are empty (None)."""
    dates = None
    if row["date_start"]:
        dates = DateRange(date.fromisoformat(row["date_start"]), date.fromisoformat(row["date_end"]))
    present = row.keys()
    values: dict[str, Any] = {c: row[c] if c in present else None for c in RECORD_COLUMNS}
    return Item(row["id"], row["document_id"], Record(**values), dates)


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _parse_iso(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise LedgerError(f"document date {value!r} is not an ISO date (YYYY-MM-DD)") from error


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (sqlite3 types it optional, for other statements)."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid
