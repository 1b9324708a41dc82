"""Inputs as parts, one Dask partition each: planned on the client, read on the workers.

Consecutive text files are grouped into parts of about `blocksize` bytes;
a JSON Lines dump is cut into byte ranges of that size (a line belongs to
the range its first byte is in, so every line is read once whatever the
cuts); a Parquet file is cut between row groups.  Folders are expanded as
a direct scan expands them (reader.expand), so documents keep the names a
direct scan gives them.  fsspec URLs (`s3://...`, `file://...`) are
expanded and sized by their fsspec backend.

A .gz dump cannot be read from the middle: a worker reading one of its
later ranges decompresses what comes before and drops it.  Its size, to
plan the ranges, is the gzip trailer's (the size modulo 4 GiB); if that is
short, the last range reads on to the end, so nothing is lost, only balance.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any

import fsspec

from tracker.reader import InputError, expand, is_jsonl

MiB = 1 << 20
MIN_BLOCKSIZE, MAX_BLOCKSIZE = 1 * MiB, 64 * MiB  # the automatic blocksize's bounds
PARTS_PER_WORKER = 4  # the automatic blocksize gives each worker this many parts: balance and cheap retries


def is_parquet(name: str) -> bool:
    return name.endswith(".parquet")


def is_url(path: str) -> bool:
    return "://" in path


@dataclass(frozen=True)
class Source:
    """An input file: `name` as documents are named after it (the path as
    given, as a direct scan names it), `url` where a worker opens it (an
    absolute path, or the fsspec URL)."""

    name: str
    url: str


@dataclass(frozen=True)
class TextFiles:
    files: tuple[Source, ...]

    def __str__(self) -> str:
        if len(self.files) == 1:
            return self.files[0].name
        return f"{len(self.files)} files, {self.files[0].name} to {self.files[-1].name}"


@dataclass(frozen=True)
class JsonlRange:
    """The lines of a dump that start in bytes [start, end) of its text; end None: to the end."""

    file: Source
    start: int
    end: int | None

    def __str__(self) -> str:
        return f"{self.file.name} bytes {self.start}-{'' if self.end is None else self.end}"


@dataclass(frozen=True)
class ParquetRows:
    """Row groups of a Parquet file; `first_row` is the 0-based number of their first row in the file."""

    file: Source
    row_groups: tuple[int, ...]
    first_row: int
    columns: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file.name} row groups {self.row_groups[0]}-{self.row_groups[-1]}"


Part = TextFiles | JsonlRange | ParquetRows


@dataclass
class Plan:
    parts: list[Part]
    failed: list[InputError]  # inputs that are not there, or cannot be sized or read as Parquet
    blocksize: int


def plan(paths: list[str], globs: tuple[str, ...], text_field: str, blocksize: int | None,
         workers: int) -> Plan:
    """The parts of `paths`, in input order.  Without a `blocksize`, one that
    gives each of `workers` about PARTS_PER_WORKER parts, within
    MIN_BLOCKSIZE..MAX_BLOCKSIZE."""
    if "-" in paths:
        raise ValueError("standard input (-) cannot be read by Dask workers; give files, folders or URLs")
    failed: list[InputError] = []
    sized: list[tuple[Source, int]] = []
    for item in _files(paths, globs):
        if isinstance(item, InputError):
            failed.append(item)
            continue
        try:
            sized.append((item, _size(item)))
        except (OSError, ValueError, ImportError) as err:
            failed.append(InputError(item.name, f"cannot read: {err}"))
    if blocksize is None:
        total = sum(size for _, size in sized)
        wanted = max(1, workers * PARTS_PER_WORKER)
        blocksize = min(MAX_BLOCKSIZE, max(MIN_BLOCKSIZE, -(-total // wanted)))  # rounded up: no sliver of a last part
    parts: list[Part] = []
    group: list[Source] = []
    grouped = 0
    for source, size in sized:
        if not (is_jsonl(source.name) or is_parquet(source.name)):
            group.append(source)
            grouped += size
            if grouped >= blocksize:
                parts.append(TextFiles(tuple(group)))
                group, grouped = [], 0
            continue
        if group:
            parts.append(TextFiles(tuple(group)))
            group, grouped = [], 0
        if is_jsonl(source.name):
            parts.extend(_ranges(source, size, blocksize))
        else:
            try:
                parts.extend(_row_groups(source, text_field, blocksize))
            except InputErrorFound as err:
                failed.append(err.error)
    if group:
        parts.append(TextFiles(tuple(group)))
    return Plan(parts, failed, blocksize)


class InputErrorFound(Exception):
    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


def _files(paths: list[str], globs: tuple[str, ...]) -> Iterator[Source | InputError]:
    for path in paths:
        if is_url(path):
            yield from _url_files(path, globs)
            continue
        for item in expand([path], globs):
            yield item if isinstance(item, InputError) else Source(item, os.path.abspath(item))


def _url_files(url: str, globs: tuple[str, ...]) -> Iterator[Source | InputError]:
    """A URL's files: itself, or a folder's files matching `globs`, recursively and sorted, as reader.expand does."""
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if fs.isdir(path):
            found = sorted(p for p in fs.find(path) if any(fnmatch(p.rsplit("/", 1)[-1], g) for g in globs))
            for p in found:
                full = fs.unstrip_protocol(p)
                yield Source(full, full)
        elif fs.exists(path):
            yield Source(url, url)
        else:
            yield InputError(url, "no such file or folder")
    except (OSError, ValueError, ImportError) as err:  # an unknown protocol, a backend not installed
        yield InputError(url, f"cannot read: {err}")


def _size(source: Source) -> int:
    """Bytes of text to plan with: a .gz dump's from its trailer, other files' own size."""
    fs, path = fsspec.core.url_to_fs(source.url)
    if is_jsonl(source.name) and source.name.endswith(".gz"):
        with fs.open(path, "rb") as stream:
            stream.seek(-4, os.SEEK_END)
            return int.from_bytes(stream.read(4), "little")
    return int(fs.size(path))


def _ranges(source: Source, size: int, blocksize: int) -> Iterator[JsonlRange]:
    starts = list(range(0, max(size, 1), blocksize))
    for n, start in enumerate(starts):
        yield JsonlRange(source, start, starts[n + 1] if n + 1 < len(starts) else None)


def _row_groups(source: Source, text_field: str, blocksize: int) -> Iterator[ParquetRows]:
    """Consecutive row groups of about `blocksize` bytes each."""
    metadata = _parquet_metadata(source)
    columns = tuple(metadata.schema.to_arrow_schema().names)
    if text_field not in columns:
        raise InputErrorFound(InputError(source.name, f"no text column '{text_field}' (columns: {', '.join(columns)})"))
    groups: list[int] = []
    first = row = grouped = 0
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        if not groups:
            first = row
        groups.append(index)
        grouped += group.total_byte_size
        row += group.num_rows
        if grouped >= blocksize:
            yield ParquetRows(source, tuple(groups), first, columns)
            groups, grouped = [], 0
    if groups:
        yield ParquetRows(source, tuple(groups), first, columns)


def _parquet_metadata(source: Source) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputErrorFound(InputError(source.name, "reading Parquet needs pyarrow: pip install 'tracker[dask]'")) \
            from None
    fs, path = fsspec.core.url_to_fs(source.url)
    try:
        with fs.open(path, "rb") as stream:
            return pq.ParquetFile(stream).metadata
    except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
        raise InputErrorFound(InputError(source.name, f"not a Parquet file: {err}")) from None
