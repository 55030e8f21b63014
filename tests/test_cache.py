"""The per-article result cache: hits give the fresh result, and a corrupt or stale cache is rebuilt."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck import pipeline
from crosscheck.storage import cache as cache_mod
from crosscheck import load_corpus
from crosscheck.storage.cache import CACHE_DIR, ResultCache
from crosscheck.outputs.jsonreport import report_dict
from crosscheck.pipeline import RunStats, check_corpus


@pytest.fixture
def corpus_copy(corpus_copy):
    """The seed copy without any cache the seeds folder itself may hold."""
    import shutil

    shutil.rmtree(corpus_copy / CACHE_DIR, ignore_errors=True)
    return corpus_copy


def run(folder: Path, **kw):
    stats = RunStats()
    report = check_corpus(load_corpus(folder), cache=True, stats=stats, **kw)
    return json.dumps(report_dict(report), sort_keys=True), stats


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / CACHE_DIR).glob("*/*.pickle") if p.name != "context.pickle")


def test_second_run_is_all_hits_and_identical(corpus_copy):
    fresh, s1 = run(corpus_copy)
    assert (s1.cached, s1.checked) == (0, 4)
    assert len(entries(corpus_copy)) == 4
    again, s2 = run(corpus_copy)
    assert (s2.cached, s2.checked, s2.rejected) == (4, 0, 0)
    assert again == fresh
    assert not list((corpus_copy / CACHE_DIR).rglob("*.tmp"))  # written atomically, nothing left over


def test_editing_one_article_rechecks_only_that_article(corpus_copy):
    run(corpus_copy)
    article = corpus_copy / "press-002.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase ajoutée à la fin.\n", encoding="utf-8")
    cached, stats = run(corpus_copy)
    assert (stats.cached, stats.checked) == (3, 1)
    fresh = json.dumps(report_dict(check_corpus(load_corpus(corpus_copy))), sort_keys=True)
    assert cached == fresh


@pytest.mark.parametrize("damage", ["flip-payload-byte", "truncate", "garbage", "empty", "other-context"])
def test_corrupt_entry_is_rebuilt_not_trusted(corpus_copy, damage):
    fresh, _ = run(corpus_copy)
    victim = entries(corpus_copy)[0]
    raw = victim.read_bytes()
    if damage == "flip-payload-byte":
        i = len(raw) - 10
        victim.write_bytes(raw[:i] + bytes([raw[i] ^ 0xFF]) + raw[i + 1:])
    elif damage == "truncate":
        victim.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        victim.write_bytes(b"\x80\x04not a cache entry at all" * 10)
    elif damage == "empty":
        victim.write_bytes(b"")
    else:  # a well-formed entry, but written for other references: its header names another context
        victim.write_bytes(raw.replace(raw[17:19 + 64], raw[17:19] + b"0" * 64, 1))
    result, stats = run(corpus_copy)
    assert stats.rejected == 1 and stats.checked == 1 and stats.cached == 3
    assert result == fresh
    _, stats = run(corpus_copy)  # the entry was rewritten
    assert (stats.cached, stats.rejected) == (4, 0)


def test_verified_payload_that_does_not_load_is_rebuilt(corpus_copy):
    fresh, _ = run(corpus_copy)
    corpus = load_corpus(corpus_copy)
    rc = pipeline._open_cache(corpus, True, record=True)  # where check_corpus keeps its results
    source = corpus.press[0]
    rc.put_raw(rc.article_key(source), b"this is not a pickle")  # right header and digest
    result, stats = run(corpus_copy)
    assert (stats.rejected, stats.checked) == (1, 1)
    assert result == fresh


def test_changed_reference_rechecks_the_articles_it_touches(corpus_copy):
    # [scale] results are kept per article across record changes (recordindex.Validity): here
    # every article reports on the changed transcript, so every one is re-checked
    run(corpus_copy)
    ref = corpus_copy / "mid-2025-07-12-wonsan.txt"
    ref.write_text(ref.read_text(encoding="utf-8") + "\nSergueï Lavrov : Merci.\n", encoding="utf-8")
    result, stats = run(corpus_copy)
    assert (stats.cached, stats.checked) == (0, 4)
    assert result == json.dumps(report_dict(check_corpus(load_corpus(corpus_copy))), sort_keys=True)


def test_changed_aliases_invalidate_everything(corpus_copy):
    run(corpus_copy)
    manifest = corpus_copy / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        '"États-Unis" = ["USA", "Amérique"]', '"États-Unis" = ["USA"]'), encoding="utf-8")
    _, stats = run(corpus_copy)
    assert (stats.cached, stats.checked) == (0, 4)


def test_new_tool_version_invalidates_everything(corpus_copy, monkeypatch):
    run(corpus_copy)
    monkeypatch.setattr(cache_mod, "tool_key", lambda: "another crosscheck")
    _, stats = run(corpus_copy)
    assert (stats.cached, stats.checked) == (0, 4)


def test_code_digest_changes_with_any_code_edit(tmp_path):
    """The tool key hashes crosscheck's own files: a developer's edit never reuses old results."""
    pkg = tmp_path / "pkg"
    (pkg / "data").mkdir(parents=True)
    (pkg / "align.py").write_text("THRESHOLD = 0.75\n", encoding="utf-8")
    (pkg / "data" / "names.txt").write_text("Lavrov\n", encoding="utf-8")
    before = cache_mod.code_digest(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "align.cpython-311.pyc").write_bytes(b"compiled")
    assert cache_mod.code_digest(pkg) == before  # compiled files are not the code
    (pkg / "align.py").write_text("THRESHOLD = 0.80\n", encoding="utf-8")
    assert cache_mod.code_digest(pkg) != before
    (pkg / "align.py").write_text("THRESHOLD = 0.75\n", encoding="utf-8")
    (pkg / "data" / "names.txt").write_text("Lavrov\nChoïgou\n", encoding="utf-8")
    assert cache_mod.code_digest(pkg) != before


def test_unwritable_cache_does_not_fail_the_check(corpus_copy):
    (corpus_copy / CACHE_DIR).write_text("a file where the cache folder should be", encoding="utf-8")
    result, stats = run(corpus_copy)
    assert stats.checked == 4
    assert result == json.dumps(report_dict(check_corpus(load_corpus(corpus_copy))), sort_keys=True)


def test_entry_is_never_unpickled_before_its_digest_is_checked(corpus_copy, monkeypatch):
    import crosscheck.parallel as parallel

    run(corpus_copy)
    victim = entries(corpus_copy)[0]
    raw = victim.read_bytes()
    victim.write_bytes(raw[:-1] + bytes([raw[-1] ^ 0x01]))
    loaded = []
    real_loads = parallel.loads
    monkeypatch.setattr(parallel, "loads", lambda payload, shared: loaded.append(payload) or real_loads(payload, shared))
    _, stats = run(corpus_copy, jobs=1)
    assert stats.rejected == 1
    assert len(loaded) == 3  # the three intact entries; the damaged one is never unpickled
    assert all(raw[-50:] not in p for p in loaded)


def test_ad_hoc_corpus_has_no_cache(tmp_path, seed_corpus):
    from crosscheck import load_files

    root = Path(seed_corpus.root)
    corpus = load_files([str(root / "mid-2025-07-12-wonsan.txt")], [str(root / "press-001.txt")])
    assert ResultCache.for_corpus(corpus) is None
    stats = RunStats()
    check_corpus(corpus, cache=True, stats=stats)
    assert stats.checked == 1 and not (root / CACHE_DIR / "unused").exists()
