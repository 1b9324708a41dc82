"""What can be known about a pattern before any sentence is seen.

The trigger index, the start filter and the anchor are what keep a scan
cheap: a rule is tried only on sentences holding one of its trigger words,
only at the places a match can start, and (for patterns that start at an
actor) only where the first required word is in reach.  The loader also
refuses patterns that can match nothing.  All of it is worked out here,
once per pattern, from the tree and the macros it uses.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from tracker.inflection import verb_forms
from tracker.lang.tree import Alt, Capture, Gap, Macro, Node, Not, Optional, Seq, Start, Verb, Words, in_form

# The most tokens a capture of each type takes: the matcher's limits and what
# anchors reckon with.  Actor, quote and rest captures are unbounded.
MAX_CAPTURE_TOKENS = 80
SLOT_WIDTHS = {"number": 1, "np": 12, "clause": MAX_CAPTURE_TOKENS}

Starts = frozenset[str] | str | None  # words, "actor", "quote", "start", or None (anywhere)


@dataclass(frozen=True)
class Facts:
    """The static facts of one pattern.

    `trigger`: words of which any matching sentence holds one (None: unknown).
    `starts`: where a match can start: at one of these words, at an actor
    mention ("actor"), at a quote ("quote"), at the start of a clause
    ("start"), or anywhere (None).
    `anchor`: for a pattern that starts at an actor mention, words one of
    which must stand at most `reach` tokens after the mention.
    `empty`: the pattern can match zero tokens.
    """

    trigger: frozenset[str] | None
    starts: Starts
    anchor: tuple[frozenset[str], int] | None
    empty: bool


class Analysis:
    """The facts of the patterns of one rule file, with the macros they may use.

    `frequent` are words too common to pick a rule's candidates by when a
    rarer one is at hand (rules/language: frequent_words).
    """

    def __init__(self, macros: dict[str, Node], frequent: Collection[str] = ()) -> None:
        self.macros = macros
        self.frequent = frozenset(frequent)

    def facts(self, tree: Node) -> Facts:
        return Facts(self.trigger(tree), self.starts(tree), self.anchor(tree), self.empty(tree))

    def _macro(self, node: Macro) -> Node | None:
        tree = self.macros.get(node.name)
        return None if tree is None else in_form(tree, node.form)

    def trigger(self, node: Node) -> frozenset[str] | None:
        """In a sequence the required element with the fewest words is chosen,
        so the index stays selective; optional and negated parts never trigger."""
        match node:
            case Words(words=words):
                return frozenset(words[:1]) if words else None
            case Verb(lemma=lemma, form=form):
                return verb_forms(lemma, form)
            case Macro():
                sub = self._macro(node)
                return self.trigger(sub) if sub is not None else None
            case Alt(options=options):
                parts = [self.trigger(o) for o in options]
                return None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
            case Seq(items=items):
                found = [p for p in (self.trigger(i) for i in items) if p]
                return min(found, key=lambda p: (bool(p & self.frequent), len(p))) if found else None
        return None

    def starts(self, node: Node) -> Starts:
        """Trying a pattern only at such places is what keeps a sentence cheap
        when its trigger word is there but the pattern cannot start nearby."""
        match node:
            case Words(words=words):
                return frozenset(words[:1])
            case Verb(lemma=lemma, form=form):
                return verb_forms(lemma, form)
            case Macro():
                sub = self._macro(node)
                return self.starts(sub) if sub is not None else None
            case Capture(item=item) if item is not None:
                return self.starts(item)
            case Capture():
                return node.slot if node.slot in ("actor", "quote") else None
            case Start():
                return "start"
            case Seq(items=items):
                first = next((item for item in items if not isinstance(item, Not)), None)  # a negation takes nothing
                return None if first is None or isinstance(first, (Optional, Gap)) else self.starts(first)
            case Alt(options=options):
                parts = [self.starts(o) for o in options]
                if all(isinstance(p, frozenset) for p in parts):
                    return frozenset().union(*parts)  # type: ignore[arg-type]
                return parts[0] if len(set(parts)) == 1 else None
        return None

    def width(self, node: Node) -> int | None:
        """The most tokens a part of a pattern can take, or None if there is no bound."""
        match node:
            case Words(words=words):
                return len(words)
            case Verb():
                return 1
            case Gap(size=size):
                return size
            case Not() | Start():
                return 0
            case Optional(item=item):
                return self.width(item)
            case Macro():
                sub = self._macro(node)
                return self.width(sub) if sub is not None else None
            case Capture(item=item) if item is not None:
                return self.width(item)
            case Capture():
                return SLOT_WIDTHS.get(node.slot)
        parts = [self.width(child) for child in node.children()]
        known = [p for p in parts if p is not None]
        if len(known) < len(parts):
            return None
        return max(known) if isinstance(node, Alt) else sum(known)

    def anchor(self, node: Node) -> tuple[frozenset[str], int] | None:
        """"{actor} [@aux] @speech ..." can only match at a mention followed,
        within the width of an auxiliary, by a speech verb.  Most sentences
        name several actors and hold one such verb; trying the pattern only
        where the verb is in reach keeps the cost of a rule from growing with
        the actors a sentence names."""
        if not isinstance(node, Seq) or self.starts(node) != "actor":
            return None
        following = self.first(Seq(node.col, node.items[1:]))
        if following is not None and following[0] and not following[1]:
            return following[0], 0  # the token right after the mention must be one of these
        items = [item for item in node.items if not isinstance(item, Not)]
        reach = 0
        for item in items[1:]:
            words = None if isinstance(item, Optional) else self.starts(item)
            if isinstance(words, frozenset):
                return words, reach
            size = self.width(item)
            if size is None:
                return None
            reach += size
        return None

    def first(self, node: Node) -> tuple[frozenset[str], bool] | None:
        """The words a match of `node` can begin with, and whether it can take
        nothing; None where any word could begin it (a capture, a gap)."""
        match node:
            case Words(words=words):
                return (frozenset(words[:1]), False) if words else (frozenset(), True)
            case Verb(lemma=lemma, form=form):
                return verb_forms(lemma, form), False
            case Macro():
                sub = self._macro(node)
                return self.first(sub) if sub is not None else None
            case Capture(item=item) if item is not None:
                return self.first(item)
            case Not() | Start():
                return frozenset(), True
            case Optional(item=item):
                inner = self.first(item)
                return None if inner is None else (inner[0], True)
            case Alt(options=options):
                parts = [self.first(o) for o in options]
                if any(p is None for p in parts):
                    return None
                return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)  # type: ignore[index]
            case Seq(items=items):
                found: frozenset[str] = frozenset()
                for item in items:
                    part = self.first(item)
                    if part is None:
                        return None
                    found |= part[0]
                    if not part[1]:
                        return found, False
                return found, True
        return None

    def empty(self, node: Node) -> bool:
        """Whether a pattern can match zero tokens: such a rule would fire on
        every sentence (or, as an `unless`, silence its rule everywhere)."""
        match node:
            case Optional() | Not() | Gap() | Start():
                return True
            case Words(words=words):
                return not words
            case Alt(options=options):
                return any(self.empty(o) for o in options)
            case Seq(items=items):
                return all(self.empty(i) for i in items)
            case Capture(item=item):
                return item is not None and self.empty(item)
            case Macro():
                sub = self._macro(node)
                return sub is not None and self.empty(sub)
        return False
