"""Synthetic corpora of any size, built from the seed texts, with planted quotes whose answers are known.

References: the seed transcript's sentences are spliced at a clause boundary (first part of one
sentence + rest of another) into new sentences, and laid out as 20 distinct transcripts with
numbered releases, a table of contents, ``Question :`` / ``Sergueï Lavrov :`` turns and source URLs.
Repetitive official language is realistic here: the same clauses recur across documents, which is
exactly what makes candidate retrieval hard.

Articles: narrative sentences of the seed articles (with their misspelled names, relative dates,
places), shuffled, with a name misspelling now and then, plus planted quotations:

- ``verbatim``: a sentence of one reference, copied word for word (expected verdict: verbatim);
- ``variant``: the same with one change - two adjacent words swapped, one word replaced, or a
  typo in a long word (expected: variant or paraphrase, at the right place in the right reference);
- ``fabricated``: a seed-article sentence that shares no word trigram with any reference
  (expected: unattested).

Everything is driven by ``random.Random(seed)``: the same arguments give byte-identical corpora.

>>> refs, arts, truth = build(10, n_refs=3)                        # doctest: +SKIP
>>> write_corpus("/tmp/c", refs, arts)                              # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

from crosscheck import load_corpus
from crosscheck.checks.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUOTE_MARKS = re.compile(r'[«»“”„‹›"]')
LAVROV = "Sergueï Lavrov"
PLACES = ["Wonsan", "Moscou", "Pyongyang", "Vladivostok", "Khabarovsk", "Kazan", "Minsk", "Pékin"]


@dataclass(frozen=True)
class Planted:
    """One planted quotation and its known answer."""

    article: str
    start: int  # offsets of the quoted words (without the marks) in the article text
    end: int
    kind: str  # verbatim | variant | fabricated
    reference: str | None  # reference id holding the original sentence (None for fabricated)
    ref_start: int = -1
    ref_end: int = -1


@dataclass
class Doc:
    id: str
    role: str
    text: str
    published: dt.date
    place: str | None = None


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _trigrams(s: str) -> set[tuple[str, ...]]:
    w = _words(s)
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


class SeedPools:
    """Sentences of the seed corpus, sorted into what the generator needs."""

    def __init__(self, seeds: Path = SEEDS):
        corpus = load_corpus(seeds)
        self.answers: list[str] = []  # sentences spoken by the minister (to quote)
        self.questions: list[str] = []
        self.narrative: list[str] = []  # press sentences without quotation marks
        for src in corpus.references:
            for s in segment(src).sentences:
                t = s.text.strip()
                if QUOTE_MARKS.search(t) or "http" in t or len(_words(t)) < 6:
                    continue
                if s.speaker == "Question":
                    self.questions.append(t)
                elif s.speaker and "Lavrov" in s.speaker:
                    self.answers.append(t)
        ref_trigrams: set[tuple[str, ...]] = set()
        for src in corpus.references:
            ref_trigrams |= _trigrams(src.text)
        # Clauses of the articles that share no word trigram with the record: spliced in pairs,
        # they make quotations nobody said.
        self.fabricated_clauses: list[str] = []
        for src in corpus.press:
            for s in segment(src).sentences:
                t = s.text.strip()
                if QUOTE_MARKS.search(t) or len(_words(t)) < 6 or "(" in t:
                    continue
                self.narrative.append(t)
                for clause in re.split(r",\s*", t.rstrip(".")):
                    if len(_words(clause)) >= 4 and not (_trigrams(clause) & ref_trigrams):
                        self.fabricated_clauses.append(clause)
        self.vocabulary = sorted({w for t in self.answers for w in re.findall(r"[^\W\d_]{5,}", t)})


def _splice(rng: random.Random, pool: list[str]) -> str:
    """A new sentence: the start of one pool sentence up to a comma, the rest of another after one."""
    for _ in range(20):
        a, b = rng.choice(pool), rng.choice(pool)
        ca = [m.start() for m in re.finditer(",", a)]
        cb = [m.end() for m in re.finditer(",", b)]
        if ca and cb and a != b:
            s = a[:rng.choice(ca)] + "," + b[rng.choice(cb):]
            if len(_words(s)) >= 8:
                return s
    return rng.choice(pool)


def _reword(rng: random.Random, sentence: str, vocabulary: list[str], rate: float) -> str:
    """Replace each lower-case word of 4+ letters by a random word of the vocabulary with
    probability ``rate``: 20 transcripts made from one seed transcript would otherwise repeat
    every clause twenty times, which no real archive does."""
    if rate <= 0:
        return sentence
    return re.sub(r"\b[a-zàâçéèêëîïôûùüÿœ]{4,}\b",
                  lambda m: rng.choice(vocabulary).lower() if rng.random() < rate else m.group(), sentence)


def build_reference(rng: random.Random, pools: SeedPools, ref_id: str, day: dt.date, place: str,
                    target_chars: int = 24_000, reword: float = 0.15) -> tuple[Doc, list[tuple[int, int]]]:
    """One transcript; returns it with the (start, end) of every sentence the minister speaks."""
    n_rel = rng.randint(3, 5)
    titles = []
    for r in range(n_rel):
        kind = rng.choice(["Allocution et réponses", "Discours d’ouverture", "Déclaration"])
        titles.append(f"{r + 1}°/{kind} du ministre des Affaires étrangères {LAVROV} – "
                      f"{day.day} juillet {day.year} à {10 + r}h{rng.randint(10, 59)} à {place}")
    parts: list[str] = ["\n".join(titles), ""]
    spoken: list[tuple[int, int]] = []
    per_release = target_chars // n_rel
    pos = len("\n".join(parts))
    text = "\n".join(parts)
    for r in range(n_rel):
        text += "\n" + titles[r] + "\n"
        start = len(text)
        while len(text) - start < per_release:
            if rng.random() < 0.3:
                text += "Question : " + " ".join(rng.choice(pools.questions) for _ in range(rng.randint(1, 2))) + "\n"
            text += f"{LAVROV} : "
            for _p in range(rng.randint(1, 3)):
                for _ in range(rng.randint(2, 4)):
                    s = _reword(rng, _splice(rng, pools.answers), pools.vocabulary, reword)
                    spoken.append((len(text), len(text) + len(s)))
                    text += s + " "
                text = text.rstrip(" ") + "\n"
        text += f"https://mid.ru/fr/foreign_policy/news/{rng.randint(1_000_000, 9_999_999)}/\n"
    del pos
    return Doc(ref_id, "reference", text, day, place), spoken


def _misspell(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:]  # drop one inner letter: "Lavrov" -> "Lavov"


def _variant(rng: random.Random, quote: str, vocabulary: list[str]) -> str:
    words = list(re.finditer(r"[^\W\d_]{3,}", quote))
    how = rng.choice(["swap", "replace", "typo"])
    if how == "swap" and len(words) >= 4:
        i = rng.randrange(1, len(words) - 2)  # keep the edges: a changed edge is just a shorter match
        a, b = words[i], words[i + 1]
        return quote[:a.start()] + b.group() + quote[a.end():b.start()] + a.group() + quote[b.end():]
    long_words = [w for w in words[1:-1] if len(w.group()) >= 6] or words[1:-1] or words
    w = rng.choice(long_words)
    new = _misspell(rng, w.group()) if how == "typo" else rng.choice(vocabulary)
    if new.lower() == w.group().lower():
        new = new + "s"
    return quote[:w.start()] + new + quote[w.end():]


def build_article(rng: random.Random, pools: SeedPools, art_id: str, refs: list[Doc],
                  spoken: dict[str, list[tuple[int, int]]], day: dt.date) -> tuple[Doc, list[Planted]]:
    # narrative: seed-article sentences, spliced two by two so that articles do not repeat each other
    sentences = [_splice(rng, pools.narrative) if rng.random() < 0.7 else rng.choice(pools.narrative)
                 for _ in range(rng.randint(6, 12))]
    n_quotes = rng.randint(3, 6)
    paragraphs: list[list] = [[s] for s in sentences]
    planted_specs = []
    for _ in range(n_quotes):
        kind = rng.choices(["verbatim", "variant", "fabricated"], weights=[4, 3, 3])[0]
        if kind == "fabricated":
            a, b = rng.sample(pools.fabricated_clauses, 2)
            planted_specs.append((kind, f"{a[0].upper()}{a[1:]}, {b}", None, -1, -1))
            continue
        ref = rng.choice(refs)
        a, b = rng.choice(spoken[ref.id])
        original = ref.text[a:b]
        core = original.rstrip(".")
        quote = core if kind == "verbatim" else _variant(rng, core, pools.vocabulary)
        planted_specs.append((kind, quote, ref.id, a, a + len(core)))
    for spec in planted_specs:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), [spec])
    text, planted = "", []
    for para in paragraphs:
        item = para[0]
        if isinstance(item, str):
            s = item
            if rng.random() < 0.15:  # a misspelled proper name, as in the seed press
                names = list(re.finditer(r"\b[A-Z][a-zé]{4,}\b", s))
                if names:
                    n = rng.choice(names)
                    s = s[:n.start()] + _misspell(rng, n.group()) + s[n.end():]
            text += s + "\n\n"
            continue
        kind, quote, ref_id, ra, rb = item
        form = rng.randrange(4)
        if form == 0:
            pre, post = f"{LAVROV} a déclaré : « ", " »."
        elif form == 1:
            pre, post = "« ", " », a affirmé M. Lavrov."
        elif form == 2:
            pre, post = "Le ministre russe a souligné que “", "”."
        else:
            pre, post = 'Selon lui, "', '", a-t-il ajouté.'
        start = len(text) + len(pre)
        text += pre + quote + post + "\n\n"
        planted.append(Planted(art_id, start, start + len(quote), kind, ref_id, ra, rb))
    return Doc(art_id, "press", text, day), planted


def build(n_articles: int, n_refs: int = 20, seed: int = 7, pools: SeedPools | None = None
          ) -> tuple[list[Doc], list[Doc], list[Planted]]:
    """``n_refs`` distinct transcripts and ``n_articles`` articles; the same seed gives the same corpus,
    and a larger corpus starts with the articles of a smaller one."""
    pools = pools or SeedPools()
    rng = random.Random(seed)
    start = dt.date(2025, 1, 6)
    refs, spoken = [], {}
    for r in range(n_refs):
        day = start + dt.timedelta(days=9 * r)
        doc, sp = build_reference(rng, pools, f"ref-{r + 1:03d}", day, PLACES[r % len(PLACES)])
        refs.append(doc)
        spoken[doc.id] = sp
    arts, truth = [], []
    for i in range(n_articles):
        arng = random.Random(seed * 1_000_003 + i)
        ref_subset = arng.sample(refs, min(len(refs), 3))  # an article covers a few events
        day = ref_subset[0].published + dt.timedelta(days=arng.randint(0, 2))
        doc, planted = build_article(arng, pools, f"art-{i + 1:05d}", ref_subset, spoken, day)
        arts.append(doc)
        truth += planted
    return refs, arts, truth


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(folder: str | Path, refs: list[Doc], arts: list[Doc]) -> Path:
    """Write the texts and a sources.toml; returns the manifest path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['[aliases]', 'RPDC = ["République populaire démocratique de Corée", "Corée du Nord"]', ""]
    for d in refs + arts:
        (folder / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
        lines += manifest_entry(d)
    manifest = folder / "sources.toml"
    manifest.write_text("\n".join(lines), encoding="utf-8")
    return manifest


def manifest_entry(d: Doc) -> list[str]:
    out = ["[[source]]", f"id = {toml_str(d.id)}", f'path = "{d.id}.txt"', f'role = "{d.role}"',
           f"published = {d.published.isoformat()}", 'language = "fr"']
    if d.place:
        out.append(f"place = {toml_str(d.place)}")
    return out + [""]
