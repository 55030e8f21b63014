"""The reviews file: a person's decision on each finding, committed beside the corpus's manifest.

``reviews.toml`` holds one ``[[decision]]`` per reviewed finding, keyed by the finding's stable
fingerprint (see ``fingerprint.py``). A decision is ``accepted`` (a known, acceptable variant) or
``confirmed`` (a real error in the article, kept as a record); both make the finding *reviewed*, so
the CI gate (``gate.py``) no longer fails on it. The finding's kind, source, verdict, words and
message are copied in so that a diff of the file reads on its own; only ``id`` and ``status``
decide anything.

Matching decisions to a new run (``match_reviews``), in the manner of detect-secrets' baseline:

- same id: the decision applies, wherever the passage moved in the article;
- same id but the finding is now more severe than when it was decided (the record changed, a new
  check): *needs re-review*, the old decision shown beside it;
- no decision by id, but a decision left without its finding has the same source and kind and
  similar words (rapidfuzz ratio >= ``REREVIEW_SIMILARITY``): the article's words changed slightly;
  *needs re-review*, never inherited silently. Recording a new decision replaces the old one;
- decisions matching nothing are *stale*: kept and reported, removed by ``crosscheck review --prune``.

The file is written atomically, in a stable order (source, kind, id), with a format version; a
file that cannot be read or does not follow the format raises ``ReviewsError`` naming the file and
the entry, and is never rewritten by the loader.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from rapidfuzz import fuzz

from crosscheck.storage.atomic import atomic_write
from crosscheck.inputs.corpus import as_date
from crosscheck.errors import ReviewsError
from crosscheck.checks.fingerprint import identity_words
from crosscheck.model import SEVERITY_RANK, Corpus, Finding, Report

REVIEWS_NAME = "reviews.toml"
FORMAT = "crosscheck-reviews"
VERSION = 1
DECISIONS_FORMAT = "crosscheck-decisions"  # the JSON the HTML report exports
DECISIONS_VERSION = 1
STATUSES = ("accepted", "confirmed")
NEEDS_REREVIEW = "needs-rereview"
# rapidfuzz ratio (0-100) of the identity words above which a finding whose words changed is taken
# to be the same finding reworded (a typo fixed, a word changed) rather than a new one.
REREVIEW_SIMILARITY = 75.0
ID_RE = re.compile(r"^[0-9a-f]{16}(?:-[1-9][0-9]*)?$")
_TEXT_FIELDS = ("kind", "source", "verdict", "severity", "text", "message", "note", "reviewer")


@dataclass
class Decision:
    id: str
    status: str  # accepted | confirmed
    kind: str | None = None
    source: str | None = None
    verdict: str | None = None
    severity: str | None = None  # the finding's severity when decided: a rise asks for a re-review
    text: str | None = None  # the finding's words, for readers of the file
    message: str | None = None
    note: str | None = None
    reviewer: str | None = None
    date: dt.date | None = None
    # The decisions this one replaced, newest first: {status, note, reviewer, date} each.
    history: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["date"] = self.date.isoformat() if self.date else None
        d["history"] = [{**h, "date": h["date"].isoformat() if h.get("date") else None} for h in self.history]
        return d

    def entry(self) -> dict:
        """This decision as a history entry (what a later decision replaced)."""
        return {k: v for k, v in (("status", self.status), ("note", self.note), ("reviewer", self.reviewer),
                                  ("date", self.date)) if v is not None}

    def describe(self) -> str:
        """'confirmed (a real discrepancy) by Ana on 2026-11-24: “note”'."""
        return describe_entry(self.entry())


STATUS_LABELS = {"accepted": "not a discrepancy", "confirmed": "a real discrepancy"}


def describe_entry(e: dict) -> str:
    who = f" by {e['reviewer']}" if e.get("reviewer") else ""
    when = f" on {e['date']}" if e.get("date") else ""
    note = f": “{' '.join(e['note'].split())}”" if e.get("note") else ""
    return f"{e['status']} ({STATUS_LABELS.get(e['status'], '?')}){who}{when}{note}"


@dataclass
class Reviews:
    path: Path | None
    decisions: dict[str, Decision] = field(default_factory=dict)

    def ordered(self) -> list[Decision]:
        """Stable order for the file: by source, kind and id (never by position in the text)."""
        return sorted(self.decisions.values(), key=lambda d: (d.source or "", d.kind or "", d.id))


@dataclass
class ReviewState:
    """How a reviews file meets a run: which decision applies to which finding, which are stale."""

    applied: dict[str, Decision]  # finding id -> its decision
    rereview: dict[str, tuple[Decision, str]]  # finding id -> (previous decision, reason)
    stale: list[Decision]

    def review_of(self, finding_id: str) -> dict | None:
        """The ``review`` entry of a finding in report.json."""
        d = self.applied.get(finding_id)
        if d is not None:
            return {"status": d.status, "note": d.note, "reviewer": d.reviewer,
                    "date": d.date.isoformat() if d.date else None, "previous": None,
                    "history": d.to_dict()["history"]}
        if finding_id in self.rereview:
            prev, reason = self.rereview[finding_id]
            return {"status": NEEDS_REREVIEW, "note": None, "reviewer": None, "date": None,
                    "reason": reason, "previous": prev.to_dict()}
        return None


# --- where the file lives -------------------------------------------------------------------------

def reviews_path(corpus: Corpus, override: str | os.PathLike | None = None) -> Path | None:
    """``override``, else reviews.toml beside the manifest; None for an ad-hoc corpus."""
    if override:
        return Path(override)
    if corpus.manifest:
        return Path(corpus.manifest).parent / REVIEWS_NAME
    return None


# --- reading ----------------------------------------------------------------------------------------

def load_reviews(path: str | os.PathLike | None) -> Reviews:
    """Read a reviews file; a missing file (or no path) is an empty set of decisions."""
    if path is None:
        return Reviews(None)
    p = Path(path)
    if not p.exists():
        return Reviews(p)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise ReviewsError(f"{p}: is a directory, not a reviews file") from None
    except OSError as e:
        raise ReviewsError(f"{p}: cannot read: {e.strerror or e}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReviewsError(f"{p}: not UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ReviewsError(f"{p}: invalid TOML: {e}") from None
    return Reviews(p, _parse(data, str(p)))


def loads_reviews(text: str, name: str = REVIEWS_NAME) -> Reviews:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ReviewsError(f"{name}: invalid TOML: {e}") from None
    return Reviews(None, _parse(data, name))


# Upgrades from older format versions: version -> function(data) returning the next version's data.
UPGRADES: dict[int, Callable[[dict], dict]] = {}


def _parse(data: dict, name: str) -> dict[str, Decision]:
    unknown = sorted(set(data) - {"format", "version", "decision"})
    if unknown:
        raise ReviewsError(f"{name}: unknown top-level key {unknown[0]!r} (expected version and [[decision]])")
    if data.get("format", FORMAT) != FORMAT:
        raise ReviewsError(f"{name}: format must be {FORMAT!r}, got {data['format']!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReviewsError(f"{name}: missing or bad 'version' (expected version = {VERSION})")
    if version > VERSION:
        raise ReviewsError(f"{name}: format version {version} is newer than this crosscheck reads ({VERSION}); "
                           "upgrade crosscheck")
    while version < VERSION:
        data, version = UPGRADES[version](data), version + 1
    entries = data.get("decision", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ReviewsError(f"{name}: 'decision' must be an array of tables ([[decision]])")
    out: dict[str, Decision] = {}
    for n, e in enumerate(entries, 1):
        d = _decision(e, f"{name}: decision #{n}", allowed=set(_TEXT_FIELDS) | {"id", "status", "date", "history"})
        if d.id in out:
            raise ReviewsError(f"{name}: decision #{n}: duplicate id {d.id!r}")
        out[d.id] = d
    return out


def _decision(e: dict, where: str, allowed: set[str]) -> Decision:
    bad = sorted(set(e) - allowed)
    if bad:
        raise ReviewsError(f"{where}: unknown key {bad[0]!r}")
    fid = e.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        raise ReviewsError(f"{where}: 'id' must be a finding id like '0123456789abcdef' (got {fid!r})")
    where = f"{where} ({fid})"
    if e.get("status") not in STATUSES:
        raise ReviewsError(f"{where}: status must be 'accepted' or 'confirmed', got {e.get('status')!r}")
    for key in _TEXT_FIELDS:
        if e.get(key) is not None and not isinstance(e[key], str):
            raise ReviewsError(f"{where}: {key} must be a string")
    if e.get("severity") is not None and e["severity"] not in SEVERITY_RANK:
        raise ReviewsError(f"{where}: severity must be info, warning or error, got {e['severity']!r}")
    return Decision(
        id=fid, status=e["status"], date=_date(e.get("date"), where),
        history=_history(e.get("history", []), where),
        **{k: (e.get(k) or None) for k in _TEXT_FIELDS},
    )


_HISTORY_KEYS = ("status", "note", "reviewer", "date")


def _history(entries, where: str) -> list[dict]:
    if not isinstance(entries, list) or not all(isinstance(h, dict) for h in entries):
        raise ReviewsError(f"{where}: history must be an array of tables ([[decision.history]])")
    out = []
    for n, h in enumerate(entries, 1):
        w = f"{where}: history #{n}"
        bad = sorted(set(h) - set(_HISTORY_KEYS))
        if bad:
            raise ReviewsError(f"{w}: unknown key {bad[0]!r}")
        if h.get("status") not in STATUSES:
            raise ReviewsError(f"{w}: status must be 'accepted' or 'confirmed', got {h.get('status')!r}")
        for key in ("note", "reviewer"):
            if h.get(key) is not None and not isinstance(h[key], str):
                raise ReviewsError(f"{w}: {key} must be a string")
        entry = {"status": h["status"]}
        for key in ("note", "reviewer"):
            if h.get(key):
                entry[key] = h[key]
        if h.get("date") is not None:
            entry["date"] = _date(h["date"], w)
        out.append(entry)
    return out


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if (d := as_date(value)) is not None:
        return d
    raise ReviewsError(f"{where}: date must be YYYY-MM-DD, got {value!r}")


# --- writing ----------------------------------------------------------------------------------------

_HEADER = """\
# crosscheck reviews: one [[decision]] per reviewed finding, kept in a stable order (source, kind, id).
# status "accepted": not a discrepancy (acceptable); "confirmed": a real discrepancy, kept on record.
# Only id and status decide; kind, source, verdict, severity, text and message are copies for readers.
# [[decision.history]] under a decision lists the decisions it replaced, newest first (who, when, note).
# Written by `crosscheck review`; hand edits are fine as long as the file stays valid.
"""
_ORDER = ("id", "status", "kind", "source", "verdict", "severity", "text", "message", "note", "reviewer", "date")


def toml_string(s: str) -> str:
    """A TOML basic string: one line, every control character escaped.

    >>> toml_string('il a dit « oui »\\n"non"\\t\\\\')
    '"il a dit « oui »\\\\n\\\\"non\\\\"\\\\t\\\\\\\\"'
    """
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dumps_reviews(reviews: Reviews) -> str:
    lines = [_HEADER + f'format = "{FORMAT}"', f"version = {VERSION}"]
    for d in reviews.ordered():
        lines += ["", "[[decision]]"]
        for key in _ORDER:
            value = getattr(d, key)
            if value is None:
                continue
            lines.append(f"{key} = {value.isoformat() if isinstance(value, dt.date) else toml_string(value)}")
        for h in d.history:
            lines += ["", "[[decision.history]]"]
            for key in _HISTORY_KEYS:
                if h.get(key) is not None:
                    v = h[key]
                    lines.append(f"{key} = {v.isoformat() if isinstance(v, dt.date) else toml_string(v)}")
    return "\n".join(lines) + "\n"


def save_reviews(reviews: Reviews, path: str | os.PathLike | None = None) -> Path:
    """Write the file atomically (the old file stays whole if anything fails)."""
    p = Path(path) if path else reviews.path
    if p is None:
        raise ReviewsError("no reviews file: an ad-hoc corpus needs --reviews FILE")
    text = dumps_reviews(reviews)
    if loads_reviews(text, str(p)).decisions != reviews.decisions:  # never write what we cannot read back
        raise ReviewsError(f"{p}: internal error: the reviews would not read back identically; file left as it was")
    atomic_write(p, text)
    return p


# --- matching a run ----------------------------------------------------------------------------------

def match_reviews(findings: list[Finding], reviews: Reviews) -> ReviewState:
    applied: dict[str, Decision] = {}
    rereview: dict[str, tuple[Decision, str]] = {}
    used: set[str] = set()
    for f in findings:
        d = reviews.decisions.get(f.id)
        if d is None:
            continue
        used.add(d.id)
        if d.severity and SEVERITY_RANK[f.severity] > SEVERITY_RANK[d.severity]:
            rereview[f.id] = (d, f"severity rose from {d.severity} to {f.severity}")
        else:
            applied[f.id] = d
    orphans = [d for d in reviews.decisions.values() if d.id not in used and d.kind and d.source and d.text]
    unreviewed = [f for f in findings if f.id not in reviews.decisions]
    pairs = []
    for f in unreviewed:
        words = identity_words(f.span.text)
        for d in orphans:
            if d.kind == f.kind and d.source == f.source:
                score = fuzz.ratio(words, identity_words(d.text or ""))  # orphans all have a text
                if score >= REREVIEW_SIMILARITY:
                    pairs.append((score, f.id, d))
    taken: set[str] = set()
    for score, fid, d in sorted(pairs, key=lambda p: (-p[0], p[1], p[2].id)):
        if fid in rereview or d.id in taken:
            continue
        taken.add(d.id)
        rereview[fid] = (d, f"the finding's words changed ({round(score)}% similar)")
    stale = [d for d in reviews.ordered() if d.id not in used and d.id not in taken]
    return ReviewState(applied=applied, rereview=rereview, stale=stale)


def apply_reviews(report: Report, reviews: Reviews) -> ReviewState:
    """Set ``finding.review`` on every finding of a finished report (None: unreviewed)."""
    state = match_reviews(report.findings, reviews)
    report.reviewed = True
    for f in report.findings:
        f.review = state.review_of(f.id)
    return state


# --- changing decisions ------------------------------------------------------------------------------
