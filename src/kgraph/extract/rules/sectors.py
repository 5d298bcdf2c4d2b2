"""Sector and segment mentions: the industries a release speaks of, from the gazetteer's sectors
and the items of a segment list.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ...model import Segment
from .. import gazetteer as gz
from .._lex import _SP
from .names import _standalone_triggers
from .state import _mention, _overlaps_entity, _Span, _State


@cache
def _segment_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    form_to_item: dict[str, str] = {}
    for it in gz.segment_items():
        for f in it.forms:
            form_to_item[f.lower()] = it.name
    forms = sorted(form_to_item, key=len, reverse=True)
    item = "(?:" + "|".join(re.escape(f).replace(r"\ ", rf"{_SP}+") for f in forms) + ")"
    lst = rf"{item}(?:(?:,{_SP}*|{_SP}+(?:and|e|ed|&){_SP}+|,{_SP}+(?:and|e){_SP}+){item})*"
    heads = "(?:" + "|".join(sorted(gz.segment_heads(), key=len, reverse=True)) + ")"
    en = re.compile(rf"(?i)\b({lst}){_SP}+{heads}\b")
    it_ = re.compile(rf"(?i)\b{heads}{_SP}+(?:per|for){_SP}+(?:il{_SP}+|la{_SP}+|l['’]|the{_SP}+)?({lst})\b")
    seg = re.compile(rf"(?i)\b(?:the{_SP}+)?({item}){_SP}+(?:segment|sector|comparto|settore)\b|\b(?:comparto|settore){_SP}+({item})\b")
    standalone = {f.lower(): s.name for s in gz.standalone_segments() for f in s.forms}
    stand = re.compile(r"(?i)\b(" + "|".join(re.escape(f) for f in sorted(standalone, key=len, reverse=True)) + r")\b")
    return en, it_, seg, stand, form_to_item | {"__standalone__" + k: v for k, v in standalone.items()}


@cache
def _items_re() -> re.Pattern[str]:
    table = _segment_res()[4]
    forms = sorted((f for f in table if not f.startswith("__")), key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")\b")


@cache
def _head_triggers() -> tuple[str, ...]:
    return tuple({h.lower()[:6] for h in gz.segment_heads()})


def _items_of(phrase: str, table: dict[str, str]) -> list[str]:
    return [table[re.sub(r"\s+", " ", m.group().lower())] for m in _items_re().finditer(phrase)]


@cache
def _umbrellas() -> frozenset[str]:
    return frozenset(d["name"] for d in gz._segments()["standalone"] if d.get("umbrella"))


def _member_sectors(st: _State) -> frozenset[str]:
    """The machinery sectors of the associations the release names ("Acimac, Acimall, Amaplast")."""
    out = set()
    for o in st.mentions.org_spans:
        entry = gz.organisation(o.name)
        if entry and entry.sector and o.kind == "TradeAssociation":
            out.add(entry.sector)
    return frozenset(out)


def _find_segments(st: _State) -> None:
    en, it_, seg, stand, table = _segment_res()
    text = st.text
    pub = gz.organisation(st.docinfo.publisher) if st.docinfo.publisher else None
    # "the footwear sector" of a footwear makers' (or tanners') association is its own industry,
    # not a machinery segment
    makers = bool(pub and pub.sector and not pub.sector.endswith("machinery"))
    members = _member_sectors(st)
    found: list[tuple[int, int, list[str]]] = []
    for rx in (en, it_):
        for m in st.scan(rx, _head_triggers()):
            items = _items_of(m.group(1), table)
            # "the federation of makers of glass, paper, printing and food machinery": a federation naming the
            # sectors of its member associations lists several sectors, not one
            own = [i for i in dict.fromkeys(items) if gz.segment_name([i]) in members]
            if len(own) >= 2 and len(set(items)) > 2:
                for i in dict.fromkeys(items):
                    found.append((m.start(), m.end(), [i]))
                continue
            found.append((m.start(), m.end(), items))
    if not makers:
        for m in st.scan(seg, ("segment", "sector", "comparto", "settore")):
            g = m.group(1) or m.group(2)
            found.append((m.start(), m.end(), _items_of(g, table)))
    spans: list[_Span] = []
    for a, b, items in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))):
        if not items or (spans and a < spans[-1].end and not (a == spans[-1].start and b == spans[-1].end)):
            continue
        spans.append(_Span(a, b, gz.segment_name(items), str(len(set(items)))))
    split = len({(s.start, s.end) for s in spans}) < len(spans)
    sector: str | None = None
    if spans:
        widest = max(int(s.kind) for s in spans)
        sector = next(s.name for s in spans if int(s.kind) == widest)
        if pub and pub.sector and any(s.name == pub.sector for s in spans):
            sector = pub.sector  # the issuing association's own sector, when the text names it
    umbrella: str | None = None
    for m in st.scan(stand, _standalone_triggers()):
        # the longest form wins where two overlap ("industria meccanica varia")
        end, name = m.end(), table["__standalone__" + m.group(1).lower()]
        for w in re.finditer(r"\b\w", text[m.start() + 1:m.end()]):
            m2 = stand.match(text, m.start() + 1 + w.start())
            if m2 and m2.end() > end:
                end, name = m2.end(), table["__standalone__" + m2.group(1).lower()]
        if _overlaps_entity(st, m.start(), end):
            continue  # "the Department of Mechanical Engineering of ..."
        if not any(s.start < end and m.start() < s.end for s in spans):
            spans.append(_Span(m.start(), end, name, "1"))
            if name in _umbrellas():
                umbrella = umbrella or name
    if pub and pub.sector and (sector is None or not any(s.name == sector for s in spans if int(s.kind) > 1)):
        # the issuing association's own sector, when the text names no wider machinery phrase
        sector = pub.sector
    if umbrella and split and not (pub and pub.sector and pub.sector not in {x.name for x in spans}):
        sector = umbrella  # (an issuer that is one of the member sectors speaks for the federation)
    if sector is None and spans:
        sector = spans[0].name
    if sector is None:
        return
    st.mentions.sector = sector
    # an umbrella ("capital goods") is never a segment of one machinery sector
    spans = [s for s in spans if s.name == sector or s.name not in _umbrellas()]
    st.mentions.segments = [replace(s, kind="sector" if s.name == sector else "segment") for s in spans]
    if not any(s.kind == "sector" for s in st.mentions.segments):
        cue = re.search(r"(?i)\b(?:the\s+sector|il\s+settore|del\s+settore|sector|settore|comparto)\b", text)
        pub_span = next((o for o in st.mentions.org_spans if o.name == st.docinfo.publisher), None)
        where = (cue.start(), cue.end()) if cue else ((pub_span.start, pub_span.end) if pub_span else None)
        if where:
            st.mentions.segments.append(_Span(where[0], where[1], sector, "sector"))
    st.mentions.segments.sort(key=lambda s: s.start)
    seen: set[str] = set()
    for s in st.mentions.segments:
        if s.name in seen:
            continue
        seen.add(s.name)
        st.relations.facts.append(Segment(_mention(text, s.start, s.end), name=s.name,
                                kind="sector" if s.kind == "sector" else "segment",
                                parent=None if s.kind == "sector" else sector))
