"""Safe YAML reading that remembers where every value stands in the file.

Rule authors need errors as `path:line:col`, so the file is composed into
nodes (never constructed by PyYAML, which could run tags) and turned into
plain data here, with a position for every key and value.  Anchors and
aliases are refused as soon as the parser meets them: they are what alias
bombs are made of, and macros are the rule files' way to reuse a piece.
Nesting is capped too, because composing and building recurse.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.resolver import Resolver

from tracker.rulefiles.bundled import Traversable

try:  # libyaml parses a 100,000-alias lexicon in a fraction of a second, pure Python in several
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # a C type the stubs leave out

    def _init_parser(loader: Any, text: str) -> None:
        _Parser.__init__(loader, text)
    _PARSERS: tuple[type, ...] = (_Parser,)
except ImportError:
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    def _init_parser(loader: Any, text: str) -> None:
        Reader.__init__(loader, text)
        Scanner.__init__(loader)
        Parser.__init__(loader)
    _PARSERS = (Reader, Scanner, Parser)

Path_ = tuple  # a JSON-style path into the data: ("rules", 3, "pattern")

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
MAX_NODES = 2_000_000
MAX_DEPTH = 100  # rule files nest five levels deep; Python's recursion limit is 1000


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int   # 1-based


class YamlError(Exception):
    """A problem at a place in a YAML file."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class _Composer(Composer, *_PARSERS, Resolver):  # type: ignore[misc]
    """PyYAML's composer, refusing anchors, aliases and deep nesting as it goes."""

    def __init__(self, text: str) -> None:
        _init_parser(self, text)
        Composer.__init__(self)
        Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise YamlError("YAML anchors and aliases are not allowed in rule files (use a macro)",
                            event.start_mark.line + 1, event.start_mark.column + 1)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlError(f"YAML nested deeper than {MAX_DEPTH} levels",
                            event.start_mark.line + 1, event.start_mark.column + 1)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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
        index = _source_index(self.text, node, offset)
        line_start = self.text.rfind("\n", 0, index) + 1
        return Position(self.text.count("\n", 0, index) + 1, index - line_start + 1)


def _source_index(text: str, node: yaml.ScalarNode, offset: int) -> int:
    """Where in the file character `offset` of a flow scalar's value comes from.

    The value and its source differ by the quotes, escapes (`\\"`, `''`,
    `\\u00e9`) and line folding, so the source is walked, counting the value
    characters each piece of it yields.
    """
    i, end = node.start_mark.index, node.end_mark.index
    quoted = node.style in ('"', "'")
    if quoted:
        i, end = i + 1, end - 1
    produced = 0
    while produced < offset and i < end:
        ch = text[i]
        if node.style == "'" and text.startswith("''", i):
            i += 2
        elif node.style == '"' and ch == "\\":
            code = text[i + 1:i + 2]
            if code in ("\n", "\r"):  # an escaped line break yields nothing
                i = _skip_blanks(text, i + 2, end)
                continue
            i += 2 + {"x": 2, "u": 4, "U": 8}.get(code, 0)
        elif ch in " \t" and text[_skip_spaces(text, i, end):][:1] in ("\n", "\r"):
            i = _skip_spaces(text, i, end)  # trailing spaces before a fold yield nothing
            continue
        elif ch in "\n\r":
            breaks = 0
            while i < end and text[i] in "\n\r":
                i += 2 if text.startswith("\r\n", i) else 1
                breaks += 1
                i = _skip_spaces(text, i, end)
            produced += max(breaks - 1, 1)  # one break folds to a space; more keep all but one
            continue
        else:
            i += 1
        produced += 1
    return i


def _skip_spaces(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t":
        i += 1
    return i


def _skip_blanks(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t\n\r":
        i += 1
    return i


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index of the text."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _at(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _compose(text: str) -> yaml.Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load(text: str) -> Located:
    """Parse one YAML document safely; raise YamlError with a position."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        if mark is None:
            raise YamlError(f"YAML: {problem}") from None
        raise YamlError(f"YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as err:  # a character YAML refuses: at its place, in one line
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)  # libyaml counts bytes, not characters
        line, col = _line_col(text, found.start() if found else err.position)
        raise YamlError(f"YAML: character U+{err.character:04X} is not allowed ({err.reason})", line, col) from None
    except yaml.YAMLError as err:
        raise YamlError(f"YAML: {' '.join(str(err).split())}") from None
    positions: dict[Path_, Position] = {}
    scalars: dict[Path_, yaml.ScalarNode] = {}
    count = 0

    def build(node: yaml.Node, path: Path_) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise YamlError(f"file too large: over {MAX_NODES} YAML nodes")
        positions[path] = _pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlError(f"YAML tag '{node.tag}' is not allowed", *_at(node))
            scalars[path] = node
            try:
                return yaml.SafeLoader.yaml_constructors[node.tag](_CONSTRUCTOR, node)
            except ValueError:  # an integer past Python's 4,300 digits (int's limit against slow parsing)
                digits = sum(c.isdigit() for c in node.value)
                raise YamlError(f"a number of {digits} digits is too long to read; write it in quotes if it is "
                                "text", *_at(node)) from None
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


def load_file(path: Traversable) -> Located:
    """Read and parse a YAML file; decoding problems become YamlError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        data = err.object
        line, col = data.count(b"\n", 0, err.start) + 1, err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlError(f"not UTF-8: byte 0x{data[err.start]:02X} does not decode ({err.reason})", line, col) from None
    return load(text)
