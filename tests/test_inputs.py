"""Real-world inputs (issue 15): HTML pages, PDFs and URLs in, a corpus started in one command,
metadata filled in. URLs are served by a local HTTP server on 127.0.0.1, never the internet; the
fixtures are the seed texts wrapped in a news-site page, a transcript page and a PDF."""
from __future__ import annotations

import datetime as dt
import html
import http.server
import json
import re
import threading
import time
import tomllib
from pathlib import Path

import pytest

from crosscheck import load_corpus
from crosscheck.inputs.add import init_corpus, load_source
from crosscheck.inputs.extract import extract_bytes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REF = "mid-2025-07-12-wonsan"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ACCEPTED = "accepted formats: plain text (.txt), HTML (.html, .htm) or PDF (.pdf)"


def seed(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def news_page(text: str, *, title: str, site: str, author: str, date: str, canonical: str) -> str:
    """A news site's article page: navigation, an ad, a share bar, reader comments, scripts, and the
    article's paragraphs. Straight quotes become &laquo;&nbsp;...&nbsp;&raquo; in the first quoting
    paragraph and <q> in the second, as sites write them."""
    paras = []
    styles = iter(["laquo", "q"])
    for p in (p for p in text.split("\n") if p.strip()):
        p = html.escape(p.strip(), quote=False)
        if '"' in p:
            style = next(styles, None)
            if style == "laquo":
                p = re.sub(r'"([^"]+)"', r"&laquo;&nbsp;\1&nbsp;&raquo;", p)
            elif style == "q":
                p = re.sub(r'"([^"]+)"', r"<q>\1</q>", p)
        paras.append(f"<p>{p}</p>")
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html lang="fr-FR"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{date}T09:30:00+02:00">
<link rel="canonical" href="{canonical}">
<script>window.dataLayer = [{{"page": "article", "lang": "fr", "nav": "monde"}}];</script>
<style>nav {{ display: flex; }}</style>
</head><body>
<header class="site-header"><a class="logo" href="/">{html.escape(site)}</a>
<nav class="menu"><ul><li><a href="/monde">Monde</a></li><li><a href="/politique">Politique</a></li>
<li><a href="/economie">Économie</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad ad-banner" id="ad-top">Publicité — Abonnez-vous pour 1 € le premier mois</div>
<main><article>
<div class="share"><a href="#">Partager sur "X"</a> <a href="#">Facebook</a></div>
{body}
</article>
<aside class="related"><h3>À lire aussi</h3><ul><li><a href="/a/1">"Le sommet" de Séoul</a></li></ul></aside>
<section id="comments" class="comments"><h3>Commentaires (2)</h3>
<div class="comment"><p class="author">Jean75</p><p>"Encore de la propagande", selon moi.</p></div>
<div class="comment"><p class="author">Marie</p><p>Article intéressant, merci.</p></div></section>
</main>
<footer><p>© 2025 {html.escape(site)} — Mentions légales — Contact</p></footer>
<script src="/js/app.js"></script><script>track("view", "utf-8");</script>
</body></html>"""


def transcript_page(text: str) -> str:
    paras = "\n".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in text.split("\n") if p.strip())
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Sergueï Lavrov à Wonsan - Ministère des Affaires étrangères</title>
<meta property="og:site_name" content="Ministère des Affaires étrangères">
</head><body><nav><a href="/">Accueil</a> | <a href="/news">Actualités</a></nav>
<div class="content"><h1>Sergueï Lavrov à Wonsan</h1>{paras}</div>
<footer>Ministère — tous droits réservés</footer></body></html>"""


def transcript_pdf(text: str, title: str = "Transcript") -> bytes:
    """The transcript as a PDF with a text layer (fpdf2, a Unicode TrueType font), one paragraph
    per seed line; long paragraphs wrap and some run across a page break."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.set_title(title)
    pdf.set_author("MID")
    pdf.add_page()
    for para in text.split("\n"):
        if para.strip():
            pdf.multi_cell(0, 5, para.strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100)  # a drawing, no text: what a scan without OCR looks like to pypdf
    return bytes(pdf.output())


PRESS_001 = dict(title="Kim Jong Un assure Lavrov d'un soutien inconditionnel", site="Le Quotidien du Monde",
                 author="Jeanne Martin", date="2025-07-13", canonical="https://quotidien.example/monde/kim-lavrov")
PRESS_002 = dict(title="Lavrov en Corée du Nord", site="R. I. Agences", author="Rémi Isnard", date="2025-07-13",
                 canonical="https://ri.example/2025/07/13/lavrov-coree")


# --- the local server ------------------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802
        if self.path == "/ua":  # echoes the request's user agent
            body = self.headers.get("User-Agent", "").encode()
            self.routes = {**self.routes, "/ua": (200, {"Content-Type": "text/plain"}, body, 0)}
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, headers, body, delay = route
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    pages = {
        "/monde/press-002.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                                  news_page(seed("press-002"), **PRESS_002).encode(), 0),
        "/transcript.html": (200, {"Content-Type": "text/html"}, transcript_page(seed(REF)).encode(), 0),
        "/docs/transcript.pdf": (200, {"Content-Type": "application/pdf"}, transcript_pdf(seed(REF)), 0),
        "/plain.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, seed("press-003").encode(), 0),
        "/old-link": (301, {"Location": "/monde/press-002.html"}, b"", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
        "/photo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100), 0),
        "/slow.html": (200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>", 3),
        "/big.html": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>", 0),
    }
    handler = type("H", (Handler,), {"routes": pages})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def assert_one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crosscheck: error: "), result.stderr
    assert "Traceback" not in result.output
    for n in needles:
        assert n in lines[0], (n, lines[0])


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}  # a lock file beside the manifest is no change


# --- extraction ------------------------------------------------------------------------------------

def test_news_page_keeps_the_article_and_its_quotes_and_drops_the_rest():
    page = news_page(seed("press-001"), **PRESS_001)
    ex = extract_bytes(page.encode(), "kim.html")
    assert ex.kind == "html"
    assert "« inconditionnel »" in ex.text  # &laquo;&nbsp;...&nbsp;&raquo; decoded
    assert "« certaine »" in ex.text         # <q> becomes a quotation
    for junk in ("Publicité", "Monde</a>", "Politique", "Encore de la propagande", "Commentaires", "Mentions",
                 "dataLayer", "utf-8", "&laquo;", "&nbsp;", "À lire aussi", "Partager"):
        assert junk not in ex.text, junk
    # Paragraphs kept: each seed paragraph is one block of the extracted text.
    seed_paras = [p.strip() for p in seed("press-001").split("\n") if p.strip()]
    blocks = ex.text.strip().split("\n\n")
    assert len(blocks) == len(seed_paras)
    assert blocks[-1] == " ".join(seed_paras[-1].split())
    assert ex.meta == {"title": PRESS_001["title"], "outlet": PRESS_001["site"], "author": PRESS_001["author"],
                       "url": PRESS_001["canonical"], "published": dt.date(2025, 7, 13), "language": "fr"}


def test_html_quotes_are_extracted_and_attribute_values_are_not(tmp_path, cli):
    """The new user's experience: an .html article used to be read as markup, raising false
    'unattested quote' errors on "fr", "utf-8", "nav" while its real quotations were missed."""
    ref, art = tmp_path / "ref.txt", tmp_path / "press-001.html"
    ref.write_text(seed(REF), encoding="utf-8")
    art.write_text(news_page(seed("press-001"), **PRESS_001), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("report", "--reference", ref, art, "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    quotes = [f["span"]["text"] for f in data["findings"] if f["kind"] == "quote"]
    assert not any(q in ("fr", "utf-8", "nav", "monde", "page", "X") for q in quotes), quotes
    # The page's quotations are found as in the plain text: same count per verdict.
    txt = tmp_path / "press-001.txt"
    txt.write_text(seed("press-001"), encoding="utf-8")
    assert cli("report", "--reference", ref, txt, "--out", tmp_path / "out-txt").exit_code == 0
    plain = json.loads((tmp_path / "out-txt" / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["press-001"]["quotes"] == plain["summary"]["press-001"]["quotes"] != {}


def test_pdf_text_layer_rebuilds_the_paragraphs():
    ex = extract_bytes(transcript_pdf(seed(REF)), "t.pdf")
    assert ex.kind == "pdf"
    want = [" ".join(p.split()) for p in seed(REF).split("\n") if p.strip()]
    assert ex.text.strip().split("\n\n") == want  # wrapped lines joined, page breaks mended
    assert ex.meta["title"] == "Transcript" and ex.meta["language"] == "fr"


def test_scanned_pdf_is_a_clear_error(tmp_path, cli):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    corpus = tmp_path / "c"
    init_corpus(corpus)
    before = tree(corpus)
    assert_one_line_error(cli("add", "--corpus", corpus, scan), str(scan), "no text layer (a scan?)", "OCR")
    assert tree(corpus) == before


@pytest.mark.parametrize("name, content, needles", [
    ("memo.docx", b"PK\x03\x04" + bytes(300), ["a ZIP archive (Word .docx", ACCEPTED]),
    ("memo.odt", b"PK\x03\x04" + bytes(300), ["a ZIP archive", ACCEPTED]),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(100), ["a PNG image is not supported", ACCEPTED]),
    ("fake.pdf", b"this is not a pdf", ["not a PDF (no %PDF header)"]),
    ("broken.pdf", b"%PDF-1.4\n" + bytes(range(256)), ["damaged PDF"]),
    ("empty.html", b"<html><head><title>x</title><script>var a = 'b';</script></head><body></body></html>",
     ["no article text found"]),
])
def test_unsupported_or_broken_files_are_one_line_errors(tmp_path, cli, name, content, needles):
    f = tmp_path / name
    f.write_bytes(content)
    corpus = tmp_path / "c"
    init_corpus(corpus)
    before = tree(corpus)
    assert_one_line_error(cli("add", "--corpus", corpus, f), str(f), *needles)
    assert tree(corpus) == before


# --- init and add ----------------------------------------------------------------------------------

def test_init_creates_a_commented_manifest_and_refuses_to_overwrite(tmp_path, cli):
    corpus = tmp_path / "new"
    result = cli("init", corpus)
    assert result.exit_code == 0, result.output
    text = (corpus / "sources.toml").read_text(encoding="utf-8")
    assert text.startswith("# crosscheck corpus manifest") and tomllib.loads(text) == {}
    (corpus / "sources.toml").write_text(text + "# mine\n", encoding="utf-8")
    assert_one_line_error(cli("init", corpus), str(corpus / "sources.toml"), "already exists; not overwritten")
    assert (corpus / "sources.toml").read_text(encoding="utf-8").endswith("# mine\n")


def test_init_defaults_to_the_current_folder(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    assert (tmp_path / "sources.toml").is_file()


def test_add_to_an_empty_folder_starts_the_corpus(tmp_path, cli):
    """No hand-written TOML: an empty folder (or a fresh init) accepts its first source."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (tmp_path / "ref.txt").write_text(seed(REF), encoding="utf-8")
    result = cli("add", "--corpus", corpus, "--role", "reference", tmp_path / "ref.txt")
    assert result.exit_code == 0, result.output
    assert load_corpus(corpus).get("ref").language == "fr"  # detected


def test_add_to_a_missing_folder_suggests_init(tmp_path, cli):
    (tmp_path / "a.txt").write_text(seed("press-001"), encoding="utf-8")
    assert_one_line_error(cli("add", "--corpus", tmp_path / "nope", tmp_path / "a.txt"),
                          "no such corpus folder", "crosscheck init")
    assert not (tmp_path / "nope").exists()


def test_add_a_folder_needs_recursive_and_adds_all_its_files(tmp_path, cli):
    saved = tmp_path / "saved"
    (saved / "sub").mkdir(parents=True)
    (saved / "press-001.html").write_text(news_page(seed("press-001"), **PRESS_001), encoding="utf-8")
    (saved / "sub" / "press-003.txt").write_text(seed("press-003"), encoding="utf-8")
    (saved / "notes.docx").write_bytes(b"PK\x03\x04")  # not a format we read: skipped in a folder
    corpus = tmp_path / "c"
    init_corpus(corpus)
    assert_one_line_error(cli("add", "--corpus", corpus, saved), str(saved), "is a folder: use --recursive")
    result = cli("add", "--corpus", corpus, "--recursive", saved)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"Added press-001 to {corpus}", f"Added press-003 to {corpus}"]
    entries = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert [(e["id"], e["path"], e.get("original")) for e in entries] == [
        ("press-001", "press-001.txt", "press-001.html"), ("press-003", "press-003.txt", None)]
    # The original page is kept beside its text, byte for byte.
    assert (corpus / "press-001.html").read_bytes() == (saved / "press-001.html").read_bytes()


def test_options_override_page_metadata(tmp_path, cli):
    page = tmp_path / "kim.html"
    page.write_text(news_page(seed("press-001"), **PRESS_001), encoding="utf-8")
    corpus = tmp_path / "c"
    init_corpus(corpus)
    result = cli("add", "--corpus", corpus, page, "--title", "Mon titre", "--outlet", "AFP", "--published",
                 "2025-07-14", "--place", "Wonsan", "--translation", "--language", "de")
    assert result.exit_code == 0, result.output
    [e] = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert e == {"id": "kim", "path": "kim.txt", "role": "press", "title": "Mon titre", "outlet": "AFP",
                 "author": PRESS_001["author"], "url": PRESS_001["canonical"], "language": "de",
                 "place": "Wonsan", "original": "kim.html", "published": dt.date(2025, 7, 14),
                 "translation": True}


def test_add_help_documents_every_option(cli):
    out = cli("add", "--help").output.split("Options:")[1]
    for opt in ("--role", "--place", "--translation", "--published", "--outlet", "--title", "--recursive",
                "--author", "--language", "--url", "--id"):
        line = next(ln for ln in out.splitlines() if opt in ln)
        assert len(line.split(opt, 1)[1].strip()) > 10 or opt in ("--translation",), line


def test_several_sources_are_all_or_nothing(tmp_path, cli):
    good = tmp_path / "press-001.txt"
    good.write_text(seed("press-001"), encoding="utf-8")
    bad = tmp_path / "memo.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(10))
    corpus = tmp_path / "c"
    init_corpus(corpus)
    before = tree(corpus)
    assert_one_line_error(cli("add", "--corpus", corpus, good, bad), str(bad), ACCEPTED)
    assert tree(corpus) == before


# --- URLs ------------------------------------------------------------------------------------------

def test_add_a_url_stores_text_original_and_metadata(tmp_path, cli, server):
    corpus = tmp_path / "c"
    init_corpus(corpus)
    url = f"{server}/old-link"  # redirected to the article
    result = cli("add", "--corpus", corpus, url)
    assert result.exit_code == 0, result.output
    [e] = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert e["id"] == "press-002" and e["original"] == "press-002.html"
    assert e["url"] == PRESS_002["canonical"] and e["outlet"] == PRESS_002["site"]
    assert e["published"] == dt.date(2025, 7, 13) and e["language"] == "fr"
    assert (corpus / "press-002.txt").read_text(encoding="utf-8").startswith(seed("press-002").split("\n")[0][:40])


def test_library_load_source_reads_files_and_urls(server, tmp_path):
    s = load_source(f"{server}/docs/transcript.pdf", role="reference")
    assert s.role == "reference" and s.id == "transcript" and s.language == "fr"
    assert "Wonsan" in s.text
    page = load_source(f"{server}/transcript.html")
    assert page.outlet == "Ministère des Affaires étrangères" and "Accueil" not in page.text
    assert load_source(f"{server}/ua").text.startswith("crosscheck/0.1.0 (press-coverage checker")
    plain = load_source(f"{server}/plain.txt")
    assert plain.text == seed("press-003")


@pytest.mark.parametrize("path, needles", [
    ("/missing.html", ["HTTP 404"]),
    ("/loop", ["too many redirects (more than 5)"]),
    ("/photo.png", ["the server sent 'image/png'", ACCEPTED]),
    ("/slow.html", ["timed out"]),
    ("/big.html", ["too large"]),
])
def test_url_failures_are_one_line_errors(tmp_path, cli, server, monkeypatch, path, needles):
    monkeypatch.setattr("crosscheck.inputs.fetch.TIMEOUT", 1.0)
    monkeypatch.setattr("crosscheck.inputs.fetch.MAX_BYTES", 100_000)
    corpus = tmp_path / "c"
    init_corpus(corpus)
    before = tree(corpus)
    url = server + path
    assert_one_line_error(cli("add", "--corpus", corpus, url), url, *needles)
    assert tree(corpus) == before


def test_dns_and_tls_failures_are_one_line_errors(tmp_path, cli, server, monkeypatch):
    import socket

    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):  # no DNS query leaves the machine: .invalid fails here
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    corpus = tmp_path / "c"
    init_corpus(corpus)
    assert_one_line_error(cli("add", "--corpus", corpus, "http://no-such-host.invalid/a.html"),
                          "no-such-host.invalid", "host not found")
    tls = server.replace("http://", "https://") + "/transcript.html"  # TLS to a plain-HTTP server
    assert_one_line_error(cli("add", "--corpus", corpus, tls), tls, "TLS error")
    refused = "http://127.0.0.1:9/a.html"  # the discard port: nothing listens
    assert_one_line_error(cli("add", "--corpus", corpus, refused), "connection refused")


# --- report/check misuse ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["report", "check", "sources"])
def test_a_file_given_as_corpus_suggests_reference(cli, command, tmp_path):
    art = str(SEEDS / "press-001.txt")
    assert_one_line_error(cli(command, art), art, "is a file, not a corpus folder", "--reference")


@pytest.mark.parametrize("command", ["report", "check"])
def test_a_reference_without_article_is_an_error_and_overwrites_nothing(cli, command, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("previous", encoding="utf-8")
    args = ["--out", out] if command == "report" else ["--reviews", tmp_path / "r.toml"]
    assert_one_line_error(cli(command, "--reference", SEEDS / f"{REF}.txt", *args), "no article given")
    assert (out / "report.json").read_text(encoding="utf-8") == "previous"


def test_adhoc_mode_accepts_html_pdf_and_urls(tmp_path, cli, server):
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(transcript_pdf(seed(REF)))
    page = tmp_path / "press-001.html"
    page.write_text(news_page(seed("press-001"), **PRESS_001), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("report", "--reference", pdf, page, f"{server}/monde/press-002.html", "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(data["summary"]) >= {"press-001", "press-002"}


# --- done: init + three adds + report == the hand-made plain-text corpus -----------------------------

def findings_of(report_json: Path) -> list[tuple]:
    data = json.loads(report_json.read_text(encoding="utf-8"))
    return sorted((f["id"], f["source"], f["kind"], f["verdict"], f["severity"]) for f in data["findings"])


def test_init_add_add_add_report_equals_the_hand_made_corpus(tmp_path, cli, server, monkeypatch):
    # The hand-made plain-text corpus: the seed texts and their seed metadata.
    hand = tmp_path / "hand"
    hand.mkdir()
    seeds_manifest = tomllib.loads((SEEDS / "sources.toml").read_text(encoding="utf-8"))
    keep = {REF, "press-001", "press-002"}
    lines = []
    for e in seeds_manifest["source"]:
        if e["id"] in keep:
            (hand / e["path"]).write_text(seed(e["id"]), encoding="utf-8")
            lines.append(f'[[source]]\nid = "{e["id"]}"\npath = "{e["path"]}"\nrole = "{e["role"]}"\n'
                         + (f'published = {e["published"].isoformat()}\n' if "published" in e else "")
                         + (f'place = "{e["place"]}"\n' if "place" in e else "")
                         + ("translation = true\n" if e.get("translation") else ""))
    (hand / "sources.toml").write_text("\n".join(lines), encoding="utf-8")
    assert cli("report", hand, "--out", tmp_path / "hand-out", "--no-cache").exit_code == 0

    # The newcomer's corpus: an empty folder, init, an HTML page, a PDF transcript, a URL, report.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "press-001.html").write_text(news_page(seed("press-001"), **PRESS_001), encoding="utf-8")
    (work / f"{REF}.pdf").write_bytes(transcript_pdf(seed(REF)))
    assert cli("init", "corpus").exit_code == 0
    for args in (["--role", "reference", "--published", "2025-07-12", "--place", "Wonsan", "--translation",
                  f"{REF}.pdf"],
                 ["press-001.html"],
                 [f"{server}/monde/press-002.html"]):
        result = cli("add", "--corpus", "corpus", *args)
        assert result.exit_code == 0, result.output
    result = cli("report", "corpus", "--out", "out", "--no-cache")
    assert result.exit_code == 0, result.output

    assert findings_of(work / "out" / "report.json") == findings_of(tmp_path / "hand-out" / "report.json")
    entries = {e["id"]: e for e in tomllib.loads((work / "corpus" / "sources.toml").read_text("utf-8"))["source"]}
    assert entries["press-001"]["outlet"] == PRESS_001["site"]
    assert entries["press-001"]["title"] == PRESS_001["title"]
    assert entries["press-001"]["published"] == dt.date(2025, 7, 13)
    assert entries["press-002"]["url"] == PRESS_002["canonical"]
    assert entries["press-002"]["author"] == PRESS_002["author"]
    assert {e["language"] for e in entries.values()} == {"fr"}
    assert entries[REF]["original"] == f"{REF}.pdf" and (work / "corpus" / f"{REF}.pdf").is_file()


def test_legacy_charset_page_and_html_saved_as_txt():
    page = news_page(seed("press-003"), title="Moscou", site="Le Hautpanel", author="A. B.", date="2024-11-01",
                     canonical="https://hautpanel.example/a").replace('charset="utf-8"', 'charset="windows-1252"')
    ex = extract_bytes(page.encode("cp1252", errors="xmlcharrefreplace"), "page.txt")  # sniffed: it is HTML
    assert ex.kind == "html" and ex.encoding == "windows-1252"
    assert "Sergueï Lavrov" in ex.text and "<p>" not in ex.text
    assert ex.meta["outlet"] == "Le Hautpanel" and ex.meta["published"] == dt.date(2024, 11, 1)
