"""One document in, records out: the pipeline that ties the steps together.

text -> sentences -> tokens and actor mentions -> quotes and speakers ->
candidate rules (trigger index) -> pattern matches -> records.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterator

from tracker.actors import Actor, DocumentActors, Lexicon, Mention
from tracker.match import Match, OutOfTime, find
from tracker.modality import assess
from tracker.patterns import MatchContext
from tracker.quotes import Quote, attribute, find_quotes
from tracker.records import Record
from tracker.rules import Rule, RuleSet
from tracker.sentences import Sentence, split_sentences
from tracker.tokens import QUOTE_CHARS, TokenIndex, tokenize

# Every kind of space becomes a plain one (same length, so offsets hold).
_SPACES = {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000\t\x0b\x0c"}
_TRIM = "".join(QUOTE_CHARS) + " ,.;:!?—-"
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_QUOTE_TRANSLATE = str.maketrans("", "", "“”«»")
_QUOTE_MARKS = re.compile("[“”«»\"]")
# The word before a party named inside a commitment's content that makes it
# the party the commitment is made to ("sell wheat to China", "buy Safeway").
ADDRESSEE_CUES = frozenset({"to", "with", "buy", "acquire", "purchase", "merge", "from"})
QUOTE_CONTINUATION_CHARS = 800
PIECE_CHARS = 50_000  # a long document is read in pieces of about this size, cut at blank lines
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
DEFAULT_TIME_BUDGET = 1.0  # seconds per rule and sentence; normal sentences take well under a millisecond  # an unattributed quote this close after another keeps its speaker


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


class Extractor:
    """Holds the loaded rules and lexicon; `extract` is called once per document."""

    def __init__(self, ruleset: RuleSet, time_budget: float | None = DEFAULT_TIME_BUDGET) -> None:
        """`time_budget`: seconds one rule may spend on one sentence (None: no limit)."""
        self.ruleset = ruleset
        self.lexicon = Lexicon(ruleset.lexicons)
        self.time_budget = time_budget
        self.warnings: list[str] = []  # rules stopped by the time budget; the caller drains them

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
        actors = DocumentActors(self.lexicon)
        previous: Quote | None = None
        line = 1
        for lo, hi in _pieces(norm):
            piece = norm[lo:hi]
            quotes = [Quote(q.start + lo, q.end + lo) for q in find_quotes(piece)] \
                if _QUOTE_MARKS.search(piece) else []  # most articles quote no one
            starts = [q.start for q in quotes]
            views = []
            for found in split_sentences(piece):
                sentence = Sentence(found.start + lo, found.end + lo, found.text, found.line + line - 1)
                views.append(self._view(text, sentence, actors, quotes, starts))
            previous = self._speakers(quotes, views, previous)
            yield views
            line += piece.count("\n")

    def _view(self, text: str, sentence: Sentence, actors: DocumentActors, quotes: list[Quote],
              starts: list[int]) -> SentenceView:
        tokens = tokenize(sentence.text)
        mentions = actors.mentions(tokens)
        local = []
        for q in quotes[max(0, bisect_right(starts, sentence.start) - 1):]:
            if q.start >= sentence.end:
                break
            if q.end > sentence.start:
                local.append((max(q.start, sentence.start) - sentence.start, min(q.end, sentence.end) - sentence.start))
        index = TokenIndex(sentence.text, tokens)
        ctx = MatchContext(index)
        articles = {tokens[index.by_start[start]].end: start  # where "the", "a", "an" end -> where they start
                    for word in ("the", "a", "an") for start in index.positions.get(word, ())}
        for m in mentions:
            ctx.mentions.setdefault(m.start, []).append(m.end)
            if m.start - 1 in articles:
                ctx.mentions.setdefault(articles[m.start - 1], []).append(m.end)
        for ends in ctx.mentions.values():
            ends.sort(reverse=True)
        ctx.quotes = {s: e for s, e in local}
        return SentenceView(sentence, ctx, mentions, None, local, list(actors.last_pair),
                            text[sentence.start:sentence.end])

    def _speakers(self, quotes: list[Quote], views: list[SentenceView], previous: Quote | None) -> Quote | None:
        """Give each quote its speaker, and each sentence the speaker of the quote
        it stands in; returns the last quote, whose speaker a next piece may keep."""
        say = self.ruleset.cues.speech_verbs
        ends = [v.sentence.end for v in views]
        for quote in quotes:
            k = bisect_left(ends, quote.end - 1)
            if k < len(views) and views[k].sentence.start <= quote.end:
                view = views[k]
                rel = Quote(quote.start - view.sentence.start, quote.end - view.sentence.start)
                quote.speaker = attribute(rel, view.context.index.tokens, view.mentions, say)
            if quote.speaker is None and previous is not None and previous.speaker is not None \
                    and quote.start - previous.end < QUOTE_CONTINUATION_CHARS:
                quote.speaker = previous.speaker
            previous = quote
        starts = [q.start for q in quotes]
        for view in views:
            k = bisect_right(starts, view.sentence.start + 1) - 1
            if k >= 0 and view.sentence.start + 1 < quotes[k].end and quotes[k].speaker is not None:
                view.speaker = quotes[k].speaker
            if view.speaker is None or view.speaker.actor is None:
                continue
            side = self._side_of(view.speaker.actor)
            others = [p for p in view.parties if p.name != side.name]
            for m in view.mentions:
                if m.pronoun == "we":
                    m.actor = side
                elif m.pronoun == "they" and side in view.parties and len(others) == 1:
                    m.actor = others[0]
        return previous

    def _side_of(self, speaker: Actor) -> Actor:
        """Whom "we" means in a speaker's mouth: their country or body, if known."""
        if speaker.group:
            return self.lexicon.by_name.get(speaker.group) or Actor(speaker.group, "group")
        return speaker

    def extract(self, doc: str, text: str) -> list[Record]:
        return [rec for piece in self.extract_pieces(doc, text) for rec in piece]

    def extract_pieces(self, doc: str, text: str) -> Iterator[list[Record]]:
        """The records of a document, a piece at a time, so that a caller can
        write them out before the rest of a long document is read."""
        for views in self.piece_views(text):
            yield [rec for view in views for rec in self.sentence_records(doc, view)]

    def sentence_records(self, doc: str, view: SentenceView) -> list[Record]:
        words = view.context.index.positions.keys()
        out: list[Record] = []
        seen: set[tuple] = set()
        for rule in self.ruleset.candidates(words):
            try:
                matches = self.rule_matches(rule, view)
            except OutOfTime:
                self.warnings.append(f"{doc}:{view.sentence.line}: warning: rule {rule.id} stopped after "
                                     f"{self.time_budget * 1000:g} ms on this sentence (time budget); "
                                     "its records there are left out")
                continue
            for match in matches:
                for rec in self.records_of(doc, view, rule, match):
                    key = (rec.kind, rec.actor, rec.target)
                    if key not in seen:
                        seen.add(key)
                        out.append(rec)
        attach_speakers(out, view)
        return out

    def rule_matches(self, rule: Rule, view: SentenceView) -> list[Match]:
        """A rule's matches in a sentence; raises OutOfTime past the time budget."""
        if rule.actor_from == "speaker" and view.speaker is None:
            return []
        deadline = None if self.time_budget is None else time.perf_counter() + self.time_budget
        for unless in rule.unless:
            if next(find(unless, view.text, view.context, overlap=True, deadline=deadline), None):
                return []
        return [m for p in rule.patterns for m in find(p, view.text, view.context, deadline=deadline)]

    def records_of(self, doc: str, view: SentenceView, rule: Rule, match: Match) -> list[Record]:
        text = view.text
        actor_span = match.span("actor")
        if rule.actor_from == "speaker":
            actor_mention = view.speaker
        elif rule.actor_from == "parties":
            actor_mention = _parties_mention(view)
        elif actor_span is not None:
            actor_mention = _mention_at(view, actor_span.start, actor_span.end)
        else:
            return []
        if actor_mention is None:
            return []
        target_span = match.span("target")
        targets: list[tuple[Actor | None, str]] = [(None, "")]
        if target_span is not None:
            tm = _mention_at(view, target_span.start, target_span.end)
            raw = text[target_span.start:target_span.end]
            if tm is not None:
                targets = [(p.actor, p.text) for p in tm.parties if p.actor is not None]
            else:
                targets = [(Actor(_LEADING_THE.sub("", raw.strip(_TRIM)), "named"), raw)]
        content_span = match.span("content")
        content = _clean(text[content_span.start:content_span.end]) if content_span else ""
        found = assess(match, text, view.context, self.ruleset.cues, rule.modality)
        parties = [p for p in actor_mention.parties if p.actor is not None]
        records = []
        for party in parties:
            others = [o for o in parties if o.actor != party.actor]
            for target, target_text in targets:
                if target is None and rule.kind == "commitment":
                    other = others[0] if others else _addressee(view, content_span, party.actor)
                    if other is None and actor_mention.pronoun == "we":
                        other = _counterpart(view, party)
                    if other is not None:
                        target, target_text = other.actor, other.text
                if target is not None and target.name == party.actor.name:
                    continue
                records.append(Record(
                    doc=doc, sentence=view.original, start=view.sentence.start, end=view.sentence.end,
                    kind=rule.kind, actor=party.actor.name, actor_text=party.text,
                    actor_group=party.actor.group, target=target.name if target else None,
                    target_text=target_text or None, content=content, speaker=None,
                    modality=found.modality, condition=found.condition, when=found.when,
                    rule=rule.id, line=view.sentence.line, actor_role=party.actor.role,
                ))
        return records


def _addressee(view: SentenceView, span, actor: Actor) -> Mention | None:
    """The party a commitment is made to, named in its content ("sell wheat to China")."""
    if span is None:
        return None
    index = view.context.index
    starts = _mention_starts(view)
    for m in view.mentions[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
        if span.start <= m.start < span.end and m.actor is not None and m.actor != actor \
                and m.actor.type in ("country", "organization"):
            at = bisect_left(index.starts, m.start)  # the tokens before the mention
            before = index.lowers[max(0, at - 2):at]
            if before and before[-1] in ("the", "a", "an"):
                before = before[:-1]
            if before and before[-1] in ADDRESSEE_CUES:
                return m
    return None


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


def _parties_mention(view: SentenceView) -> Mention | None:
    """The two sides of the story as one compound actor, for agentless deals
    ("a framework had been agreed upon")."""
    if len(view.parties) != 2:
        return None
    s = view.sentence
    members = [Mention(0, 0, p.name, p) for p in view.parties]
    return Mention(0, len(s.text), " and ".join(p.name for p in view.parties), None, members)


def _counterpart(view: SentenceView, party: Mention) -> Mention | None:
    """The other side of the story, when "we" is one of its two sides."""
    if party.actor not in view.parties or len(view.parties) != 2:
        return None
    other = next(p for p in view.parties if p != party.actor)
    return Mention(0, 0, other.name, other)


def _mention_at(view: SentenceView, start: int, end: int) -> Mention | None:
    """The mention a capture covered, also when the capture took its article ("the EC")."""
    starts = _mention_starts(view)
    near = view.mentions[bisect_left(starts, start):bisect_right(starts, start + 4)]
    found = [m for m in near if m.end == end and start <= m.start <= start + 4]
    return min(found, key=lambda m: m.start) if found else None


def _mention_starts(view: SentenceView) -> list[int]:
    """Where the sentence's mentions start (they are in order), so that a
    capture finds its mention by bisection: long sentences stay linear."""
    memo = view.context.memo
    if "mention starts" not in memo:
        memo["mention starts"] = [m.start for m in view.mentions]
    return memo["mention starts"]


def _clean(content: str) -> str:
    """Content without the quote marks and punctuation that frame it."""
    return content.strip(_TRIM).translate(_QUOTE_TRANSLATE).strip()


def attach_speakers(records: list[Record], view: SentenceView) -> None:
    """Acts reported inside someone's statement carry that someone as speaker."""
    claims = [r for r in records if r.kind == "claim"]
    for rec in records:
        if rec.kind == "claim":
            continue
        if view.speaker is not None and view.speaker.actor is not None:
            rec.speaker = view.speaker.actor.name
        elif claims:
            rec.speaker = claims[0].actor
