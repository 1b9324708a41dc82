"""Command-line conventions users bring from ruff, semgrep, yamllint and csvkit:
-f/-o/-q on every command that prints records, tables that parse when piped,
help with examples and exit codes, shell completion."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# Commas, quotes, a line break inside a sentence, a tab: what a CSV or TSV writer must keep intact.
AWKWARD = ('The US accused China of "dumping" steel, aluminium and\nglass on world markets.\n\n'
           'Japan promised to cut tariffs on rice, wheat\tand "premium" beef.\n')


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    result = run("scan", str(SEEDS), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return jsonl(result.stdout)


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "story.db"
    result = run("scan", str(SEEDS), "--ledger", str(path), "--date", "2025-06-11", "-q")
    assert result.exit_code == 0, result.stderr
    return path


# --- TSV and CSV round-trip ---------------------------------------------------------------

@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_read_back_one_record_per_row_with_fields_intact(tmp_path: Path, fmt: str, delimiter: str):
    doc = tmp_path / "awkward.txt"
    doc.write_text(AWKWARD, encoding="utf-8")
    expected = jsonl(run("scan", str(doc), "-f", "jsonl").stdout)
    assert any("\n" in r["sentence"] and '"' in r["sentence"] and "," in r["sentence"] for r in expected)
    out = tmp_path / f"found.{fmt}"
    result = run("scan", str(doc), "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=delimiter))
    assert len(rows) == len(expected)
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in expected]


def test_ledger_listings_take_f_csv_and_tsv(story_db: Path):
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        result = run("ledger", "commitments", "--ledger", str(story_db), "-f", fmt)
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
        listed = jsonl(run("ledger", "commitments", "--ledger", str(story_db), "-f", "jsonl").stdout)
        assert [r["id"] for r in rows] == [str(r["id"]) for r in listed] and rows


# --- tables: wrapped at a terminal only, titled in their own markup -----------------------

@pytest.mark.parametrize("fmt", ["github", "html", "latex", "orgtbl", "mediawiki"])
def test_piped_tables_hold_one_row_per_record(fmt: str, seed_records: list[dict]):
    result = run("scan", str(SEEDS), "-f", fmt, "-k", "accusation")
    assert result.exit_code == 0, result.stderr
    accusations = [r for r in seed_records if r["kind"] == "accusation"]
    lines = [line for line in result.stdout.splitlines() if any(r["doc"] + ":" + str(r["line"]) in line
                                                                  for r in accusations)]
    assert len(lines) == len(accusations), result.stdout
    for r in accusations:
        assert " ".join(r["content"].split()) in result.stdout


@pytest.mark.parametrize("fmt, title", [("github", "## Accusations (3)"), ("html", "<h2>Accusations (3)</h2>"),
                                        ("latex", "\\section*{Accusations (3)}"), ("simple", "Accusations (3)")])
def test_table_titles_are_written_in_the_formats_markup(fmt: str, title: str, seed_records: list[dict]):
    count = sum(r["kind"] == "accusation" for r in seed_records)
    result = run("scan", str(SEEDS), "-f", fmt, "-k", "accusation")
    assert title.replace("(3)", f"({count})") in result.stdout.splitlines()


def test_width_wraps_long_cells(seed_records: list[dict]):
    unwrapped = run("scan", str(SEEDS), "-k", "claim").stdout
    wrapped = run("scan", str(SEEDS), "-k", "claim", "--width", "80").stdout
    claims = sum(r["kind"] == "claim" for r in seed_records)
    assert len(unwrapped.splitlines()) == claims + 3  # title, header, rule, one line per record
    assert len(wrapped.splitlines()) > claims + 3
    assert max(len(line) for line in wrapped.splitlines()) < max(len(line) for line in unwrapped.splitlines())


# --- -o, -q --------------------------------------------------------------------------------

PRINTING = [["scan", str(SEEDS), "-f", "jsonl"], ["ledger", "summary"], ["ledger", "commitments"],
            ["ledger", "actor", "China"], ["ledger", "thread", "2"]]


@pytest.mark.parametrize("command", PRINTING)
def test_output_file_holds_what_stdout_would(tmp_path: Path, story_db: Path, command: list[str]):
    if command[0] == "ledger":
        command = [*command, "--ledger", str(story_db)]
    out = tmp_path / "out.txt"
    to_stdout = run(*command)
    to_file = run(*command, "-o", str(out))
    assert to_stdout.exit_code == to_file.exit_code == 0, to_file.output
    assert to_file.stdout == "" and to_stdout.stdout
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def test_explain_writes_to_an_output_file_too(tmp_path: Path):
    out = tmp_path / "why.json"
    result = run("explain", "The US accused China of dumping steel.", "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["text"] == "The US accused China of dumping steel."


def test_an_output_file_that_cannot_be_written_is_a_one_line_usage_error(tmp_path: Path):
    result = run("scan", str(SEEDS), "-o", str(tmp_path / "no" / "such" / "folder" / "out.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot write {tmp_path / 'no' / 'such' / 'folder' / 'out.txt'}: No such file or directory"]


def test_quiet_keeps_records_and_errors_and_drops_warnings(tmp_path: Path):
    lexicon = write(tmp_path / "mine" / "actors.yaml", """
        actors:
          - name: Testland
            type: country
            aliases: [US]
        """)
    doc = write(tmp_path / "doc.txt", "The US accused China of dumping steel.\n")
    args = ["scan", str(doc), str(tmp_path / "missing.txt"), "--rules", str(lexicon.parent), "-f", "jsonl"]
    loud, quiet = run(*args), run(*args, "-q")
    assert "warning: alias 'US'" in loud.stderr and "warning" not in quiet.stderr
    assert quiet.stdout == loud.stdout and jsonl(quiet.stdout)
    assert "missing.txt: no such file or folder" in quiet.stderr and quiet.exit_code == loud.exit_code == 1


# --- help and completion -------------------------------------------------------------------

def _commands(group: click.Group, path: tuple[str, ...] = ()):
    """Every command, as Click lists them (the top group imports each command when asked for it)."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


@pytest.mark.parametrize("path", list(_commands(main)), ids=" ".join)
def test_every_help_has_an_example_and_the_exit_codes(path: tuple[str, ...]):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "Exit codes: 0" in result.stdout
    assert f"tracker {path[0]}" in result.stdout.split("Examples:")[1]
    assert "latex_longtable" not in result.stdout, "the format names are not all listed"


def test_bash_completion_as_documented():
    script = CliRunner().invoke(main, [], env={"_TRACKER_COMPLETE": "bash_source"}, prog_name="tracker")
    assert "_tracker_completion" in script.output and "complete " in script.output
    words = CliRunner().invoke(main, [], prog_name="tracker", env={
        "_TRACKER_COMPLETE": "bash_complete", "COMP_WORDS": "tracker ledger comm", "COMP_CWORD": "2"})
    assert "plain,commitments" in words.output.splitlines()
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "_TRACKER_COMPLETE=bash_source tracker" in docs and "_TRACKER_COMPLETE=zsh_source tracker" in docs
