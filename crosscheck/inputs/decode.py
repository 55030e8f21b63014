"""Decoding a source file's bytes: UTF-8 (with or without BOM), UTF-16, or a legacy 8-bit encoding,
newlines normalised to \\n; binary data refused with a hint."""
from __future__ import annotations

import codecs
import re

from crosscheck.errors import SourceError

# Characters that never occur in text: NUL and most C0 controls. A few stray ones are tolerated
# (scrapers leave them), a binary file has many.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_BINARY_CONTROL_RATIO = 0.05


def _windows_1252(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as windows-1252, as browsers do (the five bytes cp1252
    leaves undefined map to the same code points as latin-1)."""
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("crosscheck-windows-1252", _windows_1252)  # type: ignore[arg-type]  # used for decoding only


def decode_bytes(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a source file: returns (text, encoding, warnings). Raises SourceError for binary data.

    UTF-8 (BOM or not) and UTF-16/32 with a BOM decode silently. Anything else is read as
    windows-1252 (a superset of latin-1's printable range), byte by byte where UTF-8 fails, so
    that a UTF-8 file with a few pasted cp1252 characters keeps its UTF-8 accents:

    >>> decode_bytes("café ".encode() + b"\x93ok\x94", "a.txt")[0]
    'café “ok”'
    """
    warnings: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = _strict(raw[3:], "utf-8", name, warnings), "utf-8-sig"
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, enc = _strict(raw, "utf-32", name, warnings), "utf-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = _strict(raw, "utf-16", name, warnings), "utf-16"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            if e.reason == "unexpected end of data" and (
                len(raw) - e.start >= 2 or not raw[:e.start].isascii()
            ):
                # A multi-byte character cut off at the end (a truncated download). One lone lead
                # byte after pure ASCII is more likely a legacy "é" at the end of a file.
                text, enc = raw.decode("utf-8", errors="replace"), "utf-8"
                warnings.append(f"{name}: truncated UTF-8 at byte {e.start}; the broken character was replaced")
            else:
                text = raw.decode("utf-8", errors="crosscheck-windows-1252")
                if not raw.decode("utf-8", errors="ignore").isascii():
                    enc = "utf-8+cp1252"
                    warnings.append(f"{name}: mixed encodings: UTF-8 with some bytes decoded as cp1252 "
                                    f"(first at byte {e.start})")
                else:
                    enc = "cp1252" if re.search(rb"[\x80-\x9f]", raw) else "latin-1"
                    warnings.append(f"{name}: not UTF-8; decoded as {enc}")
    if _looks_binary(text):
        raise SourceError(f"{name}: binary data, not a text file")
    if not text.strip():
        warnings.append(f"{name}: empty source (no text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc, warnings


def _strict(raw: bytes, enc: str, name: str, warnings: list[str]) -> str:
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        warnings.append(f"{name}: invalid {enc} at byte {e.start}; broken characters were replaced")
        text = raw.decode(enc, errors="replace")
    return text.lstrip("\ufeff")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:8192]
    return bool(sample) and len(_CONTROL_RE.findall(sample)) / len(sample) > _BINARY_CONTROL_RATIO


