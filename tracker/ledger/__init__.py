"""The commitment ledger: documents and records across scans, linked into threads.

`tracker scan PATH... --ledger FILE.db` writes through ``Ledger``, with the link
rules and time vocabulary of the loaded rule set; `tracker ledger ...`
(tracker/cli/ledger.py) reads.
"""
from tracker.ledger.store import Ledger, LedgerError, LedgerFault

__all__ = ["Ledger", "LedgerError", "LedgerFault"]
