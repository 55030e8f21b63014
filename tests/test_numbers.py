"""Numbers: numerals, ordinals, ranges, French and English number words; dates and times excluded."""
from __future__ import annotations

import pytest

from crosscheck.text.numbers import find_numbers, named_counts


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


@pytest.mark.parametrize("text, expected", [
    # thousands separators read by shape and language
    ("Russia has massed some 300,000 troops near the border.", [("300,000", (300000.0,), "cardinal")]),
    ("La Russie a massé environ 300.000 soldats à la frontière.", [("300.000", (300000.0,), "cardinal")]),
    ("La Russie a massé environ 300 000 soldats à la frontière.", [("300 000", (300000.0,), "cardinal")]),
    ("Le plan prévoit 1,5 million d'euros pour la reconstruction.", [("1,5 million", (1.5e6,), "cardinal")]),
    ("il a versé 1,500 euros selon le ministère", [("1,500", (1.5,), "cardinal")]),
    ("the deficit reached 1,234.5 million dollars", [("1,234.5 million", (1234.5e6,), "cardinal")]),
    ("the 1,000,000 mark", [("1,000,000", (1e6,), "cardinal")]),
    # number words: compounds, percent, dozens, French vigesimal forms
    ("after three-hour talks in the capital", [("three", (3.0,), "cardinal")]),
    ("a five-year plan", [("five", (5.0,), "cardinal")]),
    ("quarante pour cent des électeurs", [("quarante pour cent", (40.0,), "percent")]),
    ("forty percent of the aid", [("forty percent", (40.0,), "percent")]),
    ("two dozen journalists attended", [("two dozen", (24.0,), "cardinal")]),
    ("une douzaine de pays", [("une douzaine", (12.0,), "cardinal")]),
    ("quatre-vingt-dix pays", [("quatre-vingt-dix", (90.0,), "cardinal")]),
    ("quatre-vingts observateurs", [("quatre-vingts", (80.0,), "cardinal")]),
    ("two hundred and five delegates", [("two hundred and five", (205.0,), "cardinal")]),
    ("dozens of people", []),
])
def test_separators_compounds_and_word_forms(text, expected):
    assert nums(text) == expected


@pytest.mark.parametrize("text, count, unit", [
    ("the release of Americans Paul Whelan and Brittney Griner, who have been wrongfully detained", 2, "american"),
    ("la libération des otages Jean Dupont, Marc Durand et Paul Martin", 3, "otage"),
])
def test_people_counted_by_naming_them(text, count, unit):
    (n,) = named_counts(text)
    assert (n.values, n.unit) == ((float(count),), unit)
    assert n.text.endswith(("Griner", "Martin"))


@pytest.mark.parametrize("text", [
    "President Joe Biden and Xi Jinping met",  # no plural people noun before the names
    "the meeting of Presidents Joe Biden",  # one name is no enumeration
])
def test_names_without_a_counted_noun_are_no_count(text):
    assert named_counts(text) == []


def test_units_of_french_nouns_ending_in_s_in_the_singular():
    found = find_numbers("Sergueï Lavrov, 66 ans, le reçoit pour la troisième fois en neuf mois, après deux ans.")
    assert [(n.text, n.unit) for n in found] == [("66", "an"), ("troisième", "fois"), ("neuf", "mois"), ("deux", "an")]


@pytest.mark.parametrize(("text", "found"), [
    ("a $740 billion tax-and-climate law", [("740 billion", (740e9,), "dollar")]),
    ("pledged to invest €20 billion", [("20 billion", (20e9,), "euro")]),
    ("USD 5 million in aid", [("5 million", (5e6,), "dollar")]),
    ("368 milliards de dollars", [("368 milliards", (368e9,), "dollar")]),
    # a bare plural scale is a size, not a count: two to 999 of them
    ("invest billions of dollars", [("billions", (2e9, 999e9), "dollar")]),
])
def test_currencies_and_vague_sizes(text, found):
    assert [(n.text, n.values, n.unit) for n in find_numbers(text)] == found


def test_a_precise_amount_agrees_with_the_records_vague_size():
    # Marine One departure, 6 December 2022: "They are going to invest billions of dollars"
    from crosscheck.checks.facts.quantities import _agrees
    assert _agrees((2e9, 999e9), (40e9,)) and _agrees((40e9,), (2e9, 999e9))
    assert not _agrees((2e9, 999e9), (2e6, 999e6))  # "millions" for "billions"
