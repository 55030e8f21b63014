"""The `report`, `sources` and `add` commands end to end, on the seed corpus and on small corpora."""
from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

import crosscheck.storage.atomic
from crosscheck import add_source, load_corpus
from crosscheck.errors import CrosscheckError

from test_manifest import GOOD_MANIFEST, PRESS_TEXT, REFERENCE_TEXT, assert_usage_error, make_corpus

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Sergueï Lavrov a déclaré : « C’est notre alliée. » La visite a duré deux jours.\n"


# ---- report ----------------------------------------------------------------------------------------

def test_report_on_seeds_writes_both_files(cli, tmp_path):
    out = tmp_path / "reports"
    result = cli("report", ROOT / "seeds", "--out", out, "--no-cache")  # leave the repository's seeds/ alone
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    html = (out / "report.html").read_text(encoding="utf-8")
    assert data["schema"] == 1
    assert [s["id"] for s in data["sources"]] == [
        "mid-2025-07-12-wonsan", "press-001", "press-002", "press-003", "press-004"]
    for sid in ("press-001", "press-002", "press-003", "press-004"):
        assert sid in html
        assert any(line.startswith(f"{sid}: ") for line in result.stdout.splitlines())
    assert f"Wrote {out / 'report.json'} and {out / 'report.html'}" in result.stdout
    # No temporary file is left beside the reports.
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".lock")) == ["report.html", "report.json"]


def test_report_without_arguments_runs_on_seeds_into_reports(cli, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(work)
    result = cli("report", "--no-cache")
    assert result.exit_code == 0, result.output
    data = json.loads((work / "reports" / "report.json").read_text(encoding="utf-8"))
    assert len(data["sources"]) == 5
    assert (work / "reports" / "report.html").is_file()


def test_adhoc_report(cli, tmp_path):
    (tmp_path / "transcript.txt").write_text(REFERENCE_TEXT, encoding="utf-8")
    (tmp_path / "a1.txt").write_text(PRESS_TEXT, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("report", "--reference", tmp_path / "transcript.txt", tmp_path / "a1.txt", tmp_path / "a2.txt",
                 "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(s["id"], s["role"]) for s in data["sources"]] == [
        ("transcript", "reference"), ("a1", "press"), ("a2", "press")]
    assert data["corpus"]["manifest"] is None
    verdicts = {f["source"]: f["verdict"] for f in data["findings"] if f["kind"] == "quote"}
    assert verdicts == {"a1": "verbatim", "a2": "verbatim"}
    assert result.stdout.splitlines()[0].startswith("a1: 1 verbatim")
    assert (out / "report.html").is_file()


def test_report_refuses_two_corpus_folders(cli, tmp_path):
    result = cli("report", ROOT / "seeds", ROOT / "seeds", "--out", tmp_path / "out")
    assert_usage_error(result, "give one corpus folder")


def test_report_json_is_schema_1(cli, tmp_path, seed_report):
    """The contract of report.json: top-level keys, source and finding fields, spans that round-trip."""
    from crosscheck.outputs.jsonreport import report_dict

    data = json.loads(json.dumps(report_dict(seed_report)))
    assert set(data) >= {"schema", "corpus", "sources", "findings", "alignments", "people", "summary"}
    texts = {s.id: s.text for s in seed_report.corpus.sources}
    for s in data["sources"]:
        assert set(s) >= {"id", "role", "path", "title", "outlet", "published", "url", "language"}
    [ref] = [s for s in data["sources"] if s["role"] == "reference"]
    assert [r["url"] for r in ref["releases"]][0] == "https://mid.ru/en/foreign_policy/news/2035683/"
    assert data["findings"]
    kinds = {"quote": {"verbatim", "variant", "paraphrase", "unattested", "fused"},
             "name": {"match", "variant", "misspelling", "absent"}}
    for f in data["findings"]:
        assert set(f) >= {"id", "kind", "verdict", "severity", "source", "span", "line", "column", "reference",
                          "reference_span", "expected", "score", "message"}
        assert f["kind"] in {"quote", "name", "place", "date", "number", "speaker"}
        assert f["verdict"] in kinds.get(f["kind"], {"match", "conflict", "absent"})
        assert f["severity"] in {"info", "warning", "error"}
        assert "\n" not in f["message"] and f["message"]
        span = f["span"]
        assert texts[f["source"]][span["start"]:span["end"]] == span["text"]
        if f["reference_span"] is not None:
            rs = f["reference_span"]
            assert texts[f["reference"]][rs["start"]:rs["end"]] == rs["text"]
    ids = [f["id"] for f in data["findings"]]
    assert len(ids) == len(set(ids))
    for a in data["alignments"]:
        assert texts[a["source"]][a["span"]["start"]:a["span"]["end"]] == a["span"]["text"]


def test_report_html_escapes_article_text(cli, tmp_path):
    (tmp_path / "ref.txt").write_text(REFERENCE_TEXT, encoding="utf-8")
    (tmp_path / "evil.txt").write_text(
        "Lavrov a déclaré : « <script>alert(1)</script> & <b>gras</b> »\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("report", "--reference", tmp_path / "ref.txt", tmp_path / "evil.txt", "--out", out)
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<b>gras" not in html
    assert "&lt;script&gt;alert(1)" in html or "\\u003cscript\\u003ealert(1)" in html


# ---- sources ---------------------------------------------------------------------------------------

def test_sources_lists_the_seed_corpus(cli):
    result = cli("sources", ROOT / "seeds")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["mid-2025-07-12-wonsan", "reference", "2025-07-12", "mid-2025-07-12-wonsan.txt"]
    assert lines[-1] == "5 sources (1 reference, 4 press): manifest OK"


def test_sources_adhoc(cli, tmp_path):
    (tmp_path / "t.txt").write_text(REFERENCE_TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(PRESS_TEXT, encoding="latin-1", errors="replace")
    result = cli("sources", "--reference", tmp_path / "t.txt", tmp_path / "a.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 sources (1 reference, 1 press): files OK"


# ---- add -------------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


def test_add_copies_and_appends(cli, tmp_path):
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "Le Monde 13.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = cli("add", article, "--corpus", corpus, "--role", "press", "--outlet", 'Le "Monde"',
                 "--published", "2025-07-13", "--title", "Lavrov\tà Wonsan", "--url", "https://example.org/a",
                 "--language", "fr")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Added le-monde-13 to {corpus}"
    assert (corpus / "Le Monde 13.txt").read_bytes() == article.read_bytes()
    manifest = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))
    assert manifest["source"][-1] == {
        "id": "le-monde-13", "path": "Le Monde 13.txt", "role": "press", "title": "Lavrov\tà Wonsan",
        "outlet": 'Le "Monde"', "url": "https://example.org/a", "language": "fr",
        "published": __import__("datetime").date(2025, 7, 13)}
    # The earlier entries are byte for byte what they were.
    assert (corpus / "sources.toml").read_text(encoding="utf-8").startswith(GOOD_MANIFEST)
    loaded = load_corpus(corpus)
    assert [s.id for s in loaded.sources] == ["ref", "press-1", "le-monde-13"]
    assert loaded.get("le-monde-13").text == ARTICLE


def test_add_with_explicit_id_and_crlf_manifest(tmp_path):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST.replace("\n", "\r\n"))
    article = tmp_path / "x.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert add_source(corpus, article, source_id="lemonde-2025") == "lemonde-2025"
    raw = (corpus / "sources.toml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # newlines kept as written
    assert load_corpus(corpus).get("lemonde-2025").path == "x.txt"


def test_add_a_file_already_inside_the_corpus_is_not_copied(cli, tmp_path):
    corpus = make_corpus(tmp_path / "c")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "new.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("add", corpus / "sub" / "new.txt", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert load_corpus(corpus).get("new").path == "sub/new.txt"
    assert not (corpus / "new.txt").exists()


def test_add_warns_about_a_legacy_encoding(cli, tmp_path):
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "old.txt"
    article.write_bytes(ARTICLE.encode("cp1252"))
    result = cli("add", article, "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"crosscheck: warning: {article}: not UTF-8; decoded as cp1252"
    assert load_corpus(corpus).get("old").text == ARTICLE


@pytest.mark.parametrize(
    "setup, args, needles",
    [
        ("binary", [], ["binary data, not a text file"]),
        ("missing", [], ["file not found"]),
        ("plain", ["--id", "press-1"], ["source 'press-1'", "duplicate id"]),
        ("plain", ["--id", "Bad_Id"], ["source 'Bad_Id'", "id must match [a-z0-9-]+"]),
        ("plain", ["--published", "13/07/2025"], ["published must be a date like 2025-07-12"]),
        ("clash", [], ["already exists in the corpus"]),
        ("listed", [], ["'press-1.txt' is already in the manifest"]),
    ],
)
def test_add_errors_leave_the_corpus_unchanged(cli, tmp_path, setup, args, needles):
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "new.txt"
    if setup == "binary":
        article.write_bytes(b"\x00\x01\x02binary" * 50)
    elif setup in ("plain", "clash"):
        article.write_text(ARTICLE, encoding="utf-8")
    if setup == "clash":
        (corpus / "new.txt").write_text("autre chose\n", encoding="utf-8")
    if setup == "listed":
        article = corpus / "press-1.txt"
        args = ["--id", "other"]
    before = snapshot(corpus)
    result = cli("add", article, "--corpus", corpus, *args)
    assert_usage_error(result, *needles)
    assert snapshot(corpus) == before


def test_add_bad_role_is_a_usage_error(cli, tmp_path):
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(corpus)
    result = cli("add", article, "--corpus", corpus, "--role", "opinion")
    assert result.exit_code == 2
    assert "'opinion' is not one of 'press', 'reference'" in result.output
    assert snapshot(corpus) == before
    with pytest.raises(CrosscheckError, match="role must be 'reference' or 'press', got 'opinion'"):
        add_source(corpus, article, "opinion")
    assert snapshot(corpus) == before


def test_add_to_an_invalid_manifest_is_refused(cli, tmp_path):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + '\n[[source]]\nid = "x"\n')
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(corpus)
    assert_usage_error(cli("add", article, "--corpus", corpus), "source 'x'", "missing key 'path'")
    assert snapshot(corpus) == before


@pytest.mark.parametrize("interruption", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_add_interrupted_while_writing_the_manifest_leaves_nothing(tmp_path, monkeypatch, interruption):
    """The copy is written, then the manifest's rename fails: the copy is removed, the manifest intact."""
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(corpus)
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst).name == "sources.toml":
            raise interruption
        return real_replace(src, dst)

    monkeypatch.setattr(crosscheck.storage.atomic.os, "replace", failing_replace)
    expected = CrosscheckError if isinstance(interruption, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        add_source(corpus, article)
    assert snapshot(corpus) == before  # no copy, no temporary file, manifest unchanged


def test_add_interrupted_while_copying_leaves_nothing(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "c")
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = snapshot(corpus)
    real_fsync = os.fsync

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(crosscheck.storage.atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_source(corpus, article)
    monkeypatch.setattr(crosscheck.storage.atomic.os, "fsync", real_fsync)
    assert snapshot(corpus) == before
