"""Actor mentions: lexicon aliases, titled people, companies, and short forms.

A document is read in order, and what it introduces is remembered: after
"US Commerce Secretary Howard Lutnick", "Lutnick" and "he" mean him, with
the United States as his affiliation; after "Texaco Inc", "Texaco" and "the
company" mean Texaco Inc.  Rules only ever see the resolved mentions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.tokens import Token

CORPORATE_SUFFIXES = frozenset(
    "Inc Inc. Corp Corp. Co Co. Ltd Ltd. Plc PLC plc LLC AG SA S.A. NV N.V. Group Cos Cos. Corporation "
    "Company Holdings Bancorp Industries".split())
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SIDE_PRONOUNS = frozenset({"we", "us", "our"})
COMPANY_REFERENCES = (("the", "company"), ("the", "firm"), ("the", "group"), ("the", "bank"),
                      ("the", "concern"), ("the", "corporation"))
PAIR_REFERENCES = (("the", "two", "sides"), ("both", "sides"), ("the", "two", "countries"),
                   ("both", "countries"), ("the", "two", "governments"), ("the", "parties"))
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
        self.by_name: dict[str, Actor] = {}
        for _, data in files:
            self.titles.update(data.get("titles") or [])
            self.official_nouns.update(w.lower() for w in data.get("official_nouns") or [])
            self.common_actors.update(w.lower() for w in data.get("common_actors") or [])
            for entry in data.get("actors") or []:
                actor = Actor(entry["name"], entry["type"], entry.get("group"))
                self.by_name[actor.name] = actor
                for alias in {entry["name"], *(entry.get("aliases") or [])}:
                    self.add_alias(alias, actor)
                for demonym in entry.get("demonyms") or []:
                    self.demonyms[demonym] = actor
                    self.demonyms[demonym.upper()] = actor
        for bucket in self.aliases.values():
            bucket.sort(key=lambda entry: -len(entry[0]))

    def add_alias(self, alias: str, actor: Actor) -> None:
        from tracker.tokens import tokenize  # local: tokens imports nothing from here
        words = tuple(t.text for t in tokenize(alias))
        for form in {words, tuple(w.upper() for w in words)}:
            self.aliases.setdefault(form[0], []).append((form, actor))

    def alias_at(self, tokens: list[Token], i: int) -> tuple[int, Actor] | None:
        """The longest alias starting at token i: (tokens it covers, actor)."""
        for words, actor in self.aliases.get(tokens[i].text, ()):
            n = len(words)
            if tuple(t.text for t in tokens[i:i + n]) == words and _whole(tokens, i, n):
                return n, actor
        return None


def _whole(tokens: list[Token], i: int, n: int) -> bool:
    """An alias must not be glued to the next token ("US-made" is fine, "USx" is not)."""
    return i + n >= len(tokens) or tokens[i + n].start > tokens[i + n - 1].end or not tokens[i + n].is_word


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


class DocumentActors:
    """Finds mentions sentence by sentence, remembering what the document introduced."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.people: dict[str, Actor] = {}       # name token or full name -> person
        self.orgs: dict[str, Actor] = {}         # short form -> organization
        self.last_person: Actor | None = None
        self.focus_company: Actor | None = None
        self.last_pair: list[Actor] = []
        self.recent_countries: list[Actor] = []

    # -- the pieces a mention can be -------------------------------------------------

    def _titled_person(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """A capitalised run with title words, ending in a name: "Vice Premier He Lifeng"."""
        j, last_title, group = i, -1, None
        while j < len(tokens):
            tok = tokens[j]
            if tok.text in self.lex.titles:
                last_title = j
            elif tok.lower in ("of", "for", "and", "&") and last_title == j - 1 and j + 1 < len(tokens) \
                    and _cap(tokens[j + 1]):
                pass
            elif (hit := self.lex.alias_at(tokens, j)) and last_title < 0 or (hit and j == last_title + 1 and
                                                                             tokens[j + hit[0]:j + hit[0] + 1] and
                                                                             tokens[j + hit[0]].text in self.lex.titles):
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
        while k < len(tokens) and len(name) < 4 and _cap(tokens[k]) and tokens[k].is_word \
                and tokens[k].text not in self.lex.titles and tokens[k].lower not in NOT_NAMES:
            name.append(tokens[k])
            k += 1
        if k < len(tokens) and len(name) == 1 and tokens[k].text == ".":
            return None
        if not name:
            return None
        full = " ".join(t.text for t in name)
        person = self.people.get(full) or Actor(full, "person", group)
        if person.group is None and group:
            person = Actor(full, "person", group)
        self.remember_person(person, name)
        return k - i, Mention(tokens[i].start, tokens[k - 1].end, _text(tokens, i, k), person)

    def remember_person(self, person: Actor, name: list[Token]) -> None:
        self.people[person.name] = person
        for tok in (name[0], name[-1]):
            self.people.setdefault(tok.text, person)
        self.people[name[-1].text] = person
        self.last_person = person

    def _company(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """A capitalised run ending in a corporate suffix: "Texaco Inc", "Allied-Signal Corp"."""
        j = i
        while j < len(tokens) and _cap(tokens[j]) and tokens[j].is_word and tokens[j].text not in CORPORATE_SUFFIXES:
            j += 1
        if j == i or j >= len(tokens) or tokens[j].text not in CORPORATE_SUFFIXES:
            return None
        if tokens[i].lower in NOT_NAMES:
            return None
        end = j + 1
        if end < len(tokens) and tokens[end].text == "." and tokens[j].text[-1] != ".":
            pass
        name = _text(tokens, i, end)
        short = _text(tokens, i, j)
        actor = self.orgs.get(short) or Actor(name, "organization")
        self.orgs[short] = actor
        self.orgs[name] = actor
        if self.focus_company is None:
            self.focus_company = actor
        return end - i, Mention(tokens[i].start, tokens[end - 1].end, name, actor)

    def _official(self, tokens: list[Token], i: int, n: int) -> int:
        """How many official nouns follow ("Chinese [trade] officials" -> 1 or 2)."""
        j = i + n
        if j < len(tokens) and tokens[j].lower in self.lex.official_nouns:
            return 1
        if j + 1 < len(tokens) and tokens[j].is_word and tokens[j + 1].lower in self.lex.official_nouns \
                and tokens[j].lower not in NOT_NAMES and not _cap(tokens[j]):
            return 2
        return 0

    def _single(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """One mention starting at token i, not yet joined with "and"."""
        tok = tokens[i]
        if _cap(tok):
            if (found := self._titled_person(tokens, i)):
                return found
            if (found := self._company(tokens, i)):
                return found
        if (hit := self.lex.alias_at(tokens, i)):
            n, actor = hit
            n += self._official(tokens, i, n)
            return n, Mention(tok.start, tokens[i + n - 1].end, _text(tokens, i, i + n), actor)
        if tok.text in self.lex.demonyms and (extra := self._official(tokens, i, 1)):
            actor = self.lex.demonyms[tok.text]
            return 1 + extra, Mention(tok.start, tokens[i + extra].end, _text(tokens, i, i + 1 + extra), actor)
        if _cap(tok) and tok.is_word:
            return self._name(tokens, i)
        return None

    def _name(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """A known short form ("Lutnick", "Texaco") or an unknown capitalised name."""
        j = i
        while j < len(tokens) and _cap(tokens[j]) and tokens[j].is_word and tokens[j].lower not in NOT_NAMES \
                and tokens[j].text not in self.lex.titles:
            j += 1
        if j == i:
            return None
        text = _text(tokens, i, j)
        actor = self.people.get(text) or self.orgs.get(text) or self.people.get(tokens[j - 1].text)
        if actor is None:
            if i == 0 or tokens[i - 1].text in ('“', '"', "‘"):
                if j - i == 1 and tokens[i].lower in NOT_NAMES:
                    return None
            actor = Actor(text, "named")
        if actor.type == "person":
            self.last_person = actor
        return j - i, Mention(tokens[i].start, tokens[j - 1].end, text, actor)

    def _reference(self, tokens: list[Token], i: int) -> tuple[int, Mention] | None:
        """Pronouns and definite descriptions that point back: he, the company, the two sides."""
        low = tokens[i].lower
        if low in PERSON_PRONOUNS and self.last_person is not None:
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, self.last_person)
        if low in SIDE_PRONOUNS and tokens[i].text != "US":
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, None, pronoun="we")
        if low == "they":
            return 1, Mention(tokens[i].start, tokens[i].end, tokens[i].text, None, pronoun="they")
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
        for n in (2, 1):
            words = " ".join(t.lower for t in tokens[i:i + n])
            if len(tokens) >= i + n and words in self.lex.common_actors:
                text = _text(tokens, i, i + n)
                return n, Mention(tokens[i].start, tokens[i + n - 1].end, text, Actor(text, "source"))
        return None

    # -- a sentence ------------------------------------------------------------------

    def mentions(self, tokens: list[Token]) -> list[Mention]:
        """Mentions of one sentence, in order; compound "X and Y" mentions are added
        beside their parts, so a pattern can capture either."""
        found: list[tuple[int, int, Mention]] = []
        i = 0
        while i < len(tokens):
            hit = self._single(tokens, i) or self._reference(tokens, i)
            if hit is None and tokens[i].text in self.lex.demonyms:
                hit = self._demonym_pair(tokens, i)
            if hit is None:
                i += 1
                continue
            n, mention = hit
            found.append((i, i + n, mention))
            i += n
        out = [m for _, _, m in found]
        out.extend(self._compounds(tokens, found))
        for m in out:
            for party in m.parties:
                if party.actor and party.actor.type == "country":
                    self._note_country(party.actor)
        return sorted(out, key=lambda m: (m.start, -m.end))

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
