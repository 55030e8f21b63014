"""What every command of the command line shares: one-line errors (exit 2), the corpus argument,
the performance and lock options, the progress bar (on a terminal only), opening a corpus."""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path

import click

from crosscheck.errors import CrosscheckError
from crosscheck.inputs.corpus import load_corpus, load_files
from crosscheck.pipeline import check_corpus
from crosscheck.review.gate import EXIT_USAGE
from crosscheck.storage.lock import DEFAULT_TIMEOUT, ENV_TIMEOUT, set_timeout


def handle_errors(fn):
    """Turn library errors into a one-line message and exit code 2, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CrosscheckError as e:
            raise UsageExit(str(e)) from None
        except KeyboardInterrupt:
            raise Interrupted() from None
    return wrapper


class Interrupted(click.ClickException):
    """Ctrl-C: one line and the shell's usual code for SIGINT (130); every file is written to a
    temporary name and renamed, so whatever was written before is complete."""

    exit_code = 130

    def __init__(self):
        super().__init__("interrupted; no file was left half-written")

    def show(self, file=None):
        click.echo(f"crosscheck: {self.format_message()}", err=True)


class UsageExit(click.ClickException):
    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"crosscheck: error: {self.format_message()}", err=True)


def corpus_argument(fn):
    fn = click.option("--reference", "references", multiple=True, type=click.Path(dir_okay=False),
                      help="Ad-hoc corpus: a reference transcript (repeatable); CORPUS then lists articles.")(fn)
    return click.argument("corpus", nargs=-1, type=click.Path())(fn)


_ENGINE: dict = {}  # [scale] --engine / --scheduler, read by run_check (no change to command signatures)


def _set_engine(ctx, param, value):
    _ENGINE[param.name] = value  # every invocation sets both (None: the default)
    return value


def perf_options(fn):
    """[scale] --jobs, --no-cache, --engine and --scheduler, shared by the commands that run the check."""
    fn = click.option("--scheduler", default=None, expose_value=False, callback=_set_engine, metavar="ADDRESS",
                      help="With --engine dask: a running Dask scheduler (default: a local cluster).")(fn)
    fn = click.option("--engine", type=click.Choice(["local", "dask"]), default=None, expose_value=False,
                      callback=_set_engine,
                      help="Where the per-article work runs: local processes (default) or Dask distributed.")(fn)
    fn = click.option("--no-cache", is_flag=True,
                      help="Re-check every article (default: reuse .crosscheck-cache/ beside the manifest).")(fn)
    return click.option("--jobs", type=click.IntRange(min=1), default=None,
                        help="Worker processes (default: one per CPU; small corpora run serially).")(fn)


def run_check(c, jobs: int | None = None, no_cache: bool = False):
    """The check with the result cache and a progress bar on an interactive terminal."""
    with progress_bar() as progress:
        return check_corpus(c, jobs=jobs, cache=not no_cache, progress=progress,
                            engine=_ENGINE.get("engine") or "local", scheduler=_ENGINE.get("scheduler"))


def interactive(stream=None) -> bool:
    """True when ``stream`` (default stderr) is a terminal and we are not running under CI (the
    ``CI`` environment variable, which CI services set, unset or ``0``/``false``/``no``)."""
    stream = sys.stderr if stream is None else stream
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or exotic streams
        return False


@contextlib.contextmanager
def progress_bar(label: str = "checking", stream=None):
    """A ``progress(done, total)`` callback drawing click's progress bar on an interactive stderr
    (never in CI logs or pipes: then None). The bar appears at the first call, ends with the block."""
    stream = sys.stderr if stream is None else stream
    if not interactive(stream):
        yield None
        return
    with contextlib.ExitStack() as stack:
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = stack.enter_context(click.progressbar(length=total, label=label, file=stream,
                                                            show_pos=True, show_eta=True))
            bar.update(done - bar.pos)

        yield progress


def open_corpus(corpus: tuple[str, ...], references: tuple[str, ...]):
    """CORPUS is a folder with sources.toml (default: seeds), or articles when --reference is given."""
    if references:
        if not corpus:
            raise CrosscheckError("no article given: --reference TRANSCRIPT goes with article files or URLs "
                                  "(crosscheck report --reference TRANSCRIPT ARTICLE...)")
        c = load_files(list(references), list(corpus))
    else:
        if len(corpus) > 1:
            raise CrosscheckError("give one corpus folder, or --reference FILE followed by article files")
        if corpus and Path(corpus[0]).is_file() and Path(corpus[0]).suffix.lower() != ".toml":
            raise CrosscheckError(f"{corpus[0]}: is a file, not a corpus folder; to check it against a "
                                  f"transcript, use --reference TRANSCRIPT {corpus[0]}")
        c = load_corpus(corpus[0] if corpus else "seeds")
    for w in c.warnings:
        _warn(w)
    return c


def _warn(message: str) -> None:
    click.echo(f"crosscheck: warning: {message}", err=True)


def wait_option(fn):
    """[concurrency] --wait: how long a writer waits for another's lock on a corpus file."""
    def apply(ctx, param, value):
        if value is not None:
            set_timeout(value)
        return value
    return click.option("--wait", type=click.FloatRange(min=0), default=None, metavar="SECONDS", expose_value=False,
                        callback=apply, is_eager=True,
                        help=f"Wait up to SECONDS for another crosscheck writing the same file "
                             f"(default: ${ENV_TIMEOUT}, else {DEFAULT_TIMEOUT:g}).")(fn)
