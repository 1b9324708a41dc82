"""Scanning on a Dask cluster from Python: `tracker.dask.scan` and `tracker.dask.write`.

    import tracker.dask
    from distributed import Client

    client = Client("tcp://scheduler:8786")            # or Client(LocalCluster(...)), or "local:4"
    for r in tracker.dask.scan("s3://news/2024/", client=client, text_field="body"):
        ...                                            # records in input order, as tracker.scan gives them
    manifest = tracker.dask.write(bag, "out/", client=client, format="parquet")

Inputs are paths, folders, JSON Lines dumps (.gz too), Parquet files and
fsspec URLs, cut into partitions by file, byte range and row group
(tracker/distributed/sources.py), or a dask.bag whose items are Documents,
(name, text) pairs or mappings holding a text field (JSON Lines articles,
`read_text(...).map(json.loads)`).  Each worker loads the rules once.
Needs `pip install 'tracker[dask]'`.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tracker.api import load_rules
from tracker.distributed import OUTPUT_FORMATS
from tracker.distributed.cluster import require_dask
from tracker.distributed.results import DocumentResult, PartitionSummary
from tracker.extract import DEFAULT_TIME_BUDGET
from tracker.reader import DEFAULT_GLOBS, InputError, JsonlFields
from tracker.records import Record
from tracker.rulefiles import RuleSet

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client

    from tracker.distributed.job import Job


PathArg = str | os.PathLike[str]

__all__ = ["scan", "write"]


def scan(inputs: PathArg | Iterable[PathArg] | dask.bag.Bag, rules: PathArg | Iterable[PathArg] | None = None, *,
         client: Client | None = None, defaults: bool = True, time_budget: float | None = DEFAULT_TIME_BUDGET,
         globs: Iterable[str] = DEFAULT_GLOBS, text_field: str = "text", id_field: str = "id",
         date_field: str = "date", encoding: str = "utf-8", errors: str = "strict", blocksize: int | None = None,
         on_error: Callable[[InputError], None] | None = None) -> Iterator[Record]:
    """The records of `inputs`, scanned on the cluster of `client` (the
    current Dask client when None), in input order: the records tracker.scan
    gives for the same files.  As in tracker.scan, a failed input goes to
    `on_error` or is a UserWarning, and so is a rule stopped by `time_budget`.

    `rules` are rule folders or files (added to the bundled rules unless
    `defaults` is off), loaded here to check them, then by each worker from
    the same paths: they must be readable there.  `blocksize` (bytes) sizes
    the partitions; by default each worker gets about four.
    """
    job = _job(client, rules, defaults, time_budget, globs, text_field, id_field, date_field, encoding, errors,
               blocksize)
    return _records(job.results(_inputs(inputs)), on_error)


def write(inputs: PathArg | Iterable[PathArg] | dask.bag.Bag, output: PathArg,
          rules: PathArg | Iterable[PathArg] | None = None, *, client: Client | None = None, format: str = "jsonl",
          defaults: bool = True, time_budget: float | None = DEFAULT_TIME_BUDGET, globs: Iterable[str] = DEFAULT_GLOBS,
          text_field: str = "text", id_field: str = "id", date_field: str = "date", encoding: str = "utf-8",
          errors: str = "strict", blocksize: int | None = None) -> dict[str, Any]:
    """Scan `inputs` on the cluster into `output`, a new folder (or fsspec URL):
    one JSON Lines or Parquet file per partition, a documents file each, then
    _manifest.json and _SUCCESS (tracker/distributed/output.py).  Returns the
    manifest: counts, and every failed document with its reason
    (`manifest["failed"]`).  The other arguments are scan's.
    """
    if format not in OUTPUT_FORMATS:
        raise ValueError(f"format: expected one of {', '.join(OUTPUT_FORMATS)}, got {format!r}")
    job = _job(client, rules, defaults, time_budget, globs, text_field, id_field, date_field, encoding, errors,
               blocksize)
    return job.write(_inputs(inputs), os.fspath(output), format, _ignore)


def _ignore(_: PartitionSummary | DocumentResult) -> None:
    """Python callers read failures from the manifest."""


def _job(client: Client | None, rules: PathArg | Iterable[PathArg] | None, defaults: bool,
         time_budget: float | None, globs: Iterable[str], text_field: str, id_field: str, date_field: str,
         encoding: str, errors: str, blocksize: int | None) -> Job:
    require_dask("tracker.dask")
    from distributed import get_client

    from tracker.distributed.job import Job
    from tracker.distributed.reading import ReadOptions
    from tracker.distributed.worker import RulesSpec

    if isinstance(rules, RuleSet):
        raise TypeError("rules: workers load rules from their folders; pass the folders, not a loaded RuleSet")
    folders = () if rules is None else _paths(rules)
    load_rules(folders, defaults)  # raises RuleError on a bad rule file, before any work is sent
    if client is None:
        try:
            client = get_client()
        except ValueError:
            raise ValueError("no Dask client: pass client=distributed.Client(...) or create one first") from None
    globs = (globs,) if isinstance(globs, str) else tuple(globs)
    options = ReadOptions(JsonlFields(text_field, date_field, id_field), encoding, errors)
    return Job(client, RulesSpec(tuple(folders), defaults, time_budget), options, globs, blocksize)


def _inputs(inputs: PathArg | Iterable[PathArg] | dask.bag.Bag) -> list[str] | dask.bag.Bag:
    import dask.bag

    if isinstance(inputs, dask.bag.Bag):
        return inputs
    return _paths(inputs)


def _paths(paths: PathArg | Iterable[PathArg]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _records(results: Iterator[DocumentResult], on_error: Callable[[InputError], None] | None) -> Iterator[Record]:
    for result in results:
        for message in result.warnings:
            warnings.warn(f"tracker: {message}", UserWarning, stacklevel=2)
        if result.error is not None:
            failure = InputError(result.name, result.error)
            if on_error is None:
                warnings.warn(f"tracker: {failure}", UserWarning, stacklevel=2)
            else:
                on_error(failure)
        yield from result.records
