"""`tracker scan --dask SCHEDULER`: the scan on a Dask cluster, with a direct scan's output and exit codes.

Kept out of scan.py: `dask_options` adds the options to `tracker scan` and
sends a scan with --dask here, so scan.py only carries the decorator.

    --dask SCHEDULER   local, local:N (a LocalCluster of N workers) or tcp://host:8786
    --output DIR       partitioned output instead of printing (tracker/distributed/output.py);
                       --format is then jsonl (the default) or parquet
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

from tracker.cli.common import EXIT_INPUT, load_rules_or_exit
from tracker.distributed import OUTPUT_FORMATS
from tracker.distributed.results import DocumentResult, PartitionSummary
from tracker.ledger.store import Ledger
from tracker.output import Writer
from tracker.reader import DEFAULT_GLOBS, InputError, JsonlFields
from tracker.records import KINDS


def dask_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --dask, --blocksize and --output to the scan command's options.

    Put it just below `@click.command()`, so that it sees every other option:
    when the command already has an `--output` (a direct scan's output file),
    that option is reused, and with --dask names a folder.  --format also
    takes `parquet`, for --dask --output.
    """
    params = getattr(command, "__click_params__", [])
    has_output = any(p.name == "output" for p in params)
    for param in params:
        if param.name == "fmt" and isinstance(param.type, click.Choice):
            param.type = click.Choice([*param.type.choices, "parquet"])
            param.help = (param.help or "") + " With --dask --output DIR: jsonl or parquet."

    @functools.wraps(command)
    def run(*args: Any, dask: str | None, blocksize: str | None, **kwargs: Any) -> None:
        if dask is not None:
            return scan_on_dask(dask, blocksize, **kwargs)
        if blocksize is not None:
            raise click.UsageError("--blocksize sizes the partitions of a --dask scan")
        if kwargs.get("fmt") == "parquet":
            raise click.UsageError("--format parquet is for --dask ... --output DIR")
        if not has_output and kwargs.pop("output") is not None:
            raise click.UsageError("--output DIR writes partitioned output of a --dask scan; "
                                   "a direct scan prints to standard output")
        return command(*args, **kwargs)

    options = [
        click.Option(["--dask"], metavar="SCHEDULER",
                     help="Scan on a Dask cluster: local, local:N (N worker processes here), or a scheduler "
                          "address (tcp://host:8786). Needs pip install 'tracker[dask]'."),
        click.Option(["--blocksize"], metavar="SIZE",
                     help="With --dask: bytes of input per partition (e.g. 64MiB); by default about four "
                          "partitions per worker."),
    ]
    if not has_output:
        options.insert(1, click.Option(["--output"], type=click.Path(file_okay=False), metavar="DIR",
                                       help="With --dask: write one records file per partition, a manifest and "
                                            "_SUCCESS to this new folder (or fsspec URL) instead of printing."))
    run.__click_params__[:0] = reversed(options)  # type: ignore[attr-defined]  # click lists options in reverse
    return run


def scan_on_dask(scheduler: str, blocksize: str | None, *, paths: tuple[str, ...], fmt: str,
                 kinds: tuple[str, ...], actors: tuple[str, ...], rules: tuple[str, ...], no_default_rules: bool,
                 globs: tuple[str, ...], text_field: str, date_field: str, id_field: str, encoding: str,
                 decode_errors: str, doc_date: str | None, ledger: str | None, jobs: int, time_budget: int,
                 output: str | None, **_direct_only: Any) -> None:
    """The --dask scan; `_direct_only` are options of direct scans (a progress bar, say) it has no use for."""
    if not paths:
        raise click.UsageError("give files or folders to scan, e.g. `tracker scan seeds/ --dask local`")
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
    if output is not None and (kinds or actors):
        raise click.UsageError("--kind and --actor choose what is printed; --output DIR keeps every record")
    if "-" in paths:
        raise click.UsageError("standard input (-) cannot be read by Dask workers; give files, folders or URLs")
    fmt = _format(fmt, output)
    partition_bytes = _bytes(blocksize)
    ruleset = load_rules_or_exit(rules, no_default_rules)
    for warning in ruleset.warnings:
        click.echo(str(warning), err=True)
    if output is not None:
        try:
            prepare(output)
        except OutputError as err:
            raise click.UsageError(str(err)) from None
    from tracker.cli.scan import _open_ledger  # the direct scan's: link rules checked, errors as usage errors

    store = _open_ledger(ledger, ruleset) if ledger else None
    spec = RulesSpec(tuple(rules), not no_default_rules, time_budget / 1000 if time_budget else None)
    options = ReadOptions(JsonlFields(text_field, date_field, id_field), encoding, decode_errors, doc_date)
    failures: list[InputError] = []
    report = _reporter(failures)
    try:
        with connect(scheduler) as client:
            job = Job(client, spec, options, tuple(globs) or DEFAULT_GLOBS, partition_bytes)
            if output is None:
                _print(job.results(list(paths)), fmt, kinds or KINDS, actors, report, store)
            else:
                manifest = job.write(list(paths), output, fmt, report)
                click.echo(f"tracker: {output}: {len(manifest['partitions'])} partitions, {manifest['documents']} "
                           f"documents, {manifest['records']} records", err=True)
                if store is not None and manifest["complete"]:
                    _store(store, read_results(output, manifest), report)
    except (OutputError, ClusterError) as err:  # an output folder that cannot be written, a scheduler not reached
        raise click.UsageError(str(err)) from None
    finally:
        if store is not None:
            store.close()
    if failures:
        click.echo(f"tracker: {len(failures)} input(s) failed: " + ", ".join(f.name for f in failures), err=True)
        sys.exit(EXIT_INPUT)


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


def _reporter(failures: list[InputError]) -> Callable[[PartitionSummary | DocumentResult], None]:
    """Failures and warnings on stderr, as a direct scan prints them, partition by partition in input order."""
    def report(done: PartitionSummary | DocumentResult) -> None:
        if isinstance(done, DocumentResult):
            for warning in done.warnings:
                click.echo(f"tracker: {warning}", err=True)
            failed = [InputError(done.name, done.error)] if done.error is not None else []
        else:
            for warning in done.tally.warnings:
                click.echo(f"tracker: {warning}", err=True)
            failed = [InputError(f.name, f.reason) for f in done.tally.failed]
        for failure in failed:
            failures.append(failure)
            click.echo(f"tracker: {failure}", err=True)
    return report


def _print(results: Generator[DocumentResult, None, None], fmt: str, kinds: tuple[str, ...],
           actors: tuple[str, ...], report: Callable[[DocumentResult], None], store: Ledger | None) -> None:
    from tracker.cli.scan import _wanted  # the direct scan's --kind and --actor

    writer = Writer(sys.stdout, fmt)
    with closing(results):
        for result in results:
            writer.add([r for r in result.records if _wanted(r, kinds, actors)])
            report(result)
            if store is not None:
                _store(store, [result], report)
    writer.close(kinds)


def _store(store: Ledger, results: Iterable[DocumentResult], report: Callable[[DocumentResult], None]) -> None:
    """Into the ledger as a direct scan stores them; a document it refuses is a failed input."""
    from tracker.distributed.ledger_import import import_results

    import_results(store, results, lambda e: report(DocumentResult(e.name, None, None, error=e.message)))
