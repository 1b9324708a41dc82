"""Compiling a pattern tree into matching elements, macros expanded.

Sequences are compiled right to left, so that each gap and capture knows
what follows it and stops where that can match: matching stays lazy for
gaps and captures and greedy for words, and linear in the sentence.

Elements are made through a pool (`ElementPool`): an element built from the
same parts as one made before is that one.  Elements hold no state of a
match (that lives on the MatchContext), so sharing changes nothing a
pattern matches; it is what keeps a rule set small.  Every use of a macro
such as `@speech` used to hold its own copy of the verb forms, and every
pattern its own copy of the chains that follow a gap: 34,000 word-set
elements for 3,500 distinct ones in the bundled rules, which the rule
cache had to write and read back at every start.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tracker.inflection import verb_forms
from tracker.lang.analysis import SLOT_WIDTHS
from tracker.lang.elements import (
    ActorSlot,
    CaptureSpan,
    Choice,
    ClauseStart,
    ClauseToken,
    Element,
    Lazy,
    Maybe,
    NounPhraseToken,
    Phrasing,
    QuoteSlot,
    Sequence,
    Unless,
    WordSet,
    any_token,
    number_token,
    rest_token,
)
from tracker.lang.tree import (
    Alt,
    Capture,
    Gap,
    Macro,
    Node,
    Not,
    Optional,
    PatternError,
    Seq,
    Start,
    Verb,
    Words,
    in_form,
    walk,
)

REST_TOKENS = 10_000
E = TypeVar("E")


class ElementPool:
    """The elements made so far, by their class and parts; one pool serves a
    whole rule set.  Elements and functions compare by identity, word sets
    and the phrasing by value, a list of elements as the tuple of them."""

    def __init__(self) -> None:
        self._made: dict[tuple, Any] = {}

    def make(self, cls: Callable[..., E], *parts: Any) -> E:
        key = (cls, *(tuple(p) if isinstance(p, list) else p for p in parts))
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = cls(*parts)
        return found


class Compiler:
    """Turns pattern trees into matching elements, expanding macros.

    `macros` maps a macro name to its tree; a macro that uses itself,
    directly or through others, is an error at the column where it is used.
    `phrasing` holds the word lists where noun phrases and clauses end.
    """

    def __init__(self, macros: dict[str, Node], phrasing: Phrasing, pool: ElementPool | None = None) -> None:
        self.macros = macros
        self.phrasing = phrasing
        self.make = (ElementPool() if pool is None else pool).make
        self._np = self.make(NounPhraseToken, phrasing)
        self._clause = self.make(ClauseToken, phrasing)

    def compile(self, node: Node) -> Element:
        return self._compile(node, None, ())

    def _compile(self, node: Node, stop: Element | None, active: tuple[str, ...]) -> Element:
        match node:
            case Words(words=words):
                parts: list[Element] = [self.make(WordSet, frozenset([w]), f"'{w}'") for w in words]
                return parts[0] if len(parts) == 1 else self.make(Sequence, parts, "'" + " ".join(words) + "'")
            case Verb(lemma=lemma, form=form):
                return self.make(WordSet, verb_forms(lemma, form), node.written())
            case Alt(options=options):
                return self._choice([self._compile(o, stop, active) for o in options], node)
            case Optional(item=item):
                return self.make(Maybe, self._compile(item, stop, active))
            case Not(item=item):
                return self.make(Unless, self._compile(item, None, active))
            case Macro():
                return self._macro(node, stop, active)
            case Gap(size=size):
                return self.make(Lazy, f"a gap of up to {size} words", any_token, 0, size, stop)
            case Start():
                return self.make(ClauseStart)
            case Capture(item=item) if item is not None:
                return self.make(CaptureSpan, self._compile(item, stop, active), node.name, "")
            case Capture():
                return self.make(CaptureSpan, self._slot(node.slot, stop), node.name, node.type)
            case Seq(items=items):
                return self._sequence(items, stop, active)
        raise TypeError(node)

    def _macro(self, node: Macro, stop: Element | None, active: tuple[str, ...]) -> Element:
        if node.name not in self.macros:
            raise PatternError(f"unknown macro '@{node.name}'", node.col)
        if node.name in active:
            chain = " -> ".join("@" + m for m in active + (node.name,))
            raise PatternError(f"macro '@{node.name}' uses itself ({chain})", node.col)
        try:
            return self._compile(in_form(self.macros[node.name], node.form), stop, active + (node.name,))
        except PatternError as err:
            if err.macro is None:
                err.macro = node.name
            raise

    def _choice(self, options: list[Element], node: Alt) -> Element:
        """Alternatives, with the one-word ones merged into one set lookup.

        Merging keeps the result: each one-word option ends at the same place,
        and without captures a tie between options leaves nothing to tell apart.
        """
        words = [o for o in options if isinstance(o, WordSet)]
        if len(words) < 2 or any(isinstance(n, Capture) for n in walk(node)):
            return self.make(Choice, options)
        merged = self.make(WordSet, frozenset().union(*(o.forms for o in words)), "one of the alternatives")
        if len(words) == len(options):
            return merged
        at = options.index(words[0])
        return self.make(Choice, [*options[:at], merged, *(o for o in options[at:] if not isinstance(o, WordSet))])

    def _slot(self, type_: str, stop: Element | None) -> Element:
        if type_ == "actor":
            return self.make(ActorSlot, stop)
        if type_ == "quote":
            return self.make(QuoteSlot)
        if type_ == "number":
            return self.make(Lazy, "a number", number_token, 1, SLOT_WIDTHS["number"], stop)
        if type_ == "np":
            return self.make(Lazy, "a noun phrase", self._np, 1, SLOT_WIDTHS["np"], stop)
        if type_ == "clause":
            return self.make(Lazy, "a clause", self._clause, 1, SLOT_WIDTHS["clause"], stop)
        return self.make(Lazy, "the rest of the sentence", rest_token, 1, REST_TOKENS, stop)

    def _sequence(self, items: list[Node], stop: Element | None, active: tuple[str, ...]) -> Element:
        """Compile right to left, so each lazy element knows what follows it."""
        compiled: list[Element] = []
        follow = stop
        for item in reversed(items):
            element = self._compile(item, follow, active)
            compiled.append(element)
            # What follows the next element to the left: the rest of this sequence, optional parts
            # included, and what follows the sequence where all of that may be empty.
            rest = list(reversed(compiled))
            if stop is not None and all(e.may_be_empty for e in rest):
                rest.append(stop)
            follow = self.make(Sequence, rest) if len(rest) > 1 else rest[0]
        return self.make(Sequence, list(reversed(compiled)))
