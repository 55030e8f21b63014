"""[scale] Which records report.html embeds: with an archive of thousands of transcripts, only the
ones the articles are linked to or that a finding cites, so that the page grows with the articles
and their evidence, not with the archive. A small record (at most EMBED_ALL_MAX transcripts) is
embedded whole, as before: a reader may want to browse it."""
from __future__ import annotations

EMBED_ALL_MAX = 20


def records_to_embed(data: dict) -> set[str] | None:
    """Reference ids to embed, or None for all of them."""
    refs = [s["id"] for s in data["sources"] if s.get("role") == "reference"]
    if len(refs) <= EMBED_ALL_MAX:
        return None
    keep = {f["reference"] for f in data["findings"] if f.get("reference")}
    for s in data["sources"]:
        for link in s.get("links") or ():
            keep.add(link["reference"])
    return keep


def trim_people(people: list, keep_sources: set[str]) -> list:
    """People groups with their record-only uses reduced to the embedded sources."""
    out = []
    for g in people or []:
        if not isinstance(g, dict) or not isinstance(g.get("forms"), list):
            out.append(g)
            continue
        forms = []
        for fm in g["forms"]:
            if isinstance(fm, dict) and isinstance(fm.get("sources"), dict):
                fm = {**fm, "sources": {k: v for k, v in fm["sources"].items() if k in keep_sources}}
                if not fm["sources"]:
                    continue
            forms.append(fm)
        if forms:
            out.append({**g, "forms": forms, "sources": [s for s in g.get("sources", []) if s in keep_sources]})
    return out
