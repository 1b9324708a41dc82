"""Mistakes in rule files are reported as `path:line:col: error: message`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import write

from tracker.extract import Extractor
from tracker.rulefiles import Diagnostic, RuleError, load_ruleset

RULES = Path(__file__).resolve().parents[1] / "rules"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")


def errors_of(*paths: Path) -> list[Diagnostic]:
    with pytest.raises(RuleError) as info:
        load_ruleset(list(paths), defaults=False)
    err = info.value
    # The exception's text is exactly one well-formed line per diagnostic.
    lines = str(err).splitlines()
    assert lines == [str(d) for d in err.diagnostics]
    for line in lines:
        assert LINE.match(line), line
    return err.diagnostics


def only_error(path: Path) -> Diagnostic:
    diagnostics = errors_of(path)
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    d = diagnostics[0]
    assert d.level == "error" and d.path == str(path)
    return d


def col_of(path: Path, line: int, needle: str, occurrence: int = 0) -> int:
    """1-based column of `needle` on a 1-based line of the file."""
    text = path.read_text().splitlines()[line - 1]
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return at + 1


def test_diagnostic_format():
    d = Diagnostic("rules/x.yaml", 3, 7, "something is wrong")
    assert str(d) == "rules/x.yaml:3:7: error: something is wrong"
    assert str(Diagnostic("a.yaml", 1, 1, "hm", "warning")) == "a.yaml:1:1: warning: hm"


def test_good_file_loads(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        kind: claim
        rules:
          - id: said
            pattern: "{actor} said {content:clause}"
        """)
    ruleset = load_ruleset([path], defaults=False)
    assert [r.id for r in ruleset.rules] == ["mine/said"]
    assert ruleset.rules[0].kind == "claim" and ruleset.warnings == []


def test_yaml_syntax_error(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
           pattern: "{actor} said"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, 4)
    assert d.message.startswith("YAML")


def test_unknown_key_in_a_rule(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: "{actor} said"
            colour: red
        """)
    d = only_error(path)
    assert (d.line, d.col) == (5, 5)
    assert "unknown key 'colour'" in d.message and "pattern" in d.message


def test_missing_id(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: fine
            pattern: "{actor} said"
          - pattern: "{actor} told"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (5, 5)
    assert d.message == "missing field 'id'"


def test_missing_pattern(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            description: no pattern here
        """)
    d = only_error(path)
    assert (d.line, d.col) == (3, 5)
    assert "missing field 'pattern'" in d.message


def test_pattern_error_in_double_quoted_scalar(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: "{actor} <say {content}"
        """)
    d = only_error(path)
    # `<say` is followed by a space where '>' should close the verb.
    assert d.line == 4
    assert d.col == col_of(path, 4, "{content}")
    assert "'>'" in d.message


def test_pattern_error_in_plain_scalar(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: said {content:foo}
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "foo"))
    assert "unknown capture type 'foo'" in d.message


def test_pattern_error_in_a_list_of_patterns(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            patterns:
              - "{actor} said {content}"
              - "{actor} said ...0 {content}"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (6, col_of(path, 6, "...0"))


def test_every_mistake_is_reported_at_once(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: "(said"
          - id: b
            pattern: "{actor} @nope"
        """)
    diagnostics = errors_of(path)
    assert [(d.line, d.col) for d in diagnostics] == [(4, col_of(path, 4, '"', 1)), (6, col_of(path, 6, "@nope"))]


def test_unknown_macro(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: "{actor} @nope said"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "@nope"))
    assert "unknown macro '@nope'" in d.message


def test_recursive_macro_is_reported_in_the_macros_own_line(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        macros:
          a: x @b
          b: y [@a]
        rules:
          - id: r
            pattern: "{actor} @a"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "@a"))
    assert "uses itself" in d.message and "@a -> @b -> @a" in d.message


def test_recursive_shared_macro_is_reported_in_the_macro_file(tmp_path):
    macros = write(tmp_path / "macros.yaml", """
        macros:
          loop: (x | y @loop)
        """)
    rules = write(tmp_path / "rules.yaml", """
        kind: claim
        rules:
          - id: r
            pattern: "{actor} @loop"
        """)
    diagnostics = errors_of(macros, rules)
    assert [(d.path, d.line, d.col) for d in diagnostics] == [(str(macros), 2, col_of(macros, 2, "@loop"))]


def test_duplicate_id_across_two_files(tmp_path):
    first = write(tmp_path / "one" / "claims.yaml", """
        kind: claim
        rules:
          - id: said
            pattern: "{actor} said"
        """)
    second = write(tmp_path / "two" / "claims.yaml", """
        kind: claim
        rules:
          - id: other
            pattern: "{actor} told"

          - id: said
            pattern: "{actor} stated"
        """)
    diagnostics = errors_of(tmp_path / "one", tmp_path / "two")
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert (d.path, d.line, d.col) == (str(second), 6, col_of(second, 6, "said"))
    assert "duplicate rule id 'said'" in d.message and f"{first}:3" in d.message


def test_same_id_in_files_of_different_names_is_fine(tmp_path):
    a = write(tmp_path / "a.yaml", "kind: claim\nrules:\n  - id: said\n    pattern: '{actor} said'\n")
    b = write(tmp_path / "b.yaml", "kind: claim\nrules:\n  - id: said\n    pattern: '{actor} said'\n")
    assert [r.id for r in load_ruleset([a, b], defaults=False).rules] == ["a/said", "b/said"]


def test_python_tag_is_refused(tmp_path):
    marker = tmp_path / "ran"
    path = write(tmp_path / "bad.yaml", f"""
        kind: claim
        rules:
          - id: a
            pattern: !!python/object/apply:os.system ["touch {marker}"]
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "!!python"))
    assert "tag" in d.message and "not allowed" in d.message
    assert not marker.exists()


def test_python_object_tag_on_a_scalar_is_refused(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: !!python/object:os.system "x"
        """)
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "!!python"))
    assert "not allowed" in d.message


def test_anchor_and_alias_are_refused(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: &p "{actor} said"
          - id: b
            pattern: *p
        """)
    d = only_error(path)
    assert d.line in (4, 6)
    assert "anchors and aliases are not allowed" in d.message


def test_lone_anchor_is_refused(tmp_path):
    path = write(tmp_path / "bad.yaml", """
        kind: claim
        rules:
          - id: a
            pattern: &p "{actor} said"
        """)
    only_error(path)


def test_rule_without_trigger_words_is_a_warning(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        kind: claim
        rules:
          - id: loose
            pattern: "[said] {actor} {content:clause}"
        """)
    ruleset = load_ruleset([path], defaults=False)
    assert [r.id for r in ruleset.rules] == ["mine/loose"]
    assert len(ruleset.warnings) == 1
    w = ruleset.warnings[0]
    assert w.level == "warning" and (w.path, w.line) == (str(path), 3)
    assert str(w).startswith(f"{path}:3:") and ": warning: " in str(w) and "no trigger word" in str(w)


def test_explicit_triggers_silence_the_warning(tmp_path):
    path = write(tmp_path / "mine.yaml", """
        kind: claim
        rules:
          - id: loose
            pattern: "[said] {actor} {content:clause}"
            triggers: [said]
        """)
    assert load_ruleset([path], defaults=False).warnings == []


def test_missing_rule_folder(tmp_path):
    diagnostics = errors_of(tmp_path / "nowhere")
    assert [str(d) for d in diagnostics] == [f"{tmp_path / 'nowhere'}:1:1: error: no such rule file or folder"]


@pytest.mark.parametrize("scalar", ['"\\"in principle\\" {x:foo}"', "'it''s {x:foo}'"])
def test_pattern_error_column_after_escapes(tmp_path, scalar):
    path = write(tmp_path / "bad.yaml", f"kind: claim\nrules:\n  - id: a\n    pattern: {scalar}\n")
    d = only_error(path)
    assert (d.line, d.col) == (4, col_of(path, 4, "foo"))


def test_bundled_rules_load_by_default(ruleset):
    """The default rule folder (which also holds the ledger's links.yaml) loads
    into the same scanner rules as the scanner's files on their own."""
    default = load_ruleset()
    assert sorted(r.id for r in default.rules) == sorted(r.id for r in ruleset.rules)
    assert {r.kind for r in default.rules} == {"commitment", "accusation", "approval", "claim"}
    assert [str(w) for w in default.warnings if "links.yaml" in w.path] == []


LIST_MACRO = """
    kind: accusation
    macros:
      accuse_verb:
        - <accuse>
        - <charge>
        - (<blame> | <fault>)
    rules:
      - id: accused
        pattern: "{actor} @accuse_verb {target} of {content:clause}"
    """


def test_a_macro_written_as_a_list_matches_any_of_its_lines(tmp_path):
    path = write(tmp_path / "mine.yaml", LIST_MACRO)
    ruleset = load_ruleset([path, RULES], defaults=False)
    extractor = Extractor(ruleset)
    for verb in ("accused", "charged", "faulted"):
        records = extractor.extract("d", f"Brazil {verb} Chile of dumping copper.")
        assert [(r.actor, r.target, r.content) for r in records] == [("Brazil", "Chile", "dumping copper")], verb


def test_a_mistake_in_a_list_macro_is_reported_in_its_own_line(tmp_path):
    path = write(tmp_path / "mine.yaml", LIST_MACRO.replace("<fault>)", "@nope)"))
    d = only_error(path)
    assert "unknown macro '@nope'" in d.message
    assert (d.line, d.col) == (6, col_of(path, 6, "@nope"))
