"""Extraction over a stream of documents, in this process or in a pool of them.

`tracker scan --jobs N` hands documents to N worker processes in batches and
gets their records back in input order, so the output is the same, record
for record, whatever N is.  Only a few batches are in flight at a time: the
input is still read as the output is written, and memory does not grow with
the size of the input.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import Pool
from pathlib import Path
from typing import Iterable, Iterator

from tracker.extract import DEFAULT_TIME_BUDGET, Extractor
from tracker.reader import Document, InputError
from tracker.records import Record
from tracker.rules import RuleSet, load_ruleset

BATCH_DOCUMENTS = 16   # documents per task: enough to amortise the round trip
BATCHES_PER_WORKER = 4  # in flight per worker: keeps workers busy, bounds memory

Item = Document | InputError


@dataclass
class Outcome:
    """What scanning one document gave: its records, warnings (rules stopped
    by the time budget), and an error if the document could not be scanned
    at all, so that one bad document never costs the others."""

    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def scan_one(extractor: Extractor, name: str, text: str) -> Outcome:
    try:
        records = extractor.extract(name, text)
    except (RecursionError, MemoryError, ValueError, IndexError, KeyError, TypeError) as err:
        return Outcome(error=f"could not be scanned ({type(err).__name__}: {err})", warnings=_drain(extractor))
    return Outcome(records, _drain(extractor))


def _drain(extractor: Extractor) -> list[str]:
    warnings, extractor.warnings = extractor.warnings, []
    return warnings


def extract_documents(items: Iterable[Item], ruleset: RuleSet, rules: tuple[str, ...], defaults: bool,
                      jobs: int = 1, time_budget: float | None = DEFAULT_TIME_BUDGET
                      ) -> Iterator[tuple[Item, Outcome]]:
    """Each document with its outcome (an InputError with an empty one), in input order.

    Workers load the rules themselves from `rules` and `defaults` (as
    `ruleset` was loaded), which is cheaper than sending them over.
    """
    if jobs <= 1:
        extractor = Extractor(ruleset, time_budget)
        for item in items:
            yield item, Outcome() if isinstance(item, InputError) else scan_one(extractor, item.name, item.text)
        return
    with Pool(jobs, initializer=_start_worker, initargs=(rules, defaults, time_budget)) as pool:
        pending: deque = deque()
        stream = iter(items)
        batches = iter(lambda: list(islice(stream, BATCH_DOCUMENTS)), [])
        for batch in batches:
            docs = [(d.name, d.text) for d in batch if isinstance(d, Document)]
            pending.append((batch, pool.apply_async(_extract_batch, (docs,))))
            if len(pending) >= jobs * BATCHES_PER_WORKER:
                yield from _in_order(*pending.popleft())
        while pending:
            yield from _in_order(*pending.popleft())


def _in_order(batch: list[Item], result) -> Iterator[tuple[Item, Outcome]]:
    found = iter(result.get())
    for item in batch:
        yield item, Outcome() if isinstance(item, InputError) else next(found)


_extractor: Extractor | None = None


def _start_worker(rules: tuple[str, ...], defaults: bool, time_budget: float | None) -> None:
    global _extractor
    _extractor = Extractor(load_ruleset([Path(r) for r in rules], defaults=defaults), time_budget)


def _extract_batch(docs: list[tuple[str, str]]) -> list[Outcome]:
    assert _extractor is not None
    return [scan_one(_extractor, name, text) for name, text in docs]
