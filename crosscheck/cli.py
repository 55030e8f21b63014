"""The command line: a thin click layer over the library. Library errors become one line, exit 2."""
from __future__ import annotations

import datetime as dt
import getpass
import os
import subprocess
import sys
from pathlib import Path

import click

from crosscheck.collector import collector_paused
from crosscheck.version import __version__
from crosscheck.storage.atomic import atomic_write
from crosscheck.inputs.corpus import orphan_files
from crosscheck.errors import ReviewsError
from crosscheck.outputs.formats import FORMATS, GateView, render, review_line, review_totals
from crosscheck.review.gate import DEFAULT_FAIL_ON, EXIT_GATE_FAILED, EXIT_OK, EXIT_USAGE, FAIL_ON_LEVELS, failing_findings
from crosscheck.outputs.jsonreport import report_dict, summary
from crosscheck.outputs.write import write_report
from crosscheck.review.reviews import STATUS_LABELS, apply_reviews, load_reviews, reviews_path
from crosscheck.review.decisions import DecisionConflict, commit_reviews, import_changes, load_decisions, merge_decisions, prune, record_decision, resolve_id, snapshot

EXIT_FAIL = EXIT_GATE_FAILED


from crosscheck.cli_options import (  # noqa: F401
    Interrupted, _warn, corpus_argument, handle_errors, interactive, open_corpus, perf_options, progress_bar, run_check,
    wait_option,
)


@click.group()
@click.version_option(__version__, prog_name="crosscheck")
@click.pass_context
def main(ctx: click.Context):
    """Check press coverage against the official record."""
    # [scale] the garbage collector stays off while a command builds and writes a report
    # (crosscheck.collector; measured in benchmarks/gc_pause.py); restored when the command ends
    ctx.with_resource(collector_paused())


@main.command()
@corpus_argument
@click.option("--out", "out_dir", default="reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for report.json and report.html.")
@perf_options
@wait_option
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
    findings = [f.to_dict() for f in r.findings]
    for sid, s in summary(r).items():
        q = ", ".join(f"{n} {v}" for v, n in sorted(s["quotes"].items())) or "no quotes"
        sev = ", ".join(f"{s['severity'].get(k, 0)} {k}" for k in ("error", "warning", "info"))
        t = review_totals([f for f in findings if f["source"] == sid])
        click.echo(f"{sid}: {q}; findings: {sev}; {t['todo']} to review, {t['confirmed']} confirmed, "
                   f"{t['accepted']} accepted")
    click.echo(review_line(findings))
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
    orphans = orphan_files(c)
    for rel in orphans:
        _warn(f"{Path(c.root) / rel}: in the corpus folder but not in the manifest (an orphan: "
              f"`crosscheck add {rel} --corpus {c.root}` lists it, or delete it)")
    if orphans:
        checked += f", {len(orphans)} orphan file(s)"
    click.echo(f"{len(c.sources)} sources ({len(c.references)} reference, {len(c.press)} press): {checked}")


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@handle_errors
def init(folder):
    """Start a corpus: create FOLDER (default: here) with a commented, empty sources.toml.

    Refuses to overwrite an existing manifest.

    Example:

        \b
        crosscheck init wonsan
        crosscheck add --corpus wonsan --role reference transcript.pdf
        crosscheck add --corpus wonsan article.html https://example.org/article
        crosscheck report wonsan
    """
    from crosscheck.inputs.add import init_corpus

    manifest = init_corpus(folder)
    click.echo(f"Created {manifest}; add sources with: crosscheck add --corpus {folder} FILE|URL...")


@main.command()
@click.argument("sources_", metavar="SOURCE...", nargs=-1, required=True)
@click.option("--corpus", default="seeds", show_default=True, type=click.Path(),
              help="Corpus folder (a folder without sources.toml gets one).")
@click.option("-r", "--recursive", is_flag=True, help="Add the .txt, .html and .pdf files of folders given as SOURCE.")
@click.option("--role", type=click.Choice(["press", "reference"]), default="press", show_default=True,
              help="reference: the official record; press: an article to check against it.")
@click.option("--id", "source_id", help="Source id (default: from the file or URL name); one SOURCE only.")
@click.option("--title", help="Title (default: the page's or PDF's own).")
@click.option("--outlet", help="Outlet or site name (default: the page's site name).")
@click.option("--author", help="Author (default: the page's or PDF's own).")
@click.option("--published", help="Publication date, YYYY-MM-DD (default: the page's date).")
@click.option("--url", help="Where the text was published (default: the page's canonical URL, or the URL given).")
@click.option("--language", help="Language code, e.g. fr (default: the page's, else detected from the text).")
@click.option("--place", help="Where the event took place (e.g. Wonsan).")
@click.option("--translation/--no-translation", default=None,
              help="The text is (or is not) a translation of the original record.")
@wait_option
@handle_errors
def add(sources_, corpus, recursive, role, source_id, title, outlet, author, published, url, language, place,
        translation):
    """Add files (text, HTML, PDF), folders (--recursive) and http(s) URLs to the corpus, atomically.

    A text file is copied; an HTML page or PDF is stored as its extracted text (ID.txt) with the
    original beside it. The page's metadata fills the fields not given as options.

    Example:

        \b
        crosscheck add article.txt --corpus seeds --role press --outlet "Le Monde" --published 2025-07-13
        crosscheck add --corpus wonsan --role reference https://example.org/transcript.pdf
        crosscheck add --corpus wonsan --recursive saved-pages/
    """
    from crosscheck.inputs.add import add_sources, expand_inputs

    items = expand_inputs(list(sources_), recursive)
    ids = add_sources(corpus, items, role, source_id=source_id, on_warning=_warn, title=title, outlet=outlet,
                      author=author, published=published, url=url, language=language, place=place,
                      translation=translation)
    for sid in ids:
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


@main.command()
@corpus_argument
@reviews_option
@click.option("--confirmed", "confirmed", is_flag=True, default=True,
              help="Export the confirmed discrepancies (the default).")
@click.option("--accepted", is_flag=True, help="Also export the findings accepted as not a discrepancy.")
@click.option("--format", "fmt", type=click.Choice(["csv", "md"]), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write there (atomically) instead of stdout.")
@handle_errors
def export(corpus, references, reviews_file, confirmed, accepted, fmt, output):
    """Export the confirmed discrepancies per article, with both texts, the message and the reviewer's note.

    Example:

        \b
        crosscheck export seeds --confirmed --format csv --output corrections.csv
        crosscheck export seeds --format md
    """
    from crosscheck.outputs.export import rows, to_csv, to_markdown

    c, r, reviews, state = checked_corpus(corpus, references, reviews_file)
    statuses = ("confirmed", "accepted") if accepted else ("confirmed",)
    rs = rows(report_dict(r), statuses, corpus=c)
    title = "Confirmed discrepancies" + (" and accepted findings" if accepted else "")
    text = to_csv(rs) if fmt == "csv" else to_markdown(rs, title)
    if output:
        atomic_write(output, text)
        click.echo(f"crosscheck: exported {len(rs)} finding(s) to {output}", err=True)
    else:
        click.echo(text, nl=False)


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
              help="Accept this finding: not a discrepancy (acceptable). Repeatable; a unique id prefix works.")
@click.option("--confirm", "confirm_ids", multiple=True, metavar="ID",
              help="Confirm this finding: a real discrepancy, kept on record. Repeatable.")
@click.option("--note", help="Note stored with the --accept/--confirm decisions.")
@click.option("--reviewer", help="Name stored with decisions (default: $CROSSCHECK_REVIEWER, git user.name, login).")
@click.option("--import", "import_file", type=click.Path(dir_okay=False),
              help="Merge the decisions file exported by the HTML report (JSON).")
@click.option("--force", is_flag=True,
              help="Replace decisions someone else made (or flip a decision); the old one is kept in its history.")
@click.option("--prune", "do_prune", is_flag=True, help="Remove stale decisions (their findings no longer occur).")
@click.option("--fail-on", "level", type=click.Choice(FAIL_ON_LEVELS), default=DEFAULT_FAIL_ON, show_default=True,
              help="Interactive walk: findings at or above this severity.")
@wait_option
@handle_errors
def review(corpus, references, reviews_file, accept_ids, confirm_ids, note, reviewer, import_file, force, do_prune,
           level):
    """Review findings and record decisions in reviews.toml (written atomically, only if changed).

    Without options, walks the unreviewed findings most severe first, showing the article and the
    record side by side with a coloured word diff, and asks: accept (a) / confirm (c) / skip (s) /
    note (n) / back (b) / quit (q). Quitting saves what was decided so far.

    Each decision records who, when and the note; a decision that replaces another keeps it in its
    history. Replacing someone else's decision, or flipping one, needs --force. The file is written
    under a lock, merged with what others wrote meanwhile; a decision someone else made on the same
    finding meanwhile is reported and kept (exit 2), unless --force.

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
    base = snapshot(reviews)
    data = report_dict(r)
    findings = data["findings"]
    who = reviewer or default_reviewer()
    today = dt.date.today()
    walk = not (accept_ids or confirm_ids or import_file or do_prune)
    if walk:
        from crosscheck.review.audit import to_review, walk

        items = to_review(findings, level)
        if not items:
            click.echo(f"Nothing to review: no unreviewed finding at or above {level}.")
            return
        click.echo(f"Reviewing as {who or 'unknown reviewer'} (--reviewer or $CROSSCHECK_REVIEWER to change).")
        result = walk(gate_view(data, reviews, state, level), c, reviews, items, reviewer=who, today=today)
        saved = _commit(reviews, base, force)
        left = len(failing_findings(_reapply(r, reviews), level))
        click.echo(f"{left} unreviewed finding(s) at or above {level} remain.")
        if result.interrupted:
            sys.exit(Interrupted.exit_code)
        if saved.conflicts:
            sys.exit(EXIT_USAGE)
        return
    targets = [(resolve_id(findings, i), "accepted") for i in accept_ids]
    targets += [(resolve_id(findings, i), "confirmed") for i in confirm_ids]
    if decisions:
        changes = import_changes(reviews, decisions)
        if changes and not force:
            for line in changes:
                click.echo(f"  would change {line}", err=True)
            if not (sys.stdin.isatty() and click.confirm(f"Change these {len(changes)} decision(s)?", default=False)):
                raise ReviewsError(f"{import_file}: would change {len(changes)} existing decision(s) (listed above); "
                                   "nothing saved: rerun with --force to apply them (the old ones are kept in history)")
        changed, unknown = merge_decisions(reviews, decisions, findings, force=True)
        click.echo(f"Imported {len(decisions)} decision(s) from {import_file}: {changed} new or changed"
                   f" ({len(changes)} replacing an earlier decision).")
        for d in unknown:
            _warn(f"{import_file}: decision {d.id} matches no finding of this corpus; kept, reported as stale")
    if targets:
        click.echo(f"Reviewer: {who or 'unknown'}")
    for f, status in targets:
        before = reviews.decisions.get(f["id"])
        try:
            d = record_decision(reviews, f, status, note=note, reviewer=who, date=today, force=force)
        except DecisionConflict as e:
            if not sys.stdin.isatty():
                raise
            click.echo(str(e).split("; use --force")[0])
            if not click.confirm(f"Replace it with {status} ({STATUS_LABELS[status]})?", default=False):
                raise ReviewsError(f"finding {f['id']}: left as it was") from None
            d = record_decision(reviews, f, status, note=note, reviewer=who, date=today, force=True)
        label = STATUS_LABELS[status]
        click.echo(f"{status} {f['id']} — {label} ({f['source']} {f['kind']} {f['verdict']}: “{_short(f['span']['text'])}”)")
        if before is not None and d.history and d.history[0] == before.entry():
            click.echo(f"  replaces {before.describe()}")
    if do_prune:
        state = apply_reviews(r, reviews)
        for d in prune(reviews, state):
            click.echo(f"pruned stale decision {d.id} ({d.source or '?'} {d.kind or ''}: “{_short(d.text or '')}”)")
    saved = _commit(reviews, base, force)
    if saved.conflicts:
        sys.exit(EXIT_USAGE)


def _reapply(report, reviews) -> list[dict]:
    apply_reviews(report, reviews)
    return [f.to_dict() for f in report.findings]


def _short(text: str, n: int = 60) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _commit(reviews, base, force: bool):
    """Merge this run's decisions into the reviews file as it is now (under its lock) and say what
    happened: saved, nothing to save, others' decisions merged in, conflicts kept."""
    saved = commit_reviews(reviews, base, force=force)
    for i in saved.theirs:
        d = saved_decision = reviews.decisions.get(i)
        what = saved_decision.describe() if d else "removed"
        click.echo(f"merged a decision made meanwhile by someone else: {i} {what}")
    for conflict in saved.conflicts:
        click.echo(f"crosscheck: conflict: {saved.path}: {conflict.describe()} (rerun with --force to replace theirs)",
                   err=True)
    if saved.written:
        click.echo(f"Saved {saved.total} decision(s) to {saved.path}.")
    elif not saved.conflicts:
        click.echo(f"No changes; {saved.path} left as it was.")
    return saved


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
