"""Output: records as tables, JSON Lines, JSON, CSV or TSV; ledger rows likewise; the HTML report."""
from tracker.output.formats import FORMATS, STREAM_FORMATS
from tracker.output.writer import Writer

__all__ = ["FORMATS", "STREAM_FORMATS", "Writer"]
