"""The rule pattern language: read a pattern, compile it to a pyparsing matcher.

A pattern is a line of words as they stand in a sentence, with a few marks:

    said                  the word "said", in any case
    <accuse>              the verb in all its forms: accuse, accuses, accused, accusing
    (agree | reach)       one of the alternatives
    [the]                 an optional part
    ...  ...3             a gap of up to 5 (or 3) words
    {actor}               a capture: here a named actor ("the US", "Li Chenggang", "he")
    {content:clause}      a capture of a type: actor, np, clause, rest, quote, number
    {content=(this|it)}   a capture of what a sub-pattern matched
    @report_verb          a macro: a named sub-pattern from the rule file or a shared file
    !not                  the word must not stand here
    "in principle"        a phrase (quotes are optional for plain words)

Patterns are read with a pyparsing grammar into a small tree (for trigger
words, errors and explain) and then compiled into small matching elements
that run over the sentence's tokens (see "Matching elements").  Matching is greedy for words and lazy for gaps and captures: a gap
or capture stops at the first token where what follows it can match, which
keeps the cost linear and the behaviour easy to predict.
"""
from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

import pyparsing as pp

from tracker.inflection import verb_forms
from tracker.tokens import OPEN_QUOTES, QUOTE_CHARS, TokenIndex, words_of

# Words too frequent to pick a rule's candidates by, when a rarer one is at hand.
COMMON_WORDS = frozenset(
    "the a an of to in on at by for from with and or but that this it its is are was were be has have had "
    "will would , . not as he she they we".split())
CAPTURE_TYPES = ("actor", "np", "clause", "rest", "quote", "number")
DEFAULT_CAPTURE_TYPE = {"actor": "actor", "target": "actor", "content": "clause", "condition": "clause"}
DEFAULT_GAP = 5
MAX_GAP = 20
MAX_CAPTURE_TOKENS = 80

# ---------------------------------------------------------------------------
# The tree a pattern is read into


@dataclass
class Node:
    col: int  # 0-based offset of the element in the pattern text


@dataclass
class Words(Node):
    words: list[str]


@dataclass
class Verb(Node):
    lemma: str


@dataclass
class Alt(Node):
    options: list["Node"]


@dataclass
class Seq(Node):
    items: list["Node"]


@dataclass
class Optional(Node):
    item: "Node"


@dataclass
class Gap(Node):
    size: int


@dataclass
class Capture(Node):
    name: str
    type: str
    item: "Node | None" = None  # {name=sub-pattern}: capture what the sub-pattern matched


@dataclass
class Macro(Node):
    name: str


@dataclass
class Not(Node):
    item: "Node"


class PatternError(Exception):
    """A mistake in a pattern, at a 0-based column of the pattern text."""

    def __init__(self, message: str, col: int, macro: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.macro = macro  # set when the column is in that macro's text, not the pattern's


# ---------------------------------------------------------------------------
# Reading a pattern (pyparsing grammar over the pattern text)


def _grammar() -> pp.ParserElement:
    """Each node takes its column from where pyparsing's parse action says
    its match began (after leading spaces), which is the column errors and
    `tracker explain` point at."""
    alternatives = pp.Forward().set_name("a pattern")
    word = pp.Regex(r"(?!\.\.\.)[^\s()\[\]{}|<>!@\"]+").set_name("a word")
    word.set_parse_action(lambda s, loc, t: Words(loc, words_of(t[0])))
    phrase = pp.QuotedString('"', unquote_results=True).set_name('a "quoted phrase"')
    phrase.set_parse_action(lambda s, loc, t: Words(loc, words_of(t[0])))
    gap = pp.Regex(r"\.\.\.(\d+)?").set_name("a gap like ... or ...3")
    gap.set_parse_action(lambda s, loc, t: Gap(loc, int(t[0][3:]) if len(t[0]) > 3 else DEFAULT_GAP))
    name = pp.Regex(r"[A-Za-z_][A-Za-z0-9_-]*").set_name("a name")
    verb = (pp.Suppress("<") - pp.Regex(r"[A-Za-z][A-Za-z'-]*").set_name("a verb")
            - pp.Suppress(">").set_name("'>' closing the verb"))
    verb.set_parse_action(lambda s, loc, t: Verb(loc, t[0].lower()))
    capture = (pp.Suppress("{") - name.copy().set_name("a capture name")
               - pp.Opt(pp.Suppress(":") - name.copy().set_name("a capture type")
                        | pp.Suppress("=") - alternatives)
               - pp.Suppress("}").set_name("'}' closing the capture"))
    capture.set_parse_action(lambda s, loc, t: Capture(loc, t[0], t[1] if len(t) > 1 and isinstance(t[1], str) else "",
                                                       t[1] if len(t) > 1 and isinstance(t[1], Node) else None))
    macro = (pp.Suppress("@") - name.copy().set_name("a macro name"))
    macro.set_parse_action(lambda s, loc, t: Macro(loc, t[0]))
    group = (pp.Suppress("(") - alternatives - pp.Suppress(")").set_name("')' closing the group"))
    optional = (pp.Suppress("[") - alternatives - pp.Suppress("]").set_name("']' closing the optional part"))
    optional.set_parse_action(lambda s, loc, t: Optional(loc, t[0]))
    atom = pp.Forward()
    negation = (pp.Suppress("!") - atom)
    negation.set_parse_action(lambda s, loc, t: Not(loc, t[0]))
    atom <<= (gap | verb | capture | macro | phrase | group | optional | negation | word).set_name("a pattern element")
    sequence = pp.OneOrMore(atom).set_name("a pattern element")
    sequence.set_parse_action(lambda s, loc, t: t[0] if len(t) == 1 else Seq(loc, list(t)))
    alternatives <<= sequence + pp.ZeroOrMore(pp.Suppress("|") + sequence)
    alternatives.set_parse_action(lambda s, loc, t: t[0] if len(t) == 1 else Alt(loc, list(t)))
    return alternatives + pp.StringEnd().set_name("end of pattern")


_GRAMMAR = _grammar()


def read_pattern(text: str) -> Node:
    """Parse pattern text into its tree, or raise PatternError at the offending column."""
    if not text.strip():
        raise PatternError("empty pattern", 0)
    _check_shape(text)
    try:
        node = _GRAMMAR.parse_string(text, parse_all=True)[0]
    except pp.ParseBaseException as err:
        found = f"'{text[err.loc]}'" if err.loc < len(text) else "end of pattern"
        expected = err.msg[0].lower() + err.msg[1:] if err.msg else "expected a pattern element"
        raise PatternError(f"{expected}, found {found}", err.loc) from None
    _check(node)
    return node


MAX_NESTING = 20
_EMPTY_ALTERNATIVE = re.compile(r"[(\[|]\s*\||\|\s*(?=[)\]]|$)")


def _check_shape(text: str) -> None:
    """Mistakes the grammar would report at the wrong place, or by recursing
    too deep: an empty alternative ("a | | b") and brackets nested past
    MAX_NESTING."""
    if (m := _EMPTY_ALTERNATIVE.search(text)):
        col = m.end() - 1 if text[m.end() - 1] == "|" else m.start()
        raise PatternError("empty alternative: write something between the '|' marks", col)
    depth = 0
    for col, ch in enumerate(text):
        if ch in "([{":
            depth += 1
            if depth > MAX_NESTING:
                raise PatternError(f"brackets nested more than {MAX_NESTING} deep", col)
        elif ch in ")]}":
            depth -= 1


def _check(node: Node) -> None:
    """Static checks pyparsing's grammar cannot express, with the element's column."""
    for n in walk(node):
        if isinstance(n, Words) and not n.words:
            raise PatternError("empty phrase: it can match no words at all", n.col)
        if isinstance(n, Capture):
            if n.type and n.type not in CAPTURE_TYPES:
                raise PatternError(f"unknown capture type '{n.type}' (one of: {', '.join(CAPTURE_TYPES)})",
                                   n.col + len(n.name) + 2)
        elif isinstance(n, Gap) and not 0 < n.size <= MAX_GAP:
            raise PatternError(f"a gap must be 1 to {MAX_GAP} words, not {n.size}", n.col)
        elif isinstance(n, Verb) and not verb_forms(n.lemma):
            raise PatternError(f"no verb forms known for '{n.lemma}'", n.col)
        elif isinstance(n, Seq) and isinstance(n.items[-1], Gap):
            raise PatternError("a gap must be followed by something to find", n.items[-1].col)
    if isinstance(node, Gap):
        raise PatternError("a pattern cannot be only a gap", node.col)


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in _children(node):
        yield from walk(child)


def _children(node: Node) -> list[Node]:
    if isinstance(node, (Alt,)):
        return node.options
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, (Optional, Not)):
        return [node.item]
    if isinstance(node, Capture) and node.item is not None:
        return [node.item]
    return []


def capture_type(node: Capture) -> str:
    return node.type or DEFAULT_CAPTURE_TYPE.get(node.name, "np")


# ---------------------------------------------------------------------------
# Triggers: the words a sentence must contain for a pattern to have a chance


def triggers(node: Node, macros: dict[str, Node]) -> frozenset[str] | None:
    """A set of words of which any matching sentence holds at least one, or None.

    In a sequence the required element with the fewest words is chosen, so
    the index stays selective; optional and negated parts never trigger.
    """
    if isinstance(node, Words):
        return frozenset(node.words[:1]) if node.words else None
    if isinstance(node, Verb):
        return verb_forms(node.lemma)
    if isinstance(node, Macro):
        return triggers(macros[node.name], macros) if node.name in macros else None
    if isinstance(node, Alt):
        parts = [triggers(o, macros) for o in node.options]
        return None if any(p is None for p in parts) else frozenset().union(*parts)
    if isinstance(node, Seq):
        parts = [p for p in (triggers(i, macros) for i in node.items) if p]
        return min(parts, key=lambda p: (bool(p & COMMON_WORDS), len(p))) if parts else None
    return None


def start_filter(node: Node, macros: dict[str, Node]) -> frozenset[str] | str | None:
    """Where in a sentence a match can start: at one of these words, at an
    actor mention ("actor"), at a quote ("quote"), or anywhere (None).

    Trying a pattern only at such places is what keeps a sentence cheap
    when its trigger word is there but the pattern cannot start nearby.
    """
    if isinstance(node, Words):
        return frozenset(node.words[:1])
    if isinstance(node, Verb):
        return verb_forms(node.lemma)
    if isinstance(node, Macro):
        return start_filter(macros[node.name], macros) if node.name in macros else None
    if isinstance(node, Capture):
        if node.item is not None:
            return start_filter(node.item, macros)
        kind = capture_type(node)
        return kind if kind in ("actor", "quote") else None
    if isinstance(node, Seq):
        first = next((item for item in node.items if not isinstance(item, Not)), None)  # a negation takes nothing
        return None if first is None or isinstance(first, (Optional, Gap)) else start_filter(first, macros)
    if isinstance(node, Alt):
        parts = [start_filter(o, macros) for o in node.options]
        if all(isinstance(p, frozenset) for p in parts):
            return frozenset().union(*parts)
        return parts[0] if len(set(parts)) == 1 else None
    return None


# The most tokens a capture of each type takes: the matcher's limits (Compiler._slot)
# and what anchors reckon with.  Actor, quote and rest captures are unbounded.
SLOT_WIDTHS = {"number": 1, "np": 12, "clause": MAX_CAPTURE_TOKENS}


def width(node: Node, macros: dict[str, Node]) -> int | None:
    """The most tokens a part of a pattern can take, or None if there is no bound."""
    if isinstance(node, Words):
        return len(node.words)
    if isinstance(node, Verb):
        return 1
    if isinstance(node, Gap):
        return node.size
    if isinstance(node, Not):
        return 0
    if isinstance(node, Optional):
        return width(node.item, macros)
    if isinstance(node, Macro):
        return width(macros[node.name], macros) if node.name in macros else None
    if isinstance(node, Capture):
        return width(node.item, macros) if node.item is not None else SLOT_WIDTHS.get(capture_type(node))
    parts = [width(child, macros) for child in _children(node)]
    if any(p is None for p in parts):
        return None
    return max(parts) if isinstance(node, Alt) else sum(parts)  # type: ignore[arg-type]


def anchor(node: Node, macros: dict[str, Node]) -> tuple[frozenset[str], int] | None:
    """For a pattern that starts at an actor mention: words one of which must
    stand at most `reach` tokens after the mention, or None.

    "{actor} [@aux] @speech ..." can only match at a mention followed, within
    the width of an auxiliary, by a speech verb.  Most sentences name several
    actors and hold one such verb; trying the pattern only where the verb is
    in reach keeps the cost of a rule from growing with the actors a
    sentence names.
    """
    if not isinstance(node, Seq) or start_filter(node, macros) != "actor":
        return None
    items = [item for item in node.items if not isinstance(item, Not)]
    reach = 0
    for item in items[1:]:
        words = None if isinstance(item, Optional) else start_filter(item, macros)
        if isinstance(words, frozenset):
            return words, reach
        size = width(item, macros)
        if size is None:
            return None
        reach += size
    return None


# ---------------------------------------------------------------------------
# The sentence a matcher runs over


@dataclass
class Span:
    """A captured stretch of the sentence (offsets relative to the sentence)."""

    name: str
    type: str
    start: int
    end: int


@dataclass
class MatchContext:
    """What matchers know about the sentence beyond its characters.

    `mentions` maps a token start to the ends of actor mentions starting there
    (longest first); `quotes` maps an opening quote's start to its end.
    `spans` collects the captures of the attempt under way; `memo` keeps what
    is worked out once per sentence for all its records (cue hits, clauses).
    """

    index: TokenIndex
    mentions: dict[int, list[int]] = field(default_factory=dict)
    quotes: dict[int, int] = field(default_factory=dict)
    tail: int = field(init=False)
    spans: list = field(init=False, default_factory=list)
    memo: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        """`tail` is where the closing punctuation and quote marks begin, so
        a rest-of-sentence capture leaves them out."""
        tokens = self.index.tokens
        self.tail = len(tokens)
        while self.tail and (tokens[self.tail - 1].text in SENTENCE_END or tokens[self.tail - 1].text in QUOTE_CHARS):
            self.tail -= 1



# Words that end a plain noun phrase: function words that start a new phrase.
NP_STOP = frozenset(
    "that which who whom whose to if unless because while when whether after before as than but and or nor "
    "said says say told tells is are was were be been being will would has have had can could may might "
    "should must shall do does did not for from with by on in at over under about against since until into "
    "amid during despite following through after".split())
# Words that, after a comma, begin another clause.
CLAUSE_STARTERS = frozenset(
    "which who whom whose while but although though whereas as after before when because since so "
    "according said says adding added saying including where unless if and".split())
CLAUSE_HARD_STOPS = frozenset(";:()[]")
SENTENCE_END = frozenset(".?!…")

_CONTEXT: contextvars.ContextVar[MatchContext] = contextvars.ContextVar("tracker_match_context")


def set_context(ctx: MatchContext) -> contextvars.Token:
    """Make `ctx` the sentence that PatternExpression.parseImpl reads."""
    return _CONTEXT.set(ctx)


# ---------------------------------------------------------------------------
# Matching elements
#
# Patterns used to run as pyparsing elements over the sentence text.  That
# cost a ParseException per failed attempt and several layers of calls per
# token, which made matching most of a scan's time; these small elements keep
# pyparsing's semantics (PEG: ordered, no backtracking into a finished
# element; an alternative takes the longest match, the first on a tie) and
# its whitespace handling, which decides where an empty match ends, so that
# every match and capture has the offsets it had before.

FAIL = -1


class Element:
    """One compiled pattern element.

    `parse(ctx, loc)` returns where a match starting exactly at `loc` ends, or
    FAIL, and appends its captures to `ctx.spans`; an element that recovers
    from a failure (optional part, alternative, lookahead) removes the
    captures of the failed attempt.  `match` first steps over whitespace as
    pyparsing's preParse did: `calls_skip` and `skips` are its callPreparse
    and skipWhitespace.  `first` holds the folded words a non-empty match must
    start with (None: unknown), which lets a gap skip its look-ahead.
    `needs` lists word sets a sentence must hold a word of, each, for the
    element to match anywhere in it: a pattern is not tried in a sentence
    that lacks one.
    """

    name = "a pattern element"
    calls_skip = True
    skips = True
    may_be_empty = False
    first: frozenset[str] | None = None
    needs: tuple[frozenset[str], ...] = ()

    def match(self, ctx: MatchContext, loc: int) -> int:
        if self.calls_skip and self.skips:
            loc = ctx.index.skip(loc)
        return self.parse(ctx, loc)

    def parse(self, ctx: MatchContext, loc: int) -> int:
        raise NotImplementedError

    def can_match(self, ctx: MatchContext, loc: int) -> bool:
        """A look-ahead: whether the element matches at `loc`, leaving no captures."""
        spans = ctx.spans
        mark = len(spans)
        found = self.match(ctx, loc) != FAIL
        del spans[mark:]
        return found


class WordSet(Element):
    """One token whose folded form is in a set (a word, or a verb's forms)."""

    def __init__(self, forms: frozenset[str], name: str) -> None:
        self.forms = self.first = forms
        self.needs = (forms,)
        self.name = name

    def parse(self, ctx: MatchContext, loc: int) -> int:
        index = ctx.index
        i = index.by_start.get(loc)
        if i is None or index.lowers[i] not in self.forms:
            return FAIL
        return index.tokens[i].end


class Sequence(Element):
    """Elements one after the other."""

    def __init__(self, items: list[Element], name: str = "a sequence") -> None:
        self.items, self.rest = items, items[1:]
        self.name = name
        self.skips = items[0].skips
        self.may_be_empty = all(e.may_be_empty for e in items)
        self.needs = tuple(need for e in items for need in e.needs)
        first: set[str] = set()
        for item in items:
            if item.first is None:
                self.first = None
                break
            first |= item.first
            if not item.may_be_empty:
                self.first = frozenset(first)
                break

    def parse(self, ctx: MatchContext, loc: int) -> int:
        loc = self.items[0].parse(ctx, loc)
        for item in self.rest:
            if loc == FAIL:
                return FAIL
            loc = item.match(ctx, loc)
        return loc


class Choice(Element):
    """Alternatives: the longest match wins, the first one on a tie."""

    calls_skip = False
    name = "one of the alternatives"

    def __init__(self, options: list[Element]) -> None:
        self.options = options
        self.skips = all(o.skips for o in options)
        self.skip_first = self.skips and all(o.calls_skip for o in options)
        self.may_be_empty = any(o.may_be_empty for o in options)
        firsts = [o.first for o in options]
        self.first = None if any(f is None for f in firsts) else frozenset().union(*firsts)
        if all(o.needs for o in options):  # whichever option matches, a word of its first need is there
            self.needs = (frozenset().union(*(o.needs[0] for o in options)),)
        # No option can match here unless the token is one of these.
        self.starts = None if self.may_be_empty else self.first

    def parse(self, ctx: MatchContext, loc: int) -> int:
        if self.skip_first:
            loc = ctx.index.skip(loc)
            if self.starts is not None:
                i = ctx.index.by_start.get(loc)
                if i is None or ctx.index.lowers[i] not in self.starts:
                    return FAIL
        spans = ctx.spans
        mark = len(spans)
        best, best_spans = FAIL, []
        for option in self.options:
            end = option.match(ctx, loc)
            if end > best:
                best, best_spans = end, spans[mark:]
            del spans[mark:]
        if best == FAIL:
            return FAIL
        spans.extend(best_spans)
        return best


class Maybe(Element):
    """An optional part."""

    may_be_empty = True

    def __init__(self, item: Element) -> None:
        self.item, self.first = item, item.first
        self.name = f"[{item.name}]"
        self.calls_skip, self.skips = item.calls_skip, item.skips

    def parse(self, ctx: MatchContext, loc: int) -> int:
        spans = ctx.spans
        mark = len(spans)
        end = self.item.parse(ctx, loc)
        if end == FAIL:
            del spans[mark:]
            return loc
        return end


class Unless(Element):
    """A negative look-ahead: the item must not match here; takes nothing."""

    skips = False
    may_be_empty = True
    first: frozenset[str] | None = frozenset()

    def __init__(self, item: Element) -> None:
        self.item = item
        self.name = f"not {item.name}"
        self.calls_skip = item.calls_skip

    def parse(self, ctx: MatchContext, loc: int) -> int:
        if self.item.can_match(ctx, loc):
            return FAIL
        return loc


class Lazy(Element):
    """Tokens up to a natural boundary, stopping early where `stop` can match.

    Gaps, noun phrases, clauses and rest-of-sentence captures share this
    shape; `accept(ctx, i, n)` says whether token i may be the n-th taken.
    """

    def __init__(self, name: str, accept: Callable[[MatchContext, int, int], bool],
                 least: int, most: int, stop: Element | None) -> None:
        self.name = name
        self.accept, self.least, self.most, self.stop = accept, least, most, stop
        self.may_be_empty = least == 0
        # Where the stop can only start at certain words, other tokens need no look-ahead.
        self.stop_words = stop.first if stop is not None and not stop.may_be_empty else None

    def parse(self, ctx: MatchContext, loc: int) -> int:
        index = ctx.index
        i = index.by_start.get(loc)
        if i is None:
            return loc if self.least == 0 else FAIL
        tokens, lowers = index.tokens, index.lowers
        stop, stop_words, accept = self.stop, self.stop_words, self.accept
        limit = min(len(tokens), i + self.most)
        taken, end = 0, loc
        while i < limit:
            if taken >= self.least and stop is not None and (stop_words is None or lowers[i] in stop_words) \
                    and stop.can_match(ctx, tokens[i].start):
                break
            if not accept(ctx, i, taken):
                break
            end = tokens[i].end
            taken += 1
            i += 1
        if taken < self.least:
            return FAIL
        return end


class ActorSlot(Element):
    """An actor mention found before matching (lexicon, titles, pronouns)."""

    name = "an actor"

    def parse(self, ctx: MatchContext, loc: int) -> int:
        ends = ctx.mentions.get(loc)
        return ends[0] if ends else FAIL


class QuoteSlot(Element):
    """A quoted stretch, from its opening to its closing mark."""

    name = "a quotation"

    def parse(self, ctx: MatchContext, loc: int) -> int:
        end = ctx.quotes.get(loc)
        return FAIL if end is None else end


class CaptureSpan(Element):
    """Wraps an element and records the span it covered."""

    def __init__(self, item: Element, name: str, type_: str) -> None:
        self.item, self.capture_name, self.capture_type = item, name, type_
        self.name = "{" + name + (":" + type_ if type_ else "") + "}"
        self.calls_skip, self.skips = item.calls_skip, item.skips
        self.may_be_empty, self.first, self.needs = item.may_be_empty, item.first, item.needs

    def parse(self, ctx: MatchContext, loc: int) -> int:
        if self.item.skips:
            loc = ctx.index.skip(loc)
        spans = ctx.spans
        slot = len(spans)
        spans.append(None)  # the capture comes before the captures inside it
        end = self.item.parse(ctx, loc)
        if end == FAIL:
            del spans[slot:]
            return FAIL
        spans[slot] = Span(self.capture_name, self.capture_type, loc, end)
        return end


def _any_token(ctx: MatchContext, i: int, n: int) -> bool:
    return True


def _number_token(ctx: MatchContext, i: int, n: int) -> bool:
    return ctx.index.tokens[i].text[0].isdigit()


def _np_token(ctx: MatchContext, i: int, n: int) -> bool:
    tok = ctx.index.tokens[i]
    if tok.lower in NP_STOP:
        return False
    return tok.is_word or tok.lower in ("'s", "-", "&", "%", "$")


def _clause_token(ctx: MatchContext, i: int, n: int) -> bool:
    tokens = ctx.index.tokens
    tok = tokens[i]
    if n == 0 and not (tok.is_word or tok.text in OPEN_QUOTES):
        return False
    if tok.text in CLAUSE_HARD_STOPS or tok.text in ("—", "--"):
        return False
    if tok.text in SENTENCE_END and (i + 1 >= len(tokens) or tokens[i + 1].text in QUOTE_CHARS):
        return False
    if tok.text == "," and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.lower in CLAUSE_STARTERS or nxt.text in QUOTE_CHARS:
            return False
        if i + 2 < len(tokens) and tokens[i + 2].lower in ("said", "says", "told", "added", "noted", "stated"):
            return False
    return True


def _rest_token(ctx: MatchContext, i: int, n: int) -> bool:
    return i < ctx.tail


# ---------------------------------------------------------------------------
# Compiling the tree into matching elements


class Compiler:
    """Turns pattern trees into matching elements, expanding macros.

    `macros` maps a macro name to its tree; a macro that uses itself,
    directly or through others, is an error at the column where it is used.
    """

    def __init__(self, macros: dict[str, Node]) -> None:
        self.macros = macros

    def compile(self, node: Node) -> Element:
        return self._compile(node, None, ())

    def _compile(self, node: Node, stop: Element | None, active: tuple[str, ...]) -> Element:
        if isinstance(node, Words):
            parts: list[Element] = [WordSet(frozenset([w]), f"'{w}'") for w in node.words]
            return parts[0] if len(parts) == 1 else Sequence(parts, "'" + " ".join(node.words) + "'")
        if isinstance(node, Verb):
            return WordSet(verb_forms(node.lemma), f"<{node.lemma}>")
        if isinstance(node, Alt):
            return self._choice([self._compile(o, stop, active) for o in node.options], node)
        if isinstance(node, Optional):
            return Maybe(self._compile(node.item, stop, active))
        if isinstance(node, Not):
            return Unless(self._compile(node.item, None, active))
        if isinstance(node, Macro):
            if node.name not in self.macros:
                raise PatternError(f"unknown macro '@{node.name}'", node.col)
            if node.name in active:
                chain = " -> ".join("@" + m for m in active + (node.name,))
                raise PatternError(f"macro '@{node.name}' uses itself ({chain})", node.col)
            try:
                return self._compile(self.macros[node.name], stop, active + (node.name,))
            except PatternError as err:
                if err.macro is None:
                    err.macro = node.name
                raise
        if isinstance(node, Gap):
            return Lazy(f"a gap of up to {node.size} words", _any_token, 0, node.size, stop)
        if isinstance(node, Capture):
            if node.item is not None:
                return CaptureSpan(self._compile(node.item, stop, active), node.name, "")
            return CaptureSpan(self._slot(capture_type(node), stop), node.name, node.type)
        if isinstance(node, Seq):
            return self._sequence(node.items, stop, active)
        raise TypeError(node)

    def _choice(self, options: list[Element], node: Alt) -> Element:
        """Alternatives, with the one-word ones merged into one set lookup.

        Merging keeps the result: each one-word option ends at the same place,
        and without captures a tie between options leaves nothing to tell apart.
        """
        words = [o for o in options if isinstance(o, WordSet)]
        if len(words) < 2 or any(isinstance(n, Capture) for n in walk(node)):
            return Choice(options)
        merged = WordSet(frozenset().union(*(o.forms for o in words)), "one of the alternatives")
        if len(words) == len(options):
            return merged
        at = options.index(words[0])
        return Choice([*options[:at], merged, *(o for o in options[at:] if not isinstance(o, WordSet))])

    def _slot(self, type_: str, stop: Element | None) -> Element:
        if type_ == "actor":
            return ActorSlot()
        if type_ == "quote":
            return QuoteSlot()
        if type_ == "number":
            return Lazy("a number", _number_token, 1, SLOT_WIDTHS["number"], stop)
        if type_ == "np":
            return Lazy("a noun phrase", _np_token, 1, SLOT_WIDTHS["np"], stop)
        if type_ == "clause":
            return Lazy("a clause", _clause_token, 1, SLOT_WIDTHS["clause"], stop)
        return Lazy("the rest of the sentence", _rest_token, 1, 10_000, stop)

    def _sequence(self, items: list[Node], stop: Element | None, active: tuple[str, ...]) -> Element:
        """Compile right to left, so each lazy element knows what follows it."""
        compiled: list[Element] = []
        follow = stop
        for item in reversed(items):
            element = self._compile(item, follow, active)
            compiled.append(element)
            if not isinstance(item, (Optional, Not)):
                follow = Sequence(list(reversed(compiled))) if len(compiled) > 1 else element
        return Sequence(list(reversed(compiled)))


class PatternExpression(pp.Token):
    """A compiled pattern as a pyparsing element.

    pyparsing drives each attempt (`_parse`: results, a ParseException on
    failure), and the element tree below walks the sentence's token index.
    The tree's elements call each other directly rather than through
    pyparsing's And/Or/Opt: one pyparsing call per attempt instead of
    several per token is what makes scanning an archive affordable, and the
    elements keep pyparsing's semantics (ordered, no backtracking into a
    finished element, the longest alternative, its whitespace rules).
    """

    def __init__(self, root: Element, source: str) -> None:
        super().__init__()
        self.root = root
        self.needs = root.needs
        self.set_name(source)
        self.mayReturnEmpty = root.may_be_empty
        self.mayIndexError = False

    def parseImpl(self, instring, loc, do_actions=True):
        ctx = _CONTEXT.get()
        ctx.spans = []
        end = self.root.parse(ctx, loc)
        if end == FAIL:
            raise pp.ParseException(instring, loc, self.errmsg, self)
        return end, pp.ParseResults(list(ctx.spans))
