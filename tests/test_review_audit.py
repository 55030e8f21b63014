"""Issue 16: review you can audit. Each test is one observation made on the seed corpus, through the CLI."""
from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from crosscheck.review.reviews import load_reviews

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def reviewed_copy(tmp_path) -> Path:
    """A copy of seeds/ with its committed reviews (decided by 'crosscheck maintainers (seed review)')."""
    import shutil

    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest, ignore=shutil.ignore_patterns(".crosscheck-cache", ".*.lock"))
    return dest


def findings(cli, corpus) -> list[dict]:
    return json.loads(cli("check", corpus, "--format", "json", "--fail-on", "error").stdout)["findings"]


def by_status(fs, status):
    return [f for f in fs if (f.get("review") or {}).get("status") == status]


# --- reviews reach every summary -------------------------------------------------------------------

def test_terminal_report_says_what_needs_a_decision_and_what_is_confirmed(cli, tmp_path):
    result = cli("report", SEEDS, "--out", tmp_path / "out")
    assert result.exit_code == 0
    out = result.stdout
    check = cli("check", SEEDS, "--fail-on", "info").stdout
    m = re.search(r"(\d+) accepted, (\d+) confirmed, (\d+) need re-review, (\d+) unreviewed", check)
    accepted, confirmed, rereview, unreviewed = map(int, m.groups())
    line = f"to review: {unreviewed + rereview} ("
    assert line in out and f"{confirmed} confirmed discrepancies" in out  # before: no review status at all
    assert line in check  # check's text says the same, in the same words
    per_source = re.findall(r"; (\d+) to review, (\d+) confirmed, (\d+) accepted$", out, re.M)
    assert [sum(int(x[i]) for x in per_source) for i in range(3)] == [unreviewed + rereview, confirmed, accepted]


# --- decisions keep their history; changing one needs --force ---------------------------------------

def test_accepting_someone_elses_decision_needs_force_and_keeps_their_note(cli, reviewed_copy):
    fs = findings(cli, reviewed_copy)
    f = next(x for x in by_status(fs, "accepted") if x["review"].get("note"))
    path = reviewed_copy / "reviews.toml"
    before = path.read_bytes()
    result = cli("review", reviewed_copy, "--accept", f["id"], "--reviewer", "Ana", "--note", "mine")
    assert result.exit_code == 2  # before: exit 0, their note and reviewer silently dropped
    assert "already accepted" in result.stderr and f["review"]["reviewer"] in result.stderr and "--force" in result.stderr
    assert path.read_bytes() == before
    result = cli("review", reviewed_copy, "--accept", f["id"], "--reviewer", "Ana", "--note", "mine", "--force")
    assert result.exit_code == 0 and "replaces accepted" in result.stdout and "Reviewer: Ana" in result.stdout
    d = load_reviews(path).decisions[f["id"]]
    assert (d.reviewer, d.note) == ("Ana", "mine")
    assert d.history == [{"status": "accepted", "note": f["review"]["note"], "reviewer": f["review"]["reviewer"],
                          "date": load_reviews(SEEDS / "reviews.toml").decisions[f["id"]].date}]
    text = path.read_text(encoding="utf-8")
    assert "\n[[decision.history]]\n" in text  # readable and diff-friendly: one table per earlier decision
    assert tomllib.loads(text)["decision"]  # still TOML


def test_flipping_a_confirmed_finding_needs_force_even_for_the_same_reviewer(cli, reviewed_copy):
    fs = findings(cli, reviewed_copy)
    f = by_status(fs, "confirmed")[0]
    who = f["review"]["reviewer"]
    result = cli("review", reviewed_copy, "--accept", f["id"], "--reviewer", who)
    assert result.exit_code == 2 and "already confirmed" in result.stderr  # before: flipped without a word
    assert load_reviews(reviewed_copy / "reviews.toml").decisions[f["id"]].status == "confirmed"
    # restating the same decision with a new note is not a change of mind: no --force, old note in history
    result = cli("review", reviewed_copy, "--confirm", f["id"], "--reviewer", who, "--note", "more detail")
    assert result.exit_code == 0, result.output
    d = load_reviews(reviewed_copy / "reviews.toml").decisions[f["id"]]
    assert d.note == "more detail" and d.history[0]["note"] == f["review"]["note"]


def test_import_lists_what_it_would_change_and_needs_force(cli, reviewed_copy, tmp_path):
    fs = findings(cli, reviewed_copy)
    a, b = by_status(fs, "accepted")[:2]
    new = next(f for f in fs if f["review"] is None)
    exported = {"format": "crosscheck-decisions", "version": 1, "decisions": [
        {"id": a["id"], "status": "confirmed", "note": "wrong after all", "reviewer": "Bo", "date": "2026-11-27"},
        {"id": b["id"], "status": "accepted", "note": None, "reviewer": "Bo", "date": "2026-11-27"},  # restates
        {"id": new["id"], "status": "accepted", "note": "fine", "reviewer": "Bo", "date": "2026-11-27"},
    ]}
    file = tmp_path / "decisions.json"
    file.write_text(json.dumps(exported), encoding="utf-8")
    path = reviewed_copy / "reviews.toml"
    before = path.read_bytes()
    result = cli("review", reviewed_copy, "--import", file)
    assert result.exit_code == 2  # before: "2 new or changed", two earlier decisions overridden
    assert f"would change {a['id']}: accepted" in result.stderr and "→ confirmed" in result.stderr
    assert b["id"] not in result.stderr and path.read_bytes() == before
    result = cli("review", reviewed_copy, "--import", file, "--force")
    assert result.exit_code == 0 and "1 replacing an earlier decision" in result.stdout
    decisions = load_reviews(path).decisions
    assert decisions[a["id"]].status == "confirmed" and decisions[a["id"]].history[0]["note"] == a["review"]["note"]
    assert decisions[b["id"]].note == b["review"]["note"]  # a note is never dropped by an import
    assert decisions[b["id"]].reviewer == b["review"]["reviewer"]
    assert decisions[new["id"]].note == "fine"


# --- the terminal review shows context for facts ----------------------------------------------------

def test_review_shows_the_record_sentence_for_a_fact(cli, corpus_copy):
    fs = findings(cli, corpus_copy)
    order = [f for f in fs if f["severity"] != "info"]
    from crosscheck.review.gate import most_severe_first
    order = most_severe_first(order)
    idx = next(i for i, f in enumerate(order) if f["kind"] == "place")
    result = cli("review", corpus_copy, "--reviewer", "Ana", input="s\n" * idx + "q\n")
    block = result.stdout.split(f"id {order[idx]['id']}")[1].split("accept (a)")[0]
    record_col = " ".join(line.split("│", 1)[1].strip() for line in block.splitlines() if "│" in line)
    # before: the RECORD column was the bare token "Wonsan"
    assert "⟦Wonsan⟧" in record_col and "Lavrov" in record_col and len(record_col) > 60
    article_col = " ".join(line.split("│", 1)[0].strip() for line in block.splitlines() if "│" in line)
    assert "⟦Pyongyang⟧" in article_col


def test_walk_names_the_reviewer(cli, corpus_copy, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_REVIEWER", "Carla")
    result = cli("review", corpus_copy, input="q\n")
    assert "Reviewing as Carla" in result.stdout  # before: taken silently from git config


def test_a_too_short_id_prefix_is_named_as_such(cli, corpus_copy):
    f = findings(cli, corpus_copy)[0]
    result = cli("review", corpus_copy, "--accept", f["id"][:4])
    assert result.exit_code == 2 and "too short" in result.stderr and "6 characters" in result.stderr
    # before: "no finding with id"


# --- export -----------------------------------------------------------------------------------------

def test_export_confirmed_as_csv_and_markdown(cli, tmp_path):
    fs = findings(cli, SEEDS)
    confirmed = by_status(fs, "confirmed")
    result = cli("export", SEEDS, "--confirmed", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["id"] for r in rows} == {f["id"] for f in confirmed}
    place = next(r for r in rows if r["kind"] == "place")
    assert place["article_text"] == "Pyongyang" and place["record_text"] == "Wonsan"
    assert "⟦Wonsan⟧" in place["record_sentence"] and "⟦Pyongyang⟧" in place["article_sentence"]
    assert all(r["note"] and r["reviewer"] and r["message"] for r in rows)
    out = tmp_path / "c.md"
    result = cli("export", SEEDS, "--format", "md", "--output", out)
    md = out.read_text(encoding="utf-8")
    assert result.exit_code == 0 and md.startswith("# Confirmed discrepancies")
    assert md.count("\n## ") == len({f["source"] for f in confirmed})
    assert all(f["id"] in md for f in confirmed) and "Reviewer's note:" in md


def test_export_neutralises_formulas_and_markup(tmp_path):
    from crosscheck.outputs.export import to_csv, to_markdown

    row = {k: "" for k in ("article", "outlet", "title", "published", "url", "line", "id", "kind", "verdict",
                           "severity", "article_text", "record_text", "article_sentence", "record_sentence",
                           "message", "status", "note", "reviewer", "date")}
    row.update(article="a", kind="name", verdict="misspelling", article_text="=HYPERLINK(\"x\")",
               note="<script>alert(1)</script> [link](javascript:x)", line=1, id="0" * 16)
    assert "'=HYPERLINK" in to_csv([row])
    md = to_markdown([row])
    assert not re.search(r"(?<!\\)<script", md) and not re.search(r"(?<!\\)\]\(javascript", md)
    assert "\\<script\\>" in md and "\\[link\\]" in md  # shown literally, not run or linked


# --- orphans ----------------------------------------------------------------------------------------

def test_sources_reports_orphan_files(cli, corpus_copy):
    (corpus_copy / "left-behind.txt").write_text("Un article copié mais absent du manifeste.\n", encoding="utf-8")
    result = cli("sources", corpus_copy)
    assert result.exit_code == 0
    assert "left-behind.txt: in the corpus folder but not in the manifest" in result.stderr
    assert "1 orphan file(s)" in result.stdout
