"""The ledger under faults: a full disk, a damaged, read-only or locked file, an old ledger read by queries.

Faults are made for real where a test can (a page overwritten, a table
dropped, a lock held, SQLite's own page limit standing in for a full disk,
its query_only switch for a read-only file): the scan says so in one line,
stops storing, goes on printing, and exits 1; queries say so in one line.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import record

from tracker.cli import main
from tracker.ledger import store
from tracker.ledger.store import Ledger

ARTICLES = 40


@pytest.fixture(autouse=True)
def shared_rules(monkeypatch, ruleset):
    monkeypatch.setattr("tracker.cli.common.load_ruleset", lambda folders, defaults=True, explainable=False: ruleset)


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": n, "text": f"The US accused China of dumping steel in port {n}."}) + "\n"
                            for n in range(ARTICLES)))
    return path


def scan(*args: str):
    return CliRunner().invoke(main, ["scan", *args])


def stored(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def printed(result) -> int:
    return sum(1 for line in result.stdout.splitlines() if line.strip())


def after_open(monkeypatch, *statements: str) -> None:
    """Run `statements` on each ledger connection the scan opens (a fault SQLite makes itself)."""
    real = Ledger.__init__

    def opened(self, *args, **kwargs):
        real(self, *args, **kwargs)
        for statement in statements:
            self.connection.execute(statement)
    monkeypatch.setattr(Ledger, "__init__", opened)


def assert_storing_stopped(result, db: Path, meaning: str) -> None:
    assert result.exit_code == 1, result.stderr
    assert printed(result) == ARTICLES, "every document is still printed"
    lines = result.stderr.splitlines()
    assert any(meaning in line and "not stored in the ledger" in line for line in lines), result.stderr
    assert any("storing stopped after" in line for line in lines)
    assert "Traceback" not in result.output


def test_a_full_disk_stops_storing_and_the_scan_goes_on_printing(tmp_path: Path, dump: Path, monkeypatch):
    db = tmp_path / "full.db"
    Ledger(db).close()
    with closing(sqlite3.connect(db)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    after_open(monkeypatch, f"PRAGMA max_page_count = {pages + 3}")
    result = scan(str(dump), "-f", "jsonl", "--ledger", str(db))
    assert_storing_stopped(result, db, "the disk is full")
    assert 0 < stored(db) < ARTICLES, "what was stored before the disk filled is kept, whole"


def test_a_read_only_ledger_stops_storing(tmp_path: Path, dump: Path, monkeypatch):
    db = tmp_path / "ro.db"
    Ledger(db).close()
    after_open(monkeypatch, "PRAGMA query_only = ON")
    assert_storing_stopped(scan(str(dump), "-f", "jsonl", "--ledger", str(db)), db, "cannot be written")
    assert stored(db) == 0


def test_a_dropped_table_is_a_damaged_ledger(tmp_path: Path, dump: Path):
    db = tmp_path / "dropped.db"
    Ledger(db).close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP TABLE records")
    assert_storing_stopped(scan(str(dump), "-f", "jsonl", "--ledger", str(db)), db, "damaged")


def test_a_lock_held_past_the_timeout_stops_storing(tmp_path: Path, dump: Path, monkeypatch):
    db = tmp_path / "locked.db"
    Ledger(db).close()
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.2)
    with closing(sqlite3.connect(db, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        result = scan(str(dump), "-f", "jsonl", "--ledger", str(db))
        holder.execute("ROLLBACK")
    assert_storing_stopped(result, db, "locked by another process")


def damaged_ledger(tmp_path: Path, ruleset, offset: int = 100) -> Path:
    db = tmp_path / "damaged.db"
    with Ledger(db, ruleset.links, ruleset.time) as ledger:
        for n in range(200):
            text = f"The US accused China of dumping steel in port {n}."
            ledger.add_document(f"{n}.txt", text, None, [record(f"{n}.txt", text, "accusation", "United States",
                                                                 "dumping steel " * 20, target="China")])
    data = bytearray(db.read_bytes())
    for at in range(4096 * 3, len(data), 4096 * 2):  # every other page past the schema's: scrambled
        data[at + offset:at + offset + 200] = b"\xff" * 200
    db.write_bytes(bytes(data))
    return db


@pytest.mark.parametrize("command", ["summary", "commitments", "accusations"])
def test_queries_on_a_damaged_ledger_say_so_in_one_line(tmp_path: Path, command: str, ruleset):
    db = damaged_ledger(tmp_path, ruleset)
    result = CliRunner().invoke(main, ["ledger", command, "--ledger", str(db)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    assert str(db) in result.stderr and "damaged" in result.stderr


def test_a_damage_found_in_many_places_is_told_in_one_line(tmp_path: Path, ruleset):
    """SQLite's check gives several findings in one row, a line each ("*** in
    database main ***", "On tree page 8 cell 199: ..."): the message joins them."""
    db = damaged_ledger(tmp_path, ruleset, offset=320)
    with closing(sqlite3.connect(db)) as raw:
        assert any("\n" in row[0] for row in raw.execute("PRAGMA quick_check(3)"))
    with Ledger(db, ruleset.links, ruleset.time) as ledger:
        found = ledger.damage()
    assert found is not None and "\n" not in found and "On tree page" in found


def ledger_with_a_null_actor(tmp_path: Path, ruleset) -> Path:
    """A row the schema forbids, as a scrambled page can leave one: the table's
    NOT NULL is lifted in the stored schema, a NULL actor written, the schema put back."""
    db = tmp_path / "null-actor.db"
    with Ledger(db, ruleset.links, ruleset.time) as ledger:
        for n in range(3):
            text = f"The US accused China of dumping steel in port {n}."
            ledger.add_document(f"{n}.txt", text, None, [record(f"{n}.txt", text, "accusation", "United States",
                                                                 "dumping steel", target="China")])
    with closing(sqlite3.connect(db, isolation_level=None)) as raw:
        schema = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'records'").fetchone()[0]
        loose = schema.replace('"actor" TEXT NOT NULL', '"actor" TEXT')
        assert loose != schema
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'records'", (loose,))
        raw.execute("PRAGMA writable_schema = RESET")
        raw.execute('UPDATE records SET "actor" = NULL WHERE id = 2')
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'records'", (schema,))
    return db


def test_a_row_the_schema_forbids_is_damage_in_one_line(tmp_path: Path, ruleset):
    """The summary sorts actors by name: a NULL one is no bug of the query but damage to say."""
    db = ledger_with_a_null_actor(tmp_path, ruleset)
    result = CliRunner().invoke(main, ["ledger", "summary", "--ledger", str(db)])
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    assert str(db) in result.stderr and "damaged" in result.stderr and "NULL" in result.stderr


def test_text_that_is_no_utf8_in_a_ledger_is_read_replaced(tmp_path: Path, ruleset):
    db = tmp_path / "bytes.db"
    with Ledger(db, ruleset.links, ruleset.time) as ledger:
        text = "The US accused China of dumping steel."
        ledger.add_document("a.txt", text, None, [record("a.txt", text, "accusation", "United States", "dumping")])
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE records SET \"actor\" = CAST(X'55ff53' AS TEXT)")
        conn.commit()
    result = CliRunner().invoke(main, ["ledger", "summary", "--ledger", str(db), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actor"] == "U\ufffdS"


def first_version_ledger(path: Path) -> None:
    """A ledger as the first tracker wrote it: schema version 1, SQLite's default rollback journal."""
    with closing(sqlite3.connect(path)) as db:
        for statement in store.MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO documents (name, hash, date) VALUES ('a.txt', 'x', NULL)")
        db.execute("""INSERT INTO records (document_id, "doc", "sentence", "start", "end", "kind", "actor",
                      "actor_text", "content", "modality", "rule", "line")
                      VALUES (1, 'a.txt', 'Japan promised to help.', 0, 23, 'commitment', 'Japan', 'Japan',
                              'to help', 'asserted', 'commitments/promise', 3)""")
        db.execute("PRAGMA user_version = 1")
        db.commit()


@pytest.mark.parametrize("command", [["ledger", "summary"], ["ledger", "commitments"], ["ledger", "actor", "Japan"],
                                     ["report"]])
def test_read_only_queries_never_migrate_nor_change_the_journal_mode(tmp_path: Path, command: list[str]):
    """An older tracker must still open a ledger a newer one only read."""
    db = tmp_path / "v1.db"
    first_version_ledger(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    args = [*command, "--ledger", str(db)] + (["-o", str(tmp_path / "r.html")] if command == ["report"] else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (tmp_path / "v1.db-wal").exists()


def test_a_query_opens_the_ledger_read_only(tmp_path: Path, monkeypatch):
    """`mode=ro`: what lets a ledger on read-only media be read (SQLite would otherwise open it for writing)."""
    db = tmp_path / "v1.db"
    first_version_ledger(db)
    opened: list[str] = []
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        opened.append(str(target))
        return real(target, *args, **kwargs)
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert CliRunner().invoke(main, ["ledger", "summary", "--ledger", str(db)]).exit_code == 0
    assert opened and all(target.startswith("file:") and target.endswith("?mode=ro") for target in opened)
