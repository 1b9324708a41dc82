"""The Record dataclass: the JSON Lines contract of ../shared/spec/records.md.

Tables, the ledger, the Python API and the scorer all read records through
this one shape, so field names and meanings here must not drift from the
spec.  Each field's description lives in its metadata, where the JSON Schema
(tracker/recordschema.py) and docs/records.md take it from; a field with a
default is one the contract leaves out (tracker's own extras).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal, get_args

Kind = Literal["commitment", "accusation", "approval", "claim"]
Modality = Literal["asserted", "conditional", "hedged", "negated", "pending"]

KINDS: tuple[Kind, ...] = get_args(Kind)
MODALITIES: tuple[Modality, ...] = get_args(Modality)


def _described(doc: str, **default: Any) -> Any:
    return field(metadata={"doc": doc}, **default)


@dataclass
class Record:
    """One finding: who did what (of one kind) to whom, in which sentence, by which rule."""

    doc: str = _described("the input the sentence comes from: a path as given, '-' for standard input, "
                          "PATH#ID for an article of a JSON Lines dump, or the name given to a text")
    sentence: str = _described("the whole sentence as it stands in the document")
    start: int = _described("character offset of the sentence's start in the decoded document text")
    end: int = _described("character offset just past the sentence's end")
    kind: Kind = _described("what sort of finding this is")
    actor: str = _described("canonical name of who promised, accused, approved or said it")
    actor_text: str = _described("the actor's words as the sentence writes them")
    actor_group: str | None = _described("the country or organization the actor belongs to, where known")
    target: str | None = _described("canonical name of the other party: the one promised to, accused, "
                                     "whose request is approved, or addressed")
    target_text: str | None = _described("the target's words as the sentence writes them")
    content: str = _described("what was promised, alleged, approved or said, without the trigger words "
                              "(empty when the sentence names no object)")
    speaker: str | None = _described("canonical name of the person in whose quotation or reported statement "
                                      "the record stands (null for the claim itself, whose actor is the speaker)")
    modality: Modality = _described("how firmly the act is stated")
    condition: str | None = _described("the words of a condition the act depends on, where the sentence states one")
    when: str | None = _described("the time expression tied to the act, as written")
    rule: str = _described("the rule that made the record, FILE-STEM/RULE-ID")
    line: int = _described("1-based line of the sentence's start, for FILE:LINE sources", default=0)
    actor_role: str | None = _described("the actor's title where the text gives one", default=None)

    def to_dict(self) -> dict[str, Any]:
        """The fields in order; they are plain values, so a copy of the
        instance's dict is what dataclasses.asdict gives, at a tenth of its cost."""
        return self.__dict__.copy()

    @property
    def source(self) -> str:
        """Where the record comes from as tables print it, DOC:LINE."""
        return f"{self.doc}:{self.line}"


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Record))  # the contract's order: JSON Lines, CSV, DataFrames
