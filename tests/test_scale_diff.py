"""The one word-diff library (crosscheck.text.diff over fast-diff-match-patch): minimal diffs that
rebuild both sides, on seed sentences; align.py's record encoding does not change its matches."""
from __future__ import annotations

import random

from crosscheck.text.diff import diff_runs, encode, opcodes, word_ops


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _edited(words: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    i = rng.randrange(len(words) - 80)
    record = words[i:i + rng.randint(5, 80)]
    passage = list(record)
    for _ in range(rng.randint(0, 6)):  # substitutions, insertions, deletions, swaps
        j = rng.randrange(len(passage) + 1)
        what = rng.randrange(4)
        if what == 0 and j < len(passage):
            passage[j] = rng.choice(words)
        elif what == 1:
            passage.insert(j, rng.choice(words))
        elif what == 2 and j < len(passage):
            del passage[j]
        elif j + 1 < len(passage):
            passage[j], passage[j + 1] = passage[j + 1], passage[j]
    return record, passage


def test_word_diff_is_minimal_and_rebuilds_both_sides(seed_corpus):
    text = seed_corpus.references[0].text
    words = [w.lower() for w in text.split()]
    rng = random.Random(3)
    for _ in range(300):
        record, passage = _edited(words, rng)
        ops = word_ops(record, passage)
        assert [w for op, i1, i2, _, _ in ops if op <= 0 for w in record[i1:i2]] == record
        assert [w for op, _, _, j1, j2 in ops if op >= 0 for w in passage[j1:j2]] == passage
        assert sum(i2 - i1 for op, i1, i2, _, _ in ops if op == 0) == _lcs(record, passage)
        # the difflib-shaped opcodes cover the same ranges, a change block with both sides as "replace"
        codes = opcodes(record, passage)
        assert [c for c in codes if c[0] == "equal"] == [("equal", *o[1:]) for o in ops if o[0] == 0]
        assert all((c[2] > c[1]) == (c[0] in ("delete", "replace")) and (c[4] > c[3]) == (c[0] in ("insert", "replace"))
                   for c in codes if c[0] != "equal")
        a, b = encode(record, passage)
        assert sum(n for op, n in diff_runs(a, b) if op <= 0) == len(record)


def test_record_encoded_once_gives_the_same_alignments(seed_corpus):
    """align.py encodes the record once and slices it; encoding per diff gives the same matches."""
    from crosscheck.checks.align import passage_tokens
    from crosscheck.pipeline import build_index
    from crosscheck.checks.segment import segment

    fast, _ = build_index(seed_corpus)
    slow, _ = build_index(seed_corpus)
    slow._encoded = None
    assert fast._encoded is not None and len(fast._encoded) == len(fast.keys)
    compared = 0
    for source in seed_corpus.press:
        for sent in segment(source).sentences:
            passage = passage_tokens(source.text, sent.start, sent.end, fast.aliases)
            a, b = fast.best_match(passage), slow.best_match(passage)
            assert (a is None) == (b is None)
            if a is not None:
                assert (a.doc, a.ref_first, a.ref_last, a.ops) == (b.doc, b.ref_first, b.ref_last, b.ops)
                compared += 1
    assert compared > 20
