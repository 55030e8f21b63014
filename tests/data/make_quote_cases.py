"""Generate tests/data/quote_cases.json: quotations with known verdicts, built from the seed transcript.

Each case is a quotation an article might print, the verdict a careful reader would give it and,
when it comes from the record, the reference sentence it comes from. Perturbations are generated
with a fixed random seed so the file is reproducible:

    python tests/data/make_quote_cases.py        # rewrites tests/data/quote_cases.json

Kinds (expected verdict):
- verbatim: a whole sentence or a clause of at least 6 words, copied; typography changed (straight
  apostrophes, NFD accents, no-break spaces, capital letters); an elision marked ``[…]``; an editor's
  insertion ``[la Russie]`` in place of a pronoun.
- variant: one word substituted, dropped or added; two substitutions in a long sentence.
- paraphrase: about half of the content words replaced or the clause order swapped.
- unattested: sentences the record never contains (written for this set), the opening words of a
  real answer grafted onto a fabrication, and one-word scare quotes in a form the record never uses
  as a word (``certaine`` is not attested by ``certainement``).
- short-attested (verbatim): a one-word scare quote of a word the record does use.
"""
from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from crosscheck import load_corpus  # noqa: E402
from crosscheck.checks.segment import segment  # noqa: E402

# Words to substitute in: plausible French words absent from the record's sentence.
SUBSTITUTES = ["pleinement", "toujours", "désormais", "vraiment", "officiel", "clairement", "nouvelle",
               "importants", "réelle", "grande", "certains", "politique", "profonde", "durable"]
# Sentences a minister might say that this record never contains (fabrications).
FABRICATED = [
    "Nous ne reconnaîtrons jamais les résultats de ces élections truquées en Europe.",
    "La Russie livrera des avions de chasse modernes à ses partenaires avant la fin du mois.",
    "Nos deux pays construiront ensemble une centrale nucléaire sur la côte orientale.",
    "Les sanctions occidentales ont complètement échoué et l'économie russe n'a jamais été aussi forte.",
    "Je rencontrerai le secrétaire d'État américain la semaine prochaine à Genève.",
    "Le gaz russe sera vendu en roubles à tous les pays asiatiques dès janvier.",
    "Nous avons décidé d'ouvrir un consulat général à Chongjin cet automne.",
    "Cette guerre sera terminée avant l'hiver, je vous le garantis.",
    "Les étudiants coréens pourront étudier gratuitement dans toutes les universités russes.",
    "Aucun soldat étranger ne combat aux côtés de notre armée, c'est de la propagande.",
    "Le président a personnellement approuvé la livraison de dix mille tonnes de blé.",
    "Nous exigeons des excuses officielles du gouvernement japonais pour ces provocations.",
    "Les négociations avec Kiev reprendront à Istanbul au début du mois de septembre.",
    "Le prix du pétrole restera stable grâce à notre accord avec l'Arabie saoudite.",
    "Je ne commenterai pas les rumeurs sur la santé des dirigeants étrangers.",
    "Nous allons créer une zone de libre-échange entre la Sibérie et la péninsule.",
]


def words(s: str) -> list[str]:
    return s.split()


def main() -> None:
    rng = random.Random(20250712)
    corpus = load_corpus(ROOT / "seeds")
    ref = corpus.references[0]
    seg = segment(ref)
    # Spoken sentences long enough to be quoted, excluding headings and URLs.
    pool = [s for s in seg.sentences if s.speaker and s.speaker != "Question" and 10 <= len(words(s.text)) <= 45]
    cases: list[dict] = []

    def add(kind: str, verdict: str, quote: str, sent=None) -> None:
        cases.append({
            "id": f"{kind}-{sum(1 for c in cases if c['kind'] == kind) + 1}",
            "kind": kind, "expected": verdict, "quote": quote,
            "reference_start": sent.start if sent else None, "reference_end": sent.end if sent else None,
        })

    sample = rng.sample(pool, 40)
    for s in sample[:8]:
        add("verbatim-sentence", "verbatim", s.text.rstrip("."), s)
    for s in sample[8:14]:
        w = words(s.text)
        a = rng.randrange(0, max(1, len(w) - 8))
        add("verbatim-clause", "verbatim", " ".join(w[a:a + 8]).strip(",;:."), s)
    for s in sample[14:20]:
        t = s.text.replace("’", "'")
        t = unicodedata.normalize("NFD", t).replace(" ", "\u00a0", 2)
        add("verbatim-typography", "verbatim", t[0].lower() + t[1:], s)
    for s in sample[20:24]:
        w = words(s.text)
        k = len(w) // 2
        add("verbatim-elision", "verbatim", " ".join(w[:k - 2]) + " […] " + " ".join(w[k + 1:]), s)
    for s in sample[24:40]:
        w = words(s.text)
        i = rng.randrange(2, len(w) - 2)
        sub = w[:]
        sub[i] = rng.choice([x for x in SUBSTITUTES if x not in s.text])
        add("variant-substitution", "variant", " ".join(sub), s)
    for s in rng.sample(pool, 10):
        w = words(s.text)
        i = rng.randrange(2, len(w) - 2)
        add("variant-drop", "variant", " ".join(w[:i] + w[i + 1:]), s)
    for s in rng.sample(pool, 10):
        w = words(s.text)
        i = rng.randrange(2, len(w) - 2)
        add("variant-add", "variant", " ".join(w[:i] + [rng.choice(SUBSTITUTES)] + w[i:]), s)
    long_pool = [s for s in pool if len(words(s.text)) >= 18]
    for s in rng.sample(long_pool, 8):
        w = words(s.text)
        i, j = sorted(rng.sample(range(2, len(w) - 2), 2))
        sub = w[:]
        sub[i], sub[j] = rng.choice(SUBSTITUTES), rng.choice(SUBSTITUTES)
        add("variant-two-substitutions", "variant", " ".join(sub), s)
    for s in rng.sample(long_pool, 10):
        w = words(s.text)
        # replace about half of the words, keeping runs of two to three words in place
        out = [x if (k % 5) in (0, 1, 2) else rng.choice(SUBSTITUTES) for k, x in enumerate(w)]
        add("paraphrase-reworded", "paraphrase", " ".join(out), s)
    for s in rng.sample(long_pool, 6):
        w = words(s.text.rstrip("."))
        k = len(w) // 2
        add("paraphrase-reordered", "paraphrase", " ".join(w[k:] + w[:k]), s)
    for text in FABRICATED:
        add("unattested-fabricated", "unattested", text.rstrip("."))
    for s, text in zip(rng.sample(pool, 8), rng.sample(FABRICATED, 8)):
        # the opening words of a real answer grafted onto words it never had
        add("unattested-spliced", "unattested", " ".join(words(s.text)[:3] + words(text)[3:]).rstrip("."))
    vocab = sorted({w.strip(",.;:()«»").lower() for s in pool for w in words(s.text)})
    content = [w for w in vocab if len(w) >= 7 and w.isalpha()]
    for w in rng.sample(content, 8):
        add("short-attested", "verbatim", w)
    for w in rng.sample(content, 8):
        # an inflected or truncated form the record never uses as a word
        forms = [w + "s", w[:-1], w + "ment", w[:-2]]
        form = next((f for f in forms if f not in vocab), None)
        if form:
            add("short-inflected", "unattested", form)
    out = ROOT / "tests" / "data" / "quote_cases.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
