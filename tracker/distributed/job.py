"""The client's side of a Dask scan: plan the partitions, submit one task
each, take their results in input order, and write the manifest.

Dask gives the fault tolerance: a task whose worker dies is run again on
another (up to distributed's `allowed-failures`), and since a task's files
are moved into place whole, the rerun replaces what a dead run may have
left.  A task that still fails costs its partition only, which is reported
by its input; the output then gets no _SUCCESS.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.distributed import worker
from tracker.distributed.output import finish, prepare
from tracker.distributed.reading import ReadOptions
from tracker.distributed.results import DocumentResult, PartitionSummary
from tracker.distributed.sources import Part, is_url, plan
from tracker.distributed.worker import RulesSpec
from tracker.reader import InputError
from tracker.records import KINDS

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client



@dataclass
class Partitions:
    items: list[Any]             # per partition: a Part (read on the worker) or a bag partition's Delayed
    inputs: list[str | None]     # what each partition reads, for the manifest and failures
    failed: list[InputError]     # inputs found missing or unreadable while planning
    blocksize: int | None


@dataclass
class Job:
    client: Client
    rules: RulesSpec
    options: ReadOptions
    globs: tuple[str, ...]
    blocksize: int | None = None

    def partitions(self, inputs: list[str] | dask.bag.Bag) -> Partitions:
        if not isinstance(inputs, list):
            delayed = inputs.to_delayed()
            return Partitions(list(delayed), [None] * len(delayed), [], None)
        workers = sum(self.client.nthreads().values()) or 1
        found = plan(inputs, self.globs, self.options.fields.text, self.blocksize, workers)
        parts: list[Part] = found.parts
        return Partitions(list(parts), [str(p) for p in parts], found.failed, found.blocksize)

    def results(self, inputs: list[str] | dask.bag.Bag) -> Generator[DocumentResult, None, None]:
        """Every document's result, in input order, as the partitions finish in turn."""
        import dask

        partitions = self.partitions(inputs)
        for error in partitions.failed:
            yield DocumentResult(error.name, None, None, error=error.message)
        tasks = [dask.delayed(worker.collect)(items, index, self.rules, self.options)
                 for index, items in enumerate(partitions.items)]
        for index, future in enumerate(self.client.compute(tasks)):
            try:
                results, _ = future.result()
            except Exception as err:  # the task's own error, or KilledWorker once Dask stops retrying
                yield DocumentResult(_partition_name(index, partitions.inputs[index]), None, None,
                                     error=_task_error(err))
                continue
            finally:
                future.release()
            yield from results

    def write(self, inputs: list[str] | dask.bag.Bag, output: str, fmt: str,
              on_partition: Callable[[PartitionSummary | DocumentResult], None]) -> dict[str, Any]:
        """Write partitioned output to `output` and return the manifest.  `on_partition` gets each
        partition's summary in input order (or, for a partition that failed, a failed result
        naming it), after a result for each input found missing while planning."""
        import dask

        prepare(output)
        where = output if is_url(output) else os.path.abspath(output)
        partitions = self.partitions(inputs)
        for error in partitions.failed:
            on_partition(DocumentResult(error.name, None, None, error=error.message))
        tasks = [dask.delayed(worker.write)(items, index, self.rules, self.options, where, fmt)
                 for index, items in enumerate(partitions.items)]
        summaries: list[PartitionSummary] = []
        lost: list[DocumentResult] = []
        for index, future in enumerate(self.client.compute(tasks)):
            try:
                summaries.append(future.result())
                on_partition(summaries[-1])
            except Exception as err:  # as in results()
                lost.append(DocumentResult(_partition_name(index, partitions.inputs[index]), None, None,
                                           error=_task_error(err)))
                on_partition(lost[-1])
            finally:
                future.release()
        manifest = self._manifest(inputs, fmt, partitions, summaries, lost)
        finish(where, manifest, complete=not lost)
        return manifest

    def _manifest(self, inputs: list[str] | dask.bag.Bag, fmt: str, partitions: Partitions,
                  summaries: list[PartitionSummary], lost: list[DocumentResult]) -> dict[str, Any]:
        by_kind = {kind: sum(s.tally.by_kind[kind] for s in summaries) for kind in KINDS}
        failed = [{"name": e.name, "reason": e.message} for e in partitions.failed]
        failed += [asdict(f) for s in summaries for f in s.tally.failed]
        return {
            "tracker": __version__,
            "complete": not lost,
            "format": fmt,
            "inputs": inputs if isinstance(inputs, list) else f"a dask.bag of {len(partitions.items)} partitions",
            "rules": {"folders": list(self.rules.folders), "defaults": self.rules.defaults},
            "blocksize": partitions.blocksize,
            "documents": sum(s.tally.documents for s in summaries) + len(partitions.failed),
            "records": sum(s.tally.records for s in summaries),
            "by_kind": by_kind,
            "failed": failed,
            "failed_partitions": [{"name": r.name, "reason": r.error} for r in lost],
            "warnings": sum(len(s.tally.warnings) for s in summaries),
            "partitions": [s.to_dict() for s in summaries],
        }


def _partition_name(index: int, described: str | None) -> str:
    return f"partition {index}" + (f" ({described})" if described else "")


def _task_error(err: Exception) -> str:
    return f"not scanned: {type(err).__name__}: {err}"
