"""Never hang: every compiled regular expression in the package scans 1 MB of adversarial text.

The patterns are collected by introspection (module attributes, containers, class attributes), so a
pattern added later is covered without editing this test. The scan runs in a child process: a
catastrophic pattern would otherwise hang the suite instead of failing it. The bound is generous
(linear patterns take well under a second per MB here; a quadratic one takes many minutes).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

PER_PATTERN_BOUND = 20.0  # seconds for 1 MB; a backtracking blow-up is orders of magnitude beyond
TOTAL_TIMEOUT = 600

CHILD = textwrap.dedent(r'''
    import importlib, json, pkgutil, random, re, sys, time
    import crosscheck

    def patterns():
        found = {}
        for info in pkgutil.walk_packages(crosscheck.__path__, "crosscheck."):
            mod = importlib.import_module(info.name)
            stack = [(f"{info.name.rsplit('.', 1)[-1]}.{k}", v) for k, v in vars(mod).items()]
            while stack:
                name, v = stack.pop()
                if isinstance(v, re.Pattern):
                    found.setdefault(id(v), (name, v))
                elif isinstance(v, (list, tuple, set, frozenset)):
                    stack += [(f"{name}[{i}]", x) for i, x in enumerate(v)
                              if isinstance(x, (re.Pattern, list, tuple, dict))]
                elif isinstance(v, dict):
                    stack += [(f"{name}[{k!r}]", x) for k, x in list(v.items())[:10000]
                              if isinstance(x, (re.Pattern, list, tuple, dict))]
                elif isinstance(v, type) and v.__module__ == mod.__name__:
                    stack += [(f"{name}.{k}", x) for k, x in vars(v).items() if isinstance(x, re.Pattern)]
        return sorted(found.values(), key=lambda x: x[0])

    def adversarial(pattern, size=1_000_000):
        """Long runs of what names, dates, quotes and sentence ends are made of, plus the pattern's own
        words (so alternations of verbs or months get to backtrack), plus random punctuation soup."""
        words = re.findall(r"[^\W\d_]{2,}", pattern.pattern)[:30] or ["mot"]
        # Few, long runs (~100 KB each): a quadratic scan of one run alone takes about a minute.
        units = ["Aa ", "Aa-", "A", " ", "M. ", "1 ", "« ", "Aa'",
                 " ".join(w.capitalize() if i % 2 else w for i, w in enumerate(words)) + " "]
        run = size // (len(units) + 1)
        parts = [(u * (run // len(u) + 1))[:run] for u in units]
        rnd = random.Random(7)
        soup = "Aaé1 .,:;-'’«»“”\"\n\u00a0()[]…/°\u200b\u0301"
        parts.append("".join(rnd.choice(soup) for _ in range(run)))
        return "\n".join(parts)

    results = {}
    for name, p in patterns():
        text = adversarial(p)
        print("START", name, flush=True)
        t = time.perf_counter()
        for _ in p.finditer(text):
            pass
        results[name] = [len(text), time.perf_counter() - t]
    print("RESULTS", json.dumps(results), flush=True)
''')


def test_every_package_regex_is_linear_on_1mb_adversarial_input():
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=TOTAL_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        started = [line.split()[1] for line in out.splitlines() if line.startswith("START")]
        raise AssertionError(f"regex scan did not finish; stuck on {started[-1] if started else '?'}") from None
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout.split("RESULTS", 1)[1])
    assert len(results) >= 40, sorted(results)  # the package's patterns really were found
    assert {"segment._SENT_END_RE", "extract.PRE_SPEAKER_RE", "normalize.WORD_RE"} <= set(results)
    assert all(size >= 1_000_000 for size, _ in results.values())
    print(sorted(((round(t, 2), n) for n, (_, t) in results.items()), reverse=True)[:5])
    slow = {name: round(t, 2) for name, (_, t) in results.items() if t > PER_PATTERN_BOUND}
    assert not slow, slow
