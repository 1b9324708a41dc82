"""The Record dataclass: the JSON Lines contract of ../shared/spec/records.md.

Tables, the ledger and the scorer all read records through this one shape, so
field names and meanings here must not drift from the spec.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("commitment", "accusation", "approval", "claim")
MODALITIES = ("asserted", "conditional", "hedged", "negated", "pending")


@dataclass
class Record:
    doc: str
    sentence: str
    start: int
    end: int
    kind: str
    actor: str
    actor_text: str
    actor_group: str | None
    target: str | None
    target_text: str | None
    content: str
    speaker: str | None
    modality: str
    condition: str | None
    when: str | None
    rule: str
    line: int = 0  # extra field: 1-based line of the sentence start, for "file:line" sources
    actor_role: str | None = None  # extra field: the actor's title where the text gives one

    def to_dict(self) -> dict[str, Any]:
        """The fields in order; they are plain values, so a copy of the
        instance's dict is what dataclasses.asdict gives, at a tenth of its cost."""
        return self.__dict__.copy()

    @property
    def source(self) -> str:
        return f"{self.doc}:{self.line}"
