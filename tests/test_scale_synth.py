"""The benchmark's generated corpora: deterministic, with answers that are true of the texts, and
the harness's recall scoring checked on a small corpus (speed targets live in benchmarks/, not here)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402
import synth  # noqa: E402


@pytest.fixture(scope="module")
def pools():
    return synth.SeedPools()


@pytest.fixture(scope="module")
def small(pools, tmp_path_factory):
    refs, arts, truth = synth.build(12, n_refs=3, seed=5, pools=pools)
    folder = tmp_path_factory.mktemp("bench")
    synth.write_corpus(folder, refs, arts)
    return folder, refs, arts, truth


def test_same_seed_same_corpus_and_larger_corpora_extend_smaller(pools):
    a = synth.build(5, n_refs=2, seed=3, pools=pools)
    b = synth.build(8, n_refs=2, seed=3, pools=pools)
    assert [r.text for r in a[0]] == [r.text for r in b[0]]
    assert [d.text for d in a[1]] == [d.text for d in b[1][:5]]
    assert a[2] == [p for p in b[2] if p.article in {d.id for d in a[1]}]


def test_planted_answers_are_true_of_the_texts(small):
    _, refs, arts, truth = small
    ref_text = {r.id: r.text for r in refs}
    art_text = {a.id: a.text for a in arts}
    all_refs = " ".join(ref_text.values())
    kinds = {p.kind for p in truth}
    assert kinds == {"verbatim", "variant", "fabricated"}
    for p in truth:
        quoted = art_text[p.article][p.start:p.end]
        if p.kind == "verbatim":
            assert quoted == ref_text[p.reference][p.ref_start:p.ref_end]
        elif p.kind == "variant":
            original = ref_text[p.reference][p.ref_start:p.ref_end]
            assert quoted != original
            assert abs(len(quoted.split()) - len(original.split())) <= 1
        else:
            words = re.findall(r"\w+", quoted.lower())
            trigrams = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
            record = " ".join(re.findall(r"\w+", all_refs.lower()))
            assert not any(t in record for t in trigrams), quoted


def test_references_are_distinct_documents(small):
    _, refs, _, _ = small
    firsts = [set(re.findall(r"[^.]{40,}\.", r.text)) for r in refs]
    assert len(firsts[0] & firsts[1]) < 0.2 * len(firsts[0])


def test_harness_scores_both_approaches_on_a_small_corpus(small):
    folder, _, _, truth = small
    cc = scale.run_crosscheck(str(folder), 1, truth)
    nv = scale.run_naive(str(folder), 1, None, truth)
    assert cc["recall"]["planted"] == nv["recall"]["planted"] == len(truth)
    assert cc["recall"]["verbatim"] == 1.0  # every verbatim copy found, at its place in the record
    assert cc["recall"]["fabricated"] == 1.0
    assert nv["recall"]["verbatim"] == 1.0
    assert (folder / "report.json").is_file()
