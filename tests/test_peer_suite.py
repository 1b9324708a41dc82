"""tools/peer_suite.py: its counting on hand-made records, and its report on the real peer suite.

The suite itself lives in ../shared/eval/peer and is never copied here; the
tests that need it skip when it is absent.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main as tracker_main
from tracker.records import KINDS, Record

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "tools" / "peer_suite.py"
SHARED = Path(__file__).resolve().parents[2] / "shared"
PEER_SCORE = SHARED / "eval" / "peer_score.py"

_spec = importlib.util.spec_from_file_location("peer_suite", SCRIPT)
peer_suite = importlib.util.module_from_spec(_spec)
sys.modules["peer_suite"] = peer_suite  # its dataclasses look their module up while being built
_spec.loader.exec_module(peer_suite)

# The suite's kind map, restated so the unit tests do not need ../shared.
MAPPING = {"accusation": "accusation", "accusation_weak": "accusation", "commitment": "commitment",
           "agreement": "commitment", "approval": "approval", "claim": "claim"}

HEADER = re.compile(r"^== (\w+): (\d+) sentences ==$")
EXPECTED_LINE = re.compile(r"^(\w+)\s+(\w+)\s+(\d+)\s+(\d+)\s+(\S+)$")
ALARM_LINE = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)$")
NONE_LINE = re.compile(r"^none-sentences with any record: (\d+) of (\d+)$")


def record(kind: str, actor: str = "Freedonia") -> Record:
    return Record(doc="t.txt", sentence="", start=0, end=0, kind=kind, actor=actor, actor_text=actor,
                  actor_group=None, target=None, target_text=None, content="", speaker=None,
                  modality="asserted", condition=None, when=None, rule=f"test/{kind}")


def sentence(n: int, kinds: list[str], produced: list[Record], text_type: str = "constructed",
             outcome: str | None = None):
    primary = kinds[0] if kinds else "none"
    peer = {"id": f"hand:{n}", "kind": primary, "kinds": kinds or ["none"], "text_type": text_type,
            "text": f"Made-up sentence number {n}.",
            "expected_outcome": outcome or ("events" if kinds else "no_events")}
    return peer_suite.Sentence(f"peer-{n}", peer, produced)


def test_count_hits_misses_and_false_alarms():
    tally = peer_suite.count([
        sentence(1, ["accusation_weak", "commitment"], [record("accusation"), record("commitment")]),
        sentence(2, ["agreement"], [record("claim"), record("claim", "Sylvania")]),
        sentence(3, [], []),
        sentence(4, [], [record("approval")]),
        sentence(5, ["other"], []),
        sentence(6, ["claim"], [record("claim")]),
        sentence(7, ["other", "other"], [record("commitment"), record("commitment", "Sylvania")]),
        sentence(8, [], [record("claim")], outcome="complex"),
    ], MAPPING)
    assert tally.sentences == 8
    assert tally.expected == Counter({"accusation_weak": 1, "agreement": 1, "claim": 1})
    assert tally.found == Counter({"accusation_weak": 1, "claim": 1})
    assert [s.stem for s in tally.misses["agreement"]] == ["peer-2"]
    # sentence 1's commitment is expected (a secondary kind), so it is no false alarm
    assert tally.alarm_records == Counter({"claim": 3, "approval": 1})
    assert tally.alarm_sentences == Counter({"claim": 2, "approval": 1})
    # sentences 5 and 7 have only events of kinds mapped to nothing: not judged, counted apart
    assert tally.not_expecting == Counter({"commitment": 4, "accusation": 5, "approval": 6, "claim": 5})
    assert tally.unjudged_total == 2
    assert tally.unjudged_records == Counter({"commitment": 2})
    assert tally.unjudged_sentences == Counter({"commitment": 1})
    assert (tally.none_hit, tally.none_total) == (2, 3)
    # sentence 8 is a complex sentence the coders leave uncoded, and its record a claim
    assert (tally.no_events_hit, tally.no_events_total) == (1, 2)
    assert tally.none_beyond_claims == 1


def test_report_lines_are_consistent():
    tally = peer_suite.count([sentence(1, ["approval"], [record("approval")]), sentence(2, ["approval"], [])],
                             MAPPING)
    block = parse_blocks(peer_suite.report("all", tally, MAPPING))["all"]
    assert block["expected"]["approval"] == (1, 2)
    assert block["expected"]["all"] == (1, 2)
    assert block["none"] == (0, 0)


def test_examples_are_truncated():
    long = sentence(1, ["claim"], [])
    long.peer["text"] = "word " * 60
    lines = peer_suite.examples(peer_suite.count([long], MAPPING), 1)
    miss = [line for line in lines if line.startswith("miss")]
    assert len(miss) == 1 and miss[0].endswith("…")
    assert len(miss[0].split("] ", 1)[1]) == peer_suite.SNIPPET


def test_missing_shared_exits_2(tmp_path, capsys):
    assert peer_suite.main(["--shared", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("peer_suite: no peer suite under") and "\n" not in err


def parse_blocks(lines: list[str]) -> dict[str, dict]:
    """Report blocks by title: expected kind -> (found, expected), our kind -> alarm numbers, none line."""
    blocks: dict[str, dict] = {}
    current: dict = {}
    for line in lines:
        if line.startswith("== examples"):
            break
        if m := HEADER.match(line):
            current = blocks[m[1]] = {"sentences": int(m[2]), "expected": {}, "alarms": {}, "none": None}
        elif (m := EXPECTED_LINE.match(line)) and m[1] in peer_suite.EXPECTED_KINDS:
            current["expected"][m[1]] = (int(m[3]), int(m[4]))
        elif (m := re.match(r"^all\s+(\d+)\s+(\d+)\s+(\S+)$", line)):
            current["expected"]["all"] = (int(m[1]), int(m[2]))
        elif (m := ALARM_LINE.match(line)) and m[1] in KINDS:
            current["alarms"][m[1]] = (int(m[2]), int(m[3]), int(m[4]))
        elif m := NONE_LINE.match(line):
            current["none"] = (int(m[1]), int(m[2]))
    return blocks


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--shared", str(SHARED), *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def suite_run() -> subprocess.CompletedProcess:
    if not PEER_SCORE.is_file() or not (SHARED / "eval" / "peer" / "cameo_validation.jsonl").is_file():
        pytest.skip(f"no peer suite under {SHARED}")
    return run_script("--errors", "2")


def test_real_suite_has_a_consistent_line_per_kind(suite_run):
    assert suite_run.returncode == 0, suite_run.stderr
    blocks = parse_blocks(suite_run.stdout.splitlines())
    assert list(blocks) == ["all", "news", "constructed", "fictional"]
    for title, block in blocks.items():
        assert set(block["expected"]) == set(peer_suite.EXPECTED_KINDS) | {"all"}, title
        assert set(block["alarms"]) == set(KINDS), title
        for found, expected in block["expected"].values():
            assert 0 <= found <= expected
        for records, sentences, not_expecting in block["alarms"].values():
            assert sentences <= records and sentences <= not_expecting <= block["sentences"]
        hit, total = block["none"]
        assert hit <= total <= block["sentences"]
    whole = blocks["all"]
    assert whole["sentences"] == sum(blocks[t]["sentences"] for t in peer_suite.TEXT_TYPES)
    for kind in peer_suite.EXPECTED_KINDS:
        for i in (0, 1):
            assert whole["expected"][kind][i] == sum(blocks[t]["expected"][kind][i] for t in peer_suite.TEXT_TYPES)


def test_real_suite_prints_examples(suite_run):
    examples = suite_run.stdout.split("== examples", 1)[1].splitlines()[1:]
    assert any(line.startswith("miss ") for line in examples)
    assert all(line.split()[0] in ("miss", "alarm") for line in examples)


def test_real_suite_agrees_with_the_shared_scorer(suite_run, tmp_path):
    """The CLI route through peer_score.py export/score gives the same found-of-total figures."""
    exported = tmp_path / "peer"
    subprocess.run([sys.executable, str(PEER_SCORE), "export", str(exported)], check=True)
    scan = CliRunner().invoke(tracker_main, ["scan", str(exported), "--format", "jsonl"])
    assert scan.exit_code == 0, scan.stderr
    pred = tmp_path / "pred.jsonl"
    pred.write_text(scan.stdout, encoding="utf-8")
    scored = subprocess.run([sys.executable, str(PEER_SCORE), "score", str(pred)],
                            capture_output=True, text=True, check=True).stdout
    theirs = {m[1]: (int(m[2]), int(m[3])) for m in re.finditer(r"^(\w+)\s+found\s+(\d+) of\s+(\d+)", scored, re.M)}
    ours = parse_blocks(suite_run.stdout.splitlines())["all"]
    for kind, figures in theirs.items():
        assert ours["expected"][kind] == figures, kind
    assert ours["none"] == tuple(map(int, re.search(r"a record: (\d+) of (\d+)", scored).groups()))


def test_subset_prints_one_block(suite_run):
    news = run_script("--subset", "news")
    assert news.returncode == 0, news.stderr
    blocks = parse_blocks(news.stdout.splitlines())
    assert list(blocks) == ["news"]
    assert blocks["news"] == parse_blocks(suite_run.stdout.splitlines())["news"]
