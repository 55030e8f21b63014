"""Every shortcut taken for speed gives exactly what the plain way gives.

Each test states the plain definition (a regex run over the whole text, a loop over every token,
a diff of every candidate region) and checks the fast path against it on the seed texts and on
generated text. The whole-pipeline check (serial, parallel and cached runs give the same report)
is in test_pipeline.py.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.checks import extract, fingerprint, verdicts
from crosscheck.text import dates, names
from crosscheck.checks.align import TextTokens, passage_tokens
from crosscheck.outputs.jsonreport import report_dict, to_json
from crosscheck.text.names import PersonIndex
from crosscheck.text.normalize import AliasTable, Token, first_letters, has_word, tokenize
from crosscheck.pipeline import build_index
from crosscheck.checks.segment import segment

SETTINGS = settings(max_examples=150, deadline=None)

# Words that exercise the patterns sped up: offices, titles, months, weekdays, organisations,
# aliases, numbers with digit groups, editorial marks, punctuation, case variants.
WORDS = ["the", "Russian", "Foreign", "Minister", "minister", "MINISTER", "Sergei", "Lavrov", "North", "Korean",
         "leader", "Kim", "Jong", "Un", "chief", "envoy", "head", "spokeswoman", "Président", "PRÉSIDENT", "le",
         "ministre", "Choe", "Son-hui", "agence", "Tass", "l'agence", "KCNA", "said", "a", "déclaré", "July", "12",
         "juillet", "2025", "May", "may", "5", "vendredi", "Friday", "hier", "aujourd'hui", "Corée", "du", "Nord",
         "RPDC", "1 000", "12.500", "[…]", "…", "(...)", "«", "»", ",", ".", ":", "\n", "-", "Straße", "ſpokesman",
         "Kelvin\u212a", "e\u0301", "\u00ad", "Moscou", "et", "Pyongyang"]
texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.lists(
    st.sampled_from(WORDS), max_size=60).map("".join) | st.text(max_size=200)


def _seed_texts(seed_corpus) -> list[str]:
    return [s.text for s in seed_corpus.sources]


# ---- tokens ----------------------------------------------------------------------------------------

ALIASES = AliasTable({"RPDC": ["Corée du Nord", "Corée"], "Kim Jong Un": ["Kim"]})


def _apply_plain(table: AliasTable, tokens: list[Token]) -> list[Token]:
    """The definition: left to right, the longest declared phrase at each position."""
    out, i = [], 0
    while i < len(tokens):
        for keys, ckey in table._phrases.get(tokens[i].key, []):
            k = len(keys)
            if i + k <= len(tokens) and [t.key for t in tokens[i:i + k]] == list(keys):
                out.append(Token(ckey, tokens[i].start, tokens[i + k - 1].end))
                i += k
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@SETTINGS
@given(texts)
def test_alias_replacement_looks_only_where_a_phrase_starts(text):
    tokens = tokenize(text)
    assert ALIASES.apply(tokens) == _apply_plain(ALIASES, tokens)


@SETTINGS
@given(texts, st.data())
def test_a_passage_sliced_from_the_whole_text_is_tokenised_as_on_its_own(text, data):
    pre = TextTokens(text, ALIASES)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert passage_tokens(text, a, b, ALIASES, pre) == passage_tokens(text, a, b, ALIASES)


def test_every_seed_sentence_sliced_from_the_article_tokens(seed_corpus):
    aliases = AliasTable(seed_corpus.aliases)
    sliced = 0
    for source in seed_corpus.press:
        pre = TextTokens(source.text, aliases)
        for sent in segment(source).sentences:
            assert passage_tokens(source.text, sent.start, sent.end, aliases, pre) == \
                passage_tokens(source.text, sent.start, sent.end, aliases)
            sliced += pre.within(sent.start, sent.end) is not None
    assert sliced > 50  # the fast path is the common one, not the fallback


def test_a_word_cut_by_the_span_edge_falls_back_to_tokenising_the_span():
    text = "Les 1 000 soldats"
    pre = TextTokens(text, AliasTable())
    assert pre.within(6, 17) is None  # "000" is part of the number "1 000" in the whole text
    assert [t.key for t in passage_tokens(text, 6, 17, AliasTable(), pre).tokens] == ["000", "soldats"]


@SETTINGS
@given(texts)
def test_has_word_is_whether_tokenize_finds_one(text):
    assert has_word(text) == bool(tokenize(text))


# ---- regular expressions ------------------------------------------------------------------------------

@SETTINGS
@given(texts)
def test_english_appositions_found_near_office_words_only(text):
    plain = [m.span() for m in extract.APPOSITION_EN_RE.finditer(text)]
    fast = extract._finditer_near(extract.APPOSITION_EN_RE, extract._role_anchors(text), extract._EN_REACH, text)
    assert [m.span() for m in fast] == plain


def test_english_appositions_on_the_seed_texts(seed_corpus):
    for text in _seed_texts(seed_corpus) + ["Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un."]:
        fast = extract._finditer_near(extract.APPOSITION_EN_RE, extract._role_anchors(text), extract._EN_REACH, text)
        assert [m.span() for m in fast] == [m.span() for m in extract.APPOSITION_EN_RE.finditer(text)]
    assert extract._appositions("Russian Foreign Minister Sergei Lavrov said")["russian foreign minister"] == \
        "Sergei Lavrov"


# Patterns given a lookahead on the letters a match can open with, and that lookahead.
PREFIXED = [
    (dates.MONTH_DAY_RE, first_letters(dates.MONTHS)),
    (dates._REL_RE, first_letters([*dates.RELATIVE_DAYS, *dates.WEEKDAYS])),
    (dates.WEEKDAY_DATE_RE, first_letters(dates.WEEKDAYS)),
    (extract.PRE_SPEAKER_RE, f"(?=[{extract._CAP}]|(?=(?i:[ehist])))"),
    (extract.APPOSITION_RE, "(?=(?i:[lt]))"),
    (extract.DESC_CUE_RE, "(?=(?i:[lt]))"),
]


@SETTINGS
@given(texts)
def test_first_letter_lookaheads_change_no_match(text):
    for rx, prefix in PREFIXED:
        assert rx.pattern.startswith(prefix)
        plain = re.compile(rx.pattern[len(prefix):], rx.flags)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


NAME_PATTERNS_PLAIN = [
    (names.NAME_WORD_RE, rf"(?<![\w’'\-])[{names._UP}]{names._LETTER}*(?:[\-‐]{names._LETTER}+)*(?![\w\-])"),
    (names.TITLE_RE, names.TITLE_RE.pattern[len(f"(?=[{names._UP}])"):]),
]


@SETTINGS
@given(texts)
def test_name_patterns_reordered_for_speed_match_the_same(text):
    for fast, plain in NAME_PATTERNS_PLAIN:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text)]
        assert [m.span() for m in fast.finditer(text, 3)] == [m.span() for m in re.compile(plain).finditer(text, 3)]


def _weekday_mismatches_plain(text: str):
    """dates.weekday_mismatches as first written: the dates of the whole text looked up."""
    found = {d.start: d for d in dates.find_dates(text)}
    out = []
    for m in dates.WEEKDAY_DATE_RE.finditer(text):
        d = found.get(m.end())
        if d is not None and d.year is not None and d.resolve(None) is not None:
            if d.resolve(None).weekday() != dates.WEEKDAYS[m.group("wd").lower()]:
                out.append((m.start(), d.end))
    return out


WEEKDAY_WORDS = ["vendredi", "samedi", "Friday", "mardi", "mar", "mai", "12", "1er", "13", "juillet", "July",
                 "novembre", "2024", "2025", "2025-07-12", "le", "the", ",", " ", "\n", "May", "mars"]


@SETTINGS
@given(st.lists(st.sampled_from(WEEKDAY_WORDS), max_size=30).map(" ".join))
def test_weekday_dates_looked_for_from_the_first_weekday_on(text):
    assert [(s, e) for s, e, *_ in dates.weekday_mismatches(text)] == _weekday_mismatches_plain(text)


def _named_org_plain(word: str, context: str) -> bool:
    w = re.escape(word)
    org = extract.ORG_WORDS.pattern
    return bool(re.search(rf"{org}[^.,;:«»\n]{{0,30}}?\b{w}\b|\b{w}[ \u00a0]+{org}", context, re.IGNORECASE))


@SETTINGS
@given(texts, st.sampled_from(["Tass", "KCNA", "Lavrov", "Kim", "Interfax", "Pyongyang"]))
def test_organisation_test_looks_around_the_word_only(text, word):
    assert extract._named_org(word, text) == _named_org_plain(word, text)


def test_organisation_test_on_the_seed_texts(seed_corpus):
    words = {w for t in _seed_texts(seed_corpus) for w in re.findall(r"\b[A-Z][\w\-]+", t)}
    for text in _seed_texts(seed_corpus):
        for word in sorted(words)[:80]:
            assert extract._named_org(word, text) == _named_org_plain(word, text)
    long_word = "l'agence spokespersonofthekremlinforlongwords et puis Tass"
    assert extract._named_org("Tass", long_word) == _named_org_plain("Tass", long_word)


# ---- alignment ----------------------------------------------------------------------------------------

def test_claims_skip_only_regions_that_could_not_support_them(seed_corpus):
    """may_support_claim is a bound: a region it rejects never gives an accepted claim."""
    index, _ = build_index(seed_corpus)
    aliases = index.aliases
    regions = rejected = 0
    for source in seed_corpus.press:
        pre = TextTokens(source.text, aliases)
        for sent in segment(source).sentences:
            p = passage_tokens(source.text, sent.start, sent.end, aliases, pre)
            keys = [t.key for t in p.tokens]
            if len(keys) < 3:
                continue
            for doc, first, last in index._candidates(keys, 3, False, 2):
                regions += 1
                m = index._fine(keys, p.gaps, doc, first, last)
                accepted = m is not None and m.matched >= 4 and verdicts.supports_claim(m, p)
                viable = verdicts.may_support_claim(keys, index.region_words(first, last))
                rejected += not viable
                assert viable or not accepted, sent.text
    assert regions > 30 and rejected > 0


@SETTINGS
@given(st.lists(st.sampled_from(["la", "de", "russie", "coree", "cooperation", "sanctions", "paix", "nous",
                                 "avons", "discute", "2025", "traite"]), min_size=3, max_size=25),
       st.sets(st.sampled_from(["la", "de", "russie", "coree", "cooperation", "sanctions", "paix", "nous",
                                "avons", "discute", "2025", "traite"])))
def test_claim_bound_holds_for_any_words(keys, words):
    """If the bound rejects, even the best imaginable alignment (every word found there matched,
    nothing left out) fails the judge's bar."""
    if verdicts.may_support_claim(keys, words):
        return
    n = len(keys)
    m = sum(1 for k in keys if k in words)
    best_similarity = 2 * m / (m + n)
    content = {k for k in keys if verdicts._content(k)}
    shared = len(content & words)
    variant_possible = best_similarity >= verdicts.VARIANT_SIMILARITY
    paraphrase_possible = (best_similarity >= verdicts.PARAPHRASE_SIMILARITY
                           and shared >= min(verdicts.PARAPHRASE_MIN_CONTENT, math.ceil(0.6 * len(content)))
                           and shared >= verdicts.PARAPHRASE_CONTENT_SHARE * len(content))
    claim_possible = (best_similarity >= verdicts.CLAIM_SIMILARITY and shared >= verdicts.PARAPHRASE_MIN_CONTENT
                      and shared >= verdicts.CLAIM_CONTENT_SHARE * len(content))
    assert m < 4 or not (variant_possible or paraphrase_possible or claim_possible)


def _candidates_plain(index, keys, limit=3, fallback=True, min_votes=1):
    """Diagonal voting as first written: a dictionary update per posting, every bucket sorted."""
    from crosscheck.checks.align import BUCKET, MAX_POSTINGS, RARE_POSTINGS, RAREST_POSTINGS, RAREST_VOTERS, STOPWORDS

    n = len(keys)
    votes, where = {}, {}
    posts = [(i, index.trigrams.get(tuple(keys[i:i + 3]))) for i in range(n - 2)]
    posts = [(i, p) for i, p in posts if p and len(p) <= MAX_POSTINGS]
    rare = [(i, p) for i, p in posts if len(p) <= RARE_POSTINGS] or (posts if fallback else [])
    rarest = [(i, p) for i, p in rare if len(p) <= RAREST_POSTINGS]
    if len(rarest) >= RAREST_VOTERS:
        rare = rarest
    for i, post in rare:
        for p in post:
            votes[(p - i) // BUCKET] = votes.get((p - i) // BUCKET, 0) + 1
            where[(p - i) // BUCKET] = p - i
    if not votes and fallback:
        for i, key in enumerate(keys):
            post = index.unigrams.get(key) if key not in STOPWORDS and len(key) >= 4 else None
            for p in (post if post and len(post) <= 50 else ()):
                votes[(p - i) // BUCKET] = votes.get((p - i) // BUCKET, 0) + 1
                where[(p - i) // BUCKET] = p - i
        content = sum(1 for k in keys if k not in STOPWORDS and len(k) >= 4)
        min_votes = max(min_votes, 3 if content >= 6 else 2)
    if not votes:
        return []
    scored = sorted(((votes[d] + votes.get(d - 1, 0) + votes.get(d + 1, 0), d) for d in votes),
                    key=lambda x: (-x[0], -votes[x[1]], x[1]))
    out, chosen, best = [], [], scored[0][0]
    slack = max(4, n // 3)
    for score, d in scored:
        if len(out) >= limit or score < min_votes or score * 3 < best:
            break
        if any(abs(d - c) <= 2 for c in chosen):
            continue
        chosen.append(d)
        peak = max((d - 1, d, d + 1), key=lambda x: votes.get(x, 0))
        centre = min(len(index.keys) - 1, max(0, where[peak] + n // 2))
        turn = index.turn_of[centre]
        first = max(index.turn_first[turn], (d - 1) * BUCKET - slack)
        last = min(index.turn_last[turn], (d + 2) * BUCKET + n + slack)
        out.append((index.doc_of[centre], first, last))
    return out


@pytest.fixture(scope="module")
def repetitive_corpus(tmp_path_factory):
    """Generated transcripts that repeat their sentences (benchmarks/synth.py): trigrams found 17-64
    times, where the rarest-trigram rule of the voting matters."""
    import sys
    from pathlib import Path

    from crosscheck import load_corpus

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import synth

    refs, arts, _ = synth.build(15, n_refs=8, seed=5)
    folder = tmp_path_factory.mktemp("repetitive")
    synth.write_corpus(folder, refs, arts)
    return load_corpus(folder)


@pytest.mark.parametrize("which", ["seeds", "repetitive"])
@pytest.mark.parametrize("claim", [False, True])
def test_candidate_voting_gives_the_plain_regions(seed_corpus, repetitive_corpus, which, claim):
    corpus = seed_corpus if which == "seeds" else repetitive_corpus
    index, _ = build_index(corpus)
    aliases = index.aliases
    common = sum(1 for post in index.trigrams.values() if 16 < len(post) <= 64)
    assert (common > 100) == (which == "repetitive")
    compared = 0
    for source in corpus.press:
        pre = TextTokens(source.text, aliases)
        spans = [(s.start, s.end) for s in segment(source).sentences]
        spans += [(a, a + 60) for a, _ in spans]  # clause-sized pieces too
        for a, b in spans:
            keys = [t.key for t in passage_tokens(source.text, a, b, aliases, pre).tokens]
            args = (1, False, 2) if claim else (3, True, 1)
            assert index._candidates(keys, *args) == _candidates_plain(index, keys, *args)
            compared += 1
    assert compared > 100


# ---- people, fingerprints, report.json -------------------------------------------------------------------

def test_remembered_answers_are_forgotten_when_a_person_is_added():
    people = PersonIndex()
    people.add(("Sergueï", "Lavrov"))
    assert people.resolve_full(("Kim", "Jong-un")) is None
    assert people.family_exact("Kim") is None
    people.add(("Kim", "Jong-un"))
    assert people.resolve_full(("Kim", "Jong-un")).verdict == "match"
    assert people.family_exact("Kim") is not None
    assert people.resolve_single("Lavrov", None, False).person.canonical == "Sergueï Lavrov"


def _identity_words_plain(text: str) -> str:
    t = fingerprint._INVISIBLE_RE.sub("", text)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(fingerprint._WORD_RE.findall(t.casefold()))


@SETTINGS
@given(texts | st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), max_size=80))
def test_fingerprint_words_drop_the_same_accents(text):
    assert fingerprint.identity_words(text) == _identity_words_plain(text)


def test_report_json_one_record_per_line_same_data(seed_report):
    text = to_json(seed_report)
    assert json.loads(text) == json.loads(json.dumps(report_dict(seed_report)))
    lines = text.splitlines()
    finding_lines = [ln for ln in lines if ln.startswith('    {"id": ') and '"kind": ' in ln]
    assert len(finding_lines) == len(seed_report.findings)
    assert all(json.loads(ln.rstrip(","))["id"] for ln in finding_lines)
    assert text.endswith("}\n") and lines[0] == "{" and lines[1] == '  "schema": 1,'
