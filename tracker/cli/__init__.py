"""The `tracker` command line: option parsing and printing, no extraction logic.

    scan.py      tracker scan
    rules.py     tracker rules check | test | list | schema | path
    explain.py   tracker explain
    ledger.py    tracker ledger ...
    report.py    tracker report
    common.py    exit codes and rule-loading options every command shares

Exit codes: 0 all went well; 1 some inputs could not be read (the others
were still scanned and printed); 2 usage or rule-file errors.
"""
from __future__ import annotations

import click

from tracker.cli.explain import explain
from tracker.cli.ledger import ledger
from tracker.cli.report import report
from tracker.cli.rules import rules
from tracker.cli.scan import scan


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tracker")
def main() -> None:
    """Track who promised, accused, approved and said what in news text."""


main.add_command(scan)
main.add_command(ledger)
main.add_command(rules)
main.add_command(explain)
main.add_command(report)
