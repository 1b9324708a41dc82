"""`tracker scan` from the command line: formats, filters, rules, inputs, exit codes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_FILE = SEEDS / "us-china-london-framework.txt"
FIELDS = ["doc", "sentence", "start", "end", "kind", "actor", "actor_text", "actor_group", "target", "target_text",
          "content", "speaker", "modality", "condition", "when", "rule"]
TABLE_TITLES = ("Commitments", "Accusations", "Approvals", "Claims")


def scan(*args: str, input: bytes | str | None = None):
    # click >= 8.2 keeps stderr apart from stdout (result.stderr) without options.
    return CliRunner().invoke(main, ["scan", *args], input=input)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    result = scan(str(SEEDS), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return jsonl(result)


# --- formats ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["simple", "github", "plain", "grid"])
def test_table_formats(fmt):
    result = scan(str(SEEDS), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    for title in TABLE_TITLES:
        assert title in result.stdout
    assert "Lutnick" in result.stdout
    assert "us-china-london-framework.txt:" in result.stdout


def test_default_format_is_a_table():
    result = scan(str(SEEDS))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Commitments (")


def test_jsonl_records_have_every_field(seed_records):
    assert len(seed_records) >= 20
    text = SEED_FILE.read_text(encoding="utf-8")
    kinds = set()
    for rec in seed_records:
        assert set(FIELDS) <= rec.keys(), set(FIELDS) - rec.keys()
        assert rec["doc"] == str(SEED_FILE)
        assert text[rec["start"]:rec["end"]] == rec["sentence"]
        assert rec["kind"] in ("commitment", "accusation", "approval", "claim")
        assert rec["modality"] in ("asserted", "conditional", "hedged", "negated", "pending")
        assert rec["actor"] and rec["actor_text"] and "/" in rec["rule"]
        kinds.add(rec["kind"])
    assert kinds == {"commitment", "accusation", "approval", "claim"}


def test_seed_holds_the_headline_records(seed_records):
    who_whom = {(r["kind"], r["actor"], r["target"]) for r in seed_records}
    assert ("commitment", "United States", "China") in who_whom
    assert ("commitment", "China", "United States") in who_whom
    assert any(r["kind"] == "claim" and r["actor"] == "Howard Lutnick" for r in seed_records)


def test_json_is_a_list_of_the_same_records(seed_records):
    result = scan(str(SEEDS), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert data == seed_records


def test_json_with_no_records_is_an_empty_list(tmp_path):
    empty = write(tmp_path / "empty.txt", "Nothing happens here.\n")
    result = scan(str(empty), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_csv_has_the_fields_as_header(seed_records):
    result = scan(str(SEEDS), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(FIELDS) <= set(rows[0].keys())
    assert len(rows) == len(seed_records)
    assert [r["actor"] for r in rows] == [r["actor"] for r in seed_records]


# --- filters ------------------------------------------------------------------

def test_kind_filter(seed_records):
    result = scan(str(SEEDS), "-f", "jsonl", "--kind", "accusation")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result)
    assert records and {r["kind"] for r in records} == {"accusation"}
    assert len(records) == sum(r["kind"] == "accusation" for r in seed_records)


def test_kind_filter_repeatable_and_tables_only_show_those_kinds():
    result = scan(str(SEEDS), "-k", "claim", "-k", "approval")
    assert result.exit_code == 0, result.stderr
    assert "Claims" in result.stdout and "Approvals" in result.stdout
    assert "Commitments" not in result.stdout and "Accusations" not in result.stdout


def test_unknown_kind_is_a_usage_error():
    result = scan(str(SEEDS), "--kind", "rumour")
    assert result.exit_code == 2
    assert "rumour" in result.stderr


def test_actor_filter_matches_actor_or_target_case_insensitively(seed_records):
    result = scan(str(SEEDS), "-f", "jsonl", "--actor", "lutnick")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result)
    assert records
    for r in records:
        assert "lutnick" in " ".join(filter(None, [r["actor"], r["target"], r["actor_group"]])).casefold()


def test_actor_filter_target_side(seed_records):
    records = jsonl(scan(str(SEEDS), "-f", "jsonl", "-a", "China", "-k", "accusation"))
    assert records
    assert all("China" in (r["actor"], r["target"]) for r in records)


# --- rules --------------------------------------------------------------------

USER_RULE = """
    kind: claim
    rules:
      - id: signalled
        pattern: "{actor} <signal> that {content:clause}"
    """
USER_TEXT = "China signalled that the new export licences were ready.\n"


def test_user_rules_are_added_to_the_defaults(tmp_path):
    rules = tmp_path / "myrules"
    write(rules / "mine.yaml", USER_RULE)
    doc = write(tmp_path / "doc.txt", USER_TEXT + "The US accused China of dumping steel.\n")
    without = jsonl(scan(str(doc), "-f", "jsonl"))
    assert not any(r["rule"] == "mine/signalled" for r in without)
    result = scan(str(doc), "-f", "jsonl", "--rules", str(rules))
    assert result.exit_code == 0, result.stderr
    records = jsonl(result)
    mine = [r for r in records if r["rule"] == "mine/signalled"]
    assert [(r["kind"], r["actor"], r["content"]) for r in mine] == [
        ("claim", "China", "the new export licences were ready")]
    assert any(r["kind"] == "accusation" for r in records)  # the defaults still run


def test_no_default_rules_with_only_a_user_rule(tmp_path):
    rules = write(tmp_path / "mine.yaml", USER_RULE)
    lexicon = REPO / "rules" / "actors"
    doc = write(tmp_path / "doc.txt", USER_TEXT + "The US accused China of dumping steel.\n")
    result = scan(str(doc), "-f", "jsonl", "--no-default-rules", "--rules", str(rules), "--rules", str(lexicon))
    assert result.exit_code == 0, result.stderr
    assert [r["rule"] for r in jsonl(result)] == ["mine/signalled"]


def test_no_path_is_a_usage_error():
    result = scan()
    assert result.exit_code == 2
    assert "Usage:" in result.stderr and "give files or folders" in result.stderr
    assert result.stdout == ""


def test_rule_file_mistake_is_one_diagnostic_line(tmp_path):
    bad = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: oops
            pattern: "{actor} <say {content}"
        """)
    result = scan(str(SEEDS), "--rules", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{bad}:4:") and ": error: " in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_undecodable_file_is_reported_and_the_rest_still_scanned(tmp_path):
    good = write(tmp_path / "good.txt", "The US accused China of dumping steel.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Le ministre a dit que la Chine a accus\xe9 les \xc9tats-Unis.\n".encode("latin-1"))
    result = scan(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 1
    records = jsonl(result)
    assert [(r["kind"], r["actor"], r["target"]) for r in records] == [("accusation", "United States", "China")]
    assert {r["doc"] for r in records} == {str(good)}
    errors = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert errors and "decode" in errors[0]
    assert "Traceback" not in result.stderr


def test_undecodable_file_with_errors_replace(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("The US accused China of dumping st\xe9el.\n".encode("latin-1"))
    result = scan(str(bad), "-f", "jsonl", "--errors", "replace")
    assert result.exit_code == 0, result.stderr
    assert [r["kind"] for r in jsonl(result)] == ["accusation"]


def test_missing_input_file_exits_1(tmp_path):
    good = write(tmp_path / "good.txt", "The US accused China of dumping steel.\n")
    result = scan(str(tmp_path / "nope.txt"), str(good), "-f", "jsonl")
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert len(jsonl(result)) == 1


# --- inputs -------------------------------------------------------------------

def test_dash_reads_stdin():
    result = scan("-", "-f", "jsonl", input="The US accused China of dumping steel.\n")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result)
    assert [(r["doc"], r["kind"], r["actor"], r["target"]) for r in records] == [
        ("-", "accusation", "United States", "China")]


def test_folder_is_scanned_recursively_for_txt_and_md(tmp_path):
    write(tmp_path / "a.txt", "The US accused China of dumping steel.\n")
    write(tmp_path / "deep" / "er" / "b.md", "Japan accused Korea of dumping chips.\n")
    write(tmp_path / "c.csv", "France accused Italy of dumping wine.\n")
    docs = {Path(r["doc"]).name for r in jsonl(scan(str(tmp_path), "-f", "jsonl"))}
    assert docs == {"a.txt", "b.md"}


def test_glob_changes_what_folders_yield(tmp_path):
    write(tmp_path / "a.txt", "The US accused China of dumping steel.\n")
    write(tmp_path / "deep" / "c.csv", "France accused Italy of dumping wine.\n")
    result = scan(str(tmp_path), "-f", "jsonl", "--glob", "*.csv")
    assert result.exit_code == 0, result.stderr
    assert {Path(r["doc"]).name for r in jsonl(result)} == {"c.csv"}


def test_bom_and_crlf_input(tmp_path):
    text = "Diplomacy\r\nThe US accused China of dumping steel.\r\nJapan accused Korea of dumping chips.\r\n"
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = scan(str(path), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result)
    assert [(r["kind"], r["actor"]) for r in records] == [("accusation", "United States"), ("accusation", "Japan")]
    decoded = path.read_bytes().decode("utf-8-sig")
    for r in records:
        assert not r["sentence"].startswith("\ufeff") and "\r" not in r["sentence"]
        assert decoded[r["start"]:r["end"]] == r["sentence"]
    assert [r["line"] for r in records] == [2, 3]
