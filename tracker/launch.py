"""The `tracker` command's entry point: Ctrl-C is quiet from the first instant.

Importing the command line (Click, the rule loader, trafilatura) takes a
moment; Ctrl-C then would print the traceback of whatever import it cut.
This module imports nothing heavy itself, so it is in place before them.
"""
from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130  # as tracker.cli.interrupt says, without importing it


def main() -> None:
    try:
        from tracker.cli import main as command
    except BaseException as error:
        if not _interrupted(error):
            raise
        print("tracker: interrupted (Ctrl-C)", file=sys.stderr, flush=True)
        # Not sys.exit: an import cut by Ctrl-C can leave the interpreter to
        # end the process by SIGINT at shutdown (exit -2, not 130); nothing
        # has been written yet that an exit handler would need to flush.
        os._exit(EXIT_INTERRUPTED)
    command()


def _interrupted(error: BaseException | None) -> bool:
    """A KeyboardInterrupt, or an error an import raised because of one (a
    class being built wraps it: "RuntimeError: Error calling __set_name__")."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, KeyboardInterrupt):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False
