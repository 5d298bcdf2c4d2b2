"""Events: assemblies, fair editions (dates, venue, town), fairs held on the same days,
conferences, signings, with their speakers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

from ...model import Event
from .. import gazetteer as gz
from .._dates import _MONTH_NUM, _MONTHS_EN, _MONTHS_IT, _dates
from .._lex import _SP
from ..base import file_name_date
from ..timex import is_compared_edition
from .document import _FAIR_NOUN, _ORGANISED_BY, _RELATIVE_DAYS
from .frames import _fair_of
from .lexicon import _WEEKDAY, _event_words, _words_alt, _words_re
from .names import _CAP_SEQ, _NAME_WORD, _NOT_NAME_START, _clean_name
from .orgs import _unknown_org_after
from .people import _elect_re, _nearest_org_before
from .state import _BIG, _mention, _near, _overlaps_entity, _Span, _State

_TITLE_RE = re.compile(r"(?i)\b(?:under\s+the\s+title|entitled|titled|with\s+the\s+title|dal\s+titolo|intitolat[ao]|il\s+titolo)\s*[:,]?\s*[“\"«]([^”\"»]{3,200})[”\"»]")


@cache
def _season_before_re() -> re.Pattern[str]:
    words = _words_alt(_event_words().get("collection_seasons", ()))
    return re.compile(rf"(?i)\b(?:{words})[ \u00a0]*$")


@cache
def _assembly_re() -> re.Pattern[str]:
    return _words_re(_event_words()["assembly"])


@cache
def _speakers_re() -> re.Pattern[str]:
    return _words_re(_event_words()["attendance"])


@cache
def _speech_re() -> re.Pattern[str]:
    return _words_re(_event_words()["speech"])


@cache
def _speech_before_re() -> re.Pattern[str]:
    return re.compile(_speech_re().pattern + r"[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,3}$")


@cache
def _signing_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = _event_words()["signing"]
    return _words_re(w["documents"]), _words_re(w["verbs"])


_HELD_AT = re.compile(r"(?i)\b(?:held|hosted|took\s+place|staged|met|gathered|convened|si\s+è\s+(?:svolt[ao]|tenut[ao]|riunit[ao])|si\s+sono\s+riuniti|riunit[ai]|ospitat[ao])\b[^.;]{0,50}?(?:\b(?:at|presso|nella\s+cornice\s+d\w+)[ \u00a0]+(?:the[ \u00a0]+|il[ \u00a0]+|la[ \u00a0]+|lo[ \u00a0]+|l['’])?|\b(?:al|alla|allo|all['’])[ \u00a0]*(?=[A-ZÀ-Ý]))")
# "took place ..." / "si è svolta ...": the sentence reports where and when the meeting was held
_HELD_AFTER = 3
# a town may hold a joining word ("Desenzano del Garda", "Trezzo sull'Adda"; a page that lost its
# apostrophes writes "sull?Adda")
_TOWN_WORDS = (rf"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:{_SP}+(?:del|della|delle|dei|di|de|sul|sulla){_SP}+[A-ZÀ-Ý][a-zà-ÿ'’-]+"
               rf"|{_SP}+(?:sull|dell|nell|all)['’?][A-ZÀ-Ý][a-zà-ÿ'’-]+)?")
_HELD_IN_TOWN = re.compile(rf"(?i:\b(?:held|took{_SP}+place|si{_SP}+è{_SP}+(?:svolt[ao]|tenut[ao])|(?:svolt|tenut)[ao](?:si)?)"
                           # "svolta venerdì scorso a ...", "held last Friday in ...": the day between
                           rf"(?:{_SP}+(?:today|yesterday|oggi|ieri|last{_SP}+(?:{_WEEKDAY[4:-1]})|(?:{_WEEKDAY[4:-1]}){_SP}+scors[oa]))?,?{_SP}+(?:in|a){_SP}+)"
                           rf"(?P<town>{_TOWN_WORDS})\b(?![ \u00a0]+[A-Z])")
_NAMED_ASSEMBLY = re.compile(r"\b(?:Assembly|Assemblea|General[ \u00a0]+Meeting)\b")
_HELD_VERB = re.compile(r"(?i)\b(?:held|hosted|took\s+place|staged|si\s+è\s+(?:svolt[ao]|tenut[ao])|ha\s+avuto\s+luogo)\b")
# "presso Villa Verdi a Lodi": the town named right after a venue (Italian "a" names a
# town; English "in" may name a district: "in Milanofiori")
_TOWN_AFTER = re.compile(rf"[ \u00a0]*,?[ \u00a0]+(?:a|ad|di|of)[ \u00a0]+((?:{_NAME_WORD}|[A-Z]['’][A-Z][a-z]+)(?:[ \u00a0]+(?:d['’][A-ZÀ-Ý][a-zà-ÿ]+|{_NAME_WORD}|(?:di|de|del|sul|sull['’])[ \u00a0]+{_NAME_WORD}|(?:sull|dell|nell)['’?]{_NAME_WORD})){{0,2}})")
# a day and month with no year ("On Wednesday 8 July", "held on June 3rd", "il 7 giugno")
_DAY_MONTH = re.compile(
    rf"(?i)\b(?:(?P<wd1>{_WEEKDAY[4:-1]}),?[ \u00a0]+)?(?:the[ \u00a0]+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th|°)?(?:[ \u00a0]+of)?[ \u00a0]+(?P<m1>{_MONTHS_EN}|{_MONTHS_IT})\b(?!,?[ \u00a0]*\d)"
    rf"|\b(?:(?P<wd2>{_WEEKDAY[4:-1]}),?[ \u00a0]+)?(?P<m2>{_MONTHS_EN})[ \u00a0]+(?:the[ \u00a0]+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?[ \u00a0]*\d)")
_WEEKDAY_NUM = {w: i % 7 for i, w in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday lunedì martedì mercoledì giovedì venerdì sabato domenica".split())}


# "held on June 3rd", "tenutasi il 3 giugno", "which took place on Tuesday 4 March 2025"
_HELD_ON = re.compile(r"(?i)\b(?:held|took[ \u00a0]+place|met|convened|gathered|tenut[ao]si|svolt[ao]si|riunit[ao]si|"
                      r"si[ \u00a0]+è[ \u00a0]+(?:svolt[ao]|tenut[ao]|riunit[ao]))[ \u00a0,]+(?:on(?:[ \u00a0]+last)?|last|il|lo[ \u00a0]+scorso|la[ \u00a0]+scorsa)[ \u00a0]+")


def _held_on(st: _State, a: int, b: int) -> dt.date | None:
    """The day right after "held on" / "tenutasi il" in ``text[a:b]`` (with or without its year)."""
    for m in _HELD_ON.finditer(st.text, a, b):
        wd = re.match(rf"(?:{_WEEKDAY},?[ \u00a0]+)?(?:the[ \u00a0]+)?", st.text[m.end():min(b, m.end() + 20)])
        skip = wd.end() if wd else 0
        full = next((d for mn, d in _dates(st.text[m.end():min(b, m.end() + 50)]) if mn.start <= skip), None)
        if full:
            return full
        dm = _DAY_MONTH.match(st.text, m.end(), b)
        if dm:
            # (a release with no date of its own: the year nearest its file name's day)
            return _day_month(st, dm.start(), dm.end(), file_name_date(st.doc.slug))
    return None


def _year_candidates(st: _State, ref: dt.date | None = None) -> list[int]:
    """Years a yearless day can fall in: around the release's date (or ``ref``), else those the text names."""
    ref = st.docinfo.doc_date or ref
    if ref:
        y = ref.year
        return [y, y - 1, y + 1]
    counts: dict[int, int] = {}
    for m in re.finditer(r"\b((?:19|20)\d\d)\b", st.text):
        counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], -y))


def _day_month(st: _State, a: int, b: int, ref: dt.date | None = None) -> dt.date | None:
    """The first yearless day of ``text[a:b]`` with its year: the weekday, when written, picks the
    year; otherwise the year closest to the release's date (none when the release has no date)."""
    for m in _DAY_MONTH.finditer(st.text, a, b):
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTH_NUM[(m.group("m1") or m.group("m2")).lower()]
        wd = m.group("wd1") or m.group("wd2")
        days = []
        for y in _year_candidates(st, ref):
            try:
                days.append(dt.date(y, month, day))
            except ValueError:
                continue
        if wd:
            hit = next((d for d in days if d.weekday() == _WEEKDAY_NUM[wd.lower()]), None)
            if hit:
                return hit
            continue
        near = st.docinfo.doc_date or ref
        if near and days:
            return min(days, key=lambda d: abs((d - near).days))
    return None


def _speaking(st: _State, a: int, b: int) -> list[str]:
    """People of ``text[a:b]`` who speak: a speech verb after the name ("Rossi ha illustrato",
    "As Mongardi himself explained"), a quote opened after it ("Pilotti ... dicendo: «"), or a
    quote closed just before it ("... , declared president Cavanna")."""
    text = st.text
    out: list[str] = []
    for p in _near(st.people_sorted(), a, b):
        if not a <= p.start < b:
            continue
        s0, s1 = st.sentence_of(p.start)
        after = text[p.end:min(s1, p.end + 160)]
        cut = re.search(r"[;“\"«]", after)
        head = after[:cut.start()] if cut else after
        spoke = bool(_speech_re().search(head[:90])) or bool(re.search(r":[ \u00a0]*[“\"«]", after[:160]))
        if not spoke:
            # "... the strikes – declared Anna Verdi, president of the association"
            spoke = bool(_speech_before_re().search(text[max(s0, p.start - 50):p.start]))
        if not spoke:
            before = text[max(s0, p.start - 60):p.start]
            q = re.search(r"[”\"»][ \u00a0]*[,.]?[ \u00a0]*[-–]?[ \u00a0]*([^“”\"«».;]{0,50})$", before)
            spoke = bool(q and _speech_re().search(q.group(1)))
        if spoke and p.name not in out:
            out.append(p.name)
    return out


# "Federmacchine Assembly", "the latest Federmacchine's annual meeting": the body owns the assembly
_OWN_ASSEMBLY_GAP = re.compile(r"(?i)(?:['’]s)?(?:[ \u00a0]+(?:latest|last|recent|annual|general|ultima|recente))*[ \u00a0]+")


# a signing with no day of its own is the release's news only when its opening sentences tell it
_SIGNING_LEAD = 4


@cache
def _anaphor_re() -> re.Pattern[str] | None:
    words = _event_words().get("anaphors", ())
    return _words_re(words) if words else None


def _anaphor_day(st: _State, sent: tuple[int, int]) -> dt.date | None:
    """"The forum was held on 27 June ... The event closed with the signing of ...": a sentence
    that points back to the meeting told just before it takes that meeting's day."""
    rx = _anaphor_re()
    if rx is None or not rx.search(st.text, *sent):
        return None
    sents = st.segmentation.sentences
    i = bisect.bisect_right(sents, (sent[0], _BIG)) - 1
    if i <= 0:
        return None
    a, b = sents[i - 1]
    if "\n\n" in st.text[b:sent[0]]:
        return None  # (another paragraph tells another story)
    # (a yearless day: the year nearest the release's date, or its file name's)
    return _held_on(st, a, b) or next((d for _mn, d in _dates(st.text[a:b])), None) \
        or _day_month(st, a, b, st.docinfo.doc_date or file_name_date(st.doc.slug))


def _find_signing(st: _State) -> None:
    """An agreement signed between parties ("the rector and the president signed the framework
    agreement", "è stato siglato il protocollo d'intesa"): the signatories take part."""
    text = st.text
    docs, verbs = _signing_res()
    sents: list[tuple[int, int]] = []
    triggers = tuple({v.lower()[:4] for v in _event_words()["signing"]["verbs"]})
    for m in st.scan(verbs, triggers):
        a, b = st.sentence_of(m.start())
        # the verb next to an agreement word, either side ("signed a memorandum", "l'accordo ... firmato")
        if docs.search(text, max(a, m.start() - 80), min(b, m.end() + 80)) and (a, b) not in sents:
            sents.append((a, b))
    # "... signed a memorandum today. President Carlo Neri signed for ACIMIT.": the signing goes on
    for a, _b in list(sents):
        i = bisect.bisect_right(st.segmentation.sentences, (a, _BIG))
        if i < len(st.segmentation.sentences) and st.segmentation.sentences[i] not in sents and verbs.search(text, *st.segmentation.sentences[i]):
            sents.append(st.segmentation.sentences[i])
    # a signing between named parties: a person or an organisation signs
    sents = [(a, b) for a, b in sents
             if any(a <= o.start < b and o.kind != "Venue" for o in _near(st.orgs_sorted(), a, b))
             or any(a <= p.start < b for p in _near(st.people_sorted(), a, b))]
    if not sents:
        return
    leaving = {mm.person for mm in st.relations.memberships if mm.end and not mm.start}
    parts = tuple(dict.fromkeys(p.name for a, b in sents for p in _near(st.people_sorted(), a, b)
                                if a <= p.start < b and p.name not in leaving))
    date = next((d for a, b in sents for mn, d in _dates(text[a:b])), None) \
        or next((d for a, b in sents if (d := _day_month(st, a, b))), None)
    rel = next((m for a, b in sents for m in re.finditer(r"(?i)\b(yesterday|today|ieri|oggi)\b", text[a:b])), None)
    if date is None and rel and st.docinfo.doc_date:
        date = st.docinfo.doc_date - dt.timedelta(days=_RELATIVE_DAYS[rel.group(1).lower()])
    if date is None and rel is None:
        date = _anaphor_day(st, sents[0])
    if date is None and rel is None and sents[0] not in st.segmentation.sentences[:_SIGNING_LEAD]:
        return  # an agreement recalled in passing, far from the news and with no day of its own
    venue = next((o.name for a, b in sents for o in _near(st.orgs_sorted(), a, b)
                  if a <= o.start < b and o.kind == "Venue"), None)
    dateline = st.docinfo.info.date_evidence if st.docinfo.info else ()
    city = next((p.name for a, b in sents for p in _near(st.places(), a, b) if a <= p.start < b
                 and p.kind == "place:city" and not any(mn.start - 60 <= p.start < mn.end for mn in dateline)
                 and not any(o.start <= p.start < o.end for o in _near(st.orgs_sorted(), p.start, p.end))), None)
    st.relations.facts.append(Event(_mention(text, *sents[0]), kind="Signing", date=date, venue=venue, city=city,
                          participants=parts))


def _find_event(st: _State) -> None:
    _find_signing(st)
    text = st.text
    cues = list(st.scan(_assembly_re(), ("assembl", "meeting")))
    if not cues:
        return
    first = cues[0]
    s0, s1 = st.sentence_of(first.start())

    def organiser_of(cue: re.Match[str], lo: int) -> str | None:
        om = re.match(r"(?i)[ \u00a0]+(?:of|di|dell['’]|della|del)[ \u00a0]*", text[cue.end():])
        if om:
            o = st.org_at(cue.end() + om.end())
            if o:
                return o.name
        o = _nearest_org_before(st, cue.start(), lo)
        return o.name if o else None

    organiser = organiser_of(first, s0) or st.docinfo.publisher
    cue_sents = list(dict.fromkeys(st.sentence_of(c.start()) for c in cues))
    # "... its first members' assembly. On Friday, March 7, the meeting was held at the
    # Verona Trade Centre": the sentence after the first mention may say when and where
    # (or one of the two after it: "Ieri ... all'assemblea annuale ... . Si è svolta al Museo ...")
    i = bisect.bisect_right(st.segmentation.sentences, (s0, _BIG))
    held: tuple[int, int] | None = None
    for nxt in st.segmentation.sentences[i:i + _HELD_AFTER]:
        if _assembly_re().search(text, *nxt) or nxt in cue_sents \
                or any(o.kind == "TradeFair" and nxt[0] <= o.start < nxt[1] for o in st.mentions.org_spans):
            break  # another mention of the assembly, or another event, ends the look-ahead
        # "On May 25th, in Vigevano, the president opened the Assembly": the meeting named again by
        # its capitalised noun (not another body's: "the Federmacchine Assembly") says when and where
        named_again = next((m for m in _NAMED_ASSEMBLY.finditer(text, *nxt)
                            if not ((ob := _nearest_org_before(st, m.start(), max(nxt[0], m.start() - 40)))
                                    and ob.name != organiser and _OWN_ASSEMBLY_GAP.fullmatch(text, ob.end, m.start()))), None)
        if _HELD_VERB.search(text, *nxt) or named_again:
            held = nxt
            cue_sents.insert(1, nxt)
            break
    venue = next((s for a0, a1 in cue_sents for s in st.mentions.org_spans if a0 <= s.start < a1 and s.kind == "Venue"), None)
    city_named: str | None = None
    if venue is None:
        # "held today at the Castello Visconteo in Vigevano": a venue the gazetteer does not know
        for a0, a1 in cue_sents:
            vm = _HELD_AT.search(text, a0, a1)
            if vm:
                cand = re.match(_CAP_SEQ, text[vm.end():a1])
                if cand and not _overlaps_entity(st, vm.end(), vm.end() + len(cand.group())):
                    name = cand.group().strip()
                    # "al Castello Sforzesco di Vigevano", "at Villa Reale in Monza": the town is not part
                    # of the venue's name (a known town, or one word after a name of two words or more)
                    tail = re.search(rf"[ \u00a0]+(?:di|of|in)[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})?)$", name)
                    town = gz.place(tail.group(1)) if tail else None
                    if tail and town is not None and town.kind == "city":
                        name = name[:tail.start()]
                        city_named = town.name
                    elif tail and " " not in tail.group(1) and len(name[:tail.start()].split()) >= 2 \
                            and town is None and gz.organisation(name) is None:
                        name = name[:tail.start()]
                        city_named = tail.group(1)
                    st.add_org(name, "Venue", vm.end(), vm.end() + len(name))
                    st.relations.facts.append(st.mentions.orgs[name])
                    venue = _Span(vm.end(), vm.end() + len(name), name, "Venue")
                    break
    city = city_named
    if venue:
        entry = gz.organisation(venue.name)
        city = city_named or (entry.city if entry else None)
        cm = next((p for p in st.mentions.ents if p.kind == "place:city" and venue.end <= p.start < venue.end + 10), None)
        if cm:
            city = cm.name
        elif _venue_town(st, venue):
            city = _venue_town(st, venue)
        elif city is None:
            tm_ = _TOWN_AFTER.match(text, venue.end)
            if tm_ and not _overlaps_entity(st, tm_.start(1), tm_.end(1)):
                city = gz.resolve(tm_.group(1), "place") or re.sub(r"[ \u00a0]+", " ", tm_.group(1)).replace("’", "'").replace("?", "'")
    date = st.docinfo.doc_date
    # the day is the one its first sentence (or the "took place" sentence after it) states
    when = [(s0, s1), *([held] if held else []),
            *(x for x in cue_sents if x != (s0, s1) and x != held
              and not any(o.kind == "TradeFair" and x[0] <= o.start < x[1] for o in st.mentions.org_spans))]
    # (the dateline's own date, where no full stop parts it from the first sentence, is the
    # release's day, not the meeting's: "May 26, 2018\n\nOn May 25th, in Vigevano, ...")
    dl_starts = {mn.start for mn in (st.docinfo.info.date_evidence if st.docinfo.info else ())}
    local = [d for a0, a1 in when for mn, d in _dates(text[a0:a1])
             if not (a0 + mn.start in dl_starts and d == st.docinfo.doc_date)]
    held_on = next((d for a0, a1 in when if (d := _held_on(st, a0, a1))), None)
    if held_on:
        date = held_on  # "held on June 3rd", even where another day is named first
    elif local:
        date = local[0]
    else:
        yearless = next((d for a0, a1 in when if (d := _day_month(st, a0, a1))), None)
        if yearless:
            date = yearless
    if city is None:
        # the town the assembly's sentences name ("Si è tenuta ieri a Bologna"), else the dateline's
        # town, unless the assembly is another day's, mentioned in passing
        dateline = [mn for mn in (st.docinfo.info.date_evidence if st.docinfo.info else ())]
        in_cue = next((p for a0, a1 in cue_sents for p in _near(st.places(), a0, a1)
                       if a0 <= p.start < a1 and p.kind == "place:city"
                       and not (venue and venue.start <= p.start < venue.end)  # "Verona Trade Centre" (a town inside a venue's name)
                       and not any(mn.start - 60 <= p.start < mn.end for mn in dateline)), None)
        if in_cue is None:
            # "held today in Pozzuoli", "si è svolta ieri a Lonato": a town the gazetteer lacks, named
            # right after the verb (a country or a known organisation is no town)
            for a0, a1 in cue_sents:
                hm = _HELD_IN_TOWN.search(text, a0, a1)
                if hm and gz.place(hm.group("town")) is None and gz.organisation(hm.group("town")) is None \
                        and not re.fullmatch(rf"(?i){_MONTHS_EN}|{_MONTHS_IT}|{_WEEKDAY}", hm.group("town")) \
                        and not _overlaps_entity(st, hm.start("town"), hm.end("town")):
                    city = re.sub(r"[ \u00a0]+", " ", hm.group("town")).replace("?", "'").replace("’", "'")
                    break
        if city is None:
            city = in_cue.name if in_cue else (st.docinfo.place if date == st.docinfo.doc_date else None)
    tm = _TITLE_RE.search(text)
    title = tm.group(1).strip() if tm else None
    speakers: list[str] = []
    people = st.people_sorted()
    for sm in _speakers_re().finditer(text):
        a0, a1 = st.sentence_of(sm.start())
        for p in _near(people, sm.end(), a1):
            if sm.end() <= p.start < a1 and p.name not in speakers:
                speakers.append(p.name)
    # a predecessor named only in the succession ("succede a Fabrizio Nuti") did not take part
    leaving = {m.person for m in st.relations.memberships if m.end and not m.start
               and len(re.findall(rf"\b{re.escape(m.person.split()[-1])}\b", text)) == 1}
    # those who spoke at it; someone only elected, thanked or named did not necessarily attend
    present = [p for p in _speaking(st, 0, len(text)) if p not in leaving]
    # and the president it elects or confirms ("The assembly elected Anna Verdi as President")
    posts = {gz.fold(w) for w in _event_words()["elected_posts"]}
    elect_sents = {st.sentence_of(m.start()) for m in _elect_re().finditer(text)}
    for mem in st.relations.memberships:
        if mem.end or gz.fold(mem.role) not in posts or (organiser and mem.organisation != organiser):
            continue
        if any(a0 <= p.start < a1 for a0, a1 in elect_sents for p in _near(people, a0, a1) if p.name == mem.person):
            present.append(mem.person)
    if date and st.docinfo.doc_date and abs((date - st.docinfo.doc_date).days) > 3:
        # an assembly the release mentions in passing ("after his election by the General Assembly on
        # 26 February"): only the people named with it took part, not everyone the release quotes
        present = [p.name for a0, a1 in cue_sents for p in _near(people, a0, a1)
                   if a0 <= p.start < a1 and p.name not in leaving]
    participants = tuple(dict.fromkeys([*present, *speakers]))
    evidence = _mention(text, s0, s1)
    st.relations.facts.append(Event(evidence, kind="GeneralAssembly", organiser=organiser, date=date,
                          venue=venue.name if venue else None, city=city, title=title,
                          speakers=tuple(speakers), participants=participants))
    # another body's assembly named in passing ("the latest Federmacchine Assembly indicates ...")
    others: set[str] = {organiser} if organiser else set()
    # (a capitalised "Assembly" after a name is that body's, even where the bare word is no cue)
    named = [m for m in re.finditer(r"\b(?:Assembly|Assemblea)\b", text) if m.start() != first.start()]
    for c in sorted([*cues[1:], *named], key=lambda m: m.start()):
        a0, _a1 = st.sentence_of(c.start())
        ob = _nearest_org_before(st, c.start(), max(a0, c.start() - 40))
        o = ob.name if ob and _OWN_ASSEMBLY_GAP.fullmatch(text, ob.end, c.start()) else None
        if o and o not in others and st.mentions.orgs.get(o) is not None and st.mentions.orgs[o].type == "TradeAssociation":
            others.add(o)
            st.relations.facts.append(Event(_mention(text, c.start(), c.end()), kind="GeneralAssembly", organiser=o))


# "from 8 to 15 October", "dal 27 al 30 maggio", "between the 4th and the 6th of March"
_DATE_RANGE = re.compile(rf"(?i)\b(?:(?:from|dal|da|between)[ \u00a0]+(?:the[ \u00a0]+)?(?P<d>\d{{1,2}})(?:°|st|nd|rd|th)?(?:[ \u00a0]+(?:to|al|a|and)[ \u00a0]+(?:the[ \u00a0]+)?|[ \u00a0]*[-–][ \u00a0]*)\d{{1,2}}(?:°|st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<m>{_MONTHS_EN}|{_MONTHS_IT}),?(?:[ \u00a0]+(?P<y>(?:19|20)\d\d))?"
                         # the month first, as US English writes it: "(October 15-19)", "October 15 to 19, 2018"
                         rf"|(?P<m2>{_MONTHS_EN})[ \u00a0]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \u00a0]*[-–][ \u00a0]*|[ \u00a0]+(?:to|and)[ \u00a0]+)\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[ \u00a0]+(?P<y2>(?:19|20)\d\d))?)")
_EDITION_RE = re.compile(r"(?i)\b(edition|edizione)\b")
_NEXT_EDITION = re.compile(r"\b(?i:next|forthcoming|upcoming|prossima|prossim[ao]|prossime)[ \u00a0]+(?:(?i:editions?|edizion[ei]|appuntament[oi])\b|[A-Z])")
# "scheduled for 12th-15th February and 17th - 20th September": a span of days the announcement of
# the next editions gives without "from" (read only in those sentences)
_BARE_RANGE = re.compile(rf"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|°)?[ \u00a0]*[-–][ \u00a0]*\d{{1,2}}(?:st|nd|rd|th|°)?[ \u00a0]+(?:of[ \u00a0]+)?"
                         rf"(?P<m>{_MONTHS_EN}|{_MONTHS_IT})\b(?:,?[ \u00a0]+(?P<y>(?:19|20)\d\d))?")


# a fair named only as the neighbour of another ("at the same time as Lineapelle") has no edition here
_ALONGSIDE = re.compile(r"(?i)(?:same[ \u00a0]+time[ \u00a0]+as|alongside|co-located[ \u00a0]+with|together[ \u00a0]+with|in[ \u00a0]+contemporanea[ \u00a0]+con|insieme[ \u00a0]+a|in[ \u00a0]+concomitanza[ \u00a0]+con|accanto[ \u00a0]+a)[ \u00a0]+(?:the[ \u00a0]+|il[ \u00a0]+|la[ \u00a0]+)?$")


# the verb of a fair's first day, the day right after it ("aperta giovedì 7 marzo", "opened on 3 May")
_OPENED_ON = re.compile(r"(?i)\b(?:opened|opens|started|began|kicked[ \u00a0]+off|apert[ao]|inaugurat[ao]|iniziat[ao]|partit[ao])(?:[ \u00a0]+(?:on|il|lo[ \u00a0]+scorso|la[ \u00a0]+scorsa))?[ \u00a0]+")
_OPENED_BY = re.compile(r"(?i)\b(?:opened|inaugurated|visited|visiting|in[ \u00a0]+visita|attended|inaugurat[ao]|aperta|visitat[ao]|took[ \u00a0]+part|hanno[ \u00a0]+partecipato|sono[ \u00a0]+intervenuti)\b")


def _range_start(text: str, a: int, b: int, year: str | None) -> dt.date | None:
    rm_ = _DATE_RANGE.search(text, a, b)
    if rm_ and (rm_.group("y") or rm_.group("y2") or year):
        try:
            return dt.date(int(rm_.group("y") or rm_.group("y2") or year or 0),
                           _MONTH_NUM[(rm_.group("m") or rm_.group("m2")).lower()], int(rm_.group("d") or rm_.group("d2")))
        except ValueError:
            return None
    return None


def _next_edition_days(st: _State, group: list[tuple[int, int]], ref: dt.date | None) -> list[dt.date]:
    """The first days of the editions a next-edition announcement lists, in order; a day without
    its year is the first such day after ``ref`` or after the edition listed before it (none
    without ``ref``)."""
    out: list[dt.date] = []
    for a, b in group:
        spans = sorted([*_DATE_RANGE.finditer(st.text, a, b), *_BARE_RANGE.finditer(st.text, a, b)],
                       key=lambda m: m.start())
        last_end = -1
        for m in spans:
            if m.start() < last_end:
                continue  # "from 12-15 February": one span read twice
            last_end = m.end()
            day = int(m.group("d") or m.groupdict().get("d2") or 0)
            month_word = (m.group("m") or m.groupdict().get("m2") or "").lower()
            year = m.group("y") or m.groupdict().get("y2")
            if not day or month_word not in _MONTH_NUM:
                continue
            month = _MONTH_NUM[month_word]
            try:
                if year:
                    d = dt.date(int(year), month, day)
                elif ref:
                    d = dt.date(ref.year, month, day)
                    if d <= ref:
                        d = dt.date(ref.year + 1, month, day)
                else:
                    continue
            except ValueError:
                continue
            if d not in out:
                out.append(d)
                ref = d  # (editions listed in turn: each comes after the one before it)
    return out


def _venue_town(st: _State, venue: _Span) -> str | None:
    """The town a venue's own mention adds to its name: "Fiera Milano Rho", "fieramilano Rho",
    "Castello Sforzesco di Vigevano"."""
    of = re.search(rf"[ \u00a0]+(?:di|of|in)[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})?)$", venue.name)
    town = gz.place(of.group(1)) if of else None
    if of and gz.organisation(venue.name) is None:
        if town is not None and town.kind == "city":
            return town.name
        if town is None and " " not in of.group(1) and len(venue.name[:of.start()].split()) >= 2:
            return of.group(1)  # "Palazzo Ducale Sforza di Morimondo": one word after a longer name
    words = re.findall(r"[\w'’-]+", st.text[venue.start:venue.end])
    name = gz.fold(venue.name)
    for k in (2, 1):
        tail = " ".join(words[-k:]) if len(words) > k else ""
        if tail and gz.fold(tail) not in name:
            entry = gz.place(tail)
            if entry is not None and entry.kind == "city":
                return entry.name
    return None


# "the leather show, running alongside in the same halls", "la mostra, in contemporanea nello stesso quartiere"
_SAME_PLACE = re.compile(
    r"(?i)[ \u00a0]*,?[ \u00a0]*(?:(?:which[ \u00a0]+was|che[ \u00a0]+si[ \u00a0]+è)[ \u00a0]+)?(?:held|hosted|staged|svolt[ao]|tenut[ao]|ospitat[ao])?"
    r"[ \u00a0]*(?:simultaneously|at[ \u00a0]+the[ \u00a0]+same[ \u00a0]+time|concurrently|in[ \u00a0]+contemporanea|contemporaneamente)?[ \u00a0]*,?[ \u00a0]*"
    r"(?:at|in|on|nello|nella|negli|nel)[ \u00a0]+(?:the[ \u00a0]+)?(?:same|stess[oa]|medesim[oa])[ \u00a0]+"
    r"(?:place|venue|location|site|fairground|exhibition[ \u00a0]+centre|luogo|quartiere(?:[ \u00a0]+fieristico)?|sede|polo(?:[ \u00a0]+fieristico)?)\b")


def _fair_window(st: _State, o: _Span, fairs: list[_Span]) -> tuple[int, int]:
    """The sentence of a fair mention, narrowed to this fair's part when it names another fair too
    ("... a EMO Hannover 2025, dal 22 al 26 settembre, e a BI-MU 2024, a Fiera Milano dal 9 ...")."""
    a, b = st.sentence_of(o.start)
    others = [f for f in fairs if a <= f.start < b and f.name != o.name]
    if not others:
        return a, b
    # what follows a fair's name is about it: the part starts at the name when another fair precedes
    before = [f for f in others if f.end <= o.start]
    after = [f.start for f in others if f.start >= o.end]
    return (o.start if before else a), (min(after) if after else b)


# "all'Expocentre di Mosca", "at the Crocus Expo in Moscow": a hall the gazetteer lacks, named
# with the town it stands in, right after "at"/"all'"/"presso"
_VENUE_AT = re.compile(rf"(?:\bat{_SP}+the|\ball['’]|\bpresso(?:{_SP}+(?:il|la|l['’]))?){_SP}*"
                       rf"(?P<v>[A-Z][^\W_]+(?:{_SP}+[A-Z][^\W_]+){{0,2}}){_SP}+(?:di|in|of){_SP}+(?=[A-Z])")


def _unknown_venue(st: _State, group: list[tuple[int, int]]) -> _Span | None:
    text = st.text
    for a, b in group:
        for m in _VENUE_AT.finditer(text, a, b):
            v0, v1 = m.span("v")
            city = next((p for p in _near(st.places(), m.end(), m.end() + 1) if p.start == m.end()
                         and p.kind == "place:city"), None)
            if city is None or any(s.start < v1 and v0 < s.end for s in _near(st.mentions.ents, v0, v1)) \
                    or any(s.start < v1 and v0 < s.end for s in _near(st.orgs_sorted(), v0, v1)):
                continue
            name = _clean_name(m.group("v"))
            if name.split()[0] in _NOT_NAME_START:
                continue
            st.add_org(name, "Venue", v0, v1, city=city.name)
            if st.mentions.orgs[name] not in st.relations.facts:
                st.relations.facts.append(st.mentions.orgs[name])
            return _Span(v0, v1, name, "Venue")
    return None


_EDITION_RESULTS = re.compile(r"(?i)\b\d[\d.,]*(?:[ \u00a0]+(?:thousand|mila))?[ \u00a0]+(?:(?:unique|foreign|international|stranieri|esteri|italiani)[ \u00a0]+)?"
                             r"(?:exhibitors|visitors|espositori|visitatori|operatori|buyers)\b")
_VISIT_BEFORE = re.compile(r"(?i)\b(?:in[ \u00a0]+visita|visiting|(?:on|during)[ \u00a0]+(?:a|his|her|their)[ \u00a0]+visit|in[ \u00a0]+occasione|"
                           r"on[ \u00a0]+the[ \u00a0]+occasion)[ \u00a0]+(?:a|ad|al|alla|allo|all['’]|to|of|the|del|della|dello|dell['’]|di)?[ \u00a0]*(?:the[ \u00a0]+)?$")


# how near "the fair" an organiser phrase must be to be the fair's
_BESIDE = 60


def _find_fair_editions(st: _State) -> None:
    """Trade fair editions: a known fair named with an edition, a year or its dates ("SIMAC Tanning Tech 2024")."""
    text = st.text
    fairs: dict[str, list[_Span]] = {}
    for o in sorted((o for o in st.mentions.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        if _ALONGSIDE.search(text, max(0, o.start - 30), o.start):
            continue
        fairs.setdefault(o.name, []).append(o)
    title = st.docinfo.info.evidence if st.docinfo.info and st.docinfo.info.title else None
    has_assembly = any(isinstance(f, Event) and f.kind == "GeneralAssembly" for f in st.relations.facts)
    main = _fair_of(st)
    all_fairs = sorted((o for o in st.mentions.org_spans if o.kind == "TradeFair"), key=lambda o: o.start)
    colocated: set[str] = set()
    edition_years: dict[str, bool] = {}

    def _year_edition(year: str) -> bool:
        # once per year, not once per fair: a text may name many fairs the gazetteer lacks
        if year not in edition_years:
            edition_years[year] = bool(re.search(
                rf"(?i)\b{year}[ \u00a0]+edition|\bedizione[ \u00a0]+{year}|\b{year}[ \u00a0]+edizione", text))
        return edition_years[year]

    for name, mentions in fairs.items():
        in_title = title is not None and any(title.start <= o.start < title.end for o in mentions)
        sents = list(dict.fromkeys(_fair_window(st, o, all_fairs) for o in mentions))
        # (unless it gives the edition's results: "the latest edition hosted 425 exhibitors")
        if has_assembly and not in_title and not any(_DATE_RANGE.search(text, a, b) for a, b in sents) \
                and not any(_EDITION_RE.search(text, a, b) and _EDITION_RESULTS.search(text, a, b) for a, b in sents):
            # an assembly release that mentions a fair in passing ("the next SIMAC ..."), unless it
            # gives the edition's days ("Ipack-Ima 2025, svoltasi a Fiera Milano dal 27 al 30 maggio")
            continue
        year: str | None = None
        surface: str | None = None
        for o in mentions:
            ym = re.match(r"[ \u00a0]+((?:19|20)\d\d)\b", text[o.end:o.end + 6])
            if ym and year is None:
                year = ym.group(1)
                surface = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        # the sentences about the fair: those naming it, and those saying "the fair" when it is the release's subject
        about = list(sents)
        if main is not None and main.name == name:
            about += [st.sentence_of(m.start()) for m in _FAIR_NOUN.finditer(text)]
            about += [st.sentence_of(m.start()) for m in _NEXT_EDITION.finditer(text)]
            about = list(dict.fromkeys(about))
        next_sents = [(a, b) for a, b in about if _NEXT_EDITION.search(text, a, b)]
        cur_sents = [x for x in about if x not in next_sents]
        # the release's own fair may be dated or called an edition only where the text says "the fair"
        told = about if main is not None and main.name == name else sents
        dated = any(_DATE_RANGE.search(text, a, b) for a, b in told)
        # (or visited while it runs: "in visita all'Xyz di Mosca", "on a visit to Xyz", "in occasione di Xyz";
        # a fair held beside another at the same venue is read below)
        if not (year or dated or any(_EDITION_RE.search(text, a, b) for a, b in told)
                or any(_VISIT_BEFORE.search(text, max(a, o.start - 40), o.start) and not _SAME_PLACE.match(text, o.end)
                       for o in mentions for a, _ in [st.sentence_of(o.start)])):
            continue
        if year is None:
            # (not the edition it is compared with: "level with the March 2022 edition")
            # (nor the season of the collections shown: "le tendenze primavera-estate 2025")
            season = _season_before_re()
            ym2 = next((m for a, b in sents for m in re.finditer(r"\b((?:19|20)\d\d)\b", text[a:b])
                        if not is_compared_edition(text, a + m.start(), a + m.end())
                        and not season.search(text, max(a, a + m.start() - 24), a + m.start())), None)
            year = ym2.group(1) if ym2 else (str(st.docinfo.doc_date.year) if st.docinfo.doc_date else None)
        organiser = None
        # (or a sentence on "the fair" when the organiser is told right beside that noun:
        # "Organizzata da Alfa, la manifestazione ...", "the show, organised by Alfa")
        beside = [(a, b) for a, b in told if (a, b) not in sents
                  and (om_ := _ORGANISED_BY.search(text, a, b))
                  and _FAIR_NOUN.search(text, max(a, om_.start() - _BESIDE), min(b, om_.end() + _BESIDE))]
        for a, b in [*sents, *beside]:
            om = _ORGANISED_BY.search(text, a, b)
            o2 = (st.org_at(om.end()) or _unknown_org_after(st, om.end())) if om else None
            if o2 and o2.name != name:  # (a fair is not its own organiser: "a show organised by Lineapelle")
                organiser = o2.name
                if o2.name in st.mentions.orgs and st.mentions.orgs[o2.name] not in st.relations.facts:
                    st.relations.facts.append(st.mentions.orgs[o2.name])
                break

        def place_of(group: list[tuple[int, int]]) -> tuple[_Span | None, str | None]:
            venue = next((o for a, b in group for o in st.mentions.org_spans if a <= o.start < b and o.kind == "Venue"), None)
            city: str | None = None
            if venue:
                # "at Fiera Milano, in Rho (Milan)": the town right after the venue
                near_city = next((p for p in _near(st.places(), venue.end, venue.end + 12)
                                  if p.kind == "place:city" and venue.end <= p.start < venue.end + 12), None)
                entry = gz.organisation(venue.name)
                city = near_city.name if near_city else (_venue_town(st, venue) or (entry.city if entry else None))
                if city is None:
                    # "to be held in Düsseldorf ... at the Messe Düsseldorf exhibition centre"
                    c0 = next((p for a, b in group for p in _near(st.places(), a, b)
                               if a <= p.start < b and p.kind == "place:city"), None)
                    city = c0.name if c0 else None
            else:
                venue = _unknown_venue(st, group)
                if venue is not None:
                    return venue, st.mentions.orgs[venue.name].city
                # "in programma ad Hannover dal 22 al 26 settembre": a city the fair's sentences name
                c = next((p for a, b in group for p in _near(st.places(), a, b)
                          if a <= p.start < b and p.kind == "place:city" and not (
                              st.docinfo.info and any(mn.start <= p.start < mn.end + 40 for mn in st.docinfo.info.date_evidence))), None)
                city = c.name if c else None
            return venue, city

        def date_of(group: list[tuple[int, int]], year: str | None = year) -> dt.date | None:
            for a, b in group:
                d = _range_start(text, a, b, year)
                if d:
                    return d
            d2 = next((d for a, b in group for mn, d in _dates(text[a:b])
                       if not (st.docinfo.info and any(e.start == a + mn.start for e in st.docinfo.info.date_evidence))), None)
            if d2:
                return d2
            # "la rassegna, aperta giovedì 7 marzo", "the show opened on Thursday 7 March": a
            # yearless first day, its year the one closest to the release's (or its file name's) day
            for a, b in group:
                for om in _OPENED_ON.finditer(text, a, b):
                    if _DAY_MONTH.match(text, om.end(), b):
                        d3 = _day_month(st, om.end(), b, st.docinfo.doc_date or file_name_date(st.doc.slug))
                        if d3:
                            return d3
            if any(re.search(r"(?i)\b(today|oggi)\b", text[a:b]) for a, b in group):
                return st.docinfo.doc_date
            return None

        venue, city = place_of(cur_sents)
        date = date_of(cur_sents)
        # participants: people who opened or visited the fair
        people = sorted(st.mentions.person_spans, key=lambda x: x.start)
        parts = tuple(dict.fromkeys(p.name for a, b in cur_sents if _OPENED_BY.search(text, a, b)
                                    for p in _near(people, a, b) if a <= p.start < b))
        # the title as the text writes it: "EMO Hannover 2025", "the 2025 edition of X" -> "X 2025",
        # a fair whose year the text never attaches to it keeps its bare name ("Lineapelle")
        bare = re.sub(r"[ \u00a0]+", " ", text[mentions[0].start:mentions[0].end])
        if surface:
            # the canonical spelling when the text only changes the case ("PLAST 2025" -> "Plast 2025")
            title_ = f"{name if gz.fold(surface) == gz.fold(name) else surface} {year}"
        elif year and _year_edition(year):
            title_ = f"{name} {year}"
        else:
            title_ = bare
        st.relations.facts.append(Event(_mention(text, *sents[0]), kind="TradeFairEdition", organiser=organiser,
                              date=date, venue=venue.name if venue else None, city=city,
                              title=title_, participants=parts))
        # "... together with the leather show, running alongside in the same halls": a fair held at the
        # same venue as this one has an edition there too
        for other in all_fairs:
            if other.name == name or other.name in fairs and other.name in colocated:
                continue
            if venue and _SAME_PLACE.match(text, other.end) and other.name not in colocated:
                colocated.add(other.name)
                st.relations.facts.append(Event(_mention(text, *st.sentence_of(other.start)), kind="TradeFairEdition",
                                      venue=venue.name,
                                      title=re.sub(r"[ \u00a0]+", " ", text[other.start:other.end])))
        if next_sents:
            venue2, city2 = place_of(next_sents)
            date2 = date_of(next_sents)
            # "the next editions are scheduled for 12-15 February and 17-20 September": one edition
            # each; a yearless day is the first such day after this edition (or the release)
            days = _next_edition_days(st, next_sents, date or st.docinfo.doc_date or file_name_date(st.doc.slug))
            days2 = days if len(days) >= 2 or date2 is None else [date2]
            # the next edition's place is the one its announcement states ("sempre a Fiera Milano Rho")
            for d2 in days2:
                if d2 != date:
                    st.relations.facts.append(Event(_mention(text, *next_sents[0]), kind="TradeFairEdition",
                                                    organiser=organiser, date=d2, venue=venue2.name if venue2 else None,
                                                    city=city2, title=re.sub(r"[ \u00a0]+", " ", text[mentions[0].start:mentions[0].end])))
    _find_same_days_fairs(st)
    _find_neighbour_fairs(st)


# "Alfa e Beta, con le quali la fiera ha condiviso due giornate", "X, with which the show shared its
# opening day": fairs that ran together with the release's own
_SHARED_DAYS = re.compile(r"(?i)\b(?:con[ \u00a0]+(?:i|le|il|la)[ \u00a0]+qual[ei]|with[ \u00a0]+which|with[ \u00a0]+whom)\b[^.;]{0,60}?"
                          r"\b(?:condivis[oaie]|condivide|condividono|shared?|shares)\b")
# "Xyz, che parte oggi a Milano", "Xyz opens tomorrow in Milan": a fair that opens or closes beside the release's own
_OPENS_NOW = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:(?:che|which|that)[ \u00a0]+)?(?:parte|apre|si[ \u00a0]+apre|inaugura|chiude|opens|starts|kicks[ \u00a0]+off|closes)"
                        r"[ \u00a0]+(?:oggi|domani|today|tomorrow)\b")
# how far after a fair's name the day it shares with another may be told
_SHARED_SPAN = 100


def _find_neighbour_fairs(st: _State) -> None:
    """A known fair named as running together with the release's own: "in concomitanza con Xyz",
    "alongside Xyz", "Xyz, con il quale ha condiviso un giorno", "Xyz, che parte oggi a Milano".
    It has an edition of its own (its name as written; the town only where the text gives it
    right after the opening verb); its figures and days stay with the release's fair."""
    text = st.text
    facts = st.relations.facts
    if not any(isinstance(f, Event) and f.kind == "TradeFairEdition" for f in facts):
        return
    # (a fair with an edition already, titled with its year or not, is the release's own)
    titled = {gz.fold(e.title) for e in facts if isinstance(e, Event) and e.title}
    for o in sorted((o for o in st.mentions.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        surface = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        if any(gz.fold(o.name) in t or gz.fold(surface) in t for t in titled):
            continue
        s0, s1 = st.sentence_of(o.start)
        if _NEXT_EDITION.search(text, s0, s1):
            continue  # "la prossima edizione ... in contemporanea con Xyz": a future neighbour, not this news
        city: str | None = None
        opens = _OPENS_NOW.match(text, o.end)
        if opens:
            at = re.match(r"[ \u00a0]+(?:a|in|ad)[ \u00a0]+", text[opens.end():opens.end() + 5])
            c = next((p for p in _near(st.places(), opens.end(), opens.end() + 6)
                      if at and p.start == opens.end() + at.end() and p.kind == "place:city"), None)
            city = c.name if c else None
        elif not (_ALONGSIDE.search(text, max(0, o.start - 30), o.start)
                  or _SHARED_DAYS.search(text, o.end, min(s1, o.end + _SHARED_SPAN))):
            continue
        facts.append(Event(_mention(text, *st.sentence_of(o.start)), kind="TradeFairEdition", city=city, title=surface))
        titled.add(gz.fold(surface))
        titled.add(gz.fold(o.name))


# "Xyz, which runs on the same days at Fiera Milano", "accanto a Xyz, allestita nelle stesse date
# presso Fiera Milano": a fair held beside the release's own, at the venue named
_SAME_DAYS = re.compile(r"(?i)\b(?:on[ \u00a0]+the[ \u00a0]+same[ \u00a0]+(?:days|dates)|in[ \u00a0]+the[ \u00a0]+same[ \u00a0]+days|at[ \u00a0]+the[ \u00a0]+same[ \u00a0]+time|"
                        r"negli[ \u00a0]+stessi[ \u00a0]+giorni|nelle[ \u00a0]+stesse[ \u00a0]+date|negli[ \u00a0]+stessi[ \u00a0]+giorni|"
                        r"in[ \u00a0]+contemporanea|contemporaneamente|concurrently|simultaneously)\b")


def _find_same_days_fairs(st: _State) -> None:
    text = st.text
    titled = {gz.fold(e.title) for e in st.relations.facts if isinstance(e, Event) and e.title}
    for o in sorted((o for o in st.mentions.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        if gz.fold(o.name) in titled or gz.fold(text[o.start:o.end]) in titled:
            continue
        _, s1 = st.sentence_of(o.start)
        hi = min(s1, o.end + 60)
        sd = _SAME_DAYS.search(text, o.end, hi)
        if sd is None or re.search(r"[.;]", text[o.end:sd.start()]):
            continue
        venue = next((v for v in _near(st.orgs_sorted(), sd.end(), min(s1, sd.end() + 60))
                      if v.kind == "Venue" and sd.end() <= v.start < min(s1, sd.end() + 60)), None)
        if venue is None:
            continue
        entry = st.mentions.orgs.get(venue.name)
        title = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        st.relations.facts.append(Event(_mention(text, o.start, venue.end), kind="TradeFairEdition", venue=venue.name,
                              city=entry.city if entry else None, title=title))
        titled.add(gz.fold(title))


# "The preliminary results ... were presented today at the Ministry ... by Assocalzaturifici",
# "il convegno ... si è tenuto oggi a Roma": a meeting that is neither an assembly nor a fair
@cache
def _conference_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A meeting that is neither an assembly nor a fair: its noun with a "held"/"organised" verb
    near, or with its title in quotes; and the quoted title after the noun."""
    nouns = _words_re(_event_words()["conference"]).pattern[len("(?i)"):]
    cue = re.compile(
        r"(?i)\b(?:(?:were|was|have[ \u00a0]+been|has[ \u00a0]+been)[ \u00a0]+presented|(?:sono[ \u00a0]+stat[ie]|è[ \u00a0]+stat[oa])[ \u00a0]+presentat[ioae]|"
        + nouns +
        r"(?=[^.;]{0,80}\b(?:held|organi[sz]ed|hosted|took[ \u00a0]+place|scheduled|si[ \u00a0]+è[ \u00a0]+(?:svolt|tenut)\w*|(?:svolt|tenut)[oaie]si|si[ \u00a0]+terrà|in[ \u00a0]+programma|organizzat\w*|promoss\w*)\b"
        # or named by its title in quotes: "nel corso del convegno «Meccanica bresciana: scenari 2025»"
        r"|[ \u00a0]*[«“\"][^«»“”\"\n]{3,90}[»”\"]))")
    title = re.compile(r"(?i)" + nouns + r"[^«“\".;]{0,30}[«“\"]([^«»“”\"\n]{3,90})[»”\"]")
    return cue, title


@cache
def _conference_triggers() -> tuple[str, ...]:
    return ("presented", "presentat", *{w.lower()[:5] for w in _event_words()["conference"]})


_BY_ORG = re.compile(r"(?i)\b(?:by|da|dal|dalla|dall['’])[ \u00a0]+(?:the[ \u00a0]+)?")


_HOSTED_BY = re.compile(r"(?i)\b(?:hosted|organi[sz]ed|promoted|ospitat[oa]|organizzat[oa]|promoss[oa])[ \u00a0]+(?:by|da|dal|dalla|dall['’])[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")


_CAP_WORD_BEFORE = re.compile(r"(?:[A-ZÀ-Ý][\w’'-]*[ \u00a0]+){1,3}\Z")


def _capitalised_title(text: str, m: re.Match[str], s0: int) -> str | None:
    """A meeting named by capitalised words that end with its noun ("la Prima Giornata Economica",
    "the Italian Machinery Outlook Day"): the noun written with a capital is part of a title."""
    noun = m.group()
    if not noun[:1].isupper() or not all(w[:1].isupper() for w in noun.split()):
        return None
    before = _CAP_WORD_BEFORE.search(text, max(s0, m.start() - 60), m.start())
    if not before:
        return None
    # the words of the title only: "The", "La", a sentence's first word are no part of it
    words = text[before.start():m.start()].split()
    while words and (words[0] in _NOT_NAME_START or words[0].lower() in ("the", "la", "il", "lo", "a", "an")):
        words = words[1:]
    if not words:
        return None
    return " ".join([*words, *noun.split()])


# "il Forum bilaterale della meccanica tenutosi il ...", "the Forum on leather chemistry held on ...": a
# capitalised noun inside the sentence and the words after it up to the "held" verb are its title
_TITLE_TO_HELD = re.compile(r"[^\W\d][\w'’-]*(?:[ \u00a0]+[\w'’-]+){0,8}?(?=[ \u00a0]+(?i:held|took[ \u00a0]+place|"
                            r"tenut[oaie]si|svolt[oaie]si|si[ \u00a0]+è[ \u00a0]+(?:svolt|tenut)\w*)\b)")


def _titled_noun(text: str, m: re.Match[str], s0: int, s1: int) -> str | None:
    if m.start() == s0 or not m.group()[:1].isupper() or " " in m.group():
        return None
    tm = _TITLE_TO_HELD.match(text, m.start(), min(s1, m.start() + 90))
    return re.sub(r"[ \u00a0]+", " ", tm.group()) if tm and len(tm.group().split()) >= 2 else None


def _find_conference(st: _State) -> None:
    text = st.text
    if any(isinstance(f, Event) for f in st.relations.facts):
        done = {st.sentence_of(f.evidence.start) for f in st.relations.facts if isinstance(f, Event)}
    else:
        done = set()
    cue_re, title_re = _conference_res()
    for m in st.scan(cue_re, _conference_triggers()):
        s0, s1 = st.sentence_of(m.start())
        if (s0, s1) in done or _assembly_re().search(text, s0, s1) or any(
                o.kind == "TradeFair" and s0 <= o.start < s1 for o in st.mentions.org_spans):
            continue
        # (the meeting's own sentence names its day: a release that states no date of its own may
        # carry it in its file name, as the figures' "today" does)
        yearless = _day_month(st, s0, s1, file_name_date(st.doc.slug))
        if not re.search(r"(?i)\b(?:today|oggi|yesterday|ieri)\b", text[s0:s1]) and not _dates(text[s0:s1]) \
                and yearless is None:
            continue  # a meeting the release reports on has its day ("On 4 February the delegation ...")
        organiser: str | None = None
        for bm in _BY_ORG.finditer(text, m.end(), s1):
            o = st.org_at(bm.end())
            if o and o.kind not in ("Venue", "TradeFair"):
                organiser = o.name
                break
        if organiser is None and not _HOSTED_BY.search(text, m.start(), s1):
            organiser = st.docinfo.publisher  # (a host the text names but the gazetteer does not know stays unknown)
        local = [d for mn, d in _dates(text[s0:s1])]
        date = _held_on(st, s0, s1) or (local[0] if local else (yearless or st.docinfo.doc_date))
        city = next((p.name for p in _near(st.places(), s0, s1) if s0 <= p.start < s1 and p.kind == "place:city"), None) \
            or (st.docinfo.place if date == st.docinfo.doc_date else None)
        leaving = {mm.person for mm in st.relations.memberships if mm.end and not mm.start}
        # the people the meeting's paragraph names: a quote elsewhere in the release is no speech at it
        pa = text.rfind("\n", 0, s0) + 1
        pb = text.find("\n", s1)
        pb = len(text) if pb < 0 else pb
        near_people = {p.name for p in _near(st.people_sorted(), pa, pb) if pa <= p.start < pb}
        participants = tuple(p for p in st.mentions.people if p not in leaving and p in near_people)
        if date and st.docinfo.doc_date and date > st.docinfo.doc_date:
            participants = ()  # a meeting announced for later has no speakers yet
        tm = title_re.search(text, s0, s1)
        title = tm.group(1).strip() if tm else (_capitalised_title(text, m, s0) or _titled_noun(text, m, s0, s1))
        venue = next((o.name for o in st.orgs_sorted() if s0 <= o.start < s1 and o.kind == "Venue"), None)
        st.relations.facts.append(Event(_mention(text, s0, s1), kind="Conference", organiser=organiser, date=date,
                              venue=venue, city=city, title=title,
                              participants=participants))
        return
