"""Stage 3a: extract quotations from press sources, with who the article says spoke.

Handles « » (with any kind of space), “ ”, „ “, ‹ ›, straight "…" pairs, nested quotes,
quotations re-opened with « or “ at each paragraph (one quotation per paragraph), a mistyped opening » (``d »héroïques »``),
and a missing closer (the quotation then stops at the end of its paragraph, never later).
All patterns here are linear: no nested quantifiers over the same characters.

[size] Over 450 lines: the quotation scanner and the Attributor that finds who spoke share the
cue patterns and the sentence lookups defined here; a split would pass them back and forth.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from crosscheck.model import Quote, Segment, Source, Span
from crosscheck.text.normalize import first_letters, has_word, tokenize, word_key
from crosscheck.text.names import FUNCTION_WORDS, NON_NAME_WORDS, ROLE_WORDS
from crosscheck.text.speakers import HONORIFICS, OFFICE_WORDS, office_only
from crosscheck.checks.segment import paragraphs

# Opening mark -> the marks that may close it. "»" opens in German/Danish style (»…«) and as a
# mistyped French opener; „ closes with “ (German) or ” (Polish, Hungarian); CJK corner brackets.
# (a straight mark and a curly one pair either way: a scrape or an editor mixes them, `"…”`)
OPENERS = {"«": "»", "“": "”\"", "„": "“”", "‹": "›", '"': '"”', "»": "»«", "”": "”", "‚": "‘’",
           "「": "」", "『": "』", "‘": "’"}
MAX_NESTING = 8
MARK_RE = re.compile(r'’’|‘‘|[«»“”„‹›"‚「」『』＂‘’]')  # (’’ and ‘‘: a double mark typed as two single ones)
_SPACES = " \t\u00a0\u202f\u2009"

_CAP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_TITLE = r"(?:M\.|MM\.|Mme|Mmes|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|[A-Z]\.)"
# Hardening: bounded word length, so a 1 MB run of capitals (a base64 blob) stays linear.
_WORD = rf"[{_CAP}][\w’'\-]{{0,40}}"
NAME = rf"(?:{_TITLE}[ \u00a0]+)?{_WORD}(?:[ \u00a0]{_WORD}){{0,3}}"
_PRONOUNS = ["il", "elle", "ils", "elles", "he", "she", "they"]
PRONOUN = rf"(?i:{'|'.join(_PRONOUNS)})"
_VERBS_FR = (
    r"(?i:déclar|affirm|soulign|ajout|estim|indiqu|expliqu|confirm|assur|répond|précis|rappel|avert|prévenu|"
    r"martel|lanc|insist|jug|annonc|reconn|promi|qualifi|dénonc|conclu|déplor|salu|écri|exprim|décri|dit|dis|"
    r"prévien|mis en garde|met en garde|cité|poursuiv|observ|regrett|répét|fait valoir|fait savoir|remerci|félicit|"
    r"accus|évoqu|qualifi|résum|lâch|taxé|demand|interrog|racont|rétorqu|concéd|tranch|confié|confie)\w*"
)
_VERBS_EN = (
    r"(?i:said|says|say|told|tells|added|adds|stated|states(?<![Uu]nited[ \u00a0]states)|declared|noted|warned|stressed|insisted|explained|"
    r"claimed|affirmed|confirmed|replied|wrote|writes|remarked|argued|announced|observed|thanked|praised|"
    r"described|called|calls|accused|urged|asked|asks|responded|answered|continued|recalled|acknowledged|"
    r"admitted|conceded|vowed|pledged|promised|predicted|suggested)"
)
VERB = rf"(?:{_VERBS_FR}|{_VERBS_EN})(?<!ant)"
# "a déclaré", "a également affirmé", "a pour sa part affirmé": up to three words between.
# Reflexive cues count too: "s'est demandé", "se sont interrogés", "se demande", "s'est félicité".
AUXILIARIES = ["a", "ont", "avait", "avaient", "aurait", "auraient", "has", "had", "have",
               "s['’]est", "s['’]était", "s['’]étaient", "se sont", "se seraient", "s['’]être", "se"]
_AUX = (r"(?i:(?:" + "|".join(a.replace(" ", "[ \u00a0]+") for a in AUXILIARIES)
        + r")[ \u00a0]+(?:\w{1,20}[ \u00a0]+){0,3}?)?")
# "Lavrov a déclaré", "Il a ajouté", "X said", "M. Kim a également affirmé"
_ADVERB = r"(?:(?i:also|then|later|again|further|even|previously|once|\w+ly)[ \u00a0]+)?"
# [scale] The lookaheads in front of the cue patterns below name the letters a match can open with:
# the scan skips every other position at once (same matches; tests/test_scale_shortcuts.py).
_THE = ["le", "la", "the"]
_THE_RE = rf"{first_letters(_THE)}\b(?i:{'|'.join(_THE)})"  # "le/la/the" opening a description
# People described by their office: "le dirigeant nord-coréen", "le chef de la diplomatie russe".
ROLE = (r"(?i:dirigeant|dirigeante|chef|ministre|président|présidente|porte-parole|diplomate|homologue|"
        r"secrétaire|ambassadeur|ambassadrice|leader|minister|president|spokes(?:man|woman|person)|head|chief|"
        r"secretary|envoy|ambassador|counterpart|adviser|advisor|conseiller|conseillère|spokesperson)")
# a capitalised office with its "of" before a name: "Secretary of State Antony Blinken"
_OFFICE_OF = (rf"(?:{_WORD}[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?{_WORD}"
              r"(?:[ \u00a0]+(?:Affairs|Security|Development|Relations|Services|Resources|Trade|Cooperation))?[ \u00a0]+)?")
PRE_SPEAKER_RE = re.compile(rf"(?=[{_CAP}]|{first_letters(_PRONOUNS)}){_OFFICE_OF}(?P<who>\b{PRONOUN}\b|{NAME})[ \u00a0]+{_ADVERB}{_AUX}{VERB}\b")
# "asked X" / "told X" right before a name: X is who was addressed, not who spoke
_ADDRESSEE_RE = re.compile(r"\b(?:asked|asks|told|tells|interrogé|demandé)[ \u00a0]+$", re.IGNORECASE)
# « … », a-t-il dit / a déclaré Lavrov / said Lavrov / Lavrov said
POST_PRONOUN_RE = re.compile(
    r"^[\s,.;:–—-]{0,4}(?:\w+-t-|\w+-)(?:il|elle|ils|elles)\b|^[\s,.;:–—-]{0,4}(?:said|says|added)[ ](?:he|she|they)\b"
    r"|^[\s,.;:–—-]{0,4}(?:he|she|they)[ ](?:said|says|added)\b",
    re.IGNORECASE,
)
POST_NAME_RE = re.compile(
    rf"^[\s,.;:–—-]{{0,4}}(?:{_AUX}{VERB}[ \u00a0]+(?P<who>{NAME})"
    # "…,” national security adviser Jake Sullivan told reporters": a lower-case office before the name
    # or a capitalised office with its "of" ("Secretary of State Antony Blinken said")
    # (behind an institution's name: "White House national security adviser Jake Sullivan said")
    rf"|(?:(?:[{_CAP}][\w\-]{{0,20}}[ \u00a0]+){{1,3}}(?:[a-z][\w\-]{{0,20}}[ \u00a0]+){{0,3}}?{ROLE}[ \u00a0]+"
    rf"|(?:[a-z][\w\-]{{0,20}}[ \u00a0]+){{0,4}}?){_OFFICE_OF}(?P<who2>{NAME})[ \u00a0]+{_ADVERB}{_AUX}{VERB}\b)"
)
SOURCE_CUE_RE = re.compile(
    r"\b(?:selon|d['’]après|according[ ]to|cité[ ]par|rapporté[ ]par|reported[ ]by|quoted[ ]by|citant|citing)"
    r"[ \u00a0]+(?P<what>[^,.;:«»“”\"()]{1,80})",
    re.IGNORECASE,
)
_CAP_WORDS = rf"(?:[Tt]he[ \u00a0]+|[Ll]e[ \u00a0]+|[Ll]a[ \u00a0]+|[Ll]['’])?{_WORD}(?:[ \u00a0]+{_WORD}){{0,4}}"
# Words credited to a written text rather than to something said.
STATEMENT_RE = re.compile(r"\b(?:in|from)[ \u00a0]+(?:a|an|its|their|his|her)[ \u00a0]+(?:written[ \u00a0]+)?"
                          r"(?:statement|press release|communiqué|tweet|post|letter|memo)\b"
                          r"|\bdans[ \u00a0]+(?:un|une|son|sa|leur)[ \u00a0]+(?:communiqué|déclaration écrite|tweet|message|lettre)\b",
                          re.IGNORECASE)
# A medium reporting the quoted words, right before the quotation.
REPORTED_BY_RE = re.compile(
    rf"(?P<what>{_CAP_WORDS})[ \u00a0]+(?:reported|wrote|noted|said|a rapporté|rapporte|écrit|a écrit)"
    r"(?:[ \u00a0]+in[ \u00a0]+(?:its|their|a)[ \u00a0]+(?:report|story|article))?(?:[ \u00a0]+(?:that|que|qu['’]))?"
    r"[ \u00a0]*[:,]?[ \u00a0]*$"
)
ORG_WORDS = re.compile(
    r"\b(?:agence|agency|médias?|media|journal|newspaper|quotidien|chaîne|télévision|radio|ministère|ministry|"
    r"service|porte-parole|spokes\w+|kremlin|gouvernement|government|presse|press|site|outlet|"
    r"post|times|news|tribune|herald|gazette|telegraph|guardian|reuters|bloomberg|newsweek|axios|politico)\b",
    re.IGNORECASE,
)
# Words credited to a body or to people left unnamed, after a cue: the record's speakers did not say them there.
_BODIES = (r"entourage|présidence|[EÉ]lysée|Matignon|Kremlin|Maison[ -]Blanche|White House|ministère|ministry|"
           r"gouvernement|government|aides?|officials?|proches|conseillers|advisers|advisors|porte-parole du "
           r"gouvernement|sources?")
COLLECTIVE_RE = re.compile(
    r"\b(?:selon|d['’]après|according to|comme (?:le |l['’])?(?:dit|disait|explique|résume)|a résumé|résume|"
    r"explique|a expliqué|a indiqué|indique|said|says|told|added)[ \u00a0]+"
    r"(?:l['’]|le |la |les |son |sa |ses |leur |leurs |the |a |an |one |des |de |du |un |une )?"
    rf"(?:[\w\-]+[ \u00a0]+)?(?P<body>{_BODIES})\b"
    rf"|\b(?P<body2>{_BODIES})[ \u00a0]+(?:said|say|says|told|ont dit|a dit|ont indiqué|a indiqué)\b", re.IGNORECASE)
ACRONYM_RE = re.compile(rf"\b[{_CAP}]{{2,}}[{_CAP}\w]*\b")
PERSON_ANYWHERE_RE = re.compile(rf"(?:{_TITLE}[ \u00a0]+{_WORD}|{_WORD}(?:[ \u00a0]{_WORD}){{1,3}})")
DETERMINERS = {"le", "la", "les", "l", "du", "des", "de", "d", "au", "aux", "un", "une", "the", "a", "an", "of", "et",
               "selon", "according", "toujours", "dans", "lors", "en", "pour", "in", "on", "at", "after", "après"}
_DESC = rf"{ROLE}(?:[ \u00a0\-’']+[\w\-]+){{0,6}}?"
_FULLNAME = rf"{_WORD}(?:[ \u00a0]{_WORD}){{1,3}}"
APPOSITION_RE = re.compile(rf"{_THE_RE}[ \u00a0]+(?P<desc>{_DESC}),?[ \u00a0]+(?P<name>{_FULLNAME})")
# English puts the office right before the name, without a determiner: "Russian Foreign Minister
# Sergei Lavrov", "North Korean leader Kim Jong Un" (the office is the description's last word).
APPOSITION_EN_RE = re.compile(
    rf"\b(?P<desc>(?:[\w\-]{{1,30}}[ \u00a0]){{0,3}}?{ROLE}),?[ \u00a0]+(?P<name>{_FULLNAME})")
# [scale] Every APPOSITION_EN_RE match holds an office word followed by a capital, at most 3 words
# of 31 characters after its start: only the positions that close to such an anchor can match.
# A case-insensitive alternation is slow to scan for, so candidates are found in the case-folded
# text with a plain one, and each is confirmed with the real pattern.
_EN_ANCHOR_RE = re.compile(rf"{ROLE}(?=,?[ \u00a0]+[{_CAP}])")
_ROLE_FOLDED_RE = re.compile("|".join(sorted(
    {w.casefold() for w in ROLE[4:-1].replace("spokes(?:man|woman|person)", "spokesman|spokeswoman|spokesperson")
     .split("|")}, key=len, reverse=True)))
_EN_REACH = 3 * 31
DESC_CUE_RE = re.compile(rf"{_THE_RE}[ \u00a0]+(?P<desc>{_DESC})[ \u00a0]+{_AUX}{VERB}\b")
# "— Sergueï Lavrov" on the line after a quotation set in its own paragraph
SIGNATURE_RE = re.compile(rf"^[ \t\u00a0]*[—–-][ \u00a0]*(?P<who>{NAME})[ \u00a0]*(?:[,(]|$)")
# "« … », a déclaré le ministre" / "”, the minister said"
POST_DESC_RE = re.compile(
    rf"^[\s,.;:–—-]{{0,4}}(?:{_AUX}{VERB}[ \u00a0]+(?i:le|la|the)[ \u00a0]+(?P<desc>{_DESC})(?![\w\-])"
    rf"|(?i:le|la|the)[ \u00a0]+(?P<desc2>{_DESC})[ \u00a0]+{_AUX}{VERB}\b)"
)
# The subject opening a sentence: "Kim Jong Un a …", "Le chef de la diplomatie russe y a …", "Il a …"
SUBJECT_RE = re.compile(
    rf"(?:[^,.;:«»“”\"\n]{{0,60}},[ \u00a0]+)?(?:(?i:le|la|the)[ \u00a0]+(?P<desc>{_DESC})|(?P<name>{NAME}|{PRONOUN}))"
    rf"(?=[ \u00a0]+(?:(?:(?i:y|ne|n')[ \u00a0]*)?(?i:a|ont|avait|avaient|est|sont|has|had|was|is|will|would)\b"
    rf"|{_AUX}{VERB}\b))"
)


def extract_quotes(source: Source, sentences: list[Segment] | None = None) -> list[Quote]:
    """Every quotation of a press source (outermost only: nested ones are part of their host)."""
    text = source.text
    attributor = Attributor(text, sentences)
    quotes: list[Quote] = []
    continued: set[int] = set()
    for o_start, o_end, i_start, i_end in find_quote_spans(text, continued):
        inner = text[i_start:i_end]
        if not has_word(inner):
            continue
        if _is_name_or_title(text, o_start, inner):
            continue
        sent = _sentence_around(text, sentences, o_start, o_end)
        speaker, via = attributor.attribute(sent, o_start, o_end)
        by_pronoun = attributor.last_by_pronoun
        prev = quotes[-1] if quotes else None
        if prev is not None and (prev.sentence.start == sent[0] or o_start in continued):
            # "son soutien « inconditionnel », jugeant « certaine » la victoire": one cue, two quotes
            speaker = speaker or prev.speaker
            via = via or prev.via
        quotes.append(Quote(
            source=source.id,
            span=Span(i_start, i_end, inner),
            outer=Span(o_start, o_end, text[o_start:o_end]),
            speaker=speaker, via=via,
            sentence=Span(sent[0], sent[1], text[sent[0]:sent[1]]), by_pronoun=by_pronoun,
        ))
    # “… (paragraph) “…,” the president said: the cue after the last part is every part's
    for i in range(len(quotes) - 1, 0, -1):
        cur, prev = quotes[i], quotes[i - 1]
        if cur.outer.start in continued and prev.speaker is None and cur.speaker is not None:
            quotes[i - 1] = replace(prev, speaker=cur.speaker, via=prev.via or cur.via, by_pronoun=cur.by_pronoun)
    return quotes


def find_quote_spans(text: str, continued: set[int] | None = None) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of each outermost quotation. A quotation
    running over several paragraphs (left open, re-opened at the next: “… / “…”) is one quotation
    per paragraph; ``continued`` receives the outer starts of those that continue the one before."""
    out: list[tuple[int, int, int, int]] = []
    paras = paragraphs(text)
    carry: tuple[str, int] | None = None  # an open « continued from the previous paragraph
    for pi, (ps, pe) in enumerate(paras):
        stack: list[tuple[str, int]] = []
        if carry is not None:
            # The quotation ends with its paragraph; one re-opened at the next (“ or «) continues it
            # and is a quotation of its own: each paragraph is aligned, and judged, by itself.
            _close_unclosed(text, carry[1], paras[pi - 1][1], out)
            if continued is not None and text[ps] in "«“":
                continued.add(ps)
            carry = None
        # Straight marks an even number of times in the paragraph pair in turn, whatever touches them:
        # a scrape glues them to the words around (`Blinken"We … them."Blinken`).
        straight_pairs = (text.count('"', ps, pe) + text.count("＂", ps, pe)) % 2 == 0
        for m in MARK_RE.finditer(text, ps, pe):
            c, p = m.group(), m.start()
            if c == "＂":  # full-width straight quote (CJK typing) pairs like "
                c = '"'
            elif c in ("’’", "‘‘"):
                c, p = ("”", p) if c == "’’" else ("“", p + 1)  # (an opener's words start after both marks)
            prev = text[p - 1] if p > ps else " "
            nxt = text[p + 1] if p + 1 < pe else " "
            if c == '"' and straight_pairs:
                prev, nxt = (" ", "x") if not (stack and stack[-1][0] == '"') else ("x", " ")
            if c == "’" and (nxt.isalnum() or not stack or stack[-1][0] != "‘"):
                continue  # an apostrophe (l’Asie, don’t, leaders’), unless it closes a ‘ quotation
            if stack and c in OPENERS[stack[-1][0]]:
                if c == '"' and not _can_close(prev, nxt):
                    if _can_open(prev, nxt):
                        stack.append((c, p))
                    continue
                opener = stack.pop()
                if not stack:
                    out.append((opener[1], m.end(), _skip_space(text, opener[1] + 1, p), _rskip_space(text, opener[1] + 1, p)))
                continue
            if len(stack) >= MAX_NESTING and c not in "»”":
                continue  # deeper nesting is noise (a scrape gone wrong); keeps the scan linear
            if c in "«„‹「『":
                stack.append((c, p))
            elif c in "‚‘" and not prev.isalnum():
                stack.append((c, p))  # British ‘…’ and German ‚…‘ single quotes
            elif c == "“":
                stack.append((c, p))
            elif c == '"':
                if _can_open(prev, nxt):
                    stack.append((c, p))
            elif c in "»”":
                # A closer with nothing open: a mistyped opener when a word follows it directly.
                if nxt.isalnum() and not stack:
                    stack.append((c, p))
                elif stack:
                    # Closes an outer quotation whose inner one was never closed.
                    for k in range(len(stack) - 1, -1, -1):
                        if c in OPENERS[stack[k][0]]:
                            opener = stack[k]
                            del stack[k:]
                            if not stack:
                                out.append((opener[1], m.end(), _skip_space(text, opener[1] + 1, p),
                                            _rskip_space(text, opener[1] + 1, p)))
                            break
            # ›, or a stray closer: ignored
        if stack:
            bottom = stack[0]
            nxt_para = paras[pi + 1] if pi + 1 < len(paras) else None
            if bottom[0] in "«“" and nxt_para and text[nxt_para[0]] == bottom[0]:
                carry = bottom
            else:
                _close_unclosed(text, bottom[1], pe, out)
    if carry is not None:
        _close_unclosed(text, carry[1], paras[-1][1], out)
    # Straight single quotes ('satisfied'), the headline style of English wires: only outside the
    # quotations found above, only where the marks cannot be apostrophes (a word's own "it's",
    # "leaders'"), and at most SINGLE_MAX_WORDS words.
    for m in _SINGLE_RE.finditer(text):
        a, b = m.start(), m.end()
        if any(o0 <= a < o1 or o0 < b <= o1 for o0, _, _, o1 in out) or len(m.group(1).split()) > SINGLE_MAX_WORDS:
            continue
        out.append((a, b, m.start(1), m.end(1)))
    out.sort()
    return out


SINGLE_MAX_WORDS = 40
_SINGLE_RE = re.compile(r"(?<![\w'’])'(?=[^\W_])((?:[^'\n]|(?<=[^\W_])'(?=[^\W_]))+?)(?<=[^\s'])'(?![\w'’])")


def _close_unclosed(text: str, open_at: int, para_end: int, out: list) -> None:
    """A quotation with no closer ends at its paragraph's end, never swallowing later text."""
    out.append((open_at, para_end, _skip_space(text, open_at + 1, para_end), _rskip_space(text, open_at + 1, para_end)))


def _can_open(prev: str, nxt: str) -> bool:
    return (not prev.isalnum()) and not nxt.isspace()


def _can_close(prev: str, nxt: str) -> bool:
    return not prev.isspace() and not nxt.isalnum()


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and (text[i] in _SPACES or text[i] == "\n"):
        i += 1
    return i


def _rskip_space(text: str, start: int, j: int) -> int:
    while j > start and (text[j - 1] in _SPACES or text[j - 1] == "\n"):
        j -= 1
    return j


def _is_name_or_title(text: str, o_start: int, inner: str) -> bool:
    """« Russie Unie », le “Parti travailliste de Corée”, the "Washington Post": names, not speech."""
    words = inner.split()
    if not words or not words[0][:1].isupper():
        return False
    before = re.findall(r"[\w’']+", text[max(0, o_start - 30):o_start])
    prev_word = before[-1].lower().rstrip("’'") if before else ""
    if re.split(r"[’']", prev_word)[-1] in _WORK_NOUNS and len(words) <= 12:
        return True  # l'exposition « Pierre le Grand, un tsar en France, 1717 », the book "Fire and Fury"
    if len(words) > 6 or inner.rstrip()[-1:] in ".!?…:;,":
        return False
    return prev_word in DETERMINERS


# A work's title in quotation marks follows its kind, or "entitled"
_WORK_NOUNS = frozenset("""
exposition livre ouvrage roman film documentaire série émission album spectacle pièce tableau chanson
intitulé intitulée intitulés baptisé baptisée exhibition exhibit book novel movie documentary series
show album play painting song titled entitled
""".split())


def _sentence_around(text: str, sentences: list[Segment] | None, start: int, end: int) -> tuple[int, int]:
    if sentences:
        first = last = None
        for s in sentences:
            if s.start <= start < s.end or (first is None and s.start >= start):
                first = first or s
            if s.start < end:
                last = s
            else:
                break
        if first is not None and last is not None:
            return first.start, max(last.end, end)
    # no segmentation given: the paragraph
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    return ps, len(text) if pe == -1 else pe


class Attributor:
    """Who an article says spoke, for each of its quotations.

    Cues, nearest first: a pronoun or name right after the quotation (``», a-t-il dit``,
    ``», a déclaré X``, ``" X said``), a reporting cue before it in its sentence (``X a déclaré``,
    ``Il a ajouté``), a source cue (``selon X``, ``d'après X``, ``according to X``). A pronoun is the
    subject of the latest sentence or cue about a person; a description (``le dirigeant
    nord-coréen``) is the person the article introduced with it in apposition earlier
    (``le dirigeant nord-coréen Kim Jong Un``). Media credited (``selon l'agence KCNA``) are ``via``.
    """

    def __init__(self, text: str, sentences: list[Segment] | None = None):
        self.text = text
        self._lone_org: dict[str, bool] = {}
        self.subjects = self._subjects(sentences or [])
        self.last_by_pronoun = False  # whether the last attribute() read the speaker from a pronoun

    @cached_property
    def appositions(self) -> dict[str, str]:
        """[scale] Scanned for only when a description needs resolving: a scan of the whole article."""
        return _appositions(self.text)

    def attribute(self, sentence: tuple[int, int], q_start: int, q_end: int) -> tuple[str | None, str | None]:
        text = self.text
        s_start, s_end = sentence
        pre = text[max(s_start, q_start - 400):q_start]
        post = text[q_end:min(s_end, q_end + 200)]
        via = self._via(text[s_start:s_end], text[:q_start])
        speaker = None
        self.last_by_pronoun = False
        if POST_PRONOUN_RE.match(post):
            speaker = self.person_before(q_start)
            self.last_by_pronoun = True
        elif (m := POST_NAME_RE.match(post)) is not None:
            speaker = m.group("who") or m.group("who2")
            if m.group("who") and _ADDRESSEE_RE.search(post, 0, m.start("who")):
                speaker = None  # "…?” a reporter asked Biden": the name after "asked" is who was asked
        elif (m := POST_DESC_RE.match(post)) is not None:
            speaker = self.resolve_description(m.group("desc") or m.group("desc2"))
        else:
            cue = _last_cue(pre)
            desc_cue = _last_cue(pre, DESC_CUE_RE)
            if cue is not None and desc_cue is not None and desc_cue.start() > cue.start():
                # "When Peter Doocy asked Biden ..., the president replied: «…»": the nearer cue speaks
                speaker = self.resolve_description(desc_cue.group("desc"))
            elif cue is not None:
                who = cue.group("who")
                pos = q_start - len(pre) + cue.start()
                self.last_by_pronoun = bool(re.fullmatch(PRONOUN, who))
                speaker = self.person_before(pos) if self.last_by_pronoun else who
            elif desc_cue is not None:
                speaker = self.resolve_description(desc_cue.group("desc"))
            else:
                for cue in SOURCE_CUE_RE.finditer(text[s_start:s_end]):
                    what = cue.group("what").strip()
                    if not self.is_org(what) and (pm := re.match(NAME, what)):
                        speaker = pm.group()
                if speaker is None:
                    speaker = self._across_lines(q_start, q_end)
        if speaker:
            speaker = speaker.strip(" ,")
            if office_only(speaker) is None and self.is_org(speaker):  # ("the spokesperson said": an office)
                via, speaker = via or _org_name(speaker), None
            elif not plausible_person(speaker):
                speaker = None  # "When asked ..., he said", "United States", "Nord Stream": not people
        if speaker is None and via is None:
            # "«…», résume la présidence", "selon son entourage", "aides said": a body, not a person
            near = post[:80] + " " + pre[-120:]
            if (m := COLLECTIVE_RE.search(near)) is not None:
                via = m.group("body") or m.group("body2")
        return speaker, via

    def _across_lines(self, q_start: int, q_end: int) -> str | None:
        """A quotation set in its own paragraph: introduced by the previous line ending in a colon
        ("Sergueï Lavrov a déclaré :"), or signed on the next line ("— Sergueï Lavrov")."""
        text = self.text
        line_start = text.rfind("\n", 0, q_start) + 1
        if text[line_start:q_start].strip(" \t\u00a0—–-"):
            return None  # words before the quotation on its own line: not a set-off quotation
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
        prev = text[prev_start:max(prev_start, prev_end)].rstrip()
        if prev.endswith(":"):
            cue = _last_cue(prev[-400:])
            if cue is not None:
                who = cue.group("who")
                return self.person_before(prev_start) if re.fullmatch(PRONOUN, who) else who
            if (d := _last_cue(prev[-400:], DESC_CUE_RE)) is not None:
                return self.resolve_description(d.group("desc"))
        line_end = text.find("\n", q_end)
        if line_end != -1 and not text[q_end:line_end].strip(" \t\u00a0.,"):
            nxt_end = text.find("\n", line_end + 1)
            nxt = text[line_end + 1:len(text) if nxt_end == -1 else nxt_end]
            if (m := SIGNATURE_RE.match(nxt)) is not None:
                return m.group("who")
        return None

    # ---- people ---------------------------------------------------------------------------------
    def resolve_description(self, desc: str) -> str | None:
        """'dirigeant nord-coréen' -> the name the article gave it in apposition, if any."""
        key = _desc_key(desc)
        best = None
        for d, name in self.appositions.items():
            if key == d or key.startswith(d + " "):
                if best is None or len(d) > len(best[0]):
                    best = (d, name)
        if best:
            return best[1]
        # A shorter description of the same office ("le ministre" after "le ministre russe des
        # Affaires étrangères Sergueï Lavrov", "the minister" after "Foreign Minister Sergei
        # Lavrov"), when only one person was introduced that way.
        names = {name for d, name in self.appositions.items()
                 if d.startswith(key + " ") or d.endswith(" " + key)}
        if len(names) == 1:
            return names.pop()
        if not names and office_only(desc) is not None:
            return desc.strip()  # "the Prime Minister said": the office alone, for the speaker check to place
        return None

    def _subjects(self, sentences: list[Segment]) -> list[tuple[int, str]]:
        """(offset, person) of each sentence whose subject is a named or described person."""
        out = []
        for sent in sentences:
            head = self.text[sent.start:min(sent.end, sent.start + 160)]
            m = SUBJECT_RE.match(head)
            if not m:
                continue
            if m.group("desc"):
                who, at = self.resolve_description(m.group("desc")), m.start("desc")
            else:
                who, at = m.group("name"), m.start("name")
                if re.fullmatch(PRONOUN, who) or who.split()[0].lower() in DETERMINERS or self.is_org(who):
                    who = None
            if who:
                out.append((sent.start + at, who))
        return out

    def person_before(self, before: int, window: int = 800) -> str | None:
        """Who 'il' is in 'a-t-il dit' / 'Il a ajouté': the latest person who was the subject of a
        reporting cue or of a sentence before ``before``, else the last person named there."""
        text = self.text
        lo = max(0, before - window)
        chunk = text[lo:before]
        cands = [(p, who) for p, who in self.subjects if lo <= p < before]
        for m in PRE_SPEAKER_RE.finditer(chunk):
            who = m.group("who")
            if _COORDINATED_RE.search(chunk, max(0, m.start() - 12), m.start()):
                continue  # "as he and Yoon announced": a shared subject says nothing of who "he" is
            if not re.fullmatch(PRONOUN, who) and not self.is_org(who) and who.split()[0].lower() not in DETERMINERS:
                cands.append((lo + m.start(), who))
        for m in DESC_CUE_RE.finditer(chunk):
            if (who := self.resolve_description(m.group("desc"))) is not None:
                cands.append((lo + m.start(), who))
        if cands:
            return max(cands)[1]
        best = None
        for m in PERSON_ANYWHERE_RE.finditer(chunk):
            words = m.group().split()
            if words[0].lower() in DETERMINERS or ORG_WORDS.search(m.group()) or self.is_org(m.group()):
                continue
            if not plausible_person(m.group()):
                continue
            best = m.group()
        return best

    # ---- media ----------------------------------------------------------------------------------
    def _via(self, sentence: str, before: str) -> str | None:
        for cue in SOURCE_CUE_RE.finditer(sentence):
            what = cue.group("what").strip()
            if self.is_org(what) or self._lone_unknown(what):
                return _org_name(what)
        if (m := STATEMENT_RE.search(sentence)) is not None:
            # "…,” the department said in a statement": written words, not the record's ("a statement")
            return re.sub(r"^\w+[ \u00a0]+", "", m.group())
        # "The Associated Press reported that «…»", "The New York Post noted in its report that «…»"
        if (m := REPORTED_BY_RE.search(before[-200:])) is not None and ORG_WORDS.search(m.group("what")):
            return _org_name(m.group("what"))
        return None

    def _lone_unknown(self, what: str) -> bool:
        """'selon Interfax': a lone name the article never uses for a speaker is a medium."""
        words = what.split()
        if len(words) != 1 or not re.fullmatch(_WORD, words[0]):
            return False
        return not _named_person(words[0], self.text) and not re.search(
            rf"\b{re.escape(words[0])}[ \u00a0]+{_AUX}{VERB}", self.text)

    def is_org(self, what: str) -> bool:
        """An agency, ministry or outlet rather than a person: org words, an acronym, or a lone
        word the article introduces as an organisation ("l'agence russe Tass")."""
        words = what.split()
        if not words:
            return False
        if ORG_WORDS.search(what) or ACRONYM_RE.fullmatch(words[0]):
            return True
        if len(words) == 1 and re.fullmatch(_WORD, words[0]):
            # each answer scans the whole article: asked once per word, not once per cue
            if words[0] not in self._lone_org:
                self._lone_org[words[0]] = (_named_org(words[0], self.text)
                                            and not _named_person(words[0], self.text))
            return self._lone_org[words[0]]
        return False


_COORDINATED_RE = re.compile(r"\b(?:he|she|il|elle|[A-Z][\w’'\-]{1,30})[ \u00a0]+(?:and|et)[ \u00a0]+$")


def plausible_person(who: str) -> bool:
    """Whether a capitalised sequence can name a person: not a sentence-opening function word
    ("When", "While"), not geography or an institution ("United States", "Nord Stream", "White
    House"), not a single shouted acronym. Titles in front are allowed ("Foreign Minister X")."""
    words = [w for w in re.split(r"[ \u00a0]+", who.strip()) if w]
    while words and word_key(words[0].rstrip(".")) in (HONORIFICS | OFFICE_WORDS):
        words.pop(0)
    if not words:
        return True  # a title alone ("the President"): resolved elsewhere
    first = word_key(words[0].split("-")[0])
    if first in FUNCTION_WORDS or first in NON_NAME_WORDS:
        return False
    return not any(word_key(w) in NON_NAME_WORDS and word_key(w) not in ROLE_WORDS for w in words[1:])


def _last_cue(pre: str, pattern: re.Pattern | None = None) -> re.Match | None:
    """The reporting cue ("Lavrov a déclaré", "Il a ajouté") nearest before the quotation,
    unless another quotation stands between them."""
    last = person = None
    for m in (pattern or PRE_SPEAKER_RE).finditer(pre):
        last = m
        if pattern is None and (re.fullmatch(PRONOUN, m.group("who")) or plausible_person(m.group("who"))):
            person = m
    if last is None or re.search(r'[«»“”"]', pre[last.end():]):
        return None
    # "Blinken said the United States had communicated a “substantial offer”": the country's cue
    # inside the person's reported clause does not speak; the person does.
    return person if person is not None and not plausible_person(last.group("who")) else last


def _org_name(what: str) -> str:
    acr = ACRONYM_RE.search(what)
    if acr:
        return acr.group()
    if re.search(r"\b(?:agence|agency|journal|newspaper|quotidien|chaîne|radio|télévision)\b", what, re.I):
        names = [w for w in re.findall(rf"{_WORD}", what) if w.lower() not in {"etat", "état", "state"}]
        if names:
            return names[-1]
    return what


def _named_person(word: str, context: str) -> bool:
    """A lone capitalised word is a person if the article gives someone that name
    ("Sergueï Lavrov", "M. Lavrov"), not an organisation ("l'agence d'Etat Tass")."""
    for m in re.finditer(rf"(?:(?P<title>{_TITLE})|(?P<given>{_WORD}))[ \u00a0]{re.escape(word)}\b", context):
        before = context[max(0, m.start() - 40):m.start()]
        given = m.group("given")
        if ORG_WORDS.search(before) or (given and given.lower() in {"etat", "état", "state"}):
            continue
        if given and (ACRONYM_RE.fullmatch(given) or given.lower() in DETERMINERS):
            continue
        return True
    return False


_WORD_CHAR_RE = re.compile(r"[\w\-]")


def _named_org(word: str, context: str) -> bool:
    """'l'agence russe Tass', 'the Tass agency', 'le journal Rodong': introduced as an organisation."""
    w = re.escape(word)
    before = re.compile(rf"{ORG_WORDS.pattern}[^.,;:«»\n]{{0,30}}?\b{w}\b", re.IGNORECASE)
    after = re.compile(rf"\b{w}[ \u00a0]+{ORG_WORDS.pattern}", re.IGNORECASE)
    # [scale] tried only around the word's own occurrences, not at every position of the article:
    # an organisation word ends at most 30 characters before it (the window starts at the
    # beginning of a word, so that a long "spokes…" word is still seen whole)
    for o in re.finditer(rf"\b{w}\b", context, re.IGNORECASE):
        a = max(0, o.start() - 44)
        while a > 0 and _WORD_CHAR_RE.match(context, a - 1):
            a -= 1
        if before.search(context, a, o.end()) or after.match(context, o.start()):
            return True
    return False


def _desc_key(desc: str) -> str:
    return " ".join(t.key for t in tokenize(desc))


def _appositions(text: str) -> dict[str, str]:
    """Descriptions the article pairs with a name: 'le chef de la diplomatie russe Sergueï Lavrov'."""
    out: dict[str, str] = {}
    for m in [*APPOSITION_RE.finditer(text), *_finditer_near(APPOSITION_EN_RE, _role_anchors(text), _EN_REACH, text)]:
        key = _desc_key(m.group("desc"))
        out.setdefault(key, m.group("name"))
    return out


def _role_anchors(text: str) -> list[int]:
    """Start of every _EN_ANCHOR_RE match in ``text`` (an office word before a capital)."""
    folded = text.casefold()
    if len(folded) != len(text):  # a character folding to several ("ß"): offsets would shift
        return [m.start() for m in _EN_ANCHOR_RE.finditer(text)]
    return [m.start() for m in _ROLE_FOLDED_RE.finditer(folded) if _EN_ANCHOR_RE.match(text, m.start())]


def _finditer_near(pattern: re.Pattern, anchors: list[int], reach: int, text: str):
    """The matches of ``pattern.finditer(text)``, for a pattern whose every match contains an
    anchor (a position in ``anchors``, in order) at most ``reach`` characters after its own
    start: only the positions that close to an anchor are tried, instead of every word of the
    text (a pattern opening with optional words is otherwise tried, and fails, at each one)."""
    cursor = 0  # positions below this are done (tried, or inside a match)
    for a in anchors:
        p = max(cursor, a - reach)
        while p <= a:
            m = pattern.match(text, p)
            if m is None:
                p += 1
                continue
            yield m
            p = m.end()
        cursor = max(cursor, p)
