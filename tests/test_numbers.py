"""Numbers: numerals, ordinals, ranges, French and English number words; dates and times excluded."""
from __future__ import annotations

import pytest

from crosscheck.text.numbers import find_numbers


def nums(text: str) -> list[tuple[str, tuple, str]]:
    out = []
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text
        out.append((n.text, n.values, n.kind))
    return out


@pytest.mark.parametrize("text, expected", [
    ("la 12e réunion", [("12e", (12.0,), "ordinal")]),
    ("the 12th meeting", [("12th", (12.0,), "ordinal")]),
    ("le 1er cycle", [("1er", (1.0,), "ordinal")]),
    ("pour 2026-2027", [("2026-2027", (2026.0, 2027.0), "range")]),
    ("plus de trois heures", [("trois", (3.0,), "cardinal")]),
    ("more than three hours", [("three", (3.0,), "cardinal")]),
    ("vingt-deux soldats", [("vingt-deux", (22.0,), "cardinal")]),
    ("vingt et un pays", [("vingt et un", (21.0,), "cardinal")]),
    ("twenty-one countries", [("twenty-one", (21.0,), "cardinal")]),
    ("1 000 soldats", [("1 000", (1000.0,), "cardinal")]),
    ("3,5 milliards", [("3,5 milliards", (3.5e9,), "cardinal")]),
    ("45 % des voix", [("45 %", (45.0,), "percent")]),
    ("le deuxième cycle", [("deuxième", (2.0,), "ordinal")]),
])
def test_number_forms(text, expected):
    assert nums(text) == expected


def test_dates_times_and_articles_are_not_numbers():
    assert nums("le 12 juillet 2025 à 13H31, un accord, une heure") == []
    assert nums("trois et deux") == [("trois", (3.0,), "cardinal"), ("deux", (2.0,), "cardinal")]
