"""The recorded event: sentences of an article that put it at another place or date, and weekdays
that contradict the date they name."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import re

from crosscheck.checks.facts.context import OTHER_EVENT_DAYS, _day, _mid
from crosscheck.checks.facts.people import NameUse
from crosscheck.model import Finding, SegmentedSource, Source, Span
from crosscheck.text.dates import find_date_values, weekday_mismatches
from crosscheck.text.normalize import AliasTable, tokenize
from crosscheck.text.places import find_places, place_key

if TYPE_CHECKING:
    from crosscheck.checks.record import Record, RecordedEvent


# Words that make an event noun another event than the recorded one.
OTHER_EVENT_RE = re.compile(
    r"\b(?:premi(?:er|ère)s?|précédente?s?|derni(?:er|ère)s?|historiques?|prochaine?s?|future?s?|ancienn?e?s?|"
    r"first|previous|last|next|historic|former|upcoming|earlier|future|se tiendra|auront? lieu|se réunira|"
    r"se rendra|will|doit se|devrait)\b",
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
def event_findings(source: Source, seg: SegmentedSource, uses: list[NameUse],
                   name_spans: list[tuple[int, int]], ctx: Record) -> list[Finding]:
    """Sentences that describe the recorded event (its kind of event, its people) with another place or date."""
    text = source.text
    out: list[Finding] = []
    places_ok = ctx.event_places
    dates_ok = ctx.event_dates
    if not dates_ok and not places_ok:
        return out
    for sent in seg.sentences:
        cue = EVENT_CUE_RE.search(text, sent.start, sent.end)
        if cue is None:
            continue
        present = [u for u in uses if sent.start <= u.mention.start < sent.end]
        if not any(u.resolution is not None for u in present):
            continue
        absent = [u for u in present if u.resolution is None]
        places = [p for p in find_places(text, sent.start, sent.end, name_spans) if p.level == "city"]
        dates = [d for d in find_date_values(text, sent.start, sent.end, source.published) if d.granularity != "year"]
        place_claims = [p for p in places if _attached(text, cue, p.start, p.end, absent)]
        date_claims = [d for d in dates if _attached(text, cue, d.start, d.end, absent)]
        when = _mid(date_claims[0]) if date_claims else source.published
        # a record that gives no place for its event cannot contradict one
        wrong_places = [p for p in place_claims if places_ok and not _same_place(p.text, _places_near(ctx, when), ctx.aliases)]
        wrong_dates, far = [], False
        for d in date_claims:
            if dates_ok and all(d.conflicts(_day(x)) for x in dates_ok):
                gap = min(abs((_mid(d) - x).days) for x in dates_ok)
                if gap > OTHER_EVENT_DAYS:
                    far = True
                else:
                    wrong_dates.append(d)
        if far or (wrong_places and wrong_dates):
            continue  # another place and another date, or a distant date: another event (an earlier round)
        for p in wrong_places:
            ev = _event_for(ctx, when)
            out.append(Finding(
                kind="place", verdict="conflict", severity="error", source=source.id,
                span=Span(p.start, p.end, p.text),
                message=f"The article puts the recorded event (“{cue.group()}”) in {p.text}; the record places it in {ev.place}.",
                reference=ev.reference, reference_span=ev.place_span, expected=ev.place,
                claim="event", sentence=[sent.start, sent.end]))
        for d in wrong_dates:
            ev = min((e for e in ctx.events if e.date), key=lambda e: abs((e.date - _mid(d)).days))
            how = f" (“{d.text}” read against the publication date {source.published})" if d.relative else ""
            out.append(Finding(
                kind="date", verdict="conflict", severity="warning" if d.relative else "error", source=source.id,
                span=Span(d.start, d.end, d.text),
                message=f"The article dates the recorded event (“{cue.group()}”) {d.label()}{how}; the record dates it {ev.date}.",
                reference=ev.reference, reference_span=ev.date_span, expected=ev.date.isoformat(),
                claim="event", sentence=[sent.start, sent.end]))
    return out


def _attached(text: str, cue: re.Match, start: int, end: int, absent: list[NameUse]) -> bool:
    """A place or date belongs to the event word when it sits in its clause, close by, with no marker
    of another event ("premier", "prochain", a future tense) and no person the record lacks between."""
    a, b = (cue.end(), start) if start >= cue.end() else (end, cue.start())
    between = text[a:b]
    if len(re.findall(r"\w+", between)) > 20 or re.search(r"[;:?!]|\.\s", between):
        return False
    lo, hi = min(cue.start(), start), max(cue.end(), end)
    if OTHER_EVENT_RE.search(text, max(0, cue.start() - 25), cue.start()) or OTHER_EVENT_RE.search(between):
        return False
    return not any(lo <= u.mention.start < hi for u in absent)


def _same_place(name: str, places: set[str], aliases: AliasTable) -> bool:
    key = place_key(name)
    if key in places:
        return True
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
    placed = [e for e in ctx.events if e.place]
    dated = [e for e in placed if e.date]
    if when is None or not dated:
        return placed[0]
    return min(dated, key=lambda e: abs((e.date - when).days))


def weekday_findings(source: Source) -> list[Finding]:
    out = []
    for s, e, text, date, right in weekday_mismatches(source.text, anchor=source.published):
        out.append(Finding(
            kind="date", verdict="conflict", severity="warning", source=source.id, span=Span(s, e, text),
            message=f"“{text}”: {date.isoformat()} was a {right}.", expected=right,
            claim="weekday", fingerprint_salt="weekday"))
    return out
