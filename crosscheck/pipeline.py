"""The whole check as one function: load -> segment -> extract -> align -> judge -> facts.

Articles are independent of one another given the references, so the per-article work (segment,
extract and judge quotes, align claims, per-article fact checks) runs in a process pool when
there are enough articles for it to pay, and its result can be cached per article
(:mod:`crosscheck.cache`). Only what needs the whole corpus (grouping people across articles,
fingerprints, the final order) runs once, in the parent. Serial, parallel and cached runs give
identical reports: results are merged in corpus order and every step is deterministic.

>>> from crosscheck import load_corpus, check_corpus
>>> report = check_corpus(load_corpus("seeds"))          # doctest: +SKIP
>>> [f.verdict for f in report.findings if f.kind == "quote"][:3]   # doctest: +SKIP
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import judge
from .align import ReferenceIndex, align_passage
from .cache import ResultCache
from .extract import extract_quotes
from .fingerprint import assign_fingerprints
from .model import (Alignment, Corpus, Finding, Release, Report, Segment, SegmentedSource, SEVERITY_RANK,
                    Source, Span, Turn)
from .normalize import AliasTable
from .progress import Progress
from .segment import segment

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
    facts: Any = None  # per-article fact-check result, when facts.py offers a per-source step


@dataclass
class RunStats:
    """What a run did: filled in when ``check_corpus(..., stats=RunStats())`` is given one."""

    articles: int = 0
    cached: int = 0
    checked: int = 0
    rejected: int = 0  # cache entries found corrupt or stale, and rebuilt
    jobs: int = 1
    seconds: dict[str, float] = field(default_factory=dict)


def build_index(corpus: Corpus) -> tuple[ReferenceIndex, dict]:
    segmented = {s.id: segment(s) for s in corpus.references}
    return ReferenceIndex(list(segmented.values()), AliasTable(corpus.aliases)), segmented


def check_corpus(corpus: Corpus, index: ReferenceIndex | None = None, *,
                 jobs: int | None = None,
                 cache: ResultCache | str | os.PathLike | bool | None = None,
                 progress: bool | None = False,
                 stats: RunStats | None = None) -> Report:
    """Check every press source of ``corpus`` against its references.

    ``jobs``: worker processes (None: one per CPU, serial for small corpora; 1: serial).
    ``cache``: a :class:`ResultCache`, a cache folder, True for ``.crosscheck-cache/`` beside the
    manifest, or None/False for no cache. ``progress``: None shows a bar on an interactive
    stderr (never in CI or a pipe), False never, True always.
    """
    t0 = time.perf_counter()
    stats = stats if stats is not None else RunStats()
    rc = _open_cache(corpus, cache)
    press = corpus.press
    stats.articles = len(press)
    results: dict[str, ArticleResult] = {}
    keys: dict[str, str] = {}
    pending: list[Source] = []
    for source in press:
        if rc is not None:
            keys[source.id] = key = rc.article_key(source)
            hit = rc.get(key)
            if isinstance(hit, ArticleResult):
                results[source.id] = hit
                continue
        pending.append(source)
    stats.cached = len(results)
    stats.checked = len(pending)
    stats.seconds["cache_read"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    if index is None:
        # With every article cached and no corpus-level fact step needing it, skip building the
        # reference index: this is what makes an unchanged re-check fast.
        index, segmented = build_index(corpus) if (pending or _facts_need_index()) else (None, {})
        if index is None:
            segmented = {s.id: segment(s) for s in corpus.references}
    else:
        segmented = {d.source.id: d for d in index.docs}
    stats.seconds["index"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    bar = Progress(len(press), label="checking", unit="articles",
                   enabled=None if progress is None else bool(progress))
    bar.advance(len(results))
    n_jobs = _jobs(jobs, len(pending))
    stats.jobs = n_jobs
    with bar:
        for source, payload, result in _run(pending, index, corpus, n_jobs, want_bytes=rc is not None):
            if rc is not None:
                rc.put_raw(keys[source.id], payload)
            results[source.id] = result
            bar.advance()
    stats.seconds["articles"] = time.perf_counter() - t2

    t3 = time.perf_counter()
    findings: list[Finding] = []
    alignments: list[Alignment] = []
    facts_parts = {}
    for source in press:  # corpus order, whatever order the results arrived in
        r = results[source.id]
        segmented[source.id] = SegmentedSource(source, r.releases, r.turns, r.sentences)
        findings += r.findings
        alignments += r.alignments
        facts_parts[source.id] = r.facts
    more, people = _corpus_facts(corpus, segmented, alignments, index, facts_parts)
    findings += more
    assign_fingerprints(findings, {s.id: s for s in corpus.sources})
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source, f.span.start, f.kind))
    stats.seconds["merge"] = time.perf_counter() - t3
    if rc is not None:
        stats.rejected = rc.rejected
        rc.prune()
    stats.seconds["total"] = time.perf_counter() - t0
    return Report(corpus=corpus, findings=findings, alignments=alignments, people=people, segmented=segmented)


def _open_cache(corpus: Corpus, cache) -> ResultCache | None:
    if cache is None or cache is False:
        return None
    if isinstance(cache, ResultCache):
        return cache
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

def check_article(source: Source, index: ReferenceIndex, corpus: Corpus | None = None) -> ArticleResult:
    """Segment one press source, judge its quotes, align its claims and check its facts."""
    seg = segment(source)
    findings, alignments = check_source(source, seg, index)
    facts = _article_facts(source, seg, alignments, index, corpus)
    return ArticleResult(findings, alignments, seg.releases, seg.turns, seg.sentences, facts)


def check_source(source, seg, index: ReferenceIndex):
    """Quotes and reported claims of one press source."""
    findings, alignments = [], []
    refs = {d.source.id: d.source for d in index.docs}
    quotes = extract_quotes(source, seg.sentences)
    for q in quotes:
        alignment, match, passage = align_passage(index, source.id, source.text, q.span)
        findings += judge.judge_quote(q, alignment, match, passage, refs.get(alignment.reference))
    alignments += align_claims(source, seg, index, quotes)
    return findings, alignments


def align_claims(source, seg, index: ReferenceIndex, quotes) -> list:
    """Each press sentence, aligned to the record passage that best supports it (if any)."""
    out = []
    for sent in seg.sentences:
        alignment, match, passage = align_passage(index, source.id, source.text, Span(sent.start, sent.end, sent.text))
        # same bar as an attested quotation: a weak match would pair unrelated facts
        if match is not None and match.matched >= 4 and judge.supports_claim(match, passage):
            out.append(alignment)
    return out


# Worker processes get the index once (inherited through fork, or sent once to each worker),
# never once per article.
_WORKER: dict[str, Any] = {}


def _init_worker(index: ReferenceIndex | None, corpus: Corpus | None) -> None:
    if index is not None:
        _WORKER["index"], _WORKER["corpus"] = index, corpus


def _work(source: Source) -> bytes:
    result = check_article(source, _WORKER["index"], _WORKER["corpus"])
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _run(pending: list[Source], index: ReferenceIndex, corpus: Corpus, jobs: int, want_bytes: bool):
    """(source, pickled result or None, result) for each pending article, in order."""
    if jobs <= 1:
        for source in pending:
            result = check_article(source, index, corpus)
            yield source, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if want_bytes else None, result
        return
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # Fork shares the (large, read-only) index with the workers for free.
        ctx = multiprocessing.get_context("fork")
        _WORKER["index"], _WORKER["corpus"] = index, corpus
        initargs: tuple = (None, None)
    else:  # pragma: no cover - macOS/Windows spawn: the index is pickled once per worker
        ctx = multiprocessing.get_context()
        initargs = (index, corpus)
    chunk = max(1, min(8, len(pending) // (jobs * 8)))
    try:
        with ctx.Pool(jobs, initializer=_init_worker, initargs=initargs) as pool:
            for source, payload in zip(pending, pool.imap(_work, pending, chunksize=chunk)):
                yield source, payload, pickle.loads(payload)
    finally:
        _WORKER.clear()


# ---- fact checks ---------------------------------------------------------------------------------

def _facts_module():
    try:
        from . import facts
    except ImportError:  # facts module not present
        return None
    return facts


def _facts_need_index() -> bool:
    facts = _facts_module()
    return facts is not None and not hasattr(facts, "check_source_facts")


def _article_facts(source, seg, alignments, index, corpus):
    facts = _facts_module()
    if facts is None or not hasattr(facts, "check_source_facts"):
        return None
    return facts.check_source_facts(source, seg, alignments, index, corpus)


def _corpus_facts(corpus, segmented, alignments, index, parts) -> tuple[list[Finding], list[dict]]:
    facts = _facts_module()
    if facts is None:
        return [], []
    if hasattr(facts, "check_source_facts") and hasattr(facts, "group_people"):
        return facts.group_people(corpus, segmented, parts)
    return facts.check_facts(corpus, segmented, alignments, index)
