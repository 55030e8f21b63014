"""How report.html behaves with a large corpus: render time, file size, load and filter time in Chromium.

Builds a corpus of N press articles (copies of the seed articles under new ids, with a generated
manifest) around the seed reference, runs the check, renders report.html and opens it from file://
in headless Chromium, timing what a reviewer waits for.

    .venv/bin/python benchmarks/html_scale.py              # 1,000 articles
    .venv/bin/python benchmarks/html_scale.py --articles 200 --keep /tmp/big

Numbers are wall-clock on the machine it runs on; the README quotes a run.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"]


def build_corpus(dest: Path, articles: int) -> Path:
    """A corpus folder with the seed reference and `articles` copies of the seed press articles."""
    manifest = tomllib.loads((SEEDS / "sources.toml").read_text(encoding="utf-8"))
    refs = [s for s in manifest["source"] if s["role"] == "reference"]
    press = [s for s in manifest["source"] if s["role"] == "press"]
    dest.mkdir(parents=True, exist_ok=True)
    lines = []
    for s in refs:
        shutil.copyfile(SEEDS / s["path"], dest / s["path"])
        lines += _entry(s)
    for i in range(articles):
        base = press[i % len(press)]
        sid = f"{base['id']}-copy{i:05d}"
        shutil.copyfile(SEEDS / base["path"], dest / f"{sid}.txt")
        lines += _entry({**base, "id": sid, "path": f"{sid}.txt",
                         "title": f"{base.get('title', sid)} (copy {i})"})
    aliases = manifest.get("aliases", {})
    head = ["[aliases]"] + [f"{_q(k)} = [{', '.join(_q(v) for v in vs)}]" for k, vs in aliases.items()]
    (dest / "sources.toml").write_text("\n".join(head + [""] + lines) + "\n", encoding="utf-8")
    return dest


def _q(v: str) -> str:
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(s: dict) -> list[str]:
    out = ["[[source]]"]
    for k, v in s.items():
        if isinstance(v, bool):
            out.append(f"{k} = {'true' if v else 'false'}")
        elif isinstance(v, str):
            out.append(f"{k} = {_q(v)}")
        else:  # dates
            out.append(f"{k} = {v}")
    return out + [""]


def measure_browser(html: Path, rounds: int = 3) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {}

    def add(k, v):
        out.setdefault(k, []).append(float(v))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        for _ in range(rounds):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(html.as_uri())
            page.wait_for_selector("html[data-ready]")
            add("open (navigation to ready), ms", (time.perf_counter() - start) * 1000)
            add("script start-up (parse JSON, first rows), ms", page.evaluate("document.documentElement.dataset.initMs"))
            add("page load event, ms", page.evaluate(
                "performance.getEntriesByType('navigation')[0].loadEventEnd"))
            for label, action in (
                ("filter severity=error, ms", lambda: page.select_option("#f-severity", "error")),
                ("filter kind=quote, ms", lambda: page.select_option("#f-kind", "quote")),
                ("clear filters, ms", lambda: page.click("#f-clear")),
                ("search 'Lavrov' (first search builds the index), ms",
                 lambda: page.evaluate("(() => { const q = document.getElementById('f-search');"
                                       " q.value = 'Lavrov'; q.form.requestSubmit(); })()")),
                ("search 'Pyongyang', ms",
                 lambda: page.evaluate("(() => { const q = document.getElementById('f-search');"
                                       " q.value = 'Pyongyang'; q.form.requestSubmit(); })()")),
            ):
                action()
                add(label, page.evaluate("document.documentElement.dataset.filterMs"))
            t = time.perf_counter()
            last = page.evaluate("(() => { const o = document.querySelectorAll('#f-source option');"
                                 " return o[o.length - 1].value; })()")
            page.evaluate(f"location.hash = '#a-{last}'")
            page.wait_for_selector("#article-view mark")
            add("open the last article (drawn on demand), ms", (time.perf_counter() - t) * 1000)
            page.close()
        browser.close()
    return {k: sorted(v)[len(v) // 2] for k, v in out.items()}  # median


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="build the corpus and report here and keep them")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    from crosscheck import check_corpus, load_corpus
    from crosscheck.collector import collector_paused
    from crosscheck.outputs.htmlreport import render_html
    from crosscheck.outputs.jsonreport import report_dict

    work = args.keep or Path(tempfile.mkdtemp(prefix="crosscheck-html-scale-"))
    try:
        corpus_dir = build_corpus(work / "corpus", args.articles)
        with collector_paused():  # as the CLI runs it
            t = time.perf_counter()
            report = check_corpus(load_corpus(corpus_dir))
            t_check = time.perf_counter() - t
            t = time.perf_counter()
            data = report_dict(report)
            html_text = render_html(report, data)
            t_render = time.perf_counter() - t
        html = work / "report.html"
        html.write_text(html_text, encoding="utf-8")
        print(f"{args.articles} articles, {len(report.findings)} findings")
        print(f"check_corpus: {t_check:.2f} s (the pipeline, not the report)")
        print(f"render_html: {t_render:.2f} s, {html.stat().st_size / 1e6:.1f} MB")
        if not Path(CHROMIUM).exists():
            print(f"{CHROMIUM} missing: browser timings skipped")
            return 0
        for k, v in measure_browser(html, args.rounds).items():
            print(f"{k}: {v:.0f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
