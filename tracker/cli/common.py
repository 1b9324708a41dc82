"""What every tracker command shares: exit codes and loading rule folders.

Kept apart from the command modules so that each can use it without
importing the main command group.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.rulefiles import RuleError, RuleSet, load_ruleset

EXIT_INPUT, EXIT_USAGE = 1, 2


def load_rules_or_exit(rules: tuple[str, ...], no_default_rules: bool) -> RuleSet:
    """Load rules; on errors print one `path:line:col: error: message` line each and exit 2."""
    try:
        ruleset = load_ruleset([Path(r) for r in rules], defaults=not no_default_rules)
    except RuleError as err:
        for diagnostic in err.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(EXIT_USAGE)
    return ruleset


def rules_options(func):
    func = click.option("--no-default-rules", is_flag=True, help="Use only the folders given with --rules.")(func)
    func = click.option("--rules", "rules", multiple=True, type=click.Path(), metavar="DIR",
                        help="Another rule folder or file (repeatable).")(func)
    return func
