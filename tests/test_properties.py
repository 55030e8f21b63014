"""Property-based tests (hypothesis): invariants that must hold on any input, not just the seeds.

Example counts are modest and deadlines off so the suite stays fast and never flakes on a busy machine.
"""
from __future__ import annotations

import functools
import os
import unicodedata
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crosscheck.checks.align import align_passage
from crosscheck.checks.record import build_record
from crosscheck.checks.extract import extract_quotes
from crosscheck.checks.verdicts import quote_verdict
from crosscheck.model import Corpus, Source, Span
from crosscheck.text.normalize import AliasTable, normalize_text, token_key, tokenize, word_key
from crosscheck.pipeline import check_corpus
from crosscheck.checks.segment import segment, split_sentences

# CROSSCHECK_HYPOTHESIS_SCALE=20 runs twenty times as many examples (a thorough local run).
_SCALE = int(os.environ.get("CROSSCHECK_HYPOTHESIS_SCALE", "1"))
SETTINGS = settings(max_examples=60 * _SCALE, deadline=None)
SLOW_SETTINGS = settings(max_examples=25 * _SCALE, deadline=None)

# Text built from what makes extraction hard: every quotation mark, apostrophes, dashes, ellipses,
# abbreviations, newlines, invisible characters, plus arbitrary Unicode.
FRAGMENTS = ["«", "»", "“", "”", "„", "‹", "›", '"', "'", "’", " ", "\u00a0", "\u202f", "\n", "\r\n", "\n\n", ".",
             "...", "…", "!", "?", ":", ",", "—", "-", "(", ")", "[…]", "M.", "S. Lavrov", "a déclaré", "a-t-il dit",
             "selon", "Il", "Kim Jong-un", "2026-2027", "12e", "\u00ad", "\u200b", "\u200f", "e\u0301", "🙂", "Q:",
             "Sergueï Lavrov :", "Question :", "https://mid.ru/x/", "1°/Titre", "nous", "avons", "signé"]
messy_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=400), messy_text)


def _press(text: str) -> Source:
    return Source(id="p", role="press", path="p.txt", text=text)


# ---- extraction and segmentation never raise, spans always round-trip ----------------------------

@SETTINGS
@given(any_text)
def test_extraction_never_raises_and_spans_round_trip(text):
    source = _press(text)
    seg = segment(source)
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text
    for q in extract_quotes(source, seg.sentences):
        for span in (q.span, q.outer, q.sentence):
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start:span.end] == span.text
        assert q.outer.start <= q.span.start <= q.span.end <= q.outer.end


@SETTINGS
@given(any_text)
def test_reference_segmentation_never_raises_and_round_trips(text):
    seg = segment(Source(id="r", role="reference", path="r.txt", text=text))
    for s in seg.sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
    for r in seg.releases:
        assert 0 <= r.start <= r.end <= len(text)
    assert all(a.end <= b.start for a, b in zip(seg.sentences, seg.sentences[1:]))


@SETTINGS
@given(any_text)
def test_split_sentences_covers_the_text(text):
    bounds = split_sentences(text)
    assert all(a < b for a, b in bounds)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(bounds, bounds[1:]))
    # Nothing but whitespace falls between sentences.
    covered = "".join(text[a:b] for a, b in bounds)
    assert "".join(text.split()) .replace("\u200b", "") == "".join(covered.split()).replace("\u200b", "")


@SLOW_SETTINGS
@given(st.one_of(st.text(max_size=300), messy_text))
def test_full_check_never_raises_and_every_finding_round_trips(text):
    _, reference, index, _ = seed()
    corpus = Corpus(root="", manifest=None, sources=[reference, _press(text)])
    report = check_corpus(corpus, index, jobs=1, cache=False)
    texts = {"p": text, reference.id: reference.text}
    for f in report.findings:
        assert texts[f.source][f.span.start:f.span.end] == f.span.text
        if f.reference_span is not None:
            assert texts[f.reference][f.reference_span.start:f.reference_span.end] == f.reference_span.text
        assert "\n" not in f.message


# ---- a verbatim copy of any record sentence is verbatim -------------------------------------------

@functools.lru_cache(maxsize=1)
def seed():
    """(reference, its record, its sentences with words), built once. Not a fixture: hypothesis prints a
    failing example's arguments, and the whole transcript would drown the message."""
    from crosscheck import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parent.parent / "seeds")
    reference = corpus.references[0]
    index = build_record([segment(reference)], AliasTable(corpus.aliases))
    sentences = [s for s in segment(reference).sentences if tokenize(s.text)]
    return corpus, reference, index, sentences


TYPING = {
    "as-is": lambda s: s,
    "NFD": lambda s: unicodedata.normalize("NFD", s),
    "soft-hyphens": lambda s: " ".join(w[:2] + "\u00ad" + w[2:] if len(w) > 4 else w for w in s.split(" ")),
    "straight-apostrophes": lambda s: s.replace("’", "'"),
    "no-break-spaces": lambda s: s.replace(" ", "\u00a0"),
}


@SETTINGS
@given(data=st.data())
def test_a_record_sentence_copied_verbatim_aligns_to_it_as_verbatim(data):
    _, reference, index, record_sentences = seed()
    sentence = data.draw(st.sampled_from(record_sentences).map(lambda s: s.text), label="sentence")
    sentence = next(s for s in record_sentences if s.text == sentence)
    typing = data.draw(st.sampled_from(sorted(TYPING)), label="typing")
    quoted = TYPING[typing](sentence.text)
    prefix = data.draw(st.sampled_from(["", "Il a déclaré : ", "Selon lui, ", "Lavrov said: "]), label="prefix")
    article = f"{prefix}« {quoted} »\nLa suite de l’article.\n"
    span = Span(article.index(quoted), article.index(quoted) + len(quoted), quoted)
    alignment, match, passage = align_passage(index.index, "p", article, span)
    assert quote_verdict(match, passage) == "verbatim", (sentence.text, alignment.diff)
    got = alignment.reference_span
    assert normalize_text(got.text) == normalize_text(sentence.text)
    # Where: in the sentence itself, unless its words also occur elsewhere in the record (the table
    # of contents repeats each heading; a one-word line such as "2" occurs in many places).
    words = f" {normalize_text(sentence.text)} "
    if f" {normalize_text(reference.text)} ".count(words) == 1:
        assert sentence.start <= got.start and got.end <= sentence.end
    # And through extraction, when the sentence holds no quotation marks of its own.
    if not any(c in sentence.text for c in "«»“”„‹›\""):
        [q] = extract_quotes(_press(article), segment(_press(article)).sentences)
        assert q.span == span


# ---- fingerprints survive edits elsewhere --------------------------------------------------------

made_up_words = st.lists(st.sampled_from(["kalo", "mirste", "vanbo", "zequi", "dorpel", "axru", "lo", "ka"]),
                         min_size=1, max_size=30).map(" ".join)


@SLOW_SETTINGS
@given(before=made_up_words, after=made_up_words, where=st.sampled_from(["start", "end", "both"]),
       press_no=st.integers(0, 3))
def test_fingerprints_unchanged_by_edits_elsewhere(before, after, where, press_no):
    seed_corpus, reference, index, _ = seed()
    press = seed_corpus.press[press_no]

    def ids(text: str) -> dict[tuple[str, str], str]:
        corpus = Corpus(root="", manifest=None, sources=[reference, Source(
            id=press.id, role="press", path=press.path, text=text, published=press.published)])
        report = check_corpus(corpus, index, jobs=1, cache=False)
        return {(f.kind, f.span.text): f.id for f in report.findings if f.kind in ("quote", "speaker")}

    original = ids(press.text)
    assume(original)
    edited = press.text
    if where in ("start", "both"):
        edited = before.capitalize() + ".\n" + edited
    if where in ("end", "both"):
        edited = edited.rstrip("\n") + "\n" + after.capitalize() + ".\n"
    assert ids(edited) == original


# ---- normalisation -------------------------------------------------------------------------------

@SETTINGS
@given(st.text(max_size=200))
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@SETTINGS
@given(st.text(min_size=1, max_size=30))
def test_word_key_is_idempotent(word):
    assert word_key(word_key(word)) == word_key(word)


latin_text = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd"), max_codepoint=0x24F)
    | st.sampled_from("’«»\u00ad\u200b"), max_size=120)


@SETTINGS
@given(latin_text)
def test_nfc_and_nfd_normalise_alike(text):
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert normalize_text(nfc) == normalize_text(nfd)


@SETTINGS
@given(latin_text)
def test_tokens_index_the_text(text):
    for t in tokenize(text):
        assert token_key(text[t.start:t.end]) == t.key or t.key.isdigit()
