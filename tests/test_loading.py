"""Loading source files: encodings, BOMs, newlines, Unicode composition, empty and binary files.

Offsets index the decoded text (Python str indices, newlines as LF), so text[start:end] == span.text.
"""
from __future__ import annotations

import unicodedata

import pytest

from crosscheck import SourceError, check_corpus, load_files
from crosscheck.inputs.corpus import decode_bytes
from crosscheck.outputs.jsonreport import report_dict

REFERENCE = (
    "Sergueï Lavrov : Nous avons signé un plan d’échanges interministériels pour 2026-2027.\n"
    "Ce document complet couvre la quasi-totalité des principaux sujets internationaux.\n"
)
QUOTE = "Nous avons signé un plan d’échanges interministériels pour 2026-2027."
ARTICLE = f"Le ministre Sergueï Lavrov a déclaré à Wonsan : « {QUOTE} »\nLa visite a duré deux jours.\n"


def run_adhoc(cli, tmp_path, ref_bytes: bytes, art_bytes: bytes, ref_name="ref.txt", art_name="art.txt"):
    """Load an ad-hoc corpus from the given bytes: `crosscheck sources --reference ref art` for the
    messages and exit code, then the library's check for the report dictionary (None on error)."""
    ref, art = tmp_path / ref_name, tmp_path / art_name
    ref.write_bytes(ref_bytes)
    art.write_bytes(art_bytes)
    result = cli("sources", "--reference", ref, art)
    data = None
    if result.exit_code == 0:
        data = report_dict(check_corpus(load_files([str(ref)], [str(art)])))
    return result, data, (ref, art)


def quote_findings(data: dict) -> list[dict]:
    return [f for f in data["findings"] if f["kind"] == "quote"]


def assert_spans_round_trip(data: dict, texts: dict[str, str]) -> None:
    for f in data["findings"]:
        span = f["span"]
        assert texts[f["source"]][span["start"]:span["end"]] == span["text"]
        if f["reference_span"]:
            rs = f["reference_span"]
            assert texts[f["reference"]][rs["start"]:rs["end"]] == rs["text"]


def test_plain_utf8_quote_is_verbatim(cli, tmp_path):
    result, data, _ = run_adhoc(cli, tmp_path, REFERENCE.encode(), ARTICLE.encode())
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [q] = quote_findings(data)
    assert q["verdict"] == "verbatim"
    assert q["span"]["text"] == QUOTE
    assert ARTICLE[q["span"]["start"]:q["span"]["end"]] == QUOTE


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8-sig"),
        (lambda s: s.encode("utf-16"), "utf-16"),  # native order with its BOM
        (lambda s: b"\xff\xfe" + s.encode("utf-16-le"), "utf-16"),
        (lambda s: b"\xfe\xff" + s.encode("utf-16-be"), "utf-16"),
        (lambda s: s.encode("utf-32"), "utf-32"),
    ],
    ids=["utf8-bom", "utf16", "utf16-le", "utf16-be", "utf32"],
)
def test_bom_encodings_decode_silently_with_offsets_in_decoded_text(cli, tmp_path, encode, encoding):
    art = encode(ARTICLE)
    decoded, enc, warnings = decode_bytes(art, "art.txt")
    assert (decoded, enc, warnings) == (ARTICLE, encoding, [])
    result, data, _ = run_adhoc(cli, tmp_path, encode(REFERENCE), art)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [q] = quote_findings(data)
    assert q["verdict"] == "verbatim"
    # The BOM is not a character of the text: offsets are those of the BOM-less decoded text.
    assert q["span"]["start"] == ARTICLE.index(QUOTE)
    assert_spans_round_trip(data, {"ref": REFERENCE, "art": ARTICLE})


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_decode_with_a_warning_naming_the_file(cli, tmp_path, encoding):
    article = ARTICLE.replace("’", "'") if encoding == "latin-1" else ARTICLE
    quote = QUOTE.replace("’", "'") if encoding == "latin-1" else QUOTE
    result, data, (_, art) = run_adhoc(cli, tmp_path, REFERENCE.encode(), article.encode(encoding))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"crosscheck: warning: {art}: not UTF-8; decoded as {encoding}"
    [q] = quote_findings(data)
    assert q["span"]["text"] == quote
    assert q["verdict"] == "verbatim"  # ' and ’ are the same apostrophe for comparison
    assert data["sources"][1]["encoding"] == encoding


def test_cp1252_typographic_characters():
    raw = "« C’est l’œuvre — dit-il… »".encode("cp1252")
    assert decode_bytes(raw, "a.txt") == ("« C’est l’œuvre — dit-il… »", "cp1252",
                                         ["a.txt: not UTF-8; decoded as cp1252"])


def test_utf8_with_some_pasted_cp1252_keeps_its_utf8_accents():
    raw = "Sergueï Lavrov a dit ".encode() + "“oui”".encode("cp1252")
    text, enc, warnings = decode_bytes(raw, "a.txt")
    assert text == "Sergueï Lavrov a dit “oui”"
    assert enc == "utf-8+cp1252"
    assert warnings == ["a.txt: mixed encodings: UTF-8 with some bytes decoded as cp1252 (first at byte 22)"]


def test_truncated_utf8_is_a_warning_and_the_rest_is_kept():
    raw = ARTICLE.encode()[:-1] + "’".encode()[:2]
    text, enc, warnings = decode_bytes(raw, "a.txt")
    assert text == ARTICLE[:-1] + "\ufffd"
    assert warnings == [f"a.txt: truncated UTF-8 at byte {len(raw) - 2}; the broken character was replaced"]


def test_lone_latin1_letter_at_end_is_not_truncated_utf8():
    assert decode_bytes(b"caf\xe9", "a.txt") == ("café", "latin-1", ["a.txt: not UTF-8; decoded as latin-1"])


def test_invalid_utf16_body_is_replaced_with_a_warning():
    raw = "\ufeffabc".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    text, _, warnings = decode_bytes(raw, "a.txt")
    assert text.startswith("abc") and "\ufffd" in text
    assert warnings and warnings[0].startswith("a.txt: invalid utf-16")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_crlf_and_cr_newlines_become_lf(cli, tmp_path, newline):
    def convert(s: str) -> str:
        if newline == "mixed":
            lines = s.split("\n")
            return "".join(line + ("\r\n" if i % 2 else "\r") for i, line in enumerate(lines[:-1])) + lines[-1]
        return s.replace("\n", newline)

    text, _, _ = decode_bytes(convert(ARTICLE).encode(), "a.txt")
    assert text == ARTICLE
    result, data, _ = run_adhoc(cli, tmp_path, convert(REFERENCE).encode(), convert(ARTICLE).encode())
    assert result.exit_code == 0, result.output
    [q] = quote_findings(data)
    assert q["verdict"] == "verbatim"
    assert (q["line"], q["column"]) == (1, ARTICLE.index(QUOTE) + 1)
    assert_spans_round_trip(data, {"ref": REFERENCE, "art": ARTICLE})


@pytest.mark.parametrize("ref_form, art_form", [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")])
def test_nfc_and_nfd_accents_compare_equal(cli, tmp_path, ref_form, art_form):
    ref = unicodedata.normalize(ref_form, REFERENCE)
    art = unicodedata.normalize(art_form, ARTICLE)
    assert (ref == REFERENCE) != (ref_form == "NFD")  # the test really does change the bytes
    result, data, _ = run_adhoc(cli, tmp_path, ref.encode(), art.encode())
    assert result.exit_code == 0, result.output
    [q] = quote_findings(data)
    assert q["verdict"] == "verbatim"
    # Offsets stay those of the text as written, not of a normalised copy.
    assert q["span"]["text"] == unicodedata.normalize(art_form, QUOTE)
    assert_spans_round_trip(data, {"ref": ref, "art": art})


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\u00a0\u202f\n".encode()], ids=["empty", "spaces", "nbsp"])
def test_empty_or_whitespace_article_is_a_warning(cli, tmp_path, content):
    result, data, (_, art) = run_adhoc(cli, tmp_path, REFERENCE.encode(), content)
    assert result.exit_code == 0, result.output
    assert f"crosscheck: warning: {art}: empty source (no text)" in result.stderr.splitlines()
    assert quote_findings(data) == []
    assert [s["id"] for s in data["sources"]] == ["ref", "art"]


def test_empty_reference_is_a_warning_and_quotes_are_unattested(cli, tmp_path):
    result, data, (ref, _) = run_adhoc(cli, tmp_path, b"", ARTICLE.encode())
    assert result.exit_code == 0, result.output
    assert f"crosscheck: warning: {ref}: empty source (no text)" in result.stderr
    [q] = quote_findings(data)
    assert q["verdict"] == "unattested"


ACCEPTED = "accepted formats: plain text (.txt), HTML (.html, .htm) or PDF (.pdf)"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", f"a PNG image is not supported; {ACCEPTED}"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "damaged PDF"),
        (bytes(range(1, 32)) * 40, f"binary data, not a text file; {ACCEPTED}"),  # control characters, no NUL
        ("\ufefftext\x00\x00\x00".encode("utf-16"), f"binary data, not a text file; {ACCEPTED}"),  # BOM
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), f"a ZIP archive (Word .docx, OpenDocument .odt, ...) "
                                                    f"is not supported; {ACCEPTED}"),
    ],
    ids=["png", "pdf", "controls", "utf16-nul", "docx"],
)
def test_binary_file_is_an_error(cli, tmp_path, content, message):
    result, _, (_, art) = run_adhoc(cli, tmp_path, REFERENCE.encode(), content)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"crosscheck: error: {art}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_binary_reference_is_an_error(cli, tmp_path):
    result, _, (ref, _) = run_adhoc(cli, tmp_path, b"\x00\x01\x02" * 100, ARTICLE.encode())
    assert result.exit_code == 2
    assert result.stderr.strip() == f"crosscheck: error: {ref}: binary data, not a text file; {ACCEPTED}"


def test_library_raises_source_error_for_binary(tmp_path):
    (tmp_path / "ref.txt").write_bytes(b"\x00" * 10)
    with pytest.raises(SourceError, match="binary data"):
        load_files([str(tmp_path / "ref.txt")], [])


def test_a_few_control_characters_are_text(cli, tmp_path):
    art = ARTICLE.replace("La visite", "La\x07 visite\x1b[0m")
    result, data, _ = run_adhoc(cli, tmp_path, REFERENCE.encode(), art.encode())
    assert result.exit_code == 0, result.output
    [q] = quote_findings(data)
    assert q["verdict"] == "verbatim"
    assert_spans_round_trip(data, {"ref": REFERENCE, "art": art})


def test_adhoc_ids_are_unique_and_derived_from_file_names(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "Article Un.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ref.txt").write_text(REFERENCE, encoding="utf-8")
    corpus = load_files([str(tmp_path / "ref.txt")],
                        [str(tmp_path / "a" / "Article Un.txt"), str(tmp_path / "b" / "Article Un.txt")])
    assert [s.id for s in corpus.sources] == ["ref", "article-un", "article-un-2"]
    assert [s.role for s in corpus.sources] == ["reference", "press", "press"]
    assert corpus.manifest is None


def test_adhoc_missing_file(cli, tmp_path):
    (tmp_path / "ref.txt").write_text(REFERENCE, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    result = cli("report", "--reference", tmp_path / "ref.txt", missing, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"crosscheck: error: {missing}: file not found"


def test_adhoc_folder_instead_of_file(cli, tmp_path):
    (tmp_path / "ref.txt").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "dir").mkdir()
    result = cli("report", "--reference", tmp_path / "ref.txt", tmp_path / "dir", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"crosscheck: error: {tmp_path / 'dir'}: is a directory, not a file"
