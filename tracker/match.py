"""Running a compiled pattern over one sentence.

A pattern is tried only where it can start (at its first word, at an actor
mention, at a quote), which is what keeps matching cheap once the trigger
index has let a rule through.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import pyparsing as pp

from tracker.patterns import MatchContext, Node, Span, spans_of


@dataclass
class CompiledPattern:
    source: str
    tree: Node
    expr: pp.ParserElement
    starts: frozenset[str] | str | None  # words, "actor", "quote", or None (anywhere)


@dataclass
class Match:
    start: int  # sentence-relative offsets
    end: int
    spans: list[Span]

    def span(self, name: str) -> Span | None:
        return next((s for s in self.spans if s.name == name), None)


def start_positions(pattern: CompiledPattern, ctx: MatchContext) -> list[int]:
    tokens = ctx.index.tokens
    if pattern.starts is None:
        return [t.start for t in tokens]
    if pattern.starts == "actor":
        return sorted(ctx.mentions)
    if pattern.starts == "quote":
        return sorted(ctx.quotes)
    return [t.start for t in tokens if t.lower in pattern.starts]


def find(pattern: CompiledPattern, text: str, ctx: MatchContext, overlap: bool = False) -> Iterator[Match]:
    """Matches of a pattern in a sentence, left to right; without `overlap`
    a match never starts inside the previous one."""
    last_end = -1
    for loc in start_positions(pattern, ctx):
        if loc < last_end and not overlap:
            continue
        try:
            end, tokens = pattern.expr._parse(text, loc, do_actions=True, callPreParse=False)
        except pp.ParseBaseException:
            continue
        last_end = end
        yield Match(loc, end, spans_of(tokens))


def first_failure(pattern: CompiledPattern, text: str, ctx: MatchContext) -> tuple[int, str] | None:
    """Where a pattern got furthest before failing, for `tracker explain`:
    (offset, what was expected there)."""
    best: tuple[int, str] | None = None
    for loc in start_positions(pattern, ctx) or [0]:
        try:
            pattern.expr._parse(text, loc, do_actions=True, callPreParse=False)
            return None
        except pp.ParseBaseException as err:
            if best is None or err.loc > best[0]:
                best = (err.loc, err.msg)
    return best
