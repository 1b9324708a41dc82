"""Scans stream: records are written as documents are read, and a reader that
goes away early (`| head`) ends the scan quietly."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLE = {"text": "The minister said that China agreed to ease export curbs."}
TRACKER = [sys.executable, "-m", "tracker", "scan"]


def _read_line_or_give_up(stream, seconds: float = 60) -> str:
    """One line from the stream; "" if none comes (the test then fails, not hangs)."""
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return found[0] if found else ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_records_come_out_before_the_input_ends(tmp_path: Path) -> None:
    fifo = tmp_path / "news.jsonl"
    os.mkfifo(fifo)
    scan = subprocess.Popen([*TRACKER, str(fifo), "--format", "jsonl"], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    with open(fifo, "w", encoding="utf-8") as feed:
        feed.write(json.dumps({"id": 1, **ARTICLE}) + "\n")
        feed.flush()
        first = _read_line_or_give_up(scan.stdout)  # the input is still open here
        feed.write(json.dumps({"id": 2, **ARTICLE}) + "\n")
    rest = scan.stdout.read()
    assert scan.wait() == 0
    assert json.loads(first)["doc"].endswith("#1")
    assert json.loads(rest.splitlines()[-1])["doc"].endswith("#2")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_closed_pipe_ends_the_scan_quietly(tmp_path: Path, fmt: str) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": n, **ARTICLE}) + "\n" for n in range(3000)), encoding="utf-8")
    scan = subprocess.Popen([*TRACKER, str(news), "--format", fmt], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert scan.stdout.readline()
    scan.stdout.close()  # what `head -1` does after its line
    stderr = scan.stderr.read()
    assert scan.wait() == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
