"""The rule cache: a second start reads the rules back, and only what was loaded from the same files."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import rulecache
from tracker.cli import main as tracker_main
from tracker.extract import Extractor
from tracker.rulefiles import load as loader

RULES = Path(__file__).resolve().parents[1] / "rules"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "tracker" / "rules"


@pytest.fixture
def rules(tmp_path) -> Path:
    """A rule folder of one's own: the bundled actors, words and kinds, and one rule file."""
    folder = tmp_path / "rules"
    for part in ("actors", "language"):
        shutil.copytree(RULES / part, folder / part)
    for name in ("kinds.yaml", "modality.yaml", "macros.yaml", "accusations.yaml"):
        shutil.copy(RULES / name, folder / name)
    return folder


def _no_loading(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the rules were loaded afresh")
    monkeypatch.setattr(loader, "load_ruleset", refuse)


def test_a_second_load_reads_the_cache(cache, rules, monkeypatch):
    first = rulecache.load_ruleset([rules], defaults=False)
    assert list(cache.glob("*.pickle"))
    _no_loading(monkeypatch)
    second = rulecache.load_ruleset([rules], defaults=False)
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]


def test_a_start_from_the_cache_needs_neither_the_loader_nor_the_verb_tables(cache):
    """What keeps `tracker scan` starting in a fraction of a second: the YAML
    reader, the schema validator and lemminflect stay unimported."""
    code = ("import sys; from tracker.rulecache import load_ruleset; from tracker.extract import Extractor; "
            "Extractor(load_ruleset()); "
            "print(sorted(m for m in ('tracker.rulefiles.load', 'jsonschema', 'yaml', 'lemminflect.core.Lemmatizer',"
            " 'lemminflect.core.Inflections') if m in sys.modules))")
    source = str(Path(__file__).resolve().parents[1])
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=source)
    assert "tracker.rulefiles.load" in first.stdout  # the first start loads the rules and writes the entry
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=source)
    assert second.stdout.strip() == "[]"


def test_a_changed_rule_file_is_loaded_afresh(cache, rules):
    first = rulecache.load_ruleset([rules], defaults=False)
    text = (rules / "accusations.yaml").read_text()
    (rules / "accusations.yaml").write_text(text.replace("\nrules:\n", "\nrules:\n  - id: extra\n    kind: accusation\n"
                                                         "    patterns: ['{actor} blasted {target}']\n", 1))
    second = rulecache.load_ruleset([rules], defaults=False)
    assert len(second.rules) == len(first.rules) + 1


def test_a_damaged_entry_is_loaded_afresh(cache, rules):
    first = rulecache.load_ruleset([rules], defaults=False)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    second = rulecache.load_ruleset([rules], defaults=False)
    assert [r.id for r in second.rules] == [r.id for r in first.rules]


def test_a_cache_that_cannot_be_written_still_loads(tmp_path, rules, monkeypatch):
    blocked = tmp_path / "a file"  # no folder can be made under it, whoever runs the test (root too)
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert rulecache.load_ruleset([rules], defaults=False).rules


def test_a_scan_reads_its_rules_without_trees_and_explain_with_them(cache, rules, monkeypatch):
    """A scan's entry leaves out what only explaining a failure reads; the
    two entries find the same records."""
    rulecache.load_ruleset([rules], defaults=False)
    _no_loading(monkeypatch)
    scan = rulecache.load_ruleset([rules], defaults=False)
    full = rulecache.load_ruleset([rules], defaults=False, explainable=True)
    assert all(p.tree is None for r in scan.rules for p in r.patterns) and not any(r.macros for r in scan.rules)
    assert all(p.tree is not None for r in full.rules for p in r.patterns) and all(r.macros for r in full.rules)
    text = "Brazil accused the United States of dumping steel. Canada blamed Mexico for the delay."
    assert Extractor(scan).extract("doc", text) == Extractor(full).extract("doc", text) != []


def test_explain_after_a_scan_still_says_where_a_pattern_failed(cache, rules):
    runner = CliRunner()
    assert runner.invoke(tracker_main, ["scan", "-", "--rules", str(rules), "--no-default-rules"],
                         input="Brazil accused the United States of dumping steel.\n").exit_code == 0
    result = runner.invoke(tracker_main, ["explain", "Brazil accused the United States over steel.",
                                          "--rules", str(rules), "--no-default-rules",
                                          "--rule", "accusations/accused-of"])
    assert result.exit_code == 0 and "expected" in result.output, result.output
