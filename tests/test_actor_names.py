"""--actor and `tracker ledger actor` take the names the news writes, whole, unless --substring is asked for."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.actornames import ActorNames
from tracker.actors import Lexicon
from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
STORY = """
    Tokyo promised to cut tariffs on American rice by half next year.

    Japanese officials accused Washington of blocking the talks in Geneva.

    The House of Representatives accused Russia of dumping steel.

    John Dawkins said the deal would help farmers.
    """


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def found(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def names_of(record: dict) -> set[str]:
    return {record["actor"], record["target"], record["actor_group"]} - {None}


@pytest.fixture(scope="module")
def seed() -> list[dict]:
    return found(run("scan", str(SEEDS), "-f", "jsonl"))


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("story") / "story.txt", STORY)


@pytest.mark.parametrize("name", ["US", "U.S.", "us", "Washington", "White House", "American officials",
                                  "the American officials", "United States", "united states"])
def test_every_name_of_the_united_states_finds_its_records_and_only_them(name: str, seed: list[dict]):
    expected = [r for r in seed if "United States" in names_of(r)]
    assert expected
    assert found(run("scan", str(SEEDS), "-f", "jsonl", "--actor", name)) == expected


def test_a_name_is_matched_whole_not_inside_other_names(story: Path):
    records = found(run("scan", str(story), "-f", "jsonl", "--actor", "US"))
    assert records and all("United States" in names_of(r) for r in records)
    everything = found(run("scan", str(story), "-f", "jsonl"))
    others = [r for r in everything if "United States" not in names_of(r)]
    assert any("House" in r["actor"] or "Russia" in names_of(r) or "Dawkins" in r["actor"] for r in others), \
        "the story holds the names 'US' is a substring of"


def test_a_capital_means_its_country(story: Path):
    records = found(run("scan", str(story), "-f", "jsonl", "--actor", "Tokyo"))
    assert {r["kind"] for r in records} == {"commitment", "accusation"}
    assert all("Japan" in names_of(r) for r in records)
    assert found(run("scan", str(story), "-f", "jsonl", "--actor", "Japan")) == records


def test_substring_search_is_asked_for(story: Path):
    assert found(run("scan", str(story), "-f", "jsonl", "--actor", "Daw")) == []
    records = found(run("scan", str(story), "-f", "jsonl", "--actor", "Daw", "--substring"))
    assert records and all("Dawkins" in r["actor"] for r in records)
    assert run("scan", str(story), "--substring").exit_code == 2  # without --actor it means nothing


def test_a_name_the_story_gives_a_person_finds_them(seed: list[dict]):
    expected = [r for r in seed if "Howard Lutnick" in names_of(r)]
    assert expected and {r["actor_text"] for r in expected} > {"Lutnick"}
    assert found(run("scan", str(SEEDS), "-f", "jsonl", "--actor", "Lutnick")) == expected


def test_a_pronoun_the_story_uses_is_no_name(ruleset):
    """Inside a quotation "us" may mean China; the query "US" still means only the United States."""
    names = ActorNames(["US"], Lexicon(ruleset.lexicons), ruleset.words)
    names.learn("China", "us")
    names.learn("China", "We")
    assert set(names.meant.values()) == {"United States"}


@pytest.fixture(scope="module")
def ledger(story: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "story.db"
    result = run("scan", str(story), str(SEEDS), "--ledger", str(path), "--date", "2025-06-11", "-q")
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("name", ["Tokyo", "Japanese officials", "Japan"])
def test_ledger_actor_takes_the_same_names(ledger: Path, name: str):
    records = found(run("ledger", "actor", name, "--ledger", str(ledger), "-f", "jsonl"))
    assert records and {r["actor"] for r in records} == {"Japan"}


def test_ledger_listings_filter_by_names(ledger: Path):
    listed = found(run("ledger", "accusations", "--ledger", str(ledger), "-f", "jsonl", "--actor", "Tokyo",
                       "--target", "Washington"))
    assert [(r["actor"], r["target"]) for r in listed] == [("Japan", "United States")]
    by_group = found(run("ledger", "claims", "--ledger", str(ledger), "-f", "jsonl", "--actor", "US"))
    assert "Howard Lutnick" in {r["actor"] for r in by_group}, "a member of the group is the group's"


def test_ledger_actor_substring_and_nothing_found(ledger: Path):
    assert found(run("ledger", "actor", "Lut", "--substring", "--ledger", str(ledger), "-f", "jsonl"))
    result = run("ledger", "actor", "Lut", "--ledger", str(ledger))
    assert result.exit_code == 1 and "--substring searches inside names" in result.stderr
