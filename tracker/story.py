"""What a story's records so far tell its later sentences.

"The SEC charged Acme with fraud. Its president was also charged with ..."
names no accuser in the second sentence, yet the reader knows it: the one
who made the story's latest accusation.  Rules that say `actor: story` take
that actor; the extractor keeps this memory per document, in reading order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.actors.mention import Actor


@dataclass
class Story:
    latest: dict[str, Actor] = field(default_factory=dict)  # kind -> who made the latest record of it

    def made(self, kind: str, actor: Actor) -> None:
        self.latest[kind] = actor
