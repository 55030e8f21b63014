"""Stable fingerprints: a finding's id survives edits elsewhere and re-ordering, and follows its own words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosscheck import check_corpus, load_corpus, load_files
from crosscheck.checks.fingerprint import fingerprint, identity_words


def ids_by_source(corpus_dir: Path) -> dict[str, dict[str, str]]:
    """{source: {id: span text}} for a corpus folder."""
    out: dict[str, dict[str, str]] = {}
    for f in check_corpus(load_corpus(corpus_dir)).findings:
        out.setdefault(f.source, {})[f.id] = f.span.text
    return out


def findings(corpus_dir: Path):
    return check_corpus(load_corpus(corpus_dir)).findings


def edit(path: Path, fn) -> None:
    text = path.read_text(encoding="utf-8")
    new = fn(text)
    assert new != text
    path.write_text(new, encoding="utf-8")


@pytest.fixture
def baseline(corpus_copy):
    return ids_by_source(corpus_copy)


def test_seed_findings_have_unique_well_formed_ids(seed_report):
    ids = [f.id for f in seed_report.findings]
    assert ids and len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[0-9a-f]{16}(-[2-9]|-[1-9][0-9]+)?", i) for i in ids)


def test_identity_function_is_frozen():
    # These values are stored in committed reviews files: changing them orphans every decision.
    assert fingerprint("quote", "press-001", "inconditionnel") == "d0c9a666c3069690"
    assert identity_words("Qu’il «\u00a0l’a\u200b dit\u00a0» – SERGUEÏ") == "qu il l a dit serguei"


def test_typing_differences_keep_the_id_other_words_change_it():
    base = fingerprint("quote", "p", "Nous pensons qu'il est important")
    assert fingerprint("quote", "p", "nous  pensons qu’il est IMPORTANT") == base
    assert fingerprint("quote", "p", "Nous pensons qu\u0301'il est important".replace("\u0301", "")) == base
    assert fingerprint("quote", "p", "Nous estimons qu'il est important") != base
    assert fingerprint("name", "p", "Nous pensons qu'il est important") != base  # another check
    assert fingerprint("quote", "q", "Nous pensons qu'il est important") != base  # another article
    assert fingerprint("quote", "p", "Nous pensons qu'il est important", salt="x") != base


def test_moving_and_editing_other_text_of_the_article_keeps_ids(corpus_copy, baseline):
    before = {f.id: f for f in findings(corpus_copy) if f.source == "press-001"}
    edit(corpus_copy / "press-001.txt",
         lambda t: "Cet article a été complété par la rédaction.\n\n" + t.replace("\n", "\n\n", 3))
    after = {f.id: f for f in findings(corpus_copy) if f.source == "press-001"}
    assert set(after) == set(before)
    moved = [i for i in before if (after[i].line, after[i].span.start) != (before[i].line, before[i].span.start)]
    assert len(moved) == len(before)  # every finding moved, none changed identity
    assert ids_by_source(corpus_copy) == baseline


def test_editing_another_article_keeps_ids(corpus_copy, baseline):
    edit(corpus_copy / "press-002.txt", lambda t: t + "\n\nSelon un diplomate, « rien n'a été signé ».\n")
    after = ids_by_source(corpus_copy)
    for source in ("press-001", "press-003", "press-004"):
        assert after[source] == baseline[source]
    assert set(baseline["press-002"]) <= set(after["press-002"])


def test_editing_unrelated_text_of_the_reference_keeps_ids(corpus_copy, baseline):
    before = {f.id: f for f in findings(corpus_copy)}
    ref = corpus_copy / "mid-2025-07-12-wonsan.txt"
    edit(ref, lambda t: "Document publié par le service de presse.\n\n" + t + "\nFin du document.\n")
    after = {f.id: f for f in findings(corpus_copy)}
    assert ids_by_source(corpus_copy) == baseline
    shifted = [i for i, f in before.items() if f.reference_span is not None]
    assert shifted, "the seed corpus has findings aligned to the record"
    assert all(after[i].reference_span.start > before[i].reference_span.start for i in shifted)


def test_reordering_the_corpus_keeps_ids(corpus_copy, baseline):
    manifest = corpus_copy / "sources.toml"
    text = manifest.read_text(encoding="utf-8")
    head, *blocks = text.split("[[source]]")
    manifest.write_text(head + "".join("[[source]]" + b.rstrip("\n") + "\n\n" for b in reversed(blocks)),
                        encoding="utf-8")
    assert [s.id for s in load_corpus(corpus_copy).sources][0] == "press-004"
    assert ids_by_source(corpus_copy) == baseline


def test_changing_the_findings_own_words_changes_its_id(corpus_copy, baseline):
    target = next(f for f in findings(corpus_copy)
                  if f.source == "press-004" and f.kind == "quote" and len(f.span.text.split()) >= 3)
    words = target.span.text.split()
    new_words = " ".join(words[:-1] + ["totalement"])
    edit(corpus_copy / "press-004.txt", lambda t: t[:target.span.start] + new_words + t[target.span.end:])
    after = {f.id: f for f in findings(corpus_copy) if f.source == "press-004"}
    assert target.id not in after
    assert any(f.span.text == new_words for f in after.values())
    untouched = {i for i, text in baseline["press-004"].items() if i != target.id}
    assert untouched <= set(after)


REFERENCE = """Conférence de presse du ministre, Paris, 3 mars 2025

Le ministre : Nous voulons la paix et la coopération entre nos deux pays. Les négociations reprendront au printemps.
"""


def test_repeats_get_a_counter_in_text_order(tmp_path):
    ref = tmp_path / "ref.txt"
    ref.write_text(REFERENCE, encoding="utf-8")
    art = tmp_path / "article.txt"
    quote = "« nous ne céderons jamais au chantage »"
    art.write_text(f"Le ministre a dit {quote} hier.\n\nPlus tard, il a répété {quote} devant la presse.\n",
                   encoding="utf-8")

    def ids():
        fs = [f for f in check_corpus(load_files([str(ref)], [str(art)])).findings if f.kind == "quote"]
        return [f.id for f in sorted(fs, key=lambda f: f.span.start)]

    first, second = ids()
    assert second == first + "-2"
    # Editing text around them keeps both.
    art.write_text("Mise à jour.\n\n" + art.read_text(encoding="utf-8"), encoding="utf-8")
    assert ids() == [first, second]
    # With the first one gone, the remaining one is the first of its words again.
    art.write_text(f"Plus tard, il a répété {quote} devant la presse.\n", encoding="utf-8")
    assert ids() == [first]


def test_identity_ignores_every_invisible_character_the_aligner_ignores():
    from crosscheck.checks.fingerprint import identity_words
    from crosscheck.text.normalize import INVISIBLE

    plain = identity_words("Sergueï Lavrov")
    for ch in INVISIBLE:
        assert identity_words(f"Ser{ch}gueï Lav{ch}rov") == plain, hex(ord(ch))
