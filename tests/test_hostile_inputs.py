"""Hostile documents found by fuzzing: each fails (or is read) alone, and output never fails on text.

Every input here is generated at test time and tiny, like the issue's
reproductions; GOOD is a document with one accusation in it.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ceiling, record
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.output import Writer
from tracker.records import FIELDS

REPO = Path(__file__).resolve().parents[1]
GOOD = "The US accused China of dumping steel.\n"


def scan(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["scan", *args], input=input)


def docs_of(result) -> list[str]:
    return [Path(json.loads(line)["doc"]).name for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def shared_rules(monkeypatch, ruleset):
    monkeypatch.setattr("tracker.cli.common.load_ruleset", lambda folders, defaults=True: ruleset)


# --- failure 1: front matter that YAML cannot build ------------------------------------

@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025-06-11 25:00:00", "!!int abc", "9" * 5000,
                                   "[" * 3000 + "]" * 3000])
def test_front_matter_yaml_cannot_build_leaves_the_document_undated(tmp_path: Path, value: str):
    """As with a `Date:` header that names no day, the document is undated and still scanned; so is the next."""
    (tmp_path / "a.txt").write_text(f"---\ndate: {value}\n---\n{GOOD}")
    (tmp_path / "good.txt").write_text(GOOD)
    with ceiling(30):
        result = scan(str(tmp_path / "a.txt"), str(tmp_path / "good.txt"), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert docs_of(result) == ["a.txt", "good.txt"]


# --- failure 2: JSON Lines lines that raise something other than a decode error ---------

def test_json_lines_too_deep_or_with_a_huge_integer_fail_alone(tmp_path: Path):
    dump = tmp_path / "d.jsonl"
    dump.write_text("{\"text\": " + "[" * 100_000 + "}\n"
                    + json.dumps({"text": GOOD})[:-1] + ", \"n\": " + "9" * 5000 + "}\n"
                    + json.dumps({"text": GOOD, "id": "ok"}) + "\n")
    result = scan(str(dump), "-f", "jsonl")
    assert result.exit_code == 1
    assert docs_of(result) == ["d.jsonl#ok"]
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"tracker: {dump}:1: not JSON: ") and "nested" in line for line in lines)
    assert any(line.startswith(f"tracker: {dump}:2: not JSON: ") and "digits" in line for line in lines)
    assert lines[-1] == f"tracker: 2 input(s) failed: {dump}:1, {dump}:2"
    assert "Traceback" not in result.output


def test_stdin_whose_first_line_is_too_deep_for_json_is_read_as_text():
    result = scan("-", "-f", "jsonl", input="[" * 100_000 + "\n" + GOOD)
    assert result.exit_code == 0 and docs_of(result) == ["-"]


# --- failure 3: lone surrogates, and characters the output's encoding lacks -------------

SURROGATE_DUMP = '{"text": "The US accused China of dumping steel\\ud800.", "id": "s"}\n'


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "tsv", "simple", "github"])
def test_a_lone_surrogate_is_replaced_in_every_format(tmp_path: Path, fmt: str):
    """JSON can spell a lone surrogate, which no encoding writes: it is read as U+FFFD, one
    character for one, so offsets stay exact and every format (and the ledger) writes it."""
    dump = tmp_path / "s.jsonl"
    dump.write_text(SURROGATE_DUMP)
    result = scan(str(dump), "-f", fmt, "--ledger", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.output
    assert "steel\ufffd" in result.stdout


def test_characters_the_output_encoding_lacks_are_escaped(tmp_path: Path):
    """stdout in ASCII (an old terminal, PYTHONIOENCODING): a backslash escape instead of a traceback."""
    (tmp_path / "q.txt").write_text("The US accused China of dumping café steel.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "ascii"}
    for fmt in ("jsonl", "csv", "simple"):
        done = subprocess.run([sys.executable, "-m", "tracker", "scan", str(tmp_path / "q.txt"), "-f", fmt],
                              capture_output=True, env=env)
        assert done.returncode == 0, done.stderr
        assert b"caf\\xe9 steel" in done.stdout


# --- failure 7: CSV quoting, read back by Python's csv ----------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\r\n\",\t"), max_size=40),
       st.sampled_from(["csv", "tsv"]))
def test_csv_and_tsv_read_back_one_row_per_record_whatever_the_text(text: str, fmt: str):
    rec = record("a.txt", text, "claim", "US", text)
    out = io.StringIO(newline="")
    writer = Writer(out, fmt)
    writer.add([rec, rec])
    writer.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline=""), delimiter="," if fmt == "csv" else "\t"))
    assert len(rows) == 2
    assert all(row["sentence"] == text and row["content"] == text for row in rows)
    assert list(rows[0]) == list(FIELDS)


# --- failure 10: codecs that cannot decode text -----------------------------------------

@pytest.mark.parametrize("codec", ["punycode", "rot13", "no-such-codec"])
def test_an_unusable_encoding_is_a_usage_error(tmp_path: Path, codec: str):
    (tmp_path / "good.txt").write_text(GOOD)
    result = scan(str(tmp_path / "good.txt"), "--encoding", codec)
    assert result.exit_code == 2
    assert "--encoding" in result.stderr and codec in result.stderr and "Traceback" not in result.output
