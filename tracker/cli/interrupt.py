"""Ctrl-C during a scan: stop at once, but never in the middle of writing.

Python turns SIGINT into a KeyboardInterrupt wherever the program is.  That
is what a user wants while rules run or workers are waited for, but raised
while a JSON Lines record or a ledger transaction is being written it would
leave half a line or half a document.  Inside `held()` the interrupt waits
until the block is done.
"""
from __future__ import annotations

import atexit
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C


def exit_interrupted(message: str) -> NoReturn:
    """Say why the run stopped and exit 130, with no traceback.

    Not sys.exit: when Ctrl-C cuts code that CPython runs from a string (a
    dataclass being built while a module is imported on first use), it marks
    the interrupt as unhandled however it was caught, and ends the process
    by SIGINT after shutdown (exit -2).  So the shutdown is done here: output
    flushed, exit handlers run (they end worker processes and remove
    temporary files), then the process exits with the code a shell expects.
    """
    print(f"tracker: {message}", file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe or a closed file: there is nothing left to flush to
    atexit._run_exitfuncs()
    os._exit(EXIT_INTERRUPTED)


class Interrupts:
    """Installed as the SIGINT handler while the scan runs (a context manager)."""

    def __init__(self) -> None:
        self.holding = 0
        self.pending = False
        self.previous: Any = None

    def __enter__(self) -> Interrupts:
        self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        signal.signal(signal.SIGINT, self.previous if self.previous is not None else signal.default_int_handler)

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        if self.holding:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if self.pending and not self.holding:
            self.pending = False
            raise KeyboardInterrupt
