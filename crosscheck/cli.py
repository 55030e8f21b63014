"""The command line: a thin click layer over the library. Library errors become one line, exit 2."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .corpus import add_source, load_corpus, load_files
from .errors import CrosscheckError
from .jsonreport import summary
from .output import write_report
from .pipeline import check_corpus

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def handle_errors(fn):
    """Turn library errors into a one-line message and exit code 2, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CrosscheckError as e:
            raise UsageExit(str(e)) from None
    return wrapper


class UsageExit(click.ClickException):
    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"crosscheck: error: {self.format_message()}", err=True)


def corpus_argument(fn):
    fn = click.option("--reference", "references", multiple=True, type=click.Path(dir_okay=False),
                      help="Ad-hoc corpus: a reference transcript (repeatable); CORPUS then lists articles.")(fn)
    return click.argument("corpus", nargs=-1, type=click.Path())(fn)


def open_corpus(corpus: tuple[str, ...], references: tuple[str, ...]):
    """CORPUS is a folder with sources.toml (default: seeds), or articles when --reference is given."""
    if references:
        c = load_files(list(references), list(corpus))
    else:
        if len(corpus) > 1:
            raise CrosscheckError("give one corpus folder, or --reference FILE followed by article files")
        c = load_corpus(corpus[0] if corpus else "seeds")
    for w in c.warnings:
        _warn(w)
    return c


def _warn(message: str) -> None:
    click.echo(f"crosscheck: warning: {message}", err=True)


@click.group()
@click.version_option(__version__, prog_name="crosscheck")
def main():
    """Check press coverage against the official record."""


@main.command()
@corpus_argument
@click.option("--out", "out_dir", default="reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for report.json and report.html.")
@handle_errors
def report(corpus, references, out_dir):
    """Run the check and write DIR/report.json and DIR/report.html.

    Example:

        crosscheck report seeds --out reports
        crosscheck report --reference transcript.txt article1.txt article2.txt
    """
    c = open_corpus(corpus, references)
    r = check_corpus(c)
    paths = write_report(r, out_dir)
    for sid, s in summary(r).items():
        q = ", ".join(f"{n} {v}" for v, n in sorted(s["quotes"].items())) or "no quotes"
        sev = ", ".join(f"{s['severity'].get(k, 0)} {k}" for k in ("error", "warning", "info"))
        click.echo(f"{sid}: {q}; findings: {sev}")
    click.echo(f"Wrote {paths['json']} and {paths['html']}")


@main.command()
@corpus_argument
@handle_errors
def sources(corpus, references):
    """List the corpus's sources and validate its manifest.

    Example:

        crosscheck sources seeds
    """
    c = open_corpus(corpus, references)
    for s in c.sources:
        date = s.published.isoformat() if s.published else "-"
        click.echo(f"{s.id}\t{s.role}\t{date}\t{s.path}\t{s.title or ''}")
    checked = "manifest OK" if c.manifest else "files OK"
    click.echo(f"{len(c.sources)} sources ({len(c.references)} reference, {len(c.press)} press): {checked}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--corpus", default="seeds", show_default=True, type=click.Path(), help="Corpus folder.")
@click.option("--role", type=click.Choice(["press", "reference"]), default="press", show_default=True)
@click.option("--id", "source_id", help="Source id (default: from the file name).")
@click.option("--title")
@click.option("--outlet")
@click.option("--published", help="Publication date, YYYY-MM-DD.")
@click.option("--url")
@click.option("--language")
@handle_errors
def add(file, corpus, role, source_id, title, outlet, published, url, language):
    """Validate FILE, copy it into the corpus and append it to the manifest (atomically).

    Example:

        crosscheck add article.txt --corpus seeds --role press --outlet "Le Monde" --published 2025-07-13
    """
    sid = add_source(corpus, file, role, source_id=source_id, title=title, outlet=outlet,
                     published=published, url=url, language=language, on_warning=_warn)
    click.echo(f"Added {sid} to {corpus}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
