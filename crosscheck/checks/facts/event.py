"""The recorded event: sentences of an article that put it at another place or date, and weekdays
that contradict the date they name."""
from __future__ import annotations

from typing import TYPE_CHECKING

import bisect
from dataclasses import dataclass
import datetime as dt
import re

from crosscheck.checks.facts.context import EVENT_CUE_RE, OTHER_EVENT_DAYS, SPEECH_CUE_RE, _mid
from crosscheck.checks.facts.where import place_findings, venue_findings
from crosscheck.checks.facts.people import NameUse
from crosscheck.checks.extract import find_quote_spans
from crosscheck.model import Alignment, Finding, Segment, SegmentedSource, Source, Span
from crosscheck.text.dates import WEEKDAYS, find_date_values, weekday_mismatches
from crosscheck.text.normalize import word_key

if TYPE_CHECKING:
    from crosscheck.checks.record import Record, RecordedEvent


# Words that make an event noun another event than the recorded one.
OTHER_EVENT_RE = re.compile(
    r"\b(?:premi(?:er|ère)s?|précédente?s?|derni(?:er|ère)s?|historiques?|prochaine?s?|future?s?|ancienn?e?s?|"
    r"first|previous|last|next|historic|former|upcoming|earlier|future|se tiendra|auront? lieu|se réunira|"
    r"se rendra|will|doit|doivent|devrait|expected|is due|are due|plans? to|scheduled|attendue?s?|prévue?s?|"
    r"also met|a également rencontré|later|afterwards|ensuite|puis|"
    # a trip under way or ahead ("Biden is visiting a plant in Arizona"), a habit ("has often been
    # found attending mass in Wilmington"), a time counted from another event ("Quatre ans après
    # l'assassinat … à Saint-Étienne-du-Rouvray"): not where the recorded words were said
    r"(?:is|are|was|were) (?:visiting|traveling|travelling|heading|headed|flying)|heads? to|on (?:his|her|their) way|"
    r"often|usually|regularly|typically|frequently|habitually|souvent|habituellement|régulièrement|"
    r"(?:years?|months?|weeks?|ans|mois|semaines) (?:after|ago|earlier|later|après|plus tôt|plus tard|auparavant)|"
    r"il y a \w+ (?:ans|mois|semaines)|"
    # an earlier occasion told in the pluperfect ("he said he had met Laurie Magnes on Friday")
    r"had (?:met|visited|spoken|talked|travell?ed|been|held|attended)|"
    r"avait (?:rencontré|visité|participé|assisté)|s['’]était (?:rendue?|entretenue?))\b",
    re.IGNORECASE,
)



def _predates(source: Source, ctx: Record) -> bool:
    """An article published before the recorded event cannot be reporting on it."""
    dates = ctx.event_dates
    return bool(source.published and dates and source.published < dates[0] - dt.timedelta(days=1))


# Markers of a future or a plan (a part of OTHER_EVENT_RE): they make another occasion of their clause only.
_MODAL_RE = re.compile(r"se tiendra|auront? lieu|se réunira|se rendra|will|doit|doivent|devrait|expected|is due|are due|"
                       r"plans? to|scheduled|attendue?s?|prévue?s?", re.IGNORECASE)
# The weekday names of text/dates.py, for messages: number -> (French, English).
_WEEKDAY_NAMES = {n: (next(w for w, k in WEEKDAYS.items() if k == n and not w.endswith("day")),
                      next(w for w, k in WEEKDAYS.items() if k == n and w.endswith("day")).capitalize())
                  for n in range(7)}
_WEEKDAY_RE = re.compile(r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# A weekday that does not date the event it sits next to: "next Monday", "lundi prochain", "every Friday".
_NOT_THIS_WEEKDAY_RE = re.compile(r"\b(?:next|last|every|each|this coming|until|by|since|to|before|after|from|"
                                  r"avant|après|au|prochain|dernier|"
                                  r"chaque|tous les|jusqu['’]à|depuis)\W+$|^\W+(?:prochain|dernier|suivant)\b",
                                  re.IGNORECASE)
# A date right after a verb of publishing dates the report, not the event ("ont rapporté dimanche").
# ... and a date right after an arrival told as background dates the journey ("Arrivé mercredi dans la
# capitale russe, John Kerry a profité des entretiens", "Kerry, who arrived on Wednesday, ..."), not
# "as he arrived on Friday, Biden told reporters" (words said on arrival).
_REPORTED_RE = re.compile(r"\b(?:reported|reports|rapporté|rapportent|publié|published|broadcast|diffusé|"
                          r"relayé|said in a statement|a annoncé|announced)\W+(?:\w+\W+)?$", re.IGNORECASE)
_ARRIVED_RE = re.compile(r"\b(?:arrivée?s?|arrived|arrives|arriving|landed|atterrie?s?)\W+(?:\w+\W+){0,3}$",
                         re.IGNORECASE)
_ON_ARRIVAL_RE = re.compile(r"\b(?:as|when|upon|while|lors|dès|à)\b[^.;,]{0,20}$", re.IGNORECASE)
_REPORTED_REACH = 45  # characters before a date searched for a verb that dates something else


# Between a participant's name and a date that dates what they did: "Biden on Thursday", "Lavrov, ce samedi,".
_RIGHT_AFTER_RE = re.compile(r",?[ \u00a0]+(?:on[ \u00a0]+|ce[ \u00a0]+|le[ \u00a0]+)?")


def _dates_other(text: str, lo: int, at: int) -> bool:
    """The date at ``at`` dates a report ("state media reported Sunday") or a journey told as
    background ("Arrivé mercredi dans la capitale", "Yoon arrived in Washington on Monday"), not the
    words said at the recorded event; words said on arrival are dated by it ("as he arrived on Friday")."""
    lo = max(lo, at - _REPORTED_REACH)
    if _REPORTED_RE.search(text, lo, at):
        return True
    m = _ARRIVED_RE.search(text, lo, at)
    return m is not None and not _ON_ARRIVAL_RE.search(text, max(0, m.start() - 25), m.start())
RECORD_WORDS = 6  # words of a quotation of the record that make its sentence a report of the recorded statement
_OTHER_OCCASION_RE = re.compile(r"\b(?:premi(?:er|ère) (?:cycle|tour|round|sommet|visite)|first round|"
                                r"previous (?:round|meeting|visit|summit)|next (?:round|meeting|visit|summit)|"
                                r"prochaine? (?:cycle|tour|rencontre|réunion|visite|sommet)|"
                                r"précédente? (?:cycle|tour|rencontre|réunion|visite|sommet))\b"
                                # a meeting with people who are not the record's: lawmakers, business leaders
                                r"|\b(?:meeting|met|talks|lunch|dinner|breakfast|rencontre|entretien|réunion|déjeuner|dîner)"
                                r"\b[^.;]{0,40}?\b(?:with|avec) (?:[\w-]+ ){0,2}?(?:lawmakers|senators|legislators|"
                                r"members of congress|congressional leaders|business leaders|executives|ceos|students|"
                                r"parlementaires|sénateurs|députés|chefs d['’]entreprise|patrons|étudiants)\b", re.IGNORECASE)


def _unquoted(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """The sentence with its quotations blanked out (the speaker's words are not the article's claim)."""
    chars = list(text[start:end])
    for q0, q1 in quoted:
        for i in range(max(q0, start), min(q1, end)):
            chars[i - start] = " "
    return "".join(chars)


_ACCENTED = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]", "c": "[cç]"}


def _accents_free(key: str) -> str:
    """A pattern matching a folded word key in running text, accents or not ("president": "Président")."""
    return "".join(_ACCENTED.get(c, re.escape(c)) for c in key)


_PRONOUN_RE = re.compile(r"\b(?:he|she|il|elle)\b", re.IGNORECASE)
# The record's speakers together, when it has two or more: "the two leaders", "les deux ministres".
_PAIR_RE = re.compile(r"\b(?:the (?:two|three) (?:leaders|presidents|ministers|men|women|diplomats|sides|heads of state)"
                      r"|both (?:leaders|presidents|ministers|men|sides)|the leaders|the pair"
                      r"|les deux (?:dirigeants|présidents|ministres|hommes|chefs de la diplomatie|chefs d['’]État)"
                      r"|les (?:dirigeants|ministres))\b", re.IGNORECASE)


def participant_refs(source: Source, seg: SegmentedSource, uses: list[NameUse], ctx: Record) -> list[tuple[int, int]]:
    """Where an article names a record participant without their name: "the president" / "le président"
    (a title the record gives a speaker), "the two leaders" (a record with two speakers or more), or
    "he"/"il" when the last person named before it, in this or the two sentences before, is a record
    participant."""
    text = source.text
    titles = ctx.speaker_titles
    out: list[tuple[int, int]] = []
    if titles:
        forms = sorted(map(_accents_free, titles)) + (["pm"] if {"prime", "minister"} <= titles else [])
        rx = re.compile(r"\b(?:the|le|la|l['’])\s+(?:[\w\-]+\s+){0,2}?(?:" + "|".join(forms) + r")\b", re.IGNORECASE)
        out += [(m.start(), m.end()) for m in rx.finditer(text)]
    # "Prime Minister Keir Starmer" where the record's speaker is only "the Prime Minister": his name,
    # and his surname alone later on, stand for the record's speaker
    anonymous = ctx.anonymous_titles
    surnames = {u.mention.words[-1] for u in uses if u.resolution is None and u.mention.title and u.mention.words
                and word_key(u.mention.title.split()[-1]) in anonymous}
    for name in sorted(surnames):
        out += [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    if len(ctx.index.people_speaking) >= 2:
        out += [(m.start(), m.end()) for m in _PAIR_RE.finditer(text)]
    starts = [s.start for s in seg.sentences]
    for m in _PRONOUN_RE.finditer(text):
        i = max(0, bisect.bisect_right(starts, m.start()) - 3)
        before = [u for u in uses if starts[i] <= u.mention.start < m.start()] if starts else []
        if before and max(before, key=lambda u: u.mention.start).resolution is not None:
            out.append((m.start(), m.end()))
    return out


def event_sentences(source: Source, seg: SegmentedSource, uses: list[NameUse],
                    alignments: list[Alignment], refs: list[tuple[int, int]] | None = None) -> list[tuple[Segment, str]]:
    """The sentences of an article that report the recorded event, and why.

    Decided by what a sentence shares with the record, never by the place, date or number it gives
    (those are what is then checked): a passage of it aligned to the record (a quotation, or a
    sentence the record supports), or a record participant with a verb of saying or an event word
    ("Biden told reporters", "a rencontré"), with a misspelt participant counting as one."""
    text = source.text
    aligned = [a for a in alignments if a.reference is not None]
    out = []
    for sent in seg.sentences:
        if any(sent.start <= a.span.start < sent.end for a in aligned):
            out.append((sent, "aligned"))
            continue
        present = [u for u in uses if sent.start <= u.mention.start < sent.end and u.resolution is not None]
        if not present and not any(sent.start <= a < sent.end for a, _ in refs or []):
            continue
        if EVENT_CUE_RE.search(text, sent.start, sent.end):
            out.append((sent, "event"))
        elif SPEECH_CUE_RE.search(text, sent.start, sent.end):
            out.append((sent, "speech"))
    return out


@dataclass
class _EventSentence:
    """One sentence about the recorded event, with what decides which of its values are claims about it."""

    text: str
    sent: Segment
    why: str  # "aligned" | "event" | "speech"
    cue: str  # for messages: the event word or verb of saying, in quotes and brackets
    quoted: list[tuple[int, int]]
    uses: list[NameUse]
    actors: list[tuple[int, int]]  # record participants and quotations of the record in the sentence
    cues: list[tuple[int, int]]  # event words and verbs of saying in the sentence

    def free(self, a: int, b: int) -> bool:
        """Outside quotation marks, after no marker of another occasion, and the nearest person before
        it is the record's ("... celle de Sergueï Choïgou, à Pyongyang" is someone else's visit)."""
        text, sent = self.text, self.sent
        if any(q0 <= a and b <= q1 for q0, q1 in self.quoted):
            return False
        before = _unquoted(text, sent.start, a, self.quoted)
        clause = max(before.rfind(","), before.rfind(";"), before.rfind(":")) + 1
        # a future or a plan counts in its own clause only ("China will …, Xi told Biden on Friday in Lima")
        if any(m.start() >= clause or not _MODAL_RE.fullmatch(m.group()) for m in OTHER_EVENT_RE.finditer(before)) \
                or OTHER_EVENT_RE.match(text, b, min(sent.end, b + 12)):
            return False  # "also met X on Friday", "is expected in Warsaw": another occasion
        named = [u for u in self.uses if sent.start <= u.mention.start < a]
        if not named:
            return True
        last = max(named, key=lambda u: u.mention.start)
        # a record participant, or someone standing for one ("Prime Minister Keir Starmer")
        return last.resolution is not None or any(last.mention.start <= x < last.mention.end for x, _ in self.actors)

    def near_actor(self, a: int, b: int) -> bool:
        """A date, weekday or place tells when or where the record's words were said when it sits by
        a verb of saying or an event word whose subject is a record participant or a quotation of
        the record ("Biden said Monday", "Speaking in Brussels on Thursday, Blinken said",
        "told reporters Friday: «...»"), not by someone else's ("officials said on Sunday", "the
        White House on Monday promised", "the attack on Sunday")."""
        if any(_RIGHT_AFTER_RE.fullmatch(self.text, y, a) for _, y in self.actors if y <= a):
            return True  # "President Biden on Thursday issued a stern warning …, saying": the wire's own order
        return any(c0 - 70 <= b and a <= c1 + 70 and any(x - 45 <= c1 and c0 <= y + 45 for x, y in self.actors)
                   for c0, c1 in self.cues)

    def finding(self, kind: str, start: int, end: int, message: str, ev: RecordedEvent | None,
                expected: str | None, severity: str = "error") -> Finding:
        return Finding(kind=kind, verdict="conflict", severity=severity, source=self.sent.source,  # type: ignore[arg-type]
                       span=Span(start, end, self.text[start:end]), message=message,
                       reference=ev.reference if ev else None,
                       reference_span=(ev.place_span if kind == "place" else ev.date_span) if ev else None,
                       expected=expected, claim="event", sentence=[self.sent.start, self.sent.end])


def event_findings(source: Source, seg: SegmentedSource, uses: list[NameUse],
                   name_spans: list[tuple[int, int]], ctx: Record,
                   alignments: list[Alignment] | None = None,
                   quoted_record: list[tuple[int, int]] | None = None) -> list[Finding]:
    """Every place, date and weekday a sentence about the recorded event gives, compared with the
    record's, each its own finding: a wrong city does not hide a wrong date in the same sentence."""
    text = source.text
    out: list[Finding] = []
    if not ctx.event_dates and not ctx.event_places:
        return out
    quoted = [(o0, o1) for o0, _, _, o1 in find_quote_spans(text)]
    refs = participant_refs(source, seg, uses, ctx)
    event_days = [e.date for e in ctx.events if e.date]
    for sent, why in event_sentences(source, seg, uses, alignments or [], refs):
        all_dates = find_date_values(text, sent.start, sent.end, source.published)
        # the record's own words quoted at length: the sentence reports the recorded statement, however
        # far the date it gives ("Biden said in Tokyo on March 24: “…”" of a May press conference)
        says_record = any(sent.start <= a < sent.end and len(text[a:b].split()) >= RECORD_WORDS
                          for a, b in quoted_record or [])
        if not says_record and event_days and any(all(abs((_mid(d) - day).days) > OTHER_EVENT_DAYS and
                                  (d.granularity != "year" or d.year != day.year) for day in event_days)
                              for d in all_dates):
            continue  # the sentence dates another occasion ("En novembre 2024, ... à Moscou"): not this one
        if _OTHER_OCCASION_RE.search(_unquoted(text, sent.start, sent.end, quoted)):
            continue  # "the first round", "le prochain sommet": another occasion named as such
        cue_m = EVENT_CUE_RE.search(text, sent.start, sent.end) or SPEECH_CUE_RE.search(text, sent.start, sent.end)
        actors = [(u.mention.start, u.mention.end) for u in uses
                  if u.resolution is not None and sent.start <= u.mention.start < sent.end]
        actors += [(a.span.start, a.span.end) for a in alignments or [] if a.reference is not None
                   and sent.start <= a.span.start < sent.end and a.span.end - a.span.start < sent.end - sent.start]
        actors += [(a, b) for a, b in refs if sent.start <= a < sent.end]
        actors += [(a, b) for a, b in quoted_record or [] if sent.start <= a < sent.end]
        es = _EventSentence(
            text, sent, why, f" (“{cue_m.group()}”)" if cue_m else " (a sentence quoting the record)", quoted, uses,
            actors, [(m.start(), m.end()) for rx in (EVENT_CUE_RE, SPEECH_CUE_RE)
                     for m in rx.finditer(text, sent.start, sent.end)]
            # a quotation of the record is itself the words being said ("seemed “very close” late Friday")
            + [(a, b) for a, b in quoted_record or [] if sent.start <= a < sent.end])
        dates = [d for d in all_dates if d.granularity == "day" and es.free(d.start, d.end)
                 and es.near_actor(d.start, d.end)
                 and not _dates_other(text, sent.start, d.start)
                 and not _NOT_THIS_WEEKDAY_RE.search(text, max(sent.start, d.start - 20), d.start)]
        when = _mid(dates[0]) if dates else source.published
        ev = _event_for(ctx, when)
        found, other_day = _date_findings(es, dates, ctx, source, says_record)
        weekdays, other_weekday = _weekday_findings(es, ev, all_dates, found)
        out += found + weekdays
        out += place_findings(es, ev, ctx, when, name_spans, other_day or other_weekday)
        out += venue_findings(es, ev, ctx, when, other_day or other_weekday)
    return out


def _date_findings(es: _EventSentence, dates: list, ctx: Record, source: Source,
                   says_record: bool = False) -> tuple[list[Finding], bool]:
    """Dates written in the sentence that are not the recorded event's; and whether it gives another day.
    ``says_record``: the sentence quotes the record at length, so even a far date is the event's."""
    out: list[Finding] = []
    other_day = False
    dated = [e for e in ctx.events if e.date is not None]
    for d in dates if dated else []:
        near = min(dated, key=lambda e: abs((e.date - _mid(d)).days))  # type: ignore[operator]  # dated events only
        gap = abs((_mid(d) - near.date).days)  # type: ignore[operator]  # dated events only
        if gap == 0:
            continue
        other_day = True
        if gap > OTHER_EVENT_DAYS and not says_record:
            continue  # a date of another occasion (an earlier round)
        how = f" (“{d.text}” read against the publication date {source.published})" if d.relative else ""
        out.append(es.finding("date", d.start, d.end,
                              f"The article dates the recorded event{es.cue} {d.label()}{how}; "
                              f"the record dates it {near.date}.", near,
                              near.date.isoformat(), "warning" if d.relative else "error"))  # type: ignore[union-attr]
    return out, other_day


def _weekday_findings(es: _EventSentence, ev: RecordedEvent, all_dates: list,
                      taken: list[Finding]) -> tuple[list[Finding], bool]:
    """A weekday alone ("said on Monday", "jeudi soir") that is not the recorded day's."""
    out: list[Finding] = []
    if ev.date is None:
        return out, False
    text, sent = es.text, es.sent
    other_day = False
    for m in _WEEKDAY_RE.finditer(text, sent.start, sent.end):
        a, b = m.start(), m.end()
        if any(f.span.start < b and a < f.span.end for f in taken) or not es.free(a, b) or not es.near_actor(a, b):
            continue
        if any(d.start <= a < d.end for d in all_dates if not d.relative):
            continue  # "Monday, July 14": a weekday naming a written date is checked by weekday_findings
        if _NOT_THIS_WEEKDAY_RE.search(text, max(sent.start, a - 20), a) or \
                _NOT_THIS_WEEKDAY_RE.match(text, b, min(sent.end, b + 12)) or \
                _dates_other(text, sent.start, a):
            continue  # "next Monday"; "state media reported Sunday": the day of the report
        word = m.group("wd")
        if WEEKDAYS[word.lower()] == ev.date.weekday():
            continue
        other_day = True
        right = _WEEKDAY_NAMES[ev.date.weekday()][0 if not word.lower().endswith("day") else 1]
        out.append(es.finding("date", a, b, f"The article puts the recorded event{es.cue} on a {word}; the record "
                                            f"dates it {ev.date.isoformat()}, a {right}.", ev, ev.date.isoformat()))
    return out, other_day


def _event_for(ctx: Record, when: dt.date | None) -> RecordedEvent:
    """The recorded event a sentence is about: with several records, the one nearest in time to
    the date the sentence gives, else to the article's publication."""
    placed = [e for e in ctx.events if e.place] or list(ctx.events)
    dated = [e for e in placed if e.date]
    if when is None or not dated:
        return placed[0]
    return min(dated, key=lambda e: abs((e.date - when).days))  # type: ignore[operator]  # dated events only


def weekday_findings(source: Source) -> list[Finding]:
    out = []
    for s, e, text, date, right in weekday_mismatches(source.text, anchor=source.published):
        out.append(Finding(
            kind="date", verdict="conflict", severity="warning", source=source.id, span=Span(s, e, text),
            message=f"“{text}”: {date.isoformat()} was a {right}.", expected=right,
            claim="weekday", fingerprint_salt="weekday"))
    return out
