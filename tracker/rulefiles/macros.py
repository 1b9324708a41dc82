"""A macro as the loader keeps it: its tree, and where it is written."""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Callable

from tracker.lang.tree import Node
from tracker.rulefiles.yamlpos import Position


@dataclass(frozen=True)
class MacroDef:
    """A macro's tree and where it is written: `locate` turns a column of
    its pattern text into a position in the file (a macro written as a list
    has one text per item)."""

    tree: Node
    path: Traversable
    locate: Callable[[int], Position]
