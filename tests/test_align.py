"""Alignment and judgement of quotations against a reference: elisions, insertions, aliases,
speaker checks, English text, claims outside quotation marks."""
from __future__ import annotations

from dataclasses import replace

from crosscheck import check_corpus
from crosscheck.inputs.corpus import load_files
from crosscheck.model import Corpus, Source

EN_RECORD = """Remarks by Foreign Minister Sergey Lavrov at a news conference, Geneva, March 3, 2026

Sergey Lavrov: Good afternoon. We have held three hours of talks with our Swiss colleagues.
We agreed to resume the work of the intergovernmental commission before the end of the year.
Q: Will the sanctions be lifted soon? Some say the talks failed.
Sergey Lavrov: We do not beg for anything. The sanctions harm those who imposed them, not Russia.
Ignazio Cassis: Switzerland remains ready to host any dialogue that serves peace.
https://example.org/remarks/1
"""


def corpus_of(reference: str, *articles: str, aliases=None, translation=False) -> Corpus:
    ref = Source(id="record", role="reference", path="record.txt", text=reference, translation=translation)
    press = [Source(id=f"a{i}", role="press", path=f"a{i}.txt", text=t) for i, t in enumerate(articles, 1)]
    return Corpus(root="", manifest=None, sources=[ref, *press], aliases=aliases or {})


def quotes(report, source="a1"):
    return sorted((f for f in report.findings if f.kind == "quote" and f.source == source), key=lambda f: f.span.start)


def test_english_quotes_verdicts_and_diff():
    art = ("“We do not beg for anything,” Lavrov said. He added that “the sanctions hurt those who imposed "
           "them, not Russia.” Lavrov also said the talks were “a total failure”.")
    q = quotes(check_corpus(corpus_of(EN_RECORD, art)))
    assert [f.verdict for f in q] == ["verbatim", "variant", "unattested"]
    assert q[0].reference_span.text == "We do not beg for anything"
    assert [[d.op, d.text] for d in q[1].diff if d.op != 0] == [[-1, "harm"], [1, "hurt"]]
    assert all(f.speaker == "Lavrov" for f in q)


def test_elision_and_editorial_insertion_are_not_changes():
    art = ("Lavrov said: “We agreed to resume the work […] before the end of the year.” "
           "He also said “[Moscow does] not beg for anything”.")
    q = quotes(check_corpus(corpus_of(EN_RECORD, art)))
    assert [f.verdict for f in q] == ["verbatim", "verbatim"]
    assert q[0].reference_span.text == (
        "We agreed to resume the work of the intergovernmental commission before the end of the year")


def test_words_given_to_the_wrong_speaker():
    art = ("Lavrov said: “Switzerland remains ready to host any dialogue that serves peace.” "
           "Lavrov also asked: “Will the sanctions be lifted soon?”")
    report = check_corpus(corpus_of(EN_RECORD, art))
    speaker = sorted((f for f in report.findings if f.kind == "speaker"), key=lambda f: f.span.start)
    assert [f.verdict for f in speaker] == ["conflict", "conflict"]
    assert speaker[0].expected == "Ignazio Cassis" and speaker[0].severity == "warning"
    assert "question" in speaker[1].message.lower()
    # the right speaker raises nothing
    ok = check_corpus(corpus_of(EN_RECORD, "Cassis said: “Switzerland remains ready to host any dialogue.”"))
    assert not [f for f in ok.findings if f.kind == "speaker"]


def test_aliases_apply_both_ways():
    record = "Sergueï Lavrov : Nous respectons les actions de la République populaire démocratique de Corée.\n"
    art = "Lavrov a déclaré : « Nous respectons les actions de la RPDC ». Et « nous respectons la RPDC »."
    aliases = {"RPDC": ["République populaire démocratique de Corée", "Corée du Nord"]}
    q = quotes(check_corpus(corpus_of(record, art, aliases=aliases)))
    assert q[0].verdict == "verbatim"
    without = quotes(check_corpus(corpus_of(record, art)))
    assert without[0].verdict != "verbatim"
    record2 = "Sergueï Lavrov : Nous respectons les actions de la RPDC.\n"
    art2 = "Lavrov a déclaré : « Nous respectons les actions de la Corée du Nord »."
    assert quotes(check_corpus(corpus_of(record2, art2, aliases=aliases)))[0].verdict == "verbatim"


def test_capital_abbreviations_are_their_long_names_but_the_words_are_not():
    # the Kremlin's English translation writes "US", the wire story "U.S." (Putin at the G20, 2017)
    record = ("Vladimir Putin: Russia's stance is well-known and I reiterated it. There is no reason to "
              "believe that Russia interfered in the US election process. Let us move on.\n")
    art = ("Putin said “there is no reason to believe that Russia interfered in the U.S. election process.” "
           "He added: “Let US move on.”")
    q = quotes(check_corpus(corpus_of(record, art)))
    assert q[0].verdict == "verbatim"
    assert q[1].verdict != "verbatim"  # "us" the pronoun is not "US" the country


def test_typography_only_differences_are_verbatim():
    record = "Sergueï Lavrov : C’est l’alliance « tripartite » — qu’on le veuille ou non.\n"
    art = "Lavrov a dit : « c'est l'ALLIANCE \"tripartite\" - qu'on le veuille ou non »."
    assert quotes(check_corpus(corpus_of(record, art)))[0].verdict == "verbatim"


def test_short_quotes_need_the_same_words_as_words():
    record = "Sergueï Lavrov : Ils auront certainement lieu. Certaines restrictions subsistent.\n"
    art = "Lavrov juge la rencontre « certaine », mais « certainement » reportée, et « certaines restrictions »."
    assert [f.verdict for f in quotes(check_corpus(corpus_of(record, art)))] == [
        "unattested", "verbatim", "verbatim"]


def test_translation_note_in_messages():
    art = "Lavrov said the sanctions “hurt those who imposed them, not Russia”."
    (f,) = quotes(check_corpus(corpus_of(EN_RECORD, art, translation=True)))
    assert f.verdict == "variant" and "translation" in f.message
    (g,) = quotes(check_corpus(corpus_of(EN_RECORD, art)))
    assert "translation" not in g.message


def test_claims_outside_quotation_marks_are_aligned():
    art = ("Lavrov said that Moscow and Bern agreed to resume the work of the intergovernmental commission "
           "before the end of the year. The weather in Geneva was cold.")
    report = check_corpus(corpus_of(EN_RECORD, art))
    claims = [a for a in report.alignments if a.source == "a1"]
    assert len(claims) == 1
    assert "agreed to resume the work of the intergovernmental" in claims[0].reference_span.text
    assert "cold" not in claims[0].span.text


def test_ad_hoc_corpus_from_files(tmp_path):
    ref = tmp_path / "record.txt"
    ref.write_text(EN_RECORD, encoding="utf-8")
    art = tmp_path / "article.txt"
    art.write_text("“We do not beg for anything,” Lavrov said.", encoding="utf-8")
    report = check_corpus(load_files([str(ref)], [str(art)]))
    assert [f.verdict for f in quotes(report, "article")] == ["verbatim"]


def test_number_typography_compares_equal():
    record = "Sergueï Lavrov : Nous avons envoyé 1 000 tonnes de blé et 12 500 vaccins.\n"
    art = "Lavrov a dit : « Nous avons envoyé 1,000 tonnes de blé et 12.500 vaccins »."
    assert quotes(check_corpus(corpus_of(record, art)))[0].verdict == "verbatim"
    art2 = "Lavrov a dit : « Nous avons envoyé 2 000 tonnes de blé et 12 500 vaccins »."
    assert quotes(check_corpus(corpus_of(record, art2)))[0].verdict == "variant"


def test_elision_joining_distant_sentences():
    record = ("Sergey Lavrov: We do not beg for anything. " + "Filler words about other matters here. " * 12
              + "The sanctions harm those who imposed them, not Russia.\n")
    art = "Lavrov said: “We do not beg for anything […] the sanctions harm those who imposed them.”"
    (f,) = quotes(check_corpus(corpus_of(record, art)))
    assert f.verdict == "verbatim"
    assert f.reference_span.text.startswith("We do not beg") and f.reference_span.text.endswith("imposed them")
    swapped = "Lavrov said: “The sanctions harm those who imposed them […] we do not beg for anything.”"
    (g,) = quotes(check_corpus(corpus_of(record, swapped)))
    assert g.verdict == "variant"


def test_a_dropped_negation_makes_a_variant_an_error():
    art = "Lavrov said: “We do beg for anything.” He also said: “We do not beg for everything.”"
    q = quotes(check_corpus(corpus_of(EN_RECORD, art)))
    assert [f.verdict for f in q] == ["variant", "variant"]
    assert q[0].severity == "error" and "negation" in q[0].message
    assert q[1].severity == "warning" and "negation" not in q[1].message
    record = "Sergueï Lavrov : Le texte du traité ne nécessite aucune mise à jour.\n"
    fr = "Lavrov a dit : « Le texte du traité n'exige aucune mise à jour »."
    (g,) = quotes(check_corpus(corpus_of(record, fr)))
    assert g.verdict == "variant" and g.severity == "warning"  # n' for ne is the same negation


BLINKEN_RECORD = ("SECRETARY BLINKEN:  I plan to raise the release of Americans Paul Whelan and Brittney Griner. "
                  "We put a substantial proposal on the table weeks ago to facilitate their release.\n"
                  "QUESTION:  Is the proposal a prisoner swap?\n"
                  "SECRETARY BLINKEN:  I am not going to get into the details.\n")


def test_a_short_quotation_with_one_word_replaced_is_a_variant_of_its_phrase():
    # Reuters on the State Department briefing of 27 July 2022: "substantial offer" for "substantial proposal"
    art = ('Blinken said the United States had communicated a "substantial offer" to Moscow. '
           'Blinken said he would not discuss a "substantial swap". '
           'Blinken said it was a "substantial proposition offered".')
    q = quotes(check_corpus(corpus_of(BLINKEN_RECORD, art)))
    assert [f.speaker for f in q] == ["Blinken"] * 3  # the country's cue inside Blinken's clause does not speak
    assert (q[0].verdict, q[0].reference_span.text) == ("variant", "substantial proposal")
    assert [[d.op, d.text] for d in q[0].diff if d.op] == [[-1, "proposal"], [1, "offer"]]
    assert "“offer” for “proposal”" in q[0].message
    assert (q[1].verdict, q[1].reference_span.text) == ("variant", "substantial proposal")
    assert q[2].verdict == "unattested"  # two words for one: no longer the record's phrase
    # a term the article gives to no one is not looked for that loosely
    term = quotes(check_corpus(corpus_of(BLINKEN_RECORD, 'The talks on the "substantial swap" went on.')))
    assert term[0].verdict == "unattested" and term[0].reference_span is None


def test_a_few_words_swapped_one_for_one_in_a_short_quotation_is_a_variant():
    # Biden leaving the White House, 26 May 2023
    record = ("THE PRESIDENT:  So there’s no place to go at home. So I’m going to Camp David because my "
              "granddaughter graduates on Sunday, and it’s closest so I can get there.\n")
    art = ("Biden said he was flying to Camp David “because my grandson graduates on Saturday.” "
           "He added he was going “because my grandson will graduate on Saturday.”")
    q = quotes(check_corpus(corpus_of(record, art)))
    # two swaps in six words: similarity 0.67, but the record's sentence word for word otherwise
    assert q[0].verdict == "variant"
    assert [[d.op, d.text] for d in q[0].diff if d.op] == [
        [-1, "granddaughter"], [1, "grandson"], [-1, "Sunday"], [1, "Saturday"]]
    assert q[1].verdict not in ("variant", "verbatim")  # a word added too: not swaps only


MODI_RECORD = ("Remarks by President Biden and Prime Minister Modi of the Republic of India in Joint Press Conference\n\n"
               "PRESIDENT BIDEN:  We have built a partnership for the future.\n\n"
               "PRIME MINISTER MODI:  (As interpreted.)  Democracy is in our DNA. Democracy is our spirit.\n")


def test_a_speaker_named_by_office_alone_is_the_record_speaker_holding_it():
    def speaker_findings(article):
        return [(f.speaker, f.expected) for f in check_corpus(corpus_of(MODI_RECORD, article)).findings
                if f.kind == "speaker"]
    # IANS, 22 June 2023: "the Prime Minister" is Modi, not a person called "Prime Minister"
    assert speaker_findings('For both India and the US, the Prime Minister said, "Democracy is in our DNA. '
                            'Democracy is our spirit."') == []
    # the other participant's office: a conflict, with the record's speaker
    assert speaker_findings('The president said, "Democracy is in our DNA. Democracy is our spirit."') == [
        ("president", "Prime Minister Modi")]
    assert speaker_findings('The president said: "We have built a partnership for the future."') == []
    # an office no one in the record holds: nothing to compare
    assert speaker_findings('The chancellor said: "We have built a partnership for the future."') == []


BIDEN_MACRON = ("Remarks by President Biden and President Macron of France in Joint Press Conference\n\n"
                "PRESIDENT BIDEN:  We continue to support the Ukrainian people. I have no immediate plans to "
                "contact Mr. Putin.\n")


def test_a_quotation_in_another_language_than_the_record_is_not_called_unattested():
    # 20 Minutes quoting Biden in French; the record is the White House's English (1 December 2022)
    art = ("Joe Biden a déclaré : « Je ne vais pas prendre contact avec Monsieur Poutine ». Il a ajouté : "
           "« We continue to support the people of Ukraine and we will never stop ».")
    en = Source(id="record", role="reference", path="r.txt", text=BIDEN_MACRON, language="en")
    fr = Source(id="a1", role="press", path="a1.txt", text=art, language="fr")
    report = check_corpus(Corpus(root="", manifest=None, sources=[en, fr]))
    q = quotes(report)
    assert (q[0].verdict, q[0].severity) == ("unattested", "info") and "in French, the record in English" in q[0].message
    assert q[1].severity != "info"  # an English quotation is compared as ever
    # "Poutine" is how French writes Putin: information, not a misspelling warning
    (name,) = [f for f in report.findings if f.kind == "name"]
    assert (name.span.text, name.verdict, name.severity) == ("Poutine", "variant", "info")
    # and a corpus that declares the two the same hears nothing of it
    declared = Corpus(root="", manifest=None, sources=[en, fr], aliases={"Putin": ["Poutine"]})
    assert [f for f in check_corpus(declared).findings if f.kind == "name"] == []
    # a language given as "en-US" and "fr-FR" is English and French all the same
    regional = [replace(en, language="en-US"), replace(fr, language="fr-FR")]
    assert quotes(check_corpus(Corpus(root="", manifest=None, sources=regional)))[0].severity == "info"
    same = [replace(en, language="en-US"), replace(fr, text=art.replace("Poutine", "Putin"), language="en")]
    assert [f.verdict for f in check_corpus(Corpus(root="", manifest=None, sources=same)).findings
            if f.kind == "name"] == []


def test_a_lone_surname_a_letter_off_with_a_verb_or_a_possessive():
    # Axios and Scroll on Modi's state visit, the surname misspelt
    def names(article):
        return [(f.span.text, f.verdict, f.expected) for f in check_corpus(corpus_of(MODI_RECORD, article)).findings
                if f.kind == "name"]
    assert names('Mody said: "Democracy is in our DNA."') == [("Mody", "misspelling", "Modi")]
    assert names("India's press freedom fell under Mody's watch.") == [("Mody", "misspelling", "Modi")]
    assert names("Modi's visit went well, and Biden's team said so.") == []
    assert names("The Bidan administration welcomed the visit.") == [("Bidan", "misspelling", "Biden")]
    assert names("The Biden administration welcomed the visit.") == []


def test_a_quotation_whose_parts_the_article_reordered_says_so():
    # Scroll.in quoting Modi (June 2023): the second sentence comes first in the record
    record = ("PRIME MINISTER MODI:  And when you talk of democracy, if there are no human values, then it's not a "
              "democracy. And that is why, when we live democracy, then there is absolutely no space for "
              "discrimination.\n")
    art = ('Modi said: "There is absolutely no space for discrimination...And when you talk of democracy, if there '
           'are no human values, then it\'s not a democracy."')
    (q,) = quotes(check_corpus(corpus_of(record, art)))
    assert q.verdict != "verbatim" and "another order" in q.message


def test_words_of_an_interpreted_speaker_may_differ_by_translation():
    # The News Minute quoting Modi in its own translation of the Hindi (June 2023)
    art = ('Modi said: "I am surprised that you are attributing this comment to others." '
           'Biden said: "I am surprised that you are attributing this comment to others."')
    q = quotes(check_corpus(corpus_of(MODI_RECORD, art)))
    assert [(f.speaker, f.verdict, f.severity) for f in q] == [
        ("Modi", "unattested", "warning"), ("Biden", "unattested", "error")]
    assert "through an interpreter" in q[0].message and "interpreter" not in q[1].message
    variant = quotes(check_corpus(corpus_of(MODI_RECORD, 'Modi said: "Democracy is in our DNA. Democracy is '
                                                          'our very spirit."')))
    assert variant[0].verdict == "variant" and "through an interpreter" in variant[0].message
