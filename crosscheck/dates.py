"""Absolute dates in French and English text ("12 juillet 2025", "July 12, 2025", "le 9 mai")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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
    rf"\b(?P<month>{_MONTH_ALT})\.?[\s\u00a0\u202f]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
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
        """The calendar date, taking a missing year from ``anchor`` (the nearest past one)."""
        year = self.year
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            try:
                if dt.date(year, self.month, self.day) > anchor + dt.timedelta(days=7):
                    year -= 1
            except ValueError:
                return None
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
    r"\b(?P<rel>avant-hier|hier|aujourd['’]hui|yesterday|today)\b"
    r"|\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
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


def dated_mentions(text: str, start: int, end: int, anchor: dt.date | None) -> list[tuple[int, int, str, dt.date]]:
    """Every resolvable date in text[start:end]: (start, end, text, date). Unresolvable ones are left out."""
    out = []
    absolute = find_dates(text, start, end)
    for d in absolute:
        r = d.resolve(anchor)
        if r:
            out.append((d.start, d.end, d.text, r))
    for d in find_relative_dates(text, start, end):
        if any(a.start <= d.start < a.end or d.end == a.start - 1 for a in absolute):
            continue
        # "vendredi 1er novembre": the weekday belongs to the absolute date that follows
        if any(0 <= a.start - d.end <= 2 for a in absolute):
            continue
        r = d.resolve(anchor)
        if r:
            out.append((d.start, d.end, d.text, r))
    out.sort()
    return out
