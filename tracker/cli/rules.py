"""`tracker rules check|test|list|schema|path`: the commands of rule authors.
Options and printing only; the work is in authoring.py and ruletest.py.

Exit codes follow scan's: 0 all went well; 1 a finding (warnings under
--strict, a failing example, an unreadable --file); 2 usage or rule-file errors.
"""
from __future__ import annotations

import json
import sys

import click
from tabulate import tabulate, tabulate_formats

from tracker.authoring import Selection, check, chosen_rules, list_rows, select, shown
from tracker.cli.common import EXIT_INPUT, EXIT_USAGE, RULES_EXITS, epilog, load_rules_or_exit, rules_options
from tracker.extract import Extractor
from tracker.records import KINDS
from tracker.rulefiles.bundled import bundled_rules
from tracker.rulefiles.ruleset import RuleSet
from tracker.rulefiles.schema import full_schema
from tracker.ruletest import run_examples, shown_fields

TABLE_FORMATS = tuple(f for f in tabulate_formats if f not in ("json",))
dirs_argument = click.argument("dirs", nargs=-1, metavar="[DIR...]", type=click.Path())


def load_selected(selection: Selection, quiet: bool = False, explainable: bool = False) -> RuleSet:
    """The selected rules; the warnings of the files asked about go to stderr unless `quiet`."""
    ruleset = load_rules_or_exit(tuple(map(str, selection.load)), not selection.defaults, explainable)
    for warning in ruleset.warnings:
        if selection.covers(warning.path) and not quiet:
            click.echo(str(warning), err=True)
    return ruleset


@click.group("rules", epilog=epilog(["tracker rules check my-rules/", "tracker rules test my-rules/",
                                     "tracker rules list --kind approval"], RULES_EXITS))
def rules() -> None:
    """Check, test and list rule files, or print their JSON Schema.

    DIR... are rule folders or files: they are loaded on top of the default
    rules (whose macros, actors and cues they may use) and are what the
    command reports on; without them it reports on every loaded rule.
    """


@rules.command("check", epilog=epilog(["tracker rules check                 the bundled rules and lexicons",
                                       "tracker rules check my-rules/ --strict"],
                                      "0 no errors; 1 warnings, with --strict; 2 errors"))
@dirs_argument
@rules_options
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
def check_command(dirs: tuple[str, ...], rules: tuple[str, ...], no_default_rules: bool, strict: bool) -> None:
    """Validate rule files and actor lexicons without scanning anything.

    Prints a `path:line:col: error|warning: message` line for every problem
    of every file at once: YAML, the schema, patterns, macros, duplicate ids,
    aliases.  A rule the schema refuses does not keep the other rules of its
    file from being checked.  `tracker rules test` runs the examples."""
    selection = select(dirs, rules, no_default_rules)
    found = check(selection)
    for diagnostic in found:
        click.echo(str(diagnostic))
    errors = sum(d.level == "error" for d in found)
    warnings = len(found) - errors
    click.echo(f"tracker: {errors} error(s), {warnings} warning(s)" if found else "tracker: no problems found",
               err=True)
    if errors:
        sys.exit(EXIT_USAGE)
    if warnings and strict:
        sys.exit(EXIT_INPUT)


@rules.command("test", epilog=epilog(["tracker rules test", "tracker rules test my-rules/"],
                                     "0 every example passed; 1 an example or counterexample failed; "
                                     "2 usage or rule-file error"))
@dirs_argument
@rules_options
def test_command(dirs: tuple[str, ...], rules: tuple[str, ...], no_default_rules: bool) -> None:
    """Run every rule's examples and counterexamples; exit 1 if any fails."""
    selection = select(dirs, rules, no_default_rules)
    ruleset = load_selected(selection, explainable=True)  # a failed example says where its pattern stopped
    chosen = chosen_rules(ruleset, selection)
    outcomes = run_examples(Extractor(ruleset), chosen)
    rows = []
    for rule in chosen:
        mine = [o for o in outcomes if o.rule is rule]
        rows.append([rule.id, f"{shown(rule.path)}:{rule.line}", sum(o.passed for o in mine),
                     sum(not o.passed for o in mine)])
    click.echo(tabulate(rows, headers=["rule", "file:line", "passed", "failed"]))
    failed = [o for o in outcomes if not o.passed]
    loading = "".join(f" --rules {_quoted(str(p))}" for p in selection.load) + \
        ("" if selection.defaults else " --no-default-rules")
    for o in failed:
        what = "counterexample" if o.counter else "example"
        click.echo(f"\nFAILED {o.rule.id} {what} at {shown(o.rule.path)}:{o.example.line}")
        click.echo(f"  text:     {o.example.text}")
        if o.counter:
            click.echo("  expected: no record from this rule")
        else:
            wanted = "  ".join(f"{k}={v}" for k, v in o.example.expect.items())
            click.echo(f"  expected: a record from this rule{' with ' + wanted if wanted else ''}")
        if o.got:
            for n, rec in enumerate(o.got):
                click.echo(("  got:      " if n == 0 else "            ") + shown_fields(o.example.expect, rec))
        else:
            click.echo("  got:      no record from this rule")
            for why in o.why_none:
                click.echo(f"            {why}")
        click.echo(f"  see why:  tracker explain {_quoted(o.example.text)} --rule {o.rule.id}{loading}")
    examples = [o for o in outcomes if not o.counter]
    counters = [o for o in outcomes if o.counter]
    click.echo(f"\n{sum(o.passed for o in examples)} of {len(examples)} examples and "
               f"{sum(o.passed for o in counters)} of {len(counters)} counterexamples passed"
               f" ({len(chosen)} rule{'' if len(chosen) == 1 else 's'})")
    if failed:
        sys.exit(EXIT_INPUT)


def _quoted(text: str) -> str:
    """Text as one shell word the user can paste."""
    return text if text.replace("/", "").replace("-", "").replace(".", "").replace("_", "").isalnum() \
        else "'" + text.replace("'", "'\\''") + "'"


@rules.command("list", epilog=epilog(["tracker rules list --kind approval",
                                      "tracker rules list --file commitments -f json"],
                                     "0 all went well; 2 usage or rule-file error"))
@dirs_argument
@rules_options
@click.option("-k", "--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds (repeatable).")
@click.option("--file", "files", multiple=True, metavar="FILE",
              help="Only rules of this file: its name, stem or path, e.g. commitments (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(("json",) + TABLE_FORMATS), default="simple",
              metavar="FORMAT", help="simple (the default), json, or another table format of tabulate's: github, "
                                     "html, latex, ...")
def list_command(dirs: tuple[str, ...], rules: tuple[str, ...], no_default_rules: bool, kinds: tuple[str, ...],
                 files: tuple[str, ...], fmt: str) -> None:
    """A table of rules: id, kind, file:line, trigger words, examples."""
    selection = select(dirs, rules, no_default_rules)
    rows = list_rows(chosen_rules(load_selected(selection), selection), kinds, files)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        click.echo(tabulate(rows, headers="keys", tablefmt=fmt))


@rules.command("schema", epilog=epilog(["tracker rules schema > tracker-rules.schema.json"], "0 always"))
def schema_command() -> None:
    """Print the JSON Schema of tracker's YAML files, for an editor's YAML extension."""
    click.echo(schema_text(), nl=False)


def schema_text() -> str:
    return json.dumps(full_schema(), indent=2, ensure_ascii=False) + "\n"


@rules.command("path", epilog=epilog(['cp -r "$(tracker rules path)" my-rules && tracker scan seeds/ --rules my-rules '
                                      "--no-default-rules"], "0 always"))
def path_command() -> None:
    """Print the folder of the bundled rules, to copy and change them."""
    click.echo(str(bundled_rules()))
