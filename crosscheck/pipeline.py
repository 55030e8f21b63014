"""The whole check as one function: load -> segment -> extract -> align -> judge.

>>> from crosscheck import load_corpus, check_corpus
>>> report = check_corpus(load_corpus("seeds"))          # doctest: +SKIP
>>> [f.verdict for f in report.findings if f.kind == "quote"][:3]   # doctest: +SKIP
"""
from __future__ import annotations

from .align import ReferenceIndex, align_passage
from .extract import extract_quotes
from .model import Corpus, Report, SEVERITY_RANK
from .normalize import AliasTable
from .segment import segment
from . import judge
from .fingerprint import assign_fingerprints


def build_index(corpus: Corpus) -> tuple[ReferenceIndex, dict]:
    segmented = {s.id: segment(s) for s in corpus.references}
    return ReferenceIndex(list(segmented.values()), AliasTable(corpus.aliases)), segmented


def check_corpus(corpus: Corpus, index: ReferenceIndex | None = None) -> Report:
    if index is None:
        index, segmented = build_index(corpus)
    else:
        segmented = {d.source.id: d for d in index.docs}
    findings, alignments = [], []
    for source in corpus.press:
        seg = segment(source)
        segmented[source.id] = seg
        f, a = check_source(source, seg, index)
        findings += f
        alignments += a
    people = []
    try:
        from .facts import check_facts
    except ImportError:  # facts module not present
        check_facts = None
    if check_facts is not None:
        more, people = check_facts(corpus, segmented, alignments, index)
        findings += more
    assign_fingerprints(findings, {s.id: s for s in corpus.sources})
    findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source, f.span.start, f.kind))
    return Report(corpus=corpus, findings=findings, alignments=alignments, people=people, segmented=segmented)


def check_source(source, seg, index: ReferenceIndex):
    """Quotes and reported claims of one press source."""
    findings, alignments = [], []
    refs = {d.source.id: d.source for d in index.docs}
    quotes = extract_quotes(source, seg.sentences)
    for q in quotes:
        alignment, match, passage = align_passage(index, source.id, source.text, q.span)
        findings += judge.judge_quote(q, alignment, match, passage, refs.get(alignment.reference))
    alignments += align_claims(source, seg, index, quotes)
    return findings, alignments


def align_claims(source, seg, index: ReferenceIndex, quotes) -> list:
    """Each press sentence, aligned to the record passage that best supports it (if any)."""
    out = []
    for sent in seg.sentences:
        alignment, match, passage = align_passage(index, source.id, source.text, _span(sent))
        if match is not None and match.matched >= 4 and alignment.score >= 0.3:
            out.append(alignment)
    return out


def _span(sent):
    from .model import Span
    return Span(sent.start, sent.end, sent.text)
