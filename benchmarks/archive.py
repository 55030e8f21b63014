"""Archive benchmark (issue 17): 1,000 articles against archives of 20, 500 and 2,000 transcripts.

For each archive size, through the real command line (``crosscheck check CORPUS``, Python start-up
included, peak RSS = sampled sum over the process and its workers):

- cold: no cache at all (builds the record index, checks every article);
- warm: nothing changed;
- +1 article: one new article appended to the manifest;
- +1 transcript: one new transcript appended (dated after the others);
- new articles: the record index kept, every article result dropped (1,000 new articles);
- index build alone (``recordindex.load_context`` in a forked child, with its peak RSS);
- report.html: ``crosscheck report`` and the size of the page;
- naive (rapidfuzz partial_ratio of every quotation against every whole transcript) on a sample.

Then the Dask engine against the local pool (``--engine dask``, LocalCluster of 2 workers) on
--dask-articles articles with the index built and no article results, and, for archives too big
to check here (--memory-only), the index build alone with its memory.

    .venv/bin/python benchmarks/archive.py --refs 20,500,2000 --json benchmarks/archive-results.json
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
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

import scale  # noqa: E402
import synth  # noqa: E402

EXE = str(Path(sys.executable).with_name("crosscheck"))


def corpus(workdir: Path, n_articles: int, n_refs: int, pools) -> Path:
    folder = workdir / f"a{n_articles}x{n_refs}"
    if not (folder / "sources.toml").exists():
        refs, arts, _ = synth.build(n_articles, n_refs=n_refs, seed=7, pools=pools)
        synth.write_corpus(folder, refs, arts)
    return folder


def cli(args: list[str]) -> dict:
    """Run ``crosscheck ARGS``; wall time and peak RSS (MB) of the process tree."""
    t = time.perf_counter()
    proc = subprocess.Popen([EXE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            pids = [proc.pid] + scale._descendants(proc.pid)
            peak = max(peak, sum(scale._rss_kb(p) for p in pids))
            stop.wait(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    stop.set()
    th.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"crosscheck {' '.join(args)} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return {"wall": round(wall, 2), "rss_mb": round(peak / 1024)}


def check(folder: Path, *extra: str) -> dict:
    results = next((d for d in (folder / ".crosscheck-cache").glob("*") if d.is_dir() and len(d.name) == 32), None) \
        if (folder / ".crosscheck-cache").exists() else None
    before = {p.name: p.stat().st_mtime_ns for p in results.iterdir()} if results else {}
    r = cli(["check", str(folder), "--format", "json", "--output", str(folder / "report.json"), "--fail-on", "error",
             *extra])
    results = next((d for d in (folder / ".crosscheck-cache").glob("*") if d.is_dir() and len(d.name) == 32), None)
    after = {p.name: p.stat().st_mtime_ns for p in results.iterdir()} if results else {}
    r["checked"] = sum(1 for k, v in after.items() if before.get(k) != v)  # results written this run
    return r


def add_article(folder: Path, pools, n_articles: int, n_refs: int) -> None:
    """The next article the generator gives for this corpus (same transcripts, one more article)."""
    _, arts, _ = synth.build(n_articles + 1, n_refs=n_refs, seed=7, pools=pools)
    new = arts[-1]
    (folder / f"{new.id}.txt").write_text(new.text, encoding="utf-8")
    with open(folder / "sources.toml", "a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(synth.manifest_entry(new)) + "\n")


def add_transcript(folder: Path, pools, n: int) -> None:
    rng = random.Random(4321 + n)
    doc, _ = synth.build_reference(rng, pools, f"ref-new-{n:03d}", dt.date(2031, 1, 1) + dt.timedelta(days=n),
                                   "Genève")
    (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    with open(folder / "sources.toml", "a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(synth.manifest_entry(doc)) + "\n")


def _build_index(folder: str) -> dict:
    from crosscheck import load_corpus
    from crosscheck.storage import recordindex
    from crosscheck.storage.cache import tool_key

    c = load_corpus(folder)
    t = time.perf_counter()
    root = Path(folder) / ".crosscheck-cache"
    shutil.rmtree(root / "record", ignore_errors=True)
    stats: dict = {}
    index, _, _, _ = recordindex.load_context(c, root, tool_key(), stats)
    build = time.perf_counter() - t
    t = time.perf_counter()
    recordindex.load_context(c, root, tool_key(), {})
    opened = time.perf_counter() - t
    disk = {p.name: p.stat().st_size for p in (root / "record").iterdir()}
    tokens = len(index.keys)
    arrays = sum(v for k, v in disk.items() if k.endswith(".npy"))
    return {"build": round(build, 2), "open_with_record": round(opened, 3), "tokens": tokens,
            "text_mb": round(sum(len(s.text.encode()) for s in c.references) / 1e6, 1),
            "arrays_mb": round(arrays / 1e6, 1), "arrays_bytes_per_token": round(arrays / max(tokens, 1), 1),
            "record_bin_mb": round(disk.get("record.bin", 0) / 1e6, 1), "stages": stats}


def _open_arrays_only(folder: str) -> dict:
    """Opening the arrays alone (what a worker maps), timed."""
    from crosscheck.storage.recordindex import RecordStore

    t = time.perf_counter()
    st = RecordStore(Path(folder) / ".crosscheck-cache" / "record")
    man = json.loads((st.folder / "manifest.json").read_text())
    st.open([tuple(d) for d in man["docs"]], man["tool"], man["aliases"])
    return {"open_arrays_ms": round((time.perf_counter() - t) * 1000, 1)}


def html(folder: Path) -> dict:
    out = folder / "html"
    r = cli(["report", str(folder), "--out", str(out)])
    page = out / "report.html"
    r["html_mb"] = round(page.stat().st_size / 1e6, 2) if page.exists() else None
    return r


def naive(folder: Path, sample: int, jobs: int) -> dict:
    from crosscheck import load_corpus

    ids = [s.id for s in load_corpus(folder).press]
    rng = random.Random(3)
    pick = rng.sample(ids, min(sample, len(ids)))
    truth: list = []
    res, _ = scale.measured(scale.run_naive, str(folder), jobs, pick, truth)
    per = res["wall"] / max(res["articles"], 1)
    return {"sample": len(pick), "wall_sample": round(res["wall"], 1), "per_article_s": round(per, 3),
            "est_1000": round(per * 1000)}


def quote_recall(folder: Path, n_articles: int, n_refs: int, pools) -> dict:
    """Recall of the planted quotations in the report.json just written (scale.recall)."""
    _, _, truth = synth.build(n_articles, n_refs=n_refs, seed=7, pools=pools)
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    found: dict[str, list] = {s["id"]: [] for s in data["sources"] if s["role"] == "press"}
    for f in data["findings"]:
        if f["kind"] == "quote":
            rs = f.get("reference_span") or {}
            found[f["source"]].append((f["span"]["start"], f["span"]["end"], f["verdict"], f.get("reference"),
                                       rs.get("start", -1), rs.get("end", -1)))
    refs = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("ref-*.txt")}
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scale.recall(truth, found, refs).items()}


def one_size(workdir: Path, n_refs: int, n_articles: int, pools, args) -> dict:
    folder = corpus(workdir, n_articles, n_refs, pools)
    shutil.rmtree(folder / ".crosscheck-cache", ignore_errors=True)
    row: dict = {"refs": n_refs, "articles": n_articles}
    row["cold"] = check(folder)
    row["recall"] = quote_recall(folder, n_articles, n_refs, pools)
    row["warm"] = check(folder)
    add_article(folder, pools, n_articles, n_refs)
    row["plus_article"] = check(folder)
    add_transcript(folder, pools, 1)
    row["plus_transcript"] = check(folder)
    # new articles with the index built: every article result dropped, the record index kept
    root = folder / ".crosscheck-cache"
    for d in root.iterdir():
        if d.is_dir() and len(d.name) == 32:
            shutil.rmtree(d)
    (root / "record-articles.bin").unlink(missing_ok=True)
    row["new_articles"] = check(folder)
    row["html"] = html(folder)
    res, rss = scale.measured(_build_index, str(folder))
    row["index"] = {**res, "rss_mb": round(rss)}
    row["index"].update(_open_arrays_only(str(folder)))
    if args.naive_sample:
        row["naive"] = naive(folder, args.naive_sample if n_refs < 1000 else max(4, args.naive_sample // 2), 2)
    # leave the corpus as it was generated
    shutil.rmtree(folder)
    corpus(workdir, n_articles, n_refs, pools)
    return row


def dask_vs_pool(workdir: Path, n_articles: int, n_refs: int, pools) -> dict:
    folder = corpus(workdir, n_articles, n_refs, pools)
    root = folder / ".crosscheck-cache"
    out = {"articles": n_articles, "refs": n_refs}
    for engine in ("local", "dask"):
        shutil.rmtree(root, ignore_errors=True)
        cli(["check", str(folder), "--format", "json", "--output", str(folder / f"r-{engine}.json"),
             "--fail-on", "error", "--jobs", "2"])  # builds the index (and fills the cache, dropped below)
        for d in root.iterdir():
            if d.is_dir() and len(d.name) == 32:
                shutil.rmtree(d)
        (root / "record-articles.bin").unlink(missing_ok=True)
        out[engine] = cli(["check", str(folder), "--format", "json", "--output", str(folder / f"r-{engine}.json"),
                           "--fail-on", "error", "--jobs", "2", "--engine", engine])
    out["identical"] = (folder / "r-local.json").read_bytes() == (folder / "r-dask.json").read_bytes()
    out["ratio"] = round(out["dask"]["wall"] / out["local"]["wall"], 2)
    return out


def memory_only(workdir: Path, n_refs: int, pools) -> dict:
    folder = corpus(workdir, 10, n_refs, pools)
    res, rss = scale.measured(_build_index, str(folder))
    return {"refs": n_refs, **res, "rss_mb": round(rss)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--refs", default="20,500,2000")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--naive-sample", type=int, default=10, help="articles timed for the naive approach (0: skip)")
    ap.add_argument("--dask-articles", type=int, default=5000, help="0 skips the Dask comparison")
    ap.add_argument("--dask-refs", type=int, default=20)
    ap.add_argument("--memory-only", default="", help="archive sizes measured for the index build only")
    ap.add_argument("--workdir", default=str(HERE / ".corpora"))
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    pools = synth.SeedPools()
    out = {"load_at_start": os.getloadavg(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "sizes": []}

    def save():
        if args.json:
            Path(args.json).write_text(json.dumps(out, indent=1) + "\n")

    for n in [int(x) for x in args.refs.split(",") if x]:
        out["sizes"].append(one_size(workdir, n, args.articles, pools, args))
        print(json.dumps(out["sizes"][-1]), flush=True)
        save()
    if args.dask_articles:
        out["dask"] = dask_vs_pool(workdir, args.dask_articles, args.dask_refs, pools)
        print(json.dumps(out["dask"]), flush=True)
        save()
    out["memory_only"] = []
    for n in [int(x) for x in args.memory_only.split(",") if x]:
        out["memory_only"].append(memory_only(workdir, n, pools))
        print(json.dumps(out["memory_only"][-1]), flush=True)
        save()
    out["load_at_end"] = os.getloadavg()
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
