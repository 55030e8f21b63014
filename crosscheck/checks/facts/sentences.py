"""Aligned sentences: numbers, dates and places that stand in the same place of an article sentence
and the record sentence it follows, and differ."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import datetime as dt
from dataclasses import dataclass

from crosscheck.checks.facts.context import OTHER_EVENT_DAYS, _mid, _reference_extent
from crosscheck.model import Alignment, Finding, Kind, Segment, Severity, Source, Span
from crosscheck.text.dates import DateValue, find_date_values
from crosscheck.text.diff import opcodes
from crosscheck.text.normalize import AliasTable, tokenize
from crosscheck.text.numbers import NumberMention, find_numbers
from crosscheck.text.places import PlaceMention, find_places

if TYPE_CHECKING:
    from crosscheck.checks.record import Record


CONTENT_MIN = 4  # a context word of at least this many letters ties a number to what it counts
STOP = frozenset("le la les l un une des de du d et ou a au aux en dans par pour sur que qu qui ne pas se "
                 "the of to in and or is are was were be at by on for with as".split())


# ---- aligned sentence pairs ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tok:
    key: str  # a word key, or "#num" / "#date" / "#place" for a fact
    start: int
    end: int
    fact: Any = None  # a NumberMention, DateValue or PlaceMention for a fact token


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


def _release_date(ctx: Record, ref_id: str, sent: Segment | None) -> dt.date | None:
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
    pairs = []
    ops = opcodes([t.key for t in press], [t.key for t in record])
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
                     ctx: Record, already: list[Finding]) -> list[Finding]:
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
    kind: Kind
    severity: Severity
    if p.key == "#num":
        assert isinstance(pf, NumberMention) and isinstance(rf, NumberMention)
        kind, same, severity = "number", pf.values == rf.values, "error"
        said, recorded = f"“{pf.text}”", f"“{rf.text}”"
    elif p.key == "#date":
        assert isinstance(pf, DateValue) and isinstance(rf, DateValue)
        kind, same, severity = "date", not pf.conflicts(rf), "warning" if pf.relative else "error"
        # the same relative word on both sides ("aujourd'hui" / "aujourd'hui") is the speaker's own,
        # quoted: it dates from the record's day, not from the article's publication
        same = same or (pf.relative and rf.relative and _keys(pf.text) == _keys(rf.text))
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
                   score=a.score, claim="aligned", sentence=[a.span.start, a.span.end])


def _keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]
