"""The output options of every command that prints records or rows: -f, -o, --width, -q.

They behave the same everywhere, as in ruff or semgrep: `-o FILE` writes
where stdout would go (created only once the command is sure to run, so a
usage error never clobbers it); tables wrap long cells only for a terminal,
or at --width N.
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

import click

from tracker.cli.common import EXIT_INPUT, UsageProblem
from tracker.output.formats import FORMAT_HELP, FORMATS


def format_option(command: Callable) -> Callable:
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="simple", metavar="FORMAT",
                        help=FORMAT_HELP)(command)


def output_option(command: Callable) -> Callable:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
                        metavar="FILE", help="Write to FILE instead of standard output.")(command)


def width_option(command: Callable) -> Callable:
    return click.option("--width", type=click.IntRange(min=20), metavar="N",
                        help="Wrap table cells to N columns (default: the terminal's width at a terminal, "
                             "no wrapping otherwise: one row per line).")(command)


def quiet_option(command: Callable) -> Callable:
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print the output and errors only: no progress, warnings or notes.")(command)


# A character the output's encoding lacks (any, in an ASCII terminal) is written as a
# backslash escape, the same in every format, instead of failing the whole output.
UNENCODABLE = "backslashreplace"


@contextmanager
def opened_output(path: str) -> Iterator[TextIO]:
    """Standard output, or FILE opened for writing (UTF-8); closed, with what was written, however the block ends."""
    if path == "-":
        if sys.stdout is None:  # started with `>&-`
            raise UsageProblem("standard output is closed, so nothing could be printed; redirect it "
                               "(> FILE) or give -o FILE")
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=UNENCODABLE)
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8", errors=UNENCODABLE, newline="")
    except OSError as error:
        raise UsageProblem(f"cannot write {path}: {error.strerror}") from None
    with stream:
        yield stream


@dataclass
class OutputLost:
    """The output could not be written: its reader went away (`| head`), or its device is full.

    A closed pipe is how `head` says it has enough, so the scan ends quietly
    (exit 0); any other failure is one line and exit 1.  Either way the
    stream is pointed at /dev/null, so that nothing fails again when Python
    flushes it at exit."""

    closed_pipe: bool
    reason: str

    @classmethod
    def after(cls, error: OSError, stream: TextIO) -> OutputLost:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor (a test's buffer)
            pass
        return cls(isinstance(error, BrokenPipeError), error.strerror or str(error))

    def tell(self, stored: bool) -> None:
        """Say what happened, and what the ledger (`stored`: the scan went on storing) holds."""
        kept = "; every document was still scanned and stored in the ledger" if stored else ""
        if not self.closed_pipe:
            click.echo(f"tracker: cannot write the output: {self.reason}{kept}", err=True)
        elif kept:
            click.echo(f"tracker: the output's reader closed it{kept}", err=True)


def write_text(path: str, text: str) -> None:
    """Print `text` (a whole table or listing) to standard output or FILE; if it
    cannot be written, say so in one line (exit 1; a closed pipe: quietly, exit 0)."""
    with opened_output(path) as stream:
        try:
            stream.write(text)
            stream.flush()
        except OSError as error:
            lost = OutputLost.after(error, stream)
            lost.tell(stored=False)
            sys.exit(0 if lost.closed_pipe else EXIT_INPUT)
