"""Dates at day, month and year precision, relative dates, weekdays."""
from __future__ import annotations

import datetime as dt

import pytest

from crosscheck.text.dates import find_date_values, weekday_mismatches

SUNDAY = dt.date(2025, 7, 13)


def values(text: str, anchor=SUNDAY) -> list[tuple[str, str]]:
    out = []
    for v in find_date_values(text, anchor=anchor):
        assert text[v.start:v.end] == v.text
        out.append((v.text, v.label()))
    return out


@pytest.mark.parametrize("text, expected", [
    ("le 12 juillet 2025 à Wonsan", [("12 juillet 2025", "2025-07-12")]),
    ("on July 12, 2025 in Wonsan", [("July 12, 2025", "2025-07-12")]),
    ("le 9 mai et", [("9 mai", "2025-05-09")]),
    ("reçu hier par", [("hier", "2025-07-12")]),
    ("met him yesterday", [("yesterday", "2025-07-12")]),
    ("arrivé vendredi en Corée", [("vendredi", "2025-07-11")]),
    ("ont signé l'an dernier un pacte", [("l'an dernier", "2024")]),
    ("inaugurée fin juin par", [("fin juin", "2025-06")]),
    ("en juin 2024, le traité", [("juin 2024", "2024-06")]),
    ("signed last year", [("last year", "2024")]),
    ("le sommet en 2024, quand", [("2024", "2024")]),
])
def test_dates_at_their_own_precision(text, expected):
    assert values(text) == expected


def test_ranges_and_plain_numbers_are_not_years():
    assert values("un plan pour 2026-2027 et 11 pays") == []


def test_relative_dates_without_a_publication_date_are_left_out():
    assert values("reçu hier, samedi, l'an dernier, fin juin", anchor=None) == []
    assert values("le 12 juillet 2025", anchor=None) == [("12 juillet 2025", "2025-07-12")]


def test_precision_decides_what_conflicts():
    day, month, year = (find_date_values(t, anchor=SUNDAY)[0] for t in ("le 12 juin 2025", "en juin 2025", "en 2025"))
    other_day = find_date_values("le 14 juin 2025")[0]
    assert not day.conflicts(month) and not day.conflicts(year) and not month.conflicts(year)
    assert day.conflicts(other_day)
    assert day.conflicts(find_date_values("en juillet 2025")[0])


def test_weekday_contradicting_its_date():
    assert weekday_mismatches("Ce vendredi 1er novembre 2024, à Moscou") == []   # it was a Friday
    (s, e, text, date, right), = weekday_mismatches("Le vendredi 12 juillet 2025, à Wonsan")
    assert text == "vendredi 12 juillet 2025" and date == dt.date(2025, 7, 12) and right == "samedi"
    assert weekday_mismatches("On Friday, July 12, 2025")[0][4] == "Saturday"


def test_weekday_contradicting_a_date_without_year():
    """Read against the publication date: 30 January 2024 was a Tuesday."""
    published = dt.date(2024, 1, 31)
    (s, e, text, date, right), = weekday_mismatches("Speaking on Thursday, January 30, Biden said", anchor=published)
    assert (text, date, right) == ("Thursday, January 30", dt.date(2024, 1, 30), "Tuesday")
    assert weekday_mismatches("il a parlé jeudi 30 janvier", anchor=published)[0][4] == "mardi"
    assert weekday_mismatches("Speaking on Tuesday, January 30, Biden said", anchor=published) == []
    assert weekday_mismatches("Speaking on Thursday, January 30, Biden said") == []  # no anchor: no year
