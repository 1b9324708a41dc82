"""Ctrl-C in the first instant of a run, while Python still imports tracker: exit 130, one line, no traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _default_sigint() -> None:
    """As a terminal starts a command; a shell running tests in the background may have SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.15, 0.2, 0.25, 0.3])  # imports take about 0.15 s, the rules 0.1 s more
def test_ctrl_c_while_starting_exits_130_quietly(tmp_path: Path, delay: float):
    (tmp_path / "good.txt").write_text("The US accused China of dumping steel.\n")
    scan = subprocess.Popen([sys.executable, "-m", "tracker", "scan", str(tmp_path / "good.txt"), "-j", "2"],
                            env=ENV, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    time.sleep(delay)
    scan.send_signal(signal.SIGINT)
    _, stderr = scan.communicate(timeout=120)
    if scan.returncode == 0:
        pytest.skip("the scan was over before the signal came")
    assert scan.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.splitlines()[-1].startswith("tracker: interrupted (Ctrl-C)")
