"""Extraction over a stream of documents, in this process or in a pool of them.

`tracker scan --jobs N` hands documents to N worker processes in batches and
gets their records back in input order, so the output is the same, record
for record, whatever N is.  Only a few batches are in flight at a time: the
input is still read as the output is written, and memory does not grow with
the size of the input.
"""
from __future__ import annotations

import gc
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import Pool, get_start_method
from multiprocessing.pool import Pool as PoolType
from pathlib import Path

from tracker.extract import DEFAULT_TIME_BUDGET, Extractor
from tracker.inflection import read_tables
from tracker.internal import internal_error
from tracker.reader import Document, InputError
from tracker.records import Record
from tracker.rulecache import load_ruleset
from tracker.rulefiles import RuleSet

BATCH_DOCUMENTS = 16   # documents per task: enough to amortise the round trip
BATCHES_PER_WORKER = 4  # in flight per worker: keeps workers busy, bounds memory

Item = Document | InputError


@dataclass
class Outcome:
    """What scanning one document gives: its records a piece at a time,
    warnings (rules stopped by the time budget), and an error if the
    document could not be scanned to its end, so that one bad document never
    costs the others.  `warnings` and `error` are complete once `pieces` has
    been read through."""

    pieces: Iterable[list[Record]] = ()
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    sentences: int = 0  # how many were read, for progress; complete with `warnings`


# What a document too large or too deeply nested for this machine raises; any other exception is a bug.
RESOURCE_ERRORS = (RecursionError, MemoryError)


def scan_one(extractor: Extractor, name: str, text: str) -> Outcome:
    """The whole document at once, for a worker to send back."""
    try:
        records = extractor.extract(name, text)
    except Exception as err:  # one document's failure, whatever it is, costs only that document
        return Outcome(error=_message(err), warnings=_drain(extractor), sentences=_drain_sentences(extractor))
    return Outcome([records], _drain(extractor), sentences=_drain_sentences(extractor))


def stream_one(extractor: Extractor, name: str, text: str) -> Outcome:
    """The document piece by piece as the caller reads `pieces`: a long
    document's records are written out before the rest of it is read."""
    outcome = Outcome()

    def pieces() -> Iterator[list[Record]]:
        try:
            yield from extractor.extract_pieces(name, text)
        except Exception as err:  # one document's failure, whatever it is, costs only that document
            outcome.error = _message(err)
        outcome.warnings.extend(_drain(extractor))
        outcome.sentences = _drain_sentences(extractor)
    outcome.pieces = pieces()
    return outcome


def _message(err: Exception) -> str:
    if isinstance(err, RESOURCE_ERRORS):
        return f"could not be scanned ({type(err).__name__}: {err})"
    return internal_error(err)


def _drain(extractor: Extractor) -> list[str]:
    warnings, extractor.warnings = extractor.warnings, []
    return warnings


def _drain_sentences(extractor: Extractor) -> int:
    sentences, extractor.sentences = extractor.sentences, 0
    return sentences


def extract_documents(items: Iterable[Item], ruleset: RuleSet, rules: tuple[str, ...], defaults: bool,
                      jobs: int = 1, time_budget: float | None = DEFAULT_TIME_BUDGET
                      ) -> Generator[tuple[Item, Outcome], None, None]:
    """Each document with its outcome (an InputError with an empty one), in input order.

    Forked workers inherit `ruleset`; workers started afresh (spawn,
    forkserver) load the rules themselves from `rules` and `defaults`, as
    `ruleset` was loaded, which is cheaper than sending them over.
    """
    if jobs <= 1:
        extractor = Extractor(ruleset, time_budget)
        gc.freeze()  # the loaded rules stay out of the garbage collections the documents cause
        for item in items:
            yield item, Outcome() if isinstance(item, InputError) else stream_one(extractor, item.name, item.text)
        return
    global _inherited
    _inherited = ruleset if get_start_method() == "fork" else None
    if _inherited is not None:
        read_tables()
    gc.freeze()  # the loaded rules stay out of the workers' garbage collections, and their pages unwritten
    with _pool(jobs, rules, defaults, time_budget) as pool:
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


def _pool(jobs: int, rules: tuple[str, ...], defaults: bool, time_budget: float | None) -> PoolType:
    """The worker pool, started with Ctrl-C held back: a worker forked before its
    initializer ignores SIGINT would otherwise die of it with a traceback.  The
    parent gets a Ctrl-C that came meanwhile once the pool is started."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return Pool(jobs, initializer=_start_worker, initargs=(rules, defaults, time_budget))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _in_order(batch: list[Item], result) -> Iterator[tuple[Item, Outcome]]:
    found = iter(result.get())
    for item in batch:
        yield item, Outcome() if isinstance(item, InputError) else next(found)


_extractor: Extractor | None = None
_inherited: RuleSet | None = None  # the parent's rules, which a forked worker has in its memory


def _start_worker(rules: tuple[str, ...], defaults: bool, time_budget: float | None) -> None:
    """Ctrl-C reaches every process of the terminal's foreground group: workers
    leave it to the parent, which stops the pool, so that none prints a traceback."""
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back while the pool started
    ruleset = _inherited or load_ruleset([Path(r) for r in rules], defaults=defaults)
    _extractor = Extractor(ruleset, time_budget)


def _extract_batch(docs: list[tuple[str, str]]) -> list[Outcome]:
    assert _extractor is not None
    return [scan_one(_extractor, name, text) for name, text in docs]
