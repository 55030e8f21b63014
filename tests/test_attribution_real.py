"""Who said it and who reported it, on sentences from real coverage (a blind read of three events
outside the benchmark): adverbs between a name and its verb, media credited before a quotation, a
speech page's heading found behind page furniture, a speaker the record names only by office."""
import datetime as dt

from crosscheck.checks.extract import extract_quotes
from crosscheck.checks.segment import segment_reference
from crosscheck.model import Corpus, Source
from crosscheck.pipeline import check_corpus


def quotes(text: str):
    return [(q.speaker, q.via) for q in extract_quotes(Source("a", "press", "a.txt", text))]


def test_an_adverb_between_the_name_and_the_verb():
    assert quotes('"Because there are more important things going on," Doocy curtly replied.') == [("Doocy", None)]


def test_a_medium_credited_before_the_quotation():
    assert quotes("The Associated Press reported that “migrants were stopped 2.38 million times in the "
                  "fiscal year that ended Sept. 30.”") == [(None, "The Associated Press")]
    assert quotes("The New York Post noted in their report that “A border stop would have required a "
                  "Marine One helicopter flight of about 45 minutes.”") == [(None, "The New York Post")]


def test_an_office_with_its_of_before_the_name():
    # the office is not part of the name, before or after the quotation
    assert quotes('"That\'s not what I\'m looking for," Secretary of State Antony Blinken said.') == \
        [("Antony Blinken", None)]
    assert quotes("Minister of Foreign Affairs Sergey Lavrov told reporters that “the talks were useful.”") == \
        [("Sergey Lavrov", None)]
    assert quotes("“We will respond,” Secretary of Defense Lloyd Austin said on Monday.") == [("Lloyd Austin", None)]


def test_an_institution_and_office_before_the_name():
    # UPI on Biden–Yoon: the adviser does not speak in the record; his words are his, not unattributed
    assert quotes("Yoon's visit comes “at a critical moment,” White House national security adviser Jake "
                  "Sullivan said ahead of the meeting.") == [("Jake Sullivan", None)]
    # a headline's verb between the quotation and a later name is no attribution to that name
    assert quotes("'You need to ask him': Putin hails first meeting with Trump a success and says he is sure") \
        == [(None, None)]


def test_more_verbs_of_saying():
    assert quotes('"We will bring an end to it," Biden said. Asked how, he responded: "I promise you we will '
                  'be able to do it."') == [("Biden", None), ("Biden", None)]
    assert quotes('"We will not trade Ukraine\'s future," Blinken vowed.') == [("Blinken", None)]


def test_a_shared_subject_does_not_say_who_he_is():
    # Metro on Biden–Yoon: "he" is Biden, not Yoon, who only shares the subject of "announced"
    assert quotes("Biden told reporters the alliance was strong. Biden's warning came as he and Yoon announced "
                  "the Washington Declaration.\n\n'What the declaration means is that we will respond,' he said.") \
        == [("Biden", None)]


ELYSEE_PAGE = """\
Fait partie du dossier : Lutte contre les séparatismes.

Le Président de la République Emmanuel Macron s'est rendu à Nice suite à l'attentat qui a fait 3 victimes dans la basilique Notre-Dame.

(Ré)écoutez la déclaration du Président :

29 octobre 2020 - Seul le prononcé fait foi

Télécharger le .pdf

DÉCLARATION DU PRÉSIDENT DE LA RÉPUBLIQUE APRÈS L’ATTAQUE TERRORISTE DE NICE

Une fois encore, ce matin, ce sont trois de nos compatriotes qui sont tombés à Nice.
"""


def test_a_speech_heading_behind_page_furniture_still_names_the_speaker():
    seg = segment_reference(Source("nice", "reference", "nice.txt", ELYSEE_PAGE, language="fr"))
    assert [r.default_speaker for r in seg.releases] == ["Emmanuel Macron"]
    said = [s.speaker for s in seg.sentences if "trois de nos compatriotes" in s.text]
    assert said == ["Emmanuel Macron"]


GOVUK = """\
Prime Minister's remarks at Downing Street: 6 July 2024

Thank you all for coming. Yesterday the work of change began.

It's a mandate not just to govern, but a mandate to do politics differently.
"""


def corpus(article: str) -> Corpus:
    ref = Source(id="uk", role="reference", path="uk.txt", text=GOVUK, place="London",
                 published=dt.date(2024, 7, 6), language="en", title="Prime Minister's remarks at Downing Street")
    press = Source(id="a", role="press", path="a.txt", text=article, published=dt.date(2024, 7, 6), language="en")
    return Corpus(root="", manifest=None, sources=[ref, press])


def flagged(article: str, kind: str):
    return [f.span.text for f in check_corpus(corpus(article)).findings
            if f.kind == kind and f.severity in ("warning", "error")]


def test_a_speaker_the_record_names_only_by_office():
    # the record never names its speaker: "Prime Minister Keir Starmer" is "the Prime Minister"
    article = "Prime Minister Keir Starmer told reporters in Manchester on Saturday that it was a mandate to do politics differently.\n"
    assert flagged(article, "place") == ["Manchester"]
    assert flagged("Prime Minister Keir Starmer told reporters in London on Saturday.\n", "place") == []


def test_an_earlier_meeting_told_in_the_pluperfect_is_not_the_event():
    article = ("Prime Minister Keir Starmer said on Saturday that he had met Laurie Magnus on Friday, "
               "and told reporters the work of change began.\n")
    assert flagged(article, "date") == []


def test_names_after_a_clerical_title_and_a_misspelt_addressee():
    from crosscheck.text.names import find_names

    # Élysée records write surnames in capitals after a title ("le père HAMEL")
    assert [(m.text, m.title) for m in find_names("l'assassinat du père HAMEL à l'été 2016")] == [("père HAMEL", "père")]
    assert [(m.text, m.title) for m in find_names("l'assassinat du père Hammel")] == [("père Hammel", "père")]
    assert find_names("selon KCNA, la réunion") == []  # an acronym alone is no name
    record = Source(id="wh", role="reference", path="wh.txt", language="en", published=dt.date(2022, 12, 6),
                    text="Remarks by President Biden Before Marine One Departure\n\nTHE PRESIDENT:  There's a more "
                         "important thing going on.\n")
    article = Source(id="a", role="press", path="a.txt", language="en", published=dt.date(2022, 12, 6),
                     text="“Why go to a border state?” a reporter asked Bidan on the White House lawn.\n")
    report = check_corpus(Corpus(root="", manifest=None, sources=[record, article]))
    assert [(f.span.text, f.verdict) for f in report.findings if f.kind == "name"] == [("Bidan", "misspelling")]
