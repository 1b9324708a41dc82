"""`when` words resolve against the document date, with the time vocabulary of rules/time.yaml,
and every phrase a `when` pattern can find resolves."""
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from tracker.cli import main
from tracker.lang.context import MatchContext
from tracker.lang.grammar import read_pattern
from tracker.lang.match import find
from tracker.ledger.timeexpr import DateRange, resolve
from tracker.rulefiles import RuleError, RuleSet, load_ruleset
from tracker.rulefiles.load import rule_files
from tracker.rulefiles.timefiles import merge_time, tried
from tracker.rulefiles.whenphrases import MAX_FORMS, phrases
from tracker.rulefiles.yamlpos import load_file
from tracker.tokens import TokenIndex, tokenize

REPO = Path(__file__).resolve().parents[1]
BUNDLED = load_ruleset()
TIME = BUNDLED.time
WEDNESDAY = date(2025, 6, 11)  # the London framework article
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning): (?P<message>.+)$")


def days(start: str, end: str | None = None) -> DateRange:
    return DateRange(date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.mark.parametrize("when, expected", [
    ("last month", days("2025-05-01", "2025-05-31")),
    ("on Tuesday", days("2025-06-10")),
    ("Wednesday", days("2025-06-11")),
    ("last Wednesday", days("2025-06-04")),
    ("next Tuesday", days("2025-06-17")),
    ("June 5", days("2025-06-05")),
    ("on June 5", days("2025-06-05")),
    ("June 5th", days("2025-06-05")),
    ("Jan. 5", days("2025-01-05")),
    ("June 9-10", days("2025-06-09", "2025-06-10")),
    ("June 9 – 10", days("2025-06-09", "2025-06-10")),
    ("September 31", days("2025-09-30")),  # past the month's end: its last day
    ("February 29, 2025", days("2025-02-28")),
    ("on June 9 and 10", days("2025-06-09", "2025-06-10")),
    ("5th of June", days("2025-06-05")),
    ("the 5th of June", days("2025-06-05")),
    ("Thursday, June 5", days("2025-06-05")),
    ("June 5, 2024", days("2024-06-05")),
    ("in May", days("2025-05-01", "2025-05-31")),
    ("in January ", days("2025-01-01", "2025-01-31")),  # as a pattern ending in an optional part finds it
    ("May 1987", days("1987-05-01", "1987-05-31")),
    ("early May", days("2025-05-01", "2025-05-10")),
    ("mid May", days("2025-05-11", "2025-05-20")),
    ("late May", days("2025-05-21", "2025-05-31")),
    ("the end of May", days("2025-05-21", "2025-05-31")),
    ("early March", days("2025-03-01", "2025-03-10")),
    ("yesterday", days("2025-06-10")),
    ("today", days("2025-06-11")),
    ("this morning", days("2025-06-11")),
    ("earlier today", days("2025-06-11")),
    ("last week", days("2025-06-02", "2025-06-08")),
    ("the past week", days("2025-06-02", "2025-06-08")),
    ("earlier this month", days("2025-06-01", "2025-06-11")),
    ("later this year", days("2025-06-11", "2025-12-31")),
    ("next month", days("2025-07-01", "2025-07-31")),
    ("last quarter", days("2025-01-01", "2025-03-31")),
    ("this quarter", days("2025-04-01", "2025-06-30")),
    ("next weekend", days("2025-06-14", "2025-06-15")),  # the first to begin after the document date
    ("last spring", days("2025-03-01", "2025-05-31")),   # the last to end before it
    ("next spring", days("2026-03-01", "2026-05-31")),
    ("this summer", days("2025-06-01", "2025-08-31")),
    ("last fall", days("2024-09-01", "2024-11-30")),
    ("this winter", days("2025-12-01", "2026-02-28")),   # not yet begun: the one of this year
    ("last winter", days("2024-12-01", "2025-02-28")),
    ("early next year", days("2026-01-01", "2026-05-01")),
    ("by the end of the year", days("2025-06-11", "2025-12-31")),
    ("three days ago", days("2025-06-08")),
    ("3 weeks ago", days("2025-05-19", "2025-05-25")),
    ("two months ago", days("2025-04-01", "2025-04-30")),
    ("a year ago", days("2024-01-01", "2024-12-31")),
    ("in 2024", days("2024-01-01", "2024-12-31")),
    ("early 1988", days("1988-01-01", "1988-05-01")),
    # what a preposition makes of the days it leads
    ("since Monday", days("2025-06-09", "2025-06-11")),
    ("since May", days("2025-05-01", "2025-06-11")),
    ("from last month", days("2025-05-01", "2025-06-11")),
    ("until June 20", days("2025-06-11", "2025-06-20")),
    ("by Friday", days("2025-06-11", "2025-06-13")),     # a deadline: the coming Friday
    ("until last week", days("2025-06-02", "2025-06-08")),
    ("before June 20", days("2025-06-11", "2025-06-19")),
    ("before May", days("2025-04-30")),
    ("after Monday", days("2025-06-10", "2025-06-11")),
    ("after next week", days("2025-06-23")),
    ("as of today", days("2025-06-11")),
])
def test_resolves_against_document_date(when, expected):
    assert resolve(when, WEDNESDAY, TIME) == expected


def test_yearless_date_takes_the_nearest_year():
    assert resolve("December 20", date(2025, 1, 5), TIME) == days("2024-12-20")
    assert resolve("January 3", date(2024, 12, 28), TIME) == days("2025-01-03")


def test_absolute_dates_need_no_document_date():
    assert resolve("June 5, 2025", None, TIME) == days("2025-06-05")
    assert resolve("May 2025", None, TIME) == days("2025-05-01", "2025-05-31")
    assert resolve("since 1985", None, TIME) == days("1985-01-01", "1985-12-31")


@pytest.mark.parametrize("when", ["last month", "on Tuesday", "June 5", "yesterday", "since Monday"])
def test_relative_words_without_document_date_are_unknown(when):
    assert resolve(when, None, TIME) is None


@pytest.mark.parametrize("when", [None, "", "in Geneva", "soon", "after the talks", "June 45", "May 195.50",
                                  "in 1850", "2025-05-12", "the next day", "129,000 week ago"])
def test_unknown_expressions_resolve_to_nothing(when):
    assert resolve(when, WEDNESDAY, TIME) is None


def test_range_prints_as_one_day_or_span():
    assert str(days("2025-06-05")) == "2025-06-05"
    assert str(days("2025-06-09", "2025-06-10")) == "2025-06-09..2025-06-10"


# --- what is recognised is what is resolved --------------------------------------------------

def bundled_when_phrases() -> dict[str, list[str]]:
    """Each bundled `when` pattern and the phrases written out for it, with the macros it is compiled
    with: the vocabulary's tables and the time file's own macros."""
    files = [(path, load_file(path)) for path in rule_files([REPO / "rules"])]
    time_files = [(path, located) for path, located in files if "time" in located.data or "when" in located.data]
    vocabulary, tables = merge_time(time_files, lambda *problem: pytest.fail(str(problem)))
    out = {}
    for _, located in time_files:
        macros = {name: m.tree for name, m in tables.items()}
        macros.update((name, read_pattern(text)) for name, text in (located.data.get("macros") or {}).items())
        for text in located.data.get("when") or []:
            found = phrases(read_pattern(text), macros, set(tables), tried(vocabulary))
            assert not found.capped, text
            out[text] = found.phrases
    return out


def test_every_phrase_a_bundled_when_pattern_finds_resolves():
    found = bundled_when_phrases()
    assert len(found) >= 3 and sum(map(len, found.values())) > 300
    for text, written in found.items():
        failing = [p for p in written if resolve(p, WEDNESDAY, TIME) is None]
        assert failing == [], (text, failing[:5])
    # every word of every table, in every place it can stand, is among them
    words = {w for written in found.values() for p in written for w in p.replace(",", " ").split()}
    assert {"sept.", "fall", "quarter", "tonight", "twelve", "99", "2099", "till", "–", "ago", "31st", "1-31"} <= words
    assert {"since", "until", "before", "after", "earlier", "later", "beginning", "end"} <= words


def found_when(ruleset: RuleSet, sentence: str) -> str | None:
    """The `when` a record of this sentence gets: the first (and shortest) hit of the `when` patterns."""
    ctx = MatchContext(TokenIndex(sentence, tokenize(sentence)))
    hits = sorted((m.start, m.end) for kind, pattern in ruleset.cues.index.candidates(ctx.index.positions.keys())
                  if kind == "when" for m in find(pattern, sentence, ctx))
    return sentence[hits[0][0]:hits[0][1]].strip() if hits else None


@pytest.mark.parametrize("sentence, when", [
    # recognised before, but resolved to nothing
    ("Prices have risen since Monday.", "since Monday"),
    ("Output fell last quarter.", "last quarter"),
    ("The plant will reopen next spring.", "next spring"),
    ("The minister said earlier today that talks went well.", "earlier today"),
    # resolved before, but never recognised
    ("The talks began 3 weeks ago.", "3 weeks ago"),
    ("The deal was signed early March.", "early March"),
    ("He spoke this morning.", "this morning"),
    ("Exports doubled in 1987.", "in 1987"),
    ("They met over the past week.", "the past week"),
    ("China agreed on June 9-10, 2025 to ease curbs.", "on June 9-10, 2025"),
    ("The cut takes effect by the end of the year.", "by the end of the year"),
])
def test_forms_that_drifted_are_recognised_and_resolve(sentence, when):
    assert found_when(BUNDLED, sentence) == when
    assert resolve(when, WEDNESDAY, TIME) is not None


@pytest.mark.parametrize("sentence", ["This may take a while.", "The 1987 budget was cut.", "He took the next day off.",
                                      "Sales rose in 10 markets."])
def test_words_that_only_look_like_time_are_not_recognised(sentence):
    assert found_when(BUNDLED, sentence) is None


# --- the vocabulary in a folder of one's own ------------------------------------------------------

def test_a_users_time_file_changes_what_is_recognised_and_resolved_alike(tmp_path: Path):
    mine = load_ruleset([write(tmp_path / "mine" / "time.yaml", """
        time:
          prepositions: {over: same}
          day_words: {remove: [tonight]}
          spans:
            fortnight: {unit: days, length: 14, start: 1}
          periods: {fortnight: fortnight}
          months: {add: {Juin: 6}}
        """)])
    assert mine.warnings == []  # every pattern, the bundled ones too, was checked against this vocabulary
    assert found_when(mine, "Prices rose over the past year.") == "over the past year"
    assert found_when(BUNDLED, "Prices rose over the past year.") == "the past year"
    assert resolve("over the past year", WEDNESDAY, mine.time) == days("2024-01-01", "2024-12-31")
    assert found_when(mine, "He will speak tonight.") is None and resolve("tonight", WEDNESDAY, mine.time) is None
    assert found_when(mine, "Sales fell last fortnight.") == "last fortnight"
    assert resolve("last fortnight", WEDNESDAY, mine.time) == days("2025-05-26", "2025-06-08")
    assert resolve("on Juin 5", WEDNESDAY, mine.time) == days("2025-06-05")
    assert resolve("in June", WEDNESDAY, mine.time) == days("2025-06-01", "2025-06-30")  # the bundled words stay


def test_a_users_time_file_can_replace_a_table(tmp_path: Path):
    mine = load_ruleset([write(tmp_path / "mine" / "time.yaml", """
        time:
          counts: {replace: {a couple of: 2}}
        """)])
    assert found_when(mine, "They met a couple of weeks ago.") == "a couple of weeks ago"
    assert resolve("a couple of weeks ago", WEDNESDAY, mine.time) == days("2025-05-26", "2025-06-01")
    assert resolve("three weeks ago", WEDNESDAY, mine.time) is None
    assert found_when(mine, "They met three weeks ago.") is None


def errors_of(path: Path) -> list[re.Match]:
    with pytest.raises(RuleError) as caught:
        load_ruleset([path], defaults=False)
    matches = [LINE.match(line) for line in str(caught.value).splitlines()]
    assert all(matches)
    return matches


def col_of(path: Path, line: int, needle: str) -> int:
    return path.read_text().splitlines()[line - 1].index(needle) + 1


@pytest.mark.parametrize("text, line, needle, message", [
    ("time:\n  monhts: {Juin: 6}\n", 2, "monhts", "unknown key 'monhts' (allowed: ago, articles,"),
    ("time:\n  months: {Juin: 13}\n", 2, "13", "time.months.Juin: 13 is greater than the maximum of 12"),
    ("time:\n  months: {Juin: six}\n", 2, "six", "'six' is not of type 'integer'"),
    ("time:\n  months: {ad: {Juin: 6}, remove: [June]}\n", 2, "ad",
     "unknown key 'ad' (allowed: add, remove, replace)"),
    ("time:\n  prepositions: {over: during}\n", 2, "during",
     "'during' is not one of: same, since, until, before, after"),
    ("time:\n  relatives: {coming: {step: 1, clip: most}}\n", 2, "most",
     "'most' is not one of: whole, to_date,"),
    ("time:\n  spans: {week: {unit: days, length: 7}}\n  periods: {fortnight: fortnight}\n", 3, "fortnight}",
     "period 'fortnight' names no span (spans: week)"),
    ("time:\n  spans:\n    fortnight: {unit: days, length: 14, start: 9}\n", 3, "9", "start: 9 is greater than"),
    ("time:\n  spans:\n    fortnight: {unit: weeks, length: 2}\n", 3, "weeks", "'weeks' is not one of: days, months"),
    ("time:\n  years: [1900]\n", 2, "[1900]", "time.years: [1900] is too short"),
    ("time:\n  articles: [the, ' ']\n", 2, "' '", "' ' holds no word to find"),
    ("when:\n  - \"@month {day:number\"\n", 2, "\"", "'}' closing the capture"),
])
def test_mistakes_in_a_time_file_are_reported_where_they_stand(tmp_path: Path, text: str, line: int, needle: str,
                                                                message: str):
    path = tmp_path / "time.yaml"
    path.write_text(text, encoding="utf-8")
    [found] = errors_of(path)
    assert found["path"] == str(path) and found["level"] == "error"
    assert int(found["line"]) == line
    if needle != "\"":
        assert int(found["col"]) == col_of(path, line, needle)
    assert message in found["message"]


def check(folder: Path):
    return CliRunner().invoke(main, ["rules", "check", str(folder)])


def test_rules_check_warns_at_a_when_pattern_that_finds_what_does_not_resolve(tmp_path: Path):
    path = write(tmp_path / "mine" / "time.yaml", """
        when:
          - "[@preposition] @weekday"
          - "(@relative | @part) (@period | fortnight)"
        """)
    result = check(tmp_path / "mine")
    assert result.exit_code == 0, result.output
    [found] = [LINE.match(line) for line in result.stdout.splitlines()]
    assert found["level"] == "warning" and (found["line"], found["col"]) == ("3", str(col_of(path, 3, "(@rel")))
    assert re.search(r"can find '[\w ]+ fortnight', which does not resolve to a date "
                     r"\('fortnight' is in no table of the time vocabulary\)", found["message"]), found["message"]


def test_rules_check_warns_when_a_pattern_takes_words_no_vocabulary_holds(tmp_path: Path):
    write(tmp_path / "mine" / "time.yaml", 'when:\n  - "since {event:np}"\n')
    [found] = [LINE.match(line) for line in check(tmp_path / "mine").stdout.splitlines()]
    assert "takes words of its own at {event:np}" in found["message"]


def test_rules_check_says_when_it_checked_only_some_phrases(tmp_path: Path):
    pattern = "[@preposition] " * 13 + "@weekday"  # 2 ** 13 combinations of optional parts
    write(tmp_path / "mine" / "time.yaml", f'when:\n  - "{pattern}"\n')
    [found] = [LINE.match(line) for line in check(tmp_path / "mine").stdout.splitlines()]
    assert found["level"] == "warning"
    assert found["message"] == ("this `when` pattern can find more phrases than tracker checks; "
                                f"only the first {MAX_FORMS} combinations of its parts were checked")


def test_bundled_when_patterns_draw_no_warning():
    result = check(REPO / "rules")
    assert result.exit_code == 0 and result.stdout == "", result.stdout
