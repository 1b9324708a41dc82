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
