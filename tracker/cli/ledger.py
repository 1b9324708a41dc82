"""`tracker ledger ...`: read a ledger built by `tracker scan PATH... --ledger FILE.db`.

Options and printing only; the questions themselves are in queries.py.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click
from tabulate import tabulate

from tracker.cli.common import EXIT_INPUT, load_rules_or_exit, rules_options
from tracker.ledger import queries
from tracker.ledger.links import Item
from tracker.ledger.store import Ledger, LedgerError
from tracker.output import FORMATS
from tracker.reader import InputError
from tracker.records import KINDS
from tracker.rulefiles import RuleSet

LISTING_COLUMNS = ("id", "date", "kind", "actor", "target", "content", "modality", "when", "source", "links")
THREAD_COLUMNS = ("date", "role", "id", "actor", "content", "source", "score", "reason")
WRAPPED = ("content", "reason", "links")  # long text: wrapped in tables so rows fit the terminal


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Rows as a table (any tabulate format), JSON Lines, a JSON array or CSV.

    tracker/output.py writes Record tables; ledger rows carry other columns
    (ids, dates, links, reasons), so they are formatted here, in this one
    function, ready to move there if the shared writer learns generic rows.
    """
    picked = [{c: row.get(c) for c in columns} for row in rows]
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in picked)
    if fmt == "json":
        return json.dumps(picked, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(picked)
        return out.getvalue()
    table = [[_cell(row[c]) for c in columns] for row in picked]
    return tabulate(table, headers=list(columns), tablefmt=fmt, maxcolwidths=_widths(table, columns)) + "\n"


def _cell(value: Any) -> Any:
    """Table cells keep one line of text: a sentence's line breaks would split the row."""
    if value is None:
        return ""
    return " ".join(value.split()) if isinstance(value, str) else value


def _widths(table: list[list[Any]], columns: Sequence[str]) -> list[int | None]:
    """Share what the other columns leave of the terminal among the long-text columns;
    a column that needs less than its share leaves the rest to the others."""
    width = shutil.get_terminal_size((120, 24)).columns
    natural = {c: max([len(str(c)), *(len(str(row[i])) for row in table)]) for i, c in enumerate(columns)}
    wrapped = sorted((c for c in columns if c in WRAPPED), key=natural.__getitem__)
    remaining = width - sum(n for c, n in natural.items() if c not in WRAPPED) - 2 * len(columns)
    shares: dict[str, int] = {}
    for left, column in zip(range(len(wrapped), 0, -1), wrapped, strict=True):
        shares[column] = max(24, min(natural[column], remaining // left))
        remaining -= shares[column]
    return [shares.get(c) for c in columns]


def _record_row(item: Item) -> dict[str, Any]:
    record = item.record
    return {
        "id": item.id,
        "date": str(item.dates) if item.dates else None,
        "kind": record.kind,
        "actor": record.actor,
        "target": record.target,
        "content": record.content,
        "modality": record.modality,
        "when": record.when,
        "source": record.source,
    }


def _listed_rows(listed: list[queries.Listed]) -> list[dict[str, Any]]:
    return [{**_record_row(entry.item), "links": ", ".join(entry.links)} for entry in listed]


def _ledger_option(command: Callable) -> Callable:
    return click.option(
        "--ledger", "ledger_path", type=click.Path(dir_okay=False), envvar="TRACKER_LEDGER",
        default="ledger.db", show_default=True,
        help="Ledger file written by `tracker scan --ledger` (or set TRACKER_LEDGER).",
    )(command)


def _format_option(command: Callable) -> Callable:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="simple", show_default=True,
        help="A tabulate table format, or jsonl, json, csv.",
    )(command)


@contextmanager
def _opened(path: str) -> Iterator[Ledger]:
    """Open an existing ledger; a query must never create an empty one by a typo."""
    if not os.path.isfile(path):
        raise click.ClickException(f"no ledger at {path}; build one with `tracker scan PATH... --ledger {path}`")
    try:
        with Ledger(path) as opened:
            yield opened
    except LedgerError as error:
        raise click.ClickException(str(error)) from error


@click.group()
def ledger() -> None:
    """Follow a story across documents: who promised, accused, approved and said what, and when."""


@ledger.command()
@_ledger_option
@_format_option
def summary(ledger_path: str, fmt: str) -> None:
    """Count records per actor and kind, most active first."""
    with _opened(ledger_path) as opened:
        counts = queries.summary(opened.connection)
    rows = [{"actor": c.actor, **c.counts, "total": c.total} for c in counts]
    click.echo(render(rows, ("actor", *KINDS, "total"), fmt), nl=False)


def _iso_day(_: click.Context, __: click.Parameter, value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _listing_command(kind: str) -> click.Command:
    @_ledger_option
    @_format_option
    @click.option("--actor", help="Only records whose actor (or actor's group) is this, e.g. 'China'.")
    @click.option("--target", help="Only records with this target.")
    @click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_iso_day, metavar="YYYY-MM-DD",
                  help="Only records dated on or after this day.")
    @click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=_iso_day, metavar="YYYY-MM-DD",
                  help="Only records dated on or before this day.")
    def listing(ledger_path: str, fmt: str, actor: str | None, target: str | None,
                since: str | None, until: str | None) -> None:
        with _opened(ledger_path) as opened:
            listed = queries.listing(opened.connection, kind, queries.Filters(actor, target, since, until))
        click.echo(render(_listed_rows(listed), LISTING_COLUMNS, fmt), nl=False)

    listing.__doc__ = f"""List {kind}s by date, with their links.

    A record's date is its "when" read against its document's date, else the
    document's date; records of undated documents come last."""
    return click.command(name=f"{kind}s")(listing)


for _kind in KINDS:
    ledger.add_command(_listing_command(_kind))


@ledger.command()
@click.argument("name")
@_ledger_option
@_format_option
def actor(name: str, ledger_path: str, fmt: str) -> None:
    """Everything one actor did, by date.

    What NAME (or a member of group NAME, as Lutnick of United States)
    promised, accused, approved and said, with links."""
    with _opened(ledger_path) as opened:
        listed = queries.listing(opened.connection, None, queries.Filters(actor=name))
    if not listed:
        raise click.ClickException(f"no records with actor {name!r}; `tracker ledger summary` lists the actors")
    click.echo(render(_listed_rows(listed), LISTING_COLUMNS, fmt), nl=False)


@ledger.command()
@click.argument("record_id", metavar="ID", type=int)
@_ledger_option
@_format_option
def thread(record_id: int, ledger_path: str, fmt: str) -> None:
    """Show a commitment and what followed it.

    Commitment ID, its restatements, and the approvals and accusations linked
    to them, by date: made, reaffirmed, approved, accused of breaking; each
    with the score and reason of its link (rules/links.yaml)."""
    with _opened(ledger_path) as opened:
        entries = queries.thread(opened.connection, record_id)
    rows = [  # the accused is the commitment's actor, so no target column; modality only where it matters
        {**_record_row(e.item), "score": None if e.score is None else round(e.score, 2), "reason": e.reason,
         "role": e.role if e.item.record.modality == "asserted" else f"{e.role} ({e.item.record.modality})"}
        for e in entries
    ]
    click.echo(render(rows, THREAD_COLUMNS, fmt), nl=False)


@ledger.command(name="import")
@click.argument("output", metavar="DIR")
@_ledger_option
@rules_options
def import_output(output: str, ledger_path: str, rules: tuple[str, ...], no_default_rules: bool) -> None:
    """Store the partitioned output of `tracker scan --dask ... --output DIR`.

    Documents go in, in input order, with their records and links, as
    `tracker scan --ledger` stores them; one already stored adds nothing, so
    importing again changes nothing. Link rules come from --rules as in a scan."""
    from tracker.distributed.ledger_import import import_results
    from tracker.distributed.output import OutputError, read_manifest, read_results

    try:
        manifest = read_manifest(output)
    except OutputError as err:
        raise click.UsageError(str(err)) from None
    ruleset = load_rules_or_exit(rules, no_default_rules)
    failures: list[str] = []

    def refused(error: InputError) -> None:
        failures.append(error.name)
        click.echo(f"tracker: {error}", err=True)

    with _writable(ledger_path, ruleset) as store:
        counts = import_results(store, read_results(output, manifest), refused)
    click.echo(f"{output}: {counts.documents} documents: {counts.added} added with {counts.records} records, "
               f"{counts.present} already in {ledger_path}, {counts.failed} not stored"
               + (f" ({len(manifest['failed'])} failed in the scan: {output}/_manifest.json)" if counts.failed else ""))
    if failures:
        click.echo(f"tracker: {len(failures)} input(s) failed: " + ", ".join(failures), err=True)
        sys.exit(EXIT_INPUT)


@contextmanager
def _writable(path: str, ruleset: RuleSet) -> Iterator[Ledger]:
    """A ledger to add to, created if missing, linking with the rule set's link rules."""
    if ruleset.links is None:
        raise click.UsageError("importing needs link rules, and no `links:` file was loaded "
                               "(the bundled rules/links.yaml, or one in a --rules folder)")
    try:
        with Ledger(path, ruleset.links, ruleset.time) as opened:
            yield opened
    except LedgerError as error:
        raise click.UsageError(str(error)) from None
