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

from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter

from tracker.actors.lexicon import Lexicon
from tracker.actors.memory import DocumentMemory, text_of
from tracker.actors.mention import Actor, Mention
from tracker.actors.nameruns import NameRuns
from tracker.inflection import is_participle, is_past_tense, is_plural_noun, word_classes, word_lemmas
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


@dataclass
class Tables:
    """What the finders work out from the lexicon and the word lists: once
    per rule set, not once per document."""

    company_references: list[tuple[str, ...]]
    pair_references: list[tuple[str, ...]]
    company_pairs: list[tuple[str, ...]]
    reference_starts: frozenset[str]
    reference_seconds: frozenset[str]
    speech: frozenset[str]
    person_roles: frozenset[str]
    heads: dict[str, str | None]  # a word's noun class, worked out the first time it is seen
    details: dict[str, list[tuple[str, ...]]]  # source_details by first word, longest first
    name_heads: dict[str, str | None]  # a body's kind word by its canonical name, worked out when first met

    @classmethod
    def of(cls, lexicon: Lexicon, words: Words) -> Tables:
        references = sorted(words.company_references | words.pair_references | words.company_pair_references,
                            key=lambda r: (-len(r), r))
        return cls([r for r in references if r in words.company_references],
                   [r for r in references if r in words.pair_references],
                   [r for r in references if r in words.company_pair_references],
                   frozenset(r[0] for r in references if r), frozenset(r[1] for r in references if len(r) > 1),
                   words.speech_forms,
                   frozenset(t.lower() for t in lexicon.titles if t not in lexicon.org_words), {},
                   _by_first_word(words.source_details), {})


class Finders:
    """Every finder, over one document: they read the lexicon and the word
    lists, and read and write the document's memory."""

    def __init__(self, lexicon: Lexicon, words: Words, memory: DocumentMemory, tables: Tables) -> None:
        self.lex, self.words, self.memory = lexicon, words, memory
        self.company_references, self.pair_references = tables.company_references, tables.pair_references
        self.company_pairs = tables.company_pairs
        self.reference_starts, self.reference_seconds = tables.reference_starts, tables.reference_seconds
        self.speech, self.person_roles, self._heads = tables.speech, tables.person_roles, tables.heads
        self.details = tables.details
        self.joiners = words.place_prepositions | words.name_tails  # "analysts at X", "members of the panel"
        self.place_joiners = words.place_prepositions | PLACE_OF  # "workers at the plant", "residents of the town"
        self._runs: NameRuns | None = None

    def titled_person(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run with title words, ending in a name: "Vice Premier He Lifeng"."""
        lex, not_names = self.lex, self.words.not_names
        j, first_title, last_title, group = i, -1, -1, None
        connected = False  # a connector stood inside the title ("Vice President for ...")
        while j < len(tokens):
            tok = tokens[j]
            if self._honorific_at(tokens, j):
                last_title = j + 1
                first_title = j if first_title < 0 else first_title
                break  # the name follows, even one that is also a title: "Mr. King", "Ms. Bishop"
            if tok.text in lex.titles:
                last_title = j
                first_title = j if first_title < 0 else first_title
            elif tok.lower in self.words.title_connectors and last_title == j - 1 and j + 1 < len(tokens) \
                    and tokens[j + 1].cap:
                connected = True
            elif (hit := lex.alias_at(tokens, j)) and (last_title < 0 or self._title_follows(tokens, j + hit[0])):
                group = group or hit[1].name
                j += hit[0]
                continue
            elif tok.text in lex.demonyms and last_title < 0:
                group = group or lex.demonyms[tok.text].name
            elif last_title < 0 and j == i and self._body_before_title(tokens, j):
                known_body = self.memory.orgs.get(tok.text)  # "SMC Chairman Andres Soriano": SMC's chairman
                group = known_body.name if known_body else tok.text
            else:
                break
            j += 1
        if last_title < 0:
            return None
        k = last_title + 1
        after_honorific = tokens[last_title].text == "." and last_title > 0
        name: list[Token] = []

        def takes(k: int) -> bool:  # "Prime Minister Theresa May said": a month may end a name
            tok = tokens[k]
            return tok.cap and tok.is_word \
                and (tok.text not in lex.titles or not name and after_honorific or _last_word_before_verb(tokens, k)) \
                and (tok.lower not in not_names or bool(name) and _last_word_before_verb(tokens, k)) \
                and tok.text not in lex.org_words and (not is_plural_noun(tok.lower) or bool(name) or after_honorific) \
                or bool(name) and self._particle_at(tokens, k - 1, k)
        initials = 0  # an initial's period is no word of the name
        while k < len(tokens) and len(name) - initials < 4:
            if name and _initial_at(tokens, k):  # "Chairman Oliver S. Travers"; also "A." and "I."
                name += tokens[k:k + 2]
                k += 2
                initials += 1
            elif takes(k):
                name.append(tokens[k])
                k += 1
            else:
                break
        if name and name[-1].text == ".":
            del name[-2:]  # an initial whose name did not go on is none of it
            k -= 2
        if not name or (k < len(tokens) and len(name) == 1 and len(name[0].text) == 1 and tokens[k].text == "."):
            return None  # "Mr. J." is an initial waiting for its name; "said Mr. Burman." is whole
        if connected and k < len(tokens) and tokens[k].cap:
            return None  # "Vice President for International Services at X": the title's complement, no name
        full = text_of(tokens, k - len(name), k)
        known = self.memory.people.get(full)
        role = self._role(tokens, first_title, last_title + 1)
        person = known if known and (known.group or not group) else Actor(full, "person", group, role)
        return Candidate(k - i, Mention(tokens[i].start, tokens[k - 1].end, text_of(tokens, i, k), person), name, 1)

    def _body_before_title(self, tokens: list[Token], j: int) -> bool:
        """An unknown name right before a title, the body the title is of:
        "SMC Chairman", "Exxon spokesman" (not "Former President", a word)."""
        tok = tokens[j]
        return tok.cap and tok.is_word and tok.lower not in self.words.not_names and not word_classes(tok.lower) \
            and j + 1 < len(tokens) and tokens[j + 1].text in self.lex.titles

    def _title_follows(self, tokens: list[Token], j: int) -> bool:
        return j < len(tokens) and (tokens[j].text in self.lex.titles or self._honorific_at(tokens, j))

    def _honorific_at(self, tokens: list[Token], j: int) -> bool:
        """"Mr" and its period are two tokens; together they are the title "Mr."."""
        return j + 1 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 1].start == tokens[j].end \
            and tokens[j].text + "." in self.lex.titles

    def _role(self, tokens: list[Token], i: int, j: int) -> str | None:
        """A title as written, without honorifics ("Commerce Secretary"; "Mr." alone is no role)."""
        words = [t for t in tokens[i:j] if t.text not in self.words.honorifics and t.text != "."
                 and t.text + "." not in self.words.honorifics]
        return text_of(words, 0, len(words)) if words else None

    def organization(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run ending in a corporate suffix or an organization word:
        "Arvin Industries Inc", "Standard and Poor's Corp", "U.S. Agriculture Department".

        A leading country makes the body's group ("Chinese Commerce Ministry" ->
        China); a run that is a lexicon alias after that country is that actor.
        """
        lex, words = self.lex, self.words
        opens = tokens[i].lower not in words.not_names or (  # "New York Times", "First Chicago Corp"
            tokens[i].lower in words.phrase_modifiers and i + 1 < len(tokens) and tokens[i + 1].cap)
        if not opens or not tokens[i].is_word or self._people_of(tokens, i):
            return None
        j, last = i, -1
        while j < len(tokens):
            tok = tokens[j]
            if tok.cap and tok.is_word:
                if tok.text in lex.company_suffixes or tok.text in lex.org_words:
                    last = j
            elif last >= 0 and tokens[last].text in lex.company_suffixes:
                break  # "Texaco Inc and Pennzoil Co": a company's name ends at its suffix
            elif self._two_bodies(tokens, j):
                break  # "the House and Senate", "the Council and Commission": two bodies, not one name
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
        if i == 0 and end == 1 and text not in self.memory.orgs:
            return None  # "Union leaders said": a common noun, capitalised as the sentence's first word
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
            # "Japan's MITI" is MITI; "Brazil's Congress" is no U.S. Congress but Brazil's own
            if inner and rest + inner[0] == end and not (
                    hit[1].type == "country" and inner[1].group not in (None, hit[1].name)):
                return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, inner[1]), rank=2)
        is_company = tokens[last].text in lex.company_suffixes
        actor = self.memory.orgs.get(text) or Actor(text, "organization", group)
        self.memory.remember_org(actor, tokens[rest:end], is_company, lex.company_suffixes,
                                 lex.org_words | lex.company_suffixes, self.words.body_heads)
        return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, actor), rank=2)

    def bracketed(self, tokens: list[Token], i: int) -> Candidate | None:
        """A name set in angle brackets, wire copy's mark for a company with no
        ticker ("<PT Indonesia Asahan Aluminium>", "<Hemdale Film Corp>"), is
        one company whatever its words, not a person or a place inside it.  A
        ticker after a name ("Philips <PGLO.AS>") is no second company."""
        if i == 0 or tokens[i - 1].text != "<" or not tokens[i].cap:
            return None
        j = next((j for j in range(i + 1, min(len(tokens), i + MAX_BRACKETED_TOKENS)) if not tokens[j].is_word
                  and tokens[j].text not in BRACKETED_MARKS), None)
        if j is None or tokens[j].text != ">" or self.ticker(tokens, i):
            return None
        text = text_of(tokens, i, j)
        actor = self.memory.orgs.get(text) or Actor(text, "organization")
        self.memory.remember_org(actor, tokens[i:j], True, self.lex.company_suffixes,
                                 self.lex.org_words | self.lex.company_suffixes, self.words.body_heads)
        if j - i > 1 and tokens[j - 1].text not in self.lex.company_suffixes:
            self.memory.orgs.setdefault(tokens[j - 1].text, actor)  # "Ferruzzi" after "<Gruppo Ferruzzi>"
        return Candidate(j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor), rank=2)

    @staticmethod
    def ticker(tokens: list[Token], i: int) -> bool:
        """Token i is a stock symbol in angle brackets after a name ("Akzo NV
        <AKZO.AS>", "Citicorp <CCI>"): capitals, digits and dots alone."""
        return 0 < i < len(tokens) - 1 and tokens[i - 1].text == "<" and tokens[i + 1].text == ">" \
            and tokens[i].text.upper() == tokens[i].text

    def past_marks(self, tokens: list[Token], i1: int) -> int:
        """The token after a name's closing bracket and stock symbol, if it has
        them ("<Organon BV>, a unit of ...", "Akzo NV <AKZO.AS>, which ..."):
        where what is said of the name begins."""
        if i1 < len(tokens) and tokens[i1].text == ">":
            i1 += 1
        if i1 + 1 < len(tokens) and self.ticker(tokens, i1 + 1):
            i1 += 3
        return i1

    def _two_bodies(self, tokens: list[Token], j: int) -> bool:
        """The "and" at j joins two bodies, each one word ("House and Senate"),
        not the words of one name ("Securities and Exchange Commission")."""
        if tokens[j].lower != "and" or j == 0 or j + 1 >= len(tokens):
            return False
        before, after = tokens[j - 1], tokens[j + 1]
        return after.text in self.lex.org_words and not (j + 2 < len(tokens) and tokens[j + 2].cap) \
            and (before.text in self.lex.org_words or before.lower in self.words.agent_nouns)

    def _people_of(self, tokens: list[Token], i: int) -> bool:
        """"Shareholders of Acme Corp approved": at a sentence's start, people
        of a company, not a company's name ("Banks of Iowa Inc" is one: its
        first word is a body word)."""
        tok = tokens[i]
        return i == _first_word(tokens) and i + 1 < len(tokens) and tokens[i + 1].lower in self.words.name_tails \
            and is_plural_noun(tok.lower) and self._noun_class(tok.lower) == "group" \
            and not any(lemma.capitalize() in self.lex.org_words for lemma in word_lemmas(tok.lower).get("NOUN", ()))

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
                    and all(t.is_word and not t.cap and t.lower not in self.words.not_names
                            and not _verb_only(t.lower) for t in tokens[j:k]):
                return k + 1 - (i + n)
        return 0

    def _modifies_next(self, tokens: list[Token], i: int) -> bool:
        """The word at i describes the name or noun after it ("Americans Abroad"),
        so it is no mention of its own; before a verb or an adverb it is one
        ("Mexicans often say")."""
        if i + 1 >= len(tokens) or not tokens[i + 1].is_word:
            return False
        nxt = tokens[i + 1]
        return nxt.cap or "NOUN" in word_classes(nxt.lower) and "VERB" not in word_classes(nxt.lower) \
            and "ADV" not in word_classes(nxt.lower)

    def lexicon(self, tokens: list[Token], i: int) -> Candidate | None:
        lex = self.lex
        tok = tokens[i]
        if (hit := lex.alias_at(tokens, i)):
            n, actor = hit
            n += self.official(tokens, i, n)
            return Candidate(n, Mention(tok.start, tokens[i + n - 1].end, text_of(tokens, i, i + n), actor), rank=3)
        if tok.text in lex.demonyms and tok.text.endswith("s") and (
                i and tokens[i - 1].lower in self.words.definite_articles or not self._modifies_next(tokens, i)):
            # "the Americans", "Mexicans often say": the country's people
            return Candidate(1, Mention(tok.start, tok.end, tok.text, lex.demonyms[tok.text]), rank=3)
        if tok.text in lex.demonyms and (extra := self.official(tokens, i, 1)):
            actor = lex.demonyms[tok.text]
            return Candidate(1 + extra, Mention(tok.start, tokens[i + extra].end, text_of(tokens, i, i + 1 + extra),
                                                actor), rank=3)
        return None

    def name(self, tokens: list[Token], i: int, title_case: bool = False) -> Found | None:
        """A known short form ("Lutnick", "Texaco") or an unknown capitalised name.

        In a line written in title case (a headline) capitals say nothing, so
        only known names count there; at a sentence's start, a common word
        before a lowercase one ("Local farmers") is no name."""
        lex, memory, not_names = self.lex, self.memory, self.words.not_names
        if self._common_capital(tokens, i) and tokens[i].text not in memory.people:
            return None  # a name the story has given stays one: "Trump charges that ..." after "Donald Trump"
        runs = self._name_runs(tokens)
        first = tokens[i]
        if first.lower in self.words.phrase_modifiers and i + 1 < len(tokens) and tokens[i + 1].cap \
                and (known_org := memory.orgs.get(text_of(tokens, i, i + 2))) is not None:
            return 2, Mention(first.start, tokens[i + 1].end, text_of(tokens, i, i + 2), known_org)  # "First Union"
        # "New Jersey", "New Delhi": a place's name may open with "New", which otherwise opens no name
        opens_new = first.text == "New" and i + 1 < len(tokens) and tokens[i + 1].cap and tokens[i + 1].is_word \
            and tokens[i + 1].text not in lex.titles and not title_case
        if not (first.cap and first.is_word and (first.lower not in not_names or opens_new)
                and first.text not in lex.titles):
            return None
        if first.lower in self.speech and i == _first_word(tokens):
            return None  # "Said Ellis: ...": the verb opens the sentence, the name follows it
        # "J. Terence Murray", "Vann R. Newkirk": an initial and its period are part of the name
        j = runs.end_from(i + (2 if _initial_at(tokens, i) or opens_new else 1))
        if j - i == 1 and tokens[i].text in lex.demonyms:
            return None
        inner = runs.first_alias(i + 1, j)
        if inner is not None:
            k, (n, country) = inner
            if k + n == j and self._body_prefix(tokens, i, k):
                text = text_of(tokens, i, j)  # "Statistics Canada", "Air Canada": a body of that country
                actor = memory.orgs.get(text) or Actor(text, "organization", country.name)
                memory.orgs[text] = actor
                return j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor)
            return None  # "Senior U.S. Officials": the mention starts at the alias
        if title_case and j - i > 1 and self._says_last(tokens, i, j - 1):
            j -= 1  # "..., Ann Cole Says.": the capitalised verb ends the run, it is no part of the name
        text = text_of(tokens, i, j)
        known = memory.people.get(text) or memory.orgs.get(text) or memory.people.get(tokens[j - 1].text)
        if known is None and title_case and not self._says_last(tokens, i, j):
            return None
        if known is not None:
            actor = known
        else:
            actor = Actor(text, "person" if self._personal_name(tokens, i, j) else "named")
            if j - i > 1:
                memory.people.setdefault(tokens[j - 1].text, actor)  # "Yeutter" after "Clayton Yeutter"
        if actor.type == "person":
            memory.saw_person(actor)
        return j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor)

    def _says_last(self, tokens: list[Token], i: int, j: int) -> bool:
        """In a headline, a name set after a comma before a closing verb of
        speech is its speaker, known or not: "Talks Will Resume, Ann Cole Says."
        ("Acme Says Beta Will Sell Unit" still names no one: there the
        capitals say nothing of where a name ends)."""
        return i > 0 and tokens[i - 1].text == "," and j < len(tokens) and tokens[j].lower in self.speech \
            and (j + 1 == len(tokens) or not tokens[j + 1].is_word)

    def _name_runs(self, tokens: list[Token]) -> NameRuns:
        """The sentence's runs of name words (nameruns.py), made at its first name."""
        if self._runs is None or self._runs.tokens is not tokens:
            lex, not_names = self.lex, self.words.not_names

            def word_goes_on(j: int) -> bool:  # a title word past the first ends a name only as its last word
                tok = tokens[j]
                return tok.cap and tok.is_word and tok.lower not in not_names \
                    and (tok.text not in lex.titles or self._surname_title(tokens, j - 1, j)) \
                    or self._particle_at(tokens, j - 1, j)  # "de la" in "Eduardo de la Santos"

            def goes_on(j: int) -> bool:
                # "James A. Baker": a middle initial ("A" no article) goes on when the name does after it
                # (not "... only as Alex I. He said")
                return word_goes_on(j + 2) if _initial_at(tokens, j) else word_goes_on(j)
            self._runs = NameRuns(tokens, goes_on, lambda j: 2 if _initial_at(tokens, j) else 1,
                                  lambda k: lex.alias_at(tokens, k), lex.aliases)
        return self._runs

    def _particle_at(self, tokens: list[Token], i: int, j: int) -> bool:
        """"de" in "Eduardo de Los Santos": a particle inside a name, between capitalised words."""
        particles = self.words.name_particles
        k = j
        while k < len(tokens) and k - j < 2 and tokens[k].lower in particles and not tokens[k].cap:
            k += 1  # "de la", "van den"
        return j > i and k > j and k < len(tokens) and tokens[k].cap and tokens[k].is_word

    def _surname_title(self, tokens: list[Token], i: int, j: int) -> bool:
        """A title word that ends a name rather than opening one: "Charlie
        King," "Ben Judge said" (no capitalised name follows it)."""
        return j > i and (j + 1 >= len(tokens) or not tokens[j + 1].cap or not tokens[j + 1].is_word)

    def _personal_name(self, tokens: list[Token], i: int, j: int) -> bool:
        """Two to four capitalised words (an initial may stand among them),
        none a body's or company's word, the first no word of the dictionary
        and the last no place's ("Derek Mitchell", "Donald Trump"; not "Fleet
        Financial", "General Motors" or "Prudhoe Bay"): a person, whom a later
        "he" or "she" can mean."""
        words = [t for t in tokens[i:j] if t.text != "."]
        if not 2 <= len(words) <= 4:
            return False
        if any(t.text in self.lex.org_words or t.text in self.lex.company_suffixes or not t.text.isalpha()
               for t in words) or words[-1].lower in self.words.place_heads:
            return False  # "Prudhoe Bay", "Orange County": a place, whom no "he" means
        return not word_classes(words[0].lower)

    def _body_prefix(self, tokens: list[Token], i: int, k: int) -> bool:
        """One or two capitalised common nouns before a country's name, none of
        them an adjective or a title: the name of a body ("Statistics Canada")."""
        return k - i <= 2 and all(
            tokens[m].text not in self.lex.titles and tokens[m].text not in self.lex.demonyms
            and "NOUN" in (classes := word_classes(tokens[m].lower)) and "ADJ" not in classes
            for m in range(i, k))

    def speaks(self, tokens: list[Token], k: int) -> bool:
        """A verb of speech stands at token k, or after a word or two that may
        stand before one ("also", "has"): what stands before k is its speaker.
        "It said" means whoever said something last, not the thing named last
        ("Acme said it would buy Beta. It said ...": Acme, not Beta)."""
        fillers, reporting = self.words.speech_fillers, self.words.reporting_forms
        for tok in tokens[k:k + 3]:
            if tok.lower in reporting:
                return True
            if tok.lower not in fillers:
                return False
        return False

    def reference(self, tokens: list[Token], i: int, near_common: bool) -> Found | None:
        """Pronouns and descriptions that point back or stand for a group:
        he, the company, the two sides, the finance minister, analysts.
        `near_common`: a common-actor noun follows within reach."""
        words, memory = self.words, self.memory
        tok = tokens[i]
        low = tok.lower
        if low in words.person_pronouns:
            return 1, Mention(tok.start, tok.end, tok.text, memory.antecedent() or Actor(tok.text, "pronoun"))
        if low in words.side_pronouns:
            return 1, Mention(tok.start, tok.end, tok.text, Actor(tok.text, "pronoun"), side="own")
        if low in words.thing_pronouns and memory.last_thing is not None:
            said = memory.last_speaker is not None and self.speaks(tokens, i + 1)
            return 1, Mention(tok.start, tok.end, tok.text, memory.last_speaker if said else memory.last_thing)
        if low in words.other_side_pronouns:
            if memory.last_crowd is not None and self.speaks(tokens, i + 1):
                return 1, Mention(tok.start, tok.end, tok.text, memory.last_crowd)  # "They said" after "Sources said"
            return 1, Mention(tok.start, tok.end, tok.text, Actor(tok.text, "pronoun"), side="other")
        if low in words.definite_articles and i + 1 < len(tokens) and tokens[i + 1].lower in words.body_references \
                and memory.last_body is not None:
            return 2, Mention(tok.start, tokens[i + 1].end, text_of(tokens, i, i + 2), memory.last_body)
        if (low not in self.reference_starts or i + 1 >= len(tokens)
                or tokens[i + 1].lower not in self.reference_seconds) \
                and not (low in words.articles and i + 1 < len(tokens) and tokens[i + 1].lower in memory.org_words):
            return self.common(tokens, i) if near_common else None  # the common case: no description
        if low in words.articles and i + 1 < len(tokens) and tokens[i + 1].lower in memory.org_words:
            n = 2  # "the bank", "the exchange": the body named last with that word in its name
            body = memory.org_words[tokens[i + 1].lower]
            return n, Mention(tok.start, tokens[i + 1].end, text_of(tokens, i, i + n), body)
        folded = tuple(t.lower for t in tokens[i:i + 3])
        for ref in self.company_references:
            if folded[:len(ref)] == ref and memory.focus_company is not None:
                n = len(ref)
                return n, Mention(tok.start, tokens[i + n - 1].end, text_of(tokens, i, i + n), memory.focus_company)
        for refs, pair in ((self.pair_references, memory.last_pair), (self.company_pairs, memory.recent_companies)):
            for ref in refs:
                if folded[:len(ref)] == ref and len(pair) == 2:
                    n = len(ref)
                    text = text_of(tokens, i, i + n)
                    members = [Mention(tok.start, tokens[i + n - 1].end, text, a) for a in pair]
                    return n, Mention(tok.start, tokens[i + n - 1].end, text, None, members)
        return self.common(tokens, i) if near_common else None

    def common(self, tokens: list[Token], i: int) -> Found | None:
        """[determiner] [up to two lowercase modifiers or title words] common-actor noun, kept as
        written without the determiner: "the finance minister", "industry sources"."""
        words, common = self.words, self.lex.common_actors
        last_thing = self.memory.last_thing
        j = i + 1 if tokens[i].lower in words.determiners else i
        owner = last_thing if tokens[i].lower in words.owner_words and last_thing is not None \
            and last_thing.type == "organization" else None  # "its board": the company's board
        before = tokens[i - 1].lower if i else ""  # "" at the sentence's start: no verb stands before
        if j == i and ((before in words.auxiliaries or before == "to")
                                 and word_classes(tokens[i].lower) == VERB_ONLY
                                 or before in MODALS and "VERB" in word_classes(tokens[i].lower)):
            return None  # "is seeking shareholder approval", "would permit banks to": the verb, no party
        endings = tuple(words.verb_endings)
        for head in range(j, min(j + 4, len(tokens))):
            tok = tokens[head]
            if tok.cap and head != i and tok.text in self.lex.demonyms and (extra := self.official(tokens, head, 1)) \
                    and any(tokens[k].lower not in words.articles for k in range(i, head)):
                end = head + 1 + extra  # "two British diplomats": the United Kingdom, as "British diplomats" is
                return end - i, Mention(tokens[i].start, tokens[end - 1].end, text_of(tokens, i, end),
                                        self.lex.demonyms[tok.text])
            if not tok.is_word or (tok.lower in words.not_names and tok.lower not in words.number_words
                                   and tok.lower not in words.phrase_modifiers) \
                    or (tok.cap and head != i and not self._office_word(tokens, head)) or tok.lower in MODALS:
                return None  # a modal opens a verb: "will seek shareholder approval"
            if tok.lower not in common and tok.lower not in words.plural_modifiers and (
                    (tok.lower.endswith(endings) and _may_be_verb(tok.lower) or tok.lower in self.speech)
                    and not self._opens_phrase(tokens, head) or is_past_tense(tok.lower)):
                return None  # most likely a verb ("the sale requires", "said shareholders"), not a modifier
            if tok.lower in common and self._reporting(tokens, head):
                return None  # "the report states that": the verb
            if tok.lower in common and not self._head_follows(tokens, head + 1):
                text = text_of(tokens, j, head + 1)
                actor = Actor(f"{owner.name} {text}", "organization", owner.name) if owner else Actor(text, "source")
                if owner is None and tok.lower in self.person_roles:
                    self.memory.saw_person(actor)  # "the minister ... he said": the minister
                return head + 1 - i, Mention(tokens[i].start, tok.end, text_of(tokens, i, head + 1), actor)
        return None

    def _opens_phrase(self, tokens: list[Token], k: int) -> bool:
        """A word that could be a verb modifies the common-actor noun right
        after it where a preposition or a determiner opens a noun phrase
        before it: "approval from state regulators", "a state agency" (not
        "the sale requires shareholders' consent", nor after "and": "the
        mining and metals group" is one company)."""
        before = tokens[k - 1].lower if k else ""
        return k < len(tokens) - 1 and (before in self.words.noun_phrase_openers or before in self.words.determiners) \
            and before not in self.words.conjunctions and tokens[k + 1].lower in self.lex.common_actors

    def _office_word(self, tokens: list[Token], k: int) -> bool:
        """The capitalised word at k, inside a description, is a title's word
        of an office without a name ("the Finance Minister said"): not a name's
        word, not one that opens a known name ("a Treasury spokesman" is the
        Treasury's, by official_nouns), and as the head a person's role with
        no name or body after it (not "The Central Bank", "longtime Senator Ed
        Kwan", "a Bank of Japan official")."""
        tok = tokens[k]
        if tok.text not in self.lex.titles or tok.text in self.lex.starters:
            return False
        if tok.lower not in self.lex.common_actors:
            return True
        return tok.lower in self.person_roles and not (
            k + 1 < len(tokens) and (tokens[k + 1].cap or tokens[k + 1].lower in SPEAKS_FOR))

    def _head_follows(self, tokens: list[Token], k: int) -> bool:
        """A noun of people follows, so the phrase goes on: "the opposition
        parties", "two former bank officers" (not "the opposition")."""
        return k < len(tokens) and tokens[k].is_word and not tokens[k].cap and (  # _head knows "states that"
            tokens[k].lower in self.lex.common_actors and not self._reporting(tokens, k)
            or self._head(tokens, k) == "group")

    def _reporting(self, tokens: list[Token], k: int) -> bool:
        """A word that is a plural noun and a speech verb ("states") is the verb
        before "that", a colon or a comma: "the minister states that ...",
        not the minister's states (as "member states agreed" are)."""
        return tokens[k].lower in self.speech and k + 1 < len(tokens) and tokens[k + 1].lower in REPORTED_OPENERS

    def demonym_pair(self, tokens: list[Token], i: int) -> Found | None:
        """A bare demonym counts as the first half of "Chinese and US officials",
        and as the people of its country after "the" where no noun follows:
        "the Japanese have complained", "the French said" (not "the Japanese
        economy")."""
        actor = self.lex.demonyms[tokens[i].text]
        if i + 2 < len(tokens) and tokens[i + 1].lower in self.words.conjunctions:
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, actor)
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if i and tokens[i - 1].lower == "the" and after is not None and (
                after.lower in self.words.auxiliaries or after.lower in self.words.reporting_forms):
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, actor)
        return None

    def compounds(self, tokens: list[Token], found: list[tuple[int, int, Mention]]) -> list[Mention]:
        """"X and Y", "X, Y and Z" of names (countries, bodies, companies,
        people), beside its parts: one mention whose parties are each of them."""
        out = []
        conjunctions, articles = self.words.conjunctions, self.words.articles
        named = [f for f in found if f[2].actor is not None and f[2].actor.type in COORDINATED]
        reach = {i0: i1 for i0, i1, _ in named}  # a name with its appositive: "Jones, a director,"
        for i0, i1, _ in named:
            reach[i0] = max(reach[i0], i1)
        for first in range(len(named)):
            chain = [named[first]]
            joined = False  # the last part came after a conjunction: "X, Y and Z"
            for later in range(first + 1, len(named)):
                nxt = named[later]
                if nxt[0] < reach[chain[-1][0]]:
                    continue  # another reading of a name in the chain
                gap = [t.lower for t in tokens[reach[chain[-1][0]]:nxt[0]]]
                if tokens[reach[chain[-1][0]] - 1].text == ",":
                    gap = [","] + gap  # the appositive took its closing comma
                if len(gap) > 1 and (gap[-1] in articles
                                     or gap[-2] in conjunctions and self._describes(tokens, nxt[0] - 1)):
                    gap = gap[:-1]  # "Iran and the United States": the name's article; "and congressional Democrats"
                if gap not in ([","], *([c] for c in conjunctions), *([",", c] for c in conjunctions)) \
                        or tokens[nxt[0]].lower in self.words.remainders:
                    break
                chain.append(nxt)
                joined = gap[-1] in conjunctions
                if joined:
                    break
            if not joined:
                continue
            (a0, _, a), (b0, b1, b) = chain[0], chain[-1]
            parties = [m for _, _, m in chain]
            end = b1 + self.official(tokens, b0, b1 - b0)
            out.append(Mention(a.start, tokens[end - 1].end, text_of(tokens, a0, end), None, parties))
            if reach[b0] > end and tokens[reach[b0] - 1].text == ",":  # "..., and Garvin, a director, with"
                out.append(Mention(a.start, tokens[reach[b0] - 1].end, text_of(tokens, a0, reach[b0] - 1), None,
                                   parties))  # the closing comma is the appositive's, as with one name
            if len(chain) == 2 and a.actor is not None and b.actor is not None \
                    and a.actor.type == b.actor.type == "country":
                self.memory.last_pair = [a.actor, b.actor]
        return out

    def _describes(self, tokens: list[Token], k: int) -> bool:
        """A lowercase word that may describe the name after it ("congressional
        Democrats", "neighbouring Iraq"): not a verb's form alone ("rising US
        deficits"), a determiner, a remainder, nor a title or a noun of people
        ("vice president and treasurer John Smith" is one person)."""
        tok = tokens[k]
        if tok.cap or not tok.text.isalpha() or tok.lower in self.words.determiners \
                or tok.lower in self.words.remainders or tok.text.capitalize() in self.lex.titles \
                or self._head(tokens, k) is not None:
            return False
        classes = word_classes(tok.lower)
        return "VERB" not in classes or "ADJ" in classes

    def joined_phrases(self, tokens: list[Token], found: list[tuple[int, int, Mention]],
                       phrases: list[Mention]) -> list[Mention]:
        """"The union and the employer", "the White House and congressional
        Democrats": two parties joined by "and" where one is a noun phrase.
        `compounds` joins names before noun phrases are read, so these are
        joined here, one mention per reading of the second part (the pattern
        around it picks one, as with a single phrase)."""
        conjunctions = self.words.conjunctions
        if not any(t.lower in conjunctions for t in tokens):
            return []  # most sentences join no two parties
        ends = {t.end: k + 1 for k, t in enumerate(tokens)}
        starts = {t.start: k for k, t in enumerate(tokens)}
        parts = [(i0, i1, m, False) for i0, i1, m in found if m.actor is not None and m.actor.type in COORDINATED]
        parts += [(starts[m.start], ends[m.end], m, True) for m in phrases
                  if m.actor is not None and m.actor.type in ("group", "source") and m.start in starts]
        by_end: dict[int, list[tuple[int, Mention, bool]]] = {}
        by_start: dict[int, list[tuple[int, Mention, bool]]] = {}
        for i0, i1, m, phrase in parts:
            by_end.setdefault(i1, []).append((i0, m, phrase))
            by_start.setdefault(i0, []).append((i1, m, phrase))
        out, seen = [], set()
        for k in [k for k in by_end if 0 < k < len(tokens) - 1 and tokens[k].lower in conjunctions
                  and not (tokens[k - 1].cap and tokens[k + 1].cap)  # "Minister of Regional and Industrial ..."
                  and tokens[k + 1].lower not in self.words.remainders]:
            for a0, a, a_phrase in by_end[k]:
                for b1, b, b_phrase in by_start.get(k + 1, ()):
                    if (a_phrase or b_phrase) and (a.start, b.end) not in seen and a.actor != b.actor \
                            and not self._one_title(tokens, k - 1, k + 1, b1, b):
                        seen.add((a.start, b.end))
                        out.append(Mention(a.start, b.end, text_of(tokens, a0, b1), None, [a, b]))
        return out

    def _one_title(self, tokens: list[Token], last: int, b0: int, b1: int, b: Mention) -> bool:
        """"chairman and chief executive officer", "vice president and
        treasurer John Smith": a title joined without an article to another
        title or to a titled name is one person, not two parties ("the
        president and congressional leaders" are two)."""
        titles = self.lex.titles
        if tokens[last].text.capitalize() not in titles:
            return False
        return all(tokens[j].text.capitalize() in titles for j in range(b0, b1)) \
            or tokens[b0].lower not in self.words.determiners and (b1 - b0 == 1 or b.actor is not None
                                                                   and b.actor.type == "person")

    # -- noun phrases ------------------------------------------------------------

    def noun_phrases(self, tokens: list[Token], named: list[tuple[int, int, Mention]]) -> list[Mention]:
        """Every noun phrase the named mentions leave free, as readings that end
        at each word that can be its head: "six stockbrokers", "local farmers",
        "the company plans" (and "the company"), "Japanese microchip makers",
        "officials in Tokyo" (Japan), and phrases owned by a name: "Exxon's
        shareholders", "Finance Ministry officials".  The pattern around a
        capture picks the reading (see ActorSlot)."""
        taken = [False] * len(tokens)
        at: dict[int, tuple[int, Mention]] = {}
        for i0, i1, m in named:
            taken[i0:i1] = [True] * (i1 - i0)
            if m.actor is not None:
                at[i0] = (i1, m)
        known = self._heads  # most words are no head, and known not to be one: skip them without a call
        heads = [j for j, tok in enumerate(tokens) if not taken[j] and known.get(tok.lower, _UNKNOWN) is not None
                 and self._head(tokens, j) is not None]
        out: list[Mention] = []
        for i0, (i1, mention) in at.items():
            k = bisect_left(heads, i1)  # heads are in order
            if k < len(heads) and heads[k] <= i1 + MAX_PHRASE_WORDS or any(h in at for h in range(i1, i1 + 2)):
                out.extend(self._owned(tokens, i0, i1, mention, at))
            if mention.actor is not None and mention.actor.type == "source":  # "the chief economist Maury Obstfeld"
                place = self._place(tokens, i1, at) if tokens[i1 - 1].lower in self.lex.official_nouns else None
                if place is not None:  # "officials in Tokyo": Japan
                    out.append(Mention(mention.start, place[0].end, text_of(tokens, i0, place[1]), place[0].actor))
                else:
                    out.extend(self._extended(tokens, i0, i1, mention, at))
        demonyms = self.lex.demonyms
        free_demonyms = [k for k, tok in enumerate(tokens[:-1]) if not taken[k] and tok.text in demonyms]
        for k in free_demonyms:
            if k + 1 in at and at[k + 1][1].actor.type == "organization":  # type: ignore[union-attr]
                tok = tokens[k]  # "Russian UN envoy": the country's envoy to the body
                out.extend(self._owned(tokens, k, k + 1, Mention(tok.start, tok.end, tok.text, demonyms[tok.text]), at))
        out.extend(self._owners_of_acts(tokens, free_demonyms))
        covered = -1  # the last token inside a phrase read so far
        for head in heads:
            if head <= covered:
                continue
            readings = self._phrase(tokens, self._phrase_start(tokens, head, taken), taken, at)
            out.extend(readings)
            if readings:
                covered = max(covered, bisect_left(tokens, max(m.end for m in readings), key=_START) - 1)
        out += self._shared_heads(tokens, out + [m for _, m in at.values()], taken, at)
        descriptions = [m for _, m in at.values() if m.actor is not None and m.actor.type == "source"]
        out += self._joined(tokens, out, at, self.joiners, plain_places=True) \
            + self._joined(tokens, descriptions, at, SPEAKS_FOR, roles=self._offices(out))
        out += self._of_place(tokens, at)
        return out + self._named_between_commas(tokens, descriptions + out, at)

    def _shared_heads(self, tokens: list[Token], readings: list[Mention], taken: list[bool],
                      at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """"common and preferred shareholders", "state and federal
        regulators", "company and union officials": two groups that share
        the head noun, one mention whose parties are each group; a singular
        head is one party described twice ("the mining and metals group").
        The words joined must be modifiers, and the first no noun of people
        after a determiner ("the company and local officials" are two)."""
        conjunctions, determiners = self.words.conjunctions, self.words.determiners
        starts = {t.start: k for k, t in enumerate(tokens)}
        out = []
        for m in readings:
            actor, j = m.actor, starts.get(m.start, 0)
            if actor is None or actor.type not in ("group", "source") or actor.group is not None or j < 2:
                continue
            words = actor.name.split(" ")
            if tokens[j - 1].lower in conjunctions and len(words) > 1 and words[0].lower() == tokens[j].lower:
                first, second, rest = j - 2, j, " ".join(words[1:])  # "preferred shareholders" read whole
            elif j >= 3 and tokens[j - 2].lower in conjunctions and self._joinable(tokens, j - 1, taken):
                first, second, rest = j - 3, j - 1, actor.name  # "shareholders" read alone
            else:
                continue
            if not self._joinable(tokens, first, taken) or first and not self._opens_shared(tokens, first):
                continue
            end = bisect_left(tokens, m.end, key=_START)
            head = next((w for w, after in zip(words, [*words[1:], ""], strict=True) if after in THING_PREPOSITIONS),
                        words[-1])
            if not is_plural_noun(head.lower()):  # the head stands before "of": "members of the accord"
                if _names_next(at, end):
                    continue  # "shipping and transport group Hapag-Lloyd AG" is the company named
                opening = first - 1 if first and tokens[first - 1].lower in determiners else first
                out.append(Mention(tokens[opening].start, m.end, text_of(tokens, opening, end),
                                   Actor(text_of(tokens, first, end), actor.type)))
                continue
            parties = [Mention(tokens[k].start, m.end, f"{tokens[k].text} {rest}",
                               Actor(f"{tokens[k].text} {rest}", actor.type)) for k in (first, second)]
            out.append(Mention(tokens[first].start, m.end, text_of(tokens, first, end), None, parties))
        return out

    def _opens_shared(self, tokens: list[Token], k: int) -> bool:
        """What stands before the first joined word lets it open a phrase: a
        mark, a preposition ("approved by state and federal regulators") or a
        determiner before a word that is no noun of people ("the company and
        local officials" are two parties); not the end of another phrase ("in
        the first quarter and industry analysts said", "is broadening and
        investment bankers say")."""
        prev = tokens[k - 1]
        if not prev.is_word or prev.lower in self.words.noun_phrase_openers:
            return True
        return prev.lower in self.words.determiners and self._head(tokens, k) is None

    def _joinable(self, tokens: list[Token], k: int, taken: list[bool]) -> bool:
        """A free word that can modify a noun and is no plural noun ("farmers and local officials" is a list)."""
        low = tokens[k].lower
        if taken[k] or not tokens[k].is_word or low in self.words.determiners or is_plural_noun(low) \
                or not low.isalpha() or not word_classes(low):
            return False
        if k == 0 and tokens[k].cap:  # "State and federal regulators": capitalised as the sentence's first word
            return bool({"ADJ", "NOUN"} & word_classes(low))
        return self._modifier(tokens, k, True)

    def _offices(self, phrases: list[Mention]) -> list[Mention]:
        """The phrases that name one office ("the mayor", "the prime minister"),
        which a spokesman speaks for; not an owned one ("Indonesia's
        directorate general", whose official speaks for Indonesia)."""
        return [m for m in phrases if m.actor is not None and m.actor.type == "group"
                and m.text.split(" ", 1)[0].lower() in self.words.definite_articles
                and m.text.rsplit(" ", 1)[-1].lower() in self.person_roles]

    def _of_place(self, tokens: list[Token], at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """"Cigra Inc of Chicago", "Moss Rosenberg Verft of Stavanger": a
        company named with its home town or country is the company."""
        out = []
        for i0, (i1, mention) in at.items():
            actor = mention.actor
            if actor is None or actor.type not in ("organization", "named") or i1 + 1 >= len(tokens) \
                    or tokens[i1].lower not in PLACE_OF or i1 + 1 not in at:
                continue
            j, place = at[i1 + 1]
            if place.actor is not None and place.actor.type in ("named", "country") and place.actor != actor:
                out.append(Mention(mention.start, place.end, text_of(tokens, i0, j), actor))
        return out

    def _named_between_commas(self, tokens: list[Token], readings: list[Mention],
                              at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """"A lawyer for the family, Ann Cole, said": a description of one
        person and the name set after it between commas are that person, the
        description their role (the reading takes the closing comma in, as a
        name's appositive does).  `readings` are descriptions only: noun
        phrases ("a senior official of the union", which counts as the union)
        and the finders' descriptions ("the chairman")."""
        out = []
        for reading in readings:
            k = bisect_left(tokens, reading.end, key=_START)  # the token after the reading
            actor = reading.actor  # every reading here is a description, also one that is its body's
            if actor is None or k + 2 >= len(tokens) or tokens[k].text != "," or is_plural_noun(tokens[k - 1].lower):
                continue
            i1, name = at.get(k + 1, (k + 1, None))
            if name is None or name.actor is None or i1 >= len(tokens) or tokens[i1].text != "," or not (
                    name.actor.type == "person" or name.actor.type == "named" and i1 - (k + 1) > 1):
                continue  # a name of one word may be a place: "a group of Dallas, Texas,"
            i0 = bisect_left(tokens, reading.start, key=_START)
            group = actor.group or (actor.name if actor.type in ("country", "organization") else None)
            person = Actor(name.actor.name, "person", name.actor.group or group, text_of(tokens, i0, k))
            out.append(Mention(reading.start, tokens[i1].end, text_of(tokens, i0, i1 + 1), person))
        return out

    def _owners_of_acts(self, tokens: list[Token], free_demonyms: list[int]) -> list[Mention]:
        """"Indian accusations": the demonym is the country that owns the
        charge, as "U.S. charges" is the United States'.  Found after the
        names, so a later "it" still means the country or body named last."""
        demonyms, acts = self.lex.demonyms, self.words.country_acts
        return [Mention(tokens[k].start, tokens[k].end, tokens[k].text, demonyms[tokens[k].text])
                for k in free_demonyms if tokens[k + 1].lower in acts]

    def _joined(self, tokens: list[Token], readings: list[Mention], at: dict[int, tuple[int, Mention]],
                joiners: frozenset[str], plain_places: bool = False,
                roles: list[Mention] | None = None) -> list[Mention]:
        """A description joined to the group it belongs to by one of `joiners`:
        "attorneys for the family", "a lawyer for the news outlets", "members
        of the panel" (a named body after the preposition is _extended's);
        with `plain_places`, also to a phrase that names no actor ("farmers in
        the region"), which descriptions get from _extended.  `roles`: noun
        phrases of a person's office it may be joined to as well ("a
        spokesman for the mayor")."""
        by_start: dict[int, Mention] = {}
        for m in readings + (roles or []):
            if m.actor is not None and (m.start not in by_start or m.end > by_start[m.start].end):
                by_start[m.start] = m
        out = []
        for m in readings:
            actor = m.actor
            if actor is None or actor.type not in ("group", "source") or actor.group is not None:
                continue
            k = bisect_left(tokens, m.end, key=_START)
            if k + 1 >= len(tokens) or tokens[k].lower not in joiners:
                continue
            j = k + 1
            if tokens[k].lower == "for" and tokens[j].lower.endswith("ing") and is_participle(tokens[j].lower):
                continue  # "charges against the developer for bribing officials": an act, not whom he works for
            other = by_start.get(tokens[j].start) or (at[j][1] if j in at else None)
            i0 = bisect_left(tokens, m.start, key=_START)
            if other is None and plain_places:
                out += self._at_plain_place(tokens, i0, k, actor, at)
                continue
            if other is None or other.actor is None or other.actor.type in ("country", "organization", "named",
                                                                            "document"):
                continue  # no one belongs to a memo: "told employees in a memo that"
            end = bisect_left(tokens, other.end, key=_START)
            first = i0 + 1 if tokens[i0].lower in self.words.determiners else i0
            name = text_of(tokens, first, end)
            joined = Actor(name, actor.type, other.actor.group)
            out.append(Mention(m.start, other.end, text_of(tokens, i0, end), joined))
        return out

    def _phrase_start(self, tokens: list[Token], head: int, taken: list[bool]) -> int:
        """Where the free noun phrase ending at `head` begins: back over its
        modifiers, numbers and hyphens, and a determiner before them; a
        participle ("industrialised countries") only opens one."""
        words = self.words
        k = head
        while k > 0 and not taken[k - 1] and head - (k - 1) < MAX_PHRASE_WORDS:
            prev = tokens[k - 1]
            if prev.lower in words.determiners:
                return k - 1
            after_determiner = k >= 2 and tokens[k - 2].lower in words.determiners and not taken[k - 2]
            if self._modifier(tokens, k - 1, after_determiner) or prev.lower in words.number_words \
                    or prev.text[0].isdigit() or prev.text == "-":
                k -= 1
                continue
            if self._modifier(tokens, k - 1, self._opens_before_noun(tokens, k - 1, taken)):
                return k - 1
            break
        return k

    def _opens_before_noun(self, tokens: list[Token], i: int, taken: list[bool]) -> bool:
        """A participle may open a phrase when a noun follows it, it is no verb
        of speech ("industrialised countries", not "said rates"), and no
        subject stands before it: after "the minister" or "Acme", "blamed
        speculators" and "fined two firms" are a verb and its object."""
        return i + 1 < len(tokens) and tokens[i].lower not in self.speech \
            and "NOUN" in word_classes(tokens[i + 1].lower) and not self._subject_before(tokens, i, taken)

    def _subject_before(self, tokens: list[Token], i: int, taken: list[bool]) -> bool:
        """The word before token i could be the subject of a verb at i: the end
        of a mention, a name, a pronoun, a plural noun ("the rules permitted"),
        or a word that is a noun and never a verb; adverbs between them do not
        count ("New Jersey recently permitted corporations to ...")."""
        while i > 1 and word_classes(tokens[i - 1].lower) == ADVERB_ONLY:
            i -= 1
        if i == 0 or not tokens[i - 1].is_word:
            return False
        prev = tokens[i - 1]
        if taken[i - 1] or prev.cap or prev.lower in self.words.person_pronouns \
                or prev.lower in self.words.side_pronouns or prev.lower in self.words.thing_pronouns:
            return True
        classes = word_classes(prev.lower)
        if is_plural_noun(prev.lower) or ("NOUN" in classes and "VERB" not in classes):
            return True
        # "the audit blamed": a noun that can act; "accused" in "he accused industrialised countries" is the verb
        return self._head(tokens, i - 1) is not None and not is_past_tense(prev.lower)

    def _modifier(self, tokens: list[Token], i: int, after_determiner: bool) -> bool:
        """A word that can stand in a noun phrase before its head, or be it.
        A participle counts only after a determiner ("the proposed merger") or
        opening the phrase before a noun ("industrialised countries"):
        inside one, "officials said rates" would be a single phrase."""
        tok = tokens[i]
        if not tok.is_word or tok.lower in self.words.noun_phrase_stops:
            return False
        if tok.cap:
            return tok.text in self.lex.demonyms or self._common_capital(tokens, i)
        classes = word_classes(tok.lower)
        if tok.lower in self.words.determiners or tok.lower in self.words.not_names \
                and tok.lower not in self.words.number_words and tok.lower not in self.words.phrase_modifiers:
            return False
        if not after_determiner and (tok.lower in self.speech or is_past_tense(tok.lower)):
            return False
        return not classes or "NOUN" in classes or "ADJ" in classes or tok.text[0].isdigit() \
            or (after_determiner and (is_participle(tok.lower) or is_past_tense(tok.lower)))

    def _head(self, tokens: list[Token], i: int) -> str | None:
        """What a noun phrase ending at token i names: "group" (people or a
        body: "farmers", "the board"), "document" (what can say something:
        "the report"), or None (a thing, "the plan": no actor)."""
        tok = tokens[i]
        if not tok.is_word or (tok.cap and not self._common_capital(tokens, i)):
            return None
        low = tok.lower
        found = self._heads.get(low, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._heads[low] = self._noun_class(low)
        if found is not None and self._reporting(tokens, i):
            return None
        return found  # type: ignore[return-value]

    def _noun_class(self, low: str) -> str | None:
        if low in self.lex.common_actors or low in self.lex.official_nouns or low in self.words.singular_agents:
            return "group"
        first, hyphen, last = low.rpartition("-")
        if hyphen and first and len(last) >= MIN_COMPOUND_PART and not word_classes(low) and any(
                lemma != last and lemma in self.words.agent_nouns for lemma in word_lemmas(last).get("NOUN", ())):
            return "group"  # "fact-checkers", "policy-makers": people named by a plural last word (not "one-party")
        lemmas = word_lemmas(low).get("NOUN", ()) or (low,)
        if any(lemma in self.words.agent_nouns for lemma in lemmas) and not is_participle(low) \
                and not (low in self.words.adjective_agents and not is_plural_noun(low)):
            return "group"  # not "the accused", "the meeting" (verbs), nor "was not familiar" (an adjective)
        if any(lemma in self.words.source_nouns for lemma in lemmas):
            return "document"
        return "group" if self._agent_compound(low) else None

    def _agent_compound(self, low: str) -> bool:
        """A word the lemmatizer does not know, written as a noun and an agent
        noun in one ("chipmakers", "automaker", "steelworkers"): news coins
        these freely, so no word list can hold them all."""
        if word_classes(low):
            return False
        for k in range(MIN_COMPOUND_PART, len(low) - MIN_COMPOUND_PART + 1):
            tail = low[k:]
            lemmas = word_lemmas(tail).get("NOUN", ()) or (tail,)
            if any(lemma in self.words.agent_nouns for lemma in lemmas) and "NOUN" in word_classes(low[:k]):
                return True
        return False

    def _common_capital(self, tokens: list[Token], i: int) -> bool:
        """A capitalised word that is a common word, at the start of a sentence
        before a lowercase one: "Local farmers said", "Federal prosecutors
        charged", a plural of people alone: "Farmers protested", a thing
        before a verb of state or a modal: "Inflation is likely to ease", and
        things before a preposition: "Shares of Acme fell"."""
        if i != _first_word(tokens) or i + 1 >= len(tokens):
            return False
        tok, nxt = tokens[i], tokens[i + 1]
        if not nxt.is_word or nxt.cap or self.lex.alias_at(tokens, i) is not None:
            return False
        classes = word_classes(tok.lower)
        if "NOUN" in word_classes(nxt.lower):
            return bool(classes) and ("ADJ" in classes or "NOUN" in classes)
        if nxt.lower in self.words.state_verbs and "NOUN" in classes:
            return not self.memory.names_party(tok.text)  # "Inflation is", not "Zenith will" after Zenith Labs
        if not is_plural_noun(tok.lower):
            return False
        if self._noun_class(tok.lower) == "group":
            return True
        # a plural of things before a preposition: "Shares of Acme fell", "Profits at the bank"
        return nxt.lower in THING_PREPOSITIONS and not self.memory.names_party(tok.text)

    def _phrase(self, tokens: list[Token], i: int, taken: list[bool],
                at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """The readings of the free noun phrase starting at token i."""
        words = self.words
        owner = None
        j = i
        if tokens[i].lower in words.determiners:
            if tokens[i].lower in words.owner_words and self.memory.last_thing is not None \
                    and self.memory.last_thing.type == "organization":
                owner = self.memory.last_thing  # "its shareholders": the company's
            j += 1
        ends: list[tuple[int, str]] = []
        group = None
        limit = min(len(tokens), j + MAX_PHRASE_WORDS)
        while j < limit and not taken[j] and (self._modifier(tokens, j, tokens[j - 1].lower in words.determiners
                                                             or (j == i and self._opens_before_noun(tokens, j, taken)))
                                              or tokens[j].lower in words.number_words
                                              or tokens[j].text[0].isdigit() or tokens[j].text == "-"):
            if tokens[j].text in self.lex.demonyms:
                group = group or self.lex.demonyms[tokens[j].text].name
            if (head := self._head(tokens, j)) is not None:
                ends.append((j + 1, head))
            j += 1
        readings = []
        # a share of those polled counts as written: "63 percent said" (a count before a singular source noun)
        bare = tokens[i].lower not in words.determiners and not (
            tokens[i].text[0].isdigit() or tokens[i].lower in words.number_words)
        for end, head in reversed(ends):
            if head == "document" and bare and not is_plural_noun(tokens[end - 1].lower):
                continue  # "lash out daily": a singular source noun without its article is no source
            place = self._place(tokens, end, at) if tokens[end - 1].lower in self.lex.official_nouns else None
            reading = self._reading(tokens, i, end, head, owner, group)
            if place is not None:  # "officials in Tokyo" are Japan's, not a body of that name
                readings.append(Mention(tokens[i].start, place[0].end, text_of(tokens, i, place[1]), place[0].actor))
            else:
                readings.extend(self._extended(tokens, i, end, reading, at))
            readings.append(reading)
        return readings

    def _extended(self, tokens: list[Token], i: int, end: int, reading: Mention,
                  at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """Longer readings of an unnamed actor: with the name it introduces
        ("IMF chief economist Maury Obstfeld": that person, with the phrase as
        their role; "the rights group Amnesty International": that body), or
        with a name after a preposition ("analysts at Merrill Lynch", "experts
        on North Korea")."""
        assert reading.actor is not None
        i1, name = at.get(end, (end, reading))
        if name is not reading and name.actor is not None and name.actor.type in ("person", "named") \
                and tokens[end].lower not in self.words.person_pronouns \
                and not is_plural_noun(tokens[end - 1].lower):  # one person's role: "economist", not "officials"
            group = reading.actor.group or (reading.actor.name if reading.actor.type == "organization" else None)
            person = Actor(name.actor.name, "person", name.actor.group or group, text_of(tokens, i, end))
            self.memory.remember_person(person, tokens[end:i1])
            return [Mention(tokens[i].start, tokens[i1 - 1].end, text_of(tokens, i, i1), person)]
        if name is not reading and name.actor is not None and name.actor.type == "organization" and tokens[end].cap \
                and not self._indefinite(tokens, i) \
                and not is_plural_noun(tokens[end - 1].lower) \
                and tokens[end - 1].lower not in self.person_roles:  # not "told a news conference Acme would ..."
            return [Mention(tokens[i].start, tokens[i1 - 1].end, text_of(tokens, i, i1), name.actor)]
        if details := self._source_detail(tokens, end):  # "people familiar with the matter"
            named = reading.actor.type in ("country", "organization")  # unnamed officials stay their country's
            return [Mention(tokens[i].start, tokens[d - 1].end, text_of(tokens, i, d), reading.actor if named else
                            Actor(f"{reading.actor.name} {text_of(tokens, end, d)}", reading.actor.type,
                                  reading.actor.group)) for d in details]
        k = end
        if k + 1 < len(tokens) and tokens[k].lower in self.joiners:
            k += 1
            if tokens[k].lower in self.words.articles and k + 1 < len(tokens) and k not in at:
                k += 1  # "for the Fed"; a reference takes its article in ("for the agency" after the SEC)
            i1, body = at.get(k, (k, reading))
            if body is not reading and body.actor is not None \
                    and body.actor.type in ("country", "organization", "named"):
                if tokens[end - 1].lower in self.lex.official_nouns and body.actor.type != "named":
                    actor = body.actor  # "a spokesman for the company": unnamed officials are their body's
                else:
                    actor = Actor(reading.actor.name + " " + text_of(tokens, end, i1), reading.actor.type,
                                  body.actor.name)
                return [Mention(tokens[i].start, tokens[i1 - 1].end, text_of(tokens, i, i1), actor)]
            if body is reading:
                return self._at_plain_place(tokens, i, end, reading.actor, at)
        return []

    def _indefinite(self, tokens: list[Token], i: int) -> bool:
        """The phrase around token i opens with "a" or "an" (a word or three
        back, no mark between): "told a House subcommittee USDA was ...",
        where what follows the description is what was said, not its name."""
        words = self.words
        for k in range(i, max(-1, i - 4), -1):
            low = tokens[k].lower
            if low in words.articles:
                return low not in words.definite_articles
            if not tokens[k].is_word:
                return False
        return False

    def _at_plain_place(self, tokens: list[Token], i: int, end: int, actor: Actor,
                        at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """"Workers at the plant", "residents of the town", "farmers in the
        region": people described by a place or thing that names no actor,
        read as one group with it (longest first; the pattern picks).  An
        occasion is where they are, not who: "shareholders at the annual
        meeting" are the shareholders, the phrase the mention's words."""
        if tokens[end].lower not in self.place_joiners:
            return []  # "blamed the company for the blackout": what for, not whose
        first = i + 1 if tokens[i].lower in self.words.determiners else i
        return [Mention(tokens[i].start, tokens[e - 1].end, text_of(tokens, i, e),
                        actor if occasion else Actor(text_of(tokens, first, e), actor.type, actor.group))
                for e, occasion in self._plain_phrase_ends(tokens, end + 1, at)]

    def _plain_phrase_ends(self, tokens: list[Token], k: int,
                           at: dict[int, tuple[int, Mention]]) -> list[tuple[int, bool]]:
        """Where a plain noun phrase after a preposition at k may end ("the
        plant", "the coastal region"), longest first, each with whether it
        names an occasion rather than a place ("the annual meeting"): an
        article, then up to three lower-case words that can be nouns or
        modifiers, ending on a noun; none where a name, a possessive or a verb
        of the sentence stands."""
        if k >= len(tokens) or tokens[k].lower not in self.words.articles:
            return []
        words = self.words
        ends = []
        j = k + 1
        while j < len(tokens) and j - k <= PLAIN_PHRASE_WORDS:
            tok = tokens[j]
            if tok.cap or j in at or tok.lower == "'s":
                return []  # "at a major U.S. bank", "at the company's plant": a name's phrase, not a plain one
            if not tok.is_word or tok.lower in words.noun_phrase_stops or tok.lower in words.speech_forms \
                    or is_past_tense(tok.lower):
                break
            classes = word_classes(tok.lower)
            if classes and not classes & {"NOUN", "ADJ"}:
                break
            j += 1
            if tok.lower in words.circumstance_nouns:
                # "shareholders at the annual meeting approved": an occasion, the phrase's only reading
                # (not "the annual"), unless it opens a longer one ("at the end of the talks": none)
                ends = [] if j < len(tokens) and tokens[j].lower == "of" else [(j, True)]
                break  # "at the annual meeting today": the occasion ends the phrase
            if "NOUN" in classes and tok.lower not in words.source_nouns:
                ends.append((j, False))
        if j - k > PLAIN_PHRASE_WORDS and j < len(tokens) and tokens[j].is_word \
                and tokens[j].lower not in words.noun_phrase_stops:
            return []  # the phrase runs on past what is read here
        return ends[::-1]

    def _source_detail(self, tokens: list[Token], k: int) -> list[int]:
        """Where "familiar with [the] matter" at k may end (source_details and
        up to MAX_DETAIL_WORDS words of what they name, ending on a noun),
        longest first; the pattern picks one ("close to the Italian state
        credit institution said", "close to the talks say")."""
        for phrase in self.details.get(tokens[k].lower, ()) if k < len(tokens) else ():
            j = k + len(phrase)
            if tuple(t.lower for t in tokens[k:j]) != phrase:
                continue
            if j < len(tokens) and tokens[j].lower in self.words.determiners:
                j += 1
            first, named, ends = j, False, []
            while j < len(tokens) and j - first < MAX_DETAIL_WORDS and (tokens[j].is_word or tokens[j].lower == "'s") \
                    and tokens[j].lower not in self.words.noun_phrase_stops:
                classes = word_classes(tokens[j].lower)
                nounish = tokens[j].cap or tokens[j].lower == "'s" or "NOUN" in classes or not classes
                if not nounish and (named or "ADJ" not in classes):
                    break  # "sources close to the transaction disputed ...": the noun ended what they are close to
                named = named or nounish
                j += 1
                if nounish and tokens[j - 1].lower != "'s":
                    ends.append(j)
            return ends[::-1]
        return []

    def _reading(self, tokens: list[Token], i: int, end: int, head: str, owner: Actor | None,
                 group: str | None) -> Mention:
        """One reading: its actor is the words without the determiner, tied to
        the owner or the demonym's country where there is one."""
        first = i + 1 if tokens[i].lower in self.words.determiners else i
        text = text_of(tokens, first, end) if first < end else text_of(tokens, i, end)
        if owner is not None and head == "group":
            actor = Actor(f"{owner.name} {text}", "organization", owner.name)
        else:
            actor = Actor(text, head, group)
        return Mention(tokens[i].start, tokens[end - 1].end, text_of(tokens, i, end), actor)

    def _place(self, tokens: list[Token], end: int, at: dict[int, tuple[int, Mention]]) -> tuple[Mention, int] | None:
        """"officials in Tokyo": the place's mention after a place preposition, and the index after it."""
        k = end
        if k < len(tokens) and tokens[k].lower in self.words.place_prepositions:
            k += 1
            if k < len(tokens) and tokens[k].lower in self.words.articles:
                k += 1
            i1, place = at.get(k, (k, None))
            if place is not None and place.actor is not None and place.actor.type == "country":
                return place, i1
        return None

    def _owned(self, tokens: list[Token], i0: int, i1: int, owner: Mention,
               at: dict[int, tuple[int, Mention]]) -> list[Mention]:
        """"Exxon's shareholders", "Finance Ministry officials": a phrase owned
        by the name before it; an official noun makes it the owner itself; a
        person's name after "'s" is that person ("NBC's Dante Chinni")."""
        assert owner.actor is not None
        described = owner.actor.type == "source"  # "the company's shareholders": people the description has
        if owner.actor.type not in ("country", "organization", "person", "named") and not described:
            return []
        j = i1 + 1 if i1 < len(tokens) and tokens[i1].lower == "'s" else i1
        if described and j == i1:
            return []  # "the company shareholders" is no phrase a description owns
        # "NBC's Dante Chinni": the person, of that body; "SEC spokeswoman Mary
        # Hess" (the body's official, then a name): the person, in that role
        role = j == i1 and tokens[i1 - 1].lower in self.lex.official_nouns and owner.actor.type != "person"
        named = at.get(j) if j > i1 or role else None
        if named is not None and named[1].actor is not None and named[1].actor.type in ("person", "named"):
            person = named[1].actor
            actor = Actor(person.name, "person", person.group or owner.actor.name,
                          person.role or (text_of(tokens, i0, i1) if role else None))
            return [Mention(owner.start, tokens[named[0] - 1].end, text_of(tokens, i0, named[0]), actor)]
        start = j
        body = at.get(j)
        if owner.actor.type == "country" and body is not None and body[1].actor is not None \
                and body[1].actor.type == "organization":
            j = body[0]  # "Russia's UN ambassador", "Russian UN envoy": the country's envoy to the body
        ends = [(j, "group")] if j > start and tokens[j - 1].lower in self.lex.official_nouns else []
        while j < len(tokens) and j - start < MAX_PHRASE_WORDS and not tokens[j].cap \
                and _free_or_description(at.get(j)) \
                and self._modifier(tokens, j, False):
            if (head := self._head(tokens, j)) is not None:
                ends.append((j + 1, head))
            j += 1
        if described:  # its people, not one role ("the group's president" is the president named earlier)
            ends = [(end, head) for end, head in ends if is_plural_noun(tokens[end - 1].lower)]
        out = []
        for end, head in reversed(ends):
            text = text_of(tokens, i0, end)
            if tokens[end - 1].lower in self.lex.official_nouns and owner.actor.type in ("country", "organization"):
                actor = owner.actor
            else:
                actor = Actor(f"{owner.actor.name} {text_of(tokens, start, end)}", head,
                              None if described else owner.actor.name)
            reading = Mention(owner.start, tokens[end - 1].end, text, actor)
            out.extend(self._extended(tokens, i0, end, reading, at))
            out.append(reading)
        return out

    # -- appositives ---------------------------------------------------------------

    def appositive(self, tokens: list[Token], i1: int, named: list[tuple[int, int, Mention]],
                   head_within: int = 5) -> tuple[int, str, str | None] | None:
        """", a spokesman for the Commerce Department," after a name: the index
        after it (its closing comma included), the role, and the body or
        country the role belongs to.  A person's role noun comes early (within
        `head_within` tokens); a company's description may put it last (", a
        Chicago-based lamp and fan maker,")."""
        if i1 + 2 >= len(tokens) or tokens[i1].text != ",":
            return None
        opener = tokens[i1 + 1]
        if opener.lower in self.words.articles or opener.lower in self.words.determiners:
            k = i1 + 2  # ", a director,", ", its treasurer,"
        elif opener.text in self.lex.titles or opener.lower in self.person_roles \
                or not opener.cap and "ADJ" in word_classes(opener.lower):
            k = i1 + 1  # ", Vice President for Sales at X," ", chief economist at Y," ", former president of Z,"
        else:
            return None
        first = k
        role_word = None
        while k < len(tokens) and tokens[k].text not in (",", ".", ";", ":") and k - i1 <= MAX_APPOSITIVE_TOKENS:
            if tokens[k].lower in self.speech:
                return None  # ", the governor often says,": an attribution, not a description
            if role_word is None and (tokens[k].text in self.lex.titles or self._head(tokens, k) == "group"):
                role_word = k
            k += 1
        if role_word is None or role_word > i1 + head_within or (k < len(tokens) and tokens[k].text != "," and
                                                       tokens[k].text != "."):
            return None
        group = next((m.actor.name for a0, a1, m in named if i1 < a0 < k and m.actor is not None
                      and m.actor.type in ("country", "organization")), None)
        role = text_of(tokens, first, k)
        return (k + 1 if k < len(tokens) and tokens[k].text == "," else k), role, group


MAX_PHRASE_WORDS = 8
PLAIN_PHRASE_WORDS = 3  # "the plant", "the coastal region", "the old steel town" after "workers at"
MAX_DETAIL_WORDS = 4  # what "familiar with" names: "the matter", "the company's plans"
REPORTED_OPENERS = frozenset({"that", ":", ","})  # what follows a speech verb, not a noun: "states that"
# a described speaker and whom they speak for or belong to: "a spokesman for the agency", "the board of directors"
SPEAKS_FOR = frozenset({"for", "of"})
MODALS = frozenset({"will", "would", "can", "could", "may", "might", "shall", "should", "must"})  # a verb follows
PLACE_OF = frozenset({"of"})  # "Cigra Inc of Chicago", "residents of the town": a place or thing one belongs to
THING_PREPOSITIONS = frozenset({"of", "at", "in", "on", "for", "from", "with"})  # "Shares of Acme": things, no name
VERB_ONLY = frozenset({"VERB"})
ADVERB_ONLY = frozenset({"ADV"})
MIN_COMPOUND_PART = 3  # "chip" + "makers"; shorter parts split ordinary words ("ex" + "porter")
COORDINATED = frozenset({"country", "organization", "person", "named", "source"})  # what "and" joins
_UNKNOWN = object()
_START = attrgetter("start")
MAX_APPOSITIVE_TOKENS = 14
MAX_BRACKETED_TOKENS = 10  # "<Compagnie Generale d'Electricite SA>"; a longer run is no bracketed name
BRACKETED_MARKS = frozenset({"'s", "&", "-", ".", "'"})  # marks inside a bracketed name: "<Marks & Spencer>"


def _by_first_word(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        if phrase:
            found.setdefault(phrase[0], []).append(phrase)
    return found


def _verb_only(word: str) -> bool:
    """A verb form that is no noun nor a modifier in -ing: "Apple promised
    regulators" is no mention of Apple's regulators, as "Japanese trade
    officials" and "German banking sources" are of Japan's and Germany's."""
    classes = word_classes(word)
    return "VERB" in classes and "NOUN" not in classes and not word.endswith("ing")


def _may_be_verb(low: str) -> bool:
    """A word in -s or -ed that can be a verb, or is no word of the dictionary
    ("requires", "approved"; not "previous", "various", "red")."""
    classes = word_classes(low)
    return not classes or "VERB" in classes


def _last_word_before_verb(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k + 1].is_word and not tokens[k + 1].cap \
        and not tokens[k + 1].text[0].isdigit()


def _names_next(at: dict[int, tuple[int, Mention]], k: int) -> bool:
    """Whether a person, body, company or country is named at token k."""
    actor = at[k][1].actor if k in at else None
    return actor is not None and actor.type in ("person", "organization", "named", "country")


def _free_or_description(entry: tuple[int, Mention] | None) -> bool:
    """No mention starts here, or one that is a description ("chief economist")."""
    return entry is None or entry[1].actor is None or entry[1].actor.type == "source"


def _initial_at(tokens: list[Token], j: int) -> bool:
    """A middle initial: one capital letter, its period, then more of the name."""
    return j + 2 < len(tokens) and len(tokens[j].text) == 1 and tokens[j].text.isupper() \
        and tokens[j + 1].text == "." and tokens[j + 1].start == tokens[j].end and tokens[j + 2].cap


def _first_word(tokens: list[Token]) -> int:
    """The first word of a sentence, after any opening quotes or dashes."""
    for k, tok in enumerate(tokens):
        if tok.is_word:
            return k
    return len(tokens)
