"""What a document has introduced so far, so later short forms and pronouns resolve.

A document is read in order: after "US Commerce Secretary Howard Lutnick",
"Lutnick" and "he" mean him; after "Texaco Inc", "Texaco" and "the
company" mean Texaco Inc; after "US and China", "the two sides" means both.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.actors.mention import Actor
from tracker.tokens import Token


@dataclass
class DocumentMemory:
    people: dict[str, Actor] = field(default_factory=dict)  # name token or full name -> person
    orgs: dict[str, Actor] = field(default_factory=dict)    # short form -> organization
    last_person: Actor | None = None
    first_person: Actor | None = None                       # the first person the current sentence named
    subject_person: Actor | None = None                     # the first person of the latest sentence with one
    focus_company: Actor | None = None                      # the story's first company: "the company"
    last_pair: list[Actor] = field(default_factory=list)    # the story's two sides
    last_thing: Actor | None = None                         # the latest country, body or company named
    last_speaker: Actor | None = None                       # the latest country, body or company that said something
    last_crowd: Actor | None = None                         # the latest plural speaker: "they said"
    recent_countries: list[Actor] = field(default_factory=list)
    recent_companies: list[Actor] = field(default_factory=list)  # the two named last: "the two companies"
    org_words: dict[str, Actor] = field(default_factory=dict)  # "bank" -> the body named last with Bank as its head
    last_body: Actor | None = None                          # the latest public body: "the agency"
    opening_words: set[str] = field(default_factory=set)    # the first words of the parties named: "Zenith"

    def names_party(self, word: str) -> bool:
        """Whether the story named a party that this capitalised word opens or is."""
        return word in self.opening_words or word in self.people or word in self.orgs

    def remember_person(self, person: Actor, name: list[Token]) -> None:
        self.people[person.name] = person
        self.people.setdefault(name[0].text, person)
        self.people[name[-1].text] = person
        self.saw_person(person)

    def new_sentence(self) -> None:
        """The last sentence's first person becomes the one a later "he" most likely means."""
        if self.first_person is not None:
            self.subject_person = self.first_person
        self.first_person = None

    def saw_person(self, person: Actor) -> None:
        self.last_person = person
        if self.first_person is None:
            self.first_person = person

    def antecedent(self) -> Actor | None:
        """Whom "he" or "she" means: the first person named before it in its
        sentence, else the first of the sentence before (usually its subject:
        "Denman told Rostenkowski that ... He said" is Denman), else the last
        person named."""
        if self.first_person is not None:
            return self.last_person
        return self.subject_person or self.last_person

    def remember_org(self, actor: Actor, words: list[Token], is_company: bool, suffixes: set[str],
                     kind_words: set[str], body_heads: frozenset[str]) -> None:
        """Later short forms: "Arvin" for "Arvin Industries Inc", "the Commission" for
        "the European Community Commission", "the bank" for "the Bank of Japan"."""
        self.orgs[actor.name] = actor
        head = org_head(words, kind_words)
        if head is not None:
            self.org_words[head] = actor
            if head in body_heads and not is_company:
                self.last_body = actor
        core = list(words)
        while len(core) > 1 and core[-1].text in suffixes:
            core.pop()
        self.orgs.setdefault(text_of(core, 0, len(core)), actor)
        if is_company:
            self.focus_company = self.focus_company or actor
            if actor in self.recent_companies:
                self.recent_companies.remove(actor)
            self.recent_companies = [*self.recent_companies[-1:], actor]
        else:
            self.orgs[words[-1].text] = actor

    def note_country(self, actor: Actor) -> None:
        """The two countries named last are the story's sides, until a joint
        mention ("US and China") names them."""
        if actor in self.recent_countries:
            self.recent_countries.remove(actor)
        self.recent_countries.append(actor)
        if len(self.recent_countries) >= 2 and not self.last_pair:
            self.last_pair = self.recent_countries[-2:]


def org_head(words: list[Token], kind_words: set[str]) -> str | None:
    """The word that says what kind of body a name names, folded: the last
    kind word before "of" ("Bank" of "Bank of Japan"), else the last one
    ("Commission" of "Securities and Exchange Commission", not "Exchange")."""
    before_of = next((k for k, w in enumerate(words) if w.lower == "of"), len(words))
    heads = [w.lower for w in words[:before_of] if w.text in kind_words]
    return heads[-1] if heads else None


def text_of(tokens: list[Token], i: int, j: int) -> str:
    """The words of tokens i..j-1 with single spaces where the text had space."""
    parts = []
    for k in range(i, j):
        if k > i and tokens[k].start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(tokens[k].text)
    return "".join(parts)
