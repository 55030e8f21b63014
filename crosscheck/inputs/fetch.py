"""Fetch a source from an http(s) URL: a timeout, a size limit, a bounded number of redirects, a
clear user agent, a content-type check, and a one-line SourceError for every failure.

urllib3 (already installed with trafilatura) does the HTTP; nothing is retried.
"""
from __future__ import annotations

import dataclasses
import re

from crosscheck.errors import SourceError
from crosscheck.inputs.extract import ACCEPTED

USER_AGENT = "crosscheck/{version} (press-coverage checker; fetches one page on the user's request)"
TIMEOUT = 20.0          # seconds, for connecting and for each read
MAX_BYTES = 20_000_000  # a transcript PDF is a few MB; a page, a few hundred KB
MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain",
                  "application/octet-stream", "binary/octet-stream")
URL_RE = re.compile(r"^https?://", re.I)


def is_url(s: str) -> bool:
    return bool(URL_RE.match(str(s)))


@dataclasses.dataclass
class Fetched:
    url: str            # the final URL, after redirects
    content_type: str
    raw: bytes


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
          max_redirects: int | None = None) -> Fetched:
    """GET ``url``. Raises SourceError with a one-line message naming the URL and the problem.
    The limits default to the module's TIMEOUT, MAX_BYTES and MAX_REDIRECTS."""
    timeout = TIMEOUT if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    max_redirects = MAX_REDIRECTS if max_redirects is None else max_redirects
    import urllib3
    from urllib3.exceptions import (HTTPError, MaxRetryError, NameResolutionError, NewConnectionError,
                                    ProtocolError, SSLError, TimeoutError as U3Timeout)

    from crosscheck.version import __version__

    http = urllib3.PoolManager(headers={"User-Agent": USER_AGENT.format(version=__version__), "Accept": ", ".join(ACCEPTED_TYPES[:4])},
                               timeout=urllib3.Timeout(connect=timeout, read=timeout))
    retries = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=max_redirects,
                            raise_on_redirect=True, raise_on_status=False)
    try:
        resp = http.request("GET", url, retries=retries, preload_content=False, redirect=True)
    except MaxRetryError as e:
        raise SourceError(f"{url}: {_reason(e.reason, max_redirects)}") from None
    except (NameResolutionError, SSLError, NewConnectionError, U3Timeout, ProtocolError) as e:
        raise SourceError(f"{url}: {_reason(e, max_redirects)}") from None
    except HTTPError as e:
        raise SourceError(f"{url}: cannot fetch: {e}") from None
    except ValueError as e:  # a malformed URL
        raise SourceError(f"{url}: not a valid URL: {e}") from None
    try:
        final = resp.geturl() or url
        if resp.status >= 400:
            raise SourceError(f"{url}: HTTP {resp.status} {resp.reason or ''}".rstrip())
        ctype = resp.headers.get("Content-Type", "")
        base = ctype.split(";")[0].strip().lower()
        if base and base not in ACCEPTED_TYPES:
            raise SourceError(f"{url}: the server sent {base!r}; accepted formats: {ACCEPTED}")
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise SourceError(f"{url}: too large ({int(length):,} bytes; the limit is {max_bytes:,})")
        chunks, size = [], 0
        try:
            for chunk in resp.stream(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{url}: too large (more than {max_bytes:,} bytes)")
                chunks.append(chunk)
        except (U3Timeout, ProtocolError, HTTPError) as e:
            raise SourceError(f"{url}: {_reason(e, max_redirects)}") from None
        return Fetched(url=final, content_type=ctype, raw=b"".join(chunks))
    finally:
        resp.release_conn()


def _reason(e, max_redirects: int) -> str:
    from urllib3.exceptions import (NameResolutionError, NewConnectionError, ProtocolError, ResponseError,
                                    SSLError, TimeoutError as U3Timeout)

    if isinstance(e, NameResolutionError):
        return "host not found (DNS lookup failed)"
    if isinstance(e, SSLError):
        return f"TLS error: {_first_line(e)}"
    if isinstance(e, NewConnectionError):  # before the timeout: urllib3 derives it from ConnectTimeoutError
        return "connection refused or unreachable"
    if isinstance(e, U3Timeout):
        return "timed out"
    if isinstance(e, ResponseError) and "redirect" in str(e):
        return f"too many redirects (more than {max_redirects})"
    if isinstance(e, ProtocolError):
        return f"connection broken: {_first_line(e)}"
    return f"cannot fetch: {_first_line(e)}"


def _first_line(e) -> str:
    s = str(e.args[-1] if getattr(e, "args", None) else e)
    return s.splitlines()[0] if s else type(e).__name__
