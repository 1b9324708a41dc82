"""The JSON Schema of one record of `tracker scan --format jsonl`, made from the Record dataclass.

The schema is derived from the dataclass's fields, types and descriptions,
so that adding or retyping a field changes both at once; the repository
ships the result as schema/record.schema.json (a test compares the two).
Regenerate it with `python -m tracker.recordschema > schema/record.schema.json`.
"""
from __future__ import annotations

import json
import types
from dataclasses import MISSING, fields
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from tracker.records import Record
from tracker.rulefiles.schema import RULE

_JSON_TYPES = {str: "string", int: "integer"}

# What the types alone cannot say.
_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "start": {"minimum": 0},
    "end": {"minimum": 0},
    "line": {"minimum": 0},
    "rule": {"pattern": "^[^/]+/" + RULE["properties"]["id"]["pattern"].lstrip("^")},
}


def record_schema() -> dict[str, Any]:
    """Draft 2020-12: every field typed and described; the fields without a
    default are required; other fields are allowed, as the contract allows them."""
    hints = get_type_hints(Record)
    names = [f.name for f in fields(Record)]
    if unknown := _CONSTRAINTS.keys() - set(names):
        raise ValueError(f"constraints for fields Record does not have: {', '.join(sorted(unknown))}")
    properties = {f.name: {"description": f.metadata["doc"], **_json_type(hints[f.name]),
                           **_CONSTRAINTS.get(f.name, {})}
                  for f in fields(Record)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tracker.invalid/record.schema.json",
        "title": "tracker record",
        "description": "One record of `tracker scan --format jsonl` (docs/records.md).",
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields(Record) if f.default is MISSING and f.default_factory is MISSING],
        "additionalProperties": True,
    }


def _json_type(hint: Any) -> dict[str, Any]:
    """str, int, a Literal of strings, or one of those or None."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1 or len(args) == len(get_args(hint)):
            raise TypeError(f"no JSON type for {hint}: only 'X | None' unions are supported")
        schema = _json_type(args[0])
        return {"type": [schema["type"], "null"], **({"enum": [*schema["enum"], None]} if "enum" in schema else {})}
    if get_origin(hint) is Literal:
        return {"type": "string", "enum": list(get_args(hint))}
    if hint in _JSON_TYPES:
        return {"type": _JSON_TYPES[hint]}
    raise TypeError(f"no JSON type for {hint}")


def schema_text() -> str:
    return json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
