"""The Python API: tracker.scan, tracker.load_rules, tracker.to_dataframe and the Record type."""
from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

import pytest
from click.testing import CliRunner
from helpers import write

import tracker
import tracker.api
from tracker.cli import main
from tracker.reader import InputError
from tracker.records import FIELDS, KINDS, MODALITIES
from tracker.rulefiles import RuleError, RuleSet

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ACCUSATION = "The US accused China of dumping steel."
COMMITMENT = "Japan will cut tariffs on rice."

THREATS = """
    kind: accusation
    rules:
      - id: threatened
        pattern: "{actor} ...3 <threaten> {target} with {content:clause}"
    """


def kinds_and_docs(records) -> list[tuple[str, str]]:
    return [(r.doc, r.kind) for r in records]


# --- the surface ---------------------------------------------------------------

def test_exports_exactly_the_api():
    assert tracker.__all__ == ["scan", "load_rules", "to_dataframe", "Record", "RuleSet", "RuleError"]
    assert tracker.RuleSet is RuleSet and tracker.RuleError is RuleError
    assert tracker.scan is tracker.api.scan
    assert set(tracker.__all__) <= set(dir(tracker))
    with pytest.raises(AttributeError):
        tracker.Extractor  # noqa: B018 - the engine stays out of the API


def test_import_tracker_loads_no_engine_and_no_pandas():
    """`import tracker` stays cheap: the API's modules load on first use."""
    code = "import sys, tracker; print(sorted(m.split('.')[0] for m in sys.modules if m.startswith(('tracker', " \
           "'pandas', 'pyparsing', 'jsonschema', 'yaml'))))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "['tracker']"


def test_record_kind_and_modality_are_typed_as_their_values():
    hints = get_type_hints(tracker.Record)
    assert get_origin(hints["kind"]) is Literal and get_args(hints["kind"]) == KINDS
    assert get_origin(hints["modality"]) is Literal and get_args(hints["modality"]) == MODALITIES
    assert hints["start"] is int and hints["target"] == str | None


# --- scan ------------------------------------------------------------------------

def test_scan_gives_the_records_the_command_line_prints(ruleset):
    result = CliRunner().invoke(main, ["scan", str(SEEDS), "--format", "jsonl"])
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.to_dict() for r in tracker.scan(str(SEEDS), ruleset)] == printed
    assert [r.to_dict() for r in tracker.scan([SEEDS], ruleset)] == printed  # os.PathLike in a list


def test_scan_is_lazy_a_text_is_read_only_when_its_records_are_wanted(ruleset):
    pulled = []

    def texts():
        for text in (ACCUSATION, COMMITMENT):
            pulled.append(text)
            yield text
    records = tracker.scan(texts=texts(), rules=ruleset)
    assert inspect.isgenerator(records) and pulled == []
    assert next(records).kind == "accusation"
    assert pulled == [ACCUSATION]


def test_texts_are_named_and_come_after_the_inputs(ruleset, tmp_path):
    story = write(tmp_path / "story.txt", ACCUSATION)
    records = tracker.scan(story, ruleset, texts=[COMMITMENT, ("mine", ACCUSATION)])
    assert kinds_and_docs(records) == [(str(story), "accusation"), ("<text 1>", "commitment"),
                                       ("mine", "accusation")]
    assert kinds_and_docs(tracker.scan(texts={"a": ACCUSATION, "b": COMMITMENT}, rules=ruleset)) == \
        [("a", "accusation"), ("b", "commitment")]
    assert kinds_and_docs(tracker.scan(texts=COMMITMENT, rules=ruleset)) == [("<text 1>", "commitment")]


def test_a_string_input_is_always_a_path_never_a_text(ruleset):
    failures: list[InputError] = []
    assert list(tracker.scan(ACCUSATION, ruleset, on_error=failures.append)) == []
    assert [(f.name, f.message) for f in failures] == [(ACCUSATION, "no such file or folder")]


def test_an_input_that_is_no_path_is_a_type_error_pointing_at_texts(ruleset):
    with pytest.raises(TypeError, match="texts="):
        tracker.scan([b"seeds/"], ruleset)
    with pytest.raises(TypeError, match="texts: item 1 is int"):
        list(tracker.scan(texts=[3], rules=ruleset))


def test_jsonl_dump_with_other_field_names(ruleset, tmp_path):
    dump = tmp_path / "news.jsonl"
    dump.write_text(json.dumps({"key": "a1", "body": ACCUSATION}) + "\n{not json\n", encoding="utf-8")
    failures: list[InputError] = []
    records = list(tracker.scan(dump, ruleset, text_field="body", id_field="key", on_error=failures.append))
    assert kinds_and_docs(records) == [(f"{dump}#a1", "accusation")]
    assert [f.name for f in failures] == [f"{dump}:2"]


def test_undecodable_bytes_are_replaced_when_asked(ruleset, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff " + ACCUSATION.encode())
    failures: list[InputError] = []
    assert list(tracker.scan(bad, ruleset, on_error=failures.append)) == [] and "cannot decode" in failures[0].message
    assert [r.kind for r in tracker.scan(bad, ruleset, errors="replace")] == ["accusation"]


# --- failures and warnings ---------------------------------------------------

def test_an_unreadable_input_is_a_warning_and_the_other_inputs_are_scanned(ruleset, tmp_path):
    story = write(tmp_path / "story.txt", ACCUSATION)
    with pytest.warns(UserWarning, match="nope.txt: no such file or folder") as caught:
        records = list(tracker.scan([tmp_path / "nope.txt", story], ruleset))
    assert kinds_and_docs(records) == [(str(story), "accusation")]
    assert caught[0].filename == __file__  # it points at the caller's line, not at tracker's


def test_a_failure_is_reported_before_the_records_of_later_inputs(ruleset, tmp_path):
    first, last = write(tmp_path / "a.txt", ACCUSATION), write(tmp_path / "c.txt", COMMITMENT)
    events: list[str] = []
    for record in tracker.scan([first, tmp_path / "b.txt", last], ruleset,
                               on_error=lambda failure: events.append(f"failed {Path(failure.name).name}")):
        events.append(f"record {Path(record.doc).name}")
    assert events == ["record a.txt", "failed b.txt", "record c.txt"]


def test_an_on_error_callback_that_raises_stops_the_scan(ruleset, tmp_path):
    def fail_fast(failure: InputError) -> None:
        raise FileNotFoundError(failure.name)
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        list(tracker.scan([tmp_path / "nope.txt", SEEDS], ruleset, on_error=fail_fast))


def test_a_rule_over_its_time_budget_is_a_warning(ruleset):
    with pytest.warns(UserWarning, match=r"<text 1>:1: warning: rule accusations/accused-of stopped"):
        records = list(tracker.scan(texts=ACCUSATION, rules=ruleset, time_budget=1e-9))
    assert "accusations/accused-of" not in {r.rule for r in records}


# --- rules -----------------------------------------------------------------------

def test_a_loaded_ruleset_is_used_as_it_is(ruleset, monkeypatch):
    def no_loading(*args, **kwargs):
        raise AssertionError("scan loaded rules although it was given a RuleSet")
    monkeypatch.setattr(tracker.api, "load_ruleset", no_loading)
    assert [r.kind for r in tracker.scan(texts=ACCUSATION, rules=ruleset)] == ["accusation"]
    with pytest.raises(ValueError, match="defaults=False"):
        tracker.scan(texts=ACCUSATION, rules=ruleset, defaults=False)


def test_rule_folders_add_to_the_bundled_rules_or_replace_them(tmp_path):
    write(tmp_path / "mine" / "threats.yaml", THREATS)
    text = "Washington threatened Tokyo with tariffs on electronics."
    with_defaults = list(tracker.scan(texts=text, rules=tmp_path / "mine"))
    assert [(r.rule, r.actor, r.target) for r in with_defaults] == [("threats/threatened", "United States", "Japan")]
    alone = tracker.load_rules([tmp_path / "mine"], defaults=False)
    assert [r.id for r in alone.rules] == ["threats/threatened"]
    without_lexicon = list(tracker.scan(texts=text, rules=alone))  # names stay as written
    assert [(r.rule, r.actor, r.target) for r in without_lexicon] == [("threats/threatened", "Washington", "Tokyo")]


def test_load_rules_reports_every_mistake_at_once(tmp_path):
    write(tmp_path / "a.yaml", THREATS.replace("<threaten>", "<threaten"))
    write(tmp_path / "b.yaml", THREATS.replace("kind: accusation", "kind: threat"))
    with pytest.raises(RuleError) as caught:
        tracker.load_rules(tmp_path)
    where = sorted((Path(d.path).name, d.line) for d in caught.value.diagnostics)
    assert where == [("a.yaml", 4), ("b.yaml", 1)]


def test_scan_loads_its_rules_when_called_not_when_read(tmp_path):
    write(tmp_path / "a.yaml", THREATS.replace("<threaten>", "<threaten"))
    with pytest.raises(RuleError):
        tracker.scan(texts=ACCUSATION, rules=tmp_path)


def test_rule_file_warnings_are_python_warnings(tmp_path):
    write(tmp_path / "slow.yaml", THREATS.replace("...3 <threaten>", "...3 ...2 <threaten>"))
    with pytest.warns(UserWarning, match="two gaps in a row"):
        tracker.load_rules(tmp_path)


# --- to_dataframe ----------------------------------------------------------------

def test_dataframe_has_the_contract_columns_and_one_row_per_record(ruleset):
    pytest.importorskip("pandas")
    records = list(tracker.scan(SEEDS, ruleset))
    frame = tracker.to_dataframe(records)
    assert list(frame.columns) == list(FIELDS)
    as_values = frame.astype(object).where(frame.notna(), None)  # pandas shows a missing value as NaN or None
    assert as_values.to_dict("records") == [r.to_dict() for r in records]
    counts = frame.groupby("kind").size().to_dict()
    assert counts == {k: sum(r.kind == k for r in records) for k in KINDS}


def test_dataframe_of_no_records_still_has_the_columns():
    pytest.importorskip("pandas")
    frame = tracker.to_dataframe(iter([]))
    assert list(frame.columns) == list(FIELDS) and len(frame) == 0


def test_dataframe_without_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'tracker\[pandas\]'"):
        tracker.to_dataframe([])
