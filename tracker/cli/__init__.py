"""The `tracker` command line: option parsing and printing, no extraction logic.

    scan.py           tracker scan
    dask_scan.py      tracker scan --dask
    rules.py          tracker rules check | test | list | schema | path
    explain.py        tracker explain
    ledger.py         tracker ledger ...
    ledger_import.py  tracker ledger import (the output of scan --dask)
    report.py         tracker report
    common.py         exit codes, help epilogs and rule-loading options every command shares
    output.py         -f, -o and --width, shared by the commands that print records or rows
    progress.py       the progress line of a long scan
    interrupt.py      Ctrl-C during a scan

Exit codes: 0 all went well; 1 some inputs could not be read (the others
were still scanned and printed); 2 usage or rule-file errors; 130 stopped
by Ctrl-C.
"""
from __future__ import annotations

import importlib
from typing import Any

import click

from tracker.cli.interrupt import exit_interrupted

# Each command is imported when it is run (or listed by --help): `tracker scan`
# need not pay for the ledger, the report's templates or explain's probes.
COMMANDS = {
    "scan": "tracker.cli.scan:scan",
    "ledger": "tracker.cli.ledger_import:ledger",
    "rules": "tracker.cli.rules:rules",
    "explain": "tracker.cli.explain:explain",
    "report": "tracker.cli.report:report",
}

COMPLETION = """Shell completion (bash; zsh and fish alike, see docs/cli.md):

\b
  eval "$(_TRACKER_COMPLETE=bash_source tracker)"
"""


class _Tracker(click.Group):
    """The command group; Ctrl-C outside a scan (which handles it itself) exits 130 without Click's 'Aborted!'."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            exit_interrupted("interrupted (Ctrl-C)")


@click.group(cls=_Tracker, context_settings={"help_option_names": ["-h", "--help"]}, epilog=COMPLETION)
@click.version_option(package_name="tracker")
def main() -> None:
    """Track who promised, accused, approved and said what in news text.

    Run `tracker COMMAND -h` for a command's options, examples and exit codes."""
