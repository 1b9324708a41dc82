"""Quotations across sentences and who is speaking them.

News quotes run over several sentences and paragraphs, and the "said"
often stands in only one of them, so quotes are found over the whole
document before any rule runs; each sentence then knows the quote spans it
contains and the speaker of the quote it stands in.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.actors.mention import Mention
from tracker.tokens import QUOTE_CHARS, Token

OPENING = "“«"
ATTRIBUTION_REACH = 8  # tokens before a quote searched for "X said:"
CLOSING = "”»"


@dataclass
class Quote:
    start: int  # document offset of the opening mark
    end: int    # document offset just after the closing mark (or the paragraph end)
    speaker: Mention | None = None


def find_quotes(text: str) -> list[Quote]:
    """Quote spans of a document: curly pairs, straight pairs, and a quote
    left open at a paragraph's end (news style: the next paragraph goes on
    with a new opening mark)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    straight_open = False
    for pos, ch, width in _marks(text):
        if ch == "\n":
            if open_at is not None:
                quotes.append(Quote(open_at, pos))
            open_at, straight_open = None, False
        elif ch in OPENING or (ch == '"' and not straight_open and open_at is None):
            if open_at is not None:
                quotes.append(Quote(open_at, pos))
            open_at, straight_open = pos, ch == '"'
        elif (ch in CLOSING or ch == '"') and open_at is not None:
            quotes.append(Quote(open_at, pos + width))
            open_at, straight_open = None, False
    if open_at is not None:
        quotes.append(Quote(open_at, len(text)))
    return quotes


# A quote mark, or a line break that ends a paragraph: one followed by a
# carriage return or by a line holding nothing but spaces.  Two apostrophes
# ('') are a straight double quote, as some papers' archives write it.
_MARK = re.compile(r"[“«”»\"]|''|\n(?=[\n\r]|[^\S\n]*\n)")


def _marks(text: str) -> Iterator[tuple[int, str, int]]:
    """Quote marks and paragraph breaks, in order: offset, mark, width."""
    for m in _MARK.finditer(text):
        mark = m.group()
        yield m.start(), '"' if mark == "''" else mark, len(mark)


ASIDE_CLOSERS = {",": ",", "(": ")", "--": "--", "—": "—"}  # what opens an aside, and what closes it
MAX_ASIDES = 3
ASIDE_REACH = 8  # tokens of ", 82," or ", a former aide," between a speaker and the verb


def _after_asides(tokens: list[Token], k: int) -> list[int]:
    """The places a verb may stand after a speaker ending at k: right there,
    or after one to MAX_ASIDES short asides ("X, 82, said", "X (D-Texas)
    said", "X -- a lawyer -- said", "X, 59, of Toledo, said")."""
    places = [k]
    for _ in range(MAX_ASIDES):
        if k >= len(tokens) or tokens[k].text not in ASIDE_CLOSERS:
            break
        closer = ASIDE_CLOSERS[tokens[k].text]
        end = next((m for m in range(k + 1, min(len(tokens), k + ASIDE_REACH + 1))
                    if tokens[m].text == closer or tokens[m].text in QUOTE_CHARS), None)
        if end is None or tokens[end].text in QUOTE_CHARS and tokens[end].text != closer:
            break
        if closer == ",":
            places.append(end + 1)
            k = end  # the closing comma may open the next aside
        else:
            places.append(end + 1)
            k = end + 1
    return places


class MentionIndex:
    """A sentence's actor mentions by where they start and where they end,
    built once for all the quotes of the sentence: a paragraph of thousands
    of quotes and mentions stays linear."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.by_start: dict[int, list[Mention]] = {}  # a start's readings, longest first
        for m in sorted((m for m in mentions if m.actor is not None), key=lambda m: -m.end):
            self.by_start.setdefault(m.start, []).append(m)
        by_end = sorted((m.end, k) for k, m in enumerate(mentions) if m.actor is not None)
        self.ends = [end for end, _ in by_end]
        self.order = [k for _, k in by_end]

    def last_before(self, at: int, reach: int) -> list[Mention]:
        """The mentions ending at most at `at` and less than `reach`
        characters before it, the one that starts last first (the first listed on a tie)."""
        lo, hi = bisect_right(self.ends, at - reach), bisect_right(self.ends, at)
        mentions = self.mentions
        return [mentions[k] for k in sorted(self.order[lo:hi], key=lambda k: (-mentions[k].start, k))]


SPEAKER_BEFORE_CHARS = 40  # "X said: “…”": the speaker ends this close before the verb


def attribute(quote: Quote, tokens: list[Token], mentions: list[Mention], say_words: frozenset[str],
              listener_cues: frozenset[str], index: MentionIndex | None = None) -> Mention | None:
    """The speaker named next to a quote in its sentence: `“…,” X said`,
    `“…,” said X`, `X said: “…”`, `X told reporters, “…”`.

    Only a few tokens on either side of the quote are looked at (found by
    bisection), and `index` (the sentence's MentionIndex, made once for all
    its quotes when not given) finds the mentions there, so a sentence with
    thousands of quote marks stays linear.  A mention after one of
    `listener_cues` ("met with Brazilian officials and told reporters: “…”")
    is whom the speaker met, not the speaker.
    """
    if index is None:
        index = MentionIndex(mentions)
    by_start = index.by_start
    j = bisect_left(tokens, quote.end, key=lambda t: t.start)
    while j < len(tokens) and tokens[j].text in (",", "—", "-"):
        j += 1
    if j < len(tokens):
        for m in by_start.get(tokens[j].start, ()):
            places = _after_asides(tokens, bisect_left(tokens, m.end, key=lambda t: t.start))
            if any(k < len(tokens) and tokens[k].lower in say_words for k in places):
                return m
        if tokens[j].lower in say_words and j + 1 < len(tokens) and tokens[j + 1].start in by_start:
            return by_start[tokens[j + 1].start][0]
    first_inside = bisect_left(tokens, quote.start, key=lambda t: t.start)
    for k in range(first_inside - 1, max(-1, first_inside - ATTRIBUTION_REACH), -1):
        if tokens[k].lower in say_words:
            for at in (*_aside_opening(tokens, k, say_words), tokens[k].start):
                for before in index.last_before(at, SPEAKER_BEFORE_CHARS):
                    first = bisect_left(tokens, before.start, key=lambda t: t.start)
                    if first == 0 or tokens[first - 1].lower not in listener_cues:
                        return before
    return None


def _aside_opening(tokens: list[Token], k: int, say_words: frozenset[str]) -> list[int]:
    """Where an aside between commas right before the verb at k opens ("X,
    addressing bankers in Frankfurt, said"), if one does: the speaker ends
    there, and the mentions inside the aside are not the speaker.  A stretch
    with a verb of speech or a quote mark is no aside ("“...,” Sanders said,
    suggesting")."""
    if k < 2 or tokens[k - 1].text != ",":
        return []
    for j in range(k - 2, max(-1, k - 2 - ASIDE_REACH), -1):
        if tokens[j].text == ",":
            return [tokens[j].start]
        if tokens[j].lower in say_words or tokens[j].text in QUOTE_CHARS:
            break
    return []
