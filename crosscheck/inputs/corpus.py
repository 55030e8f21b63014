"""Stage 1: load the corpus (manifest + sources), decoding each file robustly.

Offsets everywhere in crosscheck index ``Source.text``: the file decoded, with CRLF and CR
turned into LF (what Python's ``open()`` in text mode gives).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from pathlib import Path
from typing import cast

from crosscheck.storage.atomic import atomic_write
from crosscheck.errors import ManifestError, SourceError
from crosscheck.model import Corpus, Role, Source
from crosscheck.inputs.decode import decode_bytes, _looks_binary, _strict  # noqa: F401  (decode_bytes re-exported)

MANIFEST_NAME = "sources.toml"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_KEYS = {
    "id", "path", "role", "title", "outlet", "published", "url", "language", "place", "translation",
    "author", "original", "note",
}
REQUIRED_KEYS = ("id", "path", "role")
TOP_KEYS = {"source", "aliases", "corpus"}
ROLES = ("reference", "press")


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{display}: file not found") from None
    except IsADirectoryError:
        raise SourceError(f"{display}: is a directory, not a file") from None
    except OSError as e:
        raise SourceError(f"{display}: cannot read: {e.strerror or e}") from None


def read_source_file(path: Path, display: str) -> tuple[str, str, list[str], str]:
    """(text, encoding, warnings, sha256 of the raw bytes) of one source file: plain text decoded,
    HTML and PDF extracted (inputs/extract.py)."""
    from crosscheck.inputs.extract import extract_bytes

    ex = extract_bytes(_read_bytes(path, display), display, metadata=False)
    return ex.text, ex.encoding, ex.warnings, ex.sha256


def find_manifest(corpus: str | os.PathLike) -> Path:
    p = Path(corpus)
    if p.is_dir():
        p = p / MANIFEST_NAME
    if not p.exists():
        raise ManifestError(f"{p}: manifest not found")
    return p


def read_manifest_text(manifest: Path) -> str:
    """The manifest as text, newlines kept as written (``crosscheck add`` preserves them)."""
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError:
        raise ManifestError(f"{manifest}: not UTF-8") from None
    except OSError as e:
        raise ManifestError(f"{manifest}: cannot read: {e.strerror or e}") from None


def parse_manifest(manifest: Path, text: str | None = None,
                   allow_empty: bool = False) -> tuple[list[dict], dict[str, list[str]]]:
    """Validate the manifest's structure and return (source entries, aliases).

    ``text`` is the manifest's content when it is not (yet) the file's: ``add_source`` validates
    the manifest it is about to write before writing it.
    """
    m = str(manifest)
    if text is None:
        text = read_manifest_text(manifest)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ManifestError(f"{m}: invalid TOML: {err}") from None
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ManifestError(f"{m}: unknown top-level key {unknown[0]!r} (expected [[source]] and [aliases])")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(f"{m}: 'source' must be an array of tables ([[source]])")
    if not entries and not allow_empty:  # ``crosscheck add`` fills a new corpus
        raise ManifestError(f"{m}: no [[source]] entries")
    seen: set[str] = set()
    for n, e in enumerate(entries, 1):
        label = f"source {e['id']!r}" if isinstance(e.get("id"), str) else f"source #{n}"
        for key in REQUIRED_KEYS:
            if key not in e:
                raise ManifestError(f"{m}: {label}: missing key {key!r}")
        bad = sorted(set(e) - SOURCE_KEYS)
        if bad:
            raise ManifestError(f"{m}: {label}: unknown key {bad[0]!r}")
        if not isinstance(e["id"], str) or not ID_RE.match(e["id"]):
            raise ManifestError(f"{m}: {label}: id must match [a-z0-9-]+, got {e['id']!r}")
        if e["id"] in seen:
            raise ManifestError(f"{m}: {label}: duplicate id")
        seen.add(e["id"])
        if e["role"] not in ROLES:
            raise ManifestError(f"{m}: {label}: role must be 'reference' or 'press', got {e['role']!r}")
        for key in ("path", "title", "outlet", "url", "language", "place", "author", "original"):
            if key in e and not isinstance(e[key], str):
                raise ManifestError(f"{m}: {label}: {key} must be a string")
        if "translation" in e and not isinstance(e["translation"], bool):
            raise ManifestError(f"{m}: {label}: translation must be true or false")
        if "published" in e:
            e["published"] = _parse_date(e["published"], f"{m}: {label}")
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in aliases.values()
    ):
        raise ManifestError(f"{m}: [aliases] values must be lists of strings")
    return entries, aliases


def as_date(value) -> dt.date | None:
    """A TOML date, datetime or ISO string as a date; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _parse_date(value, where: str) -> dt.date:
    if (d := as_date(value)) is not None:
        return d
    raise ManifestError(f"{where}: published must be a date like 2025-07-12, got {value!r}")


def resolve_inside(root: Path, rel: str, where: str) -> Path:
    """Return root/rel, refusing absolute paths, '..' and symlinks that lead outside root."""
    if not rel or os.path.isabs(rel) or rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel):
        raise ManifestError(f"{where}: path {rel!r} must be relative to the manifest's folder")
    # Manifests written on Windows use backslashes: treat both as separators everywhere.
    parts = [p for p in re.split(r"[\\/]", rel) if p not in ("", ".")]
    if ".." in parts:
        raise ManifestError(f"{where}: path {rel!r} leaves the corpus folder")
    if not parts:
        raise ManifestError(f"{where}: path {rel!r} names no file")
    real_root = root.resolve()
    target = root.joinpath(*parts).resolve()
    if target != real_root and real_root not in target.parents:
        raise ManifestError(f"{where}: path {rel!r} leaves the corpus folder (symlink to {target})")
    return target


def load_corpus(corpus: str | os.PathLike) -> Corpus:
    """Load a corpus folder (or its sources.toml). Raises ManifestError / SourceError."""
    manifest = find_manifest(corpus)
    entries, aliases = parse_manifest(manifest)
    root = manifest.parent
    sources: list[Source] = []
    warnings: list[str] = []
    for e in entries:
        where = f"{manifest}: source {e['id']!r}"
        path = resolve_inside(root, e["path"], where)
        if path.is_dir():
            raise ManifestError(f"{where}: path {e['path']!r} is a folder, not a file")
        if not path.is_file():
            raise ManifestError(f"{where}: file {e['path']!r} not found")
        try:
            text, enc, warns, digest = read_source_file(path, str(root / e["path"]))
        except SourceError as err:
            raise SourceError(f"{where}: {err}") from None
        warnings += warns
        sources.append(
            Source(
                id=e["id"], role=e["role"], path=e["path"], text=text,
                title=e.get("title"), outlet=e.get("outlet"), published=e.get("published"),
                url=e.get("url"), language=e.get("language"), place=e.get("place"),
                translation=bool(e.get("translation", False)), encoding=enc, sha256=digest,
            )
        )
    if not any(s.role == "reference" for s in sources):
        raise ManifestError(f"{manifest}: no source has role = \"reference\"")
    return Corpus(root=str(root), manifest=str(manifest), sources=sources, aliases=aliases, warnings=warnings)


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "source"


def load_files(references: list[str], articles: list[str]) -> Corpus:
    """An ad-hoc corpus with no manifest: ``--reference transcript.txt article1.txt ...``."""
    if not references:
        raise ManifestError("no reference given: use --reference FILE")
    sources: list[Source] = []
    warnings: list[str] = []
    used: set[str] = set()
    for role, paths in (("reference", references), ("press", articles)):
        for p in paths:
            base = slug(Path(p).stem)
            sid, n = base, 2
            while sid in used:
                sid, n = f"{base}-{n}", n + 1
            used.add(sid)
            if re.match(r"^https?://", str(p), re.I):  # a URL: fetched and extracted like `add` does
                from crosscheck.inputs.extract import extract_bytes
                from crosscheck.inputs.fetch import fetch

                got = fetch(str(p))
                ex = extract_bytes(got.raw, str(p), content_type=got.content_type, url=got.url)
                text, enc, warns, digest = ex.text, ex.encoding, ex.warnings, ex.sha256
            else:
                text, enc, warns, digest = read_source_file(Path(p), p)
            warnings += warns
            sources.append(Source(id=sid, role=cast(Role, role), path=p, text=text, encoding=enc, sha256=digest))
    return Corpus(root="", manifest=None, sources=sources, warnings=warnings)


def _toml_str(s: str) -> str:
    """A TOML basic string. JSON's escapes (\\n, \\t, \\uXXXX, ...) are all valid TOML escapes;
    TOML also forbids a raw DEL."""
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def write_manifest(manifest: Path, text: str) -> None:
    """The one place a manifest is written: atomically, UTF-8, newlines as given."""
    atomic_write(manifest, text.encode("utf-8"))


ORPHAN_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def orphan_files(corpus: Corpus) -> list[str]:
    """Files in the corpus folder that look like sources but that the manifest does not list (left
    by an ``add`` of an older version that lost its manifest entry, or a copy made by hand)."""
    if not corpus.manifest:
        return []
    root = Path(corpus.root)
    listed = {s.path.replace("\\", "/") for s in corpus.sources}
    out = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")) or not p.is_file():
            continue
        if p.suffix.lower() in ORPHAN_SUFFIXES and rel not in listed:
            out.append(rel)
    return out
