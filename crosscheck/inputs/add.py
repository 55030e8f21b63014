"""Start a corpus and add sources to it: files (text, HTML, PDF), folders and http(s) URLs.

A plain-text file is copied as it is (or referenced where it is, inside the corpus). An HTML page
or a PDF is stored as its extracted text, ``<id>.txt`` (UTF-8), with the original beside it,
``<id>.html`` / ``<id>.pdf``, named in the manifest's ``original`` key; a URL is recorded in
``url``. Metadata the document gives (title, site name, author, date, canonical URL, language)
fills the manifest's fields the user left empty. Everything is validated and extracted first;
then the files and the manifest are written atomically, and on any failure nothing is left.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from collections.abc import Callable
from typing import cast
from urllib.parse import urlsplit

from crosscheck.errors import ManifestError, SourceError
from crosscheck.inputs.corpus import (ID_RE, MANIFEST_NAME, ROLES, _parse_date, _read_bytes, _toml_str,
                                      parse_manifest, read_manifest_text, slug, write_manifest)
from crosscheck.inputs.extract import EXTS, Extracted, extract_bytes
from crosscheck.inputs.fetch import fetch, is_url
from crosscheck.storage.atomic import atomic_write
from crosscheck.storage.lock import locked

MANIFEST_TEMPLATE = """\
# crosscheck corpus manifest. One [[source]] table per text; `crosscheck add FILE|URL` appends them.
#
# [[source]]
# id = "lemonde-2025-07-13"      # letters, digits and dashes; used in finding ids
# path = "lemonde-2025-07-13.txt" # the text checked, relative to this folder
# role = "press"                 # "reference" (the official record) or "press"
# title = "..."                  # optional: title, outlet, author, published (a date: 2025-07-13),
# outlet = "..."                 #   url, language ("fr"), place, translation (true/false),
# published = 2025-07-13         #   original (the HTML/PDF the text was extracted from)
#
# Spelling variants of one name, so that they count as the same person or place:
# [aliases]
# RPDC = ["Corée du Nord"]
"""

FIELDS = ("title", "outlet", "author", "published", "url", "language", "place", "translation", "original")


def init_corpus(folder: str | os.PathLike = ".") -> Path:
    """Create ``folder`` (if needed) and a commented, empty ``sources.toml`` in it. Never overwrites."""
    root = Path(folder)
    manifest = root / MANIFEST_NAME
    if root.exists() and not root.is_dir():
        raise ManifestError(f"{root}: exists and is not a folder")
    if manifest.exists() or manifest.is_symlink():
        raise ManifestError(f"{manifest}: already exists; not overwritten")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ManifestError(f"{root}: cannot create the folder: {e.strerror or e}") from None
    write_manifest(manifest, MANIFEST_TEMPLATE)
    return manifest


def expand_inputs(inputs: list[str], recursive: bool = False) -> list[str]:
    """Files and URLs as given; a folder's files (text, HTML, PDF; sorted) with ``recursive``."""
    out: list[str] = []
    for item in inputs:
        item = str(item)
        if not is_url(item) and Path(item).is_dir():
            if not recursive:
                raise SourceError(f"{item}: is a folder: use --recursive to add the files in it")
            files = sorted(p for p in Path(item).rglob("*")
                           if p.is_file() and p.suffix.lower() in EXTS - {""} and not p.name.startswith("."))
            if not files:
                raise SourceError(f"{item}: no .txt, .html or .pdf file in this folder")
            out += [str(p) for p in files]
        else:
            out.append(item)
    return out


def load_input(item: str) -> tuple[Extracted, str]:
    """Read or fetch ``item`` and extract it: (extracted, stem for the id)."""
    if is_url(item):
        got = fetch(item)
        ex = extract_bytes(got.raw, item, content_type=got.content_type, url=got.url)
        path = urlsplit(got.url).path.rstrip("/")
        stem = Path(path).stem if path else urlsplit(got.url).hostname or "page"
        return ex, stem
    ex = extract_bytes(_read_bytes(Path(item), item), item)
    return ex, Path(item).stem


def _manifest_for_add(corpus: str | os.PathLike) -> tuple[Path, str]:
    p = Path(corpus)
    if p.is_dir() and not (p / MANIFEST_NAME).exists():
        return p / MANIFEST_NAME, MANIFEST_TEMPLATE  # an empty folder becomes a corpus
    if not p.exists():
        raise ManifestError(f"{p}: no such corpus folder: create it with `crosscheck init {p}`")
    manifest = p / MANIFEST_NAME if p.is_dir() else p
    return manifest, read_manifest_text(manifest)


def add_sources(
    corpus: str | os.PathLike,
    inputs: list[str | os.PathLike],
    role: str = "press",
    *,
    source_id: str | None = None,
    on_warning: Callable[[str], None] | None = None,
    **fields,
) -> list[str]:
    """Add files and URLs to the corpus (created if the folder has no manifest). Returns the new ids.

    ``fields`` (title, outlet, author, published, url, language, place, translation) override what
    the documents say about themselves, for every input. The manifest is read, checked and rewritten
    under its lock (``storage/lock.py``): concurrent adds all land in it, none is lost.
    """
    p = Path(corpus)
    manifest = p / MANIFEST_NAME if p.is_dir() or not p.exists() else p
    if not p.exists():
        _manifest_for_add(corpus)  # the one-line error naming the missing folder
    with locked(manifest):
        return _add_locked(corpus, inputs, role, source_id, on_warning, fields)


def _add_locked(corpus: str | os.PathLike, inputs: list[str | os.PathLike], role: str, source_id: str | None,
                on_warning: Callable[[str], None] | None, fields: dict) -> list[str]:
    """``add_sources`` with the manifest's lock held: read, check, copy, rewrite."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown field {sorted(unknown)[0]!r}")
    manifest, old = _manifest_for_add(corpus)
    entries, _ = parse_manifest(manifest, old, allow_empty=True)
    root = manifest.parent
    m = str(manifest)
    if role not in ROLES:
        raise ManifestError(f"{m}: role must be 'reference' or 'press', got {role!r}")
    items = [str(i) for i in inputs]
    if not items:
        raise SourceError("nothing to add: give files or URLs")
    if source_id is not None and len(items) > 1:
        raise SourceError("--id names one source: give one file or URL with it")
    ids = {e["id"] for e in entries}
    paths = {e["path"].replace("\\", "/") for e in entries} | {
        e["original"].replace("\\", "/") for e in entries if "original" in e}
    writes: list[tuple[Path, bytes]] = []
    blocks: list[list[str]] = []
    warnings: list[str] = []
    new_ids: list[str] = []
    for item in items:
        ex, stem = load_input(item)
        warnings += ex.warnings
        sid = source_id if source_id is not None else slug(stem)
        if not ID_RE.match(sid):
            raise ManifestError(f"{m}: source {sid!r}: id must match [a-z0-9-]+ (use --id)")
        if sid in ids:
            raise ManifestError(f"{m}: source {sid!r}: duplicate id (use --id to choose another)")
        ids.add(sid)
        meta = {k: v for k, v in ex.meta.items() if v}
        meta.update({k: v for k, v in fields.items() if v is not None})
        inside = None
        if not is_url(item):
            try:
                inside = Path(item).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        if ex.kind == "text":
            rel = inside or (Path(item).name if not is_url(item) else f"{sid}.txt")
            files = [] if inside else [(rel, ex.raw)]  # the bytes validated above, not a second read
        else:
            rel = f"{sid}.txt"
            files = [(rel, ex.text.encode("utf-8"))]
            meta["original"] = inside or f"{sid}{ex.extension}"
            if not inside:
                files.append((meta["original"], ex.raw))
        for name in [rel] + ([meta["original"]] if "original" in meta else []):
            if name in paths:
                raise ManifestError(f"{m}: source {sid!r}: {name!r} is already in the manifest")
            paths.add(name)
        for name, data in files:
            dest = root / name
            if dest.exists() or dest.is_symlink():
                raise ManifestError(f"{m}: source {sid!r}: {dest} already exists in the corpus")
            writes.append((dest, data))
        blocks.append(_entry_lines(sid, rel, role, meta, f"{m}: source {sid!r}"))
        new_ids.append(sid)
    nl = "\r\n" if "\r\n" in old else "\n"
    new = old.rstrip("\r\n") + "".join(nl * 2 + nl.join(b) for b in blocks) + nl
    parse_manifest(manifest, new)  # the manifest we are about to write is valid, or nothing happens
    written: list[Path] = []
    try:
        for dest, data in writes:
            atomic_write(dest, data)
            written.append(dest)
        write_manifest(manifest, new)
    except BaseException:
        for dest in written:
            dest.unlink(missing_ok=True)
        raise
    for w in warnings:
        if on_warning is not None:
            on_warning(w)
    return new_ids


def _entry_lines(sid: str, rel: str, role: str, meta: dict, where: str) -> list[str]:
    lines = ["[[source]]", f"id = {_toml_str(sid)}", f"path = {_toml_str(rel)}", f"role = {_toml_str(role)}"]
    for key in ("title", "outlet", "author", "url", "language", "place", "original"):
        if meta.get(key):
            lines.append(f"{key} = {_toml_str(str(meta[key]))}")
    if meta.get("published"):
        published = _parse_date(meta["published"], where)
        lines.append(f"published = {published.isoformat()}")
    if meta.get("translation") is not None:
        lines.append(f"translation = {'true' if meta['translation'] else 'false'}")
    return lines


def load_source(path_or_url: str | os.PathLike, role: str = "press", source_id: str | None = None):
    """One file or URL as a :class:`crosscheck.model.Source`, with the same extraction as
    ``crosscheck add`` (text, HTML, PDF) and the document's metadata.

    >>> load_source("seeds/press-001.txt").language
    'fr'
    """
    from crosscheck.model import Role, Source

    item = str(path_or_url)
    ex, stem = load_input(item)
    meta = ex.meta
    published = meta.get("published")
    return Source(
        id=source_id or slug(stem), role=cast(Role, role), path=item, text=ex.text, title=meta.get("title"),
        outlet=meta.get("outlet"), published=published if isinstance(published, dt.date) else None,
        url=meta.get("url"), language=meta.get("language"), encoding=ex.encoding, sha256=ex.sha256,
    )


def add_source(
    corpus: str | os.PathLike,
    file: str | os.PathLike,
    role: str = "press",
    *,
    source_id: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    language: str | None = None,
    on_warning: Callable[[str], None] | None = None,
    **fields,
) -> str:
    """Validate ``file`` (a text, HTML or PDF file, or an http(s) URL), store it in the corpus and
    append it to the manifest. Returns the new id. See ``inputs/add.py:add_sources``.

    Atomic: on any error (or an interruption) the manifest is unchanged and no copy is left
    behind. A file already inside the corpus folder is referenced where it is, not copied.
    Warnings about the file (legacy encoding, empty text) go to ``on_warning``.

    >>> add_source("seeds", "lemonde.txt", outlet="Le Monde", published="2025-07-13")  # doctest: +SKIP
    'lemonde'
    """
    return add_sources(corpus, [file], role, source_id=source_id, title=title, outlet=outlet,
                       published=published, url=url, language=language, on_warning=on_warning, **fields)[0]
