"""Build the labelled fact-check set: mutations of the Wonsan transcript's names, places, dates and
numbers, and untouched control articles. Run from the repository root:

    .venv/bin/python tests/data/facts/make_facts_set.py

It writes tests/data/facts/corpus/ (sources.toml, the transcript copied unchanged, one article per
case) and tests/data/facts/labels.json (what each article should raise). Deterministic: the same
input gives the same files. Every article sentence is a transcript sentence (found in it, checked
here) or a press-style sentence about the recorded event; each mutated article carries exactly one
change, so a finding is attributable to it.
"""
from __future__ import annotations

import json
import random
import shutil
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TRANSCRIPT = ROOT / "seeds" / "mid-2025-07-12-wonsan.txt"
OUT = HERE / "corpus"

# Record sentences used verbatim (the generator checks each occurs in the transcript).
RECORD = {
    "hours": "Nos entretiens avec la ministre des Affaires étrangères de la RPDC, Choe Son-hui, ont duré plus de trois heures.",
    "plan": "Nous venons de signer un Plan d’échanges interministériels entre la Russie et la RPDC pour 2026-2027.",
    "commission": ("Nous avons convenu que ces questions seraient examinées en détail lors de la 12e réunion de la "
                   "Commission intergouvernementale russo-coréenne de coopération commerciale, économique, "
                   "scientifique et technique."),
    "countries": ("Il y a quelque temps, l’Équipe de surveillance des sanctions multilatérales, composée de 11 pays, "
                  "dont la Corée du Sud et les États-Unis, a publié un rapport sur la coopération militaire entre la "
                  "Russie et la RPDC, dont certains aspects auraient violé les résolutions du Conseil de sécurité de l’ONU."),
    "communique": ("Le 12 juillet, le ministre des Affaires étrangères Sergueï Lavrov s’est entretenu avec son homologue "
                   "de la République populaire démocratique de Corée – Choe Son-hui, dans le cadre du deuxième cycle "
                   "du dialogue stratégique Russie-RPDC."),
    "embassy": ("Nous avons profondément apprécié votre visite à notre ambassade le 9 mai et vos propos chaleureux et "
                "sincères à l’occasion du Jour de la Victoire."),
    "minsk": ("Nous avons réaffirmé que la prochaine, la troisième (1-2) Conférence internationale sur la sécurité "
              "eurasienne se tiendra à Minsk en octobre."),
    "contacts": ("Le président russe Vladimir Poutine et le président de la Commission des affaires d’État de la RPDC, "
                 "Kim Jong-un, entretiennent des contacts réguliers."),
    "culture": ("Un exemple récent est la visite de la ministre russe de la Culture, Olga Lioubimova, au cours de "
                "laquelle des troupes de théâtre russes se sont produites en RPDC."),
    "lee": ("Le président sud-coréen Lee Jae-myung a appelé à des efforts actifs pour rétablir les liens avec la RPDC "
            "et a souligné que c’était un moyen direct de renforcer la sécurité nationale."),
    "trump": ("Concernant les États-Unis, vous avez sans doute noté les propos du président américain Donald Trump "
              "concernant la reprise des contacts entre la RPDC et les États-Unis, y compris au plus haut niveau."),
    "first_round": "Le premier cycle s’est tenu à Moscou en 2024.",
}
# Press-style sentences about the recorded event (12 July 2025, Wonsan).
EVENT = "Sergueï Lavrov s’est entretenu le 12 juillet 2025 à Wonsan avec son homologue Choe Son-hui."
EVENT_REL = "Le chef de la diplomatie russe Sergueï Lavrov a été reçu hier à Wonsan par le dirigeant Kim Jong-un."
FILLER = [
    "Le ministre russe des Affaires étrangères Sergueï Lavrov a effectué une visite en Corée du Nord.",
    "Moscou et Pyongyang ont renforcé leur coopération depuis l’an dernier.",
]
PEOPLE = ["Choe Son-hui", "Sergueï Lavrov", "Kim Jong-un", "Vladimir Poutine", "Olga Lioubimova", "Lee Jae-myung",
          "Donald Trump"]
SENTENCE_OF = {"Choe Son-hui": "hours", "Sergueï Lavrov": "communique", "Kim Jong-un": "contacts",
               "Vladimir Poutine": "contacts", "Olga Lioubimova": "culture", "Lee Jae-myung": "lee",
               "Donald Trump": "trump"}
# People the record never names, some sharing a first name, a family name or a title with one it does.
ABSENT = {"Sergueï Lavrov": "Sergueï Riabkov", "Kim Jong-un": "Kim Yo-jong", "Choe Son-hui": "Choe Ryong-hae",
          "Vladimir Poutine": "Vladimir Medinski", "Olga Lioubimova": "Maria Zakharova",
          "Lee Jae-myung": "Yoon Suk-yeol", "Donald Trump": "Marco Rubio"}
# Transliteration rewrites between systems (applied where they change the name).
ROMANISATIONS = [("ï", "i"), ("gue", "ge"), ("ou", "u"), ("oe", "oi"), ("on", "ung"), ("ui", "ee"), ("ae", "e"),
                 ("ch", "tch"), ("v", "ff"), ("j", "zh"), ("ee", "i"), ("y", "i")]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def typos(name: str, rng: random.Random) -> list[str]:
    """One-letter typos in the longest word: a letter dropped, two swapped, one doubled."""
    words = name.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k].replace("-", "")))
    w = words[i]
    out = []
    k = rng.randrange(2, len(w) - 1)
    if w[k].isalpha():
        out.append(w[:k] + w[k + 1:])                      # drop
    k = rng.randrange(1, len(w) - 2)
    if w[k].isalpha() and w[k + 1].isalpha() and w[k] != w[k + 1]:
        out.append(w[:k] + w[k + 1] + w[k] + w[k + 2:])    # swap
    return [" ".join(words[:i] + [t] + words[i + 1:]) for t in out]


def romanised(name: str) -> list[str]:
    out = []
    for a, b in ROMANISATIONS:
        if a in name and a != "ï":
            out.append(name.replace(a, b, 1))
    return out


def variants(name: str) -> list[str]:
    out = []
    if "-" in name:
        out.append(name.replace("-", " "))
        parts = name.split("-")
        out.append(parts[0] + "-" + parts[1][:1].upper() + parts[1][1:])
    if strip_accents(name) != name:
        out.append(strip_accents(name))
    return out


def article(sentences: list[str]) -> str:
    return "\n".join(sentences) + "\n"


def build() -> tuple[list[dict], list[dict]]:
    text = TRANSCRIPT.read_text(encoding="utf-8")
    for key, s in RECORD.items():
        assert s in text, key
    rng = random.Random(20250712)
    cases: list[dict] = []

    def case(kind: str, sentences: list[str], labels: list[dict], published: str | None = "2025-07-13") -> None:
        cases.append({"id": f"{kind}-{len(cases) + 1:03d}", "text": article(sentences), "labels": labels,
                      "published": published})

    # ---- names
    for person in PEOPLE:
        base = RECORD[SENTENCE_OF[person]]
        for form in typos(person, rng) + romanised(person):
            if form == person or strip_accents(form).lower().replace("-", " ") == strip_accents(person).lower().replace("-", " "):
                continue
            case("name", [FILLER[0], base.replace(person, form, 1)],
                 [{"kind": "name", "verdict": "misspelling", "text": form, "expected": person}])
        for form in variants(person):
            case("name", [FILLER[0], base.replace(person, form, 1)],
                 [{"kind": "name", "verdict": "variant", "text": form, "expected": person}])
        other = ABSENT[person]
        case("name", [FILLER[0], base.replace(person, other, 1)],
             [{"kind": "name", "verdict": "absent", "text": other}])
    # ---- places: the recorded event moved; a city replaced in a reported statement
    for city in ("Pyongyang", "Vladivostok", "Moscou", "Khabarovsk"):
        case("place", [FILLER[0], EVENT.replace("Wonsan", city)],
             [{"kind": "place", "verdict": "conflict", "text": city, "expected": "Wonsan"}])
        case("place", [FILLER[0], EVENT_REL.replace("Wonsan", city)],
             [{"kind": "place", "verdict": "conflict", "text": city, "expected": "Wonsan"}])
    for city in ("Pékin", "Astana", "Bakou"):
        case("place", [FILLER[0], RECORD["minsk"].replace("Minsk", city)],
             [{"kind": "place", "verdict": "conflict", "text": city, "expected": "Minsk"}])
    # ---- dates: the recorded event on another day; a date changed in a reported statement
    for day in ("11 juillet 2025", "14 juillet 2025", "2 juillet 2025", "12 juin 2025"):
        case("date", [FILLER[0], EVENT.replace("12 juillet 2025", day)],
             [{"kind": "date", "verdict": "conflict", "text": day, "expected": "2025-07-12"}])
    for published in ("2025-07-15", "2025-07-11"):
        case("date", [FILLER[0], EVENT_REL], [{"kind": "date", "verdict": "conflict", "text": "hier",
                                               "expected": "2025-07-12"}], published=published)
    for day in ("19 mai", "9 juin"):
        case("date", [FILLER[0], RECORD["embassy"].replace("9 mai", day)],
             [{"kind": "date", "verdict": "conflict", "text": day, "expected": "9 mai"}])
    case("date", [FILLER[0], RECORD["communique"].replace("Le 12 juillet", "Le 13 juillet")],
         [{"kind": "date", "verdict": "conflict", "text": "13 juillet", "expected": "2025-07-12"}])
    # ---- numbers: a value changed in a reported statement
    number_mutations = [
        ("hours", "trois heures", "quatre heures", "quatre"), ("hours", "trois heures", "5 heures", "5"),
        ("plan", "2026-2027", "2026-2028", "2026-2028"), ("plan", "2026-2027", "2025-2027", "2025-2027"),
        ("commission", "12e réunion", "13e réunion", "13e"), ("commission", "12e réunion", "10e réunion", "10e"),
        ("countries", "11 pays", "12 pays", "12"), ("countries", "11 pays", "onze pays", None),
        ("countries", "11 pays", "15 pays", "15"),
        ("communique", "deuxième cycle", "troisième cycle", "troisième"),
        ("minsk", "la troisième (1-2)", "la quatrième (1-2)", "quatrième"),
    ]
    for key, old, new, flagged in number_mutations:
        labels = [] if flagged is None else [{"kind": "number", "verdict": "conflict", "text": flagged}]
        case("number" if flagged else "control", [FILLER[0], RECORD[key].replace(old, new)], labels)
    # ---- controls: faithful articles, variants of wording the checks must leave alone
    controls = [
        [FILLER[0], FILLER[1], EVENT],
        [FILLER[0], EVENT_REL],
        [RECORD["hours"].replace("trois heures", "3 heures"), RECORD["plan"]],
        [RECORD["commission"].replace("12e", "douzième"), RECORD["countries"]],
        ["Moscou et Pyongyang ont signé l’an dernier un traité de partenariat stratégique.",
         "C’était à Pyongyang de décider, a indiqué M. Lavrov.", RECORD["contacts"]],
        # the earlier round, in Moscow: another event, not a conflict with the Wonsan record
        ["En novembre 2024, Sergueï Lavrov s’était entretenu à Moscou avec Choe Son-hui lors du premier cycle.",
         RECORD["first_round"]],
        ["Samedi, Sergueï Lavrov a rencontré Kim Jong-un à Wonsan.", RECORD["culture"], RECORD["lee"]],
        [RECORD["embassy"], RECORD["minsk"], RECORD["trump"]],
        ["La rencontre Kim-Lavrov a eu lieu à Wonsan, où M. Kim a reçu M. Lavrov.",
         "Selon KCNA, S. Lavrov a remercié la Corée du Nord.", RECORD["communique"]],
        ["Le secrétaire du Conseil de sécurité russe Sergueï Choïgou s’était rendu à Pyongyang en juin.",
         "Sergueï Lavrov est ensuite arrivé à Wonsan pour ses entretiens avec Choe Son-hui."],
        ["Les vols directs entre Moscou et Pyongyang, deux fois par semaine, ont repris.",
         "Lavrov a déclaré que la prochaine réunion se tiendra à Pyongyang."],
    ]
    for sents in controls:
        case("control", sents, [])
    case("control", [FILLER[0], EVENT_REL], [], published="2025-07-13")
    case("control", ["Ce samedi 12 juillet 2025, Sergueï Lavrov a rencontré Choe Son-hui à Wonsan."], [], published=None)
    return cases, []


def write(cases: list[dict]) -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    shutil.copyfile(TRANSCRIPT, OUT / TRANSCRIPT.name)
    lines = [
        "# Generated by tests/data/facts/make_facts_set.py: do not edit by hand.",
        "",
        "[[source]]",
        'id = "mid-2025-07-12-wonsan"',
        f'path = "{TRANSCRIPT.name}"',
        'role = "reference"',
        "published = 2025-07-12",
        'language = "fr"',
        'place = "Wonsan"',
        "translation = true",
    ]
    for c in cases:
        (OUT / f"{c['id']}.txt").write_text(c["text"], encoding="utf-8")
        lines += ["", "[[source]]", f'id = "{c["id"]}"', f'path = "{c["id"]}.txt"', 'role = "press"', 'language = "fr"']
        if c["published"]:
            lines.append(f"published = {c['published']}")
    (OUT / "sources.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    labels = {c["id"]: c["labels"] for c in cases}
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    cases, _ = build()
    write(cases)
    n = sum(len(c["labels"]) for c in cases)
    print(f"{len(cases)} articles, {n} labelled changes, {sum(1 for c in cases if not c['labels'])} controls")
