"""A scan as a person at a terminal runs it, in a real process: the progress line, and Ctrl-C."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "seeds" / "us-china-london-framework.txt").read_text(encoding="utf-8")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough stories that a scan runs for a while: the seed article, each copy told apart."""
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(150):
        (folder / f"story-{n:03}.txt").write_text(f"{SEED}\nStory {n}.\n", encoding="utf-8")
    return folder


def tracker(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tracker", *args], env=ENV, cwd=REPO, **kwargs)


def wait_for(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the scan never got that far")
        time.sleep(0.1)


def stored_documents(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        with sqlite3.connect(ledger, timeout=5) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet
        return 0


def test_ctrl_c_with_workers_keeps_json_lines_and_ledger_and_prints_no_noise(corpus: Path, tmp_path: Path):
    out, ledger = tmp_path / "found.jsonl", tmp_path / "story.db"
    scan = tracker("scan", str(corpus), "-f", "jsonl", "-o", str(out), "--ledger", str(ledger), "-j", "2",
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_for(lambda: stored_documents(ledger) >= 2 or scan.poll() is not None)
    os.killpg(scan.pid, signal.SIGINT)  # as a terminal sends it: to the scan and its workers
    stdout, stderr = scan.communicate(timeout=120)
    assert scan.returncode == 130, stderr
    assert "interrupted (Ctrl-C)" in stderr
    for noise in ("Aborted!", "Traceback", "ForkPoolWorker", "KeyboardInterrupt"):
        assert noise not in stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    written = Counter(json.loads(line)["doc"] for line in lines)  # every line is a whole record
    with sqlite3.connect(ledger) as db:
        stored = dict(db.execute("SELECT d.name, count(r.id) FROM documents AS d LEFT JOIN records AS r "
                                 "ON r.document_id = d.id GROUP BY d.id").fetchall())
    assert 2 <= len(stored) < 150, "stopped midway"
    for name, count in stored.items():
        assert written[name] == count, "each stored document is stored whole, as it was written"


def test_ctrl_c_prints_the_tables_of_what_was_scanned_with_a_note(corpus: Path, tmp_path: Path):
    ledger = tmp_path / "story.db"
    scan = tracker("scan", str(corpus), "--ledger", str(ledger), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                   text=True)
    wait_for(lambda: stored_documents(ledger) >= 2 or scan.poll() is not None)
    scan.send_signal(signal.SIGINT)
    stdout, stderr = scan.communicate(timeout=120)
    assert scan.returncode == 130, stderr
    assert stdout.startswith("Commitments (") and "Claims (" in stdout
    assert "interrupted (Ctrl-C): these are the records of the" in stdout.splitlines()[-1]
    assert "Aborted!" not in stderr and "Traceback" not in stderr
    scanned = {line.split()[-1].split(":")[0] for line in stdout.splitlines() if "story-" in line}
    assert 2 <= len(scanned) < 150


def test_progress_is_drawn_on_a_terminal(corpus: Path, tmp_path: Path):
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a new pty has no size
    scan = tracker("scan", str(corpus), "-f", "jsonl", "-o", str(tmp_path / "found.jsonl"), "-j", "2",
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the scan closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    assert scan.wait(timeout=60) == 0
    text = seen.decode("utf-8", "replace")
    assert "scanning: " in text and " documents [" in text and "sentences/s" in text
    assert "records" in text and "0 failed" in text
    assert "scanning: 150 documents" not in text.replace("\r", "\n").splitlines()[-1], "cleared at the end"


def test_no_progress_when_stderr_is_not_a_terminal(corpus: Path, tmp_path: Path):
    scan = tracker("scan", str(corpus), "-f", "jsonl", "-o", str(tmp_path / "found.jsonl"), "-j", "2",
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = scan.communicate(timeout=600)
    assert scan.returncode == 0
    assert stdout == "" and stderr == ""
