"""Word-level verdicts of a quotation against its record passage, and whether a record passage
supports a press sentence well enough for the fact checks to compare them.

Quote verdicts (after normalisation; n = words in the quotation):
- ``verbatim``: no word inserted or left out (editorial elisions ``[…]`` excepted);
- ``variant``: at most max(2, ceil(n/4)) word edits, and similarity >= 0.75 or only one-for-one word
  swaps with at least half the words shared;
- ``paraphrase``: similarity >= 0.40, with at least 3 distinct shared content words (not articles,
  prepositions, pronouns; for quotes of fewer than 5 content words, 60% of them) making up at least
  30% of the quotation's content words (quotes of 3+ words);
- ``paraphrase`` too: a short quote (up to 4 words) whose content words, as words or their other
  number, all stand in one answer sentence of the record in another order ("many questions");
- ``variant`` too: a short quote (2 to 4 words) the article gives to someone that is one record
  phrase with one word replaced ("substantial offer" for "substantial proposal");
- ``unattested``: anything else, and short quotes (1-2 words) whose exact words the record lacks.
Similarity is 2*shared / (2*shared + inserted + left out) over word tokens.
"""
from __future__ import annotations

import math

from crosscheck.checks.align import STOPWORDS, Match, Passage
from crosscheck.model import Verdict

VARIANT_SIMILARITY = 0.75
PARAPHRASE_SIMILARITY = 0.40
PARAPHRASE_MIN_CONTENT = 3
PARAPHRASE_CONTENT_SHARE = 0.30
# Below PARAPHRASE_SIMILARITY a quotation is still a paraphrase when most of its content words, up to
# their endings, are the record passage's (re-translations, reordered clauses).
LOOSE_PARAPHRASE_SIMILARITY = 0.25
LOOSE_CONTENT_SHARE = 0.60


def _content(key: str) -> bool:
    return key not in STOPWORDS and len(key) > 2 and not key.isdigit()


def quote_verdict(match: Match | None, passage: Passage) -> Verdict:
    n = len(passage.tokens)
    if match is None:
        return "unattested"
    if match.inserted == 0 and match.deleted == 0:
        return "verbatim"
    if match.scattered:
        return "paraphrase"  # a few of one sentence's words (ReferenceIndex._scattered)
    if match.substituted:
        return "variant"  # one record phrase with one word replaced (ReferenceIndex._substituted)
    sim = match.similarity
    if n >= 3 and match.edits <= max(2, math.ceil(n / 4)) and (
            sim >= VARIANT_SIMILARITY or (_swaps_only(match) and 2 * match.matched >= n)):
        return "variant"
    if n >= 3 and sim >= LOOSE_PARAPHRASE_SIMILARITY:
        # Shared grammar words ("la Russie et la") do not identify a passage; shared content words do.
        # Counted as distinct words of the passage found anywhere in the record passage, not only in
        # the in-order alignment: a sentence whose clauses were swapped is still identifiable.
        words = {t.key for t in passage.tokens if _content(t.key)}
        content = len(words)
        shared = len(words & match.ref_words)
        need = min(PARAPHRASE_MIN_CONTENT, math.ceil(0.6 * content))
        if sim >= PARAPHRASE_SIMILARITY and shared >= need and shared >= PARAPHRASE_CONTENT_SHARE * content:
            return "paraphrase"
        # A re-translation or a reworded report keeps the passage's content words (up to their
        # endings: "hopefully"/"hopeful") while its grammar words all change: most content shared.
        # (words of four letters or more: "can", "out" say nothing of which passage this is)
        stems = {_stem(k) for k in words if len(k) >= 4}
        ref_stems = {_stem(k) for k in match.ref_words if _content(k)}
        close = len(stems & ref_stems)
        if close >= PARAPHRASE_MIN_CONTENT and close >= LOOSE_CONTENT_SHARE * len(stems):
            return "paraphrase"
    return "unattested"


def _swaps_only(match: Match) -> bool:
    """Every edit puts one word in place of one record word ("grandson" for "granddaughter"): the
    quotation is the record's sentence, word for word, with a few words swapped. Similarity counts
    each swap twice, which a short quotation cannot afford."""
    ops = match.ops
    for i, op in enumerate(ops):
        if op[0] == 1 and (op[2] - op[1] != 1 or i == 0 or ops[i - 1][0] != -1 or ops[i - 1][4] - ops[i - 1][3] != 1):
            return False
        if op[0] == -1 and (i + 1 == len(ops) or ops[i + 1][0] != 1):
            return False
    return True


def _stem(key: str) -> str:
    return key[:5]


CLAIM_SIMILARITY = 0.30
CLAIM_CONTENT_SHARE = 0.40


def supports_claim(match: Match | None, passage: Passage) -> bool:
    """Whether a record passage supports a press sentence well enough to compare their facts.

    A press sentence carries its own framing ("…, a indiqué le ministère") and often reorders the
    record's clauses, so its in-order similarity is lower than a quotation's: the bar is similarity
    >= 0.30, with at least 3 distinct content words shared, making up 40% of the sentence's."""
    if match is None:
        return False
    if quote_verdict(match, passage) in ("verbatim", "variant", "paraphrase"):
        return True
    words = {t.key for t in passage.tokens if _content(t.key)}
    shared = len(words & match.ref_words)
    return (match.similarity >= CLAIM_SIMILARITY and shared >= PARAPHRASE_MIN_CONTENT
            and shared >= CLAIM_CONTENT_SHARE * len(words))


def may_support_claim(keys: list[str], words: set[str]) -> bool:
    """[scale] Whether a record region offering ``words`` could support a press sentence of word
    keys ``keys`` at all (:func:`supports_claim`, with the 4 matched words the pipeline asks for),
    judged before any alignment: matched words are at most the sentence's words found there
    (m), similarity at most 2m / (m + n), shared content words at most those found there."""
    n = len(keys)
    m = sum(1 for k in keys if k in words)
    if m < 4 or 2 * m < CLAIM_SIMILARITY * (m + n):
        return False
    if 2 * m >= VARIANT_SIMILARITY * (m + n):
        return True  # could be verbatim or a variant: no content-word condition
    content = {k for k in keys if _content(k)}
    shared = len(content & words)
    return shared >= min(PARAPHRASE_MIN_CONTENT, math.ceil(0.6 * len(content))) and \
        shared >= PARAPHRASE_CONTENT_SHARE * len(content)
