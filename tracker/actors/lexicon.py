"""The actor lexicon: canonical actors and the aliases, demonyms and role words that name them.

Read from the `actors:` (and `titles:`, `official_nouns:`, ...) files of the
rule folders, merged in load order.
"""
from __future__ import annotations

from typing import Any

from tracker.actors.mention import Actor
from tracker.rulefiles.bundled import Traversable
from tracker.tokens import Token, tokenize


class Lexicon:
    """Aliases of canonical actors, read from the `actors:` files of the rule folders."""

    def __init__(self, files: list[tuple[Traversable, dict[str, Any]]]) -> None:
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
        """An alias as written and in capitals; an initialism also with stops,
        as some papers write it ("SEC": "S.E.C.", "FBI": "F.B.I.")."""
        words = tuple(t.text for t in tokenize(alias))
        forms = {words, tuple(w.upper() for w in words)}
        if len(words) == 1 and words[0].isalpha() and words[0].isupper() and 1 < len(words[0]) <= MAX_INITIALS:
            forms.add(tuple(t.text for t in tokenize("".join(f"{c}." for c in words[0]))))
        for form in forms:
            self.aliases.setdefault(form[0], []).append((form, actor))

    def alias_at(self, tokens: list[Token], i: int) -> tuple[int, Actor] | None:
        """The longest alias starting at token i: (tokens it covers, actor)."""
        for words, actor in self.aliases.get(tokens[i].text, ()):
            n = len(words)  # the first word is the bucket's key: a one-word alias has matched already
            if (n == 1 or tuple([t.text for t in tokens[i:i + n]]) == words) and _whole(tokens, i, n):
                return n, actor
        return None


MAX_INITIALS = 5  # "SEC", "NATO", "OECD"; longer capitals are words, not initialisms


def _whole(tokens: list[Token], i: int, n: int) -> bool:
    """An alias must not be glued to the next token ("US-made" is fine, "USx" is not)."""
    return i + n >= len(tokens) or tokens[i + n].start > tokens[i + n - 1].end or not tokens[i + n].is_word
