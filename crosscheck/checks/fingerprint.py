"""Stable identity of a finding, in the manner of detect-secrets: what it is, never where it is.

``id = sha256(kind, source id, identity words of the span, salt)[:16]`` (hex), plus ``-N`` for the
N-th repeat of the same finding in the same source:

- *kind* (``quote``, ``name``, ``date``...) and *source* (the press source's id from the manifest)
  say which article and which check;
- the *identity words* are the finding's own words (``span.text``), split into words and reduced to
  a key that ignores typing only: case, accents, Unicode composition, typographic apostrophes,
  quotes and dashes, spacing and invisible characters. Any other change to the words changes the id;
- the *salt* is an optional string a check may set (``finding.fingerprint_salt``) when
  two different findings can share the same words (for example the same date read two ways);
- offsets, line and column numbers, the verdict, the message and the reference passage are left out.
  So editing other text of the article, another article or the reference, moving the passage, or
  re-ordering the manifest keeps the id, and a reviewer's decision keeps applying.

Repeats (the same words flagged twice in one article) are numbered in text order: the first is
``abcd…``, the second ``abcd…-2``. Inserting a new copy *before* an existing one therefore shifts
the numbers; since the words are identical, a decision moving to its twin is harmless.

The identity key is frozen here on purpose instead of reusing ``normalize.normalize_text``: the
comparison rules used for alignment may evolve, but a change there must not silently orphan every
decision in every committed reviews file.

>>> fingerprint("quote", "press-001", "qu’il l’a dit") == fingerprint("quote", "press-001", "Qu'il l'a  dit")
True
>>> fingerprint("quote", "press-001", "qu'il l'a dit") == fingerprint("quote", "press-001", "qu'il l'a lu")
False
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

from crosscheck.model import Finding, Source
from crosscheck.text.normalize import line_col

# Invisible characters that may sit inside a word (soft hyphen, zero-width and bidi marks, BOM).
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u180e]")
_WORD_RE = re.compile(r"\w+")


def identity_words(text: str) -> str:
    """The key of a passage's words for identity: frozen, independent of the aligner's rules.

    >>> identity_words("Sergueï  LAVROV – « l’essentiel »")
    'serguei lavrov l essentiel'
    """
    t = _INVISIBLE_RE.sub("", text)
    t = unicodedata.normalize("NFKD", t).translate(_NO_COMBINING)
    return " ".join(_WORD_RE.findall(t.casefold()))


class _CombiningMarks(dict):
    """str.translate table deleting combining characters (accents after NFKD), filled in as
    characters are met: the same as dropping each ``c`` with ``unicodedata.combining(c)``, at
    the speed of a table lookup per character."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NO_COMBINING = _CombiningMarks()


def fingerprint(kind: str, source: str, words: str, salt: str = "") -> str:
    """Identity of a finding: its kind, its source and its own words (normalised), never offsets."""
    h = hashlib.sha256(f"{kind}\x1f{source}\x1f{identity_words(words)}\x1f{salt}".encode())
    return h.hexdigest()[:16]


def assign_fingerprints(findings: list[Finding], sources: dict[str, Source]) -> None:
    """Fill ``id`` (repeats of one finding in one source get a counter, in text order) and line/column."""
    findings.sort(key=lambda f: (f.source, f.span.start, f.span.end, f.kind))
    seen: dict[str, int] = defaultdict(int)
    for f in findings:
        base = fingerprint(f.kind, f.source, f.span.text, f.fingerprint_salt)
        n = seen[base]
        seen[base] += 1
        f.id = base if n == 0 else f"{base}-{n + 1}"
        f.line, f.column = line_col(sources[f.source].text, f.span.start)
