"""A scan's progress on stderr: documents, sentences per second, records, failures.

For a person watching a terminal only: when stderr is not one (a log file,
a pipe, CI) nothing is printed, so logs hold only what matters.  tqdm draws
the line: it redraws in place without flicker, copes with an unknown total
(a JSON Lines dump is not counted first) and lets other messages pass above
the bar (`note`), which click.progressbar, made for a known length, does not;
rich would do as well but brings a whole rendering stack for one line.
"""
from __future__ import annotations

import sys
import time

import click
from tqdm import tqdm

SHOW_AFTER_SECONDS = 1.0  # a scan that ends before this never shows a bar


class Progress:
    """Counts what a scan did and, when `shown`, draws it on stderr."""

    def __init__(self, shown: bool) -> None:
        self.documents = self.sentences = self.records = self.failures = 0
        self.started = time.monotonic()
        self.bar: tqdm | None = None
        if shown:
            self.bar = tqdm(file=sys.stderr, desc="scanning", delay=SHOW_AFTER_SECONDS, leave=False,
                            dynamic_ncols=True, bar_format="{desc}: {n_fmt} documents [{elapsed}{postfix}]")

    def scanned(self, sentences: int) -> None:
        self.documents += 1
        self.sentences += sentences
        self._draw(1)

    def add_records(self, count: int) -> None:
        self.records += count

    def failed(self) -> None:
        self.failures += 1
        self._draw(0)

    def _draw(self, documents: int) -> None:
        if self.bar is None:
            return
        rate = self.sentences / max(time.monotonic() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{rate:,.0f} sentences/s, {self.records:,} records, {self.failures} failed",
                                 refresh=False)
        self.bar.update(documents)

    def note(self, message: str) -> None:
        """A message on stderr, above the bar while it is drawn."""
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def close(self) -> None:
        """Clear the bar, so that tables printed next start on a clean line."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
