"""Places named as locations: "à Wonsan", "in Pyongyang", "dans la ville portuaire de Wonsan".

Only a place after a locative preposition is a claim about where something happened. A capital
standing for its government ("Moscou et Pyongyang ont signé…", "la victoire de Moscou", "c'était
à Pyongyang de décider") is not, and is never returned.

>>> [p.text for p in find_places("Moscou et Pyongyang ont signé un pacte à Wonsan.")]
['Wonsan']
>>> find_places("C'était à Pyongyang de décider.")
[]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.text.names import NON_NAME_WORDS, ROLE_WORDS
from crosscheck.text.gazetteer import is_big_city, is_known_place, is_region, place_key
from crosscheck.text.normalize import word_key

_CAP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_SP = r"[ \u00a0\u202f]"
_PLACE_WORD = rf"[{_CAP}][^\W\d_]*(?:[’'\-][^\W\d_]+)*"
_PLACE = rf"{_PLACE_WORD}(?:{_SP}{_PLACE_WORD}){{0,2}}"
# "à Wonsan", "dans la ville portuaire de Wonsan", "in the city of X", "at X", "près de X"
# Verbs of leaving a place: the place is where the speaker was ("as he left Delaware").
LEAVING = "left|leaving|departed|departing|quitté|quittant"
LOCATIVE_RE = re.compile(
    rf"(?<![\w’'])(?P<prep>à|dans|in|at|near|près{_SP}de|aux{_SP}environs{_SP}de|outside|devant|{LEAVING})"
    rf"{_SP}+(?:(?:la|the){_SP}+(?:\w+{_SP}+){{0,2}}?(?:ville|city|capitale|capital|port|station|town|village|cité)"
    rf"(?:{_SP}+\w+)?{_SP}+(?:de|d['’]|of){_SP}*)?"
    rf"(?P<place>{_PLACE})",
)
# "to" names where the event was only after a welcome: "welcomed Yoon to New York" (not "a threat to
# Europe", "talked to Reuters"; nor "flew to Arizona", "a trip to Florida", "his visit to Israel",
# where the speaker went before or after the recorded words)
TO_PLACE_RE = re.compile(
    rf"(?<![\w’'])(?:welcomed|welcomes|welcoming)"
    rf"(?:{_SP}+[^\s.;:,]{{1,30}}){{0,6}}?{_SP}+to{_SP}+(?P<place>{_PLACE})",
    re.IGNORECASE,
)
# A building named with its town: "au collège Bois d'Aulne de Mantes-la-Jolie", "at a school in Éragny",
# "devant la mairie de X": the town after the building is where the event was.
VENUE_RE = re.compile(
    rf"(?<![\w’'])(?:à|au|aux|dans|devant|in|at|outside|near|inside|in{_SP}front{_SP}of)(?:{_SP}+(?:le|la|les|the|a|an|un|une))?"
    rf"(?:{_SP}+|{_SP}*l['’])(?:collège|lycée|école|mairie|préfecture|hôtel{_SP}de{_SP}ville|hôpital|université|"
    rf"aéroport|gare|base|caserne|commissariat|palais|stade|school|college|high{_SP}school|hospital|university|"
    rf"airport|station|base|town{_SP}hall|city{_SP}hall|stadium|palace|church|église|mosquée|mosque)\b",
    re.IGNORECASE,
)
_NOT_SP = r"(?<![ \u00a0\u202f])"  # a run of spaces is entered at its start only (linear scans)
_TOWN_AFTER_RE = re.compile(rf"(?:{_NOT_SP}{_SP}+(?:de|of|in|à)|{_NOT_SP}{_SP}+d['’]|,){_SP}*(?P<place>{_PLACE})")
# A wire dateline opening a paragraph: "HAMBURG, Germany --", "WASHINGTON (Reuters) -", "PARIS —".
DATELINE_RE = re.compile(
    rf"(?m)^(?P<place>[{_CAP}][{_CAP}’'\-]+(?:{_SP}[{_CAP}][{_CAP}’'\-]+){{0,2}})"
    rf"(?:,{_SP}*[{_CAP}][\w.]*(?:{_SP}[{_CAP}][\w.]*){{0,2}}?)?(?:,?{_SP}*\d{{1,2}}(?:er)?)?"  # ", May 3", ", Germany"
    rf"{_SP}*(?:\([^()\n]{{1,40}}\){_SP}*)?(?:--|—|–|-){_SP}"
)
# French uses "en"/"au"/"aux" for countries and regions: "en Corée du Nord", "au Japon"
REGION_PREP_RE = re.compile(rf"(?<![\w’'])(?:en|au|aux){_SP}+(?P<place>{_PLACE})")
COUNTRY_WORDS = frozenset(word_key(w) for w in """
corée korea russie russia chine china japon japan inde india iran irak iraq israël israel syrie syria
ukraine biélorussie bélarus belarus france allemagne germany italie italy espagne spain royaume-uni britain
england angleterre états-unis amérique america usa canada mexique mexico brésil brazil argentine argentina
malaisie malaysia indonésie indonesia vietnam viêt laos cambodge cambodia thaïlande thailand mongolie
mongolia kazakhstan ouzbékistan uzbekistan turquie turkey égypte egypt afrique africa europe asie asia
océanie oceania pakistan afghanistan arabie arabia qatar émirats emirates libye libya cuba venezuela
pologne poland finlande finland suède sweden norvège norway géorgie georgia arménie armenia
azerbaïdjan azerbaijan moldavie moldova serbie serbia hongrie hungary roumanie romania bulgarie bulgaria
grèce greece portugal suisse switzerland autriche austria belgique belgium pays-bas netherlands
nord sud est ouest north south east west extrême-orient orient pacifique pacific atlantique atlantic
péninsule peninsula région region province crimée crimea sibérie siberia
""".split())
# Capitalised words after "à" that are not places (months, roles, titles, pronoun-like words).
NOT_PLACE = NON_NAME_WORDS - COUNTRY_WORDS | ROLE_WORDS | frozenset(
    word_key(w) for w in "ce cette la le les l son sa ses leur leurs un une notre votre tous toutes chaque "
                         "monsieur madame m mme mr mrs ms dr".split())


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    level: str  # "city" (comparable) or "region" (a country or region: we cannot tell what it contains)
    real: bool = True  # the gazetteer knows it (text/gazetteer.py); else only a capitalised phrase
    dateline: bool = False  # a wire dateline opening the paragraph ("HAMBURG, Germany --")

    @property
    def key(self) -> str:
        return place_key(self.text)




def _level(words: list[str]) -> str:
    if any(word_key(p) in COUNTRY_WORDS for w in words for p in [w, *re.split(r"[\-’']", w)]):
        return "region"
    name = " ".join(words)
    return "region" if is_region(name) and not is_big_city(name) else "city"  # "New York": the city


def find_places(text: str, start: int = 0, end: int | None = None,
                exclude: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    """Places named as locations in text[start:end]; ``exclude`` holds spans known to be people."""
    end = len(text) if end is None else end
    exclude = exclude or []
    out: list[PlaceMention] = []
    for rx, region in ((LOCATIVE_RE, False), (TO_PLACE_RE, False), (REGION_PREP_RE, True)):
        for m in rx.finditer(text, start, end):
            s, e = m.start("place"), m.end("place")
            words = re.split(_SP, m.group("place"))
            # cut the phrase at the first word that cannot be part of a place name
            keep = []
            for w in words:
                if not w[:1].isupper() or word_key(w) in NOT_PLACE or (w.isupper() and len(w) > 1):
                    break
                keep.append(w)
            # ... unless the words make a name the gazetteer knows ("New York", "New Delhi")
            keep = max((words[:k] for k in range(min(len(words), 4), len(keep), -1)
                        if all(w[:1].isupper() for w in words[:k]) and is_known_place(" ".join(words[:k]))),
                       key=len, default=keep)
            if not keep:
                continue
            e = s + len(" ".join(keep))
            if any(s < b and a < e for a, b in exclude) or any(s < p.end and p.start < e for p in out):
                continue
            # "à Pyongyang de décider": the capital stands for its government
            if re.match(rf"{_SP}+(?:de|d['’])\s*\w+(?:er|ir|re|oir)\b", text[e:e + 30]) and rx is LOCATIVE_RE and m.group("prep") == "à":
                continue
            out.append(PlaceMention(s, e, text[s:e], "region" if region else _level(keep),
                                    is_known_place(text[s:e]) or _level(keep) == "region"))
    for m in DATELINE_RE.finditer(text, start, end):
        s, e = m.start("place"), m.end("place")
        if is_known_place(m.group("place")) and not any(s < p.end and p.start < e for p in out):
            out.append(PlaceMention(s, e, m.group("place"), _level(m.group("place").split()), True, True))
    for m in VENUE_RE.finditer(text, start, end):
        # the first town the gazetteer knows within a few words after the building's name
        for t in _TOWN_AFTER_RE.finditer(text, m.end(), min(end, m.end() + 60)):
            s, e = t.start("place"), t.end("place")
            if any(s < b and a < e for a, b in exclude) or any(s < p.end and p.start < e for p in out):
                break
            if is_known_place(t.group("place")):
                words = re.split(_SP, t.group("place"))
                out.append(PlaceMention(s, e, t.group("place"), _level(words), True))
                break
    out.sort(key=lambda p: p.start)
    return out
