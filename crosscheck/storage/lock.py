"""One lock per corpus file, around every read-modify-write of it.

``locked(path)`` takes an exclusive lock on ``.NAME.lock`` beside ``path`` (``filelock``: ``flock`` on
POSIX, ``msvcrt.locking`` on Windows), so the kernel releases it when the holder dies, even by
SIGKILL: a stale lock never blocks the next run. Read the file *inside* the ``with`` block.

The holder writes who it is (pid, host, command, time) into the lock file; a writer that cannot get
the lock within the timeout fails with a one-line ``LockTimeout`` naming the file and that holder,
having changed nothing. The timeout is ``--wait SECONDS`` on the writing commands, else
``$CROSSCHECK_LOCK_TIMEOUT``, else ``DEFAULT_TIMEOUT``.

>>> with locked("seeds/reviews.toml"):   # doctest: +SKIP
...     reviews = load_reviews("seeds/reviews.toml"); ...; save_reviews(reviews)
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from crosscheck.errors import CrosscheckError

ENV_TIMEOUT = "CROSSCHECK_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
_override: float | None = None  # set by the CLI's --wait


class LockTimeout(CrosscheckError):
    """Another process holds the lock on a corpus file for longer than the timeout."""


def set_timeout(seconds: float | None) -> None:
    """The timeout for the rest of this process (the CLI's ``--wait``); None: back to the default."""
    global _override
    _override = seconds


def timeout() -> float:
    if _override is not None:
        return _override
    raw = os.environ.get(ENV_TIMEOUT)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise CrosscheckError(f"${ENV_TIMEOUT}: expected a number of seconds, got {raw!r}") from None
        if value < 0:
            raise CrosscheckError(f"${ENV_TIMEOUT}: expected a number of seconds >= 0, got {raw!r}")
        return value
    return DEFAULT_TIMEOUT


def lock_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(f".{p.name}.lock")


def holder(path: str | os.PathLike) -> str | None:
    """Who holds (or last held) the lock on ``path``, as written by the holder; None if unknown."""
    try:
        text = lock_path(path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    return " ".join(text.split()) or None


def _describe_self() -> str:
    cmd = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv[:4]))
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return f"pid {os.getpid()} on {platform.node()} ({cmd or 'python'}) since {when}"


_held: dict[Path, int] = {}  # lock files this process holds -> depth (re-entrant within a process)


@contextlib.contextmanager
def locked(path: str | os.PathLike, wait: float | None = None) -> Iterator[None]:
    """Hold the lock on ``path`` for the ``with`` block; re-entrant within one process."""
    lp = lock_path(path)
    key = lp.resolve() if lp.parent.exists() else lp.absolute()
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    seconds = timeout() if wait is None else wait
    try:
        lp.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lp), timeout=seconds, thread_local=False)
        lock.acquire()
    except Timeout:
        who = holder(path)
        raise LockTimeout(f"{path}: locked by another crosscheck ({who or 'holder unknown'}); "
                          f"gave up after {seconds:g} s (--wait SECONDS or ${ENV_TIMEOUT} waits longer)") from None
    except OSError as e:
        raise CrosscheckError(f"{path}: cannot lock ({lp}): {e.strerror or e}") from None
    _held[key] = 1
    try:
        try:
            with open(lp, "r+", encoding="utf-8") as fh:  # the lock file stays in place: no truncating open
                fh.truncate(0)
                fh.write(_describe_self() + "\n")
        except OSError:
            pass  # who holds it is a courtesy; the lock itself is what matters
        yield
    finally:
        _held.pop(key, None)
        lock.release()


__all__ = ["DEFAULT_TIMEOUT", "ENV_TIMEOUT", "LockTimeout", "holder", "lock_path", "locked", "set_timeout", "timeout"]
