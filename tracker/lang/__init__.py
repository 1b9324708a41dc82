"""The pattern language of rule files: tree, reader, analysis, compiler, runtime elements.

    tree.py      the nodes a pattern is read into
    grammar.py   the pyparsing grammar that reads pattern text, and its static checks
    analysis.py  what is known before any sentence: triggers, starts, anchors, emptiness
    compiler.py  tree -> matching elements, macros expanded
    elements.py  the matching elements and the pyparsing Token that drives them
    context.py   the sentence a pattern runs over
    match.py     one compiled pattern over one sentence -> matches
"""
from __future__ import annotations

from collections.abc import Collection

from tracker.lang.analysis import Analysis
from tracker.lang.compiler import Compiler, ElementPool
from tracker.lang.elements import PatternExpression, Phrasing
from tracker.lang.match import CompiledPattern
from tracker.lang.tree import Node


def compile_pattern(text: str, tree: Node, macros: dict[str, Node], phrasing: Phrasing,
                    frequent: Collection[str] = (), pool: ElementPool | None = None) -> CompiledPattern:
    """A read pattern compiled, with its static facts; raises PatternError
    (with `macro` set when the mistake is inside a macro).  The patterns of
    one rule set share a `pool`, and with it the elements they have in common."""
    expr = PatternExpression(Compiler(macros, phrasing, pool).compile(tree), text)
    return CompiledPattern(text, tree, expr, Analysis(macros, frequent).facts(tree))
