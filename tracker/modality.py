"""Modality, condition and time of a match, from the cue lists of `rules/`.

A cue counts only in the frame of the act: between where the match starts
and where its content begins ("X might ease", "X did not agree to"), so a
hedge inside what someone said does not hedge the saying.  Conditions are
the exception: "If approved, we will ..." and "... if Beijing agreed" put
the condition before the actor or after the content, in its own clause; and
a clause that closes an act's content ("will cut jobs if sales fall") is
that act's condition, taken out of the content.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass

from tracker.lang.context import MatchContext
from tracker.lang.match import Match, find
from tracker.records import Modality
from tracker.rulefiles.ruleset import Cues
from tracker.tokens import CLAUSE_HARD_STOPS, SENTENCE_END

ORDER: tuple[Modality, ...] = ("negated", "conditional", "hedged", "pending")
RECORD_FIELDS = frozenset({"actor", "target", "content", "condition", "when"})
PARTY_FIELDS = frozenset({"actor", "target"})


@dataclass
class Assessment:
    modality: Modality
    condition: str | None
    when: str | None
    content_end: int | None = None  # where the content ends when its last words were the act's condition


def _hits(cues: Cues, name: str, text: str, ctx: MatchContext) -> list[tuple[int, int]]:
    """Where the cues of one modality (or "when") match in the sentence, cue
    by cue.  All cues are searched once per sentence, as every record of the
    sentence asks (which keeps long sentences linear)."""
    if "cues" not in ctx.memo:
        found: dict[str, list[tuple[int, int]]] = {}
        for kind, pattern in cues.index.candidates(ctx.index.positions.keys()):
            found.setdefault(kind, []).extend((m.start, m.end) for m in find(pattern, text, ctx)
                                              if not _in_a_name(ctx, m.start, m.end))
        ctx.memo["cues"] = found
    return ctx.memo["cues"].get(name, [])


def _in_a_name(ctx: MatchContext, start: int, end: int) -> bool:
    """A cue's words inside a longer mention are part of a name, no cue:
    "Theresa May said", "May Department Stores"."""
    return any(m_start <= start and end <= ends[0] and ends[0] - m_start > end - start
               for m_start, ends in ctx.mentions.items() if m_start <= start < ends[0])


def _clause_end(text: str, ctx: MatchContext, start: int) -> int:
    """Where the clause that begins at `start` ends: a comma, a hard stop, the sentence end."""
    end = start
    tokens = ctx.index.tokens
    for k in range(bisect_left(ctx.index.starts, start), len(tokens)):
        tok = tokens[k]
        if tok.start > start and (tok.text == "," or tok.text in CLAUSE_HARD_STOPS or tok.text in SENTENCE_END):
            break
        end = tok.end
    return end


def _clause_start(ctx: MatchContext, start: int, openers: Collection[str]) -> int:
    """Where the clause holding `start` begins, so that a cue just before the
    actor ("make sure he approves", "expected that X will") is in the frame;
    `openers` are the frame_openers of rules/language/phrases.yaml."""
    if "openers" not in ctx.memo:
        ctx.memo["openers"] = [(t.start, t.end) for t in ctx.index.tokens if t.lower in openers]
    spans: list[tuple[int, int]] = ctx.memo["openers"]
    before = bisect_left(spans, (start,))
    return spans[before - 1][1] if before else 0


GOVERNING_WORDS = 3  # "denied press reports that": the verb may stand three words before "that"


def _governing_words(ctx: MatchContext, start: int, openers: Collection[str]) -> int:
    """Where the words that govern a that-clause starting at `start` begin:
    "denied that it planned to sell", "rejected reports that it would
    close": a denial there is the act's.  Up to three words back from
    "that", stopping at another opener or mark; `start` when no "that"
    comes right before it."""
    index = ctx.index
    k = bisect_left(index.starts, start) - 1
    if k < 1 or index.lowers[k] != "that":
        return start
    first = k
    for j in range(k - 1, max(-1, k - 1 - GOVERNING_WORDS), -1):
        if not index.tokens[j].is_word or index.lowers[j] in openers:
            break
        first = j
    return index.tokens[first].start



def assess(match: Match, text: str, ctx: MatchContext, cues: Cues, openers: Collection[str],
           fixed: Modality | None, statement: bool = False) -> Assessment:
    """`statement`: the record reports what someone said, so a condition
    inside its content is part of what was said ("said it would cut jobs if
    sales fell"); an act's content that ends in a condition ("will cut jobs
    if sales fall") is that act's condition, and leaves the content there."""
    content = match.span("content")
    opening = _clause_start(ctx, match.start, openers)
    frame = (_governing_words(ctx, opening, openers), content.start if content else match.end)
    inside = (content.start, content.end) if content else (match.end, match.end)
    # What a capture that fills no field holds ("X, who was not named, said") is no cue of the act,
    # nor is a word of a party's name ("Theresa May said", "May Department Stores").
    asides = [s for s in match.spans if s.name not in RECORD_FIELDS or s.name in PARTY_FIELDS]
    modality = fixed
    condition: str | None = None
    content_end: int | None = None
    for name in ORDER:
        for start, _ in _hits(cues, name, text, ctx):
            if name == "conditional":
                if condition is not None:
                    continue
                end = _clause_end(text, ctx, start)
                if inside[0] <= start < inside[1] and (statement or start == inside[0] or end < inside[1]):
                    continue
                if inside[0] < start < inside[1]:
                    content_end = start  # "cut jobs if sales fall": the condition closes the content
                condition = text[start:end].strip()
                modality = modality or name
            elif frame[0] <= start < frame[1] and not any(s.start <= start < s.end for s in asides):
                modality = modality or name
    when_span = match.span("when")
    when = text[when_span.start:when_span.end] if when_span else None
    if when is None:
        hits = sorted(h for h in _hits(cues, "when", text, ctx) if not inside[0] <= h[0] < inside[1])
        when = text[hits[0][0]:hits[0][1]] if hits else None
    cond_span = match.span("condition")
    if cond_span:
        condition = text[cond_span.start:cond_span.end]
        modality = modality or "conditional"
    return Assessment(modality or "asserted", condition, when, content_end)
