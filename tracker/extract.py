"""One document in, records out: the pipeline that ties the steps together.

text -> sentences -> tokens and actor mentions -> quotes and speakers ->
candidate rules (trigger index) -> pattern matches -> records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.actors import Actor, DocumentActors, Lexicon, Mention
from tracker.match import Match, find
from tracker.modality import assess
from tracker.patterns import MatchContext, set_context
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
QUOTE_CONTINUATION_CHARS = 800  # an unattributed quote this close after another keeps its speaker


@dataclass
class SentenceView:
    """A sentence as the matchers see it, plus what the document knows about it."""

    sentence: Sentence
    text: str                     # whitespace-normalised sentence text
    context: MatchContext
    mentions: list[Mention]
    speaker: Mention | None       # the speaker of the quote the sentence stands in
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # sentence-relative


class Extractor:
    """Holds the loaded rules and lexicon; `extract` is called once per document."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.lexicon = Lexicon(ruleset.lexicons)

    def views(self, text: str) -> list[SentenceView]:
        """Sentences with tokens, mentions, quotes and speakers, in document order."""
        norm = text.translate(_SPACES)
        actors = DocumentActors(self.lexicon)
        quotes = find_quotes(norm)
        views = []
        for sentence in split_sentences(norm):
            tokens = tokenize(sentence.text)
            mentions = actors.mentions(tokens)
            local = [(max(q.start, sentence.start) - sentence.start, min(q.end, sentence.end) - sentence.start)
                     for q in quotes if q.start < sentence.end and q.end > sentence.start]
            ctx = MatchContext(TokenIndex(sentence.text, tokens))
            for m in mentions:
                ctx.mentions.setdefault(m.start, []).append(m.end)
            for ends in ctx.mentions.values():
                ends.sort(reverse=True)
            ctx.quotes = {s: e for s, e in local}
            views.append(SentenceView(sentence, sentence.text, ctx, mentions, None, local))
        self._speakers(quotes, views)
        return views

    def _speakers(self, quotes: list[Quote], views: list[SentenceView]) -> None:
        say = self.ruleset.cues.speech_verbs
        previous: Quote | None = None
        for quote in quotes:
            for view in views:
                s = view.sentence
                if s.start <= quote.end and s.end >= quote.start and quote.end <= s.end + 1:
                    rel = Quote(quote.start - s.start, quote.end - s.start)
                    quote.speaker = attribute(rel, view.context.index.tokens, view.mentions, say)
                    break
            if quote.speaker is None and previous is not None and previous.speaker is not None \
                    and quote.start - previous.end < QUOTE_CONTINUATION_CHARS:
                quote.speaker = previous.speaker
            previous = quote
        for view in views:
            s = view.sentence
            for quote in quotes:
                if quote.start <= s.start + 1 < quote.end and quote.speaker is not None:
                    view.speaker = quote.speaker
            for m in view.mentions:
                if m.pronoun == "we" and view.speaker is not None and view.speaker.actor is not None:
                    m.actor = self._side_of(view.speaker.actor)

    def _side_of(self, speaker: Actor) -> Actor:
        """Whom "we" means in a speaker's mouth: their country or body, if known."""
        if speaker.group:
            return self.lexicon.by_name.get(speaker.group) or Actor(speaker.group, "group")
        return speaker

    def extract(self, doc: str, text: str) -> list[Record]:
        records: list[Record] = []
        for view in self.views(text):
            records.extend(self.sentence_records(doc, view))
        return records

    def sentence_records(self, doc: str, view: SentenceView) -> list[Record]:
        token = set_context(view.context)
        try:
            words = {t.lower for t in view.context.index.tokens}
            out: list[Record] = []
            seen: set[tuple] = set()
            for rule in self.ruleset.candidates(words):
                for match in self.rule_matches(rule, view):
                    for rec in self.records_of(doc, view, rule, match):
                        key = (rec.kind, rec.actor, rec.target)
                        if key not in seen:
                            seen.add(key)
                            out.append(rec)
            _attach_speakers(out, view)
            return out
        finally:
            token.var.reset(token)

    def rule_matches(self, rule: Rule, view: SentenceView) -> list[Match]:
        if rule.from_speaker and view.speaker is None:
            return []
        for unless in rule.unless:
            if next(find(unless, view.text, view.context, overlap=True), None):
                return []
        return [m for p in rule.patterns for m in find(p, view.text, view.context)]

    def records_of(self, doc: str, view: SentenceView, rule: Rule, match: Match) -> list[Record]:
        text = view.text
        actor_span = match.span("actor")
        if rule.from_speaker:
            actor_mention = view.speaker
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
                    if other is not None:
                        target, target_text = other.actor, other.text
                if target is not None and target.name == party.actor.name:
                    continue
                records.append(Record(
                    doc=doc, sentence=view.sentence.text, start=view.sentence.start, end=view.sentence.end,
                    kind=rule.kind, actor=party.actor.name, actor_text=party.text,
                    actor_group=party.actor.group, target=target.name if target else None,
                    target_text=target_text or None, content=content, speaker=None,
                    modality=found.modality, condition=found.condition, when=found.when,
                    rule=rule.id, line=view.sentence.line,
                ))
        return records


def _addressee(view: SentenceView, span, actor: Actor) -> Mention | None:
    """The party a commitment is made to, named in its content ("sell wheat to China")."""
    if span is None:
        return None
    tokens = view.context.index.tokens
    before = {t.end: t.lower for t in tokens}
    for m in view.mentions:
        if span.start <= m.start < span.end and m.actor is not None and m.actor != actor \
                and m.actor.type in ("country", "organization"):
            prev = max((e for e in before if e <= m.start), default=None)
            if prev is not None and before[prev] in ("to", "with"):
                return m
    return None


def _mention_at(view: SentenceView, start: int, end: int) -> Mention | None:
    for m in view.mentions:
        if m.start == start and m.end == end:
            return m
    return None


def _clean(content: str) -> str:
    """Content without the quote marks and punctuation that frame it."""
    return content.strip(_TRIM).translate(_QUOTE_TRANSLATE).strip()


def _attach_speakers(records: list[Record], view: SentenceView) -> None:
    """Acts reported inside someone's statement carry that someone as speaker."""
    claims = [r for r in records if r.kind == "claim"]
    for rec in records:
        if rec.kind == "claim":
            continue
        if view.speaker is not None and view.speaker.actor is not None:
            rec.speaker = view.speaker.actor.name
        elif claims:
            rec.speaker = claims[0].actor
