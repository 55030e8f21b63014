"""Number and date forms reaching the fact comparison, end to end, in English and French:
thousands separators, number words with units, percents in words, month-day dates without a
year, and weekdays dating a statement (resolved against the publication date)."""
from __future__ import annotations

import pytest

from crosscheck import check_corpus, load_corpus

MANIFEST = ('[[source]]\nid = "record"\npath = "record.txt"\nrole = "reference"\npublished = 2022-03-14\n'
            'language = "{lang}"\n\n[[source]]\nid = "wire"\npath = "wire.txt"\nrole = "press"\n'
            'published = 2022-03-15\nlanguage = "{lang}"\n')

RECORD_EN = """Remarks by President Jane Doe and Chancellor Max Ruber after their meeting, Washington, March 14, 2022

President Doe: We just had a productive meeting that lasted three hours. Our allies now have about 30,000 troops on the eastern flank. Today we agreed to open 12 new border crossings for refugees. Only 14 percent of the promised aid has been delivered so far.
Chancellor Ruber: There will be no longer Nord Stream 2. We will never accept any threat against our allies.
"""
WIRE_EN = """President Jane Doe met Chancellor Max Ruber in Washington on March 13.
The allies now have about 300,000 troops on the eastern flank, Doe said.
The leaders agreed to open 15 new border crossings for refugees, Doe said.
Only forty percent of the promised aid has been delivered so far, she added.
Ruber reaffirmed Sunday that "there will be no longer Nord Stream 2".
Doe said they had just had a productive five-hour meeting.
"""
RECORD_FR = """Déclaration de la Présidente Jeanne Durand et du Chancelier Max Ruber après leur entretien, Paris, 14 mars 2022

Jeanne Durand : Nous venons d'avoir un entretien productif qui a duré trois heures. Nos alliés ont maintenant environ 30 000 soldats sur le flanc oriental. Nous avons décidé d'ouvrir 12 nouveaux points de passage pour les réfugiés. Seuls 14 % de l'aide promise ont été livrés à ce jour.
Max Ruber : Il n'y aura plus de Nord Stream 2.
"""
WIRE_FR = """La présidente Jeanne Durand a rencontré le chancelier Max Ruber à Paris le 13 mars.
Nos alliés ont maintenant environ 300.000 soldats sur le flanc oriental, a indiqué Jeanne Durand.
Les deux dirigeants ont décidé d'ouvrir 15 nouveaux points de passage pour les réfugiés, a dit Jeanne Durand.
Seuls quarante pour cent de l'aide promise ont été livrés à ce jour, a-t-elle ajouté.
Max Ruber a réaffirmé dimanche qu'« il n'y aura plus de Nord Stream 2 ».
"""


def _conflicts(tmp_path, lang, record, wire):
    (tmp_path / "record.txt").write_text(record, encoding="utf-8")
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(MANIFEST.format(lang=lang), encoding="utf-8")
    report = check_corpus(load_corpus(tmp_path))
    for f in report.findings:
        assert wire[f.span.start:f.span.end] == f.span.text
    return sorted((f.kind, f.span.text, f.expected, f.severity) for f in report.findings
                  if f.kind in ("number", "date") and f.verdict == "conflict")


def test_english_numbers_and_dates_reach_the_comparison(tmp_path):
    assert _conflicts(tmp_path, "en", RECORD_EN, WIRE_EN) == [
        ("date", "March 13", "2022-03-14", "warning"),  # the event, "met ... on March 13"
        ("date", "Sunday", "2022-03-14", "warning"),  # "reaffirmed Sunday": Sunday 13, not Monday 14
        ("number", "15", "12", "error"),
        ("number", "300,000", "30,000", "error"),  # not 300
        ("number", "five", "three", "error"),  # "five-hour meeting" / "meeting that lasted three hours"
        ("number", "forty percent", "14 percent", "error"),
    ]


def test_french_numbers_and_dates_reach_the_comparison(tmp_path):
    assert _conflicts(tmp_path, "fr", RECORD_FR, WIRE_FR) == [
        ("date", "13 mars", "2022-03-14", "warning"),
        ("date", "dimanche", "2022-03-14", "warning"),
        ("number", "15", "12", "error"),
        ("number", "300.000", "30 000", "error"),
        ("number", "quarante pour cent", "14 %", "error"),
    ]


def test_a_statement_made_on_the_records_day_is_no_conflict(tmp_path):
    wire = WIRE_EN.replace("reaffirmed Sunday", "reaffirmed Monday").replace("March 13", "March 14")
    assert [c for c in _conflicts(tmp_path, "en", RECORD_EN, wire) if c[0] == "date"] == []


@pytest.mark.parametrize("lang, record, wire, expected", [
    ("en", "Remarks by President Jane Doe after the summit, Hamburg, March 14, 2022\n\n"
           "President Doe: I answered questions on the results of the two-day G20 summit.\n",
     "Speaking to reporters after the four-day Group of 20 summit ended, Jane Doe said she was pleased.\n",
     [("four", "two")]),
    ("fr", "Déclaration de la Présidente Jeanne Durand après le sommet, Hambourg, 14 mars 2022\n\n"
           "Jeanne Durand : Je réponds à vos questions à l'issue d'un sommet de deux jours.\n",
     "À l'issue d'un sommet de trois jours, Jeanne Durand s'est dite satisfaite.\n",
     [("trois", "deux")]),
    # the same unit for another thing (nothing else in common): no claim about the record's count
    ("en", "Remarks by President Jane Doe after the summit, Hamburg, March 14, 2022\n\n"
           "President Doe: I answered questions on the results of the two-day G20 summit.\n",
     "Jane Doe flew home after a four-day trip through Europe.\n", []),
    # time reached as an ordinal: "its sixth month" is five to six months (Blinken, 27 July 2022)
    *[("en", "Press availability of Secretary Jane Doe, Washington, July 27, 2022\n\n"
             "SECRETARY DOE:  This week, President Putin’s war on Ukraine entered its sixth month.\n",
       f"Doe will call Lavrov for the first time since the war in Ukraine {said}.\n", expected)
      for said, expected in [("began more than seven months ago", [("seven", "sixth")]),
                             ("began more than five months ago", []), ("entered its seventh month", [("seventh", "sixth")]),
                             ("began six months ago", [])]],
    # a span of time counts what is said next to it (Macron and Putin at Versailles, 29 May 2017)
    *[("fr", "Déclaration de la Présidente Jeanne Durand, Versailles, 29 mai 2017\n\n"
             "Jeanne Durand : Il y a trois cents ans, Pierre le Grand faisait sa visite en France.\n",
       wire, expected) for wire, expected in [
          ("Lors de sa visite, Pierre le Grand avait rencontré Louis XV, alors âgé de sept ans.\n", []),
          ("Il y a deux cents ans, Pierre le Grand faisait sa visite en France, a rappelé Jeanne Durand.\n",
           [("deux cents", "trois cents")])]],
    ("fr", "Déclaration de la Présidente Jeanne Durand, Paris, 14 mars 2022\n\n"
           "Jeanne Durand : La guerre en Ukraine entre dans sa troisième année.\n",
     "Depuis le début de la guerre en Ukraine, il y a quatre années, Jeanne Durand soutient Kiev.\n",
     [("quatre", "troisième")]),
])
def test_a_count_the_record_gives_once(tmp_path, lang, record, wire, expected):
    """A count restated in the article's own words, outside any aligned sentence pair."""
    (tmp_path / "record.txt").write_text(record, encoding="utf-8")
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(MANIFEST.format(lang=lang), encoding="utf-8")
    report = check_corpus(load_corpus(tmp_path))
    got = [(f.span.text, f.expected) for f in report.findings if f.kind == "number"]
    assert got == expected


def test_the_speakers_own_today_quoted_the_next_day_is_no_conflict(tmp_path):
    record = ("Déclaration du Président Emmanuel Macron, Conflans, 14 mars 2022\n\n"
              "Emmanuel Macron : Un de nos concitoyens a été assassiné aujourd'hui parce qu'il enseignait.\n")
    wire = "« Un de nos concitoyens a été assassiné aujourd’hui parce qu’il enseignait », a déclaré Emmanuel Macron.\n"
    assert [c for c in _conflicts(tmp_path, "fr", record, wire) if c[0] == "date"] == []
