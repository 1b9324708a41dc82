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
   an initial, and then it depends on the kind (see the constants below).

Bare "\\r" is whitespace, not a line break, so CRLF text works unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int  # character offset into the decoded document text
    end: int  # exclusive; text[start:end] == sentence.text
    text: str
    line: int  # 1-based line number of `start` in the document


# Abbreviations are matched case-sensitively, with their final period, so that
# "He said no." or "a sales rep." still end sentences.

NEVER_FINAL = frozenset({
    # Titles and ranks come before a name, which is capitalised.
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Sen.", "Sens.", "Rep.",
    "Reps.", "Gov.", "Gen.", "Col.", "Lt.", "Capt.", "Maj.", "Sgt.", "Adm.",
    "Rev.", "St.", "Mt.", "Ft.", "vs.",
    "e.g.", "i.e.", "approx.", "est.", "dept.",
})
"""Never end a sentence, whatever follows, even across a single line break."""

FINAL_UNLESS_NUMBER = frozenset({
    "etc.", "a.m.", "p.m.", "No.", "Nos.",
    # Months usually precede a day or year; before a capital they are more
    # likely a sentence end or a name such as "Jun" or "Jan".
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.",
})
"""End a sentence unless a number (or, as always, a lowercase word) follows."""

FINAL_BEFORE_STARTER = frozenset({
    "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "Jr.", "Sr.", "Dept.",
    "U.S.", "U.K.", "U.N.", "U.S.A.",
    # Weekdays are rare in prose and "Sun" is also a common surname.
    "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.",
    "Sun.",
    # AP-style state abbreviations.
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.",
    "Ill.", "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.",
    "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.",
    "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.",
    "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.", "W.Va.",
})
"""Often end a sentence ("sold to Texaco Inc. The company said"), but far more
often sit inside one ("the U.S. Commerce Department"). They end a sentence only
before a closing or opening quote, a line break or a word in
SENTENCE_STARTERS. Dotted initials not listed here ("J.P.", "U.A.E.") behave
the same way; a single capital initial ("John F. Kennedy") never ends one."""

ABBREVIATIONS = NEVER_FINAL | FINAL_UNLESS_NUMBER | FINAL_BEFORE_STARTER
"""Every abbreviation the splitter knows; none of them ends a sentence before a
lowercase word."""

SENTENCE_STARTERS = frozenset({
    "The", "A", "An", "It", "He", "She", "They", "We", "This", "That", "These",
    "Those", "There", "But", "In", "On", "At", "Its", "His", "Her", "Their",
    "However", "When", "While", "After", "If",
})
"""Capitalised words common at a sentence start and rare inside a name, the
evidence that a FINAL_BEFORE_STARTER abbreviation really ends its sentence."""

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
_STARTER = re.compile(
    r"(?:" + "|".join(sorted(SENTENCE_STARTERS, key=len, reverse=True)) + r")\b"
)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Apply the module's rules to one candidate from _CANDIDATE."""
    ws_start, ws_end = m.span("ws")
    newlines = text.count("\n", ws_start, ws_end)
    if newlines > 1 or ws_end == len(text):
        return True
    nxt = _NEXT.match(text, ws_end)
    first = nxt["first"]
    if first.islower():
        return False
    punct = m["punct"]
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
    if abbreviation in NEVER_FINAL or (len(word) == 1 and word.isupper()):
        return False
    if abbreviation in FINAL_UNLESS_NUMBER:
        return not first.isdigit()
    if abbreviation in FINAL_BEFORE_STARTER or _DOTTED_INITIALS.fullmatch(word):
        return bool(
            newlines
            or _QUOTES.intersection(m["close"])
            or _QUOTES.intersection(nxt["open"])
            or _STARTER.match(text, nxt.end("open"))
        )
    return True


def split_sentences(text: str) -> list[Sentence]:
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
        if _ends_sentence(text, m):
            emit(sentence_start, m.start("ws"))
            sentence_start = m.end()
    emit(sentence_start, len(text))
    return sentences
