"""Stage 4: align press passages (quotations, reported claims) to reference passages.

Candidates come from an inverted index of word trigrams over the references (like the
text-reuse tools passim and TextPAIR): a passage only looks at the few regions of the record
that share trigrams with it, never at every reference sentence. Each candidate region is then
aligned word by word (:mod:`crosscheck.text.diff`), and trimmed to the words that actually match.

[size] Over 450 lines: most of it is one class, ReferenceIndex, whose candidate voting, fine
alignment and trimming all work on the same token arrays and postings; split it by separating
those arrays from the algorithms, not by cutting the class.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Callable

from crosscheck.text.speakers import is_journalist_label as is_journalist, read_label
from crosscheck.model import Alignment, DiffOp, Segment, SegmentedSource, Source, Span
from crosscheck.text.diff import PRIVATE_USE, diff_runs
from crosscheck.text.normalize import AliasTable, Token, tokenize
from crosscheck.text.numbers import language_code, text_language

SHINGLE = 3
MAX_POSTINGS = 2000
EDGE_SNAP = 3
BUCKET = 8  # width of a diagonal in candidate voting, in words
RARE_POSTINGS = 64  # a trigram found more often than this votes only when nothing rarer does
# A passage with at least RAREST_VOTERS trigrams found at most RAREST_POSTINGS times in the record
# lets those alone vote: they say where it comes from, commoner ones add votes everywhere else.
RAREST_POSTINGS = 16
RAREST_VOTERS = 4
# A quotation matched below BAG_BELOW_SIMILARITY is also tried against the BAG_CANDIDATES record sentences
# holding most of its content words in any order (ReferenceIndex._reordered).
BAG_BELOW_SIMILARITY = 0.4
BAG_MIN_WORDS = 4
BAG_CANDIDATES = 3
BAG_MAX_POSTINGS = 200
# A quotation of at most this many words may be a few of one record sentence's words, apart (_scattered),
# or one record phrase with one word replaced (_substituted), found by a content word the record
# holds at most SUBSTITUTED_MAX_POSTINGS times.
SCATTERED_MAX_WORDS = 4
SUBSTITUTED_MAX_POSTINGS = 3
# Editorial marks inside a quotation: an elision ([…], (...), …) or an insertion ([la Russie]).
# A few words in parentheses are the outlet's own ("We (also) communicated"): left out, no elision
# (not a transcript's numbered note, "(1-2)", which the record has too).
EDITORIAL_RE = re.compile(r"\[[^\[\]\n]{0,200}\]|\((?:\.\.\.|…)\)|\.\.\.|…|\((?P<aside>[^\W\d_][^()\n\d]{0,39})\)")
_INTERPRETED_RE = re.compile(r"\((?:as interpreted|through (?:an )?interpreter|via (?:an )?interpreter|"
                             r"tel(?:le)? que traduite?|traduit par|traduction|interprétation)[^()\n]{0,60}\)",
                             re.IGNORECASE)
STOPWORDS = frozenset(
    # French function words (elided forms l, d, qu, n, s, j, c are words after tokenisation)
    "le la les l un une des de du d et ou au aux en dans par pour sur sous vers chez avec sans entre que qu "
    "qui quoi dont ne n pas plus se s sa son ses leur leurs ce c cet cette ces il elle ils elles nous vous on "
    "je j me m te tu moi toi lui eux y mon ma mes ton ta tes notre nos votre vos est sont a ont été être "
    "avoir fait tout tous toute toutes très aussi mais comme si donc or ni car même deux trois "
    # English function words
    "the a an of to in and or is are was were be been being that this these those it its for on with as by "
    "at from we our you your they their he his she her him them i my me not no but all will would has have "
    "had do does did so if than then there which who whom what two three".split()
)


# (passage word keys, word keys a candidate region can offer) -> whether aligning there may pay
Viable = Callable[[list[str], set[str]], bool]


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
    ref_words: frozenset[str] = frozenset()  # word keys of the record passage (for shared-word tests)
    scattered: bool = False  # a short quotation's words found apart in one record sentence (_scattered)
    substituted: bool = False  # a short quotation with one word in place of the record's (_substituted)

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
        self.sentences: list[Segment] = []
        self.sent_first: list[int] = []  # first and last token of each sentence
        self.sent_last: list[int] = []
        self.doc_bounds: list[tuple[int, int]] = []
        turn, last_turn_key = -1, None
        for di, seg in enumerate(references):
            first = len(self.keys)
            for sent in seg.sentences:
                si = len(self.sentences)
                if (di, sent.release, sent.speaker) != last_turn_key:
                    turn, last_turn_key = turn + 1, (di, sent.release, sent.speaker)
                self.sentences.append(sent)
                self.sent_first.append(len(self.keys))
                tokens = self.aliases.apply(tokenize(seg.source.text, sent.start, sent.end))
                n = len(tokens)
                self.keys += [t.key for t in tokens]
                self.starts += [t.start for t in tokens]
                self.ends += [t.end for t in tokens]
                self.doc_of += [di] * n
                self.sent_of += [si] * n
                self.turn_of += [turn] * n
                self.sent_last.append(len(self.keys) - 1)
            self.doc_bounds.append((first, len(self.keys)))
        unigrams: dict[str, list[int]] = defaultdict(list)
        trigrams: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        k = self.keys
        for i, key in enumerate(k):
            unigrams[key].append(i)
        for a, b in self.doc_bounds:
            for i, gram in enumerate(zip(k[a:b], k[a + 1:b], k[a + 2:b]), a):
                trigrams[gram].append(i)
        self.unigrams = dict(unigrams)
        self.trigrams = dict(trigrams)
        # [scale] token range of each turn (turn ids only grow, so a turn's tokens are contiguous):
        # clipping a candidate to its turn is then O(1), not a walk over a whole speech
        self.turn_first: dict[int, int] = {}
        self.turn_last: dict[int, int] = {}
        for i, t in enumerate(self.turn_of):
            self.turn_first.setdefault(t, i)
            self.turn_last[t] = i
        self._encode_record()

    def _encode_record(self) -> None:
        """One private-use character per distinct record word, for the whole record at once, so
        that each diff slices the record instead of re-encoding it. Equal words get equal
        characters either way, so the diffs are the same. Planes 15-16 hold 131,072 characters:
        a vocabulary too large for them (with room for a passage's new words) is encoded per diff."""
        vocab: dict[str, str] = {}
        for k in self.keys:
            if k not in vocab:
                vocab[k] = chr(PRIVATE_USE + len(vocab))
                if len(vocab) > 120_000:
                    self._vocab, self._encoded = {}, None
                    return
        self._vocab = vocab
        self._encoded = "".join(vocab[k] for k in self.keys)

    # ---- candidates ---------------------------------------------------------------------------
    def _candidates(self, keys: list[str], limit: int = 3, fallback: bool = True,
                    min_votes: int = 1) -> list[tuple[int, int, int]]:
        """Up to ``limit`` regions (doc, first, last) of the record sharing words with ``keys``.

        Diagonal voting, as text-reuse tools do: each shared trigram votes for where in the record
        the passage would start (its record position minus its passage position), in buckets of
        ``BUCKET`` words; a bucket's score also counts its two neighbours, so a passage with a few
        words added or dropped still piles its votes up in one place. One count per posting: no
        sorting of postings, nothing quadratic. Rare trigrams vote, the rarest alone when a passage
        has enough of them (RAREST_*): a phrase the record repeats adds votes everywhere it occurs
        and costs the most. Without any shared trigram (a reworded passage), rare content words
        vote instead.
        """
        n = len(keys)
        trigrams = self.trigrams
        posts = []
        for i, gram in enumerate(zip(keys, keys[1:], keys[2:])):
            post = trigrams.get(gram)
            if post and len(post) <= MAX_POSTINGS:
                posts.append((i, post))
        # Common trigrams ("de la RPDC") say little about where a passage is and cost the most:
        # they vote only when the passage has nothing rarer.
        voters = [(i, post) for i, post in posts if len(post) <= RARE_POSTINGS]
        rarest = [(i, post) for i, post in voters if len(post) <= RAREST_POSTINGS]
        if len(rarest) >= RAREST_VOTERS:
            voters = rarest
        if not voters and fallback:
            voters = posts  # a quotation made only of common phrases still gets its candidates
        # [scale] one C-level count per posting list (Counter.update), not a dictionary update per posting
        votes: Counter[int] = Counter()
        for i, post in voters:
            votes.update([(p - i) // BUCKET for p in post])
        if not votes and fallback:
            voters = []
            for i, key in enumerate(keys):
                if key in STOPWORDS or len(key) < 4:
                    continue
                post = self.unigrams.get(key)
                if post and len(post) <= 50:
                    voters.append((i, post))
                    votes.update([(p - i) // BUCKET for p in post])
            # two rare words suffice for a short quote ("la poursuite des contacts directs")
            content = sum(1 for k in keys if k not in STOPWORDS and len(k) >= 4)
            min_votes = max(min_votes, 3 if content >= 6 else 2)
        if not votes:
            return []
        get = votes.get
        scores = [(votes[d] + get(d - 1, 0) + get(d + 1, 0), d) for d in votes]
        best = max(scores)[0]
        # [scale] only buckets that can be chosen below are sorted (most are single stray votes)
        floor = max(min_votes, -(-best // 3))
        # ties between neighbours go to the bucket holding most votes itself: it is where the passage is
        scored = sorted((x for x in scores if x[0] >= floor), key=lambda x: (-x[0], -votes[x[1]], x[1]))
        out: list[tuple[int, int, int]] = []
        chosen: list[int] = []
        slack = max(4, n // 3)
        last_token = len(self.keys) - 1
        for score, d in scored:
            if len(out) >= limit or score < min_votes or score * 3 < best:
                break
            if any(abs(d - c) <= 2 for c in chosen):
                continue  # the same place, already taken
            chosen.append(d)
            peak = max((d - 1, d, d + 1), key=lambda x: votes.get(x, 0))
            centre = min(last_token, max(0, _last_offset(voters, peak) + n // 2))
            # A quotation stays inside one speaker's turn: clip the region to the turn of its centre.
            turn = self.turn_of[centre]
            lo, hi = self.turn_first[turn], self.turn_last[turn]
            first = max(lo, (d - 1) * BUCKET - slack)
            last = min(hi, (d + 2) * BUCKET + n + slack)
            out.append((self.doc_of[centre], first, last))
        return out

    # ---- fine alignment ---------------------------------------------------------------------------
    def _diff_ops(self, keys: list[str], first: int, last: int) -> list[list[int]]:
        """Word-level diff (:func:`crosscheck.text.diff.diff_runs` over one character per distinct word) of the passage
        against record tokens first..last, as [op, q_from, q_to, r_from, r_to] ranges relative to
        the passage and to ``first``."""
        if self._encoded is not None and len(keys) <= 10_000:
            # [scale] the record is encoded once (see _encode_record): slice it, encode only the passage
            vocab = self._vocab
            extra: dict[str, str] = {}
            base = PRIVATE_USE + len(vocab)
            rs = self._encoded[first:last + 1]
            qs = "".join(vocab.get(k) or extra.setdefault(k, chr(base + len(extra))) for k in keys)
        else:
            vocab = {}

            def enc(seq):
                # one private-use character per distinct word: diff-match-patch then diffs words
                return "".join(vocab.setdefault(k, chr(PRIVATE_USE + len(vocab))) for k in seq)

            rs, qs = enc(self.keys[first:last + 1]), enc(keys)
        ops = []
        qi = ri = 0
        for op, k in diff_runs(rs, qs):
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
        return ops

    def _fine(self, keys: list[str], gaps: frozenset[int], doc: int, first: int, last: int) -> Match | None:
        """Align the passage inside candidate region first..last and cut the region down to the
        record passage it quotes: the matched words, plus at each edge as many record words as the
        passage has unmatched words there (a substituted first or last word), never reaching into a
        sentence that shares nothing with the passage. A short stranded match at an edge, beyond a
        wider gap, is noise (a shared "de la") and is dropped."""
        ops = self._diff_ops(keys, first, last)
        eq = [o for o in ops if o[0] == 0]

        def stray(run, gap: int) -> bool:
            """A short edge run far from the rest, or made only of grammar words ("et", "la")."""
            width = run[2] - run[1]
            if width > 2:
                return False
            grammar = all(k in STOPWORDS for k in keys[run[1]:run[2]])
            # far from the rest, unless it carries a content word ("... have a deal")
            return (gap >= 3 * width + 1 and (grammar or width < 2)) or (gap >= 1 and grammar)

        while len(eq) >= 2:
            if stray(eq[0], eq[1][3] - eq[0][4]):
                eq.pop(0)
                continue
            if stray(eq[-1], eq[-1][3] - eq[-2][4]):
                eq.pop()
                continue
            break
        if not eq:
            return None
        lo, hi = first + eq[0][3], first + eq[-1][4] - 1  # matched record tokens, inclusive
        q_lead, q_tail = eq[0][1], len(keys) - eq[-1][2]
        s_lo, s_hi = self.sent_first[self.sent_of[lo]], self.sent_last[self.sent_of[hi]]
        lo = max(s_lo, lo - q_lead)
        hi = min(s_hi, hi + q_tail)
        ops = self._diff_ops(keys, lo, hi)
        # A clause starting or ending a few words from its sentence's edge, with reworded words at
        # that edge in the passage ("Concernant" for "En ce qui concerne"): show the whole sentence.
        # Scores stay those of the tighter passage: the extra record words are context, not omissions.
        show_lo = s_lo if q_lead and lo - s_lo <= EDGE_SNAP else lo
        show_hi = s_hi if q_tail and s_hi - hi <= EDGE_SNAP else hi
        matched = sum(o[2] - o[1] for o in ops if o[0] == 0)
        if not matched:
            return None
        inserted = sum(o[2] - o[1] for o in ops if o[0] == 1)
        deleted = edits = block_ins = block_del = 0
        # a run of changes between two equal runs is one edit block (a substitution counts once)
        for o in ops + [[0, 0, 0, 0, 0]]:
            if o[0] == 0:
                edits += max(block_ins, block_del)
                block_ins = block_del = 0
            elif o[0] == 1:
                block_ins += o[2] - o[1]
            elif o[1] not in gaps:  # the article marked this omission ([…]) or replaced it ([la Russie])
                block_del += o[4] - o[3]
                deleted += o[4] - o[3]
        if (show_lo, show_hi) != (lo, hi):
            lo, hi = show_lo, show_hi
            ops = self._diff_ops(keys, lo, hi)
        abs_ops = [(o[0], o[1], o[2], lo + o[3], lo + o[4]) for o in ops]
        return Match(doc, lo, hi, matched, inserted, deleted, edits, abs_ops, frozenset(self.keys[lo:hi + 1]))

    def best_match(self, passage: Passage, limit: int = 3, fallback: bool = True,
                   min_votes: int = 1, viable: Viable | None = None) -> Match | None:
        """The record passage that ``passage`` matches best, or None. ``viable(keys, words)``:
        whether a region whose sentences hold ``words`` could give a match of use to the caller;
        regions that cannot are skipped without a diff."""
        keys = [t.key for t in passage.tokens]
        if not keys:
            return None
        if len(keys) < SHINGLE:
            found = self._exact(keys) if fallback else None
            return found or (self._scattered(keys) or self._substituted(keys) if fallback else None)
        if not passage.gaps and (exact := self._verbatim(keys)) is not None:
            return exact
        best = None
        for doc, first, last in self._candidates(keys, limit, fallback, min_votes):
            if viable is not None and not viable(keys, self.region_words(first, last)):
                continue
            m = self._fine(keys, passage.gaps, doc, first, last)
            if m and (best is None or m.similarity > best.similarity):
                best = m
        if passage.gaps and fallback:
            spliced = self._spliced(keys, passage.gaps, limit)
            if spliced and (best is None or spliced.similarity > best.similarity):
                best = spliced
        if fallback and len(keys) >= BAG_MIN_WORDS and (best is None or best.similarity < BAG_BELOW_SIMILARITY or
                                                        not _content_stems(keys) <= _content_stems(best.ref_words)):
            best = self._reordered(keys, passage.gaps, best)
        if best is not None and self.sent_of[best.ref_first] != self.sent_of[best.ref_last]:
            best = self._one_sentence(keys, passage.gaps, best)
        if fallback and len(keys) <= SCATTERED_MAX_WORDS and (
                best is None or not _content_stems(keys) <= _content_stems(best.ref_words)):
            best = self._scattered(keys) or (self._substituted(keys) if best is None else None) or best
        return best

    def _scattered(self, keys: list[str]) -> Match | None:
        """A short quotation's content words, each as a word or its singular/plural, all in one
        answer sentence (or two running on in one turn) of the record, in any order: "many
        questions" for "this was not a single question, there were many", "Television Trump" for
        "Mr Trump's television image". The article picked a few of the speaker's words out of that
        sentence: a loose paraphrase of it, not an unattested quotation. Needs two content words;
        the first such sentence of an answer (not a reporter's question) wins."""
        content = [k for k in dict.fromkeys(keys) if k not in STOPWORDS and len(k) >= 4 and not k.isdigit()]
        if len(content) < 2:
            return None
        where: list[dict[int, list[int]]] = []  # per content word: sentence -> record positions
        for k in content:
            by_sentence: dict[int, list[int]] = defaultdict(list)
            for form in _word_forms(k):
                post = self.unigrams.get(form)
                if post and len(post) <= BAG_MAX_POSTINGS:
                    for pos in post:
                        by_sentence[self.sent_of[pos]].append(pos)
            if not by_sentence:
                return None
            where.append(by_sentence)
        for si in sorted(where[0]):
            for span in ((si,), (si - 1, si), (si, si + 1)):
                if min(span) < 0 or max(span) >= len(self.sent_first) or \
                        self.turn_of[self.sent_first[span[0]]] != self.turn_of[self.sent_first[span[-1]]]:
                    continue
                picked = [min(p for s in span for p in w.get(s, ())) for w in where
                          if any(s in w for s in span)]
                if len(picked) < len(where) or is_journalist(self.sentence_speaker(si)):
                    continue
                lo, hi = min(picked), max(picked)
                n, width = len(keys), hi - lo + 1
                return Match(self.doc_of[lo], lo, hi, len(picked), n - len(picked), width - len(picked),
                             max(n, width) - len(picked), [(-1, 0, 0, lo, hi + 1), (1, 0, n, hi + 1, hi + 1)],
                             frozenset(self.keys[lo:hi + 1]), scattered=True)
        return None

    def _substituted(self, keys: list[str]) -> Match | None:
        """A short quotation that is one record phrase, word for word, but for one word in its place
        ("substantial offer" for "substantial proposal", "le courage exceptionnel" for "un courage
        remarquable": a grammar word may differ too). Found by one of its content words that the
        record holds at most SUBSTITUTED_MAX_POSTINGS times, in an answer (not a reporter's
        question), within one sentence; the first such place wins. What the replaced word means is
        the judge's to weigh (a number or a nationality swapped is an error)."""
        n = len(keys)
        if not 2 <= n <= SCATTERED_MAX_WORDS:
            return None
        for j, key in enumerate(keys):
            post = self.unigrams.get(key) if key not in STOPWORDS and len(key) >= 4 and not key.isdigit() else None
            if not post or len(post) > SUBSTITUTED_MAX_POSTINGS:
                continue
            for p in post:
                lo, hi = p - j, p - j + n - 1
                if lo < 0 or hi >= len(self.keys) or self.sent_of[lo] != self.sent_of[hi] or \
                        is_journalist(self.sentence_speaker(self.sent_of[lo])):
                    continue
                pairs = [(q, r) for q, r in zip(keys, self.keys[lo:hi + 1]) if r not in _word_forms(q)]
                grammar = sum(1 for q, r in pairs if q in STOPWORDS and r in STOPWORDS)
                words = sum(1 for q, r in pairs if q not in STOPWORDS and r not in STOPWORDS)
                if words != 1 or grammar > 1 or len(pairs) != words + grammar:
                    continue  # one word for another word, and at most one grammar word for another
                ops = self._diff_ops(keys, lo, hi)
                abs_ops = [(o[0], o[1], o[2], lo + o[3], lo + o[4]) for o in ops]
                k = len(pairs)
                return Match(self.doc_of[lo], lo, hi, n - k, k, k, k, abs_ops, frozenset(self.keys[lo:hi + 1]),
                             substituted=True)
        return None

    def _one_sentence(self, keys: list[str], gaps: frozenset[int], best: Match) -> Match:
        """A match running over several record sentences may owe its first or last words to a phrase
        a neighbouring sentence repeats ("raise the risk of …. … understand the risks of
        miscalculation"): each of those sentences alone is tried too, and the closer match wins."""
        stems = _content_stems(keys)
        held = len(stems & _content_stems(best.ref_words))
        for si in range(self.sent_of[best.ref_first], self.sent_of[best.ref_last] + 1):
            m = self._fine(keys, gaps, best.doc, self.sent_first[si], self.sent_last[si])
            if m is not None and m.similarity > best.similarity and len(stems & _content_stems(m.ref_words)) >= held:
                best = m
        return best

    def _reordered(self, keys: list[str], gaps: frozenset[int], best: Match | None) -> Match | None:
        """A weak match may be the wrong passage: a quotation whose clauses the article swapped ("things
        are looking good on the debt limit" for "with regard to the debt limit, things are looking
        good") or re-translated shares few words in order with its passage, and more with another
        one sharing a phrase ("any update on the debt limit"). Record sentences holding most of the
        quotation's content words, in any order, are tried too; the match whose record passage holds
        the most of them wins (then the closer one)."""
        content = {k for k in keys if k not in STOPWORDS and len(k) >= 4}
        stems = _content_stems(keys)
        if len(content) < 2:
            return best
        per_sentence: Counter[int] = Counter()
        for k in sorted(content):  # sorted: the same candidates in every process (string hashes vary)
            post = self.unigrams.get(k)
            if post and len(post) <= BAG_MAX_POSTINGS:
                per_sentence.update({self.sent_of[p] for p in post})
        if not per_sentence:
            return best

        def rank(m: Match) -> tuple[int, float]:
            return len(stems & _content_stems(m.ref_words)), m.similarity

        ranked = sorted(per_sentence.items(), key=lambda x: (-x[1], x[0]))  # ties: the earlier sentence
        top = [si for si, n in ranked[:BAG_CANDIDATES] if n >= 2]
        for si in top:
            first, last = self.sent_first[si], self.sent_last[si]
            if si + 1 < len(self.sent_first) and self.turn_of[self.sent_first[si + 1]] == self.turn_of[first]:
                last = self.sent_last[si + 1]  # the clause may run on into the next sentence
            m = self._fine(keys, gaps, self.doc_of[first], first, last)
            if m is not None and (best is None or rank(m) > rank(best)):
                best = m
        return best

    @cached_property
    def language(self) -> str | None:
        """The record's language: its first reference's declared one, else the one its words tell."""
        return language_of(self.docs[0].source) if self.docs else None

    @cached_property
    def interpreted(self) -> frozenset[str]:
        """The speakers whose words the record gives through an interpreter: a note after their label
        ("PRIME MINISTER KISHIDA:  (As interpreted.)") or before its colon ("(tel que traduit …):")."""
        out = set()
        for d in self.docs:
            text = d.source.text
            for t in d.turns:
                if _INTERPRETED_RE.search(text, t.start, min(len(text), t.start + 100)):
                    out.add(t.speaker)
        return frozenset(out)

    @cached_property
    def translated(self) -> bool:
        """Whether a reference of the record is a translation."""
        return any(d.source.translation for d in self.docs)

    @cached_property
    def people_speaking(self) -> list[str]:
        """The people who speak in the record (not its journalists or moderators), sorted."""
        names = {t.speaker for d in self.docs for t in d.turns} | \
            {r.default_speaker for d in self.docs for r in d.releases if r.default_speaker}
        return sorted(n for n in names if read_label(n).role == "person")

    def region_words(self, first: int, last: int) -> set[str]:
        """Word keys of the sentences that tokens first..last touch: every word a match found in
        that candidate region can hold (_fine extends a match to sentence edges, never further)."""
        return set(self.keys[self.sent_first[self.sent_of[first]]:self.sent_last[self.sent_of[last]] + 1])

    def _verbatim(self, keys: list[str]) -> Match | None:
        """The passage word for word in one speaker's turn, found through its rarest trigram: most
        quotations are exact, and this costs a few list comparisons instead of a diff."""
        n = len(keys)
        rarest = None
        trigrams = self.trigrams
        for i, gram in enumerate(zip(keys, keys[1:], keys[2:])):
            post = trigrams.get(gram)
            if not post:
                return None  # a trigram the record lacks: not verbatim
            if rarest is None or len(post) < len(rarest[1]):
                rarest = (i, post)
        assert rarest is not None  # keys has at least three words here
        i, post = rarest
        for p in post:
            s0, s1 = p - i, p - i + n - 1
            if s0 >= 0 and self.keys[s0:s1 + 1] == keys and self.turn_of[s0] == self.turn_of[s1]:
                return Match(self.doc_of[s0], s0, s1, n, 0, 0, 0, [(0, 0, n, s0, s1 + 1)], frozenset(keys))
        return None

    def _spliced(self, keys: list[str], gaps: frozenset[int], limit: int) -> Match | None:
        """A quotation whose elisions (``[…]``) join passages too far apart for one candidate
        region: align each piece on its own and join them, when all pieces come from one document.
        The record words between pieces are what the article elided, not omissions."""
        cuts = [0, *sorted(g for g in gaps if 0 < g < len(keys)), len(keys)]
        parts: list[tuple[int, Match]] = []
        for a, b in zip(cuts, cuts[1:]):
            if a == b:
                continue
            piece = keys[a:b]
            m = self._exact(piece) if len(piece) < SHINGLE else None
            if m is None and len(piece) >= SHINGLE:
                for doc, first, last in self._candidates(piece, limit):
                    c = self._fine(piece, frozenset(), doc, first, last)
                    if c and (m is None or c.similarity > m.similarity):
                        m = c
            if m is None:
                return None
            parts.append((a, m))
        if len(parts) < 2 or len({m.doc for _, m in parts}) != 1:
            return None
        ops = [(op, q0 + a, q1 + a, r0, r1) for a, m in parts for op, q0, q1, r0, r1 in m.ops]
        starts = [m.ref_first for _, m in parts]
        # pieces joined in another order than the record's are a change, not a verbatim quotation
        reordered = int(starts != sorted(starts))
        return Match(
            doc=parts[0][1].doc,
            ref_first=min(m.ref_first for _, m in parts), ref_last=max(m.ref_last for _, m in parts),
            matched=sum(m.matched for _, m in parts), inserted=sum(m.inserted for _, m in parts) + reordered,
            deleted=sum(m.deleted for _, m in parts), edits=sum(m.edits for _, m in parts) + reordered, ops=ops,
            ref_words=frozenset().union(*(m.ref_words for _, m in parts)),
        )

    def _exact(self, keys: list[str]) -> Match | None:
        """Short quotes are attested only by the same words, as words (not 'certainement' for 'certaine')."""
        n = len(keys)
        found = None
        for p in self.unigrams.get(keys[0], ()):
            if self.keys[p:p + n] == keys and self.doc_of[p] == self.doc_of[p + n - 1]:
                m = Match(self.doc_of[p], p, p + n - 1, n, 0, 0, 0, [(0, 0, n, p, p + n)], frozenset(keys))
                if not is_journalist(self.sentence_speaker(self.sent_of[p])):
                    return m  # a short quotation is someone's answer before it is a reporter's question
                found = found or m
        return found

    def sentence_speaker(self, si: int) -> str | None:
        """The speaker of record sentence ``si`` (a compact index answers from its arrays)."""
        return self.sentences[si].speaker

    # ---- results --------------------------------------------------------------------------------
    def ref_span(self, m: Match) -> Span:
        text = self.docs[m.doc].source.text
        a, b = self.starts[m.ref_first], self.ends[m.ref_last]
        return Span(a, b, text[a:b])

    def through_next(self, m: Match) -> Span | None:
        """The record passage of the match and the sentence after it, when the same speaker goes on."""
        si = self.sent_of[m.ref_last] + 1
        if si >= len(self.sent_first) or self.turn_of[self.sent_first[si]] != self.turn_of[m.ref_last]:
            return None
        text = self.docs[m.doc].source.text
        a, b = self.starts[m.ref_first], self.ends[self.sent_last[si]]
        return Span(a, b, text[a:b])

    def speaker_of(self, m: Match) -> str | None:
        """The speaker of the turn holding most of the matched words."""
        counts: dict[str | None, int] = defaultdict(int)
        for op, _, _, r0, r1 in m.ops:
            if op == 0:
                for r in range(r0, r1):
                    counts[self.sentences[self.sent_of[r]].speaker] += 1
        if not counts:  # a scattered match shares words, not runs: the sentence's speaker
            return self.sentence_speaker(self.sent_of[m.ref_first])
        return max(counts, key=lambda s: counts[s])

    def release_of(self, m: Match) -> int:
        return self.sentences[self.sent_of[m.ref_first]].release

    def word_diff(self, m: Match, press_text: str, tokens: list[Token]) -> list[DiffOp]:
        """The match's word diff with offsets into both texts: 0 shared words, -1 words only in
        the record, 1 words only in the article (``text`` is the record's words but for 1). The
        empty side of a change sits after the word before it, so a reader sees where words went."""
        rtext = self.docs[m.doc].source.text
        out: list[DiffOp] = []
        for op, q0, q1, r0, r1 in m.ops:
            a0 = tokens[q0].start if q1 > q0 else (tokens[q0 - 1].end if q0 else tokens[0].start)
            a1 = tokens[q1 - 1].end if q1 > q0 else a0
            b0 = self.starts[r0] if r1 > r0 else (self.ends[r0 - 1] if r0 > m.ref_first else self.starts[m.ref_first])
            b1 = self.ends[r1 - 1] if r1 > r0 else b0
            out.append(DiffOp(op, press_text[a0:a1] if op == 1 else rtext[b0:b1], a0, a1, b0, b1))  # type: ignore[arg-type]  # op is -1, 0 or 1
        return out


def language_of(source: Source) -> str | None:
    """A source's declared language as its two-letter code, else the one its function words tell."""
    return language_code(source.language) or text_language(source.text[:6000])


def _content_stems(keys) -> set[str]:
    """Content words up to their endings ("hopefully" and "hopeful" are one, "risks" and "risk")."""
    return {(k[:-1] if k[-1] == "s" and len(k) > 4 else k)[:5] for k in keys if k not in STOPWORDS and len(k) >= 4}


def _word_forms(key: str) -> tuple[str, ...]:
    """A word and its other number: "questions"/"question", "substantiels"/"substantiel", "accords"/"accord"."""
    if key.endswith(("s", "x")) and len(key) > 4:
        return key, key[:-1]
    return key, key + "s"


def _last_offset(voters: list[tuple[int, list[int]]], bucket: int) -> int:
    """Where the passage would start in the record according to the last vote cast for ``bucket``."""
    for i, post in reversed(voters):
        for p in reversed(post):
            if (p - i) // BUCKET == bucket:
                return p - i
    raise ValueError(bucket)  # pragma: no cover - only asked for buckets that got votes


class TextTokens:
    """[scale] The words of one whole press text, tokenised (and aliases applied) once, so that
    each of its sentences and quotations slices them instead of tokenising again."""

    def __init__(self, text: str, aliases: AliasTable):
        self.tokens = aliases.apply(tokenize(text))
        self.starts = [t.start for t in self.tokens]

    def within(self, start: int, end: int) -> list[Token] | None:
        """The tokens of text[start:end], or None when a word (or an alias phrase) crosses either
        edge: tokenising the slice on its own would then cut it differently."""
        i = bisect_left(self.starts, start)
        if i and self.tokens[i - 1].end > start:
            return None
        j = bisect_left(self.starts, end, i)
        if j > i and self.tokens[j - 1].end > end:
            return None
        return self.tokens[i:j]


def passage_tokens(text: str, start: int, end: int, aliases: AliasTable,
                   pre: TextTokens | None = None) -> Passage:
    """Tokens of text[start:end] minus editorial marks; gaps record where an elision sat.
    ``pre``: the whole text's tokens, reused when the passage has no editorial mark."""
    if pre is not None and EDITORIAL_RE.search(text, start, end) is None:
        within = pre.within(start, end)
        if within is not None:
            return Passage(within, frozenset())
    tokens: list[Token] = []
    gaps: set[int] = set()
    pos = start
    for m in EDITORIAL_RE.finditer(text, start, end):
        tokens.extend(tokenize(text, pos, m.start()))
        if m.start() > start and m.end() < end and m.group("aside") is None:  # leading/trailing ellipses are not gaps
            gaps.add(len(aliases.apply(tokens)))
        pos = m.end()
    tokens.extend(tokenize(text, pos, end))
    return Passage(aliases.apply(tokens), frozenset(gaps))


def align_passage(index: ReferenceIndex, source_id: str, text: str, span: Span,
                  claim: bool = False, pre: TextTokens | None = None,
                  viable: Viable | None = None) -> tuple[Alignment, Match | None, Passage]:
    """Align text[span] (a quotation, or with ``claim`` a whole press sentence) to the record.

    A claim needs two shared word trigrams to be considered at all: an article's narrative
    sentence that shares none with the record is not a report of it, and skipping it early is
    what keeps aligning every sentence of thousands of articles cheap. ``pre``: the text's
    tokens (:class:`TextTokens`), when several passages of one text are aligned. ``viable``: see
    :meth:`ReferenceIndex.best_match`."""
    passage = passage_tokens(text, span.start, span.end, index.aliases, pre)
    m = index.best_match(passage, limit=1 if claim else 3, fallback=not claim, min_votes=2 if claim else 1,
                         viable=viable)
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
