import json
import os
BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

class Event:
    def __init__(self, root, eid, refs, default_speaker=None, event_date=None):
        self.dir = os.path.join(BASE, root, eid)
        self.refs = {k: open(os.path.join(self.dir, v), encoding='utf-8').read() for k, v in refs.items()}
        self.default_ref = list(refs)[0]
        self.multi = len(refs) > 1
        self.labels = {}
        self.cur = None; self.text = None
        self.default_speaker = default_speaker
        self.event_date = event_date
    def art(self, sid, path):
        self.cur = sid
        self.text = open(os.path.join(self.dir, path), encoding='utf-8').read()
        self.labels.setdefault(sid, [])
    def _loc(self, text, occ=None, anchor=None):
        t = self.text
        if anchor is not None:
            a = t.find(anchor); assert a >= 0, (self.cur, 'anchor', anchor)
            assert t.count(anchor) == 1, (self.cur, 'anchor not unique', anchor)
            r = anchor.find(text); assert r >= 0, (self.cur, 'text not in anchor', text)
            pos = a + r
            occ = t[:pos].count(text) + 1 if text not in t[:pos] or True else None
            # count occurrences starting before pos (non-overlapping find semantics)
            n, i = 0, -1
            while True:
                i = t.find(text, i + 1)
                assert i >= 0
                n += 1
                if i == pos: break
            occ = n
        assert text in t, (self.cur, 'missing', text)
        if occ is None:
            occ = 1
        return occ
    def add(self, item, text, occ=None, anchor=None):
        occ = self._loc(text, occ, anchor)
        item = dict(item); item['text'] = text
        if occ and occ > 1: item['occurrence'] = occ
        # reorder keys
        keys = ['kind', 'text', 'occurrence']
        out = {k: item[k] for k in keys if k in item}
        out.update({k: v for k, v in item.items() if k not in out})
        self.labels[self.cur].append(out)
        return out
    def quote(self, text, verdict, record=None, speaker='default', note=None, said_by='default',
              src=None, occ=None, anchor=None, outside=False, acceptable=None, planted=None):
        if speaker == 'default': speaker = self.default_speaker if verdict != 'unattested' else None
        if said_by == 'default': said_by = speaker
        it = {'kind': 'quote', 'verdict': verdict, 'record': record, 'speaker': speaker}
        if record is not None:
            src = src or self.default_ref
            assert record in self.refs[src], (self.cur, 'record not in', src, record)
            if self.multi: it['record_source'] = src
        if acceptable: it['acceptable'] = acceptable
        if outside: it['outside_stored_record'] = True
        if note: it['note'] = note
        if planted: it['planted'] = True
        self.add(it, text, occ, anchor)
        # attributed speaker item for quotes found in the record
        if record is not None and said_by:
            sp = {'kind': 'speaker', 'verdict': 'clean' if said_by == speaker else 'conflict',
                  'article_speaker': said_by, 'speaker': speaker}
            if planted and said_by != speaker: sp['planted'] = True
            self.add(sp, text, occ, anchor)
    def _fact(self, kind, text, verdict, expected, note, occ, anchor, planted):
        it = {'kind': kind, 'verdict': verdict, 'expected': expected}
        if note: it['note'] = note
        if planted: it['planted'] = True
        self.add(it, text, occ, anchor)
    def name(self, text, verdict='clean', expected='same', note=None, occ=None, anchor=None, planted=None):
        if expected == 'same': expected = text if verdict == 'clean' else None
        self._fact('name', text, verdict, expected, note, occ, anchor, planted)
    def place(self, text, expected, verdict='clean', note=None, occ=None, anchor=None, planted=None):
        self._fact('place', text, verdict, expected, note, occ, anchor, planted)
    def date(self, text, expected='event', verdict='clean', note=None, occ=None, anchor=None, planted=None):
        self._fact('date', text, verdict, self.event_date if expected == 'event' else expected, note, occ, anchor, planted)
    def number(self, text, expected, verdict='clean', note=None, occ=None, anchor=None, planted=None):
        self._fact('number', text, verdict, expected, note, occ, anchor, planted)
    def write(self):
        with open(os.path.join(self.dir, 'labels.json'), 'w', encoding='utf-8') as f:
            json.dump(self.labels, f, ensure_ascii=False, indent=1)
            f.write('\n')
        n = sum(len(v) for v in self.labels.values())
        print(self.dir, len(self.labels), 'texts', n, 'items')
