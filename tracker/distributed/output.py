"""Partitioned output: one records file and one documents file per partition,
a manifest of counts and failures, and `_SUCCESS` once everything is written.

    part-00000.jsonl             the partition's records, as `tracker scan --format jsonl` writes them
    part-00000.parquet           or the same as Parquet (--format parquet), one column per record field
    _documents/part-00000.jsonl  each document's name, date, text hash, record count, error and warnings
    _manifest.json               counts per partition and in all, every failed document with its reason
    _SUCCESS                     written last: the output is complete

Only records files lack the leading `_`, which Spark, Hadoop and pyarrow's
datasets (so dask.dataframe.read_parquet) skip: the folder reads as one
table of records, and `cat DIR/part-*.jsonl` is a direct scan's JSON Lines.

Each file is written under _temporary/ and then moved into place, so a
file in place is whole, and a task run again after its worker died replaces
its files instead of adding to them.  The records file comes first, in
input order, so the parts read in order are a direct scan's JSON Lines.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import fsspec

from tracker.distributed.results import DocumentResult
from tracker.records import FIELDS, Record

SUCCESS, MANIFEST, TEMPORARY, DOCUMENTS = "_SUCCESS", "_manifest.json", "_temporary", "_documents"
INTEGER_FIELDS = ("start", "end", "line")


class OutputError(Exception):
    """The output folder cannot be written, or is not a finished tracker output."""


def records_file(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{fmt}"


def documents_file(index: int) -> str:
    return f"{DOCUMENTS}/part-{index:05d}.jsonl"


def prepare(output: str) -> None:
    """Make the output folder; one that holds anything is refused, so no earlier output is overwritten."""
    fs, root = fsspec.core.url_to_fs(output)
    if fs.exists(root):
        if not fs.isdir(root):
            raise OutputError(f"{output}: exists and is not a folder")
        if fs.ls(root):
            raise OutputError(f"{output}: folder is not empty; give a new one (earlier output is never overwritten)")
    fs.makedirs(root, exist_ok=True)


def write_part(output: str, index: int, fmt: str, results: Iterable[DocumentResult]) -> tuple[str, str]:
    """Write a partition's records and documents files; their names back."""
    fs, root = fsspec.core.url_to_fs(output)
    names = records_file(index, fmt), documents_file(index)
    temporary = [f"{root}/{TEMPORARY}/{name.replace('/', '-')}.{uuid.uuid4().hex}" for name in names]
    fs.makedirs(f"{root}/{TEMPORARY}", exist_ok=True)
    fs.makedirs(f"{root}/{DOCUMENTS}", exist_ok=True)
    headers: list[dict[str, Any]] = []
    if fmt == "jsonl":
        with fs.open(temporary[0], "wb") as stream:
            for result in results:
                stream.write("".join(_json_line(r.to_dict()) for r in result.records).encode("utf-8"))
                headers.append(result.header())
    else:
        rows: list[dict[str, Any]] = []
        for result in results:
            rows.extend(r.to_dict() for r in result.records)
            headers.append(result.header())
        _write_parquet(fs, temporary[0], rows)
    with fs.open(temporary[1], "wb") as stream:
        stream.write("".join(_json_line(h) for h in headers).encode("utf-8"))
    for path, name in zip(temporary, names, strict=True):
        fs.mv(path, f"{root}/{name}")
    return names


def finish(output: str, manifest: dict[str, Any], complete: bool) -> None:
    """Write the manifest; when `complete`, clear the temporary folder and mark the output done."""
    fs, root = fsspec.core.url_to_fs(output)
    path = f"{root}/{TEMPORARY}/{MANIFEST}.{uuid.uuid4().hex}"
    fs.makedirs(f"{root}/{TEMPORARY}", exist_ok=True)
    with fs.open(path, "wb") as stream:
        stream.write((json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    fs.mv(path, f"{root}/{MANIFEST}")
    if complete:
        fs.rm(f"{root}/{TEMPORARY}", recursive=True)
        fs.touch(f"{root}/{SUCCESS}")


def read_manifest(output: str) -> dict[str, Any]:
    """The manifest of a finished output; an OutputError for anything else."""
    fs, root = fsspec.core.url_to_fs(output)
    if not fs.isdir(root):
        raise OutputError(f"{output}: no such folder")
    if not fs.exists(f"{root}/{MANIFEST}"):
        raise OutputError(f"{output}: no {MANIFEST}: not the output of `tracker scan --dask ... --output`")
    if not fs.exists(f"{root}/{SUCCESS}"):
        raise OutputError(f"{output}: no {SUCCESS}: the scan that wrote it did not finish")
    with fs.open(f"{root}/{MANIFEST}", "rb") as stream:
        return json.loads(stream.read())


def read_results(output: str, manifest: dict[str, Any]) -> Iterator[DocumentResult]:
    """Every document of a finished output with its records, in input order."""
    fs, root = fsspec.core.url_to_fs(output)
    for partition in manifest["partitions"]:
        with fs.open(f"{root}/{partition['documents_file']}", "rb") as stream:
            headers = [json.loads(line) for line in stream]
        records = iter(_records(fs, f"{root}/{partition['records_file']}"))
        for header in headers:
            mine = [next(records) for _ in range(header["records"])]
            yield DocumentResult(header["name"], header["sha256"], header["date"], mine, header["error"],
                                 header["warnings"])


def _records(fs: Any, path: str) -> Iterator[Record]:
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq
        with fs.open(path, "rb") as stream:
            rows = pq.read_table(stream).to_pylist()
        yield from (Record(**row) for row in rows)
        return
    with fs.open(path, "rb") as stream:
        for line in stream:
            yield Record(**json.loads(line))


def _json_line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def _write_parquet(fs: Any, path: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pa.schema([(name, pa.int64() if name in INTEGER_FIELDS else pa.string()) for name in FIELDS])
    with fs.open(path, "wb") as stream:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), stream)
