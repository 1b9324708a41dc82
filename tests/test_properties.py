"""Properties that hold for any input: scanning never raises and records point
into the text; any pattern either compiles or fails at a position."""
from __future__ import annotations

import pytest
from helpers import split_sentences
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rule_files import LINE

from tracker.extract import Extractor
from tracker.lang.compiler import Compiler
from tracker.lang.grammar import read_pattern
from tracker.lang.tree import PatternError
from tracker.rulefiles import RuleError, load_ruleset

PHRASING = load_ruleset().phrasing
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Words and marks that make rules fire, so generated text yields records, not just noise.
FRAGMENTS = [
    "The US", "China", "Howard Lutnick", "he", "Beijing", "said", "accused", "of", "will", "cut", "tariffs",
    "approved", "the deal", "promised", "to", "if", "not", "may", "on Monday", "told reporters", "that",
    ".", ",", "?", "!", "…", ":", ";", "“", "”", '"', "'", "(", ")", "—", "U.S.", "Mr.", "\n", "\n\n", " ",
    "美国", "中国说", "\u200b", "\u200f", "\ufeff", "e\u0301", "😀",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(" ".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
)


@pytest.fixture(scope="module")
def extractor(ruleset) -> Extractor:
    return Extractor(ruleset)


def check_records(extractor: Extractor, text: str) -> None:
    records = extractor.extract("doc", text)
    sentences = {(s.start, s.end): s for s in split_sentences(text)}
    for r in records:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.sentence
        assert (r.start, r.end) in sentences
        assert r.line == sentences[(r.start, r.end)].line


@SETTINGS
@given(text=texts)
def test_scanning_any_text_gives_records_that_point_into_it(extractor, text):
    check_records(extractor, text)


def test_records_keep_tabs_and_no_break_spaces_of_the_text(extractor):
    check_records(extractor, "The US\taccused China of dumping\u00a0steel.")


# --- patterns ---------------------------------------------------------------------------

PATTERN_ATOMS = ["said", "<say>", "<accuse>", "{actor}", "{target}", "{content}", "{content:clause}",
                 "{x:np}", "{n:number}", "{q:quote}", "{r:rest}", '"in principle"', "...", "...3", "@verb"]


def _pattern(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    seq = st.lists(children, min_size=1, max_size=4).map(" ".join)
    return st.one_of(
        seq,
        st.lists(seq, min_size=2, max_size=3).map(lambda o: "(" + " | ".join(o) + ")"),
        seq.map(lambda s: f"[{s}]"),
        seq.map(lambda s: f"!{s}" if " " not in s else f"!({s})"),
        seq.map(lambda s: f"{{c={s}}}"),
    )


grammar_patterns = st.recursive(st.sampled_from(PATTERN_ATOMS), _pattern, max_leaves=12)
# Well-formed pieces, broken pieces and stray marks, to hit every error path.
# No lone '"': an empty phrase crashes the compiler (see test_reliability_rules).
soup = st.lists(st.sampled_from(PATTERN_ATOMS + ["(", ")", "[", "]", "{", "}", "|", "<", ">", "!", "@", "...0",
                                                 "{x:foo}", "<zzqx>", '"x', ":", "="]),
                max_size=12).map(" ".join)


@SETTINGS
@given(pattern=st.one_of(grammar_patterns, soup))
def test_compiler_compiles_or_gives_a_positioned_error(pattern):
    try:
        Compiler({"verb": read_pattern("(said | told)")}, PHRASING).compile(read_pattern(pattern))
    except PatternError as err:
        assert 0 <= err.col <= len(pattern)
        assert err.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pattern=st.one_of(grammar_patterns, soup))
def test_loader_loads_a_rule_or_points_into_its_pattern(tmp_path, pattern):
    path = tmp_path / "r.yaml"
    quoted = pattern.replace("'", "''")
    path.write_text(f"kind: claim\nmacros:\n  verb: (said | told)\nrules:\n  - id: r\n    pattern: '{quoted}'\n"
                    "    triggers: [said]\n")
    try:
        load_ruleset([path], defaults=False)
    except RuleError as err:
        start = len("    pattern: '") + 1
        for d in err.diagnostics:
            assert LINE.match(str(d))
            assert d.line == 6 and start <= d.col <= start + len(quoted)
