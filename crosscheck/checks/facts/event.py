"""The recorded event: sentences of an article that put it at another place or date, and weekdays
that contradict the date they name."""
from __future__ import annotations

from typing import TYPE_CHECKING

import bisect
import datetime as dt
import re

from crosscheck.checks.facts.context import OTHER_EVENT_DAYS, _mid
from crosscheck.checks.facts.people import NameUse
from crosscheck.checks.extract import VERB, find_quote_spans
from crosscheck.model import Alignment, Finding, Segment, SegmentedSource, Source, Span
from crosscheck.text.dates import find_date_values, weekday_mismatches
from crosscheck.text.normalize import AliasTable, tokenize, word_key
from crosscheck.text.speakers import OFFICE_WORDS, read_label
from crosscheck.text.gazetteer import place_contains
from crosscheck.text.places import find_places, place_key

if TYPE_CHECKING:
    from crosscheck.checks.record import Record, RecordedEvent


# Words that make an event noun another event than the recorded one.
OTHER_EVENT_RE = re.compile(
    r"\b(?:premi(?:er|ère)s?|précédente?s?|derni(?:er|ère)s?|historiques?|prochaine?s?|future?s?|ancienn?e?s?|"
    r"first|previous|last|next|historic|former|upcoming|earlier|future|se tiendra|auront? lieu|se réunira|"
    r"se rendra|will|doit se|devrait|expected|is due|are due|plans? to|scheduled|attendue?s?|prévue?s?|"
    r"also met|a également rencontré|later|afterwards|ensuite|puis)\b",
    re.IGNORECASE,
)
# The recorded kind of event: talks, a meeting, a press conference (not an arrival or a visit).
EVENT_CUE_RE = re.compile(
    r"\b(?:entretiens?|rencontres?|réunions?|discussions|pourparlers|négociations|conférence de presse|"
    r"point de presse|sommet|s['’]est entretenue?|se sont entretenus|a rencontré|ont rencontré|rencontre|"
    r"a reçu|reçoit|a été reçue?|ont discuté|a eu lieu|ont eu lieu|s['’]est tenue?|se sont tenus|"
    r"se sont réunis|a accueilli|talks|meeting|met|meets|held talks|press conference|summit|received|"
    r"hosted|was received|took place|was held)\b",
    re.IGNORECASE,
)


def _predates(source: Source, ctx: Record) -> bool:
    """An article published before the recorded event cannot be reporting on it."""
    dates = ctx.event_dates
    return bool(source.published and dates and source.published < dates[0] - dt.timedelta(days=1))


# ---- the recorded event: where and when ------------------------------------------------------------
# A verb of saying or a press event: a sentence with one, a record participant and a weekday or
# place is the article telling when and where the record's words were said.
SPEECH_CUE_RE = re.compile(
    r"\b(?:said|says|told|tells|added|stated|declared|announced|responded|replied|answered|asked|"
    r"spoke|speaking|remarked|explained|insisted|warned|stressed|briefing|remarks|reporters|"
    r"a (?:déclaré|dit|affirmé|ajouté|annoncé|répondu|expliqué|souligné|assuré|estimé|indiqué)|"
    r"a-t-(?:il|elle) (?:dit|déclaré|ajouté|affirmé)|déclare|s['’]est exprimée?|a pris la parole|"
    r"devant (?:la presse|les journalistes)|allocution|discours|déclaration|"
    r"s['’]est rendue?|se rendant|en visite|visited|visiting|arrived|traveled to|travelled to)\b"
    rf"|{VERB}",
    re.IGNORECASE,
)
_WEEKDAY_NAMES = {
    0: ("lundi", "Monday"), 1: ("mardi", "Tuesday"), 2: ("mercredi", "Wednesday"), 3: ("jeudi", "Thursday"),
    4: ("vendredi", "Friday"), 5: ("samedi", "Saturday"), 6: ("dimanche", "Sunday"),
}
_WEEKDAY_RE = re.compile(r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|"
                         r"wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_WEEKDAY_NO = {w.lower(): n for n, pair in _WEEKDAY_NAMES.items() for w in pair}
# A weekday that does not date the event it sits next to: "next Monday", "lundi prochain", "every Friday".
_NOT_THIS_WEEKDAY_RE = re.compile(r"\b(?:next|last|every|each|this coming|until|by|since|to|before|after|from|"
                                  r"avant|après|au|prochain|dernier|"
                                  r"chaque|tous les|jusqu['’]à|depuis)\W+$|^\W+(?:prochain|dernier|suivant)\b",
                                  re.IGNORECASE)
# A date right after a verb of publishing dates the report, not the event ("ont rapporté dimanche").
_REPORTED_RE = re.compile(r"\b(?:reported|reports|rapporté|rapportent|publié|published|broadcast|diffusé|"
                          r"relayé|said in a statement|a annoncé|announced)\W+(?:\w+\W+)?$", re.IGNORECASE)
_OTHER_OCCASION_RE = re.compile(r"\b(?:premi(?:er|ère) (?:cycle|tour|round|sommet|visite)|first round|"
                                r"previous (?:round|meeting|visit|summit)|next (?:round|meeting|visit|summit)|"
                                r"prochaine? (?:cycle|tour|rencontre|réunion|visite|sommet)|"
                                r"précédente? (?:cycle|tour|rencontre|réunion|visite|sommet))\b", re.IGNORECASE)


def _unquoted(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """The sentence with its quotations blanked out (the speaker's words are not the article's claim)."""
    chars = list(text[start:end])
    for q0, q1 in quoted:
        for i in range(max(q0, start), min(q1, end)):
            chars[i - start] = " "
    return "".join(chars)


_PRONOUN_RE = re.compile(r"\b(?:he|she|il|elle)\b", re.IGNORECASE)
_DATELINE_RE = re.compile(r"^[A-ZÀ-Ý .'\-]{3,40}(?:,|\s*\()")


def principal_titles(ctx: Record) -> frozenset[str]:
    """The titles the record gives its speakers ("PRESIDENT BIDEN:" -> president, "le Président
    Emmanuel Macron" -> président): an article's "the president" or "le chef de l'État" is one of them."""
    words: set[str] = set()
    for turn in ctx.turns:
        label = read_label(turn.speaker)
        if label.role == "person" and label.title:
            words.update(word_key(w) for w in label.title.split())
    for ms in ctx.mentions.values():
        for m in ms:
            if m.title:
                words.update(word_key(w) for w in m.title.split())
    return frozenset(w for w in words if w in OFFICE_WORDS and len(w) > 3 and w not in ("state", "foreign", "national"))


def participant_refs(source: Source, seg: SegmentedSource, uses: list[NameUse], ctx: Record) -> list[tuple[int, int]]:
    """Where an article names a record participant without their name: "the president" / "le président"
    (a title the record gives a speaker), or "he"/"il" when the last person named before it, in
    this or the two sentences before, is a record participant."""
    text = source.text
    titles = principal_titles(ctx)
    out: list[tuple[int, int]] = []
    if titles:
        rx = re.compile(r"\b(?:the|le|la|l['’])\s+(?:[\w\-]+\s+){0,2}?(?:" + "|".join(map(re.escape, sorted(titles)))
                        + r")\b", re.IGNORECASE)
        out += [(m.start(), m.end()) for m in rx.finditer(text)]
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


def event_findings(source: Source, seg: SegmentedSource, uses: list[NameUse],
                   name_spans: list[tuple[int, int]], ctx: Record,
                   alignments: list[Alignment] | None = None) -> list[Finding]:
    """Every place, date and weekday a sentence about the recorded event gives, compared with the
    record's, each its own finding: a wrong city does not hide a wrong date in the same sentence."""
    text = source.text
    out: list[Finding] = []
    if not ctx.event_dates and not ctx.event_places:
        return out
    quoted = [(o0, o1) for o0, _, _, o1 in find_quote_spans(text)]
    absent = [u for u in uses if u.resolution is None]
    refs = participant_refs(source, seg, uses, ctx)
    for sent, why in event_sentences(source, seg, uses, alignments or [], refs):
        cue_m = EVENT_CUE_RE.search(text, sent.start, sent.end) or SPEECH_CUE_RE.search(text, sent.start, sent.end)
        cue = f" (“{cue_m.group()}”)" if cue_m else " (a sentence quoting the record)"
        def free(a: int, b: int) -> bool:
            """Outside quotation marks, not next to a marker of another event, no absent person between."""
            if any(q0 <= a and b <= q1 for q0, q1 in quoted):
                return False
            before = _unquoted(text, sent.start, a, quoted)
            if OTHER_EVENT_RE.search(before) or OTHER_EVENT_RE.match(text, b, min(sent.end, b + 12)):
                return False  # "also met X on Friday", "is expected in Warsaw": another occasion
            people_before = [u for u in uses if sent.start <= u.mention.start < a]
            if people_before and max(people_before, key=lambda u: u.mention.start).resolution is None:
                return False  # "... celle de Sergueï Choïgou, à Pyongyang": the nearest person is not the record's
            return not any(u.mention.start < a and sent.start <= u.mention.start and
                           re.search(r"\b(?:met|rencontré|meets|meeting with)\W+$", text[max(sent.start, u.mention.start - 20):u.mention.start])
                           for u in absent)

        actors = [(u.mention.start, u.mention.end) for u in uses
                  if u.resolution is not None and sent.start <= u.mention.start < sent.end]
        actors += [(a.span.start, a.span.end) for a in alignments or []
                   if a.reference is not None and sent.start <= a.span.start < sent.end and a.span.end - a.span.start < sent.end - sent.start]
        actors += [(a, b) for a, b in refs if sent.start <= a < sent.end]

        cues = [(m.start(), m.end()) for rx in (EVENT_CUE_RE, SPEECH_CUE_RE) for m in rx.finditer(text, sent.start, sent.end)]

        def near_actor(a: int, b: int) -> bool:
            """A date, weekday or place tells when or where the record's words were said when it sits by
            a verb of saying or an event word whose subject is a record participant or a quotation of
            the record ("Biden said Monday", "Speaking in Brussels on Thursday, Blinken said",
            "told reporters Friday: «...»"), not by someone else's ("officials said on Sunday", "the
            White House on Monday promised", "the attack on Sunday")."""
            return any(c0 - 70 <= b and a <= c1 + 70 and any(x - 45 <= c1 and c0 <= y + 45 for x, y in actors)
                       for c0, c1 in cues)
        dates = [d for d in find_date_values(text, sent.start, sent.end, source.published)
                 if d.granularity == "day" and free(d.start, d.end) and near_actor(d.start, d.end)
                 and not _REPORTED_RE.search(text, max(sent.start, d.start - 25), d.start)
                 and not _NOT_THIS_WEEKDAY_RE.search(text, max(sent.start, d.start - 20), d.start)]
        other_day = False
        event_days = [e.date for e in ctx.events if e.date]
        if event_days and any(all(abs((_mid(d) - day).days) > OTHER_EVENT_DAYS and
                                  (d.granularity != "year" or d.year != day.year) for day in event_days)
                              for d in find_date_values(text, sent.start, sent.end, source.published)):
            continue  # the sentence dates another occasion ("En novembre 2024, ... à Moscou"): not this one
        if _OTHER_OCCASION_RE.search(_unquoted(text, sent.start, sent.end, quoted)):
            continue  # "the first round", "le prochain sommet": another occasion named as such
        when = _mid(dates[0]) if dates else source.published
        ev = _event_for(ctx, when)
        for d in dates:
            dated = [e for e in ctx.events if e.date]
            if not dated:
                break
            near = min(dated, key=lambda e: abs((e.date - _mid(d)).days))  # type: ignore[operator]  # dated events only
            gap = abs((_mid(d) - near.date).days)  # type: ignore[operator]  # dated events only
            if gap == 0:
                continue
            other_day = True
            if gap > OTHER_EVENT_DAYS:
                continue  # a date of another occasion (an earlier round)
            how = f" (“{d.text}” read against the publication date {source.published})" if d.relative else ""
            out.append(Finding(
                kind="date", verdict="conflict", severity="warning" if d.relative else "error", source=source.id,
                span=Span(d.start, d.end, d.text),
                message=f"The article dates the recorded event{cue} {d.label()}{how}; the record dates it {near.date}.",
                reference=near.reference, reference_span=near.date_span, expected=near.date.isoformat(),  # type: ignore[union-attr]  # dated
                claim="event", sentence=[sent.start, sent.end]))
        taken = [(f.span.start, f.span.end) for f in out]
        if ev.date is not None:
            for m in _WEEKDAY_RE.finditer(text, sent.start, sent.end):
                a, b = m.start(), m.end()
                if any(x < b and a < y for x, y in taken) or not free(a, b) or not near_actor(a, b):
                    continue
                if any(d.start <= a < d.end for d in find_date_values(text, sent.start, sent.end, source.published)
                       if not d.relative):
                    continue  # "Monday, July 14": a weekday naming a written date is checked by weekday_findings
                if _NOT_THIS_WEEKDAY_RE.search(text, max(sent.start, a - 20), a) or \
                        _NOT_THIS_WEEKDAY_RE.match(text, b, min(sent.end, b + 12)) or \
                        _REPORTED_RE.search(text, max(sent.start, a - 25), a):
                    continue  # "next Monday"; "state media reported Sunday": the day of the report
                said = _WEEKDAY_NO[m.group("wd").lower()]
                if said == ev.date.weekday():
                    continue
                other_day = True
                right = _WEEKDAY_NAMES[ev.date.weekday()][0 if m.group("wd")[0].lower() in "lmjvsd" and
                                                          m.group("wd").lower() in _WEEKDAY_NAMES_FR else 1]
                out.append(Finding(
                    kind="date", verdict="conflict", severity="error", source=source.id,
                    span=Span(a, b, m.group()),
                    message=f"The article puts the recorded event{cue} on a {m.group('wd')}; the record dates it "
                            f"{ev.date.isoformat()}, a {right}.",
                    reference=ev.reference, reference_span=ev.date_span, expected=ev.date.isoformat(),
                    claim="event", sentence=[sent.start, sent.end]))
        for p in find_places(text, sent.start, sent.end, name_spans):
            if ev.place is not None and not p.real and _misspelt(p.text, ev.place):
                out.append(Finding(
                    kind="place", verdict="conflict", severity="warning", source=source.id,
                    span=Span(p.start, p.end, p.text),
                    message=f"“{p.text}” is not a place the gazetteer knows; the record's place is spelled {ev.place}.",
                    reference=ev.reference, reference_span=ev.place_span, expected=ev.place,
                    claim="event", sentence=[sent.start, sent.end]))
                continue
            if not p.real or not free(p.start, p.end) or ev.place is None:
                continue
            if why != "aligned" and other_day and ctx.mentions_place(p.text):
                continue  # another day at a place the record itself names: another occasion ("Thursday he
                # was in Kuala Lumpur for ASEAN meetings"), not the recorded event moved
            if _same_place(p.text, _places_near(ctx, when), ctx.aliases):
                continue  # the recorded place ("Washington" the city or the state: the same name)
            if p.level == "city":
                pass
            elif why != "event" or place_contains(p.text, ev.place) is not False:
                continue  # a country or state: checked only where the article says the talks were held
                # there, and only when the gazetteer can say it does not hold the recorded city
            out.append(Finding(
                kind="place", verdict="conflict", severity="error", source=source.id,
                span=Span(p.start, p.end, p.text),
                message=f"The article puts the recorded event{cue} in {p.text}; the record places it in {ev.place}.",
                reference=ev.reference, reference_span=ev.place_span, expected=ev.place,
                claim="event", sentence=[sent.start, sent.end]))
    return out


_WEEKDAY_NAMES_FR = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


def _misspelt(name: str, place: str) -> bool:
    """A few letters off the record's place name (not a short form of it): "Conflans-Saine-Honorine"."""
    from rapidfuzz.distance import Levenshtein

    a, b = place_key(name), place_key(place)
    return a != b and len(b) >= 5 and Levenshtein.distance(a, b) <= max(1, len(b) // 8)


def _same_place(name: str, places: set[str], aliases: AliasTable) -> bool:
    key = place_key(name)
    if key in places:
        return True
    if any(p.startswith(key) and len(key) >= 4 for p in places) and "-" not in name:
        return True  # "Conflans" for "Conflans-Sainte-Honorine": the usual short form
    canon = "_".join(t.key for t in aliases.apply(tokenize(name)))
    return any(canon == "_".join(t.key for t in aliases.apply(tokenize(p))) for p in places)


def _places_near(ctx: Record, when: dt.date | None) -> set[str]:
    """Where the recorded events around ``when`` took place: with records of several events, an
    article about one is checked against that one's place, not any record's."""
    near = {place_key(e.place) for e in ctx.events
            if e.place and e.date and when and abs((e.date - when).days) <= OTHER_EVENT_DAYS}
    return near or ctx.event_places


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
