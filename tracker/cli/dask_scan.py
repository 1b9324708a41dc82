"""`tracker scan --dask SCHEDULER`: the scan on a Dask cluster, with a direct scan's output and exit codes.

Kept out of scan.py: `dask_options` adds the options to `tracker scan` and
sends a scan with --dask here, so scan.py only carries the decorator.

    --dask SCHEDULER   local, local:N (a LocalCluster of N workers) or tcp://host:8786
    -o/--output DIR    the scan's own --output: with --dask it names a folder of partitioned
                       output instead of a file (tracker/distributed/output.py); --format is
                       then jsonl (the default) or parquet
    --blocksize SIZE   bytes per partition (64MiB, 500kB); by default about four per worker

Without --output the records come back and are printed as a direct scan
prints them, in the same order.  --ledger stores the documents, from the
client, in input order, once the scan is done; `tracker ledger import DIR`
does the same later from partitioned output.
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from typing import Any

import click
from click.core import ParameterSource

from tracker.actornames import ActorNames
from tracker.actors import Lexicon
from tracker.bounded import DEFAULT_MAX_DOC_BYTES
from tracker.cli.common import exit_if_failed, load_rules_or_exit
from tracker.cli.output import OutputLost
from tracker.distributed import OUTPUT_FORMATS
from tracker.distributed.results import DocumentResult, PartitionSummary
from tracker.ledger.store import Ledger
from tracker.output import Writer
from tracker.output.layout import table_width
from tracker.reader import DEFAULT_GLOBS, InputError, JsonlFields
from tracker.records import KINDS


def dask_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --dask and --blocksize to the scan command's options.

    Put it just below `@click.command()`, so that it sees every other option:
    the scan's -o/--output (a file) is the one option, and with --dask names
    a folder.  --format also takes `parquet`, for --dask --output.
    """
    params = getattr(command, "__click_params__", [])
    for param in params:
        if param.name == "fmt" and isinstance(param.type, click.Choice):
            param.type = click.Choice([*param.type.choices, "parquet"])
            param.help = (param.help or "") + " With --dask --output DIR: jsonl or parquet."
        if param.name == "output" and isinstance(param.type, click.Path):
            param.type.dir_okay = True  # a folder with --dask; a direct scan's file is refused by opening it
            param.metavar = "FILE|DIR"
            param.help = (param.help or "") + (" With --dask: a new folder (or fsspec URL) for one records file per "
                                               "partition, a manifest and _SUCCESS, instead of printing.")

    @functools.wraps(command)
    def run(*args: Any, dask: str | None, blocksize: str | None, **kwargs: Any) -> None:
        if dask is not None:
            return scan_on_dask(dask, blocksize, **kwargs)
        if blocksize is not None:
            raise click.UsageError("--blocksize sizes the partitions of a --dask scan")
        if kwargs.get("fmt") == "parquet":
            raise click.UsageError("--format parquet is for --dask ... --output DIR")
        return command(*args, **kwargs)

    options = [
        click.Option(["--dask"], metavar="SCHEDULER",
                     help="Scan on a Dask cluster: local, local:N (N worker processes here), or a scheduler "
                          "address (tcp://host:8786). Needs pip install 'tracker[dask]'."),
        click.Option(["--blocksize"], metavar="SIZE",
                     help="With --dask: bytes of input per partition (e.g. 64MiB); by default about four "
                          "partitions per worker."),
    ]
    run.__click_params__[:0] = reversed(options)  # type: ignore[attr-defined]  # click lists options in reverse
    return run


def scan_on_dask(scheduler: str, blocksize: str | None, *, paths: tuple[str, ...], fmt: str, output: str,
                 width: int | None, quiet: bool, kinds: tuple[str, ...], actors: tuple[str, ...], substring: bool,
                 rules: tuple[str, ...], no_default_rules: bool, globs: tuple[str, ...], text_field: str,
                 date_field: str, id_field: str, encoding: str, decode_errors: str, follow_links: bool,
                 max_doc_bytes: int, doc_date: str | None, ledger: str | None, jobs: int, time_budget: int) -> None:
    """The --dask scan.  `output` is "-" (print the records) or the folder of partitioned output."""
    if not paths:
        raise click.UsageError("give files or folders to scan, e.g. `tracker scan seeds/ --dask local`")
    if follow_links or max_doc_bytes != DEFAULT_MAX_DOC_BYTES:
        # the workers read through fsspec, which neither walks links nor bounds a document yet
        raise click.UsageError("--follow-links and --max-doc-bytes are for scans without --dask")
    from tracker.distributed.cluster import ClusterError, connect, require_dask

    try:
        require_dask("--dask")
    except ClusterError as err:
        raise click.UsageError(str(err)) from None
    from tracker.distributed.job import Job
    from tracker.distributed.output import OutputError, prepare, read_results
    from tracker.distributed.reading import ReadOptions
    from tracker.distributed.worker import RulesSpec

    if jobs != 1:
        raise click.UsageError("-j/--jobs is for direct scans; with --dask the cluster's workers do the work "
                               "(local:N for N of them here)")
    if substring and not actors:
        raise click.UsageError("--substring changes how --actor matches; give --actor NAME too")
    folder = None if output == "-" else output
    if folder is not None and (kinds or actors):
        raise click.UsageError("--kind and --actor choose what is printed; --output DIR keeps every record")
    if "-" in paths:
        raise click.UsageError("standard input (-) cannot be read by Dask workers; give files, folders or URLs")
    fmt = _format(fmt, folder)
    partition_bytes = _bytes(blocksize)
    ruleset = load_rules_or_exit(rules, no_default_rules)
    if not quiet:
        for warning in ruleset.warnings:
            click.echo(str(warning), err=True)
    if folder is not None:
        try:
            prepare(folder)
        except OutputError as err:
            raise click.UsageError(str(err)) from None
    from tracker.cli.scan import _open_ledger  # the direct scan's: link rules checked, errors as usage errors

    store = _open_ledger(ledger, ruleset) if ledger else None
    spec = RulesSpec(tuple(rules), not no_default_rules, time_budget / 1000 if time_budget else None)
    options = ReadOptions(JsonlFields(text_field, date_field, id_field), encoding, decode_errors, doc_date)
    failures: list[InputError] = []
    report = _reporter(failures, quiet)
    try:
        with connect(scheduler) as client:
            job = Job(client, spec, options, tuple(globs) or DEFAULT_GLOBS, partition_bytes)
            if folder is None:
                names = ActorNames(actors, Lexicon(ruleset.lexicons), ruleset.words, substring) if actors else None
                _print(job.results(list(paths)), Writer(sys.stdout, fmt, table_width(sys.stdout, width)),
                       kinds or KINDS, names, report, store)
            else:
                manifest = job.write(list(paths), folder, fmt, report)
                if not quiet:
                    click.echo(f"tracker: {folder}: {len(manifest['partitions'])} partitions, "
                               f"{manifest['documents']} documents, {manifest['records']} records", err=True)
                if store is not None and manifest["complete"]:
                    _store(store, read_results(folder, manifest), report)
    except (OutputError, ClusterError) as err:  # an output folder that cannot be written, a scheduler not reached
        raise click.UsageError(str(err)) from None
    except BrokenPipeError as error:  # `tracker scan --dask ... | head`: as a direct scan, quietly
        OutputLost.after(error, sys.stdout).tell(stored=False)
    finally:
        if store is not None:
            store.close()
    exit_if_failed([f.name for f in failures])


def _format(fmt: str, output: str | None) -> str:
    given = click.get_current_context().get_parameter_source("fmt") != ParameterSource.DEFAULT
    if output is None:
        if fmt == "parquet":
            raise click.UsageError("--format parquet needs --output DIR")
        return fmt
    if not given:
        return "jsonl"
    if fmt not in OUTPUT_FORMATS:
        raise click.UsageError(f"--output DIR is written as {' or '.join(OUTPUT_FORMATS)}, not {fmt}")
    return fmt


def _bytes(size: str | None) -> int | None:
    if size is None:
        return None
    from dask.utils import parse_bytes

    try:
        value = parse_bytes(size)
    except ValueError:
        raise click.UsageError(f"--blocksize {size}: expected a size such as 64MiB or 500kB") from None
    if value < 1:
        raise click.UsageError(f"--blocksize {size}: must be at least one byte")
    return int(value)


def _reporter(failures: list[InputError], quiet: bool) -> Callable[[PartitionSummary | DocumentResult], None]:
    """Failures and warnings (not with -q) on stderr, as a direct scan prints them, partition by partition in
    input order."""
    def report(done: PartitionSummary | DocumentResult) -> None:
        warnings = done.warnings if isinstance(done, DocumentResult) else done.tally.warnings
        for warning in [] if quiet else warnings:
            click.echo(f"tracker: {warning}", err=True)
        if isinstance(done, DocumentResult):
            failed = [InputError(done.name, done.error)] if done.error is not None else []
        else:
            failed = [InputError(f.name, f.reason) for f in done.tally.failed]
        for failure in failed:
            failures.append(failure)
            click.echo(f"tracker: {failure}", err=True)
    return report


def _print(results: Generator[DocumentResult, None, None], writer: Writer, kinds: tuple[str, ...],
           names: ActorNames | None, report: Callable[[DocumentResult], None], store: Ledger | None) -> None:
    """As a direct scan prints: --kind and --actor (names learnt record by record, in input order)."""
    scanned = 0
    with closing(results):
        for result in results:
            writer.add([r for r in result.records if (names is None or names.matches(r)) and r.kind in kinds])
            report(result)
            scanned += result.error is None
            if store is not None:
                _store(store, [result], report)
    if scanned or writer.fmt == "json":  # nothing scanned: no empty tables, as a direct scan
        writer.close(kinds)


def _store(store: Ledger, results: Iterable[DocumentResult], report: Callable[[DocumentResult], None]) -> None:
    """Into the ledger as a direct scan stores them; a document it refuses is a failed input."""
    from tracker.distributed.ledger_import import import_results

    import_results(store, results, lambda e: report(DocumentResult(e.name, None, None, error=e.message)))
