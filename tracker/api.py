"""The Python API: `scan`, `load_rules` and `to_dataframe` (docs/api.md).

A thin layer over what `tracker scan` runs (reader -> scanning.scan_records),
with Python's conventions instead of the command line's: records are yielded
lazily, failures and warnings go to a callback or Python's warnings rather
than to stderr, and times are in seconds.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import TYPE_CHECKING

from tracker.extract import DEFAULT_TIME_BUDGET
from tracker.reader import DEFAULT_GLOBS, Document, InputError, JsonlFields, read_documents
from tracker.records import FIELDS, Record
from tracker.rulefiles import RuleSet, load_ruleset
from tracker.scanning import scan_records

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

PathArg = str | os.PathLike[str]
Texts = str | Mapping[str, str] | Iterable[str | tuple[str, str]]
Rules = RuleSet | PathArg | Iterable[PathArg] | None


def load_rules(folders: PathArg | Iterable[PathArg] = (), defaults: bool = True) -> RuleSet:
    """Load rule folders or files, the bundled rules first unless `defaults` is off.

    Loading takes about a second, so load once and pass the RuleSet to every
    `scan`.  Raises RuleError listing every problem (`err.diagnostics`, one
    per mistake with path, line and column), so all can be fixed in one go;
    warnings such as an alias that names two actors are Python warnings.
    """
    return _load(folders, defaults, stacklevel=3)


def scan(inputs: PathArg | Iterable[PathArg] = (), rules: Rules = None, *, texts: Texts = (), defaults: bool = True,
         time_budget: float | None = DEFAULT_TIME_BUDGET, globs: Iterable[str] = DEFAULT_GLOBS,
         text_field: str = "text", id_field: str = "id", encoding: str = "utf-8", errors: str = "strict",
         on_error: Callable[[InputError], None] | None = None) -> Iterator[Record]:
    """The records of files, folders, JSON Lines dumps (`inputs`) and texts, lazily, in input order.

    `inputs` are always paths, never texts: a string that names no file is
    reported as missing rather than scanned as a sentence, so a mistyped path
    cannot pass unnoticed as a text with no records.  Texts go in `texts`: a
    string, a list of strings (named "<text 1>", "<text 2>", ...), a mapping
    of names to texts, or (name, text) pairs; they come after the inputs.

    `rules`: a RuleSet from `load_rules` (reused as it is, `defaults` does not
    apply), rule folders or files (added to the bundled rules unless
    `defaults` is off), or None for the bundled rules.  Rules are loaded, and
    a RuleError raised, when `scan` is called, not when records are first read.

    An input that cannot be read or scanned does not stop the scan: it is
    passed to `on_error` (an InputError with `name` and `message`), or, when
    no callback is given, issued as a UserWarning.  A rule stopped by
    `time_budget` (seconds one rule may spend on one sentence; None for no
    limit) is a UserWarning.  Both are reported before the records of any
    later input.  `globs`, `text_field`, `id_field`, `encoding` and `errors`
    are the command line's --glob, --text-field, --id-field, --encoding and
    --errors (what to do with bytes that do not decode: "strict" or "replace").
    """
    if isinstance(rules, RuleSet):
        if not defaults:
            raise ValueError("defaults=False applies to rule folders; a loaded RuleSet already holds its rules "
                             "(load it with load_rules(..., defaults=False))")
        ruleset = rules
    else:
        ruleset = _load(() if rules is None else rules, defaults, stacklevel=3)
    paths = _paths(inputs, "inputs")
    globs = (globs,) if isinstance(globs, str) else tuple(globs)
    documents = read_documents(paths, globs, JsonlFields(text=text_field, id=id_field), encoding, errors)
    items = chain(documents, _text_documents(texts))
    return _records(items, ruleset, time_budget, on_error)


def to_dataframe(records: Iterable[Record]) -> pandas.DataFrame:
    """Records as a pandas DataFrame, one row per record, the columns in the
    contract's order (docs/records.md), also when there are no records.

    pandas is an optional dependency: pip install 'tracker[pandas]'.
    """
    try:
        import pandas
    except ImportError as err:
        raise ImportError("tracker.to_dataframe needs pandas: pip install 'tracker[pandas]' "
                          "(or pip install pandas)") from err
    return pandas.DataFrame([r.to_dict() for r in records], columns=list(FIELDS))


def _records(items: Iterable[Document | InputError], ruleset: RuleSet, time_budget: float | None,
             on_error: Callable[[InputError], None] | None) -> Iterator[Record]:
    """The generator behind `scan`.  Failures and warnings are queued and
    reported from this frame, so that a warning points at the caller's line
    and a callback's exception leaves the scan from where the caller reads it."""
    failures: list[InputError] = []
    stopped: list[str] = []

    def report() -> None:
        for failure in failures:
            if on_error is None:
                warnings.warn(f"tracker: {failure}", UserWarning, stacklevel=3)
            else:
                on_error(failure)
        for message in stopped:
            warnings.warn(f"tracker: {message}", UserWarning, stacklevel=3)
        failures.clear()
        stopped.clear()

    for piece in scan_records(items, ruleset, failures.append, stopped.append, time_budget=time_budget):
        report()
        yield from piece
    report()


def _load(folders: PathArg | Iterable[PathArg], defaults: bool, stacklevel: int) -> RuleSet:
    """`stacklevel` points the rule files' warnings at the caller of the public function."""
    ruleset = load_ruleset(_paths(folders, "rules"), defaults=defaults)
    for warning in ruleset.warnings:
        warnings.warn(str(warning), UserWarning, stacklevel=stacklevel)
    return ruleset


def _text_documents(texts: Texts) -> Iterator[Document]:
    """Texts as documents, read as the scan reaches them, so a generator of
    texts (rows of a database, say) is never held in memory at once."""
    if isinstance(texts, str):
        texts = [texts]
    pairs = texts.items() if isinstance(texts, Mapping) else texts
    for n, item in enumerate(pairs, 1):
        if isinstance(item, str):
            yield Document(f"<text {n}>", item)
        elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            yield Document(*item)
        else:
            raise TypeError(f"texts: item {n} is {type(item).__name__}; give strings or (name, text) pairs")


def _paths(paths: PathArg | Iterable[PathArg], what: str) -> list[str]:
    """One path or several, as the reader and loader take them; a string is
    one path, not the characters of several."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            hint = "; to scan a text, pass texts=" if what == "inputs" else ""
            raise TypeError(f"{what}: expected paths (str or os.PathLike), got {type(path).__name__}{hint}")
        out.append(os.fspath(path))
    return out
