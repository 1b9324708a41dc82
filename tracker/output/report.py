"""The HTML report: a story's records as one self-contained page.

Records come from a ledger (with dates and the links that make threads) or
from a scan's JSON Lines (records only). They become a view model here:
table rows with the actor, target and content marked in the sentence, a
graph of who promised, accused and approved whom laid out in Python, and
the ledger's threads as timelines. templates/report.html.j2 turns that into
HTML with autoescaping on; its CSS and JavaScript are inline and it loads
nothing, so the file can be mailed, archived and read offline.
"""
from __future__ import annotations

import json
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from tracker.ledger import queries
from tracker.ledger.links import Item
from tracker.output.tables import TABLES
from tracker.reader import is_jsonl
from tracker.records import KINDS, Record

# Column headers of the actor, target and content of each kind's table.
HEADERS = {
    "commitment": ("Who", "To whom", "What"),
    "accusation": ("Accuser", "Accused", "Of what"),
    "approval": ("Approver", "Whose request", "What"),
    "claim": ("Speaker", "To whom", "Claim"),
}
# The graph shows relations between parties; a claim's addressee is its audience, not a party to it.
GRAPH_KINDS = ("commitment", "accusation", "approval")
VERBS = {"commitment": "promised", "accusation": "accused", "approval": "approved"}

# The graph's canvas (SVG user units): a circle of parties with room for their names on both sides.
WIDTH, HEIGHT, RADIUS, MARGIN = 960.0, 560.0, 210.0, 24.0

# Between two words of a record's content, the sentence may have a line break, or the quote
# marks the record leaves out ("adds “concrete substance” to the deal").
_BETWEEN_WORDS = r"[\"“”‘’']*\s+[\"“”‘’']*"

_FIELDS = {f.name for f in fields(Record)}
_REQUIRED = {f.name for f in fields(Record) if f.default is MISSING and f.default_factory is MISSING}


class ReportInputError(ValueError):
    """A JSON Lines input that is not a scan's records; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """A record and what the ledger adds to it: its id and its dates."""

    record: Record
    ident: int  # the ledger id, or the record's position in the input
    date: str | None = None


@dataclass(frozen=True)
class Story:
    """What a report shows: the records, and the threads when links are known."""

    entries: tuple[Entry, ...]
    threads: tuple[tuple[queries.ThreadEntry, ...], ...] | None  # None: no ledger, so no links


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; ``mark`` is actor, target or content for a highlighted piece."""

    text: str
    mark: str | None = None


@dataclass(frozen=True)
class Row:
    """One record as a table row."""

    dom_id: str
    ident: int
    date: str | None
    actor: str
    actor_note: str | None  # the actor's group or role, where the text gives them
    target: str | None
    content: str
    modality: str
    when: str | None
    segments: tuple[Segment, ...]
    source: str
    href: str | None
    rule: str
    edge: str | None  # the graph edge this record counts in


@dataclass(frozen=True)
class Table:
    kind: str
    title: str
    headers: tuple[str, str, str]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Node:
    name: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: names stand outside the circle, on their side of it


@dataclass(frozen=True)
class Edge:
    dom_id: str
    kind: str
    actor: str
    target: str
    count: int
    path: str
    width: float
    label_x: float
    label_y: float

    @property
    def description(self) -> str:
        return f"{self.actor} {VERBS[self.kind]} {self.target}: {self.count} record{'s' * (self.count != 1)}"


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def view_box(self) -> str:
        """The canvas's full width, and the height its parties and arcs take (three parties
        leave the bottom of the circle empty); an arc bulges furthest at its middle, its label."""
        ys = [y for node in self.nodes for y in (node.y - node.r, node.label_y)] + [e.label_y for e in self.edges]
        top, bottom = min(ys) - MARGIN, max(ys) + MARGIN
        return f"0 {_round(top)} {WIDTH} {_round(bottom - top)}"


@dataclass(frozen=True)
class Step:
    """One step of a thread's timeline."""

    date: str | None
    role: str
    actor: str
    content: str
    source: str
    href: str | None
    row_id: str
    score: str | None
    reason: str | None


@dataclass(frozen=True)
class Timeline:
    title: str
    steps: tuple[Step, ...]


def story_from_ledger(db: sqlite3.Connection) -> Story:
    """Every record of a ledger in date order, and each thread once."""
    listed = queries.listing(db, None, queries.Filters())
    return Story(tuple(Entry(e.item.record, e.item.id, _date(e.item)) for e in listed), tuple(_threads(db, listed)))


def _date(item: Item) -> str | None:
    return str(item.dates) if item.dates else None


def _threads(db: sqlite3.Connection, listed: list[queries.Listed]) -> Iterator[tuple[queries.ThreadEntry, ...]]:
    """The thread of every linked commitment, skipping those already shown in an earlier
    thread: restatements of one promise make one thread whichever of them it starts from."""
    seen: set[int] = set()
    for entry in listed:
        if entry.item.record.kind != "commitment" or not entry.links or entry.item.id in seen:
            continue
        thread = tuple(queries.thread(db, entry.item.id))
        seen.update(step.item.id for step in thread if step.item.record.kind == "commitment")
        yield thread


def story_from_records(records: Iterable[Record]) -> Story:
    """Records of a scan, in their order; without a ledger there are no dates and no threads."""
    return Story(tuple(Entry(record, n) for n, record in enumerate(records, 1)), None)


def records_from_jsonl(lines: Iterable[str], name: str) -> Iterator[Record]:
    """The records of `tracker scan --format jsonl` output; extra fields are ignored, as the spec allows."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            raise ReportInputError(f"{name}:{n}: not JSON: {error.msg} at column {error.colno}") from None
        if not isinstance(obj, dict):
            raise ReportInputError(f"{name}:{n}: not a record (a JSON object)")
        missing = sorted(_REQUIRED - obj.keys())
        if missing:
            raise ReportInputError(f"{name}:{n}: not a tracker record, no field {', '.join(missing)}")
        if obj["kind"] not in KINDS:
            raise ReportInputError(f"{name}:{n}: unknown kind {obj['kind']!r}")
        yield Record(**{key: value for key, value in obj.items() if key in _FIELDS})


def highlight(sentence: str, parts: dict[str, str | None]) -> tuple[Segment, ...]:
    """The sentence cut into pieces, with each of ``parts`` (mark -> words) marked where it stands.

    Records carry the words, not their offsets in the sentence, so each is
    looked up: case-insensitively (an actor "The US" may open the sentence
    as "the US"), across line breaks and the quote marks a record's content
    leaves out, at its first occurrence that overlaps no mark already
    placed. Longer words go first, so an actor that is part of the content
    ("China" in "China's restrictions") is found where it stands on its
    own, if anywhere, rather than inside the content.
    """
    placed: list[tuple[int, int, str]] = []
    for mark, words in sorted(((m, w) for m, w in parts.items() if w and w.strip()), key=lambda p: -len(p[1])):
        pattern = _BETWEEN_WORDS.join(re.escape(word) for word in words.split())
        for found in re.finditer(pattern, sentence, re.IGNORECASE):
            if all(found.end() <= start or found.start() >= end for start, end, _ in placed):
                placed.append((found.start(), found.end(), mark))
                break
    segments, at = [], 0
    for start, end, mark in sorted(placed):
        if start > at:
            segments.append(Segment(sentence[at:start]))
        segments.append(Segment(sentence[start:end], mark))
        at = end
    if at < len(sentence):
        segments.append(Segment(sentence[at:]))
    return tuple(segments)


def source_href(doc: str, base: Path) -> str | None:
    """A link from the report in ``base`` to the document: relative, so it opens as a file: URL
    wherever the report and the documents are moved together.

    Documents are named as they were given to the scan, taken to be
    relative to the current folder. A JSON Lines article (``dump.jsonl#ID``)
    links to its dump; standard input (``-``) has no file to link to.
    """
    if doc == "-":
        return None
    dump, hash_mark, _ = doc.rpartition("#")
    path = Path(dump if hash_mark and is_jsonl(dump) else doc)
    if path.is_absolute():
        return path.as_uri()
    return quote(Path(os.path.relpath(path, base)).as_posix())


def layout(records: Iterable[Record]) -> Graph:
    """Who promised, accused and approved whom: one edge per kind, actor and target, weighted by count.

    Parties sit on a circle, the busiest first from the top and clockwise,
    names breaking ties, so one ledger always gives the same picture. Edges
    are arcs bending to their right: the two directions between a pair of
    parties, and the kinds in one direction, stay apart.
    """
    counts = Counter((r.kind, r.actor, r.target) for r in records
                     if r.kind in GRAPH_KINDS and r.target and r.target != r.actor)
    weight: Counter[str] = Counter()
    for (_, actor, target), count in counts.items():
        weight[actor] += count
        weight[target] += count
    names = sorted(weight, key=lambda name: (-weight[name], name.casefold(), name))
    nodes = {name: _node(name, i, len(names), weight[name]) for i, name in enumerate(names)}
    ordered = sorted(counts.items(), key=lambda e: (-e[1], GRAPH_KINDS.index(e[0][0]), e[0][1], e[0][2]))
    bends: Counter[tuple[str, str]] = Counter()
    edges = []
    for n, ((kind, actor, target), count) in enumerate(ordered):
        edges.append(_edge(f"e{n}", kind, nodes[actor], nodes[target], count, bends[actor, target]))
        bends[actor, target] += 1
    return Graph(tuple(nodes.values()), tuple(edges))


def _node(name: str, index: int, total: int, weight: int) -> Node:
    angle = -math.pi / 2 + 2 * math.pi * index / total
    cos, sin = math.cos(angle), math.sin(angle)
    r = min(22.0, 6 + 3 * math.sqrt(weight))
    anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
    label = RADIUS + r + 8
    # The label's baseline: level with the node's middle at the sides, a line above or below it at the top or bottom.
    label_y = HEIGHT / 2 + label * sin + 4 + 8 * sin
    return Node(name, _round(WIDTH / 2 + RADIUS * cos), _round(HEIGHT / 2 + RADIUS * sin), _round(r),
                _round(WIDTH / 2 + label * cos), _round(label_y), anchor)


def _edge(dom_id: str, kind: str, start: Node, end: Node, count: int, bend: int) -> Edge:
    """An arc from ``start`` to ``end`` (the ``bend``-th in that direction), cut at the nodes' rims
    so its arrowhead shows, with its count at the arc's middle."""
    dx, dy = end.x - start.x, end.y - start.y
    length = math.hypot(dx, dy)
    offset = length * (0.12 + 0.1 * bend)
    cx, cy = (start.x + end.x) / 2 - dy / length * offset, (start.y + end.y) / 2 + dx / length * offset
    x0, y0 = _towards(start.x, start.y, cx, cy, start.r)
    x1, y1 = _towards(end.x, end.y, cx, cy, end.r + 3)
    path = f"M {_round(x0)} {_round(y0)} Q {_round(cx)} {_round(cy)} {_round(x1)} {_round(y1)}"
    label_x, label_y = (x0 + 2 * cx + x1) / 4, (y0 + 2 * cy + y1) / 4  # the quadratic curve at t = 1/2
    return Edge(dom_id, kind, start.name, end.name, count, path, _round(1.5 + 1.5 * math.log2(count)),
                _round(label_x), _round(label_y))


def _towards(x: float, y: float, to_x: float, to_y: float, distance: float) -> tuple[float, float]:
    length = math.hypot(to_x - x, to_y - y) or 1.0
    return x + (to_x - x) / length * distance, y + (to_y - y) / length * distance


def _round(value: float) -> float:
    return round(value, 1)


def tables(story: Story, graph: Graph, base: Path) -> tuple[Table, ...]:
    """One table per kind, rows in the story's order, each row knowing its graph edge."""
    edge_ids: dict[tuple[str, str, str | None], str] = {(e.kind, e.actor, e.target): e.dom_id for e in graph.edges}
    return tuple(Table(kind, TABLES[kind][0], HEADERS[kind],
                       tuple(_row(entry, edge_ids, base) for entry in story.entries if entry.record.kind == kind))
                 for kind in KINDS)


def _row(entry: Entry, edge_ids: dict[tuple[str, str, str | None], str], base: Path) -> Row:
    r = entry.record
    note = ", ".join(n for n in (r.actor_role, r.actor_group) if n) or None
    marks = {"actor": r.actor_text, "target": r.target_text, "content": r.content}
    return Row(_dom_id(entry.ident), entry.ident, entry.date, r.actor, note, r.target, r.content, _modality(r),
               r.when, highlight(r.sentence, marks), r.source, source_href(r.doc, base), r.rule,
               edge_ids.get((r.kind, r.actor, r.target)))


def _dom_id(ident: int) -> str:
    return f"r{ident}"


def _modality(record: Record) -> str:
    return f"{record.modality} ({record.condition})" if record.condition else record.modality


def timelines(story: Story, base: Path) -> tuple[Timeline, ...] | None:
    """Each thread as a timeline titled by the commitment that started it; None without links."""
    if story.threads is None:
        return None
    return tuple(Timeline(_thread_title(thread), tuple(_step(entry, base) for entry in thread))
                 for thread in story.threads)


def _thread_title(thread: tuple[queries.ThreadEntry, ...]) -> str:
    """The promise the thread is about; an undated commitment comes after dated accusations of it."""
    made = next(entry.item.record for entry in thread if entry.role == "made")
    return f"{made.actor} → {made.target}: {made.content}" if made.target else f"{made.actor}: {made.content}"


def _step(entry: queries.ThreadEntry, base: Path) -> Step:
    """A step of a thread, with its modality where it is not a plain assertion, as `tracker ledger thread` shows it."""
    r = entry.item.record
    role = entry.role if r.modality == "asserted" else f"{entry.role} ({r.modality})"
    score = None if entry.score is None else f"{entry.score:.2f}"
    return Step(_date(entry.item), role, r.actor, r.content, r.source, source_href(r.doc, base),
                _dom_id(entry.item.id), score, entry.reason)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Templates ship in the package (tracker/output/templates), so an installed wheel finds them."""
    return Environment(loader=PackageLoader("tracker.output", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(story: Story, title: str, base: Path, origin: str) -> str:
    """The report page; ``base`` is the folder it will be saved in (source links are relative to it),
    ``origin`` says what it was made from ("ledger story.db")."""
    graph = layout(entry.record for entry in story.entries)
    return _environment().get_template("report.html.j2").render(
        title=title, origin=origin, kinds=KINDS, verbs=VERBS, graph=graph,
        tables=tables(story, graph, base), timelines=timelines(story, base),
        from_ledger=story.threads is not None, total=len(story.entries),
    )
