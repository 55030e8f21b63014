"""Stage 6: fact checks. People's names, places, dates and numbers in the press against the record.

Work is split so that each press article can be checked on its own (and cached, or run in
parallel): the record is read once (:mod:`crosscheck.checks.record`), ``check_source_facts`` checks
one article against it, and ``people_groups`` joins the name mentions of all sources into people.
The checks live in modules named for what they check: ``people`` (names), ``event`` (the recorded
event's place and date, weekdays) and ``sentences`` (numbers, dates and places of aligned sentences).

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

from dataclasses import dataclass, field

from crosscheck.checks.facts.event import _predates, event_findings, weekday_findings
from crosscheck.checks.facts.people import NameUse, escalate_absent, name_findings, people_groups, resolve_names
from crosscheck.checks.facts.quantities import quantity_findings
from crosscheck.checks.facts.sentences import aligned_findings
from crosscheck.checks.record import Record
from crosscheck.model import Alignment, Finding, SegmentedSource, Source

__all__ = ["NameUse", "SourceFacts", "check_source_facts", "people_groups"]


@dataclass
class SourceFacts:
    findings: list[Finding] = field(default_factory=list)
    names: list[NameUse] = field(default_factory=list)


def check_source_facts(source: Source, seg: SegmentedSource, alignments: list[Alignment],
                       ctx: Record, quoted: list[tuple[int, int]] | None = None) -> SourceFacts:
    """Names, places, dates and numbers of one press article against the record. ``quoted``: the
    article's quotations the record holds (their spans), words being said in the sentences around.

    The result is picklable: the pipeline caches it.
    """
    out = SourceFacts()
    out.names = resolve_names(source, ctx)
    out.findings += name_findings(source, out.names, ctx)
    predates = _predates(source, ctx)
    name_spans = [(u.mention.start, u.mention.end) for u in out.names]
    if not predates:
        out.findings += event_findings(source, seg, out.names, name_spans, ctx, alignments, quoted)
        out.findings += aligned_findings(source, alignments, name_spans, ctx, out.findings)
        out.findings += quantity_findings(source, seg, ctx, out.findings)
        escalate_absent(source, alignments, out.names, ctx, out.findings)
    out.findings += weekday_findings(source)
    return out
