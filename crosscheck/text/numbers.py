"""Numbers in French and English text: numerals, ordinals, ranges and number words.

>>> [(n.text, n.values, n.kind) for n in find_numbers("la 12e réunion pour 2026-2027, trois heures")]
[('12e', (12.0,), 'ordinal'), ('2026-2027', (2026.0, 2027.0), 'range'), ('trois', (3.0,), 'cardinal')]

Dates and clock times are not numbers here (the date check owns them), nor are the articles
"un"/"une"/"one", which are far more often words than counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.text.dates import find_date_values, find_dates
from crosscheck.text.normalize import word_key

UNITS = {
    "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
    "huitante": 80, "nonante": 90, "cent": 100, "cents": 100, "mille": 1000,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
# "un"/"et" only inside a compound ("vingt et un", "trente-et-un")
JOINERS = {"et", "and", "un", "une", "one"}
SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9,
          "trillion": 1e12}
ORDINAL_WORDS = {
    "premier": 1, "premiere": 1, "first": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
    "third": 3, "quatrieme": 4, "fourth": 4, "cinquieme": 5, "fifth": 5, "sixieme": 6, "sixth": 6,
    "septieme": 7, "seventh": 7, "huitieme": 8, "eighth": 8, "neuvieme": 9, "ninth": 9, "dixieme": 10,
    "tenth": 10, "onzieme": 11, "eleventh": 11, "douzieme": 12, "twelfth": 12, "treizieme": 13,
    "thirteenth": 13, "vingtieme": 20, "twentieth": 20, "centieme": 100, "hundredth": 100,
}
_SEP = r"[ \u00a0\u202f]"
NUMERAL_RE = re.compile(
    rf"(?<![\w.,])(?P<a>\d{{1,3}}(?:{_SEP}\d{{3}})+|\d+(?:[.,]\d+)?)"
    rf"(?:{_SEP}?[-–]{_SEP}?(?P<b>\d+(?:[.,]\d+)?)(?![\w]))?"
    rf"(?P<ord>(?:er|re|ère|e|è|ème|eme|th|st|nd|rd)\b)?"
    rf"(?P<pct>{_SEP}?%|{_SEP}pour{_SEP}cent\b|{_SEP}percent\b|{_SEP}per{_SEP}cent\b)?"
    rf"(?:{_SEP}(?P<scale>millions?|milliards?|billions?|trillion)\b)?",
    re.IGNORECASE,
)
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# clock times: "13h31", "13H44", "14:19", "10 h 30"
TIME_RE = re.compile(r"\b\d{1,2}(?:[hH:]\d{2}|[ \u00a0]?h(?:[ \u00a0]?\d{2})?\b)")


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    values: tuple[float, ...]  # one value, or (low, high) for a range
    kind: str  # cardinal | ordinal | range | percent


def _to_float(s: str) -> float:
    s = re.sub(r"[ \u00a0\u202f]", "", s)
    return float(s.replace(",", "."))


def _word_value(words: list[str]) -> float | None:
    """Value of a run of number words ("vingt-deux", "trois cents", "twenty one")."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in JOINERS:
            if not seen:
                return None
            if w in ("un", "une", "one"):
                current += 1
            continue
        if w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        elif w in ("cent", "cents", "hundred"):
            current = max(current, 1) * 100
        elif w in ("mille", "thousand"):
            total += max(current, 1) * 1000
            current = 0
        elif w in UNITS:
            current += UNITS[w]
        else:
            return None
        seen = True
    return total + current if seen else None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    end = len(text) if end is None else end
    skip = [(d.start, d.end) for d in find_dates(text, start, end)]
    skip += [(v.start, v.end) for v in find_date_values(text, start, end)]
    skip += [(m.start(), m.end()) for m in TIME_RE.finditer(text, start, end)]

    def skipped(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in skip)

    out: list[NumberMention] = []
    for m in NUMERAL_RE.finditer(text, start, end):
        if skipped(m.start(), m.end()):
            continue
        try:
            a = _to_float(m.group("a"))
        except ValueError:
            continue
        scale = 1.0
        if m.group("scale"):
            scale = SCALES[m.group("scale").lower()]
        if m.group("b"):
            vals = (a * scale, _to_float(m.group("b")) * scale)
            kind = "range"
        elif m.group("ord"):
            vals, kind = (a,), "ordinal"
        elif m.group("pct"):
            vals, kind = (a,), "percent"
        else:
            vals, kind = (a * scale,), "cardinal"
        out.append(NumberMention(m.start(), m.end(), m.group(), vals, kind))
    # number words: maximal runs of number words (hyphen or space joined)
    skip += [(n.start, n.end) for n in out]
    words = [(w.start(), w.end(), word_key(w.group())) for w in WORD_RE.finditer(text, start, end)]

    def numeric(k: str) -> bool:
        return all(p in UNITS or p in SCALES or p in JOINERS for p in k.split("-"))

    i = 0
    while i < len(words):
        s, e, k = words[i]
        if k in ORDINAL_WORDS:
            if not skipped(s, e):
                out.append(NumberMention(s, e, text[s:e], (float(ORDINAL_WORDS[k]),), "ordinal"))
            i += 1
            continue
        if not numeric(k) or k.split("-")[0] in JOINERS:
            i += 1
            continue
        j = i + 1
        while j < len(words) and numeric(words[j][2]) and not text[words[j - 1][1]:words[j][0]].strip():
            if words[j][2] in ("et", "and") and (j + 1 >= len(words) or words[j + 1][2] not in ("un", "une", "onze", "one")):
                break  # "vingt et un" is one number, "trois et deux" two
            j += 1
        while j - 1 > i and words[j - 1][2] in ("et", "and", "un", "une", "one") and words[j - 2][2] not in ("et", "and"):
            j -= 1  # "trois et", "deux une": the trailing word belongs to the next phrase
        while j - 1 > i and words[j - 1][2] in ("et", "and"):
            j -= 1
        parts = [p for w in words[i:j] for p in w[2].split("-")]
        value = _word_value(parts)
        last_end = words[j - 1][1]
        if value is not None and not skipped(s, last_end):
            out.append(NumberMention(s, last_end, text[s:last_end], (value,), "cardinal"))
        i = j
    out.sort(key=lambda n: n.start)
    return out
