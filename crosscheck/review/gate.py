"""The CI gate: one pure rule deciding pass or fail, and the exit codes (like coverage.py's
``should_fail_under``). It reads report.json's finding dicts, so every format shares it.

A finding *fails* the gate when it is unreviewed (no decision, or a decision that needs re-review)
and its severity reaches ``fail_on``. Accepted and confirmed findings never fail it.

>>> f = {"severity": "warning", "review": None}
>>> should_fail([f], "warning"), should_fail([f], "error")
(True, False)
>>> should_fail([dict(f, review={"status": "accepted"})], "info")
False
"""
from __future__ import annotations

from collections.abc import Iterable

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
