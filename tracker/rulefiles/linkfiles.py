"""`links:` files: the ledger's link rules, merged in load order into one LinkRules.

A later file changes what earlier ones set, so a user's folder can tune the
bundled rules/links.yaml without copying it:

- `threshold`, `keep_within`, `max_links`, `max_shared_words`: replaced;
- `weights`: each weight given replaces that weight;
- `relations`: each kind's `requires` and `modalities`, where given, replace
  that kind's;
- `cues.breach`, `cues.commitment`, `stopwords`, `not_names`: lists that a
  plain list adds to, and `{replace: ...}`, `{remove: ...}`, `{add: ...}`
  change as in `words:` files (tracker/rulefiles/merge.py).

The schema has checked every value's type and name; what can only be known
once all files are merged (a setting no file gives) is reported here, at the
first links file.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.ledger.links import LinkRules, Relation, lemmas
from tracker.rulefiles.bundled import Traversable
from tracker.rulefiles.merge import changed_list
from tracker.rulefiles.yamlpos import Located, Position

Error = Callable[[Traversable, Position, str], None]
SETTINGS = ("threshold", "keep_within", "max_links", "max_shared_words")
DEFAULTS = {"keep_within": 0.0, "max_links": 1, "max_shared_words": 0}
LISTS: dict[str, tuple[Callable[[str], Any], tuple[str, ...]]] = {  # how each list's entries compare, where it stands
    "breach": (lemmas, ("cues", "breach")),
    "commitment": (lemmas, ("cues", "commitment")),
    "stopwords": (str.lower, ("stopwords",)),
    "not_names": (str, ("not_names",)),
}


def merge_links(files: list[tuple[Traversable, Located]], error: Error) -> LinkRules | None:
    """The link rules of `links:` files merged in load order; None when no file gives any."""
    if not files:
        return None
    settings: dict[str, Any] = {}
    weights: dict[str, float] = {}
    relations: dict[str, dict[str, list[str]]] = {}
    lists: dict[str, dict[Any, None]] = {name: {} for name in LISTS}
    for path, located in files:
        data = located.data["links"]
        settings.update((name, data[name]) for name in SETTINGS if name in data)
        weights.update(data.get("weights") or {})
        for kind, spec in (data.get("relations") or {}).items():
            relations.setdefault(kind, {}).update(spec)
        for name, (entry, where) in LISTS.items():
            written = _at(data, where)
            if written is not None:
                _check_words(written, entry, path, located, ("links",) + where, error)
                lists[name] = changed_list(lists[name], written, entry)
    missing = [] if "threshold" in settings else ["threshold"]
    missing += [f"relations.{kind}.modalities" for kind, spec in relations.items() if "modalities" not in spec]
    first, located = files[0]
    for name in missing:
        error(first, located.where(("links", "<key>")), f"link rules: no links file sets '{name}'")
    if missing:
        return None
    values = {**DEFAULTS, **settings}
    return LinkRules(
        threshold=float(values["threshold"]),
        keep_within=float(values["keep_within"]),
        max_links=int(values["max_links"]),
        weights={name: float(weight) for name, weight in weights.items()},
        max_shared_words=int(values["max_shared_words"]),
        relations={kind: Relation(frozenset(spec.get("requires") or ()), frozenset(spec["modalities"]))
                   for kind, spec in relations.items()},
        breach=tuple(lists["breach"]),
        commitment_words=frozenset(word for phrase in lists["commitment"] for word in phrase),
        stopwords=frozenset(lists["stopwords"]),
        not_names=frozenset(lists["not_names"]),
    )


def _at(data: dict[str, Any], where: tuple[str, ...]) -> Any:
    found: Any = data
    for key in where:
        found = found.get(key) if isinstance(found, dict) else None
    return found


def _check_words(written: Any, entry: Callable[[str], Any], path: Traversable, located: Located, where: tuple,
                 error: Error) -> None:
    """An entry that holds no word could never match: say so where it is written."""
    parts = [((), written)] if isinstance(written, list) else [((k,), v) for k, v in written.items()]
    for below, entries in parts:
        for i, text in enumerate(entries):
            if not entry(text):
                error(path, located.where(where + below + (i,)), f"'{text}' holds no word to find")
