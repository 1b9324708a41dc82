"""How deep a pattern nests once its macros are expanded, and macros that use themselves.

Compiling and matching a pattern recurse once per level of nesting, macros
expanded, so a chain of macros a few hundred deep exhausts Python's stack
(RecursionError), and a cycle of a few hundred does so before the
compiler's check for a macro that uses itself is reached.  Both are found
here first, without recursion, over the macro graph at once, so that each
is one positioned error.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.lang.tree import Macro, Node

# Levels of nesting, macros expanded.  The bundled rules reach 16;
# Python's recursion limit (1000) allows a few hundred.
MAX_DEPTH = 120
SHOWN = 6  # macros of a long cycle or chain named in its message


@dataclass(frozen=True)
class NestingError:
    """`col` is a column of the pattern, or of macro `macro`'s text."""

    message: str
    col: int
    macro: str | None = None


def _macro_levels(tree: Node) -> tuple[int, list[tuple[Macro, int]]]:
    """The tree's own depth, and each macro it uses with the level it stands at."""
    depth, used, todo = 0, [], [(tree, 1)]
    while todo:
        node, level = todo.pop()
        depth = max(depth, level)
        if isinstance(node, Macro):
            used.append((node, level))
        todo.extend((child, level + 1) for child in node.children())
    return depth, used


def _chain(names: list[str]) -> str:
    shown = names if len(names) <= SHOWN else names[:SHOWN - 1] + ["...", names[-1]]
    return " -> ".join(n if n == "..." else "@" + n for n in shown)


class Nesting:
    """The expanded depth of every macro of one set, worked out once."""

    def __init__(self, macros: dict[str, Node]) -> None:
        self.macros = macros
        self.depth: dict[str, int] = {}  # macro -> its depth, its macros expanded
        self.errors: dict[str, NestingError] = {}  # macro -> why it cannot be used
        self.longest: dict[str, list[str]] = {}  # macro -> the chain of macros that makes its depth

    def problem(self, tree: Node) -> NestingError | None:
        """Why `tree` cannot be compiled: a macro that uses itself, or nesting past MAX_DEPTH."""
        depth, used = _macro_levels(tree)
        for node, level in used:
            if node.name not in self.macros:
                continue  # the compiler reports an unknown macro
            self._measure(node.name)
            if node.name in self.errors:
                return self.errors[node.name]
            if level + self.depth[node.name] > MAX_DEPTH:
                chain = _chain(self.longest[node.name])
                return NestingError(f"macros nest {level + self.depth[node.name]} levels deep here ({chain}); "
                                    f"the most is {MAX_DEPTH}", node.col)
        return None

    def _measure(self, start: str) -> None:
        """Depth-first over the macro graph with an explicit stack (no recursion)."""
        if start in self.depth or start in self.errors:
            return
        path: list[str] = []  # the macros being measured, outermost first
        stack: list[tuple[str, bool]] = [(start, False)]
        while stack:
            name, done = stack.pop()
            own, used = _macro_levels(self.macros[name])
            if done:
                path.pop()
                deepest, chain, failed = own, [name], None
                for node, level in used:
                    if node.name not in self.macros:
                        continue
                    if node.name in self.errors:
                        failed = self.errors[node.name]
                        break
                    if level + self.depth[node.name] > deepest:
                        deepest, chain = level + self.depth[node.name], [name] + self.longest[node.name]
                if failed is not None:
                    self.errors[name] = failed
                else:
                    self.depth[name], self.longest[name] = deepest, chain
                continue
            if name in self.depth or name in self.errors:
                continue
            path.append(name)
            stack.append((name, True))
            for node, _ in used:
                if node.name in path:
                    cycle = path[path.index(node.name):] + [node.name]
                    count = f", {len(cycle) - 1} macros" if len(cycle) > SHOWN else ""
                    error = NestingError(f"macro '@{node.name}' uses itself ({_chain(cycle)}{count})", node.col, name)
                    for member in path:
                        self.errors[member] = error
                    return
                if node.name in self.macros and node.name not in self.depth:
                    stack.append((node.name, False))
