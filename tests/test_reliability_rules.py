"""Hostile rule files: each is refused with a positioned message or loaded in bounded time and memory.

Loading never executes code: YAML is composed into nodes, never constructed
with tags, and anchors are refused before anything could be expanded.
"""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import RULES
from helpers import ceiling
from test_rule_files import col_of, only_error, write

from tracker.cli import main
from tracker.extract import Extractor
from tracker.rulefiles import Diagnostic, RuleError, load_ruleset
from tracker.rulefiles.yamlpos import MAX_DEPTH

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
kind: claim
rules:
  - id: r
    pattern: "{actor} said"
"""


def rule_file(tmp_path: Path, pattern: str, macros: str = "") -> Path:
    return write(tmp_path / "r.yaml", f"kind: claim\n{macros}rules:\n  - id: r\n    pattern: '{pattern}'\n")


# --- YAML ------------------------------------------------------------------------

def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS)
    tracemalloc.start()
    try:
        d = only_error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (d.line, d.col) == (1, 4)
    assert "anchors and aliases are not allowed" in d.message
    assert peak < 10_000_000


@pytest.mark.parametrize("tagged", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/object:__main__.X {{a: 1}}",
    "!!python/name:os.system",
    '!!python/module:os ""',
    "!custom [touch {marker}]",
    "!!binary aGVsbG8=",
    "!!set {{a, b}}",
])
def test_tags_are_refused_and_never_run(tmp_path, tagged):
    marker = tmp_path / "ran"
    text = f"kind: claim\nrules:\n  - id: a\n    pattern: {tagged.format(marker=marker)}\n"
    path = write(tmp_path / "bad.yaml", text)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "!"))
    assert "tag" in d.message and "not allowed" in d.message
    assert not marker.exists()


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000])
def test_deeply_nested_yaml_is_refused(tmp_path, depth):
    path = tmp_path / "deep.yaml"
    path.write_text("kind: claim\nrules: " + "[" * depth + "]" * depth + "\n")
    d = only_error(path)
    assert d.line == 2 and "nest" in d.message


# --- size ---------------------------------------------------------------------------

def test_ten_thousand_rules_load_and_scan(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("kind: claim\nrules:\n" + "".join(
        f"  - id: r{i}\n    pattern: \"{{actor}} ...3 <say> word{i} {{content}}\"\n" for i in range(10_000)))
    with ceiling(180):
        ruleset = load_ruleset([path, RULES / "actors"], defaults=False)
        assert len(ruleset.rules) == 10_000
        # The trigger index keeps a sentence's candidates to the rules that can match it.
        assert [r.id for r in ruleset.candidates({"said", "word9999"})] == ["many/r9999"]
        records = Extractor(ruleset).extract("d", "China said word9999 the tariffs will go.")
    assert [(r.rule, r.actor, r.content) for r in records] == [("many/r9999", "China", "the tariffs will go")]


def test_actor_lexicon_with_100000_aliases(tmp_path):
    lexicon = tmp_path / "actors.yaml"
    lexicon.write_text("actors:\n  - name: Big Country\n    type: country\n    aliases:\n"
                       + "".join(f"      - Alias{i} Land\n" for i in range(100_000)))
    rules = rule_file(tmp_path, "{actor} said {content}")
    with ceiling(120):
        ruleset = load_ruleset([lexicon, rules], defaults=False)
        records = Extractor(ruleset).extract("d", "Alias99999 Land said the deal is done.")
    assert [(r.actor, r.actor_text) for r in records] == [("Big Country", "Alias99999 Land")]


# --- patterns -------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["[said]", "[said] [told]", "...3 [x]", '""', "!said", "([a] | b)",
                                     "{content=[said]}", "@maybe", "[@maybe] ([x] [y])"])
def test_pattern_that_can_match_nothing_is_refused(tmp_path, pattern):
    path = rule_file(tmp_path, pattern, "macros:\n  maybe: '[perhaps]'\n")
    d = only_error(path)
    start = col_of(path, 6, pattern)
    assert d.line == 6 and start <= d.col < start + len(pattern)
    assert "can match no words at all" in d.message


def test_optional_parts_next_to_a_required_word_are_fine(tmp_path):
    path = rule_file(tmp_path, "[{actor}] ([a] | b) said")
    assert [r.id for r in load_ruleset([path], defaults=False).rules] == ["r/r"]


def test_nested_optional_gaps_match_in_bounded_time(tmp_path):
    path = rule_file(tmp_path, "{actor} [... [... [... [...]] told]] said {content}")
    ruleset = load_ruleset([path, RULES / "actors"], defaults=False)
    sentence = "China " + "and more words " * 300 + "told them the US said it will act."
    with ceiling(60):
        records = Extractor(ruleset).extract("d", sentence)
    assert all(r.sentence == sentence for r in records)


@pytest.mark.parametrize("macros, used", [
    ("  a: x @a\n", "@a"),
    ("  a: x @b\n  b: '[y] @c'\n  c: (z | @a)\n", "@a"),
    ("  a: '{content=(@a)}'\n", "@a"),
])
def test_recursive_macros_are_refused(tmp_path, macros, used):
    path = rule_file(tmp_path, "{actor} @a", "macros:\n" + macros)
    with ceiling(30):
        diagnostics = _errors(path)
    assert diagnostics and all("uses itself" in d.message for d in diagnostics)
    assert used in diagnostics[0].message
    assert diagnostics[0].line in range(3, 3 + macros.count("\n"))


def test_deeply_nested_pattern_is_refused_with_a_position(tmp_path):
    path = rule_file(tmp_path, "[" * 300 + "said" + "]" * 300)
    d = only_error(path)
    assert d.line == 4


def _errors(path: Path) -> list[Diagnostic]:
    with pytest.raises(RuleError) as info:
        load_ruleset([path], defaults=False)
    return info.value.diagnostics


# --- limits of Python itself: one positioned line each (issue 16, failure 8) ---------------

def _check_lines(path: Path) -> tuple[int, list[str]]:
    """`tracker rules check` on one file: its exit code and the lines it printed."""
    result = CliRunner().invoke(main, ["rules", "check", "--no-default-rules", str(path)])
    return result.exit_code, (result.stdout + result.stderr).splitlines()


def _one_error_at(path: Path, line: int, col: int) -> str:
    code, lines = _check_lines(path)
    errors = [x for x in lines if ": error: " in x]
    assert code == 2 and len(errors) == 1, lines
    assert not any("Traceback" in x for x in lines)
    assert errors[0].startswith(f"{path}:{line}:{col}: error: ")
    return errors[0]


def _macro_file(tmp_path: Path, definitions: list[str], used: str) -> Path:
    return write(tmp_path / "r.yaml", "kind: claim\nmacros:\n" + "".join(f"  {d}\n" for d in definitions)
                 + f'rules:\n  - id: r\n    pattern: "{{actor}} said {used}"\n')


def test_an_integer_past_pythons_digit_limit_is_one_positioned_error(tmp_path):
    path = rule_file(tmp_path, "{actor} said")
    path.write_text(path.read_text() + "    description: " + "9" * 5_000 + "\n")
    message = _one_error_at(path, 5, col_of(path, 5, "9"))
    assert "5000 digits" in message


@pytest.mark.parametrize("depth", [300, 2_000])
def test_a_deep_macro_chain_is_one_positioned_error(tmp_path, depth):
    path = _macro_file(tmp_path, [f'm{i}: "[x @m{i + 1}]"' for i in range(depth)] + [f"m{depth}: y"], "@m0")
    with ceiling(60):
        message = _one_error_at(path, depth + 6, col_of(path, depth + 6, "@m0"))
    assert "nest" in message and "@m0 -> @m1" in message


def test_a_cycle_of_500_macros_is_one_error_where_it_closes(tmp_path):
    path = _macro_file(tmp_path, [f'c{i}: "x @c{(i + 1) % 500}"' for i in range(500)], "@c0")
    with ceiling(60):
        message = _one_error_at(path, 502, col_of(path, 502, "@c0"))
    assert "macro '@c0' uses itself" in message and "500 macros" in message


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b", "\ufffe"])
def test_a_control_character_is_one_error_at_its_place(tmp_path, char):
    path = tmp_path / "r.yaml"
    path.write_text(f'kind: claim\nrules:\n  - id: r\n    description: "é é {char} é"\n    pattern: "{{actor}} said"\n',
                    encoding="utf-8")
    message = _one_error_at(path, 4, len('    description: "é é ') + 1)
    assert f"U+{ord(char):04X}" in message
