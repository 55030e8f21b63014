"""Run labelled quotations through the real engine (extract -> align -> judge) and score verdicts.

Used by tests/test_quote_calibration.py; run directly to print the precision/recall table:

    .venv/bin/python tests/quote_eval.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import load_corpus  # noqa: E402
from crosscheck.checks.align import ReferenceIndex, align_passage  # noqa: E402
from crosscheck.checks.extract import extract_quotes  # noqa: E402
from crosscheck.checks.verdicts import quote_verdict  # noqa: E402
from crosscheck.model import Source  # noqa: E402
from crosscheck.text.normalize import AliasTable  # noqa: E402
from crosscheck.checks.segment import segment  # noqa: E402

VERDICTS = ("verbatim", "variant", "paraphrase", "unattested")


def seed_index() -> ReferenceIndex:
    corpus = load_corpus(ROOT / "seeds")
    return ReferenceIndex([segment(r) for r in corpus.references], AliasTable(corpus.aliases))


def judge_text(index: ReferenceIndex, article: str):
    """Every quotation of ``article`` as (quote, alignment, verdict)."""
    src = Source(id="case", role="press", path="case.txt", text=article)
    out = []
    for q in extract_quotes(src, segment(src).sentences):
        alignment, match, passage = align_passage(index, src.id, article, q.span)
        out.append((q, alignment, quote_verdict(match, passage)))
    return out


def run_cases(index: ReferenceIndex, cases: list[dict]) -> list[tuple[dict, str, object]]:
    results = []
    for case in cases:
        article = f"Sergueï Lavrov a déclaré : « {case['quote']} »."
        found = judge_text(index, article)
        assert len(found) == 1, (case["id"], [q.span.text for q, _, _ in found])
        _, alignment, verdict = found[0]
        results.append((case, verdict, alignment))
    return results


def scores(results) -> dict[str, dict[str, float]]:
    """Precision and recall per verdict."""
    out = {}
    for v in VERDICTS:
        tp = sum(1 for c, got, _ in results if got == v and c["expected"] == v)
        predicted = sum(1 for _, got, _ in results if got == v)
        actual = sum(1 for c, _, _ in results if c["expected"] == v)
        out[v] = {
            "precision": tp / predicted if predicted else 1.0,
            "recall": tp / actual if actual else 1.0,
            "support": actual,
        }
    return out


def load_cases(name: str) -> list[dict]:
    return json.loads((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))


if __name__ == "__main__":
    index = seed_index()
    results = run_cases(index, load_cases("quote_cases.json"))
    for v, s in scores(results).items():
        print(f"{v:11} precision {s['precision']:.2f}  recall {s['recall']:.2f}  (n={s['support']})")
    confusion = Counter((c["kind"], got) for c, got, _ in results if got != c["expected"])
    for (kind, got), n in sorted(confusion.items()):
        print(f"  miss: {kind} -> {got} x{n}")
