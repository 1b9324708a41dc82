"""`tracker rules test`: every rule's examples, run through the real pipeline.

An example passes when the rule itself makes a record with the fields the
example states; a counterexample passes when the rule makes none.  The
rule's records are taken before scan's de-duplication, so a copied rule in
a user's folder is tested on its own merits, not shadowed by the default
rule it came from.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from tracker.explain import explain_rule
from tracker.extract import Extractor
from tracker.records import Record
from tracker.rulefiles.ruleset import Example, Rule
from tracker.run import run_rule
from tracker.story import Story
from tracker.tokens import QUOTE_CHARS

SHOWN_FIELDS = ("actor", "target", "content", "modality", "condition", "when")
NAME_FIELDS = {"actor": ("actor", "actor_text"), "target": ("target", "target_text"), "speaker": ("speaker",)}
_EDGE = "".join(QUOTE_CHARS) + " .,;:!?—-()"
_QUOTES = str.maketrans("", "", "".join(QUOTE_CHARS - {"'"}))


@dataclass
class Outcome:
    rule: Rule
    example: Example
    counter: bool              # a counterexample: the rule must make no record
    passed: bool
    got: list[Record] = field(default_factory=list)  # the rule's records for the sentence
    why_none: list[str] = field(default_factory=list)  # when it made none: where it stopped


def run_examples(extractor: Extractor, rules: list[Rule]) -> list[Outcome]:
    outcomes = []
    for rule in rules:
        for example in rule.examples:
            got, why = rule_records(extractor, rule, example.text)
            passed = any(record_fits(example.expect, r) for r in got)
            outcomes.append(Outcome(rule, example, False, passed, got, [] if got else why))
        for example in rule.counterexamples:
            got, _ = rule_records(extractor, rule, example.text)
            outcomes.append(Outcome(rule, example, True, not got, got))
    return outcomes


def rule_records(extractor: Extractor, rule: Rule, text: str) -> tuple[list[Record], list[str]]:
    """The records `rule` makes from `text` as scan would (trigger index,
    `unless`, speakers), and, sentence by sentence, why it made none."""
    records: list[Record] = []
    why: list[str] = []
    story = Story()  # what the example's earlier sentences tell its later ones, as in a scan
    builder = extractor.builder
    for view in extractor.views(text):
        before = Story(dict(story.latest))
        sentence = extractor.sentence_records("example", view, story)
        words = view.context.index.positions.keys()
        if rule.triggers is not None and not rule.triggers & words:
            why.append("not triggered: none of its trigger words is in the sentence")
            continue
        run = run_rule(rule, view, extractor.time_budget)
        own = [r for m in run.all_matches() for r in builder.records_of("example", view, rule, m, before)]
        if own:
            statements = [r for r in sentence if r.kind in builder.speaking_kinds]
            records.extend(builder.with_speakers(own + statements, view)[:len(own)])
        else:
            why.extend(_why_none(extractor, view, rule, words))
    return records, why


def _why_none(extractor: Extractor, view, rule: Rule, words: Collection[str]) -> list[str]:
    result = explain_rule(extractor, view, rule, words, "example")
    if result.blocked:
        return [f"not tried: {result.blocked}"]
    out = []
    for n, p in enumerate(result.patterns, 1):
        label = f"pattern {n}" if len(result.patterns) > 1 else "pattern"
        if p.failure is not None:
            out.append(f"{label}: {p.failure.reason} at \"{p.failure.text}\"")
        for m in p.matches:
            out.append(f"{label}: matched \"{m['text']}\" but made no record: {m['why_no_record']}")
    return out


def record_fits(expect: dict[str, str | None], rec: Record) -> bool:
    return all(field_fits(name, want, rec) for name, want in expect.items())


def field_fits(name: str, want: str | None, rec: Record) -> bool:
    """Names compare case- and space-insensitively, against the canonical
    name or the words of the text; clauses ignore framing quotes and
    punctuation; modality is exact.  `null` asks for an empty field."""
    if want is None:
        return getattr(rec, name) in (None, "")
    if name in NAME_FIELDS:
        return any(_folded(want) == _folded(getattr(rec, f) or "") for f in NAME_FIELDS[name])
    if name == "modality":
        return rec.modality == want
    return _bare(want) == _bare(getattr(rec, name) or "")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _bare(text: str) -> str:
    return " ".join(text.translate(_QUOTES).strip(_EDGE).split())


def shown_fields(expect: dict[str, str | None], rec: Record) -> str:
    """A record as `name=value` pairs: the fields the example asks about, or the main ones."""
    names = list(expect) or [f for f in SHOWN_FIELDS if getattr(rec, f)]
    return "  ".join(f"{n}={getattr(rec, n)}" for n in names)
