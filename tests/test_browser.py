"""report.html in a real browser: Debian's Chromium driven by Playwright, pages opened from file://.

Skipped only when /usr/bin/chromium is absent. Refresh the screenshot shown in README with:

    .venv/bin/python tests/test_browser.py reports/seed-report.png
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_html import HOSTILE, write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def write_html(report, path: Path) -> Path:
    from crosscheck.outputs.htmlreport import render_html

    path.write_text(render_html(report), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_page_file(seed_report, tmp_path_factory) -> Path:
    return write_html(seed_report, tmp_path_factory.mktemp("html") / "report.html")


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


class Page:
    """A page with its console messages, page errors, requests and dialogs recorded."""

    def __init__(self, browser, html: Path, fragment: str = "", viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.console, self.errors, self.requests, self.dialogs = [], [], [], []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.uri = html.resolve().as_uri()
        self.page.goto(self.uri + fragment)
        self.page.wait_for_selector("html[data-ready]")

    def rows(self) -> list[str]:
        return self.page.eval_on_selector_all("#finding-list a.row", "els => els.map(e => e.dataset.id)")

    def close(self):
        self.context.close()


@pytest.fixture
def seed_page(browser, seed_page_file):
    p = Page(browser, seed_page_file)
    yield p
    p.close()


def test_loads_offline_without_console_errors_or_requests(seed_page, seed_report):
    p = seed_page
    p.page.wait_for_timeout(200)
    assert p.errors == []
    assert [m for m in p.console if m[0] in ("error", "warning")] == []
    assert p.requests == [p.uri], "the only request is the file itself"
    assert len(p.rows()) == min(100, len(seed_report.findings))
    # the summary has one row per press article and draws a bar for those with findings
    assert p.page.locator("#summary-rows tr").count() == len(seed_report.corpus.press)


def test_filters_and_search_change_the_visible_rows(seed_page, seed_report):
    p = seed_page
    everything = p.rows()
    p.page.select_option("#f-severity", "error")
    errors = p.rows()
    expected = [f.id for f in seed_report.findings if f.severity == "error"]
    assert sorted(errors) == sorted(expected) and 0 < len(errors) < len(everything)

    p.page.select_option("#f-severity", "")
    p.page.select_option("#f-kind", "name")
    names = p.rows()
    assert sorted(names) == sorted(f.id for f in seed_report.findings if f.kind == "name")

    p.page.click("#f-clear")
    source = seed_report.corpus.press[1].id
    p.page.select_option("#f-source", source)
    assert sorted(p.rows()) == sorted(f.id for f in seed_report.findings if f.source == source)

    p.page.click("#f-clear")
    # search folds case and accents: "choe" finds "Choe Son Hui", "CHOÉ" as well
    target = next(f for f in seed_report.findings if f.kind == "name")
    word = target.span.text.split()[0]
    p.page.fill("#f-search", word.upper())
    p.page.press("#f-search", "Enter")  # typing also filters, after a short pause
    found = p.rows()
    assert target.id in found
    for f in seed_report.findings:
        src = seed_report.corpus.get(f.source)
        where = json.dumps([f.to_dict(), src.title, src.outlet], ensure_ascii=False)
        assert (fold(word) in fold(where)) == (f.id in found), f.id
    p.page.fill("#f-search", "zzzz-nothing-like-this")
    p.page.wait_for_selector("#finding-list li.empty")  # by the pause, without Enter
    assert p.rows() == []
    assert "0 of" in p.page.inner_text("#finding-count")


def test_clicking_a_highlight_in_an_article_opens_its_evidence(seed_page, seed_report):
    p = seed_page
    f = next(f for f in seed_report.findings if f.kind == "quote" and f.reference_span is not None
             and f.verdict != "unattested")
    p.page.click(f'#summary-rows a[href="#a-{f.source}"]')
    p.page.wait_for_selector("#article-view .atext mark")
    # the article is there in full, as text
    text = p.page.inner_text("#article-view .atext")
    assert text.split() == seed_report.corpus.get(f.source).text.split()
    p.page.click(f'#article-view mark[data-id="{f.id}"]')
    ev = p.page.locator("#evidence-body")
    assert p.page.evaluate("location.hash") == f"#f-{f.id}"
    assert f.message in ev.inner_text()
    article_side = ev.locator(".side").nth(0).locator("mark.d-span").inner_text()
    record_side = ev.locator(".side").nth(1).locator("mark.d-span").inner_text()
    assert article_side.split() == f.span.text.split()
    assert record_side.split() == f.reference_span.text.split()
    assert p.page.locator(f'#article-view mark.current[data-id="{f.id}"]').count() >= 1


def test_an_anchor_opens_that_finding(browser, seed_page_file, seed_report):
    f = seed_report.findings[-1]
    p = Page(browser, seed_page_file, fragment=f"#f-{f.id}")
    try:
        assert p.page.locator(f"#finding-list li#f-{f.id}.current").count() == 1
        assert f.message in p.page.inner_text("#evidence-body")
        assert p.page.locator(f"#f-{f.id}").is_visible()
        # a hash change on the open page works the same way
        other = seed_report.findings[0]
        p.page.evaluate(f"location.hash = '#f-{other.id}'")
        p.page.wait_for_selector(f"#finding-list li#f-{other.id}.current")
        assert other.message in p.page.inner_text("#evidence-body")
    finally:
        p.close()


def test_keyboard_navigation(seed_page, seed_report):
    p = seed_page
    rows = p.rows()  # the page's order: most severe first
    p.page.keyboard.press("j")
    assert p.page.evaluate("location.hash") == f"#f-{rows[0]}"
    p.page.keyboard.press("j")
    assert p.page.evaluate("location.hash") == f"#f-{rows[1]}"
    p.page.keyboard.press("k")
    assert p.page.evaluate("location.hash") == f"#f-{rows[0]}"
    p.page.keyboard.press("/")
    assert p.page.evaluate("document.activeElement.id") == "f-search"
    p.page.keyboard.press("Escape")
    p.page.keyboard.press("?")
    assert p.page.locator("#help").is_visible()
    p.page.keyboard.press("Escape")
    assert not p.page.locator("#help").is_visible()


def test_review_is_kept_in_the_browser_and_exported_as_decisions(browser, seed_page_file, seed_report):
    p = Page(browser, seed_page_file)
    try:
        f = next(f for f in seed_report.findings if f.severity == "error")
        p.page.fill("#reviewer", "Ada")
        p.page.dispatch_event("#reviewer", "change")
        p.page.evaluate(f"location.hash = '#f-{f.id}'")
        p.page.wait_for_selector("#review-note")
        p.page.fill("#review-note", "the article puts it in Kim's mouth")
        p.page.click('#evidence .review button[data-status="confirmed"]')
        assert "1 decision" in p.page.inner_text("#decision-count")
        p.page.reload()
        p.page.wait_for_selector("html[data-ready]")
        assert "1 decision" in p.page.inner_text("#decision-count"), "localStorage keeps decisions"
        p.page.select_option("#f-review", "confirmed")
        assert f.id in p.rows()
        with p.page.expect_download() as dl:
            p.page.click("#export")
        doc = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
        assert doc["format"] == "crosscheck-decisions" and doc["version"] == 1
        (d,) = doc["decisions"]
        assert d["id"] == f.id and d["status"] == "confirmed" and d["reviewer"] == "Ada"
        assert d["note"] == "the article puts it in Kim's mouth"
        assert (d["kind"], d["source"], d["text"]) == (f.kind, f.source, f.span.text)
        assert len(d["date"]) == 10 and d["date"][4] == "-"
        assert p.requests == [p.uri, p.uri], "reload is the only other request; export makes none"
    finally:
        p.close()


def test_exported_decisions_import_into_the_reviews_file_and_show_in_the_next_report(
        browser, corpus_copy, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("report", corpus_copy, "--out", out).exit_code == 0
    p = Page(browser, out / "report.html")
    try:
        first = p.rows()[0]
        p.page.keyboard.press("j")
        p.page.keyboard.press("a")  # accept the open finding from the keyboard
        with p.page.expect_download() as dl:
            p.page.click("#export")
        decisions = tmp_path / "decisions.json"
        dl.value.save_as(decisions)
    finally:
        p.close()
    result = cli("review", corpus_copy, "--import", decisions)
    assert result.exit_code == 0, result.output
    assert first in (corpus_copy / "reviews.toml").read_text(encoding="utf-8")
    assert cli("report", corpus_copy, "--out", out).exit_code == 0
    p = Page(browser, out / "report.html")  # a fresh browser context: nothing in localStorage
    try:
        p.page.select_option("#f-review", "accepted")
        assert p.rows() == [first]
        assert "accepted variant" in p.page.inner_text(f"#f-{first}")
        p.page.select_option("#f-review", "unreviewed")
        assert first not in p.rows() and p.rows()
    finally:
        p.close()


def test_long_lists_are_drawn_a_page_at_a_time_and_anchors_reach_any_row(browser, tmp_path):
    import shutil
    import tomllib

    from crosscheck import check_corpus, load_corpus

    manifest = tomllib.loads((SEEDS / "sources.toml").read_text(encoding="utf-8"))
    root = tmp_path / "many"
    root.mkdir()
    lines = []
    for s in manifest["source"]:
        copies = 1 if s["role"] == "reference" else 6
        for i in range(copies):
            sid = s["id"] if copies == 1 else f"{s['id']}-{i}"
            shutil.copyfile(SEEDS / s["path"], root / f"{sid}.txt")
            lines += ["[[source]]", f'id = "{sid}"', f'path = "{sid}.txt"', f'role = "{s["role"]}"']
            lines += [f"published = {s['published']}"] if "published" in s else []
            lines += [f"outlet = {json.dumps(s['outlet'])}"] if "outlet" in s else []
            lines.append("")
    (root / "sources.toml").write_text("\n".join(lines), encoding="utf-8")
    report = check_corpus(load_corpus(root))
    assert len(report.findings) > 100
    html = write_html(report, tmp_path / "report.html")
    last = report.findings[-1]
    p = Page(browser, html)
    try:
        assert len(p.rows()) == 100 and p.page.locator("#finding-more").is_visible()
        p.page.evaluate(f"location.hash = '#f-{last.id}'")
        p.page.wait_for_selector(f"#finding-list li#f-{last.id}.current")
        assert len(p.rows()) == len(report.findings)
        # variants: six copies quote the same passages word for word, collated into one line
        first_group = p.page.locator("#variant-groups .vgroup").first
        assert first_group.locator("li").count() >= 1
        assert "Quoted by 6 sources" in first_group.inner_text()
    finally:
        p.close()


def test_reviews_from_the_reviews_file_show_and_filter(browser, seed_report, tmp_path):
    import copy

    report = copy.deepcopy(seed_report)
    accepted, stale = report.findings[0], report.findings[1]
    accepted.review = {"status": "accepted", "note": "translation choice", "reviewer": "Ana",
                                "date": "2025-07-14", "previous": None}
    stale.review = {"status": "needs-rereview", "note": None, "reviewer": None, "date": None,
                             "previous": {"status": "confirmed", "note": "wrong city", "text": "Pyongyang"}}
    p = Page(browser, write_html(report, tmp_path / "report.html"))
    try:
        p.page.select_option("#f-review", "needs-rereview")
        assert p.rows() == [stale.id]
        p.page.select_option("#f-review", "accepted")
        assert p.rows() == [accepted.id]
        p.page.select_option("#f-review", "unreviewed")
        assert accepted.id not in p.rows() and stale.id not in p.rows()
        p.page.evaluate(f"location.hash = '#f-{stale.id}'")
        p.page.wait_for_selector(f"#finding-list li#f-{stale.id}.current")
        review = p.page.inner_text("#evidence .review")
        assert "needs re-review" in review and "wrong city" in review and "confirmed error" in review
    finally:
        p.close()


def test_hostile_corpus_renders_inert_and_readable(browser, tmp_path):
    from crosscheck import check_corpus, load_corpus

    root = write_corpus(tmp_path / "c", {"evil": HOSTILE},
                        urls={"evil": "javascript:alert(document.domain)"},
                        titles={"evil": "<img src=x onerror=alert(5)>Titre piégé"})
    report = check_corpus(load_corpus(root))
    html = write_html(report, tmp_path / "report.html")
    p = Page(browser, html, fragment="#a-evil")
    try:
        page = p.page
        page.wait_for_selector("#article-view .atext")
        if report.findings:  # open every finding's evidence, where article text is drawn again
            for f in report.findings:
                page.evaluate(f"location.hash = '#f-{f.id}'")
                page.wait_for_selector(f"#finding-list li#f-{f.id}.current")
        page.wait_for_timeout(200)
        assert p.dialogs == [] and p.errors == []
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 2
        assert page.locator('a[href^="javascript"], [onerror], [onclick]').count() == 0
        text = page.inner_text("#article-view .atext")
        assert "<script>window.__pwned = 1; alert('x')</script>" in text
        assert '<img src=x onerror="alert(1)">' in text
        assert "＂Les négociations reprendront au printemps＂" in text and "‹rien n'est encore décidé›" in text
        assert "<img src=x onerror=alert(5)>Titre piégé" in page.inner_text("#article-view h3")
        assert "javascript:alert(document.domain)" in page.inner_text("#article-view .ameta")
        assert p.requests == [p.uri]
    finally:
        p.close()


def test_print_stylesheet_hides_the_controls(seed_page):
    p = seed_page
    p.page.emulate_media(media="print")
    assert not p.page.locator(".topbar").is_visible()
    assert not p.page.locator("#filters").is_visible()
    assert p.page.locator("#summary").is_visible()


def test_screenshot_of_the_seed_report(browser, seed_page_file, seed_report, tmp_path):
    out = save_screenshot(browser, seed_page_file, seed_report, tmp_path / "shot.png")
    assert out.stat().st_size > 20_000  # a drawn page, not a blank one


def save_screenshot(browser, html: Path, report, out: Path) -> Path:
    """The README's picture: the findings list with one quote's side-by-side evidence open."""
    quotes = [f for f in report.findings if f.kind == "quote" and f.reference_span is not None]
    pick = next((f for v in ("variant", "paraphrase", "verbatim") for f in quotes if f.verdict == v),
                report.findings[0] if report.findings else None)
    p = Page(browser, html, fragment=f"#f-{pick.id}" if pick else "", viewport=(1440, 900))
    try:
        p.page.evaluate("window.scrollTo(0, 0)")
        p.page.screenshot(path=str(out))
    finally:
        p.close()
    return out


if __name__ == "__main__":  # refresh README's screenshot
    from playwright.sync_api import sync_playwright

    from crosscheck import check_corpus, load_corpus

    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "reports" / "seed-report.png")
    rep = check_corpus(load_corpus(SEEDS))
    tmp = target.with_name(target.stem + "-tmp.html")  # file:// pages are typed by their extension
    try:
        write_html(rep, tmp)
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            save_screenshot(b, tmp, rep, target)
            b.close()
    finally:
        tmp.unlink(missing_ok=True)
    print(f"Wrote {target}")
