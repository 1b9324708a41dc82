"""What scanning one document on a worker gives, and the counts of a partition.

A document's result carries what the ledger needs to store it as a direct
`scan --ledger` does (its name, date, the hash of its text, its records),
so partitioned output can be imported later without the texts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from tracker.records import KINDS, Record


@dataclass
class DocumentResult:
    """One input document: its records, or the reason it failed (`error`);
    an input that could not be read has no hash."""

    name: str
    sha256: str | None
    date: str | None
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def header(self) -> dict[str, Any]:
        """The result without its records, as the documents file stores it."""
        return {"name": self.name, "sha256": self.sha256, "date": self.date, "records": len(self.records),
                "error": self.error, "warnings": self.warnings}


@dataclass
class Failure:
    name: str
    reason: str


@dataclass
class Tally:
    """A partition's counts, failures and warnings, for the manifest."""

    documents: int = 0
    records: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.records += len(result.records)
        for kind, n in Counter(r.kind for r in result.records).items():
            self.by_kind[kind] += n
        if result.error is not None:
            self.failed.append(Failure(result.name, result.error))
        self.warnings.extend(result.warnings)


@dataclass
class PartitionSummary:
    """What a partition task reports: which files it wrote, its tally, and
    where and how long it ran (`seconds`: reading, scanning and writing;
    `rules_loaded`: this task loaded the rules first, as the first task on
    each worker does)."""

    index: int
    input: str | None
    tally: Tally
    worker: str
    seconds: float
    rules_loaded: bool
    records_file: str | None = None
    documents_file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        tally = asdict(self.tally)
        return {"index": self.index, "input": self.input, "records_file": self.records_file,
                "documents_file": self.documents_file, **tally, "worker": self.worker,
                "seconds": round(self.seconds, 3), "rules_loaded": self.rules_loaded}
