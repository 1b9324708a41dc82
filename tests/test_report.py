"""`tracker report`: the HTML page a user opens to read a story, checked as a file and in a real browser.

The browser test drives the system Chromium with Playwright (no browser
download); it skips, saying why, where either is missing. Its screenshot is
kept as build/report-screenshot.png for CI to publish.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import record
from markupsafe import escape

from tracker.cli import main
from tracker.ledger.store import Ledger
from tracker.output.report import Segment, highlight, layout, records_from_jsonl, source_href
from tracker.rulefiles import RuleSet

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SCREENSHOT = REPO / "build" / "report-screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

GENEVA = "China agreed in Geneva on Monday to ease restrictions on rare earth element exports."
ACCUSATION = ("The US accused China of failing to honor its commitment made in Geneva to ease restrictions "
              "on rare earth element exports.")
SCRIPT = 'Lutnick said <script>alert("x")</script> was in the file.'
STORY = [  # name, date, records: constructed beside the seed, so the ledger has dated threads across documents
    ("geneva.txt", "2025-05-14", [
        record("geneva.txt", GENEVA, "commitment", "China", "ease restrictions on rare earth element exports",
               target="United States", target_text="US", when="on Monday")]),
    ("london.txt", "2025-06-11", [
        record("london.txt", ACCUSATION, "accusation", "United States",
               "failing to honor its commitment made in Geneva to ease restrictions on rare earth element exports",
               actor_text="The US", target="China", target_text="China"),
        record("london.txt", SCRIPT, "claim", "Howard Lutnick", '<script>alert("x")</script> was in the file',
               actor_text="Lutnick", start=140)]),
]


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture(scope="module")
def seed_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = invoke("scan", str(SEEDS), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("scan") / "seed.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory, ruleset: RuleSet) -> Path:
    """The bundled seed scanned into a ledger, and the constructed story added to it."""
    path = tmp_path_factory.mktemp("ledger") / "story.db"
    result = invoke("scan", str(SEEDS), "--ledger", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    with Ledger(path, ruleset.links, ruleset.time) as ledger:
        for name, day, records in STORY:
            ledger.add_document(name, f"Date: {day}\n\n" + " ".join(r.sentence for r in records), day, records)
    return path


@pytest.fixture(scope="module")
def story_records(story_db: Path) -> list[dict]:
    """The ledger's records as `tracker ledger` lists them: what the page must show."""
    listed = []
    for kind in ("commitments", "accusations", "approvals", "claims"):
        out = invoke("ledger", kind, "--ledger", str(story_db), "--format", "jsonl")
        listed += [json.loads(line) for line in out.stdout.splitlines()]
    return listed


@pytest.fixture(scope="module")
def report_html(story_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = invoke("report", "--ledger", str(story_db), "-o", str(path), "--title", "US-China trade talks")
    assert result.exit_code == 0, result.output
    return path


class _Rows(HTMLParser):
    """The text of each table row (`<tr id=...>`) of a page, as a reader sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag == "tr" and ident:
            self._current = ident
            self.rows[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current:
            self.rows[self._current] += data


def row_texts(html: str) -> dict[str, str]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows


# The page as a file.

def test_report_is_one_file_that_loads_nothing_from_elsewhere(report_html: Path):
    html = report_html.read_text(encoding="utf-8")
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"<link\b|<script[^>]*\bsrc=|@import|url\(\s*['\"]?https?:", html, re.IGNORECASE)
    assert "<style>" in html and "<script>" in html  # styles and behaviour are inline


def test_every_record_is_in_its_table_with_its_data(report_html: Path, story_records: list[dict]):
    rows = row_texts(report_html.read_text(encoding="utf-8"))
    assert len(rows) == len(story_records)
    for rec in story_records:
        text = " ".join(rows[f"r{rec['id']}"].split())
        for value in (rec["actor"], rec["target"], rec["content"], rec["source"], rec["date"]):
            assert " ".join((value or "").split()) in text, (value, text)


def test_every_record_keeps_its_sentence_and_rule(seed_jsonl: Path, tmp_path: Path):
    out = tmp_path / "scan.html"
    assert invoke("report", str(seed_jsonl), "-o", str(out)).exit_code == 0
    rows = row_texts(out.read_text(encoding="utf-8"))
    records = [json.loads(line) for line in seed_jsonl.read_text(encoding="utf-8").splitlines()]
    assert records and len(rows) == len(records)
    for n, rec in enumerate(records, 1):
        text = " ".join(rows[f"r{n}"].split())
        assert " ".join(rec["sentence"].split()) in text and rec["rule"] in text


def test_markup_in_a_record_is_shown_as_text(report_html: Path):
    html = report_html.read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' not in html
    assert str(escape('<script>alert("x")</script>')) in html
    assert html.count("<script>") == 1  # the page's own


def test_sentence_marks_actor_target_and_content(report_html: Path):
    html = report_html.read_text(encoding="utf-8")
    assert ('<mark class="actor">The US</mark> accused <mark class="target">China</mark> of <mark class="content">'
            'failing to honor its commitment made in Geneva to ease restrictions on rare earth element exports'
            '</mark>.') in html


def test_ledger_threads_are_timelines(report_html: Path):
    html = report_html.read_text(encoding="utf-8")
    threads = html[html.index('id="threads"'):]
    assert "China → United States: ease restrictions on rare earth element exports" in threads
    geneva = threads[threads.index("China → United States: ease restrictions"):]
    geneva = geneva[:geneva.index("</ol>")]
    assert re.search(r"2025-05-12</span>\s*<span class=\"role\">made</span>", geneva)
    assert re.search(r"2025-06-11</span>\s*<span class=\"role\">accused of breaking</span>", geneva)
    assert "link score" in geneva and "fail to honor" in geneva


def test_jsonl_report_says_it_has_no_threads(seed_jsonl: Path):
    result = invoke("report", "-", input=seed_jsonl.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert "hold no links between records" in result.stdout
    assert "<h3>" not in result.stdout


def test_source_links_are_relative_to_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert source_href("story/day one.txt", tmp_path / "build") == "../story/day%20one.txt"
    assert source_href("news.jsonl#a-7", tmp_path) == "news.jsonl"  # an article links to its dump
    assert source_href("notes#3.txt", tmp_path) == "notes%233.txt"
    assert source_href("/data/x.txt", tmp_path) == "file:///data/x.txt"
    assert source_href("-", tmp_path) is None


@pytest.mark.parametrize("sentence, parts, expected", [
    ("the US accused China of dumping.", {"actor": "The US", "target": "China", "content": "dumping"},
     [("the US", "actor"), (" accused ", None), ("China", "target"), (" of ", None), ("dumping", "content"),
      (".", None)]),
    # longest first: the content takes "China's curbs", the actor the next "China" standing alone
    ("China's curbs, China said.", {"actor": "China", "content": "China's curbs"},
     [("China's curbs", "content"), (", ", None), ("China", "actor"), (" said.", None)]),
    ("Li told\nreporters no.", {"actor": "Li", "content": "told reporters"},
     [("Li", "actor"), (" ", None), ("told\nreporters", "content"), (" no.", None)]),
    # the content leaves out the quote marks the sentence has
    ("He added “concrete substance” to it.", {"content": "added concrete substance to"},
     [("He ", None), ("added “concrete substance” to", "content"), (" it.", None)]),
    ("He said nothing.", {"actor": "Lutnick", "target": None, "content": ""}, [("He said nothing.", None)]),
])
def test_highlight(sentence: str, parts: dict, expected: list):
    assert highlight(sentence, parts) == tuple(Segment(text, mark) for text, mark in expected)


def test_graph_edges_count_records_per_kind_actor_and_target(seed_jsonl: Path):
    records = list(records_from_jsonl(seed_jsonl.read_text(encoding="utf-8").splitlines(), "seed"))
    graph = layout(records)
    expected = Counter((r.kind, r.actor, r.target) for r in records
                       if r.kind != "claim" and r.target and r.target != r.actor)
    assert {(e.kind, e.actor, e.target): e.count for e in graph.edges} == expected
    assert {n.name for n in graph.nodes} == {"United States", "China", "Trump"}
    assert layout(reversed(records)) == graph  # the same picture whatever the order of the input


@pytest.mark.parametrize("args, input, code, message", [
    ([], None, 2, "give either --ledger FILE or JSON Lines files"),
    (["x.jsonl", "--ledger", "story.db"], None, 2, "not both"),
    (["--ledger", "missing.db"], None, 2, "no ledger at missing.db"),  # a usage error, as in every command
    (["-"], '{"kind": "commitment"}\n', 1, "-:1: not a tracker record, no field actor"),
    (["-"], "\nnot json\n", 1, "-:2: not JSON"),
])
def test_bad_input_is_reported(args: list[str], input: str | None, code: int, message: str):
    result = CliRunner().invoke(main, ["report", *args], input=input)
    assert result.exit_code == code
    assert message in result.output


# The page in a browser.

def _chromium() -> str:
    """The system Chromium: TRACKER_CHROMIUM, else chromium on PATH, else skip saying what to install."""
    path = os.environ.get("TRACKER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("no Chromium found: install it (Debian: apt-get install chromium) or set TRACKER_CHROMIUM "
                    "to a Chromium or Chrome executable")
    return path


@pytest.fixture
def page(tmp_path: Path):
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed: pip install -e '.[test]'")
    executable = _chromium()
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        try:
            yield context.new_page()
        finally:
            context.close()


def test_report_in_a_browser(page, report_html: Path, story_records: list[dict]):
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report_html.as_uri())

    counts = Counter(rec["kind"] for rec in story_records)
    sections = page.locator("section.kind")
    assert sections.count() == 4
    for kind in ("commitment", "accusation", "approval", "claim"):
        assert page.locator(f"#{kind}s tbody tr").count() == counts[kind]
    assert page.locator("#accusations .shown").text_content() == str(counts["accusation"])
    assert page.locator("td.sentence mark.actor").count() > len(story_records) / 2
    assert page.locator("td.sentence mark.content").count() > len(story_records) / 2
    row = page.locator("#accusations tbody tr", has_text="failing to honor its commitment made in Geneva").first
    assert row.locator("mark.actor").inner_text() == "The US"
    assert row.locator("mark.target").inner_text() == "China"
    assert row.locator("mark.content").inner_text().startswith("failing to honor")

    _filter_hides_rows(page)
    _header_click_sorts(page)
    _edge_click_filters(page, counts)
    _kind_toggle_hides_table(page)

    assert not errors
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000


def _visible_rows(page, section: str) -> int:
    return page.locator(f"{section} tbody tr:visible").count()


def _filter_hides_rows(page) -> None:
    box = page.locator("#accusations input.filter")
    total = _visible_rows(page, "#accusations")
    box.fill("foot-dragging rare")
    assert _visible_rows(page, "#accusations") == 1
    assert page.locator("#accusations .shown").text_content() == "1"
    box.fill("")
    assert _visible_rows(page, "#accusations") == total


def _header_click_sorts(page) -> None:
    header = page.locator("#claims th", has_text="Speaker")

    def speakers() -> list[str]:  # the speaker's name, without the group or role under it
        return [cell.split("\n")[0] for cell in page.locator("#claims tbody td:nth-child(3)").all_inner_texts()]

    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert speakers() == sorted(speakers(), key=str.casefold)
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert speakers() == sorted(speakers(), key=str.casefold, reverse=True)


def _edge_click_filters(page, counts: Counter) -> None:
    edges = page.locator("svg .edge")
    assert edges.count() >= 5 and page.locator("svg .node").count() >= 3
    edge = page.locator('svg .edge[data-kind="accusation"][data-description^="United States accused China"]')
    expected = int(edge.get_attribute("data-count"))
    edge.locator("text").click()  # the count at the middle of the arrow
    assert _visible_rows(page, "#accusations") == expected
    assert _visible_rows(page, "#commitments") == _visible_rows(page, "#claims") == 0
    assert page.locator("#edge-filter").is_visible()
    assert "United States accused China" in page.locator("#edge-filter-text").text_content()
    page.locator("#edge-clear").click()
    assert _visible_rows(page, "#accusations") == counts["accusation"]
    assert not page.locator("#edge-filter").is_visible()


def _kind_toggle_hides_table(page) -> None:
    toggle = page.locator('input.kind-toggle[value="claim"]')
    toggle.uncheck()
    assert not page.locator("#claims").is_visible()
    toggle.check()
    assert page.locator("#claims").is_visible()
