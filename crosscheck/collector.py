"""[scale] Python's cyclic garbage collector, paused while a large report is built.

Checking a corpus allocates hundreds of thousands of long-lived objects (findings, alignments,
segments) and no reference cycles: reference counting frees everything it discards (measured:
after a check and report.json the collector finds nothing to collect; rendering the HTML page
leaves a few dozen of jinja's, once per page, collected when the pause ends). Yet each
collection of the oldest generation walks every object alive, so the collector's cost grows with
the results kept: at 5,000 articles it was half of the parent process's CPU time, taken from the
workers it shares the cores with. Pausing it made the articles stage ~10% faster there, and writing
report.json (~14%) and report.html (~10%) faster too.

Re-measured after the library stopped pausing it itself (benchmarks/gc_pause.py, 1,000 articles,
2 jobs): 8.5 s paused against 10.3 s running, check, report.json and report.html together. The
command line pauses it for a whole command (``cli.main``); library functions leave it alone, so an
embedding program decides for itself.

The pause is process-wide (the collector has no other switch). It nests, and overlapping uses
from several threads end it only when the last one ends; the collector's state from before the
first is restored, so a caller that had disabled it keeps it disabled.
"""
from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (see the module docstring)."""
    global _depth, _was_enabled
    with _LOCK:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
