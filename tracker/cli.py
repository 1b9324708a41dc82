"""The `tracker` command line: option parsing and printing, no extraction logic.

Exit codes: 0 all went well; 1 some inputs could not be read (the others
were still scanned and printed); 2 usage or rule-file errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.extract import Extractor
from tracker.ledger.cli import ledger
from tracker.ledger.store import Ledger, LedgerError
from tracker.output import FORMATS, Writer
from tracker.reader import DEFAULT_GLOBS, Document, InputError, JsonlFields, read_documents
from tracker.records import KINDS, Record
from tracker.rules import RuleError, RuleSet, load_ruleset

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tracker")
def main() -> None:
    """Track who promised, accused, approved and said what in news text."""


def _wanted(rec: Record, kinds: tuple[str, ...], actors: tuple[str, ...]) -> bool:
    if rec.kind not in kinds:
        return False
    if not actors:
        return True
    names = {rec.actor.casefold(), (rec.target or "").casefold(), (rec.actor_group or "").casefold()}
    return any(a.casefold() in n for a in actors for n in names if n)


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="simple", show_default=True,
              help="A table format of tabulate, or jsonl, json, csv.")
@click.option("-k", "--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds (repeatable).")
@click.option("-a", "--actor", "actors", multiple=True, help="Only records whose actor or target contains this name.")
@rules_options
@click.option("--glob", "globs", multiple=True, help=f"File patterns in folders (default: {' '.join(DEFAULT_GLOBS)}).")
@click.option("--text-field", default="text", show_default=True, help="JSON Lines: field with the article text.")
@click.option("--date-field", default="date", show_default=True, help="JSON Lines: field with the article date.")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: field with the article id.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of text files without a BOM.")
@click.option("--errors", "decode_errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="What to do with bytes that do not decode.")
@click.option("--date", "doc_date", help="The date of every input document (YYYY-MM-DD).")
@click.option("--ledger", type=click.Path(dir_okay=False), help="Also store documents and records in this SQLite ledger.")
def scan(paths: tuple[str, ...], fmt: str, kinds: tuple[str, ...], actors: tuple[str, ...], rules: tuple[str, ...],
         no_default_rules: bool, globs: tuple[str, ...], text_field: str, date_field: str, id_field: str,
         encoding: str, decode_errors: str, doc_date: str | None, ledger: str | None) -> None:
    """Scan text files, folders, JSON Lines dumps or - (stdin) and print what was found."""
    if not paths:
        raise click.UsageError("give files or folders to scan, e.g. `tracker scan seeds/` (or - for stdin)")
    ruleset = load_rules_or_exit(rules, no_default_rules)
    for warning in ruleset.warnings:
        click.echo(str(warning), err=True)
    extractor = Extractor(ruleset)
    writer = Writer(sys.stdout, fmt)
    store = _open_ledger(ledger) if ledger else None
    failures: list[InputError] = []
    kinds = kinds or KINDS
    fields = JsonlFields(text_field, date_field, id_field)
    try:
        for item in read_documents(list(paths), tuple(globs) or DEFAULT_GLOBS, fields, encoding, decode_errors,
                                   doc_date):
            if isinstance(item, InputError):
                failures.append(item)
                click.echo(f"tracker: {item}", err=True)
                continue
            records = extractor.extract(item.name, item.text)
            if store is not None:
                try:
                    store.add_document(item.name, item.text, item.date, records)
                except LedgerError as err:
                    failures.append(InputError(item.name, f"not stored in the ledger: {err}"))
                    click.echo(f"tracker: {item.name}: not stored in the ledger: {err}", err=True)
            writer.add([r for r in records if _wanted(r, kinds, actors)])
    finally:
        writer.close(kinds)
        if store is not None:
            store.close()
    if failures:
        click.echo(f"tracker: {len(failures)} input(s) failed: " + ", ".join(f.name for f in failures), err=True)
        sys.exit(EXIT_INPUT)


def _open_ledger(path: str) -> Ledger:
    try:
        return Ledger(path)
    except LedgerError as err:
        raise click.UsageError(str(err)) from None


main.add_command(ledger)
