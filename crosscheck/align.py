"""Stage 4: align press passages (quotations, reported claims) to reference passages.

Candidates come from an inverted index of word trigrams over the references (like the
text-reuse tools passim and TextPAIR): a passage only looks at the few regions of the record
that share trigrams with it, never at every reference sentence. Each candidate region is then
aligned word by word with diff-match-patch, and trimmed to the words that actually match.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from .model import Alignment, SegmentedSource, Span
from .normalize import AliasTable, Token, tokenize

SHINGLE = 3
MAX_POSTINGS = 2000  # a trigram this common says nothing about where a quote comes from
# Editorial marks inside a quotation: an elision ([…], (...), …) or an insertion ([la Russie]).
EDITORIAL_RE = re.compile(r"\[[^\[\]\n]{0,200}\]|\((?:\.\.\.|…)\)|\.\.\.|…")
STOPWORDS = frozenset(
    "le la les l un une des de du d et ou a au aux en dans par pour sur que qu qui ne pas se sa son ses leur leurs "
    "ce cet cette ces il elle ils elles nous vous on est sont a ont avec plus the a an of to in and or is are was "
    "were be been that this it for on with as by at from".split()
)


@dataclass
class Passage:
    """Press words to align: tokens plus the quote-token indices where an elision/insertion sat."""

    tokens: list[Token]
    gaps: frozenset[int]


@dataclass
class Match:
    doc: int
    ref_first: int  # global token index, inclusive
    ref_last: int
    matched: int
    inserted: int  # press words with no counterpart
    deleted: int  # record words the press left out (outside elisions)
    edits: int  # word-level edit distance (a substitution counts once)
    ops: list[tuple[int, int, int, int, int]]  # (op, q_from, q_to, r_from, r_to) token ranges

    @property
    def similarity(self) -> float:
        total = 2 * self.matched + self.inserted + self.deleted
        return 2 * self.matched / total if total else 0.0


class ReferenceIndex:
    """Every word of every reference, with the turn it belongs to, and a trigram index over them."""

    def __init__(self, references: list[SegmentedSource], aliases: AliasTable | None = None):
        self.aliases = aliases or AliasTable()
        self.docs = references
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.doc_of: list[int] = []
        self.sent_of: list[int] = []  # index into self.sentences
        self.turn_of: list[int] = []  # consecutive sentences of one speaker in one release
        self.sentences = []
        self.doc_bounds: list[tuple[int, int]] = []
        turn, last_turn_key = -1, None
        for di, seg in enumerate(references):
            first = len(self.keys)
            for sent in seg.sentences:
                si = len(self.sentences)
                if (di, sent.release, sent.speaker) != last_turn_key:
                    turn, last_turn_key = turn + 1, (di, sent.release, sent.speaker)
                self.sentences.append(sent)
                for t in self.aliases.apply(tokenize(seg.source.text, sent.start, sent.end)):
                    self.keys.append(t.key)
                    self.starts.append(t.start)
                    self.ends.append(t.end)
                    self.doc_of.append(di)
                    self.sent_of.append(si)
                    self.turn_of.append(turn)
            self.doc_bounds.append((first, len(self.keys)))
        self.unigrams: dict[str, list[int]] = defaultdict(list)
        self.trigrams: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        k = self.keys
        for i, key in enumerate(k):
            self.unigrams[key].append(i)
        for di, (a, b) in enumerate(self.doc_bounds):
            for i in range(a, b - SHINGLE + 1):
                self.trigrams[(k[i], k[i + 1], k[i + 2])].append(i)
        self.unigrams = dict(self.unigrams)
        self.trigrams = dict(self.trigrams)
        self._dmp = diff_match_patch()
        self._dmp.Diff_Timeout = 0.5

    # ---- candidates ---------------------------------------------------------------------------
    def _candidates(self, keys: list[str], limit: int = 3) -> list[tuple[int, int, int]]:
        """Up to ``limit`` regions (doc, first, last) of the record sharing words with ``keys``."""
        n = len(keys)
        hits: list[tuple[int, int]] = []  # (ref position, quote position)
        for i in range(n - SHINGLE + 1):
            post = self.trigrams.get((keys[i], keys[i + 1], keys[i + 2]))
            if post and len(post) <= MAX_POSTINGS:
                hits.extend((p, i) for p in post)
        min_votes = 1
        if not hits:
            # Reworded passages may share no trigram: fall back to rare content words.
            for i, key in enumerate(keys):
                if key in STOPWORDS or len(key) < 4:
                    continue
                post = self.unigrams.get(key)
                if post and len(post) <= 50:
                    hits.extend((p, i) for p in post)
            min_votes = 3
        if not hits:
            return []
        hits.sort()
        span = max(n, 12)
        clusters: list[list[tuple[int, int]]] = [[hits[0]]]
        for h in hits[1:]:
            prev = clusters[-1][-1]
            if h[0] - prev[0] <= span and self.doc_of[h[0]] == self.doc_of[prev[0]]:
                clusters[-1].append(h)
            else:
                clusters.append([h])
        scored = []
        for c in clusters:
            votes = len({qi for _, qi in c})
            if votes >= min_votes:
                scored.append((votes, c))
        scored.sort(key=lambda x: (-x[0], x[1][0][0]))
        out = []
        slack = max(4, n // 3)
        for _, c in scored[:limit]:
            # A quotation stays inside one speaker's turn: clip the region to the turn of its centre.
            centre = c[len(c) // 2][0]
            turn = self.turn_of[centre]
            lo = hi = centre
            while lo > 0 and self.turn_of[lo - 1] == turn:
                lo -= 1
            while hi + 1 < len(self.turn_of) and self.turn_of[hi + 1] == turn:
                hi += 1
            hi += 1
            doc = self.doc_of[centre]
            first = max(lo, min(p - qi for p, qi in c) - slack)
            last = min(hi - 1, max(p + (n - qi) for p, qi in c) + slack)
            out.append((doc, first, last))
        return out

    # ---- fine alignment ---------------------------------------------------------------------------
    def _fine(self, keys: list[str], gaps: frozenset[int], doc: int, first: int, last: int) -> Match | None:
        vocab: dict[str, str] = {}

        def enc(seq):
            return "".join(vocab.setdefault(k, chr(0xE000 + len(vocab)) if len(vocab) < 6400 else chr(0xF0000 + len(vocab))) for k in seq)

        rkeys = self.keys[first:last + 1]
        rs, qs = enc(rkeys), enc(keys)
        diffs = self._dmp.diff_main(rs, qs, False)
        ops = []
        qi = ri = 0
        for op, chunk in diffs:
            k = len(chunk)
            if op == 0:
                ops.append([0, qi, qi + k, ri, ri + k])
                qi += k
                ri += k
            elif op == -1:
                ops.append([-1, qi, qi, ri, ri + k])
                ri += k
            else:
                ops.append([1, qi, qi + k, ri, ri])
                qi += k
        ops = _trim(ops)
        if not any(o[0] == 0 for o in ops):
            return None
        matched = sum(o[2] - o[1] for o in ops if o[0] == 0)
        inserted = sum(o[2] - o[1] for o in ops if o[0] == 1)
        deleted = 0
        edits = 0
        # a run of changes between two equal runs is one edit block
        block_ins = block_del = 0
        for o in ops + [[0, 0, 0, 0, 0]]:
            if o[0] == 0:
                edits += max(block_ins, block_del)
                block_ins = block_del = 0
            elif o[0] == 1:
                block_ins += o[2] - o[1]
            else:
                if o[1] in gaps:  # the article marked this omission ([…]) or replaced it ([la Russie])
                    continue
                block_del += o[4] - o[3]
                deleted += o[4] - o[3]
        ref_first = first + min(o[3] for o in ops if o[0] != 1)
        ref_last = first + max(o[4] for o in ops if o[0] != 1) - 1
        abs_ops = [(o[0], o[1], o[2], first + o[3], first + o[4]) for o in ops]
        return Match(doc, ref_first, ref_last, matched, inserted, deleted, edits, abs_ops)

    def best_match(self, passage: Passage, limit: int = 3) -> Match | None:
        keys = [t.key for t in passage.tokens]
        if not keys:
            return None
        if len(keys) < SHINGLE:
            return self._exact(keys)
        best = None
        for doc, first, last in self._candidates(keys, limit):
            m = self._fine(keys, passage.gaps, doc, first, last)
            if m and (best is None or m.similarity > best.similarity):
                best = m
        return best

    def _exact(self, keys: list[str]) -> Match | None:
        """Short quotes are attested only by the same words, as words (not 'certainement' for 'certaine')."""
        n = len(keys)
        for p in self.unigrams.get(keys[0], ()):
            if self.keys[p:p + n] == keys and self.doc_of[p] == self.doc_of[p + n - 1]:
                return Match(self.doc_of[p], p, p + n - 1, n, 0, 0, 0, [(0, 0, n, p, p + n)])
        return None

    # ---- results --------------------------------------------------------------------------------
    def ref_span(self, m: Match) -> Span:
        text = self.docs[m.doc].source.text
        a, b = self.starts[m.ref_first], self.ends[m.ref_last]
        return Span(a, b, text[a:b])

    def speaker_of(self, m: Match) -> str | None:
        """The speaker of the turn holding most of the matched words."""
        counts: dict[str | None, int] = defaultdict(int)
        for op, _, _, r0, r1 in m.ops:
            if op == 0:
                for r in range(r0, r1):
                    counts[self.sentences[self.sent_of[r]].speaker] += 1
        return max(counts, key=counts.get) if counts else None

    def release_of(self, m: Match) -> int:
        return self.sentences[self.sent_of[m.ref_first]].release

    def word_diff(self, m: Match, press_text: str, tokens: list[Token]) -> list[tuple[int, str]]:
        """[op, text] pairs: 0 shared words, -1 words only in the record, 1 words only in the article."""
        rtext = self.docs[m.doc].source.text
        out: list[tuple[int, str]] = []
        for op, q0, q1, r0, r1 in m.ops:
            if op == 1:
                piece = press_text[tokens[q0].start:tokens[q1 - 1].end]
            else:
                piece = rtext[self.starts[r0]:self.ends[r1 - 1]]
            out.append((op, piece))
        return out


def _trim(ops: list[list[int]]) -> list[list[int]]:
    """Cut the candidate region down to the passage: record words at the edges that the passage
    does not share go, except as many as the passage has unmatched words there (a substituted
    first or last word), and a tiny equal run stranded at an edge beyond a larger gap goes too."""
    changed = True
    while changed and ops:
        changed = False
        if len(ops) >= 2:
            for end, nxt in ((0, 1), (-1, -2)):
                e, g = ops[end], ops[nxt]
                if e[0] == 0 and g[0] == -1 and (e[2] - e[1]) <= 2 and (g[4] - g[3]) > 2 * (e[2] - e[1]):
                    ops[end] = [1, e[1], e[2], e[3], e[3]]
                    changed = True
        for end in (0, -1):
            # the edge change block: ops up to the first equal run from this end
            idx = range(len(ops)) if end == 0 else range(len(ops) - 1, -1, -1)
            block = []
            for i in idx:
                if ops[i][0] == 0:
                    break
                block.append(i)
            ins = sum(ops[i][2] - ops[i][1] for i in block if ops[i][0] == 1)
            dels = [i for i in block if ops[i][0] == -1]
            total = sum(ops[i][4] - ops[i][3] for i in dels)
            if total > ins:
                keep = ins  # record words kept, nearest the equal run
                for i in dels:  # from the outside in
                    o = ops[i]
                    width = o[4] - o[3]
                    drop = min(width, total - keep)
                    if drop <= 0:
                        break
                    if end == 0:
                        o[3] += drop
                    else:
                        o[4] -= drop
                    total -= drop
                ops[:] = [o for o in ops if not (o[0] == -1 and o[4] <= o[3])]
                changed = True
    return ops


def passage_tokens(text: str, start: int, end: int, aliases: AliasTable) -> Passage:
    """Tokens of text[start:end] minus editorial marks; gaps record where an elision sat."""
    tokens: list[Token] = []
    gaps: set[int] = set()
    pos = start
    for m in EDITORIAL_RE.finditer(text, start, end):
        tokens.extend(tokenize(text, pos, m.start()))
        if m.start() > start and m.end() < end:  # leading/trailing ellipses are not gaps
            gaps.add(len(aliases.apply(tokens)))
        pos = m.end()
    tokens.extend(tokenize(text, pos, end))
    return Passage(aliases.apply(tokens), frozenset(gaps))


def align_passage(index: ReferenceIndex, source_id: str, text: str, span: Span) -> tuple[Alignment, Match | None, Passage]:
    passage = passage_tokens(text, span.start, span.end, index.aliases)
    m = index.best_match(passage)
    if m is None:
        return Alignment(source_id, span, None, None, 0.0), None, passage
    doc = index.docs[m.doc].source
    return (
        Alignment(
            source=source_id, span=span, reference=doc.id, reference_span=index.ref_span(m),
            score=m.similarity, speaker=index.speaker_of(m), release=index.release_of(m),
            diff=tuple(index.word_diff(m, text, passage.tokens)),
            exact=m.inserted == 0 and m.deleted == 0,
        ),
        m,
        passage,
    )
