"""The mentions of a sentence: where each can start, and which reading wins.

At each token where a mention can start, every finder that applies gives
its reading; the longest wins (on equal length: lexicon, organization,
titled person, plain name), then pointing words and descriptions, then the
first half of "Chinese and US officials".  A won reading is remembered by
the document (a titled person's short forms), and joint mentions ("the US
and China") are added beside their parts, so a pattern can capture either.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import NamedTuple

from tracker.actors.finders import MAX_APPOSITIVE_TOKENS, Finders, Found, Tables
from tracker.actors.lexicon import Lexicon
from tracker.actors.memory import DocumentMemory, org_head
from tracker.actors.mention import Actor, Mention
from tracker.inflection import is_plural_noun, word_classes
from tracker.rulefiles.words import Words
from tracker.tokens import LOWER_OF, START_OF, TEXT_OF, Token, tokenize

LOCATED = frozenset({"organization", "person", "named"})  # who may be said to be somewhere: "Acme in Houston"
PLACES = frozenset({"country", "named"})  # what "in" names after them, before a verb of speech
TITLE_CASE_WORDS = 3     # a line needs this many content words to count as title case ...
TITLE_CASE_SHARE = 0.8   # ... and this share of them capitalised
SENTENCE_ENDS = frozenset(".?!")


class _Holds(NamedTuple):
    """What a sentence holds that some kinds of mention need: without a title
    word no titled person can start anywhere in it, without a company suffix
    or body word no organization, and a common-actor description only in the
    few tokens before a common-actor noun."""

    titles: bool
    org_words: bool
    near_common: set[int]  # tokens at most three before a common-actor noun, or on it


class MentionFinder:
    """Finds mentions sentence by sentence, remembering what the document introduced."""

    def __init__(self, lexicon: Lexicon, words: Words, tables: Tables) -> None:
        self.lex = lexicon
        self.memory = DocumentMemory()
        self.finders = Finders(lexicon, words, self.memory, tables)
        self.name_heads = tables.name_heads
        self.kind_words = lexicon.org_words | lexicon.company_suffixes
        self.body_heads = words.body_heads
        self.words = words
        self.pointing = (words.person_pronouns | words.side_pronouns | words.thing_pronouns
                         | words.other_side_pronouns | self.finders.reference_starts)
        self.told = words.listener_forms

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """Mentions of one sentence, in order; compound "X and Y" mentions are added
        beside their parts, so a pattern can capture either."""
        finders, memory = self.finders, self.memory
        memory.new_sentence()  # acc2: whom "he" means depends on the sentence before (memory.antecedent)
        found: list[tuple[int, int, Mention]] = []
        holds = self._holds(tokens)
        title_case = self._title_case(tokens)
        free = 0  # the first token not inside a mention found so far
        for i in self._possible_starts(tokens, holds):
            if i < free or finders.ticker(tokens, i):
                continue  # inside a mention, or a stock symbol, which names no second party
            hit = self._single(tokens, i, holds, title_case) or finders.reference(tokens, i, i in holds.near_common)
            if hit is None and tokens[i].text in self.lex.demonyms:
                hit = finders.demonym_pair(tokens, i)
            if hit is None:
                continue
            n, mention = hit
            found.append((i, i + n, mention))
            free = i + n
            actor = mention.actor
            if actor is None:
                continue
            if actor.type in ("country", "organization", "named") and not (i and tokens[i - 1].lower in self.told):
                memory.last_thing = actor  # not the listener: after "X told Reuters ...", "it" is still X
            if actor.name.startswith(tokens[i].text):
                memory.opening_words.add(tokens[i].text)  # "Zenith" of "Zenith Laboratories Inc"
            if actor.type == "organization":
                head = org_head(tokens[i:i + n], self.kind_words) or self._name_head(actor.name)
                if head is not None:
                    memory.org_words[head] = actor
                    if head in self.body_heads:
                        memory.last_body = actor
        found = self._with_appositives(tokens, self._located(tokens, found))
        out = [m for _, _, m in found]
        out.extend(finders.compounds(tokens, found))
        phrases = finders.noun_phrases(tokens, found)
        out.extend(phrases)
        out.extend(finders.joined_phrases(tokens, found, phrases))
        out = self._speakers_it(tokens, out)
        self._note_speaker(tokens, out)
        for m in out:
            for party in m.parties:
                if party.actor and party.actor.type == "country":
                    memory.note_country(party.actor)
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _speakers_it(self, tokens: list[Token], out: list[Mention]) -> list[Mention]:
        """The "it" right after a speaker's verb means the speaker: "The
        automaker said it had agreed to ...", "Continental Bank, a unit of
        Lloyds Bank, said it intends to ...".  Memory alone gives "it" the
        thing named last ("Lloyds Bank"), and nothing after a description no
        name stands behind.  A description gives way to a company or body
        memory holds ("The company said it plans ..." after "Admiral
        Builders Savings and Loan Association", or "P.H. Glatfelter"): in a
        story, that is who the description means.  A trailing "..., it said"
        is left to memory: the clause before it is as often about another
        party as about the source."""
        things = self.words.thing_pronouns
        lowers = list(map(LOWER_OF, tokens))
        if things.isdisjoint(lowers):
            return out  # most sentences: no word-by-word look
        for k in [k for k, low in enumerate(lowers) if low in things]:
            tok = tokens[k]
            verb = self._verb_before(tokens, k)
            if verb is None:
                continue
            last = self._before_appositive(tokens, verb - 1)
            speaker = min((m for m in out if m.end == tokens[last].end), default=None, key=lambda m: m.start)
            if speaker is None or speaker.actor is None or not self._may_be_it(speaker, tokens):
                continue
            held = next((m for m in out if m.start == tok.start and m.end == tok.end), None)
            if held is not None and speaker.actor.type in ("group", "source") and self._named(held):
                continue
            out = [m for m in out if m is not held]
            out.append(Mention(tok.start, tok.end, tok.text, speaker.actor))
            if self.memory.last_thing is None:
                self.memory.last_thing = speaker.actor
        return out

    @staticmethod
    def _before_appositive(tokens: list[Token], k: int) -> int:
        """The speaker's last token, when the token before its verb (k) closes
        an appositive: "Mitsubishi Corp, Japan's largest trading house, said
        it ..." is Mitsubishi's "it"; otherwise k."""
        if tokens[k].text != ",":
            return k
        for j in range(k - 1, max(0, k - MAX_APPOSITIVE_TOKENS) - 1, -1):
            if tokens[j].text == ",":
                return j - 1 if j > 0 else k
            if not tokens[j].is_word and tokens[j].lower not in ("'s", "-", "."):
                return k
        return k

    def _note_speaker(self, tokens: list[Token], out: list[Mention]) -> None:
        """The first country, company or body of the sentence that a verb of
        speech follows is whom a later "it said" means (Finders.speaks); the
        first speaker named in the plural ("industry sources", "U.S.
        officials") is whom a later "they said" means."""
        if self.words.reporting_forms.isdisjoint(map(LOWER_OF, tokens)):
            return
        ends = {t.end: k for k, t in enumerate(tokens)}
        crowd_seen = False
        for m in sorted(out, key=lambda m: (m.start, -m.end)):
            k = ends.get(m.end)
            if m.actor is None or k is None or not self.finders.speaks(tokens, k + 1):
                continue
            if not crowd_seen and m.actor.type != "pronoun" and tokens[k].lower not in self.words.other_side_pronouns:
                crowd_seen = True
                if is_plural_noun(tokens[k].lower):
                    self.memory.last_crowd = m.actor
            if self._may_be_it(m, tokens) and m.actor.type != "group" and m.actor.type != "source":
                self.memory.last_speaker = m.actor
                return

    @staticmethod
    def _named(mention: Mention) -> bool:
        """A company or body memory holds, or a name no dictionary word begins
        ("P.H. Glatfelter"; not "Banks" or "Textile", which open sentences)."""
        actor = mention.actor
        return actor is not None and (actor.type == "organization" or actor.type == "named"
                                      and not word_classes(actor.name.split()[0].casefold()))

    def _verb_before(self, tokens: list[Token], k: int) -> int | None:
        """The reporting verb "it" follows ("said it", "said that it", "said on
        Tuesday it"), if one does after a word of its speaker."""
        j = k - 1
        if j >= 0 and tokens[j].lower == "that":
            j -= 1
        if j >= 1 and tokens[j - 1].lower == "on" and tokens[j].cap:
            j -= 2
        return j if j >= 1 and tokens[j].lower in self.words.reporting_forms else None

    def _may_be_it(self, speaker: Mention, tokens: list[Token]) -> bool:
        """A country, a company or body, or a description whose head is a body
        noun ("it" never means a person, nor "the banks")."""
        actor = speaker.actor
        assert actor is not None
        if actor.type == "named":  # not a capitalised word at a sentence's start: "Terms of the deal ..."
            return speaker.end > tokens[0].end or not word_classes(tokens[0].lower)
        if actor.type in ("country", "organization"):
            return True
        if actor.type not in ("group", "source"):
            return False
        k = bisect_left(tokens, speaker.end, key=START_OF) - 1  # the last token before the speaker's end
        return k >= 0 and tokens[k].end == speaker.end and tokens[k].lower in self.words.body_nouns

    def _name_head(self, name: str) -> str | None:
        """The kind word of a public body's canonical name, for a body written
        short ("SEC": "Commission", so "the commission" and "the agency" after
        it are the SEC)."""
        if name not in self.name_heads:
            head = org_head(tokenize(name), self.kind_words)
            self.name_heads[name] = head if head in self.body_heads else None  # not "union": a union is no EU
        return self.name_heads[name]

    def _located(self, tokens: list[Token], found: list[tuple[int, int, Mention]]
                 ) -> list[tuple[int, int, Mention]]:
        """A speaker's place is no speaker: in "Shell Oil Co in Houston said"
        and "Keiichi Udagawa of Bank of Tokyo in New York said", the name
        gains a reading that takes its place in, and the place before the
        verb of speech is no mention of its own."""
        out: list[tuple[int, int, Mention]] = []
        skip = -1
        for n, (i0, i1, m) in enumerate(found):
            if n == skip:
                continue
            out.append((i0, i1, m))
            if m.actor is None or m.actor.type not in LOCATED or i1 >= len(tokens) or tokens[i1].lower != "in" \
                    or n + 1 >= len(found):
                continue
            p0, p1, place = found[n + 1]
            if p0 == i1 + 1 and place.actor is not None and place.actor.type in PLACES \
                    and self.finders.speaks(tokens, p1):
                out.append((i0, p1, Mention(m.start, tokens[p1 - 1].end, m.text, m.actor)))
                skip = n + 1
        return out

    def _with_appositives(self, tokens: list[Token], found: list[tuple[int, int, Mention]]
                          ) -> list[tuple[int, int, Mention]]:
        """A name with an appositive (", a spokesman for the Commerce Department,")
        is a person with that role and affiliation: the name keeps its reading,
        and gains one that takes the appositive in, so that "X, a spokesman for
        Y, said" reads as X said.  A company's appositive (", a Chicago maker of
        lamps,") is taken in the same way, the company keeping its name.  A
        person's title is no actor: its words ("Vice President for International
        Services") are dropped, the body it names kept.  A name's closing
        bracket and stock symbol ("<Acme Widget Co>", "Citicorp <CCI>") are
        taken in the same way, so that "<Acme Widget Co> said" reads as Acme said."""
        out: list[tuple[int, int, Mention]] = []
        roles: list[tuple[int, int]] = []
        for i0, i1, m in found:
            if any(r0 <= i0 and i1 <= r1 for r0, r1 in roles) and not (
                    m.actor is not None and m.actor.type in ("country", "organization")):
                continue
            out.append((i0, i1, m))
            actor = m.actor
            marks = self.finders.past_marks(tokens, i1)
            if marks > i1 and actor is not None:  # "<Acme Widget Co> said", "Citicorp <CCI> said"
                out.append((i0, marks, Mention(m.start, tokens[marks - 1].end, m.text, actor)))
                if i0 and tokens[i0 - 1].text == "<" and tokens[i1].text == ">":  # ", <Acme Widget Co> said"
                    out.append((i0 - 1, marks, Mention(tokens[i0 - 1].start, tokens[marks - 1].end, m.text, actor)))
            if actor is not None and actor.type == "organization":
                ap = self.finders.appositive(tokens, marks, found, MAX_APPOSITIVE_TOKENS)
                if ap is not None:
                    out.append((i0, ap[0], Mention(m.start, tokens[ap[0] - 1].end, m.text, actor)))
                continue
            if actor is None or actor.type not in ("person", "named") or actor.role:
                continue
            ap = self.finders.appositive(tokens, i1, found)
            if ap is None:
                continue
            end, role, group = ap
            roles.append((i1, end))
            person = Actor(actor.name, "person", actor.group or group, role)
            self.memory.remember_person(person, tokens[i0:i1])
            out[-1] = (i0, i1, replace(m, actor=person))
            out.append((i0, end, Mention(m.start, tokens[end - 1].end, m.text, person)))
        return out

    def _title_case(self, tokens: list[Token]) -> bool:
        """A headline or label in title case or capitals: most of its content words
        are capitalised, and it is no sentence that ends in a full stop with a
        lowercase word in it (a name and its title can fill most of a sentence)."""
        words = [t for t in tokens if t.is_word and t.lower not in self.finders.words.not_names]
        if len(words) < TITLE_CASE_WORDS or sum(t.cap for t in words) < TITLE_CASE_SHARE * len(words):
            return False
        return not (tokens[-1].text in SENTENCE_ENDS and not all(t.cap for t in words))

    def _single(self, tokens: list[Token], i: int, holds: _Holds, title_case: bool) -> Found | None:
        """The longest mention starting at token i, not yet joined with "and"."""
        finders = self.finders
        tok = tokens[i]
        cap = tok.cap
        found = [c for c in (finders.lexicon(tokens, i) if tok.text in self.lex.starters else None,
                             finders.titled_person(tokens, i) if cap and holds.titles else None,
                             finders.organization(tokens, i) if cap and holds.org_words else None,
                             finders.bracketed(tokens, i) if cap else None) if c]
        if not found:
            return finders.name(tokens, i, title_case) if cap and tok.is_word else None
        best = max(found, key=lambda c: (c.size, c.rank))
        if best.name is not None and best.mention.actor is not None:
            self.memory.remember_person(best.mention.actor, best.name)
        return best.size, best.mention

    def _possible_starts(self, tokens: list[Token], holds: _Holds) -> list[int]:
        """The tokens where any kind of mention can start: capitalised words,
        lexicon words, pointing words, and the few words before a common-actor
        noun, where the description finder looks for its head.  Most words are
        none of these, and sparing them the full look is what keeps this step
        cheap.  It must hold wherever a finder could find something: keep it
        in step with them."""
        starters, pointing = self.lex.starters, self.pointing
        found = [i for i, t in enumerate(tokens) if t.cap or t.text in starters or t.lower in pointing]
        return sorted(holds.near_common.union(found)) if holds.near_common else found

    def _holds(self, tokens: list[Token]) -> _Holds:
        texts = set(map(TEXT_OF, tokens))
        near: set[int] = set()
        common = self.lex.common_actors
        if not common.isdisjoint(map(LOWER_OF, tokens)):
            for head in (k for k, t in enumerate(tokens) if t.lower in common):
                near.update(range(max(0, head - 3), head + 1))
        lex = self.lex
        honorific = any(t.text + "." in lex.titles for t in tokens if t.cap)  # "Mr" then its period
        return _Holds(honorific or not texts.isdisjoint(lex.titles),
                      not texts.isdisjoint(lex.company_suffixes) or not texts.isdisjoint(lex.org_words),
                      near)
