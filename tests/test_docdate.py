"""A document's date comes from its text: a Date: header or front matter, never guessed."""
import pytest

from tracker.docdate import document_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("Date: 2025-06-11\n\nUS and China reach framework.", "2025-06-11"),
    ("Title: Truce\ndate: June 11, 2025\n\nBody.", "2025-06-11"),
    ("From: desk@example.com\nDate: Wed, 11 Jun 2025 09:30:00 +0000\n\nBody.", "2025-06-11"),
    ("DATE: 26-FEB-1987 15:01:01.79\nTEXT: Texaco said ...", "1987-02-26"),
    ("Date: Wednesday, 11 June 2025 10:00 GMT\n\nBody.", "2025-06-11"),
    ("---\ntitle: Truce\ndate: 2025-06-11\n---\nBody.", "2025-06-11"),
    ("---\ntitle: Truce\ndate: 'June 11, 2025'\n---\nBody.", "2025-06-11"),
    ("---\ndate: 2025-06-11T09:30:00Z\n---\nBody.", "2025-06-11"),
])
def test_date_from_header_or_front_matter(text, expected):
    assert document_date(text) == expected


@pytest.mark.parametrize("text", [
    "US and China reach framework to ease export curbs.",
    "Date: sometime soon\n\nBody.",
    "Date: 06/11/2025\n\nBody.",  # month/day order is ambiguous: refuse rather than guess
    "Date: 2025-02-30\n\nBody.",
    "---\ntitle: [unclosed\n---\nBody.",
])
def test_no_date_when_none_is_stated(text):
    assert document_date(text) is None


def test_date_line_deep_in_the_body_is_not_a_header():
    body = "\n".join(f"Paragraph {i}." for i in range(30))
    assert document_date(body + "\nDate: 2025-06-11\n") is None


def test_front_matter_without_date_falls_back_to_header():
    assert document_date("---\ntitle: Truce\n---\nDate: 2025-06-11\nBody.") == "2025-06-11"


@pytest.mark.parametrize("value, expected", [
    ("2025-06-11", "2025-06-11"),
    ("2025-06-11T09:30:00+02:00", "2025-06-11"),
    ("11 Jun 2025", "2025-06-11"),
    ("Jun. 11, 2025", "2025-06-11"),
    ("not a date", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected
