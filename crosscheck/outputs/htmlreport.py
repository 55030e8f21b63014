"""report.html: one self-contained, offline file built from report.json's dictionary.

The page is a small application: jinja2 renders the frame (headings, legend, help, filters) and
embeds one JSON document that the inline script turns into rows, evidence panels and articles on
demand, so a corpus of a thousand articles still opens quickly. Three rules keep it safe:

* user text (articles, titles, URLs, names) is only ever escaped by jinja2's autoescape or inserted
  by the script with ``textContent``; nothing from the corpus is marked safe;
* the embedded JSON escapes ``<``, ``>`` and ``&`` so "</script>" in an article cannot end the block;
* a Content-Security-Policy allows exactly the page's own inline script and style (by hash) and no
  network request of any kind, and only http(s) URLs become links.

The same report renders to the same bytes: there is no timestamp unless ``SOURCE_DATE_EPOCH`` is set.
"""
from __future__ import annotations

import base64
import bisect
import datetime as dt
import hashlib
import json
import os
from importlib import resources
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from crosscheck.outputs.jsonreport import report_dict
from crosscheck.outputs.light import records_to_embed, trim_people
from crosscheck.model import SEVERITY_RANK, DiffOp, Report
from crosscheck.text.normalize import tokenize

TEMPLATE = "report.html.j2"
ASSETS = ("report.css", "report.js")



def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("crosscheck.outputs", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def safe_url(url: str | None) -> str | None:
    """The URL if it may become a link (http or https with a host), else None.

    >>> safe_url("https://mid.ru/en/"), safe_url("javascript:alert(1)"), safe_url(" http://x.org")
    ('https://mid.ru/en/', None, None)
    """
    if not url or not isinstance(url, str):
        return None
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None  # browsers strip such characters, which is how "java\tscript:" slips through
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def json_for_script(value) -> str:
    """JSON that is inert inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so neither ``</script>`` nor ``<!--`` can appear,
    and U+2028/U+2029 are escaped for old parsers. JSON.parse gives back the exact text.

    >>> json_for_script({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


# ---- word diff on the original texts ---------------------------------------------------------

def diff_changes(diff: list[DiffOp] | None) -> list[list]:
    """A finding's word diff (computed once, by the alignment) as the page marks it.

    Each change is ``[kind, a0, a1, r0, r1]``: kind ``del`` (words only in the record, ``a0 == a1``
    is where they would sit in the article), ``ins`` (only in the article) or ``rep`` (replaced);
    ``a0:a1`` and ``r0:r1`` are offsets into the article and the record.

    >>> diff_changes([DiffOp(0, "il a dit", 0, 8, 0, 8), DiffOp(-1, "au revoir", 8, 8, 9, 18),
    ...               DiffOp(1, "bonjour", 9, 16, 18, 18)])
    [['rep', 9, 16, 9, 18]]
    """
    changes: list[list] = []
    block: list[DiffOp] = []
    for d in list(diff or []) + [None]:
        if d is not None and d.op != 0:
            block.append(d)
            continue
        if block:
            ins = [x for x in block if x.op == 1]
            dels = [x for x in block if x.op == -1]
            kind = "rep" if ins and dels else "ins" if ins else "del"
            a = ins or dels  # a deletion's article side is its (empty) anchor
            r = dels or ins
            changes.append([kind, a[0].start, a[-1].end, r[0].ref_start, r[-1].ref_end])
            block = []
    return changes


# ---- the page's data --------------------------------------------------------------------------

def _release_index(releases: list[dict], offset: int) -> int | None:
    for i, r in enumerate(releases):
        if r["start"] <= offset < r["end"]:
            return i
    return None


class _Speakers:
    """Speaker of the record sentence holding an offset (bisect over sentence starts)."""

    def __init__(self, report: Report):
        self._by_ref = {}
        for sid, seg in report.segmented.items():
            if seg.source.role == "reference":
                sents = sorted(seg.sentences, key=lambda x: x.start)
                self._by_ref[sid] = ([x.start for x in sents], sents)

    def at(self, ref: str, offset: int) -> str | None:
        starts, sents = self._by_ref.get(ref, ([], []))
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and sents[i].start <= offset < sents[i].end:
            return sents[i].speaker
        return None


def _variant_groups(rows: list[dict], texts: dict[str, str]) -> list[dict]:
    """Quotes whose record passages overlap, when more than one outlet quotes them.

    Within a group, versions with the same words (a wire story reprinted by several outlets) are
    collated into one entry listing every source that uses it. Unattested quotes are left out:
    their "closest passage" is not something they quote.
    Returns ``[{"reference", "start", "end", "sources", "versions": [[row index, ...], ...]}]``.
    """
    by_ref: dict[str, list[tuple[int, int, int]]] = {}
    for i, f in enumerate(rows):
        ref = f.get("ref")
        if f["kind"] == "quote" and ref and f["verdict"] != "unattested":
            by_ref.setdefault(ref["source"], []).append((ref["start"], ref["end"], i))
    groups: list[dict] = []
    for ref in sorted(by_ref):
        clusters: list[list[tuple[int, int, int]]] = []
        end = -1
        for span in sorted(by_ref[ref]):
            if not clusters or span[0] >= end:
                clusters.append([])
                end = -1
            clusters[-1].append(span)
            end = max(end, span[1])
        for cl in clusters:
            sources = {rows[i]["source"] for _, _, i in cl}
            if len(sources) < 2:
                continue
            versions: dict[tuple, list[int]] = {}
            for _, _, i in cl:
                f = rows[i]
                words = tuple(t.key for t in tokenize(texts[f["source"]], f["start"], f["end"]))
                versions.setdefault((f["ref"]["start"], f["ref"]["end"], words), []).append(i)
            groups.append({"reference": ref, "start": cl[0][0], "end": max(e for _, e, _ in cl),
                           "sources": len(sources),
                           "versions": sorted(versions.values(), key=lambda v: (-len(v), v[0]))})
    # the most widely quoted passages first: that is where drift shows
    groups.sort(key=lambda g: (-g["sources"], g["reference"], g["start"]))
    return groups


def _people(people: list[dict], findings: list[dict]) -> list[dict]:
    """People groups (report.json's ``people``) in the page's shape.

    Each group becomes ``{"name", "in_reference", "forms": [{"form", "sources": [[id, count]],
    "verdict", "wrong", "finding"}]}``. A form is wrong when it is a misspelling; ``finding`` is the
    id of one name finding on that spelling.
    """
    flagged: dict[str, str] = {}
    for f in findings:
        if f["kind"] == "name":
            flagged.setdefault(f["span"]["text"], f["id"])
    return [{"name": g["name"], "in_reference": g["in_reference"],
             "forms": [{"form": fm["form"], "sources": [[k, n] for k, n in fm["sources"].items()],
                        "verdict": fm["verdict"], "wrong": fm["verdict"] == "misspelling",
                        "finding": flagged.get(fm["form"])} for fm in g["forms"]]}
            for g in people]


def _compact(d: dict) -> dict:
    """Drop empty values: with thousands of findings, nulls are most of the page's weight."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def page_data(report: Report, data: dict) -> dict:
    """Everything the script needs, computed once here so the browser only filters and draws.

    A finding's words are not repeated: the page slices them out of ``texts`` by offset.
    """
    diffs = {f.id: f.diff for f in report.findings if f.diff}
    speakers = _Speakers(report)
    keep = records_to_embed(data)  # [scale] None: every record; else those linked or cited
    texts = {s.id: s.text for s in report.corpus.sources
             if keep is None or s.role != "reference" or s.id in keep}
    sources = []
    releases: dict[str, list[dict]] = {}
    for s in data["sources"]:
        if s["id"] not in texts:
            continue
        url = s.get("url")
        sources.append(_compact({
            "id": s["id"], "role": s["role"], "title": s.get("title"), "outlet": s.get("outlet"),
            "published": s.get("published"), "url": safe_url(url),
            "raw_url": url if url and not safe_url(url) else None,  # shown as text, never a link
            "path": s.get("path"), "language": s.get("language"),
        }))
        if "releases" in s:
            releases[s["id"]] = [
                _compact({"title": r["title"], "url": safe_url(r.get("url")), "start": r["start"],
                          "end": r["end"], "date": r.get("date"), "place": r.get("place")})
                for r in s["releases"]
            ]
    rows = []
    for f in data["findings"]:
        span, rs, ref = f["span"], f.get("reference_span"), f.get("reference")
        if f["source"] not in texts:
            continue
        row = _compact({
            "id": f["id"], "kind": f["kind"], "verdict": f["verdict"], "severity": f["severity"],
            "source": f["source"], "start": span["start"], "end": span["end"],
            "line": f.get("line"), "column": f.get("column"), "message": f.get("message"),
            "expected": f.get("expected"), "score": f.get("score"), "speaker": f.get("speaker"),
            "via": f.get("via"), "review": f.get("review"),
        })
        if ref and rs and ref in texts:
            row["ref"] = _compact({
                "source": ref, "start": rs["start"], "end": rs["end"],
                "release": _release_index(releases.get(ref, []), rs["start"]),
                "speaker": f.get("reference_speaker") or speakers.at(ref, rs["start"]),
            })
            if f["kind"] == "quote":
                row["ref"]["changes"] = diff_changes(diffs.get(f["id"]))
        rows.append(row)
    # severity first, then reading order: the pipeline's order, made explicit
    order = {s["id"]: i for i, s in enumerate(sources)}
    rows.sort(key=lambda r: (-SEVERITY_RANK.get(r["severity"], 0), order.get(r["source"], 0),
                             r["start"], r["kind"]))
    return {
        "sources": sources,
        "texts": texts,
        "releases": releases,
        "findings": rows,
        "variants": _variant_groups(rows, texts),
        "people": _people((data.get("people") or []) if keep is None else trim_people(data.get("people") or [], set(texts)),
                          data["findings"]),
        "storage_key": "crosscheck:" + (data["corpus"].get("manifest") or data["corpus"].get("root") or ""),
    }


# ---- rendering --------------------------------------------------------------------------------

def _asset(name: str) -> str:
    return resources.files("crosscheck.outputs").joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def generated_stamp() -> str | None:
    """``SOURCE_DATE_EPOCH`` as a UTC date and time, or None: no wall clock, reproducible bytes."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        when = dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return when.strftime("%Y-%m-%d %H:%M UTC")


def render_html(report: Report, data: dict | None = None) -> str:
    data = data or report_dict(report)
    view = page_data(report, data)
    css, js = (_asset(n) for n in ASSETS)
    # our own assets, verbatim: the CSP admits exactly these bytes (by hash) and nothing else
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(js)}; style-src {_csp_hash(css)}; "
           "base-uri 'none'; form-action 'none'")
    press = [s for s in view["sources"] if s["role"] == "press"]
    refs = [s for s in view["sources"] if s["role"] == "reference"]
    # the header counts what still needs a decision (as `crosscheck check` does), then the decisions
    todo = [f for f in view["findings"] if not f.get("review") or f["review"].get("status") == "needs-rereview"]
    counts = {k: sum(1 for f in todo if f["severity"] == k) for k in ("error", "warning", "info")}
    review = {"todo": len(todo), **{k: sum(1 for f in view["findings"] if (f.get("review") or {}).get("status") == k)
                                    for k in ("accepted", "confirmed")}}
    return environment().get_template(TEMPLATE).render(
        csp=csp, css=Markup(css), js=Markup(js), data_json=Markup(json_for_script(view)),
        press=press, references=refs, counts=counts, review=review, total=len(view["findings"]),
        stamp=generated_stamp(), warnings=data["corpus"].get("warnings") or [],
    )
