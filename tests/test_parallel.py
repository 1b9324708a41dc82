"""`tracker scan --jobs N`: the same records in the same order as one process."""
from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
SENTENCES = [
    "The minister said that China agreed to ease export curbs.",
    "Washington accused Tokyo of dumping steel.",
    "“We have a deal,” Smith said. “It is a good one.”",
    "Nothing happened here.",
]


def scan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["scan", *args, "--format", "jsonl"])
    return result.exit_code, result.stdout


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Sixty articles, one of them broken, so that work is split over batches."""
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": n, "text": " ".join(SENTENCES[n % 4:] + SENTENCES[:n % 4])}) for n in range(60)]
    lines.insert(30, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jobs_give_the_same_records_in_the_same_order(articles: Path) -> None:
    one = scan(str(articles))
    two = scan(str(articles), "--jobs", "2")
    assert one == two
    assert one[0] == 1  # the broken line is reported, the rest scanned
    docs = [json.loads(line)["doc"] for line in one[1].splitlines()]
    ids = [int(d.rsplit("#", 1)[1]) for d in docs]
    assert ids == sorted(ids) and len(set(ids)) == 60


def test_jobs_on_a_folder_of_text_files() -> None:
    assert scan(str(REPO / "seeds"), "--jobs", "2") == scan(str(REPO / "seeds"))


def test_jobs_must_be_positive(articles: Path) -> None:
    result = CliRunner().invoke(main, ["scan", str(articles), "--jobs", "0"])
    assert result.exit_code == 2


@pytest.mark.skipif(not REUTERS.exists(), reason="needs ../shared/corpora/reuters21578")
def test_jobs_on_real_news(tmp_path: Path) -> None:
    sample = tmp_path / "reuters.jsonl"
    with gzip.open(REUTERS, "rt", encoding="utf-8") as src:
        sample.write_text("".join(itertools.islice(src, 150)), encoding="utf-8")
    one = scan(str(sample), "--text-field", "body")
    assert one[0] == 0 and one[1]
    assert scan(str(sample), "--text-field", "body", "--jobs", "2") == one
