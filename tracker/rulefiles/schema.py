"""JSON Schema of tracker's YAML files: rules, macros, word lists, kinds, actor lexicons, cues, links.

The loader validates every file against these definitions and `tracker rules
schema` prints them, so an editor's YAML extension and the loader can never
disagree about what a rule file may hold.
"""
from __future__ import annotations

from typing import Any

from tracker.records import KINDS, MODALITIES
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

RULE = {
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
        "actor": {"enum": ["speaker", "parties"],
                  "description": "where the actor comes from when the pattern does not capture it: 'speaker' of the "
                                 "quotation the sentence stands in, or the two 'parties' the story is about"},
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
                          "description": "nouns that act without a name and are kept as written (shareholders, regulators)"},
        "company_suffixes": {"type": "array", "items": {"type": "string"},
                             "description": "words that end a company's name (Inc, Corp, Ltd)"},
        "organization_words": {"type": "array", "items": {"type": "string"},
                               "description": "words that end a body's name (Ministry, Commission, Bank)"},
        "official_nouns": {"type": "array", "items": {"type": "string"},
                           "description": "nouns that make 'Chinese officials' or 'a White House official' mean the country"},
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
        "when": {**_pattern_list, "description": "time expressions (patterns) for the `when` field"},
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
                }} for kind in KINDS},
        },
    },
}

LINKS_FILE = {"type": "object", "required": ["relations"],
              "description": "link rules of the ledger (tracker/ledger/links.py reads and checks them)"}

FILE_TYPES: dict[str, dict[str, Any]] = {
    "rules": RULE_FILE,
    "actors": LEXICON_FILE,
    "cues": CUES_FILE,
    "links": LINKS_FILE,
    "words": WORDS_FILE,
    "kinds": KINDS_FILE,
    "macros": MACRO_FILE,
}


# The top-level key that tells each kind of file apart, in the order they are tried.
MARKERS = {"rules": "rules", "relations": "links", "actors": "actors", "titles": "actors", "official_nouns": "actors",
           "common_actors": "actors", "company_suffixes": "actors", "organization_words": "actors", "cues": "cues",
           "words": "words", "kinds": "kinds", "macros": "macros"}


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
        "description": "A tracker YAML file: rules, shared macros, an actor lexicon, modality cues or link rules.",
        "anyOf": [dict(schema, title=name) for name, schema in FILE_TYPES.items()],
    }
