"""What a quotation's wording changes mean: contractions and agreement endings (no change),
negations (a reversal unless both sides negate alike) and swapped facts (numbers,
nationalities, places, people), in French and English.

Works on word lists (``tokenize`` keys) or on the ``(op, text)`` word diff of a quotation
against the record: -1 record only, 1 quotation only, 0 shared.

>>> expand([t.key for t in tokenize("I think it'd be a mistake, we won't do it")])
['i', 'think', 'it', 'would', 'be', 'a', 'mistake', 'we', 'will', 'not', 'do', 'it']
>>> fold_words("Les discussions ont été substantielles") == fold_words("Les discussions ont été substantiels")
True
"""
from __future__ import annotations

import re

from crosscheck.text.gazetteer import place_ids
from crosscheck.text.names import NON_NAME_WORDS, ROLE_WORDS, TITLES
from crosscheck.text.normalize import EN_CLITICS as _EN_CLITICS, EN_NT_BASES as _NT_BASES, EN_SUBJECTS as _EN_SUBJECTS
from crosscheck.text.normalize import tokenize, word_key
from crosscheck.text.numbers import find_numbers

# ---- contractions and élisions ------------------------------------------------------------------
_FR_ELISIONS = {"l": "le", "la": "le", "d": "de", "qu": "que", "n": "ne", "j": "je", "c": "ce", "m": "me",
                "t": "te", "s": "se", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque",
                "quoiqu": "quoique"}


_BEFORE_ELISION_RE = re.compile(r"[aeiouyhàâäéèêëîïôöùûü]")


def _acronym_letter(keys: list[str], i: int) -> bool:
    """A lone letter that is part of an acronym, not a French élision: after another lone letter
    ("U.N.", "U.S."), or before a consonant ("U.N. sanctions"). An élision comes before a vowel."""
    k = keys[i]
    if len(k) > 1:
        return False
    prev = keys[i - 1] if i else ""
    nxt = keys[i + 1] if i + 1 < len(keys) else ""
    return (len(prev) == 1 and prev not in "ay") or (bool(nxt) and not _BEFORE_ELISION_RE.match(nxt))


def expand(keys: list[str]) -> list[str]:
    """Word keys with contractions spelled out: "it'd" (``it d``) is "it would", "won't" is
    "will not", "cannot" is "can not"; French élisions take their full form ("l'" is "le",
    "qu'" is "que", "n'" is "ne")."""
    out: list[str] = []
    for i, k in enumerate(keys):
        prev = keys[i - 1] if i else ""
        if k == "t" and prev in _NT_BASES:
            out[-1] = _NT_BASES[prev]
            out.append("not")
        elif k == "cannot":
            out += ["can", "not"]
        elif k in _EN_CLITICS and prev in _EN_SUBJECTS:
            out.append(_EN_CLITICS[k])
        elif k == "s" and prev in _EN_SUBJECTS:
            out.append("is")
        elif k == "s" and prev == "let":
            out.append("us")
        elif k in _FR_ELISIONS and not _acronym_letter(keys, i):
            out.append(_FR_ELISIONS[k])
        else:
            out.append(k)
    return out


def agreement_key(key: str) -> str:
    """A word without its gender and number endings (e, s, es, x; a doubled final consonant of
    the feminine): "substantielles", "substantiels" and "substantiel" are one word."""
    k = key
    if len(k) > 4 and k.endswith("es"):
        k = k[:-2]
    elif len(k) > 3 and k[-1] in "sx":
        k = k[:-1]
    if len(k) > 4 and k.endswith("e"):
        k = k[:-1]
    if len(k) > 4 and k[-1] == k[-2] and k[-1] not in "aeiouy":
        k = k[:-1]
    return k


def fold_words(text: str) -> list[str]:
    """Comparison keys of a passage with contractions expanded and agreement endings folded."""
    return [agreement_key(k) for k in expand(clean_keys(text))]


# function words: never a false start of the next word, never a name
STOPWORDS = frozenset(
    "le la les l un une des de du d et ou au aux en dans par pour sur sous vers chez avec sans entre que qu "
    "qui ne n pas plus se sa son ses leur leurs ce cet cette ces il elle ils elles nous vous on je me te tu "
    "est sont a ont the a an of to in and or is are was were be been that this these those it its for on "
    "with as by at from we our you your they their he his she her him them my me not no but all will would "
    "has have had do does did so if than then there which who what".split())
_DETERMINERS = frozenset("un une des du de le la les a an the".split())
_LEADING_ELISIONS = frozenset("d l qu j n s c".split())


def clean_keys(text: str, quote: bool = False) -> list[str]:
    """Word keys without what a transcript or a quoting article adds around the words said: a
    transcript's false starts ("I do hold respon— them responsible": a fragment that begins a word
    just after it) and stutters ("I — I think"); with ``quote``, a leading French elision that is
    the article's own grammar ("qualifié d'« attentat »": ``d'`` for the record's "un")."""
    keys = [t.key for t in tokenize(text)]
    out = []
    for i, k in enumerate(keys):
        nxt = keys[i + 1:i + 4]
        if k.isalpha() and len(k) >= 3 and k not in STOPWORDS and any(n != k and n.startswith(k) and len(n) >= len(k) + 3 for n in nxt[:2]):
            continue  # "respon" before "responsible"
        if nxt and nxt[0] == k and k.isalpha() and k not in ("very", "tres", "so", "si", "bye", "no", "non"):
            continue  # "I I think"
        out.append(k)
    if quote and len(out) > 1 and out[0] in _LEADING_ELISIONS:
        out = out[1:]
    return out


# A word the speaker corrected at once, set off by dashes: "or partisans — partners — is" (the transcript
# keeps the slip; an article quotes the correction).
_SELF_CORRECTED_RE = re.compile(r"\b[^\W\d_]{2,30}[ \u00a0]*[—–][ \u00a0]*(?=[^\W\d_]{2,30}[ \u00a0]*[—–])")


def corrected_words(record: str) -> frozenset[str]:
    """The words a record passage's speaker corrected at once (_SELF_CORRECTED_RE)."""
    return frozenset(m.group().rstrip(" \u00a0—–") for m in _SELF_CORRECTED_RE.finditer(record))


def clean_alike(record: str, quote: str) -> bool:
    """The quote is the record's words but for false starts, stutters and a leading elision or
    determiner (``d'attentat`` / ``un attentat``)."""
    r, q = clean_keys(record), clean_keys(quote, quote=True)
    if r == q:
        return True
    return len(r) > 1 and r[0] in _DETERMINERS and r[1:] == q


# ---- negation ---------------------------------------------------------------------------------
# One negation whatever its spelling: "no X", "never any X", "not ... any X" all negate once.
EN_NEGATORS = frozenset("not no never nothing none nor neither without nobody nowhere hardly barely".split())
# French: "ne ... pas/plus/jamais/rien/aucun/personne/guère" is one negation, counted at "ne";
# these words negate alone only without a "ne" before them in the clause ("sans", "peu fiables").
FR_NEGATORS = frozenset("pas jamais rien aucun aucune aucuns aucunes nul nulle guere sans non ni peu".split())
FR_WITH_NE_ONLY = frozenset("plus personne que".split())  # "ne ... plus", "ne ... personne", "ne ... que"
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "mal", "de", "des")


def negation_count(keys: list[str]) -> int:
    """How many negations a run of (expanded) word keys holds, each counted once however it is
    spelled: "ne ... aucune" and "aucun acteur ne" are one, "never ... any" is one, "no" is one."""
    nes = [i for i, k in enumerate(keys) if k == "ne"]
    n = len(nes)
    for i, k in enumerate(keys):
        if k in EN_NEGATORS:
            n += 1
        elif k in FR_NEGATORS and not any(0 < p - i <= 4 or 0 < i - p <= 6 for p in nes):
            n += 1
    return n


def antonym_pair(a: str, b: str) -> bool:
    """One word is the other with a negative prefix: "unreliable"/"reliable", "inutile"/"utile"."""
    a, b = agreement_key(a), agreement_key(b)
    if len(a) < len(b):
        a, b = b, a
    return len(b) >= 4 and any(a == p + b for p in NEGATIVE_PREFIXES)


def negation_flip(diff, max_words: int | None = None) -> str:
    """The negations only one side of a quotation's word diff has ("" when both negate alike).

    Each changed region is read with the shared words just before it (a French "ne" kept by
    both sides still pairs with the "pas" one side dropped); ``max_words``: ignore regions longer
    than this on both sides (a long omission is not a dropped negation).

    >>> negation_flip([(0, "there will be"), (-1, "no"), (0, "longer Nord Stream 2")])
    'record: no; quote: none'
    >>> negation_flip([(0, "we will"), (-1, "never"), (0, "accept"), (-1, "any"), (1, "no"), (0, "threat")])
    ''
    """
    rec_words: list[str] = []
    quo_words: list[str] = []
    rec_n = quo_n = 0
    quoted = set(expand(_keys(" ".join(t for op, t in diff if op != -1))))
    for (before, rec, after), (_, quo, _) in _regions_with_context(diff):
        r, q = expand(_keys(rec)), expand(_keys(quo))
        if max_words is not None and max(len(r), len(q)) > max_words:
            continue
        if not q and len(set(r)) >= 3 and set(r) <= quoted:
            continue  # a restart the article left out, its words all said in the quotation ("It was never
            # intended, when I wrote the legislation, [I never intended] to exclude")
        b, a = expand(_keys(before))[-6:], expand(_keys(after))[:6]
        base = negation_count(b + a)
        rn = negation_count(b + r + a) - base
        qn = negation_count(b + q + a) - base
        antonyms = [(x, y) for x in _words(rec) for y in _words(quo) if antonym_pair(word_key(x), word_key(y))]
        rn += sum(1 for x, y in antonyms if len(x) > len(y))
        qn += sum(1 for x, y in antonyms if len(y) > len(x))
        if rn == qn:
            continue
        rec_n += rn
        quo_n += qn
        rec_words += [w for w in _words(rec) if _is_neg(w)] + [x for x, _ in antonyms]
        quo_words += [w for w in _words(quo) if _is_neg(w)] + [y for _, y in antonyms]
    if rec_n == quo_n:
        return ""
    return f"record: {', '.join(dict.fromkeys(rec_words)) or 'none'}; quote: {', '.join(dict.fromkeys(quo_words)) or 'none'}"


def _regions_with_context(diff):
    """((shared before, record text, shared after), (shared before, quotation text, shared after))
    for each changed region of a word diff."""
    items = list(diff)
    out = []
    i = 0
    while i < len(items):
        if items[i][0] == 0:
            i += 1
            continue
        j = i
        while j < len(items) and items[j][0] != 0:
            j += 1
        before = items[i - 1][1] if i and items[i - 1][0] == 0 else ""
        after = items[j][1] if j < len(items) else ""
        rec = " ".join(t for op, t in items[i:j] if op == -1)
        quo = " ".join(t for op, t in items[i:j] if op == 1)
        out.append(((before, rec, after), (before, quo, after)))
        i = j
    return out


def _keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]


def _words(text: str) -> list[str]:
    return [text[t.start:t.end] for t in tokenize(text)]


def _is_neg(word: str) -> bool:
    k = word_key(word)
    return k in EN_NEGATORS or k in FR_NEGATORS or k in ("ne", "n", "cannot") or (k == "t")


# ---- swapped facts ------------------------------------------------------------------------------
# Nationality adjectives and nouns (their agreement_key): a quotation that makes "nord-coréens"
# "chinois" changes who is meant, whatever the translation.
DEMONYMS = frozenset(agreement_key(word_key(w)) for w in """
russe russes nord-coréen sud-coréen coréen chinois japonais américain britannique anglais français
allemand italien espagnol ukrainien biélorusse polonais iranien irakien israélien palestinien syrien
turc turque indien pakistanais afghan saoudien égyptien libyen cubain vénézuélien brésilien mexicain
canadien européen asiatique africain occidental mongol vietnamien kazakh géorgien arménien azerbaïdjanais
finlandais suédois norvégien danois néerlandais belge suisse autrichien hongrois roumain bulgare serbe
grec tchèque slovaque qatari émirati libanais jordanien yéménite soudanais éthiopien nigérian sud-africain
russian north-korean south-korean korean chinese japanese american british english french german italian
spanish ukrainian belarusian polish iranian iraqi israeli palestinian syrian turkish indian pakistani
afghan saudi egyptian libyan cuban venezuelan brazilian mexican canadian european asian african western
mongolian vietnamese kazakh georgian armenian azerbaijani finnish swedish norwegian danish dutch belgian
swiss austrian hungarian romanian bulgarian serbian greek czech slovak qatari emirati lebanese jordanian
yemeni sudanese ethiopian nigerian
""".split())
_CAPITAL_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")


# Quantities the speaker left vague; a number in their place is a fact the record does not give.
VAGUE_QUANTITIES = frozenset(word_key(w) for w in """
many several numerous few dozens hundreds thousands some
plusieurs nombreux nombreuses quelques certains certaines dizaines centaines milliers beaucoup
""".split())


def swapped_facts(diff) -> list[str]:
    """Facts a quotation puts in place of the record's, region by region: a number of another value
    (or in place of a vague "many", "plusieurs"), another country or town, another nationality,
    another proper name (person or place). Descriptions like
    "“15” for “12”"."""
    out = []
    for (_, rec, _), (_, quo, _) in _regions_with_context(diff):
        if not rec or not quo:
            continue
        rn = {v for n in find_numbers(rec) for v in n.values}
        qn = {v for n in find_numbers(quo) for v in n.values}
        if rn and qn and rn != qn:
            out.append(f"number “{quo}” for “{rec}”")
            continue
        if qn and not rn and set(_keys(rec)) & VAGUE_QUANTITIES:
            out.append(f"number “{quo}” for “{rec}”")  # "40 questions" for "many questions": a count the record never gave
            continue
        rd = {agreement_key(k) for k in _keys(rec)} & DEMONYMS
        qd = {agreement_key(k) for k in _keys(quo)} & DEMONYMS
        rd |= {agreement_key(k) for k in _hyphen_joined(rec)} & DEMONYMS
        qd |= {agreement_key(k) for k in _hyphen_joined(quo)} & DEMONYMS
        if rd and qd and rd != qd:
            out.append(f"nationality “{quo}” for “{rec}”")
            continue
        # a country or town for another ("la Chine" / "les USA"): the gazetteer knows both, they differ
        rp, qp = _places_in(rec), _places_in(quo)
        if rp and qp:
            if all(a.isdisjoint(b) for a in rp for b in qp):
                out.append(f"place “{quo}” for “{rec}”")
            continue  # otherwise one place under two names ("USA" / "États-Unis"): no change of fact
        # a proper name for another: both sides only capitalised words ("Pyongyang" / "Séoul")
        # (titles, roles and capitalised common words are no names: "Mr" / "Television")
        rw, qw = _NAME_WORD_RE.findall(rec), _NAME_WORD_RE.findall(quo)
        if 0 < len(rw) <= 4 and 0 < len(qw) <= 4 and all(_CAPITAL_RE.match(w) for w in rw + qw) \
                and all(_name_like(w) for w in rw + qw) \
                and not {word_key(w) for w in rw} & {word_key(w) for w in qw}:
            out.append(f"name “{quo}” for “{rec}”")
    return out


_POSSESSIVE_RE = re.compile(r"['’]s?$")
_ARTICLE_RE = re.compile(r"^(?:(?:le|la|les|l['’]|the|en|au|aux|à|in)\s+|l['’])+", re.IGNORECASE)


def _places_in(text: str) -> list[frozenset[str]]:
    """Places of a short diff region (their gazetteer ids): the region itself ("Corée du Nord", after
    its article) or its capitalised words, where the gazetteer knows them."""
    whole = _POSSESSIVE_RE.sub("", _ARTICLE_RE.sub("", text.strip(" ,.;:")))
    if len(whole.split()) > 4:
        return []  # a reworded stretch, not one name put for another
    if whole[:1].isupper() and (ids := place_ids(whole)):
        return [ids]
    return [ids for w in _NAME_WORD_RE.findall(text)
            if _CAPITAL_RE.match(w) and _name_like(w) and (ids := place_ids(_POSSESSIVE_RE.sub("", w)))]


def _name_like(word: str) -> bool:
    """A capitalised word that may be a person's or a place's name: not a title, a role, a
    function word, nor a word of the language capitalised at a sentence start."""
    k = word_key(word)
    if "-" in k:
        return True  # "Min-jun", "Nord-Pas"
    return k not in TITLES and k not in ROLE_WORDS and k not in NON_NAME_WORDS and k not in STOPWORDS \
        and k not in COMMON_CAPITALISED


# capitalised words of the press that are not names (sentence starts, media, institutions)
COMMON_CAPITALISED = frozenset(word_key(w) for w in """
television télévision radio internet state states government gouvernement minister ministre president
président house maison council conseil assembly assemblée army armée navy army court cour
""".split())


def _hyphen_joined(text: str) -> list[str]:
    return [word_key(w) for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", text)]
