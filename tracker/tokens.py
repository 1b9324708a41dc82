"""Word tokens of a sentence with character offsets.

Patterns, actor mentions and quotes all speak in tokens, so the sentence is
cut once here and every later step looks tokens up by their start offset.
Possessive "'s" is its own token so that "China's" yields the actor "China".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"          # U.S., U.K., e.g.
    r"|\w+(?:[-.&/]\w+|['’](?!s\b)\w+)*"       # words, hyphenated, 3.5, AT&T, don't
    r"|['’]s\b"                                  # possessive 's
    r"|\.{3}|…"                                  # ellipsis
    r"|\S"                                       # any other single character
)

OPEN_QUOTES = frozenset("“‘\"'«")
CLOSE_QUOTES = frozenset("”’\"'»")
QUOTE_CHARS = OPEN_QUOTES | CLOSE_QUOTES


class Token(NamedTuple):
    """One token; `lower` and `is_word` are computed once here because the
    matchers and the mention finder read them many times per token."""

    start: int
    end: int
    text: str
    lower: str     # case- and apostrophe-folded, as words are compared
    is_word: bool  # starts with a letter or digit
    cap: bool      # starts with a capital letter


def normalize(word: str) -> str:
    """Case- and apostrophe-folded form under which words are compared."""
    return word.lower().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    """Tokens of `text`, with offsets into it.

    `findall` and `str.find` do the scanning in C: tokens are consecutive and
    only whitespace stands between them, so each token's start is the first
    place its text occurs after the previous token.  ASCII text is folded once
    as a whole (folding cannot change its length), other text token by token.
    """
    folded = normalize(text) if text.isascii() else None
    tokens = []
    pos = 0
    find = text.find
    for word in TOKEN_RE.findall(text):
        start = find(word, pos)
        pos = start + len(word)
        lower = folded[start:pos] if folded is not None else normalize(word)
        first = word[0]
        tokens.append(_new_token(Token, (start, pos, word, lower, first.isalnum(), first.isupper())))
    return tokens


_new_token = tuple.__new__


def words_of(phrase: str) -> list[str]:
    """The lower-case tokens of a phrase, as a pattern literal is matched."""
    return [normalize(m.group()) for m in TOKEN_RE.finditer(phrase)]


@dataclass
class TokenIndex:
    """Tokens of one sentence addressed by start offset, for O(1) lookups in matchers.

    The lookups are built on first use: most sentences are never matched
    against a rule, and they should not pay for them.
    """

    text: str
    tokens: list[Token]

    @cached_property
    def by_start(self) -> dict[int, int]:
        return {t.start: i for i, t in enumerate(self.tokens)}

    @cached_property
    def starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def lowers(self) -> list[str]:
        return [t.lower for t in self.tokens]

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Start offsets of each folded word, in order."""
        found: dict[str, list[int]] = {}
        for t in self.tokens:
            found.setdefault(t.lower, []).append(t.start)
        return found

    def at(self, loc: int) -> int | None:
        """Index of the token starting at `loc`, or None."""
        return self.by_start.get(loc)

    def skip(self, loc: int) -> int:
        """`loc` moved past spaces and line breaks, as a pattern steps from one
        element to the next (other whitespace stops it, as pyparsing did)."""
        text = self.text
        while loc < len(text) and text[loc] in " \n\t\r":
            loc += 1
        return loc
