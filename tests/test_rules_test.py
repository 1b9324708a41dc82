"""`tracker rules test`: each example must yield a record from its rule with
the fields it states; each counterexample none."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main
from tracker.records import Record
from tracker.rulefiles import load_ruleset
from tracker.ruletest import field_fits

PASSING = """
    kind: accusation
    rules:
      - id: threatened
        pattern: "{actor} ...3 <threaten> {target} with {content:clause}"
        examples:
          - text: "Washington threatened Tokyo with tariffs on electronics."
            actor: United States
            target: Tokyo
            content: "“tariffs on electronics”"
            modality: asserted
          - "Beijing threatened Canberra with new duties."
        counterexamples:
          - "The threat of tariffs weighed on stocks."
    """
FAILING = """
    kind: accusation
    rules:
      - id: threatened
        pattern: "{actor} ...3 <threaten> {target} with {content:clause}"
        examples:
          - text: "Washington threatened Tokyo with tariffs on electronics."
            target: China
          - text: "Washington threatened Tokyo on Friday with tariffs."
            content: tariffs
        counterexamples:
          - "Washington threatened Tokyo with tariffs."
    """


def run(*args: str):
    return CliRunner().invoke(main, ["rules", "test", *args])


def table_row(output: str, rule: str) -> list[str]:
    row = next(line for line in output.splitlines() if line.startswith(rule + " "))
    return row.split()


def test_all_examples_pass(tmp_path):
    write(tmp_path / "mine" / "threats.yaml", PASSING)
    result = run(str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert table_row(result.stdout, "threats/threatened")[-2:] == ["3", "0"]
    assert "FAILED" not in result.stdout
    assert "2 of 2 examples and 1 of 1 counterexamples passed (1 rule)" in result.stdout


def test_failures_show_what_was_expected_and_what_came(tmp_path):
    path = write(tmp_path / "mine" / "threats.yaml", FAILING)
    result = run(str(tmp_path / "mine"))
    assert result.exit_code == 1
    assert table_row(result.stdout, "threats/threatened")[-2:] == ["0", "3"]
    blocks = result.stdout.split("\nFAILED ")[1:]
    assert len(blocks) == 3
    wrong_target, no_match, counter = blocks
    assert f"{path}:6" in wrong_target
    assert "expected: a record from this rule with target=China" in wrong_target
    assert "got:      target=Japan" in wrong_target
    assert "got:      no record from this rule" in no_match
    assert "expected 'with' at \"on Friday with tariffs.\"" in no_match
    assert "see why:  tracker explain 'Washington threatened Tokyo on Friday with tariffs.' " \
           "--rule threats/threatened --rules " in no_match
    assert "counterexample" in counter and "expected: no record from this rule" in counter
    assert "got:      actor=United States" in counter
    assert "0 of 2 examples and 0 of 1 counterexamples passed" in result.stdout


def test_a_copied_rule_is_not_shadowed_by_the_default_it_came_from(tmp_path):
    """Scan keeps one record per (kind, actor, target); the test looks at the rule's own records."""
    default = next(r for r in load_ruleset().rules if r.id == "accusations/accused-of")
    write(tmp_path / "mine" / "copy.yaml", f"""
        kind: accusation
        rules:
          - id: accused-of
            pattern: "{default.patterns[0].source}"
            examples:
              - text: "The US accused China of dumping steel."
                target: China
        """)
    result = run(str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output


def test_own_lexicon_without_default_rules(tmp_path):
    write(tmp_path / "mine" / "actors.yaml", """
        actors:
          - name: Acme Corporation
            type: organization
            aliases: [Acme]
        """)
    write(tmp_path / "mine" / "claims.yaml", """
        kind: claim
        rules:
          - id: said
            pattern: "{actor} said {content:clause}"
            examples:
              - text: "Acme said it would cut jobs."
                actor: Acme Corporation
                content: it would cut jobs
        """)
    assert run("--no-default-rules", str(tmp_path / "mine")).exit_code == 0


def test_rule_file_errors_exit_2(tmp_path):
    write(tmp_path / "mine" / "bad.yaml", "kind: claim\nrules:\n  - id: x\n    pattern: '{actor} <say'\n")
    result = run(str(tmp_path / "mine"))
    assert result.exit_code == 2
    assert "bad.yaml:4:" in result.stderr


# --- the bundled rules ------------------------------------------------------------

def test_every_bundled_rule_has_an_example():
    assert [r.id for r in load_ruleset().rules if not r.examples] == []


def test_every_bundled_example_and_counterexample_passes():
    """The rule files' examples are tests: a bundled rule whose example fails is a defect."""
    ruleset = load_ruleset()
    result = run()
    assert result.exit_code == 0, result.output
    summary = re.search(r"(\d+) of (\d+) examples and (\d+) of (\d+) counterexamples passed", result.stdout)
    passed, examples, counter_passed, counters = map(int, summary.groups())
    assert examples == sum(len(r.examples) for r in ruleset.rules)
    assert counters == sum(len(r.counterexamples) for r in ruleset.rules)
    assert "\nFAILED " not in result.stdout
    assert (passed, counter_passed) == (examples, counters)
    for rule in ruleset.rules:
        row = table_row(result.stdout, rule.id)
        assert int(row[-2]) + int(row[-1]) == len(rule.examples) + len(rule.counterexamples)


# --- how fields compare ---------------------------------------------------------

def record(**fields) -> Record:
    base = dict(doc="d", sentence="s", start=0, end=1, kind="accusation", actor="United States",
                actor_text="the U.S.", actor_group=None, target="Japan", target_text="Tokyo",
                content="tariffs on cars", speaker=None, modality="hedged", condition=None, when=None, rule="r")
    return Record(**{**base, **fields})


@pytest.mark.parametrize("name, want, fits", [
    ("actor", "united  states", True),
    ("actor", "The U.S.", True),
    ("actor", "America", False),
    ("target", "Tokyo", True),
    ("target", "japan", True),
    ("content", "“tariffs on cars.”", True),
    ("content", "tariffs on Cars", False),
    ("modality", "hedged", True),
    ("modality", "Hedged", False),
    ("condition", None, True),
    ("target", None, False),
])
def test_field_comparison(name, want, fits):
    assert field_fits(name, want, record()) is fits
