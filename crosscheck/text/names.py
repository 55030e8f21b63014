"""People's names: a romanisation-aware key, so that spellings of one person compare equal.

The key folds what differs between transliterations (Russian through French or English,
Korean McCune–Reischauer vs Revised Romanization) into one consonant skeleton:
``Sergueï``/``Sergey``/``Sergei`` -> ``srg``; ``Choe``/``Choi`` -> ``ch``;
``Son``/``Sung``/``Song`` -> ``sn``; ``Hui``/``Hee`` -> ``h``; ``Choïgou``/``Shoigu`` -> ``chg``.
Vowels carry most of the variation between systems, so only a word's first letter keeps one.

[size] Over 450 lines: the romanisation key, name extraction and resolution against the record's
people (PersonIndex) share the key functions and the word tables; the resolution half (from
"the record's people") can become its own module once the fact-accuracy work on it has landed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crosscheck.text.normalize import word_key
from crosscheck.text.venues import venue
from crosscheck.text.gazetteer import is_known_place, is_region
from crosscheck.text.speakers import HONORIFICS, OFFICE_WORDS

TITLES = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "prof", "monsieur", "madame", "sir",
    "president", "président", "ministre", "minister",
}
_REWRITES = [
    (r"tch", "ch"), (r"sch", "ch"), (r"sh", "ch"), (r"zh", "j"), (r"dj", "j"), (r"dzh", "j"), (r"kh", "h"),
    (r"ph", "f"), (r"ck", "k"), (r"q", "k"), (r"x", "ks"), (r"w", "v"), (r"gu(?=[eiy])", "g"),
    (r"c(?=[eiy])", "s"), (r"c(?!h)", "k"), (r"ng\b", "n"), (r"ff\b", "v"), (r"f\b", "v"), (r"tz", "ts"),
    (r"rh", "r"), (r"th", "t"), (r"ts", "ts"), (r"dh", "d"), (r"bh", "b"),
]
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=50_000)
def token_skeleton(word: str) -> str:
    """Romanisation-normalised key of one name word."""
    w = re.sub(r"[^a-z]", "", word_key(word))
    if not w:
        return ""
    w = re.sub(r"([^aeiouy])\1+", r"\1", w)  # a doubled consonant is a typing slip ("Jungg", "Lavrovv")
    for pat, rep in _REWRITES:
        w = re.sub(pat, rep, w)
    if w.startswith("j"):
        w = "ch" + w[1:]  # McCune-Reischauer "Cho", "Chung" and Revised "Jo", "Jung" are one name
    head = "a" if w[0] in "aeiouy" else ""
    body = _VOWELS.sub("", w)
    body = re.sub(r"(.)\1+", r"\1", body)
    return head + body


def name_words(name: str) -> list[str]:
    """The words of a name, without titles and initials: 'M. Lavrov' -> ['Lavrov']."""
    words = [w for w in re.split(r"[\s\u00a0\-‐]+", name.strip()) if w]
    while len(words) > 1 and word_key(words[0].rstrip(".")) in (HONORIFICS | OFFICE_WORDS):
        words.pop(0)  # "Secretary Blinken", "Prime Minister Kishida", "H.E. Scholz"
    out = []
    for w in words:
        bare = w.rstrip(".")
        if word_key(bare) in TITLES or (len(bare) == 1 and bare.isalpha()):
            continue
        out.append(bare)
    return out


def person_words(name: str) -> tuple[str, ...]:
    """A name's words as written (hyphenated given names kept whole), leading titles left out:
    "Secretary Blinken" -> ("Blinken",); "Kim Jong-un" -> ("Kim", "Jong-un")."""
    words = [w.strip(",;:") for w in name.split()]
    while words and word_key(words[0].rstrip(".")) in (HONORIFICS | OFFICE_WORDS | TITLES):
        words.pop(0)
    return tuple(w for w in words if w and not (len(w.rstrip(".")) == 1 and w[:1].isalpha()))


def name_skeleton(name: str) -> tuple[str, ...]:
    return tuple(s for s in (token_skeleton(w) for w in name_words(name)) if s)


def typographic_key(name: str) -> str:
    """Equal for spellings that differ only in typing: hyphen/space, case, diacritics."""
    return "".join(word_key(w) for w in name_words(name))


def same_person(a: str, b: str) -> bool:
    """Whether two name forms can denote the same person: full skeletons equal, or one form is a
    single word equal to the other's family name (first or last word)."""
    ka, kb = name_skeleton(a), name_skeleton(b)
    if not ka or not kb:
        return False
    if "".join(ka) == "".join(kb):
        return True
    if len(ka) == 1 or len(kb) == 1:
        short, full = (ka, kb) if len(ka) == 1 else (kb, ka)
        if short[0] in (full[0], full[-1]):
            return True
    # a typo in the family name ("Joe Bidem" for "President Biden") is the same person: the name check
    # reports the misspelling; the speaker check must not call it someone else
    wa, wb = name_words(a), name_words(b)
    return bool(wa and wb) and _skeleton_close((token_skeleton(wa[-1]),), (token_skeleton(wb[-1]),), [wa[-1]], [wb[-1]])


# ---- extraction -------------------------------------------------------------------------------
# A name word: a capitalised word, possibly hyphenated ("Jong-un", "Sung-Hee", "Kim-Lavrov").
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LETTER = r"[^\W\d_]"
# [scale] The capital comes first and the "not inside a word" check after it (a lookbehind over
# the character before it): a pattern opening with a character class is scanned for twice as fast.
NAME_WORD_RE = re.compile(rf"[{_UP}](?<![\w’'\-].){_LETTER}*(?:[\-‐]{_LETTER}+)*(?![\w\-])")
_GAP_RE = re.compile(r"[ \u00a0\u202f]")
# A middle initial between two name words: "Antony J. Blinken", "George W. Bush".
_INITIAL_GAP_RE = re.compile(rf"[ \u00a0\u202f][{_UP}]\.[ \u00a0\u202f]")
# "M. Lavrov", "Mr Kim", "Mme Choe", "S. Lavrov", "Dr. X"
TITLE_RE = re.compile(  # every title opens with a capital: the lookahead lets the scan skip the rest
    rf"(?=[{_UP}])(?<![\w.])(?P<title>M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|Prof\.?|Me\.?|Monsieur|Madame"
    rf"|Sir|Lord|H\.\s?E\.|(?P<initial>[{_UP}])\.)[ \u00a0\u202f]+(?=[{_UP}])"
)
# Clerical titles, in lower case in French running text ("le père Hamel", "l'abbé Pierre").
CLERIC_RE = re.compile(
    rf"(?<![\w.])(?P<title>[pP]ère|[aA]bbé|[fF]rère|[sS]œur|[sS]oeur|Mgr|Monseigneur|Father|Rev\.?|Reverend|Rabbi|Imam"
    rf"|Pastor)[ \u00a0\u202f]+(?=[{_UP}])"
)
# Sentence-initial function words: they start a capitalised run but are never its first name word.
FUNCTION_WORDS = frozenset(word_key(w) for w in """
le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos
il elle ils elles on nous vous je tu selon pour par dans sur sous avec sans chez entre depuis après avant
lors pendant et ou mais donc or ni car si quand comme alors ainsi aussi toujours peu déjà enfin puis
concernant évoquant toutefois cependant néanmoins pourtant lorsque puisque bien tout tous toute toutes
même quelle quel quelles quels qui que quoi dont où pas ici voici voilà oui non aujourd hier demain
the a an this that these those his her their our your its he she they we it i of in on at by for with from to
what who whom whose why how where which there here yes no well so now
""".split())
# English prepositions capitalised in title-cased headings; never a word of a name.
TITLE_CASE_STOPS = frozenset("at in on before after with for from to of by during upon about following and prior ahead"
                             .split())
# Capitalised words that are never part of a person's name, wherever they sit:
# institutions, geography, calendar words.
NON_NAME_WORDS = frozenset(word_key(w) for w in """
and or but as after before during since when while if then also yet still according however meanwhile
affaires ministère ministre ministres président présidente commission république conseil assemblée
traité plan forum fédération discours allocution communiqué question questions réponse réponses
gouvernement etat état etats états unis unies nations organisation agence agences parti armée armées
union uni unie kremlin maison blanche parlement sénat cour tribunal banque fonds comité bureau
institut université académie église ministry minister president council republic treaty federation
government state states united nations organization organisation agency party army union house white
parliament senate court bank fund committee office institute university academy church
nord sud est ouest north south east west corée korea russie russia chine china japon japan asie asia
europe afrique africa amérique america pacifique pacific atlantique atlantic océan ocean mer sea golfe gulf
côte coast mont mount lac lake région region province district péninsule peninsula orient extrême
ukraine iran israël israel france allemagne germany inde india brésil brazil malaisie malaysia
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre
january february march april may june july august september october november december
lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
guerre war jour day victoire victory place square station grand grande seconde second première premier
mondiale world général générale global international internationale nouvelle nouveau new
post times journal news herald gazette tribune telegraph press presse radio télévision daily weekly review
magazine courrier observateur novosti wire
democratic démocratique people peuple peoples popular populaire socialist socialiste islamic islamique
kingdom royaume empire emirates émirats arab arabe
""".split())
# Role nouns: a capitalised sequence right after one of these is a person ("le ministre … Sergueï Lavrov").
ROLE_WORDS = frozenset(word_key(w) for w in """
président présidente ministre dirigeant dirigeante chef cheffe secrétaire homologue porte-parole ambassadeur
ambassadrice vice-ministre vice-président vice-présidente directeur directrice général générale amiral
colonel commandant député députée sénateur sénatrice maire gouverneur gouverneure roi reine prince princesse
pape patriarche journaliste correspondant correspondante analyste expert experte chercheur chercheuse
professeur professeure conseiller conseillère émissaire envoyé envoyée représentant représentante leader
camarade dictateur premier chancelier chancelière monsieur madame sœur soeur frère fille fils épouse
president minister leader chief secretary counterpart spokesman spokeswoman spokesperson ambassador director
general admiral governor mayor senator king queen envoy adviser advisor chairman chairwoman premier analyst
professor head chancellor deputy foreign sister brother daughter son wife comrade
""".split())
# Offices written capitalised in front of a name ("Foreign Minister Sergei Lavrov", "Chairman Kim").
# Not family words: "Son" is also a Korean given-name syllable.
OFFICES = frozenset(word_key(w) for w in """
minister ministre president président présidente chairman chairwoman secretary secrétaire leader
dirigeant chief chef spokesman spokeswoman spokesperson ambassador ambassadeur envoy chancellor chancelier
governor gouverneur mayor maire senator sénateur admiral amiral commander commandant
""".split())
# What an office is of: "Minister of Culture Olga Lyubimova", "Secretary of Homeland Security
# Alejandro Mayorkas", "la ministre de la Culture …": these words before a name are the office's.
PORTFOLIO_WORDS = frozenset(word_key(w) for w in """
foreign affairs state defense defence homeland security interior home justice finance finances treasury
economy economic economics trade commerce industry culture health education labor labour employment
agriculture energy environment transport transportation housing veterans science technology digital
sport sports youth emergency situations development international cooperation national public works
external relations european europe war armed forces armées intérieur santé économie éducation travail
écologie transports affaires étrangères défense europe outre-mer
""".split())
# (each alternative starts at a word's start and reads at most 20 letters: linear scans)
_OFFICE_OF_RE = re.compile(r"(?<![^\W\d_])(?P<office>[^\W\d_]{2,20})[ \u00a0]{1,3}(?:of|for|de|du|des|d['’])"
                           r"(?:[ \u00a0]{1,3}(?:the|la)[ \u00a0]{1,3}|[ \u00a0]{1,3}|(?<=['’]))$"
                           r"|(?<![^\W\d_])(?P<office2>[^\W\d_]{2,20})[ \u00a0]{1,3}de[ \u00a0]{1,3}l['’]$", re.IGNORECASE)
# A verb of saying or meeting right after a capitalised sequence marks it as a person.
# Hardening: spaces bounded ({0,3}): three unbounded runs around optional words backtracked
# cubically on a long run of spaces after a name.
SPEECH_AFTER_RE = re.compile(
    r"[ \u00a0]{0,3}(?:,[^,]{0,60},[ \u00a0]{0,3})?(?:a|avait|aurait|had|has|have)?[ \u00a0]{0,3}(?:également|aussi|encore|ensuite|alors|déjà|"
    r"notamment|lui-même|elle-même|also|then)?[ \u00a0]{0,3}(?:déclar|affirm|soulign|ajout|estim|indiqu|expliqu|confirm|assur|"
    r"répond|précis|rappel|averti|martel|insist|annonc|reconn|promis|qualifi|dénonc|conclu|déplor|salu|écrit|"
    r"exprim|décrit|dit\b|rencontr|reçu|reçoit|accueilli|s['’]est entretenu|said|says|told|added|stated|declared|"
    r"noted|warned|stressed|insisted|explained|claimed|affirmed|confirmed|replied|wrote|announced|met|meets|"
    r"received|hosted)",
    re.IGNORECASE,
)
_ROLE_WINDOW = 12  # words between a role noun and the name it introduces
_ROLE_STOP_RE = re.compile(r"[.;:!?()«»“”\"]")


@dataclass(frozen=True)
class NameMention:
    """A person's name as written in a source: ``text`` is exactly ``source.text[start:end]``.

    ``words`` are the name's own words (title and initial left out) and ``title`` the title or
    initial in front, if any: "M. Lavrov" -> words ("Lavrov",), title "M.".
    """

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    title: str | None = None
    initial: str | None = None
    cue: str | None = None  # why this is a person: "title", "role", "speaker", "verb", "given-name"

    @property
    def full(self) -> bool:
        return len(self.words) >= 2

    @property
    def name(self) -> str:
        """The name without the title: "M. Lavrov" -> "Lavrov"; keeps hyphens as written."""
        return " ".join(self.words)


_HYPHENS_RE = re.compile(r"[\-‐]")


def _split_word_parts(word: str) -> list[str]:
    if "-" not in word and "‐" not in word:
        return [word] if word else []
    return [p for p in _HYPHENS_RE.split(word) if p]


def _is_name_word(word: str, first: bool = False) -> bool:
    """Whether a capitalised word can belong to a name; ``first``: it would open the name."""
    parts = _split_word_parts(word)
    if not parts or word_key(parts[0]) in NON_NAME_WORDS:
        return False
    if word_key(parts[0]) in FUNCTION_WORDS and first:
        return False  # "Selon ...", "The ..."
    if len(parts) == 1 and word_key(word) in TITLE_CASE_STOPS:
        return False  # "Blinken At a Press Availability": in a title-cased heading a preposition ends a name
    if first and word_key(word) in ROLE_WORDS:
        return False
    if word.isupper() and len(word) > 1:  # KCNA, TASS, RUSSIAN: acronyms and shouting, not names
        return False
    return True


def looks_like_given_name(word: str) -> bool:
    """Korean-style hyphenated given names: "Jong-un", "Son-hui", "Jae-myung" (lowercase second part)."""
    parts = _split_word_parts(word)
    return len(parts) == 2 and parts[0][:1].isupper() and parts[1][:1].islower() and all(len(p) <= 5 for p in parts)


def capitalised_runs(text: str, start: int = 0, end: int | None = None) -> list[list[re.Match]]:
    """Runs of capitalised words separated by single spaces only (no punctuation between)."""
    end = len(text) if end is None else end
    runs: list[list[re.Match]] = []
    for m in NAME_WORD_RE.finditer(text, start, end):
        if m.end() - m.start() == 1 and text.startswith(".", m.end()):
            continue  # an initial: "S. Lavrov" is read by TITLE_RE, "Antony J. Blinken" by the gap below
        if runs and (_GAP_RE.fullmatch(text, runs[-1][-1].end(), m.start())
                     or _INITIAL_GAP_RE.fullmatch(text, runs[-1][-1].end(), m.start())):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _role_before(text: str, pos: int, floor: int) -> bool:
    """A role noun among the few words before ``pos`` in the same clause."""
    window = text[max(floor, pos - 160):pos]
    stop = max((m.end() for m in _ROLE_STOP_RE.finditer(window)), default=0)
    words = re.findall(r"[\w\-’']+", window[stop:])[-_ROLE_WINDOW:]
    return any(word_key(w) in ROLE_WORDS for w in words)


def find_names(text: str, start: int = 0, end: int | None = None,
               known: PersonIndex | None = None, record: bool = False) -> list[NameMention]:
    """Person names in text[start:end].

    A multi-word capitalised sequence is a person when something says so: a title or initial
    in front, a role noun shortly before ("le ministre … Sergueï Lavrov"), a Korean-style
    hyphenated given name, a verb of saying or meeting right after, or a spelling that resolves
    to a person ``known`` (the record's people). A single word is a person only after a title
    ("M. Kim") or when it is a family name of a known person ("Lavrov a déclaré").
    """
    end = len(text) if end is None else end
    out: list[NameMention] = []
    titles = {m.end(): m for rx in (TITLE_RE, CLERIC_RE) for m in rx.finditer(text, max(0, start - 12), end)}
    for run in capitalised_runs(text, start, end):
        # drop leading words that cannot be names ("Selon", "Le", "Président")
        i = 0
        lead_title = None
        shouted = len(run) == 1 and run[0].group().isupper() and len(run[0].group()) >= 3 and run[0].start() in titles
        while i < len(run) and not shouted and not _is_name_word(run[i].group(), first=True):
            i += 1
        while i < len(run) - 1 and word_key(run[i].group()) in TITLES:
            lead_title = run[i]  # "Ms Kowalczyk", "Mr Park": a title without its period
            i += 1
        # "Russian Foreign Minister Sergei Lavrov": the name starts after the last office word
        # (the office may be among the leading words dropped above: "Foreign Minister Wong", "Secretary Austin")
        for r in range(len(run) - 2, -1, -1):
            if word_key(run[r].group()) in OFFICES and r + 1 >= i:
                office, i = run[r], r + 1
                break
        else:
            office = None
        portfolio_of = None
        if office is None and (before := _OFFICE_OF_RE.search(text, max(0, run[0].start() - 30), run[0].start())):
            # "Minister of Culture Olga Lyubimova": the run opens on the office's portfolio
            portfolio_of = before.group("office") or before.group("office2")
            k = i
            while k < len(run) and word_key(run[k].group()) in PORTFOLIO_WORDS:
                k += 1
            if word_key(portfolio_of) in OFFICES and k == len(run):
                continue  # "the Minister of Culture, Olga Lyubimova": the portfolio alone
            if word_key(portfolio_of) in OFFICES and k > i and len(run) - k >= 2:
                i = k  # a full name after the portfolio
            else:
                portfolio_of = None  # "a spokesman for the National Security Council", "président de la Conférence"
        j = i
        while j < len(run) and (shouted or _is_name_word(run[j].group())):
            j += 1  # ("le père HAMEL": a surname in capitals after a title is a name, as French records write it)
        # a run may hold a non-name word in the middle ("Kim Jong-un Corée"): keep the first part
        words = run[i:j]
        if not words:
            continue
        if len(words) > 4:
            continue  # headline case or a title, not a name
        s, e = words[0].start(), words[-1].end()
        title_m = titles.get(s)
        title = initial = None
        ms = s
        if office is not None or portfolio_of is not None:
            title = office.group() if office is not None else portfolio_of  # a person by office: the mention is the name alone
        elif lead_title is not None:
            ms, title = lead_title.start(), lead_title.group()
        elif title_m is not None and i == 0:
            ms = title_m.start()
            if title_m.groupdict().get("initial"):
                initial = title_m.group("initial")
            else:
                title = title_m.group("title")
        elif i > 0 and word_key(run[i - 1].group()) in ("monsieur", "madame", "président", "présidente", "president"):
            title = run[i - 1].group()
        wtexts = tuple(w.group() for w in words)
        if record and len(wtexts) == 3 and re.search(r"(?:ans|ese|ais|aises|iens|iennes)$", wtexts[0]) \
                and office is None and title_m is None and lead_title is None:
            words, wtexts = words[1:], wtexts[1:]  # "Americans Paul Whelan": a plural demonym in front
            s = ms = words[0].start()
        if known is not None and len(wtexts) >= 2:
            # "Kim Jong un", "Choe Son hui": a given name's last syllable typed in lower case
            tail = re.match(r"[ \u00a0](\w{1,5})\b", text[e:min(end, e + 8)])
            if tail and tail.group(1).islower() and known.resolve_full(wtexts) is None \
                    and known.resolve_full(wtexts + (tail.group(1),)) is not None:
                wtexts += (tail.group(1),)
                e += tail.end()
        mention = NameMention(ms, e, text[ms:e], wtexts, title, initial)
        cue = _person_cue(text, mention, start, known)
        if cue is None and record and len(wtexts) in (2, 3) and not any(
                word_key(w) in (OFFICE_WORDS | HONORIFICS) for w in wtexts) and not is_known_place(" ".join(wtexts)) \
                and not any(is_region(w) for w in wtexts) and not re.search(r"ern$", wtexts[0]):
            # (never a country or state word, nor "Northeastern ...": "Northeastern Jordan" is no one)
            # An official record's own two- or three-word names ("Americans Paul Whelan and Brittney
            # Griner") are its people even without a cue: an article can only be compared to them.
            cue = "record"
        if cue is not None and cue != "title" and venue(" ".join(wtexts)) is not None:
            cue = None  # "Downing Street", "Camp David", "Blair House": a venue, not a person
        if cue in ("role", "record") and _ends_place_name(text, ms, wtexts):
            cue = None  # "President Biden ... for West Palm Beach": the end of a town's name
        if cue is None:
            # "Kim-Lavrov": two known family names joined by a hyphen
            if len(words) == 1 and known is not None:
                out.extend(_compound_parts(text, words[0], known))
            continue
        out.append(NameMention(ms, e, text[ms:e], wtexts, title, initial, cue))
    return out


def _compound_parts(text: str, word: re.Match, known: PersonIndex) -> list[NameMention]:
    parts = _split_word_parts(word.group())
    if len(parts) < 2 or not all(known.family_exact(p) for p in parts):
        return []
    out, pos = [], word.start()
    for p in parts:
        a = text.index(p, pos, word.end())
        out.append(NameMention(a, a + len(p), p, (p,), cue="known"))
        pos = a + len(p)
    return out


def _person_cue(text: str, m: NameMention, floor: int, known: PersonIndex | None) -> str | None:
    if m.title or m.initial:
        return "title"
    if len(m.words) >= 2:
        if known is not None and known.resolve_full(m.words) is not None:
            return "known"
        if any(looks_like_given_name(w) for w in m.words[1:]):
            return "given-name"
        if _role_before(text, m.start, floor):
            return "role"
        if SPEECH_AFTER_RE.match(text, m.end):
            return "verb"
        return None
    if known is not None and known.family_exact(m.words[0]):
        return "known"
    if known is not None and (SPEECH_AFTER_RE.match(text, m.end) or _ADDRESSED_RE.search(text, max(floor, m.start - 30), m.start)
                              or _POSSESSIVE_AFTER_RE.match(text, m.end)) \
            and len(word_key(m.words[0])) >= 4 and known.resolve_single(m.words[0], None, True) is not None:
        return "verb"  # "Blinkin said", "a reporter asked Bidan", "under Mody's watch", "the Modhi government":
        # a lone surname a letter off a record person's
    return None


# ... or before what a leader heads ("the Modhi government", "the Bidan administration")
_POSSESSIVE_AFTER_RE = re.compile(r"['’]s\b|[ \u00a0](?:government|administration|cabinet|campaign|team)\b")
# a verb whose object is a person, right before a lone name ("a reporter asked Bidan")
_ADDRESSED_RE = re.compile(r"\b(?:asked|told|met|thanked|urged|pressed|questioned|greeted|congratulated|joined|"
                           r"a demandé à|a interrogé|a rencontré|a remercié|a reçu)\s+$", re.IGNORECASE)


# ---- the record's people and resolution ---------------------------------------------------------
def family_words(words: tuple[str, ...] | list[str]) -> set[str]:
    """Words of a full name that can stand alone for the person ("M. Kim", "Lavrov").

    The last word always; the first too when the rest looks like an East Asian given name
    (hyphenated, or short syllables): "Kim Jong-un" -> {"Kim", "Jong-un"}; "Sergueï Lavrov" -> {"Lavrov"}.
    """
    words = list(words)
    out = {words[-1]}
    rest = words[1:]
    if len(words) >= 2 and (
        any(looks_like_given_name(w) or "-" in w for w in rest)
        or (len(rest) >= 2 and all(len(w) <= 4 for w in rest))
        or len(words[0]) <= 3
    ):
        out.add(words[0])
    if len(words) >= 2 and out != {words[-1]}:
        # Korean order: the given name is never used alone as a family name
        out.discard(words[-1]) if looks_like_given_name(words[-1]) else None
    return out


def word_skeletons(words) -> tuple[str, ...]:
    return _word_skeletons(tuple(words))


def word_letters(words) -> str:
    return _word_letters(tuple(words))


@lru_cache(maxsize=50_000)
def _word_skeletons(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for s in (token_skeleton(p) for w in words for p in _split_word_parts(w)) if s)


@lru_cache(maxsize=50_000)
def _word_letters(words: tuple[str, ...]) -> str:
    return "".join(word_key(p) for w in words for p in _split_word_parts(w))


@lru_cache(maxsize=50_000)
def _family_letters(full: str) -> frozenset[str]:
    return frozenset(word_letters([w]) for w in family_words(full.split()))


@dataclass
class Person:
    """One person the record names: every spelling the record uses, the most frequent first."""

    canonical: str
    forms: dict[str, int] = field(default_factory=dict)  # full spellings in the record -> count
    loose: bool = False  # named by the record with no cue (no title, role or verb): a candidate only

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.canonical.split())


@dataclass(frozen=True)
class Resolution:
    person: Person
    verdict: str  # match | variant | misspelling
    expected: str  # the record's spelling of the part the mention gives


class PersonIndex:
    """The record's people, resolvable from a full name, a family name, or a titled surname."""

    def __init__(self, people: list[Person] | None = None):
        self.people: list[Person] = list(people or [])
        # [scale] answers already given (every article asks about the same few names); add() clears it
        self._memo: dict[tuple, Any] = {}

    def _memoised(self, fn, *args):
        key = (fn.__name__, *args)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = fn(self, *args)
            return value

    def add(self, words: tuple[str, ...], loose: bool = False) -> Person:
        self._memo.clear()
        spelled = " ".join(words)
        for p in self.people:
            for f in p.forms:
                if _full_equal(tuple(f.split()), words, fuzzy=False) is not None:
                    p.forms[spelled] = p.forms.get(spelled, 0) + 1
                    p.canonical = max(p.forms, key=lambda k: (p.forms[k], -len(k)))
                    p.loose = p.loose and loose
                    return p
        person = Person(spelled, {spelled: 1}, loose)
        self.people.append(person)
        return person

    def family_exact(self, word: str) -> Person | None:
        """The person whose family name is ``word`` up to typography; None if none or ambiguous."""
        return self._memoised(PersonIndex._family_exact, word)

    def _family_exact(self, word: str) -> Person | None:
        key = word_letters([word])
        found = {id(p): p for p in self.people for f in p.forms if key in _family_letters(f)}
        return next(iter(found.values())) if len(found) == 1 else None

    def resolve_full(self, words: tuple[str, ...]) -> Resolution | None:
        return self._memoised(PersonIndex._resolve_full, tuple(words))

    def _resolve_full(self, words: tuple[str, ...]) -> Resolution | None:
        found = self._resolve_full_forms(words)
        if found is None and len(words) >= 2:
            # a person the record names by title and surname only ("PRESIDENT BIDEN"): an article's
            # "Joe Biden" is them when the surname is theirs; the given name cannot be checked
            for fam in {words[-1], words[0]}:
                r = self._resolve_surname_only(fam)
                if r is not None:
                    return r
        return found

    def _resolve_surname_only(self, word: str) -> Resolution | None:
        only = [p for p in self.people if all(len(f.split()) == 1 for f in p.forms)]
        letters, skel = word_letters([word]), word_skeletons([word])
        if any(letters in _family_letters(f) for p in self.people for f in p.forms if len(f.split()) > 1):
            return None  # the surname of someone the record names in full: not a title-only person
        exact = [p for p in only if any(word_letters([f]) == letters for f in p.forms)]
        if len(exact) == 1:
            f = next(f for f in exact[0].forms if word_letters([f]) == letters)
            return Resolution(exact[0], "match" if f == word else "variant", f)
        close = [p for p in only for f in p.forms if _skeleton_close(word_skeletons([f]), skel, [f], [word])]
        if not exact and len(close) == 1:
            return Resolution(close[0], "misspelling", close[0].canonical)
        return None

    def _resolve_full_forms(self, words: tuple[str, ...]) -> Resolution | None:
        best = None
        for p in self.people:
            for f in sorted(p.forms, key=lambda k: -p.forms[k]):
                v = _full_equal(tuple(f.split()), words, fuzzy=True)
                if v is not None:
                    rank = ("match", "variant", "misspelling").index(v)
                    cand = (rank, Resolution(p, v, p.canonical if v == "misspelling" else f))
                    if best is None or cand[0] < best[0]:
                        best = cand
        return best[1] if best else None

    def resolve_single(self, word: str, initial: str | None, titled: bool,
                       prefer: frozenset[int] = frozenset()) -> Resolution | None:
        """A lone family name ("Lavrov", "M. Kim", "S. Lavrov"). Letters that differ are a
        misspelling only when a title or initial says this is a person and one person fits."""
        return self._memoised(PersonIndex._resolve_single, word, initial, titled, frozenset(prefer))

    def _resolve_single(self, word: str, initial: str | None, titled: bool,
                        prefer: frozenset[int] = frozenset()) -> Resolution | None:
        letters, skel = word_letters([word]), word_skeletons([word])
        exact, close = {}, {}
        for p in self.people:
            for f in p.forms:
                fw = f.split()
                if initial and not _initial_fits(initial, fw):
                    continue
                for fam in family_words(fw):
                    if word_letters([fam]) == letters:
                        exact[id(p)] = (p, fam)
                    elif titled and _skeleton_close(word_skeletons([fam]), skel, [fam], [word]):
                        close[id(p)] = (p, fam)
        for found in (exact, close):
            if len(found) > 1 and prefer:
                # "M. Kim" with two Kims in the record: the one the article names in full
                narrowed = {k: v for k, v in found.items() if k in prefer}
                found.clear()
                found.update(narrowed)
        if len(exact) == 1:
            p, fam = next(iter(exact.values()))
            return Resolution(p, "match" if fam == word else "variant", fam)
        if not exact and len(close) == 1:
            p, fam = next(iter(close.values()))
            return Resolution(p, "misspelling", fam)
        return None


def _initial_fits(initial: str, words: list[str]) -> bool:
    first = word_key(words[0])[:1]
    return not first or token_skeleton(initial + "a")[:1] == token_skeleton(words[0])[:1] or word_key(initial) == first


def _skeleton_close(a: tuple[str, ...], b: tuple[str, ...], wa, wb) -> bool:
    """Equal romanisation skeletons, or one consonant off in one long word (a typo: "Lavrod")."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diffs) != 1:
        return False
    x, y = diffs[0]
    from rapidfuzz.distance import Levenshtein
    la, lb = word_letters(wa), word_letters(wb)
    # the differing word must be long enough that one letter is a typo, not another name (Jong-il/Jong-un)
    long_enough = min(len(x), len(y)) >= 3 and all(len(word_key(p)) >= 5 for w in (*wa, *wb) for p in _split_word_parts(w)
                                                   if token_skeleton(p) in (x, y))
    return long_enough and Levenshtein.distance(x, y) <= 1 and Levenshtein.distance(la, lb) <= 2


@lru_cache(maxsize=100_000)
def _full_equal(ref: tuple[str, ...], press: tuple[str, ...], fuzzy: bool) -> str | None:
    """Verdict of a press full name against a record full name, None when they are different people."""
    if len(press) < 2:
        return None
    if " ".join(ref) == " ".join(press):
        return "match"
    if word_letters(ref) == word_letters(press):
        return "variant"
    if len(ref) == len(press) and sorted(map(word_letters_one, ref)) == sorted(map(word_letters_one, press)):
        return "variant"  # the same words in the other order: "Kishida Fumio" / "Fumio Kishida"
    if not fuzzy:
        return None
    if len(ref) == len(press) == 2 and _fuzzy_same(ref[::-1], press):
        return "misspelling"  # "Fumio Kishido" for "Kishida Fumio"
    if _skeleton_close(word_skeletons(ref), word_skeletons(press), ref, press):
        return "misspelling"
    if _one_slip(ref, press):
        return "misspelling"
    return None


def _fuzzy_same(ref, press) -> bool:
    return _skeleton_close(word_skeletons(ref), word_skeletons(press), ref, press) or _one_slip(ref, press)


def word_letters_one(word: str) -> str:
    return word_letters([word])


def _one_slip(ref, press) -> bool:
    """One letter dropped, added, changed or two swapped, in a name long enough (9+ letters) that
    one slip does not make another plausible name, every word keeping its initial."""
    from rapidfuzz.distance import OSA
    a, b = word_letters(ref), word_letters(press)
    if max(len(a), len(b)) < 9 or len(ref) != len(press):
        return False
    if any(word_key(x)[:1] != word_key(y)[:1] for x, y in zip(ref, press)):
        return False
    return OSA.distance(a, b) <= 1


_WORD_BEFORE_RE = re.compile(r"([A-Z][\w'’-]{1,20})[ \u00a0]$")


def _ends_place_name(text: str, start: int, words: tuple[str, ...]) -> bool:
    """The words end a place's name the word before them begins ("Palm Beach" in "West Palm Beach")."""
    m = _WORD_BEFORE_RE.search(text, max(0, start - 24), start)
    return m is not None and is_known_place(" ".join((m.group(1), *words)))

