"""`tracker scan`: option parsing and printing, no extraction logic."""
from __future__ import annotations

import sys
from contextlib import closing

import click
from click.core import ParameterSource

from tracker.actornames import ActorNames
from tracker.actors import Lexicon
from tracker.bounded import DEFAULT_MAX_DOC_BYTES
from tracker.cli.common import EXIT_INPUT, SCAN_EXITS, epilog, load_rules_or_exit, rules_options
from tracker.cli.dask_scan import dask_options
from tracker.cli.interrupt import Interrupts, exit_interrupted
from tracker.cli.output import (
    OutputLost,
    format_option,
    opened_output,
    output_option,
    quiet_option,
    width_option,
)
from tracker.cli.progress import Progress
from tracker.docdate import parse_date
from tracker.extract import DEFAULT_TIME_BUDGET
from tracker.ledger.store import Ledger, LedgerError, LedgerFault
from tracker.output import Writer
from tracker.output.layout import table_width
from tracker.reader import DEFAULT_GLOBS, Document, InputError, JsonlFields, read_documents, unusable_encoding
from tracker.records import KINDS, Record
from tracker.rulefiles import RuleSet
from tracker.scanning import OnFailure, scan_records

EXAMPLES = [
    "tracker scan seeds/                                  tables of what was found",
    "tracker scan story/ -f jsonl -o story.jsonl          every field, one record per line",
    "tracker scan seeds/ --actor US --kind accusation     'US', 'Washington', 'American officials' ...",
    "zcat dump.jsonl.gz | tracker scan - --text-field body --date-field date -f csv > found.csv",
    "tracker scan story/ --ledger story.db -j 2           also store it, to follow the story",
]


def _valid_date(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    """--date is checked before anything is scanned: a date the ledger cannot store would fail every document."""
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date; give YYYY-MM-DD, e.g. 2025-06-11")
    return day


def _usable_encoding(_: click.Context, __: click.Parameter, value: str) -> str:
    """--encoding is checked before anything is read: a codec that decodes no text would fail every input."""
    problem = unusable_encoding(value)
    if problem:
        raise click.BadParameter(f"{value!r}: {problem} (give one such as utf-8, latin-1, cp1252, utf-16)")
    return value


@click.command(epilog=epilog(EXAMPLES, SCAN_EXITS))
@dask_options
@click.argument("paths", nargs=-1, metavar="PATH...")
@format_option
@output_option
@width_option
@quiet_option
@click.option("-k", "--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds (repeatable).")
@click.option("-a", "--actor", "actors", multiple=True, metavar="NAME",
              help="Only records whose actor, target or actor's group NAME names: a canonical name or any name "
                   "the lexicon or the story gives it ('US', 'Washington', 'Tokyo'), whole (repeatable).")
@click.option("--substring", is_flag=True, help="Let --actor match any name that contains it instead.")
@rules_options
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help=f"File patterns in folders, any case (default: {' '.join(DEFAULT_GLOBS)}).")
@click.option("--text-field", default="text", show_default=True,
              help="JSON Lines: field with the article text; given, it makes - (stdin) JSON Lines.")
@click.option("--date-field", default="date", show_default=True, help="JSON Lines: field with the article date.")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: field with the article id.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_usable_encoding,
              help="Encoding of text files without a BOM.")
@click.option("--errors", "decode_errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="What to do with bytes that do not decode.")
@click.option("--follow-links", is_flag=True,
              help="In folders, also read files and folders that symbolic links bring in from outside them.")
@click.option("--max-doc-bytes", type=click.IntRange(min=0), default=DEFAULT_MAX_DOC_BYTES, show_default=True,
              metavar="N", help="Refuse a document (a file, or a line of a JSON Lines dump) longer than N bytes, "
                                "decompressed, instead of filling memory (0: no limit).")
@click.option("--date", "doc_date", callback=_valid_date, metavar="YYYY-MM-DD",
              help="The date of every input document.")
@click.option("--ledger", type=click.Path(dir_okay=False),
              help="Also store documents and records in this SQLite ledger.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; the output is the same, in the same order.")
@click.option("--time-budget", type=click.IntRange(min=0), default=int(DEFAULT_TIME_BUDGET * 1000), show_default=True,
              metavar="MS", help="Milliseconds one rule may spend on one sentence before it is stopped "
                                 "with a warning (0: no limit).")
@click.pass_context
def scan(ctx: click.Context, paths: tuple[str, ...], fmt: str, output: str, width: int | None, quiet: bool,
         kinds: tuple[str, ...], actors: tuple[str, ...], substring: bool, rules: tuple[str, ...],
         no_default_rules: bool, globs: tuple[str, ...], text_field: str, date_field: str, id_field: str,
         encoding: str, decode_errors: str, follow_links: bool, max_doc_bytes: int, doc_date: str | None,
         ledger: str | None, jobs: int, time_budget: int) -> None:
    """Scan text and HTML files, folders, JSON Lines dumps or - (stdin) and print what was found.

    Records are printed as tables (wrapped to a terminal's width) or, with
    -f, as JSON Lines, JSON, CSV or TSV, which hold every field; a progress
    line shows on stderr while a long scan runs at a terminal."""
    if not paths:
        raise click.UsageError("give files or folders to scan, e.g. `tracker scan seeds/` (or - for stdin)")
    if substring and not actors:
        raise click.UsageError("--substring changes how --actor matches; give --actor NAME too")
    ruleset = load_rules_or_exit(rules, no_default_rules)
    progress = Progress(shown=not quiet and sys.stderr.isatty())
    if not quiet:
        for warning in ruleset.warnings:
            click.echo(str(warning), err=True)
    store = _open_ledger(ledger, ruleset) if ledger else None
    names = ActorNames(actors, Lexicon(ruleset.lexicons), ruleset.words, substring) if actors else None
    failures: list[InputError] = []

    def fail(error: InputError) -> None:
        failures.append(error)
        progress.failed()
        progress.note(f"tracker: {error}")

    def warn(message: str) -> None:
        if not quiet:
            progress.note(f"tracker: {message}")

    kinds = kinds or KINDS
    fields = JsonlFields(text_field, date_field, id_field)
    stdin_jsonl = True if any(ctx.get_parameter_source(p) is not ParameterSource.DEFAULT
                              for p in ("text_field", "date_field", "id_field")) else None
    items = read_documents(list(paths), tuple(globs) or DEFAULT_GLOBS, fields, encoding, decode_errors, doc_date,
                           stdin_jsonl, follow_links=follow_links, max_bytes=max_doc_bytes or None)
    interrupted = False
    lost: OutputLost | None = None  # the output could not be written (a closed pipe, a full device)
    with opened_output(output) as stream, Interrupts() as interrupts:
        writer = Writer(stream, fmt, table_width(stream, width))
        storer = _Storer(store, fail, interrupts) if store is not None else None
        try:
            with closing(scan_records(items, ruleset, fail, warn, rules=rules, defaults=not no_default_rules,
                                      jobs=jobs, time_budget=time_budget / 1000 if time_budget else None,
                                      on_document=storer, on_scanned=progress.scanned)) as pieces:
                for piece in pieces:
                    kept = [r for r in piece if (names is None or names.matches(r)) and r.kind in kinds]
                    if lost is None:
                        try:
                            with interrupts.held():
                                writer.add(kept)
                        except OSError as error:
                            lost = OutputLost.after(error, stream)
                            if storer is None or storer.stopped:
                                break  # nothing more to do: what is scanned can go nowhere
                    progress.add_records(len(kept))
        except KeyboardInterrupt:
            interrupted = True
        finally:
            progress.close()
            if store is not None:
                store.close()
        note = _interrupted_note(progress.documents) if interrupted else None
        try:
            with interrupts.held():
                if lost is None and (progress.documents or fmt == "json" or interrupted):
                    writer.close(kinds, note)
        except KeyboardInterrupt:
            interrupted = True
        except OSError as error:
            lost = OutputLost.after(error, stream)
    if lost is not None:
        lost.tell(stored=storer is not None and not storer.stopped)
    if failures:
        click.echo(f"tracker: {len(failures)} input(s) failed: " + ", ".join(f.name for f in failures), err=True)
    if interrupted:
        exit_interrupted(note or _interrupted_note(progress.documents))
    if failures or (lost is not None and not lost.closed_pipe):
        sys.exit(EXIT_INPUT)


def _interrupted_note(documents: int) -> str:
    return (f"interrupted (Ctrl-C): these are the records of the {documents} document(s) scanned until then; "
            "the ledger holds every document scanned to its end")


class _Storer:
    """Each document scanned to its end goes to the ledger with its records
    in one transaction, which Ctrl-C does not cut; a document the ledger
    refuses is a failed input.  A fault of the ledger file itself (a full
    disk, a damaged or read-only file, a lock held past the timeout) fails
    every later document too: storing stops, said once, and the scan goes on
    printing."""

    def __init__(self, store: Ledger, fail: OnFailure, interrupts: Interrupts) -> None:
        self.store, self.fail, self.interrupts = store, fail, interrupts
        self.stopped = False
        self.stored = 0

    def __call__(self, document: Document, records: list[Record]) -> None:
        if self.stopped:
            return
        try:
            with self.interrupts.held():
                self.store.add_document(document.name, document.text, document.date, records)
            self.stored += 1
        except LedgerFault as err:
            self.stopped = True
            self.fail(InputError(document.name, f"not stored in the ledger: {err}"))
            click.echo(f"tracker: {self.store.path}: storing stopped after {self.stored} document(s); the "
                       "documents after it are printed but not stored", err=True)
        except LedgerError as err:
            self.fail(InputError(document.name, f"not stored in the ledger: {err}"))


def _open_ledger(path: str, ruleset: RuleSet) -> Ledger:
    """The ledger, linking and dating with the loaded rule set's link rules and time vocabulary."""
    if ruleset.links is None:
        raise click.UsageError("--ledger needs link rules, and no `links:` file was loaded "
                               "(the bundled rules/links.yaml, or one in a --rules folder)")
    try:
        return Ledger(path, ruleset.links, ruleset.time)
    except LedgerError as err:
        raise click.UsageError(str(err)) from None
