"""Stage 6: fact checks. People's names, places, dates and numbers in the press against the record.

Work is split so that each press article can be checked on its own (and cached, or run in
parallel): ``reference_context`` reads the record once, ``check_source_facts`` checks one
article against it, and ``group_people`` joins the name mentions of all sources into people.

Verdicts and severities:

- ``name``: ``variant`` (info) differs only in typography from the record's spelling; ``misspelling``
  (warning) the letters differ (a typo or another romanisation), ``expected`` the record's spelling;
  ``absent`` (info) a person the record never names, or (warning) one the article names where the
  record names someone else in the same aligned sentence. Exact matches are listed in ``people``.
- ``place``: ``conflict`` (error) when the article puts the recorded event somewhere else, or a place in
  an aligned sentence differs from the record's.
- ``date``: ``conflict`` when the article dates the recorded event, or an aligned sentence, otherwise
  (error for a date written out, warning for one resolved from "hier"/"samedi" and the publication
  date); a weekday that contradicts the date it names (warning).
- ``number``: ``conflict`` (error) when a number in an aligned sentence differs from the record's in the
  same place of the sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from crosscheck.text.dates import DateValue, find_date_values, find_statement_dates, weekday_mismatches
from crosscheck.model import Alignment, Corpus, Finding, Segment, SegmentedSource, Source, Span
from crosscheck.text.names import NameMention, Person, PersonIndex, Resolution, find_names, word_letters
from crosscheck.text.normalize import AliasTable, tokenize, word_key
from crosscheck.text.numbers import NumberMention, find_numbers
from crosscheck.text.places import PlaceMention, find_places, place_key

# An article dating the recorded event this far away describes another event (an earlier round).
OTHER_EVENT_DAYS = 45
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
CONTENT_MIN = 4  # a context word of at least this many letters ties a number to what it counts
STOP = frozenset("le la les l un une des de du d et ou a au aux en dans par pour sur que qu qui ne pas se "
                 "the of to in and or is are was were be at by on for with as".split())


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


@dataclass
class NameUse:
    """One name mention of a source and what it resolved to."""

    source: str
    mention: NameMention
    resolution: Resolution | None  # None: absent from the record


@dataclass
class SourceFacts:
    findings: list[Finding] = field(default_factory=list)
    names: list[NameUse] = field(default_factory=list)


# ---- the record -------------------------------------------------------------------------------
def reference_context(references: list[SegmentedSource], aliases: AliasTable | None = None) -> ReferenceContext:
    """People named in the record, and the place and date of each recorded event."""
    people = PersonIndex()
    raw: dict[str, list[NameMention]] = {}
    for seg in references:
        text = seg.source.text
        ms = find_names(text)
        for t in seg.turns:  # "Sergueï Lavrov :" speaker labels are people too
            ms += [m for m in find_names(text, t.start, t.start + len(t.speaker)) if m.full and m not in ms]
        raw[seg.source.id] = ms
        for m in ms:
            if m.full:
                people.add(m.words)
    # A person the record names only by title and surname ("President Putin", "M. Poutine") is a
    # record person too, unless that surname already belongs to someone named in full.
    for ms in raw.values():
        for m in ms:
            if not m.full and m.title and len(m.words) == 1 and people.family_exact(m.words[0]) is None:
                people.add(m.words)
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


# ---- one press source -----------------------------------------------------------------------------
def check_source_facts(source: Source, seg: SegmentedSource, alignments: list[Alignment],
                       ctx: "ReferenceContext | object", corpus: Corpus | None = None) -> SourceFacts:
    """Names, places, dates and numbers of one press article against the record.

    ``ctx`` is a :class:`ReferenceContext`, or the pipeline's ``ReferenceIndex`` (the context is then
    built from its references once per process). The result is picklable: the pipeline caches it.
    """
    if not isinstance(ctx, ReferenceContext):
        ctx = context_for_index(ctx)
    out = SourceFacts()
    out.names = resolve_names(source, ctx)
    out.findings += name_findings(source, out.names, ctx)
    predates = _predates(source, ctx)
    name_spans = [(u.mention.start, u.mention.end) for u in out.names]
    if not predates:
        out.findings += event_findings(source, seg, out.names, name_spans, ctx)
        out.findings += aligned_findings(source, alignments, name_spans, ctx, out.findings)
        escalate_absent(source, alignments, out.names, ctx, out.findings)
    out.findings += weekday_findings(source)
    return out


def _predates(source: Source, ctx: ReferenceContext) -> bool:
    """An article published before the recorded event cannot be reporting on it."""
    dates = ctx.event_dates
    return bool(source.published and dates and source.published < dates[0] - dt.timedelta(days=1))


def resolve_names(source: Source, ctx: ReferenceContext) -> list[NameUse]:
    text = source.text
    mentions = find_names(text, known=ctx.people)
    uses: list[NameUse] = []
    local = PersonIndex()  # people this article names in full but the record does not
    full_ids: set[int] = set()
    for m in mentions:
        if m.full:
            r = ctx.people.resolve_full(m.words)
            if r is not None:
                full_ids.add(id(r.person))
    for m in mentions:
        if m.full:
            r = ctx.people.resolve_full(m.words)
            if r is None:
                local.add(m.words)
        else:
            r = ctx.people.resolve_single(m.words[0], m.initial, bool(m.title or m.initial), frozenset(full_ids))
            if r is None and local.resolve_single(m.words[0], m.initial, True) is not None:
                r = None  # a titled surname of someone the article named in full: absent with them
            elif r is None and m.cue == "known":
                continue
        uses.append(NameUse(source.id, m, r))
    return uses


def name_findings(source: Source, uses: list[NameUse], ctx: ReferenceContext) -> list[Finding]:
    """One finding per distinct spelling in the article (at its first use; others in ``occurrences``)."""
    by_form: dict[str, list[NameUse]] = {}
    for u in uses:
        by_form.setdefault(u.mention.text, []).append(u)
    out = []
    for form, us in by_form.items():
        u = us[0]
        m, r = u.mention, u.resolution
        occ = [[x.mention.start, x.mention.end] for x in us]
        if r is None:
            out.append(Finding(
                kind="name", verdict="absent", severity="info", source=source.id,
                span=Span(m.start, m.end, m.text),
                message=f"{m.text} is not named in the record (mentioned by the article only).",
                extra={"person": m.name, "occurrences": occ}))
            continue
        if r.verdict == "match":
            continue
        where = ctx.first_spelling(r.person)
        if r.verdict == "variant":
            severity, msg = "info", (f"“{m.name}” differs from the record's “{r.expected}” only in typography "
                                     f"(hyphens, spaces, case or accents).")
        else:
            severity, msg = "warning", (f"“{m.name}” is spelled “{r.expected}” in the record: the letters differ "
                                        f"(a typo or another romanisation of {r.person.canonical}).")
        out.append(Finding(
            kind="name", verdict=r.verdict, severity=severity, source=source.id, span=Span(m.start, m.end, m.text),
            message=msg, reference=where[0] if where else None, reference_span=where[1] if where else None,
            expected=r.expected, extra={"person": r.person.canonical, "occurrences": occ}))
    return out


# ---- the recorded event: where and when ------------------------------------------------------------
def event_findings(source: Source, seg: SegmentedSource, uses: list[NameUse],
                   name_spans: list[tuple[int, int]], ctx: ReferenceContext) -> list[Finding]:
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
                extra={"claim": "event", "sentence": [sent.start, sent.end]}))
        for d in wrong_dates:
            ev = min((e for e in ctx.events if e.date), key=lambda e: abs((e.date - _mid(d)).days))
            how = f" (“{d.text}” read against the publication date {source.published})" if d.relative else ""
            out.append(Finding(
                kind="date", verdict="conflict", severity="warning" if d.relative else "error", source=source.id,
                span=Span(d.start, d.end, d.text),
                message=f"The article dates the recorded event (“{cue.group()}”) {d.label()}{how}; the record dates it {ev.date}.",
                reference=ev.reference, reference_span=ev.date_span, expected=ev.date.isoformat(),
                extra={"claim": "event", "sentence": [sent.start, sent.end]}))
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


def _places_near(ctx: ReferenceContext, when: dt.date | None) -> set[str]:
    """Where the recorded events around ``when`` took place: with records of several events, an
    article about one is checked against that one's place, not any record's."""
    near = {place_key(e.place) for e in ctx.events
            if e.place and e.date and when and abs((e.date - when).days) <= OTHER_EVENT_DAYS}
    return near or ctx.event_places


def _event_for(ctx: ReferenceContext, when: dt.date | None) -> RecordedEvent:
    """The recorded event a sentence is about: with several records, the one nearest in time to
    the date the sentence gives, else to the article's publication."""
    placed = [e for e in ctx.events if e.place]
    dated = [e for e in placed if e.date]
    if when is None or not dated:
        return placed[0]
    return min(dated, key=lambda e: abs((e.date - when).days))


def _day(d: dt.date) -> DateValue:
    return DateValue(0, 0, d.isoformat(), d.year, d.month, d.day)


def _mid(v: DateValue) -> dt.date:
    return dt.date(v.year, v.month or 7, v.day or 15)


# ---- aligned sentence pairs ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tok:
    key: str  # a word key, or "#num" / "#date" / "#place" for a fact
    start: int
    end: int
    fact: object = None


def _fact_tokens(text: str, start: int, end: int, anchor: dt.date | None, aliases: AliasTable,
                 exclude: list[tuple[int, int]]) -> list[_Tok]:
    facts: list[tuple[int, int, str, object]] = []
    for d in find_date_values(text, start, end, anchor):
        facts.append((d.start, d.end, "#date", d))
    for n in find_numbers(text, start, end):
        facts.append((n.start, n.end, "#num", n))
    for p in find_places(text, start, end, exclude):
        if p.level == "city":
            facts.append((p.start, p.end, "#place", p))
    facts.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, object]] = []
    for f in facts:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    out: list[_Tok] = []
    fi = 0
    for t in aliases.apply(tokenize(text, start, end)):
        while fi < len(kept) and kept[fi][1] <= t.start:
            fi += 1
        if fi < len(kept) and kept[fi][0] <= t.start < kept[fi][1]:
            f = kept[fi]
            if not out or out[-1].fact is not f[3]:
                out.append(_Tok(f[2], f[0], f[1], f[3]))
            continue
        out.append(_Tok(t.key, t.start, t.end))
    return out


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


def _anchored(toks: list[_Tok], i: int, shared: set[int]) -> bool:
    """A fact token matched in a shared run is tied to what it counts or locates when two content
    words that both sentences share (``shared``: indices in any equal run) sit within five words of
    it: ``plan d'échanges pour 2026-2028`` / ``plan d'échanges … pour 2026-2027``."""
    content = 0
    for j in range(max(0, i - ANCHOR_REACH), min(len(toks), i + ANCHOR_REACH + 1)):
        k = toks[j].key
        if j == i or j not in shared:
            continue
        # a place both sentences give in the same spot ("à Minsk en octobre") anchors like a word
        if k == "#place" or (not k.startswith("#") and k not in STOP and len(k) >= CONTENT_MIN):
            content += 1
    return content >= 2


ANCHOR_REACH = 5


def aligned_pairs(press: list[_Tok], record: list[_Tok]) -> list[tuple[_Tok, _Tok]]:
    """Fact tokens that stand in the same place of an aligned sentence pair.

    Pairs come from the word diff of the two sentences with every fact replaced by its type: a
    fact pairs with the record's fact of the same type when the diff matches them with a content
    word next to both (``trois heures`` / ``quatre heures``), or when one fact replaces the other
    between shared words (``à Wonsan le`` / ``à Pyongyang le``). Numbers with nothing in common
    around them are never paired.
    """
    sm = SequenceMatcher(None, [t.key for t in press], [t.key for t in record], autojunk=False)
    pairs = []
    ops = sm.get_opcodes()
    shared = {i for op, i1, i2, _, _ in ops if op == "equal" for i in range(i1, i2)}
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            for di in range(i2 - i1):
                p, r = press[i1 + di], record[j1 + di]
                if p.key.startswith("#") and _anchored(press, i1 + di, shared):
                    pairs.append((p, r))
        elif op == "replace" and 0 < k < len(ops) - 1 and ops[k - 1][0] == ops[k + 1][0] == "equal":
            pf = [t for t in press[i1:i2] if t.key.startswith("#")]
            rf = [t for t in record[j1:j2] if t.key.startswith("#")]
            if len(pf) == 1 and len(rf) == 1 and pf[0].key == rf[0].key and i2 - i1 <= 3 and j2 - j1 <= 3:
                pairs.append((pf[0], rf[0]))
    return pairs + _unit_pairs(press, record, pairs)


def _unit_pairs(press: list[_Tok], record: list[_Tok], pairs: list[tuple[_Tok, _Tok]]) -> list[tuple[_Tok, _Tok]]:
    """Numbers counting the same thing, each the only one of that unit in its sentence, wherever
    the sentences put them: "three-hour talks" / "talks that lasted five hours"."""
    done = {id(t) for pair in pairs for t in pair}

    def by_unit(toks: list[_Tok]) -> dict[str, list[_Tok]]:
        out: dict[str, list[_Tok]] = {}
        for t in toks:
            if t.key == "#num" and getattr(t.fact, "unit", None):
                out.setdefault(t.fact.unit, []).append(t)
        return out

    rec = by_unit(record)
    return [(ps[0], rec[u][0]) for u, ps in by_unit(press).items()
            if len(ps) == 1 and len(rec.get(u, [])) == 1 and id(ps[0]) not in done and id(rec[u][0]) not in done]


def aligned_findings(source: Source, alignments: list[Alignment], name_spans: list[tuple[int, int]],
                     ctx: ReferenceContext, already: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    taken = {(f.kind, f.span.start) for f in already}
    for a in alignments:
        if a.source != source.id or a.reference is None or a.reference_span is None:
            continue
        ref = ctx.references.get(a.reference)
        if ref is None:
            continue
        rstart, rend, rsent = _reference_extent(ctx, a)
        rtext = ref.source.text
        ref_names = [(m.start, m.end) for m in ctx.mentions.get(a.reference, [])]
        release_date = _release_date(ctx, a.reference, rsent)
        press = _fact_tokens(source.text, a.span.start, a.span.end, source.published, ctx.aliases, name_spans)
        record = _fact_tokens(rtext, rstart, rend, release_date, ctx.aliases, ref_names)
        if _other_event(press, record, release_date):
            continue
        for p, r in aligned_pairs(press, record):
            if _said_elsewhere(p, record):
                continue  # the record sentence has this very fact too; the pairing was off by one
            f = _compare(source, a, p, r, rtext)
            if f is not None and (f.kind, f.span.start) not in taken:
                taken.add((f.kind, f.span.start))
                out.append(f)
        for f in _statement_dates(source, a, record, release_date, ctx):
            if (f.kind, f.span.start) not in taken:
                taken.add((f.kind, f.span.start))
                out.append(f)
    return out


def _statement_dates(source: Source, a: Alignment, record: list[_Tok], release_date: dt.date | None,
                     ctx: ReferenceContext) -> list[Finding]:
    """"X reaffirmed Sunday that …" in a sentence the record supports: the day the article gives
    the statement, against the date of the record's release (when the record sentence has no date
    of its own to compare with)."""
    if release_date is None or any(t.key == "#date" for t in record):
        return []
    out = []
    for d in find_statement_dates(source.text, a.span.start, a.span.end, source.published):
        if not d.conflicts(_day(release_date)):
            continue
        ev = next((e for e in ctx.events if e.reference == a.reference and e.date == release_date), None)
        how = f" (“{d.text}” read against the publication date {source.published})" if d.relative else ""
        out.append(Finding(
            kind="date", verdict="conflict", severity="warning" if d.relative else "error", source=source.id,
            span=Span(d.start, d.end, d.text), expected=release_date.isoformat(), reference=a.reference,
            reference_span=ev.date_span if ev else None, score=a.score,
            message=f"The article dates this statement {d.label()}{how}; the record gives it on {release_date}.",
            extra={"claim": "statement", "sentence": [a.span.start, a.span.end]}))
    return out


def _other_event(press: list[_Tok], record: list[_Tok], release_date: dt.date | None) -> bool:
    """The article's sentence is dated far from the record's (its own date, not one the record also
    gives): it reports another event, and its numbers need not agree ("le premier cycle, en 2024")."""
    # Dated far from every date of the record sentence and from its release: another event (a
    # misdated recorded event is the event check's to report, at the recorded event's mention).
    anchors = [_mid(t.fact) for t in record if t.key == "#date"]
    if release_date is not None:
        anchors.append(release_date)
    if not anchors:
        return False
    for t in press:
        if t.key != "#date":
            continue
        d = _mid(t.fact)
        if all(abs((d - a).days) > OTHER_EVENT_DAYS for a in anchors):
            return True
    return False


def _said_elsewhere(p: _Tok, record: list[_Tok]) -> bool:
    """The record sentence states the article's fact itself somewhere (``la troisième (1-2)
    Conférence``: the article's ``troisième`` paired with the footnote ``(1-2)``)."""
    for r in record:
        if r.key != p.key or r.fact is None:
            continue
        if p.key == "#num" and isinstance(r.fact, NumberMention) and r.fact.values == p.fact.values:
            return True
        if p.key == "#place" and isinstance(r.fact, PlaceMention) and r.fact.key == p.fact.key:
            return True
    return False


def _compare(source: Source, a: Alignment, p: _Tok, r: _Tok, rtext: str) -> Finding | None:
    pf, rf = p.fact, r.fact
    if p.key == "#num":
        assert isinstance(pf, NumberMention) and isinstance(rf, NumberMention)
        kind, same, severity = "number", pf.values == rf.values, "error"
        said, recorded = f"“{pf.text}”", f"“{rf.text}”"
    elif p.key == "#date":
        assert isinstance(pf, DateValue) and isinstance(rf, DateValue)
        kind, same, severity = "date", not pf.conflicts(rf), "warning" if pf.relative else "error"
        said, recorded = f"“{pf.text}” ({pf.label()})", f"“{rf.text}” ({rf.label()})"
    else:
        assert isinstance(pf, PlaceMention) and isinstance(rf, PlaceMention)
        kind, same, severity = "place", pf.key == rf.key, "error"
        said, recorded = f"“{pf.text}”", f"“{rf.text}”"
    if same:
        return None
    return Finding(kind=kind, verdict="conflict", severity=severity, source=source.id,
                   span=Span(p.start, p.end, source.text[p.start:p.end]),
                   message=f"The article says {said} where the record says {recorded}.", expected=rf.text,
                   reference=a.reference, reference_span=Span(r.start, r.end, rtext[r.start:r.end]),
                   score=a.score, extra={"claim": "aligned", "sentence": [a.span.start, a.span.end]})


def escalate_absent(source: Source, alignments: list[Alignment], uses: list[NameUse],
                    ctx: ReferenceContext, findings: list[Finding]) -> None:
    """A person the record lacks, named where the aligned record sentence names someone else, is more
    than context: the article may have put the wrong person in the recorded statement. Raises that
    ``absent`` finding (in ``findings``) to a warning with the record's person as ``expected``."""
    for a in alignments:
        if a.source != source.id or a.reference is None or a.reference_span is None:
            continue
        inside = [u for u in uses if a.span.start <= u.mention.start < a.span.end]
        named = {id(u.resolution.person) for u in inside if u.resolution}
        rstart, rend, _ = _reference_extent(ctx, a)
        ref_people = []
        for m in ctx.mentions.get(a.reference, []):
            if rstart <= m.start < rend:
                r = ctx.people.resolve_full(m.words) if m.full else ctx.people.resolve_single(m.words[0], m.initial, False)
                if r is not None and id(r.person) not in named:
                    ref_people.append((m, r.person))
        if not ref_people:
            continue
        for u in inside:
            if u.resolution is not None:
                continue
            for f in findings:
                if f.kind == "name" and f.verdict == "absent" and f.source == source.id and f.span.text == u.mention.text:
                    rm, person = ref_people[0]
                    f.severity = "warning"
                    f.expected = person.canonical
                    f.reference = a.reference
                    f.reference_span = Span(rm.start, rm.end, rm.text)
                    f.message = (f"{u.mention.text} is not named in the record; the record sentence this one "
                                 f"follows names {person.canonical} instead.")


def weekday_findings(source: Source) -> list[Finding]:
    out = []
    for s, e, text, date, right in weekday_mismatches(source.text, anchor=source.published):
        out.append(Finding(
            kind="date", verdict="conflict", severity="warning", source=source.id, span=Span(s, e, text),
            message=f"“{text}”: {date.isoformat()} was a {right}.", expected=right,
            extra={"claim": "weekday", "fingerprint_salt": "weekday"}))
    return out


# ---- the corpus ---------------------------------------------------------------------------------
def people_groups(ctx: ReferenceContext, uses: list[NameUse]) -> list[dict]:
    """One entry per person: every spelling, its verdict, and which sources use it.

    People the record names come first (in the record's order), then people only the press names,
    joined across articles by the same name matching (``Sergueï Choïgou`` in two articles is one person).
    """
    groups: dict[tuple[bool, str], dict] = {}
    order: list[tuple[bool, str]] = []

    def group_for(person: Person, in_reference: bool) -> dict:
        # keyed by name, not object: per-article results come back from other processes or a cache
        key = (in_reference, person.canonical if in_reference else str(id(person)))
        if key not in groups:
            groups[key] = {"name": person.canonical, "in_reference": in_reference, "forms": {}}
            order.append(key)
        return groups[key]

    for ref_id, ms in ctx.mentions.items():
        for m in ms:
            r = ctx.people.resolve_full(m.words) if m.full else ctx.people.resolve_single(m.words[0], m.initial, True)
            if r is not None:
                _add_form(group_for(r.person, True), m.text, "match", ref_id)
    absent = PersonIndex()
    pending_single = []
    for u in uses:
        if u.resolution is not None:
            _add_form(group_for(u.resolution.person, True), u.mention.text, u.resolution.verdict, u.source)
        elif u.mention.full:
            res = absent.resolve_full(u.mention.words)
            person = res.person if res else absent.add(u.mention.words)
            _add_form(group_for(person, False), u.mention.text, "absent", u.source)
        else:
            pending_single.append(u)
    for u in pending_single:
        res = absent.resolve_single(u.mention.words[0], u.mention.initial, True)
        person = res.person if res else absent.add(u.mention.words)
        _add_form(group_for(person, False), u.mention.text, "absent", u.source)
    out = []
    for gid in order:
        g = groups[gid]
        if not g["in_reference"]:
            g["name"] = max(g["forms"], key=lambda f: (sum(g["forms"][f]["sources"].values()), len(f)))
        forms = [{"form": f, "verdict": v["verdict"], "sources": v["sources"]} for f, v in g["forms"].items()]
        sources = sorted({s for f in forms for s in f["sources"]})
        out.append({"name": g["name"], "in_reference": g["in_reference"], "forms": forms, "sources": sources})
    return out


def _add_form(group: dict, form: str, verdict: str, source: str) -> None:
    entry = group["forms"].setdefault(form, {"verdict": verdict, "sources": {}})
    entry["sources"][source] = entry["sources"].get(source, 0) + 1


_CONTEXTS: dict[tuple, ReferenceContext] = {}


def context_for_index(index) -> ReferenceContext:
    """The reference context of a ``ReferenceIndex``, built once per process and reference set."""
    key = tuple((d.source.id, d.source.sha256 or hash(d.source.text)) for d in index.docs)
    key += (tuple(sorted((k, tuple(v)) for k, v in getattr(index.aliases, "_source", {}).items())),)
    ctx = _CONTEXTS.get(key)
    if ctx is None or ctx.aliases is not index.aliases:
        ctx = reference_context(list(index.docs), index.aliases)
        _CONTEXTS.clear()  # one reference set per run: keep memory flat
        _CONTEXTS[key] = ctx
    return ctx


def _context(corpus: Corpus, segmented: dict[str, SegmentedSource]) -> ReferenceContext:
    refs = [segmented[s.id] for s in corpus.references if s.id in segmented]
    return reference_context(refs, AliasTable(corpus.aliases))


def group_people(corpus: Corpus, segmented: dict[str, SegmentedSource],
                 parts: dict[str, "SourceFacts | None"]) -> tuple[list[Finding], list[dict]]:
    """The corpus-level step after per-article ``check_source_facts``: every article's fact
    findings, and the people of the whole corpus (grouped across articles)."""
    ctx = _context(corpus, segmented)
    findings: list[Finding] = []
    uses: list[NameUse] = []
    for source in corpus.press:
        part = parts.get(source.id)
        if part is None:
            continue
        findings += part.findings
        uses += part.names
    return findings, people_groups(ctx, uses)


def check_facts(corpus: Corpus, segmented: dict[str, SegmentedSource], alignments: list[Alignment],
                index) -> tuple[list[Finding], list[dict]]:
    """All fact checks of a corpus in one call: (findings, people groups)."""
    ctx = _context(corpus, segmented)
    if index is not None and getattr(index, "aliases", None) is not None:
        ctx.aliases = index.aliases
    parts = {}
    for source in corpus.press:
        seg = segmented.get(source.id)
        if seg is not None:
            parts[source.id] = check_source_facts(source, seg, [a for a in alignments if a.source == source.id], ctx)
    return group_people(corpus, segmented, parts)
