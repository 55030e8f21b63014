"""report.json: the one dictionary every output format is built from (schema 1)."""
from __future__ import annotations

import json
from collections import Counter
from importlib import resources

from crosscheck.model import Report

SCHEMA = 1
SCHEMA_FILE = "report.schema.json"  # JSON Schema (draft 2020-12) of report.json, shipped in the package


def json_schema() -> dict:
    """The JSON Schema report.json follows (``crosscheck/report.schema.json``)."""
    return json.loads(resources.files("crosscheck").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def report_dict(report: Report) -> dict:
    corpus = report.corpus
    return {
        "schema": SCHEMA,
        "corpus": {
            "root": corpus.root,
            "manifest": corpus.manifest,
            "aliases": corpus.aliases,
            "warnings": corpus.warnings,
        },
        "sources": [_source_dict(s, report) for s in corpus.sources],
        "findings": [f.to_dict(report.reviewed) for f in report.findings],
        "alignments": [a.to_dict() for a in report.alignments],
        "people": [g.to_dict() for g in report.people],
        "summary": summary(report),
    }


def _source_dict(s, report: Report) -> dict:
    d = s.meta()
    seg = report.segmented.get(s.id)
    if seg is not None and s.role == "reference":
        d["releases"] = [r.to_dict() for r in seg.releases]
    link = report.links.get(s.id)  # [scale] checks/link.py: the records an article reports on
    if link is not None:
        d["links"] = link["records"]
        d["also_quotes"] = link["also_quotes"]
    return d


def summary(report: Report) -> dict:
    """Per source: quote verdict counts and finding counts by kind and severity."""
    out = {}
    by_source: dict[str, list] = {s.id: [] for s in report.corpus.press}
    for f in report.findings:  # [scale] one pass, not one scan of every finding per source
        if f.source in by_source:
            by_source[f.source].append(f)
    for s in report.corpus.press:
        fs = by_source[s.id]
        out[s.id] = {
            "quotes": dict(Counter(f.verdict for f in fs if f.kind == "quote")),
            "severity": dict(Counter(f.severity for f in fs)),
            "kinds": {k: dict(Counter(f.severity for f in fs if f.kind == k))
                      for k in ("quote", "name", "place", "date", "number", "speaker")},
        }
    return out


def to_json(report: Report) -> str:
    """report.json text: one line per source, finding, alignment, person and summary entry, so
    that two reports diff line by line (and grep finds whole findings). [scale] Each record goes
    through json's C encoder; pretty-printing the whole report with ``indent`` is pure Python and
    took most of the writing time."""
    return _lines(report_dict(report), "") + "\n"


def _lines(value, indent: str) -> str:
    """``value`` as JSON, its top-level dictionaries and lists one member per line."""
    inner = indent + "  "
    if isinstance(value, dict) and value and not indent:
        return "{\n" + ",\n".join(f"{inner}{_dump(k)}: {_lines(v, inner)}" for k, v in value.items()) + "\n}"
    if isinstance(value, (dict, list)) and value and len(indent) <= 2:
        if isinstance(value, dict):
            items = [f"{inner}{_dump(k)}: {_dump(v)}" for k, v in value.items()]
            return "{\n" + ",\n".join(items) + f"\n{indent}}}"
        return "[\n" + ",\n".join(f"{inner}{_dump(v)}" for v in value) + f"\n{indent}]"
    return _dump(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False)
_dump = _ENCODER.encode
