"""Shared fixtures. Each test module may add its own; keep this file small (several people edit tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_corpus():
    from crosscheck import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_report(seed_corpus):
    """The full check of the embedded seed corpus, computed once per test session."""
    from crosscheck import check_corpus

    return check_corpus(seed_corpus)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private, writable copy of seeds/ (manifest and texts), with no reviews: every finding starts
    unreviewed. Tests about the committed seed reviews read seeds/reviews.toml itself."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest, ignore=shutil.ignore_patterns("reviews.toml", ".crosscheck-cache"))
    return dest


@pytest.fixture
def cli():
    """Invoke the click CLI: cli("report", "seeds", "--out", str(tmp)) -> click Result."""
    from crosscheck.cli import main

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def pytest_addoption(parser):
    parser.addoption("--save-screenshots", action="store_true", default=False,
                     help="write the seed report's phone and desktop screenshots into reports/")
