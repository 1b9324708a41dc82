"""Which actors a name a user types means, for `--actor` and `tracker ledger actor`.

Records carry canonical names ("United States"), but users type what the
news writes: "US", "U.S.", "Washington", "American officials", "Tokyo",
"Lutnick".  A name means an actor when it is the actor's canonical name, an
alias or demonym the lexicon (rules/actors/) gives it, also with an article
before it and official nouns after it ("the American officials"), or a
name the story itself called the actor by: a record's words as written
(its actor_text "Lutnick" for Howard Lutnick) and, as the actor finder does
for people, the first and last word of a name the lexicon does not know.
Names compare whole and case-insensitively; substring search is asked for
explicitly, because "US" is inside "House" and "Russia".

Pronouns and references ("we", "the two sides") are not names: the story
calls many actors by them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.actors.lexicon import Lexicon
from tracker.records import Record
from tracker.rulecache import load_ruleset
from tracker.rulefiles.bundled import bundled_rules
from tracker.rulefiles.words import Words
from tracker.tokens import tokenize

Key = tuple[str, ...]


def key(name: str) -> Key:
    """A name as it is compared: its tokens, case-folded (so "U.S." and "u.s." agree, spacing aside)."""
    return tuple(t.text.casefold() for t in tokenize(name))


class ActorNames:
    """The canonical actors that one or more names typed by a user mean.

    Built from a lexicon and told what the story called its actors
    (`learn`, `learn_record`); `meant` grows as the story does, so a scan can
    decide record by record, in order, whatever the output format.
    """

    def __init__(self, queries: Sequence[str], lexicon: Lexicon, words: Words, substring: bool = False) -> None:
        self.substring = substring
        self.lexicon = lexicon
        self.not_names: set[Key] = {(w,) for w in words.person_pronouns | words.side_pronouns
                                    | words.other_side_pronouns | words.thing_pronouns}
        self.not_names |= set(words.company_references) | set(words.pair_references) \
            | set(words.company_pair_references)
        if substring:
            self.needles = [q.casefold().strip() for q in queries]
        else:
            self.wanted = {form for q in queries for form in _forms(key(q), words.articles, lexicon.official_nouns)}
        self.meant: dict[str, str] = {}  # case-folded canonical name -> as records write it
        self.seen: set[tuple[str, str]] = set()
        for bucket in lexicon.aliases.values():
            for alias, actor in bucket:
                self.learn(actor.name, " ".join(alias))
        for demonym, actor in lexicon.demonyms.items():
            self.learn(actor.name, demonym)

    def learn(self, name: str | None, text: str | None = None) -> None:
        """The story (or the lexicon) calls actor `name` by `text` (and by its name)."""
        if not name:
            return
        for said in (name, text):
            if said and (name, said) not in self.seen:
                self.seen.add((name, said))
                if self._hit(said):
                    self.meant[name.casefold()] = name
        if name not in self.lexicon.by_name and (name, "") not in self.seen:
            self.seen.add((name, ""))
            words = name.split()
            if len(words) > 1 and all(w[:1].isupper() for w in words) and \
                    (self._hit(words[0]) or self._hit(words[-1])):
                self.meant[name.casefold()] = name  # "Lutnick" is Howard Lutnick, as the actor finder reads it

    def learn_record(self, record: Record) -> None:
        self.learn(record.actor, record.actor_text)
        self.learn(record.target, record.target_text)
        self.learn(record.actor_group)

    def _hit(self, said: str) -> bool:
        words = key(said)
        if words in self.not_names and not said.isupper():  # "us" is a pronoun, "US" the country
            return False
        if self.substring:
            return any(needle in said.casefold() for needle in self.needles)
        return words in self.wanted

    def matches(self, record: Record) -> bool:
        """Whether the record's actor, target or actor's group is meant; learns from it first."""
        self.learn_record(record)
        return any(n and n.casefold() in self.meant for n in (record.actor, record.target, record.actor_group))


def _forms(words: Key, articles: Iterable[str], official_nouns: set[str]) -> set[Key]:
    """A typed name, and the name inside it without a leading article or trailing official nouns."""
    forms = {words}
    bare = words[1:] if words[:1] and words[0] in articles else words
    forms.add(bare)
    while len(bare) > 1 and bare[-1] in official_nouns:
        bare = bare[:-1]
        forms.add(bare)
    return {f for f in forms if f}


def bundled_names(queries: Sequence[str], substring: bool = False) -> ActorNames:
    """ActorNames from the bundled lexicon and word lists alone: what a ledger
    query needs, without compiling every rule (a second's work saved)."""
    rules = bundled_rules()
    ruleset = load_ruleset([rules / "actors", rules / "language"], defaults=False)
    return ActorNames(queries, Lexicon(ruleset.lexicons), ruleset.words, substring)
