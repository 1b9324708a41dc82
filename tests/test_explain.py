"""`tracker explain`: what tracker sees in a sentence, and for each rule the
record it made or the pattern element it could not match."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main

MINE = """
    kind: accusation
    rules:
      - id: threatened
        pattern: "{actor} ...3 <threaten> {target} with {content:clause}"
        examples:
          - "Washington threatened Tokyo with tariffs."
      - id: warned
        pattern: "{actor} <warn> {target} (against | over) {content:clause}"
        unless: ["not <warn>"]
        examples:
          - "Beijing warned Washington against new curbs."
    """
HIT = "Washington threatened Tokyo with tariffs on electronics."
MISS = "Washington threatened Tokyo on Friday with tariffs."


@pytest.fixture()
def mine(tmp_path) -> Path:
    write(tmp_path / "mine" / "threats.yaml", MINE)
    return tmp_path / "mine"


def explain(*args: str):
    return CliRunner().invoke(main, ["explain", *args])


def test_a_match_shows_tokens_actors_captures_and_record(mine):
    result = explain(HIT, "--rules", str(mine))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "tokens:   Washington | threatened | Tokyo | with" in out
    assert "Washington -> United States (country)" in out and "Tokyo -> Japan (country)" in out
    assert "threats/threatened (accusation)" in out and "triggered by threatened" in out
    assert 'captures: actor="Washington"  target="Tokyo"  content="tariffs on electronics"' in out
    assert "record: kind=accusation  actor=United States  target=Japan  content=tariffs on electronics" in out


def test_a_miss_shows_the_element_and_the_text_where_it_failed(mine):
    result = explain(MISS, "--rules", str(mine), "--rule", "threatened")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    pattern = next(i for i, line in enumerate(lines) if "pattern: {actor} ...3 <threaten>" in line)
    caret = lines[pattern + 1]
    assert caret.endswith("^ expected 'with'")
    assert lines[pattern][caret.index("^"):].startswith("with {content")
    sentence, here = lines[pattern + 2], lines[pattern + 3]
    assert sentence[here.index("^"):].startswith("on Friday with tariffs")
    assert 'no match here: "on Friday with tariffs."' in here


def test_json_for_tools(mine):
    result = explain(MISS, "--rules", str(mine), "--rule", "threats/threatened", "--format", "json")
    assert result.exit_code == 0, result.output
    [sentence] = json.loads(result.stdout)
    assert sentence["tokens"][:3] == ["Washington", "threatened", "Tokyo"]
    assert [m["actors"] for m in sentence["mentions"]] == [["United States"], ["Japan"]]
    [rule] = sentence["rules"]
    assert rule["id"] == "threats/threatened" and rule["fired"] and rule["fired_by"] == ["threatened"]
    failure = rule["patterns"][0]["failure"]
    assert failure["element"] == "'with'" and failure["reason"] == "expected 'with'"
    assert MISS[failure["offset"]:].startswith("on Friday")
    hit = json.loads(explain(HIT, "--rules", str(mine), "--rule", "threatened", "-f", "json").stdout)
    [match] = hit[0]["rules"][0]["patterns"][0]["matches"]
    assert match["captures"]["content"] == "tariffs on electronics"
    assert match["records"][0]["target"] == "Japan"


def test_a_rule_whose_trigger_word_is_missing(mine):
    result = explain("Washington menaced Tokyo with tariffs.", "--rules", str(mine), "--rule", "threatened")
    assert result.exit_code == 0
    assert "NOT triggered" in result.stdout
    assert "expected <threaten>" in result.stdout
    plain = explain("Washington menaced Tokyo with tariffs.", "--rules", str(mine))
    assert "threats/threatened" not in plain.stdout


def test_unless_and_nowhere(mine):
    blocked = explain("Beijing did not warn Washington over curbs.", "--rules", str(mine), "--rule", "warned")
    assert "not tried: 'unless: not <warn>' matched \"not warn\"" in blocked.stdout
    nowhere = explain("prices warned of trouble.", "--rules", str(mine), "--rule", "warned", "-f", "json")
    failure = json.loads(nowhere.stdout)[0]["rules"][0]["patterns"][0]["failure"]
    assert (failure["element"], failure["reason"]) == ("{actor}", "found nowhere in the sentence")


def test_file_and_line(mine, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(f"Markets were calm.\n\n{MISS}\n", encoding="utf-8")
    result = explain("--file", str(story), "--line", "3", "--rules", str(mine), "--rule", "threatened")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Sentence 1 (line 3): {MISS}")
    assert "expected 'with'" in result.stdout


@pytest.mark.parametrize("args, message", [
    ([], "give a sentence"),
    (["x", "--file", "f.txt", "--line", "1"], "give a sentence"),
    (["--file", "f.txt"], "--file and --line go together"),
    ([HIT, "--rule", "no-such-rule"], "no rule 'no-such-rule'"),
])
def test_usage_errors_exit_2(args, message):
    result = explain(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_line_without_a_sentence_and_unreadable_file(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("One line.\n", encoding="utf-8")
    result = explain("--file", str(story), "--line", "9")
    assert result.exit_code == 2 and "no sentence on this line" in result.stderr
    missing = explain("--file", str(tmp_path / "nowhere.txt"), "--line", "1")
    assert missing.exit_code == 1 and "nowhere.txt" in missing.stderr
