"""Stage 3a: extract quotations from press sources, with who the article says spoke.

Handles « » (with any kind of space), “ ”, „ “, ‹ ›, straight "…" pairs, nested quotes,
quotations re-opened with « at each paragraph, a mistyped opening » (``d »héroïques »``),
and a missing closer (the quotation then stops at the end of its paragraph, never later).
All patterns here are linear: no nested quantifiers over the same characters.
"""
from __future__ import annotations

import re

from .model import Quote, Segment, Source, Span
from .normalize import tokenize
from .segment import paragraphs

OPENERS = {"«": "»", "“": "”", "„": "“”", "‹": "›", '"': '"', "»": "»«", "”": "”"}
MARK_RE = re.compile(r'[«»“”„‹›"]')
_SPACES = " \t\u00a0\u202f\u2009"

_CAP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_TITLE = r"(?:M\.|MM\.|Mme|Mmes|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|[A-Z]\.)"
_WORD = rf"[{_CAP}][\w’'\-]*"
NAME = rf"(?:{_TITLE}[ \u00a0]+)?{_WORD}(?:[ \u00a0]{_WORD}){{0,3}}"
PRONOUN = r"(?i:il|elle|ils|elles|he|she|they)"
_VERBS_FR = (
    r"(?i:déclar|affirm|soulign|ajout|estim|indiqu|expliqu|confirm|assur|répond|précis|rappel|avert|prévenu|"
    r"martel|lanc|insist|jug|annonc|reconn|promi|qualifi|dénonc|conclu|déplor|salu|écri|exprim|décri|dit|dis|"
    r"prévien|mis en garde|met en garde|cité|poursuiv|observ|regrett|répét|fait valoir|fait savoir)\w*"
)
_VERBS_EN = (
    r"(?i:said|says|say|told|tells|added|adds|stated|states|declared|noted|warned|stressed|insisted|explained|"
    r"claimed|affirmed|confirmed|replied|wrote|writes|remarked|argued|announced|observed)"
)
VERB = rf"(?:{_VERBS_FR}|{_VERBS_EN})(?<!ant)"
_AUX = r"(?i:(?:a|ont|avait|avaient|aurait|auraient|has|had|have)[ \u00a0]+(?:\w+[ \u00a0]+)?)?"
# "Lavrov a déclaré", "Il a ajouté", "X said", "M. Kim a également affirmé"
PRE_SPEAKER_RE = re.compile(rf"(?P<who>\b{PRONOUN}\b|{NAME})[ \u00a0]+{_AUX}{VERB}\b")
# « … », a-t-il dit / a déclaré Lavrov / said Lavrov / Lavrov said
POST_PRONOUN_RE = re.compile(
    r"^[\s,.;:–—-]{0,4}(?:\w+-t-|\w+-)(?:il|elle|ils|elles)\b|^[\s,.;:–—-]{0,4}(?:said|says|added)[ ](?:he|she|they)\b"
    r"|^[\s,.;:–—-]{0,4}(?:he|she|they)[ ](?:said|says|added)\b",
    re.IGNORECASE,
)
POST_NAME_RE = re.compile(
    rf"^[\s,.;:–—-]{{0,4}}(?:{_AUX}{VERB}[ \u00a0]+(?P<who>{NAME})|(?P<who2>{NAME})[ \u00a0]+{_AUX}{VERB}\b)"
)
SOURCE_CUE_RE = re.compile(
    rf"\b(?:selon|d['’]après|according[ ]to|cité[ ]par|rapporté[ ]par|reported[ ]by|quoted[ ]by|citant|citing)"
    rf"[ \u00a0]+(?P<what>[^,.;:«»“”\"()]{{1,80}})",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(?:agence|agency|médias?|media|journal|newspaper|quotidien|chaîne|télévision|radio|ministère|ministry|"
    r"service|porte-parole|spokes\w+|kremlin|gouvernement|government|presse|press|site|outlet)\b",
    re.IGNORECASE,
)
ACRONYM_RE = re.compile(rf"\b[{_CAP}]{{2,}}[{_CAP}\w]*\b")
PERSON_ANYWHERE_RE = re.compile(rf"(?:{_TITLE}[ \u00a0]+{_WORD}|{_WORD}(?:[ \u00a0]{_WORD}){{1,3}})")
DETERMINERS = {"le", "la", "les", "l", "du", "des", "de", "d", "au", "aux", "un", "une", "the", "a", "an", "of", "et"}


def extract_quotes(source: Source, sentences: list[Segment] | None = None) -> list[Quote]:
    """Every quotation of a press source (outermost only: nested ones are part of their host)."""
    text = source.text
    spans = find_quote_spans(text)
    quotes = []
    for o_start, o_end, i_start, i_end in spans:
        inner = text[i_start:i_end]
        if not tokenize(inner):
            continue
        if _is_name_or_title(text, o_start, inner):
            continue
        sent = _sentence_around(text, sentences, o_start, o_end)
        speaker, via = attribute(text, sent, o_start, o_end)
        quotes.append(Quote(
            source=source.id,
            span=Span(i_start, i_end, inner),
            outer=Span(o_start, o_end, text[o_start:o_end]),
            speaker=speaker, via=via,
            sentence=Span(sent[0], sent[1], text[sent[0]:sent[1]]),
        ))
    return quotes


def find_quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of each outermost quotation."""
    out: list[tuple[int, int, int, int]] = []
    paras = paragraphs(text)
    carry: tuple[str, int] | None = None  # an open « continued from the previous paragraph
    for pi, (ps, pe) in enumerate(paras):
        stack: list[tuple[str, int]] = []
        start_at = ps
        if carry is not None:
            if text[ps] in "«“":  # French/English re-open mark continuing the quotation
                stack.append(carry)
                start_at = ps + 1
            else:
                _close_unclosed(text, carry[1], paras[pi - 1][1], out)
            carry = None
        for m in MARK_RE.finditer(text, start_at, pe):
            c, p = m.group(), m.start()
            prev = text[p - 1] if p > ps else " "
            nxt = text[p + 1] if p + 1 < pe else " "
            if stack and c in OPENERS[stack[-1][0]]:
                if c == '"' and not _can_close(prev, nxt):
                    if _can_open(prev, nxt):
                        stack.append((c, p))
                    continue
                if c in "»”" and stack[-1][0] in "»”" and nxt.isalnum() and not prev.isalnum() and False:
                    continue
                opener = stack.pop()
                if not stack:
                    out.append((opener[1], p + 1, _skip_space(text, opener[1] + 1, p), _rskip_space(text, opener[1] + 1, p)))
                continue
            if c in "«„‹":
                stack.append((c, p))
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
                                out.append((opener[1], p + 1, _skip_space(text, opener[1] + 1, p),
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
    out.sort()
    return out


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
    if not words or len(words) > 6 or not words[0][:1].isupper():
        return False
    if inner.rstrip()[-1:] in ".!?…:;,":
        return False
    before = re.findall(r"[\w’']+", text[max(0, o_start - 30):o_start])
    prev_word = before[-1].lower().rstrip("’'") if before else ""
    return prev_word in DETERMINERS


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


def attribute(text: str, sentence: tuple[int, int], q_start: int, q_end: int) -> tuple[str | None, str | None]:
    """(speaker, via) the article gives for the quotation at text[q_start:q_end]."""
    s_start, s_end = sentence
    pre = text[max(s_start, q_start - 400):q_start]
    post = text[q_end:min(s_end, q_end + 200)]
    via = _via(text[s_start:s_end], text[:q_start])
    speaker = None
    if POST_PRONOUN_RE.match(post):
        speaker = last_person(text, q_start)
    elif (m := POST_NAME_RE.match(post)) is not None:
        speaker = m.group("who") or m.group("who2")
    else:
        cue = _last_cue(pre)
        if cue is not None:
            who = cue.group("who")
            speaker = last_person(text, q_start - len(pre) + cue.start()) if re.fullmatch(PRONOUN, who) else who
        else:
            for cue in SOURCE_CUE_RE.finditer(text[s_start:s_end]):
                what = cue.group("what").strip()
                if not _is_org(what, text) and (pm := re.match(NAME, what)):
                    speaker = pm.group()
    if speaker:
        speaker = speaker.strip(" ,")
        if _is_org(speaker, text):
            via, speaker = via or _org_name(speaker), None
    return speaker, via


def _last_cue(pre: str) -> re.Match | None:
    """The reporting cue ("Lavrov a déclaré", "Il a ajouté") nearest before the quotation,
    unless another quotation stands between them."""
    last = None
    for m in PRE_SPEAKER_RE.finditer(pre):
        last = m
    if last is None or re.search(r'[«»“”"]', pre[last.end():]):
        return None
    return last


def _org_name(what: str) -> str:
    acr = ACRONYM_RE.search(what)
    if acr:
        return acr.group()
    if re.search(r"\b(?:agence|agency|journal|newspaper|quotidien|chaîne|radio|télévision)\b", what, re.I):
        names = [w for w in re.findall(rf"{_WORD}", what) if w.lower() not in {"etat", "état", "state"}]
        if names:
            return names[-1]
    return what


def _via(sentence: str, before: str) -> str | None:
    for cue in SOURCE_CUE_RE.finditer(sentence):
        what = cue.group("what").strip()
        if _is_org(what, before + sentence):
            return _org_name(what)
    return None


def _is_org(what: str, context: str) -> bool:
    if ORG_WORDS.search(what) or ACRONYM_RE.fullmatch(what.split()[0] if what.split() else ""):
        return True
    words = re.findall(rf"{_WORD}", what)
    if len(words) == 1 and what.strip().split()[0] == words[0]:
        return not _named_person(words[0], context)
    return False


def _named_person(word: str, context: str) -> bool:
    """A lone capitalised word is a person only if the article gives someone that name
    ("Sergueï Lavrov", "M. Lavrov"), not an organisation ("l'agence d'Etat Tass")."""
    for m in re.finditer(rf"(?:(?P<title>{_TITLE})|(?P<given>{_WORD}))[ \u00a0]{re.escape(word)}\b", context):
        before = context[max(0, m.start() - 40):m.start()]
        given = m.group("given")
        if ORG_WORDS.search(before) or (given and given.lower() in {"etat", "état", "state"}):
            continue
        return True
    return False


def last_person(text: str, before: int, window: int = 800) -> str | None:
    """Who 'il' is in 'a-t-il dit' / 'Il a ajouté': the subject of the last reporting cue
    before ``before``, else the last person named there."""
    chunk = text[max(0, before - window):before]
    cue = None
    for m in PRE_SPEAKER_RE.finditer(chunk):
        if not re.fullmatch(PRONOUN, m.group("who")) and not _is_org(m.group("who"), text):
            cue = m
    if cue is not None:
        return cue.group("who")
    best = None
    for m in PERSON_ANYWHERE_RE.finditer(chunk):
        words = m.group().split()
        if words[0].lower() in DETERMINERS or ORG_WORDS.search(m.group()):
            continue
        best = m.group()
    return best
