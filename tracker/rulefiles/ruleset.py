"""A loaded rule set: rules, lexicons, cues, word lists and kinds, as the scan uses them,
and the link rules and time vocabulary, as the ledger uses them."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from tracker.lang.elements import Phrasing
from tracker.lang.match import CompiledPattern
from tracker.lang.tree import Node
from tracker.ledger.links import LinkRules
from tracker.ledger.timeexpr import Vocabulary
from tracker.records import Kind as KindName
from tracker.records import Modality
from tracker.rulefiles.bundled import Traversable
from tracker.rulefiles.words import Words
from tracker.trigger_index import TriggerIndex


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"


class RuleError(Exception):
    """Rule files with errors; `diagnostics` holds one line per problem, and
    `warnings` what would have ridden on the RuleSet (`tracker rules check`
    shows both)."""

    def __init__(self, diagnostics: list[Diagnostic], warnings: list[Diagnostic] | None = None) -> None:
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics
        self.warnings = warnings or []


@dataclass
class Example:
    text: str
    expect: dict[str, str | None]
    line: int


@dataclass(frozen=True)
class Kind:
    """What records of one kind do beyond their rules' patterns (rules/kinds.yaml).

    `target_from`: where a record that captured no target takes one from, in
    order: "other_party" (the other member of a joint actor, "US and China
    agreed"), "addressee" (a party named after an addressee cue in the
    content, "sell wheat to China"), "counterpart" (the story's other side,
    when the actor is "we").  `names_speaker`: the kind reports a statement,
    and its actor is the speaker of the sentence's other records.
    `also_actors`: mentions that are no agents but may be its actor:
    "document" (what can say something: "the report said"), "pronoun" (a
    pronoun the document gives no antecedent for, kept as written).
    `also_targets`: the same for its target: "document" ("told Tehran radio",
    "agreed to buy the magazine"); a kind without it makes no record where
    the target holds only such things ("condemned the decision").
    """

    name: str
    target_from: tuple[str, ...] = ()
    names_speaker: bool = False
    also_actors: tuple[str, ...] = ()
    also_targets: tuple[str, ...] = ()


@dataclass
class Rule:
    id: str           # FILE-STEM/RULE-ID, as records carry it
    kind: KindName
    behaviour: Kind   # what records of its kind do beyond its patterns
    path: Traversable
    line: int
    patterns: list[CompiledPattern]
    triggers: frozenset[str] | None
    unless: list[CompiledPattern] = field(default_factory=list)
    actor_from: str | None = None  # "speaker", "parties" or "story": where the actor comes from when not captured
    # with "story": who acts when the story has named no one yet; without, where no {actor} is captured
    default_actor: str | None = None
    modality: Modality | None = None
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    counterexamples: list[Example] = field(default_factory=list)
    macros: dict[str, Node] = field(default_factory=dict)  # the macros its patterns could use, for explain


@dataclass
class Cues:
    """Modality cue patterns, each under its modality, and time-expression
    patterns under "when", in one index by trigger word: a sentence is
    searched only for the cues whose words it holds, in one pass for all."""

    index: TriggerIndex[tuple[str, CompiledPattern]] = field(default_factory=lambda: TriggerIndex([], []))


@dataclass
class RuleSet:
    rules: list[Rule]
    lexicons: list[tuple[Traversable, dict[str, Any]]]
    cues: Cues
    words: Words
    warnings: list[Diagnostic]
    links: LinkRules | None = None  # the ledger's link rules; None when no links file was loaded
    time: Vocabulary = field(default_factory=Vocabulary)  # what the ledger resolves `when` with
    index: TriggerIndex[Rule] = field(init=False)

    def __post_init__(self) -> None:
        self.index = TriggerIndex(self.rules, [rule.triggers for rule in self.rules])

    @property
    def phrasing(self) -> Phrasing:
        """Where captures end, for compiling a pattern against this rule set (explain does)."""
        return phrasing_of(self.words)

    def candidates(self, words: Collection[str]) -> list[Rule]:
        """Rules that may match a sentence with these (folded) words, in file order."""
        return self.index.candidates(words)


def phrasing_of(words: Words) -> Phrasing:
    return Phrasing(words.noun_phrase_stops, words.noun_phrase_joiners, words.clause_starters, words.reporting_forms,
                    words.next_statement_verbs)
