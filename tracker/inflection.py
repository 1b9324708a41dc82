"""Verb forms and lemmas from lemminflect's tables, without importing spaCy.

lemminflect's package `__init__` imports spaCy whenever it is installed,
only to register spaCy token extensions that tracker never uses; that
import alone costs about a second at every start of `tracker` (and of each
`--jobs` worker).  The tables live in `lemminflect.core`, which is loaded
here under a bare stand-in for the package, unless lemminflect is loaded
already.  The stand-in is removed again, so a later `import lemminflect`
runs the real package, which finds its core modules loaded.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from functools import cache, lru_cache
from typing import Any

from tracker.tokens import normalize


@cache
def _core(module: str) -> Any:
    name = f"lemminflect.core.{module}"
    if "lemminflect" in sys.modules:
        return importlib.import_module(name)
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError("lemminflect is not installed (pip install lemminflect)")
    stand_in = types.ModuleType("lemminflect")
    stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules["lemminflect"] = stand_in
    try:
        return importlib.import_module(name)
    finally:
        del sys.modules["lemminflect"]


def _inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """A verb's forms by Penn tag (VBD, VBZ, VBG, ...), irregular ones included."""
    inflections = _core("Inflections").Inflections()
    found: dict[str, tuple[str, ...]] = inflections.getAllInflections(lemma, upos="VERB") \
        or inflections.getAllInflectionsOOV(lemma, upos="VERB")
    return {tag: tuple(f for f in forms if "-" not in f or "-" in lemma) for tag, forms in found.items()}


def read_tables() -> None:
    """Read lemminflect's lemma and inflection tables now rather than at the
    first word that needs them: a scan with `--jobs` reads them once in the
    parent, and its forked workers share them instead of each reading its own."""
    _core("Lemmatizer").Lemmatizer().getAllLemmas("read")
    _core("Inflections").Inflections().getAllInflections("read", upos="VERB")


FORM_TAGS = {"ing": ("VBG",), "past": ("VBD", "VBN"), "s": ("VBZ",), "base": ("VB", "VBP")}


@cache
def verb_forms(lemma: str, form: str | None = None) -> frozenset[str]:
    """The inflections of a verb, irregular ones included, folded as tokens
    are: all of them, or those of one form (see FORM_TAGS)."""
    found = _inflections(lemma)
    if form is not None:
        return frozenset(normalize(f) for tag in FORM_TAGS[form] for f in found.get(tag, ()))
    return frozenset(normalize(f) for f in {lemma} | {f for forms in found.values() for f in forms})


FINITE_TAGS = ("VBD", "VBN", "VBZ")  # said, said, says: the forms of "X said" and "X says"


@cache
def reporting_forms(lemma: str) -> frozenset[str]:
    """The forms that report a statement after its speaker ("..., officials said"),
    leaving out those that are also nouns ("states", "claims", "notes")."""
    forms = {f for tag in FINITE_TAGS for f in _inflections(lemma).get(tag, ())}
    return frozenset(normalize(f) for f in forms if "NOUN" not in word_lemmas(f))


@lru_cache(maxsize=65536)
def word_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """The lemmas of a word by part of speech ("VERB", "NOUN", ...).  Cached:
    the scan asks for the same words again and again, and lemminflect copies
    its tables on every call.  Callers must not change the dict."""
    return _core("Lemmatizer").Lemmatizer().getAllLemmas(word)


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """The parts of speech a (folded) word form can take: NOUN, VERB, ADJ, ADV, AUX;
    empty for a word the dictionary does not know (a name, a number, jargon)."""
    return frozenset(word_lemmas(word))


@lru_cache(maxsize=65536)
def is_plural_noun(word: str) -> bool:
    """A noun form that is not its own lemma, as "services" and "agreements" are."""
    lemmas = word_lemmas(word).get("NOUN", ())
    return bool(lemmas) and word not in lemmas


@lru_cache(maxsize=65536)
def is_participle(word: str) -> bool:
    """A verb form that can modify a noun: "proposed merger", "leading exporters"."""
    for lemma in word_lemmas(word).get("VERB", ()):
        found = _inflections(lemma)
        if word in found.get("VBN", ()) or word in found.get("VBG", ()):
            return True
    return False


@lru_cache(maxsize=65536)
def is_past_tense(word: str) -> bool:
    """A past-tense verb form ("charged", "accused", "rose"): in a noun phrase
    only after a determiner ("the accused"), never between two nouns."""
    return any(word in _inflections(lemma).get("VBD", ()) for lemma in word_lemmas(word).get("VERB", ()))
