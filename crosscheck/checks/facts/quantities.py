"""Counts the record gives once for a thing, given otherwise anywhere in the article.

A sentence pair's numbers are compared by ``sentences`` when the sentences align; an article
often restates a count in its own words, though ("after the four-day Group of 20 summit" for the
record's "the results of the two-day G20 Summit"). A number counts a thing (its ``unit``: "day",
"hour", "soldier", "percent"); when the record counts that thing once, or always with one value,
and the article's sentence shares a content word with the record's sentence besides the unit (what
is counted: "summit"), a different value is a conflict. People the record counts by naming them
("the release of Americans Paul Whelan and Brittney Griner") are a count too; an ordinal ("the 34th
AUSMIN") is compared with the record's ordinals of the same thing.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from crosscheck.model import Alignment, Finding, Quote, SegmentedSource, Source, Span
from crosscheck.text.meaning import VAGUE_QUANTITIES
from crosscheck.text.normalize import tokenize
from crosscheck.text.numbers import NumberMention, find_numbers, named_counts, unit_key

if TYPE_CHECKING:
    from crosscheck.checks.record import Record

CONTEXT_MIN = 4  # letters of a shared content word
CONTEXT_WORDS = 8  # ... found this many words or fewer from the number, in both sentences
STOP = frozenset("the of to in and or is are was were be at by on for with as that this from have has had "
                 "will would said says le la les un une des de du et ou est sont pour dans sur que qui pas "
                 "plus avec par ont été".split())

_COUNTS: dict[int, tuple[object, dict[str, list[tuple[str, NumberMention, set[str]]]]]] = {}


def record_counts(ctx: Record) -> dict[str, list[tuple[str, NumberMention, set[str]]]]:
    """unit -> (reference id, number, content words of its sentence) for every count of the record."""
    hit = _COUNTS.get(id(ctx))
    if hit is not None and hit[0] is ctx:
        return hit[1]
    out: dict[str, list[tuple[str, NumberMention, set[str]]]] = {}
    for ref_id, seg in ctx.references.items():
        text = seg.source.text
        for sent in seg.sentences:
            nums = [_elapsed(text, n) for n in find_numbers(text, sent.start, sent.end) if n.unit and n.kind in COUNTED]
            nums += named_counts(text, sent.start, sent.end)  # "Americans Paul Whelan and Brittney Griner": two
            if not nums:
                continue
            for n in nums:
                out.setdefault(_thing(n), []).append((ref_id, n, _around(text, sent.start, sent.end, n)))
    _COUNTS.clear()  # one record per run
    _COUNTS[id(ctx)] = (ctx, out)
    return out


COUNTED = ("cardinal", "percent", "ordinal", "scale")


def _thing(n: NumberMention) -> str:
    """What a number counts, ordinals apart: "the 35th AUSMIN" is compared with "34th AUSMIN", never
    with "two AUSMIN meetings"."""
    return f"{n.unit}#" if n.kind == "ordinal" else str(n.unit)


_WORD_RE = re.compile(r"[^\W\d_][\w\-]*")
# Time reached, told as an ordinal: "the war entered its sixth month" is five to six months of war.
_ELAPSED_UNITS = frozenset(unit_key(w) for w in "day week month year jour semaine mois année an ans".split())
# An age is no span of anything the record counts: "alors âgé de 7 ans", "aged 81", "a 7-year-old".
_AGE_BEFORE_RE = re.compile(r"(?:\b(?:âgée?s?[ \u00a0]+de|aged|age[ \u00a0]+of|âge[ \u00a0]+de)[ \u00a0]+)$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"[ \u00a0-](?:years?|yr)[ \u00a0-]old\b", re.IGNORECASE)
_CLOCK_UNITS = frozenset(unit_key(w) for w in "hour minute second century heure minute seconde siècle".split())
_POSSESSIVE_RE = re.compile(r"\b(?:its|their|his|her|sa|son|leur)[ \u00a0]+$", re.IGNORECASE)


def _elapsed(text: str, n: NumberMention) -> NumberMention:
    """An ordinal of time after a possessive ("its sixth month", "sa troisième année") as the
    time it says has passed, (N-1 to N) months or years, comparable with "more than five months"."""
    if n.kind != "ordinal" or n.unit not in _ELAPSED_UNITS or not _POSSESSIVE_RE.search(text, max(0, n.start - 8), n.start):
        return n
    return replace(n, kind="range", values=(n.values[0] - 1, n.values[0]))


def _agrees(recorded: tuple[float, ...], said: tuple[float, ...]) -> bool:
    """The article's value is the record's, or one value within the other's range ("$40 billion" and
    "billions")."""
    if recorded == said:
        return True
    if len(recorded) == 2 and len(said) == 1:
        return min(recorded) <= said[0] <= max(recorded)
    return len(said) == 2 and len(recorded) == 1 and min(said) <= recorded[0] <= max(said)


def _named_unit(text: str, n: NumberMention) -> bool:
    """The counted thing is a proper name (capitalised, not at a sentence start): "AUSMIN", "G20"."""
    for m in _WORD_RE.finditer(text, n.end, min(len(text), n.end + 40)):
        if unit_key(m.group()) == n.unit:
            return m.group()[:1].isupper()
    return False


def _value(n: NumberMention) -> str:
    return "–".join(f"{v:g}" for v in n.values)


def _around(text: str, start: int, end: int, n: NumberMention) -> set[str]:
    """The content words of the sentence text[start:end]; for a count of time, only those within
    CONTEXT_WORDS words of the number: what lasted is said next to it ("the results of the two-day
    G20 Summit"), and a sentence may count other spans of time further off ("Louis XV, alors âgé de
    7 ans" beside a visit three hundred years ago). Counts of people or things keep the sentence."""
    tokens = tokenize(text, start, end)
    if n.unit in _ELAPSED_UNITS or n.unit in _CLOCK_UNITS:
        at = next((i for i, t in enumerate(tokens) if t.end > n.start), len(tokens))
        tokens = tokens[max(0, at - CONTEXT_WORDS):at + CONTEXT_WORDS + 1]
    return {unit_key(t.key) for t in tokens if len(t.key) >= CONTEXT_MIN and t.key not in STOP and not t.key.isdigit()}


def quantity_findings(source: Source, seg: SegmentedSource, ctx: Record, already: list[Finding]) -> list[Finding]:
    counts = record_counts(ctx)
    if not counts:
        return []
    taken = {f.span.start for f in already if f.kind == "number"}
    text = source.text
    out = []
    for sent in seg.sentences:
        nums = [n for n in (_elapsed(text, n) for n in find_numbers(text, sent.start, sent.end) if n.kind in COUNTED)
                if n.unit and _thing(n) in counts and n.start not in taken]
        if not nums:
            continue
        for n in nums:
            assert n.unit is not None  # nums have a unit
            if _AGE_BEFORE_RE.search(text, max(0, n.start - 16), n.start) or _AGE_AFTER_RE.match(text, n.end):
                continue
            recorded = counts[_thing(n)]
            if len({r.values for _, r, _ in recorded}) != 1 or _agrees(recorded[0][1].values, n.values):
                continue  # the record counts this thing with several values, or with this one
            same_unit = [m for m in nums if _thing(m) == _thing(n)]
            if len(same_unit) > 1:
                continue  # the article counts the thing several times here: which one matches is unclear
            named = _named_unit(text, n)  # "the 35th AUSMIN": the name says what is counted
            words = _around(text, sent.start, sent.end, n)
            ref_id, r, rwords = next(((i, r, w) for i, r, w in recorded if named or (w & words) - {n.unit}),
                                     (None, None, None))
            if r is None:
                continue  # nothing else in common: another thing of the same unit
            assert ref_id is not None
            rtext = ctx.references[ref_id].source.text
            out.append(Finding(
                kind="number", verdict="conflict", severity="error", source=source.id,
                span=Span(n.start, n.end, n.text), expected=r.text, reference=ref_id,
                reference_span=Span(r.start, r.end, rtext[r.start:r.end]),
                message=(f"The article says “{n.text}” ({n.unit}) where the record says “{r.text}” "
                         f"({_value(r)}: its only count of {n.unit})."),
                claim="aligned", sentence=[sent.start, sent.end]))
    return out


def vague_count(quote: Quote, alignment: Alignment, further: Span | None = None) -> list[Finding]:
    """A count inside the quotation where the record passage gives none, only a vague "many", "few"
    or "plusieurs" ("over the past five days" for "over the past few days"). The vague count may be
    in the next sentence, the speaker going on about the same thing (``further``: the passage
    through that sentence): "asked 40 questions" for "The US President asked me this question
    directly … And this was not a single question, there were many"; it must then name what is
    counted and count it nowhere."""
    rec = alignment.reference_span
    if rec is None:
        return []
    counts = [n for n in find_numbers(quote.span.text) if n.kind in ("cardinal", "percent")]
    if not counts:
        return []
    vague = next((rec.text[t.start:t.end] for t in tokenize(rec.text) if t.key in VAGUE_QUANTITIES), None)
    if vague is not None and find_numbers(rec.text):
        return []
    if vague is None and further is not None:
        rec, words = further, tokenize(further.text)
        units = {unit_key(t.key) for t in words}
        vague = next((rec.text[t.start:t.end] for t in words if t.key in VAGUE_QUANTITIES), None)
        counted = {m.unit for m in find_numbers(rec.text)}
        counts = [n for n in counts if n.unit in units and n.unit not in counted]
    if vague is None:
        return []
    return [Finding(
        kind="number", verdict="conflict", severity="error", source=quote.source,
        span=Span(quote.span.start + n.start, quote.span.start + n.end, n.text),
        message=f"The quotation gives “{n.text}” where the record gives no count, only “{vague}”.",
        expected=vague, reference=alignment.reference, reference_span=rec, score=alignment.score, claim="aligned")
        for n in counts]
