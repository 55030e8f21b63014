"""The seed corpus's quotations, with the verdicts, speakers and media a careful reader gives them
(tests/data/seed_quotes.json, labelled by hand with the reason for each)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

LABELS = json.loads((Path(__file__).parent / "data" / "seed_quotes.json").read_text(encoding="utf-8"))


def quote_findings(report, source):
    return sorted((f for f in report.findings if f.kind == "quote" and f.source == source),
                  key=lambda f: f.span.start)


def test_every_seed_quotation_is_found_once_and_nothing_else(seed_report):
    for source in sorted({x["source"] for x in LABELS}):
        got = [f.span.text for f in quote_findings(seed_report, source)]
        expected = [x["starts"] for x in LABELS if x["source"] == source]
        assert len(got) == len(expected), (source, got)
        for g, e in zip(got, expected):
            assert g.startswith(e), (source, g, e)


@pytest.mark.parametrize("label", LABELS, ids=lambda x: f"{x['source']}:{x['starts'][:25]}")
def test_seed_quote_verdict_speaker_and_medium(seed_report, label):
    (f,) = [f for f in quote_findings(seed_report, label["source"]) if f.span.text.startswith(label["starts"])
            and (label["starts"] != "héroïque" or f.span.text == "héroïque")]
    assert f.verdict == label["verdict"], (f.message, label["why"])
    if label["speaker"]:
        assert f.speaker and label["speaker"] in f.speaker
    if label["via"]:
        assert f.via and label["via"] in f.via
    else:
        assert f.via is None
    severity = {"verbatim": "info", "variant": "warning", "paraphrase": "warning"}.get(f.verdict)
    # an unattested term given to no one ("Héroïque" as a headline) is information, not an error; longer
    # words given to no one, or credited to another medium, a warning
    term = f.verdict == "unattested" and not f.speaker and not f.via and len(f.span.text.split()) <= 3
    assert f.severity == (severity or ("info" if term else "warning" if f.via or not f.speaker else "error"))


def test_variant_diff_shows_the_one_substitution(seed_report):
    (f,) = [f for f in quote_findings(seed_report, "press-004") if f.span.text.endswith("sans réserve")]
    assert f.reference_span.text == "réaffirmé leur soutien sans faille"
    assert [[d.op, d.text] for d in f.diff if d.op != 0] == [[-1, "faille"], [1, "réserve"]]
    assert "".join(d.text for d in f.diff if d.op != -1).replace(" ", "") == f.span.text.replace(" ", "")


def test_paraphrase_spanning_two_sentences(seed_corpus, seed_report):
    (f,) = [f for f in quote_findings(seed_report, "press-002") if "précisément pour cette raison" in f.span.text]
    ref = seed_corpus.get(f.reference).text
    span = f.reference_span
    assert ref[span.start:span.end] == span.text
    assert span.text.startswith("C’est précisément parce que ces conclusions ont été tirées à temps")
    assert "Néanmoins, nous assistons à un renforcement militaire continu" in span.text
    assert "translation" in f.message


def test_quote_offsets_round_trip(seed_corpus, seed_report):
    for f in seed_report.findings:
        assert seed_corpus.get(f.source).text[f.span.start:f.span.end] == f.span.text
        if f.reference_span:
            r = seed_corpus.get(f.reference).text
            assert r[f.reference_span.start:f.reference_span.end] == f.reference_span.text
