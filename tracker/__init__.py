"""tracker: who promised, accused, approved and said what.

The Python API (docs/api.md):

    scan(inputs, rules=None, *, texts=(), ...)  -> Iterator[Record]
    load_rules(folders=(), defaults=True)       -> RuleSet, or RuleError
    to_dataframe(records)                       -> pandas.DataFrame ('tracker[pandas]')

Each name is imported on first use (PEP 562), so that `import tracker`, which
every command-line run and worker process also does, costs next to nothing
and never imports pandas.
"""
from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers know the name

__version__ = "0.1.0"  # the package's version: pyproject.toml reads it from here

__all__ = ["scan", "load_rules", "to_dataframe", "Record", "RuleSet", "RuleError"]

_HOMES = {"scan": "tracker.api", "load_rules": "tracker.api", "to_dataframe": "tracker.api",
          "Record": "tracker.records", "RuleSet": "tracker.rulefiles", "RuleError": "tracker.rulefiles"}

if TYPE_CHECKING:
    from typing import Any

    from tracker.api import load_rules, scan, to_dataframe
    from tracker.records import Record
    from tracker.rulefiles import RuleError, RuleSet


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tracker' has no attribute '{name}'")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
