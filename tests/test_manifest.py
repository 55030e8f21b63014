"""Every bad manifest is one line naming the manifest, the source and the problem, with exit code 2."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from crosscheck import ManifestError, load_corpus

REFERENCE_TEXT = (
    "Question : Quelle est la situation ?\n"
    "Sergueï Lavrov : Nous avons signé un plan d’échanges pour 2026-2027. C’est notre alliée.\n"
)
PRESS_TEXT = "Lavrov a déclaré : « Nous avons signé un plan d’échanges pour 2026-2027. »\n"

GOOD_MANIFEST = """\
[[source]]
id = "ref"
path = "ref.txt"
role = "reference"
published = 2025-07-12

[[source]]
id = "press-1"
path = "press-1.txt"
role = "press"
"""


def make_corpus(root: Path, manifest: str = GOOD_MANIFEST, files: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    files = {"ref.txt": REFERENCE_TEXT, "press-1.txt": PRESS_TEXT} if files is None else files
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "sources.toml").write_text(manifest, encoding="utf-8")
    return root


def press_entry(**fields: str) -> str:
    """A third [[source]] table; values are TOML literals."""
    body = {"id": '"press-2"', "path": '"press-2.txt"', "role": '"press"'}
    body.update(fields)
    return "\n[[source]]\n" + "".join(f"{k} = {v}\n" for k, v in body.items() if v is not None)


def assert_usage_error(result, *needles: str) -> str:
    """Exit code 2, a single line on stderr starting with 'crosscheck: error:', naming each needle."""
    assert result.exit_code == 2, result.output
    err = result.stderr
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("crosscheck: error: "), err
    assert "Traceback" not in result.output
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def test_good_manifest_lists_sources(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c")
    result = cli("sources", corpus)
    assert result.exit_code == 0, result.output
    assert "ref\treference\t2025-07-12\tref.txt" in result.stdout
    assert "press-1\tpress\t-\tpress-1.txt" in result.stdout
    assert "2 sources (1 reference, 1 press): manifest OK" in result.stdout


@pytest.mark.parametrize(
    "extra, problem",
    [
        (press_entry(colour='"red"'), "unknown key 'colour'"),
        (press_entry(id='"press-1"'), "duplicate id"),
        (press_entry(role='"opinion"'), "role must be 'reference' or 'press', got 'opinion'"),
        (press_entry(published='"12/07/2025"'), "published must be a date like 2025-07-12, got '12/07/2025'"),
        (press_entry(published='"2025-02-30"'), "published must be a date like 2025-07-12"),
        (press_entry(published="12"), "published must be a date like 2025-07-12, got 12"),
        (press_entry(path="3"), "path must be a string"),
        (press_entry(translation='"yes"'), "translation must be true or false"),
    ],
)
def test_bad_source_entry(tmp_path, cli, extra, problem):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + extra,
                         {"ref.txt": REFERENCE_TEXT, "press-1.txt": PRESS_TEXT, "press-2.txt": PRESS_TEXT})
    manifest = str(corpus / "sources.toml")
    sid = "'press-1'" if "duplicate" in problem else "'press-2'"
    assert_usage_error(cli("sources", corpus), manifest, f"source {sid}", problem)
    # The same check guards the report: nothing is written.
    out = tmp_path / "out"
    assert_usage_error(cli("report", corpus, "--out", out), manifest, problem)
    assert not out.exists()


@pytest.mark.parametrize("bad_id", ["Press_2", "press 2", "-press", "press--2", "", "presse-é"])
def test_bad_id(tmp_path, cli, bad_id):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(id=f'"{bad_id}"'))
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"),
                       f"id must match [a-z0-9-]+, got {bad_id!r}")


def test_id_not_a_string(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(id="7"))
    assert_usage_error(cli("sources", corpus), "source #3", "id must match [a-z0-9-]+, got 7")


@pytest.mark.parametrize("missing", ["id", "path", "role"])
def test_missing_key(tmp_path, cli, missing):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(**{missing: None}))
    label = "source #3" if missing == "id" else "source 'press-2'"
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), label, f"missing key {missing!r}")


def test_missing_file(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry())
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "source 'press-2'",
                       "file 'press-2.txt' not found")


def test_path_is_a_directory(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(path='"sub"'))
    (corpus / "sub").mkdir()
    assert_usage_error(cli("sources", corpus), "source 'press-2'", "'sub'", "not a file")


@pytest.mark.parametrize("path", ["../outside.txt", "sub/../../outside.txt", "..\\\\outside.txt"])
def test_path_leaving_the_corpus(tmp_path, cli, path):
    (tmp_path / "outside.txt").write_text(PRESS_TEXT, encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(path=f'"{path}"'))
    (corpus / "sub").mkdir()
    shown = path.replace("\\\\", "\\")
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "source 'press-2'",
                       f"path {shown!r} leaves the corpus folder")


def test_absolute_path(tmp_path, cli):
    outside = tmp_path / "outside.txt"
    outside.write_text(PRESS_TEXT, encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(path=f'"{outside}"'))
    assert_usage_error(cli("sources", corpus), "source 'press-2'",
                       f"path {str(outside)!r} must be relative to the manifest's folder")


@pytest.mark.parametrize("path", ["C:\\\\Windows\\\\win.ini", "\\\\\\\\server\\\\share.txt"])
def test_windows_absolute_path(tmp_path, cli, path):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(path=f'"{path}"'))
    assert_usage_error(cli("sources", corpus), "source 'press-2'", "must be relative to the manifest's folder")


def test_symlink_pointing_out(tmp_path, cli):
    secret = tmp_path / "secret.txt"
    secret.write_text("Ne doit jamais être lu.\n", encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry())
    os.symlink(secret, corpus / "press-2.txt")
    line = assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "source 'press-2'",
                              "path 'press-2.txt' leaves the corpus folder (symlink")
    assert "Ne doit jamais" not in line


def test_symlinked_folder_pointing_out(tmp_path, cli):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(PRESS_TEXT, encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(path='"link/a.txt"'))
    os.symlink(tmp_path / "elsewhere", corpus / "link")
    assert_usage_error(cli("sources", corpus), "source 'press-2'", "leaves the corpus folder")


def test_symlink_inside_the_corpus_is_fine(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry())
    os.symlink("press-1.txt", corpus / "press-2.txt")
    result = cli("sources", corpus)
    assert result.exit_code == 0, result.output
    assert "3 sources" in result.stdout


def test_corpus_reached_through_a_symlink(tmp_path, cli):
    """The corpus folder itself may be a symlink: only paths leaving it are refused."""
    corpus = make_corpus(tmp_path / "real")
    os.symlink(corpus, tmp_path / "alias")
    result = cli("sources", tmp_path / "alias")
    assert result.exit_code == 0, result.output


def test_invalid_toml(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + '\n[[source]]\nid = "press-2\n')
    line = assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "invalid TOML")
    assert "line 13" in line  # where the string was left open


def test_invalid_toml_date_literal(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(published="2025-13-45"))
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "invalid TOML")


def test_manifest_not_utf8(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c")
    (corpus / "sources.toml").write_bytes(GOOD_MANIFEST.replace('"ref"', '"ref" # Sergue\xef').encode("latin-1"))
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "not UTF-8")


def test_unknown_top_level_key(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", 'titel = "x"\n' + GOOD_MANIFEST)
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "unknown top-level key 'titel'")


def test_source_not_an_array_of_tables(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", '[source]\nid = "ref"\npath = "ref.txt"\nrole = "reference"\n')
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "[[source]]")


def test_no_sources(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", "# nothing yet\n", {})
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "no [[source]] entries")


def test_no_reference(tmp_path, cli):
    manifest = GOOD_MANIFEST.replace('role = "reference"', 'role = "press"')
    corpus = make_corpus(tmp_path / "c", manifest)
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), 'no source has role = "reference"')


def test_bad_aliases(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", '[aliases]\nRPDC = "Corée du Nord"\n' + GOOD_MANIFEST)
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "[aliases]", "lists of strings")


def test_manifest_not_found(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    assert_usage_error(cli("sources", tmp_path / "empty"), str(tmp_path / "empty" / "sources.toml"),
                       "manifest not found")


def test_manifest_file_given_directly(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c")
    result = cli("sources", corpus / "sources.toml")
    assert result.exit_code == 0, result.output


def test_binary_source_in_manifest(tmp_path, cli):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry())
    (corpus / "press-2.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_usage_error(cli("report", corpus, "--out", tmp_path / "out"), str(corpus / "sources.toml"),
                       "source 'press-2'", "a PNG image is not supported; accepted formats")
    assert not (tmp_path / "out").exists()


def test_library_raises_manifest_error(tmp_path):
    corpus = make_corpus(tmp_path / "c", GOOD_MANIFEST + press_entry(role='"opinion"'))
    with pytest.raises(ManifestError, match="role must be"):
        load_corpus(corpus)


def test_file_disappearing_between_listing_and_reading(tmp_path, cli, monkeypatch):
    """A file deleted after the manifest was checked (another process, a sync) is a clean error."""
    import crosscheck.inputs.corpus as corpus_mod

    corpus = make_corpus(tmp_path / "c")
    real_read = corpus_mod.read_source_file

    def read_after_deletion(path, display):
        if Path(path).name == "press-1.txt":
            Path(path).unlink()
        return real_read(path, display)

    monkeypatch.setattr(corpus_mod, "read_source_file", read_after_deletion)
    assert_usage_error(cli("sources", corpus), str(corpus / "sources.toml"), "source 'press-1'",
                       "file not found")


def test_seed_manifest_is_valid(cli):
    result = cli("sources", Path(__file__).resolve().parent.parent / "seeds")
    assert result.exit_code == 0, result.output
    assert "5 sources (1 reference, 4 press): manifest OK" in result.stdout
