"""The sentence a compiled pattern runs over, and the captures of an attempt.

Matchers read the sentence through its token index, its actor mentions and
its quotes, all worked out before any rule runs; this is the one object
they share.
"""
from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field

from tracker.tokens import CLOSE_QUOTES, DASHES, QUOTE_CHARS, SENTENCE_END, TokenIndex

CLAUSE_OPENERS = frozenset({",", ";", ":", "-"}) | DASHES
# Tokens passed by gaps and lazy captures between two readings of the clock
# while a deadline is set: each takes a microsecond or so, so a rule overruns
# its budget by a few milliseconds at most, and the clock costs nothing measurable.
STEPS_PER_CLOCK_READ = 4096
# Sentences longer than this (no news sentence; a page of text with no full stop) keep no results
# of their elements (elements.Remembered): on 50,000 tokens the table costs more than it saves,
# and the time budget stops what runs long there.
REMEMBERED_TOKENS = 1000


@dataclass
class Span:
    """A captured stretch of the sentence (offsets relative to the sentence)."""

    name: str
    type: str
    start: int
    end: int


@dataclass
class MatchContext:
    """What matchers know about the sentence beyond its characters.

    `mentions` maps a token start to the ends of actor mentions starting there
    (longest first); `quotes` maps an opening quote's start to its end.
    `spans` collects the captures of the attempt under way; `memo` keeps what
    is worked out once per sentence for all its records (cue hits, clauses).
    """

    index: TokenIndex
    mentions: dict[int, list[int]] = field(default_factory=dict)
    quotes: dict[int, int] = field(default_factory=dict)
    tail: int = field(init=False)
    spans: list = field(init=False, default_factory=list)
    memo: dict = field(init=False, default_factory=dict)
    results: dict | None = field(init=False, default=None)  # elements.Remembered: (element, place) -> (end, captures)
    # The rule under way must stop by this time.perf_counter() value (None: no
    # limit); each token a gap or lazy capture passes is a step, and once per
    # STEPS_PER_CLOCK_READ steps the clock is read, so that an attempt whose
    # look-aheads multiply (lazy captures in a row) is stopped inside.
    deadline: float | None = field(init=False, default=None)
    steps_left: int = field(init=False, default=STEPS_PER_CLOCK_READ)

    @property
    def clause_starts(self) -> list[int]:
        """Where clauses start: the first token, and each token after a comma,
        semicolon, colon or dash (or after the closing quote mark that follows
        one: 'on “The Show,” the host ...'), in order (patterns written "^ ...")."""
        if "clause starts" not in self.memo:
            tokens = self.index.tokens
            self.memo["clause starts"] = [t.start for k, t in enumerate(tokens) if k == 0
                                          or tokens[k - 1].text in CLAUSE_OPENERS and t.text not in CLOSE_QUOTES
                                          or k > 1 and tokens[k - 1].text in CLOSE_QUOTES
                                          and tokens[k - 2].text in CLAUSE_OPENERS]
        return self.memo["clause starts"]

    def offsets_of(self, words: frozenset[str]) -> list[int]:
        """The start offsets of the tokens that are one of `words`, in order
        (worked out once per sentence and word set)."""
        key = ("offsets", id(words))
        found = self.memo.get(key)
        if found is None:
            positions = self.index.positions
            lists = [positions[w] for w in words if w in positions] if len(words) < len(positions) \
                else [p for w, p in positions.items() if w in words]
            found = self.memo[key] = lists[0] if len(lists) == 1 else sorted(p for ps in lists for p in ps)
        return found

    def __post_init__(self) -> None:
        """`tail` is where the closing punctuation and quote marks begin, so
        a rest-of-sentence capture leaves them out."""
        tokens = self.index.tokens
        self.results = {} if len(tokens) <= REMEMBERED_TOKENS else None
        self.tail = len(tokens)
        while self.tail and (tokens[self.tail - 1].text in SENTENCE_END or tokens[self.tail - 1].text in QUOTE_CHARS):
            self.tail -= 1


    def check_clock(self) -> None:
        """Called when `steps_left` has run out: raises OutOfTime past the deadline."""
        self.steps_left = STEPS_PER_CLOCK_READ
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise OutOfTime


class OutOfTime(Exception):
    """A rule used up its time budget on a sentence."""


# The sentence under way, which PatternExpression reads: pyparsing's calls into
# an element carry only the text and an offset.
CONTEXT: contextvars.ContextVar[MatchContext] = contextvars.ContextVar("tracker_match_context")
