"""Where an article puts the recorded event: towns, countries and states (``text/places.py``) and
named venues (``text/venues.py``), each compared with the record's, each its own finding."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from crosscheck.checks.facts.context import EVENT_CUE_RE, OTHER_EVENT_DAYS, SPEECH_CUE_RE, SPEECH_WORDS_RE
from crosscheck.model import Finding
from crosscheck.text.gazetteer import place_contains
from crosscheck.text.normalize import AliasTable, tokenize
from crosscheck.text.places import LEAVING, TO_PLACE_RE, find_places, place_key
from crosscheck.text.venues import find_venues, top_venue, venue_town

if TYPE_CHECKING:
    from crosscheck.checks.facts.event import _EventSentence
    from crosscheck.checks.record import Record, RecordedEvent


def place_findings(es: _EventSentence, ev: RecordedEvent, ctx: Record, when: dt.date | None,
                    name_spans: list[tuple[int, int]], other_day: bool) -> list[Finding]:
    """Places the sentence puts the recorded event in that are not the record's (a city; a country or
    state that does not hold the recorded city), and a misspelt recorded place."""
    out: list[Finding] = []
    sent = es.sent
    for p in find_places(es.text, sent.start, sent.end, name_spans):
        if ev.place is None:
            break
        if not p.real:
            if _misspelt(p.text, ev.place):
                out.append(es.finding("place", p.start, p.end, f"“{p.text}” is not a place the gazetteer knows; the "
                                                               f"record's place is spelled {ev.place}.",
                                      ev, ev.place, "warning"))
            continue
        if not es.free(p.start, p.end) or _about(es.text, p.start, es.sent.start) or \
                (not p.dateline and _of_a_thing(es.text, p.start, es.sent.start, name_spans)):
            continue
        if es.why != "aligned" and other_day and ctx.mentions_place(p.text):
            continue  # another day at a place the record itself names: another occasion ("Thursday he
            # was in Kuala Lumpur for ASEAN meetings"), not the recorded event moved
        if _same_place(p.text, _places_near(ctx, when), ctx.aliases):
            continue  # the recorded place ("Washington" the city or the state: the same name)
        if (lead := _LEAD_RE.search(es.text, max(es.sent.start, p.start - 40), p.start)) and ctx.echoes(lead.group(), p.text):
            continue  # "the promises it made in Paris": the record's own words about another occasion
        if p.level != "city" and (place_contains(p.text, ev.place) is not False or
                                  not (es.why == "event" or _where_said(es.text, p.start, es.sent.start) or
                                       _visited(es.text, p.start, es.sent.start))):
            continue  # a country or state: checked only where the article says the talks were held
            # or the words said there ("told reporters Monday in Florida", "as he left Delaware"),
            # and only when the gazetteer can say it does not hold the recorded city
        out.append(es.finding("place", p.start, p.end, f"The article puts the recorded event{es.cue} in {p.text}; "
                                                       f"the record places it in {ev.place}.", ev, ev.place))
    return out


# A venue is a claim about where the words were said only in these forms: "Speaking at Joint Base
# Andrews", "told reporters outside the Pentagon", "as he left Camp David", "à l'Élysée".
_VENUE_PREPS = r"at|on|outside|inside|in|from|à|au|devant|depuis|dans"
_ARTICLE = r"(?:\s+(?:the|la|le|l['’]))?\s*"
# (a room after its building's possessive: "from the White House's East Room")
_VENUE_PREP_RE = re.compile(rf"\b(?:{_VENUE_PREPS}|{LEAVING}){_ARTICLE}(?:[A-Z][\w ]{{1,30}}['’]s\s+)?$", re.IGNORECASE)
# a venue naming the kind of event held there: "in a Rose Garden press conference", "at an Oval Office meeting"
# (spaces bounded: an unbounded run scanned from every position of a long run of spaces is quadratic)
_A_VENUE_RE = re.compile(r"\b(?:in|at|during)[ \u00a0]{1,3}(?:a|an)[ \u00a0]{1,3}$", re.IGNORECASE)
_EVENT_NOUN_RE = re.compile(r"[ \u00a0]{1,3}(?:press conference|news conference|speech|address|briefing|appearance|"
                            r"remarks)\b", re.IGNORECASE)
# "At the White House, Biden said": the sentence opens on the venue
_VENUE_OPENS_RE = re.compile(rf"(?:{_VENUE_PREPS}){_ARTICLE}", re.IGNORECASE)
_SAID_THERE_RE = re.compile(r"\b(?:press|news) conference|\bconférence de presse|\bbriefing|\bpoint de presse|"
                            r"\btold (?:reporters|journalists)|\bspeaking|\bsaid|\ba déclaré", re.IGNORECASE)
# a clause's end between the cue and the venue (not the period of "Mr." or "U.S.")
_STOP = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.;!?]"
_FAR_STOP = _STOP[:-1] + ",:()]"
_VENUE_CUE_GAP = 40  # characters between the verb of saying (or event word) and the venue, at most
_VENUE_CUE_FAR = 80  # ... or this many with no comma or other clause mark between them


def venue_findings(es: _EventSentence, ev: RecordedEvent, ctx: Record, when: dt.date | None,
                    other_day: bool) -> list[Finding]:
    """Named venues (text/venues.py) the sentence puts the recorded event at: compared with the venue
    the record's heading names, else by their town with the record's place."""
    out: list[Finding] = []
    text, sent = es.text, es.sent
    for v in find_venues(text, sent.start, sent.end):
        adjective = _A_VENUE_RE.search(text, max(sent.start, v.start - 12), v.start) and \
            _EVENT_NOUN_RE.match(text, v.end)  # "in a Rose Garden press conference"
        if not es.free(v.start, v.end) or not (_VENUE_PREP_RE.search(text, max(sent.start, v.start - 30), v.start)
                                               or adjective) or _about(text, v.start, sent.start):
            continue
        before = text[max(sent.start, v.start - _VENUE_CUE_FAR):v.start]
        # the cue close before the venue, or further within one clause ("talks with the Australian
        # foreign and defense ministers at the Pentagon")
        cued = any(not re.search(_STOP if len(before) - c.end() <= _VENUE_CUE_GAP else _FAR_STOP, before[c.end():])
                   for rx in (EVENT_CUE_RE, SPEECH_CUE_RE, _DEPARTED_RE) for c in rx.finditer(before))
        opening = (_VENUE_OPENS_RE.fullmatch(text[sent.start:v.start].lstrip()) is not None
                   and re.match(r"[^,.;!?]{0,25},", text[v.end:v.end + 30]) is not None and es.near_actor(v.start, v.end))
        if not cued and not opening and not adjective:
            continue  # "With Republicans at the Capitol talking …": not where the record's words were said
        said_there = bool(adjective) or any(not re.search(_STOP, before[c.end():]) for c in _SAID_THERE_RE.finditer(before))
        if es.why != "aligned" and other_day and ctx.mentions_place(v.text):
            continue  # another day at a venue the record itself names: another occasion
        top, place = top_venue(v.name), venue_town(v.name)
        if ctx.venues:
            rooms = {r for r in ctx.rooms if top_venue(r) == top and r != top}
            if top in ctx.venues and not (rooms and v.name != top and v.name not in rooms and said_there):
                continue
            # another room of the recorded building: only where the words were said ("told a news
            # conference in the East Room"), not where the leaders met before ("talks in the Oval Office")
            where = f"at the {' / '.join(sorted(rooms if top in ctx.venues else ctx.venues))}"
        else:
            if ev.place is None or place is None or _same_place(place, _places_near(ctx, when), ctx.aliases):
                continue
            where = f"in {ev.place}"
        out.append(es.finding("place", v.start, v.end, f"The article puts the recorded event{es.cue} at {v.text} "
                                                       f"({place}); the record places it {where}.", ev, ev.place))
    return out


# Right before a region: the speaker left it, or spoke in it ("told reporters Monday in Florida").
_DEPARTED_RE = re.compile(rf"\b(?:{LEAVING})\s+$", re.IGNORECASE)
_SAID_IN_RE = re.compile(r"\b(?:in|en|au|aux|à)\s+$", re.IGNORECASE)
_FILLER_RE = re.compile(r"\b(?:reporters|journalists|on|late|early|earlier|today|yesterday|tonight|\w+day|"
                        r"hier|soir|matin|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?", re.IGNORECASE)


def _where_said(text: str, at: int, floor: int) -> bool:
    """Whether the region at ``at`` is where the speaker was: right after a departure verb, or a
    verb of saying followed by at most two words and a locative preposition."""
    before = text[max(floor, at - 40):at]
    if _DEPARTED_RE.search(before):
        return True
    m = _SAID_IN_RE.search(before)
    if not m:
        return False
    head = before[:m.start()].rstrip()
    for _ in range(3):  # the cue, then at most two words of time or audience ("told reporters Monday in")
        if any(c.end() == len(head) for c in SPEECH_CUE_RE.finditer(head)):
            return True
        last = re.search(r"\S+$", head)
        if not last or not _FILLER_RE.fullmatch(last.group()):
            return False
        head = head[:last.start()].rstrip()
    return False


# the word before a place and its preposition ("made in ", "signé à ")
_LEAD_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,30}[ \u00a0]{1,3}(?:in|at|à|en|au|aux)[ \u00a0]{1,3}$", re.IGNORECASE)


def _visited(text: str, at: int, floor: int) -> bool:
    """Whether the region at ``at`` is where a welcome was ("welcomed Yoon to New York"): the event."""
    return any(m.start("place") == at for m in TO_PLACE_RE.finditer(text, max(floor, at - 250), at + 60))


# What a verb of saying is about, not where it was said: "Interrogé sur le rappel des ambassadeurs à
# Canberra", "évoquant le mégacontrat à Canberra", "asked about the talks in Geneva".
_TOPIC_RE = re.compile(r"\b(?:sur|about|concernant|regarding|à propos d|au sujet d|évoquant|dénonçant|mentionnant|"
                       r"citant|referring to|citing|mentioning|denouncing|condemning|criticizing|criticising|critiquant)\b",
                       re.IGNORECASE)


def _about(text: str, at: int, floor: int) -> bool:
    """Whether the place at ``at`` follows a topic marker with no verb of saying or event word after it."""
    before = text[max(floor, at - 160):at]
    topics = list(_TOPIC_RE.finditer(before))
    if not topics:
        return False
    last = topics[-1].end()
    return not any(c.start() >= last for rx in (SPEECH_WORDS_RE, EVENT_CUE_RE, _LEAVING_RE) for c in rx.finditer(before))


# Between a verb of saying and a place: a time ("jeudi soir", "on Monday", "le 16 octobre") is fine.
_TIME_PHRASE_RE = re.compile(r"\b(?:le|la|the|this|ce|cette|on|late|early)\s+(?:\d+\w*|\w+day|lundi|mardi|mercredi|jeudi|"
                             r"vendredi|samedi|dimanche|matin|soir|morning|evening|afternoon|night|week|semaine)\b",
                             re.IGNORECASE)
_LEAVING_RE = re.compile(rf"\b(?:{LEAVING})\b", re.IGNORECASE)
# a determiner before a common noun ("le rappel", "the plant"), not before a name ("the Asia-Pacific Forum")
_DETERMINER_RE = re.compile(r"\b(?:[Ll]e|[Ll]a|[Ll]es|[Ll]['’]|[Uu]ne?|[Dd]es|[Dd]u|[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|"
                            r"[Ss]on|[Ss]a|[Ss]es|[Ll]eurs?)\b(?:\s+|(?<=['’]))(?=[a-zà-öø-ÿ])")
# where an event happens beside another: "on the sidelines of the … Forum", "en marge du sommet"
_BESIDE_RE = re.compile(r"\b(?:on the (?:sidelines|margins) of|at the end of|en marge d[eu]s?|à l['’]issue d[eu]s?|lors d[eu]s?)\b",
                        re.IGNORECASE)


def _of_a_thing(text: str, at: int, floor: int, names: list[tuple[int, int]]) -> bool:
    """Whether the place belongs to a thing named after the last verb of saying or event word rather
    than to the verb: "a justifié le rappel des ambassadeurs à Canberra" (the ambassadors'
    place), unlike "a déclaré jeudi à Nice", "met his counterpart Choe Son Hui in Pyongyang" (the
    person met, then where) or "son entretien avec le ministre …, Choe Song-hui, à Pyongyang"."""
    before = text[floor:at]
    cues = [c.end() for rx in (SPEECH_CUE_RE, EVENT_CUE_RE, _LEAVING_RE) for c in rx.finditer(before)]
    if not cues:
        return False  # the place opens the sentence ("À Nice, le président a déclaré")
    last = floor + max(cues)
    if any(last <= a < at for a, _ in names):
        return False  # a person between the verb and the place: whom the words were said to or met
    between = _BESIDE_RE.sub(" ", _TIME_PHRASE_RE.sub(" ", text[last:at]))
    return _DETERMINER_RE.search(between) is not None


def _misspelt(name: str, place: str) -> bool:
    """A few letters off the record's place name (not a short form of it): "Conflans-Saine-Honorine"."""
    from rapidfuzz.distance import Levenshtein

    a, b = place_key(name), place_key(place)
    return a != b and len(b) >= 5 and Levenshtein.distance(a, b) <= max(1, len(b) // 8)


_TOWN_QUALIFIERS = frozenset({"dc", "city", "ville"})


def _same_place(name: str, places: set[str], aliases: AliasTable) -> bool:
    key = place_key(name)
    if key in places:
        return True
    if any(p.startswith(key) and len(key) >= 4 for p in places) and "-" not in name:
        return True  # "Conflans" for "Conflans-Sainte-Honorine": the usual short form
    canon = "_".join(t.key for t in aliases.apply(tokenize(name)))
    if any(canon == "_".join(t.key for t in aliases.apply(tokenize(p))) for p in places):
        return True
    # "Washington DC" / "Washington, D.C." for "Washington", "New York City" for "New York"
    return any(a.startswith(b) and a[len(b):] in _TOWN_QUALIFIERS for p in places for a, b in ((key, p), (p, key)))


def _places_near(ctx: Record, when: dt.date | None) -> set[str]:
    """Where the recorded events around ``when`` took place: with records of several events, an
    article about one is checked against that one's place, not any record's."""
    near = {place_key(e.place) for e in ctx.events
            if e.place and e.date and when and abs((e.date - when).days) <= OTHER_EVENT_DAYS}
    return near or ctx.event_places
