"""Patterns found by reading crosscheck's output on real events outside the benchmark (a Biden–Xi
meeting, a State Department briefing, a French minister's television interview): the sentences are
the articles' own, with the planted error where one is needed."""
import datetime as dt

from crosscheck.checks.segment import segment_reference
from crosscheck.model import Corpus, Source
from crosscheck.pipeline import check_corpus
from crosscheck.text.places import find_places

XI = """\
Remarks by President Biden and President Xi Jinping of the People's Republic of China Before Bilateral Meeting

Lima, Peru

PRESIDENT XI:  (As interpreted.)  It's good to see you again, Mr. President.  China's goal of a stable, healthy and sustainable China-U.S. relationship remains unchanged.

PRESIDENT BIDEN:  Thank you.  Our two countries can't let this competition veer into conflict.
"""

LE_DRIAN = """\
Entretien de M. Jean-Yves Le Drian, ministre de l'Europe et des affaires étrangères, avec France 2 le 18 septembre 2021, sur la rupture du contrat de sous-marins avec l'Australie et les relations avec les Etats-Unis.

Q - Bonsoir Jean-Yves Le Drian.

R - Bonsoir.

Q - Rappeler ses ambassadeurs, cela ne veut peut-être pas dire grand-chose.

R - C'est très symbolique. Il y a eu mensonge, il y a eu duplicité, il y a eu rupture majeure de confiance, il y a eu mépris.
"""


def corpus(transcript: str, article: str, place: str, day: dt.date, lang: str) -> Corpus:
    ref = Source(id="ref", role="reference", path="ref.txt", text=transcript, place=place, published=day, language=lang)
    press = Source(id="a", role="press", path="a.txt", text=article, published=day, language=lang)
    return Corpus(root="", manifest=None, sources=[ref, press])


def findings(transcript, article, place, day, lang="en"):
    return check_corpus(corpus(transcript, article, place, day, lang)).findings


def test_question_and_answer_dashes_are_turns():
    seg = segment_reference(Source("ld", "reference", "ld.txt", LE_DRIAN, language="fr"))
    assert [t.speaker for t in seg.turns] == ["Question", "Jean-Yves Le Drian"] * 2
    said = {s.speaker for s in seg.sentences if "duplicité" in s.text}
    assert said == {"Jean-Yves Le Drian"}


def test_words_of_someone_the_record_does_not_have_speak_are_information():
    article = ("“We are now building a foundation for being able to work on new issues,” national security adviser "
               "Jake Sullivan told reporters after the meeting.\n")
    (f,) = [f for f in findings(XI, article, "Lima", dt.date(2024, 11, 16)) if f.kind == "quote"]
    assert (f.verdict, f.severity) == ("unattested", "info") and "Jake Sullivan does not speak" in f.message
    # the same words given to a record speaker are an error: the record does not hold them
    (f,) = [f for f in findings(XI, article.replace("national security adviser Jake Sullivan", "Biden"), "Lima",
                                dt.date(2024, 11, 16)) if f.kind == "quote"]
    assert (f.verdict, f.severity) == ("unattested", "error")


def test_an_unattributed_term_in_quotation_marks_is_information():
    article = "Pour rappel, ce «contrat du siècle» prévoyait la vente de 12 sous-marins à l'Australie.\n"
    (f,) = [f for f in findings(LE_DRIAN, article, "Paris", dt.date(2021, 9, 18), "fr") if f.kind == "quote"]
    assert (f.verdict, f.severity) == ("unattested", "info")


def test_a_place_of_the_thing_talked_about_is_not_the_event():
    for article in [
        "Interrogé sur France 2, le ministre a justifié le rappel des ambassadeurs français à Canberra et Washington "
        "par le fait qu'il \"y a une crise grave entre nous\".\n",
        "Jean-Yves Le Drian en a remis une couche ce samedi 18 septembre, évoquant la \"crise grave\" provoquée par le "
        "torpillage d'un mégacontrat de sous-marins français à Canberra.\n",
    ]:
        got = [f.span.text for f in findings(LE_DRIAN, article, "Paris", dt.date(2021, 9, 18), "fr") if f.kind == "place"]
        assert got == []
    article = "Jean-Yves Le Drian s'est exprimé samedi à Bruxelles, dénonçant un \"mensonge\".\n"
    got = [f.span.text for f in findings(LE_DRIAN, article, "Paris", dt.date(2021, 9, 18), "fr") if f.kind == "place"]
    assert got == ["Bruxelles"]


def test_a_future_in_the_reported_words_does_not_hide_the_attribution():
    article = ("China will strive for a smooth transition in ties, President Xi Jinping told his counterpart Joe Biden "
               "on Sunday in their talks in Santiago.\n")
    got = sorted((f.kind, f.span.text) for f in findings(XI, article, "Lima", dt.date(2024, 11, 16))
                 if f.kind in ("place", "date"))
    assert got == [("date", "Sunday"), ("place", "Santiago")]
    article = "Biden will travel to Santiago on Sunday, after his talks with Xi.\n"
    assert [f for f in findings(XI, article, "Lima", dt.date(2024, 11, 16)) if f.kind in ("place", "date")] == []


def test_a_dateline_with_its_date():
    assert [(p.text, p.dateline) for p in find_places("NEW YORK, May 3 (Yonhap) -- North Korea fired")] == \
        [("NEW YORK", True)]


def test_words_credited_to_a_written_statement():
    from crosscheck.checks.extract import extract_quotes

    src = Source("a", "press", "a.txt", 'Blinken will "isolate himself at his home," the department said in a statement.')
    assert [(q.speaker, q.via) for q in extract_quotes(src)] == [(None, "a statement")]


def test_ca_is_cela():
    article = "« Donc, ça ne va pas entre nous, ça ne va pas du tout », a dit Jean-Yves Le Drian.\n"
    (f,) = [f for f in findings(LE_DRIAN.replace("mépris.", "mépris. Donc, cela ne va pas entre nous, cela ne va pas "
                                                  "du tout."), article, "Paris", dt.date(2021, 9, 18), "fr")
            if f.kind == "quote"]
    assert (f.verdict, f.severity) == ("variant", "info")
