"""Where a pattern's matching cost can explode, found before any sentence is seen.

A gap or a lazy capture stops at the first place where what follows it can
match, so it looks ahead at every token it passes.  When what follows
begins with another gap or lazy capture (directly, or after parts that may
be skipped: optional or negated ones), that one looks ahead in turn at every
token it passes, and so on: the work multiplies by the width of each, and a
sentence where the pattern fails tries every split (k rest-of-sentence
captures in a row on an n-word sentence: about n^k look-aheads).  `rules
check` warns at these places; during a scan the time budget bounds them.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tracker.lang.tree import Alt, Capture, Gap, Macro, Node, Not, Optional, Seq, in_form, walk

# Captures as wide as the sentence, or nearly (analysis.SLOT_WIDTHS): a noun
# phrase or a number is short enough that a few in a row stay cheap.
WIDE_SLOTS = frozenset({"rest", "clause"})


@dataclass(frozen=True)
class Blowup:
    """`second` follows `first` with nothing required between them."""

    first: Node
    second: Node

    def message(self) -> str:
        if isinstance(self.first, Gap) and isinstance(self.second, Gap):
            return "two gaps in a row multiply the work; merge them into one"
        return (f"{self.first.written()} and {self.second.written()} in a row (only optional or negated parts "
                "between) multiply the work: each tries every split of the words they share, and a sentence "
                "where the pattern fails tries them all; put a word that must be found between them")


def blowups(tree: Node, macros: dict[str, Node]) -> Iterator[Blowup]:
    """Each place in `tree` where a gap follows a gap, or a wide capture a
    wide capture, with nothing required between them (macros are looked
    into, and reported where the pattern uses them).  A short gap before a
    wide capture costs only its width, so it passes."""
    for node in walk(tree):
        if not isinstance(node, Seq):
            continue
        before: Node | None = None  # the lazy element whose look-ahead reaches the item under way
        for item in node.items:
            start = _lazy_edge(item, macros, True)
            if start is not None and before is not None and _alike(before, start):
                yield Blowup(before, item if isinstance(item, Macro) else start)
            end = _lazy_edge(item, macros, False)
            if end is not None:
                before = end
            elif not isinstance(item, (Optional, Not)):
                before = None


def _alike(first: Node, second: Node) -> bool:
    return isinstance(first, Gap) == isinstance(second, Gap)


def _lazy_edge(node: Node, macros: dict[str, Node], first: bool, seen: frozenset[str] = frozenset()) -> Node | None:
    """The gap or wide capture a match of `node` may begin with (`first`) or end with."""
    match node:
        case Gap():
            return node
        case Capture(item=None):
            return node if node.slot in WIDE_SLOTS else None
        case Capture(item=item) | Optional(item=item) if item is not None:
            return _lazy_edge(item, macros, first, seen)
        case Alt(options=options):
            return next((e for o in options if (e := _lazy_edge(o, macros, first, seen)) is not None), None)
        case Seq(items=items):
            for item in items if first else reversed(items):
                found = _lazy_edge(item, macros, first, seen)
                if found is not None or not isinstance(item, (Optional, Not)):
                    return found
        case Macro(name=name) if name in macros and name not in seen:
            return _lazy_edge(in_form(macros[name], node.form), macros, first, seen | {name})
    return None
