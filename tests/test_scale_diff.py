"""The C++ diff-match-patch port that align.py uses for speed gives the pure-Python library's diffs."""
from __future__ import annotations

import random

import pytest
from diff_match_patch import diff_match_patch

from crosscheck.checks import align

pytest.importorskip("fast_diff_match_patch")


def _python_runs(a: str, b: str) -> list[tuple[int, int]]:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no deadline: the exact diff, whatever the machine's load
    return [(op, len(chunk)) for op, chunk in dmp.diff_main(a, b, False)]


def _words_as_chars(words: list[str], vocab: dict[str, str]) -> str:
    return "".join(vocab.setdefault(w, chr(0xF0000 + len(vocab))) for w in words)


def test_same_runs_as_pure_python_on_seed_sentences(seed_corpus):
    text = seed_corpus.references[0].text
    words = [w.lower() for w in text.split()]
    rng = random.Random(3)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    for _ in range(300):
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
        vocab: dict[str, str] = {}
        a, b = _words_as_chars(record, vocab), _words_as_chars(passage, vocab)
        assert align._diff_runs(dmp, a, b) == _python_runs(a, b)


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
