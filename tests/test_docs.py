"""The documentation stays true: docs/cli.md is the current --help of every command (regenerate it
with tools/gen_cli_docs.py), every relative link resolves, and the README stays a short first page."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
REGENERATE = "run `.venv/bin/python tools/gen_cli_docs.py` and commit docs/cli.md"
README_LIMIT = 10_240


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "tools" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_command_is_in_the_cli_reference():
    text = CLI_MD.read_text(encoding="utf-8")
    names = [name for name, _ in _generator().commands()[1:]]
    assert names, "crosscheck.cli.main has no commands?"
    missing = [n for n in names if f"## {n}\n" not in text]
    assert not missing, f"docs/cli.md lacks {', '.join(missing)}: {REGENERATE}"


def test_cli_reference_is_up_to_date():
    expected = _generator().render()
    actual = CLI_MD.read_text(encoding="utf-8")
    assert actual == expected, f"docs/cli.md differs from the commands' --help: {REGENERATE}"


def _markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _without_code(text: str) -> str:
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path):
    broken = []
    for target in LINK.findall(_without_code(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # a URL (http:, mailto:) or an anchor in the page
        path = unquote(target.split("#", 1)[0])
        if not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: links to missing files: {broken}"


def test_link_checker_sees_links():
    assert LINK.findall("see [a](docs/x.md) and ![b](img.png \"t\")") == ["docs/x.md", "img.png"]


def test_readme_is_short():
    size = len((ROOT / "README.md").read_bytes())
    assert size < README_LIMIT, (f"README.md is {size} bytes (limit {README_LIMIT}): move reference "
                                 "material to docs/ and link it")
