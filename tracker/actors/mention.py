"""What a mention is: the actor it names, where it stands, and the parties of a joint one."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    name: str
    type: str                 # country, organization, person, group, source
    group: str | None = None  # affiliation: a person's country, a ministry's country
    role: str | None = None   # a person's title as first written ("Commerce Secretary")


@dataclass
class Mention:
    start: int   # document offsets
    end: int
    text: str
    actor: Actor | None           # None for a pronoun not yet resolved
    members: list[Mention] = field(default_factory=list)  # the parties of "US and China"
    side: str | None = None       # "own" ("we") or "other" ("they"): a side of the story, resolved
                                  # against the speaker of the quotation it stands in

    @property
    def parties(self) -> list[Mention]:
        return self.members or [self]
