"""The ledger store: identity by content, replacement, dates, migrations, and crash/concurrency safety."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import record, write

from tracker.cli import main
from tracker.ledger import store
from tracker.ledger.store import Ledger, LedgerError, item_from_row, record_dates
from tracker.ledger.timeexpr import DateRange
from tracker.records import Record
from tracker.rulefiles import load_ruleset

BUNDLED = load_ruleset()


def writable(path: Path) -> Ledger:
    """A ledger that links and dates with the bundled rules, as `tracker scan --ledger` opens it."""
    return Ledger(path, BUNDLED.links, BUNDLED.time)


GENEVA_TEXT = ("Date: 2025-05-14\n\n"
               "China agreed in Geneva on Monday to ease restrictions on rare earth element exports.\n")
GENEVA_SENTENCE = "China agreed in Geneva on Monday to ease restrictions on rare earth element exports."
ACCUSATION_TEXT = (
    "Date: 2025-06-11\n\nThe US accused China of failing to honor its commitment made in Geneva "
    "to ease restrictions on rare earth element exports.\n"
)
ACCUSATION_SENTENCE = ACCUSATION_TEXT.split("\n\n")[1].strip()


def geneva_records(doc: str = "geneva.txt") -> list[Record]:
    return [record(doc, GENEVA_SENTENCE, "commitment", "China", "ease restrictions on rare earth element exports",
                   target="United States", target_text="US", when="on Monday")]


def accusation_records(doc: str = "accusation.txt") -> list[Record]:
    return [
        record(doc, ACCUSATION_SENTENCE, "accusation", "United States",
               "failing to honor its commitment made in Geneva to ease restrictions on rare earth element exports",
               actor_text="The US", target="China", target_text="China"),
        record(doc, ACCUSATION_SENTENCE, "commitment", "China", "ease restrictions on rare earth element exports",
               when="in Geneva", rule="test/referred"),
    ]


def count(ledger: Ledger, table: str) -> int:
    return ledger.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def ledger(tmp_path: Path):
    with writable(tmp_path / "news.db") as opened:
        yield opened


def test_records_round_trip_unchanged(ledger: Ledger):
    records = geneva_records()
    assert ledger.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", records) is True
    stored = [item_from_row(row).record for row in ledger.connection.execute("SELECT * FROM records")]
    assert stored == records


def test_scanning_the_same_content_again_adds_nothing(ledger: Ledger):
    ledger.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())
    assert ledger.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records()) is False
    assert ledger.add_document("copy/geneva.txt", GENEVA_TEXT, None, geneva_records("copy/geneva.txt")) is False
    assert (count(ledger, "documents"), count(ledger, "records")) == (1, 1)


def test_changed_file_replaces_its_old_records_and_links(ledger: Ledger):
    ledger.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())
    ledger.add_document("accusation.txt", ACCUSATION_TEXT, "2025-06-11", accusation_records())
    assert count(ledger, "links") == 1

    edited = GENEVA_TEXT.replace("rare earth element exports", "soybean imports")
    soybeans = [record("geneva.txt", GENEVA_SENTENCE.replace("rare earth element exports", "soybean imports"),
                       "commitment", "China", "ease restrictions on soybean imports", when="on Monday")]
    assert ledger.add_document("geneva.txt", edited, "2025-05-14", soybeans) is True

    contents = [row[0] for row in ledger.connection.execute(
        "SELECT content FROM records JOIN documents ON documents.id = document_id WHERE name = 'geneva.txt'")]
    assert contents == ["ease restrictions on soybean imports"]
    assert count(ledger, "documents") == 2
    # the accusation is re-linked against what the edited document now says: Geneva, ease, restriction
    (reason,) = [row[0] for row in ledger.connection.execute("SELECT reason FROM links")]
    assert "Geneva" in reason and "rare" not in reason


def test_links_do_not_depend_on_scan_order(tmp_path: Path):
    def links(order):
        with writable(tmp_path / f"{'-'.join(order)}.db") as opened:
            for name in order:
                text, day, records = {
                    "geneva": (GENEVA_TEXT, "2025-05-14", geneva_records()),
                    "accusation": (ACCUSATION_TEXT, "2025-06-11", accusation_records()),
                }[name]
                opened.add_document(name, text, day, records)
            return sorted(tuple(row) for row in opened.connection.execute(
                """SELECT s.content, c.content, links.reason FROM links
                   JOIN records s ON s.id = source_id JOIN records c ON c.id = commitment_id"""))

    forward = links(["geneva", "accusation"])
    assert len(forward) == 1
    assert links(["accusation", "geneva"]) == forward


def test_record_dates_resolve_when_against_the_document_date(ledger: Ledger):
    ledger.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())  # "on Monday" of a Wednesday
    ledger.add_document("accusation.txt", ACCUSATION_TEXT, "2025-06-11", accusation_records())
    rows = ledger.connection.execute('SELECT "when", date_start, date_end FROM records ORDER BY id').fetchall()
    assert [tuple(row) for row in rows] == [
        ("on Monday", "2025-05-12", "2025-05-12"),
        (None, "2025-06-11", "2025-06-11"),         # no when: the document date
        ("in Geneva", "2025-06-11", "2025-06-11"),  # not a time: the document date
    ]


def test_unknown_document_date_stays_unknown(ledger: Ledger, tmp_path: Path):
    ledger.add_document("geneva.txt", GENEVA_TEXT, None, geneva_records())
    assert ledger.connection.execute("SELECT date FROM documents").fetchone()[0] is None
    assert ledger.connection.execute("SELECT date_start FROM records").fetchone()[0] is None


def test_bad_document_date_is_refused(ledger: Ledger):
    with pytest.raises(LedgerError, match="not an ISO date"):
        ledger.add_document("geneva.txt", GENEVA_TEXT, "14/05/2025", geneva_records())
    assert count(ledger, "documents") == 0


def test_new_ledger_is_at_the_latest_schema_in_wal_mode(tmp_path: Path):
    with Ledger(tmp_path / "new.db") as opened:
        db = opened.connection
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "records", "links"} <= tables


def test_migrations_run_in_order_from_the_version_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "old.db"
    with writable(path) as opened:
        opened.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())
    later = ("ALTER TABLE documents ADD COLUMN source TEXT", "UPDATE documents SET source = 'scan'")
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, later])
    with Ledger(path) as opened:
        db = opened.connection
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
        assert [tuple(row) for row in db.execute("SELECT name, source FROM documents")] == [("geneva.txt", "scan")]
        assert count(opened, "records") == 1


def test_a_first_version_ledger_gains_actor_roles_and_keeps_its_records(tmp_path: Path):
    path = tmp_path / "v1.db"
    with closing(sqlite3.connect(path)) as db:
        for statement in store.MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.commit()
    with writable(path) as opened:
        opened.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())
        opened.add_document("briefing.txt", "Commerce Secretary Howard Lutnick said it will hold.\n", None,
                            [record("briefing.txt", "Commerce Secretary Howard Lutnick said it will hold.", "claim",
                                    "Howard Lutnick", "it will hold", actor_role="Commerce Secretary")])
        db = opened.connection
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
        roles = dict(db.execute('SELECT "actor", "actor_role" FROM records'))
    assert roles == {"China": None, "Howard Lutnick": "Commerce Secretary"}


def test_ledger_from_a_newer_tracker_is_refused(tmp_path: Path):
    path = tmp_path / "future.db"
    Ledger(path).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 1}")
    with pytest.raises(LedgerError, match="newer than this tracker"):
        Ledger(path)


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(LedgerError, match="not a usable ledger"):
        Ledger(path)


WRITER = textwrap.dedent("""
    import sys
    from tracker.ledger.store import Ledger
    from tracker.records import Record
    from tracker.rulefiles import load_ruleset

    path, prefix, documents = sys.argv[1], sys.argv[2], int(sys.argv[3])
    actors = ["China", "United States", "Japan"]
    rules = load_ruleset()
    with Ledger(path, rules.links, rules.time) as ledger:
        number = 0
        while documents == 0 or number < documents:
            size = 5 + number % 20
            text = f"records: {size}\\n{prefix} document {number}"
            records = []
            for i in range(size):
                sentence = f"{actors[i % 3]} pledged in Geneva to cut tariff number {i} of {prefix} {number}."
                kind = "commitment" if i % 3 else "accusation"
                content = (f"cut tariff number {i}" if kind == "commitment"
                           else f"breaking its Geneva pledge to cut tariff number {i - 1}")
                records.append(Record(
                    doc=f"{prefix}-{number}.txt", sentence=sentence, start=i * 80, end=i * 80 + len(sentence),
                    kind=kind, actor=actors[i % 3], actor_text=actors[i % 3], actor_group=None,
                    target=actors[(i + 1) % 3] if kind == "accusation" else None, target_text=None,
                    content=content, speaker=None, modality="asserted", condition=None,
                    when="last week", rule="test/writer", line=i + 1))
            ledger.add_document(f"{prefix}-{number}.txt", text, f"2025-06-{1 + number % 28:02d}", records)
            number += 1
""")


def run_writer(tmp_path: Path, db: Path, prefix: str, documents: int) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    return subprocess.Popen([sys.executable, str(script), str(db), prefix, str(documents)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_consistent(db: Path) -> int:
    """Integrity holds and every stored document has exactly the records it was written with."""
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        documents = connection.execute(
            "SELECT documents.id, documents.name, "
            "(SELECT count(*) FROM records WHERE document_id = documents.id) FROM documents").fetchall()
        for _, name, stored in documents:
            expected = int(name.split("-")[1].split(".")[0]) % 20 + 5
            assert stored == expected, name
    return len(documents)


def documents_in(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as probe:
            return probe.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_scan_killed_midway_leaves_only_whole_documents(tmp_path: Path):
    db = tmp_path / "killed.db"
    with run_writer(tmp_path, db, "kill", 0) as writer:  # writes until killed
        try:
            deadline = time.monotonic() + 60
            while writer.poll() is None and time.monotonic() < deadline and documents_in(db) < 15:
                time.sleep(0.2)
            assert writer.poll() is None, writer.stderr.read()
            os.kill(writer.pid, signal.SIGKILL)
        finally:
            writer.kill()
    assert writer.returncode == -signal.SIGKILL
    stored = assert_consistent(db)
    assert stored >= 15
    with writable(db) as reopened:  # and the ledger takes more documents afterwards
        assert reopened.add_document("after.txt", GENEVA_TEXT, "2025-05-14", geneva_records("after.txt"))
        assert count(reopened, "documents") == stored + 1


def test_two_scans_at_once_neither_corrupt_nor_fail(tmp_path: Path):
    db = tmp_path / "shared.db"
    writers = [run_writer(tmp_path, db, prefix, 30) for prefix in ("alpha", "beta")]
    for writer in writers:
        with writer:
            _, errors = writer.communicate(timeout=240)
        assert writer.returncode == 0, errors
    assert assert_consistent(db) == 60


def test_a_promise_for_later_is_dated_when_it_was_made(ledger: Ledger):
    sentence = "China said it will lift the curbs next month."
    later = [record("later.txt", sentence, "commitment", "China", "lift the curbs", when="next month")]
    ledger.add_document("later.txt", "Date: 2025-06-11\n\n" + sentence, "2025-06-11", later)
    assert tuple(ledger.connection.execute("SELECT date_start, date_end FROM records").fetchone()) == (
        "2025-06-11", "2025-06-11")


WEDNESDAY = date(2025, 6, 11)


@pytest.mark.parametrize("when, start, end", [
    ("since Monday", "2025-06-09", "2025-06-11"),
    ("earlier this week", "2025-06-09", "2025-06-11"),
    ("this week", "2025-06-09", "2025-06-11"),        # nothing reported happened after the document date
    ("later this year", "2025-06-11", "2025-06-11"),  # the promised act's time, not the promise's
    ("until June 20", "2025-06-11", "2025-06-11"),
    ("three weeks ago", "2025-05-19", "2025-05-25"),
])
def test_record_dates_stop_at_the_document_date(when: str, start: str, end: str):
    assert record_dates(when, WEDNESDAY, BUNDLED.time) == DateRange(date.fromisoformat(start), date.fromisoformat(end))


def test_record_dates_use_the_loaded_time_vocabulary(tmp_path: Path):
    mine = load_ruleset([write(tmp_path / "mine" / "time.yaml", """
        time:
          spans:
            fortnight: {unit: days, length: 14, start: 1}
          periods: {fortnight: fortnight}
        """)])
    assert record_dates("last fortnight", WEDNESDAY, BUNDLED.time) == DateRange(WEDNESDAY, WEDNESDAY)
    assert record_dates("last fortnight", WEDNESDAY, mine.time) == DateRange(date(2025, 5, 26), date(2025, 6, 8))
    with Ledger(tmp_path / "news.db", mine.links, mine.time) as opened:
        sentence = "China agreed last fortnight to ease export curbs."
        opened.add_document("a.txt", sentence, "2025-06-11", [
            record("a.txt", sentence, "commitment", "China", "ease export curbs", when="last fortnight")])
        assert tuple(opened.connection.execute("SELECT date_start, date_end FROM records").fetchone()) == (
            "2025-05-26", "2025-06-08")


def test_a_broken_link_rule_file_stops_the_scan_before_the_ledger_opens(tmp_path: Path):
    broken = write(tmp_path / "mine" / "links.yaml", "links:\n  threshold: high\n")
    article = write(tmp_path / "news" / "a.txt", "China agreed on Monday to ease export curbs.\n")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["scan", str(article), "--rules", str(broken.parent), "--ledger", str(db)])
    assert result.exit_code == 2
    assert result.stderr == f"{broken}:2:14: error: links.threshold: 'high' is not of type 'number'\n"
    assert not db.exists()


def test_a_scan_without_link_rules_cannot_fill_a_ledger(tmp_path: Path):
    rules = write(tmp_path / "mine" / "claims.yaml", 'kind: claim\nrules:\n  - id: said\n    pattern: "{actor} said"\n')
    article = write(tmp_path / "a.txt", "China said so.\n")
    result = CliRunner().invoke(main, ["scan", str(article), "--no-default-rules", "--rules", str(rules.parent),
                                       "--ledger", str(tmp_path / "news.db")])
    assert result.exit_code == 2
    assert "--ledger needs link rules, and no `links:` file was loaded" in result.stderr


def test_a_ledger_opened_for_reading_adds_nothing(tmp_path: Path):
    writable(tmp_path / "news.db").close()
    with Ledger(tmp_path / "news.db") as reading:
        with pytest.raises(LedgerError, match="opened for reading"):
            reading.add_document("geneva.txt", GENEVA_TEXT, "2025-05-14", geneva_records())
        assert count(reading, "documents") == 0


def test_opening_waits_for_another_process_holding_a_new_ledger(tmp_path: Path):
    """SQLite runs no busy handler when switching to WAL; scans opening one new ledger at once must not fail."""
    path = tmp_path / "new.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as creator:
        creator.execute("CREATE TABLE other_process_was_here (x)")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM other_process_was_here").fetchone()  # a reader mid-transaction
    release = threading.Timer(0.5, holder.execute, ["COMMIT"])
    release.start()
    try:
        with Ledger(path) as opened:
            assert opened.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.join()
        holder.close()
