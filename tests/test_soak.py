"""Issue 18: a bounded soak. A few hundred mixed operations from several processes at once on one
corpus (decisions on the same and on different findings, with and without --force; new sources;
reading the corpus and the reviews) end with nothing lost: every decision that was saved is the
finding's decision or in its history, every source added is in the manifest, no orphan file.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import random
import subprocess
import sys
import time
from pathlib import Path

from crosscheck.errors import CrosscheckError
from crosscheck.inputs.add import add_source
from crosscheck.inputs.corpus import load_corpus, orphan_files
from crosscheck.review.reviews import load_reviews
from crosscheck.review.decisions import commit_reviews, record_decision, snapshot

WORKERS = 6
OPS_PER_WORKER = 50  # 300 operations in all
ARTICLE = "Sergueï Lavrov a déclaré à Wonsan que la Russie soutenait la Corée du Nord. Opération {}.\n"


def _worker(args):
    corpus, findings, w, seed, tmp = args
    rng = random.Random(seed)
    path = Path(corpus) / "reviews.toml"
    log = {"saved": [], "added": [], "conflicts": 0, "errors": [], "reads": 0}
    for n in range(OPS_PER_WORKER):
        op = rng.random()
        tag = f"w{w}-op{n}"
        try:
            if op < 0.6:  # a decision: the same few findings from every worker, so conflicts happen
                f = findings[rng.randrange(len(findings))]
                reviews = load_reviews(path)
                base = snapshot(reviews)
                if rng.random() < 0.3:
                    time.sleep(rng.uniform(0, 0.01))  # someone takes their time: others write meanwhile
                status = rng.choice(["accepted", "confirmed"])
                force = rng.random() < 0.5
                reviewer = rng.choice(["Ana", "Bo", "Cy"])
                try:
                    record_decision(reviews, f, status, note=tag, reviewer=reviewer, force=force)
                except CrosscheckError:
                    log["conflicts"] += 1  # "already decided by someone else: use --force"
                    continue
                result = commit_reviews(reviews, base, force=force)
                if result.conflicts:
                    log["conflicts"] += 1
                else:
                    log["saved"].append((f["id"], tag))
            elif op < 0.8:
                src = Path(tmp) / f"{tag}.txt"
                src.write_text(ARTICLE.format(tag), encoding="utf-8")
                log["added"].append(add_source(corpus, src, "press"))
            else:
                load_reviews(path)
                load_corpus(corpus)
                log["reads"] += 1
        except CrosscheckError as e:
            log["errors"].append(str(e))
    return log


def test_soak_mixed_concurrent_operations_lose_nothing(corpus_copy, tmp_path):
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "crosscheck.cli", "check", corpus_copy, "--format", "json",
                          "--fail-on", "error"], capture_output=True, text=True).stdout
    findings = json.loads(out)["findings"][:6]
    jobs = [(str(corpus_copy), findings, w, 1000 + w, str(tmp_path)) for w in range(WORKERS)]
    with mp.get_context("spawn").Pool(WORKERS) as pool:  # real processes
        logs = pool.map(_worker, jobs)
    decisions = load_reviews(corpus_copy / "reviews.toml").decisions
    kept = {(i, d.note) for i, d in decisions.items()} | {(i, h.get("note")) for i, d in decisions.items()
                                                         for h in d.history}
    saved = [s for log in logs for s in log["saved"]]
    lost_decisions = [s for s in saved if s not in kept]
    c = load_corpus(corpus_copy)
    added = [a for log in logs for a in log["added"]]
    lost_sources = sorted(set(added) - {s.id for s in c.sources})
    ops = WORKERS * OPS_PER_WORKER
    conflicts = sum(log["conflicts"] for log in logs)
    errors = [e for log in logs for e in log["errors"]]
    print(f"soak: {ops} operations ({len(saved)} decisions saved, {len(added)} sources added, "
          f"{sum(log['reads'] for log in logs)} reads), {conflicts} conflicts reported, "
          f"{len(lost_decisions) + len(lost_sources)} lost, {time.monotonic() - start:.1f} s")
    assert errors == []
    assert lost_decisions == [] and lost_sources == []
    assert orphan_files(c) == []
    assert len(saved) > 50 and len(added) > 20 and conflicts > 0  # the soak exercised what it claims
    assert time.monotonic() - start < 60
