"""`tracker rules list`: one row per rule, filtered by kind, file or folder."""
from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import write

from tracker.cli import main
from tracker.rulefiles import load_ruleset

MINE = """
    kind: accusation
    rules:
      - id: threatened
        pattern: "{actor} ...3 <threaten> {target} with {content:clause}"
        examples:
          - "Washington threatened Tokyo with tariffs."
        counterexamples:
          - "The threat of tariffs weighed on stocks."
      - id: loose
        kind: claim
        pattern: "[said] {actor} {content:clause}"
    """


def listing(*args: str):
    return CliRunner().invoke(main, ["rules", "list", *args])


def rows(*args: str) -> list[dict]:
    result = listing("-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_table_lists_every_bundled_rule():
    result = listing()
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "kind", "file:line", "triggers", "examples", "counterexamples"]
    for rule in load_ruleset().rules:
        assert rule.id in result.stdout


def test_filter_by_kind_and_file():
    assert {r["kind"] for r in rows("--kind", "claim")} == {"claim"}
    by_file = rows("--file", "commitments")
    assert by_file and all(r["file:line"].startswith("rules/commitments.yaml:") for r in by_file)
    assert rows("--file", "commitments.yaml") == by_file
    assert rows("--file", "commitments", "--kind", "claim") == []


def test_a_folder_of_ones_own(tmp_path):
    path = write(tmp_path / "mine" / "threats.yaml", MINE)
    found = rows(str(tmp_path / "mine"))
    assert [r["id"] for r in found] == ["threats/threatened", "threats/loose"]
    threatened, loose = found
    assert threatened["file:line"] == f"{path}:3" and threatened["kind"] == "accusation"
    assert "threatened" in threatened["triggers"]
    assert (threatened["examples"], threatened["counterexamples"]) == (1, 1)
    assert loose["kind"] == "claim" and loose["triggers"] == "(every sentence)"
    assert rows("--rules", str(tmp_path / "mine"), "--file", "threats") == found


def test_bad_kind_and_bad_rule_file_exit_2(tmp_path):
    assert listing("--kind", "promise").exit_code == 2
    write(tmp_path / "mine" / "bad.yaml", "kind: claim\nrules:\n  - id: x\n")
    result = listing(str(tmp_path / "mine"))
    assert result.exit_code == 2
    assert "bad.yaml:3:" in result.stderr and "missing field 'pattern'" in result.stderr
