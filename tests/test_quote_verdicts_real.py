"""Quote verdicts on real quotations of real records (benchmarks/accuracy/real/): a quotation whose
clauses the article swapped or re-worded is matched to its own passage (not to a question sharing a
phrase with it), a difference in grammar words only or one unmarked cut is a variant."""
import datetime as dt
from pathlib import Path

import pytest

from crosscheck.model import Corpus, Source
from crosscheck.pipeline import check_corpus

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy" / "real"
WH = (BENCH / "wh-2023-05-26-marine-one" / "transcript.txt").read_text(encoding="utf-8")
ELYSEE = (BENCH / "elysee-2020-10-16-conflans" / "transcript.txt").read_text(encoding="utf-8")


def quote_finding(transcript: str, article: str, lang: str):
    ref = Source(id="ref", role="reference", path="ref.txt", text=transcript, language=lang,
                 published=dt.date(2023, 5, 26))
    press = Source(id="a", role="press", path="a.txt", text=article, language=lang, published=dt.date(2023, 5, 26))
    report = check_corpus(Corpus(root="", manifest=None, sources=[ref, press]))
    (f,) = [f for f in report.findings if f.kind == "quote"]
    return f


@pytest.mark.parametrize("quote, record_words", [
    # clauses swapped: the question "any update on the debt limit" shares a phrase, the answer holds it all
    ("Things are looking good on the debt limit", "things are looking good"),
    # re-worded: hopeful/hopefully, tonight, deal
    ("Hopefully we can find out tonight if we can make a deal", "whether we are going to be able to have a deal"),
    ("I’m hopeful that we can find out tonight if we can make a deal", "have a deal"),
])
def test_a_reworded_quotation_is_matched_to_its_own_passage(quote, record_words):
    f = quote_finding(WH, f"“{quote},” Biden told reporters.\n", "en")
    assert f.verdict == "paraphrase"
    assert record_words in f.reference_span.text


@pytest.mark.parametrize("quote", [
    "le courage remarquable",  # record: "un courage remarquable"
    "Notre compatriote a été la victime d'un attentat terroriste islamiste caractérisé",  # "lâchement attaqué" cut
])
def test_grammar_words_or_one_cut_make_a_variant(quote):
    f = quote_finding(ELYSEE, f"Emmanuel Macron a salué « {quote} ».\n", "fr")
    assert f.verdict == "variant"


def test_a_dropped_negation_is_still_an_error():
    f = quote_finding(WH, "“It’s very close, and I’m not optimistic,” Biden said.\n", "en")
    assert f.severity == "error" and "negation" in f.message


def test_contractions_are_the_same_words():
    # record: "I’m hopeful we’ll know by tonight whether we are going to be able to have a deal."
    f = quote_finding(WH, "“I’m hopeful we will know by tonight whether we're going to be able to have a deal,” "
                          "Biden said.\n", "en")
    assert (f.verdict, f.severity) == ("variant", "info")
    assert "we're" in f.message  # the message names the contracted words
    assert "hopeful we’ll know" in f.reference_span.text


KREMLIN = (BENCH / "kremlin-2017-07-08-putin-g20" / "transcript.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("quote, record_words", [
    # record: "And this was not a single question, there were many, and he gave much attention ..."
    ("many questions", "there were many"),
    # record: "The US President asked me this question directly, ... And this was not a single question, there were many"
    ("asked many questions", "there were many"),
    # record: "Mr Trump's television image is very different from the real person"
    ("Television Trump", "Trump's television"),
])
def test_a_few_words_of_one_answer_sentence_are_a_loose_paraphrase(quote, record_words):
    f = quote_finding(KREMLIN, f"Putin said that Donald Trump brought up the issue and “{quote}” about it.\n", "en")
    assert (f.verdict, f.severity) == ("paraphrase", "warning")
    assert record_words in f.reference_span.text
    assert "not in its order" in f.message


@pytest.mark.parametrize("quote", [
    "many answers",  # "answers" is nowhere in the record
    "tough statements",  # two words of the journalist's question, not of an answer
])
def test_short_quotes_without_all_their_words_in_one_answer_stay_unattested(quote):
    f = quote_finding(KREMLIN, f"Putin said he gave “{quote}” on the subject.\n", "en")
    assert f.verdict == "unattested"


def test_the_outlets_words_in_parentheses_are_not_the_speakers():
    # "(also)" is Anadolu's insertion in Blinken's words; the dropped "have" is still a change
    record = ("SECRETARY BLINKEN:  We've communicated that message directly to Israel. We urge all parties to "
              "refrain from escalatory action.\n")
    f = quote_finding(record, "“We (also) communicated that message directly to Israel,” Blinken said.\n", "en")
    assert f.verdict == "variant"
    assert "also" not in " ".join(d.text for d in f.diff if d.op == 1)


def test_a_phrase_the_previous_sentence_repeats_does_not_pull_the_passage_back():
    # DoD, AUSMIN 2024: "raise the risk of …" comes a sentence before "understand the risks of miscalculation"
    record = ("SECRETARY BLINKEN:  Further attacks only raise the risk of dangerous outcomes that no one can predict "
              "and no one can fully control. It's urgent that everyone in the region take stock of the situation, "
              "understand the risks of miscalculation, and make decisions that will calm tensions, not exacerbate "
              "them.\n")
    f = quote_finding(record, "He called on all sides to “understand the risk of miscalculation and make decisions "
                              "that will calm tensions, not exacerbate them.”\n", "en")
    assert f.verdict == "variant"
    assert f.reference_span.text.startswith("understand the risks")
    # a transcript's numbered note in parentheses is the record's own: quoted with it, still verbatim
    record = "Sergueï Lavrov : La deuxième (1-2) Conférence sur la sécurité se tiendra à Minsk.\n"
    f = quote_finding(record, "« La deuxième (1-2) Conférence sur la sécurité se tiendra à Minsk », a dit Lavrov.\n", "fr")
    assert f.verdict == "verbatim"
