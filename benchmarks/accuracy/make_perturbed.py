"""Build benchmarks/accuracy/perturbed/ from benchmarks/accuracy/real/ (deterministic).

For each event, a few press texts are copied with planted errors (a list of exact
substring replacements below) and one text is copied untouched as a control.
Labels of the copies are the real labels, moved to where the text now is; the
labels of replaced passages are dropped and replaced by the planted labels
(marked "planted": true).  Run:  python benchmarks/accuracy/make_perturbed.py
"""
import json
import os
import shutil
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, 'real')
OUT = os.path.join(HERE, 'perturbed')


def find_all(t, s):
    out, i = [], t.find(s)
    while i >= 0:
        out.append(i); i = t.find(s, i + 1)
    return out


def locate(text, item):
    pos = find_all(text, item['text'])
    occ = item.get('occurrence', 1)
    assert len(pos) >= occ, ('label text not found', item)
    return pos[occ - 1]


def perturb(text, items, edits):
    """edits: list of dicts with old, new, drop (list of (kind, text[, occurrence])), add (list of items)."""
    spans = [[locate(text, it), it] for it in items]
    for e in edits:
        old, new = e['old'], e['new']
        assert text.count(old) == 1, ('edit target not unique', old, text.count(old))
        p = text.find(old); end = p + len(old); d = len(new) - len(old)
        drops = [tuple(x) for x in e.get('drop', [])]
        kept = []
        for sp in spans:
            pos, it = sp
            key = (it['kind'], it['text']) if 'occurrence' not in it else (it['kind'], it['text'], it['occurrence'])
            ilen = len(it['text'])
            overlaps = pos < end and pos + ilen > p
            if key in drops or (it['kind'], it['text']) in drops:
                if overlaps or key in drops:
                    continue
            assert not overlaps, ('edit overlaps a kept label; list it in drop', old, it)
            if pos >= end: sp[0] = pos + d
            kept.append(sp)
        spans = kept
        text = text[:p] + new + text[end:]
        for it in e.get('add', []):
            it = dict(it)
            anchor = it.pop('anchor', None) or new
            a = find_all(text, anchor); assert len(a) == 1, ('anchor', anchor)
            r = anchor.find(it['text']); assert r >= 0, ('text not in anchor', it)
            spans.append([a[0] + r, it])
    out = []
    for pos, it in sorted(spans, key=lambda s: s[0]):
        it = {k: v for k, v in it.items() if k != 'occurrence'}
        occ = find_all(text, it['text']).index(pos) + 1
        res = {'kind': it['kind'], 'text': it['text']}
        if occ > 1: res['occurrence'] = occ
        res.update({k: v for k, v in it.items() if k not in ('kind', 'text')})
        out.append(res)
    return text, out


def P(kind, text, verdict, anchor=None, planted=True, **kw):
    """A label item; ``planted``: an error this script plants; ``anchor``: a longer text that locates it."""
    d = {'kind': kind, 'text': text, 'verdict': verdict}
    d.update(kw)
    if planted: d['planted'] = True
    if anchor: d['anchor'] = anchor
    return d


def Q(text, verdict, record, speaker, distortion, anchor=None, **kw):
    return P('quote', text, verdict, anchor, record=record, speaker=speaker, distortion=distortion, **kw)


def S(text, article_speaker, speaker, planted=True, anchor=None):
    return P('speaker', text, 'clean' if article_speaker == speaker else 'conflict', anchor, planted,
             article_speaker=article_speaker, speaker=speaker)


def N(text, expected, anchor=None):
    return P('name', text, 'misspelling', anchor, expected=expected)


def PL(text, expected, anchor=None):
    return P('place', text, 'conflict', anchor, expected=expected)


def D(text, expected, anchor=None):
    return P('date', text, 'conflict', anchor, expected=expected)


def NUM(text, expected, anchor=None):
    return P('number', text, 'conflict', anchor, expected=expected)


def U(kind, text, verdict, anchor=None, **kw):
    return P(kind, text, verdict, anchor, planted=False, **kw)


# record passages the planted quotes correspond to
R_3 = "We put a substantial proposal on the table weeks ago to facilitate their release.  Our governments have communicated repeatedly and directly on that proposal.  And I’ll use the conversation to follow up personally and, I hope, move us toward a resolution."
R_PROP = "We put a substantial proposal on the table weeks ago to facilitate their release."
R_GOV = "Our governments have communicated repeatedly and directly on that proposal."
R_WAR = "I don’t think we need a wider war in the Middle East. That’s not what I’m looking for."
R_CLOCK = "I hope we’ll have some clear evidence tonight before the clock strikes twelve that we have a deal."
R_HOUSE = "So there’s no place to go at home; they said I’d be out for five weeks."
C1 = "un de nos concitoyens a été assassiné, aujourd'hui, parce qu'il enseignait, parce qu'il apprenait à des élèves la liberté d'expression, la liberté de croire et de ne pas croire."
C3 = "attentat terroriste islamiste caractérisé"
C5 = "je veux dire ce soir à tous les enseignants de France que nous sommes avec eux, que la Nation toute entière sera là à leurs côtés aujourd'hui et demain pour les protéger, les défendre, leur permettre de faire leur métier, qui est le plus beau qui soit, faire des citoyens libres."
K1 = "There is no reason to believe that Russia interfered in the US election process."
K2 = "As regards personal relations, I believe that they have been established."
K4 = "And this was not a single question, there were many, and he gave much attention to this issue."
STATE = 'State Department, Washington'
WHL = 'South Lawn, White House, Washington'
CONF = 'Conflans-Sainte-Honorine'
WH24 = 'wh-2024-01-30-transcript'
INV = 'invented quote'

def qd(t):  # drop the quote label and its speaker label
    return [('quote', t), ('speaker', t)]

NT1 = "We put a substantial proposal on the table months ago to facilitate their release. Our governments have communicated repeatedly and directly on that proposal. And I'll use the conversation to follow up personally and I hope move us toward a resolution"
NT0 = "We put a substantial proposal on the table weeks ago to facilitate their release. Our governments have communicated repeatedly and directly on that proposal. And I'll use the conversation to follow up personally and I hope move us toward a resolution"
LB_Q = 'Our governments have communicated repeatedly and directly about that proposal and I will use the conversation to follow up personally, and I hope it will lead us to a solution'
BL_FU = 'to follow up personally and, I hope, move us toward a resolution.'
AX_Q = "I don't think we need a wider war in the Middle East. That's not what I'm looking for,"
PO_Q = 'I do hold them responsible in the sense that they’re supplying the weapons to the people who did it'
VOA_Q = "There's a negotiation going on. I'm hopeful we'll know by tonight whether we're going to be able to have a deal."
A221_Q = "Un de nos concitoyens a été assassiné parce qu’il enseignait, parce qu’il a prôné à des élèves la liberté d’expression, la liberté de croire et de ne pas croire. Notre compatriote a été lâchement attaqué"
E1_Q = "Je veux dire à tous les enseignants de France que la nation tout entière sera là, à leurs cotés, aujourd’hui et demain, pour les protéger, les défendre et leur permettre de faire leur métier qui est le plus beau qui soit : faire des citoyens libres"
E1_QN = E1_Q.replace('citoyens libres', 'citoyens obéissants')
LIB_Q = "Un de nos concitoyens a été assassiné aujourd'hui parce qu'il enseignait la liberté d'expression, la liberté de croire et de ne pas croire."
FOX_Q = 'There is no basis to believe that Russia interfered in the electoral process of the United States'
ABC_Q = "Mr Trump's television image is very different from the real person,"
W2_Q = 'Hopefully we have clear evidence tonight before the clock strikes 12 that we have a deal'
W2_QN = W2_Q.replace('12', '10')

EVENTS = {
 'state-2022-07-27-blinken': {
  'reuters-nationthailand': ('p-reuters-nationthailand', [
    dict(old='Speaking at a news conference at the U.S. State Department, Blinken said Washington offered Moscow a deal to bring home WNBA star Brittney Griner',
         new='Speaking at a news conference in Brussels on Thursday, Blinkin said Washington offered Moscow a deal to bring home WNBA star Brittney Grinner',
         drop=[('place', 'at the U.S. State Department'), ('name', 'Brittney Griner')],
         add=[PL('in Brussels', STATE), D('on Thursday', '2022-07-27'), N('Blinkin', 'Antony J. Blinken'), N('Brittney Grinner', 'Brittney Griner')]),
    dict(old='on the table weeks ago to facilitate their release. Our governments', new='on the table months ago to facilitate their release. Our governments',
         drop=qd(NT0),
         add=[Q(NT1, 'variant', R_3, 'Antony Blinken', "'months ago' for 'weeks ago'", anchor=NT1), S(NT1, 'Antony Blinken', 'Antony Blinken', planted=False, anchor=NT1)]),
    dict(old='the release of the two Americans.', new='the release of the three Americans.',
         add=[NUM('three Americans', 'two (Paul Whelan and Brittney Griner)')]),
  ]),
  'cnn-newsam': ('p-cnn-newsam', [
    dict(old='Russian Foreign Minister Sergey Lavrov for the first time', new='Russian Foreign Minister Sergey Lavrow for the first time',
         drop=[('name', 'Sergey Lavrov')], add=[N('Sergey Lavrow', 'Lavrov')]),
    dict(old='began more than five months ago', new='began more than seven months ago',
         drop=[('number', 'more than five months ago')], add=[NUM('more than seven months ago', 'entered its sixth month')]),
    dict(old='The top US diplomat said Wednesday', new='The top US diplomat said Tuesday',
         drop=[('date', 'Wednesday')], add=[D('Tuesday', '2022-07-27')]),
    dict(old='Speaking at a news conference at the State Department, Blinken said', new='Speaking at a news conference at the White House, Blinken said',
         drop=[('place', 'at a news conference at the State Department')], add=[PL('at a news conference at the White House', STATE)]),
    dict(old='would not discuss Ukraine without Ukraine.', new='would not discuss Ukraine without Ukraine. "We will not trade Ukraine\'s future for anyone," Blinken said.',
         add=[Q("We will not trade Ukraine's future for anyone,", 'unattested', None, None, INV)]),
  ]),
  'londonbusinessblog': ('p-londonbusinessblog', [
    dict(old='Secretary of State Antony Blinken said on Wednesday that', new='Secretary of State Anthony Blinkin said on Friday that',
         drop=[('name', 'Antony Blinken'), ('date', 'Wednesday')], add=[N('Anthony Blinkin', 'Antony J. Blinken'), D('Friday', '2022-07-27')]),
    dict(old='the release of the two Americans whom', new='the release of the three Americans whom',
         add=[NUM('three Americans', 'two (Paul Whelan and Brittney Griner)')]),
    dict(old='“We put a substantial proposal on the table weeks ago to facilitate their release,” said Blinken',
         new='“We never put a substantial proposal on the table to facilitate their release,” said Blinken',
         drop=qd('We put a substantial proposal on the table weeks ago to facilitate their release'),
         add=[Q('We never put a substantial proposal on the table to facilitate their release', 'variant', R_PROP, 'Antony Blinken', "negation added; 'weeks ago' dropped"),
              S('We never put a substantial proposal on the table to facilitate their release', 'Antony Blinken', 'Antony Blinken', planted=False)]),
    dict(old='” Blinken added.', new='” Kirby added.', drop=[('speaker', LB_Q)], add=[S(LB_Q, 'John Kirby', 'Antony Blinken', anchor=LB_Q)]),
  ]),
  'bloomberg-autonews': ('p-bloomberg-autonews', [
    dict(old='Blinken said Wednesday of', new='Blinken said Monday in Geneva of',
         drop=[('date', 'Wednesday')], add=[D('Monday', '2022-07-27'), PL('in Geneva', STATE)]),
    dict(old='“Our governments have communicated repeatedly and directly on that proposal.”', new='“Our governments have not communicated on that proposal.”',
         drop=qd('Our governments have communicated repeatedly and directly on that proposal.'),
         add=[Q('Our governments have not communicated on that proposal.', 'paraphrase', R_GOV, 'Antony Blinken', "negation added; 'repeatedly and directly' dropped"),
              S('Our governments have not communicated on that proposal.', 'Antony Blinken', 'Antony Blinken', planted=False)]),
    dict(old='Blinken said he intends to use the conversation with Lavrov', new='Lavrov said he intends to use the conversation with Blinken',
         drop=[('speaker', BL_FU), ('name', 'Lavrov')],
         add=[S(BL_FU, 'Sergey Lavrov', 'Antony Blinken', anchor='“' + BL_FU + '”'), U('name', 'Lavrov', 'clean', expected='Lavrov', anchor='Lavrov said he intends')]),
  ]),
  'reuters-jpost': ('c-reuters-jpost', []),
 },
 'wh-2024-01-30-marine-one': {
  'reuters-aaj': ('p-reuters-aaj', [
    dict(old='U.S. President Joe Biden said on Tuesday he has made up his mind', new='U.S. President Joe Bidden said on Wednesday he has made up his mind',
         drop=[('name', 'Joe Biden'), ('date', 'on Tuesday')], add=[N('Joe Bidden', 'Joe Biden'), D('on Wednesday', '2024-01-30')]),
    dict(old='as he left the White House on a campaign trip', new='as he left Camp David on a campaign trip',
         drop=[('place', 'as he left the White House')], add=[PL('as he left Camp David', WHL)]),
    dict(old='“I don’t think we need a wider war in the Middle East. That’s not what I’m looking for,” said Biden.',
         new='“I think we need a wider war in the Middle East. That’s what I’m looking for,” said Biden.',
         drop=qd('I don’t think we need a wider war in the Middle East. That’s not what I’m looking for'),
         add=[Q('I think we need a wider war in the Middle East. That’s what I’m looking for', 'variant', R_WAR, 'Joe Biden', 'both negations dropped (meaning reversed)', record_source=WH24),
              S('I think we need a wider war in the Middle East. That’s what I’m looking for', 'Joe Biden', 'Joe Biden', planted=False)]),
    dict(old='Three U.S. service members were killed', new='Five U.S. service members were killed',
         drop=[('number', 'Three U.S. service members')], add=[NUM('Five U.S. service members', 'three Americans')]),
  ]),
  'thekorrespondent': ('p-thekorrespondent', [
    dict(old='drone strike that killed three U.S. troops in Jordan.', new='drone strike that killed four U.S. troops in Jordan.',
         drop=[('number', 'three U.S. troops')], add=[NUM('four U.S. troops', 'three Americans')]),
    dict(old='Speaking at the White House on Tuesday, January 30, Biden said', new='Speaking at Joint Base Andrews on Thursday, January 30, Bidan said',
         drop=[('place', 'Speaking at the White House'), ('date', 'Tuesday, January 30')],
         add=[PL('Speaking at Joint Base Andrews', WHL), D('Thursday, January 30', '2024-01-30'), N('Bidan', 'Joe Biden')]),
    dict(old='he said: ‘We will have those discussions.’', new='he said: ‘We will have those discussions next week.’',
         drop=qd('We will have those discussions.'),
         add=[Q('We will have those discussions next week.', 'variant', 'Well, we’ll have that discussion.', 'Joe Biden', "'next week' added", record_source=WH24),
              S('We will have those discussions next week.', 'Joe Biden', 'Joe Biden', planted=False)]),
    dict(old='Biden’s comments came a day after', new='He also said: ‘Iran will pay a very heavy price for this.’\nBiden’s comments came a day after',
         add=[Q('Iran will pay a very heavy price for this.', 'unattested', None, None, INV)]),
  ]),
  'axios': ('p-axios', [
    dict(old='President Biden told reporters Tuesday that', new='President Biden told reporters Monday in Florida that',
         drop=[('date', 'Tuesday')], add=[D('Monday', '2024-01-30'), PL('in Florida', WHL)]),
    dict(old='that killed three American soldiers and wounded dozens', new='that killed 13 American soldiers and wounded dozens',
         drop=[('number', 'three American soldiers')], add=[NUM('13 American soldiers', 'three Americans')]),
    dict(old='" Biden said.', new='" Secretary of State Antony Blinken said.',
         drop=[('speaker', AX_Q)], add=[S(AX_Q, 'Antony Blinken', 'Joe Biden', anchor=AX_Q), U('name', 'Antony Blinken', 'absent', expected=None, note='not in the record')]),
  ]),
  'politico-ru24': ('p-politico-ru24', [
    dict(old='said Tuesday that he’s decided', new='said Friday that he’s decided', drop=[('date', 'Tuesday')], add=[D('Friday', '2024-01-30')]),
    dict(old='in Jordan killed three American soldiers.', new='in Jordan killed thirty American soldiers.',
         drop=[('number', 'three American soldiers')], add=[NUM('thirty American soldiers', 'three Americans')]),
    dict(old='with reporters outside the White House,', new='with reporters outside the Pentagon,',
         drop=[('place', 'outside the White House')], add=[PL('outside the Pentagon', WHL)]),
    dict(old='” Biden said as he left for campaign events in Florida.', new='” Kirby said as he left for campaign events in Florida.',
         drop=[('speaker', PO_Q)], add=[S(PO_Q, 'John Kirby', 'Joe Biden', anchor=PO_Q), U('name', 'Kirby', 'absent', expected=None, note='not in the record')]),
  ]),
  'lbc': ('c-lbc', []),
 },
 'wh-2023-05-26-marine-one': {
  'ap-voa': ('p-ap-voa', [
    dict(old='late Friday, even as', new='late Thursday, even as', drop=[('date', 'late Friday')], add=[D('late Thursday', '2023-05-26')]),
    dict(old='as he left for the Memorial', new='as he left Delaware for the Memorial', add=[PL('left Delaware', WHL)]),
    dict(old='"It\'s very close, and I\'m optimistic."', new='"It\'s not very close, and I\'m not optimistic."',
         drop=qd("It's very close, and I'm optimistic."),
         add=[Q("It's not very close, and I'm not optimistic.", 'variant', 'it’s very close, and I’m optimistic.', 'Joe Biden', 'two negations added'),
              S("It's not very close, and I'm not optimistic.", 'Joe Biden', 'Joe Biden', planted=False)]),
    dict(old='at the White House, the president said:', new='at the White House, House Speaker Kevin McCarthy said:',
         drop=[('speaker', VOA_Q)], add=[S(VOA_Q, 'Kevin McCarthy', 'Joe Biden', anchor=VOA_Q), U('name', 'Kevin McCarthy', 'absent', expected=None, note='not in the record')]),
  ]),
  'examiner-verbalfirstaid': ('p-examiner', [
    dict(old='on the South Lawn of the White House in Washington, Friday, May 26, 2023,', new='at Dover Air Force Base in Delaware, Friday, May 25, 2023,',
         drop=[('place', 'on the South Lawn of the White House in Washington'), ('date', 'Friday, May 26, 2023')],
         add=[PL('at Dover Air Force Base in Delaware', WHL), D('Friday, May 25, 2023', '2023-05-26')]),
    dict(old='President Joe Biden said as much', new='President Joe Bieden said as much', add=[N('Joe Bieden', 'Joe Biden')]),
    dict(old='“Things are looking good. I’m very optimistic.”', new='“Things are looking good. I’m very pessimistic.”',
         drop=qd('Things are looking good. I’m very optimistic.'),
         add=[Q('Things are looking good. I’m very pessimistic.', 'variant', 'things are looking good. I’m very optimistic.', 'Joe Biden', "antonym: 'pessimistic' for 'optimistic'"),
              S('Things are looking good. I’m very pessimistic.', 'Joe Biden', 'Joe Biden', planted=False)]),
    dict(old='Biden said, “I don’t bow to anybody.”', new='Biden said, “I bow to nobody but the American people.”',
         drop=qd('I don’t bow to anybody.'),
         add=[Q('I bow to nobody but the American people.', 'paraphrase', 'I don’t bow to anybody.', 'Joe Biden', 'reworded, with an invented addition'),
              S('I bow to nobody but the American people.', 'Joe Biden', 'Joe Biden', planted=False)]),
  ]),
  'wstpost': ('p-wstpost', [
    dict(old='evidence tonight “before the clock strikes 12” that he', new='evidence tonight “before the clock strikes 11” that he',
         drop=qd('before the clock strikes 12') + [('number', '12')],
         add=[Q('before the clock strikes 11', 'variant', 'before the clock strikes twelve', 'Joe Biden', "'11' for 'twelve'"),
              S('before the clock strikes 11', 'Joe Biden', 'Joe Biden', planted=False), NUM('11', 'twelve', anchor='strikes 11”')]),
    dict(old='President Joe Biden said he was', new='President Joe Bidem said he was', drop=[('name', 'Joe Biden')], add=[N('Joe Bidem', 'Joe Biden')]),
    dict(old='as he left Washington and traveled', new='as he left Chicago and traveled', drop=[('place', 'left Washington')], add=[PL('left Chicago', WHL)]),
    dict(old='President Joe Biden said Friday as he left town', new='President Joe Biden said Saturday as he left town', drop=[('date', 'Friday')], add=[D('Saturday', '2023-05-26')]),
    dict(old='“because my granddaughter graduates on Sunday.”', new='“because my grandson graduates on Saturday.”',
         drop=qd('because my granddaughter graduates on Sunday.'),
         add=[Q('because my grandson graduates on Saturday.', 'variant', 'because my granddaughter graduates on Sunday,', 'Joe Biden', "'grandson' for 'granddaughter', 'Saturday' for 'Sunday'"),
              S('because my grandson graduates on Saturday.', 'Joe Biden', 'Joe Biden', planted=False),
              D('Saturday', '2023-05-28 (Sunday, the day the record gives)', anchor='graduates on Saturday')]),
    dict(old='“no place to go at home for five weeks”', new='“no place to go at home for three weeks”',
         drop=qd('no place to go at home for five weeks'),
         add=[Q('no place to go at home for three weeks', 'paraphrase', R_HOUSE, 'Joe Biden', "number changed: 'three weeks' for 'five weeks'"),
              S('no place to go at home for three weeks', 'Joe Biden', 'Joe Biden', planted=False), NUM('three weeks', 'five weeks')]),
  ]),
  'whatsnew2day': ('p-whatsnew2day', [
    dict(old='before the clock strikes 12 that we have a deal,”', new='before the clock strikes 10 that we have a deal,”',
         drop=qd(W2_Q) + [('number', '12')],
         add=[Q(W2_QN, 'variant', R_CLOCK, 'Joe Biden', "'10' for 'twelve'", anchor=W2_QN), S(W2_QN, 'Joe Biden', 'Joe Biden', planted=False, anchor=W2_QN),
              NUM('10', 'twelve', anchor='strikes 10 that')]),
    dict(old='Biden said negotiators were “very close” but said he was “optimistic.”', new='Vice President Kamala Harris said negotiators were “very close” but said she was “optimistic.”',
         drop=qd('very close') + qd('optimistic.'),
         add=[U('quote', 'very close', 'verbatim', record='very close', speaker='Joe Biden'), S('very close', 'Kamala Harris', 'Joe Biden'),
              U('quote', 'optimistic.', 'verbatim', record='optimistic.', speaker='Joe Biden'), S('optimistic.', 'Kamala Harris', 'Joe Biden'),
              U('name', 'Kamala Harris', 'absent', expected=None, note='not in the record')]),
    dict(old='President Joe Biden said on Friday as he left town', new='President Joe Biden said on Monday as he left town', drop=[('date', 'on Friday')], add=[D('on Monday', '2023-05-26')]),
    dict(old='He has previously talked about installing', new='“We will not default, period,” he added. He has previously talked about installing',
         add=[Q('We will not default, period,', 'unattested', None, None, INV)]),
  ]),
  'nybreaking': ('c-nybreaking', []),
 },
 'elysee-2020-10-16-conflans': {
  'afp-a221': ('p-afp-a221', [
    dict(old='Emmanuel Macron s’est rendu vendredi soir au collège Bois d’Aulne de Conflans-Sainte-Honorine (Yvelines)',
         new='Emmanuel Macrom s’est rendu jeudi soir au collège Bois d’Aulne de Mantes-la-Jolie (Yvelines)',
         drop=[('name', 'Emmanuel Macron'), ('date', 'vendredi soir'), ('place', 'Conflans-Sainte-Honorine')],
         add=[N('Emmanuel Macrom', 'Emmanuel Macron'), D('jeudi soir', '2020-10-16'), PL('Mantes-la-Jolie', CONF)]),
    dict(old='"d’attentat terroriste islamiste caractérisé"', new='"d’attentat terroriste caractérisé"',
         drop=qd('d’attentat terroriste islamiste caractérisé'),
         add=[Q('d’attentat terroriste caractérisé', 'variant', C3, 'Emmanuel Macron', "'islamiste' supprimé"),
              S('d’attentat terroriste caractérisé', 'Emmanuel Macron', 'Emmanuel Macron', planted=False)]),
    dict(old='", a ajouté le président devant le collège', new='", a ajouté Gérald Darmanin devant le collège',
         drop=[('speaker', A221_Q)], add=[S(A221_Q, 'Gérald Darmanin', 'Emmanuel Macron', anchor=A221_Q)]),
  ]),
  'europe1': ('p-europe1', [
    dict(old='Le professeur sauvagement tué vendredi est', new='Le professeur sauvagement tué samedi est', drop=[('date', 'vendredi')], add=[D('samedi', '2020-10-16')]),
    dict(old='a déclaré Emmanuel Macron. Quelques', new='a déclaré Emanuel Macron. Quelques', drop=[('name', 'Emmanuel Macron')], add=[N('Emanuel Macron', 'Emmanuel Macron')]),
    dict(old='faire des citoyens libres", a déclaré le chef de l\'État.', new='faire des citoyens obéissants", a déclaré le ministre de l\'Éducation Jean-Michel Blanquer.',
         drop=qd(E1_Q),
         add=[Q(E1_QN, 'variant', C5, 'Emmanuel Macron', "'obéissants' pour 'libres'", anchor=E1_QN), S(E1_QN, 'Jean-Michel Blanquer', 'Emmanuel Macron', anchor=E1_QN),
              U('name', 'Jean-Michel Blanquer', 'absent', expected=None, note='absent du transcript stocké')]),
  ]),
  'liberation': ('p-liberation', [
    dict(old="«Un de nos concitoyens a été assassiné aujourd'hui parce", new="«Un de nos concitoyens a été assassiné hier parce",
         drop=qd(LIB_Q),
         add=[Q(LIB_Q.replace("aujourd'hui", 'hier'), 'variant', C1, 'Emmanuel Macron', "'hier' pour 'aujourd'hui'", anchor=LIB_Q.replace("aujourd'hui", 'hier')),
              S(LIB_Q.replace("aujourd'hui", 'hier'), 'Emmanuel Macron', 'Emmanuel Macron', planted=False, anchor=LIB_Q.replace("aujourd'hui", 'hier'))]),
    dict(old='Visiblement bouleversé, Emmanuel Macron a tenu', new='Visiblement bouleversé, Emmanuelle Macron a tenu', drop=[('name', 'Emmanuel Macron')], add=[N('Emmanuelle Macron', 'Emmanuel Macron')]),
    dict(old="Devant le collège Bois-d'Aulne de Conflans-Sainte-Honorine, il s'est exprimé vendredi soir", new="Devant le collège Bois-d'Aulne d'Éragny, il s'est exprimé samedi soir",
         drop=[('place', 'Conflans-Sainte-Honorine'), ('date', 'vendredi soir')], add=[PL('Éragny', CONF), D('samedi soir', '2020-10-16')]),
    dict(old='«le courage remarquable»', new='«le courage exceptionnel»', drop=qd('le courage remarquable'),
         add=[Q('le courage exceptionnel', 'variant', 'un courage remarquable', 'Emmanuel Macron', "'exceptionnel' pour 'remarquable'"),
              S('le courage exceptionnel', 'Emmanuel Macron', 'Emmanuel Macron', planted=False)]),
  ]),
  'leparisien-video-1novembre54': ('p-leparisien-video', [
    dict(old='VIDÉO. Emmanuel Macron à', new='VIDÉO. Emmanuel Macrone à', drop=[('name', 'Emmanuel Macron')], add=[N('Emmanuel Macrone', 'Emmanuel Macron')]),
    dict(old='Le président s’est rendu à Conflans-Sainte-Honorine à proximité', new='Le président s’est rendu à Versailles à proximité', add=[PL('à Versailles', CONF)]),
    dict(old="d'« attentat terroriste islamiste caractérisé »", new="d'« attentat terroriste antisémite caractérisé »", drop=qd(C3),
         add=[Q('attentat terroriste antisémite caractérisé', 'variant', C3, 'Emmanuel Macron', "'antisémite' pour 'islamiste'"),
              S('attentat terroriste antisémite caractérisé', 'Emmanuel Macron', 'Emmanuel Macron', planted=False)]),
    dict(old='\n\nLe tueur âgé', new='\n\n« La France fermera toutes les mosquées radicales dès demain », a-t-il ajouté.\n\nLe tueur âgé',
         add=[Q('La France fermera toutes les mosquées radicales dès demain', 'unattested', None, None, 'citation inventée')]),
  ]),
  'mediapart': ('c-mediapart', []),
 },
 'kremlin-2017-07-08-putin-g20': {
  'fox-reportsecret': ('p-fox-reportsecret', [
    dict(old='Russian President Vladimir Putin declared', new='Russian President Vladimir Pudin declared', add=[N('Vladimir Pudin', 'Vladimir Putin')]),
    dict(old='” Putin said Saturday at a press conference.', new='” Putin said Sunday at a press conference in Berlin.',
         drop=[('date', 'Saturday')], add=[D('Sunday', '2017-07-08'), PL('in Berlin', 'Hamburg')]),
    dict(old='“As regards personal relations, I think they are established,”', new='“As regards personal relations, I think they are not established,”',
         drop=qd('As regards personal relations, I think they are established'),
         add=[Q('As regards personal relations, I think they are not established', 'variant', K2, 'Vladimir Putin', 'negation added'),
              S('As regards personal relations, I think they are not established', 'Vladimir Putin', 'Vladimir Putin', planted=False)]),
    dict(old='” Putin said.\nBoth presidents', new='” Lavrov said.\nBoth presidents', drop=[('speaker', FOX_Q)],
         add=[S(FOX_Q, 'Sergey Lavrov', 'Vladimir Putin', anchor=FOX_Q), U('name', 'Lavrov', 'absent', expected=None, note='not in the record')]),
  ]),
  'ap-arkansasonline': ('p-ap-arkansasonline', [
    dict(old='HAMBURG, Germany --', new='MUNICH, Germany --', drop=[('place', 'HAMBURG, Germany')], add=[PL('MUNICH, Germany', 'Hamburg')]),
    dict(old='said Saturday that in his first', new='said Friday that in his first', drop=[('date', 'Saturday')], add=[D('Friday', '2017-07-08')]),
    dict(old='President Donald Trump, he thinks', new='President Donald Trumpp, he thinks', drop=[('name', 'Donald Trump')], add=[N('Donald Trumpp', 'Trump')]),
    dict(old='after the two-day Group of 20 summit', new='after the four-day Group of 20 summit', drop=[('number', 'two-day')], add=[NUM('four-day', 'two-day')]),
    dict(old="Trump's top envoy to the United Nations quickly disputed", new="\"We have agreed to lift all sanctions by the end of the year,\" Putin said.\n\nTrump's top envoy to the United Nations quickly disputed",
         add=[Q('We have agreed to lift all sanctions by the end of the year,', 'unattested', None, None, INV)]),
  ]),
  'abc': ('p-abc', [
    dict(old='Russian President Vladimir Putin said at the G-20 summit Saturday he believes', new='Russian President Vladimir Puttin said at the G-20 summit Friday he believes',
         drop=[('name', 'Vladimir Putin'), ('date', 'Saturday')], add=[N('Vladimir Puttin', 'Vladimir Putin'), D('Friday', '2017-07-08')]),
    dict(old='at the summit in Hamburg, Germany.', new='at the summit in Hanover, Germany.', drop=[('place', 'in Hamburg, Germany')], add=[PL('in Hanover, Germany', 'Hamburg')]),
    dict(old='"There is no ground to believe', new='"There is every ground to believe',
         drop=qd('There is no ground to believe that Russia interfered in the U.S. electoral process.'),
         add=[Q('There is every ground to believe that Russia interfered in the U.S. electoral process.', 'variant', K1, 'Vladimir Putin', 'negation reversed', anchor='There is every ground to believe that Russia interfered in the U.S. electoral process.'),
              S('There is every ground to believe that Russia interfered in the U.S. electoral process.', 'Vladimir Putin', 'Vladimir Putin', planted=False, anchor='There is every ground to believe that Russia interfered in the U.S. electoral process.')]),
    dict(old='" Putin told reporters, according to a translated transcript', new='" Peskov told reporters, according to a translated transcript',
         drop=[('speaker', ABC_Q)], add=[S(ABC_Q, 'Dmitry Peskov', 'Vladimir Putin', anchor=ABC_Q), U('name', 'Peskov', 'absent', expected=None, note='not in the record')]),
  ]),
  'wapo-denverpost': ('p-wapo-denverpost', [
    dict(old='Putin on Saturday said he thinks President Donald Trump agreed', new='Putin on Monday said he thinks President Donald Tromp agreed',
         drop=[('date', 'on Saturday'), ('name', 'Donald Trump')], add=[D('on Monday', '2017-07-08'), N('Donald Tromp', 'Trump')]),
    dict(old='Trump “asked many questions” about', new='Trump “asked 40 questions” about', drop=qd('asked many questions'),
         add=[Q('asked 40 questions', 'paraphrase', K4, 'Vladimir Putin', "invented number: '40 questions'"), S('asked 40 questions', 'Vladimir Putin', 'Vladimir Putin', planted=False),
              NUM('40 questions', 'many (no number in the record)')]),
    dict(old='“there were no grounds to believe', new='“there were grounds to believe',
         drop=qd('there were no grounds to believe that Russia interfered in the U.S. electoral process.'),
         add=[Q('there were grounds to believe that Russia interfered in the U.S. electoral process.', 'variant', K1, 'Vladimir Putin', 'negation dropped', anchor='there were grounds to believe that Russia interfered in the U.S. electoral process.'),
              S('there were grounds to believe that Russia interfered in the U.S. electoral process.', 'Vladimir Putin', 'Vladimir Putin', planted=False, anchor='there were grounds to believe that Russia interfered in the U.S. electoral process.')]),
    dict(old='told reporters in Hamburg, which hosted', new='told reporters in Helsinki, which hosted', drop=[('place', 'in Hamburg')], add=[PL('in Helsinki', 'Hamburg')]),
  ]),
  'politicallore': ('c-politicallore', []),
 },
}


def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def emit_toml(sources):
    out = []
    for s in sources:
        out.append('[[source]]')
        for k, v in s.items():
            if isinstance(v, bool): out.append(f'{k} = {"true" if v else "false"}')
            elif hasattr(v, 'isoformat'): out.append(f'{k} = {v.isoformat()}')
            else: out.append(f'{k} = {q(str(v))}')
        out.append('')
    return '\n'.join(out)


def main():
    if os.path.isdir(OUT): shutil.rmtree(OUT)
    total = 0
    for eid, spec in EVENTS.items():
        src = os.path.join(REAL, eid); dst = os.path.join(OUT, eid); os.makedirs(dst)
        with open(os.path.join(src, 'sources.toml'), 'rb') as f: sources = tomllib.load(f)['source']
        labels = json.load(open(os.path.join(src, 'labels.json'), encoding='utf-8'))
        new_sources, new_labels = [], {}
        for s in sources:
            if s['role'] == 'reference':
                shutil.copy(os.path.join(src, s['path']), os.path.join(dst, s['path']))
                new_sources.append(s)
        byid = {s['id']: s for s in sources}
        for orig, (newid, edits) in spec.items():
            text = open(os.path.join(src, byid[orig]['path']), encoding='utf-8').read()
            new_text, items = perturb(text, labels[orig], edits)
            with open(os.path.join(dst, newid + '.txt'), 'w', encoding='utf-8') as f: f.write(new_text)
            s = dict(byid[orig]); s['id'] = newid; s['path'] = newid + '.txt'
            s['note'] = (f'untouched control copy of real/{eid}/{orig}' if not edits
                         else f'copy of real/{eid}/{orig} with planted errors (see labels, "planted": true)')
            new_sources.append(s)
            new_labels[newid] = items
            n = sum(1 for it in items if it.get('planted'))
            total += n
            print(f'{eid}/{newid}: {n} planted, {len(items)} items')
        with open(os.path.join(dst, 'sources.toml'), 'w', encoding='utf-8') as f: f.write(emit_toml(new_sources))
        with open(os.path.join(dst, 'labels.json'), 'w', encoding='utf-8') as f:
            json.dump(new_labels, f, ensure_ascii=False, indent=1); f.write('\n')
    print('planted errors:', total)


if __name__ == '__main__':
    sys.path.insert(0, HERE)
    main()
