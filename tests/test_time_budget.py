"""The per-sentence time budget: a rule that runs too long on a sentence is
stopped with a warning naming the rule and the sentence, and the scan goes on."""
from __future__ import annotations

from click.testing import CliRunner

from tracker.cli import main
from tracker.extract import Extractor


def test_a_rule_over_budget_is_stopped_with_a_warning(ruleset):
    extractor = Extractor(ruleset, time_budget=1e-9)
    records = extractor.extract("story.txt", "Intro line.\n\nThe US accused China of dumping steel.")
    assert not [r for r in records if r.rule == "accusations/accused-of"]
    stopped = [w for w in extractor.warnings if "accusations/accused-of" in w]
    assert stopped and stopped[0].startswith("story.txt:3: warning: rule accusations/accused-of stopped")


def test_without_a_budget_the_same_sentence_gives_its_record(ruleset):
    extractor = Extractor(ruleset, time_budget=None)
    records = extractor.extract("story.txt", "The US accused China of dumping steel.")
    assert [r.rule for r in records if r.kind == "accusation"] == ["accusations/accused-of"]
    assert extractor.warnings == []


def test_scan_reports_the_overrun_and_keeps_the_other_records(tmp_path):
    (tmp_path / "slow.txt").write_text("China said and Japan said " * 30_000 + "the US will act.\n",
                                       encoding="utf-8")
    (tmp_path / "other.txt").write_text("Japan accused Korea of dumping chips.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "-f", "jsonl", "--time-budget", "20"])
    assert result.exit_code == 0, result.stderr
    assert "warning: rule" in result.stderr and "time budget" in result.stderr
    assert '"actor": "Japan"' in result.stdout
