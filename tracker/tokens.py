"""Word tokens of a sentence with character offsets.

Patterns, actor mentions and quotes all speak in tokens, so the sentence is
cut once here and every later step looks tokens up by their start offset.
Possessive "'s" is its own token so that "China's" yields the actor "China".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return normalize(self.text)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def normalize(word: str) -> str:
    """Case- and apostrophe-folded form under which words are compared."""
    return word.lower().replace("’", "'")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset` (the sentence start)."""
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(text)]


def words_of(phrase: str) -> list[str]:
    """The lower-case tokens of a phrase, as a pattern literal is matched."""
    return [normalize(m.group()) for m in TOKEN_RE.finditer(phrase)]


@dataclass
class TokenIndex:
    """Tokens of one sentence addressed by start offset, for O(1) lookups in matchers."""

    text: str
    tokens: list[Token]
    by_start: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}

    def at(self, loc: int) -> int | None:
        """Index of the token starting at `loc`, or None."""
        return self.by_start.get(loc)
