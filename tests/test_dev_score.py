"""The development sets' scores (../shared): what the rules reach on real news.

The floors are the scores reached so far, rounded down: a change that loses
recall or precision on real stories fails here, and each gain raises a
floor (tools/dev_score.py prints the full tables).  The shared scorers do
the scoring; these tests skip where ../shared is absent.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "dev_score.py"

# who-whom F1 floors per kind, and for all kinds with their precision
FLOORS = {"commitment": 0.65, "accusation": 0.64, "approval": 0.66, "claim": 0.88, "all": 0.76}
PRECISION_FLOOR = 0.91
CONTENT_FLOOR, MODALITY_FLOOR = 0.845, 0.98
POLNEAR_SOURCE_FLOOR, POLNEAR_PRECISION_FLOOR = 0.80, 0.97


def _tool():
    spec = importlib.util.spec_from_file_location("dev_score", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.DEV.is_dir():
        pytest.skip(f"no development set at {module.DEV}")
    return module


@pytest.fixture(scope="module")
def dev(tmp_path_factory) -> dict:
    return json.loads(_tool().dev_scores(tmp_path_factory.mktemp("dev"), "--json"))


@pytest.fixture(scope="module")
def polnear(tmp_path_factory) -> dict[str, float]:
    tool = _tool()
    if not tool.POLNEAR.is_dir():
        pytest.skip(f"no PolNeAR dev split at {tool.POLNEAR}")
    line = tool.polnear_scores(tmp_path_factory.mktemp("pn"))
    found = re.search(r"with source ([\d.]+); lenient precision ([\d.]+)", line)
    assert found, line
    return {"with_source": float(found[1]), "precision": float(found[2])}


@pytest.mark.parametrize("kind", FLOORS)
def test_who_whom_f1_holds_its_floor(dev, kind):
    assert dev["levels"]["who-whom"][kind]["f1"] >= FLOORS[kind]


def test_precision_holds_its_floor(dev):
    assert dev["levels"]["who-whom"]["all"]["precision"] >= PRECISION_FLOOR


def test_content_and_modality_hold_their_floors(dev):
    assert dev["content_f1"] >= CONTENT_FLOOR
    assert dev["modality_accuracy"] >= MODALITY_FLOOR


def test_polnear_attributions_found_with_their_source(polnear):
    assert polnear["with_source"] >= POLNEAR_SOURCE_FLOOR
    assert polnear["precision"] >= POLNEAR_PRECISION_FLOOR
