"""Shared fixtures: the bundled rule set, built from explicit paths.

rules/links.yaml belongs to the ledger and is not a scanner rule file, so the
scanner's rule set is built from the scanner's own files here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.rules import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
SCANNER_RULE_PATHS = [RULES / name for name in (
    "claims.yaml", "accusations.yaml", "approvals.yaml", "commitments.yaml", "macros.yaml", "modality.yaml",
    "actors")]


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset(SCANNER_RULE_PATHS, defaults=False)


@pytest.fixture(scope="session")
def actors_only() -> RuleSet:
    """Just the actor lexicon and cues: a context for matching patterns by hand."""
    return load_ruleset([RULES / "actors", RULES / "modality.yaml", RULES / "macros.yaml"], defaults=False)
