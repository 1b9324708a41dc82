"""The rule pattern language, element by element."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tracker.extract import Extractor
from tracker.lang import compile_pattern
from tracker.lang.analysis import Analysis
from tracker.lang.compiler import Compiler, ElementPool
from tracker.lang.grammar import read_pattern
from tracker.lang.match import find
from tracker.lang.tree import PatternError
from tracker.rulefiles import load_ruleset

RULES = Path(__file__).resolve().parents[1] / "rules"
PHRASING = load_ruleset().phrasing
FREQUENT = load_ruleset().words.frequent_words


@pytest.fixture(scope="module")
def extractor(actors_only):
    return Extractor(actors_only)


@pytest.fixture
def match(extractor):
    """match(pattern, sentence, macros) -> [(matched text, {capture: text})] over the first sentence."""

    def run(pattern: str, sentence: str, macros: dict[str, str] | None = None):
        view = extractor.views(sentence)[0]
        trees = {name: read_pattern(text) for name, text in (macros or {}).items()}
        tree = read_pattern(pattern)
        compiled = compile_pattern(pattern, tree, trees, extractor.ruleset.phrasing)
        return [(view.text[m.start:m.end], {s.name: view.text[s.start:s.end] for s in m.spans})
                for m in find(compiled, view.text, view.context)]

    return run


def texts(found):
    return [t for t, _ in found]


# --- words and phrases ------------------------------------------------------

@pytest.mark.parametrize("pattern,sentence", [
    ("said", "He SAID nothing."),
    ("SAID", "He said nothing."),
    ("Said", "Officials Said nothing."),
])
def test_literal_word_is_case_insensitive(match, pattern, sentence):
    assert len(match(pattern, sentence)) == 1


def test_literal_word_must_be_a_whole_token(match):
    assert match("said", "He is unsaid and sad.") == []


def test_quoted_phrase_matches_words_in_order(match):
    assert texts(match('"in principle"', "They agreed In Principle to the plan.")) == ["In Principle"]
    assert match('"in principle"', "In the principle of things.") == []


def test_plain_words_in_sequence(match):
    assert texts(match("told reporters", "Lutnick told reporters on Tuesday.")) == ["told reporters"]
    assert match("told reporters", "Lutnick told the reporters.") == []


# --- verbs ------------------------------------------------------------------

@pytest.mark.parametrize("lemma,form", [
    ("agree", "agree"), ("agree", "agreed"), ("agree", "agrees"), ("agree", "agreeing"),
    ("undertake", "undertook"), ("undertake", "undertaken"),
    ("give", "gave"), ("give", "given"), ("give", "gives"),
    ("accuse", "accuse"), ("accuse", "accused"), ("accuse", "accusing"), ("accuse", "accuses"),
])
def test_verb_matches_its_inflections(match, lemma, form):
    assert texts(match(f"<{lemma}>", f"They {form} it.")) == [form]


def test_verb_does_not_match_other_words(match):
    assert match("<agree>", "This is an agreement.") == []
    assert match("<give>", "They gift it.") == []


# --- alternatives, optional parts, gaps ---------------------------------------

def test_alternatives(match):
    assert texts(match("( deal | pact ) was", "The pact was signed.")) == ["pact was"]
    assert texts(match("( deal | pact ) was", "The deal was signed.")) == ["deal was"]
    assert match("( deal | pact ) was", "The accord was signed.") == []


def test_alternatives_of_sequences(match):
    assert texts(match("(reach a deal | sign)", "They will reach a deal soon.")) == ["reach a deal"]


def test_optional_part(match):
    assert texts(match("said [that] it", "He said that it rains.")) == ["said that it"]
    assert texts(match("said [that] it", "He said it rains.")) == ["said it"]
    assert match("said [that] it", "He said so it rains.") == []


@pytest.mark.parametrize("sentence,found", [
    ("He said deal.", True),
    ("He said a deal.", True),
    ("He said a big deal.", True),
    ("He said a very big deal.", False),
])
def test_bounded_gap(match, sentence, found):
    assert bool(match("said ...2 deal", sentence)) is found


def test_default_gap_is_five_words(match):
    assert match("said ... deal", "He said one two three four five deal.")
    assert not match("said ... deal", "He said one two three four five six deal.")


# --- captures ----------------------------------------------------------------

def test_actor_capture_takes_a_lexicon_mention(match):
    found = match("{actor} <accuse> {target} of {content:clause}",
                  "The US accused China of dumping steel, which hurt jobs.")
    assert found == [("The US accused China of dumping steel",
                      {"actor": "The US", "target": "China", "content": "dumping steel"})]


def test_actor_capture_needs_a_known_actor(match):
    assert match("{actor} said", "The weather said nothing.") == []


def test_np_capture(match):
    found = match("{actor} <give> {x:np} to", "Beijing gave the new deal to Washington.")
    assert found[0][1]["x"] == "the new deal"


def test_clause_capture_stops_before_comma_which(match):
    found = match("{actor} said {content:clause}", "China said it would buy soybeans, which pleased farmers.")
    assert found[0][1]["content"] == "it would buy soybeans"


@pytest.mark.parametrize("sentence, content", [
    ("China will buy soybeans, officials said.", "buy soybeans"),
    ("China will buy soybeans, the ministry said.", "buy soybeans"),
    ("China will buy soybeans, a senior trade official said.", "buy soybeans"),
    ("China will buy soybeans, corn and wheat from farmers.", "buy soybeans, corn and wheat from farmers"),
])
def test_clause_capture_stops_before_a_speaker_of_up_to_four_words(match, sentence, content):
    assert match("{actor} will {content:clause}", sentence)[0][1]["content"] == content


def test_clause_capture_keeps_an_editor_s_brackets(match):
    found = match("{actor} said {content:clause}", "Smith said he “honestly [doesn’t] know” why (really) it failed.")
    assert found[0][1]["content"] == "he “honestly [doesn’t] know” why"


def test_a_gap_may_be_thirty_words(match):
    long = " ".join(["word"] * 29)
    assert match("said ...30 deal", f"He said {long} deal.")


def test_rest_capture_takes_the_rest_without_final_punctuation(match):
    found = match("{actor} <agree> to {content:rest}", "China agreed to ease curbs, which pleased the US.")
    assert found[0][1]["content"] == "ease curbs, which pleased the US"


def test_capture_of_a_sub_pattern(match):
    assert match("{actor} <announce> {content=(this|it)}", "China announced this on Tuesday.")[0][1] == {
        "actor": "China", "content": "this"}
    assert match("{actor} <announce> {content=(this|it)}", "China announced it.")[0][1]["content"] == "it"
    assert match("{actor} <announce> {content=(this|it)}", "China announced a dividend.") == []


def test_patterns_sharing_elements_on_one_sentence_keep_their_own_captures(extractor):
    """The patterns of a rule set share elements, whose results a sentence
    keeps (elements.Remembered): a second pattern that reuses a capturing
    part must get that part's captures, and a pattern run on the same
    sentence again its own, as on a sentence no rule has seen."""
    pool = ElementPool()
    shared = "{actor} (said | told reporters) {content:clause}"
    texts_ = [shared, "(" + shared + " | {actor} <deny> {content:clause})", shared + " on Monday"]
    patterns = [compile_pattern(t, read_pattern(t), {}, extractor.ruleset.phrasing, pool=pool) for t in texts_]
    sentence = "Tokyo said the talks would resume, and Seoul denied the reports on Monday."

    def captures(pattern, view):
        return [{s.name: view.text[s.start:s.end] for s in m.spans} for m in find(pattern, view.text, view.context)]
    alone = [captures(p, extractor.views(sentence)[0]) for p in patterns]
    view = extractor.views(sentence)[0]
    together = [captures(p, view) for p in patterns + patterns]
    assert together == alone + alone
    assert alone[0] == [{"actor": "Tokyo", "content": "the talks would resume"}]
    assert alone[1] == [{"actor": "Tokyo", "content": "the talks would resume"},
                        {"actor": "Seoul", "content": "the reports on Monday"}]


# --- macros, negation ---------------------------------------------------------

def test_macro_expands_its_sub_pattern(match):
    macros = {"deal": "(deal | pact | accord)"}
    assert texts(match("the @deal", "They signed the accord.", macros)) == ["the accord"]
    assert match("the @deal", "They signed the memo.", macros) == []


def test_macro_using_macro(match):
    macros = {"speech": "(<say> | <tell> @listener)", "listener": "(reporters | journalists)"}
    assert texts(match("{actor} @speech", "Lutnick told journalists nothing.", macros)) == ["Lutnick told journalists"]


def test_negation_refuses_a_word_at_that_place(match):
    assert match("did !not <agree>", "China did not agree.") == []
    assert texts(match("did !not <agree>", "China did agree.")) == ["did agree"]


def test_negation_of_alternatives(match):
    assert match("will !(not | never) <sign>", "They will never sign.") == []
    assert texts(match("will !(not | never) <sign>", "They will sign.")) == ["will sign"]


def write(path, text):
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_rule_level_unless(tmp_path, actors_only):
    rules = write(tmp_path / "r.yaml", """
        kind: commitment
        rules:
          - id: agreed
            pattern: "{actor} <agree> to {content:clause}"
            unless: ["in principle"]
        """)
    ruleset = load_ruleset([rules, RULES / "actors", RULES / "modality.yaml"], defaults=False)
    extractor = Extractor(ruleset)
    kept = extractor.extract("d", "China agreed to ease export curbs.")
    assert [(r.actor, r.content, r.rule) for r in kept] == [("China", "ease export curbs", "r/agreed")]
    assert extractor.extract("d", "China agreed in principle, and agreed to ease export curbs.") == []


# --- syntax errors -------------------------------------------------------------

@pytest.mark.parametrize("pattern,col,words", [
    ("{actor} <accuse", 15, "'>'"),
    ("(a | b", 6, "')'"),
    ("[a b", 4, "']'"),
    ("{actor:foo}", 7, "unknown capture type 'foo'"),
    ("said ...", 5, "gap"),
    ("said ...0 x", 5, "gap"),
    ("said ...31 x", 5, "gap"),
    ("{actor} <accuse>:past {target}", 16, "write <accuse:past>"),
])
def test_syntax_error_column(pattern, col, words):
    with pytest.raises(PatternError) as info:
        read_pattern(pattern)
    assert info.value.col == col, info.value.message
    assert words in info.value.message


def test_empty_alternative_is_reported_where_it_is_missing():
    with pytest.raises(PatternError) as info:
        read_pattern("said | | x")
    assert info.value.col == 7


def test_foo_column_points_at_the_type():
    with pytest.raises(PatternError) as info:
        read_pattern("said {actor:foo}")
    assert "said {actor:foo}"[info.value.col:].startswith("foo")


def test_empty_pattern():
    with pytest.raises(PatternError):
        read_pattern("   ")


def test_unknown_macro_is_an_error_at_its_use():
    with pytest.raises(PatternError) as info:
        Compiler({}, PHRASING).compile(read_pattern("said @nope"))
    assert info.value.col == 5 and "@nope" in info.value.message


def test_recursive_macro_names_the_chain_and_the_macro():
    macros = {"a": read_pattern("x @b"), "b": read_pattern("@a")}
    with pytest.raises(PatternError) as info:
        Compiler(macros, PHRASING).compile(read_pattern("y @a"))
    assert "uses itself" in info.value.message
    assert "@a -> @b -> @a" in info.value.message
    assert info.value.macro == "b" and info.value.col == 0


def test_directly_recursive_macro():
    with pytest.raises(PatternError) as info:
        Compiler({"a": read_pattern("x [@a]")}, PHRASING).compile(read_pattern("@a"))
    assert info.value.macro == "a" and info.value.col == 3


# --- triggers -------------------------------------------------------------------

def test_triggers_prefer_a_verb_over_of():
    found = Analysis({}, FREQUENT).trigger(read_pattern("{actor} <accuse> {target} of {content}"))
    assert found == frozenset({"accuse", "accuses", "accused", "accusing"})


def test_triggers_of_alternatives_and_macros():
    macros = {"deal": read_pattern("(deal | pact)")}
    assert Analysis(macros, FREQUENT).trigger(read_pattern("the @deal")) == frozenset({"deal", "pact"})
    assert Analysis({}, FREQUENT).trigger(read_pattern("{actor} said")) == frozenset({"said"})


def test_optional_and_negated_parts_never_trigger():
    assert Analysis({}, FREQUENT).trigger(read_pattern("[said] {actor}")) is None
    assert Analysis({}, FREQUENT).trigger(read_pattern("!not {actor}")) is None
