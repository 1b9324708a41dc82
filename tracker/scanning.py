"""The scan loop `tracker scan` and `tracker.scan` share: documents in, records out, failures reported.

Both need the same guarantees: records come out a piece at a time in input
order, a rule stopped by its time budget is reported once the document's
records are out, and an input that cannot be read or scanned is reported
by name while every other input is still scanned.  Only what is done with
a failure or a warning differs (stderr and an exit code, or a Python
warning or callback), so the caller passes that in.
"""
from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from contextlib import closing

from tracker.extract import DEFAULT_TIME_BUDGET
from tracker.parallel import Item, extract_documents
from tracker.reader import Document, InputError
from tracker.records import Record
from tracker.rulefiles import RuleSet

OnFailure = Callable[[InputError], None]
OnWarning = Callable[[str], None]
OnDocument = Callable[[Document, list[Record]], None]
OnScanned = Callable[[int], None]


def scan_records(items: Iterable[Item], ruleset: RuleSet, on_failure: OnFailure, on_warning: OnWarning, *,
                 rules: tuple[str, ...] = (), defaults: bool = True, jobs: int = 1,
                 time_budget: float | None = DEFAULT_TIME_BUDGET,
                 on_document: OnDocument | None = None,
                 on_scanned: OnScanned | None = None) -> Generator[list[Record], None, None]:
    """The records of every document, a piece at a time, in input order.

    `on_document` gets each document scanned to its end with all its records
    (the ledger stores them in one transaction); they are only kept for it
    when it is given.  `rules` and `defaults` say how `ruleset` was loaded,
    for worker processes that load it afresh (see extract_documents).
    `on_scanned` gets the number of sentences of each document read, for progress.
    """
    with closing(extract_documents(items, ruleset, rules, defaults, jobs, time_budget)) as results:
        for item, outcome in results:
            if isinstance(item, InputError):
                on_failure(item)
                continue
            kept: list[Record] = []
            for piece in outcome.pieces:
                yield piece
                if on_document is not None:
                    kept.extend(piece)
            for warning in outcome.warnings:
                on_warning(warning)
            if on_scanned is not None:
                on_scanned(outcome.sentences)
            if outcome.error:
                on_failure(InputError(item.name, outcome.error))
            elif on_document is not None:
                on_document(item, kept)
