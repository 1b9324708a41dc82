"""Where the output goes fails: a closed stdout, a full device, a reader that leaves (`| head -1`).

Real processes, as a shell starts them: one line on stderr and a clear exit
code, never a traceback, and with --ledger every document still stored.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
TRACKER = [sys.executable, "-m", "tracker", "scan"]
GOOD = "The US accused China of dumping steel.\n"


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("news") / "news.jsonl"
    path.write_text("".join(json.dumps({"id": n, "text": f"The US accused China of dumping steel in port {n}."})
                            + "\n" for n in range(600)))
    return path


def test_a_closed_stdout_is_one_line_and_exit_2(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD)
    done = subprocess.run(["sh", "-c", '"$@" >&-', "sh", *TRACKER, str(tmp_path / "good.txt"), "-f", "jsonl"],
                          env=ENV, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["Error: standard output is closed, so nothing could be printed; redirect it "
                                        "(> FILE) or give -o FILE"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "simple"])
def test_a_full_device_is_one_line_and_exit_1(tmp_path: Path, fmt: str):
    (tmp_path / "good.txt").write_text(GOOD)
    with open("/dev/full", "w") as full:
        done = subprocess.run([*TRACKER, str(tmp_path / "good.txt"), "-f", fmt], env=ENV, stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["tracker: cannot write the output: No space left on device"]


def test_head_with_a_ledger_still_stores_every_document(tmp_path: Path, dump: Path):
    db = tmp_path / "h.db"
    scan = subprocess.Popen([*TRACKER, str(dump), "-f", "jsonl", "--ledger", str(db)], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert scan.stdout.readline()
    scan.stdout.close()  # what `head -1` does after its line
    stderr = scan.stderr.read()
    assert scan.wait() == 0, stderr
    assert stderr.splitlines() == ["tracker: the output's reader closed it; every document was still scanned and "
                                   "stored in the ledger"]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 600


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_ledger_queries_and_explain_on_a_full_device_are_one_line_and_exit_1(tmp_path: Path, ruleset):
    from helpers import record

    from tracker.ledger.store import Ledger

    db = tmp_path / "story.db"
    with Ledger(db, ruleset.links, ruleset.time) as ledger:
        ledger.add_document("a.txt", GOOD, None, [record("a.txt", GOOD.strip(), "accusation", "United States",
                                                         "dumping steel")])
    for command in (["ledger", "summary", "--ledger", str(db)], ["explain", GOOD.strip()]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "tracker", *command], env=ENV, stdout=full,
                                  stderr=subprocess.PIPE, text=True)
        assert done.returncode == 1, done.stderr
        assert done.stderr.splitlines() == ["tracker: cannot write the output: No space left on device"]
