"""Issue 16 in Chromium: the seed report (with seeds/reviews.toml applied, as `crosscheck report`
writes it) agrees with `crosscheck check`, names decisions plainly, and works at 390x844 and 1440x900.

Refresh the committed screenshots with:

    .venv/bin/python -m pytest tests/test_browser_review.py -k screenshots --save-screenshots
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
PHONE, DESKTOP = (390, 844), (1440, 900)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seedreport")
    r = subprocess.run([sys.executable, "-m", "crosscheck.cli", "report", str(ROOT / "seeds"), "--out", str(out)],
                       capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "0", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    return out / "report.html"


@pytest.fixture(scope="module")
def check_line() -> str:
    r = subprocess.run([sys.executable, "-m", "crosscheck.cli", "check", str(ROOT / "seeds"), "--fail-on", "info"],
                       capture_output=True, text=True)
    return r.stdout


def open_page(browser, html: Path, size):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=size == PHONE,
                              is_mobile=size == PHONE)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.resolve().as_uri())
    page.wait_for_selector("html[data-ready]")
    return ctx, page, errors


def boxes_overlap(page, selector: str) -> list[tuple[str, str]]:
    """Pairs of visible elements matching ``selector`` whose boxes intersect (by more than 1 px)."""
    return page.evaluate("""(sel) => {
        const els = [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length);
        const r = els.map((e) => e.getBoundingClientRect());
        const out = [];
        for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
            const a = r[i], b = r[j];
            if (!a.width || !b.width) continue;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 1 && h > 1 && !els[i].contains(els[j]) && !els[j].contains(els[i]))
                out.push([els[i].textContent.trim().slice(0, 30), els[j].textContent.trim().slice(0, 30)]);
        }
        return out;
    }""", selector)


def test_header_and_summary_agree_with_check(browser, seed_html, check_line):
    m = re.search(r"(\d+) accepted, (\d+) confirmed, (\d+) need re-review, (\d+) unreviewed", check_line)
    accepted, confirmed, rereview, unreviewed = map(int, m.groups())
    ctx, page, errors = open_page(browser, seed_html, DESKTOP)
    try:
        count = lambda k: int(page.locator(f'#totals [data-count="{k}"]').first.text_content())  # noqa: E731
        assert count("todo") == unreviewed + rereview  # before: the header counted every finding (11 errors)
        assert (count("accepted"), count("confirmed")) == (accepted, confirmed)
        assert count("error") + count("warning") + count("info") == count("todo")
        if "OK: no unreviewed finding at or above warning" in subprocess.run(
                [sys.executable, "-m", "crosscheck.cli", "check", str(ROOT / "seeds")], capture_output=True,
                text=True).stdout:
            assert count("error") == count("warning") == 0
        # the summary's first article is one with something to decide, not one whose findings are all reviewed
        first = page.locator("#summary-rows tr").first
        assert "0 errors, 0 warnings, 0 info to review" not in first.text_content()
        todo_sum = sum(int(x) for x in re.findall(r"(\d+) info to review", page.locator("#summary-rows").text_content()))
        assert todo_sum == count("info")
        page.click("#summary-toggle")  # see all findings
        assert "to review" not in page.locator("#summary-rows tr").first.locator(".barlabel").text_content()
        assert errors == []
    finally:
        ctx.close()


def test_decisions_are_named_not_a_discrepancy_or_a_real_discrepancy(browser, seed_html):
    ctx, page, errors = open_page(browser, seed_html, DESKTOP)
    try:
        page.select_option("#f-review", "accepted")
        tags = page.locator("#finding-list .tag.rev-accepted").all_text_contents()
        assert tags and all(t == "not a discrepancy" for t in tags)  # before: "accepted variant" on an unattested quote
        page.select_option("#f-review", "confirmed")
        assert set(page.locator("#finding-list .tag.rev-confirmed").all_text_contents()) == {"confirmed discrepancy"}
        page.locator("#finding-list a.row").first.click()
        labels = page.locator(".review .choices button[data-status]").all_text_contents()
        assert labels[:2] == ["Not a discrepancy", "Real discrepancy"]
        assert "variant" not in " ".join(labels) and "error" not in " ".join(labels).lower()
    finally:
        ctx.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_summary_boxes_do_not_overlap(browser, seed_html, size):
    ctx, page, errors = open_page(browser, seed_html, size)
    try:
        assert boxes_overlap(page, "#summary th") == []  # before, at 390 px: "NamesPlacesDates..."
        assert boxes_overlap(page, "#summary td > *, #summary td .cnt, #summary td .verdicts span") == []
        assert boxes_overlap(page, "#summary td") == []
        assert boxes_overlap(page, "#totals > span") == []
        if size == PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size[0]  # nothing wider than the phone
            assert page.locator("#summary thead").is_hidden()  # a stacked list, labels beside the counts
            assert page.locator('#summary-rows td[data-label="Names"]').first.is_visible()
        assert errors == []
    finally:
        ctx.close()


def test_phone_tap_opens_the_evidence_in_view_and_back_returns_to_the_list(browser, seed_html):
    ctx, page, errors = open_page(browser, seed_html, PHONE)
    try:
        row = page.locator("#finding-list a.row").nth(2)
        fid = row.get_attribute("data-id")
        row.scroll_into_view_if_needed()
        y_list = page.evaluate("window.scrollY")
        row.tap()
        page.wait_for_selector("body.ev-open")
        ev = page.locator("#evidence").bounding_box()
        assert ev["y"] == 0 and ev["height"] <= PHONE[1] + 1  # over the page: no jump 17,000 px down
        for sel in ("#evidence-back", "#evidence-body .ev-head", "#evidence-body .sides"):
            box = page.locator(sel).bounding_box()
            assert box and 0 <= box["y"] < PHONE[1], sel  # visible without scrolling
        assert fid in page.locator("#evidence-body .ev-links").text_content()
        page.locator("#evidence-back").tap()
        assert page.locator("body.ev-open").count() == 0 and page.locator("#evidence").is_hidden()
        box = page.locator(f"#f-{fid} a.row").bounding_box()
        assert 0 <= box["y"] < PHONE[1]  # back where the list was
        assert abs(page.evaluate("window.scrollY") - y_list) < PHONE[1]
        # keyboard: Enter on a row opens the evidence, Escape closes it and focuses the row again
        page.locator(f"#f-{fid} a.row").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("body.ev-open")
        assert page.evaluate("document.activeElement.id") == "evidence-back"
        page.keyboard.press("Escape")
        assert page.locator("body.ev-open").count() == 0
        assert page.evaluate("document.activeElement.dataset.id") == fid
        assert errors == []
    finally:
        ctx.close()


def test_desktop_evidence_stays_beside_the_list(browser, seed_html):
    ctx, page, errors = open_page(browser, seed_html, DESKTOP)
    try:
        page.locator("#finding-list a.row").first.click()
        ev = page.locator("#evidence").bounding_box()
        lst = page.locator("#finding-list").bounding_box()
        assert ev["x"] >= lst["x"] + lst["width"] - 1  # a side panel, no overlay
        assert page.locator("#evidence-back").is_hidden() and page.locator("body.ev-open").count() == 0
    finally:
        ctx.close()


def test_screenshots_of_the_seed_report(browser, seed_html, request, tmp_path):
    """Phone and desktop pictures, each checked: drawn, and no overlapping summary boxes."""
    save = request.config.getoption("--save-screenshots", default=False)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        ctx, page, errors = open_page(browser, seed_html, size)
        try:
            out = (ROOT / "reports" if save else tmp_path) / f"seed-report-{name}.png"
            page.screenshot(path=str(out), full_page=False)
            assert out.stat().st_size > 20_000
            assert boxes_overlap(page, "#summary th, #totals > span") == []
            if name == "phone":  # and the evidence overlay, opened by a tap
                page.locator("#finding-list a.row").first.scroll_into_view_if_needed()
                page.locator("#finding-list a.row").first.tap()
                page.wait_for_selector("body.ev-open")
                page.screenshot(path=str(out.with_name("seed-report-phone-evidence.png")))
        finally:
            ctx.close()
