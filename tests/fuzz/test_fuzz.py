"""The fuzz suite: hostile documents and mutated rule sets through the command
line (tools/fuzz.py), and hypothesis over the same generators in process.

Bounded to a few minutes; TRACKER_FUZZ_LONG=1 runs many more cases.  Crashes
whose innermost tracker frame lies in files the per-document hardening is
changing (reader, scanning, output, ledger) are that work's, and mark the
document run as an expected failure until it lands; any other failure fails.
"""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import fuzz  # noqa: E402
from fuzzcases import hostile_document, mutated_rule_set  # noqa: E402

from tracker.extract import Extractor  # noqa: E402
from tracker.rulefiles import RuleError, load_ruleset  # noqa: E402
from tracker.rulefiles.yamlpos import YamlError, load  # noqa: E402

LONG = os.environ.get("TRACKER_FUZZ_LONG") == "1"
DOCS, RULE_SETS, EXAMPLES = (2_000, 400, 2_000) if LONG else (60, 12, 60)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _others_only(tally: fuzz.Tally) -> bool:
    """Every failure is a crash in the files the per-document hardening changes."""
    sites = tally.crash_sites
    others = sum(n for site, n in sites.items() if any(o in "/" + site for o in fuzz.OTHERS))
    return tally.counts["crashes"] == others and not any(tally.counts[f] for f in fuzz.FAILURES if f != "crashes")


def test_hostile_documents_through_the_command_line(tmp_path):
    tally = fuzz.Tally()
    fuzz.documents(DOCS, 16, 30, tmp_path, tally)
    assert tally.counts["documents"] == DOCS
    if tally.failed() and _others_only(tally):
        pytest.xfail("crashes in reader/scanning/output code, fixed by the per-document hardening: "
                     + "; ".join(f"{n} at {s}" for s, n in tally.crash_sites.items()))
    assert not tally.failed(), "\n".join(fuzz.report(tally))


def test_mutated_rule_sets_through_rules_check(tmp_path):
    tally = fuzz.Tally()
    fuzz.rule_sets(RULE_SETS, 16, tmp_path, tally)
    assert tally.counts["rule sets"] == RULE_SETS
    assert not tally.failed(), "\n".join(fuzz.report(tally))


@pytest.fixture(scope="module")
def extractor(ruleset) -> Extractor:
    return Extractor(ruleset)


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(0, 999_999))
def test_hostile_text_gives_records_that_slice_their_text(extractor, rng, n):
    doc = hostile_document(random.Random(rng.random()), n)
    if doc.name.endswith(".jsonl"):
        return  # dumps go through the reader, which the command-line run covers
    text = doc.data.decode("utf-8")
    for record in extractor.extract("doc", text):
        assert text[record.start:record.end] == record.sentence


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_a_mutated_rule_file_loads_or_gives_positioned_errors(tmp_path_factory, rng):
    case = mutated_rule_set(random.Random(rng.random()))
    path = tmp_path_factory.mktemp("rules") / Path(case.target).name
    path.write_text(case.text, encoding="utf-8", errors="surrogatepass")
    try:
        load_ruleset([path], defaults=False)
    except RuleError as err:
        assert err.diagnostics and all(d.line >= 1 and d.col >= 1 and "\n" not in d.message
                                       for d in err.diagnostics), case.edit


@SETTINGS
@given(st.text(max_size=400))
def test_any_yaml_text_parses_or_fails_at_a_place_in_it(text):
    try:
        load(text)
    except YamlError as err:
        lines = text.split("\n")
        assert 1 <= err.line <= len(lines) + 1 and err.col >= 1 and "\n" not in err.message
