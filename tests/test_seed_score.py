"""The seed article scores well against its gold records (../shared/eval)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "seed-gold.yaml"


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    if not SCORER.is_file() or not GOLD.is_file():
        pytest.skip(f"no scorer or gold records under {SHARED}")
    result = CliRunner().invoke(main, ["scan", str(REPO / "seeds"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    pred = tmp_path_factory.mktemp("seed") / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_prediction_is_scored(scores):
    assert scores["predictions"] > 0
    assert scores["ignored_predictions"] == 0


def test_who_whom_f1(scores):
    assert scores["levels"]["who-whom"]["all"]["f1"] >= 0.85


def test_explicit_recall(scores):
    assert scores["levels"]["who-whom"]["all"]["recall_explicit"] >= 0.95


def test_modality_accuracy(scores):
    assert scores["modality_accuracy"] >= 0.90


def test_content_overlap(scores):
    assert scores["content_f1"] >= 0.75
