"""Check benchmarks/accuracy/{real,perturbed}: manifests, label offsets, records; print counts.

python benchmarks/accuracy/validate.py
"""
import collections
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = {'quote': {'verbatim', 'variant', 'paraphrase', 'unattested'}, 'speaker': {'clean', 'conflict'},
            'name': {'clean', 'misspelling', 'absent'}, 'place': {'clean', 'conflict'},
            'date': {'clean', 'conflict'}, 'number': {'clean', 'conflict'}}


def check(setname):
    root = os.path.join(HERE, setname)
    counts = collections.Counter(); planted = collections.Counter(); ntexts = 0; errors = []
    ids = set()
    for eid in sorted(os.listdir(root)):
        d = os.path.join(root, eid)
        with open(os.path.join(d, 'sources.toml'), 'rb') as f: sources = tomllib.load(f)['source']
        labels = json.load(open(os.path.join(d, 'labels.json'), encoding='utf-8'))
        refs = {}
        for s in sources:
            assert s['id'] not in ids, s['id']; ids.add(s['id'])
            assert os.path.exists(os.path.join(d, s['path'])), s['path']
            if s['role'] == 'reference': refs[s['id']] = open(os.path.join(d, s['path']), encoding='utf-8').read()
        press = {s['id']: s for s in sources if s['role'] == 'press'}
        assert set(press) == set(labels), (eid, set(press) ^ set(labels))
        for sid, items in labels.items():
            ntexts += 1
            text = open(os.path.join(d, press[sid]['path']), encoding='utf-8').read()
            for it in items:
                k, v = it['kind'], it['verdict']
                if v not in VERDICTS[k]: errors.append((eid, sid, 'verdict', it))
                occ = it.get('occurrence', 1); pos = -1
                for _ in range(occ):
                    pos = text.find(it['text'], pos + 1)
                    if pos < 0: errors.append((eid, sid, 'text not found', it)); break
                if k == 'quote' and it.get('record') is not None:
                    src = it.get('record_source') or next(iter(refs))
                    if it['record'] not in refs[src]: errors.append((eid, sid, 'record not in reference', it))
                counts[(k, v)] += 1
                if it.get('planted'): planted[(k, v)] += 1
    return ntexts, counts, planted, errors


if __name__ == '__main__':
    bad = 0
    for name in ('real', 'perturbed'):
        n, c, p, e = check(name)
        print(f'== {name}: {n} press texts, {sum(c.values())} labelled items, {sum(p.values())} planted')
        for (k, v), m in sorted(c.items()):
            print(f'   {k:8s} {v:12s} {m:4d}' + (f'   (planted {p[(k, v)]})' if p[(k, v)] else ''))
        for x in e: print('ERROR', x)
        bad += len(e)
    sys.exit(1 if bad else 0)
