"""`tracker explain`: what tracker sees in a sentence and why each rule did or did not match.

Options and printing only; the work is in explain.py.
"""
from __future__ import annotations

import json
import sys

import click

from tracker.authoring import select, shown
from tracker.cli.common import EXIT_INPUT, epilog, rules_options
from tracker.cli.output import output_option, quiet_option, write_text
from tracker.cli.rules import load_selected
from tracker.explain import explain_text, render
from tracker.extract import Extractor
from tracker.reader import DEFAULT_GLOBS, Document, read_documents
from tracker.rulefiles.ruleset import Rule, RuleSet

EXAMPLES = [
    'tracker explain "The US accused China of dumping steel."',
    "tracker explain --file story.txt --line 12 --rule accusations/accused-of",
    "pbpaste | tracker explain -                       every sentence of standard input",
]


@click.command(epilog=epilog(EXAMPLES, "0 all went well; 1 --file cannot be read; 2 usage or rule-file error "
                                       "(an empty sentence, no sentence on --line, an unknown --rule)"))
@click.argument("sentence", required=False)
@click.option("--file", "file_", type=click.Path(dir_okay=False), help="Explain a sentence of this text file...")
@click.option("--line", type=click.IntRange(min=1), help="...the one on this line (with --file).")
@click.option("--rule", "rule_id", metavar="ID",
              help="Only this rule (FILE-STEM/ID or ID), also when its trigger words are missing.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option
@quiet_option
@rules_options
def explain(sentence: str | None, file_: str | None, line: int | None, rule_id: str | None, fmt: str, output: str,
            quiet: bool, rules: tuple[str, ...], no_default_rules: bool) -> None:
    """Show what tracker sees in SENTENCE and why each rule did or did not match.

    Tokens, actor mentions, quotes, the rules whose trigger words are there,
    and for each its record and captures, or the pattern element it could
    not match and the text at that point.  SENTENCE - reads the text from
    standard input and explains each of its sentences."""
    if (sentence is None) == (file_ is None):
        raise click.UsageError('give a sentence, or --file F --line N: tracker explain "The US accused China of ..."')
    if (file_ is None) != (line is None):
        raise click.UsageError("--file and --line go together")
    if sentence == "-":
        sentence = sys.stdin.read()
        if not sentence.strip():
            raise click.UsageError("standard input is empty: nothing to explain")
    elif sentence is not None and not sentence.strip():
        raise click.UsageError('the sentence is empty: give one, e.g. tracker explain "The US accused China of '
                               'dumping steel."')
    selection = select((), rules, no_default_rules)
    ruleset = load_selected(selection, quiet, explainable=True)
    rule = _find_rule(ruleset, rule_id) if rule_id else None
    extractor = Extractor(ruleset)
    if file_ is not None:
        doc = _read_one(file_)
        results = explain_text(extractor, doc.text, rule, line, doc.name)
        if not results:
            raise click.UsageError(f"{file_}:{line}: no sentence on this line")
    else:
        assert sentence is not None  # checked above: a sentence or --file
        results = explain_text(extractor, sentence, rule)
    text = json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False) + "\n" if fmt == "json" \
        else render(results, shown)
    write_text(output, text)


def _find_rule(ruleset: RuleSet, rule_id: str) -> Rule:
    found = [r for r in ruleset.rules if r.id == rule_id] or \
            [r for r in ruleset.rules if r.id.split("/", 1)[1] == rule_id]
    if len(found) != 1:
        known = ", ".join(r.id for r in found) if found else "see `tracker rules list`"
        raise click.UsageError(f"{'ambiguous' if found else 'no'} rule '{rule_id}' ({known})")
    return found[0]


def _read_one(path: str) -> Document:
    """The file as scan reads it (encodings, BOMs), so line numbers agree."""
    items = list(read_documents([path], DEFAULT_GLOBS))
    if len(items) != 1 or not isinstance(items[0], Document):
        problem = str(items[0]) if items and not isinstance(items[0], Document) else f"{path}: not one text document"
        click.echo(f"tracker: {problem}", err=True)
        sys.exit(EXIT_INPUT)
    return items[0]
