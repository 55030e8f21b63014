"""The process pool of the per-article stage: forked workers that inherit the record, results
pickled with the record's objects as references, a worker's death as a one-line error.

Articles are independent of one another given the record, so :func:`run` checks them in a pool
of forked workers when there are enough of them for it to pay (:func:`jobs_for`). The record and
the articles are inherited through fork, never pickled; only two integers (a range of articles)
travel to a worker, and only its pickled results travel back. On platforms without fork the
record is pickled once per worker.
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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from crosscheck.checks.record import Record
from crosscheck.errors import WorkerError
from crosscheck.model import Source

# Below this many articles to check, forking workers costs more than it saves (measured: one
# article takes ~10-60 ms; starting a pool and shipping results back ~50 ms).
PARALLEL_MIN_ARTICLES = 24

Work = Callable[[Source, Record], Any]  # checks one article against the record


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def jobs_for(jobs: int | None, pending: int) -> int:
    """Worker processes for ``pending`` articles: ``jobs`` if given (at most one per article), else
    one per CPU when there are enough articles, serial below :data:`PARALLEL_MIN_ARTICLES`."""
    if jobs is not None:
        return max(1, min(jobs, pending or 1))
    if pending < PARALLEL_MIN_ARTICLES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, pending // (PARALLEL_MIN_ARTICLES // 2)))


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


def dumps(result: Any, shared: list) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, shared).dump(result)
    return buf.getvalue()


def loads(payload: bytes, shared: list) -> Any:
    """The result, or None for a payload that does not load (then it is recomputed)."""
    outer, _LOADING.shared = getattr(_LOADING, "shared", None), shared
    try:
        return pickle.loads(payload)
    except Exception:
        return None
    finally:
        _LOADING.shared = outer


# Worker processes get the record once (inherited through fork, or sent once to each worker),
# never once per article.
_WORKER: dict[str, Any] = {}


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool); a worker that took it
    too would print its own traceback. The worker collects garbage as usual (it is forked while
    the parent's collector is paused: :mod:`crosscheck.collector`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _start_worker(ctx: Record, work: Work) -> None:
    """Initializer of a spawned (not forked) worker: the record arrives pickled, once."""
    _ignore_interrupts()
    _WORKER["ctx"] = ctx
    _WORKER["work"] = work
    _WORKER["shared"] = ctx.shared()


def _work(source: Source) -> bytes:
    return dumps(_WORKER["work"](source, _WORKER["ctx"]), _WORKER["shared"])


def _work_range(bounds: tuple[int, int]) -> list[bytes]:
    """[scale] In a forked worker: the inherited articles ``pending[start:stop]``; only two integers
    travel to the worker, never the articles' text."""
    return [_work(source) for source in _WORKER["pending"][slice(*bounds)]]


def run(pending: list[Source], ctx: Record, jobs: int, want_bytes: bool, work: Work
        ) -> Iterator[tuple[Source, bytes | None, Any]]:
    """(source, pickled result or None, ``work(source, ctx)``) for each pending article, in order."""
    shared = ctx.shared()
    if multiprocessing.current_process().daemon:
        jobs = 1  # a pool's worker may not start workers of its own: check serially there
    if jobs <= 1:
        for source in pending:
            result = work(source, ctx)
            yield source, dumps(result, shared) if want_bytes else None, result
        return
    chunk = max(1, min(8, len(pending) // (jobs * 8)))
    if "fork" in multiprocessing.get_all_start_methods():
        # Fork shares the (large, read-only) context and the articles with the workers for free.
        ranges = [(i, min(i + chunk, len(pending))) for i in range(0, len(pending), chunk)]
        executor, batches = forked(jobs, {"ctx": ctx, "work": work, "shared": shared, "pending": pending},
                                    lambda ex: ex.map(_work_range, ranges))
        results: Iterator[bytes] = (payload for batch in batches for payload in batch)
    else:  # pragma: no cover - macOS/Windows spawn: the context is pickled once per worker
        executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(),
                                       initializer=_start_worker, initargs=(ctx, work))
        results = executor.map(_work, pending, chunksize=chunk)
    try:
        with worker_deaths():
            for source, payload in zip(pending, results):
                result = loads(payload, shared)
                if result is None:  # pragma: no cover - a worker's own result always loads
                    raise RuntimeError(f"{source.id}: worker result does not load")
                yield source, payload, result
    finally:
        # Ctrl-C or an error: articles not yet started are dropped, running ones end (milliseconds)
        executor.shutdown(wait=True, cancel_futures=True)


_FORK_LOCK = threading.Lock()


def forked(processes: int, state: dict[str, Any], submit):
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
def worker_deaths():
    """A worker process that died (killed, out of memory) is a one-line error, not a traceback."""
    try:
        yield
    except BrokenProcessPool:
        raise WorkerError("a worker process stopped before finishing its work (killed, or out of "
                          "memory?); nothing was written; --jobs 1 checks in this process") from None




def worker_state(key: str) -> Any:
    """In a worker started by :func:`forked`: the state it inherited under ``key``."""
    return _WORKER[key]
