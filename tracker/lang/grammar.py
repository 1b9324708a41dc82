"""Reading a pattern: a pyparsing grammar over the pattern text, into the tree.

A pattern is a line of words as they stand in a sentence, with a few marks:

    said                  the word "said", in any case
    <accuse>              the verb in all its forms: accuse, accuses, accused, accusing
    (agree | reach)       one of the alternatives
    [the]                 an optional part
    ...  ...3             a gap of up to 5 (or 3) words
    {actor}               a capture: here a named actor ("the US", "Li Chenggang", "he")
    {content:clause}      a capture of a type: actor, np, clause, rest, quote, number
    {content=(this|it)}   a capture of what a sub-pattern matched
    ^                     the start of a clause: of the sentence, or after , ; : or a dash
    @report_verb          a macro: a named sub-pattern, or a word list of the rule files
    !not                  the word must not stand here
    "in principle"        a phrase (quotes are optional for plain words)

Mistakes are PatternErrors at the column of the offending element, which
the rule loader turns into `path:line:col` for the rule file.
"""
from __future__ import annotations

import re

import pyparsing as pp

from tracker.inflection import verb_forms
from tracker.lang.tree import (
    CAPTURE_TYPES,
    DEFAULT_GAP,
    MAX_GAP,
    VERB_FORMS,
    Alt,
    Capture,
    Gap,
    Macro,
    Node,
    Not,
    Optional,
    PatternError,
    Seq,
    Start,
    Verb,
    Words,
    walk,
)
from tracker.tokens import words_of


def _grammar() -> pp.ParserElement:
    """Each node takes its column from where pyparsing's parse action says
    its match began (after leading spaces), which is the column errors and
    `tracker explain` point at."""
    alternatives: pp.Forward = pp.Forward()
    alternatives.set_name("a pattern")
    word = pp.Regex(r"(?!\.\.\.)[^\s()\[\]{}|<>!@\"^]+").set_name("a word")
    word.set_parse_action(lambda s, loc, t: Words(loc, words_of(t[0])))
    phrase = pp.QuotedString('"', unquote_results=True).set_name('a "quoted phrase"')
    phrase.set_parse_action(lambda s, loc, t: Words(loc, words_of(t[0])))
    gap = pp.Regex(r"\.\.\.(\d+)?").set_name("a gap like ... or ...3")
    gap.set_parse_action(lambda s, loc, t: Gap(loc, int(t[0][3:]) if len(t[0]) > 3 else DEFAULT_GAP))
    name = pp.Regex(r"[A-Za-z_][A-Za-z0-9_-]*").set_name("a name")
    form = pp.Suppress(":") - pp.one_of(VERB_FORMS).set_name(f"a verb form ({', '.join(VERB_FORMS)})")
    verb = (pp.Suppress("<") - pp.Regex(r"[A-Za-z][A-Za-z'-]*").set_name("a verb") - pp.Opt(form)
            - pp.Suppress(">").set_name("'>' closing the verb"))
    verb.set_parse_action(lambda s, loc, t: Verb(loc, t[0].lower(), t[1] if len(t) > 1 else None))
    capture = (pp.Suppress("{") - name.copy().set_name("a capture name")
               - pp.Opt(pp.Suppress(":") - name.copy().set_name("a capture type")
                        | pp.Suppress("=") - alternatives)
               - pp.Suppress("}").set_name("'}' closing the capture"))
    capture.set_parse_action(lambda s, loc, t: Capture(loc, t[0], t[1] if len(t) > 1 and isinstance(t[1], str) else "",
                                                       t[1] if len(t) > 1 and isinstance(t[1], Node) else None))
    macro = (pp.Suppress("@") - name.copy().set_name("a macro name") - pp.Opt(form.copy()))
    macro.set_parse_action(lambda s, loc, t: Macro(loc, t[0], t[1] if len(t) > 1 else None))
    group = (pp.Suppress("(") - alternatives - pp.Suppress(")").set_name("')' closing the group"))
    optional = (pp.Suppress("[") - alternatives - pp.Suppress("]").set_name("']' closing the optional part"))
    optional.set_parse_action(lambda s, loc, t: Optional(loc, t[0]))
    atom = pp.Forward()
    negation = (pp.Suppress("!") - atom)
    negation.set_parse_action(lambda s, loc, t: Not(loc, t[0]))
    start = pp.Literal("^").set_name("^ (the start of a clause)")
    start.set_parse_action(lambda s, loc, t: Start(loc))
    atom <<= (gap | start | verb | capture | macro | phrase | group | optional | negation | word).set_name(
        "a pattern element")
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
# "<accuse>:past" would read as the verb, then the words ":" and "past": the form belongs inside the brackets.
_FORM_OUTSIDE = re.compile(rf"<([^<>\s]+)>:({'|'.join(VERB_FORMS)})\b")


def _check_shape(text: str) -> None:
    """Mistakes the grammar would report at the wrong place, or not at all,
    or by recursing too deep: an empty alternative ("a | | b"), a verb's form
    outside its brackets ("<accuse>:past"), and brackets nested past
    MAX_NESTING."""
    if (m := _EMPTY_ALTERNATIVE.search(text)):
        col = m.end() - 1 if text[m.end() - 1] == "|" else m.start()
        raise PatternError("empty alternative: write something between the '|' marks", col)
    if (m := _FORM_OUTSIDE.search(text)):
        raise PatternError(f"a verb's form goes inside its brackets: write <{m.group(1)}:{m.group(2)}>",
                           m.start() + len(m.group(1)) + 2)
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
        elif isinstance(n, Verb) and not verb_forms(n.lemma, n.form):
            raise PatternError(f"no {n.form + ' ' if n.form else ''}forms known for the verb '{n.lemma}'", n.col)
        elif isinstance(n, Seq) and isinstance(n.items[-1], Gap):
            raise PatternError("a gap must be followed by something to find", n.items[-1].col)
    if isinstance(node, Gap):
        raise PatternError("a pattern cannot be only a gap", node.col)
