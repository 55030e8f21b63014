"""Segmentation: releases, speaker turns, paragraphs and sentences, each with exact offsets."""
from __future__ import annotations

import pytest

from crosscheck.model import Source
from crosscheck.checks.segment import paragraphs, segment, split_sentences


@pytest.fixture(scope="module")
def transcript(seed_corpus):
    return segment(seed_corpus.references[0])


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# ---- the seed transcript -------------------------------------------------------------------------

def test_offsets_round_trip_on_every_segment_of_the_seed_transcript(transcript):
    text = transcript.source.text
    assert len(transcript.sentences) > 150
    for seg in transcript.sentences:
        assert text[seg.start:seg.end] == seg.text
        assert seg.text == seg.text.strip()
        assert seg.text
    for rel in transcript.releases:
        assert 0 <= rel.start < rel.end <= len(text)
    for turn in transcript.turns:
        assert text[turn.start:].lstrip().startswith(turn.speaker)


def test_sentences_are_ordered_and_disjoint(transcript):
    ends = [(s.start, s.end) for s in transcript.sentences]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


def test_the_four_releases_with_titles_and_urls(transcript):
    rels = transcript.releases
    assert [r.index for r in rels] == [0, 1, 2, 3]
    assert [r.url for r in rels] == [
        "https://mid.ru/en/foreign_policy/news/2035683/",
        "https://mid.ru/en/foreign_policy/news/2035711/",
        "https://mid.ru/en/foreign_policy/news/2035720/",
        "https://mid.ru/en/foreign_policy/news/2035725/",
    ]
    assert rels[0].title.startswith("Discours d’ouverture du ministre des Affaires étrangères Sergueï Lavrov")
    assert rels[1].title.startswith("Allocution et réponses du ministre")
    assert rels[2].title.startswith("Communiqué de presse concernant les entretiens")
    assert rels[3].title.startswith("Allocution d’ouverture du ministre")
    assert "Kim Jong-un" in rels[3].title
    text = transcript.source.text
    # The table of contents lists the titles first; each release starts at the heading's repeat.
    for r in rels:
        assert text[r.start:].startswith(f"{r.index + 1}°/")
        assert text.count(r.title) == 2 and text.index(r.title) < r.start
    # Releases tile the file from the first real heading to the end.
    assert all(a.end == b.start for a, b in zip(rels, rels[1:]))
    assert rels[-1].end == len(text)
    # Each release closes with its own URL line.
    for r in rels:
        assert text[r.start:r.end].rstrip().endswith(r.url)


def test_release_dates_and_places(transcript):
    assert {str(r.date) for r in transcript.releases} == {"2025-07-12"}
    assert all(r.place == "Wonsan" for r in transcript.releases)


def test_speaker_turns(transcript):
    by_release: dict[int, list[str]] = {}
    for t in transcript.turns:
        by_release.setdefault(t.release, []).append(t.speaker)
    # Release 2 (press answers): eleven questions, each answered by Lavrov.
    assert by_release[1] == ["Question", "Sergueï Lavrov"] * 11
    # Release 4 (meeting with Kim Jong-un): an exchange.
    assert by_release[3] == ["Sergueï Lavrov", "Kim Jong-un", "Sergueï Lavrov"]
    assert 0 not in by_release and 2 not in by_release


def test_sentences_carry_their_speaker(transcript):
    text = transcript.source.text
    kim = [s.text for s in transcript.sentences if s.speaker == "Kim Jong-un"]
    assert kim[0] == "Vous avez été très actif en politique étrangère ces derniers temps."
    assert "Je suis heureux que nous nous rencontrions ici." in kim
    question = next(s for s in transcript.sentences if s.speaker == "Question")
    assert question.text.startswith("Le président russe Vladimir Poutine s’est rendu en Corée du Nord")
    assert not question.text.startswith("Question")  # the label is not part of the sentence
    # An opening speech without turns belongs to the person its heading names.
    assert transcript.releases[0].default_speaker == "Sergueï Lavrov"
    opening = [s for s in transcript.sentences if s.release == 0 and s.speaker == "Sergueï Lavrov"]
    assert any(s.text.startswith("Je suis heureux d’avoir l’occasion") for s in opening)
    # The press communiqué is the ministry's: no speaker.
    assert transcript.releases[2].default_speaker is None
    assert {s.speaker for s in transcript.sentences if s.release == 2} == {None}
    # Headings are nobody's words.
    for r in transcript.releases:
        head = [s for s in transcript.sentences if s.start == r.start]
        assert head and head[0].speaker is None
    assert all(text[s.start:s.end] == s.text for s in transcript.sentences)


def test_known_sentences_of_the_transcript(transcript):
    texts = [s.text for s in transcript.sentences]
    assert "Nous venons de signer un Plan d’échanges interministériels entre la Russie et la RPDC pour 2026-2027." in texts
    assert "C’est notre alliée." in texts


# ---- sentence splitting --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("M. Lavrov est arrivé. Il a parlé.", ["M. Lavrov est arrivé.", "Il a parlé."]),
        ("MM. Lavrov et Kim se sont vus. Puis Mme Choe.", ["MM. Lavrov et Kim se sont vus.", "Puis Mme Choe."]),
        ("S. Lavrov a dit oui. Kim a dit non.", ["S. Lavrov a dit oui.", "Kim a dit non."]),
        ("Mr. Kim met Mr. Lavrov in Wonsan. Then they left.", ["Mr. Kim met Mr. Lavrov in Wonsan.", "Then they left."]),
        ("Dr. Smith said so. Done.", ["Dr. Smith said so.", "Done."]),
        ("Le 12e cycle a eu lieu. Le suivant aussi.", ["Le 12e cycle a eu lieu.", "Le suivant aussi."]),
        ("Le plan pour 2026-2027. Ensuite rien.", ["Le plan pour 2026-2027.", "Ensuite rien."]),
        ("Le 12 juillet 2025. Wonsan.", ["Le 12 juillet 2025.", "Wonsan."]),
        ("La version 2.5 est sortie. Bien.", ["La version 2.5 est sortie.", "Bien."]),
        ("Il a dit... puis il est parti. Fin.", ["Il a dit... puis il est parti.", "Fin."]),
        ("Il hésite… et repart. Fin.", ["Il hésite… et repart.", "Fin."]),
        ("Attendez… Nous verrons. Oui.", ["Attendez…", "Nous verrons.", "Oui."]),
        ("Attendez... Nous verrons.", ["Attendez...", "Nous verrons."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("Vraiment ?! Oui.", ["Vraiment ?!", "Oui."]),
        ("Il a dit : « Nous gagnerons. » Puis il est parti.", ["Il a dit : « Nous gagnerons. »", "Puis il est parti."]),
        ("He said: “We will win.” Then he left.", ["He said: “We will win.”", "Then he left."]),
        ("« Nous gagnerons », a-t-il dit. Fin.", ["« Nous gagnerons », a-t-il dit.", "Fin."]),
        ("Quelle est la situation ? Un échange est-il prévu ?", ["Quelle est la situation ?", "Un échange est-il prévu ?"]),
        ("Voir l’art. 5 du traité. Fin.", ["Voir l’art. 5 du traité.", "Fin."]),
        ("No sentence end", ["No sentence end"]),
        ("", []),
        ("  \n ", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences_of(text) == expected


def test_split_sentences_inside_a_range_keeps_absolute_offsets():
    text = "Titre\nM. Lavrov est arrivé. Il a parlé.\nFin"
    start = text.index("M.")
    end = text.index("\nFin")
    got = split_sentences(text, start, end)
    assert [text[a:b] for a, b in got] == ["M. Lavrov est arrivé.", "Il a parlé."]
    assert got[0][0] == start


def test_paragraphs_are_stripped_lines():
    text = "  Un.\n\n\tDeux \u00a0\nTrois"
    assert [text[a:b] for a, b in paragraphs(text)] == ["Un.", "Deux", "Trois"]


# ---- structure of other transcripts --------------------------------------------------------------

ENGLISH = """\
Foreign Minister Sergey Lavrov's remarks at a news conference, Wonsan, July 12, 2025

Colleagues,
We have held the second round of our strategic dialogue. Mr. Kim received us.
https://mid.ru/en/foreign_policy/news/1/
Foreign Minister Sergey Lavrov's answers to media questions

Q: Will President Putin visit? When?
Sergey Lavrov: He has been invited. Dates will be agreed.
Q: And the 2026-2027 plan?
Sergey Lavrov: We signed it... It covers everything.
https://mid.ru/en/foreign_policy/news/2/
"""


def test_english_transcript_releases_and_turns():
    src = Source(id="en", role="reference", path="en.txt", text=ENGLISH)
    seg = segment(src)
    assert [r.url for r in seg.releases] == ["https://mid.ru/en/foreign_policy/news/1/",
                                             "https://mid.ru/en/foreign_policy/news/2/"]
    assert seg.releases[0].title.startswith("Foreign Minister Sergey Lavrov's remarks")
    assert seg.releases[1].title == "Foreign Minister Sergey Lavrov's answers to media questions"
    assert [(t.release, t.speaker) for t in seg.turns] == [(1, "Question"), (1, "Sergey Lavrov")] * 2
    by_text = {s.text: s for s in seg.sentences}
    assert by_text["Will President Putin visit?"].speaker == "Question"
    assert by_text["When?"].speaker == "Question"
    assert by_text["He has been invited."].speaker == "Sergey Lavrov"
    assert by_text["We signed it..."].speaker == "Sergey Lavrov"
    assert by_text["It covers everything."].speaker == "Sergey Lavrov"
    assert by_text["We have held the second round of our strategic dialogue."].release == 0
    assert "Mr. Kim received us." in by_text
    assert not any(s.text.startswith("https://") for s in seg.sentences)
    for s in seg.sentences:
        assert ENGLISH[s.start:s.end] == s.text


def test_transcript_without_structure_is_one_release():
    text = "Question : Pourquoi ?\nSergueï Lavrov : Parce que.\n"
    seg = segment(Source(id="r", role="reference", path="r.txt", text=text))
    assert len(seg.releases) == 1
    assert [(t.speaker, text[t.start:t.end]) for t in seg.turns] == [
        ("Question", "Question : Pourquoi ?\n"), ("Sergueï Lavrov", "Sergueï Lavrov : Parce que.\n")]
    assert [(s.text, s.speaker) for s in seg.sentences] == [("Pourquoi ?", "Question"), ("Parce que.", "Sergueï Lavrov")]


def test_press_segmentation_has_no_speakers(seed_corpus):
    for src in seed_corpus.press:
        seg = segment(src)
        assert seg.sentences
        for s in seg.sentences:
            assert src.text[s.start:s.end] == s.text
            assert s.speaker is None


def test_an_interpreters_note_before_the_colon_is_part_of_the_label():
    # Russian MFA French release (Lavrov–Kerry, Moscow, 24 March 2016): the guest's turn follows the host's
    # welcome; "(as interpreted):" the same in English
    text = ("Allocution de Sergueï Lavrov\n\nNous sommes ravis de vous accueillir à Moscou.\n\n"
            "John Kerry (tel que traduit par l’interprète): J’espère que notre conversation sera fructueuse.\n"
            "PRESIDENT YOON (as interpreted):  Thank you.\n")
    seg = segment(Source(id="r", role="reference", path="r.txt", text=text))
    speakers = {s.text: s.speaker for s in seg.sentences}
    assert speakers["J’espère que notre conversation sera fructueuse."] == "John Kerry"
    assert speakers["Thank you."] == "President Yoon"
