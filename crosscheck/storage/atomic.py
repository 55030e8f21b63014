"""Write files so that a reader sees either the old content or the new, never half of it."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from crosscheck.errors import CrosscheckError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``.

    If anything fails (an exception, KeyboardInterrupt) the previous file is left intact
    and the temporary file is removed. An OS error (read-only folder, disk full) becomes a
    one-line CrosscheckError naming the file. The new file keeps the old one's permissions
    (a new file gets the usual ones for the umask, not mkstemp's private 0600).

    >>> atomic_write("reports/report.json", "{}")   # doctest: +SKIP
    """
    path = Path(path)
    tmp = write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException as e:
        _discard(tmp, path, e)
        raise


def write_temp(path: str | os.PathLike, data: str | bytes) -> Path:
    """The first half of ``atomic_write``: ``data`` complete and fsynced in a temporary file beside
    ``path``, with ``path``'s permissions; the caller renames it (``os.replace``) or removes it."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as e:
        raise CrosscheckError(f"{path}: cannot write: {e.strerror or e}") from e
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise CrosscheckError(f"{path}: cannot write: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException as e:
        _discard(tmp, path, e)
        raise
    return Path(tmp)


def _discard(tmp: str | os.PathLike, path: Path, error: BaseException) -> None:
    """Remove a temporary file after a failed write; an OSError becomes the one-line error naming ``path``
    (anything else, an interruption, is re-raised by the caller as it is)."""
    try:
        os.unlink(tmp)
    except OSError:
        pass
    if isinstance(error, OSError):
        raise CrosscheckError(f"{path}: cannot write: {error.strerror or error}") from error
