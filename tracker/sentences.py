"""Sentence boundaries for newswire text, with exact character offsets.

Every record points back into the source document ("file:line" and offsets),
so sentences are spans of the text as given, never normalised copies.

One compiled regex finds candidate boundaries: a run of terminal punctuation
(`.` `?` `!` `...` `…`) with any closing quotes or brackets, followed by
whitespace or the end of the text, or else a bare line break. Each candidate is
judged from a few characters on either side, so the whole pass is linear in the
length of the text, hostile input included. The rules, in order:

1. A blank (whitespace-only) line always ends a sentence; so does the end of
   the text.
2. Nothing ends before a lowercase word (after any opening quotes): that is
   what keeps "the U.S. economy", "9 a.m. local time", `“Why?” he asked` and
   hard-wrapped lines together.
3. Any other line break ends a sentence, so headlines, datelines and section
   labels such as "Diplomacy" stand alone, unless the line ends in an
   abbreviation or initial that cannot end a sentence ("Mr." then a line
   break then "Smith" is still one sentence).
4. `?` and `!` end a sentence; an ellipsis ends one only before a capital.
5. A period after a word ends a sentence unless the word is an abbreviation or
   an initial, and then it depends on the kind of abbreviation: the lists
   are in rules/language/sentences.yaml (see SentenceSplitter).

Bare "\\r" is whitespace, not a line break, so CRLF text works unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.rulefiles.words import Words


@dataclass(frozen=True)
class Sentence:
    start: int  # character offset into the decoded document text
    end: int  # exclusive; text[start:end] == sentence.text
    text: str
    line: int  # 1-based line number of `start` in the document


_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
ATTRIBUTION_WORDS = 6   # a speaker's name and title, then the verb ...
ATTRIBUTION_CHARS = 80  # ... within this many characters
_CLOSERS = "”’\"')]"
_OPENERS = "“‘\"'(["
_QUOTES = frozenset("”’\"'“‘")

# The leading lookahead lets the regex engine skip ahead to the next possible
# boundary character instead of trying every position (several times faster
# on ordinary text); the lookbehind makes a punctuation run match only from its
# first character, which keeps long runs of dots linear.
_CANDIDATE = re.compile(
    r"(?=[.?!…\n])"
    rf"(?:(?<![.?!…])(?P<punct>[.?!…]+)(?P<close>[{re.escape(_CLOSERS)}]*)|(?=\n))"
    r"(?P<ws>\s+|\Z)"
)
_NEXT = re.compile(rf"(?P<open>[{re.escape(_OPENERS)}]*)(?P<first>.?)", re.S)
# Bounded so the look back costs the same however long the word is; longer
# words are no abbreviation and fail to match.
_WORD_BEFORE_REACH = 16
_WORD_BEFORE = re.compile(rf"(?<![\w.])[\w.]{{1,{_WORD_BEFORE_REACH}}}\Z")
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
class SentenceSplitter:
    """The splitter, with the abbreviation lists of rules/language/sentences.yaml.

    Abbreviations are matched case-sensitively, with their final period, so
    that "He said no." or "a sales rep." still end sentences.
    `never_final` never end a sentence, whatever follows, even across a
    single line break; `final_unless_number` end one unless a number (or,
    as always, a lowercase word) follows; `final_before_starter` (and dotted
    initials not listed) end one only before a closing or opening quote, a
    line break or one of `sentence_starters`; a single capital initial
    ("John F. Kennedy") never ends one.
    """

    def __init__(self, words: Words) -> None:
        self.reporting = words.reporting_forms
        self.never_final = words.never_final
        self.final_unless_number = words.final_unless_number
        self.final_before_starter = words.final_before_starter
        starters = sorted(words.sentence_starters, key=len, reverse=True)
        self.starter = re.compile("(?:" + "|".join(map(re.escape, starters)) + r")\b") if starters else None

    def split(self, text: str) -> list[Sentence]:
        return split_sentences(text, self)

    def attribution_follows(self, text: str, at: int) -> bool:
        """Whether a speaker and a verb of speech follow ("Clinton said", "said
        Smith", "Senate leader Robert Byrd told reporters"): then a quotation
        ending in ? or ! goes on in the same sentence."""
        words = _WORD.findall(text, at, at + ATTRIBUTION_CHARS)[:ATTRIBUTION_WORDS]
        for n, word in enumerate(words):
            if word.rstrip(".").lower() in self.reporting:
                return all(w[0].isupper() for w in words[:n])
            if not word[0].isupper():
                return False
        return False


def _ends_sentence(text: str, m: re.Match[str], rules: SentenceSplitter) -> bool:
    """Apply the module's rules to one candidate from _CANDIDATE."""
    ws_start, ws_end = m.span("ws")
    newlines = text.count("\n", ws_start, ws_end)
    if newlines > 1 or ws_end == len(text):
        return True
    nxt = _NEXT.match(text, ws_end)
    assert nxt is not None  # every part of _NEXT may be empty
    first = nxt["first"]
    if first.islower():
        return False
    punct = m["punct"]
    if punct is not None and ("?" in punct or "!" in punct) and _QUOTES.intersection(m["close"]) \
            and rules.attribution_follows(text, nxt.end("open")):
        return False  # “Why now?” Clinton asked.
    if punct is None or "?" in punct or "!" in punct:
        return True
    if punct != ".":
        return first.isupper()

    word_match = _WORD_BEFORE.search(
        text, max(0, m.start() - _WORD_BEFORE_REACH), m.start()
    )
    if word_match is None:
        return True
    word = word_match[0].lstrip(".")
    abbreviation = word + "."
    if abbreviation in rules.never_final or (len(word) == 1 and word.isupper()):
        return False
    if abbreviation in rules.final_unless_number:
        return not first.isdigit()
    if abbreviation in rules.final_before_starter or _DOTTED_INITIALS.fullmatch(word):
        return bool(
            newlines
            or _QUOTES.intersection(m["close"])
            or _QUOTES.intersection(nxt["open"])
            or (rules.starter is not None and rules.starter.match(text, nxt.end("open")))
        )
    return True


def split_sentences(text: str, rules: SentenceSplitter) -> list[Sentence]:
    """Split `text` into sentences whose offsets index `text` exactly.

    Line numbers are counted incrementally between consecutive sentence
    starts, so the whole text is scanned for newlines only once.
    """
    sentences: list[Sentence] = []
    line, counted_to = 1, 0

    def emit(lo: int, hi: int) -> None:
        nonlocal line, counted_to
        chunk = text[lo:hi]
        stripped = chunk.strip()
        if not stripped:
            return
        start = lo + len(chunk) - len(chunk.lstrip())
        line += text.count("\n", counted_to, start)
        counted_to = start
        sentences.append(Sentence(start, start + len(stripped), stripped, line))

    sentence_start = 0
    for m in _CANDIDATE.finditer(text):
        if _ends_sentence(text, m, rules):
            emit(sentence_start, m.start("ws"))
            sentence_start = m.end()
    emit(sentence_start, len(text))
    return sentences
