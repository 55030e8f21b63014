"""The record side of the fact checks: the people it names, and the place and date of each recorded event."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crosscheck.model import Alignment, Segment, SegmentedSource, Span
from crosscheck.text.dates import DateValue, find_date_values
from crosscheck.text.names import NameMention, Person, PersonIndex, find_names, person_words, word_letters
from crosscheck.text.normalize import AliasTable
from crosscheck.text.places import find_places, place_key
from crosscheck.text.speakers import is_journalist_label as is_journalist, read_label

# An article dating the recorded event this far away describes another event (an earlier round).
OTHER_EVENT_DAYS = 45


@dataclass
class RecordedEvent:
    """What a release records: where and when, with the words of the record that say so."""

    reference: str
    release: int
    date: dt.date | None
    place: str | None
    place_span: Span | None
    date_span: Span | None


@dataclass
class ReferenceContext:
    people: PersonIndex
    mentions: dict[str, list[NameMention]]  # reference id -> name mentions
    events: list[RecordedEvent]
    references: dict[str, SegmentedSource]
    aliases: AliasTable

    def first_spelling(self, person: Person) -> tuple[str, Span] | None:
        """The first place the record writes the person's usual spelling (for reference_span)."""
        for ref_id, ms in self.mentions.items():
            for m in ms:
                if m.name == person.canonical:
                    return ref_id, Span(m.start, m.end, m.text)
        for ref_id, ms in self.mentions.items():
            for m in ms:
                if m.full and word_letters(m.words) == word_letters(person.words):
                    return ref_id, Span(m.start, m.end, m.text)
        return None

    @property
    def event_dates(self) -> list[dt.date]:
        return sorted({e.date for e in self.events if e.date})

    @property
    def event_places(self) -> set[str]:
        return {place_key(e.place) for e in self.events if e.place}


def reference_context(references: list[SegmentedSource], aliases: AliasTable | None = None) -> ReferenceContext:
    """People named in the record, and the place and date of each recorded event."""
    people = PersonIndex()
    raw: dict[str, list[NameMention]] = {}
    titled_only: list[tuple[str, ...]] = []
    for seg in references:
        text = seg.source.text
        ms = find_names(text)
        raw[seg.source.id] = ms
        for m in ms:
            if m.full:
                people.add(m.words)
        for turn in seg.turns:  # speaker labels are people too: "Sergueï Lavrov :", "SECRETARY BLINKEN:"
            words = person_words(read_label(turn.speaker).name or "") if not is_journalist(turn.speaker) else ()
            if len(words) >= 2:
                people.add(words)
            elif words:
                titled_only.append(words)
    # A person the record names only by title and surname ("President Putin", "M. Poutine") is a
    # record person too, unless that surname already belongs to someone named in full.
    for words in [m.words for ms in raw.values() for m in ms if not m.full and m.title and len(m.words) == 1] \
            + titled_only:
        if people.family_exact(words[0]) is None:
            people.add(words)
    # a second pass finds the surname-only forms ("M. Poutine", "Poutine") now that people are known
    mentions = {seg.source.id: find_names(seg.source.text, known=people) for seg in references}
    events = []
    for seg in references:
        for rel in seg.releases:
            place = rel.place or seg.source.place
            events.append(RecordedEvent(seg.source.id, rel.index, rel.date, place,
                                        _place_span(seg.source.text, rel.start, rel.end, place),
                                        _date_span(seg.source.text, rel.start, rel.end, rel.date)))
    return ReferenceContext(people, mentions, events, {s.source.id: s for s in references},
                            aliases if aliases is not None else AliasTable())


def _place_span(text: str, start: int, end: int, place: str | None) -> Span | None:
    if not place:
        return None
    for p in find_places(text, start, min(end, start + 2000)):
        if p.key == place_key(place):
            return Span(p.start, p.end, p.text)
    i = text.find(place, start, end)
    return Span(i, i + len(place), place) if i >= 0 else None


def _date_span(text: str, start: int, end: int, date: dt.date | None) -> Span | None:
    if date is None:
        return None
    for v in find_date_values(text, start, min(end, start + 2000), date):
        if v.as_date() == date:
            return Span(v.start, v.end, v.text)
    return None


def _reference_extent(ctx: ReferenceContext, a: Alignment) -> tuple[int, int, Segment | None]:
    """The record sentences the aligned passage falls in (whole sentences give dates their context)."""
    seg = ctx.references.get(a.reference)
    rs = a.reference_span
    if seg is None:
        return rs.start, rs.end, None
    hits = [s for s in seg.sentences if s.start < rs.end and rs.start < s.end]
    if not hits:
        return rs.start, rs.end, None
    return min(s.start for s in hits), max(s.end for s in hits), hits[0]


def _release_date(ctx: ReferenceContext, ref_id: str, sent: Segment | None) -> dt.date | None:
    for e in ctx.events:
        if e.reference == ref_id and (sent is None or e.release == sent.release):
            return e.date
    return None


def _day(d: dt.date) -> DateValue:
    return DateValue(0, 0, d.isoformat(), d.year, d.month, d.day)


def _mid(v: DateValue) -> dt.date:
    return dt.date(v.year, v.month or 7, v.day or 15)
