"""Rule files: finding, reading, validating and loading them into a RuleSet.

    bundled.py   where the bundled rules are, in a wheel, a zip or a checkout
    yamlpos.py   safe YAML reading with a position for every value
    schema.py    the JSON Schema of every kind of tracker YAML file
    words.py     the language's word lists, declared once
    ruleset.py   the loaded rule set's types
    load.py      folders -> RuleSet, or every problem as path:line:col
"""
from tracker.rulefiles.load import load_ruleset
from tracker.rulefiles.ruleset import Diagnostic, Rule, RuleError, RuleSet

__all__ = ["Diagnostic", "Rule", "RuleError", "RuleSet", "load_ruleset"]
