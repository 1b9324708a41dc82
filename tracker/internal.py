"""How a bug in tracker is told to the user: as tracker's fault, never as a fault of their input.

A document that trips a programming error fails alone, as a bad input does
(the rest of the run is scanned and stored), but its line says that the
error is internal and asks for a report, so that it is neither taken for
bad input nor lost among the failures of bad inputs.
"""
from __future__ import annotations


def internal_error(err: BaseException) -> str:
    """The one-line message for a programming error met on one input."""
    return f"internal error: {type(err).__name__}: {err}; please report it"
