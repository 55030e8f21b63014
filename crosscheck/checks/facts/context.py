"""Helpers over the record shared by the fact checks: the record sentences an aligned passage
falls in, the date of a release, and dates as days."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crosscheck.model import Alignment, Segment
from crosscheck.text.dates import DateValue

if TYPE_CHECKING:
    from crosscheck.checks.record import Record

# An article dating the recorded event this far away describes another event (an earlier round).
OTHER_EVENT_DAYS = 45


def _reference_extent(ctx: Record, a: Alignment) -> tuple[int, int, Segment | None]:
    """The record sentences the aligned passage falls in (whole sentences give dates their context)."""
    seg = ctx.references.get(a.reference)  # type: ignore[arg-type]  # no reference: None
    rs = a.reference_span
    assert rs is not None  # an aligned passage
    if seg is None:
        return rs.start, rs.end, None
    hits = [s for s in seg.sentences if s.start < rs.end and rs.start < s.end]
    if not hits:
        return rs.start, rs.end, None
    return min(s.start for s in hits), max(s.end for s in hits), hits[0]


def _day(d: dt.date) -> DateValue:
    return DateValue(0, 0, d.isoformat(), d.year, d.month, d.day)


def _mid(v: DateValue) -> dt.date:
    assert v.year is not None  # dates with a year only
    return dt.date(v.year, v.month or 7, v.day or 15)
