"""`tracker ledger ...`: summaries, listings, one actor, and a commitment's thread, as users read them."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import record

from tracker.cli import main
from tracker.ledger.store import Ledger
from tracker.rulefiles import load_ruleset

BUNDLED = load_ruleset()

WIDE = {"COLUMNS": "1000"}  # no wrapping of long cells, so a row is one line


GENEVA = "China agreed in Geneva on Monday to ease restrictions on rare earth element exports."
APPROVAL = "China's State Council approved the Geneva agreement on Friday."
PENDING = "Lutnick said the deal still needs to be approved by President Trump."
ACCUSATION = ("The US accused China of failing to honor its commitment made in Geneva to ease restrictions "
              "on rare earth element exports.")
CLAIM = "\"We have reached a framework to implement the Geneva consensus,\" Lutnick said."

STORY = [  # name, date, records: hand-built as the extractor produces them
    ("geneva.txt", "2025-05-14", [
        record("geneva.txt", GENEVA, "commitment", "China", "ease restrictions on rare earth element exports",
               target="United States", when="on Monday")]),
    ("approval.txt", "2025-05-17", [
        record("approval.txt", APPROVAL, "approval", "State Council", "the Geneva agreement",
               actor_group="China", when="on Friday"),
        record("approval.txt", PENDING, "approval", "Donald Trump", "the deal", start=90,
               actor_group="United States", modality="pending")]),
    ("london.txt", "2025-06-11", [
        record("london.txt", ACCUSATION, "accusation", "United States",
               "failing to honor its commitment made in Geneva to ease restrictions on rare earth element exports",
               actor_text="The US", target="China", target_text="China"),
        record("london.txt", CLAIM, "claim", "Howard Lutnick",
               "We have reached a framework to implement the Geneva consensus", start=150,
               actor_group="United States")]),
]


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    path = tmp_path / "story.db"
    with Ledger(path, BUNDLED.links, BUNDLED.time) as ledger:
        for name, day, records in STORY:
            ledger.add_document(name, f"Date: {day}\n\n" + " ".join(r.sentence for r in records), day, records)
    return path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["ledger", *args], env={**WIDE, **(env or {})})


def rows(result: Result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_summary_counts_kinds_per_actor_most_active_first(ledger_path: Path):
    summary = rows(run("summary", "--ledger", str(ledger_path), "--format", "jsonl"))
    assert summary[0] == {"actor": "China", "commitment": 1, "accusation": 0, "approval": 0, "claim": 0, "total": 1}
    assert {row["actor"] for row in summary} == {"China", "State Council", "Donald Trump", "United States",
                                                 "Howard Lutnick"}
    assert sum(row["total"] for row in summary) == 5
    table = run("summary", "--ledger", str(ledger_path)).stdout
    assert table.splitlines()[0].split() == ["actor", "commitment", "accusation", "approval", "claim", "total"]


def test_listings_show_links_both_ways(ledger_path: Path):
    (commitment,) = rows(run("commitments", "--ledger", str(ledger_path), "--format", "jsonl"))
    (accusation,) = rows(run("accusations", "--ledger", str(ledger_path), "--format", "jsonl"))
    assert commitment["date"] == "2025-05-12"  # "on Monday" in a Wednesday article
    assert commitment["source"] == "geneva.txt:3"
    assert f"<- #{accusation['id']} accuses" in commitment["links"]
    assert accusation["links"].startswith(f"-> #{commitment['id']} (")


@pytest.mark.parametrize("args, actors", [
    (["approvals", "--actor", "China"], ["State Council"]),      # the actor's group counts
    (["approvals", "--actor", "united states"], ["Donald Trump"]),
    (["accusations", "--target", "China"], ["United States"]),
    (["accusations", "--target", "Japan"], []),
    (["approvals", "--since", "2025-05-17"], ["Donald Trump"]),
    (["approvals", "--until", "2025-05-16"], ["State Council"]),  # "on Friday" of a Saturday article
    (["claims", "--since", "2025-06-01", "--until", "2025-06-30"], ["Howard Lutnick"]),
    (["commitments", "--since", "2025-06-01"], []),
])
def test_listing_filters(ledger_path: Path, args: list[str], actors: list[str]):
    listed = rows(run(*args, "--ledger", str(ledger_path), "--format", "jsonl"))
    assert [row["actor"] for row in listed] == actors


def test_actor_shows_everything_an_actor_did_by_date(ledger_path: Path):
    listed = rows(run("actor", "United States", "--ledger", str(ledger_path), "--format", "jsonl"))
    assert [(row["kind"], row["actor"]) for row in listed] == [
        ("approval", "Donald Trump"), ("accusation", "United States"), ("claim", "Howard Lutnick")]
    assert [row["date"] for row in listed] == sorted(row["date"] for row in listed)


def test_thread_shows_the_chain_with_reasons(ledger_path: Path):
    (commitment,) = rows(run("commitments", "--ledger", str(ledger_path), "--format", "jsonl"))
    thread = rows(run("thread", str(commitment["id"]), "--ledger", str(ledger_path), "--format", "jsonl"))
    assert [(row["role"], row["actor"], row["date"]) for row in thread] == [
        ("made", "China", "2025-05-12"),
        ("approved", "State Council", "2025-05-16"),
        ("accused of breaking", "United States", "2025-06-11"),
    ]
    assert thread[0]["reason"] is None
    assert "both name Geneva" in thread[1]["reason"]
    assert "cue 'fail to honor'" in thread[2]["reason"] and thread[2]["score"] > thread[1]["score"]

    table = run("thread", str(commitment["id"]), "--ledger", str(ledger_path)).stdout.splitlines()
    assert table[0].split()[:4] == ["date", "role", "id", "actor"]
    assert "made" in table[2] and "approved" in table[3] and "accused of breaking" in table[4]
    assert "cue 'fail to honor'" in table[4]


def test_thread_includes_reaffirmations_from_either_end(ledger_path: Path):
    sentence = "China reaffirmed on Tuesday that it will ease restrictions on rare earth exports agreed in Geneva."
    with Ledger(ledger_path, BUNDLED.links, BUNDLED.time) as ledger:
        ledger.add_document("reaffirm.txt", "Date: 2025-05-28\n\n" + sentence, "2025-05-28", [
            record("reaffirm.txt", sentence, "commitment", "China", "ease restrictions on rare earth exports",
                   when="on Tuesday")])
    (original, restated) = rows(run("commitments", "--ledger", str(ledger_path), "--format", "jsonl"))
    assert f"-> #{original['id']} (" in restated["links"]
    chains = [
        [(row["role"], row["date"]) for row in
         rows(run("thread", str(commitment["id"]), "--ledger", str(ledger_path), "--format", "jsonl"))]
        for commitment in (original, restated)
    ]
    assert chains[0] == chains[1] == [
        ("made", "2025-05-12"), ("approved", "2025-05-16"), ("reaffirmed", "2025-05-27"),
        ("accused of breaking", "2025-06-11")]


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: out.splitlines()[0] == "date,role,id,actor,content,source,score,reason"),
    ("json", lambda out: [row["role"] for row in json.loads(out)] == ["made", "approved", "accused of breaking"]),
    ("github", lambda out: out.startswith("| date ")),
])
def test_thread_formats(ledger_path: Path, fmt: str, check):
    result = run("thread", "1", "--ledger", str(ledger_path), "--format", fmt)
    assert result.exit_code == 0 and check(result.stdout), result.output


def test_ledger_path_from_environment(ledger_path: Path):
    result = run("summary", "--format", "csv", env={"TRACKER_LEDGER": str(ledger_path)})
    assert result.exit_code == 0 and "China" in result.stdout


@pytest.mark.parametrize("args, message, code", [
    (["thread", "3"], "#3 is not a commitment but a record of kind approval", 2),
    (["thread", "4"], "it links to commitment #1", 2),
    (["thread", "99"], "no record #99 in the ledger", 2),
    (["actor", "Japan"], "no records of 'Japan' (Japan)", 1),
])
def test_wrong_ids_and_names_are_one_line_errors(ledger_path: Path, args: list[str], message: str, code: int):
    """A wrong id is a usage error (2); an actor with no records is a finding, as grep's 1."""
    result = run(*args, "--ledger", str(ledger_path))
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_missing_ledger_is_an_error_and_is_not_created(tmp_path: Path):
    missing = tmp_path / "typo.db"
    result = run("summary", "--ledger", str(missing))
    assert result.exit_code == 2
    assert "no ledger at" in result.stderr and "tracker scan" in result.stderr
    assert not missing.exists()


def test_file_that_is_not_a_ledger_is_a_one_line_error(tmp_path: Path):
    notes = tmp_path / "notes.db"
    notes.write_text("not sqlite\n" * 200)
    result = run("commitments", "--ledger", str(notes))
    assert result.exit_code == 2
    assert "not a usable ledger" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["commitments", "--since", "June 5"], ["summary", "--format", "yaml"]])
def test_bad_options_are_usage_errors(ledger_path: Path, args: list[str]):
    result = run(*args, "--ledger", str(ledger_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


ARTICLES = {  # three short articles: a commitment, its approval, a later accusation of breaking it
    "1-geneva.txt": """
        Date: 2025-05-12

        China agrees to ease rare earth export curbs in Geneva truce

        China agreed in Geneva on Monday to ease restrictions on rare earth element exports to the United States.
        """,
    "2-approval.txt": """
        Date: 2025-05-16

        Beijing ratifies Geneva deal

        China's State Council approved the Geneva agreement on Friday, state media reported.
        """,
    "3-accusation.txt": """
        Date: 2025-06-11

        The US accused China of failing to honor its commitment made in Geneva to ease restrictions on rare
        earth element exports.
        """,
}


def test_scanned_articles_make_a_thread_with_reasons(tmp_path: Path):
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    db = str(tmp_path / "story.db")
    scanned = CliRunner().invoke(main, ["scan", str(folder), "--ledger", db, "--format", "jsonl"])
    assert scanned.exit_code == 0, scanned.output
    rescanned = CliRunner().invoke(main, ["scan", str(folder), "--ledger", db, "--format", "jsonl"])
    assert rescanned.exit_code == 0, rescanned.output
    with Ledger(db) as ledger:
        assert ledger.connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 3

    commitments = rows(run("commitments", "--actor", "China", "--ledger", db, "--format", "jsonl"))
    (made,) = [row for row in commitments if "1-geneva.txt" in row["source"] and "accuses" in row["links"]][:1]
    result = run("thread", str(made["id"]), "--ledger", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[2:]
    chain = [re.match(r"\S+\s+(made|approved|accused of breaking)\s", line).group(1) for line in lines]
    assert chain == ["made", "approved", "accused of breaking"]
    assert ["1-geneva.txt" in lines[0], "2-approval.txt" in lines[1], "3-accusation.txt" in lines[2]] == [True] * 3
    assert "both name Geneva" in lines[1]
    assert "cue 'fail to honor'" in lines[2] and "dated 2025-05-12 before 2025-06-11" in lines[2]
