"""The ledger under kill -9 and concurrent writers, fuzzed with seeded generators.

Each kill case starts `tracker scan DUMP --ledger DB` (one process or with
-j 2 workers), kills its whole process group with SIGKILL once a random
number of documents is stored, then checks the ledger: SQLite's
integrity_check passes, and every document is either stored with all its
records or absent.  A re-run must then complete it (exit 0, every document,
every record).  Each concurrent case runs 2-4 scans of overlapping dumps
into one ledger at once: all exit 0 and every document is stored once,
whole.  "Whole" is against a reference ledger the same scan built alone.

Bounded for CI (a few cases, a minute or two); TRACKER_FUZZ_LONG=1 runs
many more.  The counts are printed, and any non-zero failure count fails.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
LONG = os.environ.get("TRACKER_FUZZ_LONG") == "1"
KILL_CASES, CONCURRENT_CASES = (40, 12) if LONG else (3, 1)
SEED = 16
ARTICLES = 90

PARTIES = ["The US", "China", "Japan", "The EU", "Germany", "India", "Brazil", "Canada", "Mexico", "Korea"]
GOODS = ["steel", "rare earths", "chips", "soybeans", "wine", "solar panels", "cars", "beef"]
TEMPLATES = [
    "{a} accused {b} of dumping {g}.",
    "{a} agreed to ease restrictions on {g} exports to {b}.",
    "{a} promised {b} to lift tariffs on {g}.",
    "{a}'s parliament approved the {g} agreement with {b}.",
    "\"We will not accept cheap {g},\" officials of {a} said.",
    "Trade in {g} rose by {n} percent last year.",
]


def article(rng: random.Random, n: int) -> dict:
    sentences = []
    for _ in range(rng.randint(2, 7)):
        a, b = rng.sample(PARTIES, 2)
        sentences.append(rng.choice(TEMPLATES).format(a=a, b=b.lower() if b.startswith("The ") else b,
                                                      g=rng.choice(GOODS), n=rng.randint(2, 90)))
    return {"id": n, "date": f"2025-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}", "text": " ".join(sentences)}


def write_dump(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def scan(dump: Path, db: Path, jobs: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tracker", "scan", str(dump), "--ledger", str(db), "-f", "jsonl",
                             "-q", "-j", str(jobs)], env=ENV, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def contents(db: Path) -> tuple[str, dict[str, int]]:
    """The ledger's integrity check, and each stored document's number of records
    (none when the scan was killed before it made the tables)."""
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return check, {}
        counts = dict(conn.execute("SELECT d.name, count(r.id) FROM documents AS d LEFT JOIN records AS r "
                                   "ON r.document_id = d.id GROUP BY d.id").fetchall())
    return check, counts


def stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet
        return 0


@dataclass
class Counts:
    cases: int = 0
    kills: int = 0
    crashes: int = 0       # a traceback, or a process ended by a signal nobody sent
    wrong_exits: int = 0   # a run that should succeed did not exit 0
    damaged: int = 0       # integrity_check failed
    lost_records: int = 0  # a stored document without all its records, or one missing after a full run

    def failures(self) -> int:
        return self.crashes + self.wrong_exits + self.damaged + self.lost_records

    def __str__(self) -> str:
        return "ledger fuzz: " + ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self))


def finished(process: subprocess.Popen, counts: Counts, expect_exit: bool = True) -> None:
    _, stderr = process.communicate(timeout=600)
    if "Traceback" in stderr or (process.returncode < 0 and expect_exit):
        counts.crashes += 1
    elif expect_exit and process.returncode != 0:
        counts.wrong_exits += 1


def compare(db: Path, reference: dict[str, int], counts: Counts, complete: bool) -> None:
    """Every stored document has all its records; with `complete`, every document is stored."""
    check, found = contents(db)
    if check != "ok":
        counts.damaged += 1
    counts.lost_records += sum(abs(reference.get(name, 0) - n) for name, n in found.items() if n != reference.get(name))
    if complete:
        counts.lost_records += sum(n for name, n in reference.items() if name not in found)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """The generated dump, and each document's number of records when one scan stores it alone."""
    folder = tmp_path_factory.mktemp("ledger-fuzz")
    rng = random.Random(SEED)
    dump = write_dump(folder / "news.jsonl", [article(rng, n) for n in range(ARTICLES)])
    reference = folder / "reference.db"
    done = scan(dump, reference)
    _, stderr = done.communicate(timeout=600)
    assert done.returncode == 0, stderr
    check, counts = contents(reference)
    assert check == "ok" and len(counts) == ARTICLES
    return dump, counts


def test_kill_9_and_concurrent_writers_lose_nothing(corpus, tmp_path: Path, capsys):
    dump, reference = corpus
    rng = random.Random(SEED + 1)
    counts = Counts()
    for case in range(KILL_CASES):
        counts.cases += 1
        db = tmp_path / f"killed-{case}.db"
        writer = scan(dump, db, jobs=rng.choice([1, 2]))
        target, deadline = rng.randint(1, ARTICLES - 10), time.monotonic() + 300
        while stored(db) < target and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.01, 0.2))
        if writer.poll() is None:
            os.killpg(writer.pid, signal.SIGKILL)
            counts.kills += 1
        finished(writer, counts, expect_exit=False)
        compare(db, reference, counts, complete=False)
        rerun = scan(dump, db)  # completes what the killed scan left
        finished(rerun, counts)
        compare(db, reference, counts, complete=True)
    for case in range(CONCURRENT_CASES):
        counts.cases += 1
        db = tmp_path / f"concurrent-{case}.db"
        lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
        writers = []
        for n in range(rng.randint(2, 4)):  # overlapping parts of the dump, in their own order
            part = rng.sample(lines, rng.randint(ARTICLES // 3, ARTICLES))
            part_dump = tmp_path / f"part-{case}-{n}.jsonl"
            part_dump.write_text("".join(part), encoding="utf-8")
            writers.append((part_dump, scan(part_dump, db, jobs=rng.choice([1, 2]))))
        for _, writer in writers:
            finished(writer, counts)
        # The parts were all named news.jsonl#ID in the reference: compare by article id.
        check, found = contents(db)
        by_id = {name.rpartition("#")[2]: n for name, n in reference.items()}
        wanted = {json.loads(line)["id"] for part, _ in writers for line in part.read_text().splitlines()}
        if check != "ok":
            counts.damaged += 1
        stored_ids = {name.rpartition("#")[2]: n for name, n in found.items()}
        counts.lost_records += sum(by_id[str(i)] for i in wanted if str(i) not in stored_ids)
        counts.lost_records += sum(abs(by_id[i] - n) for i, n in stored_ids.items() if by_id[i] != n)
    with capsys.disabled():
        print(f"\n{counts}")
    assert counts.failures() == 0, str(counts)
