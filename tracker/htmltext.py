"""The article in an HTML page: its text, laid out so sentences keep their bounds, and its date.

A news page is mostly not the article: navigation, teasers in asides,
related links, cookie banners, footers.  Telling the article from the rest
is a solved problem, so it is left to trafilatura, the best-kept of the
libraries that do it (readability-lxml is the other candidate: it finds the
main block as well on news pages, but says nothing of dates, so htmldate
would be needed beside it, and it returns HTML to walk again, where
trafilatura returns the article's paragraphs, headings, list items and
cells as a small XML tree).  trafilatura reads the publication date with
htmldate from the markup only (`<meta property="article:published_time">`,
`<time datetime>`, JSON-LD), never from dates the text happens to mention.

What is made of that tree here: whitespace collapses as a browser
collapses it, a `<br>` is a space (a line break inside a paragraph is
layout, not a sentence boundary), and each block stands alone with a blank
line after it, which always ends a sentence, so a headline never runs into
the paragraph below.  Records' offsets index this text.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# What the libraries log about a page ("discarding data") is said once, as the page's input error,
# not by Python's last-resort handler on stderr; a program that configures logging still gets it.
for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

# trafilatura's elements that stand on lines of their own; its inline ones (hi, ref) do not.
BLOCKS = frozenset({"head", "p", "item", "quote", "cell", "row", "list", "table", "code", "div", "body"})
PRESERVED = frozenset({"pre", "code", "textarea"})  # whitespace that is the content
_SPACES = re.compile(r"[ \t\n\r\f\u00a0]+")


@dataclass
class Page:
    text: str         # the article's text, blocks apart; "" when the page holds none
    date: str | None  # the publication date, ISO, when the markup gives one


def is_html(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith((".html", ".htm"))


def read_page(html: str) -> Page:
    """The article of a page and its publication date."""
    import trafilatura  # here, not at the top: it takes a fifth of a start, and most scans read no HTML
    tree = _loaded(html)
    if tree is None:
        return Page("", None)
    found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                        date_extraction_params=_DATE_PARAMS | {"max_date": date.today().isoformat()})
    if found is None or isinstance(found, dict):
        return Page("", None)
    parts: list[str] = []
    _blocks(found.body, parts)
    lines = (line.strip(" ") for line in "".join(parts).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return Page(text, found.date or None)


_DATE_PARAMS = {"original_date": True, "extensive_search": False, "min_date": "1900-01-01"}


def _loaded(html: str) -> HtmlElement | None:
    """The page as a tree with its whitespace already collapsed and `<br>` made a space,
    so that any line break left in trafilatura's text is one it put between blocks."""
    import trafilatura
    if not html.strip():
        return None
    if not re.search(r"<(?:html|body)\b", html[:4096], re.IGNORECASE):
        html = f"<html><body>{html}</body></html>"  # a bare fragment: trafilatura wants a whole page
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    for br in tree.iter("br"):
        br.tail = " " + (br.tail or "")
    etree.strip_elements(tree, "br", with_tail=False)
    preserved = {inner for outer in tree.iter(*PRESERVED) for inner in outer.iter()}
    for element in tree.iter():
        if element.text and isinstance(element.tag, str) and element not in preserved:
            element.text = _SPACES.sub(" ", element.text)
        parent = element.getparent()
        if element.tail and (parent is None or parent not in preserved):
            element.tail = _SPACES.sub(" ", element.tail)
    return tree


def _blocks(element: etree._Element, parts: list[str]) -> None:
    """The text under `element`, a blank line around each block element; a line
    break trafilatura put inside a text (it joins blocks so when it falls back to
    the page's whole text) stands between blocks too."""
    block = element.tag in BLOCKS
    if block:
        parts.append("\n\n")
    if element.text:
        parts.append(element.text.replace("\n", "\n\n"))
    for child in element:
        _blocks(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\n", "\n\n"))
    if block:
        parts.append("\n\n")
