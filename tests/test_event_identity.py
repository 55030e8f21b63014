"""Whether a sentence reports the recorded event is decided by what it shares with the record, and
every place, date and weekday in it is then checked on its own: errors do not cancel each other."""
import datetime as dt

import pytest

from crosscheck.checks.extract import extract_quotes
from crosscheck.model import Corpus, Source
from crosscheck.pipeline import check_corpus
from crosscheck.text.gazetteer import is_known_place, is_region, place_contains, place_ids

TRANSCRIPT = """\
Remarks by President Biden and Prime Minister Sato in Joint Press Conference

East Room

PRESIDENT BIDEN:  Good afternoon.  Prime Minister Sato and I held talks for three hours today, and we agreed to open a new chapter in our alliance.

PRIME MINISTER SATO:  (As interpreted.)  Thank you, Joe.  Our alliance has never been stronger, and we will deepen our cooperation on supply chains.

Q    Mr. President, will you visit Tokyo this year?

PRESIDENT BIDEN:  I hope so.  We are working on the dates.  Yes.
"""


def corpus(article: str, published=dt.date(2023, 1, 14)) -> Corpus:
    ref = Source(id="wh", role="reference", path="wh.txt", text=TRANSCRIPT, place="Washington",
                 published=dt.date(2023, 1, 13), language="en")
    press = Source(id="a", role="press", path="a.txt", text=article, published=published, language="en")
    return Corpus(root="", manifest=None, sources=[ref, press])


def flagged(report, kind=None):
    return sorted((f.kind, f.span.text) for f in report.findings
                  if f.severity in ("warning", "error") and (kind is None or f.kind == kind))


def test_three_errors_in_one_sentence_are_three_findings():
    article = ("President Joe Bidden met Prime Minister Sato in Berlin on January 16, and the two leaders "
               "said their alliance has never been stronger.\n")
    got = flagged(check_corpus(corpus(article)))
    assert ("name", "Joe Bidden") in got
    assert ("place", "Berlin") in got
    assert ("date", "January 16") in got


def test_a_correct_sentence_gets_no_fact_finding():
    article = ("President Joe Biden met Prime Minister Sato in Washington on Friday, January 13. "
               "\"Our alliance has never been stronger,\" Sato told reporters.\n")
    assert flagged(check_corpus(corpus(article))) == []


def test_wrong_weekday_of_the_statement_is_caught():
    article = "\"We are working on the dates,\" Biden told reporters on Monday.\n"
    assert ("date", "Monday") in flagged(check_corpus(corpus(article)), "date")


def test_a_weekday_of_something_else_is_not_the_event():
    article = ("Officials said on Sunday that the talks had been planned for months. "
               "\"We are working on the dates,\" Biden said.\n")
    assert flagged(check_corpus(corpus(article)), "date") == []


def test_another_occasion_the_record_names_is_no_conflict():
    article = ("\"Our alliance has never been stronger,\" Sato said. On Tuesday he was in Tokyo for "
               "meetings with business leaders, and he will travel to Seoul next week.\n")
    assert flagged(check_corpus(corpus(article)), "place") == []


def test_the_president_without_his_name_is_a_participant():
    article = ("The president spoke in Chicago on Friday. \"We are working on the dates,\" he said.\n")
    assert ("place", "Chicago") in flagged(check_corpus(corpus(article)), "place")


def test_a_reporters_question_is_not_given_to_the_president():
    article = "\"Will you visit Tokyo this year?\" a reporter asked. \"I hope so,\" Biden replied.\n"
    assert flagged(check_corpus(corpus(article)), "speaker") == []


def test_a_short_answer_is_matched_in_the_answer_not_in_a_question():
    article = "Asked whether he would go, Biden said: \"Yes.\"\n"
    assert flagged(check_corpus(corpus(article)), "speaker") == []


@pytest.mark.parametrize("text,speaker", [
    ("Putin spoke about gas. Nord Stream 2 was damaged. \"We will not supply gas,\" he said in German.", None),
    ("When asked about the sanctions, he responded: \"This is an empty shell.\"", None),
    ("The United States said the talks were \"productive and useful.\"", None),
    ("\"We are ready,\" Foreign Minister Sergey Ryabkov said.", "Sergey Ryabkov"),  # the office is not the name
])
def test_speakers_are_people(text, speaker):
    (q,) = extract_quotes(Source(id="a", role="press", path="a.txt", text=text))
    assert q.speaker == speaker


def test_gazetteer_knows_real_places_only():
    assert is_known_place("Wonsan") and is_known_place("Conflans-Sainte-Honorine") and is_known_place("Moscou")
    assert not is_known_place("Joint Press") and not is_known_place("Press Availability")
    assert place_contains("Germany", "Hamburg") is True
    assert place_contains("Florida", "Washington") is False
    assert place_contains("Atlantis", "Hamburg") is None


def test_a_reporters_question_given_to_the_reporter_is_no_conflict():
    article = "\"Will you visit Tokyo this year?\" asked Jeff Mason of Reuters. \"I hope so,\" Biden said.\n"
    assert flagged(check_corpus(corpus(article)), "speaker") == []


def test_a_reporters_question_given_to_the_president_is_a_conflict():
    article = "\"Will you visit Tokyo this year?\" Biden asked Sato at the news conference.\n"
    assert ("speaker", "Will you visit Tokyo this year?") in flagged(check_corpus(corpus(article)), "speaker")


def test_a_name_in_the_other_order_is_said_so():
    article = "Prime Minister Sato Taro said: \"Our alliance has never been stronger.\"\n"
    report = check_corpus(corpus(article))
    assert flagged(report, "name") == []


def test_countries_are_known_by_their_french_names_and_abbreviations():
    for name in ("Chine", "Russie", "États-Unis", "Corée du Nord", "Allemagne"):
        assert is_known_place(name) and is_region(name), name
    assert place_contains("Chine", "Pékin") and place_contains("Corée du Nord", "Wonsan")
    assert place_contains("Japon", "Moscou") is False
    # one country under several names; two towns under one name in two languages
    assert place_ids("USA") & place_ids("États-Unis") & place_ids("United States")
    assert place_ids("Moscou") & place_ids("Moscow")
    assert not place_ids("Chine") & place_ids("USA")
