"""Figures: numbers with their unit (money, percent, index points, months, counts of visitors,
exhibitors and countries) read from the text around them, and the cue words of change,
estimate and preliminary figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ._lex import _SP
from .quantity import (
    NUM,
    SHORT_MULTIPLIERS,
    counted,
    is_range_before,
    multiplier,
    parse_count,
    parse_number,
    patterns,
    unit_of,
    word_number,
)
from .quantity import currency as _currency

# Figures are found number-first (a plain charset scan is fast), then their unit is read
# from the text right before or after the number; the words are quantity.py's data.
_NUM_RE = re.compile(NUM)
_NUMWORD_RE_SRC = r"(?<![\w])(?:{w})(?=" + _SP + r"+(?:{m}|{p})(?![\w]))"
# "the index stood at 109.2"; "with an absolute value of 71", "per un valore assoluto di 63,5":
# the level of an index named before
_IDX_BEFORE = re.compile(rf"(?i)\b(?:index|indice|absolute{_SP}+value|valore{_SP}+assoluto)(?:{_SP}+(?:of|di|a|at)|\b[^.;%\d]{{0,45}}?\b(?:at|to|of|a|al|di|pari{_SP}+a|was|is|were|stood|reached|è|era|ha{_SP}+raggiunto))?{_SP}+$")
_COUNT_NOUNS = (r"visitors|exhibitors|visitatori|espositori|operatori|buyers|compratori|exhibiting{_SP}+companies"
                r"|attendees|presenze|ingressi"
                # the countries are often capitalised in fair reports ("from 143 Countries")
                r"|aziende{_SP}+espositrici|countries|Countries|paesi|Paesi|nations|Nations|nazioni|Nazioni").replace("{_SP}", _SP)


@cache
def _cur_before() -> re.Pattern[str]:
    # "EUR 320", "€ 1.2", "USD 5", "US$ 3"
    return re.compile(rf"(?:{patterns()['cur_sym']}){_SP}?$")


@cache
def _after_re(short_mult: bool) -> re.Pattern[str]:
    p = patterns()
    # "m", "k", "mn" multiply only after a currency symbol ("EUR320m"): alone they may be metres
    mults = p["mult"] if short_mult else "|".join(
        w for w in p["mult"].split("|") if w.replace("\\", "").lower() not in SHORT_MULTIPLIERS)
    mult = rf"(?P<mult>{mults})(?![\w])"
    # "e 245 milioni", "and 50 million": the rest of a compound amount
    more = rf"(?:{_SP}*(?:e|and){_SP}+(?P<num2>\d{{1,3}}){_SP}*(?P<mult2>{p['mult']})(?![\w]))?"
    return re.compile(
        rf"(?:{_SP}*{mult}{more})?(?:"
        rf"(?P<money>{_SP}*(?:of{_SP}+|di{_SP}+|d['’])?(?P<cur>{p['cur']})(?![\w]))"
        rf"|(?P<ppts>{_SP}*(?:{p['points']})(?![\w]))"
        rf"|(?P<pct>{_SP}?(?:{p['pct']})(?![\w]))"
        rf"|(?P<qty>{_SP}*(?:of{_SP}+|di{_SP}+)?(?P<unit>{p['units']})(?![\w]))"
        rf"|(?P<pts>{_SP}+(?:points|punti)\b(?!{_SP}+percentual))"
        rf"|(?P<mon>{_SP}+(?:months|mesi)\b)"
        rf"|(?P<cnt>{_SP}+(?:(?:{p['count_adj']}){_SP}+)?(?:(?:foreign|international|overseas|esteri|stranieri|internazionali){_SP}+)?(?P<what>{_COUNT_NOUNS})\b)"
        rf"|(?P<org>{_SP}+(?:(?:italian|italiane|italiani|foreign|estere|esteri){_SP}+)?(?P<orgw>{p['counted']})(?![\w]))"
        rf")?")


@cache
def _numword_re() -> re.Pattern[str]:
    """A number word before a multiplier or percent ("half a billion", "un miliardo", "three percent")."""
    p = patterns()
    mults = "|".join(w for w in p["mult"].split("|") if w.replace("\\", "").lower() not in SHORT_MULTIPLIERS)
    return re.compile(_NUMWORD_RE_SRC.format(w=p["numword"], m=mults, p=p["pct"]), re.I)


_NEG = r"reduction|reduced|decreasing|falling|dropping|negative|drop|drops|dropped|fall|falls|fell|fallen|decline|declined|declines|declining|decrease|decreased|down|contraction|contracted|loss|lost|shrank|shrunk|slump|slumped|calo|diminuit[oaie]|scese|sceso|scesi|scesa|flessione|contrazione|riduzione|ridott[oaie]|perdita|negativ[oaie]|ribasso|in{_SP}+calo|slid|slipped|plunged|plummeted|tumbled|shrinking|contracting|calat[oaie]|cala|calano|scende|scendono|crollo|crollat[oaie]|arretramento|arretrat[oaie]|diminuzione|diminuisce|diminuiscono"
_POS = r"grew|grow|grows|grown|growth|increase|increased|increases|rise|rises|rose|risen|up|gain|gained|crescit[aoie]|cresciut[oaie]|crescita|aumento|aumentat[oaie]|incremento|salit[oaie]|rialzo|rebound|rebounded|progress|climb|climbs|climbed|climbing|soared|surged|jumped|expanded|cresce|crescono|aumenta|aumentano|balzo|progresso"
_NEG_RE = re.compile(rf"(?i)\b(?:{_NEG.replace('{_SP}', _SP)})\b")
_POS_RE = re.compile(rf"(?i)\b(?:{_POS})\b")
_EST_RE = re.compile(r"(?i)\b(estimated|estimate|estimates|about|stima|stimat[oaie]|forecast)\b")
_EST_STRICT_RE = re.compile(r"(?i)\b(estimated|estimate|stimat[oaie]|stima)\b")
_PRECONS_RE = re.compile(r"(?i)\b(preconsuntiv[oi]|provisional|provvisori[oaie]?|flash{_SP}+estimates?)\b".replace("{_SP}", _SP))
_PRELIM_RE = re.compile(r"(?i)\b(preliminary|provisional|preconsuntiv[oi]|provvisori[oaie]?|preliminar[ei]|flash{_SP}+estimates?|first{_SP}+estimates|early{_SP}+estimates|prime{_SP}+(?:stime|rilevazioni)|primi{_SP}+dati)\b".replace("{_SP}", _SP))


def _to_decimal(raw: str, lang: str) -> Decimal:
    return parse_number(raw, lang)


@dataclass
class _Figure:
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str  # money, pct, idx, mon
    signed: bool  # an explicit sign was written
    level: bool = False  # the level a change reached ("fell to 71.5%"), not the change


def _figures(text: str, lang: str) -> list[_Figure]:
    out: list[_Figure] = []
    found: list[tuple[str, int, int, Decimal | None]] = [(m.group(), m.start(), m.end(), None) for m in _NUM_RE.finditer(text)]
    # "half a billion", "un miliardo", "tre per cento": a number word before a multiplier or percent
    found += [(m.group(), m.start(), m.end(), word_number(m.group())) for m in _numword_re().finditer(text)]
    found.sort(key=lambda x: x[1])
    for raw, s0, e0, word_value in found:
        if out and s0 < out[-1].end:
            continue  # inside the figure before ("un miliardo e 245 milioni")
        cur_b = _cur_before().search(text, max(0, s0 - 8), s0)
        if word_value is None and s0 and (text[s0 - 1].isalnum() or text[s0 - 1] in ".,") \
                and not (cur_b and cur_b.group()[-1:].isalpha()):
            continue  # the tail of a word or a number ("5.0" in "Industry 5.0" stays one number), not "EUR320m"
        if is_range_before(text[max(0, s0 - 40):s0]) or _RANGE_START.match(text, e0) \
                and _RANGE_OPEN.search(text, max(0, s0 - 12), s0):
            continue  # "between 5 and 7%": neither end is the figure
        signed = word_value is None and raw[0] in "-+−–"
        am = _after_re(bool(cur_b)).match(text, e0)
        assert am is not None  # every part is optional
        g = am.groupdict()
        v = word_value if word_value is not None else _to_decimal(raw, lang)
        if g["mult"]:
            v = v.scaleb(multiplier(g["mult"]) or 0)
            if g["num2"] and (multiplier(g["mult2"]) or 0) < (multiplier(g["mult"]) or 0):
                v += Decimal(g["num2"]).scaleb(multiplier(g["mult2"]) or 0)
        elif word_value is not None and not g["pct"]:
            continue
        start = s0 - len(cur_b.group()) if cur_b else s0
        if (g["money"] or cur_b or g["mult"]) and (_THRESHOLD.match(text, am.end())
                                                   or _THRESHOLD_BEFORE.search(text, max(0, start - 30), start)):
            continue  # "passed the EUR 9 billion mark", "superato la soglia dei 9 miliardi": a milestone
        if cur_b and not (g["pct"] or g["ppts"] or g["qty"]):
            end = am.end() if g["mult"] or g["money"] else e0
            out.append(_Figure(start, end, v, _currency(cur_b.group().strip()) or "EUR", "money", signed))
        elif g["money"]:
            out.append(_Figure(s0, am.end(), v, _currency(g["cur"]) or "EUR", "money", signed))
        elif g["ppts"]:
            # "2 percentage points", "1,5 punti percentuali": a difference of percentages
            out.append(_Figure(s0, am.end(), v, "points", "pct", signed))
        elif g["pct"]:
            level = not signed and bool(_TO_LEVEL.search(text, max(0, s0 - 40), s0)
                                        or _AFTER_CHANGE_TO.search(text, max(0, s0 - 40), s0))
            out.append(_Figure(s0, am.end(), v, "percent", "pct", signed, level))
        elif g["qty"]:
            # pairs, square metres, tonnes, hours: physical quantities keep their unit
            if not g["mult"] and re.fullmatch(r"(?:19|20)\d\d", raw) and _YEAR_LEAD.search(text, max(0, s0 - 30), s0):
                continue  # "in the first quarter of 2025 hours rose": a year, then the noun
            if _STAND_BEFORE.search(text, max(0, s0 - 50), s0):
                continue  # "a national pavilion of 600 square metres": a part of the show's space
            out.append(_Figure(s0, am.end(), v, unit_of(g["unit"]) or "count", "qty", signed))
        elif not g["mult"] and (g["pts"] or _IDX_BEFORE.search(text[max(0, s0 - 60):s0])):
            if re.fullmatch(r"(19|20)\d\d", raw) or (not g["pts"] and text[e0:e0 + 1] == "%"):
                continue
            idx_b = _IDX_BEFORE.search(text[max(0, s0 - 60):s0])
            start = s0 - len(idx_b.group()) if idx_b else s0
            end = am.end() if g["pts"] else e0
            out.append(_Figure(start, end, v, "index", "idx", False))
        elif g["mon"]:
            out.append(_Figure(s0, am.end(), v, "months", "mon", False))
        elif g["cnt"]:
            what = g["what"].lower()
            if what in ("countries", "paesi", "nations", "nazioni"):
                # "8,950 visitors from 92 countries", "provenienti da 110 Paesi"
                # ... or "91 paesi rappresentati", "from 45 countries represented"
                if not re.search(r"(?i)\b(?:from|da|provenienti{_SP}+da|in{_SP}+rappresentanza{_SP}+di)[ \u00a0]+$".replace("{_SP}", _SP), text[max(0, s0 - 30):s0]) \
                        and not re.match(rf"(?i){_SP}+(?:rappresentati|represented)\b", text[am.end():am.end() + 20]):
                    continue
                kind = "cnt:countries"
            else:
                kind = "cnt:exhibitors" if what.startswith(("exhibit", "espositor", "aziende")) else "cnt:visitors"
                if _FOREIGN_COUNT.search(g["cnt"]) or _FROM_ABROAD.match(text, am.end()):
                    # "644 international exhibitors", "22,000 visitors from abroad": the edition's foreign part
                    kind = "cnt:foreign_" + kind[4:]
            if _PART_OF_COUNT.search(text, max(0, s0 - 30), s0):
                continue  # "a delegation of 70 buyers": a group among the visitors, not their number
            val = v if g["mult"] else _count_value(raw, lang)
            out.append(_Figure(s0, am.end(), val, "count", kind, False))
        elif g["org"] and counted(g["orgw"]):
            # Counts of companies and of the people they employ are read with their context
            # (members, samples, missions, closures, exhibitors) by rules.figures._with_counts.
            continue
        elif g["mult"]:
            # "decreased by 9% to 2.2 billion", "scendendo a 207,6 milioni": the unit named last
            # before it in the sentence, else the release's currency
            unit = _unit_before(text, s0)
            if unit in ("EUR", "USD"):
                out.append(_Figure(s0, am.end(), v, unit, "money", signed))
            elif unit:
                out.append(_Figure(s0, am.end(), v, unit, "qty", signed))
            elif "€" in text or re.search(r"(?i)\beur(?:o|os)?\b", text):
                out.append(_Figure(s0, am.end(), v, "EUR", "money", signed))
        elif out and out[-1].kind in ("cnt:exhibitors", "cnt:visitors") and _OF_WHICH.search(text, max(0, s0 - 16), s0) \
                and s0 - out[-1].end < 40 and not re.match(r"[ \u00a0]*%", text[e0:e0 + 3]):
            # "Gli espositori sono stati 1.210 (di cui 1.074 italiani)": a part of the count before
            out.append(_Figure(s0, e0, _count_value(raw, lang), "count", out[-1].kind, False))
        elif (cb := _CNT_BEFORE.search(text, max(0, s0 - 50), s0)) and not re.match(r"[ \u00a0]*(?:%|per)", text[e0:e0 + 5]) \
                and not re.fullmatch(r"(19|20)\d\d", raw) and word_value is None:
            # "the exhibitors were 1,210", "gli espositori sono stati 1.210"
            what = cb.group(1).lower()
            kind = "cnt:exhibitors" if what.startswith(("exhibit", "espositor")) else "cnt:visitors"
            out.append(_Figure(s0, e0, _count_value(raw, lang), "count", kind, False))
    return out


_YEAR_LEAD = re.compile(r"(?i)\b(?:in|of|by|since|until|nel|del|dal|al|entro|quarter|half|year|trimestre|semestre|anno|"
                        r"january|february|march|april|may|june|july|august|september|october|november|december|"
                        r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)[ \u00a0]+$")
_EXHIBITING_AFTER = re.compile(rf"(?i)[^.;\d]{{0,30}}?\b(?:exhibit\w*|espost[aeio]|espositric[ei]|in{_SP}+mostra)\b")


@cache
def _employing_before() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{patterns()['employing']})\b[^.;\d]{{0,20}}$")


# "fell to 71.5%", "è salito al 78%": the figure is where the change arrived
_TO_LEVEL = re.compile(
    rf"(?i)\b(?:fell|rose|dropped|climbed|grew|increased|decreased|declined|slipped|went{_SP}+(?:up|down)|"
    rf"sces[oaie]|salit[oaie]|cresciut[oaie]|calat[oaie]|aumentat[oaie]|diminuit[oaie]|passat[oaie]){_SP}+"
    rf"(?:(?:to|a|al|allo|alla|all['’]|fino{_SP}+al?){_SP}*)$")
_THRESHOLD = re.compile(rf"(?i){_SP}*(?:mark|threshold|barrier|milestone|soglia|traguardo)\b")
_THRESHOLD_BEFORE = re.compile(rf"(?i)\b(?:soglia|quota|traguardo|threshold|mark){_SP}+(?:(?:dei|degli|di|del|of){_SP}+)?$")
_STAND_BEFORE = re.compile(
    rf"(?i)\b(?:pavilion|stand|booth|padiglione|collettiva|collective{_SP}+area)(?:{_SP}+[\w'’]+){{0,2}}{_SP}+"
    rf"(?:of|di|da|covering|su|over){_SP}+(?:(?:about|some|circa|oltre|over|more{_SP}+than|quasi|almost){_SP}+)?$")
# "rose by 2 percentage points to 81%", "+3% to 42%": the second figure is the level reached
_AFTER_CHANGE_TO = re.compile(
    rf"(?i)(?:%|\bpoints?|\bpunt[oi](?:{_SP}+percentual[ei])?|\bper{_SP}*cent[o]?|\bpercent)[ \u00a0]*,?{_SP}*"
    rf"(?:to|a|al|all['’]|fino{_SP}+al)[ \u00a0]*$")
_PART_OF_COUNT = re.compile(rf"(?i)\b(?:delegations?|delegazion[ei]|group|gruppo|team|mission|missione|sample|campione|survey|indagine|panel)(?:{_SP}+(?:of|di|su|among|tra)){_SP}+(?:(?:about|some|circa|oltre|over|more{_SP}+than){_SP}+)?$")
_MEMBERS_BEFORE = re.compile(r"(?i)\b(?:represent\w*|rappresent\w*|associa|associates|members?|soci|iscritt[ei]|aderent[ei])\b[^.;\d]{0,15}$")
_CLOSED_AFTER = re.compile(rf"(?i)[^.;\d]{{0,30}}?\b(?:closed|shut|went{_SP}+bankrupt|ceased|cessat[oaie]|chius[oaie]|fallit[oaie]|hanno{_SP}+chiuso|avevano{_SP}+cessato)\b")
_RANGE_OPEN = re.compile(rf"(?i)\b(?:between|tra|fra)(?:{_SP}+(?:il|l['’]))?{_SP}*$")
_RANGE_START = re.compile(rf"(?i){_SP}*(?:%|per{_SP}*cent[o]?)?{_SP}+(?:and|e|ed){_SP}+(?:(?:il|l['’]){_SP}*)?[-+−–]?\d")


@cache
def _unit_word_re() -> re.Pattern[str]:
    p = patterns()
    return re.compile(rf"(?i)(?<![\w])(?:(?P<unit>{p['units']})|(?P<cur>{p['cur']}))(?![\w])")


def _unit_before(text: str, pos: int) -> str | None:
    """The unit (a currency or a physical unit) named last in the 80 characters before ``pos``,
    within its sentence."""
    a = max(0, pos - 80)
    stop = max(text.rfind(". ", a, pos), text.rfind("\n", a, pos))
    a = max(a, stop + 1)
    last = None
    for m in _unit_word_re().finditer(text, a, pos):
        last = m
    if last is None:
        return None
    return _currency(last.group("cur")) if last.group("cur") else unit_of(last.group("unit"))


_FOREIGN_COUNT = re.compile(r"(?i)\b(?:foreign|international|overseas|esteri|stranieri|internazionali)\b")
_FROM_ABROAD = re.compile(rf"(?i){_SP}+(?:from{_SP}+abroad|(?:provenienti{_SP}+)?dall['’]estero|esteri|stranieri|internazionali)\b")
_OF_WHICH = re.compile(r"(?i)(?:\(|,)[ \u00a0]*(?:di[ \u00a0]+cui|of[ \u00a0]+which|of[ \u00a0]+whom|dei[ \u00a0]+quali|including)[ \u00a0]+$")
_CNT_BEFORE = re.compile(rf"(?i)\b(exhibitors|visitors|espositori|visitatori|visitorship|attendance)\b[^.;%\d]{{0,25}}?\b(?:were|was|totalled|totaled|totalling|totaling|numbering|numbered|reached|came{_SP}+to|(?:figure|total|number|totale|numero){_SP}+(?:of|di)|sono{_SP}+stati|sono{_SP}+state|erano|hanno{_SP}+raggiunto|hanno{_SP}+toccato|pari{_SP}+a|oltre|quasi|more{_SP}+than|over|almost|nearly)(?:{_SP}+(?:about|circa|some|oltre|quasi|more{_SP}+than|over|almost|nearly))?{_SP}+$")


def _count_value(raw: str, lang: str) -> Decimal:
    return parse_count(raw, lang)
