"""Sentence splitting: the boundary rules journalists rely on, and exact offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import bundled_words, split_sentences
from hypothesis import given
from hypothesis import strategies as st

from tracker.sentences import Sentence

NEVER_FINAL = bundled_words().never_final
FINAL_UNLESS_NUMBER = bundled_words().final_unless_number
FINAL_BEFORE_STARTER = bundled_words().final_before_starter
ABBREVIATIONS = NEVER_FINAL | FINAL_UNLESS_NUMBER | FINAL_BEFORE_STARTER

SEED = Path(__file__).resolve().parents[1] / "seeds" / "us-china-london-framework.txt"


def split(text: str) -> list[str]:
    """Sentence texts, after checking every span indexes `text` exactly."""
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.line == text.count("\n", 0, s.start) + 1
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)
    for a, b in zip(sentences, sentences[1:], strict=False):
        assert a.end <= b.start
    return [s.text for s in sentences]


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \r\n\t \n"])
def test_empty_or_whitespace_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_sentence_is_frozen() -> None:
    s = split_sentences("It rose.")[0]
    assert s == Sentence(0, 8, "It rose.", 1)
    with pytest.raises(AttributeError):
        s.start = 1  # type: ignore[misc]


def test_plain_sentences_and_surrounding_whitespace() -> None:
    text = "  Oil rose.  Gold fell.\t"
    assert split(text) == ["Oil rose.", "Gold fell."]
    assert split_sentences(text)[0].start == 2


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith and Mrs. Jones met Ms. Lee and Dr. Wu.",
        "Prof. Li, Sen. Cruz, Rep. Ocasio-Cortez and Gov. Newsom spoke.",
        "Gen. Milley, Col. Reyes and Lt. Dan visited St. Louis.",
        "Smith vs. Jones was heard on Jan. 5 and again on Sept. 30.",
        "Fruit, e.g. apples, i.e. cheap ones, cost approx. 5 dlrs.",
        "The dept. hired est. 300 people.",
        "Apple Inc. said Ford Motor Co. and Ltd. units and Warner Bros. agreed.",
        "Martin Luther King Jr. Day is a U.S. holiday.",
        "The U.K. and U.N. officials met in the U.S.A. capital.",
        "He moved from Sacramento, Calif. to Tampa, Fla. and then N.Y. City.",
        "He cited apples, pears, etc. and other fruit.",
        "The No. 2 automaker and Nos. 3 and 4 gained.",
        "It opens at 9 a.m. local time and closes at 5 p.m. sharp.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert split(text) == [text]


@pytest.mark.parametrize("abbreviation", sorted(ABBREVIATIONS))
def test_no_abbreviation_ends_a_sentence_before_a_lowercase_word(abbreviation: str) -> None:
    text = f"They mentioned {abbreviation} only once."
    assert split(text) == [text]


@pytest.mark.parametrize("abbreviation", sorted(NEVER_FINAL))
def test_never_final_abbreviations_hold_before_a_name(abbreviation: str) -> None:
    text = f"They mentioned {abbreviation} Smith only once."
    assert split(text) == [text]


def test_bundled_abbreviations_end_with_their_period_and_are_in_one_list_each() -> None:
    """An abbreviation written without its period would never match, and one
    in two lists would behave as whichever the splitter checks first."""
    for group in (NEVER_FINAL, FINAL_UNLESS_NUMBER, FINAL_BEFORE_STARTER):
        assert all(a.endswith(".") for a in group), sorted(a for a in group if not a.endswith("."))
    assert len(ABBREVIATIONS) == len(NEVER_FINAL) + len(FINAL_UNLESS_NUMBER) + len(FINAL_BEFORE_STARTER)


@pytest.mark.parametrize("abbreviation", ["Inc.", "Corp.", "Co.", "Ltd.", "U.S."])
@pytest.mark.parametrize("starter", ["The", "A", "It", "They", "But", "In", "Their"])
def test_company_and_country_abbreviations_end_before_a_sentence_starter(
    abbreviation: str, starter: str
) -> None:
    text = f"It was sold to Texaco {abbreviation} {starter} deal closed."
    assert split(text) == [
        f"It was sold to Texaco {abbreviation}",
        f"{starter} deal closed.",
    ]


def test_company_abbreviation_before_other_capitals_stays() -> None:
    text = "Texaco Inc. Chairman Smith and U.S. Commerce Secretary Lutnick met."
    assert split(text) == [text]


def test_starter_must_be_a_whole_word() -> None:
    text = "The U.S. Antitrust Division and Acme Inc. Theater Group met."
    assert split(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He moved to the U.S. "It is home," he said.', ["He moved to the U.S.", '"It is home," he said.']),
        ("He moved to the U.S. “It is home,” he said.", ["He moved to the U.S.", "“It is home,” he said."]),
        ("“I love the U.S.” Smith said it twice.", ["“I love the U.S.”", "Smith said it twice."]),
        ("Sold to Texaco Inc.\nChevron bid too.", ["Sold to Texaco Inc.", "Chevron bid too."]),
    ],
)
def test_company_and_country_abbreviations_end_before_quote_or_newline(
    text: str, expected: list[str]
) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He listed apples, pears, etc. Prices rose.", ["He listed apples, pears, etc.", "Prices rose."]),
        ("The meeting ended at 5 p.m. Officials left.", ["The meeting ended at 5 p.m.", "Officials left."]),
        ("He said it opens at 9 a.m. 20 people waited.", ["He said it opens at 9 a.m. 20 people waited."]),
        ("Apples, pears, etc. 30 kinds in all.", ["Apples, pears, etc. 30 kinds in all."]),
        ("Talks began in Jan. The deal came later.", ["Talks began in Jan.", "The deal came later."]),
    ],
)
def test_etc_time_and_months_end_sentences_only_before_capitals(
    text: str, expected: list[str]
) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "John F. Kennedy was president.",
        "J.P. Morgan lent money.",
        "A. Smith and B. C. Jones wrote it.",
        "The U.A.E. Central Bank cut rates.",
    ],
)
def test_initials_do_not_end_sentences(text: str) -> None:
    assert split(text) == [text]


def test_unlisted_dotted_initials_end_before_a_starter() -> None:
    assert split("Shares fell in the U.A.E. The index closed lower.") == [
        "Shares fell in the U.A.E.",
        "The index closed lower.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Inflation rose 3.5 pct in the quarter.",
        "Profit was 1.2 billion dlrs, up from 0.9 billion.",
        "It is the No. 2 producer.",
        "The U.S.-China talks and version 2.0.1 shipped.",
    ],
)
def test_decimals_and_numbers_do_not_end_sentences(text: str) -> None:
    assert split(text) == [text]


def test_sentence_ending_in_a_number_or_unit_splits() -> None:
    assert split("Profit was 1.2 billion dlrs. The shares rose in 1987. Analysts cheered.") == [
        "Profit was 1.2 billion dlrs.",
        "The shares rose in 1987.",
        "Analysts cheered.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("He said ‘no.’ Then he left.", ["He said ‘no.’", "Then he left."]),
        ("He said 'no.' Then he left.", ["He said 'no.'", "Then he left."]),
        ("Prices rose. (Oil fell.) Gold held.", ["Prices rose.", "(Oil fell.)", "Gold held."]),
        ("He asked “why?” Nobody knew.", ["He asked “why?”", "Nobody knew."]),
    ],
)
def test_closing_quotes_and_brackets_belong_to_the_sentence(
    text: str, expected: list[str]
) -> None:
    assert split(text) == expected


def test_question_after_quote_followed_by_lowercase_stays() -> None:
    text = "“Why now?” he asked. “Because!” she said."
    assert split(text) == ["“Why now?” he asked.", "“Because!” she said."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Will it last? Nobody knows! Markets fell.", ["Will it last?", "Nobody knows!", "Markets fell."]),
        ("Wait?! Yes.", ["Wait?!", "Yes."]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
        ("He paused... and then spoke.", ["He paused... and then spoke."]),
        ("Sales fell… 20 pct in all.", ["Sales fell… 20 pct in all."]),
    ],
)
def test_question_exclamation_and_ellipsis(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_final_sentence_without_punctuation_is_kept() -> None:
    assert split("Oil rose. Gold fell") == ["Oil rose.", "Gold fell"]


def test_headlines_datelines_and_labels_are_their_own_sentences() -> None:
    text = (
        "Business\n"
        "Oil prices jump as talks stall\n"
        "LONDON, June 10 -\n"
        "Oil rose on Tuesday. Gold fell.\n"
    )
    assert split(text) == [
        "Business",
        "Oil prices jump as talks stall",
        "LONDON, June 10 -",
        "Oil rose on Tuesday.",
        "Gold fell.",
    ]


def test_hard_wrapped_lines_join_when_next_line_starts_lowercase() -> None:
    text = (
        "Showers continued throughout the week in the Bahia cocoa zone,\n"
        "alleviating the drought since early January and improving\n"
        "prospects for the coming temporao, Comissaria Smith said.\n"
        "Arrivals rose in the\n"
        "“early” weeks."
    )
    assert split(text) == [
        "Showers continued throughout the week in the Bahia cocoa zone,\n"
        "alleviating the drought since early January and improving\n"
        "prospects for the coming temporao, Comissaria Smith said.",
        "Arrivals rose in the\n“early” weeks.",
    ]


def test_newline_ends_sentence_before_capital_even_mid_clause() -> None:
    # The documented limit of the hard-wrap rule: a wrapped line whose next
    # line starts with a capital is split.
    assert split("Talks were held in\nLondon on Monday.") == ["Talks were held in", "London on Monday."]


def test_newline_after_non_final_abbreviation_does_not_split() -> None:
    text = "He met Mr.\nSmith and John F.\nKennedy there."
    assert split(text) == [text]


def test_newline_after_abbreviation_before_lowercase_does_not_split() -> None:
    text = "Growth in the U.S.\neconomy slowed."
    assert split(text) == [text]


@pytest.mark.parametrize("gap", ["\n\n", "\n \t\n", "\r\n\r\n", "\n\n\n\n", "\n\u00a0\n"])
def test_sentence_never_spans_a_blank_line(gap: str) -> None:
    text = f"Prices rose in{gap}early trading. Mr.{gap}Smith said."
    assert split(text) == ["Prices rose in", "early trading.", "Mr.", "Smith said."]


def test_crlf_line_ends() -> None:
    text = "Diplomacy\r\nTalks resume\r\n\r\nOil rose.\r\nGold fell. Prices rose in\r\nearly trade.\r\n"
    sentences = split_sentences(text)
    assert split(text) == [
        "Diplomacy",
        "Talks resume",
        "Oil rose.",
        "Gold fell.",
        "Prices rose in\r\nearly trade.",
    ]
    assert [s.line for s in sentences] == [1, 2, 4, 5, 5]
    assert all("\r" not in s.text[-1:] for s in sentences)


def test_line_numbers_and_offsets() -> None:
    text = "Headline\n\nFirst one. Second one.\nThird\none.\n\n  Fourth."
    sentences = split_sentences(text)
    assert [(s.text, s.line, s.start) for s in sentences] == [
        ("Headline", 1, 0),
        ("First one.", 3, 10),
        ("Second one.", 3, 21),
        ("Third\none.", 4, 33),
        ("Fourth.", 7, 47),
    ]


def test_long_quote_runs_and_punctuation_runs() -> None:
    quotes = '"' * 200
    assert split(f"It rose.{quotes} Then{quotes}") == [f"It rose.{quotes}", f"Then{quotes}"]
    assert split("." * 500 + "x") == ["." * 500 + "x"]
    assert split("?" * 500) == ["?" * 500]


@given(st.text(alphabet=st.sampled_from(list("aZ .?!…\"”“'()\n\r\t1-")), max_size=80))
def test_spans_index_the_text_and_only_whitespace_lies_between(text: str) -> None:
    split(text)
    edges = [0]
    for s in split_sentences(text):
        edges += [s.start, s.end]
    edges.append(len(text))
    gaps = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    assert all(not gap.strip() for gap in gaps)


# The bundled seed article


@pytest.fixture(scope="module")
def seed_sentences() -> list[Sentence]:
    return split_sentences(SEED.read_text(encoding="utf-8"))


def test_seed_offsets(seed_sentences: list[Sentence]) -> None:
    split(SEED.read_text(encoding="utf-8"))
    assert len(seed_sentences) == 33


def test_seed_section_label_and_headline(seed_sentences: list[Sentence]) -> None:
    assert (seed_sentences[0].text, seed_sentences[0].line) == ("Diplomacy", 1)
    assert (seed_sentences[1].text, seed_sentences[1].line) == (
        "US and China reach framework to ease export curbs and salvage trade truce",
        2,
    )
    assert seed_sentences[2].line == 4
    assert seed_sentences[2].text.startswith("US and Chinese officials")
    assert seed_sentences[2].text.endswith("rare earth minerals and magnets.")


def test_seed_quote_then_attribution_is_one_sentence(seed_sentences: list[Sentence]) -> None:
    texts = [s.text for s in seed_sentences]
    assert (
        "“We have reached a framework to implement the Geneva consensus and the "
        "meeting between the two presidents,” Lutnick said."
    ) in texts
    assert "If approved, we will implement the framework.”" in texts
    assert (
        "You should expect those to be lifted in a balanced way, as President Trump "
        "has said,” Lutnick noted."
    ) in texts


def test_seed_last_sentence(seed_sentences: list[Sentence]) -> None:
    last = seed_sentences[-1]
    assert last.line == 24
    assert last.text.startswith("This would represent a significant policy shift")
    assert last.text.endswith("acquire US technology.")


@pytest.mark.parametrize("text", [
    "“Why now?” Clinton asked. “Nobody knows.”",
    "“Is that fair?” said Smith. “No.”",
    "“Enough!” Senator Robert Byrd told reporters. “We vote today.”",
])
def test_a_quoted_question_stays_with_its_attribution(text: str) -> None:
    """“...?” X said: the attribution belongs to the quotation it follows."""
    first = split(text)[0]
    assert first.endswith(("asked.", "Smith.", "reporters.")), first


def test_a_question_then_a_new_sentence_still_splits() -> None:
    assert split("“Why now?” The market fell.") == ["“Why now?”", "The market fell."]


def test_a_question_then_a_clause_with_a_later_verb_of_speech_still_splits() -> None:
    """Only a speaker's name (capitalised words) may stand before the verb."""
    assert split("“Really?” Prices rose and analysts said so.") == ["“Really?”", "Prices rose and analysts said so."]
