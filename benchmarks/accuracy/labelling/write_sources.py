import os
BASE=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'real')
def q(s): return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
def write(eid, refs, press, lang):
    out=[]
    for r in refs:
        out.append('[[source]]')
        for k in ['id','path','role','title','outlet','published','url','language','place','translation','note']:
            if k not in r: continue
            v=r[k]
            if k=='published': out.append(f'{k} = {v}')
            elif isinstance(v,bool): out.append(f'{k} = {"true" if v else "false"}')
            else: out.append(f'{k} = {q(v)}')
        out.append('')
    for p in press:
        sid,title,outlet,pub,url=p[:5]
        note=p[5] if len(p)>5 else None
        out.append('[[source]]'); out.append(f'id = {q(sid)}'); out.append(f'path = {q(sid+".txt")}'); out.append('role = "press"')
        out.append(f'title = {q(title)}'); out.append(f'outlet = {q(outlet)}'); out.append(f'published = {pub}')
        out.append(f'url = {q(url)}'); out.append(f'language = {q(lang)}')
        if note: out.append(f'note = {q(note)}')
        out.append('')
        assert os.path.exists(os.path.join(BASE,eid,sid+'.txt')), sid
    open(os.path.join(BASE,eid,'sources.toml'),'w').write('\n'.join(out))
    import tomllib; d=tomllib.load(open(os.path.join(BASE,eid,'sources.toml'),'rb'))
    print(eid, len(d['source']))

write('state-2022-07-27-blinken', [dict(id='state-2022-07-27-transcript', path='transcript.txt', role='reference', title='Secretary Antony J. Blinken At a Press Availability', outlet='U.S. Department of State (copy on the U.S. Embassy in Italy site)', published='2022-07-27', url='https://it.usembassy.gov/secretary-antony-j-blinken-at-a-press-availability-4/', language='en', place='Washington', translation=False, note='opening statement only (the stored copy ends there); the Q&A is not included')], [
 ('reuters-jpost','Breaking news item on Blinken and Lavrov call (Reuters)','The Jerusalem Post (Reuters)','2022-07-27','https://www.jpost.com/breaking-news/article-713280'),
 ('reuters-nationthailand','Blinken to speak with Lavrov, presses Russia on detained Americans (Reuters; no headline in stored copy)','Nation Thailand (Reuters)','2022-07-28','https://www.nationthailand.com/international/40018240'),
 ('londonbusinessblog','US made substantial proposal to Russia for release of Griner and Whelan, says Blinken','londonbusinessblog.com (rewrite of an NBC News report)','2022-07-28','https://londonbusinessblog.com/us-made-substantial-proposal-to-russia-for-release-of-griner-and-whelan-says-blinken/','publication date approximate; the last paragraph of the stored copy (cut mid-sentence) is left out'),
 ('cnn-newsam','Blinken plans to talk to Lavrov','News.am (citing CNN)','2022-07-28','https://news.am/eng/news/713782.html'),
 ('thehill-yahoo','Blinken to call Russian foreign minister and discuss Griner, Whelan','Yahoo News (syndicated)','2022-07-27','https://news.yahoo.com/blinken-meet-russian-foreign-minister-200018455.html','first three paragraphs only (later paragraphs quote the Q&A, which the stored transcript lacks)'),
 ('ap-pressandjournal','US makes offer to Russia in bid to secure release of jailed Americans','Press and Journal (AP)','2022-07-27','https://www.pressandjournal.co.uk/news/world/4592917/us-makes-offer-to-russia-in-bid-to-secure-release-of-jailed-americans/','first four paragraphs only'),
 ('lyricssearch','Blinken announced a telephone conversation with Lavrov in the coming days','lyricssearch.eu (machine translation of a Russian report)','2022-07-28','https://lyricssearch.eu/blinken-announced-a-telephone-conversation-with-lavrov-in-the-coming-days.html','opening paragraphs only; image alt-text debris removed'),
 ('bloomberg-autonews','US looks to swap former BorgWarner executive Paul Whelan, WNBA star Brittney Griner (title from URL)','Automotive News (Bloomberg)','2022-07-28','https://www.autonews.com/executives/us-looks-swap-former-borgwarner-executive-paul-whelan-wnba-star-brittney-griner-russian','three consecutive paragraphs of the stored copy'),
], 'en')

write('wh-2024-01-30-marine-one', [
 dict(id='wh-2024-01-30-transcript', path='transcript-whitehouse.txt', role='reference', title='Remarks by President Biden Before Marine One Departure', outlet='The White House (text republished by news.doourbest.org)', published='2024-01-30', url='https://news.doourbest.org/content/9434', language='en', place='Washington', translation=False, note='whitehouse.gov text; lacks the one-word answer "Yes." that the DCPD text records'),
 dict(id='dcpd-2024-01-30-transcript', path='transcript-dcpd.txt', role='reference', title='Remarks in an Exchange With Reporters Prior to Departure for West Palm Beach, Florida', outlet='The American Presidency Project (Daily Compilation of Presidential Documents)', published='2024-01-30', url='https://www.presidency.ucsb.edu/documents/remarks-exchange-with-reporters-prior-departure-for-west-palm-beach-florida', language='en', place='Washington', translation=False, note='stored copy ends before the border question')], [
 ('reuters-aaj','Biden says he has decided on response to Jordan drone attack (Reuters; no headline in stored copy)','Aaj English TV (Reuters)','2024-01-30','https://english.aaj.tv/news/amp/30349448'),
 ('lbc','President Biden says he has decided US response to Jordan drone strike which killed three soldiers','LBC','2024-01-30','https://www.lbc.co.uk/news/president-biden-usa-response-soldier-deaths-jordan-drone-strike/','first paragraphs only'),
 ('thekorrespondent','US President Biden says he has decided on his response to drone strike that killed three U.S. troops','The Korrespondent','2024-01-31','https://thekorrespondent.com/2024/01/31/us-president-biden-says-he-has-decided-on-his-response-to-drone-strike-that-killed-three-u-s-troops','cut before a Blinken quote that breaks off in the stored copy'),
 ('nbc-aol','Biden says he has decided on response to deaths of U.S. soldiers in Jordan','AOL (NBC News)','2024-01-30','https://www.aol.com/biden-says-decided-response-deaths-162248285.html','first paragraphs only'),
 ('axios','Biden says he\'s decided how to respond to deadly Jordan attack','Axios','2024-01-30','https://www.axios.com/2024/01/30/biden-us-respond-jordan-attack','first paragraphs only'),
 ('afp-brecorder','Biden says has decided Jordan strike response, doesn\'t want wider war','Business Recorder (AFP)','2024-01-31','https://www.brecorder.com/news/amp/40286530'),
 ('politico-ru24','Biden says he has decided how to retaliate for Jordan drone strike (no headline in stored copy)','ru24.net (aggregated copy)','2024-01-30','https://ru24.net/english/370917400','first paragraphs only'),
 ('almayadeen','Biden says decided on response to attack on US base in Jordan','Al Mayadeen English','2024-01-30','https://english.almayadeen.net/news/politics/biden-says-decided-on-response-to-attack-on-us-base-in-jorda','cut before a paragraph that breaks off in the stored copy'),
], 'en')

write('wh-2023-05-26-marine-one', [dict(id='wh-2023-05-26-transcript', path='transcript.txt', role='reference', title='Remarks by President Biden Before Marine One Departure', outlet='The White House', published='2023-05-26', url='https://www.whitehouse.gov/briefing-room/speeches-remarks/2023/05/26/remarks-by-president-biden-before-marine-one-departure-36/', language='en', place='Washington', translation=False)], [
 ('whatsnew2day','Biden hopes for evidence tonight before the clock strikes 12 that he has a deal with McCarthy','whatsnew2day.com (rewrite of a Daily Mail report)','2023-05-27','https://whatsnew2day.com/biden-hopes-for-evidence-tonight-before-the-clock-strikes-12-that-he-has-a-deal-with-mccarthy/','publication date approximate; cut before a sentence that breaks off'),
 ('nybreaking','Biden hopes for evidence tonight before the clock strikes 12 that he has a deal with McCarthy','nybreaking.com (rewrite of a Daily Mail report)','2023-05-27','https://nybreaking.com/?p=332656','publication date approximate; cut before a sentence that breaks off'),
 ('wstpost','Biden is hoping for evidence tonight before the clock strikes 12 that he has a deal with McCarthy','wstpost.com (rewrite of a Daily Mail report)','2023-05-27','https://wstpost.com/biden-is-hoping-for-evidence-tonight-before-the-clock-strikes-12-that-he-has-a-deal-with-mccarthy/','publication date approximate'),
 ('ap-voa','Debt ceiling deadline is extended to June 5, Yellen says (title from URL)','Voice of America (AP)','2023-05-26','https://voa.pangea-cms.com/preview/en-US/a/debt-ceiling-deadline-is-extended-to-june-5-yellen-says-/7111303.html','first four paragraphs only'),
 ('examiner-verbalfirstaid','Biden says he’s ‘very optimistic’ over debt ceiling; deal could come Friday night','verbalfirstaidthebook.com (copy of a Washington Examiner report by Haisten Willis)','2023-05-26','https://www.verbalfirstaidthebook.com/biden-says-hes-very-optimistic-over-debt-ceiling-deal-could-come-friday-night/','timestamps and video-embed lines removed; an unrelated "READ MORE" link and what follows left out'),
], 'en')

write('elysee-2020-10-16-conflans', [dict(id='elysee-2020-10-16-transcript', path='transcript.txt', role='reference', title="Déclaration du Président de la République suite à l'attentat de Conflans-Sainte-Honorine", outlet='Présidence de la République (elysee.fr)', published='2020-10-16', url='https://www.elysee.fr/emmanuel-macron/2020/10/16/declaration-du-president-emmanuel-macron-suite-a-lattentat-de-conflans-sainte-honorine', language='fr', place='Conflans-Sainte-Honorine', translation=False, note="the page's one-line introduction and the first part of the statement only (the stored copy breaks off mid-sentence after it); quotes from the rest are labelled outside_stored_record")], [
 ('leparisien-1novembre54','Enseignant décapité à Conflans : «Ils ne passeront pas», promet Macron','1novembre54.com (copie d’un article du Parisien)','2020-10-16','https://www.1novembre54.com/politique/enseignant-decapite-a-conflans-ils-ne-passeront-pas-promet-macron-16-10-2020-8403610.php','cut before a sentence that breaks off in the stored copy'),
 ('leparisien-video-1novembre54','VIDÉO. Emmanuel Macron à Conflans-Sainte-Honorine : «Un attentat islamiste caractérisé»','1novembre54.com (copie d’une vidéo du Parisien)','2020-10-16','https://www.1novembre54.com/video/video-emmanuel-macron-a-conflans-sainte-honorine-ils-ne-passeront-pas-16-10-2020-8403613.php'),
 ('afp-a221','Macron qualifie cette attaque d’« attentat terroriste islamiste caractérisé » (titre d’après l’URL)','a221.net (AFP)','2020-10-16','https://www.a221.net/macron-qualifie-cette-attaque-dattentat-terroriste-islamiste-caracterise','publication date approximate'),
 ('europe1','Le professeur décapité victime d’un « attentat terroriste islamiste caractérisé » selon Macron (titre d’après l’URL)','Europe 1','2020-10-16','https://www.europe1.fr/societe/le-professeur-decapite-victime-dun-attentat-terroriste-islamiste-caracterise-selon-macron-3999181','first paragraphs only'),
 ('yahoo-priseparole','« C’est la première fois que je vois Macron très grave et ému... » : la prise de parole d’Emmanuel Macron à Conflans-Sainte-Honorine, remarquée sur Twitter','Yahoo Actualités (contenu syndiqué)','2020-10-16','https://fr.news.yahoo.com/la-prise-de-parole-d-emmanuel-macron-a-conflans-saint-honorine-apres-lattentat-contre-un-enseignant-remarquee-sur-twitter-211640265.html','advertising line removed; cut before a quote that breaks off in the stored copy'),
 ('liberation','« Ils ne nous diviseront pas » : Macron appelle à faire bloc (titre d’après l’URL)','Libération','2020-10-17','https://www.staging.libe.io/politiques/2020/10/17/ils-ne-nous-diviseront-pas-macron-appelle-a-faire-bloc_1802708','first paragraph only'),
 ('atlantico','« Ils ne passeront pas » : la réaction d’Emmanuel Macron après la décapitation d’un professeur','Atlantico','2020-10-16','https://atlantico.fr/article/video/-ils-ne-passeront-pas--la-reaction-d-emmanuel-macron-apres-la-decapitation-d-un-professeur','site navigation removed; first paragraphs only'),
 ('mediapart','Le professeur décapité victime d’un « attentat terroriste islamiste caractérisé » (Macron)','Mediapart (fil AFP)','2020-10-16','https://www.mediapart.fr/journal/fil-dactualites/161020/le-professeur-decapite-victime-d-un-attentat-terroriste-islamiste-caracterise-macron','the paywall notice and the repeated lead paragraph are left out'),
 ('bfmtv-yahoo','« Ils ne passeront pas » : Macron dénonce « un attentat terroriste islamiste » après la mort de l’enseignant décapité','Yahoo Actualités (BFMTV)','2020-10-16','https://fr.news.yahoo.com/ne-passeront-macron-d%C3%A9nonce-attentat-211223934.html','cut before a paragraph that breaks off in the stored copy'),
 ('lepoint-yahoo','Enseignant décapité : « Ils ne passeront pas », affirme Emmanuel Macron','Yahoo Actualités (Le Point)','2020-10-17','https://fr.news.yahoo.com/homme-%C3%A9gorg%C3%A9-yvelines-parquet-antiterroriste-184200959.html','cut before a quote that breaks off in the stored copy'),
 ('nonstopzapping','Emmanuel Macron à Conflans-Sainte-Honorine : « Ils ne passeront pas, ils ne nous diviseront pas » (vidéo)','Non Stop Zapping','2020-10-17','http://www.non-stop-zapping.com/actu/politique/emmanuel-macron-conflans-sainte-honorine-ils-ne-passeront-pas-ils-ne-nous-diviseront','publication date approximate; cut before a paragraph that breaks off'),
], 'fr')

write('kremlin-2017-07-08-putin-g20', [dict(id='kremlin-2017-07-08-transcript', path='transcript.txt', role='reference', title="Excerpts from Vladimir Putin's news conference following the G20 Summit", outlet='Embassy of the Russian Federation in the USA (Kremlin English transcript)', published='2017-07-08', url='http://www.russianembassy.org/article/excerpts-from-vladimir-putins-news-conference-following-the-g20-summit', language='en', place='Hamburg', translation=True, note='the first question and the first part of the answer only (the stored copy breaks off mid-sentence)')], [
 ('fox-reportsecret','Putin Shares His Interesting First Impression of President Trump','reportsecret.com (from Fox News)','2017-07-08','http://www.reportsecret.com/2017/07/putin-shares-his-interesting-first.html','blog footer removed'),
 ('politicallore','Putin: TV Trump is very different from the real person','Political Lore','2017-07-09','https://www.politicallore.com/putin-tv-trump-different-real-person/12568','publication date approximate; first paragraphs only'),
 ('freenews-en','Putin spoke about his first meeting with trump','freenews-en.tk (machine translation of a Russian report)','2017-07-08','http://freenews-en.tk/2017/07/08/putin-spoke-about-his-first-meeting-with-trump/'),
 ('ap-dailymail','\'You need to ask him\': Putin hails first meeting with Trump a success','Daily Mail (AP)','2017-07-08','http://www.dailymail.co.uk/news/article-4677930/Putin-hails-meeting-Trump-success.html','cut where photo captions are spliced into the stored text'),
 ('vesti','Smiles and fires: Putin and Trump meet in the historical G20','Vesti News (English)','2017-07-09','http://www.vesti.ru/doc.html?id=2913757','publication date approximate; first paragraphs only'),
 ('abc','Putin claims Trump is \'satisfied\' with his answers on alleged election meddling','ABC News','2017-07-08','https://abcnews.go.com/Politics/putin-claims-trump-satisfied-answers-alleged-election-meddling/story?id=48520913','cut before a quote that breaks off in the stored copy'),
 ('wapo-denverpost','Vladimir Putin says he thinks Trump agrees with his assurances that Moscow didn’t interfere in the 2016 presidential election','The Denver Post (Washington Post report by David Filipov, via PressReader)','2017-07-09','http://www.pressreader.com/usa/the-denver-post/20170709/281539405991322','first paragraphs only'),
 ('ap-arkansasonline','Putin says Trump seemed to accept meddling denial (title from URL)','Arkansas Democrat-Gazette (AP)','2017-07-09','http://www.arkansasonline.com/news/2017/jul/09/putin-says-trump-seemed-to-accept-meddl/'),
 ('cbs','Putin: Trump believes my denial of election meddling, but ask him','CBS News','2017-07-08','https://www.cbsnews.com/news/putin-trump-believes-my-denial-of-election-meddling-but-ask-him/','page chrome and a photo caption removed; first paragraphs only'),
], 'en')
