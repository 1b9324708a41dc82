"""Output: records as tables, JSON Lines, JSON or CSV."""
from tracker.output.writer import FORMATS, STREAM_FORMATS, Writer

__all__ = ["FORMATS", "STREAM_FORMATS", "Writer"]
