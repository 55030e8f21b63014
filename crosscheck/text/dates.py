"""Absolute dates in French and English text ("12 juillet 2025", "July 12, 2025", "le 9 mai")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crosscheck.text.normalize import first_letters

MONTHS = {
    # French
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "décembre": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))


# "12 juillet 2025", "1er novembre 2024", "9 mai", "12th July 2025"
DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:er|re|st|nd|rd|th)?[\s\u00a0\u202f]+(?P<month>{_MONTH_ALT})\.?"
    rf"(?:[\s\u00a0\u202f,]+(?P<year>(?:1[89]|20)\d\d))?\b",
    re.IGNORECASE,
)
# "July 12, 2025", "July 12"
MONTH_DAY_RE = re.compile(
    rf"{first_letters(MONTHS)}\b(?P<month>{_MONTH_ALT})\.?[\s\u00a0\u202f]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?:,?[\s\u00a0\u202f]+(?P<year>(?:1[89]|20)\d\d))?\b",
    re.IGNORECASE,
)
ISO_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None  # None when the text gives no year ("le 9 mai")

    def resolve(self, anchor: dt.date | None) -> dt.date | None:
        """The calendar date, taking a missing year from ``anchor``: the nearest such day, within
        six months either way ("le 9 mai" in July is last May, "le 15 octobre" next October)."""
        year = self.year
        if year is None:
            if anchor is None:
                return None
            year = _nearest_year(self.month, anchor)
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rx in (ISO_RE, DAY_MONTH_RE, MONTH_DAY_RE):
        for m in rx.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            month = m.group("month")
            month_n = int(month) if month.isdigit() else MONTHS[month.lower()]
            # "may" alone is too ambiguous in English ("may 5 people"): demand a capital
            if month.lower() == "may" and rx is MONTH_DAY_RE and not month[0].isupper():
                continue
            day = int(m.group("day"))
            if not 1 <= day <= 31:
                continue
            year = int(m.group("year")) if m.group("year") else None
            found.append(DateMention(m.start(), m.end(), m.group(), day, month_n, year))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
RELATIVE_DAYS = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "aujourd’hui": 0, "yesterday": -1, "today": 0}
_REL_RE = re.compile(
    first_letters([*RELATIVE_DAYS, *WEEKDAYS]) +
    r"(?:\b(?P<rel>avant-hier|hier|aujourd['’]hui|yesterday|today)\b"
    r"|\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RelativeDate:
    start: int
    end: int
    text: str

    def resolve(self, anchor: dt.date | None) -> dt.date | None:
        """A weekday is the most recent such day on or before the anchor (news reports the past)."""
        if anchor is None:
            return None
        w = self.text.lower().replace("’", "'")
        if w in RELATIVE_DAYS or w.replace("'", "’") in RELATIVE_DAYS:
            return anchor + dt.timedelta(days=RELATIVE_DAYS.get(w, RELATIVE_DAYS.get(w.replace("'", "’"), 0)))
        if w in WEEKDAYS:
            back = (anchor.weekday() - WEEKDAYS[w]) % 7
            return anchor - dt.timedelta(days=back)
        return None


def find_relative_dates(text: str, start: int = 0, end: int | None = None) -> list[RelativeDate]:
    """hier, aujourd'hui, yesterday, weekday names. Those inside an absolute date are skipped by callers."""
    end = len(text) if end is None else end
    return [RelativeDate(m.start(), m.end(), m.group()) for m in _REL_RE.finditer(text, start, end)]



# ---- dates at any granularity ------------------------------------------------------------------
_SP = r"[\s\u00a0\u202f]+"
_MONTH_WORDS = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
# "en juin 2024", "juin 2024", "June 2024", "fin juin", "début juillet", "mi-juin", "in June"
MONTH_RE = re.compile(
    rf"\b(?:(?P<part>fin|début|debut|mi|courant|late|early|mid)(?:{_SP}|-)(?:de{_SP}|d['’]|of{_SP})?)?"
    rf"(?P<month>{_MONTH_WORDS})(?:{_SP}(?:de{_SP}l['’]an(?:née)?{_SP})?(?P<year>(?:19|20)\d\d))?\b(?![\-–]\d)",
    re.IGNORECASE,
)
# "en 2024", "in 2024", "depuis 2023": a year standing alone (not a range "2026-2027")
YEAR_RE = re.compile(r"\b(?:en|in|depuis|since|dès|de|of|from|à|au|for|pour)" + _SP + r"(?P<year>(?:19|20)\d\d)\b(?![\-–/]\d)",
                     re.IGNORECASE)
RELATIVE_YEAR_RE = re.compile(
    r"\b(?:(?P<last>l['’]an(?:née)?[ \u00a0](?:dernier|dernière|passé|passée)|last[ \u00a0]year|l['’]année[ \u00a0]précédente"
    r"|the[ \u00a0]previous[ \u00a0]year)|(?P<this>cette[ \u00a0]année|this[ \u00a0]year)"
    r"|(?P<lastmonth>le[ \u00a0]mois[ \u00a0](?:dernier|passé)|last[ \u00a0]month))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text gives it: a day, a month or a year.

    >>> DateValue(0, 9, "juin 2024", 2024, 6, None).conflicts(DateValue(0, 12, "12 juin 2024", 2024, 6, 12))
    False
    """

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    relative: bool = False  # resolved against the publication date ("hier", "l'an dernier")

    @property
    def granularity(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def conflicts(self, other: DateValue) -> bool:
        """Different at the precision both give (a year and a day agree when the years do)."""
        if self.year is None or other.year is None:
            return False
        if self.year != other.year:
            return True
        if self.month and other.month and self.month != other.month:
            return True
        return bool(self.day and other.day and self.month == other.month and self.day != other.day)

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year and self.month and self.day else None

    def label(self) -> str:
        if self.day:
            day = self.as_date()
            assert day is not None  # a day comes with its month and year
            return day.isoformat()
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def _nearest_year(month: int, anchor: dt.date) -> int:
    """The year of the nearest such month: a month without a year is read within six months of
    the anchor either way ("se tiendra en octobre" in July is this October, "en mai" last May)."""
    ahead = month - anchor.month
    if ahead > 6:
        return anchor.year - 1
    if ahead < -6:
        return anchor.year + 1
    return anchor.year


def find_date_values(text: str, start: int = 0, end: int | None = None,
                     anchor: dt.date | None = None) -> list[DateValue]:
    """Every date in text[start:end] that can be placed on the calendar, at its own precision.

    Days ("12 juillet 2025", "July 12", "hier", "samedi"), months ("en juin 2024", "fin juin")
    and years ("en 2024", "l'an dernier"). Relative forms resolve against ``anchor`` (the
    article's publication date); without one they are left out: an unresolvable date is no claim.
    """
    end = len(text) if end is None else end
    out: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    def add(v: DateValue) -> None:
        out.append(v)
        taken.append((v.start, v.end))

    for d in find_dates(text, start, end):
        r = d.resolve(anchor)
        if r is not None:
            add(DateValue(d.start, d.end, d.text, r.year, r.month, r.day, relative=d.year is None))
        else:
            taken.append((d.start, d.end))
    for m in MONTH_RE.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        month_word = m.group("month")
        # "mai"/"may"/"mars"/"march" alone are too often other words: demand a year or a part ("fin mai")
        if not m.group("year") and not m.group("part") and word_is_ambiguous(month_word):
            continue
        month = MONTHS[month_word.lower()]
        if m.group("year"):
            add(DateValue(m.start(), m.end(), m.group(), int(m.group("year")), month))
        elif anchor is not None:
            add(DateValue(m.start(), m.end(), m.group(), _nearest_year(month, anchor), month, relative=True))
    for m in YEAR_RE.finditer(text, start, end):
        s = m.start("year")
        if free(s, m.end()):
            add(DateValue(s, m.end(), m.group("year"), int(m.group("year"))))
    if anchor is not None:
        for m in RELATIVE_YEAR_RE.finditer(text, start, end):
            if not free(m.start(), m.end()):
                continue
            if m.group("last"):
                add(DateValue(m.start(), m.end(), m.group(), anchor.year - 1, relative=True))
            elif m.group("this"):
                add(DateValue(m.start(), m.end(), m.group(), anchor.year, relative=True))
            else:
                prev = anchor.replace(day=1) - dt.timedelta(days=1)
                add(DateValue(m.start(), m.end(), m.group(), prev.year, prev.month, relative=True))
    absolute = find_dates(text, start, end)
    for rd in find_relative_dates(text, start, end):
        if not free(rd.start, rd.end) or any(0 <= a.start - rd.end <= 2 for a in absolute):
            continue
        r = rd.resolve(anchor)
        if r is not None:
            add(DateValue(rd.start, rd.end, rd.text, r.year, r.month, r.day, relative=True))
    out.sort(key=lambda v: v.start)
    return out


def word_is_ambiguous(month_word: str) -> bool:
    return month_word.lower() in ("mai", "may", "mars", "march")


# "vendredi 1er novembre 2024": a weekday naming a date
WEEKDAY_DATE_RE = re.compile(
    first_letters(WEEKDAYS) +
    r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday),?[\s\u00a0\u202f]+(?:le[\s\u00a0\u202f]+|the[\s\u00a0\u202f]+)?(?=[0-3]?\d|[A-Za-z])",
    re.IGNORECASE,
)


def weekday_mismatches(text: str, start: int = 0, end: int | None = None,
                       anchor: dt.date | None = None) -> list[tuple[int, int, str, dt.date, str]]:
    """Weekdays that contradict the date they name: (start, end, text, date, the right weekday).
    A date without a year is read against ``anchor`` (without one it is left alone).

    >>> weekday_mismatches("vendredi 12 juillet 2025")[0][4]
    'samedi'
    """
    end = len(text) if end is None else end
    names_fr = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    names_en = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    named = list(WEEKDAY_DATE_RE.finditer(text, start, end))
    if not named:
        return []
    # Only dates right after a weekday matter, and no date can span a weekday name: the dates
    # found from the first weekday on are those a scan of the whole text finds there.
    dates = {d.start: d for d in find_dates(text, named[0].start(), end)}
    out = []
    for m in named:
        d = dates.get(m.end())
        if d is None:
            continue
        # without a year, the date is read within six months of the anchor (the publication date):
        # "Thursday, January 30" in an article of 31 January 2024 is Tuesday 30 January 2024
        r = d.resolve(anchor) if d.year is None else d.resolve(None)
        if r is None:
            continue
        want = WEEKDAYS[m.group("wd").lower()]
        if r.weekday() != want:
            right = (names_en if m.group("wd").lower() in names_en_lower() else names_fr)[r.weekday()]
            out.append((m.start(), d.end, text[m.start():d.end], r, right))
    return out


def names_en_lower() -> set[str]:
    return {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
