"""Dates and periods: day-first and month-name dates in English, Italian and the Vietnamese page
header; reporting periods ("2024", "first half", "primo trimestre", "January-March",
"primi nove mesi") and whether a period is the one compared against."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..model import Mention
from ._lex import _SP
from .timex import Period, periods

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
    # (an underscore may follow: "October 16, 2024_ The fair ...", a page's separator)
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4})(?![^\W_])")


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


_COMPARE_RE = re.compile(r"(?i)\b(compared|than|with[ \u00a0]+respect[ \u00a0]+to|relative[ \u00a0]+to|in[ \u00a0]+relation[ \u00a0]+to|rispetto|confronto|versus|vs\.?|year[ -]on[ -]year|same period|same quarter|stesso periodo|against|sul|sull['’]|(?:over|from|on|su|sulla|sullo)(?=[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:" + _MONTHS_EN + "|" + _MONTHS_IT + r")[ \u00a0]+)?(?:(?:19|20)\d\d|same|previous|prior|last)))\b")

# the period grammar lives in timex (pure, with its doctest table)
_Period = Period


def _periods(text: str, a: int, b: int, today: dt.date | None = None) -> list[Period]:
    return periods(text, a, b, today=today)


_PERIOD_WORDS = ("half", "semest", "quarter", "trimest", "month", "mesi", "bimest", "quadrimest", "metà",
                 # periods relative to the release's date
                 "year", "anno", "today", "oggi", "ieri", "yesterday", "morning", "mattina", "stamane", "week", "settimana")


_GOVERNED = re.compile(rf"(?i)\b(?:on|over|against|versus|vs\.?|sul|sulla|sullo|sull['’]){_SP}+(?:(?:the|il|la|lo|l['’])[ \u00a0]*)?(?:[\w-]+{_SP}+){{0,3}}$")


_CONTRAST = re.compile(r"(?i)\b(?:while|whilst|whereas|but|however|mentre|ma|tuttavia|invece)\b|;")


# what makes a bare "over 2016" a comparison: a figure before it, or a change worded without
# digits ("five percentage points of growth over 2016", "in crescita sul 2016")
_MEASURED_BEFORE = re.compile(r"(?i)\d|\b(?:growth|increase|rise|decline|drop|fall|decrease|points|percent|"
                              r"crescita|aumento|incremento|calo|flessione|diminuzione|punti|percento)\b")


# how far back a comparison word is looked for: a clause is shorter than this, and a headline
# that runs on for pages (no line break) must not make every period rescan it
_COMPARE_REACH = 400


def _in_comparison(text: str, pos: int, clause_start: int) -> bool:
    clause_start = max(clause_start, pos - _COMPARE_REACH)
    # the look-ahead of "over 2023" must see past ``pos``: search a little further, keep earlier hits
    for m in _COMPARE_RE.finditer(text, clause_start, pos + 40):
        if m.start() >= pos:
            continue
        # a bare preposition ("sul", "over") compares only after a figure: "-5% sul 2023", not
        # "le prime rilevazioni sul primo trimestre 2024 indicano ..."
        if re.fullmatch(r"(?i)sul|sull['’]|over|from|on|against|su|sulla|sullo", m.group()) \
                and not _MEASURED_BEFORE.search(text, clause_start, m.start()):
            continue
        return True
    # "a 19% decrease on the July-September period of 2023" (a figure comes first: "le prime
    # rilevazioni sul primo trimestre 2024" is the period measured)
    window = text[max(clause_start, pos - 60):pos]
    return bool(_GOVERNED.search(window)) and bool(re.search(r"\d", text[clause_start:pos]))
