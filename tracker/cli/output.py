"""The output options of every command that prints records or rows: -f, -o, --width, -q.

They behave the same everywhere, as in ruff or semgrep: `-o FILE` writes
where stdout would go (created only once the command is sure to run, so a
usage error never clobbers it); tables wrap long cells only for a terminal,
or at --width N.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

import click

from tracker.cli.common import UsageProblem
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


@contextmanager
def opened_output(path: str) -> Iterator[TextIO]:
    """Standard output, or FILE opened for writing (UTF-8); closed, with what was written, however the block ends."""
    if path == "-":
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise UsageProblem(f"cannot write {path}: {error.strerror}") from None
    with stream:
        yield stream


def write_text(path: str, text: str) -> None:
    """Print `text` (a whole table or listing) to standard output or FILE."""
    with opened_output(path) as stream:
        stream.write(text)
