"""Stable identity of a finding (detect-secrets style): its kind, its source and a hash of its own
words, never its offsets. Moving text, editing other text or re-ordering the corpus keeps the id;
changing the finding's own words changes it. Repeats of one finding in one source get a counter.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from .model import Finding, Source
from .normalize import line_col, normalize_text


def fingerprint(kind: str, source: str, words: str, salt: str = "") -> str:
    """Identity of a finding: its kind, its source and its own words (normalised), never offsets."""
    h = hashlib.sha256(f"{kind}\x1f{source}\x1f{normalize_text(words)}\x1f{salt}".encode("utf-8"))
    return h.hexdigest()[:16]


def assign_fingerprints(findings: list[Finding], sources: dict[str, Source]) -> None:
    """Fill ``id`` (repeats of one finding in one source get a counter, in text order) and line/column."""
    findings.sort(key=lambda f: (f.source, f.span.start, f.span.end, f.kind))
    seen: dict[str, int] = defaultdict(int)
    for f in findings:
        base = fingerprint(f.kind, f.source, f.span.text, f.extra.get("fingerprint_salt", ""))
        n = seen[base]
        seen[base] += 1
        f.id = base if n == 0 else f"{base}-{n + 1}"
        f.extra.pop("fingerprint_salt", None)
        f.line, f.column = line_col(sources[f.source].text, f.span.start)
