"""The phrases a `when` pattern can find, to check that each resolves to a date.

A `when` pattern is finite: words, alternatives, optional parts, macros, and
number captures (filled with SAMPLE_NUMBER). Its phrases are the product of
its choices, which the vocabulary's tables multiply past counting (the
bundled patterns can find some 1.7e13 phrases, mostly dates: 31 days, 465
ranges of days, 24 month names, 200 years), so they are not all written
out. The resolver reads a table's words alike wherever the pattern puts
them, so what can go wrong is a shape it does not know or a word it does not
hold; the phrases written out cover both:

- every combination of the pattern's own choices (its alternatives and
  optional parts, and those of the macros it uses), each once;
- every word of each vocabulary table in every place the pattern uses it,
  though not every word with every other; of the numbers of @day, @year
  and @count, made and read by the same code, the first and last of each
  kind (timefiles.tried).

Both are capped (MAX_FORMS, MAX_PHRASES); a check that reached a cap says so.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice, product

from tracker.lang.tree import Alt, Capture, Gap, Macro, Node, Not, Optional, Seq, Verb, Words, walk
from tracker.ledger.timeexpr import Vocabulary, resolve

MAX_FORMS = 5_000
MAX_PHRASES = 20_000
SAMPLE_NUMBER = "5"
CHECK_DATE = date(2025, 6, 11)  # a Wednesday in mid-month: every relative phrase has a date to be read against


@dataclass(frozen=True)
class Slot:
    """A place where a vocabulary table's words stand, and those words."""

    place: tuple[int, ...]  # the macro uses that lead to it, from the pattern down
    words: tuple[str, ...]


Form = tuple["str | Slot", ...]  # one combination of the pattern's own choices


@dataclass(frozen=True)
class Phrases:
    """The phrases written out for a pattern, and whether a cap left some out."""

    phrases: list[str]
    limit: str | None = None  # what was left unchecked, when MAX_FORMS or MAX_PHRASES was reached

    @property
    def capped(self) -> bool:
        return self.limit is not None


def phrases(tree: Node, macros: dict[str, Node], tables: set[str],
            tried: dict[str, tuple[str, ...]] | None = None) -> Phrases:
    """The phrases written out for `tree` (see the module's docstring); `tables`
    are the macros made from the vocabulary, whose words fill slots, and
    `tried` the words to try of those that are not tried word by word."""
    forms = list(islice(_forms(tree, macros, tables, tried or {}, ()), MAX_FORMS + 1))
    limit = f"only the first {MAX_FORMS} combinations of its parts were checked" if len(forms) > MAX_FORMS else None
    forms = forms[:MAX_FORMS]
    out: list[str] = []
    used: set[tuple[tuple[int, ...], str]] = set()

    def emit(form: Form, n: int, chosen: tuple[Slot, str] | None = None) -> None:
        words = []
        for item in form:
            if isinstance(item, Slot):
                word = chosen[1] if chosen and chosen[0] is item else item.words[n % len(item.words)]
                used.add((item.place, word))
                words.append(word)
            else:
                words.append(item)
        out.append(_joined(words))

    for n, form in enumerate(forms):
        emit(form, n)
    for n, form in enumerate(forms):
        for slot in (item for item in form if isinstance(item, Slot)):
            for word in slot.words:
                if (slot.place, word) not in used:
                    emit(form, n, (slot, word))
    if len(out) > MAX_PHRASES:
        limit = f"only {MAX_PHRASES} of its phrases were checked"
    return Phrases(out[:MAX_PHRASES], limit)


def unresolved(tree: Node, macros: dict[str, Node], tables: set[str], vocabulary: Vocabulary,
               tried: dict[str, tuple[str, ...]]) -> str | None:
    """What to warn about a `when` pattern: a phrase it can find that does not
    resolve (read on CHECK_DATE), or that not all of its phrases were checked."""
    own = _open_element(tree, macros, set())
    if own is not None:
        return f"this `when` pattern takes words of its own at {own.written()}, which the time vocabulary cannot " \
               "date: write it with the macros of the time vocabulary"
    found = phrases(tree, macros, tables, tried)
    more = f"; {found.limit}" if found.limit else ""
    for phrase in found.phrases:
        if resolve(phrase, CHECK_DATE, vocabulary) is None:
            unknown = vocabulary.read(phrase)[1]
            why = f"'{' '.join(unknown)}' is in no table of the time vocabulary" if unknown else \
                "the time vocabulary's words do not make a date in this order"
            return f"this `when` pattern can find '{phrase}', which does not resolve to a date ({why}){more}"
    if found.capped:
        return f"this `when` pattern can find more phrases than tracker checks{more}"
    return None


def _forms(node: Node, macros: dict[str, Node], tables: set[str], tried: dict[str, tuple[str, ...]],
           place: tuple[int, ...]) -> Iterator[Form]:
    """Each combination of the choices of `node` and the macros it uses; a table is one Slot."""
    match node:
        case Words(words=words):
            yield (" ".join(words),)
        case Verb(lemma=lemma):
            yield (lemma,)
        case Alt(options=options):
            for option in options:
                yield from _forms(option, macros, tables, tried, place)
        case Optional(item=item):
            yield ()
            yield from _forms(item, macros, tables, tried, place)
        case Not():
            yield ()
        case Macro(name=name) if name in tables and (tried.get(name) or _table_words(macros[name])):
            yield (Slot(place + (id(node),), tried.get(name) or tuple(_table_words(macros[name]))),)
        case Macro(name=name):
            yield from _forms(macros[name], macros, tables, tried, place + (id(node),))
        case Capture(item=item) if item is not None:
            yield from _forms(item, macros, tables, tried, place)
        case Capture() if node.slot == "number":
            yield (SAMPLE_NUMBER,)
        case Seq(items=items):
            parts = [list(islice(_forms(item, macros, tables, tried, place), MAX_FORMS + 1)) for item in items]
            for combination in product(*parts):
                yield tuple(piece for part in combination for piece in part)
        case _:  # a gap or a capture of any words: unresolved() reports these first
            yield (node.written(),)


def _open_element(node: Node, macros: dict[str, Node], seen: set[str]) -> Node | None:
    """A gap or a capture of any words (not a number) in the pattern or its macros, if there is one."""
    for element in walk(node):
        if isinstance(element, Gap) or (isinstance(element, Capture) and element.item is None
                                        and element.slot != "number"):
            return element
        if isinstance(element, Macro) and element.name in macros and element.name not in seen:
            seen.add(element.name)
            if (found := _open_element(macros[element.name], macros, seen)) is not None:
                return found
    return None


def _table_words(tree: Node) -> list[str]:
    """The phrases of a macro made from a table: one Words, or an alternative of them."""
    options = tree.options if isinstance(tree, Alt) else [tree]
    return [" ".join(option.words) for option in options if isinstance(option, Words)]


def _joined(words: list[str]) -> str:
    """Words as a phrase reads, punctuation against the word before it ("June 5, 2025", "Jan.")."""
    return " ".join(w for w in words if w).replace(" ,", ",").replace(" .", ".")
