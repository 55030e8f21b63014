"""The CI gate: the pass/fail rule, exit codes, the check and review commands end to end."""
from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
import yaml

from crosscheck.cli import main
from crosscheck.review.gate import (EXIT_GATE_FAILED, EXIT_OK, EXIT_USAGE, FAIL_ON_LEVELS, exit_code, failing_findings,
                             should_fail)
from crosscheck.review.reviews import load_reviews

ROOT = Path(__file__).resolve().parent.parent
LINE_RE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+) (?P<kind>\w+) (?P<verdict>\S+) (?P<msg>.+) "
                     r"\[(?P<severity>error|warning|info) (?P<id>[0-9a-f]{16}(?:-\d+)?)\]")

MISQUOTE = """Lavrov à Wonsan : Moscou promet une aide sans limite

Lors de sa visite à Wonsan, Sergueï Lavrov a déclaré : « Nous livrerons à nos amis coréens tout ce dont ils ont besoin, sans aucune limite et sans délai. »
"""

EN_REFERENCE = """Press conference by the Foreign Minister, Geneva, 3 March 2025

Foreign Minister: We want peace and cooperation between our two countries. Negotiations will resume in the spring, and we expect a written agreement before the summer.

Question: Will sanctions be lifted?

Foreign Minister: Sanctions are not on the agenda today.
"""
EN_ARTICLE = """Geneva talks: minister hopes for a deal

The minister said "we want peace and cooperation between our two countries" at a press conference in Geneva.

He added that "sanctions will be lifted before the summer", according to reporters present.
"""


def blank(corpus: Path) -> Path:
    path = corpus / "reviews.toml"
    path.unlink(missing_ok=True)
    return path


def findings_json(cli, *args) -> list[dict]:
    result = cli("check", *args, "--format", "json", "--fail-on", "info")
    return json.loads(result.stdout)["findings"]


def accept_all(cli, corpus: Path, level: str = "info") -> None:
    """Review every finding that would fail at ``level`` (what a team does once, like a baseline)."""
    todo = [f["id"] for f in findings_json(cli, corpus)
            if (f["review"] is None or f["review"]["status"] == "needs-rereview")]
    args = [a for i in todo for a in ("--accept", i)]
    if args:
        result = cli("review", corpus, *args, "--note", "baseline", "--reviewer", "CI")
        assert result.exit_code == 0, result.output


# --- the pure rule -----------------------------------------------------------------------------------

def _f(severity, status=None):
    return {"severity": severity, "review": None if status is None else {"status": status}}


def test_rule_counts_only_unreviewed_findings_at_or_above_the_level():
    fs = [_f("info"), _f("warning", "accepted"), _f("error", "confirmed"), _f("warning", "needs-rereview")]
    assert [should_fail(fs, lvl) for lvl in FAIL_ON_LEVELS] == [True, True, False]
    assert failing_findings(fs, "warning") == [fs[3]]
    assert exit_code(fs, "error") == EXIT_OK and exit_code(fs, "info") == EXIT_GATE_FAILED
    assert failing_findings([_f("info"), _f("error"), _f("warning")], "info")[0]["severity"] == "error"
    assert (EXIT_OK, EXIT_GATE_FAILED, EXIT_USAGE) == (0, 1, 2)
    with pytest.raises(ValueError):
        failing_findings(fs, "fatal")


# --- check ---------------------------------------------------------------------------------------------

def test_check_text_lists_each_failing_finding_on_one_line(corpus_copy, cli, monkeypatch):
    blank(corpus_copy)
    monkeypatch.chdir(corpus_copy.parent)
    result = cli("check", "corpus")
    assert result.exit_code == EXIT_GATE_FAILED
    all_findings = findings_json(cli, "corpus")
    expected = [f for f in all_findings if f["severity"] in ("warning", "error")]
    lines = [m for m in map(LINE_RE.match, result.stdout.splitlines()) if m]
    assert len(lines) == len(expected) > 0
    assert {m["id"] for m in lines} == {f["id"] for f in expected}
    by_id = {f["id"]: f for f in all_findings}
    for m in lines:
        f = by_id[m["id"]]
        assert m["path"] == f"corpus/{f['source']}.txt" and (m["kind"], m["verdict"]) == (f["kind"], f["verdict"])
        # path:line:col points at the finding's words in the article.
        text_line = Path(m["path"]).read_text(encoding="utf-8").split("\n")[int(m["line"]) - 1]
        assert text_line[int(m["col"]) - 1:].startswith(f["span"]["text"].split("\n")[0])
    assert f"FAIL: {len(expected)} unreviewed finding(s) at or above warning" in result.stdout


def test_fail_on_levels(corpus_copy, cli):
    blank(corpus_copy)
    fs = findings_json(cli, corpus_copy)
    errors = [f for f in fs if f["severity"] == "error"]
    assert errors, "the seed corpus has error-level findings"
    args = [a for f in errors for a in ("--confirm", f["id"])]
    assert cli("review", corpus_copy, *args, "--reviewer", "Ana").exit_code == 0
    assert cli("check", corpus_copy, "--fail-on", "error").exit_code == EXIT_OK
    warnings = [f for f in fs if f["severity"] == "warning"]
    assert cli("check", corpus_copy, "--fail-on", "warning").exit_code == (EXIT_GATE_FAILED if warnings else EXIT_OK)
    infos = [f for f in fs if f["severity"] == "info"]
    accept_all(cli, corpus_copy)
    assert cli("check", corpus_copy, "--fail-on", "info").exit_code == EXIT_OK
    result = cli("check", corpus_copy)
    assert result.exit_code == EXIT_OK and "OK: no unreviewed finding at or above warning" in result.stdout
    assert len(load_reviews(corpus_copy / "reviews.toml").decisions) == len(errors) + len(warnings) + len(infos)


def test_new_misquote_fails_the_gate_until_reviewed(corpus_copy, cli, tmp_path):
    """The issue's scenario: reviewed corpus passes; a new article with a misquote fails; reviewing it passes."""
    accept_all(cli, corpus_copy, "warning")
    assert cli("check", corpus_copy).exit_code == EXIT_OK
    article = tmp_path / "press-new.txt"
    article.write_text(MISQUOTE, encoding="utf-8")
    assert cli("add", article, "--corpus", corpus_copy, "--published", "2025-07-13").exit_code == 0
    reviews_before = (corpus_copy / "reviews.toml").read_bytes()
    result = cli("check", corpus_copy)
    assert result.exit_code == EXIT_GATE_FAILED
    failing = [m for m in map(LINE_RE.match, result.stdout.splitlines()) if m]
    assert failing and all(m["path"].endswith("press-new.txt") for m in failing)
    new = next(m for m in failing if m["kind"] == "quote")
    assert new["verdict"] == "unattested" and new["severity"] == "error"
    assert (corpus_copy / "reviews.toml").read_bytes() == reviews_before  # check never writes it
    # Reviewing it (a real error: confirmed) makes the gate pass again.
    for m in failing:
        result = cli("review", corpus_copy, "--confirm", m["id"][:10], "--note", "not in the record",
                     "--reviewer", "Ana")
        assert result.exit_code == 0 and f"confirmed {m['id']}" in result.stdout
    assert cli("check", corpus_copy).exit_code == EXIT_OK
    d = load_reviews(corpus_copy / "reviews.toml").decisions[new["id"]]
    assert (d.status, d.note, d.reviewer, d.source) == ("confirmed", "not in the record", "Ana", "press-new")


def test_ad_hoc_reference_form_in_english(cli, tmp_path):
    ref, art = tmp_path / "transcript.txt", tmp_path / "geneva-article.txt"
    ref.write_text(EN_REFERENCE, encoding="utf-8")
    art.write_text(EN_ARTICLE, encoding="utf-8")
    result = cli("check", "--reference", ref, art)
    assert result.exit_code == EXIT_GATE_FAILED
    m = next(filter(None, map(LINE_RE.match, result.stdout.splitlines())))
    assert (m["kind"], m["verdict"], m["path"]) == ("quote", "unattested", str(art))
    assert cli("check", "--reference", ref, art, "--fail-on", "info").exit_code == EXIT_GATE_FAILED
    # An ad-hoc corpus has no manifest folder: reviews need an explicit file.
    result = cli("review", "--reference", ref, art, "--accept", m["id"])
    assert result.exit_code == EXIT_USAGE and "--reviews" in result.stderr
    reviews = tmp_path / "reviews.toml"
    assert cli("review", "--reference", ref, art, "--reviews", reviews, "--accept", m["id"]).exit_code == 0
    assert cli("check", "--reference", ref, art, "--reviews", reviews).exit_code == EXIT_OK


@pytest.mark.parametrize("args,expected", [
    (("check", "no-such-folder"), "manifest not found"),
    (("check", "seeds", "--fail-on", "fatal"), "Invalid value for '--fail-on'"),
    (("check", "seeds", "--format", "xml"), "Invalid value for '--format'"),
    (("review", "seeds", "--note", "orphan note"), "--note goes with --accept or --confirm"),
    (("review", "seeds", "--accept", "ffffffffffffffff"), "no finding with id 'ffffffffffffffff'"),
])
def test_usage_and_input_errors_exit_2(cli, args, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    before = (ROOT / "seeds" / "reviews.toml").read_bytes() if (ROOT / "seeds" / "reviews.toml").exists() else None
    result = cli(*args)
    assert result.exit_code == EXIT_USAGE and expected in result.stderr
    after = (ROOT / "seeds" / "reviews.toml").read_bytes() if (ROOT / "seeds" / "reviews.toml").exists() else None
    assert after == before


def test_committed_seed_reviews_pass_the_gate(cli, monkeypatch):
    if not (ROOT / "seeds" / "reviews.toml").exists():
        pytest.skip("seeds/reviews.toml is not committed yet")
    monkeypatch.chdir(ROOT)
    result = cli("check", "seeds")
    assert result.exit_code == EXIT_OK, result.stdout


# --- review: the interactive walk ---------------------------------------------------------------------

def test_interactive_walk_records_decisions_and_saves_on_quit(corpus_copy, cli):
    path = blank(corpus_copy)
    order = [f for f in findings_json(cli, corpus_copy) if f["severity"] != "info"]
    # accept #1; note on #2 (shown again), confirm it; back from #3 to #2 and skip; skip #3;
    # a garbage answer at #4 (asked again), then quit.
    answers = "a\nn\nnom mal orthographié\nc\nb\ns\ns\nxyz\nq\n"
    result = cli("review", corpus_copy, "--reviewer", "Ana", input=answers)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert [out.count(f"[{n}/") for n in (1, 2, 3, 4, 5)] == [1, 3, 2, 2, 0] and "Please answer one of" in out
    assert "Decided in this session: confirmed, note “nom mal orthographié”" in out
    assert "ARTICLE (" in out and "RECORD" in out and "⟦" in out  # side-by-side evidence, words marked
    severities = re.findall(r"\[\d+/\d+\] (ERROR|WARNING|INFO)", out)
    assert severities == sorted(severities, key=["ERROR", "WARNING", "INFO"].index)  # most severe first
    decisions = load_reviews(path).decisions
    assert set(decisions) == {order[0]["id"], order[1]["id"]}
    assert decisions[order[0]["id"]].status == "accepted" and decisions[order[0]["id"]].reviewer == "Ana"
    assert decisions[order[1]["id"]].status == "confirmed"
    assert decisions[order[1]["id"]].note == "nom mal orthographié"
    assert f"{len(order) - 2} unreviewed finding(s) at or above warning remain" in out


def test_walk_shows_the_word_diff_and_the_old_decision_of_a_reworded_finding(corpus_copy, cli):
    path = blank(corpus_copy)
    fs = findings_json(cli, corpus_copy)
    f = next(x for x in fs if x["kind"] == "quote" and x.get("diff") and len(x["span"]["text"].split()) >= 3
             and x["severity"] != "info")
    assert cli("review", corpus_copy, "--accept", f["id"], "--note", "ok before", "--reviewer", "Ana").exit_code == 0
    art = corpus_copy / f"{f['source']}.txt"
    t = art.read_text(encoding="utf-8")
    s = f["span"]
    words = s["text"].split()
    art.write_text(t[:s["start"]] + " ".join(words[:-1] + [words[-1] + "s"]) + t[s["end"]:], encoding="utf-8")
    todo = [x for x in findings_json(cli, corpus_copy) if x["severity"] != "info"
            and (x["review"] is None or x["review"]["status"] == "needs-rereview")]
    idx = next(i for i, x in enumerate(todo) if x["review"] is not None)
    result = cli("review", corpus_copy, "--reviewer", "Bo", input="s\n" * idx + "a\nq\n")
    out = result.stdout
    assert "Needs re-review (the finding's words changed" in out and "was accepted by Ana" in out
    assert "“ok before”" in out and "Word diff (record → article):" in out
    assert re.search(r"\[-.+?-\]|\{\+.+?\+\}", out)  # deletions / insertions marked even without colour
    decisions = load_reviews(path).decisions
    assert f["id"] not in decisions and todo[idx]["id"] in decisions  # the new decision replaced the old
    assert cli("check", corpus_copy, "--fail-on", "error").exit_code in (EXIT_OK, EXIT_GATE_FAILED)


def test_interrupted_walk_keeps_what_was_decided(corpus_copy, cli):
    path = blank(corpus_copy)
    first = next(f for f in findings_json(cli, corpus_copy) if f["severity"] == "error")
    result = cli("review", corpus_copy, "--reviewer", "Ana", input="c\n")  # then end of input
    assert result.exit_code == 130 and "Interrupted" in result.stdout  # the shell's code for SIGINT, as documented
    assert set(load_reviews(path).decisions) == {first["id"]}


def test_walk_without_decisions_writes_nothing(corpus_copy, cli):
    path = blank(corpus_copy)
    result = cli("review", corpus_copy, input="s\ns\nq\n")
    assert result.exit_code == 0 and "No changes" in result.stdout
    assert not path.exists()


def test_word_diff_is_coloured():
    from crosscheck.review.audit import word_diff

    styled = word_diff([[0, "soutien sans"], [-1, "faille"], [1, "réserve"]])
    assert "\x1b[31m" in styled and "\x1b[32m" in styled  # red deletions, green insertions
    assert click.unstyle(styled) == "soutien sans [-faille-] {+réserve+}"
    # Wrapped: each line fits the width in visible characters, and a run broken across lines stays red.
    lines = word_diff([[0, "Armée"], [-1, "populaire coréenne qui, aux côtés des soldats"], [1, "et le peuple"]],
                      24).split("\n")
    assert all(len(click.unstyle(x)) <= 24 for x in lines) and len(lines) >= 3
    assert lines[1].startswith("\x1b[31m") and "[-" not in click.unstyle(lines[1])


# --- documentation and integration ---------------------------------------------------------------------

def test_every_command_is_documented(cli):
    assert set(main.commands) >= {"check", "review", "report", "sources", "add"}
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name
        assert f"crosscheck {name}" in command.help.split("Example:")[1], name
        result = cli(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout
    for name in ("check", "review"):
        for param in main.commands[name].params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts[0]} has no help"


def test_pre_commit_hook_runs_the_gate():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "crosscheck")
    assert hook["entry"].split()[:2] == ["crosscheck", "check"] and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "seeds/press-001.txt") and re.search(hook["files"], "seeds/reviews.toml")
    assert 'crosscheck = "crosscheck.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
