"""The elements a pattern is compiled into, and the pyparsing element that drives them.

Patterns used to run as pyparsing elements over the sentence text.  That
cost a ParseException per failed attempt and several layers of calls per
token, which made matching most of a scan's time; these small elements keep
pyparsing's semantics (PEG: ordered, no backtracking into a finished
element; an alternative takes the longest match, the first on a tie) and
its whitespace handling, which decides where an empty match ends, so that
every match and capture has the offsets it had before.  A compiled pattern
is one `PatternExpression`, a pyparsing Token, run through pyparsing's
public `parse_string`-family API by the matcher.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyparsing as pp

from tracker.lang.context import CONTEXT, MatchContext, Span
from tracker.tokens import CLAUSE_HARD_STOPS, DASHES, OPEN_QUOTES, QUOTE_CHARS, SENTENCE_END

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
            loc = ctx.index.gaps.get(loc, loc)  # TokenIndex.skip, inlined: it runs between every two elements
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


class Remembered(Element):
    """An element whose result at a place is worked out once per sentence.

    Rules share their elements (compiler.py's pool), patterns of one kind
    start alike ("{actor} [@aside] @said_lead ..."), and a gap or capture
    looks ahead at every token it passes: on news, 62% of the calls of
    alternatives and 45% of those of lazy elements were the same element at
    the same place of the same sentence.  An element's result depends only
    on the sentence and the place (MatchContext holds nothing else they
    read), so the end and the captures it made are kept in `ctx.results`
    and given back.  Sequences and single words are not remembered: they
    cost less to redo than to look up; nor is anything in a sentence longer
    than context.REMEMBERED_TOKENS (ctx.results is None there)."""

    def parse(self, ctx: MatchContext, loc: int) -> int:
        results = ctx.results
        if results is None:
            return self.work(ctx, loc)
        key = (self, loc)
        found = results.get(key)
        if found is not None:
            if found[1]:
                ctx.spans.extend(found[1])
            return found[0]
        spans = ctx.spans
        mark = len(spans)
        end = self.work(ctx, loc)
        results[key] = (end, tuple(spans[mark:]) if end != FAIL and len(spans) > mark else ())
        return end

    def work(self, ctx: MatchContext, loc: int) -> int:
        raise NotImplementedError


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


class Choice(Remembered):
    """Alternatives: the longest match wins, the first one on a tie."""

    calls_skip = False
    name = "one of the alternatives"

    def __init__(self, options: list[Element]) -> None:
        self.options = options
        self.skips = all(o.skips for o in options)
        self.skip_first = self.skips and all(o.calls_skip for o in options)
        self.may_be_empty = any(o.may_be_empty for o in options)
        firsts = [o.first for o in options if o.first is not None]
        self.first = frozenset().union(*firsts) if len(firsts) == len(options) else None
        if all(o.needs for o in options):  # whichever option matches, a word of its first need is there
            self.needs = (frozenset().union(*(o.needs[0] for o in options)),)
        # No option can match here unless the token is one of these.
        self.starts = None if self.may_be_empty else self.first
        # Per option, the words its match must start with (None: any, or it may take nothing):
        # an option whose first word is not the next token is not tried.
        self.gates = [None if o.may_be_empty else o.first for o in options]

    def work(self, ctx: MatchContext, loc: int) -> int:
        index = ctx.index
        after = index.gaps.get(loc, loc)  # where the next token starts, if one does
        i = index.by_start.get(after)
        word = None if i is None else index.lowers[i]
        if self.skip_first:
            loc = after
            if self.starts is not None and word not in self.starts:
                return FAIL
        spans = ctx.spans
        mark = len(spans)
        best, best_spans = FAIL, []
        for option, gate in zip(self.options, self.gates, strict=True):
            if gate is not None and word not in gate:
                continue  # its match would have to start with one of these words
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


class Lazy(Remembered):
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

    def work(self, ctx: MatchContext, loc: int) -> int:
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
        # The tokens passed are this call's steps (each may have looked ahead): the
        # work of lazy elements nested in each other's look-aheads is counted deep inside.
        ctx.steps_left -= taken + 1
        if ctx.steps_left <= 0:
            ctx.check_clock()
        if taken < self.least:
            return FAIL
        return end


class ActorSlot(Element):
    """An actor mention found before matching: a name, a title, a pronoun, a noun phrase.

    A mention can end in several places ("the company" and "the company
    plans" are both readings of a noun phrase; "John Smith" and "John Smith,
    a spokesman for the ministry," of a name): the slot takes the longest
    reading after which what follows in the pattern (`stop`) can match, or
    the longest when nothing follows.
    """

    name = "an actor"

    def __init__(self, stop: Element | None = None) -> None:
        self.stop = stop

    def parse(self, ctx: MatchContext, loc: int) -> int:
        ends = ctx.mentions.get(loc)
        if not ends:
            return FAIL
        stop = self.stop
        if stop is None or len(ends) == 1:
            return ends[0]
        for end in ends:
            if stop.can_match(ctx, end):
                return end
        return ends[0]


class ClauseStart(Element):
    """Takes nothing, and only where a clause starts: at the sentence's first
    token, or after a comma, semicolon, colon or dash (MatchContext.clause_starts)."""

    name = "the start of a clause"
    skips = False
    may_be_empty = True

    def parse(self, ctx: MatchContext, loc: int) -> int:
        return loc if loc in ctx.clause_starts else FAIL


class QuoteSlot(Element):
    """A quoted stretch, from its opening to its closing mark."""

    name = "a quotation"
    needs = (QUOTE_CHARS,)  # every quotation opens with one of these marks

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


# ---------------------------------------------------------------------------
# Where a capture or gap may take a token


Accept = Callable[[MatchContext, int, int], bool]


@dataclass(frozen=True)
class Phrasing:
    """The word lists that decide where a noun phrase or a clause ends
    (rules/language/phrases.yaml and speech.yaml), folded as tokens are."""

    noun_phrase_stops: frozenset[str]
    noun_phrase_joiners: frozenset[str]
    clause_starters: frozenset[str]
    reporting_forms: frozenset[str]  # ", X said" ends a clause before the comma
    next_statements: frozenset[str]  # "and said" ends a clause before "and"


def any_token(ctx: MatchContext, i: int, n: int) -> bool:
    return True


def number_token(ctx: MatchContext, i: int, n: int) -> bool:
    return ctx.index.tokens[i].text[0].isdigit()


def rest_token(ctx: MatchContext, i: int, n: int) -> bool:
    return i < ctx.tail


class NounPhraseToken:
    """A plain noun phrase runs up to the next function word.  (A class, not a
    closure, so that compiled rules can be cached: see rulecache.py.)"""

    def __init__(self, phrasing: Phrasing) -> None:
        self.stops, self.joiners = phrasing.noun_phrase_stops, phrasing.noun_phrase_joiners

    def __call__(self, ctx: MatchContext, i: int, n: int) -> bool:
        tok = ctx.index.tokens[i]
        if tok.lower in self.stops:
            return False
        return tok.is_word or tok.lower in self.joiners


CURRENCY_SIGNS = frozenset("$£€¥")  # a clause may open on an amount: "laundered $10 million"


class ClauseToken:
    """A clause runs to a hard stop, a dash, the sentence's end, a comma that
    begins another clause (", which", ", X said"), or "and" before a verb of
    speech ("accused Y of dumping steel and said it would retaliate": the
    speaker's next statement, no part of this one)."""

    def __init__(self, phrasing: Phrasing) -> None:
        self.starters, self.speech = phrasing.clause_starters, phrasing.reporting_forms
        self.phrase_stops, self.next_statements = phrasing.noun_phrase_stops, phrasing.next_statements

    def __call__(self, ctx: MatchContext, i: int, n: int) -> bool:
        tokens = ctx.index.tokens
        tok = tokens[i]
        if n == 0 and not (tok.is_word or tok.text in OPEN_QUOTES or tok.text in CURRENCY_SIGNS):
            return False
        if tok.text in CLAUSE_HARD_STOPS or tok.text in DASHES:
            return False
        if tok.text in SENTENCE_END and (i + 1 >= len(tokens) or tokens[i + 1].text in QUOTE_CHARS):
            return False
        if tok.lower == "and" and i + 1 < len(tokens) and tokens[i + 1].lower in self.next_statements:
            return False
        if tok.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.lower in self.starters or nxt.text in QUOTE_CHARS:
                return False
            for k in range(i + 1, min(i + 1 + SPEAKER_WORDS, len(tokens) - 1)):
                if not tokens[k].is_word or tokens[k].lower in self.phrase_stops:
                    break  # the words between must be able to make a noun phrase ("has" cannot)
                if tokens[k + 1].lower in self.speech:
                    return False  # ", officials said", ", the company said", ", a senior official said"
        return True


SPEAKER_WORDS = 4  # how many words a speaker between a comma and "said" may have to end a clause there


class PatternExpression(pp.Token):
    """A compiled pattern as a pyparsing element, tried with `try_parse`.

    pyparsing drives each attempt: `try_parse` at a place where the pattern
    can start either gives where the match ends or raises ParseException.
    The captures are collected on the sentence's MatchContext, which the
    matcher reads after a successful attempt.  The tree's elements call each
    other directly rather than through pyparsing's And/Or/Opt: one pyparsing
    call per attempt instead of several per token is what makes scanning an
    archive affordable, and the elements keep pyparsing's semantics
    (ordered, no backtracking into a finished element, the longest
    alternative, its whitespace rules).
    """

    def __init__(self, root: Element, source: str) -> None:
        super().__init__()
        self.root = root
        self.needs = root.needs
        self.set_name(source)
        self.mayReturnEmpty = root.may_be_empty
        self.mayIndexError = False

    def parseImpl(self, instring: str, loc: int, do_actions: bool = True) -> tuple[int, list]:
        end = self.root.parse(CONTEXT.get(), loc)
        if end == FAIL:
            raise pp.ParseException(instring, loc, self.errmsg, self)
        return end, []
