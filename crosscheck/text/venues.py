"""Named venues of official events (seats of government, residences, bases, conference palaces): where
they are, and which building a room belongs to.

GeoNames (``text/gazetteer.py``) knows towns, not buildings: "at Joint Base Andrews", "outside the
Pentagon", "à l'Élysée" are places an article can get wrong that no town list holds. This is a small
gazetteer of the venues official transcripts come from, one line each::

    name | other names; ... | town | building it belongs to (for rooms and lawns)

A venue is compared with the record's own venue when the record names one (a White House transcript's
"East Room" or "South Lawn" line: the White House), else by its town with the record's place.

>>> [v.name for v in find_venues("Speaking at Joint Base Andrews on Tuesday, Biden said")]
['Joint Base Andrews']
>>> top_venue("East Room")
'White House'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.text.normalize import word_key

_TABLE = """
White House | the White House; Maison-Blanche; Maison Blanche; Casa Blanca; Weißes Haus | Washington |
East Room | | Washington | White House
South Lawn | | Washington | White House
North Lawn | | Washington | White House
Rose Garden | | Washington | White House
Oval Office | Bureau ovale | Washington | White House
Roosevelt Room | | Washington | White House
Cabinet Room | | Washington | White House
State Dining Room | | Washington | White House
Brady Press Briefing Room | James S. Brady Press Briefing Room; James S. Brady Briefing Room | Washington | White House
Eisenhower Executive Office Building | Old Executive Office Building | Washington | White House
Blair House | | Washington |
Camp David | | Thurmont |
Joint Base Andrews | Andrews Air Force Base; Andrews | Camp Springs |
Dover Air Force Base | Dover AFB | Dover |
Pentagon | the Pentagon | Washington |
State Department | Department of State; Harry S. Truman Building; département d'État | Washington |
Capitol | U.S. Capitol; US Capitol; Capitol Hill | Washington |
Mar-a-Lago | | Palm Beach |
United Nations headquarters | UN headquarters; U.N. headquarters; siège des Nations unies | New York |
Kremlin | the Kremlin; Grand Kremlin Palace; Kremlin Palace | Moscow |
Novo-Ogaryovo | Novo-Ogarevo; Novo-Ogariovo | Moscow |
Bocharov Ruchei | | Sochi |
Smolensk Square | Russian Foreign Ministry; ministère russe des Affaires étrangères | Moscow |
Élysée | Élysée Palace; Elysee Palace; Elysée; Elysee; palais de l'Élysée; l'Élysée | Paris |
Matignon | hôtel de Matignon | Paris |
Quai d'Orsay | | Paris |
Fort de Brégançon | Brégançon | Bormes-les-Mimosas |
Downing Street | 10 Downing Street; Number 10; No 10 | London |
Chequers | | Ellesborough |
Buckingham Palace | | London |
Lancaster House | | London |
Akasaka Palace | State Guest House; Geihinkan | Tokyo |
Kantei | Prime Minister's Office of Japan; Kantei | Tokyo |
Blue House | Cheong Wa Dae | Seoul |
Yongsan presidential office | Yongsan | Seoul |
Great Hall of the People | | Beijing |
Zhongnanhai | | Beijing |
Diaoyutai State Guesthouse | Diaoyutai | Beijing |
Bundeskanzleramt | German Chancellery; Chancellery in Berlin; chancellerie allemande | Berlin |
Schloss Meseberg | Meseberg | Gransee |
Palazzo Chigi | | Rome |
Quirinale | Quirinal Palace; palais du Quirinal | Rome |
Moncloa | Moncloa Palace; palais de la Moncloa | Madrid |
Rideau Hall | | Ottawa |
Parliament Hill | | Ottawa |
Berlaymont | | Brussels |
NATO headquarters | siège de l'OTAN | Brussels |
Ryugyong House | | Pyongyang |
Kumsusan Palace of the Sun | | Pyongyang |
"""


@dataclass(frozen=True)
class Venue:
    name: str
    town: str
    part_of: str | None


@dataclass(frozen=True)
class VenueMention:
    start: int
    end: int
    text: str
    name: str  # the venue's name in the table


@lru_cache(maxsize=1)
def _venues() -> tuple[dict[str, Venue], re.Pattern]:
    by_key: dict[str, Venue] = {}
    forms: list[str] = []
    for line in _TABLE.strip().splitlines():
        name, others, town, part = (x.strip() for x in line.split("|"))
        venue = Venue(name, town, part or None)
        for form in [name, *(o.strip() for o in others.split(";") if o.strip())]:
            by_key[_key(form)] = venue
            forms.append(form)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"[\s\u00a0]+") for f in sorted(set(forms), key=len, reverse=True))
    return by_key, re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w’'-])")


def _key(form: str) -> str:
    k = " ".join(word_key(w) for w in re.findall(r"[^\W_]+", form))
    return k[4:] if k.startswith("the ") else k


def venue(name: str) -> Venue | None:
    return _venues()[0].get(_key(name))


def top_venue(name: str) -> str | None:
    """The building a venue belongs to ("East Room": "White House"), or the venue itself."""
    v = venue(name)
    return (v.part_of or v.name) if v else None


def venue_town(name: str) -> str | None:
    v = venue(name)
    return v.town if v else None


def find_venues(text: str, start: int = 0, end: int | None = None) -> list[VenueMention]:
    """Table venues named in text[start:end] (written as the table writes them, capitals included)."""
    by_key, rx = _venues()
    out = []
    for m in rx.finditer(text, start, len(text) if end is None else end):
        v = by_key.get(_key(m.group()))
        if v is not None:
            out.append(VenueMention(m.start(), m.end(), m.group(), v.name))
    return out
