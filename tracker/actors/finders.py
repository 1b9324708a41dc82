"""The kinds of mention, each found by its own finder at a token.

A titled person ("Vice Premier He Lifeng"), an organization by the shape of
its name ("Arvin Industries Inc", "U.S. Agriculture Department"), a lexicon
alias ("Washington", "Chinese officials"), a bare capitalised name, a
pointing word or description ("he", "the company", "the two sides"), an
unnamed actor ("industry sources"), the first half of "Chinese and US
officials", and joint mentions ("the US and China").  What they need to know
of English (pronouns, words that are never names, connectors) comes from
the rule files' word lists; what the document introduced, from its memory.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.actors.lexicon import Lexicon
from tracker.actors.memory import DocumentMemory, text_of
from tracker.actors.mention import Actor, Mention
from tracker.rulefiles.words import Words
from tracker.tokens import Token


@dataclass
class Candidate:
    """A possible mention at a token: its length, the mention, and what the
    document should remember if this reading wins (a newly titled person)."""

    size: int
    mention: Mention
    name: list[Token] | None = None
    rank: int = 0  # on equal length: lexicon 3 > organization 2 > person 1 > name 0


Found = tuple[int, Mention]  # tokens taken, and the mention


class Finders:
    """Every finder, over one document: they read the lexicon and the word
    lists, and read and write the document's memory."""

    def __init__(self, lexicon: Lexicon, words: Words, memory: DocumentMemory) -> None:
        self.lex, self.words, self.memory = lexicon, words, memory
        references = sorted(words.company_references | words.pair_references, key=lambda r: (-len(r), r))
        self.company_references = [r for r in references if r in words.company_references]
        self.pair_references = [r for r in references if r in words.pair_references]
        self.reference_starts = frozenset(r[0] for r in references if r)
        self.reference_seconds = frozenset(r[1] for r in references if len(r) > 1)

    def titled_person(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run with title words, ending in a name: "Vice Premier He Lifeng"."""
        lex, not_names = self.lex, self.words.not_names
        j, first_title, last_title, group = i, -1, -1, None
        while j < len(tokens):
            tok = tokens[j]
            if tok.text in lex.titles:
                last_title = j
                first_title = j if first_title < 0 else first_title
            elif tok.lower in self.words.title_connectors and last_title == j - 1 and j + 1 < len(tokens) \
                    and tokens[j + 1].cap:
                pass
            elif (hit := lex.alias_at(tokens, j)) and (last_title < 0 or self._title_follows(tokens, j + hit[0])):
                group = group or hit[1].name
                j += hit[0]
                continue
            elif tok.text in lex.demonyms and last_title < 0:
                group = group or lex.demonyms[tok.text].name
            else:
                break
            j += 1
        if last_title < 0:
            return None
        k = last_title + 1
        name: list[Token] = []
        while k < len(tokens) and len(name) < 4 and tokens[k].cap and tokens[k].is_word \
                and tokens[k].text not in lex.titles and tokens[k].lower not in not_names \
                and tokens[k].text not in lex.org_words:
            name.append(tokens[k])
            k += 1
        if not name or (k < len(tokens) and len(name) == 1 and tokens[k].text == "."):
            return None
        full = " ".join(t.text for t in name)
        known = self.memory.people.get(full)
        role = text_of(tokens, first_title, last_title + 1)
        person = known if known and (known.group or not group) else Actor(full, "person", group, role)
        return Candidate(k - i, Mention(tokens[i].start, tokens[k - 1].end, text_of(tokens, i, k), person), name, 1)

    def _title_follows(self, tokens: list[Token], j: int) -> bool:
        return j < len(tokens) and tokens[j].text in self.lex.titles

    def organization(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run ending in a corporate suffix or an organization word:
        "Arvin Industries Inc", "Standard and Poor's Corp", "U.S. Agriculture Department".

        A leading country makes the body's group ("Chinese Commerce Ministry" ->
        China); a run that is a lexicon alias after that country is that actor.
        """
        lex = self.lex
        if tokens[i].lower in self.words.not_names or not tokens[i].is_word:
            return None
        j, last = i, -1
        while j < len(tokens):
            tok = tokens[j]
            if tok.cap and tok.is_word:
                if tok.text in lex.company_suffixes or tok.text in lex.org_words:
                    last = j
            elif not (j > i and j + 1 < len(tokens) and tokens[j + 1].cap
                      and tok.lower in self.words.name_connectors):
                break
            j += 1
        if last < 0:
            return None
        end = last + 1
        if tokens[last].text in lex.org_words:
            end = self._name_tail(tokens, end)
        text = text_of(tokens, i, end)
        group = None
        rest = i
        hit = lex.alias_at(tokens, i)
        if hit is None and tokens[i].text in lex.demonyms:
            hit = (1, lex.demonyms[tokens[i].text])
        if hit and hit[0] < end - i:
            group, rest = hit[1].name, i + hit[0]
            if tokens[rest].lower == "'s":
                rest += 1
                text = text_of(tokens, rest, end)
            inner = lex.alias_at(tokens, rest)
            if inner and rest + inner[0] == end:
                return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, inner[1]), rank=2)
        is_company = tokens[last].text in lex.company_suffixes
        actor = self.memory.orgs.get(text) or Actor(text, "organization", group)
        self.memory.remember_org(actor, tokens[rest:end], is_company, lex.company_suffixes)
        return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, actor), rank=2)

    def _name_tail(self, tokens: list[Token], end: int) -> int:
        """Extend a body's name over "of ..." ("Department of Transportation",
        "Ministry of International Trade and Industry")."""
        if end + 1 < len(tokens) and tokens[end].lower in self.words.name_tails and tokens[end + 1].cap:
            j = end + 1
            while j < len(tokens) and (tokens[j].cap and tokens[j].is_word or (
                    tokens[j].lower in self.words.conjunctions and j + 1 < len(tokens) and tokens[j + 1].cap)):
                j += 1
            return j
        return end

    def official(self, tokens: list[Token], i: int, n: int) -> int:
        """How many words of an official noun follow ("Chinese [trade] officials",
        "Japan's trade ministry") -> 0, 1, 2 or 3."""
        j = i + n
        if j < len(tokens) and tokens[j].lower == "'s":
            j += 1
        for extra in (0, 1):
            k = j + extra
            if k < len(tokens) and tokens[k].lower in self.lex.official_nouns \
                    and all(t.is_word and not t.cap and t.lower not in self.words.not_names for t in tokens[j:k]):
                return k + 1 - (i + n)
        return 0

    def lexicon(self, tokens: list[Token], i: int) -> Candidate | None:
        lex = self.lex
        tok = tokens[i]
        if (hit := lex.alias_at(tokens, i)):
            n, actor = hit
            n += self.official(tokens, i, n)
            return Candidate(n, Mention(tok.start, tokens[i + n - 1].end, text_of(tokens, i, i + n), actor), rank=3)
        if tok.text in lex.demonyms and tok.text.endswith("s") and i and tokens[i - 1].lower in self.words.definite_articles:
            return Candidate(1, Mention(tok.start, tok.end, tok.text, lex.demonyms[tok.text]), rank=3)
        if tok.text in lex.demonyms and (extra := self.official(tokens, i, 1)):
            actor = lex.demonyms[tok.text]
            return Candidate(1 + extra, Mention(tok.start, tokens[i + extra].end, text_of(tokens, i, i + 1 + extra),
                                                actor), rank=3)
        return None

    def name(self, tokens: list[Token], i: int) -> Found | None:
        """A known short form ("Lutnick", "Texaco") or an unknown capitalised name."""
        lex, memory, not_names = self.lex, self.memory, self.words.not_names
        j = i
        while j < len(tokens) and tokens[j].cap and tokens[j].is_word and tokens[j].lower not in not_names \
                and tokens[j].text not in lex.titles:
            j += 1
        if j == i or (j - i == 1 and tokens[i].text in lex.demonyms):
            return None
        if any(tokens[k].text in lex.aliases and lex.alias_at(tokens, k) for k in range(i + 1, j)):
            return None  # "Senior U.S. Officials": the mention starts at the alias
        text = text_of(tokens, i, j)
        actor = memory.people.get(text) or memory.orgs.get(text) or memory.people.get(tokens[j - 1].text)
        if actor is None:
            actor = Actor(text, "named")
        if actor.type == "person":
            memory.last_person = actor
        return j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor)

    def reference(self, tokens: list[Token], i: int, near_common: bool) -> Found | None:
        """Pronouns and descriptions that point back or stand for a group:
        he, the company, the two sides, the finance minister, analysts.
        `near_common`: a common-actor noun follows within reach."""
        words, memory = self.words, self.memory
        tok = tokens[i]
        low = tok.lower
        if low in words.person_pronouns and memory.last_person is not None:
            return 1, Mention(tok.start, tok.end, tok.text, memory.last_person)
        if low in words.side_pronouns:
            return 1, Mention(tok.start, tok.end, tok.text, None, side="own")
        if low in words.thing_pronouns and memory.last_thing is not None:
            return 1, Mention(tok.start, tok.end, tok.text, memory.last_thing)
        if low in words.other_side_pronouns:
            return 1, Mention(tok.start, tok.end, tok.text, None, side="other")
        if low not in self.reference_starts or i + 1 >= len(tokens) or tokens[i + 1].lower not in self.reference_seconds:
            return self.common(tokens, i) if near_common else None  # the common case: no description
        folded = tuple(t.lower for t in tokens[i:i + 3])
        for ref in self.company_references:
            if folded[:len(ref)] == ref and memory.focus_company is not None:
                n = len(ref)
                return n, Mention(tok.start, tokens[i + n - 1].end, text_of(tokens, i, i + n), memory.focus_company)
        for ref in self.pair_references:
            if folded[:len(ref)] == ref and len(memory.last_pair) == 2:
                n = len(ref)
                text = text_of(tokens, i, i + n)
                members = [Mention(tok.start, tokens[i + n - 1].end, text, a) for a in memory.last_pair]
                return n, Mention(tok.start, tokens[i + n - 1].end, text, None, members)
        return self.common(tokens, i) if near_common else None

    def common(self, tokens: list[Token], i: int) -> Found | None:
        """[determiner] [up to two lowercase modifiers] common-actor noun, kept as
        written without the determiner: "the finance minister", "industry sources"."""
        words, common = self.words, self.lex.common_actors
        last_thing = self.memory.last_thing
        j = i + 1 if tokens[i].lower in words.determiners else i
        owner = last_thing if tokens[i].lower in words.owner_words and last_thing is not None \
            and last_thing.type == "organization" else None  # "its board": the company's board
        endings = tuple(words.verb_endings)
        for head in range(j, min(j + 3, len(tokens))):
            tok = tokens[head]
            if not tok.is_word or (tok.lower in words.not_names and tok.lower not in words.number_words) \
                    or (tok.cap and head != i):
                return None
            if tok.lower not in common and tok.lower.endswith(endings):
                return None  # most likely a verb ("the sale requires"), not a modifier
            if tok.lower in common and (head + 1 >= len(tokens) or tokens[head + 1].lower not in common):
                text = text_of(tokens, j, head + 1)
                actor = Actor(f"{owner.name} {text}", "organization", owner.name) if owner else Actor(text, "source")
                return head + 1 - i, Mention(tokens[i].start, tok.end, text_of(tokens, i, head + 1), actor)
        return None

    def demonym_pair(self, tokens: list[Token], i: int) -> Found | None:
        """A bare demonym counts only as the first half of "Chinese and US officials"."""
        if i + 2 < len(tokens) and tokens[i + 1].lower in self.words.conjunctions:
            actor = self.lex.demonyms[tokens[i].text]
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, actor)
        return None

    def compounds(self, tokens: list[Token], found: list[tuple[int, int, Mention]]) -> list[Mention]:
        """"X and Y" of two countries or bodies, beside its parts."""
        out = []
        for (a0, a1, a), (b0, b1, b) in zip(found, found[1:]):
            if b0 == a1 + 1 and tokens[a1].lower in self.words.conjunctions and a.actor and b.actor \
                    and a.actor.type in ("country", "organization") and b.actor.type in ("country", "organization"):
                end = b1 + self.official(tokens, b0, b1 - b0)
                text = text_of(tokens, a0, end)
                out.append(Mention(a.start, tokens[end - 1].end, text, None, [a, b]))
                if a.actor.type == b.actor.type == "country":
                    self.memory.last_pair = [a.actor, b.actor]
        return out
