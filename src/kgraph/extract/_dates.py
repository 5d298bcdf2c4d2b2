"""Dates and periods: day-first and month-name dates in English, Italian and the Vietnamese page
header; reporting periods ("2024", "first half", "primo trimestre", "January-March",
"primi nove mesi") and whether a period is the one compared against."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Mention
from ._lex import _SP

_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTHS_IT = "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS_EN.split("|"))} | {
    m: i + 1 for i, m in enumerate(_MONTHS_IT.split("|"))}
# abbreviated month names, English and Italian ("Jul. 24, 2024", "17 feb. 2025", "3 sett. 2024")
_MONTHS_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gen|mag|giu|lug|ago|sett?|ott|dic)\.?"
_ABBR_FULL = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
               "jul": "july", "aug": "august", "sep": "september", "set": "september", "oct": "october",
               "nov": "november", "dec": "december", "gen": "january", "mag": "may", "giu": "june",
               "lug": "july", "ago": "august", "ott": "october", "dic": "december"}
_ABBR_RE = re.compile(r"(?i)\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gen|mag|giu|lug|ago|sett?|ott|dic)\b\.?")
_DATE_RE = re.compile(
    rf"(?i)\b(?:\d{{1,2}}{_SP}+Tháng{_SP}+\d{{1,2}},?{_SP}+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|°)?{_SP}+(?:{_MONTHS_EN}|{_MONTHS_IT}|{_MONTHS_ABBR}),?{_SP}+\d{{4}}"
    rf"|(?:{_MONTHS_EN}|{_MONTHS_ABBR}){_SP}+\d{{1,2}}(?:st|nd|rd|th)?,?{_SP}+\d{{4}}"
    # ordinals written out in full: "the 3rd of June 2024", "June the 3rd, 2024"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?{_SP}+of{_SP}+(?:{_MONTHS_EN}|{_MONTHS_ABBR}),?{_SP}+\d{{4}}"
    rf"|(?:{_MONTHS_EN}){_SP}+the{_SP}+\d{{1,2}}(?:st|nd|rd|th)?,?{_SP}+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4})\b")


@lru_cache(maxsize=4096)
def _parse_date(s: str) -> dt.date | None:
    import dateparser

    languages = ["vi"] if "Tháng" in s else None
    # dateparser does not know every abbreviation ("sett."): spell the month out first
    s = _ABBR_RE.sub(lambda m: _ABBR_FULL[m.group(1).lower()[:3]], s)
    parsed = dateparser.parse(s.replace("\u00a0", " "), languages=languages,
                              settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                        "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


# a span of days in one month: "from 8 to 15 October 2025", "dal 27 al 30 maggio 2025",
# "1-3 February 2025" -- the event starts on the first day
_RANGE_RE = re.compile(
    rf"(?i)\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_SP}*(?:to|until|and|al|all['’]|e|[-–]){_SP}*\d{{1,2}}(?:st|nd|rd|th)?{_SP}+"
    rf"(?P<rest>(?:{_MONTHS_EN}|{_MONTHS_IT}),?{_SP}+\d{{4}})\b")


def _dates(text: str) -> list[tuple[Mention, dt.date]]:
    out = []
    ranges = []
    for m in _RANGE_RE.finditer(text):
        d = _parse_date(f"{m.group('d1')} {m.group('rest')}")
        if d:
            out.append((Mention(m.group(), m.start(), m.end()), d))
            ranges.append((m.start(), m.end()))
    for m in _DATE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        d = _parse_date(m.group())
        if d:
            out.append((Mention(m.group(), m.start(), m.end()), d))
    return sorted(out, key=lambda x: x[0].start)


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "prima": 1, "seconda": 2,
        # Roman numerals ("III trimestre") and the year's last quarter
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "last": 4, "final": 4, "ultimo": 4}
_NUMWORD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7,
            "otto": 8, "nove": 9, "dieci": 10, "undici": 11}
_MONTH_ALT = f"{_MONTHS_EN}|{_MONTHS_IT}"
_YEAR = r"(?:19|20)\d\d"
_OF_YEAR = rf"(?:{_SP}+(?:of|del|dell['’]anno|in){_SP}*)?(?:{_SP}*(?P<y>{_YEAR}))?"
_PERIOD_RE = re.compile(
    rf"(?i)\b(?:"
    rf"(?P<half>(?:first|second|1st|2nd){_SP}+(?:half|semester)|(?:primo|secondo){_SP}+semestre|(?-i:II?){_SP}+semestre|(?:prima|seconda){_SP}+metà)"
    rf"|(?P<quarter>(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th){_SP}+quarter|(?:primo|secondo|terzo|quarto|ultimo){_SP}+trimestre|(?-i:IV|I{{1,3}}){_SP}+trimestre)"
    rf"|(?P<qcode>Q[1-4])"
    rf"|(?P<hcode>H[12])"
    rf"|(?P<firstn>(?:first|primi){_SP}+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|\d{{1,2}}){_SP}+(?:months|mesi))"
    rf"|(?P<bim>primo{_SP}+bimestre|primo{_SP}+quadrimestre)"
    rf"|(?P<mrange>(?P<m1>{_MONTH_ALT}){_SP}*[-–/]{_SP}*(?P<m2>{_MONTH_ALT}))"
    rf"){_OF_YEAR}"
    rf"|\b(?P<year>{_YEAR})\b(?![ \u00a0]*=)")
_COMPARE_RE = re.compile(r"(?i)\b(compared|than|rispetto|versus|vs\.?|year[ -]on[ -]year|same period|same quarter|stesso periodo|against|sul|sull['’]|(?:over|from|on)(?=[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:19|20)\d\d|same|previous|prior|last)))\b")


@dataclass
class _Period:
    start: int
    end: int
    value: str  # may contain "{y}" when the year is not written


def _periods(text: str, a: int, b: int) -> list[_Period]:
    out: list[_Period] = []
    for m in _PERIOD_RE.finditer(text, a, b):
        g = m.groupdict()
        y = g.get("y") or "{y}"
        if g["year"]:
            out.append(_Period(m.start(), m.end(), g["year"]))
            continue
        if g["half"] or g["hcode"]:
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
        else:
            m1, m2 = _MONTH_NUM[g["m1"].lower()], _MONTH_NUM[g["m2"].lower()]
            if m2 - m1 == 2 and m1 % 3 == 1:
                val = f"{y}-Q{(m1 + 2) // 3}"
            elif m1 == 1 and m2 == 6:
                val = f"{y}-H1"
            elif m1 == 7 and m2 == 12:
                val = f"{y}-H2"
            elif m1 == 1 and m2 == 12:
                val = y
            else:
                val = f"{y}-{m1:02d}/{y}-{m2:02d}"
        out.append(_Period(m.start(), m.end(), val))
    return out


_PERIOD_WORDS = ("half", "semest", "quarter", "trimest", "month", "mesi", "bimest", "quadrimest", "metà")


_GOVERNED = re.compile(rf"(?i)\b(?:on|over|against|versus|vs\.?|sul|sulla|sullo|sull['’]){_SP}+(?:(?:the|il|la|lo|l['’])[ \u00a0]*)?(?:[\w-]+{_SP}+){{0,3}}$")


_CONTRAST = re.compile(r"(?i)\b(?:while|whilst|whereas|but|however|mentre|ma|tuttavia|invece)\b|;")


def _in_comparison(text: str, pos: int, clause_start: int) -> bool:
    # the look-ahead of "over 2023" must see past ``pos``: search a little further, keep earlier hits
    for m in _COMPARE_RE.finditer(text, clause_start, pos + 40):
        if m.start() >= pos:
            continue
        # a bare preposition ("sul", "over") compares only after a figure: "-5% sul 2023", not
        # "le prime rilevazioni sul primo trimestre 2024 indicano ..."
        if re.fullmatch(r"(?i)sul|sull['’]|over|from|on|against", m.group()) \
                and not re.search(r"\d", text[clause_start:m.start()]):
            continue
        return True
    # "a 19% decrease on the July-September period of 2023" (a figure comes first: "le prime
    # rilevazioni sul primo trimestre 2024" is the period measured)
    window = text[max(clause_start, pos - 60):pos]
    return bool(_GOVERNED.search(window)) and bool(re.search(r"\d", text[clause_start:pos]))
