"""What every tracker command shares: exit codes, help epilogs and loading rule folders.

Kept apart from the command modules so that each can use it without
importing the main command group.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.rulecache import load_ruleset
from tracker.rulefiles import RuleError, RuleSet

EXIT_INPUT, EXIT_USAGE = 1, 2

# The exit codes as each command's help states them.
SCAN_EXITS = ("0 all went well (warnings do not change it); 1 some inputs failed (each named on stderr; the others "
              "were still scanned); 2 usage or rule-file error, nothing scanned; 130 interrupted (Ctrl-C): what "
              "was scanned is printed and stored")
QUERY_EXITS = "0 all went well; 1 nothing found; 2 usage error (a bad option, no ledger at that path)"
RULES_EXITS = "0 all went well; 1 a finding (see above); 2 usage or rule-file error"


class UsageProblem(click.ClickException):
    """A usage error told in one line, without the usage text: the option was
    well formed, what it names is not usable (no ledger at that path, an id
    that is no commitment, a file that cannot be written)."""

    exit_code = EXIT_USAGE


def epilog(examples: list[str], exits: str) -> str:
    """A help text's examples (kept as written) and exit codes."""
    lines = "\n".join(f"  {e}" for e in examples)
    return f"Examples:\n\n\b\n{lines}\n\nExit codes: {exits}."


def load_rules_or_exit(rules: tuple[str, ...], no_default_rules: bool, explainable: bool = False) -> RuleSet:
    """Load rules (`explainable`: able to say where a pattern failed); on
    errors print one `path:line:col: error: message` line each and exit 2."""
    try:
        ruleset = load_ruleset([Path(r) for r in rules], defaults=not no_default_rules, explainable=explainable)
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


def exit_if_failed(names: list[str]) -> None:
    """The closing line of a command some of whose inputs failed, and exit code 1."""
    if names:
        click.echo(f"tracker: {len(names)} input(s) failed: " + ", ".join(names), err=True)
        sys.exit(EXIT_INPUT)
