"""The reviews file: round trips, stable order, broken files, moved / reworded / stale findings, import."""
from __future__ import annotations

import datetime as dt
import json
import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from crosscheck import check_corpus, load_corpus
from crosscheck.errors import CrosscheckError, ReviewsError
from crosscheck.outputs.jsonreport import report_dict
from crosscheck.review.reviews import NEEDS_REREVIEW, Reviews, apply_reviews, dumps_reviews, load_reviews, loads_reviews, save_reviews, toml_string
from crosscheck.review.decisions import load_decisions, record_decision

DAY = dt.date(2025, 7, 14)


def blank(corpus: Path) -> Path:
    """The corpus copy without any committed decisions; returns its reviews path."""
    path = corpus / "reviews.toml"
    path.unlink(missing_ok=True)
    return path


def run(corpus: Path, reviews: Reviews | None = None):
    r = check_corpus(load_corpus(corpus))
    state = apply_reviews(r, reviews if reviews is not None else load_reviews(corpus / "reviews.toml"))
    return r, state, report_dict(r)["findings"]


def by_id(findings: list[dict]) -> dict[str, dict]:
    return {f["id"]: f for f in findings}


# --- file format --------------------------------------------------------------------------------------

def test_round_trip_and_stable_order(corpus_copy):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    notes = ['guillemets « » et "doubles"', "back\\slash", "deux\nlignes\tet tab", "bip\x07", "émoji 🙂", None]
    reviews = Reviews(path)
    for n, f in enumerate(findings):
        record_decision(reviews, f, "accepted" if n % 2 else "confirmed", note=notes[n % len(notes)],
                        reviewer="Ana Ré", date=DAY)
    save_reviews(reviews)
    loaded = load_reviews(path)
    assert loaded.decisions == reviews.decisions
    text = path.read_text(encoding="utf-8")
    assert text == dumps_reviews(loaded)
    # Whatever order the decisions were made in, the file is the same.
    shuffled = list(reviews.decisions.items())
    random.Random(3).shuffle(shuffled)
    assert dumps_reviews(Reviews(path, dict(shuffled))) == text
    data = tomllib.loads(text)
    assert data["version"] == 1 and data["format"] == "crosscheck-reviews"
    keys = [(d["source"], d["kind"], d["id"]) for d in data["decision"]]
    assert keys == sorted(keys) and len(keys) == len(findings)
    # Enough of the finding to read a diff of the file; nothing positional that would churn.
    first = data["decision"][0]
    assert {"id", "status", "kind", "source", "text", "message", "reviewer", "date"} <= set(first)
    assert not {"line", "column", "start", "end"} & set(first)
    assert first["date"] == DAY


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_toml_strings_read_back_exactly(s):
    assert tomllib.loads(f"x = {toml_string(s)}")["x"] == s
    assert "\n" not in toml_string(s)  # one line per key: clean diffs


BROKEN = [
    ('version = 1\n[[decision]\nid = "x"\n', "invalid TOML"),
    ('[[decision]]\nid = "0123456789abcdef"\nstatus = "accepted"\n', "version"),
    ('version = 99\n', "newer"),
    ('version = 1\n[[decision]]\nid = "0123456789abcdef"\nstatus = "ok"\n', "status must be"),
    ('version = 1\n[[decision]]\nid = "0123456789abcdef"\nstatus = "accepted"\nstauts = "x"\n', "unknown key 'stauts'"),
    ('version = 1\n[[decision]]\nid = "0123456789abcdef"\nstatus = "accepted"\n'
     '[[decision]]\nid = "0123456789abcdef"\nstatus = "confirmed"\n', "duplicate id"),
    ('version = 1\n[[decision]]\nid = "line 3"\nstatus = "accepted"\n', "'id' must be a finding id"),
    ('version = 1\n[[decision]]\nid = "0123456789abcdef"\nstatus = "accepted"\ndate = "14/07/2025"\n', "date must be"),
    ('version = 1\ndecision = "all"\n', "array of tables"),
    ('version = 1\nbaseline = true\n', "unknown top-level key"),
]


@pytest.mark.parametrize("content,expected", BROKEN)
def test_broken_file_is_a_one_line_error_that_leaves_it_untouched(corpus_copy, cli, content, expected):
    path = blank(corpus_copy)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewsError, match=expected) as e:
        load_reviews(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)
    for args in (("check", corpus_copy), ("review", corpus_copy, "--prune"), ("report", corpus_copy, "--out",
                                                                               corpus_copy / "out")):
        result = cli(*args)
        assert result.exit_code == 2, args
        lines = result.stderr.strip().splitlines()
        assert lines[-1].startswith("crosscheck: error: ") and str(path) in lines[-1] and expected in lines[-1]
        assert path.read_text(encoding="utf-8") == content


def test_not_utf8_file_is_an_error(corpus_copy):
    path = blank(corpus_copy)
    path.write_bytes(b'version = 1\n# \xe9t\xe9\n')
    with pytest.raises(ReviewsError, match="not UTF-8"):
        load_reviews(path)


def test_failed_write_leaves_the_old_file(corpus_copy, monkeypatch):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    reviews = Reviews(path)
    record_decision(reviews, findings[0], "accepted", date=DAY)
    save_reviews(reviews)
    old = path.read_bytes()
    record_decision(reviews, findings[1], "confirmed", date=DAY)

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("crosscheck.storage.atomic.os.replace", boom)
    with pytest.raises(CrosscheckError, match="No space left"):
        save_reviews(reviews)
    assert path.read_bytes() == old
    assert [p.name for p in corpus_copy.iterdir() if p.name.startswith(".reviews")] == []


def test_missing_file_is_empty_and_loads_string(corpus_copy):
    assert load_reviews(blank(corpus_copy)).decisions == {}
    assert loads_reviews('format = "crosscheck-reviews"\nversion = 1\n').decisions == {}


# --- matching decisions to a new run ------------------------------------------------------------------

def test_decision_follows_its_finding_when_the_passage_moves(corpus_copy):
    path = blank(corpus_copy)
    r, _, findings = run(corpus_copy)
    f = next(x for x in findings if x["source"] == "press-002")
    reviews = Reviews(path)
    record_decision(reviews, f, "accepted", note="known", reviewer="Ana", date=DAY)
    save_reviews(reviews)
    art = corpus_copy / "press-002.txt"
    art.write_text("Mise à jour de la rédaction.\n\n\n" + art.read_text(encoding="utf-8"), encoding="utf-8")
    _, state, after = run(corpus_copy)
    moved = by_id(after)[f["id"]]
    assert moved["line"] == f["line"] + 3
    assert moved["review"] == {"status": "accepted", "note": "known", "reviewer": "Ana", "date": "2025-07-14",
                               "previous": None, "history": []}
    assert state.stale == []


def _reword(corpus: Path, f: dict, new_words: str) -> None:
    art = corpus / f"{f['source']}.txt"
    t = art.read_text(encoding="utf-8")
    s = f["span"]
    assert t[s["start"]:s["end"]] == s["text"]
    art.write_text(t[:s["start"]] + new_words + t[s["end"]:], encoding="utf-8")


def _multiword_quote(findings, source="press-004"):
    return next(x for x in findings if x["source"] == source and x["kind"] == "quote"
                and len(x["span"]["text"].split()) >= 3)


def test_slightly_reworded_finding_needs_rereview_with_the_old_decision(corpus_copy):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    f = _multiword_quote(findings)
    reviews = Reviews(path)
    record_decision(reviews, f, "accepted", note="translation", reviewer="Ana", date=DAY)
    save_reviews(reviews)
    words = f["span"]["text"].split()
    _reword(corpus_copy, f, " ".join(words[:-1] + [words[-1] + "s"]))  # a typo in the article
    _, state, after = run(corpus_copy, load_reviews(path))
    new = next(x for x in after if x["source"] == f["source"] and x["span"]["start"] == f["span"]["start"])
    assert new["id"] != f["id"]
    review = new["review"]
    assert review["status"] == NEEDS_REREVIEW and "words changed" in review["reason"]
    assert review["previous"]["id"] == f["id"] and review["previous"]["note"] == "translation"
    assert review["previous"]["text"] == f["span"]["text"]
    assert state.stale == []  # pending re-review, not stale
    # Re-reviewing replaces the old decision rather than leaving it stale.
    record_decision(reviews, new, "confirmed", reviewer="Ana", date=DAY)
    assert set(reviews.decisions) == {new["id"]}
    _, state, again = run(corpus_copy, reviews)
    assert by_id(again)[new["id"]]["review"]["status"] == "confirmed" and state.stale == []


def test_rewritten_finding_is_new_and_its_old_decision_stale(corpus_copy):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    f = _multiword_quote(findings)
    reviews = Reviews(path)
    record_decision(reviews, f, "accepted", date=DAY)
    _reword(corpus_copy, f, "nous ne céderons jamais au chantage de personne")
    _, state, after = run(corpus_copy, reviews)
    new = next(x for x in after if x["source"] == f["source"] and x["span"]["start"] == f["span"]["start"])
    assert new["review"] is None
    assert [d.id for d in state.stale] == [f["id"]]


def test_rise_in_severity_needs_rereview(corpus_copy):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    f = next(x for x in findings if x["severity"] in ("warning", "error"))
    reviews = Reviews(path)
    d = record_decision(reviews, f, "accepted", date=DAY)
    d.severity = "info"  # decided when the finding was only informational
    _, _, after = run(corpus_copy, reviews)
    review = by_id(after)[f["id"]]["review"]
    assert review["status"] == NEEDS_REREVIEW and review["reason"] == f"severity rose from info to {f['severity']}"


def test_stale_decisions_are_reported_and_pruned(corpus_copy, cli):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    f = _multiword_quote(findings, "press-003") if any(
        x["source"] == "press-003" and len(x["span"]["text"].split()) >= 3 for x in findings) else \
        next(x for x in findings if x["source"] == "press-003")
    keep = next(x for x in findings if x["source"] == "press-001")
    reviews = Reviews(path)
    record_decision(reviews, f, "confirmed", note="gone soon", reviewer="Ana", date=DAY)
    record_decision(reviews, keep, "accepted", reviewer="Ana", date=DAY)
    save_reviews(reviews)
    # Remove the quoted words (and their marks) from the article: the finding no longer occurs.
    art = corpus_copy / "press-003.txt"
    t = art.read_text(encoding="utf-8")
    s = f["span"]
    art.write_text(t[:s["start"]] + "le sujet" + t[s["end"]:], encoding="utf-8")
    before = path.read_bytes()
    result = cli("check", corpus_copy, "--fail-on", "error")
    assert f"stale decision {f['id']}" in result.stdout and "crosscheck review --prune" in result.stdout
    assert path.read_bytes() == before  # check never writes the reviews file
    result = cli("review", corpus_copy, "--prune")
    assert result.exit_code == 0 and f"pruned stale decision {f['id']}" in result.stdout
    assert set(load_reviews(path).decisions) == {keep["id"]}
    result = cli("review", corpus_copy, "--prune")
    assert "No changes" in result.stdout


# --- decisions exported by the HTML report --------------------------------------------------------------

def _decisions_file(tmp_path: Path, decisions: list[dict], **top) -> Path:
    p = tmp_path / "decisions.json"
    p.write_text(json.dumps({"format": "crosscheck-decisions", "version": 1, "decisions": decisions, **top}),
                 encoding="utf-8")
    return p


def test_import_merges_decisions(corpus_copy, cli, tmp_path):
    path = blank(corpus_copy)
    _, _, findings = run(corpus_copy)
    a, b = findings[0], findings[1]
    exported = [
        {"id": a["id"], "status": "accepted", "note": "variante connue", "reviewer": "Ana", "date": "2025-07-14",
         "kind": a["kind"], "source": a["source"], "text": a["span"]["text"]},
        {"id": b["id"], "status": "confirmed", "note": "", "reviewer": None, "date": "2025-07-15",
         "kind": b["kind"], "source": b["source"], "text": b["span"]["text"], "line": 3},  # extra key: ignored
        {"id": "0123456789abcdef", "status": "accepted", "note": "", "reviewer": None, "date": "2025-07-15",
         "kind": "quote", "source": "press-009", "text": "ailleurs"},
    ]
    result = cli("review", corpus_copy, "--import", _decisions_file(tmp_path, exported))
    assert result.exit_code == 0, result.output
    assert "Imported 3 decision(s)" in result.stdout
    assert "0123456789abcdef matches no finding" in result.stderr
    loaded = load_reviews(path).decisions
    assert loaded[a["id"]].note == "variante connue" and loaded[a["id"]].date == DAY
    assert loaded[a["id"]].message == a["message"]  # the run fills in what the export lacks
    assert loaded[b["id"]].status == "confirmed" and loaded[b["id"]].note is None
    # Importing the same file again changes nothing.
    before = path.read_bytes()
    result = cli("review", corpus_copy, "--import", _decisions_file(tmp_path, exported))
    assert "0 new or changed" in result.stdout and path.read_bytes() == before


@pytest.mark.parametrize("content,expected", [
    ("{not json", "invalid JSON"),
    (json.dumps({"format": "other", "version": 1, "decisions": []}), "not a decisions file"),
    (json.dumps({"format": "crosscheck-decisions", "version": 2, "decisions": []}), "unsupported decisions version"),
    (json.dumps({"format": "crosscheck-decisions", "version": 1, "decisions": {}}), "must be a list"),
    (json.dumps({"format": "crosscheck-decisions", "version": 1,
                 "decisions": [{"id": "0123456789abcdef", "status": "maybe"}]}), "status must be"),
    (json.dumps({"format": "crosscheck-decisions", "version": 1,
                 "decisions": [{"status": "accepted"}]}), "'id' must be"),
    (json.dumps({"format": "crosscheck-decisions", "version": 1,
                 "decisions": [{"id": "0123456789abcdef", "status": "accepted", "date": "hier"}]}), "date must be"),
])
def test_bad_import_is_one_line_and_writes_nothing(corpus_copy, cli, tmp_path, content, expected):
    path = blank(corpus_copy)
    p = tmp_path / "decisions.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewsError, match=expected):
        load_decisions(p)
    result = cli("review", corpus_copy, "--import", p)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(p) in result.stderr and expected in result.stderr
    assert not path.exists()
