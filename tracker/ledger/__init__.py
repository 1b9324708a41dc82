"""The commitment ledger: documents and records across scans, linked into threads.

`tracker scan PATH... --ledger FILE.db` writes through ``Ledger``; `tracker
ledger ...` (tracker.ledger.cli) reads.
"""
from tracker.ledger.store import Ledger, LedgerError

__all__ = ["Ledger", "LedgerError"]
