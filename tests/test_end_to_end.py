"""A French article written for these tests (tests/data/article-fr/perturbed.txt) about the seed
event, with one planted divergence of each kind, checked against the real seed transcript: every
planted divergence is found, and nothing else at warning or above."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosscheck import check_corpus, load_corpus

DATA = Path(__file__).parent / "data" / "article-fr"


def check_against_seed_record(root: Path, article: Path, article_id: str):
    """Check ``article`` (published the day after) against the seed transcript, in a corpus at ``root``."""
    shutil.copy(Path(__file__).parent.parent / "seeds" / "mid-2025-07-12-wonsan.txt", root / "ref.txt")
    shutil.copy(article, root / f"{article_id}.txt")
    (root / "sources.toml").write_text(
        '[[source]]\nid = "ref"\npath = "ref.txt"\nrole = "reference"\npublished = 2025-07-12\n'
        'place = "Wonsan"\ntranslation = true\n\n'
        f'[[source]]\nid = "{article_id}"\npath = "{article_id}.txt"\nrole = "press"\npublished = 2025-07-13\n',
        encoding="utf-8")
    return check_corpus(load_corpus(root))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return check_against_seed_record(tmp_path_factory.mktemp("e2e"), DATA / "perturbed.txt", "a1")


def flagged(report):
    return sorted((f.kind, f.verdict, f.span.text) for f in report.findings if f.severity != "info")


def test_every_planted_divergence_and_nothing_else(report):
    assert flagged(report) == sorted([
        ("place", "conflict", "Pyongyang"),                     # the meeting moved to the capital
        ("date", "conflict", "13 juillet 2025"),                 # the press conference a day late
        ("number", "conflict", "cinq"),                          # "plus de trois heures"
        ("place", "conflict", "Moscou"),                         # the conference is in Minsk
        ("number", "conflict", "2026-2028"),                     # the plan is for 2026-2027
        ("name", "misspelling", "Sergeï Lavrov"),                 # Sergueï
        ("quote", "variant", "Le texte du traité nécessite une mise à jour."),   # negation dropped
        ("quote", "paraphrase", "la prochaine Conférence internationale sur la sécurité eurasienne "
                                "se tiendra à Moscou en octobre"),
        ("speaker", "conflict", "Quelle est la situation actuelle au plus haut niveau ?"),  # a question
    ])


def test_the_negation_flip_is_an_error_and_verbatim_quotes_are_info(report):
    by_text = {f.span.text: f for f in report.findings if f.kind == "quote"}
    assert by_text["Le texte du traité nécessite une mise à jour."].severity == "error"
    assert by_text["Nous érigerons un monument commémoratif"].verdict == "verbatim"
    assert by_text["Nous érigerons un monument commémoratif"].severity == "info"


def test_every_conflict_shows_both_sides(report):
    ref = report.corpus.get("ref").text
    for f in report.findings:
        if f.verdict == "conflict" and f.kind in ("place", "date", "number"):
            assert f.reference_span is not None and f.expected
            assert ref[f.reference_span.start:f.reference_span.end] == f.reference_span.text


def test_english_corpus_every_planted_divergence_and_nothing_else():
    """tests/data/article-en: a short English record written for the tests (after the seed event) and
    an English article with planted divergences."""
    report = check_corpus(load_corpus(Path(__file__).parent / "data" / "article-en"))
    assert flagged(report) == sorted([
        ("place", "conflict", "Pyongyang"),                       # the talks were in Wonsan
        ("name", "misspelling", "Sergei Lavrov"),                  # Sergey in the record
        ("quote", "unattested", "no interest at all"),             # "We do not see any interest"
        ("quote", "variant", "more than five hours"),              # three hours
        ("number", "conflict", "five"),
        ("speaker", "conflict", "Is a meeting between the two leaders planned?"),  # a journalist asked
    ])
    # the record names him only as "President Putin": he is a record person, not "absent"
    assert not [f for f in report.findings if f.kind == "name" and "Putin" in f.span.text]
    (agreed,) = [f for f in report.findings if f.kind == "quote" and f.span.text.startswith("The time and place")]
    assert agreed.verdict == "verbatim"
    assert agreed.speaker == "Sergei Lavrov"  # "…," the minister said


def test_second_french_article_dates_ordinals_and_swapped_speakers(tmp_path):
    report = check_against_seed_record(tmp_path, DATA / "second.txt", "a")
    assert flagged(report) == sorted([
        ("date", "conflict", "11 juillet 2025"),    # received on the 12th
        ("number", "conflict", "13e"),              # the 12th session of the commission
        ("date", "conflict", "novembre"),           # the Minsk conference is in October
        ("speaker", "conflict", "Vous avez été très actif en politique étrangère ces derniers temps"),
        ("speaker", "conflict", "Notre ambassadeur était le premier."),  # Kim's and Lavrov's words swapped
    ])
    # typography-only spellings are info, and "la troisième (1-2) Conférence" raises nothing
    assert all(f.severity == "info" for f in report.findings if f.kind == "name")


def test_with_two_records_an_article_is_checked_against_its_own_event(tmp_path):
    """The seed record (Wonsan, July 2025) and a second one (Geneva, March 2026): an article about
    Geneva that moves it to Zurich is told "Geneva", and its mention of last July's Wonsan visit is
    no conflict."""
    two = Path(__file__).parent / "data" / "two-records"
    shutil.copy(Path(__file__).parent.parent / "seeds" / "mid-2025-07-12-wonsan.txt", tmp_path / "wonsan.txt")
    shutil.copy(two / "geneva.txt", tmp_path / "geneva.txt")
    shutil.copy(two / "article.txt", tmp_path / "a.txt")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nid = "wonsan"\npath = "wonsan.txt"\nrole = "reference"\npublished = 2025-07-12\n'
        'place = "Wonsan"\n\n'
        '[[source]]\nid = "geneva"\npath = "geneva.txt"\nrole = "reference"\npublished = 2026-03-03\n'
        'place = "Geneva"\n\n'
        '[[source]]\nid = "a"\npath = "a.txt"\nrole = "press"\npublished = 2026-03-04\n', encoding="utf-8")
    report = check_corpus(load_corpus(tmp_path))
    (place,) = [f for f in report.findings if f.kind == "place"]
    assert place.span.text == "Zurich" and place.expected == "Geneva" and place.reference == "geneva"
    assert flagged(report) == [("place", "conflict", "Zurich")]
