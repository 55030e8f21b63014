"""The whole check as one function, its stages in order: load the record -> read the cache ->
check each article (segment -> extract quotes -> align -> judge -> facts) -> merge.

Articles are independent of one another given the record (:mod:`crosscheck.checks.record`), so
the per-article stage runs in a process pool when there are enough articles for it to pay
(:mod:`crosscheck.parallel`), and its result can be cached per article
(:mod:`crosscheck.storage.cache`). Only what needs the whole corpus (grouping people across articles,
the final order) runs once, in the parent. Serial, parallel and cached runs give identical
reports: results are merged in corpus order and every step is deterministic.

>>> from crosscheck import load_corpus, check_corpus
>>> report = check_corpus(load_corpus("seeds"))          # doctest: +SKIP
>>> [f.verdict for f in report.findings if f.kind == "quote"][:3]   # doctest: +SKIP
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck import parallel
from crosscheck.checks import facts, judge, verdicts
from crosscheck.checks.align import ReferenceIndex, TextTokens, align_passage
from crosscheck.checks.extract import extract_quotes
from crosscheck.checks.fingerprint import assign_fingerprints
from crosscheck.checks.link import link_articles
from crosscheck.checks.record import Record, build_record, record_facts
from crosscheck.checks.segment import segment
from crosscheck.model import (SEVERITY_RANK, Alignment, Corpus, Finding, Release, Report, Segment, SegmentedSource,
                              Source, Span, Turn)
from crosscheck.errors import CrosscheckError
from crosscheck.storage.cache import CACHE_DIR, ResultCache, tool_key
from crosscheck.text.normalize import AliasTable

Progress = Callable[[int, int], None]  # progress(articles done, articles in all)

# Above this many characters of record, the record's people and events are built in a second
# process while this one builds the trigram index (each takes ~0.2 s per 500 KB; forking and
# sending the result back ~30 ms).
PARALLEL_CONTEXT_MIN_CHARS = 200_000


@dataclass
class ArticleResult:
    """Everything the per-article stage produces; what the cache stores (without the Source)."""

    findings: list[Finding]
    alignments: list[Alignment]
    releases: list[Release]
    turns: list[Turn]
    sentences: list[Segment]
    facts: facts.SourceFacts  # fact findings and name uses (for the people groups)
    # [scale] hashes of the article's words and votable trigrams (storage.recordindex.Validity):
    # computed in the worker when the record is a compact index, else None
    record_features: object = None


@dataclass
class RunStats:
    """What a run did: filled in when ``check_corpus(..., stats=RunStats())`` is given one."""

    articles: int = 0
    cached: int = 0
    checked: int = 0
    rejected: int = 0  # cache entries found corrupt or stale, and rebuilt
    jobs: int = 1
    seconds: dict[str, float] = field(default_factory=dict)


def check_corpus(corpus: Corpus, record: Record | None = None, *,
                 jobs: int | None = None,
                 cache: ResultCache | str | os.PathLike | bool | None = None,
                 progress: Progress | None = None,
                 stats: RunStats | None = None,
                 engine: str = "local", scheduler: str | None = None, dask_client=None) -> Report:
    """Check every press source of ``corpus`` against its references.

    ``record``: the references' :class:`Record`, when the caller built it (else built here, or
    loaded from the cache). ``jobs``: worker processes (None: one per CPU, serial for small
    corpora; 1: serial). ``cache``: a :class:`ResultCache`, a cache folder, True for
    ``.crosscheck-cache/`` beside the manifest, or None/False for no cache. ``progress``: called
    as ``progress(done, total)`` once the cache is read and after each article.

    ``engine``: "local" (this process or a local process pool) or "dask" (crosscheck.engines.dask:
    the per-article work on a Dask cluster, ``scheduler`` its address, else ``dask_client`` or a
    LocalCluster; needs a corpus with a manifest and the cache, whose record index the workers open).
    """
    t0 = time.perf_counter()
    stats = stats if stats is not None else RunStats()
    rc = _open_cache(corpus, cache, record=record is None)

    # 1. the record: what every article is checked against
    record = _load_record(corpus, record, rc)
    stats.seconds["context"] = time.perf_counter() - t0

    # 2. the cache: articles checked before, with the same text and the same record
    t1 = time.perf_counter()
    press = corpus.press
    stats.articles = len(press)
    results, keys, pending = _cached_results(press, record, rc)
    stats.cached, stats.checked = len(results), len(pending)
    stats.seconds["cache_read"] = time.perf_counter() - t1

    # 3. the other articles, each on its own (in a process pool when there are enough)
    t2 = time.perf_counter()
    if progress is not None:
        progress(len(results), len(press))
    stats.jobs = n_jobs = parallel.jobs_for(jobs, len(pending))
    validity = getattr(record, "validity", None)  # [scale] which results a record change left valid
    if engine == "dask":  # [scale]
        runner = _run_dask(pending, corpus, rc, record, scheduler, dask_client, n_jobs)
    else:
        runner = parallel.run(pending, record, n_jobs, rc is not None, check_article)
    for source, payload, result in runner:
        if rc is not None:
            assert payload is not None  # run() returns payloads when asked to (rc is not None)
            rc.put_raw(keys[source.id], payload)
            if validity is not None:
                validity.note(keys[source.id], source, result, record.aliases)
        results[source.id] = result
        if progress is not None:
            progress(len(results), len(press))
    stats.seconds["articles"] = time.perf_counter() - t2

    # 4. the corpus: every article's results in corpus order, people grouped across articles
    t3 = time.perf_counter()
    report = _merge(corpus, record, results)
    stats.seconds["merge"] = time.perf_counter() - t3
    if rc is not None:
        stats.rejected = rc.rejected
        if validity is not None:
            validity.save(set(keys.values()))
        rc.prune()
    stats.seconds["total"] = time.perf_counter() - t0
    return report


# ---- 1. the record ---------------------------------------------------------------------------------

_RECORD_KEY = "context"
USE_RECORD_INDEX = True  # [scale] with a cache: the record index in <cache>/record, not one pickle
RECORD_STATS: dict = {}  # [scale] what the last load of the record index did (storage.recordindex)


def _load_record(corpus: Corpus, record: Record | None, rc: ResultCache | None) -> Record:
    """``record``, or the record from the cache when it holds one for these references (loading
    it is ~10x faster than building it), else built, and stored for next time. [scale] With the
    record index (:mod:`crosscheck.storage.recordindex`), the cache holds the record as compact
    arrays updated per transcript, and says which cached article results a change left valid."""
    if record is not None:
        return record
    if rc is not None and USE_RECORD_INDEX:
        from crosscheck.storage import recordindex  # numpy: only when a cache is used

        return recordindex.load_record(corpus, rc.root, tool_key(), RECORD_STATS)
    if rc is not None:
        cached = rc.get(_RECORD_KEY)
        if isinstance(cached, Record) and list(cached.references) == [s.id for s in corpus.references]:
            for d in cached.references.values():  # the corpus's own Source objects, not the cached copies
                d.source = corpus.get(d.source.id)
            return cached
    record = corpus_record(corpus)
    if rc is not None:
        rc.put(_RECORD_KEY, record)
    return record


def corpus_record(corpus: Corpus) -> Record:
    """The record of ``corpus``'s references (segmented, indexed, their people and events)."""
    segmented = [segment(s) for s in corpus.references]
    aliases = AliasTable(corpus.aliases)
    if sum(len(s.text) for s in corpus.references) < PARALLEL_CONTEXT_MIN_CHARS or not parallel.can_fork():
        return build_record(segmented, aliases)
    # [scale] the trigram index and the people and events are independent: build them on both cores
    executor, pending = parallel.forked(1, {"record": segmented}, lambda ex: ex.submit(_record_facts))
    with executor, parallel.worker_deaths():
        index = ReferenceIndex(segmented, aliases)
        people, mentions, events = pending.result()
    return Record({s.source.id: s for s in segmented}, aliases, index, people, mentions, events)


def _record_facts():
    return record_facts(parallel.worker_state("record"))


def build_index(corpus: Corpus) -> tuple[ReferenceIndex, dict]:
    """The trigram index of ``corpus``'s references alone (and the segmented references)."""
    segmented = {s.id: segment(s) for s in corpus.references}
    return ReferenceIndex(list(segmented.values()), AliasTable(corpus.aliases)), segmented


# ---- 2. the cache ----------------------------------------------------------------------------------

def _open_cache(corpus: Corpus, cache, record: bool = False) -> ResultCache | None:
    """The result cache; ``record``: the record will be loaded from it (then, with the record
    index, results are keyed without the transcripts: recordindex.Validity decides which results
    a record change affects)."""
    if cache is None or cache is False:
        return None
    if isinstance(cache, ResultCache):
        return cache
    if USE_RECORD_INDEX and record:  # [scale] results outlive record changes
        from crosscheck.storage.recordindex import results_key

        if cache is True and not corpus.manifest:
            return None
        folder = Path(str(corpus.manifest)).parent / CACHE_DIR if cache is True else Path(cache)
        return ResultCache(folder, results_key(corpus))
    if cache is True:
        return ResultCache.for_corpus(corpus)
    return ResultCache.for_corpus(corpus, Path(cache))


def _cached_results(press: list[Source], record: Record, rc: ResultCache | None
                    ) -> tuple[dict[str, ArticleResult], dict[str, str], list[Source]]:
    """(results found in the cache, every article's cache key, the articles left to check)."""
    results: dict[str, ArticleResult] = {}
    keys: dict[str, str] = {}
    pending: list[Source] = []
    shared = record.shared()
    validity = getattr(record, "validity", None)  # [scale] which results a record change left valid
    for source in press:
        if rc is not None:
            keys[source.id] = key = rc.article_key(source)
            if validity is not None and not validity.valid(key, source):
                pending.append(source)
                continue
            raw = rc.get_raw(key)
            hit = parallel.loads(raw, shared) if raw is not None else None
            if isinstance(hit, ArticleResult):
                results[source.id] = hit
                continue
            if raw is not None:
                rc.rejected += 1  # verified bytes that no longer load: rebuilt below
        pending.append(source)
    return results, keys, pending


# ---- 3. one article --------------------------------------------------------------------------------

def check_article(source: Source, record: Record) -> ArticleResult:
    """Segment one press source, judge its quotes, align its claims and check its facts."""
    seg = segment(source)
    findings, alignments = check_source(source, seg, record.index)
    quoted = [(f.span.start, f.span.end) for f in findings
              if f.kind == "quote" and f.reference_span is not None and f.verdict != "unattested"]
    source_facts = facts.check_source_facts(source, seg, alignments, record, quoted)
    # identities depend on this source alone (a counter per repeated finding within it), so they
    # are computed here, in the worker, not for the whole corpus in the parent
    assign_fingerprints(findings + source_facts.findings, {source.id: source})
    result = ArticleResult(findings, alignments, seg.releases, seg.turns, seg.sentences, source_facts)
    if hasattr(record.index, "article_features"):  # [scale] for recordindex.Validity, here in the worker
        spans = [(s.start, s.end) for s in seg.sentences]
        spans += [(f.span.start, f.span.end) for f in findings if f.kind == "quote"]
        result.record_features = record.index.article_features(spans)
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
        findings += judge.judge_quote(q, alignment, match, passage, refs.get(alignment.reference), index=index)  # type: ignore[arg-type]  # None gives None
    alignments += align_claims(source, seg, index, quotes, pre)
    return findings, alignments


def align_claims(source, seg, index: ReferenceIndex, quotes, pre: TextTokens | None = None) -> list:
    """Each press sentence, aligned to the record passage that best supports it (if any)."""
    out = []
    for sent in seg.sentences:
        alignment, match, passage = align_passage(index, source.id, source.text,
                                                  Span(sent.start, sent.end, sent.text), claim=True, pre=pre,
                                                  viable=verdicts.may_support_claim)
        # same bar as an attested quotation: a weak match would pair unrelated facts
        if match is not None and match.matched >= 4 and verdicts.supports_claim(match, passage):
            out.append(alignment)
    return out


# ---- 4. the corpus ---------------------------------------------------------------------------------

def _merge(corpus: Corpus, record: Record, results: dict[str, ArticleResult]) -> Report:
    segmented: dict[str, SegmentedSource] = dict(record.references)
    findings: list[Finding] = []
    alignments: list[Alignment] = []
    uses: list = []
    for source in corpus.press:  # corpus order, whatever order the results arrived in
        r = results[source.id]
        segmented[source.id] = SegmentedSource(source, r.releases, r.turns, r.sentences)
        findings += r.findings
        alignments += r.alignments
        findings += r.facts.findings
        uses += r.facts.names
    people = facts.people_groups(record, uses)
    links = link_articles(corpus.press, results, record.events, corpus.references)  # [scale] checks/link.py
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source, f.span.start, f.kind, f.span.end))
    return Report(corpus=corpus, findings=findings, alignments=alignments, people=people, segmented=segmented,
                  links=links)


def _run_dask(pending: list[Source], corpus: Corpus, rc: ResultCache | None, record: Record, scheduler, client,
              jobs: int):
    """[scale] Like parallel.run, on Dask (crosscheck.engines.dask): tasks carry article ids."""
    if rc is None or getattr(record, "validity", None) is None or not corpus.manifest:
        raise CrosscheckError("--engine dask needs a corpus with a manifest and its cache (the workers open "
                              "the record index in .crosscheck-cache/record)")
    if not pending:
        return
    from crosscheck.engines import dask as dask_engine

    shared = record.shared()
    for source, payload in dask_engine.run(pending, corpus, rc.root, tool_key(), check_article, scheduler=scheduler,
                                           workers=max(jobs, 2), client=client):
        result = parallel.loads(payload, shared)
        if result is None:  # pragma: no cover - a worker's own result always loads
            raise RuntimeError(f"{source.id}: worker result does not load")
        yield source, payload, result
