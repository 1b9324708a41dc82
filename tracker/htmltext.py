"""The visible text of an HTML page, laid out so sentences keep their bounds.

The standard library's html.parser is enough here: it never raises on
broken markup (scraped pages are full of it), decodes entities, and needs no
new dependency.  What the scanner needs from a page is only its readable
text: scripts, styles and the head are dropped, runs of whitespace collapse
as a browser collapses them, and block elements (paragraphs, headings, list
items, cells) end with a blank line, which always ends a sentence, so a
headline never runs into the paragraph below it.  Records' offsets index
this extracted text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content a reader never sees.
# The head is not listed: pages often never close it, and what else it holds
# (meta, link, script, style) is void or hidden anyway.
HIDDEN = frozenset({"script", "style", "title", "noscript", "template", "svg", "math", "iframe", "object"})
# Elements that stand on lines of their own.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "caption",
})
_SPACES = re.compile(r"[ \t\n\r\f]+")


def is_html(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith((".html", ".htm"))


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # open hidden elements, innermost last
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag):]
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        data = data.replace("\u00a0", " ")  # &nbsp; is a space to a reader
        self.parts.append(data if self.pre else _SPACES.sub(" ", data))


def html_text(html: str) -> str:
    """The page's visible text: one paragraph per block, blank lines between."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    text = "\n".join(line.strip(" ") for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
