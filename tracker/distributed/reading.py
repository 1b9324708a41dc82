"""A part's documents, read on a worker the way a direct scan reads them.

The per-file and per-dump steps are the reader's own (reader.file_document,
reader.jsonl_documents), so a document read here has the name, text and date
a direct `tracker scan` gives it, and a bad file or line the same message.
Only the opening differs: through fsspec, from the middle of a dump.
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import fsspec

from tracker.distributed.sources import JsonlRange, ParquetRows, Part, Source, TextFiles
from tracker.reader import (
    Document,
    InputError,
    InputErrorException,
    JsonlFields,
    file_document,
    iso_day,
    jsonl_documents,
)

Item = Document | InputError
COUNT_CHUNK = 1 << 20  # bytes read at a time when counting the lines before a range

READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class ReadOptions:
    """The direct scan's reading options: --text-field and the others, --encoding, --errors, --date."""

    fields: JsonlFields
    encoding: str = "utf-8"
    errors: str = "strict"
    date: str | None = None


def read_part(part: Part, options: ReadOptions) -> Iterator[Item]:
    if isinstance(part, TextFiles):
        for source in part.files:
            yield _text_file(source, options)
    elif isinstance(part, JsonlRange):
        yield from _guarded(part.file, _jsonl_range(part, options))
    else:
        yield from _guarded(part.file, _parquet_rows(part, options))


def _guarded(source: Source, items: Iterator[Item]) -> Iterator[Item]:
    """A file that breaks off while it is read is a failed input, after the documents read before."""
    try:
        yield from items
    except READ_ERRORS as err:
        yield InputError(source.name, f"cannot read: {getattr(err, 'strerror', None) or err}")


def _text_file(source: Source, options: ReadOptions) -> Item:
    try:
        with fsspec.open(source.url, "rb") as stream:
            data = stream.read()
        if source.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
        return file_document(source.name, data, options.encoding, options.errors, options.date)
    except InputErrorException as err:
        return err.error
    except READ_ERRORS as err:
        return InputError(source.name, f"cannot read: {getattr(err, 'strerror', None) or err}")


def _open_text(source: Source, stream: IO[bytes]) -> IO[bytes] | gzip.GzipFile:
    """The dump's text bytes: a .gz decompressed as it is read."""
    return gzip.GzipFile(fileobj=stream, mode="rb") if source.name.endswith(".gz") else stream


def _jsonl_range(part: JsonlRange, options: ReadOptions) -> Iterator[Item]:
    """The range's articles.  A later range of a dump whose first article lacks
    the text field reads nothing: the first range says so once for the dump."""
    if part.start and _wrong_field(part.file, options):
        return
    with fsspec.open(part.file.url, "rb") as raw:
        stream = _open_text(part.file, raw)
        position = part.start
        if part.start:
            stream.seek(part.start - 1)  # the end of the line before: the next line starting here is ours
            position = part.start - 1 + len(stream.readline())
        yield from jsonl_documents(part.file.name, _lines(stream, position, part.end), options.fields, options.date,
                                   None, position, _line_numbers(part.file, position), part.end is None)


def _lines(stream: IO[bytes] | gzip.GzipFile, position: int, end: int | None) -> Iterator[tuple[bytes, int]]:
    """The lines that start before `end`, from `position` on, with their lengths."""
    while end is None or position < end:
        line = stream.readline()
        if not line:
            return
        position += len(line)
        yield line, len(line)


def _wrong_field(source: Source, options: ReadOptions) -> bool:
    """Whether the dump's first article lacks the text field, as the reader tells it."""
    with fsspec.open(source.url, "rb") as raw:
        first = next((line for line in _open_text(source, raw) if line.strip()), b"")
    return any(isinstance(item, InputError) and item.name == source.name
               for item in jsonl_documents(source.name, [(first, len(first))], options.fields, options.date,
                                           complete=False))


def _line_numbers(source: Source, first: int) -> Callable[[int], int]:
    """The number of the range's nth line (1-based), for error messages and
    articles without an id.  The lines before the range are counted only when
    one is asked for: reading up to the range costs what reading it does."""
    before: list[int] = []

    def number(n: int) -> int:
        if not before:
            before.append(_newlines(source, first))
        return before[0] + n
    return number


def _newlines(source: Source, end: int) -> int:
    count, left = 0, end
    with fsspec.open(source.url, "rb") as raw:
        stream = _open_text(source, raw)
        while left > 0:
            chunk = stream.read(min(COUNT_CHUNK, left))
            if not chunk:
                break
            count += chunk.count(b"\n")
            left -= len(chunk)
    return count


def _parquet_rows(part: ParquetRows, options: ReadOptions) -> Iterator[Item]:
    """Rows as documents named like a dump's articles: NAME#ID, or NAME#ROW
    (1-based) without an id column; a row without text is NAME:ROW."""
    import pyarrow.parquet as pq

    fields = options.fields
    columns = [c for c in (fields.text, fields.id, fields.date) if c in part.columns]
    with fsspec.open(part.file.url, "rb") as stream:
        table = pq.ParquetFile(stream).read_row_groups(list(part.row_groups), columns=list(dict.fromkeys(columns)))
    for row_number, row in enumerate(table.to_pylist(), part.first_row + 1):
        text = row.get(fields.text)
        if not isinstance(text, str):
            yield InputError(f"{part.file.name}:{row_number}", f"no text in column '{fields.text}'")
            continue
        ident = row[fields.id] if fields.id in row else row_number
        yield Document(f"{part.file.name}#{ident}", text, options.date or _day(row.get(fields.date)))


def _day(value: Any) -> str | None:
    if isinstance(value, date):  # a date or datetime column
        return value.isoformat()[:10]
    return iso_day(value)
