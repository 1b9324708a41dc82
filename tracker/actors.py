"""Actor mentions: lexicon aliases, titled people, companies, and short forms.

A document is read in order, and what it introduces is remembered: after
"US Commerce Secretary Howard Lutnick", "Lutnick" and "he" mean him, with
the United States as his affiliation; after "Texaco Inc", "Texaco" and "the
company" mean Texaco Inc.  Rules only ever see the resolved mentions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tracker.tokens import LOWER_OF, TEXT_OF, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SIDE_PRONOUNS = frozenset({"we", "us", "our"})
COMPANY_REFERENCES = (("the", "company"), ("the", "firm"), ("the", "group"), ("the", "bank"),
                      ("the", "concern"), ("the", "corporation"))
PAIR_REFERENCES = (("the", "two", "sides"), ("both", "sides"), ("the", "two", "countries"),
                   ("both", "countries"), ("the", "two", "governments"), ("the", "parties"))
_REFERENCE_STARTS = frozenset(ref[0] for ref in COMPANY_REFERENCES + PAIR_REFERENCES)
_REFERENCE_SECONDS = frozenset(ref[1] for ref in COMPANY_REFERENCES + PAIR_REFERENCES)
_POINTING_WORDS = PERSON_PRONOUNS | SIDE_PRONOUNS | _REFERENCE_STARTS | {"it", "they"}
# Capitalised words that start sentences or name things other than actors.
NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i you his her their our my in on at by for from "
    "with to of and or but if as after before while when since although though because however meanwhile "
    "also last next monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december top new other some many most all both each "
    "there here what which who why how under over about according earlier later yet still even so then "
    "first second third one two three four five six seven eight nine ten half no not any such than "
    "highlighting before during despite following through mr mrs ms dr reuters".split())


@dataclass(frozen=True)
class Actor:
    name: str
    type: str                 # country, organization, person, group, source
    group: str | None = None  # affiliation: a person's country, a ministry's country
    role: str | None = None   # a person's title as first written ("Commerce Secretary")


@dataclass
class Mention:
    start: int   # document offsets
    end: int
    text: str
    actor: Actor | None           # None for a pronoun not yet resolved
    members: list["Mention"] = field(default_factory=list)  # the parties of "US and China"
    pronoun: str | None = None    # "we", "they": resolved later against the quote's speaker

    @property
    def parties(self) -> list["Mention"]:
        return self.members or [self]


class Lexicon:
    """Aliases of canonical actors, read from the `actors:` files of the rule folders."""

    def __init__(self, files: list[tuple[Path, dict[str, Any]]]) -> None:
        self.aliases: dict[str, list[tuple[tuple[str, ...], Actor]]] = {}
        self.demonyms: dict[str, Actor] = {}
        self.titles: set[str] = set()
        self.official_nouns: set[str] = set()
        self.common_actors: set[str] = set()
        self.company_suffixes: set[str] = set()
        self.org_words: set[str] = set()
        self.by_name: dict[str, Actor] = {}
        for _, data in files:
            self.titles.update(data.get("titles") or [])
            self.official_nouns.update(w.lower() for w in data.get("official_nouns") or [])
            self.common_actors.update(w.lower() for w in data.get("common_actors") or [])
            self.company_suffixes.update(data.get("company_suffixes") or [])
            self.org_words.update(data.get("organization_words") or [])
            for entry in data.get("actors") or []:
                actor = Actor(entry["name"], entry["type"], entry.get("group"))
                self.by_name[actor.name] = actor
                for alias in {entry["name"], *(entry.get("aliases") or [])}:
                    self._add_alias(alias, actor)
                for demonym in entry.get("demonyms") or []:
                    self.demonyms[demonym] = actor
                    self.demonyms[demonym.upper()] = actor
        for bucket in self.aliases.values():
            bucket.sort(key=lambda entry: -len(entry[0]))
        # Where a lexicon mention can start: an alias's first word, or a demonym.
        self.starters = frozenset(self.aliases) | frozenset(self.demonyms)

    def _add_alias(self, alias: str, actor: Actor) -> None:
        from tracker.tokens import tokenize  # local: tokens imports nothing from here
        words = tuple(t.text for t in tokenize(alias))
        for form in {words, tuple(w.upper() for w in words)}:
            self.aliases.setdefault(form[0], []).append((form, actor))

    def alias_at(self, tokens: list[Token], i: int) -> tuple[int, Actor] | None:
        """The longest alias starting at token i: (tokens it covers, actor)."""
        for words, actor in self.aliases.get(tokens[i].text, ()):
            n = len(words)  # the first word is the bucket's key: a one-word alias has matched already
            if (n == 1 or tuple([t.text for t in tokens[i:i + n]]) == words) and _whole(tokens, i, n):
                return n, actor
        return None


def _whole(tokens: list[Token], i: int, n: int) -> bool:
    """An alias must not be glued to the next token ("US-made" is fine, "USx" is not)."""
    return i + n >= len(tokens) or tokens[i + n].start > tokens[i + n - 1].end or not tokens[i + n].is_word


@dataclass
class Candidate:
    """A possible mention at a token: its length, the mention, and what the
    document should remember if this reading wins (a newly titled person)."""

    size: int
    mention: Mention
    name: list[Token] | None = None
    rank: int = 0  # on equal length: lexicon 3 > organization 2 > person 1 > name 0


class _Holds(NamedTuple):
    """What a sentence holds that some kinds of mention need: without a title
    word no titled person can start anywhere in it, without a company suffix
    or body word no organization, and a common-actor description only in the
    few tokens before a common-actor noun."""

    titles: bool
    org_words: bool
    near_common: set[int]  # tokens at most three before a common-actor noun, or on it


_CONNECTORS = frozenset({"of", "for", "and", "&"})  # may stand inside a title ("Minister of Trade")
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "several", "some", "many", "most",
                         "one", "another", "both", "other"})
NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


class DocumentActors:
    """Finds mentions sentence by sentence, remembering what the document introduced."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.people: dict[str, Actor] = {}       # name token or full name -> person
        self.orgs: dict[str, Actor] = {}         # short form -> organization
        self.last_person: Actor | None = None
        self.focus_company: Actor | None = None
        self.last_pair: list[Actor] = []
        self.last_thing: Actor | None = None      # the latest country, body or company named
        self.recent_countries: list[Actor] = []

    # -- the pieces a mention can be -------------------------------------------------

    def _titled_person(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run with title words, ending in a name: "Vice Premier He Lifeng"."""
        j, first_title, last_title, group = i, -1, -1, None
        while j < len(tokens):
            tok = tokens[j]
            if tok.text in self.lex.titles:
                last_title = j
                first_title = j if first_title < 0 else first_title
            elif tok.lower in _CONNECTORS and last_title == j - 1 and j + 1 < len(tokens) \
                    and tokens[j + 1].cap:
                pass
            elif (hit := self.lex.alias_at(tokens, j)) and (last_title < 0 or self._title_follows(tokens, j + hit[0])):
                group = group or hit[1].name
                j += hit[0]
                continue
            elif tok.text in self.lex.demonyms and last_title < 0:
                group = group or self.lex.demonyms[tok.text].name
            else:
                break
            j += 1
        if last_title < 0:
            return None
        k = last_title + 1
        name: list[Token] = []
        while k < len(tokens) and len(name) < 4 and tokens[k].cap and tokens[k].is_word \
                and tokens[k].text not in self.lex.titles and tokens[k].lower not in NOT_NAMES \
                and tokens[k].text not in self.lex.org_words:
            name.append(tokens[k])
            k += 1
        if not name or (k < len(tokens) and len(name) == 1 and tokens[k].text == "."):
            return None
        full = " ".join(t.text for t in name)
        known = self.people.get(full)
        role = _text(tokens, first_title, last_title + 1)
        person = known if known and (known.group or not group) else Actor(full, "person", group, role)
        return Candidate(k - i, Mention(tokens[i].start, tokens[k - 1].end, _text(tokens, i, k), person), name, 1)

    def _title_follows(self, tokens: list[Token], j: int) -> bool:
        return j < len(tokens) and tokens[j].text in self.lex.titles

    def remember_person(self, person: Actor, name: list[Token]) -> None:
        self.people[person.name] = person
        self.people.setdefault(name[0].text, person)
        self.people[name[-1].text] = person
        self.last_person = person

    def _organization(self, tokens: list[Token], i: int) -> Candidate | None:
        """A capitalised run ending in a corporate suffix or an organization word:
        "Arvin Industries Inc", "Standard and Poor's Corp", "U.S. Agriculture Department".

        A leading country makes the body's group ("Chinese Commerce Ministry" ->
        China); a run that is a lexicon alias after that country is that actor.
        """
        if tokens[i].lower in NOT_NAMES or not tokens[i].is_word:
            return None
        j, last = i, -1
        while j < len(tokens):
            tok = tokens[j]
            if tok.cap and tok.is_word:
                if tok.text in self.lex.company_suffixes or tok.text in self.lex.org_words:
                    last = j
            elif not (j > i and j + 1 < len(tokens) and tokens[j + 1].cap
                      and (tok.lower in ("and", "&", "of", "for", "'s", "-") or tok.text == "-")):
                break
            j += 1
        if last < 0:
            return None
        end = last + 1
        if tokens[last].text in self.lex.org_words:
            end = self._of_tail(tokens, end)
        text = _text(tokens, i, end)
        group = None
        rest = i
        hit = self.lex.alias_at(tokens, i)
        if hit is None and tokens[i].text in self.lex.demonyms:
            hit = (1, self.lex.demonyms[tokens[i].text])
        if hit and hit[0] < end - i:
            group, rest = hit[1].name, i + hit[0]
            if tokens[rest].lower == "'s":
                rest += 1
                text = _text(tokens, rest, end)
            inner = self.lex.alias_at(tokens, rest)
            if inner and rest + inner[0] == end:
                return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, inner[1]), rank=2)
        is_company = tokens[last].text in self.lex.company_suffixes
        actor = self.orgs.get(text) or Actor(text, "organization", group)
        self._remember_org(actor, tokens[rest:end], is_company)
        return Candidate(end - i, Mention(tokens[i].start, tokens[end - 1].end, text, actor), rank=2)

    def _of_tail(self, tokens: list[Token], end: int) -> int:
        """Extend a body's name over "of ..." ("Department of Transportation",
        "Ministry of International Trade and Industry")."""
        if end + 1 < len(tokens) and tokens[end].lower in ("of", "for") and tokens[end + 1].cap:
            j = end + 1
            while j < len(tokens) and (tokens[j].cap and tokens[j].is_word or (
                    tokens[j].lower in ("and", "&") and j + 1 < len(tokens) and tokens[j + 1].cap)):
                j += 1
            return j
        return end

    def _remember_org(self, actor: Actor, words: list[Token], is_company: bool) -> None:
        """Later short forms: "Arvin" for "Arvin Industries Inc", "the Commission" for
        "the European Community Commission"."""
        self.orgs[actor.name] = actor
        core = list(words)
        while len(core) > 1 and core[-1].text in self.lex.company_suffixes:
            core.pop()
        self.orgs.setdefault(_text(core, 0, len(core)), actor)
        if is_company:
            self.focus_company = self.focus_company or actor
        else:
            self.orgs[words[-1].text] = actor

    def _official(self, tokens: list[Token], i: int, n: int) -> int:
        """How many words of an official noun follow ("Chinese [trade] officials",
        "Japan's trade ministry") -> 0, 1, 2 or 3."""
        j = i + n
        if j < len(tokens) and tokens[j].lower == "'s":
            j += 1
        for extra in (0, 1):
            k = j + extra
            if k < len(tokens) and tokens[k].lower in self.lex.official_nouns \
                    and all(t.is_word and not t.cap and t.lower not in NOT_NAMES for t in tokens[j:k]):
                return k + 1 - (i + n)
        return 0

    def _lexicon(self, tokens: list[Token], i: int) -> Candidate | None:
        tok = tokens[i]
        if (hit := self.lex.alias_at(tokens, i)):
            n, actor = hit
            n += self._official(tokens, i, n)
            return Candidate(n, Mention(tok.start, tokens[i + n - 1].end, _text(tokens, i, i + n), actor), rank=3)
        if tok.text in self.lex.demonyms and tok.text.endswith("s") and i and tokens[i - 1].lower == "the":
            return Candidate(1, Mention(tok.start, tok.end, tok.text, self.lex.demonyms[tok.text]), rank=3)
        if tok.text in self.lex.demonyms and (extra := self._official(tokens, i, 1)):
            actor = self.lex.demonyms[tok.text]
            return Candidate(1 + extra, Mention(tok.start, tokens[i + extra].end, _text(tokens, i, i + 1 + extra),
                                                actor), rank=3)
        return None

    def _single(self, tokens: list[Token], i: int, holds: _Holds) -> tuple[int, Mention] | None:
        """The longest mention starting at token i, not yet joined with "and"."""
        tok = tokens[i]
        cap = tok.cap
        found = [c for c in (self._lexicon(tokens, i) if tok.text in self.lex.starters else None,
                             self._titled_person(tokens, i) if cap and holds.titles else None,
                             self._organization(tokens, i) if cap and holds.org_words else None) if c]
        if not found:
            return self._name(tokens, i) if cap and tok.is_word else None
        best = max(found, key=lambda c: (c.size, c.rank))
        if best.name is not None and best.mention.actor is not None:
            self.remember_person(best.mention.actor, best.name)
        return best.size, best.mention

    def _name(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """A known short form ("Lutnick", "Texaco") or an unknown capitalised name."""
        j = i
        while j < len(tokens) and tokens[j].cap and tokens[j].is_word and tokens[j].lower not in NOT_NAMES \
                and tokens[j].text not in self.lex.titles:
            j += 1
        if j == i or (j - i == 1 and tokens[i].text in self.lex.demonyms):
            return None
        if any(tokens[k].text in self.lex.aliases and self.lex.alias_at(tokens, k) for k in range(i + 1, j)):
            return None  # "Senior U.S. Officials": the mention starts at the alias
        text = _text(tokens, i, j)
        actor = self.people.get(text) or self.orgs.get(text) or self.people.get(tokens[j - 1].text)
        if actor is None:
            actor = Actor(text, "named")
        if actor.type == "person":
            self.last_person = actor
        return j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor)

    def _reference(self, tokens: list[Token], i: int, holds: _Holds) -> tuple[int, Mention] | None:
        """Pronouns and descriptions that point back or stand for a group:
        he, the company, the two sides, the finance minister, analysts."""
        low = tokens[i].lower
        if low in PERSON_PRONOUNS and self.last_person is not None:
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, self.last_person)
        if low in SIDE_PRONOUNS and tokens[i].text != "US":
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, None, pronoun="we")
        if low == "it" and self.last_thing is not None:
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, self.last_thing)
        if low == "they":
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, None, pronoun="they")
        if low not in _REFERENCE_STARTS or i + 1 >= len(tokens) or tokens[i + 1].lower not in _REFERENCE_SECONDS:
            return self._common(tokens, i) if i in holds.near_common else None  # the common case: no description
        words = tuple(t.lower for t in tokens[i:i + 3])
        for ref in COMPANY_REFERENCES:
            if words[:len(ref)] == ref and self.focus_company is not None:
                n = len(ref)
                return n, Mention(tokens[i].start, tokens[i + n - 1].end, _text(tokens, i, i + n), self.focus_company)
        for ref in PAIR_REFERENCES:
            if words[:len(ref)] == ref and len(self.last_pair) == 2:
                n = len(ref)
                members = [Mention(tokens[i].start, tokens[i + n - 1].end, _text(tokens, i, i + n), a)
                           for a in self.last_pair]
                return n, Mention(tokens[i].start, tokens[i + n - 1].end, _text(tokens, i, i + n), None, members)
        return self._common(tokens, i) if i in holds.near_common else None

    def _common(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """[determiner] [up to two lowercase modifiers] common-actor noun, kept as
        written without the determiner: "the finance minister", "industry sources"."""
        j = i + 1 if tokens[i].lower in DETERMINERS else i
        owner = self.last_thing if tokens[i].lower in ("its", "their") and self.last_thing is not None \
            and self.last_thing.type == "organization" else None  # "its board": the company's board
        for head in range(j, min(j + 3, len(tokens))):
            tok = tokens[head]
            if not tok.is_word or (tok.lower in NOT_NAMES and tok.lower not in NUMBER_WORDS) \
                    or (tok.cap and head != i):
                return None
            if tok.lower not in self.lex.common_actors and tok.lower.endswith(("s", "ed")):
                return None  # most likely a verb ("the sale requires"), not a modifier
            if tok.lower in self.lex.common_actors and (head + 1 >= len(tokens) or
                                                        tokens[head + 1].lower not in self.lex.common_actors):
                text = _text(tokens, j, head + 1)
                actor = Actor(f"{owner.name} {text}", "organization", owner.name) if owner else Actor(text, "source")
                return head + 1 - i, Mention(tokens[i].start, tok.end, _text(tokens, i, head + 1), actor)
        return None

    # -- a sentence ------------------------------------------------------------------

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """Mentions of one sentence, in order; compound "X and Y" mentions are added
        beside their parts, so a pattern can capture either."""
        found: list[tuple[int, int, Mention]] = []
        holds = self._holds(tokens)
        free = 0  # the first token not inside a mention found so far
        for i in self._possible_starts(tokens, holds):
            if i < free:
                continue
            hit = self._single(tokens, i, holds) or self._reference(tokens, i, holds)
            if hit is None and tokens[i].text in self.lex.demonyms:
                hit = self._demonym_pair(tokens, i)
            if hit is None:
                continue
            n, mention = hit
            found.append((i, i + n, mention))
            if mention.actor is not None and mention.actor.type in ("country", "organization", "named"):
                self.last_thing = mention.actor
            free = i + n
        out = [m for _, _, m in found]
        out.extend(self._compounds(tokens, found))
        for m in out:
            for party in m.parties:
                if party.actor and party.actor.type == "country":
                    self._note_country(party.actor)
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _possible_starts(self, tokens: list[Token], holds: _Holds) -> list[int]:
        """The tokens where any kind of mention can start: capitalised words,
        lexicon words, pointing words, and the few words before a common-actor
        noun, where _common looks for its head.  Most words are none of these,
        and sparing them the full look is what keeps this step cheap.  It must
        hold wherever _single, _reference or _demonym_pair could find
        something: keep it in step with them."""
        starters = self.lex.starters
        found = [i for i, t in enumerate(tokens) if t.cap or t.text in starters or t.lower in _POINTING_WORDS]
        return sorted(holds.near_common.union(found)) if holds.near_common else found

    def _holds(self, tokens: list[Token]) -> _Holds:
        texts = set(map(TEXT_OF, tokens))
        near: set[int] = set()
        common = self.lex.common_actors
        if not common.isdisjoint(map(LOWER_OF, tokens)):
            for head in (k for k, t in enumerate(tokens) if t.lower in common):
                near.update(range(max(0, head - 3), head + 1))
        return _Holds(not texts.isdisjoint(self.lex.titles),
                      not texts.isdisjoint(self.lex.company_suffixes) or not texts.isdisjoint(self.lex.org_words),
                      near)

    def _demonym_pair(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """A bare demonym counts only as the first half of "Chinese and US officials"."""
        if i + 2 < len(tokens) and tokens[i + 1].lower == "and":
            actor = self.lex.demonyms[tokens[i].text]
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, actor)
        return None

    def _compounds(self, tokens: list[Token], found: list[tuple[int, int, Mention]]) -> list[Mention]:
        out = []
        for (a0, a1, a), (b0, b1, b) in zip(found, found[1:]):
            if b0 == a1 + 1 and tokens[a1].lower in ("and", "&") and a.actor and b.actor \
                    and a.actor.type in ("country", "organization") and b.actor.type in ("country", "organization"):
                end = b1
                extra = self._official(tokens, b0, b1 - b0) if b.actor is not None else 0
                end += extra
                text = _text(tokens, a0, end)
                compound = Mention(a.start, tokens[end - 1].end, text, None, [a, b])
                out.append(compound)
                if a.actor.type == b.actor.type == "country":
                    self.last_pair = [a.actor, b.actor]
        return out

    def _note_country(self, actor: Actor) -> None:
        if actor in self.recent_countries:
            self.recent_countries.remove(actor)
        self.recent_countries.append(actor)
        if len(self.recent_countries) >= 2 and not self.last_pair:
            self.last_pair = self.recent_countries[-2:]


def _text(tokens: list[Token], i: int, j: int) -> str:
    """The words of tokens i..j-1 with single spaces where the text had space."""
    parts = []
    for k in range(i, j):
        if k > i and tokens[k].start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(tokens[k].text)
    return "".join(parts)
