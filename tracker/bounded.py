"""Reading at most so many bytes of one document, so that one huge input cannot exhaust memory.

A 194 KB `.jsonl.gz` can hold one 200 MB line: read whole, it would take
gigabytes.  Each document (a file, or one line of a dump) is read up to a
limit, `tracker scan --max-doc-bytes`; past it the document is refused
alone and, for a line, the rest of it is skipped in small pieces, never
held.  The limit counts bytes as read, after decompression.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

DEFAULT_MAX_DOC_BYTES = 64 * 1024 * 1024  # far above any news article, far below a machine's memory
_SKIP_CHUNK = 1 << 20


class Readable(Protocol):
    """A binary stream: an open file, a gzip file, standard input's buffer."""

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


class TooLarge(Exception):
    """A document longer than the limit; nothing of it is kept."""


def read_at_most(stream: Readable, limit: int | None) -> bytes:
    """The rest of `stream`, or TooLarge past `limit` bytes (None: no limit)."""
    data = stream.read(-1 if limit is None else limit + 1)
    if limit is not None and len(data) > limit:
        raise TooLarge
    return data


def lines_at_most(stream: Readable, limit: int | None) -> Iterator[tuple[bytes | None, int]]:
    """Each line of `stream` with its length in bytes; None in place of a line longer than `limit`."""
    while True:
        line = stream.readline(-1 if limit is None else limit + 1)
        if not line:
            return
        if limit is None or len(line) <= limit or line.endswith(b"\n") and len(line) == limit + 1:
            yield line, len(line)
            continue
        length = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            length += len(line)
        yield None, length
