"""Rules and cue patterns by the words that trigger them.

A sentence holds few of the words any rule waits for.  Looking the
sentence's words up here, rather than trying every rule or cue on it, is
what lets the number of rules grow without every sentence paying for all
of them.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class TriggerIndex(Generic[T]):
    """Items, each with the set of words one of which a sentence must hold
    for it to match (None: it may match any sentence)."""

    def __init__(self, items: Sequence[T], triggers: Sequence[frozenset[str] | None]) -> None:
        self.items = list(items)
        self.always = [n for n, words in enumerate(triggers) if words is None]
        self.by_word: dict[str, list[int]] = {}
        for n, words in enumerate(triggers):
            for word in words or ():
                self.by_word.setdefault(word, []).append(n)

    def candidates(self, words: Collection[str]) -> list[T]:
        """The items that may match a sentence with these (folded) words, in their order."""
        picked = set(self.always)
        for word in self.by_word.keys() & words:
            picked.update(self.by_word[word])
        return [self.items[n] for n in sorted(picked)]


class NeedIndex:
    """Which patterns a sentence holds the required words of, for all patterns at once.

    A pattern lists word sets it needs a word of, each (`needs`: a verb's
    forms, "that", a comma); one that lacks any cannot match.  Most
    patterns of a candidate rule lack one, and checking them one by one
    cost more than the matching of those that remain.  Here every distinct
    word set has a number; a sentence's words give, in one union of C-level
    sets, the numbers of the sets it holds a word of, and a pattern is
    possible where its own numbers are among them: one subset test.
    """

    def __init__(self, needs: Sequence[tuple[frozenset[str], ...]]) -> None:
        numbers: dict[frozenset[str], int] = {}
        self.of = [frozenset(numbers.setdefault(need, len(numbers)) for need in pattern) for pattern in needs]
        by_word: dict[str, set[int]] = {}
        for need, n in numbers.items():
            for word in need:
                by_word.setdefault(word, set()).add(n)
        self.by_word = {word: frozenset(found) for word, found in by_word.items()}

    def held(self, words: Collection[str]) -> frozenset[int]:
        """The numbers of the word sets a sentence with these (folded) words holds a word of."""
        by_word = self.by_word
        return frozenset().union(*[by_word[w] for w in by_word.keys() & words])
