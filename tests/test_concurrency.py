"""Issue 18: several people or jobs writing one corpus at once lose nothing.

Real processes through the CLI (``python -m crosscheck.cli``), started together, on a copy of the
seed corpus: every decision and every source is there afterwards, or the process said why (exit 2,
one line), and no article file is left outside the manifest.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path


from crosscheck.inputs.corpus import load_corpus, orphan_files
from crosscheck.review.reviews import load_reviews

N = 8
ARTICLE = ("Sergueï Lavrov a déclaré à Wonsan que la Russie soutenait « sans réserve » la Corée du Nord.\n"
           "Le ministre a rencontré Kim Jong-un le 12 juillet 2025.\n")


def run_many(argvs, env=None, timeout=120):
    """Start every command at once (real processes); wait for all; [(rc, stdout, stderr)]."""
    e = {**os.environ, "CROSSCHECK_REVIEWER": "", **(env or {})}
    procs = [subprocess.Popen([sys.executable, "-m", "crosscheck.cli", *map(str, a)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=e) for a in argvs]
    out = []
    for p in procs:
        so, se = p.communicate(timeout=timeout)
        out.append((p.returncode, so, se))
    return out


def findings(corpus: Path) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "crosscheck.cli", "check", str(corpus), "--format", "json",
                        "--fail-on", "error"], capture_output=True, text=True)  # also warms the cache
    return json.loads(r.stdout)["findings"]


def test_concurrent_reviews_on_different_findings_all_land(corpus_copy):
    fs = findings(corpus_copy)[:N]
    assert len(fs) == N
    results = run_many([("review", corpus_copy, "--accept", f["id"], "--reviewer", f"r{i}", "--note", f"n{i}")
                        for i, f in enumerate(fs)])
    assert [rc for rc, _, _ in results] == [0] * N, results
    decisions = load_reviews(corpus_copy / "reviews.toml").decisions
    assert {f["id"] for f in fs} == set(decisions)  # before the lock: 1 of 6 survived
    assert {decisions[f["id"]].note for f in fs} == {f"n{i}" for i in range(N)}


def test_concurrent_reviews_on_one_finding_one_wins_the_others_are_told(corpus_copy):
    f = findings(corpus_copy)[0]
    results = run_many([("review", corpus_copy, "--confirm" if i % 2 else "--accept", f["id"],
                         "--reviewer", f"r{i}", "--note", f"n{i}") for i in range(N)])
    winners = [i for i, (rc, _, _) in enumerate(results) if rc == 0]
    assert len(winners) == 1, results
    for i, (rc, _, err) in enumerate(results):
        if i not in winners:
            assert rc == 2 and f["id"] in err and ("conflict" in err or "--force" in err), err
            assert len(err.strip().splitlines()) == 1
    d = load_reviews(corpus_copy / "reviews.toml").decisions[f["id"]]
    assert (d.reviewer, d.note) == (f"r{winners[0]}", f"n{winners[0]}")


def test_concurrent_adds_all_land_and_leave_no_orphan(corpus_copy, tmp_path):
    files = []
    for i in range(N):
        p = tmp_path / f"article-{i}.txt"
        p.write_text(ARTICLE.replace("Wonsan", f"Wonsan ({i})"), encoding="utf-8")
        files.append(p)
    results = run_many([("add", p, "--corpus", corpus_copy, "--outlet", f"Outlet {i}") for i, p in enumerate(files)])
    assert [rc for rc, _, _ in results] == [0] * N, results
    c = load_corpus(corpus_copy)
    assert {f"article-{i}" for i in range(N)} <= {s.id for s in c.sources}  # before: 3 of 5
    assert orphan_files(c) == []


def test_concurrent_adds_of_one_file_one_wins_no_orphan(corpus_copy, tmp_path):
    p = tmp_path / "same.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    results = run_many([("add", p, "--corpus", corpus_copy) for _ in range(N)])
    assert sorted(rc for rc, _, _ in results) == [0] + [2] * (N - 1), results
    for rc, _, err in results:
        if rc:
            assert "same" in err and ("already" in err or "duplicate" in err), err
    c = load_corpus(corpus_copy)
    assert [s.id for s in c.sources].count("same") == 1 and orphan_files(c) == []


# --- the lock: timeout, holder named, stale locks ----------------------------------------------------

HOLD = textwrap.dedent("""
    import sys, time
    from crosscheck.storage.lock import locked
    with locked(sys.argv[1]):
        print("held", flush=True)
        time.sleep(60)
""")


def _holder(path: Path) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_writer_that_cannot_get_the_lock_says_who_holds_it_and_changes_nothing(corpus_copy):
    f = findings(corpus_copy)[0]
    path = corpus_copy / "reviews.toml"
    holder = _holder(path)
    try:
        t = time.monotonic()
        (rc, out, err), = run_many([("review", corpus_copy, "--accept", f["id"], "--wait", "0.5")])
        assert time.monotonic() - t < 20
        assert rc == 2 and len(err.strip().splitlines()) == 1, err
        assert str(path) in err and f"pid {holder.pid}" in err and "--wait" in err
        assert not path.exists()
        (rc, _, err), = run_many([("add", corpus_copy / "press-001.txt", "--corpus", corpus_copy)],
                                 env={"CROSSCHECK_LOCK_TIMEOUT": "0.3"})
        assert rc == 2
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_does_not_block(corpus_copy):
    f = findings(corpus_copy)[0]
    holder = _holder(corpus_copy / "reviews.toml")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    (rc, out, err), = run_many([("review", corpus_copy, "--accept", f["id"], "--wait", "5")])
    assert rc == 0, err
    assert f["id"] in load_reviews(corpus_copy / "reviews.toml").decisions


# --- a file changed since it was read: merge, or stop ---------------------------------------------

def test_a_decision_written_meanwhile_is_merged_not_overwritten(corpus_copy):
    """The walk holds decisions for minutes; someone records another meanwhile: both are kept."""
    from crosscheck.review.decisions import commit_reviews, record_decision, snapshot

    fs = findings(corpus_copy)
    path = corpus_copy / "reviews.toml"
    mine = load_reviews(path)
    base = snapshot(mine)
    record_decision(mine, fs[0], "accepted", reviewer="Ana")
    (rc, _, err), = run_many([("review", corpus_copy, "--confirm", fs[1]["id"], "--reviewer", "Bo")])
    assert rc == 0, err
    result = commit_reviews(mine, base)
    assert result.conflicts == [] and result.theirs == [fs[1]["id"]]
    decisions = load_reviews(path).decisions
    assert decisions[fs[0]["id"]].reviewer == "Ana" and decisions[fs[1]["id"]].reviewer == "Bo"


def test_the_same_finding_decided_meanwhile_is_a_conflict_kept_and_reported(corpus_copy):
    from crosscheck.review.decisions import commit_reviews, record_decision, snapshot

    f = findings(corpus_copy)[0]
    path = corpus_copy / "reviews.toml"
    mine = load_reviews(path)
    base = snapshot(mine)
    record_decision(mine, f, "accepted", reviewer="Ana")
    (rc, _, _), = run_many([("review", corpus_copy, "--confirm", f["id"], "--reviewer", "Bo", "--note", "wrong")])
    assert rc == 0
    result = commit_reviews(mine, base)
    assert [c.id for c in result.conflicts] == [f["id"]] and not result.written
    assert "meanwhile someone recorded confirmed" in result.conflicts[0].describe()
    assert load_reviews(path).decisions[f["id"]].reviewer == "Bo"  # theirs kept
    assert mine.decisions[f["id"]].reviewer == "Bo"  # after the write, the object is the file as merged
    mine = load_reviews(path)
    mine.decisions.pop(f["id"])
    base = snapshot(mine)  # as if read before Bo's decision, then --force
    record_decision(mine, f, "accepted", reviewer="Ana")
    result = commit_reviews(mine, base, force=True)
    d = load_reviews(path).decisions[f["id"]]
    assert d.reviewer == "Ana" and d.history[0]["reviewer"] == "Bo" and d.history[0]["note"] == "wrong"


def test_a_hand_edit_of_the_manifest_meanwhile_is_kept_by_add(corpus_copy, tmp_path):
    """add reads the manifest inside the lock: an edit made before it runs is never overwritten."""
    manifest = corpus_copy / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('title = "', 'title = "EDITED ', 1),
                        encoding="utf-8")
    p = tmp_path / "new.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (rc, _, err), = run_many([("add", p, "--corpus", corpus_copy)])
    assert rc == 0, err
    text = manifest.read_text(encoding="utf-8")
    assert 'title = "EDITED ' in text and 'id = "new"' in text


def test_the_walk_merges_at_write_time_and_reports_a_decision_made_meanwhile(corpus_copy, cli, monkeypatch):
    """The interactive walk holds decisions for minutes: while it runs, Bo decides the same finding
    (a conflict, reported, Bo's kept) and another one (merged in, kept)."""
    import crosscheck.review.audit as audit
    from crosscheck.review.gate import most_severe_first

    fs = findings(corpus_copy)
    order = most_severe_first([f for f in fs if f["severity"] != "info"])
    first, other = order[0], order[-1]
    answers = iter(["a", "q"])

    def prompt(text, **kw):
        answer = next(answers)
        if answer == "q":  # meanwhile, in another process
            for f, flag in ((first, "--confirm"), (other, "--accept")):
                (rc, _, err), = run_many([("review", corpus_copy, flag, f["id"], "--reviewer", "Bo")])
                assert rc == 0, err
        return answer

    real_walk = audit.walk
    monkeypatch.setattr(audit, "walk", lambda *a, **k: real_walk(*a, **{**k, "prompt": prompt}))
    result = cli("review", corpus_copy, "--reviewer", "Ana")
    assert result.exit_code == 2
    assert f"finding {first['id']}: meanwhile someone recorded confirmed" in result.stderr
    assert f"merged a decision made meanwhile by someone else: {other['id']}" in result.stdout
    decisions = load_reviews(corpus_copy / "reviews.toml").decisions
    assert decisions[first["id"]].reviewer == "Bo" and decisions[first["id"]].status == "confirmed"
    assert decisions[other["id"]].reviewer == "Bo"
