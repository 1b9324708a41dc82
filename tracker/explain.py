"""`tracker explain`: what tracker saw in a sentence and why each rule did or
did not make a record.

A rule author's question is "why doesn't my rule match?", so for a pattern
that fails we report the element it could not get past and the text at
that point.  That needs the pattern tree, which the compiled matcher has
lost: the pattern is compiled again here with every element of the tree
wrapped in a probe that logs its failures, and the failure that got
furthest into the sentence is the answer.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field

from tracker.actors.mention import Mention
from tracker.document import SentenceView
from tracker.extract import Extractor
from tracker.lang.compiler import Compiler
from tracker.lang.context import MatchContext
from tracker.lang.elements import FAIL, Element, Phrasing
from tracker.lang.match import CompiledPattern, Match, start_positions
from tracker.lang.tree import Node, Not, Optional, Seq, first_element, walk
from tracker.records import Record
from tracker.rulefiles.ruleset import Rule
from tracker.run import run_rule

RECORD_FIELDS = ("kind", "actor", "actor_text", "target", "content", "modality", "condition", "when", "speaker")
MAX_ELEMENT_CHARS = 60
TEXT_AFTER_CHARS = 50


@dataclass
class Failure:
    """Where a pattern stopped: the element it expected, at `offset` of the sentence."""

    element: str       # the element as written in the pattern: 'with', <threaten>, {target}, @deal
    pattern_col: int   # 0-based column of that element in the pattern
    offset: int        # 0-based offset in the sentence
    text: str          # the sentence from that offset on (shortened)
    reason: str        # "expected 'with'", "found nowhere in the sentence", ...


@dataclass
class PatternResult:
    source: str
    matches: list[dict] = field(default_factory=list)  # text, captures, records, why_no_record
    failure: Failure | None = None


@dataclass
class RuleResult:
    id: str
    kind: str
    path: str
    line: int
    fired_by: list[str] | None       # trigger words present; None: the rule runs on every sentence
    blocked: str | None = None       # why the patterns were not tried
    patterns: list[PatternResult] = field(default_factory=list)

    @property
    def fired(self) -> bool:
        return self.fired_by is None or bool(self.fired_by)

    @property
    def records(self) -> list[dict]:
        return [r for p in self.patterns for m in p.matches for r in m["records"]]


@dataclass
class SentenceResult:
    text: str
    line: int
    tokens: list[str]
    mentions: list[dict]
    quotes: list[dict]
    speaker: str | None
    rules: list[RuleResult]

    def to_dict(self) -> dict:
        out = asdict(self)
        for rule, data in zip(self.rules, out["rules"], strict=True):
            data["fired"] = rule.fired
        return out


def explain_text(extractor: Extractor, text: str, rule: Rule | None = None, line: int | None = None,
                 doc: str = "explain") -> list[SentenceResult]:
    """Explain every sentence of `text` (or those on `line`): all rules whose
    triggers fired, or just `rule`, whether it fired or not."""
    out = []
    for view in extractor.views(text):
        first = view.sentence.line
        if line is not None and not first <= line <= first + view.sentence.text.count("\n"):
            continue
        out.append(explain_view(extractor, view, rule, doc))
    return out


def explain_view(extractor: Extractor, view: SentenceView, only: Rule | None, doc: str) -> SentenceResult:
    words = view.context.index.positions.keys()
    rules = [only] if only is not None else extractor.ruleset.candidates(words)
    results = [explain_rule(extractor, view, r, words, doc) for r in rules]
    quotes = [{"text": view.text[s:e], "start": s, "end": e} for s, e in view.quote_spans]
    return SentenceResult(
        text=view.text, line=view.sentence.line,
        tokens=[t.text for t in view.context.index.tokens],
        mentions=[_mention(m) for m in view.mentions],
        quotes=quotes,
        speaker=view.speaker.actor.name if view.speaker is not None and view.speaker.actor else None,
        rules=results,
    )


def _mention(m: Mention) -> dict:
    parties = [p.actor.name for p in m.parties if p.actor is not None]
    actor = m.actor
    return {"text": m.text, "start": m.start, "actors": parties,
            "type": actor.type if actor else ("pair" if m.members else "unresolved"),
            "group": actor.group if actor else None}


def explain_rule(extractor: Extractor, view: SentenceView, rule: Rule, words: Collection[str], doc: str) -> RuleResult:
    """What one rule does with the sentence."""
    fired_by = None if rule.triggers is None else sorted(rule.triggers.intersection(words))
    result = RuleResult(rule.id, rule.kind, str(rule.path), rule.line, fired_by)
    run = run_rule(rule, view)
    if run.blocked:
        result.blocked = run.blocked
        return result
    for pattern, found in zip(rule.patterns, run.matches, strict=True):
        outcome = PatternResult(pattern.source)
        for match in found:
            records = extractor.builder.records_of(doc, view, rule, match)
            outcome.matches.append({
                "text": view.text[match.start:match.end],
                "captures": {s.name: view.text[s.start:s.end] for s in match.spans},
                "records": [_record(r) for r in records],
                "why_no_record": None if records else _why_no_record(view, rule, match),
            })
        if not found:
            outcome.failure = locate_failure(pattern, rule, view, extractor.ruleset.phrasing)
        result.patterns.append(outcome)
    return result


def _record(rec: Record) -> dict:
    return {f: getattr(rec, f) for f in RECORD_FIELDS}


def _why_no_record(view: SentenceView, rule: Rule, match: Match) -> str:
    span = match.span("actor")
    if rule.actor_from == "speaker":
        return "the quote's speaker is not a known actor"
    if rule.actor_from == "parties":
        return "the story has not named its two sides yet"
    if rule.actor_from == "story":
        return "no earlier sentence made a record of this kind, and the rule has no default_actor"
    if span is None:
        return "the pattern captures no {actor}, and the rule has no default_actor"
    text = view.text[span.start:span.end]
    starts = view.context.mentions.get(span.start, [])
    if span.end not in starts:
        return f"\"{text}\" is not an actor mention (see the actors above)"
    return f"\"{text}\" is not resolved to an actor here, or the target is the actor itself"


# ---------------------------------------------------------------------------
# Where a pattern fails


@dataclass
class _Attempt:
    loc: int    # where the element was tried, and failed
    node: Node


class _Probe(Element):
    """Matches exactly as the element it wraps, and logs each failure."""

    def __init__(self, item: Element, node: Node, log: list[_Attempt]) -> None:
        self.item, self.node, self.log = item, node, log
        self.name, self.calls_skip, self.skips = item.name, item.calls_skip, item.skips
        self.may_be_empty, self.first = item.may_be_empty, item.first

    def parse(self, ctx: MatchContext, loc: int) -> int:
        end = self.item.parse(ctx, loc)
        if end == FAIL:
            self.log.append(_Attempt(ctx.index.skip(loc) if self.skips else loc, self.node))
        return end


class _ProbingCompiler(Compiler):
    """Wraps every element of the pattern's own tree (not the inside of
    macros: a failure there is reported at the @macro) in a probe."""

    def __init__(self, macros: dict[str, Node], phrasing: Phrasing, log: list[_Attempt]) -> None:
        super().__init__(macros, phrasing)
        self.log = log

    def _compile(self, node, stop, active):
        element = super()._compile(node, stop, active)
        if active or isinstance(node, (Seq, Optional)):
            return element
        return _Probe(element, node, self.log)


def locate_failure(pattern: CompiledPattern, rule: Rule, view: SentenceView, phrasing: Phrasing) -> Failure:
    """The element the pattern could not get past, furthest into the pattern
    over all places in the sentence where it may start."""
    assert pattern.tree is not None, "explaining needs the rules loaded with their trees (explainable)"
    starts = start_positions(pattern, view.context)
    if not starts:
        first = first_element(pattern.tree)
        return Failure(describe(first), first.col, 0, _after(view.text, 0), "found nowhere in the sentence")
    log: list[_Attempt] = []
    expr = _ProbingCompiler(rule.macros, phrasing, log).compile(pattern.tree)
    for loc in starts:
        view.context.spans = []
        expr.parse(view.context, loc)
    if not log:
        first = first_element(pattern.tree)
        return Failure(describe(first), first.col, starts[0], _after(view.text, starts[0]), "could not start")
    order = _progress(pattern.tree)
    # Furthest into the pattern, and there the first place it was tried (a gap
    # before it tries it at several).  Elements tied there are alternatives:
    # name them all, but a group rather than its parts.
    key = lambda a: (order[id(a.node)], -a.loc)  # noqa: E731
    best = max(map(key, log))
    tied = list({id(a.node): a.node for a in log if key(a) == best}.values())
    inner = {id(d) for n in tied for d in walk(n) if d is not n}
    nodes = [n for n in tied if id(n) not in inner]
    fail = -best[1]
    if all(isinstance(n, Not) for n in nodes):
        reason = "found what " + " or ".join(map(describe, nodes)) + " forbids"
    else:
        reason = "expected " + " or ".join(describe(n) for n in nodes if not isinstance(n, Not))
    first = min(nodes, key=lambda n: n.col)
    return Failure(describe(first), first.col, fail, _after(view.text, fail), reason)


def _progress(tree: Node) -> dict[int, tuple[int, ...]]:
    """How far into the pattern each element stands: its indices in the
    sequences that hold it.  An alternative is no further than its group."""
    order: dict[int, tuple[int, ...]] = {}

    def visit(node: Node, key: tuple[int, ...]) -> None:
        order[id(node)] = key
        if isinstance(node, Seq):
            for i, item in enumerate(node.items):
                visit(item, key + (i,))
        else:
            for child in node.children():
                visit(child, key)

    visit(tree, ())
    return order


def _after(text: str, offset: int) -> str:
    rest = text[offset:]
    return rest if len(rest) <= TEXT_AFTER_CHARS else rest[:TEXT_AFTER_CHARS - 1] + "…"


def describe(node: Node) -> str:
    """A pattern element written back as a rule author would write it."""
    text = node.written()
    return text if len(text) <= MAX_ELEMENT_CHARS else text[:MAX_ELEMENT_CHARS - 2] + "…" + text[-1]


# ---------------------------------------------------------------------------
# Text output


def render(results: list[SentenceResult], shown=str) -> str:
    """The explanation as text; `shown` turns a file path into what to print."""
    lines: list[str] = []
    for n, s in enumerate(results, 1):
        lines.append(f"Sentence {n} (line {s.line}): {s.text}")
        lines.append("  tokens:   " + " | ".join(s.tokens))
        mentions = "; ".join(f"{m['text']} -> {' + '.join(m['actors']) or '?'} ({m['type']})" for m in s.mentions)
        lines.append("  actors:   " + (mentions or "none"))
        lines.append("  quotes:   " + ("; ".join(q["text"] for q in s.quotes) or "none"))
        lines.append("  speaker:  " + (s.speaker or "none"))
        fired = [r for r in s.rules if r.fired]
        if len(s.rules) == 1 and not fired:
            lines.append("  rule not triggered: none of its trigger words is in the sentence")
        elif not s.rules:
            lines.append("  rules triggered: none (no rule's trigger word is in the sentence)")
        else:
            always = sum(r.fired_by is None for r in s.rules)
            lines.append(f"  rules triggered: {len(fired) - always}"
                         + (f", and {always} that run on every sentence" if always else ""))
        for r in s.rules:
            lines.extend(_rule_lines(r, s.text, shown))
        lines.append("")
    return "\n".join(lines)


def _rule_lines(r: RuleResult, sentence: str, shown) -> list[str]:
    trig = "runs on every sentence" if r.fired_by is None else (
        "triggered by " + ", ".join(r.fired_by) if r.fired_by else "NOT triggered")
    out = [f"  {r.id} ({r.kind})  {shown(r.path)}:{r.line}  {trig}"]
    if r.blocked:
        out.append(f"    not tried: {r.blocked}")
        return out
    for n, p in enumerate(r.patterns, 1):
        label = f"    pattern {n}: " if len(r.patterns) > 1 else "    pattern: "
        out.append(label + p.source)
        for m in p.matches:
            out.append(f"      matched \"{m['text']}\"")
            if m["captures"]:
                out.append("      captures: " + "  ".join(f"{k}=\"{v}\"" for k, v in m["captures"].items()))
            for rec in m["records"]:
                out.append("      record: " + record_text(rec))
            if m["why_no_record"]:
                out.append(f"      no record: {m['why_no_record']}")
        if p.failure is not None:
            f = p.failure
            out.append(" " * (len(label) + f.pattern_col) + f"^ {f.reason}")
            out.append("    sentence: " + sentence)
            out.append(" " * (len("    sentence: ") + f.offset) + f"^ no match here: \"{f.text}\"")
    return out


def record_text(rec: dict) -> str:
    return "  ".join(f"{k}={v}" for k, v in rec.items() if v not in (None, "") and k != "actor_text")

