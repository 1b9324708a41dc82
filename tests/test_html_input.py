"""HTML pages: the article is scanned, the page around it is not, and the page's date is the document's."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main
from tracker.htmltext import read_page

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Tariff talks | The Harbour Gazette</title>
<meta property="article:published_time" content="2025-06-11T09:30:00+00:00">
<style>p { color: red }</style>
<script>var teaser = "<p>Italy accused France of dumping wine.</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/trade">Trade</a> <a href="/subscribe">Subscribe</a></nav>
<header><div class="masthead">The Harbour Gazette: news from the port</div></header>
<main><article>
<h1>US and China agree on a framework to ease export curbs</h1>
<p class="byline">By a staff writer</p>
<p>The US accused China of dumping cheap steel on world markets, officials said on Wednesday after two
   days of talks in London that both delegations described as long and difficult.</p>
<aside class="teaser"><h3>Also read</h3><p>Japan pledged to cut tariffs on imported rice by half next year.</p></aside>
<p>China promised to ease restrictions on rare earth exports,<br>officials said,<br/>adding that the
   agreement still needed the approval of both presidents before it could take effect.</p>
<p>Commerce Secretary Howard Lutnick said the framework gave real substance to the deal reached in Geneva
   last month, and that the two sides would meet again in the autumn to review its progress.</p>
</article></main>
<footer><p>Copyright 2025 The Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_the_article_is_scanned_and_the_page_around_it_is_not(tmp_path: Path):
    page = tmp_path / "talks.html"
    page.write_text(ARTICLE, encoding="utf-8")
    result = run("scan", str(page), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    found = records(result)
    assert ("accusation", "United States", "China") in {(r["kind"], r["actor"], r["target"]) for r in found}
    assert any(r["kind"] == "commitment" and r["actor"] == "China" for r in found)
    assert not [r for r in found if "Japan" in (r["actor"], r["target"]) or "rice" in r["sentence"]], \
        "the aside's teaser is not the article"
    text = read_page(ARTICLE).text
    for absent in ("Subscribe", "news from the port", "Copyright", "Italy", "color", "Harbour Gazette"):
        assert absent not in text
    for r in found:
        assert text[r["start"]:r["end"]] == r["sentence"], "offsets index the extracted text"


def test_a_br_inside_a_paragraph_leaves_no_line_break(tmp_path: Path):
    page = tmp_path / "talks.html"
    page.write_text(ARTICLE, encoding="utf-8")
    found = records(run("scan", str(page), "-f", "jsonl"))
    promised = [r for r in found if r["kind"] == "commitment" and r["actor"] == "China"]
    assert promised
    for r in found:
        assert "\n" not in r["sentence"] and "\n" not in r["content"]
    assert "exports, officials said, adding that the agreement" in read_page(ARTICLE).text


def test_blocks_stay_apart_as_sentences(tmp_path: Path):
    text = read_page(ARTICLE).text
    headline = "US and China agree on a framework to ease export curbs"
    assert f"{headline}\n\n" in text, "a headline never runs into the paragraph below"


def test_the_publication_date_is_the_documents_date(tmp_path: Path):
    page = tmp_path / "talks.html"
    page.write_text(ARTICLE, encoding="utf-8")
    ledger = tmp_path / "story.db"
    result = run("scan", str(page), "--ledger", str(ledger), "-q")
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(ledger) as db:
        assert db.execute("SELECT date FROM documents").fetchall() == [("2025-06-11",)]


def test_a_time_element_dates_a_page_without_meta():
    page = ARTICLE.replace('<meta property="article:published_time" content="2025-06-11T09:30:00+00:00">', "")
    page = page.replace('<p class="byline">By a staff writer</p>',
                        '<p class="byline">By a staff writer, <time datetime="2025-06-12">June 12</time></p>')
    assert read_page(page).date == "2025-06-12"
    assert read_page(page.replace('<time datetime="2025-06-12">June 12</time>', "")).date is None


def test_html_and_htm_in_folders_whatever_their_case(tmp_path: Path):
    (tmp_path / "a.HTM").write_text("<p>The US accused China of dumping steel.</p>")
    (tmp_path / "b.html").write_text(ARTICLE)
    result = run("scan", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {Path(r["doc"]).name for r in records(result)} == {"a.HTM", "b.html"}


def test_a_page_without_an_article_is_a_failed_input_not_a_crash(tmp_path: Path):
    (tmp_path / "good.html").write_text(ARTICLE)
    hostile = tmp_path / "hostile.html"
    hostile.write_text("<div>" * 20_000 + "<p>The US accused China of dumping steel." + "<script>" + "<" * 5000
                       + "</p" + "&#xFFFFFFFF; &bogus; <![CDATA[ x" + "\x00")
    (tmp_path / "empty.html").write_text("<html><head><title>Home</title></head><body><script>var a = 1;</script>"
                                         "</body></html>")
    result = run("scan", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 1
    assert {Path(r["doc"]).name for r in records(result)} == {"good.html"}
    assert f"{hostile}: no article text found in this page" in result.stderr
    assert f"{tmp_path / 'empty.html'}: no article text found in this page" in result.stderr
    assert "Traceback" not in result.stderr
