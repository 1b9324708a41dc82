"""How tables are laid out for where they go: a terminal, or a file another program reads.

Long cells are wrapped only for a reader at a terminal (or at an explicit
width): a table piped to a file keeps one row per record, so that Markdown,
HTML, LaTeX or Org files of it parse as one table row per line.  A cell never
holds the source's own line breaks.  Each table's title is written in the
format's own markup (a Markdown heading over a GitHub table, <h2> over an
HTML one), so the titles belong to the document instead of breaking it.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any, TextIO

_HEADINGS: dict[str, Callable[[str], str]] = {
    "github": "## {}".format, "pipe": "## {}".format,
    "html": "<h2>{}</h2>".format, "unsafehtml": "<h2>{}</h2>".format,
    "latex": "\\section*{{{}}}".format, "latex_raw": "\\section*{{{}}}".format,
    "latex_booktabs": "\\section*{{{}}}".format, "latex_longtable": "\\section*{{{}}}".format,
    "mediawiki": "== {} ==".format, "moinmoin": "== {} ==".format, "asciidoc": "== {}".format,
    "orgtbl": "* {}".format, "textile": "h2. {}".format, "jira": "h2. {}".format, "youtrack": "== {} ==".format,
    "rst": lambda title: f"{title}\n{'-' * len(title)}\n",
}


def heading(title: str, fmt: str) -> str:
    """A table's title in the markup of its format; plain text for text formats.

    Titles are fixed words and a count ("Commitments (13)"), so none needs escaping."""
    return _HEADINGS.get(fmt, str)(title)


def one_line(value: Any) -> Any:
    """A cell's text on one line: the source's line breaks would split the row."""
    if value is None:
        return ""
    return " ".join(value.split()) if isinstance(value, str) else value


def table_width(stream: TextIO, width: int | None) -> int | None:
    """The width to wrap tables to: `width` when given, else the terminal's when
    `stream` is one, else None (no wrapping)."""
    if width is not None:
        return width
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size((120, 24)).columns
    return None
