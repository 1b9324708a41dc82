"""Documents and their records into the SQLite ledger, by one writer, as a direct scan stores them.

`tracker scan --ledger` stores each document scanned to its end, in input
order, with Ledger.add_document; here each comes from partitioned output
(or back from the workers) with its text's hash instead of its text, and
goes through the same store and link steps in the same order, so the
ledger holds the same rows.  A document already stored (by hash) adds
nothing, so importing twice adds nothing; a document that failed in the
scan is not stored, as in a direct scan.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker.distributed.results import DocumentResult
from tracker.ledger.store import Ledger, LedgerError
from tracker.reader import InputError


@dataclass
class Imported:
    documents: int = 0  # documents read
    added: int = 0      # stored now
    present: int = 0    # already in the ledger
    failed: int = 0     # failed in the scan, or refused by the ledger: not stored
    records: int = 0    # records of the documents stored now


def import_results(ledger: Ledger, results: Iterable[DocumentResult],
                   on_failure: Callable[[InputError], None]) -> Imported:
    """Store every result that has no error; a document the ledger refuses goes to `on_failure`."""
    counts = Imported()
    for result in results:
        counts.documents += 1
        if result.error is not None or result.sha256 is None:
            counts.failed += 1
            continue
        try:
            added = ledger.add_hashed(result.name, result.sha256, result.date, result.records)
        except LedgerError as err:
            counts.failed += 1
            on_failure(InputError(result.name, f"not stored in the ledger: {err}"))
            continue
        if added:
            counts.added += 1
            counts.records += len(result.records)
        else:
            counts.present += 1
    return counts
