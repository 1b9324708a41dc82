"""JSON Schema of tracker's YAML files: rules, macros, word lists, kinds, actor lexicons, cues, links, time.

The loader validates every file against these definitions and `tracker rules
schema` prints them, so an editor's YAML extension and the loader can never
disagree about what a rule file may hold.
"""
from __future__ import annotations

from typing import Any

from tracker.ledger.links import EVIDENCE, LINKING_KINDS
from tracker.records import KINDS, MODALITIES
from tracker.rulefiles.merge import CHANGES
from tracker.rulefiles.timefiles import RANGE, RANGES, TABLES, Table
from tracker.rulefiles.words import LISTS

FIELDS = ("actor", "target", "content", "condition", "when", "speaker", "modality")

_pattern_list = {"type": "array", "items": {"type": "string"}, "minItems": 1}

EXAMPLE = {
    "description": "A sentence the rule must match; the fields given must come out as written.",
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "description": "the sentence"},
                **{f: {"type": ["string", "null"]} for f in FIELDS if f != "modality"},
                "modality": {"enum": list(MODALITIES)},
            },
        },
    ],
}

RULE: dict[str, Any] = {
    "type": "object",
    "required": ["id"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
               "description": "unique name; records carry FILE-STEM/ID"},
        "kind": {"enum": list(KINDS), "description": "defaults to the file's kind"},
        "description": {"type": "string"},
        "pattern": {"type": "string", "description": "one pattern (see docs/rules.md)"},
        "patterns": {**_pattern_list, "description": "several patterns; any may match"},
        "triggers": {"type": "array", "items": {"type": "string"},
                     "description": "words that pick this rule; derived from the pattern when absent"},
        "unless": {**_pattern_list, "description": "patterns that must not match anywhere in the sentence"},
        "actor": {"enum": ["speaker", "parties", "story"],
                  "description": "where the actor comes from when the pattern does not capture it: 'speaker' of the "
                                 "quotation the sentence stands in, the two 'parties' the story is about, or the "
                                 "'story': whoever made the story's latest record of this kind (the SEC after 'The "
                                 "SEC charged X ...', for 'X was also charged with ...')"},
        "default_actor": {"type": "string", "minLength": 1,
                          "description": "with actor: story, who acts when the story has named no one yet and the "
                                         "act makes them evident ('prosecutors' for criminal counts); without an "
                                         "actor key, who acts where the pattern captured no {actor} ('regulators' "
                                         "for 'pending regulatory approval')"},
        "modality": {"enum": list(MODALITIES), "description": "fixed modality instead of the cue lists'"},
        "examples": {"type": "array", "items": EXAMPLE},
        "counterexamples": {"type": "array", "items": {"type": "string"},
                            "description": "sentences this rule must not match"},
    },
    "oneOf": [{"required": ["pattern"]}, {"required": ["patterns"]}],
}

MACROS = {"type": "object",
          "additionalProperties": {"oneOf": [
              {"type": "string", "description": "a pattern"},
              {"type": "array", "items": {"type": "string"}, "minItems": 1,
               "description": "alternatives, one per line: the macro matches any of them"}]},
          "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_-]*$"},
          "description": "named sub-patterns, used as @name"}

RULE_FILE = {
    "type": "object",
    "required": ["rules"],
    "additionalProperties": False,
    "properties": {
        "kind": {"enum": list(KINDS)},
        "description": {"type": "string"},
        "macros": MACROS,
        "rules": {"type": "array", "items": RULE},
    },
}

MACRO_FILE = {
    "type": "object",
    "required": ["macros"],
    "additionalProperties": False,
    "properties": {"description": {"type": "string"}, "macros": MACROS},
}

ACTOR = {
    "type": "object",
    "required": ["name", "type"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "type": {"enum": ["country", "organization", "person", "group"]},
        "code": {"type": "string"},
        "group": {"type": ["string", "null"]},
        "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "demonyms": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
}

LEXICON_FILE = {
    "type": "object",
    "anyOf": [{"required": ["actors"]}, {"required": ["titles"]}, {"required": ["official_nouns"]},
              {"required": ["common_actors"]}, {"required": ["company_suffixes"]},
              {"required": ["organization_words"]}],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "actors": {"type": "array", "items": ACTOR},
        "titles": {"type": "array", "items": {"type": "string"},
                   "description": "words of a person's title (Secretary, Minister, President)"},
        "common_actors": {"type": "array", "items": {"type": "string"},
                          "description": "nouns that act without a name and are kept as written "
                                         "(shareholders, regulators)"},
        "company_suffixes": {"type": "array", "items": {"type": "string"},
                             "description": "words that end a company's name (Inc, Corp, Ltd)"},
        "organization_words": {"type": "array", "items": {"type": "string"},
                               "description": "words that end a body's name (Ministry, Commission, Bank)"},
        "official_nouns": {"type": "array", "items": {"type": "string"},
                           "description": "nouns that make 'Chinese officials' or 'a White House official' "
                                          "mean the country"},
    },
}

CUES_FILE = {
    "type": "object",
    "required": ["cues"],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "macros": MACROS,
        "cues": {
            "type": "object",
            "additionalProperties": False,
            "properties": {m: _pattern_list for m in MODALITIES if m != "asserted"},
        },
    },
}

_entries = {"type": "array", "items": {"type": "string", "minLength": 1}}
WORD_LIST = {
    "oneOf": [
        {**_entries, "description": "entries added to the list as loaded so far"},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "description": "change the list as loaded so far",
         "properties": {"replace": {**_entries, "description": "start the list afresh with these"},
                        "remove": {**_entries, "description": "take these out"},
                        "add": {**_entries, "description": "then add these"}}},
    ],
}
WORDS_FILE = {
    "type": "object",
    "required": ["words"],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "words": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: {**WORD_LIST, "description": f"{kind}: {what}"}
                           for name, (kind, what) in LISTS.items()},
        },
    },
}

TARGET_SOURCES = ("other_party", "addressee", "counterpart")
KINDS_FILE = {
    "type": "object",
    "required": ["kinds"],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "kinds": {
            "type": "object",
            "additionalProperties": False,
            "properties": {kind: {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "target_from": {"type": "array", "items": {"enum": list(TARGET_SOURCES)},
                                    "description": "where a record with no captured target takes one from, in order"},
                    "names_speaker": {"type": "boolean",
                                      "description": "records of this kind report a statement; their actor is the "
                                                     "speaker of the sentence's other records"},
                    "also_actors": {"type": "array", "items": {"enum": ["document", "pronoun"]},
                                    "description": "mentions that are no agents but may be the actor of this kind: "
                                                   "'document' (the report said; source_nouns), 'pronoun' (a pronoun "
                                                   "without antecedent, kept as written)"},
                    "also_targets": {"type": "array", "items": {"enum": ["document"]},
                                     "description": "mentions that are no parties but may be the target of this kind: "
                                                    "'document' (told the radio; source_nouns); without it a target "
                                                    "that holds only such a thing makes no record"},
                }} for kind in KINDS},
        },
    },
}

_links_list = {**WORD_LIST, "description": "a list; a plain list adds to the one loaded so far"}
LINKS_FILE = {
    "type": "object",
    "required": ["links"],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "links": {
            "type": "object",
            "description": "the ledger's link rules; a later file's settings replace an earlier one's",
            "additionalProperties": False,
            "properties": {
                "threshold": {"type": "number", "description": "the score a link needs"},
                "keep_within": {"type": "number", "minimum": 0,
                                "description": "links scoring this much below the best are kept too"},
                "max_links": {"type": "integer", "minimum": 1, "description": "the most links of one record"},
                "max_shared_words": {"type": "integer", "minimum": 0,
                                     "description": "shared content words counted, at most"},
                "weights": {"type": "object", "additionalProperties": False,
                            "properties": {name: {"type": "number"} for name in EVIDENCE},
                            "description": "each piece of evidence's weight (missing: 0)"},
                "relations": {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "per kind of record that links to a commitment",
                    "properties": {kind: {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "requires": {"type": "array", "items": {"enum": list(EVIDENCE)},
                                         "description": "evidence a link must have"},
                            "modalities": {"type": "array", "items": {"enum": list(MODALITIES)},
                                           "description": "modalities a linking record may have"},
                        }} for kind in LINKING_KINDS},
                },
                "cues": {"type": "object", "additionalProperties": False, "properties": {
                    "breach": {**_links_list, "description": "phrases (as lemmas) of a broken commitment"},
                    "commitment": {**_links_list, "description": "words that name a commitment"}}},
                "stopwords": {**_links_list, "description": "words never counted as shared content"},
                "not_names": {**_links_list,
                              "description": "capitalized words that are no agreement's or place's name"},
            },
        },
    },
}

_not_a_change = {"not": {"enum": list(CHANGES)}}


def _time_table(table: Table) -> dict[str, Any]:
    """A table of `time:` files: words (or words with values), or a change to the table as loaded so far."""
    if table.values is None:
        return {**WORD_LIST, "description": table.description}
    entries = {"type": "object", "propertyNames": {"minLength": 1, **_not_a_change},
               "additionalProperties": table.values}
    return {"description": table.description, "oneOf": [
        {**entries, "description": "entries added to the table as loaded so far"},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "description": "change the table as loaded so far",
         "properties": {"replace": entries, "remove": _entries, "add": entries}},
    ]}


TIME_FILE = {
    "type": "object",
    "anyOf": [{"required": ["time"]}, {"required": ["when"]}],
    "additionalProperties": False,
    "properties": {
        "description": {"type": "string"},
        "macros": MACROS,
        "time": {
            "type": "object",
            "additionalProperties": False,
            "description": "the time vocabulary: each table is a macro of `when` patterns and what the ledger "
                           "resolves",
            "properties": {**{name: _time_table(table) for name, table in TABLES.items()},
                           **{name: {**RANGE, "description": what} for name, what in RANGES.items()}},
        },
        "when": {**_pattern_list, "description": "time expressions (patterns) for the `when` field"},
    },
}

FILE_TYPES: dict[str, dict[str, Any]] = {
    "rules": RULE_FILE,
    "actors": LEXICON_FILE,
    "cues": CUES_FILE,
    "links": LINKS_FILE,
    "time": TIME_FILE,
    "words": WORDS_FILE,
    "kinds": KINDS_FILE,
    "macros": MACRO_FILE,
}


# The top-level key that tells each kind of file apart, in the order they are tried.
MARKERS = {"rules": "rules", "links": "links", "time": "time", "actors": "actors", "titles": "actors",
           "official_nouns": "actors", "common_actors": "actors", "company_suffixes": "actors",
           "organization_words": "actors", "cues": "cues", "when": "time", "words": "words", "kinds": "kinds",
           "macros": "macros"}


def file_type(data: Any) -> str | None:
    """Which kind of tracker file a parsed YAML document is, by its top-level keys."""
    if not isinstance(data, dict):
        return None
    for key, kind in MARKERS.items():
        if key in data:
            return kind
    return None


def full_schema() -> dict[str, Any]:
    """One schema accepting any tracker YAML file, for editors."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tracker.invalid/rules.schema.json",
        "title": "tracker rule file",
        "description": "A tracker YAML file: rules, shared macros, an actor lexicon, modality cues, link rules "
                       "or the time vocabulary.",
        "anyOf": [dict(schema, title=name) for name, schema in FILE_TYPES.items()],
    }
