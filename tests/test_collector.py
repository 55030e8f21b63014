"""The garbage collector is paused while a report is built, and always restored afterwards."""
from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from crosscheck import load_corpus, pipeline
from crosscheck.collector import collector_paused
from crosscheck.outputs.htmlreport import render_html
from crosscheck.outputs.jsonreport import to_json
from crosscheck.parallel import forked as _forked
from crosscheck.pipeline import check_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_restored_after_even_on_error():
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still paused when the inner block ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018 -- raises
    assert gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_disabled():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_threads_restore_only_when_the_last_one_ends():
    inside, release = threading.Event(), threading.Event()

    def other():
        with collector_paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled(), "the other thread is still inside"
    release.set()
    t.join()
    assert gc.isenabled()


def test_the_library_leaves_the_collector_alone(monkeypatch):
    """Pausing is the CLI's decision: check_corpus, to_json and render_html never switch it."""
    seen = []
    real = pipeline.check_article
    monkeypatch.setattr(pipeline, "check_article", lambda source, ctx: seen.append(gc.isenabled()) or real(source, ctx))
    report = check_corpus(load_corpus(ROOT / "seeds"), jobs=1)
    to_json(report)
    render_html(report)
    assert seen and all(seen) and gc.isenabled()


def test_the_cli_pauses_the_collector_for_a_command_and_restores_it(cli, corpus_copy, monkeypatch):
    seen = []
    real = pipeline.check_article
    monkeypatch.setattr(pipeline, "check_article", lambda source, ctx: seen.append(gc.isenabled()) or real(source, ctx))
    result = cli("check", corpus_copy, "--no-cache", "--jobs", "1")
    assert result.exit_code in (0, 1)
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_command_that_fails_restores_the_collector(cli, corpus_copy, monkeypatch):
    def fail(source, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "check_article", fail)
    with pytest.raises(RuntimeError, match="boom"):
        cli("check", corpus_copy, "--no-cache", "--jobs", "1")
    assert gc.isenabled()


def test_a_check_leaves_no_reference_cycles():
    """Why pausing is safe: what a check discards is freed by reference counting alone, so nothing
    piles up while the collector is off."""
    corpus = load_corpus(ROOT / "seeds")
    check_corpus(corpus, jobs=1)  # first run: compiled patterns and caches
    gc.collect()
    with collector_paused():
        check_corpus(corpus, jobs=1)
        to_json(check_corpus(corpus, jobs=2))
        leftover = gc.collect()
    assert leftover == 0


def test_workers_forked_during_the_pause_collect_as_usual():
    with collector_paused():
        executor, future = _forked(1, {}, lambda ex: ex.submit(gc.isenabled))
        with executor:
            assert future.result() is True
