"""The terminal walk of ``crosscheck review``: unreviewed findings, most severe first, each shown with
its evidence side by side and a coloured word diff, and a prompt (modelled on detect-secrets' audit):

    accept (a) / confirm (c) / skip (s) / note (n) / back (b) / quit (q)

Decisions go into a ``Reviews`` object as they are made; the caller saves it (only if it changed),
also when the walk is quit or interrupted, so nothing decided is lost.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import click

from crosscheck.text.diff import marked
from crosscheck.review.gate import GateView, is_unreviewed, most_severe_first, reaches, rereview_phrase
from crosscheck.model import Corpus
from crosscheck.review.reviews import Reviews
from crosscheck.review.decisions import record_decision

SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}
ACTIONS = {"a": "accept", "c": "confirm", "s": "skip", "n": "note", "b": "back", "q": "quit"}
PROMPT = "accept (a) / confirm (c) / skip (s) / note (n) / back (b) / quit (q)"
_MARK_ON, _MARK_OFF = "\x01", "\x02"  # where the finding's words start and end in the article column
# The finding's words are also bracketed, so they stand out where colour is off.
OPEN, CLOSE = "⟦", "⟧"


def to_review(findings: list[dict], level: str) -> list[dict]:
    """Unreviewed findings (and those needing re-review) at or above ``level``, most severe first."""
    return most_severe_first([f for f in findings if is_unreviewed(f) and reaches(f, level)])


def word_diff(diff: list | None, width: int | None = None) -> str:
    """The record-to-article word diff: ``[-record only-]`` in red, ``{+article only+}`` in green.

    The brackets keep the diff readable where colour is off (pipes, logs, tests). Segments are runs
    of words, joined by a space. With ``width``, lines are wrapped first and coloured after, so a
    coloured run broken across lines stays coloured and widths count only visible characters.

    >>> click.unstyle(word_diff([[0, "soutien sans"], [-1, "faille"], [1, "réserve"]]))
    'soutien sans [-faille-] {+réserve+}'
    """
    plain = marked(diff or [])
    lines = textwrap.wrap(plain, width, break_on_hyphens=False) if width else [plain]
    out, state = [], 0
    for line in lines:
        styled, state = _style_diff_line(line, state)
        out.append(styled)
    return "\n".join(out)


_DIFF_STYLE = {-1: {"fg": "red", "strikethrough": True}, 1: {"fg": "green", "bold": True}}


def _style_diff_line(line: str, state: int) -> tuple[str, int]:
    """Colour one wrapped line; ``state`` is the run open at its start (-1, 1, or 0 for none)."""
    buf: list[str]
    out, buf, i = [], [], 0

    def flush():
        if buf:
            text = "".join(buf)
            out.append(click.style(text, **_DIFF_STYLE[state]) if state else text)
            buf.clear()

    while i < len(line):
        two = line[i:i + 2]
        if state == 0 and two in ("[-", "{+"):
            flush()
            state = -1 if two == "[-" else 1
            buf.append(two)
            i += 2
        elif (state == -1 and two == "-]") or (state == 1 and two == "+}"):
            buf.append(two)
            flush()
            state = 0
            i += 2
        else:
            buf.append(line[i])
            i += 1
    flush()
    return "".join(out), state


def article_context(corpus: Corpus | None, f: dict, chars: int = 120) -> str:
    """The finding's words with some of the sentence around them, marked for highlighting."""
    span = f["span"]
    text = None
    if corpus is not None:
        try:
            text = corpus.get(f["source"]).text
        except KeyError:
            text = None
    marked = _MARK_ON + OPEN + span["text"] + CLOSE + _MARK_OFF
    if text is None or text[span["start"]:span["end"]] != span["text"]:
        return " ".join(marked.split())
    a = max(0, span["start"] - chars)
    b = min(len(text), span["end"] + chars)
    before, after = text[a:span["start"]], text[span["end"]:b]
    if a > 0:
        before = "…" + before.split(None, 1)[-1] if " " in before else "…" + before
    if b < len(text):
        after = after.rsplit(None, 1)[0] + "…" if " " in after.strip() else after + "…"
    return " ".join((before + marked + after).split())


_SENTENCE_END = re.compile(r"[.!?…»]\s|\n")


def sentence_around(text: str, start: int, end: int, limit: int = 320) -> tuple[int, int]:
    """The sentence (or line) holding ``text[start:end]``, at most ``limit`` characters either side."""
    lo = max(0, start - limit)
    a = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        a = m.end()
    if a == lo and lo > 0 and " " in text[lo:start]:
        a = text.index(" ", lo) + 1
    after = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    b = after.start() + 1 if after else min(len(text), end + limit)
    return a, b


def marked_sentence(corpus: Corpus | None, source: str | None, span: dict | None) -> str | None:
    """The sentence around ``span`` in ``source``, the span's words marked (⟦…⟧, highlighted)."""
    if corpus is None or not source or not span:
        return None
    try:
        text = corpus.get(source).text
    except KeyError:
        return None
    if text[span["start"]:span["end"]] != span["text"]:
        return None
    a, b = sentence_around(text, span["start"], span["end"])
    out = (text[a:span["start"]] + _MARK_ON + OPEN + span["text"] + CLOSE + _MARK_OFF + text[span["end"]:b])
    return ("…" if a > 0 and text[a - 1] not in "\n" and not _SENTENCE_END.match(text, a - 2) else "") + \
        " ".join(out.split()) + ("…" if b < len(text) and not _SENTENCE_END.match(text, b - 1) else "")


def side_by_side(left: str, right: str, width: int, titles: tuple[str, str]) -> list[str]:
    """Two texts in two columns; the article's marked words are shown bold and underlined."""
    col = max(20, (width - 5) // 2)
    lw = textwrap.wrap(left, col) or [""]
    rw = textwrap.wrap(right, col) or [""]
    lines = [f"  {titles[0][:col]:<{col}} │ {titles[1][:col]}", f"  {'─' * col}─┼─{'─' * col}"]
    marked = r_marked = False
    for i in range(max(len(lw), len(rw))):
        l_plain = lw[i] if i < len(lw) else ""
        visible = l_plain.replace(_MARK_ON, "").replace(_MARK_OFF, "")
        pad = " " * max(0, col - len(visible))
        styled, marked = _highlight(l_plain, marked)
        right, r_marked = _highlight(rw[i] if i < len(rw) else "", r_marked)  # the record's words marked too
        lines.append(f"  {styled}{pad} │ {right}".rstrip())
    return lines


def _highlight(line: str, marked: bool) -> tuple[str, bool]:
    buf: list[str]
    out, buf = [], []

    def flush():
        if buf:
            s = "".join(buf)
            out.append(click.style(s, bold=True, underline=True) if marked else s)
            buf.clear()

    for ch in line:
        if ch in (_MARK_ON, _MARK_OFF):
            flush()
            marked = ch == _MARK_ON
        else:
            buf.append(ch)
    flush()
    return "".join(out), marked


def show_finding(view: GateView, corpus: Corpus | None, f: dict, n: int, total: int, width: int,
                 pending: dict | None) -> str:
    sev = click.style(f["severity"].upper(), fg=SEVERITY_COLOUR[f["severity"]], bold=True)
    head = (f"[{n}/{total}] {sev}  {f['kind']} · {f['verdict']}  "
            f"{view.path_of(f['source'])}:{f['line']}:{f['column']}  id {f['id']}")
    lines = ["", head, *textwrap.wrap(f["message"], width - 2, initial_indent="  ", subsequent_indent="  "), ""]
    record = (f.get("reference_span") or {}).get("text") or "(no matching passage in the record)"
    ref_title = f"RECORD ({f['reference']})" if f.get("reference") else "RECORD"
    left = article_context(corpus, f)
    if f["kind"] != "quote":  # a fact: the sentences on both sides, the differing words marked
        left = marked_sentence(corpus, f["source"], f.get("span")) or left
        record = marked_sentence(corpus, f.get("reference"), f.get("reference_span")) or record
    lines += side_by_side(left, " ".join(record.split()), width, (f"ARTICLE ({f['source']})", ref_title))
    if f.get("diff"):
        lines += ["", "  Word diff (record → article):"]
        lines += ["  " + x for x in word_diff(f["diff"], width - 4).split("\n")]
    if f.get("expected"):
        lines.append(f"  Record has: {f['expected']}")
    again = rereview_phrase(f.get("review"))
    if again:
        lines.append("  " + click.style(again[0].upper() + again[1:], fg="magenta"))
    if pending:
        note = f", note “{pending['note']}”" if pending.get("note") else ""
        lines.append(f"  Decided in this session: {pending['status']}{note}")
    return "\n".join(lines)


@dataclass
class WalkResult:
    decided: int
    completed: bool  # False when quit or interrupted before the end
    interrupted: bool = False  # end of input or Ctrl-C rather than (q)uit


def walk(view: GateView, corpus: Corpus | None, reviews: Reviews, items: list[dict], *, reviewer: str | None,
         today: dt.date | None = None, prompt: Callable[..., str] = click.prompt,
         echo: Callable[[str], None] = click.echo, width: int | None = None) -> WalkResult:
    """Ask about each item; record accepted/confirmed decisions into ``reviews`` as they are made."""
    width = width or max(60, min(160, shutil.get_terminal_size((100, 24)).columns))
    decided: dict[str, dict] = {}  # finding id -> {"status", "note"} made in this walk
    notes: dict[str, str] = {}
    i = 0
    while 0 <= i < len(items):
        f = items[i]
        echo(show_finding(view, corpus, f, i + 1, len(items), width, decided.get(f["id"])))
        try:
            answer = prompt(PROMPT, default="s", show_default=True)
        except click.Abort:
            echo("\nInterrupted: keeping the decisions made so far.")
            return WalkResult(len(decided), completed=False, interrupted=True)
        action = ACTIONS.get(answer.strip().lower()[:1]) if answer.strip() else "skip"
        if action is None:
            echo(f"Please answer one of: {', '.join(ACTIONS)}.")
            continue
        if action in ("accept", "confirm"):
            status = "accepted" if action == "accept" else "confirmed"
            note = notes.get(f["id"]) or (decided.get(f["id"]) or {}).get("note")
            record_decision(reviews, f, status, note=note, reviewer=reviewer, date=today)
            decided[f["id"]] = {"status": status, "note": note}
            i += 1
        elif action == "note":
            try:
                text = prompt("Note", default=notes.get(f["id"], ""), show_default=False)
            except click.Abort:
                echo("\nInterrupted: keeping the decisions made so far.")
                return WalkResult(len(decided), completed=False, interrupted=True)
            notes[f["id"]] = text.strip()
            if f["id"] in decided:  # a note added after deciding amends that decision
                d = reviews.decisions.get(f["id"])
                if d is not None:
                    d.note = text.strip() or None
                decided[f["id"]]["note"] = text.strip()
        elif action == "skip":
            i += 1
        elif action == "back":
            if i == 0:
                echo("Already at the first finding.")
            i = max(0, i - 1)
        else:  # quit
            return WalkResult(len(decided), completed=False)
    return WalkResult(len(decided), completed=True)
