"""Running a compiled pattern over one sentence.

A pattern is tried only where it can start (at its first word, at an actor
mention, at a quote), which is what keeps matching cheap once the trigger
index has let a rule through.
"""
from __future__ import annotations

import time
from bisect import bisect_left
from dataclasses import dataclass
from heapq import merge
from typing import Iterator

import pyparsing as pp

from tracker.patterns import MatchContext, Node, PatternExpression, Span, set_context


@dataclass
class CompiledPattern:
    source: str
    tree: Node
    expr: PatternExpression
    starts: frozenset[str] | str | None  # words, "actor", "quote", or None (anywhere)
    anchor: tuple[frozenset[str], int] | None = None  # see patterns.anchor
    trigger: frozenset[str] | None = None  # a matching sentence holds one of these words (None: unknown)


@dataclass
class Match:
    start: int  # sentence-relative offsets
    end: int
    spans: list[Span]

    def span(self, name: str) -> Span | None:
        return next((s for s in self.spans if s.name == name), None)


def start_positions(pattern: CompiledPattern, ctx: MatchContext) -> list[int]:
    starts = pattern.starts
    if starts is None:
        return [t.start for t in ctx.index.tokens]
    if starts == "actor":
        if "actor starts" not in ctx.memo:
            ctx.memo["actor starts"] = sorted(ctx.mentions)
        return ctx.memo["actor starts"]
    if starts == "quote":
        return sorted(ctx.quotes)
    positions = ctx.index.positions
    found = [positions[w] for w in starts if w in positions] if len(starts) < len(positions) \
        else [p for w, p in positions.items() if w in starts]
    if len(found) == 1:
        return found[0]
    return list(merge(*found))


def _in_reach(ctx: MatchContext, starts: list[int], words: frozenset[str], reach: int) -> list[int]:
    """The actor starts from which one of a pattern's anchor words is in reach."""
    memo, index = ctx.memo, ctx.index
    if "after actor" not in memo:  # per actor start: the first token after its mention
        memo["after actor"] = {s: bisect_left(index.starts, ends[0]) for s, ends in ctx.mentions.items()}
    after, lowers = memo["after actor"], index.lowers
    return [s for s in starts if not words.isdisjoint(lowers[after[s]:after[s] + reach + 1])]


class OutOfTime(Exception):
    """A rule used up its time budget on a sentence."""


def find(pattern: CompiledPattern, text: str, ctx: MatchContext, overlap: bool = False,
         deadline: float | None = None) -> Iterator[Match]:
    """Matches of a pattern in a sentence, left to right; without `overlap`
    a match never starts inside the previous one.

    With a `deadline` (a time.perf_counter() value), OutOfTime is raised
    between attempts once it has passed: each attempt is linear in the
    sentence, so this bounds a rule's time on a sentence.
    """
    expr = pattern.expr
    words = ctx.index.positions.keys()
    for need in expr.needs:
        if words.isdisjoint(need):
            return
    set_context(ctx)
    last_end = -1
    starts = start_positions(pattern, ctx)
    if pattern.anchor is not None:
        starts = _in_reach(ctx, starts, *pattern.anchor)
    for loc in starts:
        if loc < last_end and not overlap:
            continue
        if deadline is not None and time.perf_counter() > deadline:
            raise OutOfTime
        try:
            end, results = expr._parse(text, loc, do_actions=True, callPreParse=False)
        except pp.ParseException:
            continue
        last_end = end
        yield Match(loc, end, list(results))
