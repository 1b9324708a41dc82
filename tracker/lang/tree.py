"""The tree a pattern is read into.

Every later step (static checks, analysis, compiling, `tracker explain`)
works on these nodes.  Each node says what its children are and how it is
written in a rule file, so a walk over a pattern is `walk(node)` and an
element is shown to a rule author as `str(node)`, never a chain of type
tests repeated in each step.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

CAPTURE_TYPES = ("actor", "np", "clause", "rest", "quote", "number")
DEFAULT_CAPTURE_TYPE = {"actor": "actor", "target": "actor", "content": "clause", "condition": "clause"}
DEFAULT_GAP = 5
MAX_GAP = 30  # a speaker and the second verb of their sentence can stand 25 words apart


@dataclass
class Node:
    col: int  # 0-based offset of the element in the pattern text

    def children(self) -> list[Node]:
        return []

    def written(self) -> str:
        """The element as a rule author writes it."""
        raise NotImplementedError


@dataclass
class Words(Node):
    words: list[str]

    def written(self) -> str:
        return "'" + " ".join(self.words) + "'"


VERB_FORMS = ("ing", "past", "s", "base")  # <say:ing> saying; :past said; :s says; :base say


@dataclass
class Verb(Node):
    lemma: str
    form: str | None = None  # one of VERB_FORMS: only those forms of the verb

    def written(self) -> str:
        return f"<{self.lemma}{':' + self.form if self.form else ''}>"


@dataclass
class Alt(Node):
    options: list[Node]

    def children(self) -> list[Node]:
        return self.options

    def written(self) -> str:
        return "(" + " | ".join(o.written() for o in self.options) + ")"


@dataclass
class Seq(Node):
    items: list[Node]

    def children(self) -> list[Node]:
        return self.items

    def written(self) -> str:
        return " ".join(i.written() for i in self.items)


@dataclass
class Optional(Node):
    item: Node

    def children(self) -> list[Node]:
        return [self.item]

    def written(self) -> str:
        return "[" + self.item.written() + "]"


@dataclass
class Gap(Node):
    size: int

    def written(self) -> str:
        return f"...{self.size}"


@dataclass
class Capture(Node):
    name: str
    type: str
    item: Node | None = None  # {name=sub-pattern}: capture what the sub-pattern matched

    def children(self) -> list[Node]:
        return [self.item] if self.item is not None else []

    def written(self) -> str:
        if self.item is not None:
            return "{" + self.name + "=" + self.item.written() + "}"
        return "{" + self.name + (":" + self.type if self.type else "") + "}"

    @property
    def slot(self) -> str:
        """The capture's type, written or implied by its name."""
        return self.type or DEFAULT_CAPTURE_TYPE.get(self.name, "np")


@dataclass
class Start(Node):
    """The start of a clause (the sentence's, or after , ; : or a dash): a
    pattern written "^ ..." is tried there only, which keeps a pattern that
    opens with a capture ("^ {content:clause} , X said") from being tried
    at every word."""

    def written(self) -> str:
        return "^"


@dataclass
class Macro(Node):
    name: str
    form: str | None = None  # @speech_verbs:ing: the macro with each of its verbs in that form

    def written(self) -> str:
        return "@" + self.name + (":" + self.form if self.form else "")


@dataclass
class Not(Node):
    item: Node

    def children(self) -> list[Node]:
        return [self.item]

    def written(self) -> str:
        return "!" + self.item.written()


def in_form(node: Node, form: str | None) -> Node:
    """A copy of a tree whose verbs without a form of their own take `form`."""
    if form is None:
        return node
    copy = replace(node)
    if isinstance(copy, Verb) and copy.form is None:
        copy.form = form
    for name in ("options", "items"):
        if hasattr(copy, name):
            setattr(copy, name, [in_form(child, form) for child in getattr(copy, name)])
    if getattr(copy, "item", None) is not None:
        copy.item = in_form(copy.item, form)  # type: ignore[attr-defined]
    if isinstance(copy, Macro) and copy.form is None:
        copy.form = form
    return copy


def walk(node: Node) -> Iterator[Node]:
    """The node and every node below it, depth first, in pattern order."""
    yield node
    for child in node.children():
        yield from walk(child)


def first_element(node: Node) -> Node:
    """The element a pattern begins with, where explain points when it finds nothing."""
    return node.items[0] if isinstance(node, Seq) else node


class PatternError(Exception):
    """A mistake in a pattern, at a 0-based column of the pattern text."""

    def __init__(self, message: str, col: int, macro: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.macro = macro  # set when the column is in that macro's text, not the pattern's
