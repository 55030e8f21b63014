"""A progress bar for long checks: on an interactive terminal only, never in CI logs or pipes.

    checking  420/1000 articles [#########...........]  42%  95.3/s  6s left

It is drawn on stderr, at most ten times a second, and only once a run has lasted half a second
(a quick check prints nothing). ``enabled=None`` decides from the stream: it must be a terminal
(``isatty()``) and the ``CI`` environment variable unset (or ``0``/``false``), as CI services set it.

>>> with Progress(1000, label="checking") as bar:          # doctest: +SKIP
...     for article in articles:
...         bar.advance()
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def interactive(stream: TextIO | None = None) -> bool:
    """True when ``stream`` (default stderr) is a terminal and we are not running under CI."""
    stream = sys.stderr if stream is None else stream
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or exotic streams
        return False


class Progress:
    DELAY = 0.5  # seconds before the bar first appears
    INTERVAL = 0.1  # seconds between redraws
    WIDTH = 20

    def __init__(self, total: int, label: str = "checking", unit: str = "articles",
                 stream: TextIO | None = None, enabled: bool | None = None):
        self.total = total
        self.label = label
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.enabled = interactive(self.stream) if enabled is None else enabled
        self.done = 0
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self.DELAY or (now - self._last_draw < self.INTERVAL and self.done < self.total):
            return
        self._last_draw = now
        self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The bar's text (without the carriage return)."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self._start, 1e-9)
        rate = self.done / elapsed
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * self.WIDTH)
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = "--" if left == float("inf") else _duration(left)
        width = len(str(self.total))
        return (f"{self.label} {self.done:>{width}}/{self.total} {self.unit} "
                f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {100 * frac:3.0f}%  {rate:.1f}/s  {eta} left")

    def _draw(self, now: float) -> None:
        try:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()
            self._drawn = True
        except (OSError, ValueError):
            self.enabled = False

    def close(self) -> None:
        """Erase the bar, so that what follows starts on a clean line."""
        if self._drawn:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self._drawn = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m}m{s:02d}s"
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m"
