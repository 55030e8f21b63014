"""The command line: a thin click layer over the library. Library errors become one line, exit 2."""
from __future__ import annotations

import datetime as dt
import functools
import getpass
import os
import subprocess
import sys
from pathlib import Path

import click

from crosscheck import __version__
from crosscheck.storage.atomic import atomic_write
from crosscheck.inputs.corpus import add_source, load_corpus, load_files
from crosscheck.errors import CrosscheckError, ReviewsError
from crosscheck.outputs.formats import FORMATS, GateView, render
from crosscheck.review.gate import DEFAULT_FAIL_ON, EXIT_GATE_FAILED, EXIT_OK, EXIT_USAGE, FAIL_ON_LEVELS, failing_findings
from crosscheck.outputs.jsonreport import report_dict, summary
from crosscheck.outputs.write import write_report
from crosscheck.pipeline import check_corpus
from crosscheck.review.reviews import (apply_reviews, dumps_reviews, load_decisions, load_reviews, merge_decisions, prune,
                      record_decision, resolve_id, reviews_path, save_reviews)

EXIT_FAIL = EXIT_GATE_FAILED


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
    """[scale] --jobs and --no-cache, shared by the commands that run the check."""
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
    return check_corpus(c, jobs=jobs, cache=not no_cache, progress=None,
                        engine=_ENGINE.get("engine") or "local", scheduler=_ENGINE.get("scheduler"))


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
@perf_options
@handle_errors
def report(corpus, references, out_dir, jobs, no_cache):
    """Run the check and write DIR/report.json and DIR/report.html.

    Example:

        \b
        crosscheck report seeds --out reports
        crosscheck report --reference transcript.txt article1.txt article2.txt
    """
    c = open_corpus(corpus, references)
    r = run_check(c, jobs, no_cache)
    apply_reviews(r, load_reviews(reviews_path(c)))  # report.json/html carry each finding's review
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

        \b
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

        \b
        crosscheck add article.txt --corpus seeds --role press --outlet "Le Monde" --published 2025-07-13
    """
    sid = add_source(corpus, file, role, source_id=source_id, title=title, outlet=outlet,
                     published=published, url=url, language=language, on_warning=_warn)
    click.echo(f"Added {sid} to {corpus}")


# --- the CI gate and reviews ------------------------------------------------------------------------

def reviews_option(fn):
    return click.option("--reviews", "reviews_file", type=click.Path(dir_okay=False),
                        help="Reviews file (default: reviews.toml beside the manifest; "
                             "required for an ad-hoc --reference corpus).")(fn)


def checked_corpus(corpus, references, reviews_file, jobs=None, no_cache=False):
    """Load, check and apply the reviews: (corpus, report, reviews, state). Writes nothing but the
    result cache."""
    c = open_corpus(corpus, references)
    reviews = load_reviews(reviews_path(c, reviews_file))  # a broken file fails before the slow part
    r = run_check(c, jobs, no_cache)
    state = apply_reviews(r, reviews)
    return c, r, reviews, state


def gate_view(data, reviews, state, fail_on) -> GateView:
    return GateView(data=data, fail_on=fail_on, stale=[d.to_dict() for d in state.stale],
                    reviews_file=str(reviews.path) if reviews.path else None)


@main.command()
@corpus_argument
@reviews_option
@click.option("--fail-on", type=click.Choice(FAIL_ON_LEVELS), default=DEFAULT_FAIL_ON, show_default=True,
              help="Fail (exit 1) when an unreviewed finding reaches this severity.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text summary, report.json, SARIF 2.1.0, JUnit XML or GitHub annotations.")
@click.option("--output", type=click.Path(dir_okay=False), help="Write there (atomically) instead of stdout.")
@perf_options
@handle_errors
def check(corpus, references, reviews_file, fail_on, fmt, output, jobs, no_cache):
    """The CI gate: exit 0 when no unreviewed finding reaches --fail-on, 1 when some do, 2 on bad input.

    A finding is reviewed when reviews.toml (beside the manifest) holds a decision for its id:
    accepted or confirmed. A finding whose words changed since its decision needs re-review and
    counts as unreviewed. check never writes the reviews file.

    Example:

        \b
        crosscheck check seeds
        crosscheck check seeds --fail-on error --format sarif --output crosscheck.sarif
        crosscheck check --reference transcript.txt article.txt --reviews reviews.toml --format github
    """
    c, r, reviews, state = checked_corpus(corpus, references, reviews_file, jobs, no_cache)
    view = gate_view(report_dict(r), reviews, state, fail_on)
    text = render(fmt, view)
    failing = view.failing
    if output:
        atomic_write(output, text)
        verdict = "FAIL" if failing else "OK"
        click.echo(f"crosscheck: {verdict}: {len(failing)} unreviewed finding(s) at or above {fail_on}; "
                   f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
    if state.stale and (output or fmt not in ("text", "github")):
        _warn(f"{len(state.stale)} stale decision(s) in {reviews.path}: `crosscheck review --prune` removes them")
    sys.exit(EXIT_GATE_FAILED if failing else EXIT_OK)


def default_reviewer() -> str | None:
    """$CROSSCHECK_REVIEWER, else git's user.name, else the login name."""
    name = os.environ.get("CROSSCHECK_REVIEWER")
    if name:
        return name
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


@main.command()
@corpus_argument
@reviews_option
@click.option("--accept", "accept_ids", multiple=True, metavar="ID",
              help="Accept this finding (a known, acceptable variant). Repeatable; a unique id prefix works.")
@click.option("--confirm", "confirm_ids", multiple=True, metavar="ID",
              help="Confirm this finding (a real error in the article, kept on record). Repeatable.")
@click.option("--note", help="Note stored with the --accept/--confirm decisions.")
@click.option("--reviewer", help="Name stored with decisions (default: $CROSSCHECK_REVIEWER, git user.name, login).")
@click.option("--import", "import_file", type=click.Path(dir_okay=False),
              help="Merge the decisions file exported by the HTML report (JSON).")
@click.option("--prune", "do_prune", is_flag=True, help="Remove stale decisions (their findings no longer occur).")
@click.option("--fail-on", "level", type=click.Choice(FAIL_ON_LEVELS), default=DEFAULT_FAIL_ON, show_default=True,
              help="Interactive walk: findings at or above this severity.")
@handle_errors
def review(corpus, references, reviews_file, accept_ids, confirm_ids, note, reviewer, import_file, do_prune, level):
    """Review findings and record decisions in reviews.toml (written atomically, only if changed).

    Without options, walks the unreviewed findings most severe first, showing the article and the
    record side by side with a coloured word diff, and asks: accept (a) / confirm (c) / skip (s) /
    note (n) / back (b) / quit (q). Quitting saves what was decided so far.

    Example:

        \b
        crosscheck review seeds
        crosscheck review seeds --accept 1fadb9bffa0db53f --note "translation variant" --reviewer Ana
        crosscheck review seeds --confirm d0c9a666 --import decisions.json
        crosscheck review seeds --prune
    """
    if note is not None and not (accept_ids or confirm_ids):
        raise click.UsageError("--note goes with --accept or --confirm")
    both = set(accept_ids) & set(confirm_ids)
    if both:
        raise click.UsageError(f"finding {sorted(both)[0]} cannot be both accepted and confirmed")
    decisions = load_decisions(import_file) if import_file else []  # validate before the slow part
    c, r, reviews, state = checked_corpus(corpus, references, reviews_file)
    if reviews.path is None:
        raise ReviewsError("an ad-hoc --reference corpus has no manifest folder: give --reviews FILE")
    before = dumps_reviews(reviews)
    data = report_dict(r)
    findings = data["findings"]
    who = reviewer or default_reviewer()
    today = dt.date.today()
    interactive = not (accept_ids or confirm_ids or import_file or do_prune)
    if interactive:
        from crosscheck.review.audit import to_review, walk

        items = to_review(findings, level)
        if not items:
            click.echo(f"Nothing to review: no unreviewed finding at or above {level}.")
        else:
            result = walk(gate_view(data, reviews, state, level), c, reviews, items, reviewer=who, today=today)
            _save_if_changed(reviews, before)
            left = len(failing_findings(_reapply(r, reviews), level))
            click.echo(f"{left} unreviewed finding(s) at or above {level} remain.")
            if result.interrupted:
                sys.exit(EXIT_GATE_FAILED)
        return
    if decisions:
        changed, unknown = merge_decisions(reviews, decisions, findings)
        click.echo(f"Imported {len(decisions)} decision(s) from {import_file}: {changed} new or changed.")
        for d in unknown:
            _warn(f"{import_file}: decision {d.id} matches no finding of this corpus; kept, reported as stale")
    targets = [(resolve_id(findings, i), "accepted") for i in accept_ids]
    targets += [(resolve_id(findings, i), "confirmed") for i in confirm_ids]
    for f, status in targets:
        record_decision(reviews, f, status, note=note, reviewer=who, date=today)
        click.echo(f"{status} {f['id']} ({f['source']} {f['kind']} {f['verdict']}: “{_short(f['span']['text'])}”)")
    if do_prune:
        state = apply_reviews(r, reviews)
        for d in prune(reviews, state):
            click.echo(f"pruned stale decision {d.id} ({d.source or '?'} {d.kind or ''}: “{_short(d.text or '')}”)")
    _save_if_changed(reviews, before)


def _reapply(report, reviews) -> list[dict]:
    apply_reviews(report, reviews)
    return [f.to_dict() for f in report.findings]


def _short(text: str, n: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _save_if_changed(reviews, before: str) -> None:
    if dumps_reviews(reviews) == before:
        click.echo(f"No changes; {reviews.path} left as it was.")
        return
    path = save_reviews(reviews)
    click.echo(f"Saved {len(reviews.decisions)} decision(s) to {path}.")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
