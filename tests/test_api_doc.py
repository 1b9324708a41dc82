"""docs/api.md runs: every Python cell runs, in order, and prints what the page shows.

After a change to the rules or the API, refresh the page with
`python tools/doc_cells.py docs/api.md --write` and read the difference.
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "api.md"

_spec = importlib.util.spec_from_file_location("doc_cells", REPO / "tools" / "doc_cells.py")
doc_cells = importlib.util.module_from_spec(_spec)
sys.modules["doc_cells"] = doc_cells  # its dataclasses look their module up while being built
_spec.loader.exec_module(doc_cells)


def test_every_cell_prints_what_the_page_shows(tmp_path, monkeypatch):
    pytest.importorskip("pandas", reason="docs/api.md shows to_dataframe: pip install -e '.[pandas]'")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the page's rule folders go here
    cells = doc_cells.cells(PAGE.read_text(encoding="utf-8"))
    assert len(cells) >= 10
    outputs = doc_cells.run([c.code for c in cells])
    for n, (cell, output) in enumerate(zip(cells, outputs, strict=True), 1):
        assert (cell.output or "") == output, \
            f"cell {n} of docs/api.md prints something else now; run python tools/doc_cells.py docs/api.md --write\n" \
            f"{cell.code}"


def test_a_cell_shows_its_prints_its_warnings_and_its_last_value():
    page = "```python\nimport warnings\nprint('a')\nwarnings.warn('careful')\n{'b': 1}\n```\n"
    cell, = doc_cells.cells(page)
    assert cell.output is None
    assert doc_cells.run([cell.code]) == ["a\nUserWarning: careful\n{'b': 1}\n"]
    assert doc_cells.rewrite(page, [cell], ["x\n"]) == page + "\n```text\nx\n```\n"
