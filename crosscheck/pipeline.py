"""The whole check as one function: load -> segment -> extract -> align -> judge -> facts.

Articles are independent of one another given the references, so the per-article work (segment,
extract and judge quotes, align claims, per-article fact checks) runs in a process pool when
there are enough articles for it to pay, and its result can be cached per article
(:mod:`crosscheck.storage.cache`). Only what needs the whole corpus (grouping people across articles,
fingerprints, the final order) runs once, in the parent. Serial, parallel and cached runs give
identical reports: results are merged in corpus order and every step is deterministic.

>>> from crosscheck import load_corpus, check_corpus
>>> report = check_corpus(load_corpus("seeds"))          # doctest: +SKIP
>>> [f.verdict for f in report.findings if f.kind == "quote"][:3]   # doctest: +SKIP
"""
from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing
import os
import pickle
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.checks import facts
from crosscheck.checks import judge
from crosscheck.checks.align import ReferenceIndex, TextTokens, align_passage
from crosscheck.storage.cache import ResultCache
from crosscheck.collector import pauses_collector
from crosscheck.errors import CrosscheckError, WorkerError
from crosscheck.checks.extract import extract_quotes
from crosscheck.checks.fingerprint import assign_fingerprints
from crosscheck.checks.link import link_articles
from crosscheck.model import (Alignment, Corpus, Finding, Release, Report, Segment, SegmentedSource, SEVERITY_RANK,
                    Source, Span, Turn)
from crosscheck.text.normalize import AliasTable
from crosscheck.progress import Progress
from crosscheck.checks.segment import segment

# Below this many articles to check, forking workers costs more than it saves (measured: one
# article takes ~10-60 ms; starting a pool and shipping results back ~50 ms).
PARALLEL_MIN_ARTICLES = 24


@dataclass
class ArticleResult:
    """Everything the per-article stage produces; what the cache stores (without the Source)."""

    findings: list[Finding]
    alignments: list[Alignment]
    releases: list[Release]
    turns: list[Turn]
    sentences: list[Segment]
    facts: facts.SourceFacts  # fact findings and name uses (for the people groups)


@dataclass
class RunStats:
    """What a run did: filled in when ``check_corpus(..., stats=RunStats())`` is given one."""

    articles: int = 0
    cached: int = 0
    checked: int = 0
    rejected: int = 0  # cache entries found corrupt or stale, and rebuilt
    jobs: int = 1
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Context:
    """What every article is checked against: the reference index and the facts' view of the record."""

    index: ReferenceIndex
    facts: facts.ReferenceContext

    def shared(self) -> list:
        """Objects that article results point into (the record's people), pickled by position."""
        return list(self.facts.people.people)


# Above this many characters of record, the facts' view of the record is built in a second
# process while this one builds the trigram index (each takes ~0.2 s per 500 KB; forking and
# sending the result back ~30 ms).
PARALLEL_CONTEXT_MIN_CHARS = 200_000


def build_index(corpus: Corpus) -> tuple[ReferenceIndex, dict]:
    segmented = {s.id: segment(s) for s in corpus.references}
    return ReferenceIndex(list(segmented.values()), AliasTable(corpus.aliases)), segmented


def build_context(corpus: Corpus, index: ReferenceIndex | None = None) -> Context:
    if index is not None:
        return Context(index, facts.reference_context(list(index.docs), index.aliases))
    segmented = [segment(s) for s in corpus.references]
    aliases = AliasTable(corpus.aliases)
    if sum(len(s.text) for s in corpus.references) < PARALLEL_CONTEXT_MIN_CHARS or not _can_fork():
        return Context(ReferenceIndex(segmented, aliases), facts.reference_context(segmented, aliases))
    # [scale] the two halves of the context are independent: build them on both cores
    executor, pending = _forked(1, {"record": (segmented, aliases)}, lambda ex: ex.submit(_record_facts))
    with executor, _worker_deaths():
        index = ReferenceIndex(segmented, aliases)
        record = pending.result()
    # the copy sent back points to copies of the references: point it to this process's own
    record.references = {s.source.id: s for s in segmented}
    record.aliases = aliases
    return Context(index, record)


def _record_facts() -> facts.ReferenceContext:
    segmented, aliases = _WORKER["record"]
    return facts.reference_context(segmented, aliases)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


@pauses_collector
def check_corpus(corpus: Corpus, index: ReferenceIndex | None = None, *,
                 jobs: int | None = None,
                 cache: ResultCache | str | os.PathLike | bool | None = None,
                 progress: bool | None = False,
                 stats: RunStats | None = None,
                 engine: str = "local", scheduler: str | None = None, dask_client=None) -> Report:
    """Check every press source of ``corpus`` against its references.

    ``engine``: "local" (this process or a local process pool) or "dask" (crosscheck.engines.dask:
    the per-article work on a Dask cluster, ``scheduler`` its address, else a LocalCluster; needs
    a corpus with a manifest and the cache, whose record index the workers open).

    ``jobs``: worker processes (None: one per CPU, serial for small corpora; 1: serial).
    ``cache``: a :class:`ResultCache`, a cache folder, True for ``.crosscheck-cache/`` beside the
    manifest, or None/False for no cache. ``progress``: None shows a bar on an interactive
    stderr (never in CI or a pipe), False never, True always.
    """
    t0 = time.perf_counter()
    stats = stats if stats is not None else RunStats()
    rc = _open_cache(corpus, cache, record=index is None)
    ctx = _load_context(corpus, index, rc)
    stats.seconds["context"] = time.perf_counter() - t0
    shared = ctx.shared()

    t1 = time.perf_counter()
    press = corpus.press
    stats.articles = len(press)
    results: dict[str, ArticleResult] = {}
    keys: dict[str, str] = {}
    pending: list[Source] = []
    validity = getattr(ctx, "validity", None)  # [scale] which results a record change left valid
    for source in press:
        if rc is not None:
            keys[source.id] = key = rc.article_key(source)
            if validity is not None and not validity.valid(key, source):
                pending.append(source)
                continue
            raw = rc.get_raw(key)
            hit = _loads(raw, shared) if raw is not None else None
            if isinstance(hit, ArticleResult):
                results[source.id] = hit
                continue
            if raw is not None:
                rc.rejected += 1  # verified bytes that no longer load: rebuilt below
        pending.append(source)
    stats.cached = len(results)
    stats.checked = len(pending)
    stats.seconds["cache_read"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    bar = Progress(len(press), label="checking", unit="articles",
                   enabled=None if progress is None else bool(progress))
    bar.advance(len(results))
    n_jobs = _jobs(jobs, len(pending))
    stats.jobs = n_jobs
    with bar:
        if engine == "dask":  # [scale]
            runner = _run_dask(pending, corpus, rc, ctx, scheduler, dask_client, n_jobs)
        else:
            runner = _run(pending, ctx, n_jobs, want_bytes=rc is not None)
        for source, payload, result in runner:
            if rc is not None:
                rc.put_raw(keys[source.id], payload)
                if validity is not None:
                    validity.note(keys[source.id], source, result, ctx.index.aliases)
            results[source.id] = result
            bar.advance()
    stats.seconds["articles"] = time.perf_counter() - t2

    t3 = time.perf_counter()
    segmented: dict[str, SegmentedSource] = {d.source.id: d for d in ctx.index.docs}
    findings: list[Finding] = []
    alignments: list[Alignment] = []
    uses: list = []
    for source in press:  # corpus order, whatever order the results arrived in
        r = results[source.id]
        segmented[source.id] = SegmentedSource(source, r.releases, r.turns, r.sentences)
        findings += r.findings
        alignments += r.alignments
        findings += r.facts.findings
        uses += r.facts.names
    people = facts.people_groups(ctx.facts, uses)
    links = link_articles(press, results, ctx.facts.events, corpus.references)  # [scale] the records each article reports on
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source, f.span.start, f.kind, f.span.end))
    stats.seconds["merge"] = time.perf_counter() - t3
    if rc is not None:
        stats.rejected = rc.rejected
        if validity is not None:
            validity.save(set(keys.values()))
        rc.prune()
    stats.seconds["total"] = time.perf_counter() - t0
    report = Report(corpus=corpus, findings=findings, alignments=alignments, people=people, segmented=segmented)
    report.links = links
    return report


_CONTEXT_KEY = "context"
USE_RECORD_INDEX = True  # [scale] with a cache: the record index in <cache>/record, not one pickle
RECORD_STATS: dict = {}


def _load_context(corpus: Corpus, index: ReferenceIndex | None, rc: ResultCache | None) -> Context:
    """The context from the cache when it holds one for these references (loading it is ~10x
    faster than building it), else built, and stored for next time."""
    if index is None and rc is not None and USE_RECORD_INDEX:
        # [scale] the persistent compact record index (crosscheck.storage.recordindex)
        from crosscheck.storage import recordindex
        from crosscheck.storage.cache import tool_key
        rindex, rfacts, validity, shared = recordindex.load_context(corpus, rc.root, tool_key(), RECORD_STATS)
        rfacts.aliases = rindex.aliases
        ctx = Context(rindex, rfacts)
        ctx.shared = lambda: shared  # the record's people at positions stable across record changes
        ctx.validity = validity
        return ctx
    if index is None and rc is not None:
        ctx = rc.get(_CONTEXT_KEY)
        if isinstance(ctx, Context) and [d.source.id for d in ctx.index.docs] == [s.id for s in corpus.references]:
            for d in ctx.index.docs:  # the corpus's own Source objects, not the cached copies
                d.source = corpus.get(d.source.id)
            return ctx
    ctx = build_context(corpus, index)
    if index is None and rc is not None:
        rc.put(_CONTEXT_KEY, ctx)
    return ctx


def _open_cache(corpus: Corpus, cache, record: bool = False) -> ResultCache | None:
    if cache is None or cache is False:
        return None
    if isinstance(cache, ResultCache):
        return cache
    if USE_RECORD_INDEX and record:  # [scale] results outlive record changes: see recordindex.Validity
        from crosscheck.storage.cache import CACHE_DIR
        from crosscheck.storage.recordindex import results_key
        if cache is True and not corpus.manifest:
            return None
        folder = Path(corpus.manifest).parent / CACHE_DIR if cache is True else Path(cache)
        return ResultCache(folder, results_key(corpus))
    if cache is True:
        return ResultCache.for_corpus(corpus)
    return ResultCache.for_corpus(corpus, Path(cache))


def _jobs(jobs: int | None, pending: int) -> int:
    if jobs is not None:
        return max(1, min(jobs, pending or 1))
    if pending < PARALLEL_MIN_ARTICLES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, pending // (PARALLEL_MIN_ARTICLES // 2)))


# ---- the per-article stage ---------------------------------------------------------------------

def check_article(source: Source, ctx: Context) -> ArticleResult:
    """Segment one press source, judge its quotes, align its claims and check its facts."""
    seg = segment(source)
    findings, alignments = check_source(source, seg, ctx.index)
    source_facts = facts.check_source_facts(source, seg, alignments, ctx.facts)
    # identities depend on this source alone (a counter per repeated finding within it), so they
    # are computed here, in the worker, not for the whole corpus in the parent
    assign_fingerprints(findings + source_facts.findings, {source.id: source})
    result = ArticleResult(findings, alignments, seg.releases, seg.turns, seg.sentences, source_facts)
    if hasattr(ctx.index, "article_features"):  # [scale] for recordindex.Validity, here in the worker
        spans = [(s.start, s.end) for s in seg.sentences]
        spans += [(f.span.start, f.span.end) for f in findings if f.kind == "quote"]
        result.record_features = ctx.index.article_features(spans)
    return result


def check_source(source, seg, index: ReferenceIndex):
    """Quotes and reported claims of one press source."""
    findings, alignments = [], []
    refs = {d.source.id: d.source for d in index.docs}
    quotes = extract_quotes(source, seg.sentences)
    pre = TextTokens(source.text, index.aliases)
    if hasattr(index, "prefetch"):  # [scale] a compact index looks an article's trigrams up at once
        index.prefetch(pre.tokens)
    for q in quotes:
        alignment, match, passage = align_passage(index, source.id, source.text, q.span, pre=pre)
        findings += judge.judge_quote(q, alignment, match, passage, refs.get(alignment.reference))
    alignments += align_claims(source, seg, index, quotes, pre)
    return findings, alignments


def align_claims(source, seg, index: ReferenceIndex, quotes, pre: TextTokens | None = None) -> list:
    """Each press sentence, aligned to the record passage that best supports it (if any)."""
    out = []
    for sent in seg.sentences:
        alignment, match, passage = align_passage(index, source.id, source.text,
                                                  Span(sent.start, sent.end, sent.text), claim=True, pre=pre,
                                                  viable=judge.may_support_claim)
        # same bar as an attested quotation: a weak match would pair unrelated facts
        if match is not None and match.matched >= 4 and judge.supports_claim(match, passage):
            out.append(alignment)
    return out


# ---- pickling results: objects of the shared context travel as their position -------------------
# [scale] A reducer_override hook, not persistent_id: pickle asks persistent_id about every object
# (every string and number), reducer_override only about class instances, which made pickling
# results twice as fast.

_LOADING = threading.local()  # per thread: the shared objects of the _loads call in progress


def _shared_object(i: int) -> Any:
    """Unpickling: the ``i``-th shared object of the load in progress."""
    shared = _LOADING.shared
    if not 0 <= i < len(shared):
        raise pickle.UnpicklingError(f"unknown shared object {i!r}")
    return shared[i]


class _Pickler(pickle.Pickler):
    def __init__(self, file, shared: list):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = {id(o): i for i, o in enumerate(shared)}

    def reducer_override(self, obj):
        i = self._ids.get(id(obj))
        return NotImplemented if i is None else (_shared_object, (i,))


def _dumps(result: ArticleResult, shared: list) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, shared).dump(result)
    return buf.getvalue()


def _loads(payload: bytes, shared: list) -> Any:
    """The result, or None for a payload that does not load (then it is recomputed)."""
    outer, _LOADING.shared = getattr(_LOADING, "shared", None), shared
    try:
        return pickle.loads(payload)
    except Exception:
        return None
    finally:
        _LOADING.shared = outer


# Worker processes get the context once (inherited through fork, or sent once to each worker),
# never once per article.
_WORKER: dict[str, Any] = {}


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool); a worker that took it
    too would print its own traceback. The worker collects garbage as usual (it is forked while
    the parent's collector is paused: :mod:`crosscheck.collector`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _start_worker(ctx: Context) -> None:
    """Initializer of a spawned (not forked) worker: the context arrives pickled, once."""
    _ignore_interrupts()
    _WORKER["ctx"] = ctx
    _WORKER["shared"] = ctx.shared()


def _work(source: Source) -> bytes:
    return _dumps(check_article(source, _WORKER["ctx"]), _WORKER["shared"])


def _work_range(bounds: tuple[int, int]) -> list[bytes]:
    """[scale] In a forked worker: the inherited articles ``pending[start:stop]``; only two integers
    travel to the worker, never the articles' text."""
    return [_work(source) for source in _WORKER["pending"][slice(*bounds)]]


def _run(pending: list[Source], ctx: Context, jobs: int, want_bytes: bool):
    """(source, pickled result or None, result) for each pending article, in order."""
    shared = ctx.shared()
    if multiprocessing.current_process().daemon:
        jobs = 1  # a pool's worker may not start workers of its own: check serially there
    if jobs <= 1:
        for source in pending:
            result = check_article(source, ctx)
            yield source, _dumps(result, shared) if want_bytes else None, result
        return
    chunk = max(1, min(8, len(pending) // (jobs * 8)))
    if "fork" in multiprocessing.get_all_start_methods():
        # Fork shares the (large, read-only) context and the articles with the workers for free.
        ranges = [(i, min(i + chunk, len(pending))) for i in range(0, len(pending), chunk)]
        executor, batches = _forked(jobs, {"ctx": ctx, "shared": shared, "pending": pending},
                                    lambda ex: ex.map(_work_range, ranges))
        results = (payload for batch in batches for payload in batch)
    else:  # pragma: no cover - macOS/Windows spawn: the context is pickled once per worker
        executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(),
                                       initializer=_start_worker, initargs=(ctx,))
        results = executor.map(_work, pending, chunksize=chunk)
    try:
        with _worker_deaths():
            for source, payload in zip(pending, results):
                result = _loads(payload, shared)
                if result is None:  # pragma: no cover - a worker's own result always loads
                    raise RuntimeError(f"{source.id}: worker result does not load")
                yield source, payload, result
    finally:
        # Ctrl-C or an error: articles not yet started are dropped, running ones end (milliseconds)
        executor.shutdown(wait=True, cancel_futures=True)


def _run_dask(pending, corpus, rc, ctx, scheduler, client, jobs):
    """[scale] Like _run, on Dask (crosscheck.engines.dask): tasks carry article ids."""
    if rc is None or getattr(ctx, "validity", None) is None or not corpus.manifest:
        raise CrosscheckError("--engine dask needs a corpus with a manifest and its cache (the workers open "
                              "the record index in .crosscheck-cache/record)")
    if not pending:
        return
    from crosscheck.engines import dask as dask_engine
    from crosscheck.storage.cache import tool_key

    shared = ctx.shared()
    for source, payload in dask_engine.run(pending, corpus, rc.root, tool_key(), scheduler=scheduler,
                                           workers=max(jobs, 2) if jobs > 1 else 2, client=client):
        result = _loads(payload, shared)
        if result is None:  # pragma: no cover - a worker's own result always loads
            raise RuntimeError(f"{source.id}: worker result does not load")
        yield source, payload, result


_FORK_LOCK = threading.Lock()


def _forked(processes: int, state: dict[str, Any], submit):
    """(executor, what ``submit(executor)`` returns): a process pool whose forked workers start
    with ``state`` in _WORKER (inherited, never pickled). A fork pool starts all its workers at the
    first submission, so the state is set, the work submitted and the state removed under one lock:
    pools started by two threads at once never inherit each other's state. An executor, not a
    multiprocessing.Pool: when a worker dies its pending work fails (BrokenProcessPool) instead of
    waiting forever."""
    with _FORK_LOCK:
        _WORKER.update(state)
        try:
            executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_ignore_interrupts)
            try:
                return executor, submit(executor)
            except BaseException:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
        finally:
            for key in state:
                _WORKER.pop(key, None)


@contextlib.contextmanager
def _worker_deaths():
    """A worker process that died (killed, out of memory) is a one-line error, not a traceback."""
    try:
        yield
    except BrokenProcessPool:
        raise WorkerError("a worker process stopped before finishing its work (killed, or out of "
                          "memory?); nothing was written; --jobs 1 checks in this process") from None


