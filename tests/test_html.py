"""report.html without a browser: bytes, escaping, CSP, and the data the page is drawn from."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck import check_corpus, load_corpus
from crosscheck.outputs.htmlreport import json_for_script, page_data, render_html, safe_url
from crosscheck.outputs.jsonreport import report_dict

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

RECORD = """Conférence de presse du ministre – 3 mars 2025 à Genève

Jean Dupont : Nous avons décidé de renforcer notre coopération dans le domaine de l'énergie et des transports. Les négociations reprendront au printemps prochain.

Question : Quand aurez-vous un accord ?

Jean Dupont : Nous espérons signer un accord global avant la fin de l'année, mais rien n'est encore décidé.
"""

HOSTILE = """Titre <script>window.__pwned = 1; alert('x')</script> et <img src=x onerror="alert(1)">

Le ministre Jean Dupont a déclaré : « Nous espérons signer un accord global avant la fin de l'année ».
Puis ＂Les négociations reprendront au printemps＂ et ‹rien n'est encore décidé› selon lui.
Un lien <a href="javascript:alert(2)">cliquez</a> et </script><script>alert(3)</script> et <!-- x -->.
"""


def write_corpus(root: Path, articles: dict[str, str], urls: dict[str, str] | None = None,
                 titles: dict[str, str] | None = None) -> Path:
    """A small corpus in `root`: the RECORD above and the given articles (id -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "record.txt").write_text(RECORD, encoding="utf-8")
    lines = ['[[source]]', 'id = "record"', 'path = "record.txt"', 'role = "reference"',
             'title = "Conférence de presse"', 'url = "https://example.org/record"', ""]
    for sid, text in articles.items():
        (root / f"{sid}.txt").write_text(text, encoding="utf-8")
        lines += ["[[source]]", f'id = "{sid}"', f'path = "{sid}.txt"', 'role = "press"',
                  f"title = {json.dumps((titles or {}).get(sid, sid.upper()))}",
                  'published = 2025-03-04']
        if urls and sid in urls:
            lines.append(f"url = {json.dumps(urls[sid])}")
        lines.append("")
    (root / "sources.toml").write_text("\n".join(lines), encoding="utf-8")
    return root


def embedded_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="crosscheck-data">(.*?)</script>', html, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


class Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def seed_html(seed_report) -> str:
    return render_html(seed_report)


def test_same_corpus_gives_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = render_html(check_corpus(load_corpus(SEEDS)))
    second = render_html(check_corpus(load_corpus(SEEDS)))
    assert first.encode() == second.encode()
    assert "Generated" not in first


def test_source_date_epoch_adds_a_stamp(monkeypatch, seed_report):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752364800")
    html = render_html(seed_report)
    assert "Generated 2025-07-13 00:00 UTC" in html
    assert html == render_html(seed_report)


def test_self_contained_with_csp_matching_its_own_script(seed_html):
    tags = parse(seed_html)
    names = [t for t, _ in tags.tags]
    # nothing that could load anything: no external script, style, image, frame, form or base
    assert not {"link", "img", "iframe", "object", "embed", "base", "video", "audio", "source"} & set(names)
    for tag, attrs in tags.tags:
        assert not {"src", "srcset", "action", "formaction", "poster", "background"} & set(attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith(("#", "https://", "http://")), attrs
    csp = next(a["content"] for t, a in tags.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    inline = [s for (t, a), s in zip([x for x in tags.tags if x[0] == "script"], tags.scripts)
              if a.get("type") != "application/json"]
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    style_digest = base64.b64encode(hashlib.sha256(tags.styles[0].encode()).digest()).decode()
    assert f"'sha256-{style_digest}'" in csp


def test_embedded_data_gives_back_the_exact_texts(seed_report, seed_html):
    data = embedded_data(seed_html)
    for s in seed_report.corpus.sources:
        assert data["texts"][s.id] == s.text
    ids = {f["id"] for f in data["findings"]}
    assert ids == {f.id for f in seed_report.findings}
    sev = [f["severity"] for f in data["findings"]]
    rank = {"error": 0, "warning": 1, "info": 2}
    assert sev == sorted(sev, key=rank.get), "findings are listed most severe first"


def test_hostile_article_and_manifest_stay_text(tmp_path):
    root = write_corpus(tmp_path / "c", {"evil": HOSTILE},
                        urls={"evil": "javascript:alert(document.domain)"},
                        titles={"evil": "</title><script>alert(4)</script>"})
    report = check_corpus(load_corpus(root))
    html = render_html(report)
    tags = parse(html)
    assert [t for t, _ in tags.tags].count("script") == 2  # the data block and the page's own script
    assert not any(t == "img" for t, _ in tags.tags)
    assert "javascript:" not in "".join(a.get("href", "") for _, a in tags.tags)
    block = re.search(r'id="crosscheck-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "alert(" not in html.replace(block, ""), "corpus text appears only inside the data block"
    data = embedded_data(html)
    assert data["texts"]["evil"] == report.corpus.get("evil").text
    evil = next(s for s in data["sources"] if s["id"] == "evil")
    assert "url" not in evil and evil["raw_url"] == "javascript:alert(document.domain)"
    assert evil["title"] == "</title><script>alert(4)</script>"


@pytest.mark.parametrize("url,ok", [
    ("https://mid.ru/en/foreign_policy/news/2035711/", True),
    ("http://example.org/a?b=c&d=e", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//evil.example/x", False),
    ("https://", False),
    ("vbscript:msgbox(1)", False),
    (None, False),
])
def test_only_http_urls_become_links(url, ok):
    assert safe_url(url) == (url if ok else None)


def test_json_for_script_cannot_close_the_block():
    text = json_for_script({"a": "</script><!-- <script>", "b": "x\u2028y & z"})
    assert "</" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- <script>", "b": "x\u2028y & z"}


def _quote_changes(tmp_path, article: str) -> tuple[dict, str, list]:
    root = write_corpus(tmp_path / "c", {"a": article})
    report = check_corpus(load_corpus(root))
    data = report_dict(report)
    row = next(r for r in page_data(report, data)["findings"] if r["kind"] == "quote")
    diff = next(f["diff"] for f in data["findings"] if f["id"] == row["id"])
    text = (root / "a.txt").read_text(encoding="utf-8")
    return {(k, text[a0:a1], RECORD[r0:r1]) for k, a0, a1, r0, r1 in row["ref"]["changes"]}, text, diff


def test_page_marks_the_findings_word_diff_in_place(tmp_path):
    seen, _, diff = _quote_changes(tmp_path, "Jean Dupont a dit : « Nous espérons conclure un accord avant "
                                             "la fin de cette année ».\n")
    assert ("rep", "conclure", "signer") in seen
    assert ("del", "", "global") in seen
    assert ("rep", "cette", "l") in seen  # the elided article is a word of its own
    # the page marks the diff report.json carries (one diff): every changed run is one of its runs
    assert {t for op, t in diff if op == 1} == {"conclure", "cette"}
    assert {t for op, t in diff if op == -1} == {"signer", "global", "l"}


def test_page_diff_ignores_case_accents_and_apostrophe_styles(tmp_path):
    seen, _, diff = _quote_changes(tmp_path, "Jean Dupont a dit : « Nous espérons signer un accord global avant "
                                             "la fin de l’Annee ».\n")
    assert seen == set() and all(op == 0 for op, _ in diff)


def test_quote_variants_collate_outlets_quoting_one_passage(tmp_path):
    root = write_corpus(tmp_path / "c", {
        "a": "Jean Dupont a dit : « Nous espérons signer un accord global avant la fin de l'année ».\n",
        "b": "Selon Jean Dupont, « nous espérons signer un accord avant la fin de l'année ».\n",
        "c": "Jean Dupont : « Nous espérons signer un accord global avant la fin de l'année ».\n",
        "d": "Le ministre a parlé d'énergie sans rien citer.\n",
    })
    report = check_corpus(load_corpus(root))
    view = page_data(report, report_dict(report))
    groups = view["variants"]
    assert len(groups) == 1
    g = groups[0]
    rows = view["findings"]
    versions = [sorted(rows[i]["source"] for i in v) for v in g["versions"]]
    assert sorted(versions) == [["a", "c"], ["b"]], "identical wording is collated, the variant stands alone"
    assert g["sources"] == 3
    record = report.corpus.get("record").text
    assert "accord global avant la fin" in record[g["start"]:g["end"]]
    b = rows[g["versions"][1][0]]
    deleted = [record[r0:r1] for k, _, _, r0, r1 in b["ref"]["changes"] if k == "del"]
    assert deleted == ["global"]


def test_people_keep_every_spelling_and_mark_misspellings(seed_report):
    view = page_data(seed_report, report_dict(seed_report))
    misspelt = {fm["form"] for p in view["people"] for fm in p["forms"] if fm["wrong"]}
    flagged = {f.span.text for f in seed_report.findings if f.kind == "name" and f.verdict == "misspelling"}
    assert flagged <= misspelt
    for p in view["people"]:
        for fm in p["forms"]:
            assert fm["sources"], fm
            if fm["wrong"]:
                assert fm["finding"] in {f.id for f in seed_report.findings}


def test_people_may_be_empty(tmp_path):
    root = write_corpus(tmp_path / "c", {"a": "Rien à signaler ici.\n"})
    report = check_corpus(load_corpus(root))
    report.people = []
    html = render_html(report)
    assert embedded_data(html)["people"] == []


def test_report_command_writes_the_page(cli, tmp_path):
    result = cli("report", SEEDS, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="crosscheck-data"' in html
