"""Small typed dataclasses passed forward between pipeline stages.

load corpus -> segment -> extract -> align -> judge -> render.
Nothing downstream reaches back upstream: each stage only reads these.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Role = Literal["reference", "press"]
Kind = Literal["quote", "name", "place", "date", "number", "speaker"]
Verdict = Literal[
    "verbatim", "variant", "paraphrase", "unattested", "fused",  # quote
    "misspelling", "absent",  # name (and "variant")
    "conflict",  # place, date, number, speaker
]
Severity = Literal["info", "warning", "error"]
Claim = Literal["event", "aligned", "weekday"]  # what a place/date/number finding compares
KINDS: tuple[Kind, ...] = get_args(Kind)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Span:
    """A slice of a source's decoded text: ``text == source.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Source:
    id: str
    role: Role
    path: str  # as written in the manifest (relative), or the file path for ad-hoc corpora
    text: str  # decoded, newlines normalised to \n
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    place: str | None = None
    translation: bool = False
    encoding: str = "utf-8"
    sha256: str = ""  # of the raw bytes: cache key, never identity of findings

    def meta(self) -> dict:
        return {
            "id": self.id,
            "role": self.role,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "language": self.language,
            "place": self.place,
            "translation": self.translation,
            "encoding": self.encoding,
        }


@dataclass
class Corpus:
    root: str  # folder holding the sources ("" for ad-hoc)
    manifest: str | None  # path of sources.toml, None for ad-hoc corpora
    sources: list[Source]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def references(self) -> list[Source]:
        return [s for s in self.sources if s.role == "reference"]

    @property
    def press(self) -> list[Source]:
        return [s for s in self.sources if s.role == "press"]

    def get(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)


@dataclass(frozen=True)
class Segment:
    """A sentence of a source, with the structure it sits in."""

    source: str
    start: int
    end: int
    text: str
    release: int  # index of the release (document) within a reference file; 0 for press
    paragraph: int
    speaker: str | None  # speaker of the turn ("Question" for a journalist), None when unknown


@dataclass(frozen=True)
class Release:
    """One official release inside a reference file (heading, body, source URL)."""

    source: str
    index: int
    start: int
    end: int
    title: str
    url: str | None
    date: dt.date | None
    place: str | None
    default_speaker: str | None

    def to_dict(self) -> dict:
        return {"index": self.index, "title": self.title, "url": self.url, "start": self.start, "end": self.end,
                "date": self.date.isoformat() if self.date else None, "place": self.place}


@dataclass(frozen=True)
class Turn:
    source: str
    release: int
    start: int
    end: int
    speaker: str


@dataclass
class SegmentedSource:
    source: Source
    releases: list[Release]
    turns: list[Turn]
    sentences: list[Segment]


@dataclass(frozen=True)
class Quote:
    """A quotation found in a press source."""

    source: str
    span: Span  # the quoted words, without the marks
    outer: Span  # with the marks
    speaker: str | None
    via: str | None
    sentence: Span  # the sentence around it (context)
    by_pronoun: bool = False  # the speaker is who "he"/"il" was read to be ("…,” he said")


@dataclass(frozen=True)
class DiffOp:
    """One run of a word diff between an article passage and a record passage, with offsets into
    both texts. ``op``: 0 words in both, -1 words only in the record, 1 words only in the article.
    ``text`` is the record's words (the article's for 1). The side a run is absent from is empty
    (``start == end``) and sits after the word before it: where the words went missing."""

    op: Literal[-1, 0, 1]
    text: str
    start: int  # article offsets
    end: int
    ref_start: int  # record offsets
    ref_end: int


@dataclass(frozen=True)
class Alignment:
    """A press passage and the reference passage that best supports it."""

    source: str
    span: Span
    reference: str | None
    reference_span: Span | None
    score: float  # 0..1 word-level similarity
    speaker: str | None = None  # speaker of the reference turn
    release: int | None = None
    diff: tuple[DiffOp, ...] = ()  # record -> article word diff
    exact: bool = False

    def to_dict(self) -> dict:
        return {"source": self.source, "span": self.span.to_dict(), "reference": self.reference,
                "reference_span": self.reference_span.to_dict() if self.reference_span else None,
                "score": round(self.score, 4), "speaker": self.speaker}


@dataclass
class Finding:
    """One divergence (or one checked quote). Every field but ``fingerprint_salt`` is in report.json;
    the kind-specific ones only for their kinds (see :meth:`to_dict`)."""

    kind: Kind
    verdict: Verdict
    severity: Severity
    source: str
    span: Span
    message: str
    reference: str | None = None
    reference_span: Span | None = None
    expected: str | None = None
    score: float | None = None
    diff: list[DiffOp] | None = None  # quote findings: the alignment's word diff (empty when unattested)
    # quote and speaker findings: who the article says spoke, and the medium it credits
    speaker: str | None = None
    via: str | None = None
    reference_speaker: str | None = None  # quote findings: the record turn's speaker
    # name findings: the person (the record's spelling, or the article's when absent) and every use
    person: str | None = None
    occurrences: list[list[int]] | None = None
    # place, date and number findings: what was compared, and the article sentence it sits in
    claim: Claim | None = None
    sentence: list[int] | None = None
    # the reviewer's decision (reviews.ReviewState.review_of), set by review.reviews.apply_reviews
    review: dict[str, Any] | None = None
    fingerprint_salt: str = ""  # fingerprint.assign_fingerprints: tells apart findings on one span
    id: str = ""  # stable fingerprint, filled by fingerprint.assign_fingerprints
    line: int = 0
    column: int = 0

    def to_dict(self, reviewed: bool = False) -> dict:
        """The report.json entry. ``reviewed``: reviews were applied, so every finding carries a
        ``review`` (null when unreviewed)."""
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "verdict": self.verdict,
            "severity": self.severity,
            "source": self.source,
            "span": self.span.to_dict(),
            "line": self.line,
            "column": self.column,
            "reference": self.reference,
            "reference_span": self.reference_span.to_dict() if self.reference_span else None,
            "expected": self.expected,
            "score": None if self.score is None else round(self.score, 4),
            "message": self.message,
        }
        if self.diff is not None:
            d["diff"] = [[x.op, x.text] for x in self.diff]
        if self.kind in ("quote", "speaker"):
            d["speaker"] = self.speaker
            d["via"] = self.via
            if self.kind == "quote":
                d["reference_speaker"] = self.reference_speaker
        elif self.kind == "name":
            d["person"] = self.person
            d["occurrences"] = self.occurrences
        if self.claim is not None:
            d["claim"] = self.claim
            if self.sentence is not None:
                d["sentence"] = self.sentence
        if reviewed or self.review is not None:
            d["review"] = self.review
        return d


@dataclass
class PersonForm:
    """One spelling of a person, its verdict against the record, and how often each source uses it."""

    form: str
    verdict: Literal["match", "variant", "misspelling", "absent"]
    sources: dict[str, int]  # source id -> uses

    def to_dict(self) -> dict:
        return {"form": self.form, "verdict": self.verdict, "sources": self.sources}


@dataclass
class PersonGroup:
    """A person of the corpus: every spelling used for them, and the sources that name them."""

    name: str  # the record's spelling, or the press's most used one
    in_reference: bool
    forms: list[PersonForm]
    sources: list[str]

    def to_dict(self) -> dict:
        return {"name": self.name, "in_reference": self.in_reference,
                "forms": [f.to_dict() for f in self.forms], "sources": self.sources}


@dataclass
class Report:
    corpus: Corpus
    findings: list[Finding]
    alignments: list[Alignment]
    people: list[PersonGroup]
    segmented: dict[str, SegmentedSource]
    reviewed: bool = False  # review.reviews.apply_reviews ran: every finding has its ``review``
    # [scale] article id -> {"records": [link, ...], "also_quotes": [reference id, ...]}
    # (crosscheck.checks.link): the transcripts each article reports on, and why
    links: dict[str, dict] = field(default_factory=dict)
