"""A macro as the loader keeps it: its tree, and where it is written."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.lang.tree import Node
from tracker.rulefiles.bundled import Traversable
from tracker.rulefiles.yamlpos import Position


@dataclass(frozen=True)
class MacroDef:
    """A macro's tree and where it is written: `locate` turns a column of
    its pattern text into a position in the file (a macro written as a list
    has one text per item)."""

    tree: Node
    path: Traversable
    locate: Callable[[int], Position]


def at_position(position: Position) -> Callable[[int], Position]:
    """The locator of a macro written in one place (a word list, a time
    table): every column of it is there."""
    return lambda _col: position
