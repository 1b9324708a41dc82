"""A document as the rules see it: its sentences, each with tokens, mentions, quotes and speaker.

text -> pieces (cut at blank lines) -> sentences -> tokens and actor
mentions (the document's memory carries over) -> quotations and their
speakers -> sentence views.  Each view is built once, complete: the side
pronouns of a quotation ("we", "they") are resolved against its speaker
before the view exists, so no later step changes what a mention names.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from tracker.actors.finders import Tables
from tracker.actors.lexicon import Lexicon
from tracker.actors.mention import Actor, Mention
from tracker.actors.mentions import MentionFinder
from tracker.lang.context import MatchContext
from tracker.quotes import MentionIndex, Quote, attribute, find_quotes
from tracker.rulefiles.words import Words
from tracker.sentences import Sentence, SentenceSplitter
from tracker.tokens import Token, TokenIndex, tokenize

# Every kind of space becomes a plain one (same length, so offsets hold).
_SPACES = {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000\t\x0b\x0c"}
_QUOTE_MARKS = re.compile("[“”«»\"]|''")
QUOTE_CONTINUATION_CHARS = 800  # an unattributed quote this close after another keeps its speaker
PIECE_CHARS = 50_000  # a long document is read in pieces of about this size, cut at blank lines
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


@dataclass
class SentenceView:
    """A sentence as the matchers see it, plus what the document knows about it."""

    sentence: Sentence            # its text is whitespace-normalised; `original` is as written
    context: MatchContext
    mentions: list[Mention]
    speaker: Mention | None       # the speaker of the quote the sentence stands in
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # sentence-relative
    parties: list[Actor] = field(default_factory=list)  # the two sides the story is about, so far
    original: str = ""            # the sentence as it stands in the document, for records

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass
class _Draft:
    """A sentence read up to its mentions, waiting for the speakers of its piece."""

    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    quote_spans: list[tuple[int, int]]
    parties: list[Actor]


class Reader:
    """Reads documents into sentence views with one rule set's lexicon and word lists."""

    def __init__(self, lexicon: Lexicon, words: Words) -> None:
        self.lexicon, self.words = lexicon, words
        self.splitter = SentenceSplitter(words)
        self.say = words.speech_forms
        self.openers = words.mention_openers
        self.tables = Tables.of(lexicon, words)

    def views(self, text: str) -> list[SentenceView]:
        """Sentences with tokens, mentions, quotes and speakers, in document order."""
        return [view for piece in self.piece_views(text) for view in piece]

    def piece_views(self, text: str) -> Iterator[list[SentenceView]]:
        """The views of a document, a piece at a time.

        A long document is cut at blank lines, which no quotation crosses,
        into pieces of about PIECE_CHARS; what the document has introduced
        (people, companies, the two sides) carries over, and memory follows
        the piece rather than the document.
        """
        norm = text.translate(_SPACES)
        finder = MentionFinder(self.lexicon, self.words, self.tables)
        previous: Quote | None = None
        line = 1
        for lo, hi in _pieces(norm):
            piece = norm[lo:hi]
            found = [Quote(q.start + lo, q.end + lo) for q in find_quotes(piece)] \
                if _QUOTE_MARKS.search(piece) else []  # most articles quote no one
            starts = [q.start for q in found]
            drafts = []
            for s in self.splitter.split(piece):
                sentence = Sentence(s.start + lo, s.end + lo, s.text, s.line + line - 1)
                drafts.append(self._draft(sentence, finder, found, starts))
            quotes = self._speakers(found, drafts, previous)
            if quotes:
                previous = quotes[-1]
            quote_starts = [q.start for q in quotes]
            yield [self._view(text, d, quotes, quote_starts) for d in drafts]
            line += piece.count("\n")

    def _draft(self, sentence: Sentence, finder: MentionFinder, quotes: list[Quote], starts: list[int]) -> _Draft:
        tokens = tokenize(sentence.text)
        mentions = finder.mentions(tokens)
        local = []
        for q in quotes[max(0, bisect_right(starts, sentence.start) - 1):]:
            if q.start >= sentence.end:
                break
            if q.end > sentence.start:
                local.append((max(q.start, sentence.start) - sentence.start, min(q.end, sentence.end) - sentence.start))
        return _Draft(sentence, tokens, mentions, local, list(finder.memory.last_pair))

    def _speakers(self, quotes: list[Quote], drafts: list[_Draft], previous: Quote | None) -> list[Quote]:
        """Each quote with its speaker: named beside it in the sentence where
        it ends, or, for an unattributed quote close after another, that one's."""
        ends = [d.sentence.end for d in drafts]
        indexes: dict[int, MentionIndex] = {}  # per sentence, made at its first quote

        def named_in(k: int, quote: Quote) -> Mention | None:
            draft = drafts[k]
            rel = Quote(quote.start - draft.sentence.start, quote.end - draft.sentence.start)
            if k not in indexes:
                indexes[k] = MentionIndex(draft.mentions)
            return attribute(rel, draft.tokens, draft.mentions, self.say, self.words.listener_cues, indexes[k])
        out = []
        for quote in quotes:
            speaker = None
            k = bisect_left(ends, quote.end - 1)
            if k < len(drafts) and drafts[k].sentence.start <= quote.end:
                speaker = named_in(k, quote)
                first = bisect_right(ends, quote.start)
                if speaker is None and first < k:  # 'X said: “A. B.”': named where the quote opens
                    speaker = named_in(first, quote)
            if speaker is None and previous is not None and previous.speaker is not None \
                    and quote.start - previous.end < QUOTE_CONTINUATION_CHARS:
                speaker = previous.speaker
            previous = replace(quote, speaker=speaker)
            out.append(previous)
        return out

    def _view(self, text: str, draft: _Draft, quotes: list[Quote], starts: list[int]) -> SentenceView:
        """`starts`: where the piece's quotes start, in order."""
        sentence, tokens = draft.sentence, draft.tokens
        speaker = None
        k = bisect_right(starts, sentence.start + 1) - 1
        if k >= 0 and sentence.start + 1 < quotes[k].end and quotes[k].speaker is not None:
            speaker = quotes[k].speaker
        if speaker is not None:
            voices = [(0, len(sentence.text), speaker)]
        else:  # 'X said: “We will ...”': the quote opens inside the sentence, which is not all X's
            voices = [(q.start - sentence.start, q.end - sentence.start, q.speaker)
                      for q in quotes[bisect_right(starts, sentence.start):bisect_left(starts, sentence.end)]
                      if q.speaker is not None]
        mentions = self._sides(draft.mentions, voices, draft.parties)
        index = TokenIndex(sentence.text, tokens)
        ctx = MatchContext(index)
        articles = {tokens[index.by_start[start]].end: start  # where "the", "one", "two" end -> where they start
                    for word in self.openers for start in index.positions.get(word, ())}
        for m in mentions:
            ctx.mentions.setdefault(m.start, []).append(m.end)
            if m.start - 1 in articles:
                ctx.mentions.setdefault(articles[m.start - 1], []).append(m.end)
        for mention_ends in ctx.mentions.values():
            mention_ends.sort(reverse=True)
        ctx.quotes = {s: e for s, e in draft.quote_spans}
        return SentenceView(sentence, ctx, mentions, speaker, draft.quote_spans, draft.parties,
                            text[sentence.start:sentence.end])

    def _sides(self, mentions: list[Mention], voices: list[tuple[int, int, Mention]],
               parties: list[Actor]) -> list[Mention]:
        """Inside a quotation, "we" is the speaker's side, and "they" the
        story's other side when it has two; elsewhere they stay unresolved.
        `voices`: (start, end, speaker) of the stretches a speaker says."""
        out = []
        for m in mentions:
            speaker = next((who for lo, hi, who in voices if lo <= m.start < hi), None) if m.side else None
            if speaker is not None and speaker.actor is not None:
                side = self._side_of(speaker.actor)
                others = [p for p in parties if p.name != side.name]
                if m.side == "own":
                    m = replace(m, actor=side)
                elif m.side == "other" and side in parties and len(others) == 1:
                    m = replace(m, actor=others[0])
            out.append(m)
        return out

    def _side_of(self, speaker: Actor) -> Actor:
        """Whom "we" means in a speaker's mouth: their country or body, if known."""
        if speaker.group:
            return self.lexicon.by_name.get(speaker.group) or Actor(speaker.group, "group")
        return speaker


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of about PIECE_CHARS, each ending at a blank line."""
    start = 0
    while len(text) - start > PIECE_CHARS:
        cut = _BLANK_LINE.search(text, start + PIECE_CHARS)
        if cut is None:
            break
        yield start, cut.end()
        start = cut.end()
    yield start, len(text)
