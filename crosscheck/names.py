"""People's names: a romanisation-aware key, so that spellings of one person compare equal.

The key folds what differs between transliterations (Russian through French or English,
Korean McCune–Reischauer vs Revised Romanization) into one consonant skeleton:
``Sergueï``/``Sergey``/``Sergei`` -> ``srg``; ``Choe``/``Choi`` -> ``ch``;
``Son``/``Sung``/``Song`` -> ``sn``; ``Hui``/``Hee`` -> ``h``; ``Choïgou``/``Shoigu`` -> ``chg``.
Vowels carry most of the variation between systems, so only a word's first letter keeps one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import word_key

TITLES = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "prof", "monsieur", "madame", "sir",
    "president", "président", "ministre", "minister",
}
_REWRITES = [
    (r"tch", "ch"), (r"sch", "ch"), (r"sh", "ch"), (r"zh", "j"), (r"dj", "j"), (r"dzh", "j"), (r"kh", "h"),
    (r"ph", "f"), (r"ck", "k"), (r"q", "k"), (r"x", "ks"), (r"w", "v"), (r"gu(?=[eiy])", "g"),
    (r"c(?=[eiy])", "s"), (r"c(?!h)", "k"), (r"ng\b", "n"), (r"ff\b", "v"), (r"f\b", "v"), (r"tz", "ts"),
    (r"rh", "r"), (r"th", "t"), (r"ts", "ts"),
]
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=50_000)
def token_skeleton(word: str) -> str:
    """Romanisation-normalised key of one name word."""
    w = re.sub(r"[^a-z]", "", word_key(word))
    if not w:
        return ""
    for pat, rep in _REWRITES:
        w = re.sub(pat, rep, w)
    head = "a" if w[0] in "aeiouy" else ""
    body = _VOWELS.sub("", w)
    body = re.sub(r"(.)\1+", r"\1", body)
    return head + body


def name_words(name: str) -> list[str]:
    """The words of a name, without titles and initials: 'M. Lavrov' -> ['Lavrov']."""
    words = [w for w in re.split(r"[\s\u00a0\-‐]+", name.strip()) if w]
    out = []
    for w in words:
        bare = w.rstrip(".")
        if word_key(bare) in TITLES or (len(bare) == 1 and bare.isalpha()):
            continue
        out.append(bare)
    return out


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
        return short[0] in (full[0], full[-1])
    return False
