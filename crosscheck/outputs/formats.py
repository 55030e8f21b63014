"""Output formats of ``crosscheck check``, all rendered from report.json's dictionary (``report_dict``
with reviews applied), in the manner of diff-cover: one dictionary, many formats.

- ``text``: a readable summary; each failing finding on one line, ``path:line:col kind verdict message``;
- ``json``: report.json itself (schema 1), each finding carrying its ``review``;
- ``sarif``: SARIF 2.1.0, every finding located at its article file, line and column, its id in
  ``partialFingerprints["crosscheck/v1"]``, reviewed findings carried as accepted suppressions;
- ``junit``: JUnit XML, one test case per finding; the gate's failures are ``<failure>`` elements;
- ``github``: GitHub Actions workflow commands (``::error file=...,line=...::message``) for the
  failing findings and stale decisions.

Paths are the articles' files relative to ``base`` (the working directory: the repository root in
CI) when they lie inside it, absolute otherwise.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from crosscheck.version import __version__
from crosscheck.review.gate import GateView, is_unreviewed, one_line, rereview_phrase, review_phrase
from crosscheck.text.diff import marked

FORMATS = ("text", "json", "sarif", "junit", "github")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "crosscheck/v1"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
KIND_DESCRIPTIONS = {
    "quote": "A quotation compared with the official record",
    "speaker": "Words attributed to a different speaker than in the record",
    "name": "A person's name spelled differently from the record",
    "place": "A place that differs from the record",
    "date": "A date that differs from the record",
    "number": "A number that differs from the record",
}


def render(fmt: str, view: GateView) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return {"text": render_text, "json": render_json, "sarif": render_sarif, "junit": render_junit,
            "github": render_github}[fmt](view)


def end_position(line: int, column: int, text: str) -> tuple[int, int]:
    """Line and column just past the span (exclusive end), from its start and its text.

    >>> end_position(3, 10, "abc"), end_position(3, 10, "ab\\ncd")
    ((3, 13), (4, 3))
    """
    if "\n" not in text:
        return line, column + len(text)
    return line + text.count("\n"), len(text) - text.rfind("\n")


# --- text ---------------------------------------------------------------------------------------------

def review_totals(findings: list[dict]) -> dict:
    """What still needs a decision (by severity) and the decisions: the numbers every view shows
    (check's text, report's terminal lines, report.html's header)."""
    todo = [f for f in findings if is_unreviewed(f)]
    status = Counter((f.get("review") or {}).get("status") for f in findings)
    return {"todo": len(todo), **{k: sum(1 for f in todo if f["severity"] == k) for k in ("error", "warning", "info")},
            "confirmed": status.get("confirmed", 0), "accepted": status.get("accepted", 0)}


def review_line(findings: list[dict]) -> str:
    """'to review: 6 (0 error, 0 warning, 6 info); 7 confirmed discrepancies; 20 not a discrepancy'."""
    t = review_totals(findings)
    c = t["confirmed"]
    return (f"to review: {t['todo']} ({t['error']} error, {t['warning']} warning, {t['info']} info); "
            f"{c} confirmed discrepanc{'y' if c == 1 else 'ies'}; {t['accepted']} not a discrepancy (accepted)")


def finding_line(view: GateView, f: dict) -> str:
    """``path:line:col kind verdict message [severity id]`` (plus the old decision if one is pending)."""
    line = (f"{view.path_of(f['source'])}:{f['line']}:{f['column']} {f['kind']} {f['verdict']} "
            f"{one_line(f['message'])} [{f['severity']} {f['id']}]")
    again = rereview_phrase(f.get("review"))
    return f"{line} ({again})" if again else line


def render_text(view: GateView) -> str:
    findings = view.findings
    sev = Counter(f["severity"] for f in findings)
    status = Counter((f.get("review") or {}).get("status", "unreviewed") for f in findings)
    press = sum(1 for s in view.data["sources"] if s["role"] == "press")
    out = [f"crosscheck: {press} press source(s), {len(findings)} finding(s): "
           + ", ".join(f"{sev.get(k, 0)} {k}" for k in ("error", "warning", "info"))]
    reviews = view.reviews_path() or "no reviews file"
    out.append(f"reviews ({reviews}): {status.get('accepted', 0)} accepted, {status.get('confirmed', 0)} confirmed, "
               f"{status.get('needs-rereview', 0)} need re-review, {status.get('unreviewed', 0)} unreviewed")
    out.append(review_line(findings))
    failing = view.failing
    if failing:
        out.append("")
        out += [finding_line(view, f) for f in failing]
    if view.stale:
        out.append("")
        where = view.reviews_path() or "reviews"
        for d in view.stale:
            text = f" “{one_line(d.get('text'))}”" if d.get("text") else ""
            what = " ".join(x for x in (d.get("source"), d.get("kind")) if x)
            out.append(f"{where}: stale decision {d['id']} ({what}{text}): {review_phrase(d)}; "
                       "its finding no longer occurs")
        out.append(f"{len(view.stale)} stale decision(s): `crosscheck review --prune` removes them")
    out.append("")
    below = sum(1 for f in findings if is_unreviewed(f)) - len(failing)
    if failing:
        out.append(f"FAIL: {len(failing)} unreviewed finding(s) at or above {view.fail_on} "
                   "(review them with `crosscheck review`)")
    else:
        extra = f"; {below} below it" if below else ""
        out.append(f"OK: no unreviewed finding at or above {view.fail_on}{extra}")
    return "\n".join(out) + "\n"


# --- json ---------------------------------------------------------------------------------------------

def render_json(view: GateView) -> str:
    return json.dumps(view.data, ensure_ascii=False, indent=2) + "\n"


# --- sarif --------------------------------------------------------------------------------------------

def _artifact(view: GateView, source_id: str) -> dict:
    path = view.path_of(source_id)
    if path.startswith("/"):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def rule_id(f: dict) -> str:
    return f"{f['kind']}/{f['verdict']}"


def render_sarif(view: GateView) -> str:
    rules: dict[str, dict] = {}
    results = []
    for f in view.findings:
        rid = rule_id(f)
        if rid not in rules:
            rules[rid] = {
                "id": rid,
                "name": "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", rid) if w),
                "shortDescription": {"text": f"{KIND_DESCRIPTIONS.get(f['kind'], f['kind'])}: {f['verdict']}"},
                "properties": {"kind": f["kind"], "verdict": f["verdict"]},
            }
        span = f["span"]
        end_line, end_col = end_position(f["line"], f["column"], span["text"])
        region = {"startLine": f["line"], "startColumn": f["column"], "endLine": end_line, "endColumn": end_col,
                  "charOffset": span["start"], "charLength": span["end"] - span["start"],
                  "snippet": {"text": span["text"]}}
        result: dict = {
            "ruleId": rid,
            "ruleIndex": list(rules).index(rid),
            "level": SARIF_LEVEL[f["severity"]],
            "message": {"text": f["message"]},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(view, f["source"]), "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: f["id"]},
            "properties": {k: f.get(k) for k in ("severity", "source", "expected", "score", "review")},
        }
        if any(op for op, _ in f.get("diff") or []):  # the quote's word diff, as the terminal shows it
            result["properties"]["wordDiff"] = marked(f["diff"])
        ref = f.get("reference_span")
        if f.get("reference") and ref:
            result["relatedLocations"] = [{
                "id": 1,
                "message": {"text": "The passage of the official record"},
                "physicalLocation": {
                    "artifactLocation": _artifact(view, f["reference"]),
                    "region": {"charOffset": ref["start"], "charLength": ref["end"] - ref["start"],
                               "snippet": {"text": ref["text"]}},
                },
            }]
        review = f.get("review")
        if review and review.get("status") in ("accepted", "confirmed"):
            sup: dict = {"kind": "external", "status": "accepted",
                   "justification": one_line(f"{review_phrase(review)}")}
            if view.reviews_file:
                sup["location"] = {"physicalLocation": {"artifactLocation": _artifact_path(view)}}
            result["suppressions"] = [sup]
        results.append(result)
    notes = [{
        "level": "warning",
        "message": {"text": f"stale decision {d['id']} ({d.get('source') or '?'} {d.get('kind') or ''}): "
                            "its finding no longer occurs; `crosscheck review --prune` removes it"},
    } for d in view.stale]
    run = {
        "tool": {"driver": {"name": "crosscheck", "version": __version__, "semanticVersion": __version__,
                            "rules": list(rules.values())}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.path.abspath(view.base)).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes,
                         "properties": {"failOn": view.fail_on, "failing": len(view.failing)}}],
        "results": results,
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"


def _artifact_path(view: GateView) -> dict:
    path = view.reviews_path()
    assert path is not None  # called only when there is a reviews file
    if path.startswith("/"):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


# --- junit --------------------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all (even escaped): most C0 controls, surrogates, U+FFFE/U+FFFF.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(s) -> str:
    return _XML_BAD.sub("\ufffd", "" if s is None else str(s))


def render_junit(view: GateView) -> str:
    failing_ids = {f["id"] for f in view.failing}
    by_source: dict[str, list[dict]] = {}
    for f in view.findings:
        by_source.setdefault(f["source"], []).append(f)
    suites = ET.Element("testsuites", name="crosscheck", tests=str(len(view.findings)),
                        failures=str(len(failing_ids)), errors="0", skipped="0")
    for source in sorted(by_source):
        fs = sorted(by_source[source], key=lambda f: (f["line"], f["column"], f["id"]))
        path = view.path_of(source)
        suite = ET.SubElement(suites, "testsuite", name=_xml(source), tests=str(len(fs)),
                              failures=str(sum(f["id"] in failing_ids for f in fs)), errors="0", skipped="0")
        for f in fs:
            words = one_line(f["span"]["text"])
            words = words if len(words) <= 60 else words[:59] + "…"
            case = ET.SubElement(suite, "testcase", name=_xml(f"{f['kind']} {f['verdict']} “{words}” [{f['id']}]"),
                                 classname=_xml(f"crosscheck.{source}"), file=_xml(path), line=str(f["line"]))
            detail = [finding_line(view, f), f"article: {f['span']['text']}"]
            if f.get("reference_span"):
                detail.append(f"record ({f['reference']}): {f['reference_span']['text']}")
            if f.get("expected"):
                detail.append(f"expected: {f['expected']}")
            if f["id"] in failing_ids:
                failure = ET.SubElement(case, "failure", message=_xml(one_line(f["message"])),
                                        type=_xml(f"{rule_id(f)} ({f['severity']})"))
                failure.text = _xml("\n".join(detail))
            else:
                state = review_phrase(f.get("review")) or f"unreviewed {f['severity']}, below --fail-on {view.fail_on}"
                out = ET.SubElement(case, "system-out")
                out.text = _xml("\n".join([state, *detail]))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# --- github -------------------------------------------------------------------------------------------

def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(view: GateView) -> str:
    out = []
    for f in view.failing:
        end_line, end_col = end_position(f["line"], f["column"], f["span"]["text"])
        props = {"file": view.path_of(f["source"]), "line": f["line"], "col": f["column"],
                 "endLine": end_line, "endColumn": end_col,
                 "title": f"crosscheck {f['kind']} {f['verdict']} [{f['id']}]"}
        if end_line != f["line"]:
            del props["col"], props["endColumn"]  # GitHub only honours columns on a single line
        msg = f["message"]
        again = rereview_phrase(f.get("review"))
        if again:
            msg += f" ({again})"
        head = ",".join(f"{k}={_gh_prop(str(v))}" for k, v in props.items())
        out.append(f"::{GITHUB_LEVEL[f['severity']]} {head}::{_gh_data(msg)}")
    for d in view.stale:
        props = {"title": f"crosscheck stale decision [{d['id']}]"}
        if view.reviews_file:
            props = {"file": view.reviews_path(), **props}
        head = ",".join(f"{k}={_gh_prop(str(v))}" for k, v in props.items())
        out.append(f"::notice {head}::{_gh_data('its finding no longer occurs; `crosscheck review --prune` removes it')}")
    n = len(view.failing)
    out.append(f"crosscheck: {'FAIL' if n else 'OK'}: {n} unreviewed finding(s) at or above {view.fail_on}")
    return "\n".join(out) + "\n"
