"""Meaning inside quotations, in English and French: contractions and agreement endings are no
change, equivalent negations are no reversal, a negation or a fact (number, nationality, place)
changed inside a quote is an error whatever the translation, and one quotation made of two
separate answers is reported as fused."""
from __future__ import annotations

import pytest

from crosscheck import check_corpus
from crosscheck.text.meaning import expand, fold_words, negation_flip, swapped_facts
from crosscheck.text.normalize import tokenize
from test_align import corpus_of, quotes

EN_RECORD = (
    "Chancellor Max Ruber: There will be no longer Nord Stream 2. We will never accept any threat against our "
    "allies. I think it would be a mistake to wait. We do not trust these mechanisms. Our scientists built 12 new "
    "reactors in the north. We held many meetings with our partners.\n"
    "Question: And the sanctions?\n"
    "Chancellor Max Ruber: The sanctions harm those who imposed them, not Germany. We will keep them in place.\n"
)
FR_RECORD = (
    "Sergueï Lavrov : Les discussions ont été substantielles, ciblées et productives. Nous pensons qu'il faut "
    "des mécanismes fiables de sécurité. Les technologies sont le fruit des travaux de scientifiques "
    "nord-coréens. Le texte du traité ne nécessite aucune mise à jour. Le dialogue entre la Russie et les "
    "États-Unis continue.\n"
    "Question : Et les sanctions ?\n"
    "Sergueï Lavrov : Les sanctions nuisent à ceux qui les ont imposées, pas à la Russie.\n"
)


def one_quote(record, article, translation=False):
    (f,) = quotes(check_corpus(corpus_of(record, article, translation=translation)))
    return f


@pytest.mark.parametrize("article, verdict, severity, note", [
    # a dropped negation reverses the meaning
    ('Ruber said: "There will be longer Nord Stream 2."', "variant", "error", "negation"),
    # "no X" says what "never any X" says
    ('Ruber said: "We will accept no threat against our allies."', "paraphrase", "warning", None),
    # a contraction is the same words
    ('Ruber said: "I think it\'d be a mistake to wait."', "variant", "info", "contractions"),
    ('Ruber said: "We don\'t trust these mechanisms."', "variant", "info", "contractions"),
    # a number changed inside the quote
    ('Ruber said: "Our scientists built 15 new reactors in the north."', "variant", "error", "number"),
    # a count in place of the speaker's vague "many"
    ('Ruber said: "We held 40 meetings with our partners."', "variant", "error", "number"),
])
def test_english_quote_meaning(article, verdict, severity, note):
    f = one_quote(EN_RECORD, article)
    assert (f.verdict, f.severity) == (verdict, severity), f.message
    if note:
        assert note in f.message
    assert "negation" not in f.message or note == "negation"


@pytest.mark.parametrize("article, verdict, severity, note", [
    # agreement only: "substantiels" for "substantielles"
    ("Lavrov a dit : « Les discussions ont été substantiels, ciblées et productives ».", "variant", "info",
     "agreement"),
    # "peu fiables" for "fiables" reverses the meaning, even from a translated record
    ("Lavrov a dit : « Nous pensons qu'il faut des mécanismes peu fiables de sécurité ».", "variant", "error",
     "negation"),
    # another nationality
    ("Lavrov a dit : « Les technologies sont le fruit des travaux de scientifiques chinois ».", "variant",
     "error", "nationality"),
    # another country in the quote; the same country under another name is no change of fact
    ("Lavrov a dit : « Le dialogue entre la Russie et la Chine continue ».", "paraphrase", "error", "place"),
    ("Lavrov a dit : « Le dialogue entre la Russie et les USA continue ».", "variant", "warning", None),
    # n' for ne is the same negation; "aucune" dropped is not
    ("Lavrov a dit : « Le texte du traité n'exige aucune mise à jour ».", "variant", "warning", None),
    ("Lavrov a dit : « Le texte du traité nécessite une mise à jour ».", "variant", "error", "negation"),
])
def test_french_quote_meaning_whatever_the_translation(article, verdict, severity, note):
    f = one_quote(FR_RECORD, article, translation=True)
    assert (f.verdict, f.severity) == (verdict, severity), f.message
    if note:
        assert note in f.message
    if severity == "error":
        assert "may come from translation" not in f.message


@pytest.mark.parametrize("record, article", [
    (EN_RECORD, 'Ruber said: "We do not trust these mechanisms. The sanctions harm those who imposed them, '
                'not Germany."'),
    (FR_RECORD, "Lavrov a dit : « Le texte du traité ne nécessite aucune mise à jour, les sanctions nuisent à "
                "ceux qui les ont imposées »."),
])
def test_two_answers_fused_into_one_quotation(record, article):
    f = one_quote(record, article)
    assert (f.verdict, f.severity) == ("fused", "warning")
    assert "two separate passages" in f.message and "another turn" in f.message
    assert f.reference_span.text in record and f.span.text in article


def test_an_editorial_elision_is_not_a_fusion():
    article = ('Ruber said: "We do not trust these mechanisms […] The sanctions harm those who imposed them, '
               'not Germany."')
    assert one_quote(EN_RECORD, article).verdict == "verbatim"


def test_separate_quotations_of_two_answers_stay_separate():
    article = ('Ruber said: "We do not trust these mechanisms," adding: "The sanctions harm those who imposed '
               'them, not Germany."')
    assert [f.verdict for f in quotes(check_corpus(corpus_of(EN_RECORD, article)))] == ["verbatim", "verbatim"]


def test_folding_and_negation_helpers():
    assert expand([t.key for t in tokenize("we won't, it can't, I'd say, they're here")]) == \
        ["we", "will", "not", "it", "can", "not", "i", "would", "say", "they", "are", "here"]
    assert expand([t.key for t in tokenize("qu'il n'y a jusqu'à l'accord")])[:4] == ["que", "il", "ne", "y"]
    assert fold_words("substantielles") == fold_words("substantiels") == fold_words("substantiel")
    assert negation_flip([(0, "a"), (-1, "reliable"), (1, "unreliable"), (0, "partner")])
    assert negation_flip([(0, "que ces conclusions"), (-1, "qu’aucun acteur sérieux"), (1, "que personne"),
                          (0, "n’envisage")]) == ""
    assert negation_flip([(0, "we"), (-1, "will not"), (1, "won't"), (0, "go")]) == ""
    assert swapped_facts([(0, "à"), (-1, "Wonsan"), (1, "Pyongyang"), (0, "le")]) == ["place “Pyongyang” for “Wonsan”"]
    assert swapped_facts([(0, "des"), (-1, "travaux"), (1, "du travail"), (0, "de")]) == []
    # an acronym's letters are no French élision: "U.N." holds no "n'" (ne)
    assert negation_flip([(0, "violation of"), (-1, "U.S. [U.N."), (1, "US"), (0, "sanctions")]) == ""
    assert expand([t.key for t in tokenize("U.N. sanctions, qu'il n'y a")]) == ["u", "n", "sanctions", "que", "il",
                                                                                "ne", "y", "a"]
    assert swapped_facts([(0, "with"), (-1, "Park Min-jun"), (1, "Lee Sang-woo"), (0, "at")]) == \
        ["name “Lee Sang-woo” for “Park Min-jun”"]
    # a title or a capitalised common word is no name (Kremlin 2017: "Mr Trump" / "Television Trump")
    assert swapped_facts([(0, "I see it"), (-1, "Mr"), (1, "Television"), (0, "Trump")]) == []


def test_transcript_false_starts_and_the_articles_elision_are_the_same_words():
    record = ("President Biden: I do hold respon— them responsible in the sense that they're supplying the "
              "weapons.\n")
    f = one_quote(record, 'Biden said: "I do hold them responsible in the sense that they\'re supplying the weapons."')
    assert (f.verdict, f.severity) == ("verbatim", "info")
    record_fr = "Emmanuel Macron : Notre compatriote a été la victime d'un attentat terroriste islamiste caractérisé.\n"
    g = one_quote(record_fr, "Emmanuel Macron a parlé « d’attentat terroriste islamiste caractérisé ».")
    assert g.span.text.startswith("d’")
    assert (g.verdict, g.severity) == ("verbatim", "info")


def test_a_dotted_abbreviation_is_the_long_name():
    # JoongAng Daily on Biden–Yoon: "the U.S. nuclear weapons" for the transcript's "the United States nuclear weapons"
    record = "President Biden: We will respond with the full force of the United States nuclear weapons.\n"
    f = one_quote(record, 'Biden said: "We will respond with the full force of the U.S. nuclear weapons."')
    assert (f.verdict, f.severity) == ("verbatim", "info"), f.message


@pytest.mark.parametrize("translation, severity", [(True, "info"), (False, "warning")])
def test_a_short_unattributed_phrase_against_a_translated_record(translation, severity):
    # AFP on Lavrov–Kerry (Moscow, 24 March 2016): its own translation of Kerry's birthday wishes
    record = "John Kerry : Je voudrais profiter de l'occasion pour te souhaiter un joyeux anniversaire.\n"
    f = one_quote(record, "Kerry a profité des entretiens pour souhaiter un « très très bon anniversaire » "
                          "à son homologue.", translation=translation)
    assert (f.verdict, f.severity) == ("unattested", severity)


def test_a_word_the_speaker_corrected_at_once_is_no_omission():
    # White House, Biden–Yoon 2023: "against the United States or its allies or partisans — partners — is unacceptable"
    record = ("President Biden: A nuclear attack against the United States or its allies or partisans — partners — "
              "is unacceptable.\n")
    f = one_quote(record, 'Biden said: "A nuclear attack against the United States or its allies or partners is '
                          'unacceptable."')
    assert (f.verdict, f.severity) == ("verbatim", "info"), f.message


def test_a_count_where_the_speaker_was_vague_is_a_number_finding():
    report = check_corpus(corpus_of(EN_RECORD, 'Ruber said: "We held 40 meetings with our partners."'))
    (n,) = [f for f in report.findings if f.kind == "number"]
    assert (n.span.text, n.expected, n.severity) == ("40", "many", "error")
    report = check_corpus(corpus_of(EN_RECORD, 'Ruber said: "We held many meetings with our partners."'))
    assert [f for f in report.findings if f.kind == "number"] == []


@pytest.mark.parametrize(("quoted", "flagged"), [
    ("asked 40 questions", True),          # the count the speaker gave only as "there were many"
    ("asked many questions", False),       # his own words, picked apart
    ("discussed it for 40 minutes", False),  # the next sentence does not speak of minutes
])
def test_the_vague_count_may_be_in_the_speakers_next_sentence(quoted, flagged):
    # Putin after meeting Trump at the G20 (Kremlin transcript, 8 July 2017)
    record = ("Vladimir Putin: The US President asked me this question directly, and we discussed it. And "
              "this was not a single question, there were many, and he gave much attention to this issue.\n")
    report = check_corpus(corpus_of(record, f"Putin said that Trump “{quoted}” about interference."))
    numbers = [f for f in report.findings if f.kind == "number"]
    assert [(f.span.text, f.expected) for f in numbers] == ([("40", "many")] if flagged else [])


def test_a_restart_left_out_is_no_dropped_negation():
    # the Washington Times on Biden (1 December 2022): "… legislation — I never intended to exclude …"
    diff = [(0, "It was never intended, when I wrote the legislation,"), (-1, "I never intended"),
            (0, "to exclude folks")]
    assert negation_flip(diff) == ""
    # a negation dropped where the quotation has another one is still dropped
    assert negation_flip([(0, "There is no space for it, there is"), (-1, "no"), (0, "room")]) != ""


def test_a_continent_swapped_for_a_country_changes_a_fact():
    # Macron at the White House (1 December 2022): "not at the expense of Europe"
    assert swapped_facts([(0, "not at the expense of"), (-1, "Europe"), (1, "Japan"), (0, "and")]) == [
        "place “Japan” for “Europe”"]
    assert swapped_facts([(0, "aux dépens de"), (-1, "l’Europe"), (1, "l’Asie"), (0, ",")]) == [
        "place “l’Asie” for “l’Europe”"]
    assert swapped_facts([(0, "the expense of"), (-1, "Europe"), (1, "europe"), (0, ",")]) == []
