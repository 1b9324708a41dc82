"""Matches -> records: the actor, target, content, modality and speaker of each.

What differs between kinds is declared by the rules (rules/kinds.yaml):
where a record with no captured target takes one from, and which kind's
actor is the speaker of the sentence's other records.  This module only
knows how to read a match.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from dataclasses import replace

from tracker.actors.mention import Actor, Mention
from tracker.document import SentenceView
from tracker.inflection import word_classes, word_lemmas
from tracker.lang.context import Span
from tracker.lang.match import Match
from tracker.modality import assess
from tracker.records import Record
from tracker.rulefiles.ruleset import Rule, RuleSet
from tracker.run import RuleRun
from tracker.story import Story
from tracker.tokens import DASHES, QUOTE_CHARS, TokenIndex

_TRIM = "".join(QUOTE_CHARS) + " ,.;:!?—-"
_QUOTE_TRANSLATE = str.maketrans("", "", "“”«»")
PLACE_WORDS = 3  # how far after a country a place noun may stand: "on the Tokyo stock market"
NO_AGENT = frozenset({"document", "pronoun"})  # mentions that act only for kinds that allow them (kinds.yaml)


class RecordBuilder:
    """Builds records with one rule set's cues, word lists and kinds."""

    def __init__(self, ruleset: RuleSet, demonyms: Mapping[str, Actor]) -> None:
        """`demonyms`: the lexicon's, for "duties on Japanese chips" (a
        commitment addressed to Japan) where no mention names the country."""
        self.cues = ruleset.cues
        self.demonyms = demonyms
        self.words = ruleset.words
        articles = "|".join(sorted(map(re.escape, ruleset.words.articles)))
        self.leading_article = re.compile(rf"^(?:{articles})\s+", re.IGNORECASE) if articles else None
        self.speaking_kinds = {rule.kind for rule in ruleset.rules if rule.behaviour.names_speaker}

    def sentence_records(self, doc: str, view: SentenceView, runs: list[RuleRun],
                         story: Story | None = None) -> list[Record]:
        """The records of a sentence, in rule order, one per kind, actor and
        target, each act carrying the speaker of the statement it is part of.
        `story` is what the document's earlier records tell (actor: story)."""
        out: list[Record] = []
        seen: set[tuple] = set()
        for run in runs:
            for match in run.all_matches():
                for rec in self.records_of(doc, view, run.rule, match, story):
                    key = (rec.kind, rec.actor, rec.target)
                    if key not in seen:
                        seen.add(key)
                        out.append(rec)
        return self.with_speakers(_without_cut_targets(_without_untargeted_twins(out)), view)

    def with_speakers(self, records: list[Record], view: SentenceView) -> list[Record]:
        """Acts reported inside someone's statement carry that someone as speaker:
        the speaker of the quotation, else the first statement's actor."""
        statements = [r for r in records if r.kind in self.speaking_kinds]
        if view.speaker is not None and view.speaker.actor is not None:
            speaker: str | None = view.speaker.actor.name
        else:
            speaker = statements[0].actor if statements else None
        if speaker is None:
            return records
        return [r if r.kind in self.speaking_kinds else replace(r, speaker=speaker) for r in records]

    def records_of(self, doc: str, view: SentenceView, rule: Rule, match: Match,
                   story: Story | None = None) -> list[Record]:
        """The records one match makes: one per party of its actor (and per
        party of its target), none where the target is the actor itself."""
        text = view.text
        actor_mention = self._actor(view, rule, match, story)
        if actor_mention is None:
            return []
        target_span = match.span("target")
        targets: list[tuple[Actor | None, str]] = [(None, "")]
        if target_span is not None:
            tm = mention_at(view, target_span.start, target_span.end, self.words.mention_openers)
            raw = text[target_span.start:target_span.end]
            if tm is not None:
                # "condemned the decision to close the plant": a report, a ruling or a decision is no
                # party, so a target slot that holds only things makes no record (kinds.yaml: also_targets)
                named = [(p.actor, p.text) for p in tm.parties if p.actor is not None]
                documents = "document" in rule.behaviour.also_targets
                targets = [(a, t) for a, t in named if documents or a.type != "document"]
                if named and not targets:
                    return []
            else:
                targets = [(Actor(self._bare_name(raw), "named"), raw)]
        content_span = match.span("content")
        # "“A,” he said, “B”": a pattern may capture content twice; the record joins the pieces
        found = assess(match, text, view.context, self.cues, self.words.frame_openers, rule.modality,
                       rule.behaviour.names_speaker)
        cut = len(text) if found.content_end is None else found.content_end
        content = " ".join(_clean(text[s.start:min(s.end, cut)]) for s in match.spans if s.name == "content")
        parties = [p for p in actor_mention.parties if p.actor is not None
                   and (p.actor.type not in NO_AGENT or p.actor.type in rule.behaviour.also_actors)]
        if rule.behaviour.names_speaker:
            parties = [_author(view, p) for p in parties]
        records = []
        for party in parties:
            assert party.actor is not None
            for target, target_text in targets:
                if target is None:
                    other = self._fallback_target(view, rule, actor_mention, party, parties, content_span)
                    if other is not None:
                        target, target_text = other.actor, other.text
                if target is not None and target.name == party.actor.name:
                    continue
                if story is not None and (rule.actor_from is None or rule.kind not in story.latest):
                    story.made(rule.kind, party.actor)  # an evident accuser (prosecutors) goes on, too
                records.append(Record(
                    doc=doc, sentence=view.original, start=view.sentence.start, end=view.sentence.end,
                    kind=rule.kind, actor=party.actor.name, actor_text=party.text,
                    actor_group=party.actor.group, target=target.name if target else None,
                    target_text=target_text or None, content=content, speaker=None,
                    modality=found.modality, condition=found.condition, when=found.when,
                    rule=rule.id, line=view.sentence.line, actor_role=party.actor.role,
                ))
        return records

    def _actor(self, view: SentenceView, rule: Rule, match: Match, story: Story | None) -> Mention | None:
        if rule.actor_from == "speaker":
            return view.speaker
        if rule.actor_from == "parties":
            return _parties_mention(view)
        if rule.actor_from == "story":
            actor = story.latest.get(rule.kind) if story is not None else None
            if actor is None and rule.default_actor is not None:
                actor = Actor(rule.default_actor, "source")
            return None if actor is None else Mention(match.start, match.start, actor.name, actor)
        span = match.span("actor")
        if span is None:  # an act whose evident actor is named by no mention ("pending regulatory approval")
            if rule.default_actor is None:
                return None
            return Mention(match.start, match.start, rule.default_actor, Actor(rule.default_actor, "source"))
        found = mention_at(view, span.start, span.end, self.words.mention_openers)
        if found is not None and found.actor is not None and found.actor.type == "document" \
                and _opens_a_frame(view, found.start, self.words.place_prepositions):
            return None  # "In a statement, Mary Jones said": where it was said, not who said it
        if found is None and span.type == "np":  # "according to {actor:np}": a source as written,
            raw = view.text[span.start:span.end]  # else the mention it opens with ("the ministry's figures")
            if self._names_a_source(raw):
                return Mention(span.start, span.end, raw, Actor(self._source_name(raw), "source"))
            found = _first_inside(view, span.start, span.end)
        return found

    def _names_a_source(self, phrase: str) -> bool:
        """A noun phrase captured as an actor ("according to {actor:np}") is one
        when its head names people or what can say something ("a new statewide
        survey", "the state's auditors"), not a thing ("plan")."""
        words = phrase.split()
        for k, word in enumerate(words[1:], 1):  # "a survey of voter lists": the head stands before "of"
            if word.lower() in self.words.name_tails or word.lower() in self.words.place_prepositions:
                words = words[:k]
                break
        if not words:
            return False
        head = words[-1].lower().strip(_TRIM)
        lemmas = word_lemmas(head).get("NOUN", ()) or (head,)
        return any(lemma in self.words.source_nouns or lemma in self.words.agent_nouns for lemma in lemmas)

    def _source_name(self, raw: str) -> str:
        """A source as written, without its article and the modifiers that
        only date it: "a new Herald-Gazette survey" is the Herald-Gazette survey."""
        words = self._bare_name(raw).split(" ")
        while len(words) > 1 and words[0] in self.words.phrase_modifiers:  # as written: not "New York"
            words.pop(0)
        return " ".join(words)

    def _bare_name(self, raw: str) -> str:
        name = raw.strip(_TRIM)
        return self.leading_article.sub("", name) if self.leading_article else name

    def _fallback_target(self, view: SentenceView, rule: Rule, actor: Mention, party: Mention,
                         parties: list[Mention], content: Span | None) -> Mention | None:
        """The target a record that captured none takes, by its kind's `target_from`."""
        for source in rule.behaviour.target_from:
            if source == "other_party":
                other = next((o for o in parties if o.actor != party.actor), None)
            elif source == "addressee":
                other = self._addressee(view, content, party.actor)
            else:
                other = _counterpart(view, party) if actor.side == "own" else None
            if other is not None:
                return other
        return None

    def _addressee(self, view: SentenceView, span: Span | None, actor: Actor | None) -> Mention | None:
        """The party a commitment is made to, named in its content after an
        addressee cue ("sell wheat to China"), or a country after a country
        cue ("sanctions on Iran", "duties on Japanese chips", not "on Manila's
        banks"); never the actor's own country."""
        if span is None or actor is None:
            return None
        index, words = view.context.index, self.words
        own = {actor.name, actor.group}
        starts = _mention_starts(view)
        for m in view.mentions[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
            if not (span.start <= m.start < span.end and m.actor is not None and m.actor.name not in own):
                continue
            cue = _cue_before(index, m.start, words.articles)
            if m.actor.type in ("country", "organization") and cue in words.addressee_cues \
                    or m.actor.type == "country" and cue in words.country_cues and not _possessive(index, m.end) \
                    and not self._names_a_place(index, m.end):
                return m
        first, last = bisect_left(index.starts, span.start), bisect_left(index.starts, span.end)
        for tok in index.tokens[first:last]:
            found = self.demonyms.get(tok.text)
            if found is not None and found.name not in own \
                    and _cue_before(index, tok.start, words.articles) in words.country_cues \
                    and not self._names_a_place(index, tok.end):
                return Mention(tok.start, tok.end, tok.text, found)
        return None

    def _names_a_place(self, index: TokenIndex, end: int) -> bool:
        """Whether the words after a country end on a place noun ("on the London market", "on U.S. soil")."""
        at = bisect_left(index.starts, end)
        for k in range(at, min(at + PLACE_WORDS, len(index.tokens))):
            if not index.tokens[k].is_word:
                return False
            if index.lowers[k] in self.words.country_places:
                return True
        return False


def _cue_before(index: TokenIndex, start: int, articles: Collection[str]) -> str:
    """The word before the token at `start`, or before its article ("to the agency")."""
    at = bisect_left(index.starts, start)
    before = index.lowers[max(0, at - 2):at]
    if before and (before[-1] in articles or before[-1] == "<"):
        before = before[:-1]  # "in <PT Inalum>": a bracketed company
    return before[-1] if before else ""


def _opens_a_frame(view: SentenceView, start: int, prepositions: Collection[str]) -> bool:
    """Whether the mention at `start` follows a preposition that opens the
    sentence or a clause: "In a statement, ...", "..., in its annual report,
    ..." (not "The article in the magazine said")."""
    index = view.context.index
    at = bisect_left(index.starts, start)
    for k in range(at - 1, max(-1, at - 4), -1):  # back over an article and a modifier or two: "in its annual"
        if index.lowers[k] in prepositions:
            return k == 0 or index.lowers[k - 1] in (",", ";") or index.lowers[k - 1] in DASHES
        if not index.tokens[k].is_word:
            return False  # "In addition, the suit charged": the frame ended at the comma
    return False


def _possessive(index: TokenIndex, end: int) -> bool:
    """Whether a mention ending at `end` owns what follows ("on Manila's banks": the banks are meant)."""
    at = bisect_left(index.starts, end)
    return at < len(index.lowers) and index.lowers[at] == "'s"  # folded: "’s" too


def _author(view: SentenceView, party: Mention) -> Mention:
    """A statement's document speaks for the party it is of, named in the
    sentence: "The White House statement said" is the United States', "the
    Reagan announcement said" Reagan's, as "a White House official said" is."""
    actor = party.actor
    if actor is None or actor.type != "document" or actor.group is None:
        return party
    owner = next((m for m in view.mentions if m.actor is not None and m.actor.name == actor.group), None)
    if owner is None or owner.actor is None or (
            owner.actor.type == "named" and word_classes(owner.text.split()[0].lower())):
        return party  # "Published reports said": a capitalised word, not an author
    return replace(party, actor=owner.actor)


def _parties_mention(view: SentenceView) -> Mention | None:
    """The two sides of the story as one compound actor, for agentless deals
    ("a framework had been agreed upon")."""
    if len(view.parties) != 2:
        return None
    members = [Mention(0, 0, p.name, p) for p in view.parties]
    return Mention(0, len(view.text), " and ".join(p.name for p in view.parties), None, members)


def _counterpart(view: SentenceView, party: Mention) -> Mention | None:
    """The other side of the story, when "we" is one of its two sides."""
    if party.actor not in view.parties or len(view.parties) != 2:
        return None
    other = next(p for p in view.parties if p != party.actor)
    return Mention(0, 0, other.name, other)


def mention_at(view: SentenceView, start: int, end: int, openers: Collection[str]) -> Mention | None:
    """The mention a capture covered, also when the capture took the word it
    opens on ("the EC", "several banks", "seventeen states")."""
    found = [m for m in _mentions_near(view, start, openers) if m.end == end]
    return min(found, key=lambda m: m.start) if found else None


def _mentions_near(view: SentenceView, start: int, openers: Collection[str]) -> list[Mention]:
    """The mentions that start at `start`, and those that start right after
    one of `openers` standing there (Words.mention_openers): the captures an
    actor slot can make (document.Reader._view) and nothing further."""
    starts = _mention_starts(view)
    found = view.mentions[bisect_left(starts, start):bisect_right(starts, start)]
    index = view.context.index
    k = index.by_start.get(start)
    if k is not None and k + 1 < len(index.tokens) and index.lowers[k] in openers:
        after = index.tokens[k + 1].start
        found = found + view.mentions[bisect_left(starts, after):bisect_right(starts, after)]
    return found


def _first_inside(view: SentenceView, start: int, end: int) -> Mention | None:
    """The first actor mention inside a stretch, at its longest reading that
    stays inside: "the ministry's figures for Japan" opens with the ministry."""
    starts = _mention_starts(view)
    inside = [m for m in view.mentions[bisect_left(starts, start):bisect_left(starts, end)]
              if m.end <= end and m.actor is not None]
    if not inside:
        return None
    first = min(m.start for m in inside)
    return max((m for m in inside if m.start == first), key=lambda m: m.end)


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


def _without_untargeted_twins(records: list[Record]) -> list[Record]:
    """Where two rules read the same act and only one found its target ("X told
    reporters that ...": with and without "reporters"), the one without is the
    same record, less complete: keep the other."""
    targeted = [r for r in records if r.target is not None]
    if not targeted or len(targeted) == len(records):
        return records
    return [r for r in records if r.target is not None or not any(
        t.kind == r.kind and t.actor == r.actor and (t.content in r.content or r.content in t.content)
        for t in targeted)]


def _without_cut_targets(records: list[Record]) -> list[Record]:
    """Where one act's target was read both whole and cut short ("two brokerage
    firms" and "two brokerage"), the cut reading is no party of its own."""
    def cut(r: Record) -> bool:
        return r.target_text is not None and any(
            t.kind == r.kind and t.actor == r.actor and t.target_text is not None
            and t.target_text.startswith(r.target_text + " ") for t in records)
    return [r for r in records if not cut(r)]
