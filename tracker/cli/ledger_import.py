"""`tracker ledger import DIR`: the partitioned output of a --dask scan into a ledger.

Its own module, beside the ledger's query commands (ledger.py), because it
is the one ledger command that writes and loads rules.  It adds itself to
the `tracker ledger` group, and the command line takes the group from here
(cli/__init__.py), so that the group is never without it.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from tracker.cli.common import UsageProblem, epilog, exit_if_failed, load_rules_or_exit, rules_options
from tracker.cli.ledger import _ledger_option, ledger
from tracker.ledger.store import Ledger, LedgerError
from tracker.reader import InputError
from tracker.rulefiles import RuleSet

IMPORT_EXITS = ("0 all went well; 1 some documents were not stored (each named on stderr; the others were); "
                "2 usage or rule-file error (no scan output in DIR, a file that is no ledger)")


@click.command(name="import", epilog=epilog(
    ["tracker scan corpus/ --dask local:2 -o out/ && tracker ledger import out/ --ledger story.db"], IMPORT_EXITS))
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
        raise UsageProblem(str(err)) from None
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
    exit_if_failed(failures)


@contextmanager
def _writable(path: str, ruleset: RuleSet) -> Iterator[Ledger]:
    """A ledger to add to, created if missing, linking with the rule set's link rules."""
    if ruleset.links is None:
        raise UsageProblem("importing needs link rules, and no `links:` file was loaded "
                           "(the bundled rules/links.yaml, or one in a --rules folder)")
    try:
        opened = Ledger(path, ruleset.links, ruleset.time)
    except LedgerError as error:
        raise UsageProblem(str(error)) from None
    with opened:
        yield opened


ledger.add_command(import_output)
