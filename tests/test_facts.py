"""Fact checks on the seed corpus and on a hand-written English corpus (tests/data/facts/english)."""
from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck import check_corpus, load_corpus

FACT_KINDS = ("name", "place", "date", "number")
ENGLISH = Path(__file__).parent / "data" / "facts" / "english"


def facts_of(report, min_severity=("warning", "error")):
    return sorted((f.source, f.kind, f.verdict, f.severity, f.span.text, f.expected)
                  for f in report.findings if f.kind in FACT_KINDS and f.severity in min_severity)


def test_seed_warnings_and_errors_are_exactly_the_real_divergences(seed_report):
    assert facts_of(seed_report) == [
        ("press-001", "name", "misspelling", "warning", "Kim Jon Un", "Kim Jong-un"),
        # the talks with Choe Son-hui were in Wonsan, not Pyongyang
        ("press-002", "name", "misspelling", "warning", "Choe Song-hui", "Choe Son-hui"),
        ("press-002", "place", "conflict", "error", "Pyongyang", "Wonsan"),
        # another romanisation of the same minister, in an article about the earlier Moscow round
        ("press-003", "name", "misspelling", "warning", "Choi Sung-Hee", "Choe Son-hui"),
    ]


def test_seed_information_findings(seed_report):
    info = facts_of(seed_report, ("info",))
    assert ("press-001", "name", "variant", "info", "Kim Jong Un", "Kim Jong-un") in info
    assert ("press-001", "name", "variant", "info", "Choe Son Hui", "Choe Son-hui") in info
    # Shoigu is context, not in the record: information, never a misspelling of Sergueï Lavrov
    assert ("press-004", "name", "absent", "info", "Sergueï Choïgou", None) in info
    assert not any(f[2] == "misspelling" and "Choïgou" in f[4] for f in info)


def test_every_conflict_shows_both_sides_with_offsets(seed_corpus, seed_report):
    texts = {s.id: s.text for s in seed_corpus.sources}
    for f in seed_report.findings:
        if f.kind not in FACT_KINDS:
            continue
        assert texts[f.source][f.span.start:f.span.end] == f.span.text
        if f.reference_span is not None:
            assert texts[f.reference][f.reference_span.start:f.reference_span.end] == f.reference_span.text
        if f.verdict in ("conflict", "misspelling"):
            assert f.reference_span is not None and f.expected


def test_place_conflict_points_at_the_records_dateline(seed_report):
    (f,) = [f for f in seed_report.findings if f.kind == "place"]
    assert f.reference_span.text == "Wonsan" and "entretien" in f.message


def test_an_article_about_the_earlier_round_raises_no_place_or_date(seed_report):
    # press-003 (1 November 2024, Moscow) predates the Wonsan record: another event
    assert not [f for f in seed_report.findings if f.source == "press-003" and f.kind in ("place", "date", "number")]


def test_people_groups_every_spelling_and_who_uses_it(seed_report):
    by_name = {g.name: g for g in seed_report.people}
    choe = by_name["Choe Son-hui"]
    forms = {f.form: f for f in choe.forms}
    assert set(forms) == {"Choe Son-hui", "Choe Son Hui", "Choe Song-hui", "Choi Sung-Hee"}
    assert forms["Choi Sung-Hee"].verdict == "misspelling" and forms["Choi Sung-Hee"].sources == {"press-003": 1}
    assert choe.in_reference and "mid-2025-07-12-wonsan" in choe.sources
    lavrov = {f.form for f in by_name["Sergueï Lavrov"].forms}
    assert {"M. Lavrov", "S. Lavrov", "Lavrov"} <= lavrov
    shoigu = by_name["Sergueï Choïgou"]
    assert shoigu.in_reference is False and shoigu.sources == ["press-001", "press-004"]


@pytest.fixture(scope="module")
def english_report():
    return check_corpus(load_corpus(ENGLISH))


def test_english_corpus(english_report):
    assert facts_of(english_report) == [
        ("a2", "name", "misspelling", "warning", "Anna Kowalcyk", "Anna Kowalczyk"),
        ("a2", "number", "conflict", "error", "2024-2027", "2024-2026"),
        ("a2", "number", "conflict", "error", "four", "three"),
        ("a2", "place", "conflict", "error", "Warsaw", "Gdansk"),
        ("a3", "number", "conflict", "error", "6th", "5th"),
    ]
    info = facts_of(english_report, ("info",))
    assert ("a1", "name", "variant", "info", "Park Min Jun", "Park Min-jun") in info
    # shares the family name Lee with the record's president: absent, not a misspelling
    assert ("a3", "name", "absent", "info", "Lee Jae-won", None) in info


def test_english_people_include_title_forms(english_report):
    forms = {f.form for g in english_report.people for f in g.forms}
    assert {"Ms Kowalczyk", "Mr Park", "Kowalczyk"} <= forms


def test_capitals_for_governments_and_future_meetings_are_not_place_claims(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Remarks by Minister Anna Kowalczyk, in Gdansk, 14 March 2024\n"
        "Anna Kowalczyk: We held talks with Park Min-jun today.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "Warsaw and Seoul signed a plan after the talks. It was up to Seoul to decide.\n"
        "Kowalczyk said the next meeting with Park Min-jun will take place in Seoul.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nid = "r"\npath = "r.txt"\nrole = "reference"\npublished = 2024-03-14\n\n'
        '[[source]]\nid = "a"\npath = "a.txt"\nrole = "press"\npublished = 2024-03-15\n', encoding="utf-8")
    report = check_corpus(load_corpus(tmp_path))
    assert not [f for f in report.findings if f.kind == "place"]
