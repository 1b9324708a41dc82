"""`tracker report`: a story as one HTML page, from a ledger or from a scan's JSON Lines.

Options and reading only; the page itself is made in tracker/output/report.py.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import click

from tracker.cli.common import UsageProblem, epilog
from tracker.ledger.faults import fault
from tracker.ledger.store import BUSY_TIMEOUT_SECONDS, Ledger, LedgerError
from tracker.output.report import (
    ReportInputError,
    Story,
    records_from_jsonl,
    render,
    story_from_ledger,
    story_from_records,
)
from tracker.records import Record

EXAMPLES = ["tracker report --ledger story.db -o report.html",
            "tracker scan seeds/ -f jsonl | tracker report - --title 'US-China talks' -o report.html"]


@click.command(epilog=epilog(EXAMPLES, "0 all went well; 1 a JSON Lines input cannot be read or holds a bad line; "
                                       "2 usage error (a bad option, no ledger at that path)"))
@click.argument("paths", nargs=-1, metavar="[JSONL...]")
@click.option("--ledger", "ledger_path", type=click.Path(dir_okay=False),
              help="A ledger written by `tracker scan --ledger`: records with dates and threads.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="The HTML file to write (default: standard output).")
@click.option("--title", help="The page's title (default: from the input's name).")
def report(paths: tuple[str, ...], ledger_path: str | None, output: str, title: str | None) -> None:
    """Write an HTML report of a ledger, or of JSON Lines from `tracker scan --format jsonl` (- for stdin).

    One self-contained file that needs no network: a table per kind that
    sorts and filters, each sentence with its actor, target and content
    marked and a link to its source, a graph of who promised, accused and
    approved whom, and, from a ledger, each commitment's thread."""
    if bool(paths) == bool(ledger_path):
        raise click.UsageError("give either --ledger FILE or JSON Lines files (or - for stdin), not both")
    if ledger_path:
        story, origin = _ledger_story(ledger_path), f"ledger {ledger_path}"
    else:
        story, origin = _jsonl_story(paths), ", ".join(paths)
    base = Path.cwd() if output == "-" else Path(output).resolve().parent
    page = render(story, title or f"tracker report: {Path(ledger_path or paths[0]).name}", base, origin)
    if output == "-":
        click.echo(page, nl=False)
    else:
        Path(output).write_text(page, encoding="utf-8")


def _ledger_story(path: str) -> Story:
    """Read an existing ledger; a report must never create an empty one by a typo."""
    if not os.path.isfile(path):
        raise UsageProblem(f"no ledger at {path}; build one with `tracker scan PATH... --ledger {path}`")
    try:
        with Ledger(path, read_only=True) as opened:
            return story_from_ledger(opened.connection)
    except LedgerError as error:
        raise UsageProblem(str(error)) from error
    except sqlite3.Error as error:
        raise UsageProblem(str(fault(path, error, BUSY_TIMEOUT_SECONDS))) from error


def _jsonl_story(paths: tuple[str, ...]) -> Story:
    records: list[Record] = []
    for path in paths:
        records.extend(_jsonl_records(path))
    return story_from_records(records)


def _jsonl_records(path: str) -> list[Record]:
    """A file's records, read whole: a page made from half a file would mislead, so any bad line stops it."""
    try:
        if path == "-":
            return list(records_from_jsonl(sys.stdin, "-"))
        with open(path, encoding="utf-8") as stream:
            return list(records_from_jsonl(stream, path))
    except OSError as error:
        raise click.ClickException(f"{path}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{path}: not UTF-8 text") from error
    except ReportInputError as error:
        raise click.ClickException(str(error)) from error
