"""What keeps matching cheap must never change what is found: start filters,
anchors and the trigger index only skip places where a match is impossible."""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from tracker.extract import Extractor
from tracker.lang.analysis import Analysis
from tracker.lang.grammar import read_pattern
from tracker.lang.match import find
from tracker.quotes import find_quotes
from tracker.trigger_index import TriggerIndex

SEED = Path(__file__).resolve().parents[1] / "seeds" / "us-china-london-framework.txt"
CROWDED = [
    # many actors, one speech verb far from most of them
    "Japan, China, the European Community, Brazil and Canada met in Geneva, where U.S. Trade "
    "Representative Clayton Yeutter said Washington would act.",
    "Texaco Inc and Pennzoil Co, which both told the court they would appeal, said on Monday that the "
    "Securities and Exchange Commission had approved the plan.",
    "“We will cut output,” OPEC said, and Saudi Arabia, Kuwait and Iran agreed to limit exports to Japan.",
]


def _unfiltered(pattern):
    """The same pattern tried at every token, as if no filter existed: no
    start filter, no anchor, and no required words (nor their order)."""
    expr = copy.copy(pattern.expr)
    expr.needs = ()
    return dataclasses.replace(pattern, expr=expr, facts=dataclasses.replace(pattern.facts, starts=None, anchor=None))


def test_bundled_patterns_find_the_same_with_and_without_filters(ruleset):
    extractor = Extractor(ruleset)
    views = extractor.views(SEED.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(CROWDED))
    patterns = [p for rule in ruleset.rules for p in rule.patterns + rule.unless]
    anchored = [p for p in patterns if p.facts.anchor is not None]
    assert len(anchored) >= 5  # the bundled "{actor} ... <verb>" rules are anchored
    compared = 0
    for view in views:
        for pattern in patterns:
            fast = [(m.start, m.end, m.spans) for m in find(pattern, view.text, view.context)]
            slow = [(m.start, m.end, m.spans) for m in find(_unfiltered(pattern), view.text, view.context)]
            assert fast == slow, (pattern.source, view.text)
            compared += len(fast)
    assert compared > 50


@pytest.mark.parametrize("text,size", [
    ("said", 1), ("<agree> to", 2), ("[not | never]", 1), ("(a | b c d)", 3), ("...4 x", 5),
    ("{n:number}", 1), ("{x:np}", 12), ("!be", 0), ("{x:quote}", None), ("{actor}", None), ("{a}", 12),
    ("{x:rest}", None),
])
def test_width_is_the_most_tokens_a_part_can_take(text, size):
    assert Analysis({}).width(read_pattern(text)) == size


def test_an_actor_pattern_is_anchored_on_its_first_required_word():
    aux = read_pattern("(will | has | is to)")
    words, reach = Analysis({"aux": aux}).anchor(read_pattern("{actor} [@aux] ...2 <agree> to {content:clause}"))
    assert "agreed" in words and "to" not in words
    assert reach == 2 + 2  # the longest auxiliary, then the gap


@pytest.mark.parametrize("text", [
    "said {actor}",                        # does not start at an actor
    "{actor} {x:quote} said",              # a quote of any length stands between
    "{actor} [@aux]",                      # nothing required after the actor
])
def test_no_anchor_where_reach_is_unbounded_or_nothing_is_required(text):
    assert Analysis({"aux": read_pattern("will")}).anchor(read_pattern(text)) is None


def test_trigger_index_keeps_item_order_and_always_items():
    index = TriggerIndex(["a", "b", "c", "d"], [frozenset({"x"}), None, frozenset({"y", "x"}), frozenset({"z"})])
    assert index.candidates({"x", "q"}) == ["a", "b", "c"]
    assert index.candidates({"z"}) == ["b", "d"]
    assert index.candidates(set()) == ["b"]


@pytest.mark.parametrize("text,spans", [
    ("“One.”\n\nTwo", [(0, 6)]),
    ("“Open paragraph\n  \n“Next”", [(0, 15), (19, 25)]),   # a blank line of spaces ends a paragraph
    ("“Open line\nstill open”", [(0, 22)]),                 # a single line break does not
    ("“Open\n\r\nmore”", [(0, 5)]),                         # a Windows blank line does
    ('He said "yes" and "no".', [(8, 13), (18, 22)]),
])
def test_quotes_close_at_their_mark_or_at_a_paragraph_break(text, spans):
    assert [(q.start, q.end) for q in find_quotes(text)] == spans


def test_loading_rules_does_not_import_spacy_and_lemminflect_still_imports_after():
    """lemminflect's package imports spaCy when installed (a second at every
    start); tracker reads its tables without that import."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("spacy") is None:
        pytest.skip("spaCy is not installed here (pip install -e '.[bench]'), so there is nothing to avoid")
    code = ("import sys; from tracker.rulefiles import load_ruleset; load_ruleset(); "
            "assert 'spacy' not in sys.modules, 'spacy imported'; "
            "import lemminflect; assert 'said' in lemminflect.getAllInflections('say', upos='VERB')['VBD']")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
