"""Transcript formats read as data: shouted labels with titles, bare Q lines, speeches without labels,
and the manifest's place and date winning over what a heading says."""
import datetime as dt

from crosscheck.checks.record import record_facts
from crosscheck.checks.segment import segment
from crosscheck.model import Source
from crosscheck.text.names import PersonIndex
from crosscheck.text.speakers import read_label

WHITE_HOUSE = """\
Remarks by President Biden and Prime Minister Sato in Joint Press Conference

East Room

2:15 P.M. EDT

PRESIDENT BIDEN:  Good afternoon.  We had a productive meeting today, and we agreed on three things.

PRIME MINISTER SATO:  (As interpreted.)  Thank you, Joe.  Our alliance has never been stronger.

MODERATOR:  We will take two questions from each side.

Q    Mr. President, will you visit Tokyo this year?

PRESIDENT BIDEN:  I hope so.  We are working on it.

Q    Prime Minister, what about the trade talks?

PRIME MINISTER SATO:  (As interpreted.)  They will resume next month.
"""

STATE = """\
Secretary Antony J. Blinken at a Press Availability

SECRETARY BLINKEN:  Good afternoon, everyone.  The talks lasted three hours.

MR. PRICE:  Go ahead, Matt.

QUESTION:  Thank you.  Did you raise the detained Americans?

SECRETARY BLINKEN:  I did, and I will again.
"""

ELYSEE = """\
Ce vendredi, le Président Emmanuel Macron s'est rendu à Lyon.
DÉCLARATION DU PRÉSIDENT DE LA RÉPUBLIQUE À LYON
Je voulais ce soir dire quelques mots. Nous ne céderons pas.
"""


def speakers(text, place=None, published=None):
    seg = segment(Source(id="r", role="reference", path="r.txt", text=text, place=place, published=published))
    return seg, {s.text: s.speaker for s in seg.sentences}


def test_white_house_labels_bare_q_and_moderator():
    seg, by = speakers(WHITE_HOUSE)
    assert by["We had a productive meeting today, and we agreed on three things."] == "President Biden"
    assert by["Our alliance has never been stronger."] == "Prime Minister Sato"
    assert by["Mr. President, will you visit Tokyo this year?"] == "Question"  # a bare Q line is a turn
    assert by["I hope so."] == "President Biden"
    assert by["Prime Minister, what about the trade talks?"] == "Question"
    assert by["We will take two questions from each side."] == "Moderator"


def test_state_department_labels():
    _, by = speakers(STATE)
    assert by["The talks lasted three hours."] == "Secretary Blinken"
    assert by["Go ahead, Matt."] == "Mr. Price"
    assert by["Did you raise the detained Americans?"] == "Question"


def test_the_president_is_the_president_the_heading_names():
    text = "Remarks by President Biden Before Marine One Departure\n\nQ  Will you go?\n\nTHE PRESIDENT:  Yes, I will.\n"
    _, by = speakers(text)
    assert by["Yes, I will."] == "President Biden"
    assert by["Will you go?"] == "Question"


def test_speech_without_labels_is_given_to_the_person_the_heading_titles():
    _, by = speakers(ELYSEE)
    assert by["Nous ne céderons pas."] == "Emmanuel Macron"


def test_manifest_place_and_date_win_over_the_heading():
    seg, _ = speakers(WHITE_HOUSE, place="Washington", published=dt.date(2023, 1, 13))
    assert seg.releases[0].place == "Washington"  # not "Joint Press" from "... in Joint Press Conference"
    assert seg.releases[0].date == dt.date(2023, 1, 13)


def test_record_people_from_shouted_labels_resolve_article_forms():
    seg, _ = speakers(WHITE_HOUSE)
    people: PersonIndex = record_facts([seg])[0]
    biden = people.resolve_full(("Joe", "Biden"))
    assert biden is not None and biden.verdict == "match"
    sato = people.resolve_full(("Sato", "Taro"))  # family-first order, given name unverifiable
    assert sato is not None and sato.verdict == "match"
    typo = people.resolve_full(("Joe", "Bidden"))
    assert typo is not None and typo.verdict == "misspelling"


def test_read_label():
    assert read_label("PRIME MINISTER KISHIDA").display == "Prime Minister Kishida"
    assert read_label("Q").role == "journalist"
    assert read_label("QUESTION").role == "journalist"
    assert read_label("MODERATOR").role == "moderator"
    assert read_label("Sergueï Lavrov").display == "Sergueï Lavrov"
    assert read_label("MS. JEAN-PIERRE").display == "Ms. Jean-Pierre"


def test_name_order_and_romanisation():
    people = PersonIndex()
    people.add(("Kishida", "Fumio"))
    people.add(("Cho", "Tae-yul"))
    people.add(("John", "Smith"))
    assert people.resolve_full(("Fumio", "Kishida")).verdict == "variant"
    assert people.resolve_full(("Fumio", "Kishido")).verdict == "misspelling"
    assert people.resolve_full(("Jo", "Tae-yeol")).verdict == "misspelling"
    assert people.resolve_full(("Jon", "Smyth")).verdict == "misspelling"
    assert people.resolve_full(("Hunter", "Smith")) is None  # another person with the same surname
