"""Real-world inputs: plain text, HTML pages and PDFs in, the text to check and its metadata out.

``extract_bytes(raw, name)`` sniffs the format (PDF by its magic bytes, HTML by its extension or
its first tag, a server's Content-Type when fetched), extracts the main text and returns an
:class:`Extracted`. Everything downstream (offsets, quotes, findings) works on ``Extracted.text``:
``crosscheck add`` stores that text as a UTF-8 ``.txt`` with the original beside it, so offsets
stay reproducible and the evidence traces back to the page.

- HTML: the main text is extracted by trafilatura (navigation, ads, comments, scripts dropped;
  entities decoded). ``<q>`` and ``<blockquote>`` are wrapped in « » first, so the quote
  extractor sees them as quotations. One paragraph per block, separated by a blank line.
  Metadata (title, site name, author, date, canonical URL) comes from trafilatura; the language
  from ``<html lang>`` or ``<meta>``, else detected.
- PDF: the text layer read by pypdf, lines of a paragraph joined; a PDF without a text layer
  (a scan) is an error that says so.
- Anything else: a one-line error naming the accepted formats.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
from pathlib import Path

from crosscheck.errors import SourceError

ACCEPTED = "plain text (.txt), HTML (.html, .htm) or PDF (.pdf)"
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXTS = {".txt", ".text", ".md", ""}
PDF_EXTS = {".pdf"}
EXTS = TEXT_EXTS | HTML_EXTS | PDF_EXTS

# Formats people try that are not supported, by magic bytes or extension, for a useful message.
_KNOWN = [
    (b"PK\x03\x04", "a ZIP archive (Word .docx, OpenDocument .odt, ...)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
]
_KNOWN_EXT = {".docx": "a Word document", ".doc": "a Word document", ".odt": "an OpenDocument text",
              ".rtf": "an RTF document", ".epub": "an EPUB book", ".png": "an image", ".jpg": "an image",
              ".jpeg": "an image"}
# Both applied to the first 4 KB decoded as latin-1 (any byte is a character; tags are ASCII).
_HTML_START_RE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                            re.I | re.S)
_CHARSET_RE = re.compile(r"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _head(raw: bytes) -> str:
    return raw[:4096].lstrip(b"\xef\xbb\xbf").decode("latin-1")


@dataclasses.dataclass
class Extracted:
    """One input after extraction. ``meta`` holds what the document says about itself, keyed like
    the manifest (title, outlet, author, published, url, language); missing keys are unknown."""

    text: str
    kind: str  # "text", "html" or "pdf"
    raw: bytes
    encoding: str
    sha256: str
    warnings: list[str] = dataclasses.field(default_factory=list)
    meta: dict = dataclasses.field(default_factory=dict)

    @property
    def extension(self) -> str:
        return {"text": ".txt", "html": ".html", "pdf": ".pdf"}[self.kind]


def unsupported(name: str, what: str) -> SourceError:
    return SourceError(f"{name}: {what} is not supported; accepted formats: {ACCEPTED}")


def sniff(raw: bytes, name: str, content_type: str | None = None) -> str:
    """'text', 'html' or 'pdf'; SourceError for anything else."""
    if content_type:
        ct = content_type.split(";")[0].strip().lower()
        if ct in ("text/html", "application/xhtml+xml"):
            return "html"
        if ct == "application/pdf" or raw.startswith(b"%PDF-"):
            return "pdf"
        if ct == "text/plain":
            return "html" if _HTML_START_RE.match(_head(raw)) else "text"
        if ct in ("application/octet-stream", "binary/octet-stream", ""):
            pass  # servers say this of anything: sniff the bytes
        else:
            raise unsupported(name, f"content type {ct!r}")
    if raw.startswith(b"%PDF-"):
        return "pdf"
    ext = Path(name.split("?")[0]).suffix.lower()
    for magic, what in _KNOWN:
        if raw.startswith(magic):
            raise unsupported(name, what)
    if ext in _KNOWN_EXT:
        raise unsupported(name, _KNOWN_EXT[ext])
    if ext in PDF_EXTS:
        raise SourceError(f"{name}: not a PDF (no %PDF header): the file is damaged or misnamed")
    if ext in HTML_EXTS or _HTML_START_RE.match(_head(raw)):
        return "html"
    return "text"


def extract_bytes(raw: bytes, name: str, content_type: str | None = None, url: str | None = None,
                  metadata: bool = True) -> Extracted:
    """Extract the text of ``raw`` (a file's or a download's bytes). Raises SourceError.

    ``metadata=False`` skips language detection (loading a corpus needs only the text)."""
    from crosscheck.inputs.decode import decode_bytes

    kind = sniff(raw, name, content_type)
    digest = hashlib.sha256(raw).hexdigest()
    warnings: list[str]
    if kind == "pdf":
        text, meta = _pdf(raw, name)
        enc, warnings = "pdf", []
    elif kind == "html":
        text, enc, warnings, meta = _html(raw, name, content_type, metadata)
    else:
        try:
            text, enc, warnings = decode_bytes(raw, name)
        except SourceError as e:
            raise SourceError(f"{e}; accepted formats: {ACCEPTED}") from None
        meta = {}
    if url and "url" not in meta:
        meta["url"] = url
    if metadata and "language" not in meta and (lang := detect_language(text)):
        meta["language"] = lang
    return Extracted(text=text, kind=kind, raw=raw, encoding=enc, sha256=digest, warnings=warnings, meta=meta)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (langdetect, seeded so the answer is stable), or None
    when there is too little text to tell."""
    sample = text[:5000]
    if len(re.findall(r"\w+", sample)) < 5:
        return None
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return detect(sample).split("-")[0]
    except LangDetectException:
        return None


# --- HTML ------------------------------------------------------------------------------------------

def _html_charset(raw: bytes, content_type: str | None) -> str | None:
    if content_type and (m := re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)):
        return m.group(1)
    if m := _CHARSET_RE.search(_head(raw)):
        return m.group(1)
    return None


def _decode_html(raw: bytes, name: str, content_type: str | None) -> tuple[str, str, list[str]]:
    from crosscheck.inputs.decode import decode_bytes

    charset = _html_charset(raw, content_type)
    if charset and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode(charset), charset.lower(), []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to the robust decoder
    text, enc, warnings = decode_bytes(raw, name)
    return text, enc, warnings


def _wrap(el, opening: str, closing: str) -> None:
    """Put ``opening``/``closing`` around the text inside ``el`` (not its tail)."""
    slots = []  # (element, attribute) of every text node inside el, in document order
    for node in el.iter():
        if node is not el and not isinstance(node.tag, str):
            continue  # comments, processing instructions
        slots.append((node, "text"))
        if node is not el:
            slots.append((node, "tail"))
    filled = [(n, a) for n, a in slots if (getattr(n, a) or "").strip()]
    if not filled:
        return
    n, a = filled[0]
    setattr(n, a, opening + getattr(n, a).lstrip())
    n, a = filled[-1]
    setattr(n, a, getattr(n, a).rstrip() + closing)


def _html_language(tree) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  *tree.xpath("//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')="
                              "'content-language']/@content"),
                  *tree.xpath("//meta[@property='og:locale']/@content")):
        if value and (m := re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", value)):
            return m.group(1).lower()
    return None


def _html(raw: bytes, name: str, content_type: str | None, metadata: bool = True) -> tuple[str, str, list[str], dict]:
    import lxml.html
    import trafilatura

    text, enc, warnings = _decode_html(raw, name, content_type)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an encoding declaration in a str
    try:
        tree = lxml.html.document_fromstring(text)
    except Exception as e:  # lxml's ParserError on an empty document, among others
        raise SourceError(f"{name}: cannot parse the HTML: {e}") from None
    meta: dict = {}
    doc = trafilatura.extract_metadata(lxml.html.document_fromstring(text)) if metadata else None
    if doc is not None:
        for key, attr in (("title", "title"), ("outlet", "sitename"), ("author", "author"), ("url", "url")):
            if value := getattr(doc, attr, None):
                meta[key] = " ".join(str(value).split())
        if doc.date:
            try:
                meta["published"] = dt.date.fromisoformat(str(doc.date)[:10])
            except ValueError:
                pass
    if lang := _html_language(tree):
        meta["language"] = lang
    for q in tree.iter("q"):
        _wrap(q, "«\u00a0", "\u00a0»")
        q.drop_tag()
    for bq in tree.iter("blockquote"):
        _wrap(bq, "«\u00a0", "\u00a0»")
    body = trafilatura.extract(tree, include_comments=False, include_tables=True, include_images=False,
                               include_links=False, deduplicate=False, favor_recall=True)
    if not body or not body.strip():
        raise SourceError(f"{name}: no article text found in the HTML page")
    blocks = [" ".join(line.split()) for line in body.splitlines()]
    return "\n\n".join(b for b in blocks if b) + "\n", enc, warnings, meta


# --- PDF -------------------------------------------------------------------------------------------

def _pdf(raw: bytes, name: str) -> tuple[str, dict]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd object
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(f"{name}: the PDF is password-protected")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        info: dict = reader.metadata or {}
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise SourceError(f"{name}: damaged PDF: {e}") from None
    paragraphs: list[str] = []
    for page in pages:
        current: list[str] = []
        if paragraphs and (first := next((ln for ln in page.splitlines() if ln.strip()), "")):
            if first.strip()[:1].islower():  # a paragraph cut by the page break goes on
                current = [paragraphs.pop()]
        for line in page.splitlines():
            line = " ".join(line.split())
            if line:
                current.append(line)
            elif current:
                paragraphs.append(_join_lines(current))
                current = []
        if current:
            paragraphs.append(_join_lines(current))
    if not paragraphs:
        raise SourceError(f"{name}: the PDF has no text layer (a scan?): run OCR on it first, "
                          f"or give the text as a .txt file")
    meta: dict = {}
    if title := (info.get("/Title") or "").strip():
        meta["title"] = title
    if author := (info.get("/Author") or "").strip():
        meta["author"] = author
    return "\n\n".join(paragraphs) + "\n", meta


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line. A line ending in a hyphen is joined without a space
    ("nord-" + "coréen"); the hyphen is kept, since French compounds break there too."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"\w-$", out):
            out += line
        else:
            out += " " + line
    return out
