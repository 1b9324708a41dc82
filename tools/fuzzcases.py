"""Seeded generators of hostile inputs: documents and mutated rule sets.

tools/fuzz.py and tests/fuzz/ draw their cases from here: the same seed
gives the same cases, so a failure found in a long run is one seed away
from a reproducer.  Every kind of input that has taken a scan or a rule
load down before (issue 16) has a generator: random unicode, lone
surrogates in JSON Lines, huge integers, deep nesting, broken front
matter, runs of quote marks and dotted initials, control characters, long
lines; and random edits of the bundled rules (keys deleted or duplicated,
types changed, patterns broken, huge integers, deep macro chains, cycles,
YAML tags, control characters).
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
# A document whose record must come out of every scan it is part of: one hostile input never costs the others.
SENTINEL = "The US accused China of dumping steel."
# Words that make rules fire, so hostile text also yields records whose offsets can be checked.
FRAGMENTS = ["The US", "China", "Japan", "said", "accused", "of", "will", "cut", "tariffs", "approved", "the deal",
             "promised", "to", "if", "not", "on Monday", "told reporters", "that", "Mr.", "U.S.", ".", ",", "“",
             "”", '"', "'", "(", ")", "—", "\n", "\n\n"]
ODD_CHARS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u200f", "\ufeff", "\ufffe",
             "e\u0301", "😀", "美国", "\r", "\r\n", "\t", "\v", "\f", "\ue000", "\U0010ffff"]
BAD_DATES = ["2025-13-01", "2025-02-30", "2025-06-11T25:00:00", "!!int abc", "9" * 5_000, "[" * 3_000,
             "!!python/object/apply:os.system [echo]", "{a: 1}", "null", "'2025-06-11'", "2025-06-11", "-1"]


@dataclass(frozen=True)
class Document:
    name: str   # file name, whose extension says how tracker reads it
    data: bytes


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(FRAGMENTS) for _ in range(n))


def _unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        pick = rng.random()
        if pick < 0.4:
            out.append(rng.choice(FRAGMENTS) + " ")
        elif pick < 0.6:
            out.append(rng.choice(ODD_CHARS))
        else:
            out.append(chr(rng.choice([rng.randrange(32, 0x250), rng.randrange(0x250, 0xD800),
                                       rng.randrange(0xE000, 0x110000)])))
    return "".join(out)


def _text_doc(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return _unicode(rng, rng.randrange(1, 400))
    if kind == 1:  # quote marks, many and unbalanced
        marks = ['"', "“", "”", "'", "China said", "the US"]
        return " ".join(rng.choice(marks) for _ in range(rng.randrange(50, 2_000)))
    if kind == 2:  # dotted initials
        return "".join(rng.choice(["J. ", "R. R. ", "A.B. ", "Mr. ", "U.S. ", "Smith said. "])
                       for _ in range(rng.randrange(50, 1_500)))
    if kind == 3:  # one long line
        return _words(rng, rng.randrange(1_000, 8_000)).replace("\n", " ").replace(".", "")
    if kind == 4:  # control characters between sentences
        return rng.choice(ODD_CHARS).join([SENTINEL, _words(rng, 30), SENTINEL])
    if kind == 5:  # many short paragraphs
        return "\n\n".join(_words(rng, rng.randrange(1, 12)) for _ in range(rng.randrange(10, 400)))
    if kind == 6:  # commas and clauses
        return ", ".join(_words(rng, 3) for _ in range(rng.randrange(10, 600))) + "."
    return _words(rng, rng.randrange(1, 200))


def _front_matter(rng: random.Random, body: str) -> str:
    field = rng.choice(["date", "tags", "title", "id", rng.choice(ODD_CHARS)])
    value = rng.choice(BAD_DATES + ["[a, b", "!!binary aGk=", "&a [*a]", "*a", "\x07"])
    return f"---\n{field}: {value}\n---\n{body}\n"


def _jsonl_doc(rng: random.Random) -> str:
    lines = []
    for k in range(rng.randrange(1, 6)):
        pick = rng.randrange(9)
        text = _text_doc(rng)[:5_000]
        if pick == 0:
            lines.append(f'{{"id": "s{k}", "text": "{SENTINEL} \\ud800 \\udfff"}}')
        elif pick == 1:
            digits = "9" * rng.choice([4_000, 5_000, 20_000])
            lines.append(f'{{"id": {digits}, "text": {json.dumps(text)}}}')
        elif pick == 2:
            depth = rng.choice([100, 3_000, 100_000])
            lines.append(f'{{"id": "n{k}", "text": "x", "deep": {"[" * depth}{"]" * depth}}}')
        elif pick == 3:
            lines.append(rng.choice(["", "{", "[]", "null", '"text"', '{"text": 5}', '{"text": null}',
                                     '{"id": [], "text": "x"}', "\x00", '{"text": "a"} trailing']))
        elif pick == 4:
            lines.append(json.dumps({"id": f"d{k}", "text": text, "date": rng.choice(BAD_DATES)}))
        elif pick == 5:
            lines.append(json.dumps({"id": f"u{k}", "text": text}, ensure_ascii=rng.random() < 0.5))
        else:
            lines.append(json.dumps({"id": f"t{k}", "text": text}))
    lines.append(json.dumps({"id": "good", "text": SENTINEL}))
    return "\n".join(lines) + "\n"


def hostile_document(rng: random.Random, n: int) -> Document:
    """Document number `n` of a run: a text file (sometimes with front
    matter) or a JSON Lines dump that ends with the sentinel article."""
    pick = rng.random()
    if pick < 0.3:
        return Document(f"{n:06d}.jsonl", _jsonl_doc(rng).encode("utf-8", "surrogatepass"))
    text = _text_doc(rng)
    if pick < 0.5:
        text = _front_matter(rng, text)
    return Document(f"{n:06d}.txt", text.encode("utf-8", "surrogatepass"))


# --- rule sets -------------------------------------------------------------------------

# What a rule file needs loaded beside it; a mutated file replaces its original among these.
BASE_FILES = ["language", "kinds.yaml", "modality.yaml", "macros.yaml"]
TARGETS = ["accusations.yaml", "approvals.yaml", "claims.yaml", "commitments.yaml", "macros.yaml", "kinds.yaml",
           "modality.yaml", "time.yaml", "links.yaml", "actors/roles.yaml", "language/phrases.yaml",
           "language/speech.yaml", "language/sentences.yaml"]


@dataclass(frozen=True)
class RuleSetCase:
    target: str  # the bundled file that was edited, relative to rules/
    text: str    # its edited text
    edit: str    # what was done, for the report


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside parsed YAML data."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, prefix + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_paths(value, prefix + (i,)))
    return found


def _parent(data: object, path: tuple) -> tuple[object, object]:
    for step in path[:-1]:
        data = data[step]  # type: ignore[index]
    return data, path[-1]


WEIRD_VALUES: list[object] = [None, True, 0, -1, 3.5, [], {}, "", "((", "{actor", "[[[", "@nope", "...99",
                              "<>", "\u0007", "x" * 5_000, ["a", None], {"replace": 1}, {"add": [1]}]


def _data_edit(rng: random.Random, data: object) -> str:
    paths = _paths(data)
    if not paths:
        return "nothing to edit"
    path = rng.choice(paths)
    parent, key = _parent(data, path)
    pick = rng.randrange(4)
    if pick == 0 and isinstance(parent, dict):
        del parent[key]
        return f"deleted {path}"
    if pick == 1 and isinstance(parent, list):
        parent.insert(key, parent[key])  # type: ignore[arg-type]
        return f"duplicated {path}"
    if pick == 2 and isinstance(parent[key], str):  # type: ignore[index]
        value = parent[key]  # type: ignore[index]
        at = rng.randrange(len(value) + 1)
        parent[key] = value[:at] + rng.choice(["(", ")", "{", "}", "[", "]", "|", "@", "<", ">", "...", "~",  # type: ignore[index]
                                               "!", "\\", "{x:bogus}", "@" + "m" * 50]) + value[at:]
        return f"broke the string at {path}"
    parent[key] = rng.choice(WEIRD_VALUES)  # type: ignore[index]
    return f"changed the type at {path}"


def _macro_chain(rng: random.Random, depth: int, cycle: bool) -> str:
    names = [f"fz{i}" for i in range(depth)]
    last = names[0] if cycle else "said"
    lines = [f'  {n}: "[x @{names[i + 1]}]"' if i + 1 < depth else f'  {n}: "{"@" + last if cycle else last}"'
             for i, n in enumerate(names)]
    return "\n".join(lines)


def _text_edit(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    pick = rng.randrange(9)
    if pick == 0:
        del lines[k]
        return "\n".join(lines), f"deleted line {k + 1}"
    if pick == 1:
        lines.insert(k, lines[k])
        return "\n".join(lines), f"duplicated line {k + 1}"
    if pick == 2:
        lines[k] = " " * rng.randrange(1, 5) + lines[k]
        return "\n".join(lines), f"indented line {k + 1}"
    if pick == 3:
        at = rng.randrange(len(lines[k]) + 1)
        lines[k] = lines[k][:at] + rng.choice(ODD_CHARS + ["\ud800"]) + lines[k][at:]
        return "\n".join(lines), f"odd character in line {k + 1}"
    if pick == 4:
        lines[k] = lines[k] + " " + rng.choice(["!!python/object/apply:os.system [echo]", "&a", "*a", "!!binary x",
                                                "!custom x", "9" * 5_000, "- x", ": y", "'", '"'])
        return "\n".join(lines), f"YAML trouble at line {k + 1}"
    if pick in (5, 6):  # a chain or cycle of macros, used by a rule
        depth = rng.choice([3, 60, 250, 500, 1_200])
        cycle = pick == 6
        body = (f"kind: claim\nmacros:\n{_macro_chain(rng, depth, cycle)}\n"
                f'rules:\n  - id: fuzz\n    pattern: "{{actor}} said @fz0"\n')
        return body, f"macro {'cycle' if cycle else 'chain'} of {depth}"
    if pick == 7:  # a number past Python's digit limit where a word or a pattern should be
        return text.replace("id: ", "id: " + "9" * 5_000 + " #", 1), "a 5000-digit id"
    return text[:rng.randrange(len(text) + 1)], "cut short"


def mutated_rule_set(rng: random.Random) -> RuleSetCase:
    """One bundled rule file with one to three random edits."""
    target = rng.choice(TARGETS)
    text = (RULES / target).read_text(encoding="utf-8")
    edits = []
    for _ in range(rng.randrange(1, 4)):
        if rng.random() < 0.5:
            try:
                data = yaml.safe_load(text)
            except (yaml.YAMLError, ValueError, RecursionError):
                data = None
            if isinstance(data, (dict, list)):
                edits.append(_data_edit(rng, data))
                text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
                continue
        text, what = _text_edit(rng, text)
        edits.append(what)
    return RuleSetCase(target, text, "; ".join(edits))

