"""One rule on one sentence: whether it was tried, and what each of its patterns matched.

`tracker scan`, `tracker explain` and `tracker rules test` all run rules
through `run_rule`, so a rule author sees exactly what a scan does: the
same speaker requirement, the same `unless` patterns, the same matches.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.document import SentenceView
from tracker.lang.match import CompiledPattern, Match, find, first_match
from tracker.rulefiles.ruleset import Rule


@dataclass
class RuleRun:
    """What one rule did with one sentence: `blocked` says why its patterns
    were not tried; otherwise `matches` holds each pattern's matches."""

    rule: Rule
    blocked: str | None = None
    matches: list[list[Match]] = field(default_factory=list)

    def all_matches(self) -> list[Match]:
        return [m for found in self.matches for m in found]


def run_rule(rule: Rule, view: SentenceView, budget: float | None = None,
             possible: Callable[[CompiledPattern], bool] | None = None) -> RuleRun:
    """Raises OutOfTime once the rule has spent `budget` seconds on the sentence.

    `possible` (the scan's NeedIndex) says which patterns the sentence holds
    the required words of; the others would find nothing, and are not tried."""
    if rule.actor_from == "speaker" and view.speaker is None:
        return RuleRun(rule, "the rule's actor is the speaker, and the sentence stands in no attributed quote")
    deadline = None if budget is None else time.perf_counter() + budget
    for unless in rule.unless:
        if possible is not None and not possible(unless):
            continue
        hit = first_match(unless, view.text, view.context, deadline)
        if hit is not None:
            return RuleRun(rule, f"'unless: {unless.source}' matched \"{view.text[hit.start:hit.end]}\"")
    return RuleRun(rule, None, [list(find(p, view.text, view.context, deadline)) if possible is None or possible(p)
                                else [] for p in rule.patterns])
