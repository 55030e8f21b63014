"""``crosscheck export``: the confirmed discrepancies, per article, in a form a newsroom uses directly
(a spreadsheet, or Markdown to paste into a correction note). Built from report.json's finding dicts
with their reviews applied.

CSV cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with a
quote; Markdown escapes the corpus's text so that an article cannot inject markup.
"""
from __future__ import annotations

import csv
import io
import re

COLUMNS = ("article", "outlet", "title", "published", "url", "line", "id", "kind", "verdict", "severity",
           "article_text", "record_text", "article_sentence", "record_sentence", "message", "status", "note", "reviewer", "date")


def _record_text(f: dict) -> str:
    return " ".join(((f.get("reference_span") or {}).get("text") or f.get("expected") or "").split())


def _sentence(corpus, source, span) -> str:
    if corpus is None:
        return ""
    from crosscheck.review.audit import _MARK_OFF, _MARK_ON, marked_sentence

    return (marked_sentence(corpus, source, span) or "").replace(_MARK_ON, "").replace(_MARK_OFF, "")


def rows(data: dict, statuses: tuple[str, ...] = ("confirmed",), corpus=None) -> list[dict]:
    """One row per decided finding with one of ``statuses``, articles in manifest order, then by line.
    With the corpus, each row also has the sentence around the words on both sides (words in ⟦…⟧)."""
    sources = {s["id"]: s for s in data["sources"]}
    order = {s["id"]: i for i, s in enumerate(data["sources"])}
    out = []
    for f in data["findings"]:
        review = f.get("review") or {}
        if review.get("status") not in statuses:
            continue
        s = sources.get(f["source"], {})
        out.append({
            "article": f["source"], "outlet": s.get("outlet") or "", "title": s.get("title") or "",
            "published": s.get("published") or "", "url": s.get("url") or "", "line": f.get("line") or "",
            "id": f["id"], "kind": f["kind"], "verdict": f["verdict"], "severity": f["severity"],
            "article_text": " ".join(f["span"]["text"].split()), "record_text": _record_text(f),
            "article_sentence": _sentence(corpus, f["source"], f["span"]),
            "record_sentence": _sentence(corpus, f.get("reference"), f.get("reference_span")),
            "message": " ".join((f.get("message") or "").split()), "status": review["status"],
            "note": review.get("note") or "", "reviewer": review.get("reviewer") or "", "date": review.get("date") or "",
        })
    out.sort(key=lambda r: (order.get(r["article"], 0), r["line"] or 0, r["id"]))
    return out


def _cell(v) -> str:
    s = str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def to_csv(rs: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rs:
        w.writerow([_cell(r[c]) for c in COLUMNS])
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # what can start markup mid-line (lines never start with text)


def md(text: str) -> str:
    """Text shown literally in Markdown (every markup character escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_markdown(rs: list[dict], title: str = "Confirmed discrepancies") -> str:
    out = [f"# {md(title)}", ""]
    if not rs:
        return "\n".join(out + ["No confirmed discrepancy.", ""])
    out.append(f"{len(rs)} finding(s) in {len({r['article'] for r in rs})} article(s), "
               "each checked against the record and confirmed by a reviewer.")
    current = None
    n = 0
    for r in rs:
        if r["article"] != current:
            current, n = r["article"], 0
            head = r["title"] or r["article"]
            meta = ", ".join(x for x in (r["outlet"], r["published"]) if x)
            out += ["", f"## {md(head)}" + (f" ({md(meta)})" if meta else ""), ""]
            if r["url"]:
                out.append(f"<{r['url']}>" if re.match(r"^https?://[^\s<>]+$", r["url"]) else md(r["url"]))
                out.append("")
        n += 1
        out.append(f"{n}. **{md(r['kind'])} · {md(r['verdict'])}** (line {r['line']}, id `{r['id']}`)")
        out.append(f"   - Article: “{md(r['article_text'])}”")
        out.append(f"   - Record: “{md(r['record_text'])}”" if r["record_text"] else "   - Record: no matching passage")
        for label, key in (("In the article", "article_sentence"), ("In the record", "record_sentence")):
            if r[key] and r["kind"] != "quote":
                out.append(f"   - {label}: {md(r[key])}")
        out.append(f"   - Finding: {md(r['message'])}")
        who = ", ".join(x for x in (r["reviewer"], r["date"]) if x)
        note = md(r["note"]) if r["note"] else "(no note)"
        out.append(f"   - Reviewer's note: {note}" + (f" — {md(who)}" if who else ""))
    return "\n".join(out) + "\n"
