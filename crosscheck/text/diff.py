"""The word diff: one library (fast-diff-match-patch, the C++ port of Google's diff-match-patch)
for every comparison of two word sequences (quote alignment, fact pairing in aligned sentences).

Words are diffed as characters: each distinct word becomes one private-use character, so the
character diff of the two strings is the word diff. ``benchmarks/diff_libs.py`` measured the
choice against diff-match-patch (pure Python: same diffs, 7-9x slower) and difflib (as fast, but
its longest-block heuristic misses matches a minimal diff finds: another edit script on 4 of the
seed corpus's 14 aligned quotes).

>>> word_ops(["a", "b", "c"], ["a", "x", "c"])
[(0, 0, 1, 0, 1), (-1, 1, 2, 1, 1), (1, 2, 2, 1, 2), (0, 2, 3, 2, 3)]
>>> opcodes(["a", "b", "c"], ["a", "x", "c"])
[('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence

import fast_diff_match_patch as _dmp

TIMEOUT = 0.5  # seconds: beyond it a diff is valid but no longer minimal (diff-match-patch's Diff_Timeout)
PRIVATE_USE = 0xF0000  # planes 15-16: 131,072 characters, one per distinct word
_OPS = {"=": 0, "-": -1, "+": 1}


def diff_runs(a: str, b: str, timeout: float = TIMEOUT) -> list[tuple[int, int]]:
    """(op, length) runs of the character diff of ``a`` to ``b``, no cleanup: 0 in both, -1 only in
    ``a``, 1 only in ``b``."""
    return [(_OPS[op], n) for op, n in _dmp.diff(a, b, timelimit=timeout, checklines=False, cleanup="No",
                                                  counts_only=True)]


def encode(*seqs: Sequence[Hashable], vocab: dict | None = None) -> list[str]:
    """Each sequence of words as a string of one private-use character per distinct word."""
    vocab = {} if vocab is None else vocab
    return ["".join(vocab.setdefault(k, chr(PRIVATE_USE + len(vocab))) for k in seq) for seq in seqs]


def word_ops(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int, int, int, int]]:
    """The word diff of ``a`` to ``b`` as ``(op, a_from, a_to, b_from, b_to)`` index ranges."""
    sa, sb = encode(a, b)
    return runs_to_ops(diff_runs(sa, sb))


def runs_to_ops(runs: list[tuple[int, int]]) -> list[tuple[int, int, int, int, int]]:
    ops = []
    i = j = 0
    for op, n in runs:
        if op == 0:
            ops.append((0, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == -1:
            ops.append((-1, i, i + n, j, j))
            i += n
        else:
            ops.append((1, i, i, j, j + n))
            j += n
    return ops


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """The word diff in :meth:`difflib.SequenceMatcher.get_opcodes` form: ``equal``, ``delete``,
    ``insert``, or ``replace`` for a change block with words on both sides."""
    out: list[tuple[str, int, int, int, int]] = []
    for op, i1, i2, j1, j2 in word_ops(a, b):
        if op == 0:
            out.append(("equal", i1, i2, j1, j2))
        else:
            if out and out[-1][0] != "equal":  # one change block: both sides' words together
                _, i1, _, j1, _ = out.pop()
            tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
            out.append((tag, i1, i2, j1, j2))
    return out


def marked(diff: Sequence[Sequence]) -> str:
    """A report's word diff (``[op, words]`` pairs, record -> article) as one line of text:
    ``[-record only-]`` and ``{+article only+}`` (wdiff's marks), shared words as they are.

    >>> marked([[0, "soutien sans"], [-1, "faille"], [1, "réserve"]])
    'soutien sans [-faille-] {+réserve+}'
    """
    marks = {-1: ("[-", "-]"), 1: ("{+", "+}"), 0: ("", "")}
    return " ".join(marks[op][0] + text + marks[op][1] for op, text in diff if text)
