"""Numbers in French and English text: numerals, ordinals, ranges and number words.

>>> [(n.text, n.values, n.kind) for n in find_numbers("la 12e réunion pour 2026-2027, trois heures")]
[('12e', (12.0,), 'ordinal'), ('2026-2027', (2026.0, 2027.0), 'range'), ('trois', (3.0,), 'cardinal')]

Dates and clock times are not numbers here (the date check owns them), nor are the articles
"un"/"une"/"one", which are far more often words than counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crosscheck.text.dates import find_date_values, find_dates
from text_to_num import text2num

from crosscheck.text.normalize import word_key

UNITS = {
    "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
    "huitante": 80, "nonante": 90, "vingts": 20, "cent": 100, "cents": 100, "mille": 1000,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
# "un"/"et" only inside a compound ("vingt et un", "trente-et-un")
JOINERS = {"et", "and", "un", "une", "one"}
# "two dozen", "deux douzaines", "a dozen": a count times twelve (never a run's first word)
MULTIPLIERS = {"dozen": 12, "douzaine": 12, "douzaines": 12}
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
    # grouped thousands ("300 000", "300,000", "300.000", "1,234.5"), or a plain or decimal numeral
    rf"(?<![\w.,])(?P<a>\d{{1,3}}(?:(?:{_SEP}|[.,])\d{{3}})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?)"
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
    kind: str  # cardinal | ordinal | range | percent | scale ("billions": two to 999 billion)
    unit: str | None = None  # what it counts, folded to the singular: "hour" for "five hours", "three-hour"


# function words that tell English from French around a numeral ("300,000 troops" / "1,5 million")
_EN_WORDS = frozenset("the of and to in is was were said that with for on by has have will at from this "
                      "are it its he she they than about some".split())
_FR_WORDS = frozenset("le la les des du et est que qui une pour dans sur au aux il elle ont sont plus "
                      "été avec selon environ près".split())
_LANG_WORD_RE = re.compile(r"[^\W\d_]+")
PERCENT_AFTER_RE = re.compile(rf"{_SEP}?(?:%|pour{_SEP}cent\b|percent\b|per{_SEP}cent\b)", re.IGNORECASE)


def guess_language(text: str, pos: int, reach: int = 300) -> str | None:
    """"en" or "fr" from the function words around ``pos``, or None when they do not tell."""
    words = [w.lower() for w in _LANG_WORD_RE.findall(text, max(0, pos - reach), pos + reach)]
    en = sum(w in _EN_WORDS for w in words)
    fr = sum(w in _FR_WORDS for w in words)
    return "en" if en > fr else "fr" if fr > en else None


# ... and a whole passage's (a quotation, a record): with the commonest pronouns and particles
_EN_TEXT_WORDS = _EN_WORDS | frozenset("we i you not be our my what which can do there".split())
_FR_TEXT_WORDS = _FR_WORDS | frozenset("de nous je ne pas un ce vous mais notre nos c l d qu n j à leur leurs "
                                       "ses sa son cette ces très".split())


def language_code(declared: str | None) -> str | None:
    """A manifest's language as a two-letter code: "en-US", "English" and "en" are all "en"."""
    code = (declared or "").strip()[:2].lower()
    return code if len(code) == 2 and code.isalpha() else None


def text_language(text: str) -> str | None:
    """"en" or "fr" when the function words of ``text`` say so: twice as many of one language's, at
    least two (one in a passage of six words or fewer, with none of the other), else None."""
    words = [w.lower() for w in _LANG_WORD_RE.findall(text)]
    en = sum(w in _EN_TEXT_WORDS for w in words)
    fr = sum(w in _FR_TEXT_WORDS for w in words)
    least = 1 if len(words) <= 6 else 2
    return "en" if en >= least and en >= 2 * fr else "fr" if fr >= least and fr >= 2 * en else None


def _to_float(s: str, lang: str | None = None) -> float:
    """A numeral's value, reading its separators by their shape and the language.

    Spaces group thousands. With both "," and "." the last is the decimal mark ("1,234.5",
    "1.234,5"); one mark used twice groups thousands ("1,000,000"). A single mark followed by
    exactly three digits groups thousands in its language's convention (English "300,000",
    French "300.000"), otherwise it is the decimal mark ("1,5 million", "2.5 percent").
    """
    s = re.sub(r"[ \u00a0\u202f]", "", s)
    marks = [c for c in s if c in ".,"]
    if not marks:
        return float(s)
    if len(set(marks)) == 2:
        dec = marks[-1]
        return float(s.replace("," if dec == "." else ".", "").replace(",", "."))
    mark = marks[0]
    if len(marks) > 1:
        return float(s.replace(mark, ""))
    whole, frac = s.split(mark)
    grouping = len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0"
    if grouping and lang is not None:
        grouping = (mark == ",") == (lang == "en")
    return float(whole + frac) if grouping else float(whole + "." + frac)


def _word_value(words: list[str], lang: str | None = None) -> float | None:
    """Value of a run of number words ("vingt-deux", "quatre-vingt-dix", "twenty one", "two dozen").

    text2num (French and English number grammar) values the run; the hand-written sum below is
    the fallback for runs it refuses."""
    if words and words[-1] in MULTIPLIERS:
        if len(words) == 1 or words[:-1] in (["a"], ["une"], ["one"]):
            return float(MULTIPLIERS[words[-1]])
        head = _word_value(words[:-1], lang)
        return None if head is None else head * MULTIPLIERS[words[-1]]
    if any(w in MULTIPLIERS for w in words):
        return None
    phrase = " ".join(words)
    for lg in ([lang] if lang else []) + [x for x in ("fr", "en") if x != lang]:
        try:
            return float(text2num(phrase, lg))
        except (ValueError, TypeError):
            continue
    return _sum_words(words)


def _sum_words(words: list[str]) -> float | None:
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


def find_numbers(text: str, start: int = 0, end: int | None = None, lang: str | None = None) -> list[NumberMention]:
    """Numbers in text[start:end]. ``lang`` ("en"/"fr") settles "300,000" / "1,500"; without it
    the function words around each numeral decide."""
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
        raw = m.group("a")
        mark_lang = lang
        if mark_lang is None and re.fullmatch(r"\d{1,3}[.,]\d{3}", raw):
            mark_lang = guess_language(text, m.start())
        try:
            a = _to_float(raw, mark_lang)
        except ValueError:
            continue
        scale = 1.0
        if m.group("scale"):
            scale = SCALES[m.group("scale").lower()]
        vals: tuple[float, ...]
        if m.group("b"):
            vals = (a * scale, _to_float(m.group("b"), mark_lang) * scale)
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
        return all(p in UNITS or p in SCALES or p in JOINERS or p in MULTIPLIERS for p in k.split("-"))

    def opens(i: int) -> bool:
        """A run starts at a number word, or at "a dozen" / "une douzaine"."""
        k = words[i][2]
        first = k.split("-")[0]
        if first in ("a", "une", "one") and "-" not in k and i + 1 < len(words) and \
                words[i + 1][2] in MULTIPLIERS and not text[words[i][1]:words[i + 1][0]].strip():
            return True
        return numeric(k) and first not in JOINERS and first not in MULTIPLIERS

    i = 0
    while i < len(words):
        s, e, k = words[i]
        if k in ORDINAL_WORDS:
            if not skipped(s, e):
                out.append(NumberMention(s, e, text[s:e], (float(ORDINAL_WORDS[k]),), "ordinal"))
            i += 1
            continue
        parts_k = k.split("-")
        if not numeric(k) and len(parts_k) > 1 and parts_k[0] in UNITS:
            # a number inside a compound: "three-hour talks", "a five-year plan", "trois-mâts"
            n = 0
            while n < len(parts_k) and (parts_k[n] in UNITS or parts_k[n] in JOINERS):
                n += 1
            raw_parts = text[s:e].split("-")
            num_end = s + len("-".join(raw_parts[:n]))
            value = _word_value(parts_k[:n], lang)
            if value is not None and not skipped(s, num_end):
                out.append(NumberMention(s, num_end, text[s:num_end], (value,), "cardinal"))
            i += 1
            continue
        if not opens(i):
            i += 1
            continue
        j = i + 1
        while j < len(words) and numeric(words[j][2]) and not text[words[j - 1][1]:words[j][0]].strip():
            if words[j][2] in ("et", "and"):
                nxt = words[j + 1][2] if j + 1 < len(words) else ""
                # "vingt et un", "two hundred and five" are one number; "trois et deux" two
                if not (nxt in ("un", "une", "onze", "one") or
                        (words[j - 1][2] in ("hundred", "thousand", "million") and nxt in UNITS)):
                    break
            j += 1
        while j - 1 > i and words[j - 1][2] in ("et", "and", "un", "une", "one") and words[j - 2][2] not in ("et", "and"):
            j -= 1  # "trois et", "deux une": the trailing word belongs to the next phrase
        while j - 1 > i and words[j - 1][2] in ("et", "and"):
            j -= 1
        parts = [p for w in words[i:j] for p in w[2].split("-")]
        if len(parts) == 1 and parts[0] in SCALES and parts[0].endswith("s"):
            # "billions of dollars", "des milliards": no count, a size, two to 999 of them ("$40
            # billion" agrees with it, "millions" does not)
            if not skipped(s, words[j - 1][1]):
                scale = SCALES[parts[0]]
                out.append(NumberMention(s, words[j - 1][1], text[s:words[j - 1][1]], (2 * scale, 999 * scale), "scale"))
            i = j
            continue
        value = _word_value(parts, lang)
        last_end = words[j - 1][1]
        kind = "cardinal"
        pct = PERCENT_AFTER_RE.match(text, last_end)
        if pct and value is not None:  # "quarante pour cent", "forty percent"
            last_end, kind = pct.end(), "percent"
        if value is not None and not skipped(s, last_end):
            out.append(NumberMention(s, last_end, text[s:last_end], (value,), kind))
            while j < len(words) and words[j][0] < last_end:
                j += 1
        i = j
    out = [n if n.unit else replace(n, unit=_unit(text, n, end)) for n in out]
    out.sort(key=lambda n: n.start)
    return out




# French nouns whose singular ends in s or x ("un mois", "une fois"), and "ans" for "an"
_INVARIABLE = {"mois": "mois", "fois": "fois", "pays": "pays", "temps": "temps", "prix": "prix", "voix": "voix",
               "fils": "fils", "ans": "an"}


def unit_key(word: str) -> str:
    """A counted noun's comparison key: "hours", "hour", "heures" and "heure" are one unit."""
    k = word_key(word)
    if k in _INVARIABLE:
        return _INVARIABLE[k]
    return k[:-1] if len(k) > 3 and k[-1] in "sx" else k


# Words between a number and what it counts: "15 new border crossings", "two more ships", "neuf derniers mois".
_MODIFIERS = frozenset("the les new more other additional further extra fresh nouveaux nouvelles nouveau nouvelle "
                       "autres supplémentaires supplementaires derniers dernières dernier dernière last past "
                       "prochains prochaines next annual annuel annuelle yearly".split())
# People counted by nationality: "three U.S. service members" counts Americans, as "three Americans" does.
PERSON_NOUNS = frozenset(unit_key(w) for w in """
troops soldiers service servicemembers servicemen personnel citizens nationals hostages prisoners detainees
people civilians sailors marines airmen diplomats journalists workers students children tourists
soldats militaires ressortissants otages prisonniers détenus civils personnes citoyens diplomates journalistes
""".split())
_NATION_ALIASES = {"u.s.": "american", "us": "american", "usa": "american", "u.s": "american",
                   "uk": "british", "u.k.": "british"}
_NEXT_WORD_RE = re.compile(r"(?:-|[\s\u00a0\u202f]{1,3}(?:d['’][\s\u00a0\u202f]{0,3}|(?:de|of|des)[\s\u00a0\u202f]{1,3})?)"
                           r"(?P<w>U\.S\.|U\.K\.|[^\W\d_]{2,40})")


# A currency written before the amount counts it (the same unit as "dollars" after it)
_CURRENCIES = {"$": "dollar", "US$": "dollar", "USD": "dollar", "€": "euro", "EUR": "euro", "£": "pound",
               "GBP": "pound", "¥": "yen", "JPY": "yen"}
_CURRENCY_BEFORE_RE = re.compile(r"(US\$|\$|€|£|¥|USD|EUR|GBP|JPY)[ \u00a0]?$", re.IGNORECASE)


def _unit(text: str, n: NumberMention, end: int) -> str | None:
    """The word a number counts: the noun right after it ("five hours", "trois heures", "40 pour
    cent" is "percent", "three-hour talks" is "hour"), past "new"/"more" ("15 new border crossings"
    is "border"); people counted with their nationality count it ("three U.S. troops", "three
    American soldiers" and "three Americans" are all "american"); or None."""
    if n.kind == "percent":
        return "percent"
    if (cur := _CURRENCY_BEFORE_RE.search(text, max(0, n.start - 5), n.start)) is not None:
        return _CURRENCIES[cur.group(1).upper()]  # "$368 billion", "€20 billion", "USD 5 million"
    words: list[str] = []
    pos = n.end
    while len(words) < 3:
        m = _NEXT_WORD_RE.match(text, pos, end)
        if not m:
            break
        words.append(m.group("w"))
        pos = m.end()
        if word_key(m.group("w")) not in _MODIFIERS:
            break
    while words and word_key(words[0]) in _MODIFIERS:
        words.pop(0)
    if not words:
        return None
    first = words[0]
    nation = _NATION_ALIASES.get(word_key(first))
    if nation or first[:1].isupper():
        m = _NEXT_WORD_RE.match(text, pos, end)
        if m and unit_key(m.group("w")) in PERSON_NOUNS:
            return nation or unit_key(first)
    if len(first) < 3 or not first[:1].isalpha():
        return None
    return unit_key(first)


# People counted by naming them: "Americans Paul Whelan and Brittney Griner" counts two Americans,
# "les otages Jean Dupont, Marc Durand et Paul Martin" three hostages. The plural noun (a people or a
# person noun) comes right before the names; names are two or three capitalised words.
_NAMED = r"[A-ZÀ-ÖØ-Þ][\w'’\-]{1,30}(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w'’\-]{1,30}){1,2}"
_ENUMERATION_RE = re.compile(
    rf"\b(?P<noun>[^\W\d_]{{3,30}}s)[,:]?[ \u00a0]+(?P<names>{_NAMED}(?:,[ \u00a0]+{_NAMED}){{0,4}},?"
    rf"[ \u00a0]+(?:and|et)[ \u00a0]+{_NAMED})\b")
_NAMED_RE = re.compile(_NAMED)


def named_counts(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Counts given by naming the people counted (see _ENUMERATION_RE), as cardinal mentions whose
    text is the whole enumeration and whose unit is what the names are ("american", "hostage")."""
    out = []
    for m in _ENUMERATION_RE.finditer(text, start, len(text) if end is None else end):
        noun = m.group("noun")
        unit = unit_key(noun)
        if not (noun[:1].isupper() and re.search(r"(?:ans|ese|ais|ois|ens|ish|ch)s?$", noun.lower())) \
                and unit not in PERSON_NOUNS:
            continue
        n = len(_NAMED_RE.findall(m.group("names")))
        out.append(NumberMention(m.start(), m.end(), m.group(), (float(n),), "cardinal",
                                 _NATION_ALIASES.get(unit, unit) if noun[:1].isupper() else unit))
    return out

