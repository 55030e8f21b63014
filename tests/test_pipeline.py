"""One report whatever the route: serial, process pool, cold cache, warm cache. And the progress bar
(drawn by the CLI) only where a person is watching."""
from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from crosscheck import load_corpus
from crosscheck.storage.cache import CACHE_DIR
from crosscheck.outputs.jsonreport import report_dict
from crosscheck.cli import interactive, progress_bar
from crosscheck.parallel import PARALLEL_MIN_ARTICLES, jobs_for
from crosscheck.pipeline import RunStats, check_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory) -> Path:
    """30 generated articles against 3 generated transcripts (enough for the pool to be used)."""
    import synth

    refs, arts, _ = synth.build(30, n_refs=3, seed=11)
    folder = tmp_path_factory.mktemp("synthetic")
    synth.write_corpus(folder, refs, arts)
    return folder


def routes(folder: Path) -> dict[str, tuple[str, RunStats]]:
    shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
    corpus = load_corpus(folder)
    out = {}
    for name, kw in [("serial", {"jobs": 1}), ("parallel", {"jobs": 2}),
                     ("cache-cold", {"jobs": 2, "cache": True}), ("cache-warm", {"jobs": 2, "cache": True})]:
        stats = RunStats()
        report = check_corpus(corpus, stats=stats, **kw)
        out[name] = (json.dumps(report_dict(report), ensure_ascii=False, sort_keys=True), stats)
    return out


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_serial_parallel_and_cached_reports_are_identical(which, corpus_copy, synthetic_corpus):
    folder = corpus_copy if which == "seeds" else synthetic_corpus
    out = routes(folder)
    serial = out["serial"][0]
    for name, (text, _) in out.items():
        assert text == serial, f"{name} differs from the serial run"
    data = json.loads(serial)
    assert data["findings"] and data["alignments"]
    ids = [f["id"] for f in data["findings"]]
    assert len(ids) == len(set(ids))
    assert out["parallel"][1].jobs == 2
    assert (out["cache-warm"][1].cached, out["cache-warm"][1].checked) == (out["serial"][1].articles, 0)
    if which == "synthetic":
        assert data["people"]  # the corpus-level step saw every article's names


def test_record_context_built_on_two_cores_is_the_same(corpus_copy, monkeypatch):
    """Above PARALLEL_CONTEXT_MIN_CHARS the facts' view of the record is built in a second process:
    same report, and its references are this process's own objects, not copies."""
    from crosscheck import pipeline

    corpus = load_corpus(corpus_copy)
    serial = json.dumps(report_dict(check_corpus(corpus, jobs=1)), sort_keys=True)
    monkeypatch.setattr(pipeline, "PARALLEL_CONTEXT_MIN_CHARS", 0)
    record = pipeline.corpus_record(corpus)
    assert record.people.people and record.events
    for doc in record.index.docs:
        assert record.references[doc.source.id] is doc
        assert doc.source is corpus.get(doc.source.id)
    assert json.dumps(report_dict(check_corpus(corpus, jobs=1)), sort_keys=True) == serial


CTRL_C_SCRIPT = """
import os, signal, sys
from crosscheck import cli, pipeline

real = pipeline.check_article
victim = sys.argv[2]

def check_article(source, ctx):
    if source.id == victim:  # in a worker: Ctrl-C, as a terminal sends it to the whole group
        os.killpg(os.getpgrp(), signal.SIGINT)
    return real(source, ctx)

pipeline.check_article = check_article
sys.argv = ["crosscheck", "check", sys.argv[1], "--no-cache", "--jobs", "2"]
cli.main()
"""


def test_ctrl_c_during_a_parallel_check_stops_it_with_one_line(synthetic_corpus):
    """Workers leave Ctrl-C to the parent, which stops the pool: exit 130, one line, no worker
    tracebacks, nothing written."""
    import subprocess

    victim = sorted(p.stem for p in synthetic_corpus.glob("art-*.txt"))[10]
    proc = subprocess.run([sys.executable, "-c", CTRL_C_SCRIPT, str(synthetic_corpus), victim],
                          capture_output=True, text=True, timeout=120, start_new_session=True,
                          cwd=ROOT)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "crosscheck: interrupted; no file was left half-written\n"
    assert proc.stdout == ""


WORKER_DIES_SCRIPT = """
import os, sys
from crosscheck import cli, pipeline

real = pipeline.check_article
victim = sys.argv[2]

def check_article(source, ctx):
    if source.id == victim:
        os._exit(9)  # as if the kernel killed the worker (out of memory)
    return real(source, ctx)

pipeline.check_article = check_article
sys.argv = ["crosscheck", "report", sys.argv[1], "--no-cache", "--jobs", "2", "--out", sys.argv[3]]
cli.main()
"""


def test_a_worker_that_dies_is_a_one_line_error_not_a_hang(synthetic_corpus, tmp_path):
    """multiprocessing.Pool loses the task of a worker that dies and waits forever; the executor
    fails it, and the CLI says so in one line (exit 2) and writes nothing."""
    import subprocess

    victim = sorted(p.stem for p in synthetic_corpus.glob("art-*.txt"))[5]
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", WORKER_DIES_SCRIPT, str(synthetic_corpus), victim, str(out)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("crosscheck: error: a worker process stopped before finishing")
    assert len(proc.stderr.splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_a_parallel_check_leaves_this_process_ctrl_c_alone(synthetic_corpus):
    import signal

    before = signal.getsignal(signal.SIGINT)
    check_corpus(load_corpus(synthetic_corpus), jobs=2)
    assert signal.getsignal(signal.SIGINT) is before


def test_small_corpora_run_serially_large_ones_in_parallel():
    assert jobs_for(None, 4) == 1
    assert jobs_for(None, PARALLEL_MIN_ARTICLES - 1) == 1
    assert jobs_for(None, 1000) >= 1
    assert jobs_for(3, 2) == 2  # never more workers than articles
    assert jobs_for(1, 1000) == 1


def test_report_is_unchanged_by_the_order_results_arrive(corpus_copy):
    """Merging follows corpus order: results computed in reverse give the same report."""
    from crosscheck import parallel

    corpus = load_corpus(corpus_copy)
    expected = json.dumps(report_dict(check_corpus(corpus, jobs=1)), sort_keys=True)
    real_run = parallel.run

    def reversed_run(*args):
        return reversed(list(real_run(*args)))

    parallel.run = reversed_run
    try:
        got = json.dumps(report_dict(check_corpus(corpus, jobs=1)), sort_keys=True)
    finally:
        parallel.run = real_run
    assert got == expected


# ---- progress ------------------------------------------------------------------------------------

class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert interactive(FakeTTY())
    assert not interactive(io.StringIO())  # piped / redirected
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        assert not interactive(FakeTTY())
    monkeypatch.setenv("CI", "false")
    assert interactive(FakeTTY())


def test_check_reports_progress_to_its_callback(corpus_copy, monkeypatch):
    corpus = load_corpus(corpus_copy)
    calls: list[tuple[int, int]] = []
    check_corpus(corpus, jobs=1, cache=True, progress=lambda done, total: calls.append((done, total)))
    n = len(corpus.press)
    assert calls == [(i, n) for i in range(n + 1)]  # nothing cached, then one call per article
    calls.clear()
    check_corpus(corpus, jobs=1, cache=True, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, n)]  # everything from the cache


def test_progress_bar_on_a_terminal_shows_done_and_total(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTTY()
    with progress_bar(stream=stream) as progress:
        for done in range(0, 201, 50):
            progress(done, 200)
    shown = stream.getvalue()
    assert "checking" in shown and "200/200" in shown


def test_pipes_and_ci_get_no_bar(corpus_copy, capsys, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with progress_bar(stream=io.StringIO()) as progress:
        assert progress is None
    monkeypatch.setenv("CI", "true")
    with progress_bar(stream=FakeTTY()) as progress:
        assert progress is None
    check_corpus(load_corpus(corpus_copy))  # the library draws nothing itself
    assert capsys.readouterr().err == ""


def test_cli_check_writes_no_progress_into_a_pipe(cli, corpus_copy):
    result = cli("check", corpus_copy, "--jobs", "2")
    assert result.exit_code in (0, 1)
    assert "articles [" not in result.output
    assert (corpus_copy / CACHE_DIR).is_dir()
    result = cli("check", corpus_copy, "--no-cache")
    assert result.exit_code in (0, 1)


def test_results_loaded_in_two_threads_point_to_their_own_context():
    """Objects of the shared context travel as their position and are looked up, at load time, in
    the list of the load in progress: per thread, so that two checks in one process never mix."""
    import threading

    from crosscheck.parallel import dumps as _dumps, loads as _loads

    class Shared:
        pass

    contexts = [[Shared() for _ in range(3)] for _ in range(2)]
    payloads = [_dumps({"who": ctx[1], "all": ctx}, ctx) for ctx in contexts]
    seen: list[bool] = []

    def load(payload, ctx):
        for _ in range(500):
            out = _loads(payload, ctx)
            seen.append(out["who"] is ctx[1] and all(x is y for x, y in zip(out["all"], ctx)))

    threads = [threading.Thread(target=load, args=args) for args in zip(payloads, contexts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 1000 and all(seen)
    assert _loads(payloads[0], []) is None  # a position the list does not have: not loaded


def test_two_threads_checking_two_corpora_at_once_get_their_own_reports(corpus_copy, synthetic_corpus,
                                                                       monkeypatch):
    """Forked workers inherit the context they are started with; two pools started by two threads
    at once (and two record contexts built at once) never swap them."""
    import threading

    from crosscheck import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_CONTEXT_MIN_CHARS", 0)  # the context fork too
    corpora = [load_corpus(corpus_copy), load_corpus(synthetic_corpus)]
    serial = [json.dumps(report_dict(check_corpus(c, jobs=1)), sort_keys=True) for c in corpora]
    got: dict[int, list[str]] = {0: [], 1: []}

    def run(i):
        for _ in range(3):
            got[i].append(json.dumps(report_dict(check_corpus(corpora[i], jobs=2)), sort_keys=True))

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got[0] == [serial[0]] * 3 and got[1] == [serial[1]] * 3
