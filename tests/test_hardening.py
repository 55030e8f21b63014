"""The bad-input suite: what scrapers, copy-paste and old archives produce. Each case asserts the exact
behaviour through the command line: a one-line error naming the file with exit code 2, or a warning
and a correct result (the quotation of the record still found, and judged verbatim).

Manifest errors (invalid TOML, duplicate ids, missing and unknown keys, paths leaving the corpus,
symlinks out, a file disappearing between listing and reading) are in test_manifest.py; encodings
in detail in test_loading.py; interrupted writes of single files in test_atomic.py.
"""
from __future__ import annotations

import ast
import json
import os
import random
import shutil
import unicodedata
from pathlib import Path

import pytest

import crosscheck
import crosscheck.storage.atomic

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPT = ROOT / "seeds" / "mid-2025-07-12-wonsan.txt"
# A sentence of the record (release 2, Lavrov's answer), as the record writes it.
SENTENCE = "Nous venons de signer un Plan d’échanges interministériels entre la Russie et la RPDC pour 2026-2027."
ARTICLE = f"Sergueï Lavrov a déclaré : « {SENTENCE} »\nLa visite a duré deux jours.\n"


def run_report(cli, tmp_path: Path, article: bytes | str, name: str = "article.txt"):
    """`crosscheck report --reference <seed transcript> ARTICLE`; returns (result, report or None, path)."""
    art = tmp_path / name
    if isinstance(article, str):
        article = article.encode("utf-8")
    art.write_bytes(article)
    out = tmp_path / "out"
    result = cli("report", "--reference", TRANSCRIPT, art, "--out", out)
    data = None
    if result.exit_code == 0:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert (out / "report.html").stat().st_size > 0
    return result, data, art


def quotes(data: dict) -> list[dict]:
    return [f for f in data["findings"] if f["kind"] == "quote"]


def decoded(data: dict, art: Path) -> str:
    """The article's text as crosscheck decoded it (from the bytes, independently of the report)."""
    from crosscheck.inputs.corpus import decode_bytes

    return decode_bytes(art.read_bytes(), str(art))[0]


def assert_round_trip(data: dict, text: str) -> None:
    for f in data["findings"]:
        if f["source"] == "article":
            assert text[f["span"]["start"]:f["span"]["end"]] == f["span"]["text"]
        assert "\n" not in f["message"]


def assert_record_sentence_found(data: dict, text: str, expected_span: str | None = None) -> dict:
    [q] = [q for q in quotes(data) if q["verdict"] == "verbatim"]
    assert q["reference_span"]["text"] == SENTENCE.rstrip(".")  # record words, up to the last one
    if expected_span is not None:
        assert q["span"]["text"] == expected_span
    assert_round_trip(data, text)
    return q


def warnings_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("crosscheck: warning: ")]


# ---- empty, binary, encodings ---------------------------------------------------------------------

@pytest.mark.parametrize("content", ["", " \n\t \r\n\u00a0\n"], ids=["empty", "whitespace-only"])
def test_empty_article_is_a_warning_and_an_empty_result(cli, tmp_path, content):
    result, data, art = run_report(cli, tmp_path, content)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [f"crosscheck: warning: {art}: empty source (no text)"]
    assert [f for f in data["findings"] if f["source"] == "article"] == []
    assert data["summary"]["article"]["quotes"] == {}


def test_binary_article_is_an_error_and_nothing_is_written(cli, tmp_path):
    result, _, art = run_report(cli, tmp_path, random.Random(1).randbytes(4096))
    assert result.exit_code == 2
    assert result.stderr == (f"crosscheck: error: {art}: binary data, not a text file; accepted formats: "
                             f"plain text (.txt), HTML (.html, .htm) or PDF (.pdf)\n")
    assert not (tmp_path / "out").exists()


def test_truncated_utf8_is_a_warning_and_the_quote_still_matches(cli, tmp_path):
    raw = ARTICLE.encode()[:-1] + "é".encode()[:1]  # the download stopped inside a character
    result, data, art = run_report(cli, tmp_path, raw)
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        f"crosscheck: warning: {art}: truncated UTF-8 at byte {len(raw) - 1}; the broken character was replaced"]
    assert_record_sentence_found(data, decoded(data, art), SENTENCE)


def test_utf16_with_bom(cli, tmp_path):
    result, data, art = run_report(cli, tmp_path, ARTICLE.encode("utf-16"))
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == []
    q = assert_record_sentence_found(data, ARTICLE, SENTENCE)
    assert q["span"]["start"] == ARTICLE.index(SENTENCE)  # offsets in the decoded text, BOM not counted


def test_cp1252(cli, tmp_path):
    result, data, art = run_report(cli, tmp_path, ARTICLE.encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [f"crosscheck: warning: {art}: not UTF-8; decoded as cp1252"]
    assert_record_sentence_found(data, ARTICLE, SENTENCE)


def test_mixed_crlf_and_cr(cli, tmp_path):
    article = "Titre\r\nChapeau\r" + ARTICLE.replace("\n", "\r\n", 1).replace("\n", "\r")
    result, data, art = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    text = decoded(data, art)
    assert "\r" not in text
    q = assert_record_sentence_found(data, text, SENTENCE)
    assert (q["line"], q["column"]) == (3, text.split("\n")[2].index(SENTENCE) + 1)


def test_nfd_quote_of_an_nfc_record_is_verbatim(cli, tmp_path):
    assert unicodedata.is_normalized("NFC", TRANSCRIPT.read_text(encoding="utf-8"))
    article = unicodedata.normalize("NFD", ARTICLE)
    assert article != ARTICLE
    result, data, art = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    assert_record_sentence_found(data, article, unicodedata.normalize("NFD", SENTENCE))


# ---- invisible and unusual characters -----------------------------------------------------------

def test_zero_width_spaces_and_soft_hyphens_inside_words_still_match(cli, tmp_path):
    quote = (SENTENCE.replace("interministériels", "inter\u00admi\u00adnis\u00adté\u00adriels")
             .replace("Russie", "Rus\u200bsie").replace("signer", "si\u200dgner").replace("Plan", "Pl\u2060an"))
    result, data, _ = run_report(cli, tmp_path, ARTICLE.replace(SENTENCE, quote))
    assert result.exit_code == 0, result.output
    assert_record_sentence_found(data, ARTICLE.replace(SENTENCE, quote), quote)


def test_right_to_left_marks_still_match(cli, tmp_path):
    quote = (SENTENCE.replace("Nous", "\u200fNous").replace("Plan", "Pl\u200ean")
             .replace("Russie", "\u2067Rus\u2069sie").replace("RPDC", "\u202bRPDC\u202c"))
    article = "\u200f" + ARTICLE.replace(SENTENCE, quote) + "\u0627\u0644\u0631\u0648\u0633\u064a\u0629\n"
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    assert_record_sentence_found(data, article, quote)


def test_control_characters_are_kept_and_harmless(cli, tmp_path):
    article = "\x1b[1mDépêche\x1b[0m\x07\n" + ARTICLE.replace("La visite", "La\x0b visite\x0c")
    result, data, art = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    assert_record_sentence_found(data, article, SENTENCE)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "\x1b[1m" not in html or "\x1b" in article  # raw escapes never reach the page unescaped
    json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))  # still valid JSON


def test_emoji_around_and_inside_a_quote(cli, tmp_path):
    quote = SENTENCE.replace("signer", "signer 🙂").replace("RPDC", "RPDC 👨‍👩‍👧")
    article = "🇷🇺🤝🇰🇵 " + ARTICLE.replace(SENTENCE, quote) + "👍🏽\n"
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    q = assert_record_sentence_found(data, article, quote)
    # Offsets count code points (Python str indices), emoji included.
    assert q["span"]["start"] == article.index(quote)


# ---- size and structure --------------------------------------------------------------------------

def _filler(size: int, seed: int, sep: str) -> str:
    """Text of ``size`` characters that shares no passage with the record (made-up words)."""
    rnd = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ru", "ste", "van", "bo", "ze", "qui", "dor", "pel", "ax"]

    def sentence() -> str:
        words = ("".join(rnd.choice(syllables) for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(8, 20)))
        return " ".join(words).capitalize() + "."

    parts, n = [], 0
    while n < size:
        p = " ".join(sentence() for _ in range(5))
        parts.append(p)
        n += len(p) + 1
    return sep.join(parts)[:size]


@pytest.mark.parametrize("size, sep", [(5_000_000, "\n"), (1_000_000, " ")], ids=["5MB-article", "1MB-single-line"])
def test_large_article_keeps_every_quotation(cli, tmp_path, size, sep):
    quote = f"Sergueï Lavrov a déclaré : « {SENTENCE} »"
    filler = _filler(size, 1, sep)
    cut = filler.rfind(".", 0, size // 2) + 1
    article = quote + sep + filler[:cut] + sep + quote + sep + filler[cut:] + "." + sep + quote + "\n"
    assert len(article) > size
    if sep == " ":
        assert article.count("\n") == 1
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    qs = quotes(data)
    assert [q["verdict"] for q in qs] == ["verbatim"] * 3
    starts = [q["span"]["start"] for q in qs]
    assert starts[0] == quote.index(SENTENCE) and starts[-1] == article.rindex(SENTENCE)
    assert_round_trip(data, article)


def test_ten_thousand_unclosed_guillemets(cli, tmp_path):
    """An opener with no closer ends its quotation at the paragraph's end, never later; one re-opened
    at each of 10,000 paragraphs is a quotation per paragraph, none running into the next."""
    one_line = "Il a dit « " * 10_000 + "\n"
    one_per_line = "\n".join(["« oui"] * 10_000) + "\n"
    article = one_line + one_per_line + ARTICLE
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    assert_record_sentence_found(data, article, SENTENCE)
    tail = article.index(ARTICLE)
    for q in quotes(data):
        assert q["span"]["end"] <= tail or q["span"]["start"] >= tail  # none runs into the next article paragraph
        assert "\n" not in article[q["span"]["start"]:q["span"]["end"]]
    assert len(quotes(data)) <= 10_000 + 3


def test_deeply_nested_quotes(cli, tmp_path):
    depth = 250
    article = ("Sergueï Lavrov a déclaré : " + "« “ ‹ „" * depth + SENTENCE + "“ › ” »" * depth + "\n"
               + "Il a ajouté : " + "« “" * 500 + " sans fin\n" + ARTICLE)
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    verbatim = [q for q in quotes(data) if q["verdict"] == "verbatim"]
    # The outermost quotation holds the nested marks; its words are the record's sentence.
    assert len(verbatim) == 2
    assert all(q["reference_span"]["text"] == SENTENCE.rstrip(".") for q in verbatim)
    assert_round_trip(data, article)


def test_a_quotation_of_fifty_thousand_characters(cli, tmp_path):
    inner = _filler(50_000, 2, " ")
    article = f"Sergueï Lavrov a déclaré : « {inner} »\n" + ARTICLE
    result, data, _ = run_report(cli, tmp_path, article)
    assert result.exit_code == 0, result.output
    long = [q for q in quotes(data) if len(q["span"]["text"]) >= 50_000]
    assert len(long) == 1 and long[0]["verdict"] == "unattested"
    assert_record_sentence_found(data, article, SENTENCE)


# ---- corrupt reviews file and cache --------------------------------------------------------------

@pytest.fixture
def small_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TRANSCRIPT, corpus / "ref.txt")
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sources.toml").write_text(
        '[[source]]\nid = "ref"\npath = "ref.txt"\nrole = "reference"\n\n'
        '[[source]]\nid = "a"\npath = "a.txt"\nrole = "press"\n', encoding="utf-8")
    return corpus


@pytest.mark.parametrize("content, problem", [
    (b"[[decision]\nid = ", "invalid TOML"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b'version = 1\n[[decision]]\nid = "0123456789abcdef"\nstatus = "maybe"\n',
     "status must be 'accepted' or 'confirmed'"),
])
def test_corrupt_reviews_file_is_a_clear_error(cli, small_corpus, content, problem):
    reviews = small_corpus / "reviews.toml"
    reviews.write_bytes(content)
    result = cli("check", small_corpus)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"crosscheck: error: {reviews}: ") and problem in line
    assert reviews.read_bytes() == content  # never "repaired" behind the user's back


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip-byte", "empty", "folder"])
def test_corrupt_cache_is_ignored_and_rebuilt(cli, small_corpus, tmp_path, damage):
    first = cli("report", small_corpus, "--out", tmp_path / "r1")
    assert first.exit_code == 0, first.output
    entries = [p for p in (small_corpus / ".crosscheck-cache").rglob("*") if p.is_file()]
    assert entries
    for p in entries:
        raw = p.read_bytes()
        if damage == "truncate":
            p.write_bytes(raw[: len(raw) // 2])
        elif damage == "garbage":
            p.write_bytes(os.urandom(len(raw)))
        elif damage == "flip-byte":
            p.write_bytes(raw[:-1] + bytes([raw[-1] ^ 0xFF]))
        elif damage == "empty":
            p.write_bytes(b"")
        else:
            p.unlink()
            p.mkdir()
    second = cli("report", small_corpus, "--out", tmp_path / "r2")
    assert second.exit_code == 0, second.output
    assert (tmp_path / "r1" / "report.json").read_text() == (tmp_path / "r2" / "report.json").read_text()


# ---- nothing lost ---------------------------------------------------------------------------------

def _fail_on(monkeypatch, name: str, exc: BaseException) -> None:
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == name:
            raise exc
        return real(src, dst)

    monkeypatch.setattr(crosscheck.storage.atomic.os, "replace", replace)


def assert_aborted(result) -> None:
    """Ctrl-C (KeyboardInterrupt) mid-way: one line, no traceback, exit 130."""
    assert result.exit_code == 130, result.output
    assert result.stderr.strip() == "crosscheck: interrupted; no file was left half-written"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


@pytest.mark.parametrize("victim", ["report.json", "report.html"])
def test_interrupted_report_leaves_the_previous_one_intact(cli, small_corpus, tmp_path, monkeypatch, victim):
    out = tmp_path / "out"
    assert cli("report", small_corpus, "--out", out).exit_code == 0
    before = _files(out)
    (small_corpus / "a.txt").write_text(ARTICLE.replace("deux", "trois"), encoding="utf-8")
    _fail_on(monkeypatch, victim, KeyboardInterrupt())
    assert_aborted(cli("report", small_corpus, "--out", out))
    after = _files(out)
    assert after[victim] == before[victim]
    assert set(after) == set(before)  # no temporary file left


def test_interrupted_reviews_write_leaves_the_previous_file_intact(cli, small_corpus, monkeypatch):
    ids = [f["id"] for f in json.loads(cli("check", small_corpus, "--format", "json").stdout)["findings"]]
    assert ids
    assert cli("review", small_corpus, "--accept", ids[0]).exit_code == 0
    reviews = small_corpus / "reviews.toml"
    before = reviews.read_bytes()
    _fail_on(monkeypatch, "reviews.toml", KeyboardInterrupt())
    assert_aborted(cli("review", small_corpus, "--accept", ids[-1], "--note", "second"))
    assert reviews.read_bytes() == before
    assert sorted(p.name for p in small_corpus.iterdir() if p.name.startswith(".reviews")
                  and not p.name.endswith(".lock")) == []


def test_interrupted_cache_write_leaves_no_partial_entry(cli, small_corpus, tmp_path, monkeypatch):
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith(".pickle"):
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(crosscheck.storage.atomic.os, "replace", replace)
    assert_aborted(cli("report", small_corpus, "--out", tmp_path / "r1", "--jobs", "1"))
    monkeypatch.setattr(crosscheck.storage.atomic.os, "replace", real)
    cache = small_corpus / ".crosscheck-cache"
    leftovers = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    # [scale] the record index is written whole (a folder renamed into place) before any article:
    # it may be there, complete; nothing else, and no half-written index folder
    assert [p for p in leftovers if p.relative_to(cache).parts[0] != "record"] == []
    assert cli("report", small_corpus, "--out", tmp_path / "r2").exit_code == 0


def test_interrupted_add_leaves_manifest_and_folder_intact(cli, small_corpus, tmp_path, monkeypatch):
    new = tmp_path / "new.txt"
    new.write_text(ARTICLE, encoding="utf-8")
    before = _files(small_corpus)
    _fail_on(monkeypatch, "sources.toml", KeyboardInterrupt())
    assert_aborted(cli("add", new, "--corpus", small_corpus))
    assert _files(small_corpus) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_output_folder_is_a_clear_error(cli, small_corpus, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = cli("report", small_corpus, "--out", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == f"crosscheck: error: {out / 'report.json'}: cannot write: Permission denied\n"


def test_unwritable_output_folder_is_a_clear_error(cli, small_corpus, tmp_path, monkeypatch):
    """Runs as root too: the OS refusal a read-only folder gives is simulated at file creation."""
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(crosscheck.storage.atomic.tempfile, "mkstemp", denied)
    out = tmp_path / "out"
    result = cli("report", small_corpus, "--out", out, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == f"crosscheck: error: {out / 'report.json'}: cannot write: Permission denied\n"


def test_output_path_that_is_a_file_is_a_usage_error(cli, small_corpus, tmp_path):
    out = tmp_path / "out"
    out.write_text("keep me")
    result = cli("report", small_corpus, "--out", out)
    assert result.exit_code == 2
    assert f"Invalid value for '--out': Directory '{out}' is a file." in result.stderr
    assert out.read_text() == "keep me"


def test_output_folder_below_a_file_is_a_clear_error(cli, small_corpus, tmp_path):
    (tmp_path / "file").write_text("keep me")
    out = tmp_path / "file" / "out"
    result = cli("report", small_corpus, "--out", out)
    assert result.exit_code == 2
    assert result.stderr == f"crosscheck: error: {out / 'report.json'}: cannot write: Not a directory\n"
    assert (tmp_path / "file").read_text() == "keep me"


# ---- security ------------------------------------------------------------------------------------

NETWORK_MODULES = {"socket", "ssl", "http.client", "urllib.request", "urllib3", "requests", "httpx", "aiohttp",
                   "ftplib", "smtplib", "telnetlib", "xmlrpc.client", "websocket", "websockets"}


def test_no_module_imports_a_network_library():
    """Only inputs/fetch.py, which fetches the URLs a user gives to `add` or ad-hoc `report`."""
    package = Path(crosscheck.__file__).resolve().parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path == package / "inputs" / "fetch.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__" and node.args:
                names = [getattr(node.args[0], "value", "")]
            for n in names:
                if any(n == m or n.startswith(m + ".") for m in NETWORK_MODULES):
                    offenders.append(f"{path.name}:{node.lineno}: {n}")
    assert offenders == []
    assert len(list(package.rglob("*.py"))) > 10  # the scan saw the package


def test_a_symlink_out_of_the_corpus_never_reaches_the_report(cli, small_corpus, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-123 « confidentiel »\n", encoding="utf-8")
    os.symlink(secret, small_corpus / "leak.txt")
    with open(small_corpus / "sources.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[source]]\nid = "leak"\npath = "leak.txt"\nrole = "press"\n')
    out = tmp_path / "out"
    result = cli("report", small_corpus, "--out", out)
    assert result.exit_code == 2
    assert "leaves the corpus folder" in result.stderr
    assert "MOT-DE-PASSE" not in result.output
    assert not out.exists()
