"""Rule files: finding, reading, validating and loading them into a RuleSet.

    bundled.py   where the bundled rules are, in a wheel, a zip or a checkout
    yamlpos.py   safe YAML reading with a position for every value
    schema.py    the JSON Schema of every kind of tracker YAML file
    words.py     the language's word lists, declared once
    ruleset.py   the loaded rule set's types
    folders.py   the YAML files of rule folders
    load.py      folders -> RuleSet, or every problem as path:line:col

`load_ruleset` is imported from load.py at its first use: a scan that finds
its rules in the cache (rulecache.py) never needs the loader.
"""
from __future__ import annotations

from typing import Any

from tracker.rulefiles.ruleset import Diagnostic, Rule, RuleError, RuleSet

__all__ = ["Diagnostic", "Rule", "RuleError", "RuleSet", "load_ruleset"]


def __getattr__(name: str) -> Any:
    if name == "load_ruleset":
        from tracker.rulefiles.load import load_ruleset
        return load_ruleset
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
