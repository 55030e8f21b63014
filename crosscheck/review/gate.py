"""The CI gate: one pure rule deciding pass or fail, and the exit codes (like coverage.py's
``should_fail_under``). It reads report.json's finding dicts, so every format shares it.

:class:`GateView` is what every output format and the terminal review read: the report dictionary
with the gate's settings.

A finding *fails* the gate when it is unreviewed (no decision, or a decision that needs re-review)
and its severity reaches ``fail_on``. Accepted and confirmed findings never fail it.

>>> f = {"severity": "warning", "review": None}
>>> should_fail([f], "warning"), should_fail([f], "error")
(True, False)
>>> should_fail([dict(f, review={"status": "accepted"})], "info")
False
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.model import SEVERITY_RANK

EXIT_OK = 0  # no unreviewed finding at or above --fail-on
EXIT_GATE_FAILED = 1  # some unreviewed finding reaches --fail-on
EXIT_USAGE = 2  # usage or input error (bad option, manifest, source, reviews file)

FAIL_ON_LEVELS = ("info", "warning", "error")
DEFAULT_FAIL_ON = "warning"


def is_unreviewed(finding: dict) -> bool:
    review = finding.get("review")
    return review is None or review.get("status") == "needs-rereview"


def reaches(finding: dict, level: str) -> bool:
    return SEVERITY_RANK[finding["severity"]] >= SEVERITY_RANK[level]


def failing_findings(findings: Iterable[dict], fail_on: str = DEFAULT_FAIL_ON) -> list[dict]:
    """The findings that fail the gate, most severe first (stable within a severity)."""
    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_LEVELS)}, got {fail_on!r}")
    out = [f for f in findings if is_unreviewed(f) and reaches(f, fail_on)]
    return sorted(out, key=lambda f: -SEVERITY_RANK[f["severity"]])


def should_fail(findings: Iterable[dict], fail_on: str = DEFAULT_FAIL_ON) -> bool:
    return bool(failing_findings(findings, fail_on))


def exit_code(findings: Iterable[dict], fail_on: str = DEFAULT_FAIL_ON) -> int:
    return EXIT_GATE_FAILED if should_fail(findings, fail_on) else EXIT_OK


def most_severe_first(findings: list[dict]) -> list[dict]:
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f["severity"]], f["source"], f["line"], f["column"]))


def one_line(s: str | None) -> str:
    return " ".join((s or "").split())


def review_phrase(review: dict | None) -> str:
    """Who decided what, e.g. 'accepted by Ana on 2025-07-14: “known spelling”'."""
    if not review:
        return ""
    who = f" by {review['reviewer']}" if review.get("reviewer") else ""
    when = f" on {review['date']}" if review.get("date") else ""
    note = f": “{one_line(review['note'])}”" if review.get("note") else ""
    return f"{review['status']}{who}{when}{note}"


def rereview_phrase(review: dict | None) -> str:
    if not review or review.get("status") != "needs-rereview":
        return ""
    prev = review["previous"]
    was = f" for “{one_line(prev.get('text'))}”" if prev.get("text") else ""
    return f"needs re-review ({review.get('reason', 'changed')}): was {review_phrase(prev)}{was}"


@dataclass
class GateView:
    """What every format needs: the report dictionary and the gate's settings."""

    data: dict
    fail_on: str = DEFAULT_FAIL_ON
    stale: list[dict] = field(default_factory=list)  # Decision.to_dict() of stale decisions
    reviews_file: str | None = None
    base: Path = field(default_factory=Path.cwd)
    _paths: dict = field(default_factory=dict, repr=False, compare=False)  # [scale] path_of memo

    @property
    def findings(self) -> list[dict]:
        return self.data["findings"]

    @property
    def failing(self) -> list[dict]:
        return failing_findings(self.findings, self.fail_on)

    def path_of(self, source_id: str | None) -> str:
        """The source's file, relative to ``base`` when inside it (POSIX separators)."""
        if source_id in self._paths:  # [scale] once per source, not a scan of every source per finding
            return self._paths[source_id]
        self._paths[source_id] = self._path_of(source_id)
        return self._paths[source_id]

    def _path_of(self, source_id: str | None) -> str:
        for s in self.data["sources"]:
            if s["id"] == source_id:
                root = self.data["corpus"].get("root") or ""
                full = Path(root, s["path"]) if root else Path(s["path"])
                return _display_path(full, self.base)
        return str(source_id)

    def reviews_path(self) -> str | None:
        return _display_path(Path(self.reviews_file), self.base) if self.reviews_file else None


def _display_path(p: Path, base: Path) -> str:
    full = Path(os.path.abspath(p))
    try:
        return full.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return full.as_posix()
