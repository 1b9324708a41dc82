"""What `tracker scan`, `explain` and `rules check` take in: stdin dumps, folders, dates, empty inputs."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner
from helpers import write

from tracker.cli import main

ARTICLES = [
    {"id": "a1", "date": "2025-06-10T08:00:00Z", "body": "The US accused China of dumping steel.\n"},
    {"id": "a2", "date": "2025-06-11", "body": "Japan promised to cut tariffs on rice.\n"},
]
DUMP = "".join(json.dumps(a) + "\n" for a in ARTICLES)


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_json_lines_on_stdin_with_text_field(tmp_path: Path):
    dump = tmp_path / "dump.jsonl.gz"
    dump.write_bytes(gzip.compress(DUMP.encode()))
    from_file = records(run("scan", str(dump), "-f", "jsonl", "--text-field", "body"))
    result = run("scan", "-", "-f", "jsonl", "--text-field", "body", input=DUMP)
    assert result.exit_code == 0, result.stderr
    from_stdin = records(result)
    assert [(r["doc"], r["kind"], r["actor"]) for r in from_stdin] == [
        ("-#a1", "accusation", "United States"), ("-#a2", "commitment", "Japan")]
    assert [{**r, "doc": r["doc"].replace(str(dump), "-")} for r in from_file] == from_stdin


def test_json_on_stdin_is_never_scanned_as_prose():
    result = run("scan", "-", "-f", "jsonl", input=DUMP)  # the dump's field is "body", not the default "text"
    assert result.exit_code == 1
    assert records(result) == []
    assert result.stderr.splitlines()[0] == ("tracker: -: no text field 'text' in its first article (its text "
                                             "fields: id, date, body); --text-field names the one holding the text")


def test_plain_text_on_stdin_is_still_a_text():
    result = run("scan", "-", "-f", "jsonl", input="{braces} open this text.\nThe US accused China of dumping steel.\n")
    assert result.exit_code == 0, result.stderr
    assert [r["doc"] for r in records(result)] == ["-"]


def test_folders_find_files_whatever_the_case_of_their_extension(tmp_path: Path):
    write(tmp_path / "A.TXT", "The US accused China of dumping steel.\n")
    write(tmp_path / "deep" / "b.Md", "Japan accused Korea of dumping chips.\n")
    (tmp_path / "deep" / "c.jsonl.gz").write_bytes(gzip.compress(
        (json.dumps({"id": 7, "text": "France accused Italy of dumping wine."}) + "\n").encode()))
    write(tmp_path / "deep" / "d.ndjson", json.dumps({"id": 8, "text": "Spain accused Greece of dumping oil."}) + "\n")
    write(tmp_path / "notes.csv", "Germany accused Austria of dumping beer.\n")
    result = run("scan", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {Path(r["doc"]).name for r in records(result)} == {"A.TXT", "b.Md", "c.jsonl.gz#7", "d.ndjson#8"}


def test_an_empty_folder_warns_and_exits_1(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.csv", "not scanned\n")
    result = run("scan", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert result.stdout == "", "no tables of nothing"
    assert f"{tmp_path / 'empty'}: no files to scan in this folder" in result.stderr
    assert "--glob" in result.stderr


def test_empty_stdin_and_an_empty_dump_are_failed_inputs(tmp_path: Path):
    assert run("scan", "-", input="").exit_code == 1
    dump = tmp_path / "none.jsonl"
    dump.write_text("\n")
    result = run("scan", str(dump), "-f", "jsonl")
    assert result.exit_code == 1 and "no articles" in result.stderr


def test_a_bad_date_is_a_usage_error_before_anything_is_scanned(tmp_path: Path):
    doc = write(tmp_path / "doc.txt", "The US accused China of dumping steel.\n")
    ledger = tmp_path / "story.db"
    result = run("scan", str(doc), "--date", "yesterday", "--ledger", str(ledger))
    assert result.exit_code == 2
    assert "'yesterday' is not a date" in result.stderr and result.stdout == ""
    assert not ledger.exists()


def test_a_written_date_is_read_as_the_day_it_names(tmp_path: Path):
    doc = write(tmp_path / "doc.txt", "The US accused China of dumping steel.\n")
    ledger = tmp_path / "story.db"
    assert run("scan", str(doc), "--date", "June 11, 2025", "--ledger", str(ledger), "-q").exit_code == 0
    listed = records(run("ledger", "accusations", "--ledger", str(ledger), "-f", "jsonl"))
    assert [r["date"] for r in listed] == ["2025-06-11"]


def test_explain_dash_reads_stdin():
    result = run("explain", "-", input="The US accused China of dumping steel. Japan promised to cut tariffs.\n")
    assert result.exit_code == 0, result.output
    assert "Sentence 1 (line 1): The US accused China of dumping steel." in result.stdout
    assert "Sentence 2 (line 1): Japan promised to cut tariffs." in result.stdout
    assert "record: kind=accusation" in result.stdout


def test_explain_of_nothing_is_a_usage_error():
    for args, input in ((["explain", ""], None), (["explain", "   "], None), (["explain", "-"], "")):
        result = run(*args, input=input)
        assert result.exit_code == 2, args
        assert "empty" in result.stderr and result.stdout == ""


def test_rules_check_reports_every_problem_of_every_stage_at_once(tmp_path: Path):
    mine = tmp_path / "mine"
    write(mine / "a.yaml", """
        kind: accusation
        rules:
          - id: unclosed
            pattern: "{actor} <accuse {target}"
          - id: misspelt
            pattren: "{actor} <blame> {target}"
          - id: fine
            pattern: "{actor} <scold> {target} for {content:clause}"
        """)
    write(mine / "b.yaml", """
        kind: claim
        rules:
          - id: twice
            pattern: "{actor} <say> {content:nope}"
          - id: twice
            pattern: "{actor} <tell> {target} that {content:clause}"
        """)
    write(mine / "c.yaml", "kind: claim\nrules:\n  - id: [oops\n")
    result = run("rules", "check", str(mine))
    assert result.exit_code == 2
    found = {(Path(line.split(":")[0]).name, line.split(": error: ")[1]) for line in result.stdout.splitlines()}
    assert found == {
        ("a.yaml", "expected '>' closing the verb, found '{'"),  # a pattern, beside a schema error of the file
        ("a.yaml", "unknown key 'pattren' (allowed: actor, counterexamples, default_actor, description, examples, id, "
                   "kind, modality, pattern, patterns, triggers, unless)"),
        ("a.yaml", "missing field 'pattern'"),
        ("b.yaml", "unknown capture type 'nope' (one of: actor, np, clause, rest, quote, number)"),
        ("b.yaml", f"duplicate rule id 'twice' (first at {mine / 'b.yaml'}:3)"),
        ("c.yaml", "YAML: did not find expected ',' or ']'"),
    }
