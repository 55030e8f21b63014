"""Decisions on findings: recording one (who, when, the note, what it replaced; ``--force`` to
replace someone else's), committing them into the reviews file as it is at write time (under its
lock, merging what others wrote meanwhile), importing the browser's export, pruning, resolving ids.
The file format itself is ``reviews.py``."""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import ReviewsError
from crosscheck.review.reviews import (  # noqa: F401
    DECISIONS_FORMAT, DECISIONS_VERSION, Decision, NEEDS_REREVIEW, REVIEWS_NAME, ReviewState, Reviews, STATUSES, STATUS_LABELS, _decision, apply_reviews, dumps_reviews, load_reviews, match_reviews, reviews_path, save_reviews,
)


class DecisionConflict(ReviewsError):
    """Recording this decision would replace someone's decision (or flip one) without ``force``."""


def would_replace(before: Decision | None, status: str, note: str | None, reviewer: str | None) -> bool:
    """True when a new decision would overturn ``before``: another status, or another reviewer's
    decision. (The same reviewer restating the same status, e.g. with a new note, needs no --force.)"""
    if before is None:
        return False
    return before.status != status or bool(before.reviewer and reviewer and before.reviewer != reviewer)


def record_decision(reviews: Reviews, finding: dict, status: str, *, note: str | None = None,
                    reviewer: str | None = None, date: dt.date | None = None, force: bool = False) -> Decision:
    """Record a decision on a finding (a report.json finding dict). Replaces the decision it had to be
    re-reviewed against, so that an old decision never lingers as stale after its re-review.

    The decision replaced goes into the new one's ``history`` (its note is never dropped). Replacing
    another status or another reviewer's decision raises ``DecisionConflict`` unless ``force``."""
    if status not in STATUSES:
        raise ReviewsError(f"status must be 'accepted' or 'confirmed', got {status!r}")
    review = finding.get("review") or {}
    previous = (review.get("previous") or {}).get("id") if review.get("status") == NEEDS_REREVIEW else None
    before = reviews.decisions.get(finding["id"])
    rereview = before is None and previous is not None
    if rereview:  # the finding was shown as needing re-review, beside this old decision
        assert previous is not None
        before = reviews.decisions.get(previous)
    if not force and not rereview and would_replace(before, status, note, reviewer):
        assert before is not None  # would_replace is False without one
        raise DecisionConflict(
            f"finding {finding['id']} is already {before.describe()}; "
            f"use --force to record {status} ({STATUS_LABELS[status]}) instead (the previous decision is kept in its history)")
    if before is not None and note is None and before.status == status:
        note = before.note  # restating a decision keeps its note
    d = Decision(
        id=finding["id"], status=status, kind=finding.get("kind"), source=finding.get("source"),
        verdict=finding.get("verdict"), severity=finding.get("severity"),
        text=(finding.get("span") or {}).get("text"), message=finding.get("message"),
        note=note or None, reviewer=reviewer or None, date=date or dt.date.today(),
    )
    if before is not None:
        same = (before.status, before.note, before.reviewer) == (d.status, d.note, d.reviewer)
        if same:
            d.date = before.date or d.date
            d.history = list(before.history)
        else:
            d.history = [before.entry(), *before.history]
    if previous and previous != d.id:
        reviews.decisions.pop(previous, None)
    reviews.decisions[d.id] = d
    return d


# --- writing under the lock, merging what others wrote meanwhile -------------------------------------

@dataclass
class Conflict:
    id: str
    base: Decision | None  # what this process read
    theirs: Decision | None  # what the file holds now (someone else's write)
    mine: Decision | None  # what this process wanted to write

    def describe(self) -> str:
        theirs = self.theirs.describe() if self.theirs else "removed"
        mine = self.mine.describe() if self.mine else "removal"
        return f"finding {self.id}: meanwhile someone recorded {theirs}; yours ({mine}) was not saved"


@dataclass
class SaveResult:
    path: Path
    written: bool
    conflicts: list[Conflict]
    theirs: list[str]  # ids someone else changed meanwhile (merged in, no conflict)
    total: int


def snapshot(reviews: Reviews) -> dict[str, Decision]:
    """A copy of the decisions as read, the base of the merge in ``commit_reviews``."""
    import copy
    return copy.deepcopy(reviews.decisions)


def commit_reviews(reviews: Reviews, base: dict[str, Decision], *, force: bool = False,
                   path: str | os.PathLike | None = None) -> SaveResult:
    """Write this process's changes (``reviews`` against ``base``) into the file *as it is now*.

    Under the file's lock: re-read it, apply each decision this process changed whose entry nobody
    else changed since ``base`` was read; an entry changed both here and there (differently) is a
    ``Conflict``: theirs is kept and reported, unless ``force`` (then ours wins, theirs goes into its
    history). Entries only they changed are kept. ``reviews`` ends up as the merged file."""
    from crosscheck.storage.lock import locked

    p = Path(path) if path else reviews.path
    if p is None:
        raise ReviewsError("no reviews file: an ad-hoc corpus needs --reviews FILE")
    mine_ids = sorted(i for i in set(base) | set(reviews.decisions) if base.get(i) != reviews.decisions.get(i))
    with locked(p):
        current = load_reviews(p).decisions
        merged = dict(current)
        conflicts: list[Conflict] = []
        for i in mine_ids:
            b, theirs, mine = base.get(i), current.get(i), reviews.decisions.get(i)
            if theirs == b or theirs == mine:
                pass
            elif force:
                if mine is not None and theirs is not None:  # nothing of theirs is lost: it all goes to history
                    chain = [theirs.entry(), *theirs.history]
                    mine.history = chain + [h for h in mine.history if h not in chain]
            else:
                conflicts.append(Conflict(i, b, theirs, mine))
                continue
            if mine is None:
                merged.pop(i, None)
            else:
                merged[i] = mine
        theirs_ids = sorted(i for i in set(base) | set(current) if base.get(i) != current.get(i) and i not in mine_ids)
        written = merged != current
        if written:
            save_reviews(Reviews(p, merged), p)
    reviews.decisions = merged
    return SaveResult(p, written, conflicts, theirs_ids, len(merged))


def prune(reviews: Reviews, state: ReviewState) -> list[Decision]:
    """Remove the stale decisions (those matching no finding of the run); returns them."""
    for d in state.stale:
        reviews.decisions.pop(d.id, None)
    return list(state.stale)


# --- decisions exported by the HTML report -------------------------------------------------------------

_IMPORT_KEYS = {"id", "status", "note", "reviewer", "date", "kind", "source", "text", "verdict", "severity",
                "message"}


def load_decisions(path: str | os.PathLike) -> list[Decision]:
    """Read and validate a ``crosscheck-decisions`` JSON file (what the HTML report exports)."""
    p = Path(path)
    try:
        data = json.loads(p.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise ReviewsError(f"{p}: file not found") from None
    except OSError as err:
        raise ReviewsError(f"{p}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise ReviewsError(f"{p}: not UTF-8") from None
    except json.JSONDecodeError as err:
        raise ReviewsError(f"{p}: invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    if not isinstance(data, dict) or data.get("format") != DECISIONS_FORMAT:
        raise ReviewsError(f"{p}: not a decisions file (expected \"format\": \"{DECISIONS_FORMAT}\")")
    if data.get("version") != DECISIONS_VERSION:
        raise ReviewsError(f"{p}: unsupported decisions version {data.get('version')!r} (expected {DECISIONS_VERSION})")
    entries = data.get("decisions")
    if not isinstance(entries, list):
        raise ReviewsError(f"{p}: \"decisions\" must be a list")
    out: dict[str, Decision] = {}
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise ReviewsError(f"{p}: decision #{n}: must be an object")
        # Keys beyond the documented ones are ignored: a newer report may export more context.
        e = {k: v for k, v in e.items() if k in _IMPORT_KEYS}
        d = _decision(e, f"{p}: decision #{n}", allowed=_IMPORT_KEYS)
        if d.id in out:
            raise ReviewsError(f"{p}: decision #{n}: duplicate id {d.id!r}")
        out[d.id] = d
    return list(out.values())


def _import_is_change(before: Decision | None, d: Decision) -> bool:
    """An imported decision changes ``before`` when it has another status, or another note (an
    import without a note restates a decision: it never drops the note)."""
    if before is None:
        return False
    return before.status != d.status or bool(d.note and d.note != before.note)


def import_changes(reviews: Reviews, decisions: list[Decision]) -> list[str]:
    """Each existing decision an import would change: 'ID: confirmed (...) by Ana → accepted (...)'."""
    out = []
    for d in decisions:
        before = reviews.decisions.get(d.id)
        if _import_is_change(before, d):
            assert before is not None  # _import_is_change is False without one
            out.append(f"{d.id}: {before.describe()} → {d.describe()}")
    return out


def merge_decisions(reviews: Reviews, decisions: list[Decision], findings: list[dict],
                    force: bool = False) -> tuple[int, list[Decision]]:
    """Merge imported decisions; the run's finding (when present) supplies the readable copies.

    A decision restating an existing one (same status, no other note) changes nothing. One that
    changes an existing decision needs ``force`` (``DecisionConflict`` otherwise); the old decision
    goes into its history. Returns (number of decisions added or changed, decisions whose id matches
    no finding: still imported, and reported as stale by the next check).
    """
    by_id = {f["id"]: f for f in findings}
    changed, unknown = 0, []
    for d in decisions:
        before = reviews.decisions.get(d.id)
        if before is not None and not _import_is_change(before, d):
            continue
        if before is not None and not force:
            raise DecisionConflict(f"import would change {d.id}: {before.describe()} → {d.describe()}; use --force")
        f = by_id.get(d.id)
        if f is None:
            unknown.append(d)
            new = d
            if before is not None:
                new.history = [before.entry(), *before.history]
            reviews.decisions[d.id] = new
        else:
            record_decision(reviews, f, d.status, note=d.note, reviewer=d.reviewer, date=d.date, force=True)
        changed += 1
    return changed, unknown


def resolve_id(findings: list[dict], given: str) -> dict:
    """The finding with this id, or the only one whose id starts with it (at least 6 characters)."""
    exact = [f for f in findings if f["id"] == given]
    if exact:
        return exact[0]
    hits = [f for f in findings if len(given) >= 6 and f["id"].startswith(given)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise ReviewsError(f"finding id {given!r} is ambiguous ({len(hits)} findings start with it)")
    if len(given) < 6 and any(f["id"].startswith(given) for f in findings):
        raise ReviewsError(f"finding id prefix {given!r} is too short: give at least 6 characters of the id")
    raise ReviewsError(f"no finding with id {given!r} in this corpus (`crosscheck check --fail-on info` lists them)")


__all__ = [
    "Conflict", "Decision", "DecisionConflict", "NEEDS_REREVIEW", "STATUS_LABELS", "SaveResult", "commit_reviews",
    "import_changes", "snapshot", "REVIEWS_NAME", "ReviewState", "Reviews", "STATUSES", "apply_reviews",
    "dumps_reviews", "load_decisions", "load_reviews", "match_reviews", "merge_decisions", "prune",
    "record_decision", "resolve_id", "reviews_path", "save_reviews",
]
