"""Changing a list or a table as loaded so far, the same way in every kind of rule file.

Files load in order, and a later one changes what earlier ones gave, so a
user's folder can change a bundled list without copying it:

- a plain list (or table) adds its entries; a table's entry for a word
  already there replaces that word's;
- `{replace: ...}` starts afresh with its entries;
- `{remove: [...]}` takes entries (a table's words) out;
- `{add: ...}` then adds its entries.

The word lists of `words:` files, the lists of link rules and the tables of
the time vocabulary all change this way.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

CHANGES = ("replace", "remove", "add")

K = TypeVar("K")
V = TypeVar("V")
Read = Callable[[Any, tuple], "dict[Any, Any]"]  # written entries, where they stand -> key: value


def is_change(written: Any) -> bool:
    """Whether a written list or table is a change ({replace, remove, add}) rather than entries."""
    return isinstance(written, dict) and bool(written) and set(written) <= set(CHANGES)


def changed(current: dict[K, V], written: Any, read: Callable[[Any, tuple], dict[K, V]],
            key: Callable[[Any], K]) -> dict[K, V]:
    """`current` as one file's `written` value changes it.

    `read(entries, where)` turns written entries into keys and values, where
    is their place below the written value (() or ("add",)); `key` turns a
    written entry of `remove` into the key it takes out.
    """
    if not is_change(written):
        return {**current, **read(written, ())}
    result = read(written["replace"], ("replace",)) if "replace" in written else dict(current)
    for gone in written.get("remove") or []:
        result.pop(key(gone), None)
    if "add" in written:
        result.update(read(written["add"], ("add",)))
    return result


def changed_list(current: dict[K, None], written: Any, entry: Callable[[Any], K]) -> dict[K, None]:
    """A list (kept as a dict of its entries, in order) as `written` changes it; `entry` reads one entry."""
    return changed(current, written, lambda entries, _: dict.fromkeys(map(entry, entries)), entry)
