"""Scale benchmark: crosscheck against the naive approach on synthetic corpora of growing size.

For each size it builds a corpus from the seed texts (benchmarks/synth.py: 20 reference transcripts,
articles with planted verbatim quotes, variants and fabrications whose answers are known), then, in
this one process run:

- crosscheck: load the corpus, ``check_corpus`` (quotes, claims, fact checks) and write report.json;
- naive: load the corpus, extract the same quotations, and score every quotation against every whole
  reference text with ``rapidfuzz.fuzz.partial_ratio_alignment``; a quotation is verbatim at score
  100, a variant at >= NAIVE_VARIANT, unattested below.

Each approach runs in a forked child so that its peak memory is its own: the parent samples the
resident set (RSS) of the child and of its worker processes every 20 ms and reports the peak sum.
Both approaches use the same number of worker processes (--jobs), so the speed ratio compares
like with like. Above --naive-full-max articles the naive approach is timed on a random sample
of --naive-sample articles and its time extrapolated (marked "est." in the table).

Then, at the incremental size, it times the real command line: ``crosscheck check`` on the corpus
(cold: fills .crosscheck-cache/), after adding one article, and again with nothing changed.

    .venv/bin/python benchmarks/scale.py --sizes 100,1000,5000
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402

from crosscheck import load_corpus  # noqa: E402
from crosscheck.storage.atomic import atomic_write  # noqa: E402
from crosscheck.checks.extract import extract_quotes  # noqa: E402
from crosscheck.outputs.jsonreport import to_json  # noqa: E402
from crosscheck.text.normalize import normalize_text  # noqa: E402
from crosscheck.collector import collector_paused  # noqa: E402
from crosscheck.pipeline import RunStats, check_corpus  # noqa: E402
from crosscheck.checks.segment import segment  # noqa: E402

NAIVE_VARIANT = 85.0  # partial_ratio at or above this (and below 100): a variant of the record


# ---- measuring a child process ---------------------------------------------------------------------

def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                kids = [int(x) for x in fh.read().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


def measured(fn, *args) -> tuple[dict, float]:
    """Run fn(*args) in a forked child; returns (its result dict, peak RSS of child + workers in MB)."""
    ctx = multiprocessing.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)

    def target():
        child_end.send(fn(*args))

    proc = ctx.Process(target=target)
    proc.start()
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            pids = [proc.pid] + _descendants(proc.pid)
            peak = max(peak, sum(_rss_kb(p) for p in pids))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = parent_end.recv()
    proc.join()
    stop.set()
    sampler.join()
    return result, peak / 1024


# ---- scoring against the planted answers -------------------------------------------------------------

def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _located(p: synth.Planted, ref: str | None, r0: int, r1: int, ref_texts: dict[str, str]) -> bool:
    """The passage found is the planted one (or the very same sentence elsewhere in the record)."""
    if ref is None:
        return False
    if ref == p.reference and _overlap(r0, r1, p.ref_start, p.ref_end) > 0:
        return True
    original = normalize_text(ref_texts[p.reference][p.ref_start:p.ref_end])
    return normalize_text(ref_texts[ref][r0:r1]) == original


def recall(truth: list[synth.Planted], found: dict[str, list[tuple]], ref_texts: dict[str, str]) -> dict:
    """found: article id -> [(start, end, verdict, reference, ref_start, ref_end)] per quotation."""
    ok = {"verbatim": 0, "variant": 0, "fabricated": 0}
    n = {"verbatim": 0, "variant": 0, "fabricated": 0}
    for p in truth:
        if p.article not in found:
            continue
        n[p.kind] += 1
        best = max(found[p.article], key=lambda q: _overlap(q[0], q[1], p.start, p.end), default=None)
        if best is None or _overlap(best[0], best[1], p.start, p.end) == 0:
            continue  # not extracted: a miss for both approaches
        _, _, verdict, ref, r0, r1 = best
        if p.kind == "fabricated":
            ok[p.kind] += verdict == "unattested"
        elif p.kind == "verbatim":
            ok[p.kind] += verdict == "verbatim" and _located(p, ref, r0, r1, ref_texts)
        else:
            ok[p.kind] += verdict in ("variant", "paraphrase") and _located(p, ref, r0, r1, ref_texts)
    total = sum(n.values())
    out = {k: (ok[k] / n[k] if n[k] else None) for k in n}
    out["all"] = sum(ok.values()) / total if total else None
    out["planted"] = total
    return out


# ---- the two approaches ------------------------------------------------------------------------------

def run_crosscheck(folder: str, jobs: int | None, truth: list[synth.Planted]) -> dict:
    t0 = time.perf_counter()
    corpus = load_corpus(folder)
    stats = RunStats()
    with collector_paused():  # as the CLI runs it
        report = check_corpus(corpus, jobs=jobs, cache=None, stats=stats)
        atomic_write(Path(folder) / "report.json", to_json(report))
    wall = time.perf_counter() - t0
    found: dict[str, list[tuple]] = {s.id: [] for s in corpus.press}
    for f in report.findings:
        if f.kind == "quote":
            rs = f.reference_span
            found[f.source].append((f.span.start, f.span.end, f.verdict, f.reference,
                                    rs.start if rs else -1, rs.end if rs else -1))
    refs = {s.id: s.text for s in corpus.references}
    return {"wall": wall, "jobs": stats.jobs, "stages": stats.seconds, "findings": len(report.findings),
            "recall": recall(truth, found, refs)}


_NAIVE_REFS: list[tuple[str, str]] = []  # (id, text) of the references: forked workers inherit them


def _naive_article(source) -> tuple[str, list[tuple]]:
    refs = _NAIVE_REFS
    from rapidfuzz import fuzz

    out = []
    for q in extract_quotes(source, segment(source).sentences):
        best, best_ref = None, None
        for ref_id, text in refs:
            a = fuzz.partial_ratio_alignment(q.span.text, text)
            if best is None or a.score > best.score:
                best, best_ref = a, ref_id
        if best is None:
            continue
        verdict = "verbatim" if best.score >= 99.999 else "variant" if best.score >= NAIVE_VARIANT else "unattested"
        out.append((q.span.start, q.span.end, verdict, best_ref, best.dest_start, best.dest_end))
    return source.id, out


def run_naive(folder: str, jobs: int, sample: list[str] | None, truth: list[synth.Planted]) -> dict:
    t0 = time.perf_counter()
    corpus = load_corpus(folder)
    refs = [(s.id, s.text) for s in corpus.references]
    press = corpus.press
    if sample is not None:
        keep = set(sample)
        press = [s for s in press if s.id in keep]
    # the references reach forked workers by inheritance, as crosscheck's context does, not
    # pickled with every task (~0.3 s of pickling at 1,000 articles, ~1% of the naive time)
    _NAIVE_REFS[:] = refs
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            found = dict(pool.imap(_naive_article, press, chunksize=4))
    else:
        found = dict(map(_naive_article, press))
    wall = time.perf_counter() - t0
    return {"wall": wall, "articles": len(press), "recall": recall(truth, found, dict(refs))}


# ---- incremental re-check through the command line -------------------------------------------------------

def _cli(folder: Path, jobs: int | None) -> float:
    exe = Path(sys.executable).with_name("crosscheck")
    cmd = [str(exe) if exe.exists() else "crosscheck", "check", str(folder)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):  # 1: the gate failed (unreviewed findings), expected here
        raise SystemExit(f"crosscheck check failed ({proc.returncode}): {proc.stderr.strip()}")
    return wall


def incremental(folder: Path, size: int, jobs: int | None, pools) -> dict:
    shutil.rmtree(folder / ".crosscheck-cache", ignore_errors=True)
    cold = _cli(folder, jobs)
    warm = _cli(folder, jobs)
    _, arts, _ = synth.build(size + 1, pools=pools)
    new = arts[-1]
    (folder / f"{new.id}.txt").write_text(new.text, encoding="utf-8")
    with open(folder / "sources.toml", "a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(synth.manifest_entry(new)))
    added = _cli(folder, jobs)
    return {"cold": cold, "unchanged": warm, "one_added": added}


# ---- main --------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000", help="article counts (default: 100,1000,5000)")
    ap.add_argument("--refs", type=int, default=20, help="reference transcripts (default: 20)")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes for both approaches (default: CPUs)")
    ap.add_argument("--naive-full-max", type=int, default=1000,
                    help="largest size at which the naive approach runs on every article (default: 1000)")
    ap.add_argument("--naive-sample", type=int, default=500, help="articles timed above that size (default: 500)")
    ap.add_argument("--incremental-size", type=int, default=1000,
                    help="size at which `crosscheck check` is timed after adding one article (0: skip)")
    ap.add_argument("--workdir", default=str(HERE / ".corpora"), help="where corpora are written")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    jobs = args.jobs or len(os.sched_getaffinity(0))
    pools = synth.SeedPools()
    rows = []
    print(f"crosscheck scale benchmark: {args.refs} references, sizes {sizes}, {jobs} worker(s) each, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    for size in sizes:
        refs, arts, truth = synth.build(size, n_refs=args.refs, pools=pools)
        folder = Path(args.workdir) / f"size-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        synth.write_corpus(folder, refs, arts)
        cc, cc_rss = measured(run_crosscheck, str(folder), args.jobs, truth)
        sample = None
        if size > args.naive_full_max:
            sample = sorted(random.Random(size).sample([a.id for a in arts], min(args.naive_sample, size)))
        nv, nv_rss = measured(run_naive, str(folder), jobs, sample, truth)
        naive_wall = nv["wall"] * size / nv["articles"]
        row = {
            "articles": size, "references": args.refs, "planted": cc["recall"]["planted"],
            "crosscheck": {"wall": cc["wall"], "per_article_ms": 1000 * cc["wall"] / size, "peak_rss_mb": cc_rss,
                           "jobs": cc["jobs"], "stages": cc["stages"], "recall": cc["recall"]},
            "naive": {"wall": naive_wall, "estimated": sample is not None, "timed_articles": nv["articles"],
                      "per_article_ms": 1000 * naive_wall / size, "peak_rss_mb": nv_rss, "recall": nv["recall"]},
            "speedup": naive_wall / cc["wall"],
        }
        if size == args.incremental_size:
            row["incremental"] = incremental(folder, size, args.jobs, pools)
        rows.append(row)
        print(_line(row), flush=True)
    print()
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _line(r: dict) -> str:
    c, n = r["crosscheck"], r["naive"]
    s = (f"{r['articles']} articles: crosscheck {c['wall']:.1f}s ({c['per_article_ms']:.1f} ms/article, "
         f"{c['peak_rss_mb']:.0f} MB, recall {_pct(c['recall']['all'])}); naive "
         f"{'~' if n['estimated'] else ''}{n['wall']:.1f}s (recall {_pct(n['recall']['all'])}); x{r['speedup']:.1f}")
    if "incremental" in r:
        i = r["incremental"]
        s += (f"; crosscheck check: cold {i['cold']:.1f}s, unchanged {i['unchanged']:.2f}s, "
              f"one article added {i['one_added']:.2f}s")
    return s


def table(rows: list[dict]) -> str:
    head = ("| articles | crosscheck wall | ms/article | peak RSS | naive wall | naive ms/article | naive RSS "
            "| naive/crosscheck | recall crosscheck (verb./var./fab.) | recall naive (verb./var./fab.) |")
    lines = [head, "|" + "|".join("---" for _ in range(10)) + "|"]
    for r in rows:
        c, n = r["crosscheck"], r["naive"]
        cr, nr = c["recall"], n["recall"]
        est = " (est.)" if n["estimated"] else ""
        lines.append(
            f"| {r['articles']:,} | {c['wall']:.1f} s | {c['per_article_ms']:.1f} | {c['peak_rss_mb']:.0f} MB "
            f"| {n['wall']:.1f} s{est} | {n['per_article_ms']:.1f} | {n['peak_rss_mb']:.0f} MB | {r['speedup']:.1f}x "
            f"| {_pct(cr['all'])} ({_pct(cr['verbatim'])}/{_pct(cr['variant'])}/{_pct(cr['fabricated'])}) "
            f"| {_pct(nr['all'])} ({_pct(nr['verbatim'])}/{_pct(nr['variant'])}/{_pct(nr['fabricated'])}) |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
