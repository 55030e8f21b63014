"""[scale] ``--engine dask``: the per-article work on a Dask distributed cluster.

Tasks carry article ids, never texts or the record: each worker process loads the corpus from
its manifest and opens the record index from its own disk once (``recordindex.load_record``,
memory-mapped), then checks the articles it is given (``work``: the pipeline's check_article,
sent by reference) and returns each result pickled as the local pool's workers do
(:func:`crosscheck.parallel.dumps`: the record's people by their stable position). The client keeps what
needs the whole corpus: the cache, the progress display, the merge and the report. Results are
yielded in corpus order, so report.json is the same as with the local pool.

On a real cluster every worker needs the same crosscheck version and the corpus folder (manifest,
texts and its ``.crosscheck-cache/record``) at the same path: a shared file system, or a copy
synced before the run (see docs/scale.md). A worker whose copy of the record index is missing or
out of date builds its own (with the one-line warning) rather than answering from a wrong one.
"""
from __future__ import annotations

import threading
from pathlib import Path

from crosscheck.inputs.corpus import load_corpus
from crosscheck.parallel import Work, dumps
from crosscheck.storage import recordindex
from crosscheck.storage.cache import ResultCache

_OPENED: dict[tuple, tuple] = {}
_LOCK = threading.Lock()


def _worker_record(manifest: str, root: str, tool: str):
    """(corpus, record, shared, press by id) in this worker process, opened once per corpus and record."""
    key = (manifest, root, tool)
    with _LOCK:
        hit = _OPENED.get(key)
        if hit is None:
            corpus = load_corpus(manifest)
            record = recordindex.load_record(corpus, root, tool)
            _OPENED.clear()  # one corpus at a time per worker: keep memory flat
            hit = _OPENED[key] = (corpus, record, record.shared(), {s.id: s for s in corpus.press})
        return hit


def check_ids(manifest: str, root: str, tool: str, ids: list[str], digests: list[str], work: Work) -> list[bytes]:
    """On a worker: the pickled results of articles ``ids``. ``digests``: the client's article
    keys; an article whose text on the worker differs from the client's is an error, not a
    silently different report."""
    corpus, record, shared, press = _worker_record(manifest, root, tool)
    out = []
    for sid, digest in zip(ids, digests):
        source = press.get(sid)
        if source is None or ResultCache.article_key(source) != digest:
            raise RuntimeError(f"{sid}: this worker's copy of the corpus differs from the client's")
        out.append(dumps(work(source, record), shared))
    return out


def run(pending: list, corpus, root: Path, tool: str, work: Work, scheduler: str | None = None,
        workers: int | None = None, chunk: int = 8, client=None):
    """(source, payload) for each pending article, in order, computed on Dask."""
    from distributed import Client, LocalCluster, as_completed

    own = None
    if client is None:
        if scheduler:
            client = own = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = own = Client(cluster)
    try:
        manifest = str(Path(corpus.manifest).resolve())
        batches = [pending[i:i + chunk] for i in range(0, len(pending), chunk)]
        futures = [client.submit(check_ids, manifest, str(root), tool, [s.id for s in b],
                                 [ResultCache.article_key(s) for s in b], work, pure=False) for b in batches]
        order = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, list[bytes]] = {}
        nxt = 0
        for fut in as_completed(futures):
            done[order[fut.key]] = fut.result()
            while nxt in done:
                yield from zip(batches[nxt], done.pop(nxt))
                nxt += 1
    finally:
        if own is not None:
            owned_cluster = getattr(own, "cluster", None)
            own.close()
            if owned_cluster is not None and not scheduler:
                owned_cluster.close()
