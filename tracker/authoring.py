"""What `tracker rules check` and `tracker rules list` know: which files a
user asked about, and what to say about them.

Rule commands take rule folders as arguments: those are loaded on top of
the default rules (whose macros, actors and cues they rely on) and are the
ones reported on.  Everything else in the rule set is context.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tracker.rulefiles import Diagnostic, Rule, RuleError, RuleSet, load_ruleset
from tracker.rulefiles.bundled import Traversable, bundled_rules
from tracker.rulefiles.folders import file_stem

MAX_TRIGGERS_SHOWN = 6


@dataclass
class Selection:
    """The folders to load and the ones to report on (empty: all of them)."""

    load: list[Path]
    chosen: list[Path]
    defaults: bool

    def covers(self, path: Traversable | str) -> bool:
        if not self.chosen:
            return True
        where = Path(str(path)).resolve()
        return any(where == c or c in where.parents for c in self.chosen)


def select(dirs: tuple[str, ...], rules: tuple[str, ...], no_default_rules: bool) -> Selection:
    """Folders given as arguments are loaded too, unless they are already
    part of what loads (`tracker rules check rules/` in the repository must
    not read the default files twice and call every id a duplicate)."""
    defaults = not no_default_rules
    loaded = ([Path(str(bundled_rules())).resolve()] if defaults else []) + [Path(r).resolve() for r in rules]
    load = list(rules)
    for d in dirs:
        where = Path(d).resolve()
        if not any(where == f or f in where.parents for f in loaded):
            load.append(d)
            loaded.append(where)
    return Selection([Path(p) for p in load], [Path(d).resolve() for d in dirs], defaults)


def shown(path: Traversable | str) -> str:
    """A path as users should read it: relative to where they stand, when it is below it."""
    absolute = Path(str(path)).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def relative(d: Diagnostic) -> Diagnostic:
    return Diagnostic(shown(d.path), d.line, d.col, d.message, d.level)


def check(selection: Selection) -> list[Diagnostic]:
    """Every error and warning of the chosen files, in file and line order.

    Errors elsewhere are kept too (they stop every command), warnings about
    files the user did not ask about are not."""
    try:
        ruleset = load_ruleset(selection.load, defaults=selection.defaults)
        found, warnings = [], ruleset.warnings
    except RuleError as err:
        found, warnings = err.diagnostics, err.warnings
    found = found + [w for w in warnings if selection.covers(w.path)]
    return sorted(map(relative, found), key=lambda d: (d.path, d.line, d.col))


def chosen_rules(ruleset: RuleSet, selection: Selection) -> list[Rule]:
    return [r for r in ruleset.rules if selection.covers(r.path)]


def trigger_text(rule: Rule) -> str:
    """A rule's trigger words, shortened: a verb brings all its forms."""
    if rule.triggers is None:
        return "(every sentence)"
    words = sorted(rule.triggers)
    more = len(words) - MAX_TRIGGERS_SHOWN
    return " ".join(words[:MAX_TRIGGERS_SHOWN]) + (f" (+{more})" if more > 0 else "")


def list_rows(rules: list[Rule], kinds: tuple[str, ...], files: tuple[str, ...]) -> list[dict[str, object]]:
    """One row per rule; `files` keeps rules whose file name, stem or path
    (as shown) is one of them or ends with one of them."""
    rows = []
    for rule in rules:
        where = shown(rule.path)
        if kinds and rule.kind not in kinds:
            continue
        if files and not any(f in (rule.path.name, file_stem(rule.path)) or where.endswith(f.rstrip(os.sep))
                             for f in files):
            continue
        rows.append({
            "id": rule.id, "kind": rule.kind, "file:line": f"{where}:{rule.line}",
            "triggers": trigger_text(rule),
            "examples": len(rule.examples), "counterexamples": len(rule.counterexamples),
        })
    return rows
