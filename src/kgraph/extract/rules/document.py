"""Document info: the release's dateline (date and place), title, publisher (issuer, signature,
fair organiser) and its parent organisation.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ...model import DocumentInfo, Mention
from .. import gazetteer as gz
from .._dates import _ABBR_FULL, _MONTH_NUM, _MONTHS_ABBR, _MONTHS_EN, _MONTHS_IT, _dates
from .._lex import _SP
from ..base import file_name_date
from .lexicon import _WEEKDAY, _words_alt, _words_re
from .state import _mention, _near, _Span, _State

# a date that heads the release: on a short line of its own ("07 November 2022", "Sep 28, 2023 Italy",
# "Uscito il 03/02/2024"), not a date inside the first sentence ("Si è svolta venerdì 9 maggio 2025")
_HEADER_MAX_WORDS = 6
# "ASSOCIAZIONE ESEMPIO (X9999) 02.03.24": a day-first date with a two-digit year closing a header line
_SHORT_DATE = re.compile(r"(?<![\d.,/])(\d{1,2})[./](\d{1,2})[./](\d{2})[ \u00a0\t]*(?:\r?\n|$)")
_RELATIVE_DAY = re.compile(rf"(?i)\b(yesterday|today|ieri|oggi)\b(?:{_SP}+(?:pomeriggio|mattina|sera|afternoon|morning|evening))?"
                           rf"[ \u00a0,(]*(?:{_WEEKDAY},?{_SP}+)?(?:the{_SP}+)?$")
_RELATIVE_DAYS = {"yesterday": 1, "ieri": 1, "today": 0, "oggi": 0}


# what follows a date that opens the release: a dash, colon, bar or underscore before the text
_LEAD_DATE_SEP = re.compile(r"[ \u00a0]*[_–—|:-]+[ \u00a0]*(?=\S)")
# a town in capitals opening the text, then the first sentence ("LODI Oggi ...", "VIGEVANO - La ...")
_CAPS_TOWN_LEAD = re.compile(r"[ \u00a0\t\r\n]*([A-ZÀ-Ý]{3,}(?:[ \u00a0][A-ZÀ-Ý]{2,})?)[ \u00a0]*(?:[-–—][ \u00a0]*)?(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _header_line(text: str, mn: Mention) -> bool:
    a = text.rfind("\n", 0, mn.start) + 1
    b = text.find("\n", mn.end)
    b = len(text) if b < 0 else b
    rest = text[a:mn.start] + " " + text[mn.end:b]
    return len(rest.split()) <= _HEADER_MAX_WORDS and not re.search(r"[.;]\s+\w", rest)


def _short_header_date(text: str) -> tuple[Mention, dt.date] | None:
    for m in _SHORT_DATE.finditer(text, 0, min(len(text), 300)):
        a = text.rfind("\n", 0, m.start()) + 1
        if len(text[a:m.start()].split()) > _HEADER_MAX_WORDS:
            continue
        try:
            d = dt.date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        return Mention(text[m.start():m.end(3)], m.start(), m.end(3)), d
    # a page's date block, day, month and year on lines of their own ("21\n09\n2017"), day first
    for m in _STACKED_DATE.finditer(text, 0, min(len(text), 300)):
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        return Mention(text[m.start(1):m.end(3)], m.start(1), m.end(3)), d
    return None


_STACKED_DATE = re.compile(r"(?m)^[ \u00a0\t]*(\d{1,2})[ \u00a0\t]*\r?\n[ \u00a0\t]*(\d{1,2})[ \u00a0\t]*\r?\n[ \u00a0\t]*((?:19|20)\d\d)[ \u00a0\t]*$")


@cache
def _document_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = gz._load("document.yaml")
    return words


@cache
def _parent_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"X member association" (after the name) and "a member of X" (before it): X is a parent body."""
    w = _document_words()
    after = re.compile(rf"(?i)[ \u00a0-]+(?:{_words_alt(w.get('parent_after', ()))})\b")
    before = re.compile(rf"(?i)\b(?:{_words_alt(w.get('parent_before', ()))}){_SP}+(?:(?:the|il|la|lo|l['’]){_SP}*)?$")
    return after, before


def _parent_mention(st: _State, sp: _Span) -> bool:
    after_re, before_re = _parent_res()
    return bool(after_re.match(st.text, sp.end) or before_re.search(st.text, max(0, sp.start - 30), sp.start))


@cache
def _issuer_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"Source: X" lines and "About X" headings (the issuer named in group 1)."""
    w = _document_words()
    src = _words_re(w["source"]).pattern[len("(?i)"):]
    about = _words_re(w["about"]).pattern[len("(?i)"):]
    return (re.compile(r"(?im)^[ \u00a0\t]*" + src + r"[ \u00a0]*:[ \u00a0]*(.+)$"),
            re.compile(r"(?im)^[ \u00a0\t]*" + about + r"[ \u00a0]+(.+?)[ \u00a0\t]*$"))


@cache
def _signature_re() -> re.Pattern[str]:
    return re.compile(r"(?im)^[ \u00a0\t]*" + _words_re(_document_words()["signature"]).pattern[len("(?i)"):])


def _signature_publisher(st: _State) -> str | None:
    """"Ufficio stampa ACIMIT", "Per informazioni:\nArea Comunicazione – Confindustria Brescia": the
    body a release's press contact speaks for (the last such line: signatures close a release)."""
    hits = list(_signature_re().finditer(st.text))
    for m in reversed(hits):
        end = m.end()
        for _ in range(3):  # that line and the two after it
            nl = st.text.find("\n", end + 1)
            end = len(st.text) if nl < 0 else nl
        orgs = [o for o in _near(st.orgs_sorted(), m.start(), end) if m.start() <= o.start < end
                and o.kind not in ("Venue", "TradeFair", "ResearchCentre")]
        if orgs:
            return orgs[0].name
    return None


def _fair_publisher(st: _State, title: Mention) -> str | None:
    """A release on a fair's results ("Mipel: +7% di presenze", "La 90esima edizione di Alfa si
    è chiusa") is issued by whoever the text says organises the fair, else by the fair itself."""
    fair = next((o for o in st.orgs_sorted() if title.start <= o.start < title.end and o.kind == "TradeFair"), None)
    if fair is None:
        return None
    # the sentences naming the fair, or calling it "the fair" ("The fair, organised by Assomac, ...")
    starts = [o.end for o in st.orgs_sorted() if o.name == fair.name]
    starts += [m.end() for m in _FAIR_NOUN.finditer(st.text)]
    for pos in sorted(starts):
        _a, b = st.sentence_of(pos)
        om = _ORGANISED_BY.search(st.text, pos, b)
        org = st.org_at(om.end()) if om else None
        if org and org.kind not in ("Venue", "TradeFair"):
            return org.name
    return fair.name


_YEARLESS_DATELINE = re.compile(
    rf"(?m)^[ \u00a0\t]*(?:\([A-Za-z][\w .&-]{{0,20}}\){_SP}*[-–—]?{_SP}*)?(?P<city>[A-ZÀ-Ý][\w'’.-]*(?:{_SP}[A-ZÀ-Ý][\w'’.-]*){{0,2}}),{_SP}*"
    rf"(?P<date>(?P<d>\d{{1,2}}){_SP}+(?P<m>(?i:{_MONTHS_EN}|{_MONTHS_IT}|{_MONTHS_ABBR})))\.?(?!{_SP}*\d)"
    rf"(?:{_SP}*\([A-Za-z][\w .&-]{{0,20}}\))?{_SP}*[-–—]")


_TOWN_LEAD = re.compile(rf"(?m)^[ \u00a0\t]*(?P<city>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:{_SP}[A-ZÀ-Ý][a-zà-ÿ'’-]+){{0,2}})"
                        rf"(?:{_SP}*\((?P<prov>[A-Z][A-Za-z]\.?)\))?{_SP}+[–—-]{_SP}+")


def _document_info(st: _State) -> None:
    text = st.text
    dates = _dates(text)
    dateline: tuple[Mention, dt.date, Mention | None] | None = None
    for mn, dd in dates:
        # "Bergamo, 20 June 2025" on a line of its own, or opening the first paragraph
        # ("Milano, 15 aprile 2025 – Secondo i dati ...")
        line_start = text.rfind("\n", 0, mn.start) + 1
        # "Cinisello Balsamo (Milan), April 28, 2025": a province in brackets may follow the town
        # the separator may be a comma or a dash ("Brescia – 14 novembre 2024"), a weekday may
        # precede the date ("Bologna, venerdì 27 giugno 2025")
        # a news agency's tag may open the line ("(ANSA) - ROMA, 12 marzo 2024 -"), an ordinal date
        # its article ("LONDON, the 21st of September, 2023 -")
        m = re.fullmatch(rf"[ \u00a0\t•]*(?:\([A-Za-z][\w .&-]{{0,20}}\){_SP}*[-–—]?{_SP}*)?"
                         rf"((?:[A-ZÀ-Ý][\w'’.-]*)(?:{_SP}+[A-ZÀ-Ýa-z][\w'’.-]*){{0,3}})(?:{_SP}*\([^()\n]{{1,30}}\))?"
                         rf"(?:,|{_SP}+[-–—]){_SP}*(?:{_WEEKDAY},?{_SP}+)?(?:the{_SP}+)?",
                         text[line_start:mn.start])
        rest = re.match(r"[ \u00a0\t]*(?:$|[\r\n]|[-–—.:][ \u00a0\t]*)", text[mn.end:])
        if m and re.fullmatch(_WEEKDAY, m.group(1)):
            m = None  # "Saturday, 14 May 2011": a weekday, not a town
        if m and rest and not re.search(r"(?i)press|comunicat|news", m.group(1)):
            city_m = Mention(m.group(1), line_start + m.start(1), line_start + m.end(1))
            dateline = (mn, dd, city_m)
            break
        # the date first: "07-02-2025 – Chennai" on a line of its own
        after = re.match(rf"{_SP}*[-–—,]{_SP}*([A-ZÀ-Ý][\w'’.-]*(?:{_SP}+[A-ZÀ-Ý][\w'’.-]*){{0,2}})[ \u00a0\t]*(?:\r?\n|$)",
                         text[mn.end:])
        if after and not text[line_start:mn.start].strip(" \u00a0\t•") \
                and not re.search(r"(?i)press|comunicat|news", after.group(1)):
            city_m = Mention(after.group(1), mn.end + after.start(1), mn.end + after.end(1))
            dateline = (mn, dd, city_m)
            break
    header = next(((mn, dd) for mn, dd in dates if mn.start < 300 and _header_line(text, mn)), None)
    if header is None:
        header = _short_header_date(text)
    if header is None and dateline is None and dates:
        # "October 16, 2024_ The fair ...", "16 ottobre 2024 – Il settore ...": the release opens with its date
        mn0, dd0 = dates[0]
        if not text[:mn0.start].strip(" \u00a0\t\r\n•") and _LEAD_DATE_SEP.match(text, mn0.end):
            header = (mn0, dd0)
    date_ev: list[Mention] = []
    if header:
        date_ev.append(header[0])
    if dateline:
        if dateline[0] not in date_ev:
            date_ev.append(dateline[0])
        st.docinfo.doc_date = dateline[1]
        city = dateline[2]
        assert city is not None
        # "02.03.2024 - ACME-MACCHINE ITALIANE": the publisher's name after the date is no place
        if gz.resolve(city.text, "place") or not any(o.start < city.end and city.start < o.end
                                                     for o in _near(st.orgs_sorted(), city.start, city.end)):
            st.docinfo.place = gz.resolve(city.text, "place") or city.text.title()
    elif header:
        st.docinfo.doc_date = header[1]
    else:
        # "Ieri, 4 maggio 2019, durante l'assemblea ...": a day named relative to the writing dates the release
        rel = next(((mn, dd, rm) for mn, dd in dates
                    if (rm := _RELATIVE_DAY.search(text, max(0, mn.start - 40), mn.start))), None)
        if rel:
            mn, dd, rm = rel
            st.docinfo.doc_date = dd + dt.timedelta(days=_RELATIVE_DAYS[rm.group(1).lower()])
            date_ev.append(mn)
    if st.docinfo.doc_date is None or (st.docinfo.place is None and dateline is None):
        # "MILANO, 15 APR - ...": a wire's dateline gives day and month; the year is the file
        # name's when its day and month agree (the text states the day, the name only its year);
        # after a dated header it still gives the town
        yl = _YEARLESS_DATELINE.search(text, 0, min(len(text), 400))
        fd = (st.docinfo.doc_date or file_name_date(st.doc.slug)) if yl else None
        if yl and fd and (fd.month, fd.day) == (_MONTH_NUM[_ABBR_FULL.get(yl.group("m").lower()[:3], yl.group("m").lower())],
                                                int(yl.group("d"))):
            if st.docinfo.doc_date is None:
                st.docinfo.doc_date = fd
                date_ev.append(Mention(yl.group("date"), yl.start("date"), yl.end("date")))
            st.docinfo.place = gz.resolve(yl.group("city"), "place") or yl.group("city").title()
    if st.docinfo.place is None and dateline is None:
        # "LODI Oggi i conciatori ...": a newspaper's town in capitals opening the text
        cl = _CAPS_TOWN_LEAD.match(text)
        town = gz.place(cl.group(1).title()) if cl else None
        if cl and town is not None and town.kind == "city" and not any(
                o.start < cl.end(1) and cl.start(1) < o.end for o in _near(st.orgs_sorted(), cl.start(1), cl.end(1))):
            st.docinfo.place = town.name
    if st.docinfo.place is None and header:
        # "16 Dicembre 2015\n\nBaggiovara (Mo) – Secondo i dati ...": a dated header, then the first
        # paragraph opens with the town (a town the gazetteer lacks only with its province code)
        tl = _TOWN_LEAD.search(text, header[0].end, min(len(text), header[0].end + 200))
        if tl and re.fullmatch(r"[\s\d:.|–—-]*", text[header[0].end:tl.start()]) \
                and not any(o.start < tl.end("city") and tl.start("city") < o.end
                            for o in _near(st.orgs_sorted(), tl.start("city"), tl.end("city"))) \
                and (tl.group("prov") or gz.resolve(tl.group("city"), "place")):
            st.docinfo.place = gz.resolve(tl.group("city"), "place") or tl.group("city")
    # title: the first substantial line that is not a header or dateline
    title_m: Mention | None = None
    for line in re.finditer(r"[^\r\n]+", text):
        s = line.group().strip(" \u00a0\t")
        if len(s.split()) < 4 or s.startswith("•"):
            continue
        if s[0].islower() and len(s) < 80:
            continue  # a kicker above the headline ("l'ultima edizione di ...") starts in lower case
        if any(line.start() <= mn.start < line.end() for mn in date_ev) and len(s) < 80:
            continue
        if re.match(r"(?i)(press releases?|comunicat[oi] stampa|news)\b", s) or (
                len(s.split()) <= 6 and re.search(r"(?i)\b(?:press[ \u00a0]+releases?|comunicat[oi][ \u00a0]+stampa|news(?:letter)?)\b", s)):
            continue
        title_m = _mention(text, line.start(), line.end())
        break
    # publisher: "Source: X" / "Fonte: X", else the trade association named most often
    pub: str | None = None
    src = _issuer_res()[0].search(text)
    if src:
        in_src = sorted((sp for sp in st.mentions.org_spans if src.start(1) <= sp.start < src.end(1)), key=lambda x: x.start)
        # "Source: Confindustria Moda Research Centre for Assocalzaturifici": the body it works for
        for_ = next((sp for sp in in_src if re.search(r"(?i)\b(?:for|per|on\s+behalf\s+of|per\s+conto\s+di)[ \u00a0]+(?:the[ \u00a0]+)?$",
                                                       text[max(0, sp.start - 20):sp.start])), None)
        issuers = [sp for sp in in_src if sp.kind not in ("Venue", "TradeFair", "ResearchCentre")]
        o = for_ or (issuers[0] if issuers else (in_src[0] if in_src else None))
        pub = o.name if o else None
    if pub is None:
        # the boilerplate "About Ferralba Packaging" / "Chi è X" closing a release names its issuer
        about = _issuer_res()[1].search(text)
        if about:
            in_about = [sp for sp in st.mentions.org_spans if about.start(1) <= sp.start < about.end(1)
                        and sp.kind not in ("Venue", "TradeFair")]
            pub = in_about[0].name if in_about else None
    after_re, before_re = _parent_res()
    if pub is None and title_m:
        # "Assomac: the sector closes 2024 at -12%", "ASSOMAC elects ...": the association in the headline
        in_title = [sp for sp in st.mentions.org_spans if title_m.start <= sp.start < title_m.end
                    and sp.kind == "TradeAssociation" and not after_re.match(text, sp.end)
                    and not before_re.search(text, max(0, sp.start - 30), sp.start)]
        # "Brevetti Montolit S.p.A. appoints new CEO": a company heading its own release
        lead_co = [sp for sp in st.mentions.org_spans if sp.start == title_m.start and sp.kind in ("Company", "GovernmentAgency")]
        pub = in_title[0].name if in_title else (lead_co[0].name if lead_co else None)
    if pub is None:
        pub = _signature_publisher(st)
    if pub is None and title_m:
        pub = _fair_publisher(st, title_m)
    if pub is None:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        # the association named most often; failing that, any issuing body (an agency, a
        # company), never a venue or a fair
        # a body named only as the one the issuer belongs to counts when nothing else does
        parents = {sp.name for sp in st.mentions.org_spans if after_re.match(text, sp.end) or before_re.search(text, max(0, sp.start - 30), sp.start)}
        for kinds in (("TradeAssociation",), ("GovernmentAgency", "Company", "University", "ResearchCentre")):
            for sp in st.mentions.org_spans:
                if sp.kind in kinds and (sp.name not in parents or all(o.name in parents for o in st.mentions.org_spans if o.kind in kinds)):
                    counts[sp.name] = counts.get(sp.name, 0) + 1
                    first.setdefault(sp.name, sp.start)
            if counts:
                pub = max(counts, key=lambda n: (counts[n], -first[n]))
                break
    st.docinfo.publisher = pub
    evidence = title_m or (date_ev[0] if date_ev else Mention(text[:0], 0, 0))
    st.docinfo.info = DocumentInfo(evidence, title=title_m.text if title_m else None, date=st.docinfo.doc_date,
                           place=st.docinfo.place, publisher=pub, date_evidence=tuple(date_ev))


# "arranged by Assomac", "curata dagli uffici tecnici di UCIMU" (the staff of a body)
_ORGANISED_BY = re.compile(r"(?i)\b(?:organi[sz]ed|run|organizzat[ao])[ \u00a0]+(?:by|da|dal|dalla|dalle|dai|dagli|dall['’])[ \u00a0]*(?:the[ \u00a0]+)?"
                           r"(?:(?:[a-zà-ù]+[ \u00a0]+){1,3}(?:of|di|del|della|dell['’])[ \u00a0]*(?:the[ \u00a0]+)?(?=[A-Z]))?")


# "the fair", "the international showcase", "la rassegna": the release's fair without its name
_FAIR_NOUN = re.compile(r"(?i)\b(?:the[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,2}?(?:fair|exhibition|show|showcase|trade[ \u00a0]+show|event)|la[ \u00a0]+(?:fiera|manifestazione|rassegna|mostra)|l['’](?:evento|esposizione))\b")
