"""Observations: every figure of the text with its indicator, period, scope, area and unit
(counts of members, exhibitors and the like included), or dropped when no cue names it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

from ...model import Event, Observation
from .. import gazetteer as gz
from .._dates import _CONTRAST, _PERIOD_WORDS, _in_comparison, _periods
from .._figures import (
    _EST_STRICT_RE,
    _NEG_RE,
    _POS_RE,
    _PRECONS_RE,
    _PRELIM_RE,
    _count_value,
    _Figure,
)
from .._lex import _SP
from ..base import file_name_date
from ..quantity import patterns, word_number
from ..timex import (
    index_bases,
    is_compared_edition,
    is_not_period,
    is_outlook,
    is_past_aside,
    latest_before,
)
from .frames import (
    _ANAPHORA,
    _CHANGE_NOUN_AFTER,
    _DATELINE_LEAD,
    _DELTA_BEFORE,
    _EACH_AFTER,
    _FIGURE_NOUN_BEFORE,
    _LIST_ITEM,
    _MARKET_WORDS,
    _ORDINAL,
    _PART_OF_YEAR,
    _RANK_RE,
    _RANK_WORLD,
    _TO_PLACE,
    _TOPICS,
    _YEAR_FIGURE,
    _YEAR_OF,
    _after_place_bracket,
    _area_and_market,
    _base_of,
    _bound_re,
    _compared_sign,
    _earlier_level_re,
    _expected_re,
    _fair_of,
    _fair_origin,
    _fair_year,
    _figure_asides,
    _glosses_count,
    _has_foreign_place,
    _indicator_for,
    _is_fair_key,
    _listed_before,
    _pair_head,
    _period_ahead,
    _prelim_source_re,
    _prelim_subject_re,
    _sales_as_topic,
    _scope_for,
    _split_semicolons,
    _supply_chain_re,
    _unnamed_list_item,
    _year_after_compared_edition,
)
from .indicators import _cue_res, _cues, _nearest, _qualifier_words, _volume_res
from .lexicon import _phrase
from .segment import _clause_end, _clauses
from .state import HOME_COUNTRY, _mention, _near, _State, _within

_COUNT_NUM = r"\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d{1,3}(?:[ \u00a0]\d{3})+(?![.,]?\d)|\d+(?![.,]?\d)"
# a number with a unit after it is a measure, not a count (units are read in _figures)
_UNIT_AFTER = re.compile(r"(?i)[ \u00a0]*(?:%|per[ \u00a0]?cent|€|\$|eur\b|euro|usd|dollar|million|billion|thousand|mila\b|milion|miliard|mln|mld|bn\b|punti|points|months|mesi|m2|m²|sqm|square|metri|pairs|paia|tonn|hours|ore\b)")


@dataclass(frozen=True)
class _CountRes:
    noun: re.Pattern[str]
    employ: re.Pattern[str]
    countries: re.Pattern[str]
    totals: re.Pattern[str]
    exhibiting: re.Pattern[str]
    attending: re.Pattern[str]
    closing: re.Pattern[str]
    membership: re.Pattern[str]
    part_of: re.Pattern[str]
    lookup: dict[str, str]


@cache
def _count_res() -> _CountRes:
    """Count patterns from the indicator data: noun after the number, employing verbs, totals."""
    cues = gz.indicator_cues()
    words = cues.get("count_words", {})
    lookup = {" ".join(c.lower().split()): k for k, cs in cues.get("counts", {}).items() for c in cs}

    def alt(ws: Iterable[str]) -> str:
        return "(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + ")"

    approx = rf"(?:{alt(words.get('approx', ()))}{_SP}+)?"
    num = rf"(?<![\w.,])(?P<num>{_COUNT_NUM})"
    # "41mila addetti", "12 thousand workers": a multiplier word between the number and its noun
    mult = r"(?P<mult>[ \u00a0]?(?:mila|thousand|milioni|milione|million))?"
    noun = re.compile(rf"(?i){num}{mult}{_SP}+(?P<noun>{alt(lookup)})(?![\w-])")
    employ = re.compile(rf"(?i)(?<!\w){alt(words.get('employ_verbs', ()))}{_SP}+{approx}{num}{_SP}+{alt(words.get('people', ()))}(?!\w)")
    countries = re.compile(rf"(?i){num}{_SP}+{alt(words.get('countries', ()))}{_SP}+{alt(words.get('represented', ()))}(?!\w)")
    totals = re.compile(rf"(?i)(?<!\w){alt(words.get('totals', ()))}{_SP}+{approx}{num}")
    exhibiting = re.compile(rf"(?i)(?<!\w){alt(words.get('exhibiting', ()))}(?!\w)")
    attending = re.compile(rf"(?i)(?<!\w){alt(words.get('attending', ()))}(?!\w)")
    closing = re.compile(rf"(?i)(?<!\w){alt(words.get('closing', ()))}(?!\w)")
    membership = re.compile(rf"(?i)(?<!\w){alt(words.get('membership', ()))}(?!\w)")
    part_of = re.compile(rf"(?i)(?<!\w){alt(words.get('part_of', ()))}(?!\w)")
    return _CountRes(noun, employ, countries, totals, exhibiting, attending, closing, membership, part_of, lookup)


_COUNTABLE = ("visitors", "exhibitors", "employment", "companies")


@cache
def _closing_before_re() -> re.Pattern[str]:
    """"the sector lost 180 companies", "ha perso 180 imprese": closures told before the count."""
    words = gz.indicator_cues().get("count_words", {})
    alt = "|".join(_phrase(w) for w in sorted(words.get("closing_before", ()), key=len, reverse=True))
    approx = "|".join(_phrase(w) for w in sorted(words.get("approx", ()), key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{alt}){_SP}+(?:(?:{approx}){_SP}+)?$")


@dataclass(frozen=True)
class _FairCountRes:
    national: re.Pattern[str]  # "130 [le] [aziende]" right before a demonym
    noun_after: re.Pattern[str]  # "companies", "espositori" right after the demonym
    presence: re.Pattern[str]
    not_fair: re.Pattern[str]
    exhibit_before: re.Pattern[str]
    group: re.Pattern[str]
    invited: re.Pattern[str]


@cache
def _fair_count_res() -> _FairCountRes:
    """The counts of a fair's participation from the indicator data: the companies of one country
    ("130 Italian companies are exhibiting", "150 le aziende italiane"), a national group, invited buyers."""
    cues = gz.indicator_cues()
    words = cues.get("count_words", {})
    counts = cues.get("counts", {})

    def alt(ws: Iterable[str]) -> str:
        return "(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + ")"

    nouns = alt([*counts.get("companies", ()), *words.get("exhibitor_nouns", ())])
    # a number word counts too ("over fifty Italian companies"), not an article or a half ("an", "una", "mezzo")
    numwords = "(?:" + "|".join(w for w in patterns()["numword"].split("|")
                                if len(w) > 3 and w.isalpha() and not w.startswith(("mezz", "half"))) + ")"
    national = re.compile(rf"(?i)(?<![\w.,])(?P<num>{_COUNT_NUM}|{numwords})(?:{_SP}+(?:le|i|gli))?"
                          rf"(?:{_SP}+(?P<noun>{nouns}))?{_SP}+$")
    return _FairCountRes(
        national, re.compile(rf"(?i){_SP}+(?P<noun>{nouns})(?![\w-])"),
        re.compile(rf"(?i)(?<!\w){alt(words.get('fair_presence', ()))}(?!\w)"),
        re.compile(rf"(?i)(?<!\w){alt(words.get('not_fair', ()))}(?!\w)"),
        re.compile(rf"(?i)(?<!\w){alt(words.get('exhibiting_before', ()))}{_SP}+(?:(?:{alt(words.get('approx', ()))}){_SP}+)?$"),
        re.compile(rf"(?i)(?<!\w){alt(words.get('national_group', ()))}(?!\w)"),
        re.compile(rf"(?i)(?<!\w){alt(words.get('invited', ()))}(?!\w)"))


def _with_counts(st: _State, figures: list[_Figure]) -> list[_Figure]:
    """The figures plus the counts they miss: "430 aziende", "employing 12,000 people",
    "91 paesi rappresentati", "exhibitors ... totalling 1,717"."""
    text = st.text
    cr = _count_res()
    noun, employ, countries, totals, lookup = cr.noun, cr.employ, cr.countries, cr.totals, cr.lookup
    bases = _cue_res()[0]
    starts = [f.start for f in figures]  # the figures come sorted by start
    removed: set[int] = set()
    extra: list[_Figure] = []
    local: list[_Figure] = []  # the figures of the sentence at hand (no whole-text rescans)

    def add(m: re.Match[str], kind: str) -> None:
        a, b = m.span("num")
        for f in local:
            # "12 espositori di ritorno": a longer count noun than the one read with the number wins
            if f.start == a and f.kind.startswith("cnt:") and f.end < m.end() and id(f) not in removed:
                removed.add(id(f))
        times = (m.groupdict().get("mult") or "").strip().lower()
        if not any(f.start < b and a < f.end for f in local if id(f) not in removed) \
                and (times or not _UNIT_AFTER.match(text, b)):
            raw = re.sub(r"[ \u00a0]", "", m.group("num"))
            value = _count_value(raw, st.lang) * (1000 if times in ("mila", "thousand") else
                                                  1_000_000 if times else 1)
            fig = _Figure(a, m.end(), value, "count", kind, False)
            extra.append(fig)
            local.append(fig)

    fair = _fair_of(st)
    fc = _fair_count_res()
    rekind: dict[int, str] = {}
    fairs = [o for o in st.mentions.org_spans if o.kind == "TradeFair"]
    for s0, s1 in st.segmentation.sentences:
        local = figures[bisect.bisect_left(starts, s0 - 60):bisect.bisect_left(starts, s1)]
        if fair is not None and (fc.presence.search(text, s0, s1) or _within(fairs, s0, s1)) \
                and not fc.not_fair.search(text, s0, s1):
            _national_counts(st, s0, s1, local, extra, fc)
        if not any(c.isdigit() for c in text[s0:s1]):
            continue
        for m in employ.finditer(text, s0, s1):
            add(m, "cnt:employment")
        for m in countries.finditer(text, s0, s1):
            add(m, "cnt:countries")
        for m in noun.finditer(text, s0, s1):
            key = lookup.get(" ".join(m.group("noun").lower().replace("’", "'").split()))
            if key is None:
                continue
            after = (m.end(), min(s1, m.end() + 60))
            if key == "companies" and fair is not None and fc.group.search(text, m.end(), _clause_end(text, m.end())):
                key = "national_group_exhibitors"  # "29 companies will be in the national pavilion"
            elif key == "companies":
                if cr.attending.search(text, *after):
                    continue  # "120 companies took part in the mission"
                if cr.exhibiting.search(text, *after) or fc.exhibit_before.search(text, max(s0, m.start() - 40), m.start()):
                    key = "exhibitors"  # "700 companies on show", "will exhibit: 1,100 companies"
                elif cr.closing.search(text, *after) or _closing_before_re().search(text, max(s0, m.start() - 30), m.start()):
                    key = "company_closures"  # "39 companies had ceased trading"
                elif cr.membership.search(text, max(s0, m.start() - 40), m.start()) \
                        and not any(f.kind == "cnt:employment" for f in extra if s0 <= f.start < s1) \
                        and not any(k == "employment" for k in (lookup.get(" ".join(x.group("noun").lower().split()))
                                                             for x in noun.finditer(text, m.end(), s1))):
                    continue
            add(m, f"cnt:{key}")
        for m in totals.finditer(text, s0, s1):
            if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
                continue
            # the noun counted is the cue named last before the total, close by
            before = [k for a, b, k in _cues(text, max(s0, m.start() - 120), m.start(), bases)]
            if before and before[-1] in _COUNTABLE:
                add(m, f"cnt:{before[-1]}")
        counted = sorted((f for f in (*local, *extra) if s0 <= f.start < s1 and id(f) not in removed), key=lambda f: f.start)
        for i, f in enumerate(counted):
            nxt = counted[i + 1] if i + 1 < len(counted) else None
            if f.kind in ("cnt:visitors", "cnt:foreign_visitors"):
                # "over 150 buyers from Egypt, Iran and Peru, invited by the agency": the guests of a
                # programme are no count of the edition's visitors
                stop = min(s1, f.end + 300, nxt.start if nxt else s1)
                if fc.invited.search(text, f.end, stop):
                    rekind[id(f)] = "cnt:invited_buyers"
            elif f.kind == "cnt:exhibitors" and nxt is not None and nxt.kind == "cnt:countries" \
                    and nxt.start - f.end <= 40 and not re.search(r"[;.]", text[f.end:nxt.start]) \
                    and not _cues(text, f.end, nxt.start, bases):  # (not "... exhibitors and visitors from 40 countries")
                # "1,100 companies from 40 countries will exhibit": the exhibitors' countries
                rekind[id(nxt)] = "cnt:exhibitor_countries"
    out = sorted([*(f for f in figures if id(f) not in removed), *extra], key=lambda f: f.start)
    if rekind:
        out = [replace(f, kind=rekind[id(f)]) if id(f) in rekind else f for f in out]
    # "a delegation of 70 buyers from 25 countries": the figures of a part, up to the clause's end
    parts = [(m.start(), _clause_end(text, m.end())) for m in cr.part_of.finditer(text)]
    if parts:
        ends = [b for _, b in parts]  # found in order, each up to its clause's end: ends never decrease

        def in_part(pos: int) -> bool:
            i = bisect.bisect_right(ends, pos)  # the first part ending after pos
            return i < len(parts) and parts[i][0] <= pos

        out = [f for f in out if not in_part(f.start)]
    return out


def _national_counts(st: _State, s0: int, s1: int, local: list[_Figure], extra: list[_Figure],
                     fc: _FairCountRes) -> None:
    """"130 Italian companies are exhibiting", "with over fifty Italian firms", "150 le aziende
    italiane": in a sentence about a fair, the companies of one country are its exhibitors from
    there (the area is read from the demonym by _fair_area)."""
    text = st.text
    for adj in _within(st.mentions.ents, s0, s1):
        if adj.kind != "adj:country":
            continue
        m = fc.national.search(text, max(s0, adj.start - 40), adj.start)
        if m is None:
            continue
        end = adj.end
        if not m.group("noun"):
            n = fc.noun_after.match(text, adj.end)
            if n is None:
                continue  # "797 Italian and 644 foreign exhibitors": a part the count before already holds
            end = n.end()
        a = m.start("num")
        if any(f.start < end and a < f.end for f in local):
            continue
        raw = m.group("num")
        value = word_number(raw) if raw[0].isalpha() else _count_value(re.sub(r"[ \u00a0]", "", raw), st.lang)
        if value is None:
            continue
        key = "national_group_exhibitors" if fc.group.search(text, end, _clause_end(text, end)) else "exhibitors"
        fig = _Figure(a, end, value, "count", f"cnt:{key}", False)
        extra.append(fig)
        local.append(fig)


_INDEX_WORD = re.compile(r"(?i)\b(?:index|indice|indici)\b")


def _rounded(value: Decimal, digits: int) -> Decimal:
    """``value`` to ``digits`` significant digits (2,317 million to two: 2.3 billion)."""
    return round(value, digits - 1 - value.adjusted())


def _without_roundings(found: list[Observation]) -> list[Observation]:
    """Drop an amount that is another of the same frame rounded (fewer significant digits, and the
    other rounds to it): the same figure, not a second one."""
    groups: dict[tuple[Any, ...], list[Observation]] = {}
    for o in found:
        if o.unit not in ("percent", "index", "points", "rank") and o.value:
            groups.setdefault((o.indicator, o.scope, o.period, o.unit, o.area, o.market), []).append(o)
    drop: set[int] = set()
    for same in groups.values():
        for o in same:
            digits = len(o.value.normalize().as_tuple().digits)
            if any(p is not o and len(p.value.normalize().as_tuple().digits) > digits
                   and _rounded(p.value, digits) == o.value for p in same):
                drop.add(id(o))
    if not drop:
        return found
    kept = [o for o in found if id(o) not in drop]
    # the qualifiers the rounded telling carried go to the precise one
    for o in found:
        if id(o) in drop:
            for i, p in enumerate(kept):
                if (p.indicator, p.scope, p.period, p.unit, p.area, p.market) == (o.indicator, o.scope, o.period, o.unit, o.area, o.market) \
                        and _rounded(p.value, len(o.value.normalize().as_tuple().digits)) == o.value:
                    kept[i] = replace(p, qualifiers=tuple(dict.fromkeys(p.qualifiers + o.qualifiers)))
                    break
    return kept


def _find_observations(st: _State) -> None:
    text = st.text
    bases, shares, months = _cue_res()
    pub_org = st.mentions.orgs.get(st.docinfo.publisher) if st.docinfo.publisher else None
    company_pub = pub_org.name if pub_org and pub_org.type == "Company" else None
    # a territorial association ("Confindustria Brescia", "Assolombarda Pavia") surveys its own
    # province: that is the area of its figures, where the text names no other
    home_area: str | None = None
    if pub_org and pub_org.type == "TradeAssociation" and len(pub_org.name.split()) >= 2:
        home_area = gz.resolve(pub_org.name.split(None, 1)[1], "place")
    bases_ = index_bases(text)
    index_base = bases_[0].base if bases_ else None
    today = st.docinfo.info.date if st.docinfo.info else None
    # a text that states no date of its own was still published on the day its file name
    # carries: "last year" counts from then (the document keeps no date it does not state)
    today = today or file_name_date(st.doc.slug)
    figures = _with_counts(st, st.figures())
    fair_year = _fair_year(st)
    if fair_year is None and today is None and not any(
            isinstance(ev, Event) and ev.date for ev in st.relations.facts):
        fair_year = _year_after_compared_edition(st)
    # the last resorts for a figure no clause, sentence or earlier sentence dates: the
    # headline's period, else the year of the release ("the fair closed with 300 exhibitors")
    fallback_period: str | None = None
    if st.docinfo.info and st.docinfo.info.title:
        t = st.docinfo.info.evidence
        heads = [p for p in _periods(text, t.start, t.end, today) if not p.weak and not is_not_period(text, p.start)
                 and not _in_comparison(text, p.start, t.start) and not is_compared_edition(text, p.start, p.end)]
        # "Nel terzo trimestre ...": the latest third quarter before the release
        heads = [p for p in heads if "{y}" not in p.value or today is not None]
        fallback_period = latest_before(heads[0].value, today) if heads and today else (heads[0].value if heads else None)
    if fallback_period is None and today is not None:
        fallback_period = str(today.year)
    context_period: str | None = None
    context_year: str | None = None
    context_base: str | None = None
    last_key: str | None = None
    last_flow: tuple[str, str, int] | None = None  # base, market, sentence start of the last change
    prev_start = -1
    protected = sorted([*st.mentions.segments, *[s for s in st.mentions.ents if s.kind.startswith("place:")]], key=lambda s: s.start)
    obs: dict[tuple[Any, ...], Observation] = {}
    prelim_years: set[str] = set()
    prelim_pending = -1  # where a sentence of its own announced preliminary figures of no stated year
    lower = text.lower() if len(text.lower()) == len(text) else None
    year_context: str | None = None  # the whole year in force before a part of it was zoomed into
    fig_period: dict[int, str] = {}  # the period each figure was given, for a bracket that glosses it
    compared_figs: set[int] = set()  # the earlier levels a change is compared with (actuals)
    part_opens = False  # whether the period in force was set by the opening sentence of its paragraph
    prev_end = 0
    for s_start, s_end in st.segmentation.sentences:
        opens_para = "\n" in text[prev_end:s_start]
        if opens_para and context_period and year_context and not part_opens \
                and context_period != year_context and context_period.startswith(year_context) \
                and not _PART_OF_YEAR.search(text, s_start, s_end):
            # "In 2024 ... In the second half exports grew 0.9%. [new paragraph] Sales to the US rose
            # 4.3%": a part of the year read within a paragraph does not date the next paragraph,
            # unless that one goes on about it ("the quarter closed with ..."); a paragraph that
            # opens on the part of the year ("Data for the first eight months show ...") frames
            # the breakdown that follows it
            context_period = year_context
        prev_end = s_end
        sent_figs = figures[bisect.bisect_left(figures, s_start, key=lambda f: f.start):
                            bisect.bisect_left(figures, s_end, key=lambda f: f.start)]
        if not sent_figs and (told := [k for _, _, k in _cues(text, s_start, s_end, bases) if k in _TOPICS]):
            # "Orders grew again in the first quarter. According to the index, the quarter closed
            # up 48%": a sentence with no figure still names what the next ones go on about
            context_base = told[-1]
        if lower is not None and not sent_figs and not any(c.isdigit() for c in text[s_start:s_end]) \
                and not any(w in lower[s_start:s_end] for w in _PERIOD_WORDS) \
                and not any(w in lower[s_start:s_end] for w in ("world", "global", "mondial", "mondo")):
            if prelim_pending < 0 and _prelim_subject_re().match(text, s_start, s_end):
                prelim_pending = s_end  # "Provisional figures from X point to a good year."
            continue  # nothing to measure and no period to carry over
        periods = [p for p in _periods(text, s_start, s_end, today)
                   if not any(mn.start <= p.start < mn.end for mn in (st.docinfo.info.date_evidence if st.docinfo.info else ()))
                   and not is_not_period(text, p.start)]
        clauses = _clauses(text, s_start, s_end, protected)
        semis = _split_semicolons(text, s_start, s_end)
        valid_periods = []
        for p in periods:
            c = next(((a, b) for a, b in clauses if a <= p.start < b), (s_start, s_end))
            if not _in_comparison(text, p.start, c[0]) and "=" not in text[p.end:p.end + 3] \
                    and not is_compared_edition(text, p.start, p.end):
                valid_periods.append(p)
        # "today", "oggi": the release's own day dates a figure only where nothing else does
        weak_periods = [p for p in valid_periods if p.weak]
        # "looking ahead to 2025, having secured 8 months of orders": a year looked ahead to
        # dates only the figures of its own clause
        outlook = [p for p in valid_periods if not p.weak and is_outlook(text, p.start)]
        valid_periods = [p for p in valid_periods if not p.weak and p not in outlook]
        asides = _figure_asides(text, s_start, s_end, sent_figs)
        years_here = [p.value for p in valid_periods if "{y}" not in p.value
                      and not any(a < p.start < b for a, b in asides)]
        sent_year = years_here[0][:4] if years_here else None
        # a sentence that opens with a pre-final balance as its source ("Secondo i dati di
        # preconsuntivo, nel 2024 ...") frames every figure in it; a plain "according to the
        # preliminary results" qualifies nothing outside its own clause (the founding release's gold)
        first_clause = next(((a, b) for a, b in clauses), (s_start, s_end))
        opening = s_start
        if (lead := _DATELINE_LEAD.match(text, s_start, s_end)) is not None:
            # "Modena (MO) – Secondo i dati preconsuntivi ...": the place a paragraph opens on is no
            # part of its first clause
            opening = lead.end()
            first_clause = next(((max(a, opening), b) for a, b in clauses if b > opening), first_clause)
        pm_ = _PRECONS_RE.search(text, first_clause[0], first_clause[1]) \
            or _prelim_source_re().match(text, opening, s_end)
        frames_prelim = pm_.end() if pm_ and not any(first_clause[0] <= f.start < pm_.start() for f in sent_figs) else 0
        sent_period: str | None = None
        sent_written = False  # whether the sentence's period is written in it (not a fallback)
        prev_change: str | None = None
        for f in sent_figs:
            c_start, c_end = next(((a, b) for a, b in clauses if a <= f.start < b), (s_start, s_end))
            key = _indicator_for(st, f, (c_start, c_end), (s_start, s_end), bases, shares, months,
                                 context_base, last_key)
            if f.kind == "pct" and prev_change and (key is None or not (
                    key.endswith(("_change", "_share")) or key in ("export_ratio", "capacity_utilisation"))) \
                    and not (_NEG_RE.search(text, c_start, f.start) or _POS_RE.search(text, c_start, f.start)) \
                    and (re.search(rf"\b(?:by|of|del|dell['’]|di){_SP}*$", text[max(c_start, f.start - 6):f.start])
                         or (key is None and _LIST_ITEM.fullmatch(text, c_start, f.start)
                             and _TO_PLACE.match(text, f.end))):
                # an ellipsis after a change: "... dropped 30% and imports 20%", "rose by 12% in
                # Latin America, 9% in Africa"
                cue = _nearest(_sales_as_topic(st, _cues(text, c_start, c_end, bases), bases), f.start, f.end)
                key = f"{cue or prev_change}_change"
            if f.unit == "points":
                # "+2 percentage points", "1,5 punti percentuali": the change of a share, in points
                share = _nearest([c for c in _cues(text, c_start, c_end, shares)
                                  if c[2] not in ("base_share", "foreign_share")], f.start, f.end)
                if share:
                    key = f"{share}_change"
                elif key and key.removesuffix("_change") in _TOPICS and not st.found(_INDEX_WORD, c_start, c_end):
                    # "il fatturato è lievitato di 6,8 punti percentuali": a level's change given in
                    # percentage points is its change in percent (an index's points stay points)
                    f = replace(f, unit="percent")
                else:
                    key = None
            if key is None:
                continue
            if key in ("foreign_visitors_share", "foreign_exhibitors_share") and not f.level \
                    and _CHANGE_NOUN_AFTER.match(text, f.end):
                key = key[: -len("_share")] + "_change"  # "a 30% rise in arrivals from abroad": no part of the total
            if key in ("visitors_change", "exhibitors_change", "visitors", "exhibitors", "foreign_visitors_change",
                       "foreign_exhibitors_change") and f.kind == "pct":
                key = _fair_origin(st, f, sent_figs, key)
            if f.kind == "money" and (o_ := text.rfind("(", max(0, f.start - 3), f.start + 1)) >= 0 and any(
                    g.kind == "money" and g.unit != f.unit and 0 <= o_ - g.end <= 2 for g in sent_figs):
                continue  # "EUR 470,000 ($543,000)": the same amount in another currency
            if _is_fair_key(key) and _expected_re().search(text, c_start, c_end):
                continue  # "visitors are expected to top 20,000": hoped for, not counted
            if not _is_fair_key(key) and (chain := _supply_chain_re().search(text, max(s_start, f.start - 160), f.start)) \
                    is not None and not _within(st.mentions.segments, chain.start(), f.start):
                continue  # "a supply chain of 60,000 companies": a whole chain, not the sector
            if key in ("turnover", "turnover_change") and (bp_ := _after_place_bracket(st, f)) is not None \
                    and bp_.name != HOME_COUNTRY and _MARKET_WORDS.search(text, s_start, bp_.start):
                # "losses on key markets such as Brazil (-25%)": what the sector sells on a foreign
                # market is its exports there
                key = "exports" + key[len("turnover"):]
            market_of_key: str | None = None
            if key == "domestic_sales_change":
                # the change of sales at home is the turnover's change on the domestic market
                key, market_of_key = "turnover_change", "domestic market"
            if key.endswith("_change") and not key.endswith("_volume_change"):
                vol, both, value_cue = _volume_res()
                if vol.match(text, f.end) and not both.match(text, f.end) and value_cue.search(text, s_start, s_end):
                    key = key[: -len("_change")] + "_volume_change"
                elif f.kind == "pct" and (o_ := text.rfind("(", max(s_start, f.start - 60), f.start)) >= 0 \
                        and ")" not in text[o_:f.start] and any(g.unit == "pairs" and 0 <= o_ - g.end <= 25 and not re.search(r"[,;()]", text[g.end:o_])
                                for g in sent_figs):
                    # "120 milioni di paia prodotte (+5,5% sul 2022 e +1,2% sul 2020)": the changes of a
                    # count in pairs are in volume
                    key = key[: -len("_change")] + "_volume_change"
            if f.kind in ("money", "qty") and _DELTA_BEFORE.search(text, max(s_start, f.start - 45), f.start):
                continue  # "a decline of more than 200 million euros": an absolute change, not a level
            if _bound_re().search(text, max(s_start, f.start - 25), f.start):
                continue  # "a total of less than 26 billion": a bound, not a level
            if f.kind == "pct" and _earlier_level_re().search(text, max(s_start, f.start - 25), f.start):
                continue  # "reached 78%, up from 75%": the level compared with
            if key.endswith("_volume_change"):
                prev_change = key[: -len("_volume_change")]
            elif key.endswith("_change"):
                prev_change = key[: -len("_change")]
            # the period: nearest in the clause, else in the sentence, else the context
            in_clause = [p for p in valid_periods if c_start <= p.start < c_end] \
                or [p for p in outlook if c_start <= p.start < c_end] \
                or [p for p in weak_periods if c_start <= p.start < c_end]
            # "Exports totalled X, while in the second half ...": a period past a contrast is not this figure's
            pool = in_clause or [p for p in valid_periods if p.start < f.start or not _CONTRAST.search(text, f.end, p.start)]
            # "3.1 billion (the earlier peak was 2.9 billion in 2011)": a bracket with a figure
            # of its own dates that figure, not the ones outside it
            pool = [p for p in pool if not any(a < p.start < b and not a < f.start < b for a, b in asides)]
            named = [p for p in periods if p.end < f.start <= p.end + 40 and (
                ((m_ := _YEAR_FIGURE.match(text, p.end)) and m_.end() == f.start)
                or (_FIGURE_NOUN_BEFORE.search(text, max(0, p.start - 12), p.start)
                    and (m_ := _YEAR_OF.match(text, p.end)) and m_.end() == f.start))]
            if named:
                # "up 6.4% on the 2016 level of 1.2 billion": the year compared with names its own figure
                pool = named
            # ... and that earlier level is an actual: the estimate or preliminary word of the clause
            # is about the figure compared with it
            compared_level = bool(named) and (any(p.value[:4] > named[0].value[:4] for p in valid_periods)
                                              or (context_year or "") > named[0].value[:4])
            glossed: str | None = None
            if f.kind == "pct" and (o_ := text.rfind("(", max(s_start, f.start - 40), f.start)) >= 0 \
                    and ")" not in text[o_:f.start]:
                # "the 2019 total of 2.4 billion (itself up 5% on 2018)": a bracketed change right
                # after a figure shares that figure's period, unless the bracket names its own
                g_ = next((g for g in sent_figs if g is not f and 0 <= o_ - g.end <= 2 and id(g) in fig_period), None)
                close_ = text.find(")", f.end, f.end + 80)
                if g_ is not None and not any(o_ < p.start < (close_ if close_ >= 0 else f.end) for p in valid_periods):
                    glossed = fig_period[id(g_)]
                    compared_level = compared_level or id(g_) in compared_figs
            if compared_level:
                compared_figs.add(id(f))
            if fair_year and _is_fair_key(key) and (not pool or min(
                    pool, key=lambda p: abs(p.start - f.start)).value[:4] < fair_year):
                # an edition's figures belong to its year: an earlier year beside them is the
                # edition they are compared with ("+14% on the September 2022 edition")
                period = fair_year
            elif pool:
                p = min(pool, key=lambda p: abs(p.start - f.start))
                year = (p.value[:4] if "{y}" not in p.value else None) or sent_year or context_year
                if "{y}" in p.value and (same_ := [q for q in periods if q not in valid_periods and q.start > p.start
                                                     and "{y}" not in q.value and q.value[4:] == p.value[3:]]):
                    # "in the first half of the year ..., down 5% on the first half of 2017": the part of
                    # the year compared with the same part of a year is that of the year after it
                    year = str(int(same_[0].value[:4]) + 1)
                if year is None and today is not None and p.value != "{y}":
                    # "a positive first half" in a release of September, with no year written
                    # before it: the latest first half ended by the release's date
                    period = latest_before(p.value, today)
                elif year is None:
                    continue
                else:
                    period = p.value.replace("{y}", year)
            elif context_period:
                period = context_period
                if len(period) > 4 and any(g.kind in ("cnt:companies", "cnt:employment") for g in sent_figs):
                    # "The association's 300 members employ 12,000 people and produce EUR 2.5 billion":
                    # a sector's structure, told after a quarter's figures, is that of the whole year
                    period = period[:4]
            elif (ahead := _period_ahead(st, s_end, today)) is not None:
                # "Over 60,000 visitors. This is the balance of the 2021 edition": the paragraph's period
                period = ahead
            elif weak_periods:
                period = weak_periods[0].value
            elif fallback_period:
                period = fallback_period
            else:
                continue
            if glossed:
                period = glossed
            fig_period[id(f)] = period
            value = f.value
            if key.endswith("_change") and not f.signed and (sign_ := _compared_sign(text, f)):
                value = abs(value) * sign_  # "17% less than in the last quarter"
            elif key.endswith("_change") and not f.signed:
                # "exports shrank by 2% while imports expanded by 6%": the verb on this side of a contrast
                lo_ = max([c_start, *(m.end() for m in _CONTRAST.finditer(text, c_start, f.start))])
                hi_ = next((m.start() for m in _CONTRAST.finditer(text, f.end, c_end)), c_end)
                v0, v1 = (lo_, hi_) if _NEG_RE.search(text, lo_, hi_) or _POS_RE.search(text, lo_, hi_) else (c_start, c_end)
                neg = _NEG_RE.search(text, v0, v1) or (
                    not _POS_RE.search(text, v0, v1) and _NEG_RE.search(text, s_start, f.start))
                value = -abs(value) if neg else abs(value)
            unit = "index" if key.endswith("_index") else f.unit
            semi = next(((a, b) for a, b in semis if a <= f.start < b), (s_start, s_end))
            area, market = _area_and_market(st, f, semi, key)
            if market is None and key.endswith("_index") and last_flow and last_flow[0] == key[: -len("_index")] \
                    and last_flow[2] in (s_start, prev_start) and _ANAPHORA.search(text, s_start, f.end):
                # "... shrank 4.4% abroad. In absolute terms the index reached 93.6":
                # the index of the market just reported, not the total (which would seem to conflict)
                market = last_flow[1]
            if market_of_key:
                market = market_of_key
            if key in ("turnover", "exports") and market == "domestic market":
                key = "domestic_sales"  # "sales on the home market reached EUR 1.7 billion"
            quals: list[str] = []
            if compared_level:
                pass
            elif _EST_STRICT_RE.search(text, c_start, c_end) or re.search(r"(?i)\b(around|about|circa|approximately|some)\b", text[max(c_start, f.start - 12):f.start]) and _EST_STRICT_RE.search(text, c_start, c_end):
                quals.append("estimated")
            if not compared_level and (_PRELIM_RE.search(text, c_start, c_end) or (frames_prelim and f.start > frames_prelim)):
                quals.append("preliminary")
            scope = _scope_for(st, f, (c_start, c_end), (s_start, s_end), key)
            if _unnamed_list_item(st, f, (s_start, s_end)) and not _glosses_count(text, f, sent_figs) \
                    and not (_is_fair_key(key) and area):  # "Korea came first (+9%)"
                continue  # "knitting machinery (66%), other machinery (17%)": an item we cannot name
            if key.startswith(("domestic_visitors", "domestic_exhibitors")):
                area = market = None  # the home part of a fair's attendance is a figure of its own, not an area
            if home_area and area == HOME_COUNTRY:
                area = home_area
            if company_pub and scope == (st.mentions.sector or "machinery") and not _within(st.mentions.segments, s_start, s_end):
                # a company's release: its figures are its own results, with no area
                scope, area = company_pub, None
            o = Observation(_mention(text, c_start, c_end), indicator=key, scope=scope, value=value,
                            unit=unit, period=period, area=area, market=market,
                            qualifiers=tuple(quals), base=index_base if unit == "index" else None)
            k = (key, scope, period, value, unit, area, market)
            if k in obs:
                old = obs[k]
                obs[k] = replace(old, qualifiers=tuple(dict.fromkeys(old.qualifiers + o.qualifiers)))
            else:
                obs[k] = o
            if _EACH_AFTER.match(text, f.end) and (bp_e := _after_place_bracket(st, f)) is not None \
                    and bp_e.name in (area, market):
                # "Spain, Brazil and Japan (4% each)": the same figure for every place of the list
                for other in _listed_before(st, bp_e):
                    a2, m2 = (other.name, market) if area == bp_e.name else (area, other.name)
                    obs.setdefault((key, scope, period, value, unit, a2, m2), replace(o, area=a2, market=m2))
            if key.endswith("_share") and (bp_p := _after_place_bracket(st, f)) is not None \
                    and (head := _pair_head(st, bp_p)) is not bp_p and head.name in (area, market):
                # "Turkey and Germany (7%)": a part of the total is each one's (a change of the two
                # together is recorded once, under the first)
                a2, m2 = (bp_p.name, market) if area == head.name else (area, bp_p.name)
                obs.setdefault((key, scope, period, value, unit, a2, m2), replace(o, area=a2, market=m2))
            last_key = key
            if key.endswith("_change"):
                # the market of the last change, for an index quoted right after it
                last_flow = (key[: -len("_change")], market, s_start) if market else None
            context_base = _base_of(key) or context_base
            if sent_period is None and not _has_foreign_place(st, c_start, c_end) \
                    and not (pool and (is_past_aside(text, p.start) or p.value == "{y}" and not p.whole)) \
                    and not any(a < f.start < b for a, b in asides):
                # a breakdown by foreign market ("nel periodo gennaio-settembre le vendite negli Stati
                # Uniti ...") does not change the period the next sentences inherit, nor does an
                # aside after the main figure ("..., while in the second half ..."), nor a forecast
                # for the year's end, nor a bracketed earlier figure ("(the record was ... in 2007)")
                sent_period = period
                sent_written = bool(pool)
        # "Italy is the fourth producer and fifth exporter of machine tools in the world"
        if lower is None or any(w in lower[s_start:s_end] for w in ("world", "global", "mondial", "globale", "international", "internazional")):
            for rk in _RANK_RE.finditer(text, s_start, s_end):
                year = sent_year or context_year
                if year is None or not _RANK_WORLD.search(text, s_start, s_end):
                    continue
                what = rk.group("what").lower()
                rkey = "world_export_rank" if what.startswith(("export", "esportat")) else "world_production_rank"
                subj = [p for p in _near(st.places(), s_start, rk.start()) if s_start <= p.start < rk.start()
                        and p.kind == "place:country" and not re.search(r"(?i)\b(?:after|behind|dopo|dietro|than|di)[ \u00a0]+$", text[max(0, p.start - 8):p.start])]
                area_ = subj[0].name if subj else HOME_COUNTRY
                okey = (rkey, st.mentions.sector or "machinery", year, Decimal(_ORDINAL[rk.group("ord").lower()]), "rank", area_, None)
                if okey not in obs:
                    obs[okey] = Observation(_mention(text, rk.start(), rk.end()), indicator=rkey, scope=st.mentions.sector or "machinery",
                                            value=Decimal(_ORDINAL[rk.group("ord").lower()]), unit="rank", period=year,
                                            area=area_, market=None)
        # the next sentences inherit the period this one's figures used; a sentence without
        # figures passes on only a period with its year written ("in the third quarter of 2024",
        # not "in the second half of the year")
        # ... and not one named from the release's date ("this year") or an aside ("after 2022")
        explicit = [p for p in valid_periods if "{y}" not in p.value and not p.relative
                    and not is_past_aside(text, p.start) and not any(a < p.start < b for a, b in asides)]
        if frames_prelim or (not sent_figs and _PRELIM_RE.search(text, s_start, s_end)):
            # "The preliminary results ... for 2024 were presented", "Secondo i dati di preconsuntivo,
            # nel 2024 ...": the release's figures for that year are preliminary
            years_before = len(prelim_years)
            if not sent_figs:
                prelim_years.update(p.value[:4] for p in valid_periods if "{y}" not in p.value)
            if sent_period:
                prelim_years.add(sent_period[:4])
            if len(prelim_years) == years_before and not sent_figs and prelim_pending < 0 \
                    and _prelim_subject_re().match(text, s_start, s_end):
                # "Provisional figures from X point to a good year.": the year of the figures that follow
                prelim_pending = s_end
        prev_start = s_start
        if sent_period or explicit:
            part_opens = opens_para
        if sent_period:
            if not sent_written:
                if sent_period != context_period:
                    year_context = None  # a fallback's year is no whole year the text put in force
            elif len(context_period or "") != 4 or len(sent_period) == 4 or not sent_period.startswith(context_period or "-"):
                year_context = sent_period if len(sent_period) == 4 else None
            context_period = sent_period
            context_year = sent_period[:4]
        elif explicit:
            pval = explicit[-1].value
            if len(context_period or "") != 4 or len(pval) == 4 or not pval.startswith(context_period or "-"):
                year_context = pval if len(pval) == 4 else None
            context_period = pval
            context_year = context_period[:4]
    if prelim_pending >= 0:
        after = sorted((o for o in obs.values() if o.evidence.start >= prelim_pending and len(o.period) == 4),
                       key=lambda o: o.evidence.start)
        if after:
            prelim_years.add(after[0].period)
    unqualified = _qualifier_words().get("not_qualified_units", ())
    for k, o in list(obs.items()):
        if o.period[:4] in prelim_years and "/" not in o.period and "preliminary" not in o.qualifiers \
                and o.unit not in unqualified:
            obs[k] = replace(o, qualifiers=(*o.qualifiers, "preliminary"))
    # "The figures are estimates by the Research Department": a note of its own qualifies the
    # figures of its paragraph and the ones that go on with the same period; a figure for
    # another period ("in the last quarter ...") is a separate statement
    for note in _ESTIMATES_NOTE.finditer(text):
        para_start = text.rfind("\n\n", 0, note.start()) + 1
        later = sorted((o for o in obs.values() if o.evidence.start >= para_start), key=lambda o: o.evidence.start)
        own = [o for o in later if o.evidence.start < note.start()]
        if not own:
            continue
        period = own[0].period
        for o in later:
            if o.period != period:
                break
            if "estimated" not in o.qualifiers:
                k = next(k for k, v in obs.items() if v is o)
                obs[k] = replace(o, qualifiers=(*o.qualifiers, "estimated"))
    # a headline repeats a body figure, often with a vaguer period: keep the body's
    title = st.docinfo.info.evidence if st.docinfo.info and st.docinfo.info.title else None
    found = list(obs.values())
    # a preliminary figure is an estimate by nature: "estimated" beside it adds no status of its own
    found = [replace(o, qualifiers=tuple(q for q in o.qualifiers if q != "estimated"))
             if "preliminary" in o.qualifiers and "estimated" in o.qualifiers else o for o in found]
    # "1,100 companies from 40 countries will exhibit ... no other show gathers 1,100 companies":
    # the fair's exhibitors told again, not the sector's size
    shown = {o.value for o in found if o.indicator == "exhibitors"}
    found = [o for o in found if not (o.indicator == "companies" and o.value in shown)]
    # "a turnover of EUR 2.16 billion ... a year-end turnover of EUR 2,164 million": one figure told
    # twice, once rounded; the more precise telling stands for both
    found = _without_roundings(found)
    if title:
        body = [o for o in found if not (title.start <= o.evidence.start < title.end)]
        # ... and often vaguer about where: "ordini interni (+12,4%)" is the body's domestic figure
        found = [o for o in found if o in body or not any(
            (b.indicator, b.scope, b.value) == (o.indicator, o.scope, o.value)
            and (o.area, o.market) in ((b.area, b.market), (HOME_COUNTRY, None), (None, None))
            for b in body)]
        # ... or rounds it: "turnover tops 2 billion" over a body's "2.05 billion"
        found = [o for o in found if o in body or o.unit not in ("EUR", "USD", "count") or len(o.value.normalize().as_tuple().digits) > 2
                 or not any((b.indicator, b.scope, b.unit) == (o.indicator, o.scope, o.unit)
                            and b.value and abs(b.value - o.value) <= abs(b.value) / 10 for b in body)]
    st.relations.facts.extend(found)


_ESTIMATES_NOTE = re.compile(r"(?i)(?:^|(?<=[.!?]\s))(?:the|these|all|i|questi|tutti\s+i)\s+(?:figures|data|numbers|dati|numeri)\s+(?:are|sono)\s+(?:(?:still|only|ancora|solo)\s+)?(?:estimates|estimated|stime|stimati|provisional\s+estimates)\b")
