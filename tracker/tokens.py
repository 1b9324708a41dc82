"""Word tokens of a sentence with character offsets.

Patterns, actor mentions and quotes all speak in tokens, so the sentence is
cut once here and every later step looks tokens up by their start offset.
Possessive "'s" is its own token so that "China's" yields the actor "China".
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"          # U.S., U.K., e.g.
    r"|\w+(?:[-.&/]\w+|['’](?!s\b)\w+)*"       # words, hyphenated, 3.5, AT&T, don't
    r"|['’]s\b"                                  # possessive 's
    r"|\.{3}|…"                                  # ellipsis
    r"|-{2,}"                                    # a dash typed as hyphens: "--"
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


_SPACES = re.compile(r"[ \n\t\r]+")
_new_token = tuple.__new__
# Token fields as functions, for map() over a sentence's tokens in C.
START_OF, TEXT_OF, LOWER_OF = itemgetter(0), itemgetter(2), itemgetter(3)


def words_of(phrase: str) -> list[str]:
    """The lower-case tokens of a phrase, as a pattern literal is matched."""
    return [normalize(m.group()) for m in TOKEN_RE.finditer(phrase)]


class TokenIndex:
    """Tokens of one sentence addressed by start offset and by word, for O(1)
    lookups in matchers; built with C-level maps, since every sentence is
    looked up in (its words pick the candidate rules)."""

    __slots__ = ("text", "tokens", "starts", "lowers", "by_start", "positions", "gaps")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens = text, tokens
        self.starts: list[int] = list(map(START_OF, tokens))
        self.lowers: list[str] = list(map(LOWER_OF, tokens))
        self.by_start: dict[int, int] = dict(zip(self.starts, range(len(tokens)), strict=True))
        positions: dict[str, list[int]] = {}  # start offsets of each folded word, in order
        for start, lower in zip(self.starts, self.lowers, strict=True):
            positions.setdefault(lower, []).append(start)
        self.positions = positions
        # Where each run of spaces and line breaks ends, by where it starts: a
        # pattern steps over one between every two elements, hundreds of times a sentence.
        self.gaps: dict[int, int] = dict(map(re.Match.span, _SPACES.finditer(text)))

    def at(self, loc: int) -> int | None:
        """Index of the token starting at `loc`, or None."""
        return self.by_start.get(loc)

    def skip(self, loc: int) -> int:
        """`loc` moved past spaces and line breaks, as a pattern steps from one
        element to the next (other whitespace stops it, as pyparsing did).
        Elements only ever stand at a token's start or end, never inside a run
        of spaces, so the run that starts at `loc` is all there is to pass."""
        return self.gaps.get(loc, loc)


# Punctuation that shapes phrases: not words of a language, so not in the rule files.
SENTENCE_END = frozenset(".?!…")
CLAUSE_HARD_STOPS = frozenset(";:()")  # not [ ]: an editor's insertion in a quote ("he [doesn't] know") is part of it
DASHES = frozenset({"—", "--"})
