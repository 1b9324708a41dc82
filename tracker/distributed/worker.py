"""The tasks a Dask worker runs: a partition's documents in, their results out.

Each document goes through parallel.scan_one, the entry point of
`tracker scan --jobs N`'s workers, so its records are those of a direct
scan.  The rules are loaded once per worker (once per worker thread: an
Extractor keeps per-document state, so threads do not share one; the
work is pure Python, so one thread per worker process is the setting that
pays) and kept for every later partition, as parallel.py's pool workers do.
Rule folders are loaded from their paths, which must therefore be readable
on every worker; they were checked on the client first.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.distributed.output import write_part
from tracker.distributed.reading import ReadOptions, read_part
from tracker.distributed.results import DocumentResult, PartitionSummary, Tally
from tracker.distributed.sources import Part
from tracker.extract import Extractor
from tracker.ledger.store import text_hash
from tracker.parallel import scan_one
from tracker.reader import Document, InputError, iso_day
from tracker.rulefiles import load_ruleset


@dataclass(frozen=True)
class RulesSpec:
    """How the client loaded its rules, for workers to load the same."""

    folders: tuple[str, ...]
    defaults: bool
    time_budget: float | None


_loaded = threading.local()


def _extractor(spec: RulesSpec) -> tuple[Extractor, bool]:
    """This thread's Extractor for `spec`, and whether it was made just now."""
    cache: dict[RulesSpec, Extractor] = _loaded.__dict__.setdefault("extractors", {})
    if spec in cache:
        return cache[spec], False
    ruleset = load_ruleset([Path(f) for f in spec.folders], defaults=spec.defaults)
    cache[spec] = Extractor(ruleset, spec.time_budget)
    return cache[spec], True


Items = Part | Iterable[object]


def collect(items: Items, index: int, spec: RulesSpec, options: ReadOptions) -> tuple[list[DocumentResult],
                                                                                  PartitionSummary]:
    """A partition's results, to come back to the client (`tracker scan --dask` without --output)."""
    extractor, loaded = _extractor(spec)
    started = time.perf_counter()
    tally = Tally()
    results = list(_tallied(_results(extractor, items, index, options), tally))
    return results, _summary(index, items, tally, started, loaded)


def write(items: Items, index: int, spec: RulesSpec, options: ReadOptions, output: str,
          fmt: str) -> PartitionSummary:
    """A partition's records and documents written to `output` (atomically, so that a task run
    again after its worker died replaces, never doubles, what it wrote); its summary back."""
    extractor, loaded = _extractor(spec)
    started = time.perf_counter()
    tally = Tally()
    records_file, documents_file = write_part(output, index, fmt, _tallied(_results(extractor, items, index, options),
                                                                         tally))
    summary = _summary(index, items, tally, started, loaded)
    summary.records_file, summary.documents_file = records_file, documents_file
    return summary


def _tallied(results: Iterator[DocumentResult], tally: Tally) -> Iterator[DocumentResult]:
    for result in results:
        tally.add(result)
        yield result


def _results(extractor: Extractor, items: Items, index: int, options: ReadOptions) -> Iterator[DocumentResult]:
    stream: Iterable[object] = read_part(items, options) if isinstance(items, Part) else items
    for n, item in enumerate(stream, 1):
        document = as_document(item, f"<partition {index} item {n}>", options)
        if isinstance(document, InputError):
            yield DocumentResult(document.name, None, None, error=document.message)
            continue
        outcome = scan_one(extractor, document.name, document.text)
        records = [record for piece in outcome.pieces for record in piece]
        yield DocumentResult(document.name, text_hash(document.text), document.date, records, outcome.error,
                             outcome.warnings)


def as_document(item: object, place: str, options: ReadOptions) -> Document | InputError:
    """An item of a bag as a document: a Document (or InputError), a (name, text)
    pair, or a mapping with the text, id and date fields (a JSON Lines article);
    anything else is a failed input named by its place in the bag."""
    if isinstance(item, (Document, InputError)):
        return item
    if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
        return Document(item[0], item[1], options.date)
    if isinstance(item, Mapping):
        fields = options.fields
        if not isinstance(item.get(fields.text), str):
            return InputError(place, f"no text field '{fields.text}'")
        name = str(item[fields.id]) if fields.id in item else place
        return Document(name, item[fields.text], options.date or iso_day(item.get(fields.date)))
    return InputError(place, f"not a document: {type(item).__name__} (give Documents, (name, text) pairs "
                             "or mappings with a text field)")


def _summary(index: int, items: Items, tally: Tally, started: float, loaded: bool) -> PartitionSummary:
    return PartitionSummary(index, str(items) if isinstance(items, Part) else None, tally, _worker_address(),
                            time.perf_counter() - started, loaded)


def _worker_address() -> str:
    try:
        from distributed import get_worker
        return str(get_worker().address)
    except (ImportError, ValueError):  # run outside a Dask worker
        return "local"

