"""The language's word lists: what the rule files say about English that is not a pattern.

Where a sentence ends, where a noun phrase or a clause stops, which words
are pronouns, which capitalised words are never names, which verbs report
speech: all of it decides what tracker finds, so all of it is data in
`words:` files under `rules/language/`, where a user reads and changes it.
Each list is declared once here, with its kind and what it is for; the
schema of `words:` files is made from these declarations, and the code
reads the loaded lists through `Words`, never through constants of its own.

Kinds of list:
- `words`: single words, compared case-insensitively ("the", "he");
- `forms`: tokens as written, case and final period included ("Mr.", "The");
- `phrases`: several words in a row, compared case-insensitively ("the company");
- `verbs`: verb lemmas, standing for all their forms ("say": says, said, saying).

A list given in several files is merged in load order: a plain list adds to
what came before; `{replace: [...]}` starts the list afresh and `{remove:
[...]}` takes entries out, so a user's folder can change a bundled list
without copying it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from tracker.inflection import reporting_forms, verb_forms
from tracker.lang.tree import Alt, Node, Verb
from tracker.lang.tree import Words as WordsNode
from tracker.tokens import normalize, words_of

Phrase = tuple[str, ...]


def _listed(kind: str, description: str) -> Any:
    return field(default=frozenset(), metadata={"kind": kind, "description": description})


@dataclass(frozen=True)
class Words:
    """Every word list, as loaded: folded words and forms are frozensets,
    phrases frozensets of word tuples, verbs frozensets of lemmas."""

    # -- sentences ---------------------------------------------------------
    never_final: frozenset[str] = _listed(
        "forms", "abbreviations that never end a sentence, whatever follows (Mr., Dr., e.g.)")
    final_unless_number: frozenset[str] = _listed(
        "forms", "abbreviations that end a sentence unless a number follows (No., Jan., a.m.)")
    final_before_starter: frozenset[str] = _listed(
        "forms", "abbreviations that end a sentence only before a quote, a line break or a sentence starter "
                 "(Inc., U.S., Calif.)")
    sentence_starters: frozenset[str] = _listed(
        "forms", "capitalised words common at a sentence start and rare inside a name (The, He, However)")
    # -- phrases -----------------------------------------------------------
    noun_phrase_stops: frozenset[str] = _listed(
        "words", "words that end a plain noun phrase capture ({x:np}): function words that begin another phrase")
    noun_phrase_joiners: frozenset[str] = _listed(
        "words", "tokens that are not words but stay inside a noun phrase ('s, -, &, %)")
    clause_starters: frozenset[str] = _listed(
        "words", "words that, after a comma, begin another clause and so end a clause capture ({x:clause})")
    next_statement_verbs: frozenset[str] = _listed(
        "words", "verbs that, after 'and', begin the speaker's next statement and so end a clause capture")
    quote_marks: frozenset[str] = _listed(
        "words", "quotation marks, as tokens; !@quote_marks keeps a pattern element from starting at one")
    frame_openers: frozenset[str] = _listed(
        "words", "words and marks that open the clause in which a modality cue counts (that, and, but, a comma)")
    frequent_words: frozenset[str] = _listed(
        "words", "words too frequent to pick a rule's candidate sentences by when a rarer required word is at hand")
    # -- references --------------------------------------------------------
    person_pronouns: frozenset[str] = _listed("words", "pronouns that mean the person named last (he, she)")
    side_pronouns: frozenset[str] = _listed(
        "words", "pronouns that mean the speaker's side in a quotation (we, us, our)")
    other_side_pronouns: frozenset[str] = _listed(
        "words", "pronouns that mean the other side in a quotation, when the story has two (they)")
    thing_pronouns: frozenset[str] = _listed("words", "pronouns that mean the country, body or company named last (it)")
    speech_fillers: frozenset[str] = _listed(
        "words", "words that may stand between a speaker and its verb of speech ('It also said', 'it had said')")
    company_references: frozenset[Phrase] = _listed(
        "phrases", "descriptions that mean the story's company (the company, the firm)")
    body_references: frozenset[str] = _listed(
        "words", "nouns that after 'the' mean the public body the story named last ('the agency' after the SEC)")
    body_nouns: frozenset[str] = _listed(
        "words", "nouns of a company or body, singular, that the 'it' of its own statement means "
                 "('the automaker said it had agreed ...')")
    body_heads: frozenset[str] = _listed(
        "words", "the words that end the name of a public body 'the agency' can mean (Commission, Department)")
    pair_references: frozenset[Phrase] = _listed(
        "phrases", "descriptions that mean the story's two sides (the two sides, both countries)")
    company_pair_references: frozenset[Phrase] = _listed(
        "phrases", "descriptions that mean the two companies the story named last (the two companies)")
    determiners: frozenset[str] = _listed(
        "words", "words that may open a description of an unnamed actor (the, several, some)")
    articles: frozenset[str] = _listed(
        "words", "articles, which a name captured with them leaves out (the, a, an)")
    definite_articles: frozenset[str] = _listed(
        "words", "articles that make a plural demonym mean its country's people ('the Americans')")
    quantifiers: frozenset[str] = _listed(
        "words", "words of quantity before an actor's name or description, which a capture of the actor may "
        "take in: 'one Ohio official said', 'many Democrats say'")
    owner_words: frozenset[str] = _listed(
        "words", "possessives that tie an unnamed actor to the company named last ('its board')")
    number_words: frozenset[str] = _listed(
        "words", "number words that may stand before an unnamed actor although they are never names (two, three)")
    not_names: frozenset[str] = _listed(
        "words", "capitalised words that never begin a name: sentence starters, weekdays, months, numbers")
    state_verbs: frozenset[str] = _listed(
        "words", "verbs after which a capitalised common noun opening a sentence names a thing, not a party "
                 "('Inflation is likely to ease', 'Talks will resume')")
    auxiliaries: frozenset[str] = _listed(
        "words", "auxiliary verbs, after which a participle is a verb, not the first word of a noun phrase "
                 "('is seeking shareholder approval', 'has fined two firms')")
    phrase_modifiers: frozenset[str] = _listed(
        "words", "words that never begin a name but do describe people in a noun phrase ('top officials', "
                 "'new owners')")
    plural_modifiers: frozenset[str] = _listed(
        "words", "plural nouns that may describe the noun after them, although their form may be a verb's "
                 "('the rights group', 'arms dealers')")
    title_connectors: frozenset[str] = _listed(
        "words", "words that may stand inside a title between title words (Minister of Trade)")
    name_connectors: frozenset[str] = _listed(
        "words", "words that may stand inside an organization's name between capitalised words (Standard and Poor's)")
    name_particles: frozenset[str] = _listed(
        "words", "lowercase words inside a person's name between capitalised ones (Miguel de la Madrid, "
                 "Hans van den Broek)")
    name_tails: frozenset[str] = _listed(
        "words", "words after a body word that continue its name (Department of Transportation)")
    conjunctions: frozenset[str] = _listed("words", "words that join two actors into one mention (and, &)")
    remainders: frozenset[str] = _listed(
        "words", "words that open the second of two joined parts as the rest of a class, not a party of its own "
                 "('lenders and other groups')")
    agent_nouns: frozenset[str] = _listed(
        "words", "nouns (base forms) that name people, groups or bodies: a noun phrase headed by one is an unnamed "
                 "actor ('six stockbrokers', 'local farmers'); generated from WordNet by tools/build_agent_nouns.py")
    singular_agents: frozenset[str] = _listed(
        "words", "nouns that name a body only in the singular ('the hedge fund said', 'its unit said'); their "
                 "plurals are mostly money or shares")
    adjective_agents: frozenset[str] = _listed(
        "words", "agent nouns met more often as adjectives (familiar, national): only their plural heads an "
                 "unnamed actor; generated from WordNet by tools/build_agent_nouns.py")
    source_nouns: frozenset[str] = _listed(
        "words", "nouns (base forms) of what can say something without being an actor: a report, a statement, a "
                 "newspaper ('the report said'); kinds.yaml says which kinds take them as actors")
    country_acts: frozenset[str] = _listed(
        "words", "nouns of a charge or stance that a demonym before them makes its country's "
                 "('Indian accusations', 'Soviet protests')")
    place_prepositions: frozenset[str] = _listed(
        "words", "words between an official noun and a place that make the officials the place's "
                 "('officials in Tokyo', 'diplomats from Moscow')")
    circumstance_nouns: frozenset[str] = _listed(
        "words", "nouns of a time or an occasion that a phrase after a preposition names, not a place or body "
                 "of the people before it ('reporters at the end of the talks', 'workers in a speech')")
    source_details: frozenset[Phrase] = _listed(
        "phrases", "words after an unnamed actor's noun that, with what they name, say who the source is "
                   "('people familiar with the matter', 'sources close to the talks')")
    honorifics: frozenset[str] = _listed(
        "forms", "titles that say how a person is addressed, not what they do (Mr., Mrs., Dr.); "
                 "they mark a name but are no role")
    verb_endings: frozenset[str] = _listed(
        "words", "endings that make a lowercase word before an unnamed actor's noun a verb, not a modifier "
                 "('the sale requires')")
    addressee_cues: frozenset[str] = _listed(
        "words", "words before a party named in a commitment's content that make it the party the commitment "
                 "is made to (sell wheat to China, buy Safeway)")
    country_cues: frozenset[str] = _listed(
        "words", "words before a country, or its people's adjective, named in a commitment's content that make "
                 "it the party the commitment is made to (duties on Japanese chips, sanctions against Iran); a "
                 "body after them is a place or a topic (on the exchange floor, a report on the agency)")
    country_places: frozenset[str] = _listed(
        "words", "nouns that make a country after a country cue a place, not a party (on the London market, "
                 "on U.S. soil)")
    noun_phrase_openers: frozenset[str] = _listed(
        "words", "words after which a noun phrase opens: a word that could be a verb modifies the noun of people "
                 "after it (approval from state regulators), and two modifiers joined by and share it (approved by "
                 "state and federal regulators)")
    place_heads: frozenset[str] = _listed(
        "words", "capitalised last words of a place's name (Prudhoe Bay, Orange County): two capitalised words "
                 "ending in one are no person")
    # -- speech ------------------------------------------------------------
    speech_verbs: frozenset[str] = _listed(
        "verbs", "verbs that report what someone said: claim rules (@speech_verbs), the speaker of a quotation, "
                 "and the end of a clause before ', X said'")
    listener_verbs: frozenset[str] = _listed(
        "verbs", "verbs of speech to a named listener (tell, ask): they attribute quotations too")
    listener_cues: frozenset[str] = _listed(
        "words", "words before a mention that make it whom a speaker met or spoke to, not the speaker of the verb "
                 "after it ('met with Brazilian officials and told reporters: “...”')")

    def forms(self, name: str) -> frozenset[str]:
        """A verbs list as every inflected form, folded as tokens are."""
        return frozenset(f for lemma in getattr(self, name) for f in verb_forms(lemma))

    @cached_property
    def mention_openers(self) -> frozenset[str]:
        """Words an actor's capture may open on before its mention ("the
        agency", "one Ohio official", "two senators"): articles, quantifiers
        and number words."""
        return self.articles | self.quantifiers | self.number_words

    @cached_property
    def speech_forms(self) -> frozenset[str]:
        """Every form of a speech verb or a verb of speech to a listener.
        (Kept once worked out, and so in the rule cache: the verb tables
        behind it take a third of a second to read.)"""
        return self.forms("speech_verbs") | self.listener_forms

    @cached_property
    def listener_forms(self) -> frozenset[str]:
        """Every form of a verb of speech to a listener ("told", "tells"), kept as speech_forms is."""
        return self.forms("listener_verbs")

    @cached_property
    def reporting_forms(self) -> frozenset[str]:
        """The speech verb forms that end a clause in ", X said": finite, and
        never nouns (kept once worked out, as speech_forms)."""
        return frozenset(f for v in self.speech_verbs | self.listener_verbs for f in reporting_forms(v))


DERIVED = ("speech_forms", "listener_forms", "reporting_forms")  # the forms worked out from lemminflect's tables


LISTS: dict[str, tuple[str, str]] = {f.name: (f.metadata["kind"], f.metadata["description"]) for f in fields(Words)}


def entry(kind: str, value: str) -> Any:
    """One written entry as its list keeps it."""
    if kind == "forms":
        return value
    if kind == "phrases":
        return tuple(words_of(value))
    return normalize(value)


def build_words(merged: dict[str, list[Any]]) -> Words:
    return Words(**{name: frozenset(values) for name, values in merged.items()})


def as_macro(kind: str, values: frozenset[Any]) -> Node:
    """A list as a pattern element, for `@name` in patterns: one of its words, phrases or verbs."""
    options: list[Node]
    if kind == "verbs":
        options = [Verb(0, v) for v in sorted(values)]
    elif kind == "phrases":
        options = [WordsNode(0, list(p)) for p in sorted(values)]
    else:
        options = [WordsNode(0, words_of(v)) for v in sorted(values)]
    options = [o for o in options if not isinstance(o, WordsNode) or o.words]
    return Alt(0, options) if len(options) != 1 else options[0]
