"""Figures: numbers with their unit (money, percent, index points, months, counts of visitors,
exhibitors and countries) read from the text around them, and the cue words of change,
estimate and preliminary figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ._lex import _SP

_NUM = r"[-+−–]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|[-+−–]?\d+(?:[.,]\d+)?"
_MULT = r"million|billion|thousand|milioni|miliardi|mila|mln|mld|bn"
_CUR = r"euros?|€|EUR|dollars?|USD|US\$|\$"
# Figures are found number-first (a plain charset scan is fast), then their unit is read
# from the text right before or after the number.
_NUM_RE = re.compile(_NUM)
_CUR_BEFORE = re.compile(rf"(?:€|EUR|USD|US\$|\$){_SP}?$")
_IDX_BEFORE = re.compile(rf"(?i)\b(?:index|indice)(?:{_SP}+(?:of|di|a|at)|\b[^.;%\d]{{0,30}}?\b(?:at|to|of|a|al|di|pari{_SP}+a|was|is|were|stood|reached|è|era|ha{_SP}+raggiunto))?{_SP}+$")
_AFTER_RE = re.compile(
    rf"(?P<money>{_SP}*(?P<mult>{_MULT})?{_SP}*(?:of{_SP}+|di{_SP}+)?(?P<cur>{_CUR})(?![\w]))"
    rf"|(?P<pct>{_SP}?(?:%|per{_SP}?cent\b|percent\b|per{_SP}cento\b))"
    rf"|(?P<pts>{_SP}+(?:points|punti)\b(?!{_SP}+percentual))"
    rf"|(?P<mon>{_SP}+(?:months|mesi)\b)"
    rf"|(?P<cnt>{_SP}+(?:(?:foreign|international|overseas|esteri|stranieri|internazionali){_SP}+)?(?P<what>visitors|exhibitors|visitatori|espositori|operatori|exhibiting{_SP}+companies|aziende{_SP}+espositrici|countries|paesi|Paesi|nations|nazioni)\b)"
    rf"|(?P<multonly>{_SP}*(?P<mult2>{_MULT})\b)")
_BASE_RE = re.compile(rf"(?i)\bbase{_SP}*:?{_SP}*(\d{{4}}){_SP}*={_SP}*100\b")

_NEG = r"reduction|reduced|decreasing|falling|dropping|negative|drop|drops|dropped|fall|falls|fell|fallen|decline|declined|declines|declining|decrease|decreased|down|contraction|contracted|loss|lost|shrank|shrunk|slump|slumped|calo|diminuit[oaie]|scese|sceso|scesi|scese|flessione|contrazione|riduzione|ridott[oaie]|perdita|negativ[oaie]|ribasso|in{_SP}+calo"
_POS = r"grew|grow|grows|growth|increase|increased|increases|rise|rises|rose|risen|up|gain|gained|crescit[aoie]|cresciut[oaie]|crescita|aumento|aumentat[oaie]|incremento|salit[oaie]|rialzo|rebound|rebounded|progress"
_NEG_RE = re.compile(rf"(?i)\b(?:{_NEG.replace('{_SP}', _SP)})\b")
_POS_RE = re.compile(rf"(?i)\b(?:{_POS})\b")
_EST_RE = re.compile(r"(?i)\b(estimated|estimate|estimates|about|stima|stimat[oaie]|forecast)\b")
_EST_STRICT_RE = re.compile(r"(?i)\b(estimated|estimate|stimat[oaie]|stima)\b")
_PRECONS_RE = re.compile(r"(?i)\b(preconsuntiv[oi]|provisional|provvisori[oe]|flash{_SP}+estimates?)\b".replace("{_SP}", _SP))
_PRELIM_RE = re.compile(r"(?i)\b(preliminary|provisional|preconsuntiv[oi]|provvisori[oe]|preliminar[ei]|flash{_SP}+estimates?|first{_SP}+estimates|early{_SP}+estimates|prime{_SP}+(?:stime|rilevazioni)|primi{_SP}+dati)\b".replace("{_SP}", _SP))


def _to_decimal(raw: str, lang: str) -> Decimal:
    s = raw.replace("−", "-").replace("–", "-").replace("+", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    elif "," in s:
        head, tail = s.rsplit(",", 1)
        if len(tail) == 3 and lang == "en" and s.count(",") >= 1:
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if lang == "it" and all(len(p) == 3 for p in parts[1:]) and len(parts) > 1:
            s = s.replace(".", "")
    return Decimal(s)


_MULTIPLIER = {"million": 6, "milioni": 6, "mln": 6, "billion": 9, "miliardi": 9, "mld": 9, "bn": 9,
               "thousand": 3, "mila": 3}


@dataclass
class _Figure:
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str  # money, pct, idx, mon
    signed: bool  # an explicit sign was written


def _figures(text: str, lang: str) -> list[_Figure]:
    out: list[_Figure] = []
    for nm in _NUM_RE.finditer(text):
        raw, s0, e0 = nm.group(), nm.start(), nm.end()
        if s0 and (text[s0 - 1].isalnum() or text[s0 - 1] in ".,"):
            continue  # the tail of a word or a number ("5.0" in "Industry 5.0" stays one number)
        signed = raw[0] in "-+−–"
        before = text[max(0, s0 - 8):s0]
        cur_b = _CUR_BEFORE.search(before)
        am = _AFTER_RE.match(text, e0)
        g = am.groupdict() if am else {}
        if cur_b:
            mult = (g.get("mult2") or g.get("mult") or "").lower() if g else ""
            end = am.end() if am and (g.get("multonly") or g.get("money")) else e0
            cur = "USD" if "$" in cur_b.group() or "USD" in cur_b.group() else "EUR"
            v = _to_decimal(raw, lang).scaleb(_MULTIPLIER.get(mult, 0))
            out.append(_Figure(s0 - len(cur_b.group()), end, v, cur, "money", signed))
        elif g.get("money"):
            cur = "USD" if re.search(r"\$|USD|dollar", g["cur"]) else "EUR"
            v = _to_decimal(raw, lang).scaleb(_MULTIPLIER.get((g.get("mult") or "").lower(), 0))
            assert am is not None
            out.append(_Figure(s0, am.end(), v, cur, "money", signed))
        elif g.get("pct"):
            assert am is not None
            out.append(_Figure(s0, am.end(), _to_decimal(raw, lang), "percent", "pct", signed))
        elif g.get("pts") or _IDX_BEFORE.search(text[max(0, s0 - 45):s0]):
            if re.fullmatch(r"(19|20)\d\d", raw) or (not g.get("pts") and text[e0:e0 + 1] == "%"):
                continue
            idx_b = _IDX_BEFORE.search(text[max(0, s0 - 45):s0])
            start = s0 - len(idx_b.group()) if idx_b else s0
            end = am.end() if am and g.get("pts") else e0
            out.append(_Figure(start, end, _to_decimal(raw, lang), "index", "idx", False))
        elif g.get("multonly") and ("€" in text or re.search(r"(?i)\beur(?:o|os)?\b", text)):
            # "decreased by 9% to 2.2 billion": an amount in the release's currency
            assert am is not None
            v = _to_decimal(raw, lang).scaleb(_MULTIPLIER.get((g.get("mult2") or "").lower(), 0))
            out.append(_Figure(s0, am.end(), v, "EUR", "money", signed))
        elif g.get("mon"):
            assert am is not None
            out.append(_Figure(s0, am.end(), _to_decimal(raw, lang), "months", "mon", False))
        elif g.get("cnt"):
            assert am is not None
            what = g["what"].lower()
            if what in ("countries", "paesi", "nations", "nazioni"):
                # "8,950 visitors from 92 countries", "provenienti da 110 Paesi"
                if not re.search(r"(?i)\b(?:from|da|provenienti{_SP}+da|in{_SP}+rappresentanza{_SP}+di)[ \u00a0]+$".replace("{_SP}", _SP), text[max(0, s0 - 30):s0]):
                    continue
                kind = "cnt:countries"
            else:
                kind = "cnt:exhibitors" if what.startswith(("exhibit", "espositor", "aziende")) else "cnt:visitors"
            out.append(_Figure(s0, am.end(), _count_value(raw, lang), "count", kind, False))
        elif out and out[-1].kind in ("cnt:exhibitors", "cnt:visitors") and _OF_WHICH.search(text, max(0, s0 - 16), s0) \
                and s0 - out[-1].end < 40 and not re.match(r"[ \u00a0]*%", text[e0:e0 + 3]):
            # "Gli espositori sono stati 1.210 (di cui 1.074 italiani)": a part of the count before
            out.append(_Figure(s0, e0, _count_value(raw, lang), "count", out[-1].kind, False))
        elif (cb := _CNT_BEFORE.search(text, max(0, s0 - 50), s0)) and not re.match(r"[ \u00a0]*(?:%|per)", text[e0:e0 + 5]) \
                and not re.fullmatch(r"(19|20)\d\d", raw):
            # "the exhibitors were 1,210", "gli espositori sono stati 1.210"
            what = cb.group(1).lower()
            kind = "cnt:exhibitors" if what.startswith(("exhibit", "espositor")) else "cnt:visitors"
            out.append(_Figure(s0, e0, _count_value(raw, lang), "count", kind, False))
    return out


_OF_WHICH = re.compile(r"(?i)(?:\(|,)[ \u00a0]*(?:di[ \u00a0]+cui|of[ \u00a0]+which|of[ \u00a0]+whom|dei[ \u00a0]+quali|including)[ \u00a0]+$")
_CNT_BEFORE = re.compile(rf"(?i)\b(exhibitors|visitors|espositori|visitatori)\b[^.;%\d]{{0,25}}?\b(?:were|was|totalled|totaled|numbered|reached|came{_SP}+to|sono{_SP}+stati|sono{_SP}+state|erano|hanno{_SP}+raggiunto|hanno{_SP}+toccato|pari{_SP}+a|oltre|quasi|more{_SP}+than|over|almost|nearly)(?:{_SP}+(?:about|circa|some|oltre|quasi|more{_SP}+than|over|almost|nearly))?{_SP}+$")


def _count_value(raw: str, lang: str) -> Decimal:
    # "8,950" and "21.470" are thousands in either language: a count has no decimals
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        return Decimal(re.sub(r"[.,]", "", raw))
    return _to_decimal(raw, lang)
