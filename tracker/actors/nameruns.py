"""Runs of capitalised name words in one sentence, each worked out once.

A name is read from each capitalised word on: "J. R. Smith" from "J.", and,
when that reading fails (an alias inside it, "Senior U.S. Officials"), again
from the next word.  Walking the run afresh from every start made a
sentence of thousands of capitalised words and initials quadratic; here
where a run ends, and the first alias inside it, are remembered for the
sentence, so every start costs a lookup.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection

from tracker.actors.mention import Actor
from tracker.tokens import Token


class NameRuns:
    """`goes_on(j)`: whether the name words go on at token j (past a name's
    first word); `step(j)`: tokens one takes there (2 for an initial and its
    period); `alias_at(j)`: the alias starting at token j, if any."""

    def __init__(self, tokens: list[Token], goes_on: Callable[[int], bool], step: Callable[[int], int],
                 alias_at: Callable[[int], tuple[int, Actor] | None], alias_words: Collection[str]) -> None:
        self.tokens = tokens
        self.goes_on, self.step, self.alias_at = goes_on, step, alias_at
        self.ends: dict[int, int] = {}  # a token inside a run -> where the run ends
        self.alias_places = [k for k, t in enumerate(tokens) if t.text in alias_words]
        self.next_alias: dict[int, int | None] = {}  # an index into alias_places -> the first with an alias, on

    def end_from(self, j: int) -> int:
        """Where the run that goes on at token j ends: the first token it stops at."""
        ends, visited = self.ends, []
        while j not in ends and j < len(self.tokens) and self.goes_on(j):
            visited.append(j)
            j += self.step(j)
        end = ends.get(j, j)
        for k in visited:
            ends[k] = end
        return end

    def first_alias(self, lo: int, hi: int) -> tuple[int, tuple[int, Actor]] | None:
        """The first token in lo..hi-1 where an alias starts, and the alias."""
        places = self.alias_places
        n = self._next_with_alias(bisect_right(places, lo - 1))
        if n is None or places[n] >= hi:
            return None
        hit = self.alias_at(places[n])
        assert hit is not None
        return places[n], hit

    def _next_with_alias(self, n: int) -> int | None:
        memo, places, visited = self.next_alias, self.alias_places, []
        found: int | None = None
        while n < len(places):
            if n in memo:
                found = memo[n]
                break
            visited.append(n)
            if self.alias_at(places[n]) is not None:
                found = n
                break
            n += 1
        for k in visited:
            memo[k] = found
        return found
