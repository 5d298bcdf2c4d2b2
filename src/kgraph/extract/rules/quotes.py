"""Quotations: a quoted passage of the text with its speaker."""

from __future__ import annotations

import re

from ...model import Mention, Quotation
from .._lex import _SP
from .discourse import _known_surname
from .events import _TITLE_RE
from .names import _NAME_WORD
from .people import _person_name_at
from .state import _BIG, _near, _Span, _State

_SAID_AFTER = re.compile(r"(?i)[ \u00a0]*[,.]?[ \u00a0]*[-–]?[ \u00a0]*(?:said|says|stated|added|concluded|commented|explained|remarked|noted|ha[ \u00a0]+(?:dichiarato|detto|affermato|aggiunto|commentato|concluso|spiegato|sottolineato)|dichiara|afferma|spiega|commenta|sottolinea|conclude)\b")
_QUOTE_RE = re.compile(r"[“\"«]([^“”\"«»]{30,}?)[”\"»]")


_SENT_END = re.compile(r"[.!?](?=\s|$)")
_NAME_SAID = re.compile(rf"{_SP}*[,.]?{_SP}*[”\"»]?{_SP}*,?{_SP}*(?P<name>{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,2}}){_SP}+"
                        rf"(?i:said|says|added|adds|explained|commented|concluded|stated|noted)\b")


def _find_quotations(st: _State) -> None:
    text = st.text
    people = sorted(st.mentions.person_spans, key=lambda p: p.start)
    for m in _QUOTE_RE.finditer(text):
        if _TITLE_RE.search(text, max(0, m.start() - 40), m.end()):
            continue
        near = _near(people, m.start() - 80, m.end() + 200)
        inside = [p for p in near if m.start() <= p.start < m.end()]
        before = [p for p in near if m.start() - 80 <= p.start < m.start()]
        said = _SAID_AFTER.match(text, m.end())
        # the attribution ends with its sentence: "..., ha spiegato Giorgio Tani. Mario Bini, ..."
        stop = _SENT_END.search(text, said.end(), said.end() + 200) if said else None
        limit = min(said.end() + 60, stop.start() if stop else _BIG) if said else 0
        after = [p for p in near if said and m.end() <= p.start < limit]
        # '"...," Tani said', '«...» ha detto Giorgio Tani': the name written with the verb
        named = _NAME_SAID.match(text, m.end())
        said_name: _Span | None = None
        if said and not after:
            # "ha spiegato Giorgio Tani": a name the release gives no post
            lead = re.match(rf"{_SP}+(?:(?:the|il|la|l['’]){_SP}*)?", text[said.end():said.end() + 6])
            said_name = _person_name_at(st, said.end() + (lead.end() if lead else 0))
        elif named:
            who = named.group("name")
            known = who if " " in who else _known_surname(st, who)
            said_name = _Span(named.start("name"), named.end("name"), known) if known else None
        if said_name:
            after = [said_name]
        # the verb's subject first; a name inside the quote is someone the speaker talks about
        speaker: str | None
        if after:
            speaker = min(after, key=lambda p: p.start).name
        elif before:
            speaker = max(before, key=lambda p: p.start).name
        else:
            speaker = inside[0].name if inside else None
        st.relations.facts.append(Quotation(Mention(m.group(1), m.start(1), m.end(1)), text=m.group(1).strip(),
                                  speaker=speaker))
