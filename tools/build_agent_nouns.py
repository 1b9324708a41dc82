"""Write rules/language/agents.yaml: the nouns that name people, groups and bodies.

An unnamed actor is a noun phrase whose head names someone who can act:
"six stockbrokers", "local farmers", "the government", "the board".  Which
nouns those are is a solved problem: WordNet files every noun sense under a
lexicographer class, and a noun whose most frequent sense is filed under
noun.person or noun.group names people or bodies.  This script reads the
WordNet 3.0 database (Debian's wordnet-base package puts it in
/usr/share/wordnet; any WordNet 3.x `dict` folder works) and keeps the
single-word nouns that the lemmatizer tracker uses also knows as nouns, so
the list holds the words news is written in rather than WordNet's rarest.

    apt-get install wordnet-base        # or point --wordnet at a WordNet dict folder
    python tools/build_agent_nouns.py --out rules/language/agents.yaml

The output is deterministic (sorted), so a regenerated file diffs cleanly.
It is a development tool: tracker itself reads only the YAML it writes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.inflection import word_classes  # noqa: E402

PERSON, GROUP = 18, 14  # WordNet lexicographer file numbers: noun.person, noun.group
HEADER = """\
# GENERATED FILE - do not edit by hand.
# Regenerate with:  python tools/build_agent_nouns.py --out rules/language/agents.yaml
# (reads WordNet 3.0: apt-get install wordnet-base, or --wordnet DICT-FOLDER).
# To add or remove words, use a words: file of your own rules folder:
#   words: {agent_nouns: {add: [...], remove: [...]}}
#
# agent_nouns: nouns whose most frequent sense in WordNet names a person or a
#   group (lexicographer classes noun.person and noun.group), in their base
#   form.  A noun phrase whose head is one of them (in any number: "farmer",
#   "farmers") is an unnamed actor that rules can capture ({actor}):
#   "six stockbrokers", "local farmers", "the board".  Phrases whose head names
#   a thing ("the plan", "prices") are no actors.
# adjective_agents: the agent nouns tagged more often as adjectives in
#   WordNet's sense-tagged texts ("familiar", "national"): only their plural
#   heads a noun phrase ("nationals"), their singular is taken for an adjective.
"""


def first_sense_classes(folder: Path) -> dict[str, int]:
    """Each single-word noun with the lexicographer file of its most frequent sense."""
    offsets: dict[str, str] = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split()
        lemma, synset_count = fields[0], int(fields[2])
        if "_" in lemma or not lemma.isalpha():
            continue
        offsets[lemma] = fields[-synset_count]  # synsets are listed most frequent first
    files: dict[str, int] = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            offset, lex_file = line.split(" ", 2)[:2]
            if " @i " not in line.split("|", 1)[0]:  # an instance ("More": Sir Thomas More) is a name, not a noun
                files[offset] = int(lex_file)
    return {lemma: files[offset] for lemma, offset in offsets.items() if offset in files}


def agent_nouns(folder: Path) -> list[str]:
    return sorted(lemma for lemma, lex_file in first_sense_classes(folder).items()
                  if lex_file in (PERSON, GROUP) and "NOUN" in word_classes(lemma))


def tagged_senses(index: Path) -> dict[str, int]:
    """How often each lemma was tagged in WordNet's sense-tagged texts (the
    index's tagsense_cnt): how common the word is in that part of speech."""
    counts = {}
    for line in index.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        pointers = int(fields[3])
        counts[fields[0]] = int(fields[5 + pointers])
    return counts


def adjective_first(folder: Path, nouns: list[str]) -> list[str]:
    """The agent nouns met more often as adjectives ("familiar", "federal",
    "national"): their singular is no head of a noun phrase ("was not
    familiar"), their plural is ("nationals")."""
    as_noun, as_adjective = tagged_senses(folder / "index.noun"), tagged_senses(folder / "index.adj")
    return [w for w in nouns if as_adjective.get(w, 0) > as_noun.get(w, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="a WordNet dict folder")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if not (args.wordnet / "index.noun").exists():
        sys.exit(f"no WordNet database in {args.wordnet} (apt-get install wordnet-base, or give --wordnet)")
    words = agent_nouns(args.wordnet)
    adjectives = adjective_first(args.wordnet, words)
    lines = [HEADER, "words:\n  agent_nouns:\n", *_items(words), "  adjective_agents:\n", *_items(adjectives)]
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{args.out}: {len(words)} agent nouns, {len(adjectives)} of them mostly adjectives")


def _items(words: list[str]) -> list[str]:
    return [f"    - {w}\n" if w not in YAML_WORDS else f'    - "{w}"\n' for w in words]


YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # quoted, or YAML reads them as values

if __name__ == "__main__":
    main()
