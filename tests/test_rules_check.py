"""`tracker rules check` and `tracker rules schema`: rule files validated
without scanning, one `path:line:col: error|warning: message` line each."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from helpers import write

from tracker.cli import main

REPO = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")
GOOD_RULE = """
    kind: claim
    rules:
      - id: said
        pattern: "{actor} said {content:clause}"
        examples:
          - text: "China said it would retaliate."
            actor: China
    """


def check(*args: str):
    return CliRunner().invoke(main, ["rules", "check", *args])


def diagnostics(result) -> list[re.Match]:
    lines = result.stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    return matches


def col_of(path: Path, line: int, needle: str) -> int:
    return path.read_text().splitlines()[line - 1].index(needle) + 1


# --- clean ---------------------------------------------------------------------

def one_claim_rule(tmp_path: Path, rule_id: str, pattern: str) -> Path:
    """A rules folder `mine` holding one claim rule: the pattern is on line 4, as written."""
    return write(tmp_path / "mine" / "claims.yaml", f"""
        kind: claim
        rules:
          - id: {rule_id}
            pattern: "{pattern}"
        """)


def test_clean_folder_exits_0_and_prints_nothing(tmp_path):
    write(tmp_path / "mine" / "claims.yaml", GOOD_RULE)
    result = check(str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_bundled_rules_have_no_errors():
    result = check()
    assert result.exit_code in (0,), result.output
    assert [m for m in diagnostics(result) if m["level"] == "error"] == []


def test_checking_the_default_folder_does_not_load_it_twice():
    result = check(str(REPO / "rules"))
    assert "duplicate rule id" not in result.stdout
    assert result.exit_code == 0, result.output


# --- errors --------------------------------------------------------------------

def test_every_mistake_of_a_folder_in_one_pass(tmp_path):
    folder = tmp_path / "mine"
    broken_yaml = write(folder / "a_yaml.yaml", "kind: claim\nrules:\n  - id: x\n    pattern: [unclosed\n")
    unknown_key = write(folder / "b_key.yaml", """
        kind: claim
        rules:
          - id: said
            patern: "{actor} said"
        """)
    syntax = write(folder / "c_syntax.yaml", """
        kind: claim
        rules:
          - id: said
            pattern: "{actor} <say said"
        """)
    macro = write(folder / "d_macro.yaml", """
        kind: claim
        rules:
          - id: said
            pattern: "{actor} @nope"
        """)
    result = check("--no-default-rules", str(folder))
    assert result.exit_code == 2
    lines = diagnostics(result)
    found = {Path(m["path"]).name: m for m in lines}
    assert set(found) == {broken_yaml.name, unknown_key.name, syntax.name, macro.name}
    assert all(m["level"] == "error" for m in found.values())
    assert "unknown key 'patern'" in found[unknown_key.name]["message"]
    assert found[unknown_key.name]["line"] == "4"
    assert int(found[syntax.name]["col"]) == col_of(syntax, 4, "said\"")
    assert "unknown macro '@nope'" in found[macro.name]["message"]
    assert int(found[macro.name]["col"]) == col_of(macro, 4, "@nope")
    assert f"{len(lines)} error(s), 0 warning(s)" in result.stderr


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path / "one" / "claims.yaml", GOOD_RULE)
    second = write(tmp_path / "two" / "claims.yaml", GOOD_RULE)
    result = check("--no-default-rules", str(tmp_path / "one"), str(tmp_path / "two"))
    assert result.exit_code == 2
    [m] = diagnostics(result)
    assert m["path"] == str(second) and "duplicate rule id 'said'" in m["message"]


def test_recursive_macro_that_no_rule_uses_is_an_error(tmp_path):
    path = write(tmp_path / "mine" / "claims.yaml", """
        kind: claim
        macros:
          loop: (x | y @loop)
          fine: (said | told)
        rules:
          - id: said
            pattern: "{actor} @fine"
        """)
    result = check("--no-default-rules", str(tmp_path / "mine"))
    assert result.exit_code == 2
    [m] = diagnostics(result)
    assert (m["path"], int(m["line"]), int(m["col"])) == (str(path), 3, col_of(path, 3, "@loop"))
    assert "uses itself" in m["message"]


def test_missing_folder(tmp_path):
    result = check(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such rule file or folder" in result.stdout


# --- warnings --------------------------------------------------------------------

def test_pattern_without_trigger_word_warns_and_strict_fails(tmp_path):
    path = one_claim_rule(tmp_path, "loose", '[said] {actor} {content:clause}')
    result = check(str(tmp_path / "mine"))
    assert result.exit_code == 0
    [m] = diagnostics(result)
    assert (m["path"], m["line"], m["level"]) == (str(path), "3", "warning")
    assert "no trigger word" in m["message"]
    assert check("--strict", str(tmp_path / "mine")).exit_code == 1


def test_gaps_with_only_optional_words_between_them_warn(tmp_path):
    path = one_claim_rule(tmp_path, "gappy", '{actor} ...3 [the] ...4 said')
    result = check(str(tmp_path / "mine"))
    assert result.exit_code == 0
    [m] = diagnostics(result)
    assert m["level"] == "warning" and "two gaps in a row" in m["message"]
    assert int(m["col"]) == col_of(path, 4, "...4")


def test_unbounded_captures_in_a_row_warn_at_the_second(tmp_path):
    path = one_claim_rule(tmp_path, "explosive", '{actor} {a:rest} {b:rest} {c:rest} said nothing')
    result = check(str(tmp_path / "mine"))
    assert result.exit_code == 0
    found = diagnostics(result)
    assert [(m["line"], int(m["col"])) for m in found] == [("4", col_of(path, 4, "{b:rest}")),
                                                           ("4", col_of(path, 4, "{c:rest}"))]
    assert all(m["level"] == "warning" and "multiply the work" in m["message"] for m in found)
    assert check("--strict", str(tmp_path / "mine")).exit_code == 1


def test_nested_optional_gaps_warn(tmp_path):
    path = one_claim_rule(tmp_path, "nested", '{actor} said [...5 [...5 [...5]]] {content:clause}')
    found = diagnostics(check(str(tmp_path / "mine")))
    line = path.read_text().splitlines()[3]
    second = line.index("...5", line.index("...5") + 1)
    assert [int(m["col"]) for m in found] == [second + 1, line.index("...5", second + 1) + 1]
    assert all(m["level"] == "warning" and "multiply the work" in m["message"] for m in found)


def test_captures_with_a_required_word_between_them_do_not_warn(tmp_path):
    one_claim_rule(tmp_path, "fine", '{actor} said {content:clause} because {reason:rest}')
    result = check(str(tmp_path / "mine"))
    assert result.exit_code == 0 and diagnostics(result) == []


def test_alias_of_two_actors_warns(tmp_path):
    lexicon = write(tmp_path / "mine" / "actors" / "states.yaml", """
        actors:
          - name: Washington State
            type: group
            aliases: [Washington, Olympia]
        """)
    result = check(str(tmp_path / "mine"))
    [m] = diagnostics(result)
    assert (m["path"], m["line"], m["level"]) == (str(lexicon), "4", "warning")
    assert "alias 'Washington' already names 'United States'" in m["message"]
    assert result.exit_code == 0
    assert check("--strict", str(tmp_path / "mine")).exit_code == 1


def test_warnings_are_shown_with_errors(tmp_path):
    folder = tmp_path / "mine"
    write(folder / "a.yaml", "kind: claim\nrules:\n  - id: loose\n    pattern: '[said] {actor} {content:clause}'\n")
    write(folder / "b.yaml", "kind: claim\nrules:\n  - id: bad\n    pattern: '{actor} <say'\n")
    result = check("--no-default-rules", str(folder))
    assert result.exit_code == 2
    assert sorted(m["level"] for m in diagnostics(result)) == ["error", "warning"]


# --- schema ------------------------------------------------------------------------

def schema_output() -> str:
    result = CliRunner().invoke(main, ["rules", "schema"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_shipped_schema_is_the_command_output():
    """schema/rules.schema.json is generated: `tracker rules schema > schema/rules.schema.json`."""
    assert (REPO / "schema" / "rules.schema.json").read_text(encoding="utf-8") == schema_output()


def test_bundled_files_validate_against_the_printed_schema():
    validator = jsonschema.Draft202012Validator(json.loads(schema_output()))
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], (path, [e.message for e in errors][:3])


@pytest.mark.parametrize("data", [
    {"kind": "claim", "rules": [{"id": "x", "patern": "{actor} said"}]},
    {"kind": "claim", "rules": [{"pattern": "{actor} said"}]},
    {"actors": [{"name": "X", "type": "planet"}]},
])
def test_schema_and_loader_refuse_the_same_file(tmp_path, data):
    schema = json.loads(schema_output())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert check("--no-default-rules", str(path)).exit_code == 2
