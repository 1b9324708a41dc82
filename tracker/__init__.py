"""tracker: who promised, accused, approved and said what."""

__version__ = "0.1.0"
