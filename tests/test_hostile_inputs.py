"""Hostile documents found by fuzzing: each fails (or is read) alone, and output never fails on text.

Every input here is generated at test time and tiny, like the issue's
reproductions; GOOD is a document with one accusation in it.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ceiling, record
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.bounded import DEFAULT_MAX_DOC_BYTES
from tracker.cli import main
from tracker.output import Writer
from tracker.reader import Document, InputError, read_documents
from tracker.records import FIELDS

REPO = Path(__file__).resolve().parents[1]
GOOD = "The US accused China of dumping steel.\n"


def scan(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["scan", *args], input=input)


def docs_of(result) -> list[str]:
    return [Path(json.loads(line)["doc"]).name for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def shared_rules(monkeypatch, ruleset):
    monkeypatch.setattr("tracker.cli.common.load_ruleset", lambda folders, defaults=True, explainable=False: ruleset)


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


def test_a_first_article_whose_text_is_no_string_fails_alone(tmp_path: Path):
    """Only a first article without the text field means the field was named wrong for the whole dump."""
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": 5}) + "\n" + json.dumps({"text": GOOD, "id": "ok"}) + "\n")
    result = scan(str(dump), "-f", "jsonl")
    assert result.exit_code == 1
    assert docs_of(result) == ["d.jsonl#ok"]
    assert f"tracker: {dump}:1: text field 'text' holds no string" in result.stderr.splitlines()


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


# --- a bug met on one document is told as tracker's, not as the input's ---------------

def test_a_programming_error_reading_one_input_is_reported_as_internal(tmp_path: Path, monkeypatch):
    def buggy(text):
        raise TypeError("no page")
    monkeypatch.setattr("tracker.reader.read_page", buggy)
    (tmp_path / "bad.html").write_text("<html><body><p>" + GOOD + "</p></body></html>")
    (tmp_path / "good.txt").write_text(GOOD)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 1 and docs_of(result) == ["good.txt"]
    assert f"tracker: {tmp_path / 'bad.html'}: internal error: TypeError: no page; please report it" in result.stderr


# --- failure 10: symbolic links out of a scanned folder ---------------------------------

@pytest.fixture
def linked_tree(tmp_path: Path) -> Path:
    """A folder with its own file, a link inside it, and links to a file and a folder outside it."""
    outside, tree = tmp_path / "outside", tmp_path / "tree"
    (outside / "d").mkdir(parents=True)
    (tree / "sub").mkdir(parents=True)
    for path in (outside / "secret.txt", outside / "d" / "deep.txt", tree / "own.txt"):
        path.write_text(GOOD)
    (tree / "link.txt").symlink_to(outside / "secret.txt")
    (tree / "dirlink").symlink_to(outside / "d")
    (tree / "sub" / "inside.txt").symlink_to(tree / "own.txt")
    (tree / "sub" / "loop").symlink_to(tree)
    return tree


def test_a_folder_scan_does_not_follow_links_out_of_the_folder(linked_tree: Path):
    result = scan(str(linked_tree), "-f", "jsonl")
    assert result.exit_code == 0
    assert sorted(json.loads(line)["doc"] for line in result.stdout.splitlines()) == [
        str(linked_tree / "own.txt"), str(linked_tree / "sub" / "inside.txt")]


def test_follow_links_reads_what_links_bring_in_once(linked_tree: Path):
    with ceiling(60):  # the link back up the tree is not walked round and round
        result = scan(str(linked_tree), "-f", "jsonl", "--follow-links")
    assert result.exit_code == 0
    assert sorted(Path(json.loads(line)["doc"]).relative_to(linked_tree).as_posix()
                  for line in result.stdout.splitlines()) == ["dirlink/deep.txt", "link.txt", "own.txt",
                                                              "sub/inside.txt"]


# --- failure 10: one huge line in a compressed dump -------------------------------------

def test_a_line_past_max_doc_bytes_is_refused_alone_without_reading_it_whole(tmp_path: Path):
    dump = tmp_path / "big.jsonl.gz"
    with gzip.open(dump, "wt") as out:
        out.write(json.dumps({"id": "big", "text": "x" * 30_000_000}) + "\n")
        out.write(json.dumps({"id": "ok", "text": GOOD}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_documents([str(dump)], max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{dump}:1: line longer than --max-doc-bytes (1000000 bytes), skipped; raise the limit to read it"]
    assert [d.name for d in items if isinstance(d, Document)] == [f"{dump}#ok"]
    assert peak < 10_000_000, "the long line was never held whole"


@pytest.mark.parametrize("name", ["big.txt", "big.txt.gz"])
def test_a_file_past_max_doc_bytes_is_refused_alone(tmp_path: Path, name: str):
    data = (GOOD * 100).encode()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (tmp_path / "good.txt").write_text(GOOD)
    result = scan(str(tmp_path / name), str(tmp_path / "good.txt"), "-f", "jsonl", "--max-doc-bytes", "1000")
    assert result.exit_code == 1 and docs_of(result) == ["good.txt"]
    assert (f"tracker: {tmp_path / name}: larger than --max-doc-bytes (1000 bytes), not read; raise the limit to "
            "read it") in result.stderr


def test_max_doc_bytes_has_a_documented_default():
    result = CliRunner().invoke(main, ["scan", "--help"])
    assert "--max-doc-bytes" in result.output and str(DEFAULT_MAX_DOC_BYTES) in result.output


def test_deeply_nested_front_matter_is_refused_at_once():
    """Nesting past libyaml's 1,000 levels is refused in milliseconds; pure-Python YAML recursed for seconds."""
    from tracker.docdate import document_date

    with ceiling(1):
        assert document_date("---\ndate: " + "[" * 3000 + "]" * 3000 + "\n---\n" + GOOD) is None
