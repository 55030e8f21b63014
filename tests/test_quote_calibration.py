"""Calibration of quote verdicts on a labelled set generated from the seed transcript
(tests/data/make_quote_cases.py): perturbations with known answers."""
from __future__ import annotations

import pytest

from quote_eval import VERDICTS, load_cases, run_cases, scores, seed_index


@pytest.fixture(scope="module")
def results():
    return run_cases(seed_index(), load_cases("quote_cases.json"))


def test_the_set_covers_every_verdict():
    cases = load_cases("quote_cases.json")
    for v in VERDICTS:
        assert sum(1 for c in cases if c["expected"] == v) >= 10, v


@pytest.mark.parametrize("verdict", VERDICTS)
def test_precision_and_recall_per_verdict(results, verdict):
    s = scores(results)[verdict]
    wrong = [(c["id"], got) for c, got, _ in results if (c["expected"] == verdict) != (got == verdict)]
    assert s["precision"] >= 0.9 and s["recall"] >= 0.9, wrong


def test_attested_quotes_align_inside_their_source_sentence(results):
    """Verbatim and variant quotes point at the sentence they were taken from."""
    for case, _got, alignment in results:
        if case["expected"] in ("verbatim", "variant") and case["reference_start"] is not None:
            span = alignment.reference_span
            assert span is not None, case["id"]
            assert case["reference_start"] <= span.start and span.end <= case["reference_end"], case["id"]


def test_whole_sentence_quotes_cover_the_whole_sentence(results):
    for case, _got, alignment in results:
        if case["kind"] == "verbatim-sentence":
            span = alignment.reference_span
            assert span.start == case["reference_start"], case["id"]
            assert span.end >= case["reference_end"] - 1, case["id"]  # the final full stop is not a word


def test_unattested_quotes_borrow_no_reference_passage_as_support(results):
    for case, got, alignment in results:
        if case["expected"] == "unattested" and got == "unattested" and alignment.reference_span:
            assert alignment.score < 0.5, case["id"]
