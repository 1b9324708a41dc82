"""Safe YAML reading that remembers where every value stands in the file.

Rule authors need errors as `path:line:col`, so the file is composed into
nodes (never constructed by PyYAML, which could run tags) and turned into
plain data here, with a position for every key and value.  Anchors and
aliases are refused: they are what alias bombs are made of, and macros are
the rule files' way to reuse a piece.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple  # a JSON-style path into the data: ("rules", 3, "pattern")

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
MAX_NODES = 2_000_000


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int   # 1-based


class YamlError(Exception):
    """A problem at a place in a YAML file."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Located:
    """Parsed data plus the position of each value (`positions[path]`) and
    key (`positions[path + ("<key>",)]`), and the scalar nodes for columns
    inside a string."""

    data: Any
    positions: dict[Path_, Position]
    scalars: dict[Path_, yaml.ScalarNode]
    text: str

    def where(self, path: Path_) -> Position:
        """Position of the value at `path`, or of its nearest ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def where_in(self, path: Path_, offset: int) -> Position:
        """Position of character `offset` inside the string at `path`."""
        node = self.scalars.get(tuple(path))
        if node is None:
            return self.where(path)
        start = node.start_mark
        if node.style in ("|", ">"):
            before = node.value[:offset].count("\n")
            col_in_line = offset - (node.value.rfind("\n", 0, offset) + 1)
            line_no = start.line + 1 + before
            raw_lines = self.text.splitlines()
            indent = 0
            if line_no < len(raw_lines):
                raw = raw_lines[line_no]
                indent = len(raw) - len(raw.lstrip(" "))
            return Position(line_no + 1, indent + col_in_line + 1)
        quote = 1 if node.style in ('"', "'") else 0
        return Position(start.line + 1, start.column + 1 + quote + offset)


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _at(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load(text: str) -> Located:
    """Parse one YAML document safely; raise YamlError with a position."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        if mark is None:
            raise YamlError(f"YAML: {problem}") from None
        raise YamlError(f"YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as err:
        raise YamlError(f"YAML: {err}") from None
    positions: dict[Path_, Position] = {}
    scalars: dict[Path_, yaml.ScalarNode] = {}
    seen: set[int] = set()

    def build(node: yaml.Node, path: Path_) -> Any:
        if id(node) in seen:
            raise YamlError("YAML anchors and aliases are not allowed in rule files (use a macro)", *_at(node))
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlError(f"file too large: over {MAX_NODES} YAML nodes")
        positions[path] = _pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlError(f"YAML tag '{node.tag}' is not allowed", *_at(node))
            scalars[path] = node
            return yaml.SafeLoader.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise YamlError(f"YAML tag '{node.tag}' is not allowed", *_at(node))
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag != "tag:yaml.org,2002:map":
            raise YamlError(f"YAML tag '{node.tag}' is not allowed", *_at(node))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("keys must be plain words", *_at(key_node))
            key = str(key_node.value)
            if key in out:
                raise YamlError(f"duplicate key '{key}'", *_at(key_node))
            positions[path + (key, "<key>")] = _pos(key_node)
            out[key] = build(value_node, path + (key,))
        return out

    data = None if root is None else build(root, ())
    return Located(data, positions, scalars, text)


_CONSTRUCTOR = yaml.SafeLoader("")


def load_file(path: Path) -> Located:
    """Read and parse a YAML file; decoding problems become YamlError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise YamlError(f"not UTF-8 (byte {err.start})") from None
    return load(text)
