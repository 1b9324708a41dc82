"""Running a compiled pattern over one sentence.

A pattern is tried only where it can start (at its first word, at an actor
mention, at a quote), which is what keeps matching cheap once the trigger
index has let a rule through.
"""
from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from heapq import merge

from tracker.lang.analysis import Facts
from tracker.lang.context import MatchContext, OutOfTime, Span
from tracker.lang.elements import FAIL, PatternExpression
from tracker.lang.tree import Node


@dataclass
class CompiledPattern:
    source: str
    tree: Node | None  # None in a scan's cached rule set (rulecache.py): only explaining a failure reads it
    expr: PatternExpression
    facts: Facts

    @property
    def trigger(self) -> frozenset[str] | None:
        return self.facts.trigger


@dataclass
class Match:
    start: int  # sentence-relative offsets
    end: int
    spans: list[Span]

    def span(self, name: str) -> Span | None:
        return next((s for s in self.spans if s.name == name), None)


def start_positions(pattern: CompiledPattern, ctx: MatchContext) -> list[int]:
    """Where in the sentence the pattern may start, in order."""
    starts = pattern.facts.starts
    if starts is None:
        return [t.start for t in ctx.index.tokens]
    if starts == "actor":
        if "actor starts" not in ctx.memo:
            ctx.memo["actor starts"] = sorted(ctx.mentions)
        return ctx.memo["actor starts"]
    if starts == "quote":
        return sorted(ctx.quotes)
    if starts == "start":
        return ctx.clause_starts
    positions = ctx.index.positions
    found = [positions[w] for w in starts if w in positions] if len(starts) < len(positions) \
        else [p for w, p in positions.items() if w in starts]
    if len(found) == 1:
        return found[0]
    return list(merge(*found))


def _in_reach(ctx: MatchContext, starts: list[int], words: frozenset[str], reach: int) -> list[int]:
    """The actor starts from which one of a pattern's anchor words is in reach."""
    memo, index = ctx.memo, ctx.index
    if "after actor" not in memo:  # per actor start: the first tokens after its shortest and longest reading
        memo["after actor"] = {s: (bisect_left(index.starts, ends[-1]), bisect_left(index.starts, ends[0]))
                               for s, ends in ctx.mentions.items()}
    after, lowers = memo["after actor"], index.lowers
    return [s for s in starts if not words.isdisjoint(lowers[after[s][0]:after[s][1] + reach + 1])]


def _in_order(ctx: MatchContext, starts: list[int], needs: tuple[frozenset[str], ...]) -> list[int]:
    """The starts after which a pattern's required words all stand, in the
    pattern's order: a match takes them left to right, so a start past the
    last "that" of the sentence cannot match "... said ... that ...".

    A start that can is at or before the latest first word of a chain of
    the required words, one after the other; that place is worked out once
    per sentence and pattern, from the last word back (the patterns of a
    sentence's rules ask again and again)."""
    bounds = ctx.memo.get("order bounds")
    if bounds is None:
        bounds = ctx.memo["order bounds"] = {}
    bound = bounds.get(id(needs))
    if bound is None:
        bound = len(ctx.index.text) + 1  # past every token
        for need in reversed(needs):
            offsets = ctx.offsets_of(need)
            k = bisect_left(offsets, bound) - 1
            if k < 0:
                bound = -1
                break
            bound = offsets[k]
        bounds[id(needs)] = bound
    return starts[:bisect_right(starts, bound)]


def find(pattern: CompiledPattern, text: str, ctx: MatchContext, deadline: float | None = None) -> Iterator[Match]:
    """Matches of a pattern in a sentence, left to right, none starting
    inside the one before.

    With a `deadline` (a time.perf_counter() value), OutOfTime is raised
    once it has passed: between attempts, and inside one, where look-aheads
    can multiply (Lazy.parse counts steps for MatchContext.check_clock), so
    that no attempt runs far past it.
    """
    ctx.deadline = deadline  # before any return: no deadline of an earlier rule outlives its run
    expr = pattern.expr
    root = expr.root
    words = ctx.index.positions.keys()
    for need in expr.needs:
        if words.isdisjoint(need):
            return
    starts = start_positions(pattern, ctx)
    if pattern.facts.anchor is not None:
        starts = _in_reach(ctx, starts, *pattern.facts.anchor)
    if len(expr.needs) > 1:
        starts = _in_order(ctx, starts, expr.needs)
    if not starts:
        return
    last_end = -1
    for loc in starts:
        if loc < last_end:
            continue
        if deadline is not None and time.perf_counter() > deadline:
            raise OutOfTime
        ctx.spans = []
        # The root element directly, as PatternExpression.parseImpl would be called: a start is a
        # token's, so pyparsing's whitespace skip has nothing to skip, and a failure costs no exception.
        end = root.parse(ctx, loc)
        if end == FAIL:
            continue
        last_end = end
        yield Match(loc, end, list(ctx.spans))


def first_match(pattern: CompiledPattern, text: str, ctx: MatchContext, deadline: float | None = None) -> Match | None:
    return next(find(pattern, text, ctx, deadline), None)
