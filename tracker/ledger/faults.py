"""What SQLite's errors mean for someone holding a ledger file: one line each, and whether storing can go on.

SQLite reports a full disk, a damaged file, a read-only file or a lock held
past the busy timeout as an error on whatever statement met it.  A scan
must not end on that with a traceback: these become a LedgerFault, which
names the file and says what to do, and which the scan answers by storing
no more (the fault is the file's, not one document's) while it goes on
printing.
"""
from __future__ import annotations

import sqlite3

DAMAGED = "the ledger file is damaged ({error}); `sqlite3 FILE .recover` may save what it holds"

# By SQLite's primary result code; Python before 3.11 has no names, so the message is read too.
_MEANINGS = (
    (("SQLITE_FULL",), ("disk is full",), "the disk is full: nothing more can be stored"),
    (("SQLITE_CORRUPT", "SQLITE_NOTADB"), ("malformed", "not a database", "no such table", "no such column"),
     DAMAGED),
    (("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM"), ("readonly", "read-only", "unable to open"),
     "the ledger cannot be written ({error}): a read-only file, folder or device"),
    (("SQLITE_BUSY", "SQLITE_LOCKED"), ("locked", "busy"),
     "the ledger is locked by another process past the {timeout:g} s timeout; try again when it is done"),
    (("SQLITE_IOERR",), ("disk i/o error",), "the device failed to read or write the ledger ({error})"),
)


class LedgerError(Exception):
    """The ledger file cannot be used: not SQLite, from a newer tracker, or a bad argument."""


class LedgerFault(LedgerError):
    """The ledger file itself failed (full, damaged, read-only, locked): every later write would fail too."""


def damaged(path: str, found: str) -> LedgerFault:
    """The fault of a file whose integrity check found `found`."""
    return LedgerFault(f"{path}: " + DAMAGED.format(error=f"integrity check: {found}"))


def fault(path: str, error: sqlite3.Error, timeout: float) -> LedgerFault:
    """`error` as a one-line LedgerFault about the ledger at `path`."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    for codes, words, meaning in _MEANINGS:
        if name.startswith(codes) or any(word in text for word in words):
            return LedgerFault(f"{path}: {meaning.format(error=error, timeout=timeout)}")
    return LedgerFault(f"{path}: SQLite failed: {error}")
