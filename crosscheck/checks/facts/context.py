"""Helpers shared by the fact checks: the words that say a sentence reports the recorded event
(event words, verbs of saying), the record sentences an aligned passage falls in, dates as days."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import re

from crosscheck.checks.extract import VERB
from crosscheck.model import Alignment, Segment
from crosscheck.text.dates import DateValue

if TYPE_CHECKING:
    from crosscheck.checks.record import Record

# The recorded kind of event: talks, a meeting, a press conference (not an arrival or a visit).
EVENT_CUE_RE = re.compile(
    r"\b(?:entretiens?|rencontres?|réunions?|discussions|pourparlers|négociations|conférence de presse|"
    r"point de presse|sommet|s['’]est entretenue?|se sont entretenus|a rencontré|ont rencontré|rencontre|"
    r"a reçu|reçoit|a été reçue?|ont discuté|a eu lieu|ont eu lieu|s['’]est tenue?|se sont tenus|"
    r"se sont réunis|avaient rendez-vous|ont rendez-vous|avait rendez-vous|a rendez-vous|se sont rencontrée?s|s['’]est rencontrée?s?|a accueilli|talks|meeting|met|meets|held talks|"
    r"press conference|news conference|"
    r"press availability|briefing|summit|received|"
    r"hosted|was received|took place|was held)\b",
    re.IGNORECASE,
)
# ---- the recorded event: where and when ------------------------------------------------------------
# A verb of saying or a press event: a sentence with one, a record participant and a weekday or
# place is the article telling when and where the record's words were said.
_SPEECH_WORDS = (
    r"\b(?:said|says|told|tells|added|stated|declared|announced|responded|replied|answered|asked|"
    r"spoke|speaking|saying|declaring|telling|adding|stating|remarked|explained|insisted|warned|stressed|briefing|remarks|reporters|"
    r"a (?:déclaré|dit|affirmé|ajouté|annoncé|répondu|expliqué|souligné|assuré|estimé|indiqué|considéré|jugé|"
    r"dénoncé|fustigé|regretté|rappelé|insisté|martelé|averti|prévenu|reconnu|promis|confié|lancé)|"
    r"argued|noted|vowed|pledged|promised|acknowledged|admitted|urged|cautioned|"
    r"a-t-(?:il|elle) (?:dit|déclaré|ajouté|affirmé)|déclare|s['’]est exprimée?|a pris la parole|"
    r"devant (?:la presse|les journalistes)|face (?:à la presse|aux journalistes)|allocution|discours|déclaration|"
    r"responding|replying|answering|répondant|"
    r"s['’]est rendue?|se rendant|en visite|visited|visiting|arrived|traveled to|travelled to)\b"
)
SPEECH_CUE_RE = re.compile(_SPEECH_WORDS + rf"|{VERB}", re.IGNORECASE)
# The same without the attribution verbs' stems (which also match nouns: "le rappel des ambassadeurs").
SPEECH_WORDS_RE = re.compile(_SPEECH_WORDS, re.IGNORECASE)

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
