"""Stage 2: segment sources into releases, speaker turns, paragraphs and sentences.

Every segment keeps absolute offsets into ``Source.text`` so that
``source.text[seg.start:seg.end] == seg.text``.
"""
from __future__ import annotations

import re

from crosscheck.text.dates import find_dates
from crosscheck.model import Release, Segment, SegmentedSource, Source, Turn
from crosscheck.text.gazetteer import is_known_place
from crosscheck.text.venues import venue
from crosscheck.text.normalize import word_key
from crosscheck.text.speakers import NOT_AFTER_TITLE, OFFICE_WORDS, read_label

_SP = "[ \u00a0\u202f\t]"
_CAP = "A-ZÀ-ÖØ-ÞĀ-Ž"
# Bounded: an unbounded word made a 1 MB run of capitals or "Aa-Aa-..." quadratic.
_NAME_WORD = rf"[{_CAP}][\w’'.\-]{{0,40}}"
_CAPS_WORD = rf"[{_CAP}][{_CAP}’'.\-]{{0,30}}"
# "Sergueï Lavrov :", "Kim Jong-un :", "Q:", "Question :", "Sergey Lavrov:", and shouted labels of any
# length up to six words: "THE PRESIDENT:", "MR. PRICE:", "PRIME MINISTER KISHIDA:", "MODERATOR:",
# "LE PRÉSIDENT DE LA RÉPUBLIQUE :", with an interpreter's note before the colon ("John Kerry (as
# interpreted):"). A bare "Q" opening a line (White House style) is a turn too.
TURN_RE = re.compile(
    rf"^{_SP}*(?:(?P<speaker>(?:Question|Questions|Q|Réponse|R|Answer|A|Journaliste|Journalist|Modérateur|Moderator"
    rf"|{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{1,3}}"
    rf"|{_CAPS_WORD}(?:{_SP}+(?:{_CAPS_WORD}|de|la|du|des|of|the)){{0,5}}))"
    # an interpreter's note between the name and the colon: "John Kerry (tel que traduit par l'interprète):"
    rf"(?:{_SP}{{0,3}}\([^()\n]{{1,60}}\))?{_SP}*:(?:{_SP}+|$)"
    rf"|(?P<bare>Q|QUESTION)\.?{_SP}{{1,4}}(?=\S)"
    # French interview transcripts (vie-publique.fr): "Q - ..." / "R - ..." (the answer: the interviewee)
    rf"|(?P<answer>R|RÉPONSE|Réponse){_SP}*[-–—]{_SP}+(?=\S)"
    # The Daily Compilation of Presidential Documents: "The President. Yes.", "Prime Minister Kishida. ..."
    rf"|(?P<titled>(?:The{_SP}+)?(?:Vice{_SP}+|Prime{_SP}+|Deputy{_SP}+)?(?:President|Minister|Secretary|Chancellor"
    rf"|Governor|Ambassador|Moderator|Press{_SP}+Secretary)(?:{_SP}+{_NAME_WORD}){{0,2}})\.{_SP}+(?=\S))",
    re.MULTILINE,
)
# "1°/Title", "2) Title", "3. Title" at the start of a line
HEADING_RE = re.compile(rf"^{_SP}*\d{{1,3}}{_SP}*(?:°{_SP}*/?|[.)]{_SP}*/?){_SP}*(?P<title>\S.*)$", re.MULTILINE)
URL_LINE_RE = re.compile(r"^[ \t]*(?P<url>https?://\S+)[ \t]*$", re.MULTILINE)
SPEECH_WORDS = re.compile(
    r"^\W*(?:Discours|Allocution|Déclaration|Intervention|Remarques|Interview|Entretien|Speech|Remarks|"
    r"Statement|Address|Opening remarks|Press Conference|Conférence de presse|Point de presse)\b",
    re.IGNORECASE,
)
# Words that start capitalised sequences that are not people (institutions, documents).
NOT_NAME_WORDS = {
    "affaires", "ministre", "ministère", "président", "commission", "république", "conseil", "assemblée",
    "traité", "plan", "forum", "fédération", "discours", "allocution", "communiqué", "question",
    "minister", "president", "ministry", "council", "republic", "treaty", "le", "la", "les", "the",
}
NAME_PARTICLES = {"le", "la", "de", "du", "des", "von", "van", "der", "den", "di", "da", "dos", "el", "al", "bin"}
PERSON_SEQ_RE = re.compile(rf"{_NAME_WORD}(?:[ \u00a0\-]{_NAME_WORD})+")
PLACE_RE = re.compile(rf"\b(?:à|a|in|at)\s+(?P<place>[{_CAP}][\w’'\-]+(?:[ \-][{_CAP}][\w\-]+)?)")

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "st", "ste", "sr", "jr", "prof", "gen",
    "gén", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "no", "nos", "n°", "p", "pp", "cf", "env", "av",
    "apr", "vol", "etc", "ex", "fig", "art", "ch", "chap", "éd", "ed", "op", "cit", "ibid", "vs", "min",
    "mgr", "me", "mes", "hon", "rev", "inc", "ltd", "co", "corp", "jan", "feb", "fév", "aug", "sept", "oct",
    "nov", "dec", "déc", "e.g", "i.e", "u.s", "j.-c",
}
_SENT_END_RE = re.compile(r"(?:\.{3}|…|[.!?])+[»”\"’')\]\u00a0\u202f ]*(?=\s+[\"«“„‹(\[—–-]?\s*[\w«“])", re.UNICODE)
# Every Unicode space (a Source built by hand may hold \r, form feeds, U+2028...) and zero-width space.
_WS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b"
_NEXT_CHAR_RE = re.compile(f"[{_WS}]*(.)", re.DOTALL)
# After a quotation ending in ? or !, a name and a verb of saying continue the sentence.
_ATTRIBUTION_AFTER_RE = re.compile(
    rf"{_SP}{{1,3}}(?:{_NAME_WORD}{_SP}{{1,3}}){{1,3}}(?:said|says|asked|asks|told|added|replied|responded|answered|insisted|"
    r"a demandé|a déclaré|a répondu|a ajouté|a dit|demande|répond)\b")
_WORD_BEFORE_RE = re.compile(r"(?<![\w.\-°])([\w.\-°]+)$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries inside text[start:end], as absolute (start, end) pairs, stripped."""
    end = len(text) if end is None else end
    bounds: list[tuple[int, int]] = []
    s = start
    for m in _SENT_END_RE.finditer(text, start, end):
        punct_at = m.start()
        cut = m.end()
        # Look only near the boundary: slicing from the sentence start or to the paragraph end
        # made a 1 MB line of "M. M. M. ..." quadratic.
        nm = _NEXT_CHAR_RE.match(text, cut, end)
        nxt = nm.group(1) if nm else ""
        if text[punct_at] == "." and not text.startswith("...", punct_at):
            word = _WORD_BEFORE_RE.search(text[max(s, punct_at - 32):punct_at])
            w = word.group(1).lower() if word else ""
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue  # "M. Lavrov", "S. Lavrov", "Mr. Kim"
            if w.isdigit() and nxt[:1].isdigit():
                continue
        elif text[punct_at] in ".…" and nxt and nxt.islower():
            continue  # an ellipsis inside a sentence
        if nxt and nxt.islower():
            continue
        if text[punct_at] in "?!" and _ATTRIBUTION_AFTER_RE.match(text, cut, end):
            continue  # «"Will you go?" Biden asked.»: the attribution belongs to the quotation's sentence
        bounds.append((s, cut))
        s = cut
    bounds.append((s, end))
    out = []
    for a, b in bounds:
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-empty lines of text[start:end] (one paragraph per line, as in web copy)."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        a, b = pos, stop
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if a < b:
            out.append((a, b))
        pos = stop + 1
    return out


# A speech's heading is among a release's first paragraphs, after page furniture ("Fait partie du
# dossier : ...", "(Ré)écoutez la déclaration du Président :", "Télécharger le .pdf").
HEADING_PARAGRAPHS = 8


def _speech_speaker(text: str, start: int, end: int) -> str | None:
    """A release without speaker labels whose heading says it is a speech ("DÉCLARATION DU PRÉSIDENT
    DE LA RÉPUBLIQUE ...", "Remarks by the Secretary"): the speaker is the person the heading names,
    or the one the release's opening names with the heading's title ("le Président Emmanuel Macron")."""
    for ps, pe in paragraphs(text, start, end)[:HEADING_PARAGRAPHS]:
        line = text[ps:pe]
        if not SPEECH_WORDS.search(line):
            continue
        person = heading_person(line)
        if person and not person.isupper():
            return person
        offices = [w for w in re.findall(r"[\w\-]+", line) if word_key(w) in OFFICE_WORDS
                   and word_key(w) not in ("of", "the", "de", "la", "du", "des", "l", "le", "les")]
        for office in offices[:2]:
            name = titled_person(office, text[start:min(end, start + 3000)])
            if name:
                return name
    return None


def heading_person(title: str) -> str | None:
    for m in PERSON_SEQ_RE.finditer(title):
        words = re.split(r"[ \u00a0\-]", m.group())
        # particles inside a name ("Jean-Yves Le Drian") are neither heading words nor non-name words
        kept = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or w.lower() not in NAME_PARTICLES]
        name = re.sub(r"^(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr)\.?[ \u00a0]+", "", m.group().rstrip(".,"))
        if any(word_key(w) in NOT_AFTER_TITLE or w.lower() in NOT_NAME_WORDS for w in kept) \
                or venue(name) is not None or is_known_place(name):
            continue  # "China Before Bilateral Meeting", "South Lawn", "Etats-Unis": the heading's words, where
        return name
    return None


def _releases(source: Source) -> list[tuple[int, int, str]]:
    """(start, end, heading) of each release in a reference file."""
    text = source.text
    heads = list(HEADING_RE.finditer(text))
    if heads:
        keys = [re.sub(r"\W+", " ", h.group("title")).strip().lower() for h in heads]
        # A heading repeated later is a table-of-contents entry: the release starts at its repeat.
        starts = [h for i, h in enumerate(heads) if keys[i] not in keys[i + 1:]]
        if starts:
            out = []
            for i, h in enumerate(starts):
                stop = starts[i + 1].start() if i + 1 < len(starts) else len(text)
                out.append((h.start(), stop, h.group("title").strip()))
            return out
    urls = list(URL_LINE_RE.finditer(text))
    if len(urls) > 1:
        out, s = [], 0
        for u in urls:
            first = paragraphs(text, s, u.end())
            title = text[first[0][0]:first[0][1]] if first else ""
            out.append((s, u.end(), title))
            s = u.end()
        if paragraphs(text, s):
            first = paragraphs(text, s)
            out.append((s, len(text), text[first[0][0]:first[0][1]]))
        return out
    first = paragraphs(text)
    return [(0, len(text), text[first[0][0]:first[0][1]] if first else "")]


def segment_reference(source: Source) -> SegmentedSource:
    text = source.text
    releases: list[Release] = []
    turns: list[Turn] = []
    sentences: list[Segment] = []
    para_no = 0
    for ri, (rs, re_, title) in enumerate(_releases(source)):
        url_m = list(URL_LINE_RE.finditer(text, rs, re_))
        head_block = text[rs:min(re_, rs + 1500)]
        dates = find_dates(head_block)
        place_m = next((p for p in PLACE_RE.finditer(head_block) if is_known_place(p.group("place"))), None)
        default_speaker = heading_person(title) if SPEECH_WORDS.search(title) else None
        if default_speaker is None and not TURN_RE.search(text, rs, re_):
            default_speaker = _speech_speaker(text, rs, re_)
        releases.append(Release(
            source=source.id, index=ri, start=rs, end=re_, title=title,
            url=url_m[-1].group("url") if url_m else None,
            # What the manifest says wins over what is parsed from the release's heading.
            date=source.published or (dates[0].resolve(source.published) if dates else None),
            place=source.place or (place_m.group("place") if place_m else None),
            default_speaker=default_speaker,
        ))
        marks = list(TURN_RE.finditer(text, rs, re_))
        for i, mark in enumerate(marks):
            stop = marks[i + 1].start() if i + 1 < len(marks) else re_
            turns.append(Turn(source.id, ri, mark.start(), stop, _speaker_name(mark, text, rs, re_, f"{title}\n{source.title or ''}")))
        release_turns = [t for t in turns if t.release == ri]
        ti = -1  # the turn holding the current paragraph (paragraphs and turns are both in order)
        for pn, (ps, pe) in enumerate(paragraphs(text, rs, re_)):
            para_no += 1
            while ti + 1 < len(release_turns) and release_turns[ti + 1].start <= ps:
                ti += 1
            in_turn = ti >= 0 and ps < release_turns[ti].end
            speaker = release_turns[ti].speaker if in_turn else default_speaker
            body_start = ps
            # Match from the line's start: TURN_RE allows indentation before the label.
            m = TURN_RE.match(text, text.rfind("\n", 0, ps) + 1)
            if m and ps <= m.end() <= pe:
                body_start = m.end()
            else:
                m = None
            if URL_LINE_RE.fullmatch(text, ps, pe):
                continue
            if (pn == 0 and m is None) or HEADING_RE.match(text, ps):
                speaker = None  # the release's heading is the ministry's, not a speaker's
            for ss, se in split_sentences(text, body_start, pe):
                sentences.append(Segment(source.id, ss, se, text[ss:se], ri, para_no, speaker))
    return SegmentedSource(source, releases, turns, sentences)


def segment_press(source: Source) -> SegmentedSource:
    text = source.text
    sentences = []
    for pi, (ps, pe) in enumerate(paragraphs(text), 1):
        for ss, se in split_sentences(text, ps, pe):
            sentences.append(Segment(source.id, ss, se, text[ss:se], 0, pi, None))
    return SegmentedSource(source, [], [], sentences)


def segment(source: Source) -> SegmentedSource:
    return segment_reference(source) if source.role == "reference" else segment_press(source)


ANSWER_LABELS = frozenset({"r", "reponse", "answer", "a"})


def _speaker_name(m: re.Match, text: str, start: int, end: int, title: str) -> str:
    """Who a label names, as the report shows it: "Question" for any reporter's label, "Secretary
    Blinken" for "SECRETARY BLINKEN", and for a title alone ("THE PRESIDENT") the person the release
    names with that title ("Remarks by President Biden ..."), else the title."""
    if m.group("answer") or (m.group("speaker") and word_key(m.group("speaker")) in ANSWER_LABELS):
        # "R - ...", "Réponse :": the person the release is an interview of, when its heading says who
        return _speech_speaker(text, start, end) or heading_person(title.splitlines()[0] if title else "") or "Réponse"
    sp = read_label(m.group("speaker") or m.group("bare") or m.group("titled"))
    if sp.role == "person" and sp.title and not sp.name:
        named = [heading_person(line) for line in title.splitlines() if line.strip()]
        name = (titled_person(sp.title, title) or next((n for n in named if n and not n.isupper()), None)
                or titled_person(sp.title, text[start:min(end, start + 5000)]))
        if name:
            return f"{sp.title} {name}"
    return sp.display


def titled_person(title: str, text: str) -> str | None:
    """The name written after ``title`` in ``text`` ("Remarks by President Biden Before ..." -> "Biden")."""
    for found in re.finditer(rf"\b(?i:{re.escape(title)}){_SP}+(?P<name>{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,2}})",
                             text):
        words = []
        for w in re.split(f"{_SP}+", found.group("name")):
            if w.isupper() or word_key(w) in NOT_AFTER_TITLE or word_key(w) in NOT_NAME_WORDS:
                break
            words.append(w.rstrip(".,;:"))
        if words:
            return " ".join(words)
    return None


def is_journalist(speaker: str | None) -> bool:
    if not speaker:
        return False
    return read_label(speaker).role == "journalist"
