"""Run the Python cells of a Markdown page as a notebook would, and check or rewrite their outputs.

    python tools/doc_cells.py docs/api.md            exit 1 and show the difference if an output is stale
    python tools/doc_cells.py docs/api.md --write    rewrite the outputs from a fresh run

A cell is a ```python block; a ```text block right after it is its output.
The cells run in order in one namespace, from the repository root, and a
cell's output is what it prints, its warnings ("UserWarning: message"), and
the value of its last line when that is an expression, pretty-printed, as a
notebook shows them.  tests/test_api_doc.py runs the check, so the page
cannot drift from what the code does.
"""
from __future__ import annotations

import ast
import contextlib
import difflib
import io
import os
import pprint
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


@dataclass
class Cell:
    code: str
    output: str | None      # the documented output; None when the page shows none
    span: tuple[int, int]   # where the cell and its output stand in the page


def cells(page: str) -> list[Cell]:
    blocks = list(_BLOCK.finditer(page))
    found: list[Cell] = []
    for i, block in enumerate(blocks):
        if block.group(1) != "python":
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if after and after.group(1) == "text" and not page[block.end():after.start()].strip():
            found.append(Cell(block.group(2), after.group(2), (block.start(), after.end())))
        else:
            found.append(Cell(block.group(2), None, block.span()))
    return found


def run(codes: list[str], where: Path = REPO) -> list[str]:
    """Each cell's output; a cell that raises stops the run with its number."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    outputs = []
    before = Path.cwd()
    os.chdir(where)
    try:
        for n, code in enumerate(codes, 1):
            try:
                outputs.append(_run_cell(code, namespace, f"<cell {n}>"))
            except Exception as err:
                raise RuntimeError(f"cell {n} raised {type(err).__name__}: {err}") from err
    finally:
        os.chdir(before)
    return outputs


def _run_cell(code: str, namespace: dict[str, object], name: str) -> str:
    tree = ast.parse(code, name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()

    def show(message, category, *_args, **_kwargs) -> None:
        out.write(f"{category.__name__}: {message}\n")
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        exec(compile(tree, name, "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
            if value is not None:
                print(pprint.pformat(value, sort_dicts=False))
    return out.getvalue()


def rewrite(page: str, found: list[Cell], outputs: list[str]) -> str:
    parts, at = [], 0
    for cell, output in zip(found, outputs, strict=True):
        parts += [page[at:cell.span[0]], f"```python\n{cell.code}```\n"]
        if output:
            parts.append(f"\n```text\n{output}```\n")
        at = cell.span[1]
    return "".join(parts) + page[at:]


def main(argv: list[str]) -> int:
    path, write = Path(argv[0]), "--write" in argv[1:]
    page = path.read_text(encoding="utf-8")
    found = cells(page)
    fresh = rewrite(page, found, run([c.code for c in found]))
    if write:
        path.write_text(fresh, encoding="utf-8")
        return 0
    sys.stdout.writelines(difflib.unified_diff(page.splitlines(True), fresh.splitlines(True), str(path), "fresh run"))
    return int(fresh != page)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
