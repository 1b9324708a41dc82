"""The `tracker` command's entry point: Ctrl-C is quiet from the first instant.

Importing the command line (Click, the rule loader, trafilatura) takes a
moment; Ctrl-C then would print the traceback of whatever import it cut.
This module imports nothing heavy itself, so it is in place before them.
"""
from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as tracker.cli.interrupt says, without importing it


def main() -> None:
    try:
        from tracker.cli import main as command
    except KeyboardInterrupt:
        print("tracker: interrupted (Ctrl-C)", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    command()
