"""The per-sentence time budget: a rule that runs too long on a sentence is
stopped with a warning naming the rule and the sentence, and the scan goes on."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ceiling, write

from tracker.cli import main
from tracker.extract import Extractor
from tracker.rulefiles import load_ruleset

RULES = Path(__file__).resolve().parents[1] / "rules"


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


# Eight rest-of-sentence captures in a row: each one looks ahead for the
# captures after it at every token, so a failing attempt tries on the order
# of n^8 splits (issue 16, failure 4).  A sentence of up to 1,000 tokens
# keeps its elements' results (elements.Remembered), which makes that eight
# times n^2 (45 words: at once); a longer one keeps none, as 1,839 words
# here: only the budget stops the attempt.
EXPLOSIVE_RULE = """
    kind: claim
    rules:
      - id: explosive
        pattern: "{actor} {a:rest} {b:rest} {c:rest} {d:rest} {e:rest} {f:rest} {g:rest} {h:rest} said nothing"
    """
# "said" and "nothing" both stand in it, in that order, but never side by side: every split fails.
FORTY_FIVE_WORDS = ("China said on Monday that the officials from the ministry met in the capital to talk "
                    "about the plan for the new road and the bridge and the tunnel that would link the two "
                    "towns across the wide river valley and nothing else was agreed.")
LONG_SENTENCE = " and ".join([FORTY_FIVE_WORDS[:-1]] * 40) + "."
BUDGET = 0.25  # seconds
ALLOWED = 20  # times the budget: far above the check's own overshoot, far below the attempt's unbounded cost


@pytest.fixture(scope="module")
def explosive(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("rules") / "explosive.yaml", EXPLOSIVE_RULE)
    return load_ruleset([RULES / "actors", RULES / "language", RULES / "kinds.yaml", RULES / "modality.yaml",
                         RULES / "macros.yaml", path], defaults=False)


def test_the_budget_stops_a_rule_inside_one_exploding_attempt(explosive):
    assert len(LONG_SENTENCE.split()) == 40 * 45 + 39
    extractor = Extractor(explosive, time_budget=BUDGET)
    with ceiling(int(BUDGET * ALLOWED)):
        records = extractor.extract("story.txt", LONG_SENTENCE)
    assert records == []
    assert [w for w in extractor.warnings if "rule explosive/explosive stopped" in w]


def test_scan_with_a_time_budget_ends_on_the_exploding_rule(tmp_path):
    write(tmp_path / "rules" / "explosive.yaml", EXPLOSIVE_RULE)
    (tmp_path / "story.txt").write_text(LONG_SENTENCE + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("The US accused China of dumping steel.\n", encoding="utf-8")
    with ceiling(int(BUDGET * ALLOWED) + 30):  # + loading the bundled rules
        result = CliRunner().invoke(main, ["scan", str(tmp_path / "story.txt"), str(tmp_path / "good.txt"),
                                           "-f", "jsonl", "--rules", str(tmp_path / "rules"),
                                           "--time-budget", str(int(BUDGET * 1000))])
    assert result.exit_code == 0, result.stderr
    assert "rule explosive/explosive stopped" in result.stderr
    assert '"rule": "accusations/accused-of"' in result.stdout
