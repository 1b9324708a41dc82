"""Lone surrogates: characters that JSON can spell (``"\\ud800"``) but no encoding can write.

A JSON Lines article holding one would crash every output format and the
ledger, which encode text as UTF-8.  Read as U+FFFD instead, one character
for one, so that every record's offsets into the text stay exact.
"""
from __future__ import annotations

import re

_LONE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_surrogates(text: str) -> str:
    """`text` with each surrogate code point replaced by U+FFFD (the text itself when it has none)."""
    return _LONE.sub(REPLACEMENT, text)
