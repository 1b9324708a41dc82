"""`tracker ledger ...`: read a ledger built by `tracker scan PATH... --ledger FILE.db`.

Options and printing only; the questions themselves are in queries.py.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click

from tracker.actornames import bundled_names
from tracker.cli.common import EXIT_INPUT, UsageProblem, epilog
from tracker.cli.output import format_option, output_option, quiet_option, width_option, write_text
from tracker.ledger import queries
from tracker.ledger.faults import damaged, fault
from tracker.ledger.links import Item
from tracker.ledger.store import BUSY_TIMEOUT_SECONDS, Ledger, LedgerError
from tracker.output.layout import table_width
from tracker.output.rows import render
from tracker.records import KINDS

LISTING_COLUMNS = ("id", "date", "kind", "actor", "target", "content", "modality", "when", "source", "links")
THREAD_COLUMNS = ("date", "role", "id", "actor", "content", "source", "score", "reason")
WRAPPED = ("content", "reason", "links")  # long text: what wraps when a table must fit a terminal
LEDGER_EXITS = "0 all went well; 2 usage error (a bad option, no ledger at that path, a file that is no ledger)"


def _print(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, output: str, width: int | None) -> None:
    wrap = table_width(sys.stdout, width) if output == "-" else width  # a file is no terminal
    write_text(output, render(rows, columns, fmt, wrap, WRAPPED))


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


def _printing(command: Callable) -> Callable:
    """The options of every command that prints rows: -f, -o, --width, -q."""
    return format_option(output_option(width_option(quiet_option(command))))


def _names(db: sqlite3.Connection, typed: tuple[str, ...], substring: bool) -> frozenset[str] | None:
    """The canonical names that what the user typed means, in the lexicon and in this ledger's story."""
    if not typed:
        return None
    names = bundled_names(typed, substring)
    for name, text in queries.story_names(db):
        names.learn(name, text)
    return frozenset(names.meant.values())


@contextmanager
def _opened(path: str) -> Iterator[Ledger]:
    """Open an existing ledger read-only; a query must never create an empty one by a typo, nor change
    one, and a damaged, locked or unreadable file is one line (exit 2) whatever statement meets it."""
    if not os.path.isfile(path):
        raise UsageProblem(f"no ledger at {path}; build one with `tracker scan PATH... --ledger {path}`")
    try:
        opened = Ledger(path, read_only=True)
    except LedgerError as error:
        raise UsageProblem(str(error)) from error
    with opened:
        try:
            yield opened
        except sqlite3.Error as error:
            raise UsageProblem(str(fault(path, error, BUSY_TIMEOUT_SECONDS))) from error
        except (TypeError, ValueError, AttributeError) as error:  # a value the schema forbids: damage, or a bug
            damage = opened.damage()
            if damage is None:
                raise
            raise UsageProblem(str(damaged(path, damage))) from error


@click.group(epilog=epilog(["tracker scan story/ --ledger story.db", "tracker ledger summary --ledger story.db",
                             "tracker ledger actor Tokyo --ledger story.db -f csv -o japan.csv"], LEDGER_EXITS))
def ledger() -> None:
    """Follow a story across documents: who promised, accused, approved and said what, and when.

    Every command reads the ledger that `tracker scan --ledger FILE` wrote
    (--ledger, or TRACKER_LEDGER, or ./ledger.db)."""


@ledger.command(epilog=epilog(["tracker ledger summary --ledger story.db",
                               "tracker ledger summary --ledger story.db -f csv -o actors.csv"], LEDGER_EXITS))
@_ledger_option
@_printing
def summary(ledger_path: str, fmt: str, output: str, width: int | None, quiet: bool) -> None:
    """Count records per actor and kind, most active first."""
    with _opened(ledger_path) as opened:
        counts = queries.summary(opened.connection)
    rows = [{"actor": c.actor, **c.counts, "total": c.total} for c in counts]
    _print(rows, ("actor", *KINDS, "total"), fmt, output, width)


def _iso_day(_: click.Context, __: click.Parameter, value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _listing_command(kind: str) -> click.Command:
    @_ledger_option
    @_printing
    @click.option("--actor", "actors", multiple=True, metavar="NAME",
                  help="Only records whose actor (or actor's group) NAME names: a canonical name or any name the "
                       "lexicon or the story gives it, e.g. 'China', 'Beijing', 'Chinese officials' (repeatable).")
    @click.option("--target", "targets", multiple=True, metavar="NAME", help="Only records with this target "
                                                                             "(named as --actor is; repeatable).")
    @click.option("--substring", is_flag=True, help="Let --actor and --target match any name that contains them.")
    @click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_iso_day, metavar="YYYY-MM-DD",
                  help="Only records dated on or after this day.")
    @click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=_iso_day, metavar="YYYY-MM-DD",
                  help="Only records dated on or before this day.")
    def listing(ledger_path: str, fmt: str, output: str, width: int | None, quiet: bool, actors: tuple[str, ...],
                targets: tuple[str, ...], substring: bool, since: str | None, until: str | None) -> None:
        with _opened(ledger_path) as opened:
            db = opened.connection
            filters = queries.Filters(_names(db, actors, substring), _names(db, targets, substring), since, until)
            listed = queries.listing(db, kind, filters)
        _print(_listed_rows(listed), LISTING_COLUMNS, fmt, output, width)

    listing.__doc__ = f"""List {kind}s by date, with their links.

    A record's date is its "when" read against its document's date, else the
    document's date; records of undated documents come last."""
    examples = [f"tracker ledger {kind}s --ledger story.db --actor China --since 2025-05-01",
                f"tracker ledger {kind}s --ledger story.db --actor US --target Japan -f csv -o {kind}s.csv"]
    return click.command(name=f"{kind}s", epilog=epilog(examples, LEDGER_EXITS))(listing)


for _kind in KINDS:
    ledger.add_command(_listing_command(_kind))


@ledger.command(epilog=epilog(["tracker ledger actor Tokyo --ledger story.db", "tracker ledger actor "
                               "'American officials' --ledger story.db", "tracker ledger actor Lut --substring "
                               "--ledger story.db -f jsonl"],
                              "0 all went well; 1 no records of that actor; 2 usage error (a bad option, no ledger "
                              "at that path, a file that is no ledger)"))
@click.argument("name")
@_ledger_option
@_printing
@click.option("--substring", is_flag=True, help="Match any actor whose name contains NAME.")
def actor(name: str, ledger_path: str, fmt: str, output: str, width: int | None, quiet: bool,
          substring: bool) -> None:
    """Everything one actor did, by date.

    What NAME (or a member of group NAME, as Lutnick of United States)
    promised, accused, approved and said, with links.  NAME is a canonical
    name or any name the lexicon or the story gives it: US, U.S., Washington
    and American officials all mean United States."""
    with _opened(ledger_path) as opened:
        meant = _names(opened.connection, (name,), substring)
        listed = queries.listing(opened.connection, None, queries.Filters(actors=meant))
    if not listed:
        if quiet:
            sys.exit(EXIT_INPUT)
        known = f" ({', '.join(sorted(meant or ()))})" if meant else ""
        click.echo(f"tracker: no records of {name!r}{known} in {ledger_path}; `tracker ledger summary` lists the "
                   "actors" + ("" if substring else ", --substring searches inside names"), err=True)
        sys.exit(EXIT_INPUT)
    _print(_listed_rows(listed), LISTING_COLUMNS, fmt, output, width)


@ledger.command(epilog=epilog(["tracker ledger commitments --ledger story.db     the commitments' ids",
                               "tracker ledger thread 3 --ledger story.db"],
                              "0 all went well; 2 usage error (a bad option, no ledger at that path, no commitment "
                              "with that ID)"))
@click.argument("record_id", metavar="ID", type=int)
@_ledger_option
@_printing
def thread(record_id: int, ledger_path: str, fmt: str, output: str, width: int | None, quiet: bool) -> None:
    """Show a commitment and what followed it.

    Commitment ID, its restatements, and the approvals and accusations linked
    to them, by date: made, reaffirmed, approved, accused of breaking; each
    with the score and reason of its link (rules/links.yaml)."""
    with _opened(ledger_path) as opened:
        try:
            entries = queries.thread(opened.connection, record_id)
        except LedgerError as error:
            raise UsageProblem(str(error)) from None
    rows = [  # the accused is the commitment's actor, so no target column; modality only where it matters
        {**_record_row(e.item), "score": None if e.score is None else round(e.score, 2), "reason": e.reason,
         "role": e.role if e.item.record.modality == "asserted" else f"{e.role} ({e.item.record.modality})"}
        for e in entries
    ]
    _print(rows, THREAD_COLUMNS, fmt, output, width)
