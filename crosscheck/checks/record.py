"""The record: what every press article is checked against, built once per run.

Its references (releases, turns, sentences), the corpus aliases, the trigram index that alignment
searches, the people the record names and the place and date of each recorded event. The pipeline
builds it once (:func:`build_record`; in parallel halves for a large record), shares it with its
worker processes (inherited through fork) and caches it beside the per-article results.
"""
from __future__ import annotations

import re

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache

from crosscheck.checks.align import ReferenceIndex
from crosscheck.model import Release, Segment, SegmentedSource, Span, Turn
from crosscheck.text.dates import find_date_values
from crosscheck.text.names import NameMention, Person, PersonIndex, find_names, person_words, word_letters
from crosscheck.text.normalize import AliasTable, normalize_text, word_key
from crosscheck.text.places import find_places, place_key
from crosscheck.text.speakers import OFFICE_WORDS, read_label
from crosscheck.text.venues import find_venues, top_venue


@dataclass
class RecordedEvent:
    """What a release records: where and when, with the words of the record that say so."""

    reference: str
    release: int
    date: dt.date | None
    place: str | None
    place_span: Span | None
    date_span: Span | None


HEADING_CHARS = 300  # a release's heading lines: at most this much before its first turn
# office words that only qualify an office ("White House Press Secretary"): never a title on their own
_NOT_OFFICE = frozenset(word_key(w) for w in "white house press security affairs external foreign state national "
                        "defense defence république republique republic federation fédération étrangères "
                        "etrangeres deputy adjoint adjointe vice".split())


# Folded words before a place that make it a destination: "departure for West Palm Beach, Florida",
# "travels to", "en route to", "départ pour", "en route vers".
_TRAVEL = "departure|depart|departs|departing|departed|leaving|leaves|left|travel|travels|traveling|travelling|" \
          "trip|heading|headed|bound|route|flight|flying|flew|partir|part|partira"
_DESTINATION_RE = re.compile(rf"(?:^| )(?:{_TRAVEL}) (?:for|to|pour|vers|towards)(?: [^ ]+){{0,3}} $")


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    return " ".join(word_key(w) for w in text.split())


@dataclass
class Record:
    """What every article is checked against."""

    references: dict[str, SegmentedSource]  # by id, in corpus order
    aliases: AliasTable
    index: ReferenceIndex  # the references' words and their trigram index (alignment)
    people: PersonIndex  # the people the record names
    mentions: dict[str, list[NameMention]]  # reference id -> name mentions
    events: list[RecordedEvent]  # one per release: where and when

    @property
    def releases(self) -> list[Release]:
        return [r for s in self.references.values() for r in s.releases]

    @property
    def turns(self) -> list[Turn]:
        return [t for s in self.references.values() for t in s.turns]

    @property
    def sentences(self) -> list[Segment]:
        return [x for s in self.references.values() for x in s.sentences]

    @property
    def language(self) -> str | None:
        """The record's language (ReferenceIndex.language)."""
        return self.index.language

    @cached_property
    def speaker_titles(self) -> frozenset[str]:
        """The titles the record gives its speakers ("PRESIDENT BIDEN:" -> president, "le Président
        Emmanuel Macron" -> président): an article's "the president" is one of them. Once per record."""
        words = self._person_titles(named_only=False)
        # a release's own title names its speaker's office ("Remarks by President Biden",
        # "Déclaration du Président de la République"), also where the turns carry no label
        for seg in self.references.values():
            for title in [seg.source.title or "", *(r.title for r in seg.releases)]:
                words.update(k for k in map(word_key, re.findall(r"[^\W\d_]+", title)) if k not in _NOT_OFFICE)
        return frozenset(w for w in words if w in OFFICE_WORDS and len(w) > 3
                         and w not in ("state", "foreign", "national"))

    def _person_titles(self, named_only: bool) -> set[str]:
        """Title words of the record's speaker labels and named mentions; ``named_only``: only those
        written with a name ("PRESIDENT BIDEN:", not "THE PRESIDENT:")."""
        words: set[str] = set()
        for turn in self.turns:
            label = read_label(turn.speaker)
            if label.role == "person" and label.title and (label.name or not named_only):
                words.update(word_key(w) for w in label.title.split())
        for ms in self.mentions.values():
            for m in ms:
                if m.title and (m.words or not named_only):
                    words.update(word_key(w) for w in m.title.split())
        return words

    @cached_property
    def venues(self) -> frozenset[str]:
        """The buildings of the named venues (text/venues.py) a release's heading puts the event in
        ("East Room", "South Lawn": the White House). Empty when the record names none."""
        return frozenset(top for name in self.rooms if (top := top_venue(name)))

    @cached_property
    def rooms(self) -> frozenset[str]:
        """The named venues themselves a release's heading gives: the lines before its first turn and
        its title ("Rose Garden"); never taken from what the speakers say."""
        out: set[str] = set()
        for seg in self.references.values():
            text = seg.source.text
            heads = [seg.source.title or ""]
            for r in seg.releases:
                first_turn = min((t.start for t in seg.turns if t.release == r.index and t.start > r.start), default=r.end)
                heads += [r.title, text[r.start:min(first_turn, r.start + HEADING_CHARS)]]
            out.update(v.name for h in heads for v in find_venues(h))
        return frozenset(out)

    @cached_property
    def anonymous_titles(self) -> frozenset[str]:
        """Offices the record's headings or labels give a speaker it never names ("Prime Minister's
        remarks at Downing Street", a bare "THE PRESIDENT:" with no name anywhere): an article's
        "Prime Minister Keir Starmer" is that speaker. Titles a named record person carries are not
        anonymous ("President Biden": an article's "President Trump" is someone else)."""
        return frozenset(self.speaker_titles - self._person_titles(named_only=True))

    def echoes(self, words: str, name: str) -> bool:
        """Whether the record says ``words`` right before the place ``name`` ("the promises they made
        in Paris"): an article saying it too repeats the record's mention of another occasion."""
        phrase = f" {normalize_text(words)} {normalize_text(name)} "
        return bool(words.strip()) and any(phrase in keys for keys in self._reference_keys)

    @cached_property
    def _reference_keys(self) -> list[str]:
        """Each reference's word keys, space-joined and padded (``echoes``), computed once."""
        return [f" {normalize_text(s.source.text)} " for s in self.references.values()]

    def mentions_place(self, name: str) -> bool:
        """Whether the record's own text names this place as somewhere someone is or was, for any
        reason: not only as where they were going ("Prior to Departure for West Palm Beach, Florida")."""
        key = word_key(name)
        if not key:
            return False
        for s in self.references.values():
            folded = _folded(s.source.text)
            at = folded.find(key)
            while at >= 0:
                if not _DESTINATION_RE.search(folded, max(0, at - 80), at):
                    return True
                at = folded.find(key, at + len(key))
        return False

    def shared(self) -> list:
        """Objects that article results point into (the record's people), pickled by position."""
        return list(self.people.people)

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


def build_record(references: list[SegmentedSource], aliases: AliasTable | None = None,
                 index: ReferenceIndex | None = None) -> Record:
    """The record of these (segmented) references; ``index``: their trigram index, if already built."""
    aliases = aliases if aliases is not None else AliasTable()
    people, mentions, events = record_facts(references)
    return Record({s.source.id: s for s in references}, aliases,
                  index if index is not None else ReferenceIndex(references, aliases), people, mentions, events)


def record_facts(references: list[SegmentedSource]) -> tuple[PersonIndex, dict[str, list[NameMention]],
                                                             list[RecordedEvent]]:
    """People named in the record, where, and the place and date of each recorded event."""
    firsts = [record_first_pass(seg) for seg in references]
    people = record_people(firsts)
    # a second pass finds the surname-only forms ("M. Poutine", "Poutine") now that people are known
    mentions = {seg.source.id: record_mentions(seg, people) for seg in references}
    return people, mentions, [e for f in firsts for e in f[2]]


FirstPass = tuple[list[NameMention], list, list[RecordedEvent]]


def record_first_pass(seg: SegmentedSource) -> FirstPass:
    """What one transcript contributes on its own (so that a record change redoes only the
    changed transcripts: crosscheck.storage.recordindex): the names it writes, the person words
    of its speaker labels, its events."""
    text = seg.source.text
    ms = find_names(text, record=True)
    labels = []
    for turn in seg.turns:  # speaker labels are people too: "Sergueï Lavrov :", "SECRETARY BLINKEN:"
        label = read_label(turn.speaker)
        words = person_words(label.name or "") if label.role == "person" else ()
        if words:
            labels.append(words)
    events = []
    for rel in seg.releases:
        place = rel.place or seg.source.place
        events.append(RecordedEvent(seg.source.id, rel.index, rel.date, place,
                                    _place_span(text, rel.start, rel.end, place),
                                    _date_span(text, rel.start, rel.end, rel.date)))
    return ms, labels, events


def record_people(firsts: list[FirstPass]) -> PersonIndex:
    """The record's people from every transcript's first pass, in corpus order."""
    people = PersonIndex()
    titled_only: list[tuple[str, ...]] = []
    for ms, labels, _ in firsts:
        for m in ms:
            if m.full:
                people.add(m.words, loose=m.cue == "record")
        for words in labels:
            if len(words) >= 2:
                people.add(words)
            else:
                titled_only.append(words)
    # A person the record names only by title and surname ("President Putin", "M. Poutine",
    # "SECRETARY BLINKEN:") is a record person too, unless that surname belongs to someone named in full.
    for words in [m.words for ms, _, _ in firsts for m in ms if not m.full and m.title and len(m.words) == 1] \
            + titled_only:
        if people.family_exact(words[0]) is None:
            people.add(words)
    return people


def record_mentions(seg: SegmentedSource, people: PersonIndex) -> list[NameMention]:
    """Every name mention of one transcript, surname-only forms included, once people are known."""
    return find_names(seg.source.text, known=people)


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
