"""Which earlier commitment an accusation, approval or restatement refers to.

"The US accused China of failing to honor its commitment made in Geneva" means
one particular promise China made earlier. This module scores each candidate
commitment on the evidence a reader would use (same party, shared words, the
agreement's or place's name, date order) and keeps the most plausible. The cue
words and weights live in ``rules/links.yaml`` so users can tune them without
touching code (tracker/rulefiles/linkfiles.py reads and merges them into
``LinkRules``); this module only knows how to weigh evidence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

from tracker.inflection import word_lemmas
from tracker.ledger.timeexpr import DateRange
from tracker.records import Record

# The evidence the linker finds (what links files weigh and relations require),
# and the kinds of record that link to a commitment (what relations are given for).
EVIDENCE = ("breach_cue", "commitment_word", "shared_name", "shared_word", "date_before", "other_document")
LINKING_KINDS = ("accusation", "approval", "commitment")

_WORD = re.compile(r"[A-Za-z]+|\d+")
_NAME = re.compile(r"\b[A-Z][A-Za-z]*[A-Za-z]")


@dataclass(frozen=True)
class Relation:
    """How one kind of record may link to a commitment."""

    requires: frozenset[str]
    modalities: frozenset[str]


@dataclass(frozen=True, eq=False)  # hashed by identity: profiles are cached per rule set
class LinkRules:
    """The link rules of the loaded rule set (rules/links.yaml and the links files
    of --rules folders): what counts as evidence, its weights, and the bar a link
    must clear. Words are kept as lemmas, as the linker compares them."""

    threshold: float
    keep_within: float
    max_links: int
    weights: dict[str, float]
    max_shared_words: int
    relations: dict[str, Relation]
    breach: tuple[tuple[str, ...], ...]  # lemma phrases
    commitment_words: frozenset[str]
    stopwords: frozenset[str]
    not_names: frozenset[str]

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Words that say how something was promised or broken, not what: never shared content."""
        return frozenset(w for phrase in self.breach for w in phrase) | self.commitment_words

    @cached_property
    def breach_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        index: dict[str, tuple[tuple[str, ...], ...]] = {}
        for phrase in self.breach:
            index[phrase[0]] = (*index.get(phrase[0], ()), phrase)
        return index


@dataclass(frozen=True)
class Item:
    """A stored record as the linker sees it: the record plus where and when it stands."""

    id: int
    document_id: int
    record: Record
    dates: DateRange | None


@dataclass(frozen=True)
class Link:
    source_id: int
    commitment_id: int
    score: float
    reason: str


def source_parties(record: Record) -> set[str]:
    """Whose commitments a record can refer to: the accused, the approver's side, or the actor."""
    if record.kind == "accusation":
        return _identities(record.target)
    if record.kind == "approval":
        return _identities(record.actor, record.actor_group, record.target)
    return _identities(record.actor, record.actor_group)


def commitment_parties(record: Record) -> set[str]:
    return _identities(record.actor, record.actor_group)


def _identities(*names: str | None) -> set[str]:
    """Casefolded canonical names that identify a party across documents.

    Unnamed sources keep their lowercase words ("officials", "the board"), and
    one story's "board" is not another's, so they identify no one.
    """
    return {name.casefold() for name in names if name and not name[0].islower()}


def may_link(record: Record, rules: LinkRules) -> bool:
    """Whether a record can be the source of a link at all, before looking at candidates."""
    relation = rules.relations.get(record.kind)
    if relation is None or record.modality not in relation.modalities:
        return False
    if record.kind == "commitment" and _breach_cue(rules, record.sentence):
        return False
    said = _profile(record, rules)  # evidence the record alone decides
    if "breach_cue" in relation.requires and not said.breach_cue:
        return False
    return "commitment_word" not in relation.requires or bool(said.commitment_words)


def links_for(source: Item, candidates: Iterable[Item], rules: LinkRules) -> list[Link]:
    """The commitments among ``candidates`` that ``source`` most plausibly refers to, best first,
    each with its reason."""
    if not may_link(source.record, rules):
        return []
    relation = rules.relations[source.record.kind]
    parties = source_parties(source.record)
    evidence: dict[int, tuple[Item, dict[str, tuple[float, Any]]]] = {}
    passing = []
    for candidate in candidates:
        if not _is_candidate(candidate, source, parties):
            continue
        found = _evidence(source, candidate, rules)
        if not relation.requires <= found.keys():
            continue
        score = round(sum(weight for weight, _ in found.values()), 3)
        if score >= rules.threshold:
            evidence[candidate.id] = (candidate, found)
            passing.append(Link(source.id, candidate.id, score, reason=""))
    # reasons are written only for the links kept: most candidates are not
    return [replace(link, reason=_reason(*evidence[link.commitment_id])) for link in most_plausible(passing, rules)]


def most_plausible(links: list[Link], rules: LinkRules) -> list[Link]:
    """The best-scoring links of one source and those within ``keep_within`` of it, best first,
    at most ``max_links``; among equals the earliest stored commitment wins.

    A link dropped here ranks below ``max_links`` others or too far below the
    best, and stays dropped when more candidates come: so the kept links of old
    candidates merged with newly scored ones select the same as scoring all
    candidates again. The ledger relies on this to link new documents cheaply.
    """
    if not links:
        return []
    best = max(link.score for link in links)
    close = sorted((link for link in links if link.score >= best - rules.keep_within),
                   key=lambda link: (-link.score, link.commitment_id))
    return close[:rules.max_links]


def _is_candidate(commitment: Item, source: Item, parties: set[str]) -> bool:
    """A record refers only to an earlier commitment of its ``parties``, never to its own sentence's."""
    if commitment.record.kind != "commitment" or commitment.id == source.id:
        return False
    if not parties & commitment_parties(commitment.record):
        return False
    if commitment.document_id == source.document_id and commitment.record.start == source.record.start:
        return False
    made, said = commitment.dates, source.dates
    if source.record.kind == "commitment":  # restatements must be strictly later, so links never loop
        if made is not None and said is not None and made.start != said.start:
            return made.start < said.start
        return commitment.document_id < source.document_id
    return made is None or said is None or made.start <= said.end


def _evidence(source: Item, commitment: Item, rules: LinkRules) -> dict[str, tuple[float, Any]]:
    """Each piece of evidence found: its weight and what shows it (words, dates) for the reason."""
    weights = rules.weights
    said, promised = _profile(source.record, rules), _profile(commitment.record, rules)
    found: dict[str, tuple[float, Any]] = {}
    if source.document_id != commitment.document_id:
        found["other_document"] = (weights.get("other_document", 0), None)
    if said.breach_cue:
        found["breach_cue"] = (weights.get("breach_cue", 0), said.breach_cue)
    if said.commitment_words:
        found["commitment_word"] = (weights.get("commitment_word", 0), said.commitment_words)
    names = (said.names & promised.names) - said.party_words - promised.party_words
    if names:
        found["shared_name"] = (weights.get("shared_name", 0), names)
    words = said.content_words & promised.content_words
    if words:
        found["shared_word"] = (weights.get("shared_word", 0) * min(len(words), rules.max_shared_words), words)
    if commitment.dates and source.dates and commitment.dates.start < source.dates.start:
        found["date_before"] = (weights.get("date_before", 0), (commitment.dates, source.dates))
    return found


def _reason(commitment: Item, found: dict[str, tuple[float, Any]]) -> str:
    """The evidence that counted, in words: "same party China; cue 'fail to honor'; both name Geneva; ..."."""
    parts = [f"same party {commitment.record.actor}"]
    parts += [_REASONS[name](detail) for name, (weight, detail) in found.items() if weight]
    return "; ".join(parts)


_REASONS: dict[str, Callable[[Any], str]] = {
    "other_document": lambda _: "another document",
    "breach_cue": lambda cue: f"cue '{' '.join(cue)}'",
    "commitment_word": lambda words: f"names a commitment ({', '.join(words)})",
    "shared_name": lambda names: f"both name {', '.join(sorted(names))}",
    "shared_word": lambda words: f"shared words {', '.join(sorted(words))}",
    "date_before": lambda dates: f"dated {dates[0]} before {dates[1]}",
}


@dataclass(frozen=True)
class _Profile:
    """What the linker reads from one record, computed once per record text."""

    breach_cue: tuple[str, ...] | None  # only for accusations
    commitment_words: tuple[str, ...]
    names: frozenset[str]  # capitalized words (not a sentence's first), but not the rule file's not_names
    party_words: frozenset[str]  # words of the record's own parties: "China" names a party, not an agreement
    content_words: frozenset[str]  # lemmas saying what was promised: no function, cue or name words, no "s" of "'s"


def _profile(record: Record, rules: LinkRules) -> _Profile:
    parties = (record.actor, record.actor_text, record.actor_group, record.target, record.target_text, record.speaker)
    return _profile_of(rules, record.kind, record.content, record.sentence, record.when or "", parties)


@lru_cache(maxsize=16384)
def _profile_of(rules: LinkRules, kind: str, content: str, sentence: str, when: str,
                parties: tuple[str | None, ...]) -> _Profile:
    words = lemmas(content)
    # A commitment's names stand in its sentence ("agreed in Geneva to ..."), where
    # the first word is capitalized anyway ("But", "There"); an accusation's or
    # approval's sentence names much besides what it refers to, so its content counts.
    if kind == "commitment":
        names = {m.group() for m in _NAME.finditer(sentence) if m.start() > 0} | set(_NAME.findall(when))
    else:
        names = set(_NAME.findall(f"{content} {when}"))
    content_names = {name.lower() for name in _NAME.findall(content)}
    return _Profile(
        breach_cue=_breach_cue(rules, content) if kind == "accusation" else None,
        commitment_words=tuple(sorted({w for w in words if w in rules.commitment_words})),
        names=frozenset(names) - rules.not_names,
        party_words=frozenset(word for value in parties if value for word in _WORD.findall(value)),
        content_words=frozenset(w for w in words if len(w) > 1) - rules.stopwords - rules.cue_words - content_names,
    )


@lru_cache(maxsize=16384)
def _breach_cue(rules: LinkRules, text: str) -> tuple[str, ...] | None:
    """The first breach cue phrase in ``text`` ("failing to honor" -> fail to honor), if any."""
    words = lemmas(text)
    for i, word in enumerate(words):
        for phrase in rules.breach_by_first_word.get(word, ()):
            if words[i:i + len(phrase)] == phrase:
                return phrase
    return None


@lru_cache(maxsize=16384)
def lemmas(text: str) -> tuple[str, ...]:
    """Lowercased lemmas of the words of ``text``, in order ("failing to honor" -> fail to honor)."""
    return tuple(_lemma(word.lower()) for word in _WORD.findall(text))


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    found = word_lemmas(word)
    for pos in ("VERB", "NOUN", "ADJ"):
        if pos in found:
            return found[pos][0]
    return word
