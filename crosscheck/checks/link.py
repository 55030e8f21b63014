"""[scale] Record linking: which transcripts of the record each article reports on, and why.

With an archive of thousands of transcripts, a finding's reference says where one quotation comes
from; the *link* says which occasion the article covers. An article is linked to a transcript
when it shares at least LINK_PASSAGES aligned passages with it (quotations attested there, or its
own sentences that the transcript supports: shared passages found through rare trigrams), or at
least one such passage and a release dated within DATE_WINDOW days of the article. Quotations
aligned to other transcripts stay attributed to them (listed as ``also_quotes``): a quotation
from another occasion is not unattested.
"""
from __future__ import annotations

import datetime as dt

LINK_PASSAGES = 2
DATE_WINDOW = 3  # days between the article's date and a release of the transcript


def link_articles(press, results: dict, events, references=()) -> dict[str, dict]:
    """{article id: {"records": [link, ...], "also_quotes": [ref id, ...]}}, in corpus order.

    ``results``: article id -> ArticleResult; ``events``: the record's RecordedEvent list;
    ``references``: the record's Sources (their publication dates count as release dates)."""
    dates: dict[str, set[dt.date]] = {}
    for ref in references:
        if ref.published:
            dates.setdefault(ref.id, set()).add(ref.published)
    for e in events:
        if e.date:
            dates.setdefault(e.reference, set()).add(e.date)
    out = {}
    for source in press:
        r = results[source.id]
        quotes: dict[str, int] = {}
        claims: dict[str, int] = {}
        for f in r.findings:
            if f.kind == "quote" and f.reference and f.verdict != "unattested":
                quotes[f.reference] = quotes.get(f.reference, 0) + 1
        for a in r.alignments:
            if a.reference:
                claims[a.reference] = claims.get(a.reference, 0) + 1
        records = []
        for ref in sorted(set(quotes) | set(claims), key=lambda x: (-(quotes.get(x, 0) + claims.get(x, 0)), x)):
            passages = quotes.get(ref, 0) + claims.get(ref, 0)
            gap: int | None = None
            if source.published and dates.get(ref):
                gap = min(abs((d - source.published).days) for d in dates[ref])
            near = gap is not None and gap <= DATE_WINDOW
            if passages >= LINK_PASSAGES or near:
                why = [f"{passages} shared passage{'s' if passages > 1 else ''}"
                       f" ({quotes.get(ref, 0)} quotation{'s' if quotes.get(ref, 0) != 1 else ''})"]
                if near and gap is not None:
                    why.append("dated the same day" if gap == 0 else f"dated {gap} day{'s' if gap > 1 else ''} "
                               "from the article")
                records.append({"reference": ref, "passages": passages, "quotes": quotes.get(ref, 0),
                                "days_apart": gap, "why": ", ".join(why)})
        linked = {x["reference"] for x in records}
        out[source.id] = {"records": records,
                          "also_quotes": sorted(ref for ref in quotes if ref not in linked)}
    return out
