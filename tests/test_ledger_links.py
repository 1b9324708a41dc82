"""Linking an accusation, approval or restatement to the commitment it means,
with link rules read from `links:` files like every other rule file."""
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main
from tracker.ledger.links import Item, LinkRules, links_for, most_plausible
from tracker.ledger.timeexpr import DateRange
from tracker.records import Record
from tracker.rulefiles import RuleError, load_ruleset

RULES = load_ruleset().links
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")


def item(id: int, doc: int, kind: str, actor: str, content: str, sentence: str, day: str | None,
         target: str | None = None, modality: str = "asserted", when: str | None = None,
         group: str | None = None) -> Item:
    record = Record(
        doc=f"doc{doc}.txt", sentence=sentence, start=0, end=len(sentence), kind=kind, actor=actor,
        actor_text=actor, actor_group=group, target=target, target_text=target, content=content,
        speaker=None, modality=modality, condition=None, when=when, rule="test/hand", line=1,
    )
    dates = DateRange(date.fromisoformat(day), date.fromisoformat(day)) if day else None
    return Item(id, doc, record, dates)


GENEVA = item(1, 1, "commitment", "China", "ease restrictions on rare earth element exports",
              "China agreed in Geneva to ease restrictions on rare earth element exports.", "2025-05-12",
              target="United States", when="in Geneva")
SOYBEANS = item(2, 2, "commitment", "China", "buy more American soybeans",
                "China pledged to buy more American soybeans.", "2025-05-20")
US_TARIFFS = item(3, 1, "commitment", "United States", "lower tariffs on Chinese goods",
                  "The United States agreed in Geneva to lower tariffs on Chinese goods.", "2025-05-12",
                  target="China", when="in Geneva")
ACCUSATION = item(10, 3, "accusation", "United States",
                  "failing to honor its commitment made in Geneva to ease restrictions on rare earth exports",
                  "The US accused China of failing to honor its commitment made in Geneva to ease "
                  "restrictions on rare earth exports.", "2025-06-11", target="China")


def test_accusation_links_to_the_commitment_it_names_with_reasons():
    links = links_for(ACCUSATION, [GENEVA, SOYBEANS, US_TARIFFS], RULES)
    assert [link.commitment_id for link in links] == [GENEVA.id]
    reason = links[0].reason
    assert "cue 'fail to honor'" in reason
    assert "both name Geneva" in reason
    assert "ease" in reason and "restriction" in reason
    assert "dated 2025-05-12 before 2025-06-11" in reason
    assert links[0].score >= RULES.threshold


def test_broken_pledge_without_a_place_links_on_shared_words():
    opec = item(4, 4, "commitment", "Saudi Arabia", "cut output by 500,000 barrels a day",
                "Saudi Arabia pledged to cut output by 500,000 barrels a day.", "1987-03-01")
    other = item(5, 4, "commitment", "Saudi Arabia", "raise prices",
                 "Saudi Arabia vowed to raise prices.", "1987-03-01")
    accusation = item(11, 5, "accusation", "Kuwait", "broke its pledge to cut output",
                      "Kuwait accused Saudi Arabia of having broke its pledge to cut output.", "1987-04-02",
                      target="Saudi Arabia")
    assert [link.commitment_id for link in links_for(accusation, [opec, other], RULES)] == [opec.id]


def test_violating_the_named_agreement_links():
    accusation = item(12, 3, "accusation", "China", "seriously violating the Geneva agreement",
                      "Beijing accused Washington of seriously violating the Geneva agreement.", "2025-06-11",
                      target="United States")
    links = links_for(accusation, [GENEVA, US_TARIFFS], RULES)
    assert [link.commitment_id for link in links] == [US_TARIFFS.id]


def test_accusation_without_breach_cue_links_nothing():
    foot_dragging = item(13, 3, "accusation", "United States",
                         "foot-dragging on approving shipments of rare earth elements",
                         "The US accused China of foot-dragging on approving shipments of rare earth elements.",
                         "2025-06-11", target="China")
    assert links_for(foot_dragging, [GENEVA], RULES) == []


def test_only_commitments_of_the_accused_are_candidates():
    accusation = item(14, 3, "accusation", "United States",
                      "failing to honor its commitment made in Geneva to lower tariffs",
                      "China was accused of failing to honor its commitment made in Geneva to lower tariffs.",
                      "2025-06-11", target="China")
    assert links_for(accusation, [US_TARIFFS], RULES) == []


def test_a_commitment_dated_after_the_accusation_is_not_meant():
    later = item(6, 6, "commitment", "China", "ease restrictions on rare earth element exports",
                 "China agreed in Geneva to ease restrictions on rare earth element exports.", "2025-07-01")
    assert links_for(ACCUSATION, [later], RULES) == []


def test_undated_commitment_can_still_be_meant():
    undated = item(7, 7, "commitment", "China", "ease restrictions on rare earth element exports",
                   "China agreed in Geneva to ease restrictions on rare earth element exports.", None)
    links = links_for(ACCUSATION, [undated], RULES)
    assert [link.commitment_id for link in links] == [undated.id]
    assert "dated" not in links[0].reason


def test_unnamed_actors_are_nobody_in_particular():
    def split(id: int, doc: int, actor: str, day: str) -> Item:
        content = "recommend a two-for-one stock split at the annual meeting"
        return item(id, doc, "commitment", actor, content, f"The {actor} will {content}.", day)

    assert links_for(split(9, 9, "board", "1987-03-04"), [split(8, 8, "board", "1987-03-01")], RULES) == []
    named = links_for(split(9, 9, "Texaco Inc", "1987-03-04"), [split(8, 8, "Texaco Inc", "1987-03-01")], RULES)
    assert [link.commitment_id for link in named] == [8]


def test_denied_accusation_breaks_nothing():
    denied = item(15, 3, "accusation", "United States", ACCUSATION.record.content, ACCUSATION.record.sentence,
                  "2025-06-11", target="China", modality="negated")
    assert links_for(denied, [GENEVA], RULES) == []


def test_approval_links_when_it_names_the_same_agreement():
    approval = item(20, 8, "approval", "State Council", "the Geneva agreement",
                    "China's State Council approved the Geneva agreement.", "2025-05-16", group="China")
    links = links_for(approval, [GENEVA, SOYBEANS], RULES)
    assert [link.commitment_id for link in links] == [GENEVA.id]
    assert "both name Geneva" in links[0].reason


def test_approval_of_another_agreement_links_nothing():
    approval = item(21, 8, "approval", "State Council", "the London framework",
                    "China's State Council approved the London framework.", "2025-06-16", group="China")
    assert links_for(approval, [GENEVA], RULES) == []


def test_later_restatement_in_another_document_reaffirms():
    restated = item(30, 9, "commitment", "China", "ease restrictions on rare earth exports",
                    "China reaffirmed in London that it will ease restrictions on rare earth exports "
                    "as agreed in Geneva.", "2025-06-10")
    links = links_for(restated, [GENEVA], RULES)
    assert [link.commitment_id for link in links] == [GENEVA.id]
    # and never the other way round, so threads cannot loop
    assert links_for(GENEVA, [restated], RULES) == []


def test_commitment_named_in_an_accusation_is_no_reaffirmation():
    referred = item(31, 3, "commitment", "China", "ease restrictions on rare earth exports",
                    ACCUSATION.record.sentence, "2025-06-11", when="in Geneva")
    assert links_for(referred, [GENEVA], RULES) == []


def test_bundled_link_rules_are_loaded_with_the_rule_set():
    assert isinstance(RULES, LinkRules)
    assert (RULES.threshold, RULES.max_links, RULES.max_shared_words) == (1.25, 3, 4)
    assert ("fail", "to", "honor") in RULES.breach and "pledge" in RULES.commitment_words
    assert {"on", "no"} <= RULES.stopwords  # plain YAML would read these two as booleans


def overridden(tmp_path: Path, text: str) -> LinkRules:
    """The bundled link rules with a user's links file loaded after them."""
    links = load_ruleset([write(tmp_path / "mine" / "links.yaml", text)]).links
    assert links is not None
    return links


def test_a_later_links_file_replaces_settings_and_weights_key_by_key(tmp_path: Path):
    strict = overridden(tmp_path, """
        links:
          threshold: 9
          weights: {shared_name: 2}
        """)
    assert strict.threshold == 9 and strict.weights["shared_name"] == 2
    assert strict.weights["breach_cue"] == RULES.weights["breach_cue"]  # the weights it does not give stay
    assert strict.keep_within == RULES.keep_within and strict.relations == RULES.relations
    assert links_for(ACCUSATION, [GENEVA], strict) == []
    assert links_for(ACCUSATION, [GENEVA], RULES) != []


def test_a_later_links_file_changes_a_relation_where_it_gives_one(tmp_path: Path):
    rules = overridden(tmp_path, """
        links:
          relations:
            accusation: {modalities: [asserted]}
        """)
    assert rules.relations["accusation"].modalities == {"asserted"}
    assert rules.relations["accusation"].requires == RULES.relations["accusation"].requires
    hedged = item(16, 3, "accusation", "United States", ACCUSATION.record.content, ACCUSATION.record.sentence,
                  "2025-06-11", target="China", modality="hedged")
    assert links_for(hedged, [GENEVA], RULES) != [] and links_for(hedged, [GENEVA], rules) == []


def test_cue_and_word_lists_extend_or_change_as_word_lists_do(tmp_path: Path):
    rules = overridden(tmp_path, """
        links:
          cues:
            breach: [welsh on]
            commitment: {remove: [deal]}
          stopwords: {add: [tariff]}
          not_names: {replace: [Reuters]}
        """)
    assert ("welsh", "on") in rules.breach and set(RULES.breach) < set(rules.breach)
    assert "deal" not in rules.commitment_words and "pledge" in rules.commitment_words
    assert rules.stopwords == RULES.stopwords | {"tariff"}
    assert rules.not_names == {"Reuters"}
    welshed = item(17, 3, "accusation", "United States", "welshing on its Geneva commitment to ease restrictions",
                   "The US accused China of welshing on its Geneva commitment to ease restrictions.", "2025-06-11",
                   target="China")
    assert links_for(welshed, [GENEVA], RULES) == []
    assert [link.commitment_id for link in links_for(welshed, [GENEVA], rules)] == [GENEVA.id]


def errors_of(path: Path) -> list[re.Match]:
    """The diagnostics of loading `path`, each a well-formed path:line:col line."""
    with pytest.raises(RuleError) as caught:
        load_ruleset([path], defaults=False)
    lines = str(caught.value).splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    return matches


def col_of(path: Path, line: int, needle: str) -> int:
    return path.read_text().splitlines()[line - 1].index(needle) + 1


@pytest.mark.parametrize("text, line, needle, message", [
    ("links:\n  treshold: 2\n", 2, "treshold", "unknown key 'treshold'"),
    ("links:\n  threshold: high\n", 2, "high", "'high' is not of type 'number'"),
    ("links:\n  weights:\n    psychic: 1\n", 3, "psychic", "unknown key 'psychic' (allowed: breach_cue,"),
    ("links:\n  weights:\n    shared_name: lots\n", 3, "lots", "'lots' is not of type 'number'"),
    ("links:\n  weights:\n    shared_name: yes\n", 3, "yes", "YAML reads yes as the boolean true, not number"),
    ("links:\n  relations:\n    claim: {modalities: [asserted]}\n", 3, "claim",
     "unknown key 'claim' (allowed: accusation, approval, commitment)"),
    ("links:\n  relations:\n    accusation: {requires: [telepathy]}\n", 3, "telepathy",
     "'telepathy' is not one of: breach_cue,"),
    ("links:\n  relations:\n    accusation: {modalities: [asserted, maybe]}\n", 3, "maybe",
     "'maybe' is not one of: asserted,"),
    ("links:\n  max_links: 0\n", 2, "0", "0 is less than the minimum of 1"),
    ("links:\n  threshold: 1\n  cues:\n    breach: [fail to honor, '...']\n", 4, "'...'",
     "'...' holds no word to find"),
    ("links:\n  stopwords: {drop: [the]}\n", 2, "drop", "unknown key 'drop' (allowed: add, remove, replace)"),
])
def test_mistakes_in_a_links_file_are_reported_where_they_stand(tmp_path: Path, text: str, line: int, needle: str,
                                                                 message: str):
    path = tmp_path / "links.yaml"
    path.write_text(text, encoding="utf-8")
    [found] = errors_of(path)
    assert found["path"] == str(path) and found["level"] == "error"
    assert (int(found["line"]), int(found["col"])) == (line, col_of(path, line, needle))
    assert message in found["message"]


def test_a_setting_no_links_file_gives_is_reported_at_the_first_links_file(tmp_path: Path):
    path = write(tmp_path / "links.yaml", """
        links:
          weights: {shared_name: 2}
          relations:
            approval: {requires: [shared_name]}
        """)
    with pytest.raises(RuleError) as caught:
        load_ruleset([path], defaults=False)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:1:1: error: link rules: no links file sets 'threshold'",
        f"{path}:1:1: error: link rules: no links file sets 'relations.approval.modalities'",
    ]


def test_rules_check_reports_link_rule_mistakes_with_positions(tmp_path: Path):
    path = write(tmp_path / "mine" / "links.yaml", """
        links:
          threshold: 1
          weigths: {shared_name: 2}
        """)
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path / "mine")])
    assert result.exit_code == 2
    [found] = [LINE.match(line) for line in result.stdout.splitlines()]
    assert (found["line"], found["col"]) == ("3", "3") and "unknown key 'weigths'" in found["message"]
    assert Path(found["path"]).resolve() == path.resolve()


def test_without_links_files_there_are_no_link_rules(tmp_path: Path):
    assert load_ruleset([write(tmp_path / "claims.yaml", "rules: []\n")], defaults=False).links is None


def _china_commitment(id: int, content: str, day: str) -> Item:
    return item(id, 100 + id, "commitment", "China", content, f"China pledged in Geneva to {content}.", day)


PLEDGES = [
    _china_commitment(40, "ease restrictions on rare earth exports", "2025-05-12"),
    _china_commitment(41, "ease restrictions on rare earth exports", "2025-05-13"),  # ties with 40
    _china_commitment(42, "ease restrictions on magnet exports", "2025-05-14"),
    _china_commitment(43, "lift rare earth export licences", "2025-05-15"),
    _china_commitment(44, "buy more soybeans", "2025-05-16"),
    _china_commitment(45, "ease restrictions on rare earth exports", "2025-05-17"),
]


def test_a_record_links_to_at_most_max_links_commitments():
    links = links_for(ACCUSATION, PLEDGES, RULES)
    assert len(links) == RULES.max_links
    assert [link.commitment_id for link in links] == [40, 41, 45]  # equal scores: earliest stored first


def test_merging_links_of_candidate_batches_equals_linking_all_at_once():
    """The ledger links older records against each new document only; this must not change the result."""
    everything = links_for(ACCUSATION, PLEDGES, RULES)
    for mask in range(1 << len(PLEDGES)):
        first = [p for i, p in enumerate(PLEDGES) if mask >> i & 1]
        second = [p for i, p in enumerate(PLEDGES) if not mask >> i & 1]
        merged = most_plausible(links_for(ACCUSATION, first, RULES) + links_for(ACCUSATION, second, RULES), RULES)
        assert merged == everything
