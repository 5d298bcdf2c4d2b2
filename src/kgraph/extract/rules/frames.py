"""Figure frames: what surrounds a figure and qualifies it -- its indicator, period, scope, area
and market, a fair's origin of visitors, preliminary or expected values, list items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from ...model import Event
from .. import gazetteer as gz
from .._dates import _CONTRAST, _MONTH_NUM, _MONTHS_EN, _MONTHS_IT, _in_comparison, _periods
from .._figures import _NEG_RE, _POS_RE, _Figure
from .._lex import _SP
from ..quantity import unit_indicator
from ..timex import is_compared_edition, is_not_period, is_past_aside
from .indicators import _bracket_apart, _cue_res, _cues, _CueTable, _nearest, _qualifier_words
from .lexicon import _phrase
from .segment import _clause_end
from .state import HOME_COUNTRY, _near, _Span, _State, _within


@cache
def _prelim_source_re() -> re.Pattern[str]:
    """A sentence opening on preliminary figures as its source: "According to preliminary data ...",
    "Sulla base dei dati provvisori ..." (the adjective within a few words of the lead)."""
    q = _qualifier_words()

    def alt(ws: Iterable[str]) -> str:
        return "(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + ")"

    prelim = alt(q.get("preliminary", ("preliminary",)))
    noun = alt(q.get("source_nouns", ("figures",)))
    return re.compile(rf"(?i)[ \u00a0\n“\"«(]*{alt(q.get('source_leads', ('according to',)))}(?![\w])"
                      rf"(?:{_SP}+[\w'’-]+){{0,3}}?{_SP}+(?:{prelim}(?:{_SP}+\d{{4}})?{_SP}+{noun}|{noun}{_SP}+(?:di{_SP}+)?{prelim})(?![\w])")


@cache
def _prelim_subject_re() -> re.Pattern[str]:
    """A sentence whose subject is the preliminary figures: "Preliminary data from X show ...",
    "I dati provvisori diffusi da X ..." (not "the result corrects the preliminary estimate")."""
    words = _qualifier_words().get("preliminary", ("preliminary",))
    return re.compile(r"(?i)[ \u00a0\n“\"«]*(?:(?:the|its|their|i|gli|le|il|la)[ \u00a0]+)?(?:[\w-]+[ \u00a0]+)?"
                      + "(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])")


_YEAR_FIGURE = re.compile(r"(?i)[ \u00a0]+(?:figure|level|total|value|result|dato|valore|livello|risultato)[ \u00a0]+(?:of|di|pari[ \u00a0]+a)[ \u00a0]+(?:(?:about|around|some|almost|nearly|circa|quasi|oltre|over|more[ \u00a0]+than)[ \u00a0]+)?")


# ... "rispetto al dato 2014 di 1,2 miliardi": the same, noun first
_FIGURE_NOUN_BEFORE = re.compile(r"(?i)\b(?:dato|valore|livello|risultato|figure)[ \u00a0]+(?:del[ \u00a0]+|of[ \u00a0]+)?$")
_YEAR_OF = re.compile(r"(?i)[ \u00a0]+(?:of|di|pari[ \u00a0]+a)[ \u00a0]+(?:(?:about|around|some|almost|nearly|circa|quasi|oltre|over|more[ \u00a0]+than)[ \u00a0]+)?")


def _figure_asides(text: str, a: int, b: int, figs: list[_Figure]) -> list[tuple[int, int]]:
    """The brackets of a sentence that hold a figure of their own ("(up from 4.2 billion in 2019)")."""
    spans: list[tuple[int, int]] = []
    open_at = -1
    for i in range(a, b):
        ch = text[i]
        if ch == "(":
            open_at = i
        elif ch == ")" and open_at >= 0:
            if any(open_at < f.start < i for f in figs):
                spans.append((open_at, i))
            open_at = -1
    return spans


_PART_OF_YEAR = re.compile(r"(?i)\b(?:quarter|trimestre|half|semestre|semester|period|periodo|months?|mes[ei]|"
                           + _MONTHS_EN + "|" + _MONTHS_IT + r")\b")


_PCT_BETWEEN = re.compile(r"\d[ \u00a0]*(?:%|percent\b|per[ \u00a0]+cent\b|per[ \u00a0]+cento\b)", re.I)
# "(6% each)", "(il 6% ciascuno)", "(+4% a testa)": one figure for every item of a list
_EACH_AFTER = re.compile(r"(?i)[ \u00a0]+(?:each|apiece|ciascun[oa]|ognun[oa]|a[ \u00a0]+testa)\b")


def _listed_before(st: _State, last: _Span) -> list[_Span]:
    """The places listed before ``last`` ("Turkey, India and Germany"), nearest first."""
    out: list[_Span] = []
    cur = last
    for p in reversed(_near(st.places(), cur.start - 200, cur.start)):
        if p.end > cur.start or p.kind not in ("place:country", "place:region"):
            continue
        if not _LIST_GAP.match(st.text[p.end:cur.start]):
            break
        out.append(p)
        cur = p
    return out


# a paragraph's opening place, as a dateline: "Modena – ", "Baggiovara (MO) - ", "MILAN — "
_DATELINE_LEAD = re.compile(r"[ \u00a0\n]*[^\W\d][\w.'’]*(?:[ \u00a0][\w.'’]+){0,2}(?:[ \u00a0]*\([A-Za-z]{2,4}\.?\))?[ \u00a0]*[–—-][ \u00a0]+")


def _period_ahead(st: _State, pos: int, today: dt.date | None) -> str | None:
    """The first period written with its year later in the paragraph (a bounded look-ahead)."""
    text = st.text
    end = text.find("\n", pos, pos + 600)
    end = end if end >= 0 else min(len(text), pos + 600)
    for p in _periods(text, pos, end, today):
        if "{y}" in p.value or p.weak or p.relative or is_past_aside(text, p.start) or is_not_period(text, p.start) \
                or is_compared_edition(text, p.start, p.end) or _in_comparison(text, p.start, pos):
            continue
        return p.value
    return None


_ORDINAL = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split())} | {
    w: i + 1 for i, w in enumerate("primo secondo terzo quarto quinto sesto settimo ottavo nono decimo".split())} | {
    w: i + 1 for i, w in enumerate("prima seconda terza quarta quinta sesta settima ottava nona decima".split())} | {
    f"{i}{suf}": i for i, suf in ((1, "st"), (2, "nd"), (3, "rd"), *((k, "th") for k in range(4, 11)))}
_RANK_RE = re.compile(
    rf"(?i)\b(?P<ord>{'|'.join(sorted(_ORDINAL, key=len, reverse=True))})(?:{_SP}+(?:largest|biggest|leading|main|maggiore|più{_SP}+grande|principale))?"
    rf"{_SP}+(?:(?:world|global|paese|country|mondiale){_SP}+)?(?P<what>producer|manufacturer|maker|exporter|produttore|produttrice|costruttore|esportatore|esportatrice)s?\b")
_RANK_WORLD = re.compile(r"(?i)\b(?:world|worldwide|global|globally|mondial[ei]|globale|a[ \u00a0]+livello[ \u00a0]+mondiale|nel[ \u00a0]+mondo|in[ \u00a0]+the[ \u00a0]+world)\b")


_DELTA_BEFORE = re.compile(
    r"(?i)\b(?:(?:decline|drop|fall|decrease|increase|rise|growth|loss|gain|calo|aumento|crescita|flessione|perdita|contrazione|incremento|riduzione)[ \u00a0]+(?:of|di|del|pari[ \u00a0]+a)"
    r"|(?:fell|dropped|declined|decreased|rose|grew|increased|gained|lost|calat[oaie]|cresciut[oaie]|diminuit[oaie]|aumentat[oaie]|sces[oaie]|salit[oaie])[ \u00a0]+(?:by|di)"
    r"|(?:difference|gap|differenza|scarto)[ \u00a0]+(?:of|di))"
    r"[ \u00a0]+(?:(?:more[ \u00a0]+than|over|about|almost|nearly|only|just|oltre|circa|quasi|soli|solo)[ \u00a0]+)?$")


def _has_foreign_place(st: _State, a: int, b: int) -> bool:
    return any(a <= p.start < b and p.name != HOME_COUNTRY and p.kind in ("place:country", "place:region")
               for p in _near(st.places(), a, b))


def _split_semicolons(text: str, a: int, b: int) -> list[tuple[int, int]]:
    cuts = [a] + [m.start() for m in re.finditer(r"[;:]", text[a:b])] + [b]
    cuts = [a] + [a + c for c in cuts[1:-1]] + [b] if len(cuts) > 2 else [a, b]
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


def _base_of(key: str) -> str | None:
    for suffix in ("_change", "_index", "_share"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    if key in ("turnover", "production", "exports", "imports", "orders", "consumption", "employment"):
        return key
    return None


_COMPLEMENT = re.compile(r"(?i)(?:%|\b(?:share|part|portion|quota|parte)(?:[ \u00a0]+[\w-]+){0,2})[ \u00a0]*"
                         r"(?:(?:of|della|del|dello|dei|degli|delle)(?:[ \u00a0]+(?:total|that|the))?[ \u00a0]+|dell['’])"
                         r"(?:[\w-]+(?:['’]s?)?[ \u00a0]+)?$")
# "the index", "the decline": a sentence that goes on about the figure before it
_ANAPHORA = re.compile(r"(?i)\b(?:index|indice|(?:the|this|that|il|la|questo|questa|tale)[ \u00a0]+(?:decline|drop|fall|decrease|growth|increase|rise|contraction|downturn|trend|calo|crescita|aumento|flessione|contrazione|andamento)|l['’](?:aumento|andamento|indice))\b")


_TO_PLACE = re.compile(rf"(?i){_SP}+(?:to|in|into|towards|verso|in|nel|nella|nei|negli|nelle|sul|sui|per|all['’]|al|alla|ai|agli)(?:{_SP}+the)?{_SP}*")


def _sales_as_topic(st: _State, cues: list[tuple[int, int, str]], bases: _CueTable) -> list[tuple[int, int, str]]:
    """"sales"/"vendite" measure what the release is about: exports in an export release."""
    if not any(k == "sales" for _, _, k in cues):
        return cues
    text = st.text
    abroad = []
    for a, b, k in cues:
        if k == "sales":
            # "sales in China", "le vendite negli Stati Uniti": sales to a foreign market are exports
            m = _TO_PLACE.match(text, b)
            p = st.place_at(m.end()) if m else None
            if p is not None and p.name != HOME_COUNTRY:
                abroad.append((a, b, "exports"))
                continue
            # "exports to Uzbekistan amounted to ..., with sales focused on knitting machinery":
            # the sales a sentence about a flow goes on with are that flow
            s0 = st.sentence_of(a)[0]
            flow = [k2 for _, _, k2 in _cues(text, s0, a, bases) if k2 in ("exports", "imports")]
            if flow:
                abroad.append((a, b, flow[-1]))
                continue
            # "In North America, where sales grew 6%": sales in a foreign market are exports
            if _has_foreign_place(st, s0, a) and not _DOMESTIC_RE.search(text, s0, a):
                abroad.append((a, b, "exports"))
                continue
        abroad.append((a, b, k))
    cues = abroad
    if not any(k == "sales" for _, _, k in cues):
        return cues
    topic = "turnover"
    if st.docinfo.info and st.docinfo.info.title:
        t = st.docinfo.info.evidence
        in_title = [k for _, _, k in _cues(st.text, t.start, t.end, bases) if k != "sales"]
        topic = in_title[0] if in_title else topic
    return [(a, b, topic if k == "sales" else k) for a, b, k in cues]


def _indicator_for(st: _State, f: _Figure, clause: tuple[int, int], sent: tuple[int, int],
                   bases: _CueTable, shares: _CueTable, months: _CueTable, context_base: str | None,
                   last_key: str | None) -> str | None:
    text = st.text
    c0, c1 = clause
    s0, s1 = sent
    if f.kind == "mon":
        cands = _cues(text, s0, s1, months)
        return _nearest(cands, f.start, f.end)
    if f.kind == "cnt:countries":
        # the countries the visitors (or exhibitors) came from: the count named before in the sentence
        subj = [k for a, b, k in _cues(text, s0, f.start, bases) if k in _FAIR_BASES]
        return f"{subj[-1].replace('foreign_', '').rstrip('s')}_countries" if subj else None
    if f.kind.startswith("cnt:"):
        return f.kind[4:]
    base_c = _sales_as_topic(st, _cues(text, c0, c1, bases), bases)
    sent_c = _sales_as_topic(st, _cues(text, s0, s1, bases), bases)
    if f.kind == "pct" and (ratio_c := [c for c in _cues(text, s0, s1, shares) if c[2] == "export_ratio"]):
        # "a 6.4% gain, with 68.5% going to exports": the word inside a part sold abroad is no
        # subject of the change beside it ("exported" alone stays the exports' cue)
        def inside(c: tuple[int, int, str]) -> bool:
            return any(r[0] <= c[0] and c[1] <= r[1] and r[1] - r[0] > c[1] - c[0] for r in ratio_c)
        base_c = [c for c in base_c if not inside(c)]
        sent_c = [c for c in sent_c if not inside(c)]
    # no cue in the clause: the subject the figure belongs to, i.e. the nearest cue before it
    # that is not a complement ("86% of production", "pari al 75% della produzione")
    subjects = [c for c in sent_c if not _COMPLEMENT.search(text, max(0, c[0] - 30), c[0])]
    # "Exports, which make up 75% of turnover, rose to 1.6 billion": a relative clause between
    # commas describes its noun; its own words are not the subject of the figure after it
    rel = [(m.start(), m.end()) for m in _relative_aside_re().finditer(text, s0, f.start)]
    if rel:
        subjects = [c for c in subjects if not any(a < c[0] and c[1] <= b for a, b in rel)]
    before = [c for c in subjects if c[1] <= f.start]
    # a cue after the figure outside its clause is another figure's subject ("-2.9% in volume
    # ... and domestic demand fell"): with no cue of its own the figure is dropped, not guessed
    # "exports (about 70% of turnover) worth 350 million (+5.1% on 2019) against imports of
    # ...": a cue in another bracket, or past the bracket the figure sits in, is not its own
    base_c = [c for c in base_c if not _bracket_apart(text, c, f)]
    # "exports contracted by 1.5% while imports grew by 3%": a cue past a contrast after the
    # figure is the next figure's subject
    base_c = [c for c in base_c if c[0] < f.end or not _CONTRAST.search(text, f.end, c[0])]
    before = [c for c in before if not _bracket_apart(text, c, f)] or before
    base = _nearest([c for c in base_c if not _COMPLEMENT.search(text, max(0, c[0] - 30), c[0])] or base_c,
                    f.start, f.end) or (before[-1][2] if before else None)
    bracket = _BRACKET_BEFORE.search(text, max(s0, f.start - 4), f.start)
    named = [c for c in sent_c if bracket and c[1] == bracket.start()]
    if named:
        base = named[-1][2]  # "SALES (-3.0%) AND EXPORTS (-2.2%)": the noun the bracket follows
    if f.kind == "qty" and (unit_key := unit_indicator(f.unit)):
        # "100,000 square metres": exhibition space, unless they measure a sector's output or trade
        # ("production rose 6% in volume (120 million square metres of finished leather)")
        return base if base in ("production", "exports", "imports", "consumption") else unit_key
    if f.kind == "money":
        # "... invest in training over 4% of their turnover, or more than 200 million": the side
        # word may open the sentence, with no indicator of the figure's own in between
        side = [m for m in _side_amount_re().finditer(text, max(s0, f.start - 200), f.start)]
        if side and not any(side[-1].end() <= c[0] < f.start and not _COMPLEMENT.search(text, max(0, c[0] - 30), c[0])
                            for c in sent_c):
            return None  # "the group invested EUR 200 million": no level of the sentence's indicator
    if f.kind == "money" and base == "domestic_sales":
        return base
    if f.kind == "qty" and f.unit == "hours":
        return base if base == "wage_guarantee_hours" else None
    if f.kind in ("money", "qty"):
        return base if base in ("turnover", "production", "exports", "imports", "consumption", "trade_balance") else None
    if f.kind == "idx":
        b = base or context_base
        return f"{b}_index" if b else None
    # percentages: a share, a change, or the same indicator as the figure before
    # "86% of total orders", "pari al 75% della produzione": a share cue follows its figure
    # ... unless another percentage stands between: "a 6.4% gain with 68.5% going to exports"
    share_c = [c for c in _cues(text, c0, c1, shares) if c[0] >= f.end and not _PCT_BETWEEN.search(text, f.end, c[0])]
    # ... or leads to it: "con una quota di export del 68%", "an export share of 77%"
    share_c += [c for c in _cues(text, c0, f.start, shares) if _SHARE_LEAD.fullmatch(text, c[1], f.start)
                and c[2] not in ("of_output", "base_share", "foreign_share")]
    changed = not f.level and (f.signed or bool(_compared_sign(text, f)) or st.found(_NEG_RE, c0, c1) or st.found(_POS_RE, c0, c1) or (
        # "output rose in 2024, if only slightly, by a meagre 1.2 percent": the verb
        # of change in an earlier clause of the sentence
        _BY_BEFORE.search(text, max(s0, f.start - 25), f.start)
        and (_NEG_RE.search(text, max(s0, f.start - 120), c0) or _POS_RE.search(text, max(s0, f.start - 120), c0))))
    key = _nearest(share_c, f.start, f.end) if share_c else None
    if key in ("exports_share", "orders_share", "base_share", "of_output") and (
            _DELTA_BEFORE.search(text, max(c0, f.start - 45), f.start)
            or any(_CHANGE_OF.search(text, max(c0, c[0] - 30), c[0]) for c in share_c if c[2] == key)):
        # "la contrazione del 12% dell'export", "un calo delle esportazioni del 6%": a change
        # of the exports, not a part of them
        key = None
    if key and not f.signed:
        # "55% of the guests were local and the other 45% travelled from abroad": the part
        # shares the whole its sister figure was a part of
        whole = base or next((k for _, e, k in reversed(sent_c) if e <= f.start), None)
        if key == "base_share":
            return f"{whole}_share" if whole else None
        if key == "foreign_share":
            return f"foreign_{whole}_share" if whole in ("visitors", "exhibitors") else None
        if key == "of_output" and any(k == "export_ratio" for _, _, k in share_c):
            return "export_ratio"  # "70% of production was sold abroad"
        if key == "of_output":
            # "exports account for 81% of revenues": the export ratio; another subject's part of
            # turnover is not read
            return "export_ratio" if base == "exports" or any(k == "exports" for _, _, k in before) else None
        return key
    in_breakdown = _after_place_bracket(st, f)
    if in_breakdown and not changed:
        # "visitors came from Spain (11%), Italy (10%)": a share of the subject by place
        return f"{base}_share" if base else None
    if changed:
        # no cue of its own: carry the topic over when the sentence points back ("the index",
        # "the decline") or breaks the figure down by segment ("spinning machinery grew by 3%")
        # ... or by market ("Il mercato interno è cresciuto del 4%")
        goes_on = st.found(_ANAPHORA, s0, s1) or any(
            sg.kind == "segment" for sg in _within(st.mentions.segments, s0, s1)) or _DOMESTIC_RE.search(text, s0, f.start) \
            or _FOREIGN_RE.search(text, s0, f.start) or in_breakdown \
            or _market_after_re().match(text, f.end, c1) \
            or (context_base in ("exports", "imports") and any(
                # "exports grew 6%. ... North America, which rose 27%, leads": a flow broken down
                # by market (the places it goes to), the flow's topic going on
                p.kind in ("place:country", "place:region") and p.name != HOME_COUNTRY
                for p in _within(st.places(), s0, f.start))) \
            or (context_base in _FAIR_BASES and (
                # a fair's release going on about its attendance: "-3% on the February edition",
                # "Italy confirms itself top performer with +10%"
                st.found(_EDITION_COMPARED, c0, c1)
                or any(p.kind in ("place:country", "place:region") for p in _within(st.places(), s0, f.start))))
        b = base or (context_base if goes_on else None)
        if not base and b == "exports" and _DOMESTIC_RE.search(text, s0, f.start):
            b = "turnover"  # "the domestic market fell 13%" after the exports: sales at home
        # a balance's change has no indicator of its own
        return f"{b}_change" if b and b != "trade_balance" else None
    sent_share = _cues(text, s0, s1, shares)
    # a part named by its whole ("dell'export") must follow its figure: elsewhere it is a complement
    sent_share = [c for c in sent_share if c[2] not in ("base_share", "foreign_share", "exports_share", "of_output")
                  and not (c[0] >= f.end and _PCT_BETWEEN.search(text, f.end, c[0]))]
    if sent_share:
        return _nearest(sent_share, f.start, f.end, before_only=True) or _nearest(sent_share, f.start, f.end)
    if last_key and (last_key.endswith("_share") or last_key == "export_ratio"):
        return last_key
    return None


_FAIR_BASES = ("visitors", "exhibitors", "foreign_visitors", "foreign_exhibitors")
_TOPICS = ("orders", "turnover", "production", "exports", "imports", "consumption")
_BY_BEFORE = re.compile(r"(?i)\b(?:by|of|di|del|dell['’])(?:[ \u00a0]+[a-z]+){0,2}[ \u00a0]*$")
_EDITION_COMPARED = re.compile(rf"(?i)\b(?:(?:{_MONTHS_EN}|{_MONTHS_IT})[ \u00a0]+(?:19|20)\d\d|edition|edizione)\b")
# a figure that opens a list item after another: ", 12% in Oceania", " and 23% in Central America"
_LIST_ITEM = re.compile(r"(?i)[ \u00a0,;]*(?:(?:and|e|ed|while|mentre|with|con)[ \u00a0]+)?(?:(?:by|of|del|di|un|una|a|the|il)[ \u00a0]+)?")
# words that may stand between a share cue and its figure: "quota export del 74%", "share of 81%"
_CHANGE_OF = re.compile(
    r"(?i)\b(?:calo|aumento|crescita|flessione|contrazione|incremento|riduzione|diminuzione|decline|drop"
    r"|fall|decrease|increase|rise|growth)[ \u00a0]+(?:(?:delle|dell['’]|della|dei|degli|del|di|of|in)[ \u00a0]*)?$")
_SHARE_LEAD = re.compile(r"(?i)[ \u00a0]*(?:(?:was|is|of|at|stood|reached|pari|al|del|dello|della|di|è|era|stata|stato|a|the|il|la|un|una)[ \u00a0]+){0,4}")


def _after_place_bracket(st: _State, f: _Figure) -> _Span | None:
    """The place a figure stands in brackets after: "Spain (11%)", "Russia (+33%)"."""
    m = re.search(r"[ \u00a0]*\([ \u00a0]*(?:(?:il|l['’]|the)[ \u00a0]*)?$", st.text[max(0, f.start - 10):f.start])
    if not m:
        return None
    end = f.start - len(m.group())
    for p in _near(st.places(), end - 60, end):
        if p.end == end and p.kind in ("place:country", "place:region"):
            return p
    return None


_CHANGE_NOUN_AFTER = re.compile(r"(?i)[ \u00a0]*(?:increase|rise|growth|jump|gain|more|in[ \u00a0]+più|di[ \u00a0]+crescita|di[ \u00a0]+aumento)\b")


@cache
def _fair_origin_res() -> dict[str, re.Pattern[str]]:
    words = gz.indicator_cues().get("fair_origin", {})
    between = "|".join(_phrase(w) for w in sorted(words.get("between", ()), key=len, reverse=True)) or "of"
    return {k: re.compile(rf"(?i)[ \u00a0]*(?:(?:{between})[ \u00a0]+){{0,3}}"
                          r"(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + r")(?![\w])")
            for k, ws in words.items() if k in ("foreign", "domestic")}


@cache
def _fair_origin_before_res() -> dict[str, re.Pattern[str]]:
    words = gz.indicator_cues().get("fair_origin", {})
    # only the phrases with "from": "Italian (+6%)" may name exhibitors as well as visitors
    return {k: re.compile(r"(?i)(?<![\w])(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)
                                                       if w.split()[0] in ("from", "dall'italia", "dall’italia", "dall'estero", "dall’estero"))
                          + r")[ \u00a0]*$") for k, ws in words.items() if k in ("foreign", "domestic")}


def _fair_origin(st: _State, f: _Figure, sent_figs: list[_Figure], key: str) -> str:
    """A fair's change or count that names where its visitors came from: "+73% from abroad",
    "+10% dall'Italia", "27,000 foreign visitors (+5%)" -> foreign_/domestic_ key."""
    text = st.text
    end = f.end
    close = re.match(r"[ \u00a0]*\)", text[end:end + 3])
    if close and f.kind == "pct":
        # "22,000 visitors from abroad (+30%)": the change of the count the bracket follows
        o = text.rfind("(", max(0, f.start - 4), f.start)
        before = [g for g in sent_figs if g.end <= o and g.kind.startswith("cnt:") and o - g.end <= 30
                  and not re.search(r"[\d;()]", text[g.end:o])]
        if before:
            g = before[-1]
            what = g.kind[4:]
            if what.startswith("foreign_"):
                return f"{what}_change" if key.endswith("_change") else key
            if _fair_origin_res()["foreign"].match(text, g.end) is not None and key.endswith("_change"):
                return f"foreign_{key}"
            return key
        # "... and 19,000 from Italy (+6%)": the origin named right before the bracket
        for origin, rx in _fair_origin_before_res().items():
            if rx.search(text, max(0, o - 40), o) and key.endswith("_change"):
                # whose origin: the visitors or exhibitors named last before, not a noun after the bracket
                named = [k for _, _, k in _cues(text, st.sentence_of(f.start)[0], o, _cue_res()[0]) if k in _FAIR_BASES]
                bare = f"{named[-1].removeprefix('foreign_')}_change" if named else key.removeprefix("foreign_")
                return f"foreign_{bare}" if origin == "foreign" else f"domestic_{bare}"
        return key
    for origin, rx in _fair_origin_res().items():
        m = rx.match(text, end, end + 60)
        if m is None:
            continue
        if origin == "foreign":
            return key if key.startswith("foreign_") else f"foreign_{key}"
        return f"domestic_{key.removeprefix('foreign_')}"
    return key


def _is_fair_key(key: str) -> bool:
    return key.startswith(("visitor", "exhibitor", "foreign_visitors", "foreign_exhibitors", "domestic_visitors", "domestic_exhibitors",
                           "new_exhibitors", "returning_exhibitors", "exhibit_space", "national_group_exhibitors",
                           "invited_buyers"))


def _fair_of(st: _State) -> _Span | None:
    """The fair a release reports on: the one its headline names, else the first named."""
    fairs = sorted((o for o in st.mentions.org_spans if o.kind == "TradeFair"), key=lambda o: o.start)
    title = st.docinfo.info.evidence if st.docinfo.info and st.docinfo.info.title else None
    in_title = [o for o in fairs if title and title.start <= o.start < title.end]
    found = in_title or fairs
    return found[0] if found else None


_BRACKET_BEFORE = re.compile(r"[ \u00a0]*\([ \u00a0]*$")


def _glosses_count(text: str, f: _Figure, sent_figs: list[_Figure]) -> bool:
    """A bracketed change right after a count and its noun: "27,000 visitors from abroad (+5%)"."""
    o = text.rfind("(", max(0, f.start - 4), f.start)
    return o >= 0 and any(g.kind.startswith("cnt:") and g.end <= o and o - g.end <= 30
                          and not re.search(r"[\d;()]", text[g.end:o]) for g in sent_figs)


_CUE_TAIL = re.compile(r"(?:[ \u00a0]+[a-zà-ù]{3,}){0,1}")


def _unnamed_list_item(st: _State, f: _Figure, sent: tuple[int, int]) -> bool:
    """A bracketed figure in a list of "name (figure)" pairs whose name is no segment or place."""
    text = st.text
    m = _BRACKET_BEFORE.search(text, max(sent[0], f.start - 4), f.start)
    if not m:
        return False
    name_end = m.start()
    named = [*(s.end for s in _within(st.mentions.segments, *sent)), *(p.end for p in _within(st.mentions.ents, *sent))]
    if name_end in named:
        return False
    # "production (+12%) and turnover (+15%)": the item is named by the indicator it measures,
    # maybe with one adjective after the noun ("industrial production (+12%)", "produzione industriale")
    bases, shares = _cue_res()[:2]
    if any(_CUE_TAIL.fullmatch(text, c[1], name_end)
           for tb in (bases, shares) for c in _cues(text, max(sent[0], name_end - 60), name_end, tb)):
        return False
    # the sentence pairs names with bracketed figures elsewhere: this item's name is unknown
    return any(e != name_end and re.match(r"[ \u00a0]?\(", text[e:e + 2]) for e in named)


def _fair_year(st: _State) -> str | None:
    """The year of the edition a fair release reports on (its date, else the year in its title)."""
    main = _fair_of(st)
    if main is None:
        return None
    for ev in st.relations.facts:
        if isinstance(ev, Event) and ev.kind == "TradeFairEdition" and ev.title \
                and gz.fold(ev.title).startswith(gz.fold(main.name)):
            if ev.date and not (st.docinfo.doc_date and ev.date.year > st.docinfo.doc_date.year
                                and all(is_not_period(st.text, m.start())
                                        for m in re.finditer(rf"\b{ev.date.year}\b", st.text))
                                and (ev.date - st.docinfo.doc_date).days > 180):
                return str(ev.date.year)
            if ev.date:
                # an edition dated without its year, placed over half a year after the release:
                # the year came from elsewhere ("the spring-summer 2023 lines"); the release's
                # own year is the edition's
                return str(st.docinfo.doc_date.year) if st.docinfo.doc_date else None
            ym = re.search(r"\b((?:19|20)\d\d)\b", ev.title)
            # ... unless the text names that year only as the edition compared with ("level
            # with the March 2022 edition")
            if ym and not all(is_compared_edition(st.text, m.start(), m.end())
                              for m in re.finditer(rf"\b{ym.group(1)}\b", st.text)):
                return ym.group(1)
            break
    title = st.docinfo.info.evidence if st.docinfo.info and st.docinfo.info.title else None
    if st.docinfo.doc_date and title and title.start <= main.start < title.end:
        return str(st.docinfo.doc_date.year)  # a release headlined on the fair reports the edition just held
    return None


_MONTH_BEFORE = re.compile(rf"(?i)\b(?P<m>{_MONTHS_EN}|{_MONTHS_IT}){_SP}+$")


def _year_after_compared_edition(st: _State) -> str | None:
    """A yearless fair release dated by the edition it is compared with: "+7% on September 2018"
    (with no date of its own) reports the next edition, held the following year, since a fair
    compared with an edition of the second half of a year is not held later in that same year."""
    if _fair_of(st) is None:
        return None
    text = st.text
    end = min(len(text), 2000)  # the headline and the opening: where the comparison is made
    latest: tuple[int, int] | None = None
    for s0, s1 in st.segmentation.sentences:
        if s0 >= end:
            break
        for p in _periods(text, s0, s1, None):
            if len(p.value) != 4 or not _in_comparison(text, p.start, s0):
                continue
            m = _MONTH_BEFORE.search(text, max(0, p.start - 12), p.start)
            if m is None:
                return None  # a bare year compared with: no edition to count from
            latest = max(latest or (0, 0), (int(p.value), _MONTH_NUM[m.group("m").lower()]))
    # the latest edition compared with in the first half: the next may fall in the same year
    return str(latest[0] + 1) if latest and latest[1] >= 7 else None


def _scope_for(st: _State, f: _Figure, clause: tuple[int, int], sent: tuple[int, int], key: str = "") -> str:
    if f.kind == "cnt:countries" or _is_fair_key(key):
        # an edition's attendance measures the sector the fair covers
        fair = _fair_of(st)
        entry = gz.organisation(fair.name) if fair else None
        if entry and entry.sector:
            return entry.sector
        if st.mentions.sector:
            return st.mentions.sector
        if fair:
            return fair.name
    segs = _within(st.mentions.segments, *clause)
    if not segs:
        segs = [s for s in _within(st.mentions.segments, *sent) if s.end <= f.start]
    if segs:
        return min(segs, key=lambda s: abs(s.start - f.start)).name
    return st.mentions.sector or "machinery"


_PREP_BEFORE = re.compile(r"(?i)(?:\b(?:in|to|from|towards|such as|like|verso|a|da|in|per|come|di|nel|nella|nei|negli|nelle|sul|sui|al|alla|ai|agli|dal|dalla|dai|dagli)[ \u00a0]+(?:the[ \u00a0]+)?|\b(?:all|dall|nell)['’])$")
_MARKET_WORDS = re.compile(r"(?i)\b(markets?|mercat[oi]|destinations?|countries|paesi|such as|come|exports? to|verso)\b")
_FOREIGN_RE = re.compile(r"(?i)\b(foreign|abroad|mercati esteri|estero|esteri|estera|export markets|overseas)\b")
# a bare "interno/interni" names the home market only after what is sold or asked for there
# ("ordini interni", "domanda interna"), not "interni auto" (car interiors)
_DOMESTIC_RE = re.compile(r"(?i)\b(domestic|home market|mercato interno|mercato italiano|mercato domestico|mercati domestici|"
                          r"(?:mercat[oi]|ordini|ordinativi|domanda|vendite|consumi|consegne|fatturato|fronte|piazza)[ \u00a0]+(?:intern[oaie]))\b")


_MEASURED_NOUN = r"(?:production|output|exports?|imports?|turnover|revenues?|consumption|orders|sales|produzione|esportazioni|importazioni|fatturato|consumi|consumo|ordini|ordinativi|vendite|ricavi)"
_ADJ_NOUN = re.compile(rf"(?i)(?:{_SP}+[a-z][\w-]*){{0,3}}?{_SP}+{_MEASURED_NOUN}\b")
_NOUN_ADJ = re.compile(rf"(?i)\b{_MEASURED_NOUN}(?:{_SP}+[a-zàèéìòù][\w-]*)?{_SP}+$")
# "le esportazioni di calzature italiane": the demonym after the noun's complement
_NOUN_OF_ADJ = re.compile(rf"(?i)\b{_MEASURED_NOUN}{_SP}+(?:di|of){_SP}+[a-zàèéìòù][\w-]*{_SP}+$")


_FROM_BEFORE = re.compile(r"(?i)\b(?:from|da|dal|dalla|dai|dagli|dalle|provenienti[ \u00a0]+da(?:l|lla|i|gli|lle)?)[ \u00a0]+(?:the[ \u00a0]+)?$|\bdall['’]$")


_WHERE_AFTER = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:where|dove|in[ \u00a0]+cui|in[ \u00a0]+which)\b")
# "l'Asia, che sale del 14%": a place that is the subject of the relative clause the
# figure stands in (not "China, which is the largest market, imported ...": the clause closed before)
_WHICH_AFTER = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:which|che)\b[^,;:()\n]{0,200}$")
_FLOW_PREP = re.compile(r"(?i)\b(?:to|towards|into|in|verso|per|from|da|dal|dalla|dai|dagli|dalle|nel|nella|nei|negli|nelle)[ \u00a0]+(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$|\b(?:all|dall|nell)['’]$")


# "130 Italian", "150 le aziende italiane", "fifty Italian": the count, an article and its noun
_COUNT_TO_DEMONYM = re.compile(r"[^\W_]+(?:[.,]\d+)*[ \u00a0]+(?:(?:le|i|gli|the)[ \u00a0]+)?(?:[^\W\d_]+[ \u00a0]+)?")
_PAIR_GAP = re.compile(r"[ \u00a0]+(?:and|e|ed|&)[ \u00a0]+")


def _pair_head(st: _State, p: _Span) -> _Span:
    """The first of two places joined by "and" with one figure after them ("China and Hong Kong
    (+7%)"): a combined figure is recorded once, under the place named first; the last of a
    longer list keeps its own."""
    before = _listed_before(st, p)
    if len(before) == 1 and _PAIR_GAP.fullmatch(st.text, before[0].end, p.start):
        return before[0]
    return p


def _fair_area(st: _State, f: _Figure, semi: tuple[int, int]) -> str | None:
    """"Spain (11%)", "China (276 exhibitors)", "visitors from Germany rose 21%", "Germany +21%"."""
    text = st.text
    a, _ = semi
    s0 = st.sentence_of(f.start)[0]
    if f.kind.startswith("cnt:"):
        # "130 Italian companies", "150 le aziende italiane", "including 797 Italian": the demonym
        # of the count itself
        for adj in _near(st.mentions.ents, f.start, f.end + 3):
            if adj.kind == "adj:country" and f.start < adj.start <= f.end + 1 \
                    and _COUNT_TO_DEMONYM.fullmatch(text, f.start, adj.start):
                return adj.name
        if f.kind == "cnt:national_group_exhibitors":
            return HOME_COUNTRY  # the group stand the home association organises
    near = [p for p in _near(st.places(), s0, f.start) if s0 <= p.start and p.end <= f.start
            and p.kind in ("place:country", "place:region")]
    if near and re.fullmatch(r"[ \u00a0]*[(:]?[ \u00a0]*(?:with[ \u00a0]+|con[ \u00a0]+)?(?:(?:a|an|un|una)[ \u00a0]+)?",
                             text[near[-1].end:f.start]):
        return _pair_head(st, near[-1]).name  # "Spain (11%)", "Italy: 720 exhibitors", "Germany with +21%"
    # "the number of Japanese buyers rose 18%": a demonym on the visitors or exhibitors counted
    for adj in _near(st.mentions.ents, a, f.start):
        if a <= adj.start and adj.end <= f.start and adj.kind in ("adj:country", "adj:region") \
                and (any(c[0] - adj.end <= 2 and c[2] in _FAIR_BASES for c in _cues(text, adj.end, min(f.start, adj.end + 40), _cue_res()[0]))
                     # "i visitatori giapponesi": the demonym after the noun
                     or any(adj.start - c[1] <= 2 and c[2] in _FAIR_BASES for c in _cues(text, max(a, adj.start - 40), adj.start, _cue_res()[0]))) \
                and not re.search(r"[,;(\d]", text[adj.end:f.start]):
            # (not past another figure: "Korean visitors up 37% and those from China up 30%")
            return adj.name
    places = [p for p in near if a <= p.start]
    if not places:
        return None
    # the figure's own clause: after the last comma, semicolon or bracket before it (not the
    # bracket the figure stands in: "Korea came first (+9%)")
    lead = text[a:f.start]
    lead = lead[:len(lead.rstrip(" \u00a0(")) ]
    c0 = max([a, *(a + m.end() for m in re.finditer(r"[,;(.]", lead))])
    own = [p for p in places if p.start >= c0]
    for p in own:
        if _FROM_BEFORE.search(text, max(0, p.start - 25), p.start):
            return p.name
    # "La Germania resta il mercato migliore con un +8%": the place the clause opens with
    if own and _FIRST_GAP.match(text[c0:own[0].start].lower()):
        return own[0].name
    return None


@cache
def _owner_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A demonym on the makers of a measured noun: "German makers' sales", "vendite dei costruttori tedeschi"."""
    owners = gz.indicator_cues().get("context", {}).get("owners", ())
    own = "(?:" + "|".join(_phrase(w) for w in sorted(owners, key=len, reverse=True)) + ")"
    en = re.compile(rf"(?i)(?:{_SP}+[a-z][\w-]*)?{_SP}+{own}(?:['’]s?)?(?:{_SP}+[a-z][\w-]*)?{_SP}+{_MEASURED_NOUN}\b")
    it_ = re.compile(rf"(?i)\b{_MEASURED_NOUN}(?:{_SP}+[a-zàèéìòù][\w'’-]*)?(?:{_SP}+|['’]){own}{_SP}+$")
    return en, it_


@cache
def _bound_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("upper_bounds", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True))
                      + r")[ \u00a0]+(?:(?:the|i|il|la|le)[ \u00a0]+)?(?:€|EUR|USD|\$)?[ \u00a0]*$")


@cache
def _earlier_level_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("earlier_levels", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?:[ \u00a0]+|(?<=['’]))(?:(?:a|an|un|una|the|il)[ \u00a0]+)?$")


@cache
def _expected_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("expected", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


@cache
def _market_after_re() -> re.Pattern[str]:
    """The market a change was recorded on, told right after it in its clause: "a 6% dip was
    seen abroad", "-5% sul mercato interno" (a few words, then the market phrase)."""
    words = gz.indicator_cues().get("market_after", {})

    def alt(ws: Iterable[str]) -> str:
        return "(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + ")"

    return re.compile(rf"(?i)(?:[ \u00a0]+[\w'’]+){{0,4}}?[ \u00a0]+(?:(?P<foreign>{alt(words.get('foreign', ('abroad',)))})"
                      rf"|(?P<domestic>{alt(words.get('domestic', ('at home',)))}))(?!\w)")


@cache
def _compared_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A comparison right after a percentage: "22% less than", "15% in più rispetto al"."""
    ctx = gz.indicator_cues().get("context", {})

    def after(words: Iterable[str]) -> re.Pattern[str]:
        return re.compile(r"(?i)[ \u00a0]+(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")

    return after(ctx.get("compared_less", ())), after(ctx.get("compared_more", ()))


def _compared_sign(text: str, f: _Figure) -> int:
    """-1 for "N% less than", +1 for "N% more than", 0 when no comparison follows the percentage."""
    if f.kind != "pct" or f.unit != "percent":
        return 0
    less, more = _compared_res()
    return -1 if less.match(text, f.end) else 1 if more.match(text, f.end) else 0


@cache
def _supply_chain_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("supply_chain", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


@cache
def _relative_aside_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("relative_pronouns", ())
    # bounded: a comma, the pronoun, up to 200 characters with no clause or sentence break (a
    # decimal point is none), the closing comma
    return re.compile(r"(?i),[ \u00a0]*(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)(?:[^,;:()\n.!?“”\"«»]|\.(?=\d)){1,200},")


@cache
def _side_amount_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("side_amounts", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


def _home_flow(st: _State, a: int, b: int) -> bool:
    """Whether the home country's demonym qualifies a measured noun between a and b ("Italian
    exports", "l'export italiano di calzature", "le esportazioni di calzature italiane")."""
    text = st.text
    for adj in _near(st.mentions.ents, a, b):
        if a <= adj.start and adj.end <= b and adj.kind == "adj:country" and adj.name == HOME_COUNTRY \
                and (_ADJ_NOUN.match(text, adj.end) or _NOUN_ADJ.search(text, max(0, adj.start - 40), adj.start)
                     or _NOUN_OF_ADJ.search(text, max(0, adj.start - 50), adj.start)
                     # "sono state esportate 5 milioni di paia di calzature italiane": the goods of a flow
                     or any(k in ("exports", "imports") for _, _, k in _cues(text, max(a, adj.start - 60), adj.start, _cue_res()[0]))):
            return True
    return False


def _area_and_market(st: _State, f: _Figure, semi: tuple[int, int], key: str) -> tuple[str | None, str | None]:
    text = st.text
    a, _ = semi
    if _is_fair_key(key):
        # a fair's figure has the area its visitors or exhibitors come from, and only when named
        return _fair_area(st, f, semi), None
    area = HOME_COUNTRY
    bp = _after_place_bracket(st, f)
    if bp is not None and bp.name != HOME_COUNTRY and key.startswith(("exports", "imports", "orders")) \
            and (_MARKET_WORDS.search(text, st.sentence_of(f.start)[0], bp.start)
                 or not _comp_cue().search(text, st.sentence_of(f.start)[0], bp.start)):
        # "the main destinations were the US (EUR 40m), Spain (EUR 31m)", "followed by the EU
        # (+9%) and Asia (-2%)": the markets of a flow (not its competitors: "rivals such as
        # Germany (+3%)")
        return HOME_COUNTRY, _pair_head(st, bp).name
    places = [p for p in _near(st.places(), a, f.start) if a <= p.start and p.end <= f.start
              and p.kind in ("place:country", "place:region")]
    market: str | None = None
    for p in places:
        if p.name == HOME_COUNTRY and re.search(r"(?i)from[ \u00a0]+$", text[max(0, p.start - 6):p.start]):
            market = "domestic market"
        elif p.name == HOME_COUNTRY and key.startswith("orders") and re.search(r"(?i)\b(?:in)[ \u00a0]+$", text[max(0, p.start - 4):p.start]):
            market = "domestic market"  # "in Italia l'indice sale a 131,7 punti": orders at home
        elif p.name == HOME_COUNTRY and key.startswith(("turnover", "orders")) and _WHICH_AFTER.match(text, p.end, f.start):
            # "the good run of Italy, which brought in revenues of 1.6 billion": the home country as
            # the place sold to is the home market
            market = "domestic market"
    # the reference area is a place that is the subject: "China's exports -53%",
    # "China, the largest competitor, recorded -53%"; not "exports to Vietnam grew by 12%"
    for p in places:
        if re.match(r"['’]s\b", text[p.end:p.end + 2]):
            area = p.name
            break
    else:
        if not places and re.search(r"(?i)\b(?:its|their|sue|suoi|sua|suo)\b", text[a:f.start]):
            # "China, the largest competitor, was also hit: its machinery exports fell by 53%"
            s0, _ = st.sentence_of(f.start)
            subj = [p for p in st.places() if s0 <= p.start < a and p.kind in ("place:country", "place:region")
                    and not _PREP_BEFORE.search(text[max(0, p.start - 12):p.start])]
            if subj and subj[0].name != HOME_COUNTRY:
                return subj[0].name, None if key in ("world_export_share", "export_ratio") else market
        if places:
            # "North America, which grew 27%, with the United States, which rose 35%": the place
            # whose own clause holds the figure (the last one told as a subject before it)
            subj_ = [q for q in places if q.name != HOME_COUNTRY and (
                _WHERE_AFTER.match(text, q.end) or _WHICH_AFTER.match(text, q.end, f.start))]
            p = subj_[-1] if subj_ and key.startswith(("exports", "imports", "orders")) else places[0]
            nxt = next((q for q in places if q.start > p.start), None)
            in_list = nxt is not None and bool(_LIST_GAP.match(text[p.end:nxt.start]))
            if not (in_list or _PREP_BEFORE.search(text[max(0, p.start - 12):p.start])
                    or _MARKET_WORDS.search(text, a, p.start)):
                if key.startswith(("exports", "imports", "orders")) and p.name != HOME_COUNTRY \
                        and (p in subj_ or key.endswith("_share")):
                    # "North America, where sales grew 6%": the place a flow goes to, not its source
                    market = p.name
                else:
                    area = p.name
    if area == HOME_COUNTRY:
        # "German production ... fell 8.2 percent", "la produzione tedesca è calata": a demonym on
        # the measured noun names the area (not after "to"/"from": "exports to German customers")
        lo = max([a, *(m.end() for m in _CONTRAST.finditer(text, a, f.start))])
        for adj in _near(st.mentions.ents, lo, f.start):
            if not (lo <= adj.start and adj.end <= f.start) or adj.kind not in ("adj:country", "adj:region"):
                continue
            if _PREP_BEFORE.search(text[max(0, adj.start - 12):adj.start]):
                continue
            own_en, own_it = _owner_res()
            if _ADJ_NOUN.match(text, adj.end) or _NOUN_ADJ.search(text, max(0, adj.start - 40), adj.start) \
                    or own_en.match(text, adj.end) or own_it.search(text, max(0, adj.start - 60), adj.start):
                area = adj.name
    if area != HOME_COUNTRY and market is None and key.startswith(("exports", "imports")) \
            and _home_flow(st, a, f.start):
        # "In the CIS, Italian exports reached ...", "nell'area CSI l'export italiano ...": the
        # home country's flow, whose market is the place named
        area, market = HOME_COUNTRY, area
    if key in ("world_export_share", "export_ratio"):
        return area, None
    if market is None and key.startswith(("exports", "imports", "orders")):
        # the counterpart of a flow: "exports to Poland grew 3%", "grew by 25% in North America"
        to = _TO_PLACE.match(text, f.end)
        after = st.place_at(to.end()) if to else None
        flow = [p for p in places if _FLOW_PREP.search(text, max(0, p.start - 14), p.start)]
        if after is not None and after.name != HOME_COUNTRY:
            market = after.name
        elif flow and flow[-1].name != HOME_COUNTRY and area == HOME_COUNTRY:
            market = flow[-1].name
    if market is None:
        # "Il mercato interno è cresciuto del 4%, mentre le esportazioni ...": a market named before
        # a contrast belongs to the other figure
        lo = max([a, *(m.end() for m in _CONTRAST.finditer(text, a, f.start))])
        # ... but not the word of an exports cue itself ("foreign sales rose 21%")
        flows = [(c[0], c[1]) for c in _cues(text, lo, f.start, _cue_res()[0]) if c[2] == "exports"]
        cues = [(m.start(), "foreign markets") for m in _FOREIGN_RE.finditer(text, lo, f.start)
                if not any(a_ <= m.start() < b_ for a_, b_ in flows)]
        # ... nor a home market named before the exports cue of the figure ("recovering at home
        # (+12%) and above all in exports (+17%)")
        cues += [(m.start(), "domestic market") for m in _DOMESTIC_RE.finditer(text, lo, f.start)
                 if not any(a_ >= m.end() for a_, _ in flows)]
        if cues:
            market = max(cues)[1]
        elif key.startswith(("orders", "turnover")) and (ma := _market_after_re().match(text, f.end, _clause_end(text, f.end))):
            # "a 6% dip was seen abroad", "un calo del 5% sul mercato interno"
            market = "foreign markets" if ma.group("foreign") else "domestic market"
    return area, market


@cache
def _comp_cue() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("competitors", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


_FIRST_GAP = re.compile(r"^[ \u00a0]*[,:]?[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")


_LIST_GAP = re.compile(r"^(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+|,[ \u00a0]+(?:and|e)[ \u00a0]+)(?:(?:in|to|into|a|in|verso|nel|nella|negli|nei)[ \u00a0]+)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")
