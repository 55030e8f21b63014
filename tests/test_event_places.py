"""Where an article puts the recorded event: a town named after a building, a wire dateline, a region
the speaker left or spoke in; and the background places that are not the event's (a trip under way, a
habit, a time counted from another event). Sentences are real press sentences (benchmarks/accuracy/
and coverage read while building it), with the place changed where a wrong one is needed."""
import datetime as dt

from crosscheck.checks.extract import extract_quotes
from crosscheck.model import Corpus, Source
from crosscheck.pipeline import check_corpus
from crosscheck.text.numbers import find_numbers
from crosscheck.text.places import find_places

WH = """\
Remarks by President Biden Before Marine One Departure

South Lawn

10:34 A.M. EST

Q    Mr. President, do you hold Iran responsible for the death of the three Americans?

THE PRESIDENT:  I do hold them responsible, in the sense that they're supplying the weapons to the people who did it.

Q    Have you decided how you will respond?

THE PRESIDENT:  Yes.  I don't think we need a wider war in the Middle East.  That's not what I'm looking for.
"""

ELYSEE = """\
Déclaration du Président de la République suite à l'attentat de Conflans-Sainte-Honorine

Je voulais ce soir, accompagné des Ministres, dire quelques mots. Un de nos concitoyens a été assassiné aujourd'hui parce qu'il enseignait la liberté d'expression. Ils ne passeront pas.
"""


def corpus(transcript: str, article: str, place: str, day: dt.date, lang: str) -> Corpus:
    ref = Source(id="ref", role="reference", path="ref.txt", text=transcript, place=place,
                 published=day, language=lang)
    press = Source(id="a", role="press", path="a.txt", text=article, published=day, language=lang)
    return Corpus(root="", manifest=None, sources=[ref, press])


def places(article: str, transcript: str = WH, place: str = "Washington", day=dt.date(2024, 1, 30), lang="en"):
    report = check_corpus(corpus(transcript, article, place, day, lang))
    return sorted(f.span.text for f in report.findings if f.kind == "place" and f.severity in ("warning", "error"))


def dates(article: str, transcript: str = WH, day=dt.date(2024, 1, 30)):
    report = check_corpus(corpus(transcript, article, "Washington", day, "en"))
    return sorted(f.span.text for f in report.findings if f.kind == "date" and f.severity in ("warning", "error"))


def test_a_town_named_after_the_building_is_where_the_event_was():
    got = [p.text for p in find_places("Emmanuel Macron s’est rendu vendredi soir au collège Bois d’Aulne de "
                                       "Mantes-la-Jolie (Yvelines), où enseignait le professeur.")]
    assert got == ["Mantes-la-Jolie"]
    assert [p.text for p in find_places("Devant le collège Bois-d'Aulne d'Éragny, il s'est exprimé")] == ["Éragny"]
    # an unknown word after the building is no town: nothing
    assert find_places("au collège Bois d’Aulne, où il enseignait") == []


def test_the_office_in_the_records_title_makes_le_president_a_participant():
    article = "Le président s’est rendu à Versailles à proximité du collège où un enseignant a été tué.\n"
    assert places(article, ELYSEE, "Conflans-Sainte-Honorine", dt.date(2020, 10, 16), "fr") == ["Versailles"]
    right = "Le président s’est rendu à Conflans-Sainte-Honorine à proximité du collège.\n"
    assert places(right, ELYSEE, "Conflans-Sainte-Honorine", dt.date(2020, 10, 16), "fr") == []


def test_a_wire_dateline_is_a_place_claim():
    assert [(p.text, p.level) for p in find_places("MUNICH, Germany -- Russian President said")] == [("MUNICH", "city")]
    assert [p.text for p in find_places("WASHINGTON (Reuters) - U.S. President Joe Biden said")] == ["WASHINGTON"]
    assert find_places("BREAKING - markets fell") == []  # not a place
    wrong = "BOSTON (Reuters) - U.S. President Joe Biden said on Tuesday he has decided how to respond.\n"
    assert places(wrong) == ["BOSTON"]
    right = "WASHINGTON (Reuters) - U.S. President Joe Biden said on Tuesday he has decided how to respond.\n"
    assert places(right) == []


def test_a_region_the_speaker_left_or_spoke_in():
    assert places("Yet Biden was upbeat as he left Delaware, declaring: “I don’t think we need a wider war.”\n") == \
        ["Delaware"]
    assert places("President Biden told reporters Tuesday in Nevada that he had decided how to respond.\n") == ["Nevada"]
    # the region of something else in the sentence is not where he spoke
    assert places("President Biden said Tuesday the war in Ukraine must end.\n") == []


def test_the_place_someone_was_welcomed_to_is_the_events():
    # UPI on Biden and Yoon at the White House (26 April 2023), the place changed
    both = WH + "\nPRESIDENT YOON:  (As interpreted.)  Thank you, Mr. President, for welcoming me.\n"
    assert places("U.S. President Joe Biden welcomed South Korean President Yoon Suk Yeol to New York "
                  "and said “I don’t think we need a wider war.”\n", both) == ["New York"]
    assert places("Joe Biden welcomed President Yoon to Washington and said “I don’t think we need a wider "
                  "war.”\n", both) == []
    # where he flew after the recorded words is no claim about them (Reuters and the New York Post
    # on Marine One departures, 30 January 2024 and 6 December 2022)
    assert places("Biden, speaking to reporters as he left the White House on a campaign trip to Florida, "
                  "said “I don’t think we need a wider war.”\n") == []
    assert places("President Biden flew to Arizona Tuesday to give a speech, but said “I don’t think we need "
                  "a wider war.”\n") == []


def test_a_place_the_record_names_only_as_a_destination_is_not_another_occasion():
    # the record's title says where he was going, not where he spoke: "told reporters Monday in Florida"
    # (a wrong day too) is the recorded exchange moved, not a sentence about another day there
    dcpd = WH.replace("Before Marine One Departure", "Prior to Departure for West Palm Beach, Florida")
    article = "President Biden told reporters Monday in Florida that he had decided how to respond.\n"
    assert places(article, dcpd) == ["Florida"]
    # a place the record has him at on another day stays another occasion
    thursday = dcpd.replace("That's not what I'm looking for.", "Thursday I was in Florida for a fundraiser.")
    assert places(article, thursday) == []


def test_background_places_are_not_the_event():
    # real sentences from coverage of a Marine One departure and of a statement in Nice
    assert places("Biden is visiting a Taiwanese semiconductor manufacturing plant in Arizona that recently "
                  "received a $40 billion investment.\n") == []
    assert places("Throughout his time as president, Biden has consistently called for protections, and he has "
                  "often been found attending Catholic mass either in Wilmington, Del., or in Washington.\n") == []
    nice = "Déclaration du Président de la République à Nice\n\nUne fois encore notre pays a été frappé.\n"
    article = ("Quatre ans après l'assassinat du père Hamel à Saint-Étienne-du-Rouvray, \"c'est une nouvelle fois "
               "les catholiques qui sont attaqués\", a estimé le chef de l'État.\n")
    assert places(article, nice, "Nice", dt.date(2020, 10, 29), "fr") == []


def test_people_counted_by_nationality_are_one_count():
    units = {n.text: n.unit for t in ["Five U.S. service members were killed", "killed four U.S. troops",
                                       "the death of the three Americans", "killed three American soldiers",
                                       "15 new border crossings"] for n in find_numbers(t)}
    assert units == {"Five": "american", "four": "american", "three": "american", "15": "border"}
    report = check_corpus(corpus(WH, "Biden said Tuesday he had decided how to respond to the Iran-backed drone "
                                     "strike that killed four U.S. troops in Jordan.\n", "Washington",
                                 dt.date(2024, 1, 30), "en"))
    assert [(f.kind, f.span.text) for f in report.findings if f.kind == "number"] == [("number", "four")]


def test_asked_names_who_was_asked_and_the_nearer_cue_speaks():
    src = Source("a", "press", "a.txt", "“Why go to a border state and not visit the border?” a reporter asked "
                                        "Biden on the White House lawn as he departed for Arizona.")
    assert [q.speaker for q in extract_quotes(src)] == [None]
    src = Source("a", "press", "a.txt", "When Fox News correspondent Peter Doocy asked Biden, amid the whirr of the "
                                        "helicopter, why he did not have plans to visit the border, the president "
                                        "replied: \"Because there are more important things going on.\"")
    assert [q.speaker for q in extract_quotes(src)] != ["Peter Doocy"]
    src = Source("a", "press", "a.txt", "Putin hails first meeting with Trump and says he 'thinks' the US president "
                                        "accepts Russia's denial. It's the leaders' summit.")
    assert [q.span.text for q in extract_quotes(src)] == ["thinks"]  # headline single quotes, not apostrophes


def test_a_named_venue_is_compared_with_the_records_heading():
    # the record's heading says "South Lawn": the White House; these real sentences, venue changed
    assert places("Speaking at Joint Base Andrews on Tuesday, Biden said he had decided how to respond.\n") == \
        ["Joint Base Andrews"]
    assert places("Biden spoke with reporters outside the Pentagon, saying he had decided how to respond.\n") == \
        ["the Pentagon"]
    assert places("Biden spoke with reporters outside the White House, saying he had decided how to respond.\n") == []
    assert places("Biden told reporters on the South Lawn that he had decided how to respond.\n") == []
    # a venue that is not where the words were said
    assert places("With Republicans at the Capitol talking with Biden's team, the president said: "
                  "“I don't think we need a wider war in the Middle East.”\n") == []


def test_without_a_venue_in_the_record_the_venues_town_is_compared():
    statement = ("Déclaration du Président de la République suite à l'attentat de Conflans-Sainte-Honorine\n\n"
                 "Je voulais ce soir dire quelques mots. Ils ne passeront pas.\n")
    day = dt.date(2020, 10, 16)
    assert places("Le président s’est exprimé devant l'Élysée vendredi soir.\n", statement,
                  "Conflans-Sainte-Honorine", day, "fr") == ["l'Élysée"]
    assert places("Le président s’est exprimé devant l'Élysée vendredi soir.\n", statement, "Paris", day, "fr") == []


def test_a_quotation_of_the_record_dates_what_was_said():
    from pathlib import Path

    wh23 = (Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy" / "real" / "wh-2023-05-26-marine-one"
            / "transcript.txt").read_text(encoding="utf-8")
    # AP's lead, the weekday changed: the quotation ("very close") is the words said that day
    article = ("President Joe Biden said a deal to raise the government's debt ceiling seemed \"very close\" late "
               "Thursday, even as the deadline for a potentially catastrophic default was pushed back to June 5.\n")
    report = check_corpus(corpus(wh23, article, "Washington", dt.date(2023, 5, 26), "en"))
    assert [f.span.text for f in report.findings if f.kind == "date"] == ["Thursday"]
    right = article.replace("Thursday", "Friday")
    report = check_corpus(corpus(wh23, right, "Washington", dt.date(2023, 5, 26), "en"))
    assert [f.span.text for f in report.findings if f.kind == "date"] == []


def test_people_the_record_counts_by_naming_them():
    # record (State Department, 27 July 2022): "the release of Americans Paul Whelan and Brittney Griner"
    record = ("Secretary Antony J. Blinken At a Press Availability\n\nSECRETARY BLINKEN:  I plan to raise an issue "
              "that's a top priority for us: the release of Americans Paul Whelan and Brittney Griner, who have "
              "been wrongfully detained and must be allowed to come home.\n")
    article = "The administration faces calls to secure the release of the {} Americans detained in Russia.\n"
    report = check_corpus(corpus(record, article.format("three"), "Washington", dt.date(2022, 7, 27), "en"))
    (f,) = [f for f in report.findings if f.kind == "number"]
    assert f.span.text == "three" and "Paul Whelan and Brittney Griner" in f.message
    report = check_corpus(corpus(record, article.format("two"), "Washington", dt.date(2022, 7, 27), "en"))
    assert [f for f in report.findings if f.kind == "number"] == []


def test_an_arrival_told_as_background_does_not_date_the_event():
    # real sentences (AFP on Lavrov–Kerry, UPI on Biden–Yoon), one day before the recorded event
    record = WH.replace("Remarks by President Biden Before Marine One Departure", "Remarks by President Biden")
    assert dates("Arrivé lundi dans la capitale, Joe Biden a profité des entretiens pour répondre.\n", record) == []
    assert dates("Biden, who arrived in Washington on Monday, told reporters he had decided.\n", record) == []
    assert dates("Biden arrived in Washington on Monday for a six-day visit and told reporters he had decided.\n",
                 record) == []
    # words said on arrival are dated by it
    assert dates("Biden told reporters as he arrived on Monday that he had decided.\n", record) == ["Monday"]


def test_a_city_whose_name_starts_with_a_common_word():
    assert [p.text for p in find_places("a press conference in New York on Monday, then talks in New Delhi")] == \
        ["New York", "New Delhi"]
    assert places("President Biden told reporters on Tuesday in New Delhi that he had decided how to respond.\n") \
        == ["New Delhi"]


def test_another_room_of_the_recorded_building_where_the_words_were_said():
    # the record's heading names the room (White House, Biden–Yoon news conference, 26 April 2023)
    record = WH.replace("South Lawn", "Rose Garden")
    assert places("“The alliance has flourished in peace,” said Biden from the White House’s East Room.\n",
                  record) == ["East Room"]
    assert places("“The alliance has flourished in peace,” Biden told a news conference in the Rose Garden.\n",
                  record) == []
    # where the leaders met before is not where the words were said
    assert places("After talks in the Oval Office, Biden said the alliance was strong.\n", record) == []
    # the venue as the press conference's own (the Washington Times, Biden–Macron, 1 December 2022)
    east = WH.replace("South Lawn", "East Room")
    assert places("Mr. Biden mounted his defense of the law in a Rose Garden press conference.\n", east) == [
        "Rose Garden"]
    assert places("Mr. Biden mounted his defense of the law in an East Room press conference.\n", east) == []


def test_an_ordinal_is_compared_with_the_records_ordinal_of_the_same_thing():
    # DoD transcript, AUSMIN 2024: "a really terrific session, the 34th AUSMIN that's been held between our countries"
    record = ("SECRETARY BLINKEN:  We're so grateful to have had a really terrific session, the 34th AUSMIN "
              "that's been held between our countries.\n")
    article = "Blinken, who spoke after the {} annual AUSMIN talks at the Naval Academy, said the alliance was strong.\n"

    def numbers(which):
        report = check_corpus(corpus(record, article.format(which), "Annapolis", dt.date(2024, 8, 6), "en"))
        return [f.span.text for f in report.findings if f.kind == "number"]
    assert numbers("35th") == ["35th"]
    assert numbers("34th") == []


def test_a_venue_further_from_its_event_word_within_one_clause():
    # AFP on AUSMIN 2024 (Annapolis), with the venue changed: the object of "talks" sits between them
    record = "Secretary Blinken at a Joint Press Conference\n\nSECRETARY BLINKEN:  Thank you all.\n"
    article = ("Blinken, who spoke after talks with the Australian foreign and defense ministers at the Pentagon, "
               "said the United States was working to de-escalate tensions.\n")
    assert places(article, record, "Annapolis", dt.date(2024, 8, 6)) == ["the Pentagon"]
    # a clause between them: the venue is not where the words were said
    article = "Blinken held talks, then the ministers, who had earlier met reporters at the Pentagon, left.\n"
    assert places(article, record, "Annapolis", dt.date(2024, 8, 6)) == []


def test_a_weekday_right_after_the_participants_name_dates_the_event():
    # Washington Times on Biden–Yoon (a Wednesday), with the weekday changed: the verb of saying comes late
    article = ("President Biden on Thursday issued a stern warning to North Korea, saying any nuclear attack on "
               "the U.S. or its allies would result in the end of whatever regime launched it.\n")
    assert dates(article, day=dt.date(2024, 1, 30)) == ["Thursday"]
    assert dates(article.replace("Thursday", "Tuesday"), day=dt.date(2024, 1, 30)) == []


def test_the_two_leaders_are_the_records_speakers_together():
    record = ("Remarks by President Biden and Prime Minister Tanaka\n\nPRESIDENT BIDEN:  We agreed.\n\n"
              "PRIME MINISTER TANAKA:  (As interpreted.)  We are united.\n")
    assert places("The two leaders met in Berlin on Friday.\n", record) == ["Berlin"]
    assert places("Les deux dirigeants se sont entretenus à Berlin.\n", record, lang="fr") == ["Berlin"]
    # a record with one speaker has no "two leaders"
    assert places("The two leaders met in Berlin on Friday.\n") == []


def test_the_united_states_is_no_verb_of_saying():
    # Scroll.in on Modi's state visit (June 2023): "States" is not "states" (says)
    assert dates("President Biden is in the United States on a three-day visit, starting January 28.\n") == []
    from crosscheck.checks.facts.context import SPEECH_CUE_RE
    assert [m.group() for m in SPEECH_CUE_RE.finditer("in the United States. The report states that")] == ["states"]


def test_french_verbs_of_telling():
    (q,) = extract_quotes(Source(id="a", role="press", path="a.txt",
                                 text="« C'est un grand jour », a raconté Vladimir Poutine."))
    assert q.speaker == "Vladimir Poutine"


def test_a_place_in_the_records_own_words_about_another_occasion():
    # PTI on Modi at the White House (22 June 2023): "the promises they made in Paris" is the record's too
    record = WH.replace("That's not what I'm looking for.",
                        "You perhaps know that the G20 countries, the promises they made in Paris, we kept them.")
    assert places("India is the only G20 country that has fulfilled all the promises it made in Paris on climate "
                  "change, President Biden said on Tuesday.\n", record) == []
    assert places("President Biden said in Paris on Tuesday that India kept the promises.\n", record) == ["Paris"]


def test_new_york_is_the_city_not_the_state():
    # AP's dateline on the Biden–Macron press conference (1 December 2022), the city changed
    assert places("NEW YORK (AP) — President Biden said “I don’t think we need a wider war.”\n") == ["NEW YORK"]
    assert places("President Biden told reporters in New York that he had decided how to respond.\n") == ["New York"]
    # a state that is only a state is still compared only where the words were said
    assert places("President Biden said Tuesday the storm in Texas had passed.\n") == []


def test_the_period_of_mr_ends_no_clause_before_a_venue():
    # the Washington Times on Biden and Macron (1 December 2022), the venue changed
    both = WH + "\nPRESIDENT MACRON:  (As interpreted.)  Thank you, Mr. President.\n"
    assert places("Biden said at a press conference with Mr. Macron at the Pentagon that he had decided "
                  "how to respond.\n", both) == ["the Pentagon"]
    assert places("Biden said he had decided. Mr. Macron later toured the Pentagon.\n", both) == []


def test_answering_a_question_dates_the_event():
    # IANS on Modi at the White House (June 2023), the date changed
    assert dates("President Biden was responding to a question from a reporter on January 26 about the attack.\n") == [
        "January 26"]


def test_a_meeting_with_other_people_is_another_occasion():
    # the Washington Times on Macron's state visit (1 December 2022): the day before, other people
    sentence = ("President Biden chided the law in a closed-door meeting {day} with lawmakers on Capitol Hill, "
                "saying “I don’t think we need a wider war.”\n")
    assert places(sentence.format(day="Monday")) == [] and dates(sentence.format(day="Monday")) == []
    assert dates("President Biden chided the law in a closed-door meeting Monday with President Yoon, saying "
                 "“I don’t think we need a wider war.”\n") == ["Monday"]


def test_a_rendez_vous_is_the_event():
    # Le Parisien on Macron and Putin at Versailles (29 May 2017), the place changed
    record = ("Conférence de presse de M. Emmanuel Macron et M. Vladimir Poutine, Versailles\n\n"
              "M. Macron : Je suis heureux d'accueillir le président Poutine.\n\n"
              "M. Poutine : Merci.\n")
    article = "Emmanuel Macron et Vladimir Poutine avaient rendez-vous à Paris.\n"
    assert places(article, record, place="Versailles", day=dt.date(2017, 5, 29), lang="fr") == ["Paris"]


def test_a_far_date_on_the_records_own_words_is_the_event_misdated():
    # a wire story on a press conference, its date moved two months: the words quoted are the record's
    long = "“I do hold them responsible, in the sense that they're supplying the weapons.”"
    assert dates(f"President Biden said on November 28: {long}\n") == ["November 28"]
    # a few words only ("a wider war"), or none: another occasion, as before
    assert dates("President Biden said on November 28 he did not want “a wider war”.\n") == []
