"""The benchmark's "ten times the rules" is only a measure of rule count if
its copies load and are other rules: a copy that fails to load stops the
bench, and a copy triggered by its original's words measures duplication."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tracker.rulefiles.load import load_ruleset

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "run.py"
_spec = importlib.util.spec_from_file_location("bench_run", SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_run"] = bench
_spec.loader.exec_module(bench)


def test_rule_copies_load_and_wait_for_other_words(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    written = bench.variant_rules(folder, copies=1)
    ruleset = load_ruleset([folder], defaults=False)
    originals = {r.id: r for r in load_ruleset().rules}
    copies = [r for r in ruleset.rules if r.id.endswith("-v1")]
    assert len(copies) == written and len(ruleset.rules) == len(originals) + written
    for copy in copies:
        original = originals[copy.id.replace("-v1/", "/").removesuffix("-v1")]
        assert copy.triggers != original.triggers, copy.id


def test_a_verb_form_stays_inside_the_copied_brackets() -> None:
    varied = bench._other_verbs("{actor} (@speech:past | <vote:past> on) {content:clause}", 0, 1)
    assert "@speech" not in varied and "<vote:past>" not in varied
    assert varied.count(":past>") == 2, varied
