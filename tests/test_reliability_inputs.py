"""Bad and hostile inputs: nothing crashes, and one bad file never costs the others.

Large inputs are generated here, at test time.  "Bounded time" is checked
with generous ceilings that only a hang or a blow-up would reach, or by
counting work; memory by tracemalloc.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ceiling, split_sentences

from tracker import document
from tracker.cli import main
from tracker.extract import Extractor
from tracker.reader import Document, InputError, read_documents
from tracker.records import Record

GOOD = "The US accused China of dumping steel.\n"


def scan(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, ["scan", *args], input=input)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def shared_rules(monkeypatch, ruleset):
    """The CLI scans with the bundled rules, loaded once for the session instead of once per scan."""
    monkeypatch.setattr("tracker.cli.common.load_ruleset", lambda folders, defaults=True, explainable=False: ruleset)


@pytest.fixture(scope="module")
def extractor(ruleset) -> Extractor:
    return Extractor(ruleset)


def assert_records_valid(text: str, records: list[Record]) -> None:
    """Every record's offsets give back its sentence, and that sentence is one the splitter made."""
    spans = {(s.start, s.end) for s in split_sentences(text)}
    for r in records:
        assert text[r.start:r.end] == r.sentence
        assert (r.start, r.end) in spans


def assert_failed_alone(result, bad: Path, message: str, good_docs: set[str]) -> None:
    """Exit 1, the good files' records printed, the bad one named on stderr and in the summary."""
    assert result.exit_code == 1
    assert {Path(r["doc"]).name for r in jsonl(result)} == good_docs
    lines = result.stderr.splitlines()
    assert f"tracker: {bad}: {message}" in lines[:-1] or any(
        line.startswith(f"tracker: {bad}: ") and message in line for line in lines[:-1])
    assert lines[-1].startswith("tracker: 1 input(s) failed: ") and str(bad) in lines[-1]
    assert "Traceback" not in result.output


# --- empty, binary, undecodable --------------------------------------------------

def test_empty_file_is_a_failed_input_and_the_rest_is_scanned(tmp_path):
    """A zero-byte file is most often a failed download or copy: the user is told, with exit 1."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n")
    (tmp_path / "good.txt").write_text(GOOD)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 1
    assert {r["doc"] for r in jsonl(result)} == {str(tmp_path / "good.txt")}
    assert f"{tmp_path / 'empty.txt'}: empty" in result.stderr and f"{tmp_path / 'blank.txt'}: empty" in result.stderr


def test_binary_file_fails_alone(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    bad = tmp_path / "b.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    (tmp_path / "c.txt").write_text(GOOD)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert_failed_alone(result, bad, "binary file (NUL bytes), not text", {"a.txt", "c.txt"})


def test_invalid_utf8_names_the_file_and_byte_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"The US accused China.\n caf\xe9 \xff")
    (tmp_path / "good.txt").write_text(GOOD)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert_failed_alone(result, bad, "cannot decode as utf-8 at byte 26 (try --encoding or --errors replace)",
                        {"good.txt"})


def test_byte_offset_counts_the_utf8_bom(tmp_path):
    bad = tmp_path / "bom.txt"
    bad.write_bytes(b"\xef\xbb\xbfab\xff")
    result = scan(str(bad))
    assert result.exit_code == 1
    assert f"tracker: {bad}: cannot decode as utf-8 at byte 5" in result.stderr


def test_encoding_option_reads_other_encodings(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Fran\u00e7ois Bayrou said the deal was good.\n".encode("latin-1"))
    assert scan(str(path)).exit_code == 1
    result = scan(str(path), "--encoding", "latin-1", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["sentence"] for r in jsonl(result)] == ["Fran\u00e7ois Bayrou said the deal was good."]


def test_errors_replace_scans_around_bad_bytes(tmp_path):
    path = tmp_path / "mixed.txt"
    data = b"Bad \xff byte here.\nThe US accused China of dumping steel.\n"
    path.write_bytes(data)
    result = scan(str(path), "--errors", "replace", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    text = data.decode("utf-8", "replace")
    records = jsonl(result)
    assert [(r["actor"], r["target"]) for r in records] == [("United States", "China")]
    assert all(text[r["start"]:r["end"]] == r["sentence"] for r in records)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    path = tmp_path / "u16.txt"
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    path.write_bytes(bom + GOOD.encode(codec))
    result = scan(str(path), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [(r["sentence"], r["start"]) for r in jsonl(result)] == [(GOOD.strip(), 0)]


def test_utf16_without_bom_is_binary_with_a_hint(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    result = scan(str(path))
    assert result.exit_code == 1 and "try --encoding utf-16" in result.stderr
    assert scan(str(path), "--encoding", "utf-16-le").exit_code == 0


def test_corrupt_gzip_fails_alone(tmp_path):
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(gzip.compress(GOOD.encode())[:-12] + b"garbage!")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = scan(str(bad), str(good), "-f", "jsonl")
    assert result.exit_code == 1
    assert {Path(r["doc"]).name for r in jsonl(result)} == {"good.txt"}
    assert f"tracker: {bad}: cannot read: " in result.stderr and "Traceback" not in result.output


def test_jsonl_bad_lines_fail_alone_with_their_byte_offset(tmp_path):
    path = tmp_path / "dump.jsonl"
    first = json.dumps({"id": "a", "text": GOOD}).encode() + b"\n"
    path.write_bytes(first + b'{"id": "b", "text": "caf\xff"}\n' + b"not json\n"
                     + json.dumps({"id": "c", "text": GOOD}).encode() + b"\n")
    result = scan(str(path), "-f", "jsonl")
    assert result.exit_code == 1
    assert [r["doc"] for r in jsonl(result)] == [f"{path}#a", f"{path}#c"]
    assert f"tracker: {path}:2: cannot decode as utf-8 at byte {len(first) + 24}" in result.stderr
    assert f"tracker: {path}:3: not JSON" in result.stderr
    assert result.stderr.splitlines()[-1] == f"tracker: 2 input(s) failed: {path}:2, {path}:3"


def test_failed_inputs_do_not_lose_the_ledger_of_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02")
    ledger = tmp_path / "story.db"
    result = scan(str(tmp_path), "--ledger", str(ledger), "-f", "jsonl")
    assert result.exit_code == 1
    with contextlib.closing(sqlite3.connect(ledger)) as db:
        assert [row[0] for row in db.execute("SELECT name FROM documents")] == [str(tmp_path / "a.txt")]


def test_missing_and_unreadable_inputs_fail_alone(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = scan(str(tmp_path / "nope.txt"), str(good), "-f", "jsonl")
    assert result.exit_code == 1
    assert [Path(r["doc"]).name for r in jsonl(result)] == ["good.txt"]
    assert f"tracker: {tmp_path / 'nope.txt'}: no such file or folder" in result.stderr


# --- size ---------------------------------------------------------------------------

def test_50mb_file_is_read_in_bounded_memory(tmp_path):
    """Reading holds a file's bytes and its text at once, then only the text:
    the peak stays under 2.5 times the file's size, whatever the size."""
    path = tmp_path / "big.txt"
    paragraph = ("The US accused China of dumping steel, and officials said talks would go on. " * 8 + "\n\n")
    size = 50 * 1024 * 1024
    with path.open("w", encoding="utf-8") as out:
        for _ in range(size // len(paragraph)):
            out.write(paragraph)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        docs = read_documents([str(path)])
        doc = next(docs)
        held, peak = tracemalloc.get_traced_memory()
        assert next(docs, None) is None
    finally:
        tracemalloc.stop()
    assert isinstance(doc, Document) and len(doc.text) == size
    assert peak < 2.5 * size
    assert held < 1.2 * size


def test_one_megabyte_line_without_punctuation(extractor):
    text = "China " + "word " * 200_000
    with ceiling(120):
        records = extractor.extract("long", text)
    assert_records_valid(text, records)
    assert len(split_sentences(text)) == 1


def test_thousands_of_unbalanced_quote_marks_across_sentences(extractor):
    text = 'China said "we will cut tariffs. ' * 1500 + '“' * 1000 + " The US said “no.\n"
    with ceiling(120):
        records = extractor.extract("quotes", text)
    assert_records_valid(text, records)


class CountingList(list):
    """A token list that counts the tokens looked at, by iteration or by index."""

    looked = 0

    def __iter__(self):
        for item in super().__iter__():
            CountingList.looked += 1
            yield item

    def __getitem__(self, index):
        CountingList.looked += 1
        return super().__getitem__(index)


def test_quote_marks_in_one_sentence_cost_linear_work(extractor, monkeypatch):
    """Doubling the quote marks should no more than double the tokens looked at."""
    real = document.attribute
    monkeypatch.setattr(document, "attribute", lambda quote, toks, *rest: real(quote, CountingList(toks), *rest))

    def work(n: int) -> int:
        CountingList.looked = 0
        extractor.extract("q", '"' * n + " China said no " + "“" * n)
        return CountingList.looked
    small, large = work(300), work(600)
    assert small > 0
    assert large < 3 * small


def test_deeply_nested_parentheses(extractor):
    text = "(" * 5000 + "China said it will cut tariffs." + ")" * 5000 + "\n" + "[" * 3000 + "The US accused China."
    with ceiling(120):
        records = extractor.extract("parens", text)
    assert_records_valid(text, records)


# --- scripts and invisible characters ----------------------------------------------------

def test_zero_width_and_right_to_left_characters(extractor):
    text = ("\u200fThe US\u200b accused China of dumping steel.\u200e\n"
            "\u202eJapan said it will lift curbs.\u202c \ufeffKorea\u2060 said \u2067no\u2069.\n"
            "\u05d9\u05e9\u05e8\u05d0\u05dc said it will talk. \u0645\u0635\u0631 accused Japan.\n")
    records = extractor.extract("invisible", text)
    assert_records_valid(text, records)
    assert ("accusation", "United States", "China") in {(r.kind, r.actor, r.target) for r in records}


def test_chinese_text_with_english_names(extractor):
    text = ("美国商务部长 Howard Lutnick 周二表示。Howard Lutnick said the framework adds substance.\n"
            "中国 accused the US of dumping steel。李强说：“我们会合作。”\n")
    records = extractor.extract("mixed", text)
    assert_records_valid(text, records)
    assert ("claim", "Howard Lutnick") in {(r.kind, r.actor) for r in records}


def test_read_documents_yields_errors_in_place(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\xff")
    (tmp_path / "c.txt").write_text(GOOD)
    items = list(read_documents([str(tmp_path)]))
    assert [type(i) for i in items] == [Document, InputError, Document]


@pytest.mark.parametrize("error, message", [
    (RecursionError("maximum recursion depth exceeded"), "could not be scanned (RecursionError"),
    (KeyError("cue"), "internal error: KeyError: 'cue'; please report it"),  # a bug: told as tracker's
])
def test_a_document_the_extractor_chokes_on_costs_only_itself(tmp_path, monkeypatch, error, message):
    """An error on one document is reported as that input's failure; the other
    documents are still scanned and printed, and the exit code is 1."""
    from tracker.extract import Extractor

    real = Extractor.extract_pieces

    def choke(self, doc, text):
        if doc.endswith("bad.txt"):
            raise error
        yield from real(self, doc, text)
    monkeypatch.setattr(Extractor, "extract_pieces", choke)
    (tmp_path / "bad.txt").write_text("The US accused China of dumping steel.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Japan accused Korea of dumping chips.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    assert f"bad.txt: {message}" in result.stderr
    assert '"actor": "Japan"' in result.stdout
