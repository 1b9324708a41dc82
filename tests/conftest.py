"""Shared fixtures: the bundled rule set, as `tracker scan` loads it."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.rulefiles import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="session")
def actors_only() -> RuleSet:
    """Just the actor lexicon, word lists, kinds and cues: a context for matching patterns by hand."""
    return load_ruleset([RULES / "actors", RULES / "language", RULES / "kinds.yaml", RULES / "modality.yaml",
                         RULES / "macros.yaml"], defaults=False)
