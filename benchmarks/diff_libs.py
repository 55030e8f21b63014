"""Which word-diff library: diff-match-patch (pure Python), fast-diff-match-patch (C++ port) or
difflib (standard library), on the seed corpus's quotes. Speed and agreement.

Each quote's words (as the quote engine keys them) are diffed against its record passage, and
against a wider record window (the passage +-WINDOW words: what alignment diffs when it looks for
the passage in a candidate region). Words are encoded one character per distinct word, as
crosscheck.checks.align does. Agreement: the same equal-run word count (what scores are made of)
and the same edit script.

    .venv/bin/pip install diff-match-patch   # no longer a dependency: only this comparison uses it
    .venv/bin/python benchmarks/diff_libs.py [corpus]

Results (2026-11, seeds: 14 aligned quotes; us per diff, passage / +-60-word window):
diff-match-patch 352 / 1991, fast-diff-match-patch 48 / 215, difflib 50 / 134; difflib gives another
edit script on 4/14 passages and 6/14 windows (and matches fewer words on 2/14 and 4/14), the two
diff-match-patch ports agree on all. tests/data/article-en (5 quotes): all three agree.
"""
from __future__ import annotations

import difflib
import sys
import time

import fast_diff_match_patch as fdmp
from diff_match_patch import diff_match_patch

from crosscheck import check_corpus, load_corpus
from crosscheck.text.normalize import AliasTable, tokenize

WINDOW = 60
REPEAT = 20


def encode(a: list[str], b: list[str]) -> tuple[str, str]:
    vocab: dict[str, str] = {}
    enc = lambda seq: "".join(vocab.setdefault(k, chr(0xF0000 + len(vocab))) for k in seq)  # noqa: E731
    return enc(a), enc(b)


def runs_dmp(a, b, dmp=diff_match_patch()):  # noqa: B008 -- one shared instance on purpose
    dmp.Diff_Timeout = 0.5
    return [(op, len(t)) for op, t in dmp.diff_main(a, b, False)]


OPS = {"=": 0, "-": -1, "+": 1}


def runs_fast(a, b):
    return [(OPS[op], n) for op, n in fdmp.diff(a, b, timelimit=0.5, checklines=False, cleanup="No",
                                                 counts_only=True)]


def runs_difflib(a, b):
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append((0, i2 - i1))
        else:
            if i2 > i1:
                out.append((-1, i2 - i1))
            if j2 > j1:
                out.append((1, j2 - j1))
    return out


def normal(runs):
    """Runs merged (adjacent same ops) and, inside a change block, deletions before insertions."""
    out: list[list[int]] = []
    block: dict[int, int] = {}
    for op, n in runs + [(0, 0)]:
        if op == 0:
            for o in (-1, 1):
                if block.get(o):
                    out.append([o, block[o]])
            block = {}
            if n:
                if out and out[-1][0] == 0:
                    out[-1][1] += n
                else:
                    out.append([0, n])
        else:
            block[op] = block.get(op, 0) + n
    return out


def main(path: str = "seeds") -> None:
    corpus = load_corpus(path)
    report = check_corpus(corpus)
    texts = {s.id: s.text for s in corpus.sources}
    aliases = AliasTable(corpus.aliases)
    pairs = {"passage": [], "window": []}
    for f in report.findings:
        if f.kind != "quote" or f.reference_span is None:
            continue
        rtext = texts[f.reference]
        q = [t.key for t in aliases.apply(tokenize(texts[f.source], f.span.start, f.span.end))]
        r = [t.key for t in aliases.apply(tokenize(rtext, f.reference_span.start, f.reference_span.end))]
        pairs["passage"].append(encode(r, q))
        rt = aliases.apply(tokenize(rtext))
        i = next(k for k, t in enumerate(rt) if t.start >= f.reference_span.start)
        w = [t.key for t in rt[max(0, i - WINDOW):i + len(r) + WINDOW]]
        pairs["window"].append(encode(w, q))
    libs = {"diff-match-patch": runs_dmp, "fast-diff-match-patch": runs_fast, "difflib": runs_difflib}
    for name, ps in pairs.items():
        print(f"{name}: {len(ps)} quotes, record side {sum(len(a) for a, _ in ps)} words")
        results = {}
        for lib, fn in libs.items():
            t = time.perf_counter()
            for _ in range(REPEAT):
                res = [fn(a, b) for a, b in ps]
            results[lib] = res
            us = (time.perf_counter() - t) / REPEAT / len(ps) * 1e6
            print(f"  {lib:24s} {us:9.1f} us/diff")
        base = results["fast-diff-match-patch"]
        for lib, res in results.items():
            same_script = sum(normal(x) == normal(y) for x, y in zip(res, base))
            same_matched = sum(sum(n for o, n in x if o == 0) == sum(n for o, n in y if o == 0)
                               for x, y in zip(res, base))
            print(f"  {lib:24s} same edit script as fast-dmp {same_script}/{len(base)}, "
                  f"same matched words {same_matched}/{len(base)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
