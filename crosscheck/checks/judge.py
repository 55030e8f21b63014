"""Stage 5: judge aligned quotations (verdict, severity, message, speaker check) and decide which
aligned press sentences the record supports well enough for the fact checks to compare.

The word-level verdict rules are in :mod:`crosscheck.checks.verdicts`. Here: a quotation joining two
separate passages of the record (two answers, or passages far apart in one turn) without an
editorial elision is ``fused`` (warning). A quote differing only in contractions ("it'd" / "it
would") or agreement endings ("substantiels" / "substantielles") is a ``variant`` at info. A variant
or paraphrase whose edits add or drop a negation ("no X" and "never any X" negate alike), or put
another number, nationality or name in place of the record's, is an error whatever the translation:
the quote may say something else than the record.
"""
from __future__ import annotations

from dataclasses import replace
from collections.abc import Sequence

from crosscheck.checks.align import STOPWORDS, Match, Passage, ReferenceIndex
from crosscheck.model import Alignment, Finding, Quote, Severity, Source, Span
from crosscheck.text.names import same_person
from crosscheck.text.normalize import spell_contractions, tokenize, word_key
from crosscheck.text.meaning import clean_alike, clean_keys, corrected_words, expand, fold_words, negation_flip, swapped_facts
from crosscheck.checks.facts.quantities import vague_count
from crosscheck.checks.verdicts import VARIANT_SIMILARITY, quote_verdict
from crosscheck.checks.segment import is_journalist
from crosscheck.text.numbers import text_language
from crosscheck.text.speakers import HONORIFICS, office_only, read_label

QUOTE_SEVERITY: dict[str, Severity] = {"verbatim": "info", "variant": "warning", "paraphrase": "warning", "unattested": "error",
                  "fused": "warning"}


def judge_quote(quote: Quote, alignment: Alignment, match: Match | None, passage: Passage,
                reference: Source | None, index: ReferenceIndex | None = None) -> list[Finding]:
    """The quote's finding (and a speaker finding). ``index``: the record index, to tell a quotation
    that joins two separate record passages (``fused``) from a mere rewording."""
    if match is not None and match.substituted and not quote.speaker:
        # one record word in a term the article gives to no one («séparatisme islamiste» for the record's
        # "terroriste islamiste") says nothing: only a speaker's quotation is looked for that loosely
        match, alignment = None, replace(alignment, reference=None, reference_span=None, speaker=None, diff=())
    verdict = quote_verdict(match, passage)
    pairs = [(d.op, d.text) for d in alignment.diff]
    if index is not None and match is not None and verdict in ("variant", "paraphrase", "unattested"):
        if (fused := fused_part(index, match, passage)) is not None:
            found = [_fused_finding(quote, alignment, match, passage, index, *fused)]
            return found + (judge_speaker(quote, alignment, record_speakers(index)) if quote.speaker and alignment.speaker else [])
    folded = ""
    if verdict in ("variant", "paraphrase", "unattested") and match is not None:
        folded = folded_alike(match, passage, pairs, corrected_words(alignment.reference_span.text)
                              if alignment.reference_span else frozenset())
        if folded.startswith("="):
            verdict, folded = "verbatim", folded[1:]  # the transcript's false start, the article's "d'"
        elif folded:
            verdict = "variant"  # "it'd" for "it would", "substantiels" for "substantielles": no change of words
        elif verdict in ("paraphrase", "unattested") and minor_edit(pairs, len(passage.tokens), match.similarity):
            verdict = "variant"  # "le courage" for "un courage"; one clause cut out without an ellipsis
    if verdict == "verbatim" and match is not None and (spelled := contracted_alike(quote, alignment)):
        verdict, folded = "variant", spelled  # "we're" for "we are": the same words (keys spell them out)
    severity: Severity = "info" if folded else QUOTE_SEVERITY[verdict]
    who = f" (attributed to {quote.speaker})" if quote.speaker else ""
    via = f", credited to {quote.via}" if quote.via else ""
    interpreted = _interpreted(quote, alignment, index)
    translation = (
        " The record is a translation: a wording difference may come from translation."
        if reference is not None and reference.translation and verdict in ("variant", "paraphrase", "unattested")
        and not folded
        else " The record gives these words through an interpreter: a wording difference may come from translation."
        if interpreted and verdict in ("variant", "paraphrase", "unattested") and not folded
        else ""
    )
    q = f"Quote {_excerpt(quote.span.text)}"
    if folded and verdict == "verbatim":
        msg = f"{q}{who} matches the record word for word (a false start of the transcript or the article's own elision aside: {folded})."
    elif folded:
        msg = f"{q}{who} matches the record word for word but for contractions or agreement endings ({folded})."
    elif verdict == "verbatim":
        msg = f"{q}{who} matches the record word for word."
    elif verdict == "variant":
        assert match is not None  # a variant has a match
        changes = _changes(pairs)
        msg = f"{q}{who} differs from the record by {match.edits} word edit(s): {changes}.{translation}"
    elif verdict == "paraphrase" and match is not None and match.scattered:
        msg = (f"{q}{who} takes a few words of one record sentence, not in its order: a loose paraphrase "
               f"the reader should check against the passage.{translation}")
    elif verdict == "paraphrase":
        msg = (f"{q}{who} rewords the record ({round(100 * alignment.score)}% of words shared): "
               f"the passage is identifiable but not quoted exactly.{translation}")
    else:
        if quote.via or not quote.speaker or interpreted:
            severity = "warning"  # the article credits another medium for these words, or gives them to no one,
            # or to a speaker the record has through an interpreter (an outlet's own translation may differ)
        closest = f" Closest passage shares {round(100 * alignment.score)}% of words." if match else ""
        msg = f"{q}{who}{via}: no passage of the record supports it.{closest}{translation}"
        term_words = TERM_MAX_WORDS_TRANSLATED if index is not None and index.translated else TERM_MAX_WORDS
        if not quote.speaker and not quote.via and len(passage.tokens) <= term_words:
            severity = "info"  # «contrat du siècle», "America First": an unattributed term, not a quotation of anyone
            msg = (f"{q}: a term in quotation marks the article gives to no one; the record does not hold it."
                   f"{translation}")
        elif index is not None and index.language and \
                (lang := text_language(quote.span.text)) not in (None, index.language):
            severity = "info"  # «Nous continuons de soutenir le peuple ukrainien» on an English record
            msg = (f"{q}{who}: the quotation is in {_LANGUAGES.get(lang, lang)}, the record in "
                   f"{_LANGUAGES.get(index.language, index.language)}; crosscheck does not compare words across "
                   f"languages, so this translation is neither confirmed nor contradicted.")
        elif not quote.via and _someone_else(quote, record_speakers(index)):
            severity = "info"  # "…,” Jake Sullivan told reporters": words of someone the record does not have speak
            msg = (f"{q}{who}: {quote.speaker} does not speak in the record, which can neither confirm nor "
                   f"contradict these words.{closest}")
    loose = match is not None and match.scattered  # a few shared words: too little to compare meaning or speaker
    if verdict in ("variant", "paraphrase") and not loose:
        # A change of meaning is an error whatever the translation: a translator does not drop a
        # negation, nor turn twelve into fifteen or North Koreans into Chinese.
        notes = []
        if flip := negation_flip(pairs, max_words=None if verdict == "variant" else PARAPHRASE_NEGATION_WORDS):
            notes.append(f" The negation differs ({flip}): the quote may say the opposite of the record.")
        if swaps := swapped_facts(pairs):
            notes.append(f" The quote changes a fact: {'; '.join(swaps)}.")
        if notes:
            severity = "error"
            msg = (msg[:len(msg) - len(translation)] if translation else msg) + "".join(notes)
    attested = verdict != "unattested"
    findings = [Finding(
        kind="quote", verdict=verdict, severity=severity, source=quote.source, span=quote.span, message=msg,
        reference=alignment.reference if match else None,
        reference_span=alignment.reference_span if match else None,
        score=alignment.score, diff=list(alignment.diff) if match else [],
        speaker=quote.speaker, via=quote.via, reference_speaker=alignment.speaker,
    )]
    if attested and not loose and quote.speaker and alignment.speaker:
        findings += judge_speaker(quote, alignment, record_speakers(index))
    if attested:
        findings += vague_count(quote, alignment, index.through_next(match) if index is not None and match else None)
    return findings


def contracted_alike(quote: Quote, alignment: Alignment) -> str:
    """Runs the alignment pairs as the same words that one side writes contracted and the other not
    ("“we're” for “we are”"), or "" (alignment keys spell contractions out: text/normalize.py)."""
    changes = []
    base = quote.span.start
    for d in alignment.diff:
        if d.op != 0:
            continue
        ours = quote.span.text[d.start - base:d.end - base]
        mine, theirs = tokenize(ours), tokenize(d.text)
        contracted = spell_contractions(mine) is not mine or spell_contractions(theirs) is not theirs
        if contracted and [t.key for t in mine] != [t.key for t in theirs]:
            changes.append(f"“{ours}” for “{d.text}”")
    return "; ".join(changes[:4])


# grammar words that still carry meaning: a negation, a number
_MEANINGFUL = frozenset("not no never ne n pas plus jamais two three deux trois".split())
CUT_MAX_WORDS = 5  # one run of record words left out, this long at most, is a cut, not a rewording
CUT_MIN_SIMILARITY = 0.6
GRAMMAR_MIN_SIMILARITY = 0.5


def minor_edit(pairs: Sequence[tuple[int, str]], n: int, similarity: float) -> bool:
    """A quotation that differs from its record passage only in grammar words ("le courage
    remarquable" for "un courage remarquable"), or by one run of up to CUT_MAX_WORDS record words
    left out and nothing added (an unmarked cut), is a variant of the passage, not a rewording."""
    changed = [(op, text) for op, text in pairs if op != 0]
    if not changed or n < 2:
        return False
    words = [w for _, text in changed for w in expand(clean_keys(text))]
    if similarity >= GRAMMAR_MIN_SIMILARITY and words and all(w in STOPWORDS and w not in _MEANINGFUL for w in words):
        return True
    return (n >= 5 and similarity >= CUT_MIN_SIMILARITY and len(changed) == 1 and changed[0][0] == -1
            and len(expand(clean_keys(changed[0][1]))) <= CUT_MAX_WORDS)


# A quotation part the record passage lacks, this long or longer, is looked up on its own: found
# verbatim-like elsewhere (another answer), the quotation fuses two passages.
FUSED_MIN_WORDS = 5
# Each part must be its own record passage nearly word for word (this share of its words matched).
FUSED_PART_SHARE = 0.75
# Two passages of one turn further apart than this (in words) are separate statements too.
FUSED_GAP_WORDS = 60


def fused_part(index: ReferenceIndex, match: Match, passage: Passage) -> tuple[int, int, Match] | None:
    """A run of the quotation's words (q0, q1) missing from its record passage but found, nearly word
    for word, in another passage of the same record that is not adjacent to the first (another
    turn, a question in between, or far away): the article made one quotation of two statements.
    Elisions marked by the article (``[…]``) are handled by the alignment and never get here."""
    runs, cur = [], None
    for op, q0, q1, _r0, _r1 in match.ops:
        if op == 1:
            cur = (cur[0], q1) if cur else (q0, q1)
        elif op == 0:
            if cur:
                runs.append(cur)
            cur = None
    if cur:
        runs.append(cur)
    for q0, q1 in runs:
        if q1 - q0 < FUSED_MIN_WORDS or any(q0 < g < q1 for g in passage.gaps):
            continue
        # the rest of the quotation must be its record passage nearly word for word
        rest = len(passage.tokens) - (q1 - q0)
        if match.matched < max(FUSED_MIN_WORDS, FUSED_PART_SHARE * rest) or \
                match.deleted > (1 - FUSED_PART_SHARE) * match.matched:
            continue
        piece = Passage(passage.tokens[q0:q1], frozenset())
        other = index.best_match(piece, limit=3, fallback=False)
        if other is None or other.doc != match.doc or other.similarity < VARIANT_SIMILARITY \
                or other.matched < FUSED_PART_SHARE * (q1 - q0):
            continue
        if other.ref_last >= match.ref_first and other.ref_first <= match.ref_last:
            continue  # the same passage: a rewording, not a fusion
        gap = max(other.ref_first - match.ref_last, match.ref_first - other.ref_last)
        if index.turn_of[other.ref_first] != index.turn_of[match.ref_first] or gap > FUSED_GAP_WORDS:
            return q0, q1, other
    return None


def _fused_finding(quote: Quote, alignment: Alignment, match: Match, passage: Passage, index: ReferenceIndex,
                   q0: int, q1: int, other: Match) -> Finding:
    text = quote.span.text
    base = quote.span.start
    part = Span(passage.tokens[q0].start, passage.tokens[q1 - 1].end,
                text[passage.tokens[q0].start - base:passage.tokens[q1 - 1].end - base])
    first, second = alignment.reference_span, index.ref_span(other)
    assert first is not None  # the quote is aligned
    who = f" (attributed to {quote.speaker})" if quote.speaker else ""
    between = "another turn lies between them" if index.turn_of[other.ref_first] != index.turn_of[match.ref_first] \
        else "they lie far apart"
    msg = (f"Quote {_excerpt(text)}{who} joins two separate passages of the record into one quotation "
           f"({between}): {_excerpt(first.text)} and, for {_excerpt(part.text)}, {_excerpt(second.text)}.")
    return Finding(
        kind="quote", verdict="fused", severity=QUOTE_SEVERITY["fused"], source=quote.source, span=quote.span,
        message=msg, reference=alignment.reference, reference_span=first, score=alignment.score,
        diff=list(alignment.diff), speaker=quote.speaker, via=quote.via, reference_speaker=alignment.speaker)


# A paraphrase's changed region longer than this (either side) is a rewording, not a dropped negation.
PARAPHRASE_NEGATION_WORDS = 4


def folded_alike(match: Match, passage: Passage, diff, slips: frozenset[str] = frozenset()) -> str:
    """The changes of a quotation when all of them are contractions or agreement endings
    ("“it'd” for “it would”"), else "". Record words an editorial elision stands for are left out,
    and so are ``slips``, words the speaker corrected at once ("partisans — partners —")."""
    if len(match.ops) != len(diff):
        return ""
    record, quote, changes = [], [], []
    corrected: list[str] = []
    pending = None
    for (op, q0, _q1, _r0, _r1), (_, text) in zip(match.ops, diff):
        if op == -1 and q0 in passage.gaps:
            continue
        if op == -1 and text.strip() in slips:
            corrected.append(f"“{text.strip()}”, which the speaker corrected, left out")
            continue
        if op in (0, -1):
            record.append(text)
        if op in (0, 1):
            quote.append(text)
        if op == -1:
            pending = text
        elif op == 1:
            changes.append(f"“{text}” for “{pending}”" if pending else f"“{text}”")
            pending = None
        elif pending:
            changes.append(f"“{pending}” left out")
            pending = None
    if not changes:
        return "=" + "; ".join(corrected) if corrected else ""
    if clean_alike(" ".join(record), " ".join(quote)):
        return "=" + "; ".join(changes[:4])  # "=": the very words (a false start, a leading elision)
    if fold_words(" ".join(record)) != fold_words(" ".join(quote)):
        return ""
    return "; ".join(changes[:4])


TERM_MAX_WORDS = 3  # an unattributed quotation this short is a term ("America First"), not someone's words
# ... up to this many words when the record is a translation: an outlet's own translation of a
# short phrase ("très très bon anniversaire" for "joyeux anniversaire") cannot be looked up
TERM_MAX_WORDS_TRANSLATED = 5


def _someone_else(quote: Quote, speakers: list[str] | None) -> bool:
    """The article names the speaker itself (not "he said") and it is none of the record's speakers,
    all of whom the record names (a bare "THE PRESIDENT:" could be anyone the article names)."""
    if not quote.speaker or quote.by_pronoun or not speakers:
        return False
    if any(read_label(s).name is None for s in speakers):
        return False
    if (office := office_only(quote.speaker)) is not None:
        # "the spokesman said": no one the record has speak, when the record gives every speaker's office
        titles = [_office_keys(read_label(s).title) for s in speakers]
        return all(titles) and not any(office <= t for t in titles)
    return not any(same_person(quote.speaker, s) for s in speakers)


_LANGUAGES = {"en": "English", "fr": "French"}


def _interpreted(quote: Quote, alignment: Alignment, index: ReferenceIndex | None) -> bool:
    """Whether the words are those of a speaker the record gives through an interpreter: the record
    passage's speaker, or, for words the record does not hold, the person the article names."""
    if index is None or not index.interpreted:
        return False
    if alignment.reference_span is not None:
        return alignment.speaker in index.interpreted
    speaker = quote.speaker
    return speaker is not None and any(same_person(speaker, s) for s in index.interpreted)


def _office_keys(title: str | None) -> frozenset[str]:
    return frozenset(word_key(w.rstrip(".")) for w in (title or "").split()) - HONORIFICS


def record_speakers(index: ReferenceIndex | None) -> list[str] | None:
    """The people who speak in the record (ReferenceIndex.people_speaking), or None without an index."""
    return index.people_speaking if index is not None else None


def judge_speaker(quote: Quote, alignment: Alignment, speakers: list[str] | None = None) -> list[Finding]:
    """The article gives the words to one person, the record to another (or to a journalist).

    ``speakers``: the record's speakers. A journalist's question the article gives to someone the
    record does not have speak ("asked Jeff Mason of Reuters") is given to its journalist: no conflict."""
    ref_speaker = alignment.speaker
    assert quote.speaker and ref_speaker  # called only when both are known
    if same_person(quote.speaker, ref_speaker):
        return []
    if (office := office_only(quote.speaker)) is not None:
        # "the Prime Minister said": the record speaker holding that office, if any
        if office <= _office_keys(read_label(ref_speaker).title):
            return []
        if not any(office <= _office_keys(read_label(s).title) for s in speakers or ()):
            return []  # no one in the record holds it: nothing to compare
    if is_journalist(ref_speaker) and speakers is not None and not any(same_person(quote.speaker, s) for s in speakers):
        return []
    if quote.by_pronoun and speakers is not None and not any(same_person(quote.speaker, s) for s in speakers):
        return []  # "…,” he said": "he" read as someone the record never has speak is more likely our
        # reading of the pronoun than the article's error
    ref_label = read_label(ref_speaker) if ref_speaker else None
    if ref_label is not None and ref_label.role == "person" and not ref_label.name:
        return []  # the record names the speaker by title only ("THE PRESIDENT"): nothing to compare
    if ref_label is not None and ref_label.role == "moderator":
        return []
    if is_journalist(ref_speaker):
        who = "a journalist's question"
    else:
        who = ref_speaker
    return [Finding(
        kind="speaker", verdict="conflict", severity="warning", source=quote.source, span=quote.span,
        message=f"The article gives these words to {'the ' if office_only(quote.speaker) else ''}{quote.speaker}; "
                f"the record gives them to {who}.",
        reference=alignment.reference, reference_span=alignment.reference_span, expected=ref_speaker,
        score=alignment.score, speaker=quote.speaker, via=quote.via,
    )]


def negation_change(diff) -> str:
    """The negation words only one side of a quote's word diff has, or "" when both sides negate
    alike (``n'`` for ``ne``, "no threat" for "never any threat" is no change).

    >>> negation_change([(0, "Le texte"), (-1, "ne"), (0, "nécessite"), (-1, "aucune"), (1, "une")])
    'record: ne, aucune; quote: none'
    """
    return negation_flip(diff)


def _excerpt(text: str, limit: int = 60) -> str:
    """The quotation's words, shortened for a one-line message: “les technologies utilisées…”."""
    words = " ".join(text.split())
    return f"“{words if len(words) <= limit else words[:limit].rsplit(' ', 1)[0] + '…'}”"


def _changes(diff) -> str:
    parts, pending_del = [], None
    for op, text in diff:
        if op == -1:
            pending_del = text
        elif op == 1:
            parts.append(f"“{text}” for “{pending_del}”" if pending_del else f"“{text}” added")
            pending_del = None
        else:
            if pending_del:
                parts.append(f"“{pending_del}” left out")
            pending_del = None
    if pending_del:
        parts.append(f"“{pending_del}” left out")
    if not parts:  # every word shared: the article put the record's passages in another order
        return "the quotation's parts stand in another order in the record"
    return "; ".join(parts[:4]) + ("; …" if len(parts) > 4 else "")
