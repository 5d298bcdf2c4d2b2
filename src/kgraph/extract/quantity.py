"""Quantities as written in English and Italian: numbers, number words, multipliers,
currencies, percentages and physical units. Pure functions over strings; the words
themselves are data (``data/<pack>/quantities.yaml``, the packs merged by ``gazetteer._load``).

Numbers in both languages' formats (the language decides only what one separator means):

>>> [str(parse_number(s, lang)) for s, lang in [
...     ("1.200", "it"), ("1,2", "it"), ("1,200", "en"), ("1.2", "en"), ("1.234.567", "it"),
...     ("1,234,567", "en"), ("1.234,5", "en"), ("1,234.5", "it"), ("6 500", "en"), ("12\u00a0000", "it"),
...     ("-12", "en"), ("–12", "en"), ("−3,5", "it"), ("+4.1", "en"), ("191,2", "it"), ("0,5", "en")]]
['1200', '1.2', '1200', '1.2', '1234567', '1234567', '1234.5', '1234.5', '6500', '12000', '-12', '-12', '-3.5', '4.1', '191.2', '0.5']

A count has no decimals, so a group of three digits is thousands in either language:

>>> [str(parse_count(s, lang)) for s, lang in [("8,950", "it"), ("21.470", "en"), ("1.210", "it"), ("15", "en")]]
['8950', '21470', '1210', '15']

Number words, multipliers, currencies and units:

>>> [str(word_number(w)) for w in ("three", "tre", "half a", "mezzo", "un", "a hundred", "cento", "seven")]
['3', '3', '0.5', '0.5', '1', '100', '100', '7']
>>> word_number("several") is None
True
>>> [multiplier(w) for w in ("million", "milioni", "miliardo", "bn", "mln", "mila", "thousand", "Mld")]
[6, 6, 9, 9, 6, 3, 3, 9]
>>> [currency(w) for w in ("€", "EUR", "euros", "euro", "USD", "US$", "$", "dollars", "yen")]
['EUR', 'EUR', 'EUR', 'EUR', 'USD', 'USD', 'USD', 'USD', None]
>>> [unit_of(w) for w in ("pairs", "paia", "square metres", "sqm", "m2", "mq", "metri quadrati", "tonnes",
...                       "tonnellate", "hours", "ore", "percent", "per cento", "%", "percentage points",
...                       "punti percentuali", "kilos")]
['pairs', 'pairs', 'sqm', 'sqm', 'sqm', 'sqm', 'sqm', 'tonnes', 'tonnes', 'hours', 'hours', 'percent', 'percent', 'percent', 'points', 'points', None]

Amounts as a whole, read from a phrase:

>>> for s, lang in [("EUR 320 mn", "en"), ("EUR320m", "en"), ("€ 1.2bn", "en"), ("USD 5 billion", "en"),
...                 ("320 million euros", "en"), ("1,5 miliardi di euro", "it"), ("un miliardo e 245 milioni di euro", "it"),
...                 ("half a billion euros", "en"), ("mezzo miliardo di euro", "it"), ("2.5 thousand", "en"),
...                 ("100mila metri quadrati", "it"), ("191,2 milioni di paia", "it"), ("3,5 milioni di ore", "it"),
...                 ("three percent", "en"), ("tre per cento", "it"), ("2 percentage points", "en"),
...                 ("1,5 punti percentuali", "it"), ("114,500 square metres", "en"), ("1.200 tonnellate", "it"),
...                 ("9.05 billion dollars", "en"), ("12%", "en"), ("–12 %", "en"), ("oltre 1.200", "it")]:
...     q = parse_quantity(s, lang)
...     print(f"{s!r:40} {q}")
'EUR 320 mn'                             (Decimal('320000000'), 'EUR')
'EUR320m'                                (Decimal('320000000'), 'EUR')
'€ 1.2bn'                                (Decimal('1200000000'), 'EUR')
'USD 5 billion'                          (Decimal('5000000000'), 'USD')
'320 million euros'                      (Decimal('320000000'), 'EUR')
'1,5 miliardi di euro'                   (Decimal('1500000000'), 'EUR')
'un miliardo e 245 milioni di euro'      (Decimal('1245000000'), 'EUR')
'half a billion euros'                   (Decimal('500000000'), 'EUR')
'mezzo miliardo di euro'                 (Decimal('500000000'), 'EUR')
'2.5 thousand'                           (Decimal('2500'), None)
'100mila metri quadrati'                 (Decimal('100000'), 'sqm')
'191,2 milioni di paia'                  (Decimal('191200000'), 'pairs')
'3,5 milioni di ore'                     (Decimal('3500000'), 'hours')
'three percent'                          (Decimal('3'), 'percent')
'tre per cento'                          (Decimal('3'), 'percent')
'2 percentage points'                    (Decimal('2'), 'points')
'1,5 punti percentuali'                  (Decimal('1.5'), 'points')
'114,500 square metres'                  (Decimal('114500'), 'sqm')
'1.200 tonnellate'                       (Decimal('1200'), 'tonnes')
'9.05 billion dollars'                   (Decimal('9050000000'), 'USD')
'12%'                                    (Decimal('12'), 'percent')
'–12 %'                                  (Decimal('-12'), 'percent')
'oltre 1.200'                            (Decimal('1200'), None)

A range gives no single figure:

>>> [is_range_before(s) for s in ("between 5 and ", "tra il 5 e il ", "fra 3% e ", "from 5 to ", "up ")]
[True, True, True, False, False]
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from ._lex import _SP

# digits with an optional sign; thousands grouped by "." "," or a (no-break, thin) space
NUM = r"[-+−–]?(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)"
_SIGNS = str.maketrans({"−": "-", "–": "-", "+": None, " ": None, "\u00a0": None, "\u202f": None})


@cache
def _data() -> dict[str, Any]:
    from . import gazetteer as gz

    data: dict[str, Any] = gz._load("quantities.yaml")
    return data


def _alt(words: list[str]) -> str:
    """An alternation of words, longest first, spaces matching any in-line space."""
    return "|".join(re.escape(w).replace(r"\ ", _SP + "+") for w in sorted(words, key=len, reverse=True))


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def parse_number(raw: str, lang: str) -> Decimal:
    """A number as written: the last separator is the decimal one when both are written;
    a lone "," is the decimal comma in Italian, a group of thousands in English ("1,200");
    a lone "." with groups of three is thousands in Italian ("1.200"), decimals in English."""
    s = raw.translate(_SIGNS)
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "," in s:
        parts = s.split(",")
        if lang == "en" and all(len(p) == 3 for p in parts[1:]) or len(parts) > 2:
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if lang == "it" and all(len(p) == 3 for p in parts[1:]) or len(parts) > 2:
            s = s.replace(".", "")
    return Decimal(s)


def parse_count(raw: str, lang: str) -> Decimal:
    """A count: "8,950" and "21.470" are thousands whatever the language."""
    s = raw.translate(_SIGNS)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", s):
        return Decimal(re.sub(r"[.,]", "", s))
    return parse_number(raw, lang)


@cache
def _lookup(section: str) -> dict[str, str]:
    return {_norm(w): k for k, ws in _data()[section].items() for w in ws}


def word_number(words: str) -> Decimal | None:
    """The value of a number word ("three", "tre", "half a", "mezzo")."""
    v = _lookup("number_words").get(_norm(words))
    return Decimal(v) if v is not None else None


def multiplier(word: str) -> int | None:
    """The power of ten a multiplier word stands for ("million" -> 6)."""
    v = _lookup("multipliers").get(_norm(word))
    return int(v) if v is not None else None


def currency(word: str) -> str | None:
    """The ISO code of a currency word or symbol."""
    w = _norm(word)
    return _lookup("currencies").get(w) or {"us$": "USD"}.get(w)


def unit_of(words: str) -> str | None:
    """The unit a unit word names: a physical unit, percent or (percentage) points."""
    w = _norm(words)
    if w in {_norm(x) for x in _data()["percent"]}:
        return "percent"
    if w in {_norm(x) for x in _data()["points"]}:
        return "points"
    return _lookup("units").get(w)


# multipliers a currency symbol must come before ("EUR320m", "€ 5k"): alone they are too ambiguous
SHORT_MULTIPLIERS = frozenset({"m", "k", "mn"})


@cache
def patterns() -> dict[str, str]:
    """Regex alternations of the word lists, for the figure scanner."""
    d = _data()
    return {
        "mult": _alt([w for ws in d["multipliers"].values() for w in ws]),
        "cur": _alt([w for ws in d["currencies"].values() for w in ws]),
        "cur_sym": _alt([w for ws in d["currencies"].values() for w in ws if not w.isalpha() or w.isupper()]),
        "pct": _alt(d["percent"]),
        "points": _alt(d["points"]),
        "units": _alt([w for ws in d["units"].values() for w in ws]),
        "numword": _alt([w for ws in d["number_words"].values() for w in ws]),
        "counted": _alt([w for ws in d["counts"].values() for w in ws] + d["employed_people"]),
        "employing": _alt(d["employing_verbs"]),
        "count_adj": _alt(d.get("count_adjectives", ["unique"])),
    }


def counted(noun: str) -> str | None:
    """What a count of ``noun`` measures: ``companies``, ``employment`` or ``people`` (employment
    only after a verb of employing).

    >>> [counted(w) for w in ("manufacturers", "aziende", "imprese", "addetti", "employees", "people", "visitors")]
    ['companies', 'companies', 'companies', 'employment', 'employment', 'people', None]
    """
    w = _norm(noun)
    if w in {_norm(x) for x in _data()["employed_people"]}:
        return "people"
    return {_norm(x): k for k, ws in _data()["counts"].items() for x in ws}.get(w)


def unit_indicator(unit: str) -> str | None:
    """The indicator a physical unit names by itself (square metres: exhibition space)."""
    v = _data().get("unit_indicators", {}).get(unit)
    return str(v) if v else None


@cache
def _phrase_re() -> re.Pattern[str]:
    p = patterns()
    num = rf"(?:(?P<num>{NUM})|(?P<word>{p['numword']}))"
    return re.compile(
        rf"(?i)^(?:(?:oltre|over|more{_SP}+than|about|circa|quasi|almost|nearly){_SP}+)?"
        rf"(?:(?P<cur1>{p['cur_sym']}){_SP}*)?{num}{_SP}*"
        rf"(?:(?P<mult>{p['mult']})(?![\w]){_SP}*)?"
        rf"(?:(?:e|and|,){_SP}*(?P<num2>\d{{1,3}}){_SP}*(?P<mult2>{p['mult']})(?![\w]){_SP}*)?"
        rf"(?:(?:of|di|d['’]){_SP}*)?"
        rf"(?:(?P<pts>{p['points']})|(?P<pct>{p['pct']})|(?P<unit>{p['units']})|(?P<cur2>{p['cur']}))?(?![\w])")


def parse_quantity(phrase: str, lang: str) -> tuple[Decimal, str | None] | None:
    """The value and unit of a whole phrase (a money amount, a percentage, a physical quantity)."""
    m = _phrase_re().match(phrase.strip())
    if not m or m.end() != len(phrase.strip()):
        return None
    if m.group("num"):
        v = parse_number(m.group("num"), lang)
    else:
        w = word_number(m.group("word"))
        if w is None:
            return None
        v = w
    if m.group("mult"):
        v = v.scaleb(multiplier(m.group("mult")) or 0)
    if m.group("num2"):
        v += Decimal(m.group("num2")).scaleb(multiplier(m.group("mult2")) or 0)
    cur = m.group("cur1") or m.group("cur2")
    unit: str | None
    if cur:
        unit = currency(cur)
    elif m.group("pts"):
        unit = "points"
    elif m.group("pct"):
        unit = "percent"
    elif m.group("unit"):
        unit = unit_of(m.group("unit"))
    else:
        unit = None
    return (Decimal(int(v)) if v == v.to_integral() else v.normalize()), unit


_RANGE_BEFORE = re.compile(
    rf"(?i)\b(?:between|tra|fra)(?:{_SP}+(?:il|l['’]))?{_SP}*{NUM}{_SP}*(?:%|per{_SP}*cent[o]?)?{_SP}+(?:and|e|ed)(?:{_SP}+(?:il|l['’]))?{_SP}*$")


def is_range_before(text: str) -> bool:
    """Whether ``text`` (what comes right before a number) opens a range ("between 5 and 7%"):
    neither end is the figure."""
    return bool(_RANGE_BEFORE.search(text))
