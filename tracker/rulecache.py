"""Loaded rule sets kept between runs, so that `tracker scan` starts in a blink.

Reading and compiling the bundled rules takes seconds (pyparsing reads
every pattern, lemminflect's tables give every verb its forms), and every
command pays it before its first document.  A rule set loaded without
errors is pickled into the user's cache folder under a key made of
everything it was built from: the content of every rule file read, the
folders as given, tracker's own source, and the versions of Python,
pyparsing and lemminflect.  Change any of them and the key changes, so a
stale entry is never read.

A load that misses the cache writes two entries.  A scan's leaves out
every pattern's tree and every rule's macros, which only `tracker explain`
and `tracker rules test` read (to say where a pattern failed): they are
most of an entry, and of the time it takes to read, and without them the
start of a scan costs little more with many rule files than with few.
Those two commands ask for the entry that keeps them (`explainable`).

The cache only ever saves time: a folder that cannot be written, or an
entry that cannot be read back, means loading as before.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import cast

from tracker.lang.match import CompiledPattern
from tracker.rulefiles import Rule, RuleSet
from tracker.rulefiles.bundled import Traversable, bundled_rules
from tracker.rulefiles.folders import exists, rule_files
from tracker.rulefiles.words import DERIVED

KEPT_ENTRIES = 32  # the newest entries kept: two per rule selection in use, and a few past ones
_SOURCE = Path(__file__).resolve().parent


def cache_folder() -> Path:
    """Where entries live: $XDG_CACHE_HOME/tracker/rules, or ~/.cache/tracker/rules."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tracker" / "rules"


def load_ruleset(folders: Sequence[Path | str | Traversable] | None = None, defaults: bool = True,
                 explainable: bool = False) -> RuleSet:
    """As rulefiles.load_ruleset, from the cache when the same rules were loaded
    before; unless `explainable`, without the patterns' trees and the rules'
    macros (see above)."""
    roots: list[Traversable] = ([bundled_rules()] if defaults else []) + [
        Path(f) if isinstance(f, str) else f for f in folders or []]
    key = _key(roots)
    cached = _read(cache_folder() / f"{key}{EXPLAINABLE if explainable else ''}.pickle")
    if cached is not None:
        return cached
    from tracker.rulefiles.load import load_ruleset as load_uncached  # a start from the cache needs no loader
    ruleset = load_uncached(folders, defaults)
    for name in DERIVED:  # worked out now, so that the entry holds them and a start needs no verb tables
        getattr(ruleset.words, name)
    _write(cache_folder() / f"{key}{EXPLAINABLE}.pickle", _dumps(ruleset, pickle.Pickler))
    _write(cache_folder() / f"{key}.pickle", _dumps(ruleset, _ScanPickler))
    return ruleset


EXPLAINABLE = "-explain"  # the name ending of the entry that keeps trees and macros


class _ScanPickler(pickle.Pickler):
    """Pickles a rule set as a scan needs it: patterns without their trees,
    rules without their macros."""

    def reducer_override(self, obj):  # noqa: ANN001, ANN201 - pickle's own hook
        if type(obj) is CompiledPattern:
            return CompiledPattern, (obj.source, None, obj.expr, obj.facts)
        if type(obj) is Rule:
            make, args, state, *rest = cast(tuple, obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL))
            return (make, args, {**state, "macros": {}}, *rest)
        return NotImplemented


def _dumps(ruleset: RuleSet, pickler: type[pickle.Pickler]) -> bytes | None:
    """The entry's bytes, or None for rules that cannot be pickled (read from
    somewhere a path cannot be kept for, like a zip): not cached."""
    out = io.BytesIO()
    try:
        pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(ruleset)
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return None
    return out.getvalue()


def _key(roots: list[Traversable]) -> str:
    digest = hashlib.sha256()
    for part in (sys.version, _version("pyparsing"), _version("lemminflect"), _source_digest()):
        digest.update(part.encode() + b"\0")
    for root in roots:
        digest.update(f"root {root} {exists(root)}\0".encode())
    for path in rule_files([r for r in roots if exists(r)]):
        digest.update(f"file {path}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _source_digest() -> str:
    """tracker's own code: a compiled rule set is made of its classes."""
    digest = hashlib.sha256()
    for path in sorted(_SOURCE.rglob("*.py")):
        digest.update(str(path.relative_to(_SOURCE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


def _read(entry: Path) -> RuleSet | None:
    try:
        with open(entry, "rb") as f:
            found = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is only a missed cache: load afresh
        return None
    return found if isinstance(found, RuleSet) else None


def _write(entry: Path, data: bytes | None) -> None:
    """Store the entry whole or not at all (written aside, then renamed), and
    prune the oldest; a read-only or full disk leaves the cache as it was."""
    if data is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temp, entry)
        except BaseException:
            os.unlink(temp)
            raise
        entries = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEPT_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
