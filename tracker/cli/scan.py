"""`tracker scan`: option parsing and printing, no extraction logic."""
from __future__ import annotations

import os
import sys
from contextlib import closing

import click

from tracker.cli.common import EXIT_INPUT, load_rules_or_exit, rules_options
from tracker.cli.dask_scan import dask_options
from tracker.extract import DEFAULT_TIME_BUDGET
from tracker.ledger.store import Ledger, LedgerError
from tracker.output import FORMATS, Writer
from tracker.reader import DEFAULT_GLOBS, Document, InputError, JsonlFields, read_documents
from tracker.records import KINDS, Record
from tracker.rulefiles import RuleSet
from tracker.scanning import OnDocument, OnFailure, scan_records


def _wanted(rec: Record, kinds: tuple[str, ...], actors: tuple[str, ...]) -> bool:
    if rec.kind not in kinds:
        return False
    if not actors:
        return True
    names = {rec.actor.casefold(), (rec.target or "").casefold(), (rec.actor_group or "").casefold()}
    return any(a.casefold() in n for a in actors for n in names if n)


@click.command()
@dask_options
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
@click.option("--ledger", type=click.Path(dir_okay=False),
              help="Also store documents and records in this SQLite ledger.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; the output is the same, in the same order.")
@click.option("--time-budget", type=click.IntRange(min=0), default=int(DEFAULT_TIME_BUDGET * 1000), show_default=True,
              metavar="MS", help="Milliseconds one rule may spend on one sentence before it is stopped "
                                 "with a warning (0: no limit).")
def scan(paths: tuple[str, ...], fmt: str, kinds: tuple[str, ...], actors: tuple[str, ...], rules: tuple[str, ...],
         no_default_rules: bool, globs: tuple[str, ...], text_field: str, date_field: str, id_field: str,
         encoding: str, decode_errors: str, doc_date: str | None, ledger: str | None, jobs: int,
         time_budget: int) -> None:
    """Scan text files, folders, JSON Lines dumps or - (stdin) and print what was found."""
    if not paths:
        raise click.UsageError("give files or folders to scan, e.g. `tracker scan seeds/` (or - for stdin)")
    ruleset = load_rules_or_exit(rules, no_default_rules)
    for warning in ruleset.warnings:
        click.echo(str(warning), err=True)
    writer = Writer(sys.stdout, fmt)
    store = _open_ledger(ledger, ruleset) if ledger else None
    failures: list[InputError] = []

    def fail(error: InputError) -> None:
        failures.append(error)
        click.echo(f"tracker: {error}", err=True)

    def warn(message: str) -> None:
        click.echo(f"tracker: {message}", err=True)

    kinds = kinds or KINDS
    fields = JsonlFields(text_field, date_field, id_field)
    items = read_documents(list(paths), tuple(globs) or DEFAULT_GLOBS, fields, encoding, decode_errors, doc_date)
    try:
        with closing(scan_records(items, ruleset, fail, warn, rules=rules, defaults=not no_default_rules, jobs=jobs,
                                  time_budget=time_budget / 1000 if time_budget else None,
                                  on_document=_storer(store, fail) if store is not None else None)) as pieces:
            for piece in pieces:
                writer.add([r for r in piece if _wanted(r, kinds, actors)])
        writer.close(kinds)
    except BrokenPipeError:
        _stdout_closed()
    finally:
        if store is not None:
            store.close()
    if failures:
        click.echo(f"tracker: {len(failures)} input(s) failed: " + ", ".join(f.name for f in failures), err=True)
        sys.exit(EXIT_INPUT)


def _stdout_closed() -> None:
    """The reader went away (`tracker scan ... | head`): stop quietly, as other
    command-line tools do, and keep Python from complaining at exit when it
    flushes stdout again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


def _storer(store: Ledger, fail: OnFailure) -> OnDocument:
    """Each document scanned to its end goes to the ledger with its records
    in one transaction; a document the ledger refuses is a failed input."""
    def add(document: Document, records: list[Record]) -> None:
        try:
            store.add_document(document.name, document.text, document.date, records)
        except LedgerError as err:
            fail(InputError(document.name, f"not stored in the ledger: {err}"))
    return add


def _open_ledger(path: str, ruleset: RuleSet) -> Ledger:
    """The ledger, linking and dating with the loaded rule set's link rules and time vocabulary."""
    if ruleset.links is None:
        raise click.UsageError("--ledger needs link rules, and no `links:` file was loaded "
                               "(the bundled rules/links.yaml, or one in a --rules folder)")
    try:
        return Ledger(path, ruleset.links, ruleset.time)
    except LedgerError as err:
        raise click.UsageError(str(err)) from None

