"""Per-article result cache, so that re-checking a corpus only re-checks what changed.

Layout, beside the manifest::

    .crosscheck-cache/
        <context key>/              one folder per (tool version + code, references + aliases)
            <article key>.pickle    one file per article result

The *context key* hashes crosscheck's version and the bytes of its own code, every reference
(id, metadata, text, in corpus order) and the aliases: when any of them changes, every article
must be re-checked, and the old folder is pruned. The *article key* hashes the article's id,
metadata and text. An article result depends on nothing else, so a hit is always the result a
fresh run would compute.

Each entry is ``MAGIC`` + the context key + the SHA-256 of the pickled payload + the payload.
A file whose header or digest does not match (truncated, edited, written by another version) is
never unpickled: it counts as a miss and is rewritten. Entries are written atomically
(:func:`crosscheck.storage.atomic.atomic_write`), so a killed run leaves either the old entry or the new.

>>> cache = ResultCache.for_corpus(corpus)                 # doctest: +SKIP
>>> cache.get(cache.article_key(source)) is None           # doctest: +SKIP
True
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from crosscheck.storage.atomic import atomic_write
from crosscheck.errors import CrosscheckError
from crosscheck.model import Corpus, Source
from crosscheck.version import __version__

CACHE_DIR = ".crosscheck-cache"
FORMAT = 1
MAGIC = b"crosscheck-cache\x00"
_SUFFIX = ".pickle"


@lru_cache(maxsize=1)
def tool_key() -> str:
    """crosscheck's version and a digest of its own code and data files: any edit to the tool
    (a new release or a developer's working tree) invalidates every cached result."""
    h = hashlib.sha256(f"crosscheck {__version__} cache format {FORMAT}".encode())
    h.update(code_digest(Path(__file__).resolve().parents[1]).encode())
    return h.hexdigest()


def code_digest(folder: Path) -> str:
    """SHA-256 over the names and contents of the code and data files under ``folder``
    (not compiled files or templates, which do not change a check's result)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".toml", ".json", ".tsv", ".csv"):
            h.update(path.relative_to(folder).as_posix().encode() + b"\x00")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _source_digest(source: Source) -> bytes:
    h = hashlib.sha256(json.dumps(source.meta(), sort_keys=True, ensure_ascii=False).encode())
    h.update(b"\x00")
    h.update(source.text.encode("utf-8", "surrogatepass"))
    return h.digest()


def context_key(corpus: Corpus) -> str:
    """Everything an article's result depends on besides the article: the tool, the references
    in corpus order (their order breaks ties between equally good passages) and the aliases."""
    h = hashlib.sha256(tool_key().encode())
    for s in corpus.references:
        h.update(_source_digest(s))
    h.update(json.dumps(corpus.aliases, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


class ResultCache:
    """A folder of per-article results for one context (tool + references + aliases)."""

    def __init__(self, folder: str | os.PathLike, context: str):
        self.root = Path(folder)
        self.context = context
        self.folder = self.root / context[:32]
        self.hits = self.misses = self.rejected = self.written = 0
        self._used: set[str] = set()

    @classmethod
    def for_corpus(cls, corpus: Corpus, folder: str | os.PathLike | None = None) -> ResultCache | None:
        """The cache beside the corpus's manifest (or in ``folder``); None for ad-hoc corpora
        without a manifest and no folder given."""
        if folder is None:
            if not corpus.manifest:
                return None
            folder = Path(corpus.manifest).parent / CACHE_DIR
        return cls(folder, context_key(corpus))

    @staticmethod
    def article_key(source: Source) -> str:
        return hashlib.sha256(b"article\x00" + _source_digest(source)).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / (key[:40] + _SUFFIX)

    def get(self, key: str) -> Any | None:
        """The cached payload for ``key``, or None (missing, corrupt or stale: never trusted)."""
        payload = self.get_raw(key)
        if payload is None:
            return None
        try:
            value = pickle.loads(payload)
        except Exception:  # a payload that passed the digest but no longer unpickles
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        return value

    def get_raw(self, key: str) -> bytes | None:
        """Like :meth:`get` but returns the verified pickled payload without loading it."""
        self._used.add(key)
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = self._verified(raw)
        if payload is None:
            self.rejected += 1
            self.misses += 1
        return payload

    def _verified(self, raw: bytes) -> bytes | None:
        header_len = len(MAGIC) + 2 + 64 + 1 + 64 + 1
        if len(raw) < header_len or not raw.startswith(MAGIC):
            return None
        pos = len(MAGIC)
        if raw[pos:pos + 2] != f"{FORMAT:02d}".encode():
            return None
        pos += 2
        if raw[pos:pos + 64].decode("ascii", "replace") != self.context or raw[pos + 64:pos + 65] != b"\n":
            return None
        pos += 65
        digest = raw[pos:pos + 64]
        payload = raw[pos + 65:]
        if raw[pos + 64:pos + 65] != b"\n" or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        return payload

    def put_raw(self, key: str, payload: bytes) -> None:
        """Store an already pickled payload, atomically. A cache that cannot be written is not an
        error (the check's result does not depend on it): the entry is just not kept."""
        self._used.add(key)
        data = b"".join([
            MAGIC, f"{FORMAT:02d}".encode(), self.context.encode(), b"\n",
            hashlib.sha256(payload).hexdigest().encode(), b"\n", payload,
        ])
        try:
            atomic_write(self._path(key), data)
        except CrosscheckError:
            return
        self.written += 1

    def put(self, key: str, value: Any) -> None:
        self.put_raw(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> int:
        """Remove other contexts' folders and entries this run did not use. Returns files removed."""
        removed = 0
        try:
            siblings = list(self.root.iterdir()) if self.root.is_dir() else []
        except OSError:
            return 0
        for d in siblings:
            if d.is_dir() and d.name != self.folder.name and len(d.name) == 32:
                shutil.rmtree(d, ignore_errors=True)
                removed += 1
        keep = {key[:40] + _SUFFIX for key in self._used}
        try:
            entries = list(self.folder.iterdir()) if self.folder.is_dir() else []
        except OSError:
            return removed
        for f in entries:
            if f.name.endswith(_SUFFIX) and f.name not in keep:
                try:
                    f.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
