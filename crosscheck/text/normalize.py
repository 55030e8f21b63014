"""Normalisation shared by every stage: word tokens with offsets, and comparison keys.

Two spellings compare equal when they differ only in typing: case, Unicode composition
(NFC/NFD), accents, typographic apostrophes/quotes/dashes, spaces, and invisible characters
(zero-width spaces, soft hyphens) inside words.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Characters that may sit inside a word without splitting it (and vanish from its key).
# Soft hyphen, zero-width space/joiners, word joiner, BOM, and the bidirectional marks, embeddings
# and isolates that right-to-left text and copy-paste from RTL pages leave behind.
INVISIBLE = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\u180e"
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# A word: letters/digits, combining marks (NFD accents) and invisible characters.
# A number with digit groups ("1 000", "1,000", "12.500", "1\u202f000") is one word whose key is its
# digits, so English and French typography compare equal; then any other word.
WORD_RE = re.compile(
    rf"(?P<number>\d{{1,3}}(?:[ ,.\u00a0\u202f\u2009']\d{{3}})+(?![\d\w]))|(?:\w|[\u0300-\u036f{INVISIBLE}])+"
)
_GROUP_SEP_RE = re.compile(r"[ ,.\u00a0\u202f\u2009']")
APOSTROPHES = "'’‘`´ʼ′"


class Token(NamedTuple):
    """One word: its comparison key and offsets. [scale] A named tuple: built by the thousand per
    article, and a tuple is several times cheaper to create than a frozen dataclass."""

    key: str  # comparison form
    start: int
    end: int


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Comparison key of one word: no invisible characters, no accents, case-folded.

    >>> word_key("Sergue\u0308i") == word_key("SERGUEÏ") == "serguei"
    True
    """
    w = _INVISIBLE_RE.sub("", word)
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.casefold()


@lru_cache(maxsize=200_000)
def token_key(word: str) -> str:
    """``word_key`` of one token, keeping only word characters: compatibility decomposition can
    turn a letter into several characters ("¼" is "1⁄4"), and a key must stay one token so that
    normalising twice changes nothing.

    >>> token_key("¼"), token_key("Serguëi")
    ('14', 'serguei')
    """
    k = word_key(word)
    return k if k.isalnum() else "".join(c for c in k if c.isalnum() or c == "_")


# ---- contractions -----------------------------------------------------------------------------
EN_SUBJECTS = frozenset("i you he she it we they that who there what here this".split())
EN_NT_BASES = {"won": "will", "can": "can", "don": "do", "doesn": "does", "didn": "did", "isn": "is",
               "aren": "are", "wasn": "was", "weren": "were", "hasn": "has", "haven": "have", "hadn": "had",
               "couldn": "could", "shouldn": "should", "wouldn": "would", "mustn": "must", "needn": "need",
               "ain": "is", "shan": "shall", "mightn": "might"}
EN_CLITICS = {"ll": "will", "re": "are", "ve": "have", "m": "am", "d": "would"}
_CONTRACTED = frozenset(EN_CLITICS) | {"t"}


def spell_contractions(tokens: list[Token]) -> list[Token]:
    """Keys with English contractions spelled out ("we'll" is ``we will``, "don't" is ``do not``,
    "I'm" is ``i am``; French "ça" is ``cela``), so that a quotation and its record match however
    each writes them; offsets unchanged (one key per word, as before). Returns ``tokens`` itself
    when nothing applies."""
    at = [i for i, t in enumerate(tokens) if (t.key in _CONTRACTED and i) or t.key == "ca"]
    if not at:
        return tokens
    out = list(tokens)
    changed = False
    for i in at:
        t, prev = tokens[i], tokens[i - 1]
        if t.key == "ca":  # French "ça" is "cela" said short
            out[i] = Token("cela", t.start, t.end)
            changed = True
            continue
        if t.start - prev.end != 1:
            continue  # not attached to the word before by one apostrophe
        if t.key == "t" and prev.key in EN_NT_BASES:
            out[i - 1] = Token(EN_NT_BASES[prev.key], prev.start, prev.end)
            out[i] = Token("not", t.start, t.end)
            changed = True
        elif t.key != "t" and prev.key in EN_SUBJECTS:
            out[i] = Token(EN_CLITICS[t.key], t.start, t.end)
            changed = True
    return out if changed else tokens


_CAPITALS = {"us": "US", "un": "UN"}  # words that are an abbreviation when written in capitals


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with absolute offsets. Elided articles (qu’, l’) are words."""
    out: list[Token] = []
    append = out.append
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        # _match_key(m), inlined: this loop runs for every word of every text
        k = token_key(_GROUP_SEP_RE.sub("", m.group()) if m.lastgroup == "number" else m.group())
        if k in _CAPITALS and m.group() == _CAPITALS[k]:
            k += "_"  # "US", "UN" in capitals: the country, the organisation (BUILT_IN_ALIASES)
        if k.strip("_"):
            s, e = m.span()
            append(Token(k, s, e))
    return out


def _match_key(m: re.Match) -> str:
    # Only a digit-grouped number loses its separators; any other word (even "06\u00adh53",
    # a time with a soft hyphen) gets the ordinary key, which drops invisible characters.
    return token_key(_GROUP_SEP_RE.sub("", m.group()) if m.lastgroup == "number" else m.group())


def has_word(text: str) -> bool:
    """Whether ``tokenize(text)`` would find a word (without tokenising all of it)."""
    return any(_match_key(m).strip("_") for m in WORD_RE.finditer(text))


def first_letters(words) -> str:
    """A lookahead on the first letters of ``words``, in any case. [scale] Put before a
    case-insensitive alternation of words, it lets the regex engine skip most positions at once
    instead of trying every alternative at each one (2-3x faster scans, same matches)."""
    return "(?=(?i:[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]))"


def normalize_text(text: str) -> str:
    """Idempotent normal form of a passage: its word keys joined by single spaces."""
    return " ".join(t.key for t in tokenize(text))


# Abbreviations every outlet writes for the long names a transcript uses ("U.S." / "United States").
# "US" and "UN" are also the words "us" and "un": only in capitals are they abbreviations (their
# keys then end in "_", see tokenize).
BUILT_IN_ALIASES = {
    "United States": ["U.S.", "U.S.A.", "US", "USA"],
    "United Nations": ["U.N.", "UN"],
    "United Kingdom": ["U.K.", "UK"],
}


class AliasTable:
    """Corpus-declared equivalences (``[aliases] RPDC = ["Corée du Nord", ...]``) and the built-in
    abbreviations (BUILT_IN_ALIASES), used both ways.

    Every phrase of a group is rewritten to the group's canonical key sequence, so that
    "Corée du Nord" in a quote matches "RPDC" in the record and the reverse.
    """

    def __init__(self, aliases: dict[str, list[str]] | None = None):
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        declared = {p for canon, variants in (aliases or {}).items() for p in (canon, *variants)}
        # built-in groups first (a corpus's own groups are added after them and win on a shared phrase)
        groups = [(c, [v for v in vs if v not in declared]) for c, vs in BUILT_IN_ALIASES.items() if c not in declared]
        for canon, variants in [*groups, *(aliases or {}).items()]:
            ckey = "_".join(t.key for t in tokenize(canon))
            if not ckey:
                continue
            for phrase in [canon, *variants]:
                keys = tuple(t.key for t in tokenize(phrase))
                if keys:
                    self._phrases.setdefault(keys[0], []).append((keys, ckey))
        for lst in self._phrases.values():
            lst.sort(key=lambda p: -len(p[0]))  # longest phrase first

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def apply(self, tokens: list[Token]) -> list[Token]:
        """``tokens`` with every declared phrase replaced by one token of its group's key (the
        longest phrase first, left to right). Returns ``tokens`` itself when nothing applies."""
        tokens = spell_contractions(tokens)
        phrases = self._phrases
        if not phrases:
            return tokens
        # [scale] only positions whose word opens some phrase are looked at
        starts = [i for i, t in enumerate(tokens) if t.key in phrases]
        if not starts:
            return tokens
        out: list[Token] = []
        n, done = len(tokens), 0
        for i in starts:
            if i < done:
                continue  # inside a phrase already replaced
            for keys, ckey in phrases[tokens[i].key]:
                k = len(keys)
                if i + k <= n and all(tokens[i + j].key == keys[j] for j in range(k)):
                    out += tokens[done:i]
                    out.append(Token(ckey, tokens[i].start, tokens[i + k - 1].end))
                    done = i + k
                    break
        out += tokens[done:]
        return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a str offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
