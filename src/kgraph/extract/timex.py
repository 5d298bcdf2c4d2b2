"""Reporting periods as written in English and Italian, normalised to the gold notation
(``2024``, ``2024-H1``, ``2024-Q3``, ``2024-01/2024-08``). Pure functions over strings; a
period without its year keeps ``{y}`` for the caller to fill from the context.

>>> def show(s, today=None):
...     return [p.value for p in periods(s, today=today)]
>>> for s in ["in 2024", "during the first quarter of 2017", "nel III trimestre 2025", "Q4 2019", "nel IV trimestre",
...           "in the first half of 2024", "nel primo semestre 2024", "H2 2023", "nella seconda metà del 2023",
...           "from January to March 2024", "da gennaio a marzo 2024", "January-March 2024", "gennaio-marzo",
...           "for the months of October to December 2019", "between April and June 2023", "tra luglio e settembre",
...           "nei primi tre mesi del 2024", "in the first six months", "in the first nine months of 2024",
...           "nei primi nove mesi 2024", "from January to August", "da gennaio ad agosto 2023",
...           "January-May 2024", "gennaio-dicembre 2022", "primo bimestre 2024",
...           "from October 2023 to March 2024", "the last quarter of 2024", "l'ultimo trimestre"]:
...     print(f"{s!r:46} {show(s)}")
'in 2024'                                      ['2024']
'during the first quarter of 2017'             ['2017-Q1']
'nel III trimestre 2025'                       ['2025-Q3']
'Q4 2019'                                      ['2019-Q4']
'nel IV trimestre'                             ['{y}-Q4']
'in the first half of 2024'                    ['2024-H1']
'nel primo semestre 2024'                      ['2024-H1']
'H2 2023'                                      ['2023-H2']
'nella seconda metà del 2023'                  ['2023-H2']
'from January to March 2024'                   ['2024-Q1']
'da gennaio a marzo 2024'                      ['2024-Q1']
'January-March 2024'                           ['2024-Q1']
'gennaio-marzo'                                ['{y}-Q1']
'for the months of October to December 2019'   ['2019-Q4']
'between April and June 2023'                  ['2023-Q2']
'tra luglio e settembre'                       ['{y}-Q3']
'nei primi tre mesi del 2024'                  ['2024-Q1']
'in the first six months'                      ['{y}-H1']
'in the first nine months of 2024'             ['2024-01/2024-09']
'nei primi nove mesi 2024'                     ['2024-01/2024-09']
'from January to August'                       ['{y}-01/{y}-08']
'da gennaio ad agosto 2023'                    ['2023-01/2023-08']
'January-May 2024'                             ['2024-01/2024-05']
'gennaio-dicembre 2022'                        ['2022']
'primo bimestre 2024'                          ['2024-01/2024-02']
'from October 2023 to March 2024'              ['2023-10/2024-03']
'the last quarter of 2024'                     ['2024-Q4']
"l'ultimo trimestre"                           ['{y}-Q4']

An index's base is not a period; a date is not one either when the caller says so:

>>> for s in ["104.2 (base 100 in 2015)", "base 2015=100", "(2021=100)", "indice 53,3 (base 2021)",
...           "base anno 2015", "100 = 2015", "base: 2010"]:
...     print(f"{s!r:28} {show(s)} {[b.base for b in index_bases(s)]}")
'104.2 (base 100 in 2015)'   [] ['2015=100']
'base 2015=100'              [] ['2015=100']
'(2021=100)'                 [] ['2021=100']
'indice 53,3 (base 2021)'    [] ['2021=100']
'base anno 2015'             [] ['2015=100']
'100 = 2015'                 [] ['2015=100']
'base: 2010'                 [] ['2010=100']

Periods relative to the release's date:

>>> import datetime as dt
>>> d = dt.date(2021, 12, 14)
>>> for s in ["this year", "quest'anno", "last year", "lo scorso anno", "l'anno scorso", "today", "oggi",
...           "this morning", "yesterday", "ieri", "the previous quarter",
...           "il trimestre precedente", "the current year", "at year end", "entro fine anno"]:
...     print(f"{s!r:26} {show(s, d)}")
'this year'                ['2021']
"quest'anno"               ['2021']
'last year'                ['2020']
'lo scorso anno'           ['2020']
"l'anno scorso"            ['2020']
'today'                    ['2021']
'oggi'                     ['2021']
'this morning'             ['2021']
'yesterday'                ['2021']
'ieri'                     ['2021']
'the previous quarter'     ['2021-Q3']
'il trimestre precedente'  ['2021-Q3']
'the current year'         ['2021']
'at year end'              ['{y}']
'entro fine anno'          ['{y}']
>>> show("last year")  # no release date: nothing to count from
[]
>>> show("Since its launch in 1951, the fair has grown; it was founded in 1960.")
[]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ._lex import _SP

MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTHS_IT = "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS_EN.split("|"))} | {
    m: i + 1 for i, m in enumerate(MONTHS_IT.split("|"))}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "prima": 1, "seconda": 2,
        # Roman numerals ("III trimestre") and the year's last quarter
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "last": 4, "final": 4, "ultimo": 4}
_NUMWORD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7,
            "otto": 8, "nove": 9, "dieci": 10, "undici": 11}
_MONTH = f"{MONTHS_EN}|{MONTHS_IT}"
YEAR = r"(?:19|20)\d\d"
_OF_YEAR = rf"(?:{_SP}+(?:of|del|dell['’]anno|in){_SP}*)?(?:{_SP}*(?P<y>{YEAR}))?"
# "to" between two months: "January to March", "da gennaio a marzo", "gennaio-marzo"
_TO = rf"(?:{_SP}*[-–/]{_SP}*|{_SP}+(?:to|through|till|until|a|ad|al|all['’]|fino{_SP}+a){_SP}+)"


@cache
def _period_re() -> re.Pattern[str]:
    from .quantity import _data

    rel = _data()["relative_periods"]
    rel_alt = "|".join(re.escape(w).replace(r"\ ", _SP + "+")
                       for w in sorted((w for ws in rel.values() for w in ws), key=len, reverse=True))
    return re.compile(
        rf"(?i)\b(?:"
        rf"(?P<half>(?:first|second|1st|2nd){_SP}+(?:half|semester)|(?:primo|secondo){_SP}+semestre|(?-i:II?){_SP}+semestre|(?:prima|seconda){_SP}+metà)"
        rf"|(?P<quarter>(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th){_SP}+quarter|(?:primo|secondo|terzo|quarto|ultimo){_SP}+trimestre|(?-i:IV|I{{1,3}}){_SP}+trimestre)"
        rf"|(?P<qcode>Q[1-4])"
        rf"|(?P<hcode>H[12])"
        rf"|(?P<firstn>(?:first|primi){_SP}+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|\d{{1,2}}){_SP}+(?:months|mesi))"
        rf"|(?P<bim>primo{_SP}+bimestre|primo{_SP}+quadrimestre)"
        rf"|(?P<xrange>(?P<xm1>{_MONTH}){_SP}+(?P<xy1>{YEAR}){_TO}(?P<xm2>{_MONTH}){_SP}+(?P<xy2>{YEAR}))"
        rf"|(?P<mrange>(?:(?:between|tra|fra){_SP}+(?P<bm1>{_MONTH}){_SP}+(?:and|e){_SP}+(?P<bm2>{_MONTH}))"
        rf"|(?P<m1>{_MONTH}){_TO}(?P<m2>{_MONTH}))"
        rf"){_OF_YEAR}"
        rf"|\b(?<!['’])(?P<rel>{rel_alt})(?![\w])"
        rf"|\b(?P<year>{YEAR})\b")


@dataclass
class Period:
    start: int
    end: int
    value: str  # may contain "{y}" when the year is not written
    weak: bool = False  # "today": the release's year, only where nothing else dates the figure
    relative: bool = False  # named from the release's date ("last year"), not written
    whole: bool = False  # "su base annua": the whole year in force, which the text goes on with


def _months(y: str, m1: int, m2: int) -> str:
    if m2 - m1 == 2 and m1 % 3 == 1:
        return f"{y}-Q{(m1 + 2) // 3}"
    if (m1, m2) == (1, 6):
        return f"{y}-H1"
    if (m1, m2) == (7, 12):
        return f"{y}-H2"
    if (m1, m2) == (1, 12):
        return y
    return f"{y}-{m1:02d}/{y}-{m2:02d}"


@cache
def _relative_kind() -> dict[str, str]:
    from .quantity import _data

    return {" ".join(w.lower().replace("’", "'").split()): k for k, ws in _data()["relative_periods"].items() for w in ws}


def relative(phrase: str, today: dt.date) -> str | None:
    """The period a phrase relative to the release's date names."""
    kind = _relative_kind().get(" ".join(phrase.lower().replace("’", "'").split()))
    if kind in ("this_year", "today"):
        return str(today.year)
    if kind == "last_year":
        return str(today.year - 1)
    if kind == "previous_quarter":
        q = (today.month - 1) // 3  # the quarter before today's, 0 = last year's fourth
        return f"{today.year}-Q{q}" if q else f"{today.year - 1}-Q4"
    return None


def periods(text: str, a: int = 0, b: int | None = None, *, today: dt.date | None = None) -> list[Period]:
    """The periods written in ``text[a:b]``, index bases left out."""
    b = len(text) if b is None else b
    bases = index_bases(text, max(0, a - 20), min(len(text), b + 20))
    starts = [s.start for s in bases]
    out: list[Period] = []
    for m in _period_re().finditer(text, a, b):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and bases[i].start <= m.start() < bases[i].end:
            continue
        g = m.groupdict()
        y = g.get("y") or "{y}"
        weak = rel = whole = False
        if g["year"]:
            if re.match(rf"{_SP}*=", text[m.end():m.end() + 3]):
                continue
            val = g["year"]
        elif g["rel"] and _relative_kind().get(" ".join(g["rel"].lower().replace("’", "'").split())) == "year_end":
            val = "{y}"
        elif g["rel"] and _relative_kind().get(" ".join(g["rel"].lower().replace("’", "'").split())) == "whole_year":
            val, whole = "{y}", True
        elif g["rel"]:
            if today is None:
                continue
            r = relative(g["rel"], today)
            if r is None:
                continue
            val = r
            weak = _relative_kind().get(" ".join(g["rel"].lower().replace("’", "'").split())) == "today"
            rel = True
        elif g["half"] or g["hcode"]:
            w = (g["half"] or g["hcode"]).lower()
            h = 2 if w.startswith(("second", "2nd", "seconda", "secondo", "h2", "ii")) else 1
            val = f"{y}-H{h}"
        elif g["quarter"] or g["qcode"]:
            q = int(g["qcode"][1]) if g["qcode"] else _ORD[g["quarter"].lower().split()[0]]
            val = f"{y}-Q{q}"
        elif g["firstn"]:
            n = g["n"].lower()
            k = int(n) if n.isdigit() else _NUMWORD[n]
            # "the first six months" is the first half, as "January-June" is
            val = {3: f"{y}-Q1", 6: f"{y}-H1", 12: y}.get(k, f"{y}-01/{y}-{k:02d}")
        elif g["bim"]:
            k = 2 if "bimestre" in g["bim"].lower() else 4
            val = f"{y}-01/{y}-{k:02d}"
        elif g["xrange"]:
            y1, y2 = g["xy1"], g["xy2"]
            m1, m2 = MONTH_NUM[g["xm1"].lower()], MONTH_NUM[g["xm2"].lower()]
            val = _months(y1, m1, m2) if y1 == y2 else f"{y1}-{m1:02d}/{y2}-{m2:02d}"
        else:
            m1 = MONTH_NUM[(g["m1"] or g["bm1"]).lower()]
            m2 = MONTH_NUM[(g["m2"] or g["bm2"]).lower()]
            if m2 <= m1:
                continue  # "December-January" spans two years that are not written
            val = _months(y, m1, m2)
        if _BACKGROUND.search(text, max(0, m.start() - 40), m.start()):
            continue  # "since its launch in 1951": history, not the period of a figure
        out.append(Period(m.start(), m.end(), val, weak, rel, whole))
    return out


def latest_before(value: str, today: dt.date) -> str:
    """A period written without its year ("{y}-Q3") as the latest one ended by ``today``.

    >>> [latest_before(v, dt.date(2025, 10, 20)) for v in ("{y}-Q3", "{y}-Q4", "{y}-H1", "{y}-01/{y}-08")]
    ['2025-Q3', '2024-Q4', '2025-H1', '2025-01/2025-08']
    >>> latest_before("{y}-Q4", dt.date(2020, 2, 6))
    '2019-Q4'
    """
    if "{y}" not in value:
        return value
    probe = value.replace("{y}", "2000")
    if "/" in probe:
        last = int(probe[-2:])
    elif "-Q" in probe:
        last = int(probe[-1]) * 3
    elif "-H" in probe:
        last = int(probe[-1]) * 6
    else:
        last = 12
    year = today.year if last < today.month else today.year - 1
    return value.replace("{y}", str(year))


# a year that dates a beginning, not a figure ("since 1951", "fondata nel 1945")
_BACKGROUND = re.compile(
    rf"(?i)\b(?:since|sin{_SP}+dal|fin{_SP}+dal|founded|established|launched|launch|created|fondat[aoie]|nat[aoie]|istituit[aoie]|costituit[aoie])\b[^.;\d]{{0,25}}$")
# a year after "after"/"dopo" tells what came before the period being reported
_AFTER = re.compile(r"(?i)\b(?:after|following|dopo)\b[^.;,]{0,45}$")


def is_past_aside(text: str, start: int) -> bool:
    """Whether the period at ``start`` follows "after"/"dopo" ("after the records of 2021 and 2022",
    "dopo la crescita del 2011"): it dates its own clause, not the sentences that follow.

    >>> t = "A new high, after the peaks of 2021 and 2022."
    >>> [is_past_aside(t, t.index(y)) for y in ("2021", "2022")]
    [True, True]
    >>> t = "Dopo la forte crescita del 2011, il 2012 segna una tenuta."
    >>> [is_past_aside(t, t.index(y)) for y in ("2011", "2012")]
    [True, False]
    """
    m = _AFTER.search(text, max(0, start - 50), start)
    return m is not None and "," not in text[m.start():start]


@cache
def _outlook_re() -> re.Pattern[str]:
    from .quantity import _data
    words = sorted(_data().get("outlook_leads", ()), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace("'", "['’]").replace(r"\ _\ ", rf"{_SP}+(?:[\w-]+{_SP}+)?")
                   .replace(r"\ ", _SP + "+") for w in words)
    return re.compile(rf"(?i)(?<![\w])(?:{alt})(?:{_SP}+(?:the|il|l['’]))?{_SP}*$")


def is_outlook(text: str, start: int) -> bool:
    """Whether the period at ``start`` is a year looked ahead to, not the one reported on.

    >>> t = "After a hard year, the sector looks to 2025 with concern; sales fell 3% in 2024."
    >>> [is_outlook(t, t.index(y)) for y in ("2025", "2024")]
    [True, False]
    >>> t = "Il comparto guarda al 2026 con fiducia. Looking ahead confidently to 2026, makers hold orders."
    >>> [is_outlook(t, i) for i in (t.index("2026"), t.rindex("2026"))]
    [True, True]
    """
    return _outlook_re().search(text, max(0, start - 40), start) is not None


@cache
def _not_period_re() -> re.Pattern[str]:
    from .quantity import _data
    words = sorted(_data().get("not_period_leads", ()), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace("'", "['’]").replace(r"\ _\ ", rf"{_SP}+(?:[\w-]+{_SP}+)?")
                   .replace(r"\-", rf"(?:{_SP}*[-/]{_SP}*|{_SP}+)").replace(r"\ ", _SP + "+") for w in words)
    # the period may start at its year while the lead sits before a day and month ("until 30 June 2026")
    month = rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?{_SP}+)?(?:{MONTHS_EN}|{MONTHS_IT})\.?{_SP}+)?"
    return re.compile(rf"(?i)(?<![\w])(?:{alt})(?:{_SP}+(?:the|il|l['’]|la))?{_SP}*{month}$")


def is_not_period(text: str, start: int) -> bool:
    """Whether the period at ``start`` is a bound of a span of time ("until June 2026") or the
    season of a collection ("spring-summer 2026"): a point or a name, over which nothing was measured.

    >>> t = "She chairs the board until May 2027; sales rose 4% in 2025."
    >>> [is_not_period(t, t.index(y)) for y in ("May 2027", "2027", "2025")]
    [True, True, False]
    >>> t = "a partire da marzo 2026 l'aliquota cala; le collezioni autunno/inverno 2026 e nel 2025 +3%"
    >>> [is_not_period(t, t.index(y)) for y in ("marzo 2026", "2026 l", "2026 e", "2025")]
    [True, True, True, False]
    >>> t = "the Spring Summer 2027 lines; the best result since 2019"
    >>> [is_not_period(t, t.index(y)) for y in ("2027", "2019")]
    [True, True]
    """
    return _not_period_re().search(text, max(0, start - 40), start) is not None


_EDITION_AFTER = re.compile(rf"{_SP}+(?:edition|edizione|show|fair|fiera)\b", re.I)
# "rispetto all'edizione 2021", "con l'edizione di marzo 2022", "the edition of March 2023"
_EDITION_BEFORE = re.compile(rf"(?i)\b(?:edition|edizione)(?:{_SP}+(?:of|di|del))?(?:{_SP}+(?:{MONTHS_EN}|{MONTHS_IT}))?{_SP}*$")
_COMPARED_BEFORE = re.compile(
    r"(?i)\b(?:from|over|on|than|with|versus|vs\.?|su|sulla|sull['’]|alla|all['’]|con|rispetto)\b[^.;\d]{0,30}$")


def is_compared_edition(text: str, start: int, end: int) -> bool:
    """Whether the period at ``start:end`` names an earlier edition a fair is compared with.

    >>> t = "up 14% from the September 2022 edition; rispetto all'edizione 2021; the 2023 edition had 300"
    >>> [is_compared_edition(t, t.index(y), t.index(y) + 4) for y in ("2022", "2021", "2023")]
    [True, True, False]
    >>> t = "in crescita sull'edizione di marzo 2022"
    >>> is_compared_edition(t, t.index("2022"), t.index("2022") + 4)
    True
    """
    before = text[max(0, start - 40):start]
    edition = bool(_EDITION_AFTER.match(text, end)) or bool(_EDITION_BEFORE.search(before))
    return edition and bool(_COMPARED_BEFORE.search(before))


@dataclass
class IndexBase:
    start: int
    end: int
    base: str  # "2015=100"


_BASE_RES = (
    # "base 100 in 2015", "base 2015=100", "base anno 2015", "(base 2021)", "base: 2010", "base 100 nel 2021"
    re.compile(rf"(?i)\bbase{_SP}*:?{_SP}*(?:100{_SP}*(?:in|nel|=|:)?{_SP}*|(?:anno|year){_SP}+)?(?P<y>{YEAR})(?:{_SP}*={_SP}*100)?\b"),
    # "(2021=100)", "2015 = 100"
    re.compile(rf"\b(?P<y>{YEAR}){_SP}*={_SP}*100\b"),
    # "100 = 2015"
    re.compile(rf"\b100{_SP}*={_SP}*(?P<y>{YEAR})\b"),
)


def index_bases(text: str, a: int = 0, b: int | None = None) -> list[IndexBase]:
    """The index bases written in ``text[a:b]``: their years are not periods of the figures."""
    b = len(text) if b is None else b
    found = sorted((IndexBase(m.start(), m.end(), f"{m.group('y')}=100") for rx in _BASE_RES for m in rx.finditer(text, a, b)),
                   key=lambda o: (o.start, -o.end))
    out: list[IndexBase] = []
    for o in found:  # the first-starting, longest of overlapping readings
        if not out or o.start >= out[-1].end:
            out.append(o)
    return out
