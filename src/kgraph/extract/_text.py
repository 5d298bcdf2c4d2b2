"""Text -> facts: rule-based extraction from English and Italian press releases.

Everything works on the text exactly as stored: spaCy's tokenizer and PhraseMatcher find
gazetteer names (token offsets are character offsets into the same string), regular
expressions find the language patterns (roles, figures, periods, cue phrases) and dateparser
reads dates. No copy of the text is normalised, so every :class:`~kgraph.model.Mention`
slices the document exactly.

Pipelines, matchers and compiled patterns are built once per process (module-level caches):
extraction of a release is a few milliseconds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from ..model import (
    Document,
    DocumentInfo,
    Driver,
    Event,
    Extraction,
    Fact,
    MarketRelation,
    Membership,
    Mention,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Quotation,
    Segment,
)
from . import gazetteer as gz
from ._dates import (
    _ABBR_FULL,
    _CONTRAST,
    _MONTH_NUM,
    _MONTHS_ABBR,
    _MONTHS_EN,
    _MONTHS_IT,
    _PERIOD_WORDS,
    _dates,
    _in_comparison,
    _periods,
)
from ._figures import (
    _EST_STRICT_RE,
    _NEG_RE,
    _POS_RE,
    _PRECONS_RE,
    _PRELIM_RE,
    _count_value,
    _Figure,
    _figures,
)
from ._lex import _SP
from .base import file_name_date, rule_id, stamp_rule
from .quantity import unit_indicator
from .timex import (
    index_bases,
    is_compared_edition,
    is_not_period,
    is_outlook,
    is_past_aside,
    latest_before,
)

__all__ = ["extract", "detect_language"]

HOME_COUNTRY = "Italy"
_BIG = 1 << 62

# --------------------------------------------------------------------------- language


_EN_WORDS = frozenset("the of and to in is with for that by was were has have from which its this on are at".split())
_IT_WORDS = frozenset("il lo la le gli di del della dei delle che è per con nel nella sono ha da dal al alla un una anche rispetto".split())


def detect_language(text: str) -> str:
    """"en" or "it", by counting frequent function words of each language."""
    words = re.findall(r"[a-zàèéìòù]+", text.lower())
    en = sum(w in _EN_WORDS for w in words)
    it = sum(w in _IT_WORDS for w in words)
    return "it" if it > en else "en"


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    name: str  # canonical name
    kind: str = ""  # org type, place kind, ...


def _mention(text: str, start: int, end: int) -> Mention:
    # trim whitespace and trailing punctuation so the quote reads cleanly
    while start < end and text[start] in " \u00a0\t\n\r•-–,;:":
        start += 1
    while end > start and text[end - 1] in " \u00a0\t\n\r,;:":
        end -= 1
    return Mention(text[start:end], start, end)


# --------------------------------------------------------------------------- spaCy matchers


@cache
def _nlp(lang: str) -> Any:
    import spacy

    nlp = spacy.blank(lang)
    # only the tokenizer runs, so the 1,000,000-character guard (meant for parsers) does not apply;
    # the reader's size limit bounds the input
    nlp.max_length = 100_000_000
    return nlp


@lru_cache(maxsize=8)
def _matchers(lang: str, version: int = 0) -> tuple[Any, Any, dict[str, tuple[str, str]]]:
    """PhraseMatchers for organisations and places: one on lower case, one exact for acronyms."""
    from spacy.matcher import PhraseMatcher

    nlp = _nlp(lang)
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels: dict[str, tuple[str, str]] = {}

    def add(label: str, canon: str, kind: str, names: Iterable[str]) -> None:
        labels[label] = (canon, kind)
        short_caps = [n for n in names if n.isupper() and len(n) <= 5]
        others = [n for n in names if n not in short_caps]
        if others:
            lower.add(label, [nlp.make_doc(n) for n in others])
        if short_caps:
            exact.add(label, [nlp.make_doc(n) for n in short_caps])

    for i, o in enumerate(gz.organisations()):
        add(f"ORG{i}", o.name, "org:" + o.type, (o.name, *o.aliases))
    for i, p in enumerate(gz.places()):
        add(f"PLACE{i}", p.name, "place:" + p.kind, (p.name, *p.aliases))
        if p.adjectives:
            add(f"ADJ{i}", p.name, "adj:" + p.kind, p.adjectives)
    return lower, exact, labels


# spaCy splits the affixes of one whitespace-free run in time quadratic in its length (a
# page of quote marks or parentheses takes minutes); no name in a gazetteer is that long.
_LONG_RUN = re.compile(r"\S{64,}")


def _tokenizable(text: str) -> str:
    """``text`` with a space every 64 characters of any run of 64 or more non-space
    characters: the same length, so offsets still index the original."""
    return _LONG_RUN.sub(lambda m: " ".join(m.group()[i:i + 63] for i in range(0, len(m.group()), 64))
                         .ljust(len(m.group())), text)


@cache
def _lowercase_names() -> frozenset[str]:
    return frozenset(n for o in gz.organisations() for n in (o.name, *o.aliases) if n[:1].islower())


def _gazetteer_spans(text: str, lang: str) -> list[_Span]:
    nlp = _nlp(lang)
    lower, exact, labels = _matchers(lang, gz.version())
    doc = nlp.make_doc(_tokenizable(text))
    found: list[_Span] = []
    for matcher in (lower, exact):
        for match_id, s, e in matcher(doc):
            canon, kind = labels[nlp.vocab.strings[match_id]]
            span = doc[s:e]
            first = span.text[:1]
            # proper names are capitalised; the lower-case matcher would also find "ice"
            if kind.startswith(("org:", "place:country", "place:region", "place:city", "adj:")) and not first.isupper():
                # (a brand the gazetteer itself writes in lower case, "fieramilano", stays)
                # (Italian writes a ministry in lower case: "il ministero degli Esteri")
                if not (kind.startswith("adj:") and lang == "it") and span.text not in _lowercase_names() \
                        and not (kind == "org:GovernmentAgency" and len(span) >= 3
                                 and span.text.lower().startswith(("ministero ", "ministry "))):
                    continue
            found.append(_Span(span.start_char, span.end_char, canon, kind))
    # longest match wins where matches overlap
    found.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
    out: list[_Span] = []
    for sp in found:
        if out and sp.start < out[-1].end:
            continue
        out.append(sp)
    return out


# --------------------------------------------------------------------------- sentences


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines, split further after . ! ? followed by an upper-case start."""
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\r\n]+", text):
        s0 = line.start()
        for m in re.finditer(r"(?<=[.!?])[”\"]?[ \u00a0]+(?=[A-ZÀ-Ý“\"])", line.group()):
            out.append((s0, line.start() + m.start()))
            s0 = line.start() + m.end()
        out.append((s0, line.end()))
    return [piece for a, b in out if text[a:b].strip() for piece in _bounded(text, a, b)]


# Every rule looks at a figure's sentence, so a "sentence" of 100 KB (a table flattened into
# one line, a page of repeated text) would make each of its figures cost its whole length.
# No sentence a person writes is this long; longer runs are cut at a space near the limit.
_MAX_SENTENCE = 1200


def _bounded(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while b - a > _MAX_SENTENCE:
        cut = text.rfind(" ", a + _MAX_SENTENCE // 2, a + _MAX_SENTENCE)
        cut = cut if cut > a else a + _MAX_SENTENCE
        yield a, cut
        a = cut
    yield a, b


def _clauses(text: str, start: int, end: int, protected: list[_Span], *, conj: bool = True) -> list[tuple[int, int]]:
    """Split a sentence at commas, semicolons, colons, dashes (and "and"/"e"), not inside protected spans."""
    sep = r",[ \u00a0]|;[ \u00a0]?|:[ \u00a0]|[ \u00a0][-–][ \u00a0]|[ \u00a0]\("
    if conj:
        sep += r"|[ \u00a0](?:and|e|ed)[ \u00a0]"
    cuts = [start]
    local = _near(protected, start, end)
    for m in re.finditer(sep, text[start:end]):
        a = start + m.start()
        if any(p.start < a < p.end for p in local):
            continue
        cuts.append(a)
    cuts.append(end)
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]


def _near(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """Spans of a start-sorted list that may overlap [start, end) (names are < 300 characters)."""
    i = bisect.bisect_left(spans, start - 300, key=lambda s: s.start)
    j = bisect.bisect_right(spans, end, key=lambda s: s.start)
    return spans[i:j]


def _within(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """Spans of a start-sorted list lying inside [start, end)."""
    return [s for s in _near(spans, start, end) if s.start >= start and s.end <= end]


# --------------------------------------------------------------------------- the extractor state


@dataclass
class _State:
    doc: Document
    text: str
    lang: str
    ents: list[_Span]  # gazetteer organisations and places (adjectives included)
    sentences: list[tuple[int, int]]
    facts: list[Fact] = field(default_factory=list)
    orgs: dict[str, Organisation] = field(default_factory=dict)
    org_spans: list[_Span] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    person_spans: list[_Span] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    segments: list[_Span] = field(default_factory=list)  # kind "sector" or "segment"
    sector: str | None = None
    info: DocumentInfo | None = None
    publisher: str | None = None
    doc_date: dt.date | None = None
    place: str | None = None
    warnings: list[str] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)  # surname -> full name written elsewhere
    affiliations: set[int] = field(default_factory=set)  # starts of firms written after a person's name
    _figs: list[_Figure] | None = None
    _places: list[_Span] | None = None
    _lower: str | None = None
    _protected: list[_Span] | None = None
    _orgs_sorted: list[_Span] | None = None
    _people_sorted: list[_Span] | None = None

    def figures(self) -> list[_Figure]:
        if self._figs is None:
            self._figs = _figures(self.text, self.lang)
        return self._figs

    def scan(self, rx: re.Pattern[str], triggers: Iterable[str]) -> Iterator[re.Match[str]]:
        """``rx.finditer`` over the sentences holding one of ``triggers`` (lower-case substrings).

        Running the wide alternations only where a cue word can start keeps extraction fast.
        """
        lower = self.lower()
        if len(lower) != len(self.text):  # case folding changed lengths: scan everything
            yield from rx.finditer(self.text)
            return
        trig = tuple(triggers)
        for a, b in self.sentences:
            chunk = lower[a:b]
            if any(t in chunk for t in trig):
                yield from rx.finditer(self.text, a, b)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentences, (pos, _BIG)) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def places(self) -> list[_Span]:
        if self._places is None:
            self._places = [s for s in self.ents if s.kind.startswith("place:")]
        return self._places

    def protected(self) -> list[_Span]:
        """Entity and segment spans, sorted: list splitting never cuts inside them."""
        if self._protected is None:
            self._protected = sorted([*self.ents, *self.segments], key=lambda s: s.start)
        return self._protected

    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def add_org(self, name: str, type_: str, start: int, end: int, aliases: tuple[str, ...] = (),
                city: str | None = None) -> None:
        self.org_spans.append(_Span(start, end, name, type_))
        if name not in self.orgs:
            self.orgs[name] = Organisation(_mention(self.text, start, end), name=name, type=type_,
                                           aliases=aliases, city=city)

    def orgs_sorted(self) -> list[_Span]:
        """Organisation mentions sorted by start (re-sorted only when mentions were added)."""
        if self._orgs_sorted is None or len(self._orgs_sorted) != len(self.org_spans):
            self._orgs_sorted = sorted(self.org_spans, key=lambda x: x.start)
        return self._orgs_sorted

    def people_sorted(self) -> list[_Span]:
        """Person mentions sorted by start (re-sorted only when mentions were added)."""
        if self._people_sorted is None or len(self._people_sorted) != len(self.person_spans):
            self._people_sorted = sorted(self.person_spans, key=lambda x: x.start)
        return self._people_sorted

    def place_at(self, pos: int) -> _Span | None:
        """The country or region mention starting at ``pos``."""
        for s in _near(self.places(), pos, pos):
            if s.start == pos and s.kind in ("place:country", "place:region"):
                return s
        return None

    def org_at(self, pos: int, *, max_gap: int = 0) -> _Span | None:
        """The organisation mention starting at ``pos`` (after up to ``max_gap`` characters)."""
        for s in _near(self.orgs_sorted(), pos, pos + max_gap):
            if pos <= s.start <= pos + max_gap:
                return s
        return None


# --------------------------------------------------------------------------- organisations


# "D'Alessandro", "O'Brien": an elided particle glued to a surname
_NAME_WORD = r"(?:[DO]['’])?[A-ZÀ-Ý][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-öø-ÿ'’]+)?"
_CAP_SEQ = rf"{_NAME_WORD}(?:{_SP}+(?:{_NAME_WORD}|[A-Z]{{2,}}|&|(?:of|di|de|del|della|delle|dei|degli|dello|per|and|e|for)(?={_SP}+[A-Z])))*"
# name words are bounded: an unbounded run makes a long line of capitals quadratic
_COMPANY_RE = re.compile(rf"\b((?:{_NAME_WORD}|[A-Z]{{2,}})(?:{_SP}+(?:{_NAME_WORD}|[A-Z]{{2,}}|&)){{0,6}}),?{_SP}+(S\.p\.A\.|S\.r\.l\.|SpA|Spa|Srl|S\.p\.a\.|S\.a\.s\.|GmbH|Ltd\.?|Inc\.|AG|Co\.)(?!\w)")
_ASSOC_RE = re.compile(rf"\b(?:(?P<acr>[A-Z]{{3,}}),{_SP}+(?:the{_SP}+|l['’])?)?(?P<long>(?:Association|Associazione|Federation|Federazione|Union|Unione)(?:{_SP}+(?:of|of the|dei|degli|delle|della|italiana|italiano|nazionale))?(?:{_SP}+(?:{_NAME_WORD}|[A-Z]{{2,}}|and|e|of|di|per)(?=[ \u00a0,.;:)]|$))+)(?:{_SP}+\((?P<acr2>[A-Z]{{3,}})\))?")


# universities, ministries, chambers of commerce, regions named in full
_INSTITUTION_HEAD = r"(?:University|Polytechnic|Politecnico|Università|Universita|Ministry|Ministero|Chamber|Camera|Region|Regione|Comune|Municipality)"
_DESCRIBES_BEFORE = re.compile(rf"(?i),{_SP}*(?:the|l['’]|la|il)?{_SP}*(?:(?:national|italian|nazionale|italiana){_SP}+)?$")
_DESCRIBES_GAP = re.compile(rf"(?i),{_SP}*(?:the|l['’]|la|il)?{_SP}*(?:(?:national|italian|nazionale|italiana){_SP}+)?")
_ASSOC_NAMED_RE = re.compile(rf"\b((?:{_NAME_WORD}{_SP}+){{1,4}})(?:Association|Federation|Confederation)\b(?!{_SP}+(?:of|for|dei|degli|delle)\b)")
_VENUE_RE = re.compile(
    rf"\b(?:(?:Palazzo|Villa|Teatro|Castello|Auditorium|Museo|Museum|Centro{_SP}+Congressi)(?:{_SP}+(?:de(?:l|i|lla|lle|gli|llo)|di|d['’])?{_SP}*[A-ZÀ-Ý][\w'’-]+){{1,3}}"
    rf"|(?:[A-ZÀ-Ý][\w'’-]+{_SP}+){{1,2}}(?:Trade|Exhibition|Convention|Congress|Expo){_SP}+Cent(?:re|er)"
    rf"|Messe{_SP}+[A-ZÀ-Ý][\w'’-]+)")
_FAIR_NAME_RE = re.compile(
    rf"\b(?P<name>(?:[A-ZÀ-Ý][\w'’-]+{_SP}+){{1,4}}(?:Trade{_SP}+)?Fair)\b(?:{_SP}*\((?P<acr>[A-Z]{{2,8}})\))?")
_FAIR_APPOSED_RE = re.compile(
    rf"\b(?P<name>[A-ZÀ-Ý][\w&+-]*(?:{_SP}[A-ZÀ-Ý][\w&+-]*){{0,2}}){_SP}+(?:19|20)\d\d,{_SP}*(?:the|la|il|l['’]|una?|an?)\b[^,.;:\n]{{0,50}}?"
    rf"\b(?:trade{_SP}+fair|fair|exhibition|trade{_SP}+show|fiera|mostra|rassegna|salone)\b")
_INSTITUTION_RE = re.compile(
    rf"\b(?:(?:University|Polytechnic|Politecnico|Università|Universita)(?:{_SP}+degli{_SP}+Studi)?{_SP}+(?:of|di|della|dell['’])"
    rf"|(?:Ministry|Ministero){_SP}+(?:of|for|del|della|dell['’]|degli|delle|dello)"
    rf"|(?:Chamber{_SP}+of{_SP}+Commerce|Camera{_SP}+di{_SP}+Commercio)(?:{_SP}+(?:of|di))?"
    rf"|(?:Region|Regione)|(?:Comune|Municipality){_SP}+(?:of|di))"
    rf"(?:{_SP}*(?:{_NAME_WORD}|[A-Z]{{2,}})(?:{_SP}+(?:(?:and|e|of|the|di|del|della|delle|dei|degli){_SP}+)?(?!{_INSTITUTION_HEAD}\b)(?:{_NAME_WORD}|[A-Z]{{2,}}))*)")


_STATION_RE = re.compile(
    rf"\b(?:[A-ZÀ-Ý][\w'’-]+{_SP}+){{1,2}}(?:Experimental{_SP}+Station|Research{_SP}+Institute)\b"
    rf"|\bStazione{_SP}+Sperimentale(?:{_SP}+(?:per{_SP}+l['’]|per{_SP}+la{_SP}+|per{_SP}+le{_SP}+|per{_SP}+il{_SP}+|per{_SP}+i{_SP}+|dell['’]|della{_SP}+|delle{_SP}+|del{_SP}+)"
    rf"[A-ZÀ-Ý][\w'’-]+(?:{_SP}+(?:e{_SP}+|delle{_SP}+|dei{_SP}+)?[A-ZÀ-Ý][\w'’-]+){{0,3}})?")


_APPOSED_ASSOC_RE = re.compile(
    rf"\b((?:[A-Z][A-Za-z]{{2,}}|[A-Z]{{3,}})(?:[- ](?:[A-Z][a-z]+|[A-Z]{{2,}}))?),{_SP}+(?:the{_SP}+|l['’]|la{_SP}+)?"
    rf"(?:(?:Italian|national|italiana|nazionale){_SP}+)?(?:association|associazione|federation|federazione|Association|Associazione|Federation|Federazione)"
    rf"{_SP}+(?:of|that|which|dei|degli|delle|della|del|che|italiana|nazionale|representing)\b")


def _org_type_of(name: str) -> str:
    n = name.lower()
    if re.search(r"associa|federa|confedera|union|unione|confindustria", n):
        return "TradeAssociation"
    if re.search(r"universit|politecnico|polytechnic", n):
        return "University"
    if re.search(r"ministry|ministero|agency|agenzia|chamber of commerce|camera di commercio|\bregion|\bregione|\bcomune\b|municipality", n):
        return "GovernmentAgency"
    # "Camera Nazionale della Moda", "the National Chamber of ...": a chamber that is no chamber
    # of commerce speaks for an industry
    if re.search(r"\bcamera\b|\bchamber\b", n):
        return "TradeAssociation"
    if re.search(r"\bfair\b|\bfiera\b|\bexpo\b", n):
        return "TradeFair"
    return "Company"


def _expands_org_before(st: _State, pos: int) -> bool:
    """Whether ``pos`` is inside the parentheses that spell out the organisation just before them
    ("ASSOMAC (the Italian Association of ...)", "Acimac (Italian Ceramic ... Association)")."""
    text = st.text
    k = text.rfind("(", max(0, pos - 80), pos)
    if k < 0 or ")" in text[k:pos]:
        return False
    j = len(text[:k].rstrip(" \u00a0"))
    return any(o.end == j for o in _near(st.orgs_sorted(), j - 60, j))


@cache
def _brand_list_re() -> re.Pattern[str]:
    w = gz.appointment_words()
    return re.compile(rf"(?i:\b(?:{_words_alt(w.get('brand_nouns', ()))})(?:{_SP}+[a-zà-ù][\w-]*){{0,4}}?,?{_SP}+"
                      rf"(?:{_words_alt(w.get('brand_leads', ()))})){_SP}+")


# one brand: capitalised words, "&" and an apostrophe inside ("Dolce&Gabbana", "Tod’s", "Sergio Rossi")
_BRAND = re.compile(rf"[A-ZÀ-Ý][\w’'&.-]{{0,30}}(?:{_SP}(?:[A-ZÀ-Ý&][\w’'&.-]{{0,30}}|di|de|del|della|von|van)){{0,3}}")
_BRAND_SEP = re.compile(rf",{_SP}*(?:(?:and|e){_SP}+)?|{_SP}+(?:and|e|ed){_SP}+")


def _find_listed_brands(st: _State) -> None:
    """"brands such as Alfa, Beta Moda and Gamma": each name of the list is a company."""
    text = st.text
    for m in st.scan(_brand_list_re(), tuple({n.lower()[:5] for n in gz.appointment_words().get("brand_nouns", ())})):
        _, s1 = st.sentence_of(m.start())
        items: list[tuple[int, int]] = []
        pos = m.end()
        while pos < s1 and len(items) < 20:
            bm = _BRAND.match(text, pos, s1)
            if not bm:
                break
            items.append((bm.start(), bm.start() + len(bm.group().rstrip("."))))
            sep = _BRAND_SEP.match(text, bm.end(), s1)
            if not sep:
                break
            pos = sep.end()
        if len(items) < 2:
            continue  # a list names two or more
        for a, b in items:
            name = _clean_name(text[a:b])
            if name.split()[0] in _NOT_NAME_START or any(s.start < b and a < s.end for s in _near(st.ents, a, b)) \
                    or st.org_at(a) is not None:
                continue
            st.add_org(name, "Company", a, b)


def _find_organisations(st: _State) -> None:
    text = st.text
    for sp in st.ents:
        if not sp.kind.startswith("org:"):
            continue
        entry = gz.organisation(sp.name)
        type_ = sp.kind[4:]
        start, end, name = sp.start, sp.end, sp.name
        # "Centro Studi di Confindustria Brescia": the office of a territorial association, not
        # the national association's centre
        if type_ == "ResearchCentre":
            nxt = next((p for p in _near(st.ents, end, end + 2) if p.start == end + 1 and p.kind == "place:city"), None)
            head = next((o.name for o in gz.organisations() if o.type == "TradeAssociation"
                         and sp.name != o.name and text[start:end].endswith(o.name)), None) if nxt else None
            if nxt and head:
                st.add_org(f"{head} {nxt.name}", "TradeAssociation", end - len(head), nxt.end)
                continue
        # a territorial association: "Assolombarda Pavia", "Confindustria Bergamo"
        if type_ == "TradeAssociation":
            nxt = next((p for p in _near(st.ents, end, end + 2) if p.start == end + 1 and p.kind == "place:city"), None)
            if nxt and text[end] in " \u00a0":
                end, name = nxt.end, f"{sp.name} {nxt.name}"
                st.add_org(name, type_, start, end)
                continue
        if entry and entry.compounds:
            ext = _compound_end(st, end)
            tail = _clean_name(text[end:ext])
            # "il presidente di Confindustria Vincenzo Boccia": the words after are the holder's
            # name (also when the text writes them without the head elsewhere)
            if ext > end and (_role_of_before().search(text, max(0, start - 40), start)
                              or _count(text, tail) > _count(text, f"{sp.name} {tail}")):
                ext = end
            if ext > end:
                st.add_org(_clean_name(text[start:ext]), type_, start, ext)
                continue
        st.add_org(name, type_, start, end, aliases=entry.aliases if entry else (),
                   city=entry.city if entry else None)
    _find_research_centres(st)
    _find_research_offices(st)
    _find_unknown_fairs(st)
    _find_listed_brands(st)
    taken = [(s.start, s.end) for s in st.org_spans]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in _COMPANY_RE.finditer(text):
        if free(m.start(), m.end()):
            # an Italian legal form is part of no name ("Ferralba Packaging S.p.A." is Ferralba
            # Packaging); a foreign one often marks a distinct subsidiary ("... Inc.", "... GmbH")
            if re.fullmatch(r"(?i)S\.p\.A\.|S\.r\.l\.|SpA|Srl|S\.a\.s\.|S\.p\.a\.", m.group(2)):
                st.add_org(m.group(1), "Company", m.start(), m.end(), aliases=(m.group(),))
            else:
                st.add_org(f"{m.group(1)} {m.group(2)}", "Company", m.start(), m.end())
            taken.append((m.start(), m.end()))
    # the company named again without its legal form ("About Ferralba Packaging")
    for name in [n for n, o in st.orgs.items() if o.type == "Company" and len(n.split()) >= 2 and o.aliases]:
        for m in re.finditer(rf"\b{re.escape(name)}\b(?![ \u00a0]*(?:,[ \u00a0]*)?(?:Inc\.|GmbH|Ltd|AG\b|Co\.))", text):
            if free(m.start(), m.end()):
                st.org_spans.append(_Span(m.start(), m.end(), name, "Company"))
                taken.append((m.start(), m.end()))
    for m in _ASSOC_RE.finditer(text):
        long = m.group("long").strip()
        acr = m.group("acr") or m.group("acr2")
        if len(long.split()) < 3 or not free(m.start("long"), m.end("long")):
            continue
        if acr and not free(m.start(), m.start() + len(acr)):
            continue
        if not acr and _expands_org_before(st, m.start()):
            continue
        if not acr and _DESCRIBES_BEFORE.search(text, max(0, m.start() - 40), m.start()) and any(
                _DESCRIBES_GAP.fullmatch(text, o.end, m.start()) for o in _near(st.org_spans, m.start() - 60, m.start())):
            continue  # "Assomac, the National Association of ...": the description of a named one
        name = acr or long
        st.add_org(name, "TradeAssociation", m.start(), m.end(), aliases=(long,) if acr else ())
        taken.append((m.start(), m.end()))
    # "the Uzbek Textile Association": capitalised words before the head
    for m in _ASSOC_NAMED_RE.finditer(text):
        words = m.group(1).split()
        while words and (words[0] in _NOT_NAME_START or words[0] in ("National", "Italian")):
            words = words[1:]
        end1 = m.start(1) + len(m.group(1).rstrip())
        a = end1 - len(" ".join(words)) if words else end1
        if len(words) >= 2 and free(a, m.end()) and not _expands_org_before(st, a):
            st.add_org(_clean_name(text[a:m.end()]), "TradeAssociation", a, m.end())
            taken.append((a, m.end()))
    # "Acimall, the association of woodworking machinery manufacturers": a name the gazetteer lacks
    for m in _APPOSED_ASSOC_RE.finditer(text):
        if free(m.start(1), m.end(1)) and m.group(1).split()[0] not in _NOT_NAME_START:
            st.add_org(m.group(1), "TradeAssociation", m.start(1), m.end(1))
            taken.append((m.start(1), m.end(1)))
    for m in _INSTITUTION_RE.finditer(text):
        raw = m.group()
        # "the Camera di Commercio di Milano and Regione Lombardia" are two institutions
        cut = re.search(r"[ \u00a0]+(?:and|e)[ \u00a0]+(?=(?:University|Polytechnic|Politecnico|Università|Ministry|Ministero|Chamber|Camera|Region|Regione)\b)", raw)
        raw = (raw[:cut.start()] if cut else raw).rstrip()
        end = m.start() + len(raw)
        if free(m.start(), end):
            name = re.sub(r"[ \u00a0]+", " ", raw)
            st.add_org(name, _org_type_of(name), m.start(), end)
            taken.append((m.start(), end))
    # research stations and institutes the gazetteer lacks: "the Cuoio Experimental Station",
    # "la Stazione Sperimentale per la Seta"
    for m in _STATION_RE.finditer(text):
        a, b = m.span()
        if free(a, b) and m.group().split()[0] not in _NOT_NAME_START:
            st.add_org(re.sub(r"[ \u00a0]+", " ", m.group()), "ResearchCentre", a, b)
            taken.append((a, b))
    # venues the gazetteer lacks: "Palazzo Re Enzo", "Palazzo delle Stelline", "Chennai Trade
    # Centre", "Messe Düsseldorf"
    for m in _VENUE_RE.finditer(text):
        b = m.end()
        # "Museo Alfa Romeo di Arese": a name of two words or more ends before its town ("Palazzo
        # di Varignana" keeps its "di")
        cut = re.search(rf"^\S+(?:{_SP}+[A-ZÀ-Ý][\w'’-]+){{2,}}(?P<town>{_SP}+(?:di|in|a){_SP}+[A-ZÀ-Ý][\w'’-]+)$", m.group())
        if cut:
            b = m.start() + cut.start("town")
        if free(m.start(), b):
            st.add_org(re.sub(r"[ \u00a0]+", " ", text[m.start():b]), "Venue", m.start(), b)
            taken.append((m.start(), b))
    # trade fairs the gazetteer lacks: "the India International Leather Fair (IILF)", and an
    # edition named by its year and described as a fair: "K 2025, the world's leading trade fair",
    # "Ipack-Ima 2025, la fiera internazionale del packaging"
    for m in _FAIR_NAME_RE.finditer(text):
        a, b = m.span("name")
        if free(a, b) and m.group("name").split()[0] not in _NOT_NAME_START:
            acr = m.group("acr")
            st.add_org(re.sub(r"[ \u00a0]+", " ", m.group("name")), "TradeFair", a, b, aliases=(acr,) if acr else ())
            taken.append((a, b))
    for m in _FAIR_APPOSED_RE.finditer(text):
        a, b = m.span("name")
        if free(a, b) and m.group("name").split()[0] not in _NOT_NAME_START:
            st.add_org(m.group("name"), "TradeFair", a, b)
            taken.append((a, b))
    # "(Brustia Alfameccanica)" after a person and "President of Foo Bar" are handled with roles


# an organisation's name may be written in capitals or with a hyphen: "I-TECH", "B&B Tecnica"
_ORG_WORD = rf"(?:{_NAME_WORD}|[A-Z][A-Za-z0-9]*(?:[-&][A-Za-z0-9]+)+|[A-Z]{{2,}}(?![a-z]))"
_ORG_SEQ_RE = re.compile(
    rf"{_ORG_WORD}(?:{_SP}+(?:{_ORG_WORD}|&|(?:of|di|de|del|della|delle|dei|degli|dello|per|and|e|for)(?={_SP}+[A-Z])))*")


_COMPOUND_WORD = re.compile(rf"{_SP}({_NAME_WORD})")


@lru_cache(maxsize=256)
def _count(text: str, words: str) -> int:
    return text.count(words)


@cache
def _role_of_before() -> re.Pattern[str]:
    """A role and its "of" just before a name: "il presidente di ", "Chairman of the "."""
    return re.compile(rf"(?:{_role_re().pattern})(?i:{_SP}+(?:of|di|at|del|della|dell['’]){_SP}*(?:the{_SP}+)?)$")
# words that begin a body inside an organisation, not a longer name of it
_UNIT_HEAD = re.compile(r"Research|Study|Studies|Cent(?:re|er)|Centro|Ufficio|Office|Department|Dipartimento|"
                        r"Institute|Istituto|Foundation|Fondazione|System|Sistema|Group|Gruppo|Awards?|Board|"
                        r"Committee|Comitato|Council|Consiglio|Commission|Commissione|Assembly|Assemblea")


def _compound_end(st: _State, end: int) -> int:
    """Where "Confindustria Accessori Moda" ends: up to three capitalised words after the head
    that are no place, title, institution word ("Research Centre") or other known name."""
    pos = end
    for _ in range(3):
        m = _COMPOUND_WORD.match(st.text, pos)
        if not m or m.group(1) in _NOT_NAME_START or _UNIT_HEAD.fullmatch(m.group(1)) \
                or _role_re().fullmatch(m.group(1)) or any(s.start < m.end() and m.start(1) < s.end for s in _near(st.ents, m.start(1), m.end())):
            break
        pos = m.end()
    return pos


# "the Acme Fashion Studies Research Centre", "ABC – Beta (...) Research Centre",
# "Centro Studi MECS-Amaplast": an organisation's own research centre, part of it
# ("the Acme Statistical Studies Centre": one capitalised word may qualify the centre)
_RC_AFTER = re.compile(rf"(?:{_SP}*\([^()\n]{{1,90}}\))?(?P<tail>(?:{_SP}+[A-Z][a-z]+)?{_SP}+(?:Research|Study|Studies){_SP}+Cent(?:re|er))\b")
# (only the bare form names a centre: "il Centro Studi di Acimac" is an office of the association)
_RC_BEFORE = re.compile(rf"\bCentro{_SP}+(?:Studi|Ricerche){_SP}+(?:[A-Z]{{2,}}{_SP}*[–-]{_SP}*)?(?P<org>[A-Z][A-Za-z]+)\b")
_RC_PREFIX = re.compile(rf"[A-Z]{{2,}}{_SP}*[–-]{_SP}*$")


def _find_research_centres(st: _State) -> None:
    text = st.text
    for o in list(st.org_spans):
        if o.kind != "TradeAssociation":
            continue
        after = _RC_AFTER.match(text, o.end)
        if after:
            pre = _RC_PREFIX.search(text, max(0, o.start - 12), o.start)
            a = pre.start() if pre else o.start
            name = _clean_name(f"{text[a:o.end]} {' '.join(after.group('tail').split())}")
            b = after.end()
        else:
            continue
        if any(s.start <= a and b <= s.end and s.kind == "ResearchCentre" for s in st.org_spans):
            continue
        st.add_org(name, "ResearchCentre", a, b)
        st.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=o.name))
    # the Italian form names the association last, often glued to the centre's own acronym
    for m in _RC_BEFORE.finditer(text):
        owner = gz.resolve(m.group("org"), "organisation")
        entry = gz.organisation(owner) if owner else None
        if entry is None or entry.type != "TradeAssociation":
            continue
        a, b = m.span()
        if any(s.start < b and a < s.end and s.kind == "ResearchCentre" for s in st.org_spans):
            continue
        name = _clean_name(m.group())
        st.add_org(name, "ResearchCentre", a, b)
        st.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=entry.name))


@cache
def _rc_of_re() -> re.Pattern[str]:
    """A study office named before its association ("the Research Department of", "Centro Studi &
    Cultura di Impresa di"), read up to the association's mention; the words after "&"/"and"/"e"
    are the office's own name."""
    units = sorted(gz.relation_cues().get("research_units", ()), key=len, reverse=True)
    alt = "|".join(re.escape(u).replace(r"\ ", f"{_SP}+") for u in units)
    return re.compile(rf"(?<![\w.])(?P<unit>(?:{alt})(?P<ext>{_SP}*(?:&|and|e){_SP}+[A-Z][\w’'-]*"
                      rf"(?:{_SP}+(?:di|of|d[’']|[A-Z][\w’'-]*)){{0,3}})?)"
                      rf"{_SP}+(?P<conn>of|di|dell[’']|della)(?:{_SP}+(?:the|il|l[’']))?{_SP}*$")


_IT_UNIT = re.compile(r"(?:Centro|Ufficio)\b")



def _find_research_offices(st: _State) -> None:
    """"the Research Department of Acimac", "Ufficio Studi of ASSOMAC", "Centro Studi & Cultura di
    Impresa di UCIMU": a centre part_of the association written after it. The bare Italian office
    in Italian text ("il Centro Studi di Assomac") is a common noun, no name of its own."""
    text = st.text
    pat = _rc_of_re()
    # "the Acimac Research Department ... the Research Department of Acimac": one centre
    centre_of = {r.object: r.subject for r in st.facts if isinstance(r, OrgRelation) and r.relation == "part_of"}
    for o in list(st.org_spans):
        if o.kind != "TradeAssociation":
            continue
        m = pat.search(text, max(0, o.start - 120), o.start)
        if not m:
            continue
        unit = _clean_name(m.group("unit"))
        if m.group("ext"):
            name = unit
        elif _IT_UNIT.match(unit) and m.group("conn") != "of":
            continue
        else:
            name = centre_of.get(o.name) or f"{unit} of {o.name}"
        a, b = m.start("unit"), o.end
        if any(s.start < b and a < s.end and s.kind == "ResearchCentre" for s in st.org_spans):
            continue
        if _role_re().search(text, max(0, a - 40), a):
            continue  # "head of the Research Office of ACIMIT": a person's unit, no centre of its own
        centre_of.setdefault(o.name, name)
        st.add_org(name, "ResearchCentre", a, m.end("unit"))
        st.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=o.name))
    # a listed centre ("Centro Studi di Confindustria Moda") names its association: that one is
    # mentioned too (the link itself is left to the gold conventions, which differ on it)
    done: set[str] = set()
    for sp in list(st.org_spans):
        if sp.kind != "ResearchCentre" or sp.name in done:
            continue
        done.add(sp.name)
        if gz.organisation(sp.name) is None:
            continue
        owner = max((o for o in gz.organisations() if o.type == "TradeAssociation" and o.name != sp.name
                     and re.search(rf"(?<!\w){re.escape(o.name)}(?!\w)", sp.name)),
                    key=lambda o: len(o.name), default=None)
        if owner is not None and owner.name not in st.orgs:
            st.orgs[owner.name] = Organisation(_mention(text, sp.start, sp.end), name=owner.name,
                                               type=owner.type, aliases=owner.aliases)


@cache
def _fair_apposition_re() -> re.Pattern[str]:
    """The apposition that names a fair: ", the international footwear exhibition", ", la mostra
    internazionale", ", manifestazione di riferimento" (at most three words before the noun)."""
    nouns = _words_re(_event_words()["fair_nouns"]).pattern[len("(?i)"):]
    return re.compile(rf"(?i),{_SP}*(?:(?:the|an?|la|il|lo|una?|l['’]){_SP}*)?(?:[a-zà-ù]+{_SP}+){{0,3}}?{nouns}")


# a fair's own name: up to five capitalised words (letters of any alphabet, "Obuv’", "CITME+")
_FAIR_NAME = re.compile(rf"(?<!\w)[A-ZÀ-Ý][^\W_]*[’']?(?:{_SP}+(?:[A-ZÀ-Ý0-9][^\W_]*[’'+]?|&|\+)){{0,4}}\Z")


def _find_unknown_fairs(st: _State) -> None:
    """A fair the gazetteer does not know, named by its apposition: every mention of the name is
    the fair. The name may be followed by its city ("Xyz di Mosca, manifestazione ...")."""
    text = st.text
    found: dict[str, None] = {}
    for m in _fair_apposition_re().finditer(text):
        end = m.start()
        city = next((p for p in _near(st.places(), end - 30, end) if p.end == end and p.kind == "place:city"), None)
        if city:
            cm = re.search(rf"{_SP}+(?:di|in|of|a|at){_SP}+\Z", text[max(0, city.start - 8):city.start])
            if not cm:
                continue
            end = city.start - (len(text[max(0, city.start - 8):city.start]) - cm.start())
        nm = _FAIR_NAME.search(text, max(0, end - 60), end)
        if not nm:
            continue
        name = _clean_name(nm.group())
        a, b = nm.start(), nm.start() + len(nm.group().rstrip())
        # ("a Palazzo Rossi a Torino, la mostra X": a palace hosting the show is its venue, no fair)
        if len(name) < 3 or name.split()[0] in _NOT_NAME_START or _role_re().fullmatch(name.split()[0]) \
                or any(s.start < b and a < s.end for s in _near(st.ents, a, b)) \
                or any(s.start < b and a < s.end for s in st.org_spans) \
                or _VENUE_RE.fullmatch(name) \
                or re.fullmatch(rf"(?i)(?:{_MONTHS_EN}|{_MONTHS_IT}|{_WEEKDAY})", name) \
                or (" " not in name and (st.sentence_of(a)[0] == a  # one word: no sentence opener
                                         or re.search(rf"(?i)\b(?:di|of|in|a|at){_SP}+\Z", text[max(0, a - 5):a]))):
            continue
        found[name] = None
    if not found:
        return
    # one pass for all the names, so many fairs do not mean many passes over a long text
    alt = "|".join(re.escape(n) for n in sorted(found, key=len, reverse=True))
    for mm in re.finditer(rf"(?<!\w)(?:{alt})(?![\w’'])", text):
        if not any(s.start < mm.end() and mm.start() < s.end for s in _near(st.ents, mm.start(), mm.end())):
            st.add_org(mm.group(), "TradeFair", mm.start(), mm.end())


def _unknown_org_after(st: _State, pos: int) -> _Span | None:
    """A capitalised name starting at ``pos`` that is no known entity: an organisation."""
    m = _ORG_SEQ_RE.match(st.text, pos)
    if not m:
        return None
    name = m.group().strip()
    cut = re.search(rf"{_SP}+(?:and|e|of|di|per|for){_SP}+(?={_role_re().pattern})", name)
    if cut:
        name = name[:cut.start()]
    end = pos + len(name)
    # "Conceria Fontanella di Santa Croce sull'Arno": the company ends before its town
    town = next((s for s in _near(st.ents, pos, end) if pos < s.start < end and s.kind.startswith("place:")), None)
    if town:
        cut2 = re.search(rf"{_SP}+(?:di|of|in|da|from){_SP}+$", st.text[pos:town.start])
        if cut2:
            name = st.text[pos:pos + cut2.start()]
            end = pos + len(name)
    # (a demonym in a name of several words is part of it: "conceria Russo di Casandrino")
    if any(s.start < end and pos < s.end and not (s.kind.startswith("adj:") and " " in name.strip())
           for s in _near(st.ents, pos, end)) or len(name) < 3:
        return None
    if name.split()[0] in _NOT_NAME_START:
        return None
    sp = _Span(pos, end, name, _org_type_of(name))
    st.add_org(name, sp.kind, pos, end)
    return sp


# --------------------------------------------------------------------------- people and roles


@cache
def _role_re() -> re.Pattern[str]:
    names = sorted({n for r in gz.roles() for n in (r.name, *r.aliases, *r.plurals, *r.offices)}, key=len, reverse=True)
    alts = "|".join(re.escape(n).replace(r"\ ", rf"{_SP}+") for n in names)
    return re.compile(rf"(?i:\b(?P<mod>outgoing{_SP}+|former{_SP}+|new{_SP}+|newly{_SP}+elected{_SP}+|uscente{_SP}+|neo{_SP}*)?(?P<role>{alts}))(?P<pl>s(?=[ \u00a0,.;:]))?(?![\w-])")


@cache
def _role_triggers() -> tuple[str, ...]:
    return tuple({n.lower()[:4] for r in gz.roles() for n in (r.name, *r.aliases, *r.plurals, *r.offices)})


@cache
def _verb_roles() -> tuple[re.Pattern[str], dict[str, str], tuple[str, ...]]:
    """"Sara Conti, who heads Conti Tessile", "Mario Rossi, alla guida di Rossi Pelli": the
    pattern, each verb's role and the scan triggers."""
    table = {gz.canonical_key(v): r.name for r in gz.roles() for v in r.verbs}
    verbs = sorted({v for r in gz.roles() for v in r.verbs}, key=len, reverse=True)
    alts = "|".join(re.escape(v).replace(r"\ ", rf"{_SP}+") for v in verbs)
    rx = re.compile(rf"(?P<who>{_PERSON_RE.pattern})(?:,{_SP}*(?:(?:who|che){_SP}+)?|{_SP}+)(?i:(?P<verb>{alts}))"
                    rf"{_SP}+(?i:(?:the|il|lo|la|i|gli|le){_SP}+|l['’])?")
    return rx, table, tuple({v.lower()[:5] for v in verbs})


def _verb_posts(st: _State) -> list[tuple[Membership, _Span]]:
    rx, table, triggers = _verb_roles()
    out = []
    for m in st.scan(rx, triggers):
        words = _name_words(m.group("who").split())
        if len(words) < 2:
            continue
        a = m.end("who") - len(" ".join(words))
        if _overlaps_entity(st, a, m.end("who")):
            continue
        who = _Span(a, m.end("who"), _clean_name(" ".join(words)))
        org = st.org_at(m.end())
        if org is None and re.match(rf"(?i)(?:{_cue_alt('self_nouns')})\b", st.text[m.end():m.end() + 20]) and st.publisher:
            org_name = st.publisher
        else:
            org = org or _unknown_org_after(st, m.end())
            if org is None or org.kind == "Venue" or re.match(r"['’]s\b", st.text[org.end:org.end + 2]):
                continue  # "chairs ACIMIT's technical committee": a body inside it
            org_name = org.name
        role = table.get(gz.canonical_key(m.group("verb")))
        if role:
            out.append((Membership(_mention(st.text, who.start, org.end if org else m.end()), person=who.name,
                                   role=role, organisation=org_name), who))
    return out


@cache
def _role_names() -> frozenset[str]:
    return frozenset(r.name for r in gz.roles())


@cache
def _verb_words() -> frozenset[str]:
    return frozenset(v.lower() for r in gz.roles() for v in r.verbs)


@cache
def _office_nouns() -> frozenset[str]:
    return frozenset(gz.canonical_key(n) for r in gz.roles() for n in r.offices)


@cache
def _plural_roles() -> frozenset[str]:
    return frozenset(gz.canonical_key(n) for r in gz.roles() for n in r.plurals)


def _is_plural_role(rm: re.Match[str]) -> bool:
    """"vicepresidenti", "Vice Chairmen", "Vice Presidents": the role of every name listed after."""
    return bool(rm.group("pl")) or gz.canonical_key(rm.group("role")) in _plural_roles()


@cache
def _standalone_triggers() -> tuple[str, ...]:
    return tuple({f.lower() for s in gz.standalone_segments() for f in s.forms})


@cache
def _role_canon() -> dict[str, str]:
    return {gz.canonical_key(n): r.name for r in gz.roles() for n in (r.name, *r.aliases, *r.plurals, *r.offices)}


_NOT_NAME_START = frozenset(
    "The This That These Those Il La Le Lo Gli In At On For From With Despite According Among "
    "Our We Its It President Presidente Director Source Press New Under Italian Italy Made "
    "General Managing Vice Chair Assembly Department Export Economics "
    # sentence-opening prepositions and conjunctions written before a name ("Secondo Giada
    # Pennisi, direttore generale", "Per Giovanni Bellandi", "Also Mario Rossi")
    "Secondo Per Con Come Anche Dopo Tra Fra Nel Nella Del Della Dal Dalla Alla Al Sul Sulla Ma Ed Infine Inoltre "
    "Also After Before As And But When While Whereas Following Commenting Speaking Meanwhile Finally".split())
# middle initials: "Fritz P. Mayer", "Marco A.G. Golinelli"
_PERSON_RE = re.compile(rf"{_NAME_WORD}(?:{_SP}+[A-Z]\.(?:{_SP}?[A-Z]\.)?)?(?:{_SP}+(?:(?:de|di|da|del|della|dei|van|von|der|dos|du|le|la){_SP}+)?{_NAME_WORD}){{1,3}}")
_UNIT_WORDS = re.compile(r"(?i)\b(department|division|office|unit|section|directorate|dipartimento|ufficio|divisione|sezione|direzione|area|servizio)\b")
_CONNECT_TAIL = re.compile(rf"(?i){_SP}*(?:,{_SP}*)?\b(?:of|at|for|in|di|del|della|dello|dell['’]|dei|degli|delle|per|presso|al|allo|alla|all['’]|ai|agli|alle|nel|nella|nello|nell['’])(?:{_SP}+(?:the|il|la|lo|l['’]))?{_SP}*$")
# "Luca Bianchi (Alfa Meccanica)": a name may carry its company in brackets
_AFFIL = rf"(?:{_SP}*\([^()\n]{{1,60}}\))?"
_NAME_LIST = rf"{_PERSON_RE.pattern}{_AFFIL}(?:(?:,{_SP}*|{_SP}+(?:and|e){_SP}+){_PERSON_RE.pattern}{_AFFIL})*"
# "as the association's new", "come i tre nuovi": who the role belongs to and how many hold it
_ROLE_LEAD = (rf"(?:(?:the{_SP}+)?(?:association|federation|organi[sz]ation|company|group)['’]s{_SP}+|(?:its|their){_SP}+)?"
              rf"(?:(?:two|three|four|five|six|due|tre|quattro|cinque|sei){_SP}+)?")
def _words_alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", rf"{_SP}+") for w in sorted(set(words), key=len, reverse=True))


def _appointment_alt(key: str) -> str:
    return _words_alt(gz.appointment_words().get(key, ()))


@cache
def _elected_before() -> re.Pattern[str]:
    """"elected X as the new", "appointed A and B as", "X was re-elected", "X è stata eletta",
    "ha eletto X nuova", "A succeeds B as", "X, CEO of Y, was elected"."""
    return re.compile(
        rf"(?P<names>{_NAME_LIST})(?:,{_SP}*[^,.;:()\"“”«»]{{1,60}},)?{_SP}+"
        rf"(?:(?P<succ>(?:,{_SP}*(?:who|che){_SP}+)?(?i:{_appointment_alt('succession')}){_SP}+{_PERSON_RE.pattern}{_SP}+)"
        rf"|(?:(?:was|were|has{_SP}+been|have{_SP}+been|is|are|è{_SP}+stat[oaie]|sono{_SP}+stat[ie]|viene|vengono|è){_SP}+)?"
        rf"(?:(?i:{_appointment_alt('participles')}){_SP}+)?)?"
        rf"(?:(?:as|come|alla|a){_SP}+)?(?:(?:the|i|gli|le|il|la){_SP}+|l['’])?{_ROLE_LEAD}(?:new{_SP}+|nuov[oaie]{_SP}+)?$")


@cache
def _elect_re() -> re.Pattern[str]:
    # a succession phrase counts without its preposition ("subentra", "takes over")
    succ = [re.sub(r"\s+(?:a|di|da|from)$", "", w) for w in gz.appointment_words().get("succession", ())]
    return re.compile(rf"(?i)\b(?:{_words_alt([*gz.appointment_words().get('elect', ()), *succ])})\b")


@cache
def _succeeds_re() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{_appointment_alt('succession')}){_SP}+")


@cache
def _ministry_tails() -> tuple[tuple[str, str], ...]:
    """("enterprises and made in italy", canonical) for every ministry: "the Minister of X",
    "il sottosegretario allo X" work for "Ministry of X" (the preposition varies with the role)."""
    out = []
    for o in gz.organisations():
        for n in (o.name, *o.aliases):
            m = re.match(r"(?i)(?:Ministry|Ministero)[ ]+(?:(?:of|for|del|dello|della|dei|degli|delle)[ ]+(?:the[ ]+)?|dell['’])(.+)$", n)
            if m:
                out.append((m.group(1).lower(), o.name))
    return tuple(sorted(out, key=lambda t: -len(t[0])))


_PORTFOLIO_LEAD = re.compile(rf"(?i){_SP}*(?:(?:of|for|at|del|dello|della|dei|degli|delle|al|allo|alla|ai|agli|alle){_SP}+(?:the{_SP}+)?|(?:dell|all)['’])")


def _ministry_after(st: _State, pos: int) -> _Span | None:
    m = _PORTFOLIO_LEAD.match(st.text, pos)
    if not m:
        return None
    a = m.end()
    for tail, canon in _ministry_tails():
        if st.text[a:a + len(tail)].lower() == tail:
            sp = _Span(a, a + len(tail), canon, "GovernmentAgency")
            st.org_spans.append(sp)
            st.add_org(canon, "GovernmentAgency", a, a + len(tail))
            return sp
    return None


@cache
def _portfolio_roles() -> frozenset[str]:
    """Roles whose organisation may be named by its portfolio alone ("Minister of Labour")."""
    return frozenset(r.name for r in gz.roles() if r.portfolio)


_INSTITUTION_WORD = re.compile(
    r"\b(?:Centre|Center|Centro|Research|Ricerca|Studi|Studies|Association|Associazione|Federation|Federazione|"
    r"Institute|Istituto|University|Università|Group|Gruppo|Fair|Fiera|Ministry|Ministero|Agency|Agenzia|Council|"
    r"Consiglio|Committee|Comitato|Commission|Commissione|Board|Department|Dipartimento|Office|Ufficio|Press|Stampa|"
    r"Assembly|Assemblea|Industry|Industria|Machinery|Macchine|Awards?|Talks|Conference|Convegno|Expo)\b")


@cache
def _honorific_re() -> re.Pattern[str]:
    """Titles and honours before a name ("Dr", "cav.", "Cavaliere del Lavoro"): no part of it."""
    alt = _words_alt(w.rstrip(".") for w in gz.appointment_words().get("honorifics", ()))
    return re.compile(rf"(?i:(?:{alt}))(?![\w'’])\.?{_SP}*")


def _name_words(words: list[str]) -> list[str]:
    """The words of a name without the stop words and titles written before it; a name starts
    with a capital ("Cavaliere del Lavoro" alone leaves no name)."""
    while words:
        if words[0] in _NOT_NAME_START:
            words = words[1:]
            continue
        hm = _honorific_re().match(" ".join(words))
        if hm and hm.end() > 0:
            words = " ".join(words)[hm.end():].split()
            continue
        break
    return words if words and words[0][:1].isupper() else []


def _person_name_at(st: _State, pos: int, *, backwards: bool = False) -> _Span | None:
    """A person's name starting (or, backwards, ending) at ``pos``; known surnames too.

    Capitalised institutional phrases ("the UCIMA Research Centre") are never names.
    """
    sp = _person_name_at_raw(st, pos, backwards=backwards)
    if sp is not None and _INSTITUTION_WORD.search(sp.name):
        return None
    return sp


def _person_name_at_raw(st: _State, pos: int, *, backwards: bool = False) -> _Span | None:
    text = st.text
    if backwards:
        window = text[max(0, pos - 60):pos]
        cands = [m for m in _PERSON_RE.finditer(window) if m.end() == len(window)]
        # the longest candidate that does not start with a stop word
        for m in cands:
            words = _name_words(m.group().split())
            if len(words) >= 2 and not _overlaps_entity(st, pos - len(" ".join(words)), pos) \
                    and not _UNIT_WORDS.search(" ".join(words)):
                name = " ".join(words)
                return _Span(pos - len(name), pos, name)
        m2 = re.search(rf"({_NAME_WORD})$", window)
        if m2:
            known = _known_surname(st, m2.group(1))
            if known:
                return _Span(pos - len(m2.group(1)), pos, known)
        return None
    title = _honorific_re().match(text, pos)
    if title and title.end() > pos and text[title.end():title.end() + 1].isupper():
        pos = title.end()  # "Dr Carla Neri", "il cav. Mario Bini": the name after the title
    pm = _PERSON_RE.match(text, pos)
    if pm and pm.group().split()[0] not in _NOT_NAME_START and _name_words(pm.group().split()) == pm.group().split() and not _UNIT_WORDS.search(pm.group()):
        name = pm.group()
        # a name never runs into an organisation or place: "Brustia Alfameccanica" after "Maria Vittoria Brustia"
        if not _overlaps_entity(st, pm.start(), pm.end()):
            return _Span(pm.start(), pm.end(), _clean_name(name))
    # "GianlucaStorti": a name whose space a copied page lost (each part three letters or more,
    # so "McDonald" and "DeLuca" stay whole)
    gm = _GLUED_NAME.match(text, pos)
    if gm and gm.group(1) not in _NOT_NAME_START and not _overlaps_entity(st, gm.start(), gm.end()):
        return _Span(gm.start(), gm.end(), f"{gm.group(1)} {gm.group(2)}")
    m1 = re.match(rf"{_NAME_WORD}", text[pos:])
    if m1:
        known = _known_surname(st, m1.group())
        if known:
            return _Span(pos, pos + len(m1.group()), known)
    return None


_GLUED_NAME = re.compile(r"([A-ZÀ-Ý][a-zà-öø-ÿ]{2,})([A-ZÀ-Ý][a-zà-öø-ÿ]{2,})(?![\w'’-])")


def _clean_name(name: str) -> str:
    return re.sub(r"[ \u00a0\t]+", " ", name).strip()


def _overlaps_entity(st: _State, a: int, b: int) -> bool:
    # a surname may be a town's name ("Marta Lodi", "Luca Como") or a demonym ("Anna Greco",
    # "Luca Russo"): a city or an adjective of place after the first word of a name does not stop it
    return any(s.start < b and a < s.end and not (s.kind in ("place:city", "adj:country", "adj:region", "adj:city")
                                                  and s.start > a and s.end == b)
               for s in _near(st.ents, a, b)) or any(
        s.start < b and a < s.end for s in _near(st.orgs_sorted(), a, b))


def _known_surname(st: _State, word: str) -> str | None:
    for name in st.people:
        parts = name.split()
        if word == parts[-1] or (len(parts) > 2 and word == parts[-2]):
            return name
    return st.surnames.get(word)


def _collect_surnames(st: _State) -> None:
    """Full names written anywhere ("Maria Vittoria Brustia"), so "Presidente Brustia" resolves."""
    for m in _PERSON_RE.finditer(st.text):
        words = _name_words(m.group().split())
        if len(words) < 2:
            continue
        start = m.end() - len(" ".join(words))
        if _overlaps_entity(st, start, m.end()) or any(w in _NOT_NAME_START for w in words):
            continue
        st.surnames.setdefault(words[-1], _clean_name(" ".join(words)))


def _add_person(st: _State, sp: _Span) -> None:
    st.person_spans.append(sp)
    if sp.name not in st.people:
        st.people[sp.name] = Person(_mention(st.text, sp.start, sp.end), name=sp.name)


def _nearest_org_before(st: _State, pos: int, lo: int) -> _Span | None:
    # (a firm written after another person's name is that person's, not the role's)
    cands = [s for s in _near(st.orgs_sorted(), lo, pos) if lo <= s.start and s.end <= pos and s.kind != "Venue"
             and s.start not in st.affiliations and not _parent_mention(st, s)]
    return max(cands, key=lambda s: s.end) if cands else None


@cache
def _company_noun_re() -> re.Pattern[str]:
    # the kind word in lower case only: "Calzaturificio Alfa" is a name, "il calzaturificio Alfa" a kind and a name
    nouns = sorted(gz.appointment_words().get("company_nouns", ()), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", f"{_SP}+") for n in nouns)
    return re.compile(rf"(?i:(?:the|a|an|il|lo|la|l['’]){_SP}+)?(?:{alt})(?:{_SP}+[a-zà-ù]+){{0,3}}?{_SP}+(?=[A-Z])")


def _org_after(st: _State, pos: int, limit: int) -> tuple[_Span | None, str]:
    """The organisation a role is "of": the first organisation after ``pos`` in the clause.

    Returns it and the text between (the rest of the role phrase: a unit or a specialty).
    """
    text = st.text
    # "X, CEO of Serra Macchine, was elected President of Y": an unknown name closed by the
    # apposition's comma is the role's organisation, not the one later in the sentence
    lead = re.match(rf"{_SP}+(?:of|at|di|del|della|dell['’]|of{_SP}+the){_SP}*", text[pos:limit])
    if lead:
        # "a capo del gruppo calzaturiero veneto Bianchi Ugo": the kind of firm before its name
        kind = _company_noun_re().match(text, pos + lead.end(), limit)
        if kind and st.org_at(kind.end()) is None:
            seq = _ORG_SEQ_RE.match(text, kind.end())
            if seq and text[seq.end():seq.end() + 1] in (",", ")", ".", ";") and not _UNIT_HEAD.search(seq.group()):
                sp = _unknown_org_after(st, kind.end())
                if sp is not None:
                    if sp.kind != "Company":
                        sp = _Span(sp.start, sp.end, sp.name, "Company")
                        st.orgs[sp.name] = replace(st.orgs[sp.name], type="Company")
                        st.org_spans[-1] = sp
                    return sp, ""  # the kind of firm is no unit of the role
    if lead and st.org_at(pos + lead.end()) is None:
        seq = _ORG_SEQ_RE.match(text, pos + lead.end())
        if seq and text[seq.end():seq.end() + 1] in (",", ")") and not _UNIT_HEAD.search(seq.group()):
            sp = _unknown_org_after(st, pos + lead.end())
            if sp is not None and sp.end == seq.end():
                return sp, text[pos:sp.start]
    stop = re.search(r"[.;:]|,[ \u00a0](?=(?:and|e)?[ \u00a0]*[A-Z][a-z]+[ \u00a0][A-Z])|[“\"]", text[pos:limit])
    hard = pos + stop.start() if stop else limit
    cands = [s for s in _near(st.orgs_sorted(), pos, hard) if pos <= s.start < hard]
    between_quoted = re.compile(r"[“\"][^”\"]{1,60}[”\"]")
    if not cands:
        # quoted unit names may sit between the role and the organisation
        seg = text[pos:limit]
        q = between_quoted.search(seg)
        if q and q.start() < 40:
            cands = [s for s in _near(st.orgs_sorted(), pos + q.end(), limit) if pos + q.end() <= s.start < limit
                     and not re.search(r"[.;]", text[pos + q.end():s.start])]
    if cands:
        org = cands[0]
        between = text[pos:org.start]
        if "," in between.replace(", the", "") or len(between) > 90:
            return None, ""
        return org, between
    # "President and CEO of ACME-TEC": both roles are of the organisation named after the second
    pos2 = pos
    mj = _AND_ROLE.match(text, pos, hard)
    if mj:
        rj = _role_re().match(text, mj.end(), hard)
        pos2 = rj.end() if rj else pos
    m = re.match(rf"{_SP}+(?:of|at|di|del|della|dell['’]|of{_SP}+the){_SP}+", text[pos2:hard])
    if m:
        sp = _unknown_org_after(st, pos2 + m.end())
        if sp:
            return sp, text[pos:sp.start]
    return None, ""


_AND_ROLE = re.compile(rf"{_SP}+(?:and|e|&){_SP}+")


def _split_role(role: str, between: str) -> tuple[str, str | None]:
    """Role label and unit from the text between the role word and the organisation."""
    rest = _CONNECT_TAIL.sub("", between).strip(" \u00a0,")
    joined = re.match(rf"(?:and|e|&){_SP}+", rest)
    if joined and _role_re().fullmatch(rest, joined.end()):
        rest = ""  # "Chairman and CEO of X": two posts, each recorded on its own
    if _UNIT_WORDS.search(rest):
        rest = re.sub(r"^(?:(?:of|for|di|per|del|della|dello|dei|degli|delle)[ \u00a0]+|dell['’])?(?:(?:the|il|la|lo)[ \u00a0]+|l['’])?", "", rest)
    if not rest:
        return role, None
    if _UNIT_WORDS.search(rest):
        unit = rest.replace("“", "").replace("”", "").replace('"', "").strip()
        return role, re.sub(r"[ \u00a0]+", " ", unit)
    return re.sub(r"[ \u00a0]+", " ", f"{role} {rest}"), None


@cache
def _succession_sentence() -> re.Pattern[str]:
    return re.compile(
        # (an apposition may hold a company's legal form: "Rossi, CEO of Rossi S.r.l. di Carpi, succeeds")
        rf"(?:(?:(?P<pron>\b(?:She|He|Lei|Lui)\b)|(?P<subj>\b{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,3}}))"
        rf"(?:,{_SP}*(?:[^,.;\n]|\.(?!{_SP}+[A-Z])){{1,90}},)?{_SP}+"
        # Italian drops the subject: "... è il nuovo direttore. Subentra a Carlo Neri"
        rf"|(?P<bare>(?<=[.!?] )|(?<=\n)|^))"
        rf"(?i:{_appointment_alt('succession')}){_SP}+")


def _successions_apart(st: _State) -> None:
    """"Rossi subentra a Giovanni Bianchi", "She replaces Carlo Neri": a predecessor named in a
    sentence of its own leaves the post the newly appointed person takes."""
    text = st.text
    new_posts = [m for m in st.memberships if m.start and not m.end]
    if not new_posts:
        return
    held = {(m.person, m.role, m.organisation) for m in st.memberships}
    for sm in _succession_sentence().finditer(text):
        if sm.group("pron") or sm.group("bare") is not None:
            before = [m for m in new_posts if m.evidence.start < sm.start()]
            post = max(before, key=lambda m: m.evidence.start) if before else None
        else:
            who = sm.group("subj").split()
            name = " ".join(who) if len(who) > 1 else _known_surname(st, who[0])
            post = next((m for m in new_posts if m.person == name), None)
        prev = _person_name_at(st, sm.end()) if post else None
        if post is None or prev is None or prev.name == post.person or (prev.name, post.role, post.organisation) in held:
            continue
        if any(m.person == prev.name and m.organisation == post.organisation for m in new_posts):
            continue  # "with B taking over from A in two years' time": A has just taken a post himself
        _add_person(st, prev)
        st.memberships.append(Membership(_mention(text, sm.start(), prev.end), person=prev.name, role=post.role,
                                         organisation=post.organisation, unit=post.unit, start=None, end=post.start))
        held.add((prev.name, post.role, post.organisation))


def _focus_org(st: _State) -> str | None:
    """With no publisher, the organisation a release is about: the one it names far more often
    than any other ("says CEO Fulvia Bacchi" in an article on Lineapelle)."""
    counts: dict[str, int] = {}
    for o in st.org_spans:
        if o.kind != "Venue":
            counts[o.name] = counts.get(o.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


_WEEKDAY_NUM = {w: i for i, w in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())} | {w: i for i, w in enumerate(
        "lunedì martedì mercoledì giovedì venerdì sabato domenica".split())}
_WEEKDAY_DATE = re.compile(
    rf"(?i)\b(?P<wd>{'|'.join(_WEEKDAY_NUM)}),?{_SP}+(?:(?P<d1>\d{{1,2}}){_SP}+(?P<m1>{_MONTHS_EN}|{_MONTHS_IT})"
    rf"|(?P<m2>{_MONTHS_EN}){_SP}+(?P<d2>\d{{1,2}}))\b(?!,?{_SP}*(?:19|20)\d\d)")


def _weekday_date(st: _State) -> dt.date | None:
    """A release with no date of its own: "On Wednesday 8 July" is dated by a year the text names
    in which 8 July falls on a Wednesday (the day of the meeting it reports)."""
    return _weekday_date_of(st.text)


@lru_cache(maxsize=4)
def _weekday_date_of(text: str) -> dt.date | None:
    m = _WEEKDAY_DATE.search(text)
    if not m:
        return None
    day = int(m.group("d1") or m.group("d2"))
    month = _MONTH_NUM[(m.group("m1") or m.group("m2")).lower()]
    fits = set()
    for y in {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)}:
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d.weekday() == _WEEKDAY_NUM[m.group("wd").lower()]:
            fits.add(d)
    # a birth year or a founding year may share the calendar: the meeting is the latest fit
    return max(fits) if fits else None


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for pair in gz.appointment_words().get("nicknames", ()):
        short, _, full = pair.partition("=")
        out.setdefault(short.strip(), set()).add(full.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _merge_nicknames(st: _State) -> None:
    """"Gianni Russo" where "Giovanni Russo" is named too: one person, under the full name."""
    nick = _nicknames()
    alias: dict[str, str] = {}
    for name in st.people:
        first, _, rest = name.partition(" ")
        for full in nick.get(first, ()):
            if rest and f"{full} {rest}" in st.people:
                alias[name] = f"{full} {rest}"
    if not alias:
        return
    for short in alias:
        del st.people[short]
    st.person_spans = [replace(p, name=alias.get(p.name, p.name)) for p in st.person_spans]
    st._people_sorted = None
    seen: set[tuple[str, str, str, str | None]] = set()
    kept = []
    for m in st.memberships:
        m = replace(m, person=alias.get(m.person, m.person))
        key = (m.person, m.role, m.organisation, m.unit)
        if key not in seen:
            seen.add(key)
            kept.append(m)
    st.memberships = kept


@cache
def _elected_list_re() -> re.Pattern[str]:
    return re.compile(rf"(?i){_SP}+(?:(?:were|have{_SP}+been|are|sono{_SP}+stati|sono{_SP}+state|vengono){_SP}+)?"
                      rf"(?:{_appointment_alt('participles')}){_SP}*(?:[:(]{_SP}*)?(?P<post>)")


# "Anna Neri (Neri Pelli, Vigevano)", "Anna Neri (Neri Pelli; Vigevano, Pavia)", "Luca Sala of Sala Tech in Lecco": the firm of a person in a
# list; the town after it is not recorded
_AFFIL_BRACKET = re.compile(rf"{_SP}*\({_SP}*(?P<org>[^(),;\n]{{2,50}}?){_SP}*(?:[,;]{_SP}*[^()\n]{{1,40}})?\)")
_AFFIL_OF = re.compile(rf"{_SP}+(?:of|from|di|della|dello|del){_SP}+(?=[A-Z])")
_AFFIL_TOWN = re.compile(rf"{_SP}+(?:in|a|at){_SP}+{_NAME_WORD}(?:{_SP}+(?:di|de|del|sul|on|upon)?{_SP}*{_NAME_WORD}){{0,2}}")


_FIRM_TO_TOWN = re.compile(rf"([A-Z][^()\n;.]{{1,60}}?)(?={_SP}+(?:in|a){_SP}+[A-Z])")


# a firm alone in brackets may hold a joining word: "(Rossi e Figli)", "(Neri & Sons)", "(Alfa by Beta)"
_BRACKET_FIRM = re.compile(rf"[A-ZÀ-Ý][\w’'&.-]{{0,30}}(?:{_SP}(?:[A-ZÀ-Ý&][\w’'&.-]{{0,30}}|di|de|del|della|von|van|e|ed|and|by|per|for)){{0,4}}")


def _affiliation(st: _State, pos: int) -> int:
    """The end of the firm written right after a person's name (recorded as a company), or
    ``pos`` when there is none."""
    text = st.text
    bm = _AFFIL_BRACKET.match(text, pos)
    if bm:
        a, b = bm.start("org"), bm.end("org")
        name = text[a:b]
        known = st.org_at(a)
        if known is None and _BRACKET_FIRM.fullmatch(name) and not _honorific_re().match(name) \
                and not _role_re().search(name) and name.split()[0] not in _NOT_NAME_START \
                and not any(s.start < b and a < s.end for s in _near(st.ents, a, b)):
            st.add_org(_clean_name(name), "Company", a, b)
        st.affiliations.add(a)
        return bm.end()
    om = _AFFIL_OF.match(text, pos)
    # a firm's name may hold commas when its town closes it: "of Studio Neri, Sala, Conti in Milan"
    tm = _FIRM_TO_TOWN.match(text, om.end()) if om and st.org_at(om.end()) is None else None
    if tm and "," in tm.group(1) and not re.search(rf"{_SP}(?:and|e){_SP}|\(", tm.group(1)) \
            and all(w[:1].isupper() or w == "&" for w in re.split(rf",?{_SP}+", tm.group(1).strip()) if w):
        a, b = tm.start(1), tm.end(1)
        st.add_org(_clean_name(tm.group(1)), "Company", a, b)
        st.affiliations.add(a)
        town = _AFFIL_TOWN.match(text, b)
        return town.end() if town else b
    if om and st.org_at(om.end()) is None:
        seq = _ORG_SEQ_RE.match(text, om.end())
        # the firm ends where its town begins: "of Sala Tech in Lecco"
        if seq and not _role_re().search(seq.group()) and text[seq.end():seq.end() + 1] in (",", ")", " ", ".") \
                and (_AFFIL_TOWN.match(text, seq.end()) or text[seq.end():seq.end() + 1] in (",", ")", ".")):
            sp = _unknown_org_after(st, om.end())
            if sp is not None:
                st.affiliations.add(sp.start)
                town = _AFFIL_TOWN.match(text, sp.end)
                return town.end() if town else sp.end
    return pos


@cache
def _board_join_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The phrase that a list of people joined the board, and the list written right before it."""
    phrase = re.compile(rf"(?i)\b(?:{_appointment_alt('board_joins')})\b")
    names = re.compile(rf"(?P<names>{_NAME_LIST}),?{_SP}+(?:(?:were|have{_SP}+been|are|sono{_SP}+stat[ie]|vengono){_SP}+)?"
                       rf"(?:(?i:newly|also|anche|tutti|all){_SP}+)?$")
    return phrase, names


# how far before "were elected to the board" its list of names may begin (names with firms and towns)
_BOARD_LIST_SPAN = 400


def _board_joins(st: _State) -> list[tuple[Membership, _Span]]:
    """"A (Alfa; Lecco), B (Beta) and C joined the board this year": each a Board Member of the
    organisation in focus; the firm in brackets is the person's company."""
    text = st.text
    phrase, names_re = _board_join_re()
    out: list[tuple[Membership, _Span]] = []
    for pm in phrase.finditer(text):
        s0, _s1 = st.sentence_of(pm.start())
        base = max(s0, pm.start() - _BOARD_LIST_SPAN)
        nm = names_re.search(text, base, pm.start())
        if nm is None:
            continue
        a0 = nm.start("names")
        people: list[_Span] = []
        for n in _PERSON_RE.finditer(text, a0, nm.end("names")):
            if text.count("(", a0, n.start()) > text.count(")", a0, n.start()):
                continue  # "(Rossi Macchine)": the person's company, not a person
            lead = re.match(r"(?:(?:" + "|".join(_NOT_NAME_START) + rf"){_SP}+)*", n.group())
            words = n.group()[lead.end() if lead else 0:]
            if len(words.split()) >= 2 and gz.organisation(words) is None:
                b0 = n.start() + (lead.end() if lead else 0)
                people.append(_Span(b0, b0 + len(words), _clean_name(words)))
        org = st.publisher or _focus_org(st)
        if not people or not org:
            continue
        for sp in people:
            _affiliation(st, sp.end)
            out.append((Membership(_mention(text, sp.start, pm.end()), person=sp.name, role="Board Member",
                                   organisation=org, start=st.doc_date), sp))
    return out


@cache
def _body_res() -> tuple[re.Pattern[str], dict[str, str]]:
    """An elected body followed by the cue that its members are listed ("General Council, with
    the election of", "Collegio dei Probiviri composto da", "Board of Auditors:"), and each body
    word's role label."""
    words = gz.appointment_words()
    table: dict[str, str] = {}
    for item in words.get("bodies", ()):
        alias, _, label = item.partition("=")
        table[gz.canonical_key(alias)] = label.strip() or alias.strip()
    bodies = _words_alt(a.partition("=")[0].strip() for a in words.get("bodies", ()))
    leads = _appointment_alt("body_leads")
    # a colon alone is a cue too; the lead may follow a comma or a dash
    rx = re.compile(rf"(?i)\b(?P<body>{bodies})\b(?P<of>{_SP}+(?:of|di|del|della|dell['’]){_SP}*(?:the{_SP}+)?)?"
                    # ("... Board of Arbitrators was renewed, with the election of"): a short verb between
                    rf"(?:{_SP}+[a-zà-ù]+){{0,3}}?{_SP}*(?:[,–-]{_SP}*)?(?:(?:{leads})\b{_SP}*:?|:){_SP}*")
    return rx, table


def _body_lists(st: _State) -> list[tuple[Membership, _Span]]:
    """"Board of Auditors, with the election of A (Alfa), B (Beta) and C": each listed person
    holds the body's name as role (as worded: "General Council", "Board of Arbitrators") in the
    organisation the body belongs to; the firm in brackets is the person's company. A list
    whose first item is a post ("comprised of president X") is left to the role words."""
    text = st.text
    rx, table = _body_res()
    if not table:
        return []
    out: list[tuple[Membership, _Span]] = []
    for bm in st.scan(rx, tuple({k.split()[0][:5].lower() for k in table})):
        label = table.get(gz.canonical_key(bm.group("body")))
        if label is None:
            continue
        s0, s1 = st.sentence_of(bm.start())
        org_name: str | None = None
        if bm.group("of"):
            o = st.org_at(bm.end("of"))
            org_name = o.name if o else None
        org_name = org_name or st.publisher or _focus_org(st)
        if not org_name:
            continue
        people: list[_Span] = []
        pos = bm.end()
        # (the list runs to the end of its line: initials in a firm's name ("F.B. Rossi") may look
        # like a sentence's end)
        eol = text.find("\n", pos, pos + _BODY_SPAN)
        limit = max(s1, eol if eol >= 0 else min(len(text), pos + _BODY_SPAN))
        while pos < limit and len(people) < _BODY_MAX:
            sp = _person_name_at(st, pos)
            if sp is None or (not people and gz.organisation(sp.name) is not None):
                break
            people.append(sp)
            pos = _affiliation(st, sp.end)
            nm = re.match(rf"(?:,{_SP}*(?:(?:and|e){_SP}+)?|{_SP}+(?:and|e|ed){_SP}+)", text[pos:pos + 8])
            if nm is None:
                break
            pos += nm.end()
        if not people:
            continue
        when = _election_day(st, s0, s1)
        for sp in people:
            out.append((Membership(_mention(text, bm.start(), sp.end), person=sp.name, role=label,
                                   organisation=org_name, start=when), sp))
    return out


# a body lists at most this many members in one run (a bound, not a guess: boards are small)
_BODY_MAX = 40
_BODY_SPAN = 2000
# how many sentences before an election the meeting that held it may be told ("On 6 June the
# assembly met ... On this occasion the board was renewed")
_ELECTION_BACK = 3


def _election_day(st: _State, s0: int, s1: int) -> dt.date | None:
    """The day of an election: a day its sentence states; else the day of the assembly told just
    before it in the same paragraph; else the release's date."""
    when = next((d for _mn, d in _dates(st.text[s0:s1]) if d != st.doc_date), None)
    if when:
        return when
    para = st.text.rfind("\n\n", 0, s0)
    i = bisect.bisect_right(st.sentences, (s0, _BIG)) - 1
    for a, b in reversed(st.sentences[max(0, i - _ELECTION_BACK):max(0, i)]):
        if a < para:
            break
        if _assembly_re().search(st.text, a, b):
            day = next((d for _mn, d in _dates(st.text[a:b])), None)
            if day:
                return day
    return st.doc_date


def _find_people(st: _State) -> None:
    text = st.text
    role_re = _role_re()
    canon = _role_canon()
    pending: list[tuple[Membership, _Span]] = []
    last_person_in_sentence: dict[tuple[int, int], _Span] = {}
    for rm in st.scan(role_re, _role_triggers()):
        if rm.group().lower() in _verb_words():
            continue  # "who heads X": a verb, read by _verb_posts
        role = canon.get(gz.canonical_key(rm.group("role")), rm.group("role"))
        mod = (rm.group("mod") or "").strip().lower()
        mod = "new" if mod.startswith("newly") else mod
        s_start, s_end = st.sentence_of(rm.start())
        person: _Span | None = None
        others: list[_Span] = []  # more people holding the same role ("A and B as Vice Presidents")
        org: _Span | None = None
        between = ""
        start = end = None
        # "President Mauro Bergozza", "New President: Maria Vittoria Brustia", "ACIMIT President Marco Salvadè"
        after = re.match(rf"(?i){_SP}+(?P<post>uscente|entrante|neo-?elett[oa]|eletto|eletta){_SP}+|{_SP}*[:,]?{_SP}+", text[rm.end():])
        if gz.canonical_key(rm.group("role")) in _office_nouns():
            # "la presidenza di Carlo Neri": the holder follows "of"; never an organisation
            office = re.match(rf"(?i){_SP}+(?:of|di){_SP}+(?P<post>)", text[rm.end():])
            if office and _person_name_at(st, rm.end() + office.end()) is not None:
                after = office
        if after is None or _person_name_at(st, rm.end() + after.end()) is None:
            # "the arbitrators were elected (Anna Neri of ..., Luca Sala ...)": the holders after the verb
            listed = _elected_list_re().match(text[rm.end():rm.end() + 80])
            if listed and _is_plural_role(rm):
                after = listed
        if after:
            person = _person_name_at(st, rm.end() + after.end())
            if person and after.group("post"):  # (empty after an office noun)
                # Italian puts the modifier after the role: "la Presidente uscente X"
                mod = "outgoing" if after.group("post").lower() == "uscente" else "new"
        if person:
            person_end = _affiliation(st, person.end)
        if person and _is_plural_role(rm):
            # a plural role names several people: "vicepresidenti Ernesto Maurer e Marco Torello Viera",
            # each perhaps with a firm: "board members Anna Neri (Neri Pelli, Vigevano), Luca Sala of Sala Tech"
            pos = person_end
            while True:
                nm = re.match(rf"(?:,{_SP}*(?:(?:and|e){_SP}+)?|{_SP}+(?:and|e){_SP}+)", text[pos:])
                nxt = _person_name_at(st, pos + nm.end()) if nm else None
                if nxt is None:
                    break
                others.append(nxt)
                pos = _affiliation(st, nxt.end)
        if person:
            org = st.org_at(rm.start() - 1 - 40, max_gap=40)
            if org and org.end <= rm.start() and re.fullmatch(rf"(?:{_SP}|['’]s)*", text[org.end:rm.start()] or " "):
                pass
            else:
                org = None
            if org is None:
                o2, between = _org_after(st, person.end, s_end)
                if o2 and o2.start not in st.affiliations and re.match(rf"{_SP}*(?:,{_SP}*)?(?:of|di|at)\b", text[person.end:o2.start]):
                    org = o2
                else:
                    between = ""
            if org is None:
                org = _nearest_org_before(st, rm.start(), s_start)
        else:
            # "Mauro Bergozza, President of Assomac", "Brustia is President of ...", "X, direttore generale di Y"
            role_start = rm.start()  # the match starts at its modifier ("new President")
            before = text[max(s_start, role_start - 80):role_start]
            # "Fontanella, 52 anni, è amministratore delegato": an age may stand between
            mb = re.search(rf"(?:,{_SP}*\d{{1,3}}(?:{_SP}+(?:anni|years(?:{_SP}+old)?))?,?)?(?:,{_SP}+(?:who|che){_SP}+(?:remains|is|was|becomes|became|rimane|resta|è|diventa|diventerà){_SP}+(?:also{_SP}+|anche{_SP}+)?(?:the{_SP}+|il{_SP}+|la{_SP}+)?|,{_SP}+(?:the{_SP}+|la{_SP}+|il{_SP}+)?|{_SP}+(?:is|was|è|,|(?:has|had){_SP}+been|è{_SP}+stat[oa]|era|(?:ha|aveva){_SP}+ricoperto{_SP}+(?:il{_SP}+ruolo{_SP}+di|la{_SP}+carica{_SP}+di))(?:{_SP}+(?:also|anche|previously|formerly|già|in{_SP}+precedenza))?{_SP}+(?:the{_SP}+|a{_SP}+|l['’])?|{_SP}*\()$", before)
            if mb:
                person = _person_name_at(st, role_start - (len(before) - mb.start()), backwards=True)
                paren = mb.group().endswith("(")
                if person and paren:
                    # "Maurizio Tarquini (Director General, Confindustria)"
                    pm_ = re.match(rf",{_SP}*", text[rm.end():])
                    o_ = st.org_at(rm.end() + pm_.end()) if pm_ else None
                    if o_ and text[o_.end:o_.end + 1] == ")":
                        org = o_
            if person is None:
                # "Marco Salvadè, ACIMIT President": the organisation right before the role
                pre = next((o for o in _near(st.orgs_sorted(), role_start - 12, role_start) if o.end <= role_start
                            and re.fullmatch(rf"(?:{_SP}|['’]s)*", text[o.end:role_start] or " ")), None)
                if pre:
                    # ... or in brackets: "said Caterina Roversi (Amaplast President)"
                    mb2 = re.search(rf",{_SP}+(?:the{_SP}+)?$", text[max(s_start, pre.start - 4):pre.start]) or (
                        re.search(rf"{_SP}*\($", text[max(s_start, pre.start - 2):pre.start])
                        if text[rm.end():rm.end() + 1] == ")" else None)
                    if mb2:
                        person = _person_name_at(st, pre.start - len(mb2.group()), backwards=True)
                        org = pre if person else None
            if person is None and re.search(rf"{_SP}+(?:and|e){_SP}+$", before):
                person = last_person_in_sentence.get((s_start, s_end))
            # "ASSOMAC elects Maria Vittoria Brustia President", "elected X as the new President of Y"
            if person is None:
                base = max(s_start, rm.start() - 120)
                me = _elected_before().search(text[base:rm.start()])
                # "X, CEO of Y, was elected ...", "X è il nuovo presidente": a change of post
                if me and (_elect_re().search(text[max(s_start, rm.start() - 160):rm.start()]) or me.group("succ")
                           or mod in ("new", "neo") or re.search(r"(?i)\bnuov[oaie]\b", me.group())):
                    spans = []
                    names_txt = me.group("names")
                    for n in re.finditer(_PERSON_RE.pattern, names_txt):
                        if names_txt.count("(", 0, n.start()) > names_txt.count(")", 0, n.start()):
                            continue  # "(System Ceramics)": the person's company, not a person
                        # "newly appointed President Luca Ferretti, who succeeds ...": drop the title
                        lead = re.match(r"(?:(?:" + "|".join(_NOT_NAME_START) + rf"){_SP}+)*", n.group())
                        who_name = n.group()[lead.end() if lead else 0:]
                        if len(who_name.split()) >= 2:
                            a0 = base + me.start("names") + n.start() + (lead.end() if lead else 0)
                            spans.append(_Span(a0, a0 + len(who_name), _clean_name(who_name)))
                    if spans and _succeeds_re().search(text[max(s_start, spans[0].start - 40):spans[0].start]) \
                            and re.search(_succeeds_re().pattern + "$", text[max(s_start, spans[0].start - 40):spans[0].start]):
                        spans = []  # "... who succeeds Paolo Neri as President": the predecessor, not a new holder
                    if spans:
                        person, others = spans[0], spans[1:]
                        mod = mod or "new"
                        if me.group("succ"):
                            # "A succeeds B as President": B leaves the post as A takes it
                            sb = re.search(_PERSON_RE.pattern, me.group("succ"))
                            if sb:
                                b0 = base + me.start("succ")
                                others = [_Span(b0 + sb.start(), b0 + sb.end(), _clean_name(sb.group()), "end")]
            if person and org is None and role in _portfolio_roles():
                org = _ministry_after(st, rm.end())
            if person and org is None:
                org, between = _org_after(st, rm.end(), s_end)
            if person and org is None:
                # "la Presidente di ASSOMAC, Maria Vittoria Brustia" is handled below
                el = _elect_re().search(text[s_start:rm.start()])
                if el and re.match(rf"(?i){_SP}+(?:of|di|della|dell['’])?{_SP}*(?:the{_SP}+)?(?:association|associazione|federation|federazione)\b", text[rm.end():rm.end() + 30]):
                    org = None  # "alla presidenza dell'associazione": the issuing association
                elif el:
                    # the organisation the assembly belongs to: the first one the sentence names
                    org = next((o for o in _near(st.orgs_sorted(), s_start, rm.start())
                                if s_start <= o.start and o.end <= rm.start() and o.kind != "Venue"
                                and not _parent_mention(st, o)), None)
            if person is None:
                # "la Presidente di ASSOMAC, Maria Vittoria Brustia", "Director General of Confindustria, Maurizio Tarquini"
                o3, between = (_ministry_after(st, rm.end()), "") if role in _portfolio_roles() else (None, "")
                if o3 is None:
                    o3, between = _org_after(st, rm.end(), s_end)
                if o3:
                    # "New President for ASSOMAC: Carla Dini" (a headline)
                    m3 = re.match(rf"(?:{_SP}|['’]s)*[,:–-]?{_SP}+", text[o3.end:])
                    if m3:
                        person = _person_name_at(st, o3.end + m3.end())
                        org = o3 if person else None
            if person is None:
                # "Il direttore generale dell'associazione, Luca Bianchi": the issuing association
                m4 = re.match(rf"(?i){_SP}+(?:dell['’]|della{_SP}+|of{_SP}+the{_SP}+)(?:associazione|association|federazione|federation)(?:{_SP}*,{_SP}*|{_SP}+)", text[rm.end():])
                if m4:
                    person = _person_name_at(st, rm.end() + m4.end())
                    org = None
        if person is None:
            continue
        if org is None:
            org_name = st.publisher or _focus_org(st)
            if not org_name:
                continue
        else:
            org_name = org.name
        label, unit = _split_role(role, between)
        # "elected ... on 26 February 2025": a date the sentence states is the date of the change
        when = next((d for mn, d in _dates(text[s_start:s_end]) if d != st.doc_date), None)
        if when is None:
            # "... has been appointed CEO. ...; Cusinato will take office on 1 April 2025": the day
            # the post begins, stated later in the same paragraph
            para_end = text.find("\n\n", s_end)
            tm = _TAKES_OFFICE.search(text, s_end, para_end if para_end >= 0 else len(text))
            if tm:
                when = next((d for mn, d in _dates(text[tm.end():tm.end() + 30]) if mn.start < 6), None)
        when = when or st.doc_date or _weekday_date(st)
        if mod in ("outgoing", "former", "uscente"):
            end = st.doc_date or _weekday_date(st)
        elif re.search(r"(?i)\b(?:remains|remain|rimane|resta|restano|rimangono|continues\s+as)\s+(?:also\s+|anche\s+)?(?:the\s+|il\s+|la\s+)?$", text[max(s_start, rm.start() - 30):rm.start()]):
            pass  # "Carlo Neri, who remains Chairman": no change of post
        elif mod in ("new", "neo") or _elect_re().search(text[s_start:rm.start()]):
            start = when
            # "... nuovo presidente di UNIC: succede a Fabrizio Nuti": the predecessor leaves the post
            sm = _succeeds_re().search(text, rm.end(), s_end)
            if sm and not any(o.kind == "end" for o in others):
                prev = _person_name_at(st, sm.end())
                # (not one who has just taken a post himself: "with B taking over from A in two years")
                if prev and prev.name != person.name and not any(
                        m.person == prev.name and m.start for m, _ in pending):
                    others = [*others, replace(prev, kind="end")]
        for who in [person, *others]:
            _add_person(st, who)
            last_person_in_sentence[(s_start, s_end)] = who
            lo = min(who.start, rm.start(), org.start if org else rm.start())
            hi = max(who.end, rm.end(), org.end if org else rm.end())
            w_start, w_end = (None, start or st.doc_date) if who.kind == "end" else (start, end)
            mem = Membership(_mention(text, lo, hi), person=who.name, role=label,
                             organisation=org_name, unit=unit, start=w_start, end=w_end)
            pending.append((mem, who))
    for mem, who in _verb_posts(st):
        _add_person(st, who)
        pending.append((mem, who))
    for mem, who in _board_joins(st):
        _add_person(st, who)
        pending.append((mem, who))
    for mem, who in _body_lists(st):
        _add_person(st, who)
        pending.append((mem, who))
    # one membership per person, role, organisation and unit; dates merged
    merged: dict[tuple[str, str, str, str | None], Membership] = {}
    for mem, _ in pending:
        key = (mem.person, mem.role, mem.organisation, mem.unit)
        if key in merged:
            old = merged[key]
            # a stated day ("will take office on 1 April") beats the release's own date
            def pick(a: dt.date | None, b: dt.date | None) -> dt.date | None:
                return b if (a is None or (a == st.doc_date and b is not None)) else a
            merged[key] = replace(old, start=pick(old.start, mem.start), end=pick(old.end, mem.end))
        else:
            merged[key] = mem
    # a bare "President" that another membership of the same person refines is the same post
    for key, mem in list(merged.items()):
        # ("President pro tempore" is a post of its own, not a refinement)
        if mem.unit is None and any(k != key and k[0] == key[0] and k[2] == key[2] and k[1].startswith(key[1])
                                    and k[1] not in _role_names() for k in merged):
            del merged[key]
    st.memberships = list(merged.values())
    _merge_nicknames(st)
    _successions_apart(st)
    # surname-only references ("President Bergozza concluded") for quotations
    covered = sorted(st.person_spans, key=lambda p: p.start)
    for name in list(st.people):
        surname = name.split()[-1]
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
            if not any(p.start <= m.start() < p.end for p in _near(covered, m.start(), m.end())):
                st.person_spans.append(_Span(m.start(), m.end(), name))


# --------------------------------------------------------------------------- document info


_WEEKDAY = (r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedì|martedì|mercoledì"
            r"|giovedì|venerdì|sabato|domenica)")


# a date that heads the release: on a short line of its own ("07 November 2022", "Sep 28, 2023 Italy",
# "Uscito il 03/02/2024"), not a date inside the first sentence ("Si è svolta venerdì 9 maggio 2025")
_HEADER_MAX_WORDS = 6
# "ASSOCIAZIONE ESEMPIO (X9999) 02.03.24": a day-first date with a two-digit year closing a header line
_SHORT_DATE = re.compile(r"(?<![\d.,/])(\d{1,2})[./](\d{1,2})[./](\d{2})[ \u00a0\t]*(?:\r?\n|$)")
_RELATIVE_DAY = re.compile(rf"(?i)\b(yesterday|today|ieri|oggi)\b(?:{_SP}+(?:pomeriggio|mattina|sera|afternoon|morning|evening))?"
                           rf"[ \u00a0,(]*(?:{_WEEKDAY},?{_SP}+)?(?:the{_SP}+)?$")
_RELATIVE_DAYS = {"yesterday": 1, "ieri": 1, "today": 0, "oggi": 0}


# what follows a date that opens the release: a dash, colon, bar or underscore before the text
_LEAD_DATE_SEP = re.compile(r"[ \u00a0]*[_–—|:-]+[ \u00a0]*(?=\S)")
# a town in capitals opening the text, then the first sentence ("FERMO Forse ...", "VIGEVANO - La ...")
_CAPS_TOWN_LEAD = re.compile(r"[ \u00a0\t\r\n]*([A-ZÀ-Ý]{3,}(?:[ \u00a0][A-ZÀ-Ý]{2,})?)[ \u00a0]*(?:[-–—][ \u00a0]*)?(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _header_line(text: str, mn: Mention) -> bool:
    a = text.rfind("\n", 0, mn.start) + 1
    b = text.find("\n", mn.end)
    b = len(text) if b < 0 else b
    rest = text[a:mn.start] + " " + text[mn.end:b]
    return len(rest.split()) <= _HEADER_MAX_WORDS and not re.search(r"[.;]\s+\w", rest)


def _short_header_date(text: str) -> tuple[Mention, dt.date] | None:
    for m in _SHORT_DATE.finditer(text, 0, min(len(text), 300)):
        a = text.rfind("\n", 0, m.start()) + 1
        if len(text[a:m.start()].split()) > _HEADER_MAX_WORDS:
            continue
        try:
            d = dt.date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        return Mention(text[m.start():m.end(3)], m.start(), m.end(3)), d
    # a page's date block, day, month and year on lines of their own ("21\n09\n2017"), day first
    for m in _STACKED_DATE.finditer(text, 0, min(len(text), 300)):
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        return Mention(text[m.start(1):m.end(3)], m.start(1), m.end(3)), d
    return None


_STACKED_DATE = re.compile(r"(?m)^[ \u00a0\t]*(\d{1,2})[ \u00a0\t]*\r?\n[ \u00a0\t]*(\d{1,2})[ \u00a0\t]*\r?\n[ \u00a0\t]*((?:19|20)\d\d)[ \u00a0\t]*$")


@cache
def _document_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = gz._load("document.yaml")
    return words


@cache
def _parent_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"X member association" (after the name) and "a member of X" (before it): X is a parent body."""
    w = _document_words()
    after = re.compile(rf"(?i)[ \u00a0-]+(?:{_words_alt(w.get('parent_after', ()))})\b")
    before = re.compile(rf"(?i)\b(?:{_words_alt(w.get('parent_before', ()))}){_SP}+(?:(?:the|il|la|lo|l['’]){_SP}*)?$")
    return after, before


def _parent_mention(st: _State, sp: _Span) -> bool:
    after_re, before_re = _parent_res()
    return bool(after_re.match(st.text, sp.end) or before_re.search(st.text, max(0, sp.start - 30), sp.start))


@cache
def _issuer_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"Source: X" lines and "About X" headings (the issuer named in group 1)."""
    w = _document_words()
    src = _words_re(w["source"]).pattern[len("(?i)"):]
    about = _words_re(w["about"]).pattern[len("(?i)"):]
    return (re.compile(r"(?im)^[ \u00a0\t]*" + src + r"[ \u00a0]*:[ \u00a0]*(.+)$"),
            re.compile(r"(?im)^[ \u00a0\t]*" + about + r"[ \u00a0]+(.+?)[ \u00a0\t]*$"))


@cache
def _signature_re() -> re.Pattern[str]:
    return re.compile(r"(?im)^[ \u00a0\t]*" + _words_re(_document_words()["signature"]).pattern[len("(?i)"):])


def _signature_publisher(st: _State) -> str | None:
    """"Ufficio stampa ACIMIT", "Per informazioni:\nArea Comunicazione – Confindustria Brescia": the
    body a release's press contact speaks for (the last such line: signatures close a release)."""
    hits = list(_signature_re().finditer(st.text))
    for m in reversed(hits):
        end = m.end()
        for _ in range(3):  # that line and the two after it
            nl = st.text.find("\n", end + 1)
            end = len(st.text) if nl < 0 else nl
        orgs = [o for o in _near(st.orgs_sorted(), m.start(), end) if m.start() <= o.start < end
                and o.kind not in ("Venue", "TradeFair", "ResearchCentre")]
        if orgs:
            return orgs[0].name
    return None


def _fair_publisher(st: _State, title: Mention) -> str | None:
    """A release on a fair's results ("Mipel: +7% di presenze", "La 95esima edizione di Lineapelle
    ha chiuso") is issued by whoever the text says organises the fair, else by the fair itself."""
    fair = next((o for o in st.orgs_sorted() if title.start <= o.start < title.end and o.kind == "TradeFair"), None)
    if fair is None:
        return None
    # the sentences naming the fair, or calling it "the fair" ("The fair, organised by Assomac, ...")
    starts = [o.end for o in st.orgs_sorted() if o.name == fair.name]
    starts += [m.end() for m in _FAIR_NOUN.finditer(st.text)]
    for pos in sorted(starts):
        _a, b = st.sentence_of(pos)
        om = _ORGANISED_BY.search(st.text, pos, b)
        org = st.org_at(om.end()) if om else None
        if org and org.kind not in ("Venue", "TradeFair"):
            return org.name
    return fair.name


_YEARLESS_DATELINE = re.compile(
    rf"(?m)^[ \u00a0\t]*(?:\([A-Za-z][\w .&-]{{0,20}}\){_SP}*[-–—]?{_SP}*)?(?P<city>[A-ZÀ-Ý][\w'’.-]*(?:{_SP}[A-ZÀ-Ý][\w'’.-]*){{0,2}}),{_SP}*"
    rf"(?P<date>(?P<d>\d{{1,2}}){_SP}+(?P<m>(?i:{_MONTHS_EN}|{_MONTHS_IT}|{_MONTHS_ABBR})))\.?(?!{_SP}*\d)"
    rf"(?:{_SP}*\([A-Za-z][\w .&-]{{0,20}}\))?{_SP}*[-–—]")


_TOWN_LEAD = re.compile(rf"(?m)^[ \u00a0\t]*(?P<city>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:{_SP}[A-ZÀ-Ý][a-zà-ÿ'’-]+){{0,2}})"
                        rf"(?:{_SP}*\((?P<prov>[A-Z][A-Za-z]\.?)\))?{_SP}+[–—-]{_SP}+")


def _document_info(st: _State) -> None:
    text = st.text
    dates = _dates(text)
    dateline: tuple[Mention, dt.date, Mention | None] | None = None
    for mn, dd in dates:
        # "Bergamo, 20 June 2025" on a line of its own, or opening the first paragraph
        # ("Milano, 15 aprile 2025 – Secondo i dati ...")
        line_start = text.rfind("\n", 0, mn.start) + 1
        # "Cinisello Balsamo (Milan), April 28, 2025": a province in brackets may follow the town
        # the separator may be a comma or a dash ("Brescia – 14 novembre 2024"), a weekday may
        # precede the date ("Bologna, venerdì 27 giugno 2025")
        # a news agency's tag may open the line ("(ANSA) - ROMA, 12 marzo 2024 -"), an ordinal date
        # its article ("LONDON, the 21st of September, 2023 -")
        m = re.fullmatch(rf"[ \u00a0\t•]*(?:\([A-Za-z][\w .&-]{{0,20}}\){_SP}*[-–—]?{_SP}*)?"
                         rf"((?:[A-ZÀ-Ý][\w'’.-]*)(?:{_SP}+[A-ZÀ-Ýa-z][\w'’.-]*){{0,3}})(?:{_SP}*\([^()\n]{{1,30}}\))?"
                         rf"(?:,|{_SP}+[-–—]){_SP}*(?:{_WEEKDAY},?{_SP}+)?(?:the{_SP}+)?",
                         text[line_start:mn.start])
        rest = re.match(r"[ \u00a0\t]*(?:$|[\r\n]|[-–—.:][ \u00a0\t]*)", text[mn.end:])
        if m and re.fullmatch(_WEEKDAY, m.group(1)):
            m = None  # "Saturday, 14 May 2011": a weekday, not a town
        if m and rest and not re.search(r"(?i)press|comunicat|news", m.group(1)):
            city_m = Mention(m.group(1), line_start + m.start(1), line_start + m.end(1))
            dateline = (mn, dd, city_m)
            break
        # the date first: "07-02-2025 – Chennai" on a line of its own
        after = re.match(rf"{_SP}*[-–—,]{_SP}*([A-ZÀ-Ý][\w'’.-]*(?:{_SP}+[A-ZÀ-Ý][\w'’.-]*){{0,2}})[ \u00a0\t]*(?:\r?\n|$)",
                         text[mn.end:])
        if after and not text[line_start:mn.start].strip(" \u00a0\t•") \
                and not re.search(r"(?i)press|comunicat|news", after.group(1)):
            city_m = Mention(after.group(1), mn.end + after.start(1), mn.end + after.end(1))
            dateline = (mn, dd, city_m)
            break
    header = next(((mn, dd) for mn, dd in dates if mn.start < 300 and _header_line(text, mn)), None)
    if header is None:
        header = _short_header_date(text)
    if header is None and dateline is None and dates:
        # "October 16, 2024_ The fair ...", "16 ottobre 2024 – Il settore ...": the release opens with its date
        mn0, dd0 = dates[0]
        if not text[:mn0.start].strip(" \u00a0\t\r\n•") and _LEAD_DATE_SEP.match(text, mn0.end):
            header = (mn0, dd0)
    date_ev: list[Mention] = []
    if header:
        date_ev.append(header[0])
    if dateline:
        if dateline[0] not in date_ev:
            date_ev.append(dateline[0])
        st.doc_date = dateline[1]
        city = dateline[2]
        assert city is not None
        # "02.03.2024 - ACME-MACCHINE ITALIANE": the publisher's name after the date is no place
        if gz.resolve(city.text, "place") or not any(o.start < city.end and city.start < o.end
                                                     for o in _near(st.orgs_sorted(), city.start, city.end)):
            st.place = gz.resolve(city.text, "place") or city.text.title()
    elif header:
        st.doc_date = header[1]
    else:
        # "Ieri, 4 maggio 2019, durante l'assemblea ...": a day named relative to the writing dates the release
        rel = next(((mn, dd, rm) for mn, dd in dates
                    if (rm := _RELATIVE_DAY.search(text, max(0, mn.start - 40), mn.start))), None)
        if rel:
            mn, dd, rm = rel
            st.doc_date = dd + dt.timedelta(days=_RELATIVE_DAYS[rm.group(1).lower()])
            date_ev.append(mn)
    if st.doc_date is None or (st.place is None and dateline is None):
        # "MILANO, 15 APR - ...": a wire's dateline gives day and month; the year is the file
        # name's when its day and month agree (the text states the day, the name only its year);
        # after a dated header it still gives the town
        yl = _YEARLESS_DATELINE.search(text, 0, min(len(text), 400))
        fd = (st.doc_date or file_name_date(st.doc.slug)) if yl else None
        if yl and fd and (fd.month, fd.day) == (_MONTH_NUM[_ABBR_FULL.get(yl.group("m").lower()[:3], yl.group("m").lower())],
                                                int(yl.group("d"))):
            if st.doc_date is None:
                st.doc_date = fd
                date_ev.append(Mention(yl.group("date"), yl.start("date"), yl.end("date")))
            st.place = gz.resolve(yl.group("city"), "place") or yl.group("city").title()
    if st.place is None and dateline is None:
        # "FERMO Forse per la prima volta ...": a newspaper's town in capitals opening the text
        cl = _CAPS_TOWN_LEAD.match(text)
        town = gz.place(cl.group(1).title()) if cl else None
        if cl and town is not None and town.kind == "city" and not any(
                o.start < cl.end(1) and cl.start(1) < o.end for o in _near(st.orgs_sorted(), cl.start(1), cl.end(1))):
            st.place = town.name
    if st.place is None and header:
        # "16 Dicembre 2015\n\nBaggiovara (Mo) – Secondo i dati ...": a dated header, then the first
        # paragraph opens with the town (a town the gazetteer lacks only with its province code)
        tl = _TOWN_LEAD.search(text, header[0].end, min(len(text), header[0].end + 200))
        if tl and re.fullmatch(r"[\s\d:.|–—-]*", text[header[0].end:tl.start()]) \
                and not any(o.start < tl.end("city") and tl.start("city") < o.end
                            for o in _near(st.orgs_sorted(), tl.start("city"), tl.end("city"))) \
                and (tl.group("prov") or gz.resolve(tl.group("city"), "place")):
            st.place = gz.resolve(tl.group("city"), "place") or tl.group("city")
    # title: the first substantial line that is not a header or dateline
    title_m: Mention | None = None
    for line in re.finditer(r"[^\r\n]+", text):
        s = line.group().strip(" \u00a0\t")
        if len(s.split()) < 4 or s.startswith("•"):
            continue
        if s[0].islower() and len(s) < 80:
            continue  # a kicker above the headline ("l'ultima edizione di ...") starts in lower case
        if any(line.start() <= mn.start < line.end() for mn in date_ev) and len(s) < 80:
            continue
        if re.match(r"(?i)(press releases?|comunicat[oi] stampa|news)\b", s) or (
                len(s.split()) <= 6 and re.search(r"(?i)\b(?:press[ \u00a0]+releases?|comunicat[oi][ \u00a0]+stampa|news(?:letter)?)\b", s)):
            continue
        title_m = _mention(text, line.start(), line.end())
        break
    # publisher: "Source: X" / "Fonte: X", else the trade association named most often
    pub: str | None = None
    src = _issuer_res()[0].search(text)
    if src:
        in_src = sorted((sp for sp in st.org_spans if src.start(1) <= sp.start < src.end(1)), key=lambda x: x.start)
        # "Source: Confindustria Moda Research Centre for Assocalzaturifici": the body it works for
        for_ = next((sp for sp in in_src if re.search(r"(?i)\b(?:for|per|on\s+behalf\s+of|per\s+conto\s+di)[ \u00a0]+(?:the[ \u00a0]+)?$",
                                                       text[max(0, sp.start - 20):sp.start])), None)
        issuers = [sp for sp in in_src if sp.kind not in ("Venue", "TradeFair", "ResearchCentre")]
        o = for_ or (issuers[0] if issuers else (in_src[0] if in_src else None))
        pub = o.name if o else None
    if pub is None:
        # the boilerplate "About Ferralba Packaging" / "Chi è X" closing a release names its issuer
        about = _issuer_res()[1].search(text)
        if about:
            in_about = [sp for sp in st.org_spans if about.start(1) <= sp.start < about.end(1)
                        and sp.kind not in ("Venue", "TradeFair")]
            pub = in_about[0].name if in_about else None
    after_re, before_re = _parent_res()
    if pub is None and title_m:
        # "Assomac: the sector closes 2024 at -12%", "ASSOMAC elects ...": the association in the headline
        in_title = [sp for sp in st.org_spans if title_m.start <= sp.start < title_m.end
                    and sp.kind == "TradeAssociation" and not after_re.match(text, sp.end)
                    and not before_re.search(text, max(0, sp.start - 30), sp.start)]
        # "Brevetti Montolit S.p.A. appoints new CEO": a company heading its own release
        lead_co = [sp for sp in st.org_spans if sp.start == title_m.start and sp.kind in ("Company", "GovernmentAgency")]
        pub = in_title[0].name if in_title else (lead_co[0].name if lead_co else None)
    if pub is None:
        pub = _signature_publisher(st)
    if pub is None and title_m:
        pub = _fair_publisher(st, title_m)
    if pub is None:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        # the association named most often; failing that, any issuing body (an agency, a
        # company), never a venue or a fair
        # a body named only as the one the issuer belongs to counts when nothing else does
        parents = {sp.name for sp in st.org_spans if after_re.match(text, sp.end) or before_re.search(text, max(0, sp.start - 30), sp.start)}
        for kinds in (("TradeAssociation",), ("GovernmentAgency", "Company", "University", "ResearchCentre")):
            for sp in st.org_spans:
                if sp.kind in kinds and (sp.name not in parents or all(o.name in parents for o in st.org_spans if o.kind in kinds)):
                    counts[sp.name] = counts.get(sp.name, 0) + 1
                    first.setdefault(sp.name, sp.start)
            if counts:
                pub = max(counts, key=lambda n: (counts[n], -first[n]))
                break
    st.publisher = pub
    evidence = title_m or (date_ev[0] if date_ev else Mention(text[:0], 0, 0))
    st.info = DocumentInfo(evidence, title=title_m.text if title_m else None, date=st.doc_date,
                           place=st.place, publisher=pub, date_evidence=tuple(date_ev))


# --------------------------------------------------------------------------- segments


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
    for o in st.org_spans:
        entry = gz.organisation(o.name)
        if entry and entry.sector and o.kind == "TradeAssociation":
            out.add(entry.sector)
    return frozenset(out)


def _find_segments(st: _State) -> None:
    en, it_, seg, stand, table = _segment_res()
    text = st.text
    pub = gz.organisation(st.publisher) if st.publisher else None
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
    st.sector = sector
    # an umbrella ("capital goods") is never a segment of one machinery sector
    spans = [s for s in spans if s.name == sector or s.name not in _umbrellas()]
    st.segments = [replace(s, kind="sector" if s.name == sector else "segment") for s in spans]
    if not any(s.kind == "sector" for s in st.segments):
        cue = re.search(r"(?i)\b(?:the\s+sector|il\s+settore|del\s+settore|sector|settore|comparto)\b", text)
        pub_span = next((o for o in st.org_spans if o.name == st.publisher), None)
        where = (cue.start(), cue.end()) if cue else ((pub_span.start, pub_span.end) if pub_span else None)
        if where:
            st.segments.append(_Span(where[0], where[1], sector, "sector"))
    st.segments.sort(key=lambda s: s.start)
    seen: set[str] = set()
    for s in st.segments:
        if s.name in seen:
            continue
        seen.add(s.name)
        st.facts.append(Segment(_mention(text, s.start, s.end), name=s.name,
                                kind="sector" if s.kind == "sector" else "segment",
                                parent=None if s.kind == "sector" else sector))


# --------------------------------------------------------------------------- indicators


_CueTable = tuple[re.Pattern[str] | None, dict[str, str]]


@cache
def _cue_res() -> tuple[_CueTable, _CueTable, _CueTable]:
    """One alternation per cue group (longest cue first) and the key of each cue."""
    cues = gz.indicator_cues()

    def table(group: str) -> _CueTable:
        # several cue lists may feed one key ("exports_abroad" names exports in any release)
        pairs = [(c, "exports" if k == "exports_abroad" else k) for k, cs in cues.get(group, {}).items() for c in cs]
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        lookup = {" ".join(c.lower().split()): k for c, k in reversed(pairs)}
        if not pairs:
            return None, lookup
        rx = re.compile(r"(?i)(?<![\w])(?:" + "|".join(_phrase(c) for c, _ in pairs) + r")(?![\w])")
        return rx, lookup

    return table("bases"), table("shares"), table("months")


@cache
def _volume_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """"in volume" right after a change; "in both volume and value", or no value figure beside it
    in the sentence, keeps it a change in value (the gold's "when the text distinguishes them")."""
    words = gz.indicator_cues().get("volume", {})

    def alt(ws: Iterable[str]) -> str:
        return "(?:" + "|".join(_phrase(w) for w in sorted(ws, key=len, reverse=True)) + ")"

    return (re.compile(rf"(?i)[ \u00a0]*(?:\)[ \u00a0]*)?{alt(words.get('volume', ('in volume',)))}(?!\w)"),
            re.compile(rf"(?i)[ \u00a0]*(?:\)[ \u00a0]*)?(?:in[ \u00a0]+)?{alt(words.get('both', ('both volume',)))}(?!\w)"),
            re.compile(rf"(?i)(?<!\w){alt(words.get('value', ('in value',)))}(?!\w)"))


def _phrase(words: str) -> str:
    # a cue written with a straight apostrophe matches a typographic one too
    return re.escape(words).replace(r"\ ", _SP + "+").replace("'", "['’]")


# The cues of the text being extracted, per table: one scan of the whole text, then every
# window is a bisection. Scanning each figure's sentence again made a long sentence full of
# figures quadratic (a page of "12% 12% ..." took minutes).
_CUE_CACHE: dict[int, tuple[str, _CueTable, list[tuple[int, int, str]], list[int]]] = {}


def _all_cues(text: str, table: _CueTable) -> tuple[list[tuple[int, int, str]], list[int]]:
    hit = _CUE_CACHE.get(id(table))
    if hit is not None and hit[0] is text and hit[1] is table:
        return hit[2], hit[3]
    rx, lookup = table
    out: list[tuple[int, int, str]] = []
    if rx is not None:
        for m in rx.finditer(text):
            key = lookup.get(" ".join(m.group().lower().replace("’", "'").split()))
            if key:
                out.append((m.start(), m.end(), key))
    starts = [c[0] for c in out]
    _CUE_CACHE[id(table)] = (text, table, out, starts)  # holding text and table keeps their ids theirs
    return out, starts


def _cues(text: str, a: int, b: int, table: _CueTable) -> list[tuple[int, int, str]]:
    """Cue words between a and b with their keys."""
    if table[0] is None:
        return []
    cues, starts = _all_cues(text, table)
    out = []
    for i in range(bisect.bisect_left(starts, a), len(cues)):
        c = cues[i]
        if c[0] >= b:
            break
        if c[1] <= b:
            out.append(c)
    return out


_PAREN = re.compile(r"[()]")
_FIGURE_END = re.compile(r"(?i)(?:\d|%|€|\$|\beuros?|\bEUR|\bUSD|\bdollars?|\bmillions?|\bbillions?|\bmilioni|\bmiliardi|\bpairs|\bpaia)[ \u00a0]*$")


def _bracket_apart(text: str, cue: tuple[int, int, str], f: _Figure) -> bool:
    """Whether a bracket separates a cue from a figure (the cue inside one the figure is not in,
    or the figure inside one closed before the cue)."""
    if cue[1] <= f.start:
        m = _PAREN.search(text, cue[1], f.start)
        return m is not None and m.group() == ")"
    if cue[0] >= f.end:
        m = _PAREN.search(text, f.end, cue[0])
        if m is None:
            return False
        if m.group() == "(":
            return True
        # the figure's bracket glosses the figure before it ("467 million (+8.2%) against imports"),
        # not a bracket opening its own phrase ("è sceso, (-2%) il numero dei dipendenti")
        o = text.rfind("(", max(0, f.start - 40), f.start)
        return o >= 0 and bool(_FIGURE_END.search(text, max(0, o - 12), o))
    return False


def _nearest(cands: list[tuple[int, int, str]], pos: int, end: int, *, before_only: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    for s, e, k in cands:
        if before_only and s > pos:
            continue
        d = pos - e if e <= pos else s - end
        d = max(d, 0) + (0 if e <= pos else 1)  # ties go to the cue before the figure
        if best is None or d < best[0]:
            best = (d, k)
    return best[1] if best else None


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

    for s0, s1 in st.sentences:
        if not any(c.isdigit() for c in text[s0:s1]):
            continue
        local = figures[bisect.bisect_left(starts, s0 - 60):bisect.bisect_left(starts, s1)]
        for m in employ.finditer(text, s0, s1):
            add(m, "cnt:employment")
        for m in countries.finditer(text, s0, s1):
            add(m, "cnt:countries")
        for m in noun.finditer(text, s0, s1):
            key = lookup.get(" ".join(m.group("noun").lower().replace("’", "'").split()))
            if key is None:
                continue
            after = (m.end(), min(s1, m.end() + 60))
            if key == "companies":
                if cr.attending.search(text, *after):
                    continue  # "120 companies took part in the mission"
                if cr.exhibiting.search(text, *after):
                    key = "exhibitors"
                elif cr.closing.search(text, *after):
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
    out = sorted([*(f for f in figures if id(f) not in removed), *extra], key=lambda f: f.start)
    # "a delegation of 70 buyers from 25 countries": the figures of a part, up to the clause's end
    parts = [(m.start(), _clause_end(text, m.end())) for m in cr.part_of.finditer(text)]
    if parts:
        ends = [b for _, b in parts]  # found in order, each up to its clause's end: ends never decrease

        def in_part(pos: int) -> bool:
            i = bisect.bisect_right(ends, pos)  # the first part ending after pos
            return i < len(parts) and parts[i][0] <= pos

        out = [f for f in out if not in_part(f.start)]
    return out


_CLAUSE_STOP = re.compile(r"[,;:.!?\n]")


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_STOP.search(text, pos, pos + 200)
    return m.start() if m else min(len(text), pos + 200)


def _find_observations(st: _State) -> None:
    text = st.text
    bases, shares, months = _cue_res()
    pub_org = st.orgs.get(st.publisher) if st.publisher else None
    company_pub = pub_org.name if pub_org and pub_org.type == "Company" else None
    # a territorial association ("Confindustria Brescia", "Assolombarda Pavia") surveys its own
    # province: that is the area of its figures, where the text names no other
    home_area: str | None = None
    if pub_org and pub_org.type == "TradeAssociation" and len(pub_org.name.split()) >= 2:
        home_area = gz.resolve(pub_org.name.split(None, 1)[1], "place")
    bases_ = index_bases(text)
    index_base = bases_[0].base if bases_ else None
    today = st.info.date if st.info else None
    # a text that states no date of its own was still published on the day its file name
    # carries: "last year" counts from then (the document keeps no date it does not state)
    today = today or file_name_date(st.doc.slug)
    figures = _with_counts(st, st.figures())
    fair_year = _fair_year(st)
    if fair_year is None and today is None and not any(
            isinstance(ev, Event) and ev.date for ev in st.facts):
        fair_year = _year_after_compared_edition(st)
    # the last resorts for a figure no clause, sentence or earlier sentence dates: the
    # headline's period, else the year of the release ("the fair closed with 300 exhibitors")
    fallback_period: str | None = None
    if st.info and st.info.title:
        t = st.info.evidence
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
    protected = sorted([*st.segments, *[s for s in st.ents if s.kind.startswith("place:")]], key=lambda s: s.start)
    obs: dict[tuple[Any, ...], Observation] = {}
    prelim_years: set[str] = set()
    prelim_pending = -1  # where a sentence of its own announced preliminary figures of no stated year
    lower = text.lower() if len(text.lower()) == len(text) else None
    year_context: str | None = None  # the whole year in force before a part of it was zoomed into
    prev_end = 0
    for s_start, s_end in st.sentences:
        if "\n" in text[prev_end:s_start] and context_period and year_context \
                and context_period != year_context and context_period.startswith(year_context) \
                and not _PART_OF_YEAR.search(text, s_start, s_end):
            # "In 2024 ... In the second half exports grew 0.9%. [new paragraph] Sales to the US rose
            # 4.3%": a part of the year read within a paragraph does not date the next paragraph,
            # unless that one goes on about it ("the quarter closed with ...")
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
                   if not any(mn.start <= p.start < mn.end for mn in (st.info.date_evidence if st.info else ()))
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
                key = f"{share}_change" if share else None
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
            if fair_year and _is_fair_key(key) and (not pool or min(
                    pool, key=lambda p: abs(p.start - f.start)).value[:4] < fair_year):
                # an edition's figures belong to its year: an earlier year beside them is the
                # edition they are compared with ("+14% on the September 2022 edition")
                period = fair_year
            elif pool:
                p = min(pool, key=lambda p: abs(p.start - f.start))
                year = (p.value[:4] if "{y}" not in p.value else None) or sent_year or context_year
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
            value = f.value
            if key.endswith("_change") and not f.signed:
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
            if _EST_STRICT_RE.search(text, c_start, c_end) or re.search(r"(?i)\b(around|about|circa|approximately|some)\b", text[max(c_start, f.start - 12):f.start]) and _EST_STRICT_RE.search(text, c_start, c_end):
                quals.append("estimated")
            if _PRELIM_RE.search(text, c_start, c_end) or (frames_prelim and f.start > frames_prelim):
                quals.append("preliminary")
            scope = _scope_for(st, f, (c_start, c_end), (s_start, s_end), key)
            if _unnamed_list_item(st, f, (s_start, s_end)) and not _glosses_count(text, f, sent_figs) \
                    and not (_is_fair_key(key) and area):  # "Korea came first (+9%)"
                continue  # "knitting machinery (66%), other machinery (17%)": an item we cannot name
            if key.startswith(("domestic_visitors", "domestic_exhibitors")):
                area = market = None  # the home part of a fair's attendance is a figure of its own, not an area
            if home_area and area == HOME_COUNTRY:
                area = home_area
            if company_pub and scope == (st.sector or "machinery") and not _within(st.segments, s_start, s_end):
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
                okey = (rkey, st.sector or "machinery", year, Decimal(_ORDINAL[rk.group("ord").lower()]), "rank", area_, None)
                if okey not in obs:
                    obs[okey] = Observation(_mention(text, rk.start(), rk.end()), indicator=rkey, scope=st.sector or "machinery",
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
    title = st.info.evidence if st.info and st.info.title else None
    found = list(obs.values())
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
    st.facts.extend(found)


@cache
def _qualifier_words() -> dict[str, tuple[str, ...]]:
    return gz.indicator_cues().get("qualifiers", {})


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
    if st.info and st.info.title:
        t = st.info.evidence
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
    changed = not f.level and (f.signed or _NEG_RE.search(text, c0, c1) or _POS_RE.search(text, c0, c1) or (
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
        goes_on = _ANAPHORA.search(text, s0, s1) or any(
            sg.kind == "segment" for sg in _within(st.segments, s0, s1)) or _DOMESTIC_RE.search(text, s0, f.start) \
            or _FOREIGN_RE.search(text, s0, f.start) or in_breakdown \
            or (context_base in _FAIR_BASES and (
                # a fair's release going on about its attendance: "-3% on the February edition",
                # "Italy confirms itself top performer with +10%"
                _EDITION_COMPARED.search(text, c0, c1)
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
                           "new_exhibitors", "returning_exhibitors", "exhibit_space"))


def _fair_of(st: _State) -> _Span | None:
    """The fair a release reports on: the one its headline names, else the first named."""
    fairs = sorted((o for o in st.org_spans if o.kind == "TradeFair"), key=lambda o: o.start)
    title = st.info.evidence if st.info and st.info.title else None
    in_title = [o for o in fairs if title and title.start <= o.start < title.end]
    found = in_title or fairs
    return found[0] if found else None


_BRACKET_BEFORE = re.compile(r"[ \u00a0]*\([ \u00a0]*$")


def _glosses_count(text: str, f: _Figure, sent_figs: list[_Figure]) -> bool:
    """A bracketed change right after a count and its noun: "27,000 visitors from abroad (+5%)"."""
    o = text.rfind("(", max(0, f.start - 4), f.start)
    return o >= 0 and any(g.kind.startswith("cnt:") and g.end <= o and o - g.end <= 30
                          and not re.search(r"[\d;()]", text[g.end:o]) for g in sent_figs)


def _unnamed_list_item(st: _State, f: _Figure, sent: tuple[int, int]) -> bool:
    """A bracketed figure in a list of "name (figure)" pairs whose name is no segment or place."""
    text = st.text
    m = _BRACKET_BEFORE.search(text, max(sent[0], f.start - 4), f.start)
    if not m:
        return False
    name_end = m.start()
    named = [*(s.end for s in _within(st.segments, *sent)), *(p.end for p in _within(st.ents, *sent))]
    if name_end in named:
        return False
    # the sentence pairs names with bracketed figures elsewhere: this item's name is unknown
    return any(e != name_end and re.match(r"[ \u00a0]?\(", text[e:e + 2]) for e in named)


def _fair_year(st: _State) -> str | None:
    """The year of the edition a fair release reports on (its date, else the year in its title)."""
    main = _fair_of(st)
    if main is None:
        return None
    for ev in st.facts:
        if isinstance(ev, Event) and ev.kind == "TradeFairEdition" and ev.title \
                and gz.fold(ev.title).startswith(gz.fold(main.name)):
            if ev.date and not (st.doc_date and ev.date.year > st.doc_date.year
                                and all(is_not_period(st.text, m.start())
                                        for m in re.finditer(rf"\b{ev.date.year}\b", st.text))
                                and (ev.date - st.doc_date).days > 180):
                return str(ev.date.year)
            if ev.date:
                # an edition dated without its year, placed over half a year after the release:
                # the year came from elsewhere ("the spring-summer 2023 lines"); the release's
                # own year is the edition's
                return str(st.doc_date.year) if st.doc_date else None
            ym = re.search(r"\b((?:19|20)\d\d)\b", ev.title)
            # ... unless the text names that year only as the edition compared with ("level
            # with the March 2022 edition")
            if ym and not all(is_compared_edition(st.text, m.start(), m.end())
                              for m in re.finditer(rf"\b{ym.group(1)}\b", st.text)):
                return ym.group(1)
            break
    title = st.info.evidence if st.info and st.info.title else None
    if st.doc_date and title and title.start <= main.start < title.end:
        return str(st.doc_date.year)  # a release headlined on the fair reports the edition just held
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
    for s0, s1 in st.sentences:
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
        if st.sector:
            return st.sector
        if fair:
            return fair.name
    segs = _within(st.segments, *clause)
    if not segs:
        segs = [s for s in _within(st.segments, *sent) if s.end <= f.start]
    if segs:
        return min(segs, key=lambda s: abs(s.start - f.start)).name
    return st.sector or "machinery"


_PREP_BEFORE = re.compile(r"(?i)(?:\b(?:in|to|from|towards|such as|like|verso|a|da|in|per|come|di|nel|nella|nei|negli|nelle|sul|sui|al|alla|ai|agli|dal|dalla|dai|dagli)[ \u00a0]+(?:the[ \u00a0]+)?|\b(?:all|dall|nell)['’])$")
_MARKET_WORDS = re.compile(r"(?i)\b(markets?|mercat[oi]|destinations?|countries|paesi|such as|come|exports? to|verso)\b")
_FOREIGN_RE = re.compile(r"(?i)\b(foreign|abroad|mercati esteri|estero|esteri|estera|export markets|overseas)\b")
_DOMESTIC_RE = re.compile(r"(?i)\b(domestic|home market|mercato interno|mercato italiano|mercato domestico|mercati domestici|interno|interni|interna)\b")


_MEASURED_NOUN = r"(?:production|output|exports?|imports?|turnover|revenues?|consumption|orders|sales|produzione|esportazioni|importazioni|fatturato|consumi|consumo|ordini|ordinativi|vendite|ricavi)"
_ADJ_NOUN = re.compile(rf"(?i)(?:{_SP}+[a-z][\w-]*){{0,3}}?{_SP}+{_MEASURED_NOUN}\b")
_NOUN_ADJ = re.compile(rf"(?i)\b{_MEASURED_NOUN}(?:{_SP}+[a-zàèéìòù][\w-]*)?{_SP}+$")
# "le esportazioni di calzature italiane": the demonym after the noun's complement
_NOUN_OF_ADJ = re.compile(rf"(?i)\b{_MEASURED_NOUN}{_SP}+(?:di|of){_SP}+[a-zàèéìòù][\w-]*{_SP}+$")


_FROM_BEFORE = re.compile(r"(?i)\b(?:from|da|dal|dalla|dai|dagli|dalle|provenienti[ \u00a0]+da(?:l|lla|i|gli|lle)?)[ \u00a0]+(?:the[ \u00a0]+)?$|\bdall['’]$")


_WHERE_AFTER = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:where|dove|in[ \u00a0]+cui|in[ \u00a0]+which)\b")
_FLOW_PREP = re.compile(r"(?i)\b(?:to|towards|into|in|verso|per|from|da|dal|dalla|dai|dagli|dalle|nel|nella|nei|negli|nelle)[ \u00a0]+(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$|\b(?:all|dall|nell)['’]$")


def _fair_area(st: _State, f: _Figure, semi: tuple[int, int]) -> str | None:
    """"Spain (11%)", "China (276 exhibitors)", "visitors from Germany rose 21%", "Germany +21%"."""
    text = st.text
    a, _ = semi
    s0 = st.sentence_of(f.start)[0]
    near = [p for p in _near(st.places(), s0, f.start) if s0 <= p.start and p.end <= f.start
            and p.kind in ("place:country", "place:region")]
    if near and re.fullmatch(r"[ \u00a0]*[(:]?[ \u00a0]*(?:with[ \u00a0]+|con[ \u00a0]+)?(?:(?:a|an|un|una)[ \u00a0]+)?",
                             text[near[-1].end:f.start]):
        return near[-1].name  # "Spain (11%)", "Italy: 720 exhibitors", "Germany with +21%"
    # "the number of Japanese buyers rose 18%": a demonym on the visitors or exhibitors counted
    for adj in _near(st.ents, a, f.start):
        if a <= adj.start and adj.end <= f.start and adj.kind in ("adj:country", "adj:region") \
                and (any(c[0] - adj.end <= 2 and c[2] in _FAIR_BASES for c in _cues(text, adj.end, min(f.start, adj.end + 40), _cue_res()[0]))
                     # "i visitatori giapponesi": the demonym after the noun
                     or any(adj.start - c[1] <= 2 and c[2] in _FAIR_BASES for c in _cues(text, max(a, adj.start - 40), adj.start, _cue_res()[0]))) \
                and not re.search(r"[,;(]", text[adj.end:f.start]):
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
def _side_amount_re() -> re.Pattern[str]:
    words = gz.indicator_cues().get("context", {}).get("side_amounts", ())
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(_phrase(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


def _home_flow(st: _State, a: int, b: int) -> bool:
    """Whether the home country's demonym qualifies a measured noun between a and b ("Italian
    exports", "l'export italiano di calzature", "le esportazioni di calzature italiane")."""
    text = st.text
    for adj in _near(st.ents, a, b):
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
            and _MARKET_WORDS.search(text, st.sentence_of(f.start)[0], bp.start):
        # "the main destinations were the US (EUR 40m), Spain (EUR 31m)": the markets of a flow
        return HOME_COUNTRY, bp.name
    places = [p for p in _near(st.places(), a, f.start) if a <= p.start and p.end <= f.start
              and p.kind in ("place:country", "place:region")]
    market: str | None = None
    for p in places:
        if p.name == HOME_COUNTRY and re.search(r"(?i)from[ \u00a0]+$", text[max(0, p.start - 6):p.start]):
            market = "domestic market"
        elif p.name == HOME_COUNTRY and key.startswith("orders") and re.search(r"(?i)\b(?:in)[ \u00a0]+$", text[max(0, p.start - 4):p.start]):
            market = "domestic market"  # "in Italia l'indice sale a 131,7 punti": orders at home
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
            p = places[0]
            nxt = places[1] if len(places) > 1 else None
            in_list = nxt is not None and bool(_LIST_GAP.match(text[p.end:nxt.start]))
            if not (in_list or _PREP_BEFORE.search(text[max(0, p.start - 12):p.start])
                    or _MARKET_WORDS.search(text, a, p.start)):
                if key.startswith(("exports", "imports", "orders")) and p.name != HOME_COUNTRY \
                        and (_WHERE_AFTER.match(text, p.end) or key.endswith("_share")):
                    # "North America, where sales grew 6%": the place a flow goes to, not its source
                    market = p.name
                else:
                    area = p.name
    if area == HOME_COUNTRY:
        # "German production ... fell 8.2 percent", "la produzione tedesca è calata": a demonym on
        # the measured noun names the area (not after "to"/"from": "exports to German customers")
        lo = max([a, *(m.end() for m in _CONTRAST.finditer(text, a, f.start))])
        for adj in _near(st.ents, lo, f.start):
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
        cues += [(m.start(), "domestic market") for m in _DOMESTIC_RE.finditer(text, lo, f.start)]
        if cues:
            market = max(cues)[1]
    return area, market


# --------------------------------------------------------------------------- cue lexicons


def _lex_phrase(phrase: str) -> str:
    """One lexicon phrase as a pattern: "*" ends a stem, "_" is one optional word."""
    out = ""
    sep = "[ \u00a0]+"
    for i, tok in enumerate(phrase.split()):
        if tok == "_":
            out += r"(?:[\w'’-]+[ \u00a0]+)?"
            continue
        stem = tok.rstrip("*")
        pat = re.escape(stem).replace("'", "['’]").replace(r"\'", "['’]")
        if tok.endswith("*"):
            pat += r"\w*(?:['’](?=\w))?"  # "dall'Asia", "all'apertura": an elided article
        out += pat + ("" if i == len(phrase.split()) - 1 else sep)
    return out


def _lex_trigger(phrase: str) -> str:
    """A literal piece of a phrase: the cheap substring test that picks the sentences to scan
    (the first word, or its part after an apostrophe, which texts write straight or curly)."""
    for tok in phrase.split():
        for piece in reversed(re.split(r"['’]", tok.rstrip("*"))):
            if len(piece) >= 2 or (piece and len(phrase.split()) == 1):
                return piece.lower()
    return phrase.split()[0].rstrip("*").lower()


@lru_cache(maxsize=64)
def _lexicon(name: str, *groups: str) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """The cue phrases of ``groups`` in ``data/{name}.yaml`` as one alternation (longest first)
    and their triggers for :meth:`_State.scan` (derived, so they cannot drift from the cues)."""
    lex = gz.cue_lexicon(name)
    phrases = sorted({p for g in groups for p in lex.get(g, ())}, key=len, reverse=True)
    if not phrases:
        return None, ()
    # not inside a compound: "pre-pandemic levels" names no pandemic
    # a phrase may end in an elided article ("per effetto dell'innovazione"): a word follows it
    rx = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(_lex_phrase(p) for p in phrases) + r")(?:(?<=['’])|(?![\w]))")
    return rx, tuple(dict.fromkeys(_lex_trigger(p) for p in phrases))


def _lex_scan(st: _State, name: str, *groups: str) -> Iterator[re.Match[str]]:
    rx, triggers = _lexicon(name, *groups)
    if rx is not None:
        yield from st.scan(rx, triggers)


# --------------------------------------------------------------------------- markets


_DEST_CUE = re.compile(r"(?i)\b(markets?\s+such\s+as|markets?\s+like|countries\s+such\s+as|mercati\s+(?:come|quali)|paesi\s+(?:come|quali)|sales\s+in|vendite\s+in|risultati\s+in|exports?\s+to|esportazioni\s+verso|missions?(?:\s+[a-z]+)?\s+(?:to|in)|missioni(?:\s+[a-z]+)?\s+(?:in|verso)|destinations?\s+(?:such\s+as|like)|growth\s+in|crescita\s+in|buoni\s+risultati\s+in|results\s+in|markets?\s+of|mercati\s+di|driven\s+by|thanks\s+to|trainat[aoei]\s+da(?:l|lla|i|gli|lle)?|grazie\s+a(?:l|lla|i|gli|lle)?|such\s+as|like|come|quali|including|tra\s+cui|in\s+particolare|sales\s+to|shipments\s+to|vendite\s+verso|demand\s+from|orders\s+from|domanda\s+(?:proveniente\s+)?da(?:l|lla|i|gli|lle)?|ordini\s+(?:provenienti\s+)?da(?:l|lla|i|gli|lle)?|followed\s+by|seguit[oaie]\s+da(?:l|lla|i|gli|lle)?)\b")
_PRIORITY_CUE = re.compile(r"(?i)\b(priorit\w*|key\s+markets?|target\s+markets?|strategic\s+markets?|new\s+outlets|nuovi\s+sbocchi|missions?|missioni|support\s+for\s+exports?|promotion|promozione|mercati\s+(?:chiave|obiettivo|strategici|prioritari)|focus)\b")
_OPPORTUNITY_CUE = re.compile(r"(?i)\b(?:(?:the\s+)?(?:greatest|highest|biggest|most)\s+potential|maggior[ei]\s+potenzial\w*|offr\w*\s+(?:\w+\s+){0,2}(?:grandi\s+|great\s+|new\s+|nuove\s+)?opportunit\w*|offer\w*\s+(?:\w+\s+){0,2}(?:great\s+|new\s+|significant\s+)?opportunit\w*|mercati\s+emergenti|emerging\s+markets)")
_GROW_IN = re.compile(r"(?i)\b(?:grow|expand|crescere|espanderci|espandersi)\s+(?:in|into|nei|negli|nel|in)\b")
_TAKES_OFFICE = re.compile(r"(?i)\b(?:will\s+take\s+office|takes\s+office|taking\s+office|effective|with\s+effect\s+from|entrerà\s+in\s+carica|entra\s+in\s+carica|assumerà\s+(?:l['’]incarico|la\s+carica)|con\s+decorrenza)(?:\s+(?:on|from|as\s+of|il|dal|dall['’]))?\s*")
_ESTIMATES_NOTE = re.compile(r"(?i)(?:^|(?<=[.!?]\s))(?:the|these|all|i|questi|tutti\s+i)\s+(?:figures|data|numbers|dati|numeri)\s+(?:are|sono)\s+(?:(?:still|only|ancora|solo)\s+)?(?:estimates|estimated|stime|stimati|provisional\s+estimates)\b")
_COMP_CUE = re.compile(r"(?i)\b(competitors?|concorrent[ei]|dominated\s+by|competition\s+from|concorrenza|rivals?)\b")
# how far back a cue's sentence is searched for what colours it (competition, priority)
_CUE_WINDOW = 200
_FIRST_GAP = re.compile(r"^[ \u00a0]*[,:]?[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")
# "the main outlet markets were China, Turkey and India", "i principali mercati sono stati Cina, ..."
_AFTER_MARKETS_GAP = re.compile(r"(?i)^(?:[ \u00a0]+(?:of|for|by|in|dell['’]|della|del|dei|delle|degli|per|in)[ \u00a0]*[^,.;:\d]{0,40}?)?[ \u00a0]*(?:[,:;]|(?:are|were|is|was|have[ \u00a0]+been|include[ds]?|remain(?:ed|s)?|sono(?:[ \u00a0]+stat[ie])?|è|resta|rimane|restano|rimangono|includono|si[ \u00a0]+conferma(?:no)?)(?=[ \u00a0]))[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")
# a cue's own last word may be elided: "trainata dall'Asia"; "seguito dalle due Americhe"
_CUE_GAP = re.compile(r"^['’”\"]?[ \u00a0]*[,:]?[ \u00a0]*(?:(?:both|entramb[ei])[ \u00a0]+)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?(?:(?:two|due)[ \u00a0]+)?$")
# "by 25% in North America": a percentage attached to a place
_FIGURE_IN = re.compile(r"[ \u00a0]*(?:in|to|towards|verso|nel|nella|negli|nei|per|in)[ \u00a0]+")
# a list item may carry its figure in brackets: "Germany (12%), France (8%) and Spain"
# (an item may carry its figure in brackets, or a clause of its own up to a semicolon: "the US, which
# bought EUR 90m; Germany (EUR 60m); and France")
_MARKET_LIST_GAP = re.compile(r"^(?:[ \u00a0]*\([^()\n]{1,30}\))?(?:,[ \u00a0]*(?:which|that|che|where|dove)\b[^;()\n]{1,90}(?=;))?(?:;[ \u00a0]*(?:(?:and|e)[ \u00a0]+)?|,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+|,[ \u00a0]+(?:and|e)[ \u00a0]+)(?:(?:in|to|into|a|in|verso|nel|nella|negli|nei|da|dal|dalla|dai|dagli|dalle|dall['’])[ \u00a0]*)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")
_LIST_GAP = re.compile(r"^(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+|,[ \u00a0]+(?:and|e)[ \u00a0]+)(?:(?:in|to|into|a|in|verso|nel|nella|negli|nei)[ \u00a0]+)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")


_COMP_BEFORE = re.compile(r"(?i)(?:['’]s)?[ \u00a0,]*(?:(?:is|was|remains|remain|are|è|resta|rimane)[ \u00a0]+)?(?:(?:the|its|our|their|il|la|i|le|main|largest|biggest|leading|major|strongest|principale|principali|maggiore|maggiori|primo|first|top|chief|fiercest)[ \u00a0]+)*")
_COMP_GAP = re.compile(r"^[ \u00a0]*(?:(?:remain|remained|are|were|include|included|sono|restano|rimangono|the|a|an|il|la|i|gli|le|growing|increasing|rising|strong|stronger|aggressive|crescente|forte|still|ancora)[ \u00a0]+)*$")
_DEST_AFTER_CUE = re.compile(r"(?i)\b(?:remain\w*|are|were|is|was|as|represent\w*|restano|sono|rimangono|resta|rimane|è|confermano|confirmed|confirms|si[ \u00a0]+confermano|si[ \u00a0]+conferma)?[ \u00a0]*(?:(?:the|i|il|la|le|our|its|an|a|un|uno|una)[ \u00a0]+)?(?:(?:main|leading|first|second|third|top|principal|primary|key|largest|biggest|major|important|significant|principali|principale|primi|primo|prima|secondo|terzo|maggiore|maggiori|importante|importanti|rilevante)[ \u00a0]+)(?:(?:\d{1,2}|three|five|ten|tre|cinque|dieci)[ \u00a0]+)?(?:destination[ \u00a0]+|export[ \u00a0]+|outlet[ \u00a0]+|foreign[ \u00a0]+)?(?:markets?|outlets?|destinations?|mercat[oi](?:[ \u00a0]+di[ \u00a0]+(?:destinazione|sbocco))?|sbocch[oi]|(?:paese|paesi)[ \u00a0]+di[ \u00a0]+destinazione|"
    r"(?:nazione|paese|country)[ \u00a0]+(?:per[ \u00a0]+l['’]export|for[ \u00a0]+exports|di[ \u00a0]+destinazione|di[ \u00a0]+sbocco))\b")


def _list_after(text: str, pos: int, limit: int, spans: list[_Span], *, gap: re.Pattern[str]) -> list[_Span]:
    """Places listed right after ``pos``: "... such as India, Turkey and Bangladesh"."""
    listed: list[_Span] = []
    i = bisect.bisect_left(spans, pos, key=lambda s: s.start)
    for p in itertools.islice(spans, i, None):  # lazily: a list ends at its first gap
        if p.start >= limit:
            break
        between = text[pos:p.start]
        if listed and not _MARKET_LIST_GAP.match(between):
            break
        if not listed and not gap.match(between):
            break
        listed.append(p)
        pos = p.end
    return listed


def _list_before(text: str, pos: int, spans: list[_Span], *,
                 lead: str = r"[ \u00a0]*(?:,[ \u00a0]*(?=(?:che|which|that)\b))?(?:(?:si|still|also|again|ancora|anche|once[ \u00a0]+again|have|has|che|which|that)[ \u00a0]+)*") -> list[_Span]:
    """Places listed right before ``pos``: "Germany and the United States remain the main markets"."""
    listed: list[_Span] = []
    for p in sorted(spans, key=lambda x: -x.end):
        between = text[p.end:pos]
        if listed and not re.match(r"^(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?|,[ \u00a0]+(?:and|e)[ \u00a0]+)$", between):
            break
        if not listed and not re.fullmatch(lead, between):
            break
        listed.append(p)
        pos = p.start
    return listed


_AMONG_MARKETS = re.compile(
    r"(?i)\b(?:tra|fra|among)[ \u00a0]+(?:le|i|gli|the)[ \u00a0]+(?:(?:main|leading|principali|maggiori|top)[ \u00a0]+)?"
    r"(?:destinazioni|mercati|markets|destinations|sbocchi|outlets|paesi[ \u00a0]+di[ \u00a0]+destinazione)"
    r"(?:[ \u00a0]+(?:estere|esteri|di[ \u00a0]+sbocco|di[ \u00a0]+destinazione|foreign|export|abroad))?"
    r"(?:[ \u00a0]+(?:più|most|more|the[ \u00a0]+most)[ \u00a0]+[a-zàèéìòù]+)?"
    r"(?:[ \u00a0]*,|[ \u00a0]+(?:hanno|have|has|ha|si[ \u00a0]+sono|sono|figurano|spiccano|troviamo|include|includes|were|are|stand[ \u00a0]+out)(?:[ \u00a0]+(?!(?:il|lo|la|i|gli|le|the)[ \u00a0])[a-zàèéìòù]+(?=[ \u00a0]))?)?[ \u00a0]*")
# a place list the association means to work on: "must also look at India, Mexico and Brazil",
# "a promotion plan for footwear in the United States, Japan and the Gulf countries",
# "will concentrate its promotional activity in 2025: India, Vietnam and Mexico ..."
_PRIORITY_VERB = re.compile(
    r"(?i)\b(?:look(?:ing)?[ \u00a0]+(?:at|to|towards)|focus(?:es|ed|ing)?[ \u00a0]+on|concentrat\w*|target(?:s|ed|ing)?|"
    r"promotion[ \u00a0]+plan|promotional[ \u00a0]+(?:activit\w+|campaign|plan|initiatives?)|(?:trade[ \u00a0]+)?missions?|"
    r"guardare[ \u00a0]+(?:a|verso)|puntare[ \u00a0]+su|puntiamo[ \u00a0]+su|concentrer\w*|concentra\w*|piano[ \u00a0]+(?:di[ \u00a0]+)?promozion\w*|"
    r"attività[ \u00a0]+promozional\w*|missioni|priority[ \u00a0]+markets|mercati[ \u00a0]+prioritari)\b")
_PRIORITY_LEAD = re.compile(r"(?i)(?:\b(?:in|to|on|at|towards|into|verso|su|sui|sul|in|nei|negli|nel|nella|nelle|per)[ \u00a0]+|:[ \u00a0]*[“\"«]?)(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$")
# "Il Sud-Est asiatico e l'Africa del Nord sono le aree su cui concentreremo la nostra attività"
_AREAS_WE_TARGET = re.compile(
    r"(?i)[ \u00a0]+(?:sono|are|will[ \u00a0]+be|saranno|restano|remain)[ \u00a0]+(?:le|the|i|gli)[ \u00a0]+(?:aree|areas|mercati|markets|paesi|countries|regions|regioni)"
    r"[ \u00a0]+(?:su[ \u00a0]+cui|on[ \u00a0]+which|where|dove|in[ \u00a0]+cui|verso[ \u00a0]+cui|we[ \u00a0]+will)[ \u00a0]+[^.;]{0,30}?\b(?:concentr|focus|punt|target|invest)")


_SETTING_LEAD = re.compile(r"[ \u00a0]*(?:[“\"«][ \u00a0]*)?(?:(?:In|Nella|Nelle|Negli|Nei|Nel|Sulla|Sui|Sul|Verso|Across)(?![\w'’])|Nell['’])[ \u00a0]*(?:(?:the|single|singol[ao]|sol[ao]|intera|intero|whole|il|la|lo|i|gli|le)[ \u00a0]+)?"
                           r"(?:(?:area|region|regione|mercato|market|paese|country)[ \u00a0]+(?:of[ \u00a0]+|del[ \u00a0]+|dell['’][ \u00a0]*)?)?")


def _find_markets(st: _State) -> None:
    text = st.text
    rels: dict[tuple[str, str], MarketRelation] = {}
    places = [p for p in st.ents if p.kind in ("place:country", "place:region")]
    adjs = [p for p in st.ents if p.kind in ("adj:country", "adj:region")]
    places_and_adjs = sorted([*places, *adjs], key=lambda p: p.start)

    def add(p: _Span, rel: str) -> None:
        key = (p.name, rel)
        if key not in rels:
            rels[key] = MarketRelation(_mention(text, p.start, p.end), market=p.name, relation=rel, scope=st.sector)

    figure_sentences = {st.sentence_of(f.start) for f in st.figures()}
    for m in _lex_scan(st, "markets", "domestic"):
        s0, _ = st.sentence_of(m.start())
        if (s0, _) in figure_sentences and re.fullmatch(
                r"(?i)[ \u00a0]*(?:(?:on|in)[ \u00a0]+the|sul|nel)[ \u00a0]+", text[s0:m.start()]):
            continue  # "On the domestic market orders grew by 15%": the sentence's setting, told by its figure
        rels.setdefault((HOME_COUNTRY, "domestic"), MarketRelation(
            _mention(text, m.start(), m.end()), market=HOME_COUNTRY, relation="domestic", scope=st.sector))
    ranked_rx, _ = _lexicon("markets", "ranked")
    about_markets: dict[tuple[int, int], bool] = {}
    for m in _lex_scan(st, "markets", "destination", "ranked"):
        s0, s1 = st.sentence_of(m.start())
        if ranked_rx is not None and ranked_rx.fullmatch(m.group()):
            if (s0, s1) not in about_markets:
                about_markets[(s0, s1)] = re.search(
                    r"(?i)market|mercat|destination|destinazion|outlet|sbocc", text[s0:s1]) is not None
            if not about_markets[(s0, s1)]:
                continue  # "followed by" lists destinations only in a sentence about markets
        listed = _list_after(text, m.end(), s1, places, gap=_CUE_GAP)
        if not listed:
            continue
        window = text[max(s0, m.start() - _CUE_WINDOW):m.start()]
        if _COMP_CUE.search(window + m.group()):
            rel = "competitor"
        elif _PRIORITY_CUE.search(window + m.group()):
            rel = "export_priority"
        else:
            rel = "destination"
        for p in listed:
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "Quanto ai mercati esteri, Cina e Stati Uniti sono vivaci": every place the sentence names after the phrase
    for m in _lex_scan(st, "markets", "foreign_topic"):
        s0, s1 = st.sentence_of(m.start())
        for p in _near(places, m.end(), s1):
            if m.end() <= p.start < s1 and p.name != HOME_COUNTRY \
                    and not _COMP_CUE.search(text, max(s0, p.start - _CUE_WINDOW), p.start):
                add(p, "destination")
    # "exports weakened, mostly through the slump in Brazil and Egypt", "foreign sales rose 14%
    # in Oceania, 6% in Central Asia": a change or a figure "in" a place is a
    # destination where the sentence is about exports
    export_rx, _ = _lexicon("markets", "export_words")
    about_exports: dict[tuple[int, int], bool] = {}

    def on_exports(sent: tuple[int, int], pos: int) -> bool:
        """A sentence about exports (asked once per sentence), not about competitors before ``pos``."""
        if sent not in about_exports:
            about_exports[sent] = export_rx is not None and export_rx.search(text, *sent) is not None
        return about_exports[sent] and _COMP_CUE.search(text, max(sent[0], pos - _CUE_WINDOW), pos) is None

    for m in _lex_scan(st, "markets", "change_in"):
        s0, s1 = st.sentence_of(m.start())
        if not on_exports((s0, s1), m.start()):
            continue
        for p in _list_after(text, m.end(), s1, places, gap=_CUE_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    for f in st.figures():
        if f.kind != "pct":
            continue
        s0, s1 = st.sentence_of(f.start)
        at = _FIGURE_IN.match(text, f.end, s1)
        if at is None or not on_exports((s0, s1), f.start):
            continue
        for p in _list_after(text, at.end(), s1, places, gap=_CUE_GAP)[:1]:
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # "In Russia, invece, sono state esportate 5 milioni di paia", "Nell'area Csi gli ordini crescono": a
    # sentence about exports set in a place it names first
    for s0, s1 in st.sentences:
        lead = _SETTING_LEAD.match(text, s0, min(s1, s0 + 40))
        setting = st.place_at(lead.end()) if lead else None
        if setting is not None and setting.name != HOME_COUNTRY and on_exports((s0, s1), setting.start):
            add(setting, "destination")
    # "only Spain and India recorded an increase in orders": the places a change is told of
    for m in _lex_scan(st, "markets", "change_after"):
        s0, s1 = st.sentence_of(m.start())
        if not on_exports((s0, s1), m.start()):
            continue
        before = [p for p in _near(places, max(s0, m.start() - 80), m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # "In controtendenza il Nord America, dove le vendite sono cresciute del 6,4%"
    for m in _lex_scan(st, "markets", "after_place"):
        s0, _ = st.sentence_of(m.start())
        before = [p for p in _near(places, max(s0, m.start() - 60), m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before, lead=r"[ \u00a0]*,[ \u00a0]*"):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # the stops of a promotion tour: "first stops: Chennai and Hong Kong" (a city stands for its market)
    for m in _lex_scan(st, "markets", "tour"):
        _, s1 = st.sentence_of(m.start())
        for p in _list_after(text, m.end(), s1, st.places(), gap=_CUE_GAP):
            if p.name != HOME_COUNTRY and p.kind in ("place:country", "place:region", "place:city"):
                add(p, "export_priority")
    for m in st.scan(_AMONG_MARKETS, ("tra ", "fra ", "among")):
        s0, s1 = st.sentence_of(m.start())
        rel = "competitor" if _COMP_CUE.search(text, max(s0, m.start() - _CUE_WINDOW), m.start()) else "destination"
        for p in _list_after(text, m.end(), s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    for m in st.scan(_PRIORITY_VERB, ("look", "focus", "concentr", "target", "promot", "mission", "guardare", "puntare", "puntiamo", "promozion", "priorit")):
        s0, s1 = st.sentence_of(m.start())
        nxt = next((p for p in _near(places, m.end(), m.end() + 90) if m.end() <= p.start < min(s1, m.end() + 90)), None)
        if nxt is None:
            continue
        gap = text[m.end():nxt.start]
        ends_in_prep = re.search(r"(?i)(?:at|to|towards|on|su|a|verso)$", m.group())
        if re.search(r"[.;!?]|\d+(?:[.,]\d+)?[ \u00a0]*%", gap) or not (
                _PRIORITY_LEAD.search(gap) or (ends_in_prep and _FIRST_GAP.match(gap))):
            continue
        for p in _list_after(text, nxt.start, s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    # markets named as opportunities: "Canada and Saudi Arabia offer great opportunities", "with
    # Mexico and India as the markets with the greatest potential", "i mercati emergenti
    # dell'Africa subsahariana e dell'India"
    for m in st.scan(_OPPORTUNITY_CUE, ("potential", "potenzial", "opportunit", "emergent", "emerging")):
        s0, s1 = st.sentence_of(m.start())
        if re.search(r"(?i)mercati[ \u00a0]+emergenti|emerging[ \u00a0]+markets", m.group()):
            listed = _list_after(text, m.end(), s1, places, gap=re.compile(r"^[ \u00a0]*(?:of|in|such[ \u00a0]+as|like|come|quali|d(?:el|ella|ell['’]|ei|egli|i))?[ \u00a0]*(?:(?:the|il|la|i|gli|le)[ \u00a0]+|l['’])?$"))
        else:
            listed = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()
                      and not re.search(r"(?i)\b(?:oltre|beyond|besides|apart|except|tranne)\b", text[max(s0, p.start - 25):p.start])]
        for p in listed:
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    # "our priority will be to grow in India and South-East Asia"
    for m in st.scan(_GROW_IN, ("grow", "expand", "crescere", "espand")):
        s0, s1 = st.sentence_of(m.start())
        lo = max(s0, m.start() - _CUE_WINDOW)
        if not _PRIORITY_CUE.search(text, lo, m.start()) and not re.search(r"(?i)\b(?:aim|want|plan|intend|obiettivo|puntiamo|vogliamo)\b", text[lo:m.start()]):
            continue
        for p in _list_after(text, m.end(), s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    for m in st.scan(_AREAS_WE_TARGET, ("aree", "areas", "mercati", "markets", "paesi", "countries", "regions", "regioni")):
        s0, _ = st.sentence_of(m.start())
        before_cue = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before_cue):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    for m in st.scan(_COMP_CUE, ("compet", "concorren", "dominated", "rival")):
        s0, s1 = st.sentence_of(m.start())
        for p in _near(places_and_adjs, s0, s1):
            if not (s0 <= p.start < s1) or p.name == HOME_COUNTRY:
                continue
            # "China, the largest competitor", "China's competitors" (only what sits right before)
            if p.end <= m.start() and _COMP_BEFORE.fullmatch(text[p.end:m.start()]):
                add(p, "competitor")
        for p in _list_after(text, m.end(), s1, places_and_adjs, gap=_COMP_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "competitor")
    competition: dict[tuple[int, int], bool] = {}

    def about_competition(s0: int, s1: int) -> bool:
        if (s0, s1) not in competition:
            competition[(s0, s1)] = re.search(r"(?i)compet|concorr|dominat|rival", text[s0:s1]) is not None
        return competition[(s0, s1)]

    for i, p in enumerate(adjs):
        # "the growing Chinese presence dominates the competitive context", "Chinese competition",
        # "Chinese and Vietnamese competitors": the noun may follow the last adjective of a list
        s0, s1 = st.sentence_of(p.start)
        last = p
        for q in adjs[i + 1:]:
            if q.start < s1 and _LIST_GAP.match(text[last.end:q.start]):
                last = q
            else:
                break
        noun_after = re.match(r"(?i)[ \u00a0]+(?:(?:machinery|machine|equipment|technology)[ \u00a0]+)?(?:presence|competition|competitors|rivals|manufacturers(?=[^.]{0,80}\bcompetit))\b", text[last.end:last.end + 100])
        # "concorrenza dei produttori cinesi", "competition from Chinese manufacturers"
        noun_before = re.search(r"(?i)\b(?:presenza|concorrenza|concorrenti|competitor|competition[ \u00a0]+from|pressure[ \u00a0]+from)"
                                r"(?:[ \u00a0]+(?:dei|degli|delle|di|from|the)[ \u00a0]+(?:produttori|costruttori|manufacturers|producers|players|aziende|imprese|companies|suppliers|fornitori))?[ \u00a0]+$",
                                text[max(0, p.start - 45):p.start])
        if p.name != HOME_COUNTRY and (noun_after or noun_before) \
                and about_competition(s0, s1):
            add(p, "competitor")
        # "Chinese suppliers are offering complete lines at very low prices", "low-cost Chinese
        # components", "fornitori cinesi a basso costo": foreign makers competing on price
        elif p.name != HOME_COUNTRY and re.match(
                r"(?i)[ \u00a0]+(?:suppliers|producers|makers|manufacturers|components|machines|fornitori|produttori|costruttori|componenti|macchine)\b",
                text[last.end:last.end + 30]) and re.search(
                r"(?i)low[ -](?:cost|price)|(?:very\s+)?low\s+prices|basso\s+costo|prezzi\s+(?:molto\s+)?bassi|aggressiv|dumping",
                text[max(s0, p.start - 30):min(s1, last.end + 100)]):
            add(p, "competitor")
    for m in st.scan(_DEST_AFTER_CUE, ("market", "outlet", "destination", "destinazion", "mercat", "sbocc", "nazione", "paese", "paesi", "countr")):
        s0, _ = st.sentence_of(m.start())
        before_cue = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()]
        listed_back = _list_before(text, m.start(), before_cue)
        after = _list_after(text, m.end(), st.sentence_of(m.start())[1], places, gap=_AFTER_MARKETS_GAP)
        if after and ";" in text[m.end():after[0].start] and listed_back:
            after = []  # "A and B were the top destinations; C lost ground": a new clause
        listed_back += after
        rel = "export_priority" if _PRIORITY_CUE.search(m.group()) else "destination"
        for p in listed_back:
            if p.name != HOME_COUNTRY:
                add(p, rel)
    st.facts.extend(rels.values())
    for market in dict.fromkeys(r.market for r in rels.values()):
        entry = gz.place(market)
        ev = rels[next(k for k in rels if k[0] == market)].evidence
        st.facts.append(Place(ev, name=market, kind=entry.kind if entry else "country",
                              aliases=entry.aliases if entry else ()))


# --------------------------------------------------------------------------- priorities and drivers


# the structured priority cues (headings, "our priority will be"); plain cue phrases are in
# data/priorities.yaml. The triggers are the literal starts of these alternatives.
_PRIO_INTRO_TRIGGERS = ("among", "priorit", "goals", "objectives", "obiettivi", "traguardi", "our", "the", "la", "il", "mia", "nostra", "le", "at", "al",
                        "steps", "measures", "actions", "interventions", "requests", "demands", "proposals",
                        "misure", "interventi", "azioni", "richieste", "proposte", "passi",
                        "dobbiamo", "devono", "must", "we", "need", "have", "occorre", "bisogna", "è")
_PRIO_INTRO = re.compile(
    r"(?i)(?:among\s+the\s+priorities[^:]{0,40}:|priorities\s+(?:are|include|included)[^:]{0,10}:?|priorit(?:ies|à)\b[^:.\n]{0,40}:|"
    # "Our priority will be to grow in India", "Il primo impegno della mia presidenza sarà ..."
    r"(?:our|the|la|il|mia|nostra)\s+(?:main\s+|first\s+|top\s+|primo\s+|prima\s+|principale\s+)?(?:priority|priorità|impegno|obiettivo|goal|objective)\b[^.:;\n]{0,40}?\s+(?:will\s+be|is|sarà|è)\s+(?:to\s+)?|"
    r"le\s+priorità[^:]{0,40}:|"
    # goals named as a heading: "we have reached two important goals:", "i nostri obiettivi:"
    r"\b(?:goals|objectives|obiettivi|traguardi)\b[^:.\n]{0,30}:|"
    r"at\s+the\s+heart\s+of\s+the\s+(?:debate|discussion)\s*:|al\s+centro\s+del(?:\s+dibattito|l['’]incontro)\s*:|"
    # a bulleted list of demands: "three steps are now needed:", "le misure richieste:"
    r"\b(?:steps|measures|actions|interventions|requests|demands|proposals|misure|interventi|azioni|richieste|proposte|passi)\b[^:.\n]{0,40}:|"
    # "dobbiamo puntare su sostenibilità e digitalizzazione", "we must focus on ..."
    r"\b(?:dobbiamo|devono|must|we\s+need\s+to|need\s+to|we\s+have\s+to|have\s+to|occorre|bisogna|è\s+necessario)\s+(?:puntare|focus|invest|investire|concentrarci|concentrate|scommettere|bet)\s+(?:su(?:l|lla|i|gli|lle)?|on|in|sull['’])\b)")
# cause phrases with structure the lexicon (data/drivers.yaml) cannot state as a list
_DRIVER_INTRO = re.compile(
    r"(?i)\b(driven\s+by\s+(?=the\s+(?:slowdown|decline|drop|crisis))|frenat[ao]\b[^.;]{0,40}?\b(?:da|dai|dal|dalla|dalle|dagli|dall['’])|"
    r"\bpesa(?:no)?(?:\s+(?:ancora|anche|soprattutto|tuttora))?(?=\s+(?:il|lo|la|i|gli|le|l['’]))|"
    r"\ba\s+pesare\s+(?:sono|è|sono\s+stat[ie]|sono\s+stati)(?:\s+(?:soprattutto|anche|ancora))?|"
    r"(?:the\s+)?(?:main\s+)?(?:causes|reasons|factors)\b[^:.]{0,60}:|(?:le\s+)?(?:principali\s+)?(?:cause|ragioni|motivi|fattori)\b[^:.]{0,60}:)")
_DRIVER_INTRO_TRIGGERS = ("driven", "frenat", "pesa", "cause", "reason", "factor", "ragioni", "motivi", "fattori")
# a subject that weighs on the result: "the fall in investment ... is weighing on every market"
_DRIVER_SUBJECT = re.compile(
    r"(?i)[ \u00a0]+(?:is|are|was|were|has\s+been|have\s+been)?[ \u00a0]*(?:weighing\s+on|weighs\s+on|weigh\s+on|weighed\s+on|hitting|"
    r"has\s+hit|have\s+hit|hit|hurt|hurts|has\s+hurt|penalised|penalized|penalises|penalizes|held\s+back|is\s+holding\s+back|"
    r"pesa\s+su\w*|pesano\s+su\w*|ha\s+pesato|hanno\s+pesato|ha\s+colpito|hanno\s+colpito|colpisce|penalizza|penalizzano|ha\s+penalizzato|hanno\s+penalizzato|ha\s+frenato|hanno\s+frenato|frena|frenano|"
    # a force pushing the market: "incentives are pushing new investment", "l'export traina"
    r"pushing|driving|drives|drove|boosting|boosts|boosted|fuelling|fueling|fuels|fuelled|spinge|spingono|traina|trainano|sostiene|sostengono|"
    # a cause with its effect named after it: "the strong dollar caused a drop", "i dazi hanno provocato"
    r"caused|has\s+caused|have\s+caused|contributed\s+to|has\s+contributed\s+to|ha\s+causato|hanno\s+causato|ha\s+provocato|hanno\s+provocato|"
    r"ha\s+contribuito\s+a\w*|hanno\s+contribuito\s+a\w*|"
    # a cost eating into margins: "the sharp rise in costs erodes margins"
    r"erodes|eroding|eroded|erode|erodono|ha\s+eroso|hanno\s+eroso|squeezes|squeezing|"
    # a constraint named as such: "the shortage of technicians is our biggest constraint"
    r"(?:our|the|il\s+nostro|la\s+nostra)\s+(?:biggest|main|greatest|principale|maggiore)\s+(?:constraint|obstacle|problem|challenge|concern|limite|ostacolo|problema|freno|vincolo)|"
    # "sanctions are a serious obstacle to growth", "il caro energia rappresenta un freno"
    r"(?:is|are|remains?|costituisc[eo]n?o?|rappresent[ao]n?o?|resta|restano)\s+(?:a|an|un|uno|una)\s+(?:[a-zà-ÿ]+\s+)?(?:obstacle|brake|burden|threat|ostacolo|freno|minaccia|zavorra)|"
    # a weak demand, a high cost: "la domanda interna resta debole", "the cost of energy remains high"
    r"(?:resta|rimane|restano|rimangono|remains?|stays?)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|deboli|weak|sluggish|fiacca|fiacco)|"
    # (only for a demand, and a cost or price: checked where the subject is known)
    r"(?:è|is)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|weak|sluggish|fiacca)|"
    r"(?:resta|rimane|restano|rimangono|remains?|stays?|è|is|are|sono)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:alt[oaie]|high|elevat[oaie]))\b")
_NEEDS_SUBJECT = re.compile(r"(?i)\b(?:è|is|are|sono)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|weak|sluggish|fiacca)\b|\b(?:alt[oaie]|high|elevat[oaie])$")
_DEMAND_OR_COST = re.compile(r"(?i)\b(?:domanda|demand|cost[oi]?|costs|prezz[oi]|prices?)\b")
_DRIVER_HOLD = re.compile(
    r"(?i)[ \u00a0]+(?:(?:are|is|were|was|have|has|stanno|hanno|ha|sono)[ \u00a0]+)?(?:postponing|postponed|delaying|delayed|froze|frozen|freezing|"
    r"rinviando|rinviato|rinviano|rimandando|rimandato|congelando|congelato|congelano)[ \u00a0]+(?:(?:their|the|its|our|gli|i|le|i\s+loro|gli\s+stessi|nuovi|new)[ \u00a0]+)*"
    r"(?:investments?|investimenti|orders|ordini|purchases|acquisti|capital\s+spending)\b")
# a piece that continues the item before it: an example, a relative clause, a second complement
# ("accordi con l'India e con il Mercosur"), an apposition ("..., in grado di ...", "..., dedicated to ...")
_MERGE_ITEM = re.compile(r"(?i)^(?:a\s+partire\s+d|(?:starting\s+with|such\s+as(?!\s+to\b)|including|in\s+particular|come|tra\s+cui|also|anche|which|that|che|in\s+order|"
                         r"con|with|per|for|in\s+grado|able\s+to|capable\s+of|\w+(?:ed|at[oaie]|it[oaie])\s+(?:to|a|al|alla|ai|per|for|by|da))\b)")
_LEAD = re.compile(r"(?i)^(?:però|tuttavia|inoltre|quindi|dunque|pertanto|however|therefore|moreover|al\s+governo\s+di|alle\s+istituzioni\s+di|the\s+government\s+to|al\s+governo|alle\s+istituzioni|the\s+government|above\s+all|and|e|ed|to\s+the|the|a|an|also|for|soprattutto|un|una|uno|il|lo|la|i|gli|le|dei|delle|degli|di|by|da|dal|dalla|dai|dagli|dalle|al|alla|allo|alle|agli|ai|all['’]|dall['’]|dell['’]|sul|sulla|sullo|sui|sugli|sulle|sull['’]|l['’])\b[ \u00a0]*")


_BOTH = re.compile(r"(?i)\b(?:both|entramb[ie])\b")


def _list_items(text: str, a: int, b: int, st: _State, *, bare_nouns: bool = False) -> list[tuple[int, int]]:
    """Items of an enumeration between a and b."""
    seg = text[a:b]
    protected = _near(st.protected(), a, b)
    if ";" in seg:
        parts = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^;]+", seg)]
    else:
        cuts = [a]
        for m in re.finditer(r",[ \u00a0]+(?:and[ \u00a0]+|e[ \u00a0]+)?|[ \u00a0][-–][ \u00a0]|[ \u00a0]+(?:and|e|ed)[ \u00a0]+", seg):
            pos = a + m.start()
            if any(p.start <= pos < p.end for p in _near(protected, pos, pos)):
                continue
            if "," not in m.group() and _BOTH.search(text, cuts[-1], pos):
                continue  # "growth in both the foreign and the home markets": one item
            cuts.extend([pos, a + m.end()])
        cuts.append(b)
        parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    items: list[tuple[int, int]] = []
    for s, e in parts:
        piece = text[s:e].strip(" \u00a0")
        if not piece:
            continue
        only_places = False
        if items:
            inside = [p for p in _near(protected, s, e) if p.start < e and s < p.end]
            rest = "".join(ch for i, ch in enumerate(text[s:e])
                           if not any(p.start <= s + i < p.end for p in inside))
            only_places = bool(inside) and not any(ch.isalpha() for ch in rest)
        # "rifinanziare la Nuova Sabatini, strumento essenziale per le piccole imprese": an apposition
        # (a bare noun after a comma) describes the proper name before it
        apposition = bool(items) and text[items[-1][1]:s].lstrip(" \u00a0").startswith(",") \
            and re.search(r"[A-ZÀ-Ý][\w'’.-]*[ \u00a0]*$", text[items[-1][0]:items[-1][1]]) is not None \
            and re.match(r"[a-zà-ÿ]", piece) is not None and not _LEAD.match(piece) and not re.match(r"(?i)(?:to|di|per|a)\b", piece) \
            and not any(p.end == items[-1][1] or p.start < items[-1][1] <= p.end for p in protected)  # a place closes a list item
        if items and (_MERGE_ITEM.match(piece) or only_places or apposition):
            items[-1] = (items[-1][0], e)
        else:
            items.append((s, e))
    if not bare_nouns and any(len(text[s:e].split()) < 2 for s, e in items):
        return [(a, b)]  # a list of bare nouns is one item: "digitisation, automation, sustainability"
    return items


def _clean_label(text: str) -> str:
    t = re.sub(r"[ \u00a0]+", " ", text).strip(" .,;:-–\"“”«»")
    t = _LEAD.sub("", t)
    t = _LEAD.sub("", t)
    return t[:1].lower() + t[1:] if t[:2] != t[:2].upper() else t


_COMPLEMENT_WORD = re.compile(r"(?i)\b(?:in|of|for|to|at|on|with|between|towards|against|beyond|contro|oltre|per|di|del|della|dei|degli|delle|dello|al|alla|ai|agli|alle|da|dal|dalla|con|tra|fra|su|sul|sulla|verso|nel|nella|nei|negli|nelle)\b|\b(?:all|dell|dall|sull|nell)['’]")


def _lex_alt(name: str, group: str) -> str:
    """The phrases of one lexicon group as a bare alternation (longest first), for a construction
    that combines groups."""
    phrases = sorted(gz.cue_lexicon(name).get(group, ()), key=len, reverse=True)
    return "|".join(_lex_phrase(p) for p in phrases) or r"(?!)"


def _lex_triggers(name: str, group: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_lex_trigger(p) for p in gz.cue_lexicon(name).get(group, ())))


@cache
def _goal_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Priority constructions built from data/priorities.yaml: an aim named with its noun ("our
    first objective is to ..."), goals then the first of them ("goals ..., first of all X"), an
    ordinal opening a sentence ("The second one is ..."), the count of aims that licenses it
    ("three guidelines"), and a measure that must be kept ("the tax credit must be extended")."""
    sp = "[ \u00a0]+"
    nouns, verbs = _lex_alt("priorities", "goal_nouns"), _lex_alt("priorities", "goal_verbs")
    # (no comma in the gap: "our mission, which is ..." describes, it does not name an aim)
    goal = re.compile(
        rf"(?i)(?<![\w-])(?:{nouns})(?![\w-])[^.:;,\n]{{0,40}}?{sp}(?:(?:{verbs}){sp}(?:(?:quell[oa]{sp})?di{sp}|to{sp}|"
        rf"(?=(?:the|il|la|lo|i|gli|le){sp}|l['’]|[a-zà-ù]{{2,}}(?:are|ere|ire)(?![\w'’])))|quell[oa]{sp}di{sp})")
    first = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'goal_plurals')})(?![\w-])[^.:;\n]{{0,80}}?,{sp}"
        rf"(?:{_lex_alt('priorities', 'goal_first')}){sp}")
    ordinal = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'ordinals')})(?:{sp}(?:one|of{sp}these|[a-zà-ù]+(?:{sp}di{sp}[a-zà-ù]+)?))?"
        rf"{sp}(?:is|will{sp}be|concerns|aims{sp}to|è|sarà|riguarda|intende|mira{sp}a|punta{sp}a|prevede)"
        rf"{sp}(?:(?:quell[oa]{sp})?di{sp}|to{sp})?")
    count = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'counts')})(?![\w-])[^.\n]{{0,40}}?(?<![\w-])(?:{_lex_alt('priorities', 'count_nouns')})(?![\w-])")
    must = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'must_be')}){sp}(?:(?:[a-z]+ly|ulteriormente|subito|urgentemente|finalmente){sp})?"
        rf"(?:{_lex_alt('priorities', 'policy_participles')})(?![\w])")
    return goal, first, ordinal, count, must


_NEGATED_ASK = re.compile(r"(?i)\b(?:do|does|did|we|are|is)[ \u00a0]+not[ \u00a0]+(?:\w+[ \u00a0]+)?$|\b(?:don['’]t|doesn['’]t)[ \u00a0]+$|\bnon[ \u00a0]+(?:\w+[ \u00a0]+)?$")
_NOT_THIS_BUT = re.compile(r"(?i),?[ \u00a0]*(?:but|ma)[ \u00a0]+(?:(?:rather|also|for|piuttosto|anche)[ \u00a0]+){0,2}")
_THAT_SPLIT = re.compile(r"(?i)(?:,[ \u00a0]+(?:and[ \u00a0]+|e[ \u00a0]+)?|[ \u00a0]+(?:and|e|ed)[ \u00a0]+)(?:that|che)[ \u00a0]+")


_WISH_TAIL = re.compile(r"(?i)[ \u00a0]+(?:in[ \u00a0]+order[ \u00a0]+to|so[ \u00a0]+as[ \u00a0]+to|al[ \u00a0]+fine[ \u00a0]+di|in[ \u00a0]+modo[ \u00a0]+da)[ \u00a0]+|,[ \u00a0]+(?=[a-zà-ù]{3,}(?:ing|ando|endo)[ \u00a0])")


def _that_clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The coordinated "that" clauses of a wish ("we hope that A, that B, that C"), each whole."""
    cuts = list(_THAT_SPLIT.finditer(text, a, b))
    out, start = [], a
    for c in cuts:
        out.append((start, c.start()))
        start = c.end()
    out.append((start, b))
    # a purpose or a gerund clause tacked on is one more wish: "..., that firms keep investing in
    # order to stay leaders, keeping the brand strong" (three aims)
    parts: list[tuple[int, int]] = []
    for s, e in out:
        for c in _WISH_TAIL.finditer(text, s, e):
            parts.append((s, c.start()))
            s = c.end() if c.group().strip(" \u00a0,") else c.start() + len(c.group())
        parts.append((s, e))
    return [(s, e) for s, e in parts if len(text[s:e].split()) >= 3]


def _find_priorities(st: _State) -> None:
    text = st.text
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}  # per sentence
    single_rx, _ = _lexicon("priorities", "ask_to", "aim")
    aim_rx, _ = _lexicon("priorities", "aim")
    goal_rx, first_rx, ordinal_rx, count_rx, must_rx = _goal_res()
    goals = list(st.scan(goal_rx, _lex_triggers("priorities", "goal_nouns")))
    named_goals = {(m.start(), m.end()) for m in goals}
    intros = [*st.scan(_PRIO_INTRO, _PRIO_INTRO_TRIGGERS), *_lex_scan(st, "priorities", "ask", "ask_to", "aim"),
              *goals, *st.scan(first_rx, _lex_triggers("priorities", "goal_plurals"))]
    # the longest cue at a place wins ("it is necessary that" over "is necessary that")
    intros.sort(key=lambda x: (x.start(), -x.end()))
    last_end = -1
    for m in intros:
        if m.start() < last_end:
            continue
        last_end = m.end()
        s0, s1 = st.sentence_of(m.start())
        if (m.start(), m.end()) in named_goals:
            # "our first objective is to safeguard ...", "come leitmotiv quello di rafforzare ... e di
            # mantenere ...": each coordinated infinitive is one aim, to its clause's end
            a = m.end()
            end_m = _GOAL_END.search(text, a, s1)
            b = end_m.start() if end_m else s1
            for part in _GOAL_AND.split(text[a:b]):
                pa = text.find(part, a, b)
                purpose = _GOAL_PURPOSE.search(text, pa, pa + len(part))
                _add_priority(st, pa, purpose.start() if purpose else pa + len(part), s0, strong=True, taken=taken)
                a = pa + len(part)
            continue
        lead_in = _ASK_COLON.match(text, m.end())
        listed = _bullets_after(text, lead_in.end()) if lead_in else []
        if listed:
            # "le tre associazioni chiedono di:", "ask the ministry to:" and a bulleted list: each
            # item is one request
            for s, e in listed:
                _add_priority(st, s, e, s0, strong=True, taken=taken)
            continue
        if single_rx is not None and single_rx.fullmatch(m.group()):
            # "must keep investing in new equipment and skills", "aims to make sure everyone
            # and representativeness": one infinitive clause, to the sentence's (or quote's) end
            a = m.end()
            end_m = re.search(r"[”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:but|ma|otherwise|altrimenti|which|che)\b|[ \u00a0]+(?:but|ma)[ \u00a0]", text[a:s1])
            b = a + end_m.start() if end_m else s1
            strong_aim = aim_rx is not None and aim_rx.fullmatch(m.group()) is not None
            _add_priority(st, a, b, s0, strong=strong_aim, taken=taken)
            continue
        strong = bool(re.match(r"(?i)(?:among|priorit|at\s+the\s+heart|al\s+centro|le\s+priorit)", m.group())) \
            or bool(re.search(r"(?i)\b(?:priority|priorità|impegno|obiettivo|goal|objective|goals|objectives|obiettivi|traguardi)\b", m.group())) \
            or bool(re.search(r"(?i)(?:puntare|focus|invest|investire|concentrarci|concentrate|scommettere|bet)\s+\S+$", m.group()))
        a = m.end()
        bullets = _bullets_after(text, a) if m.group().endswith(":") else []
        if not bullets and _ASK_INFINITIVE.match(text, a, s1):
            # "chiede al governo di continuare a vigilare, insieme a ..., perché ...": one request,
            # an infinitive clause to the sentence's (or quote's) end, not a list of nouns
            # ("chiediamo di semplificare X e di rifinanziare Y": each coordinated infinitive is one)
            end_m = _QUOTE_OR_DASH.search(text, a, s1)
            b = end_m.start() if end_m else s1
            # (a purpose clause stays: "di vigilare perché le macchine importate rispettino le norme")
            for part in _GOAL_AND.split(text[a:b]):
                pa = text.find(part, a, b)
                _add_priority(st, pa, pa + len(part), s0, strong=True, taken=taken)
                a = pa + len(part)
            continue
        if m.group().endswith(":") and not re.match(r"(?i)(?:among|priorit|at\s+the|al\s+centro|le\s+priorit|goals|objectives|obiettivi|traguardi)", m.group()):
            if not bullets:
                continue
        if bullets:
            for s, e in bullets:
                mention = _mention(text, s, e)
                label = _clean_label(mention.text)
                label = re.sub(r"(?i)^(?:further|additional|specific|new|ulterior[ei]|nuov[aoie]|specific[aoie]|maggiore|un[ao]?)\s+", "", label)
                if len(label.split()) < 2:
                    continue
                pm2 = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
                prog = (("Industry" if pm2.group(1).lower() in ("industry", "industria") else "Transition") + f" {pm2.group(2)}") if pm2 else None
                st.facts.append(Priority(mention, text=label, programme=prog, voiced_by=st.publisher))
            continue
        end_m = re.search(r"[.!?](?=\s|$)|[”\"«»]|\.\s*$|[ \u00a0][-–][ \u00a0](?=[a-z]+[ \u00a0]+[A-Z])|,[ \u00a0]+(?:otherwise|but|ma|altrimenti)\b|[ \u00a0]+(?:but|ma)[ \u00a0]", text[a:s1])
        b = a + end_m.start() if end_m else s1
        refused = _NOT_THIS_BUT.match(text, end_m.start() + a, s1) if end_m and (
            _NEGATED_ASK.search(text, max(s0, m.start() - 16), m.start()) or re.match(r"(?i)(?:do|don|are|non)\b", m.group())) else None
        if refused:
            # "we are not asking for subsidies, but for rules that ...": the ask is what follows "but",
            # one request to the clause's end
            a = refused.end()
            end_m = _QUOTE_OR_DASH.search(text, a, s1)
            b = end_m.start() if end_m else s1
            b = a + len(text[a:b].rstrip(" .\u00a0"))
            if b - a >= 8:
                _add_priority(st, a, b, s0, strong=True, taken=taken)
            continue
        clauses = _that_clauses(text, a, b) if re.search(r"(?i)(?:that|che)$", m.group()) else []
        if len(clauses) >= 2:
            # "we hope that the firms are heard, that the country keeps investing in industry, that
            # research is supported": each "that" clause is one wish, whole ("and" inside stays)
            for s, e in clauses:
                if not re.search(r"(?i)^(?:(?!\b(?:che|which|that|who)\b).)*\b(?:è|is|are|sono|was|were)\b", text[s:e]):
                    _add_priority(st, s, e, s0, strong=True, taken=taken)
            continue
        single = bool(re.search(r"(?i)\b(?:priority|priorità|impegno|obiettivo|goal|objective)\b[^:]*$", m.group()))
        if single:
            # "our priority will be to ...": one aim, to the clause's end
            cl = re.search(r"[,:;(]|[ \u00a0](?:where|dove|which|che|otherwise|altrimenti)\b", text[a:b])
            b = a + cl.start() if cl else b
        # within a quotation the list stops at the quote's end
        if b - a < 8:
            continue
        for s, e in ([(a, b)] if single else _list_items(text, a, b, st)):
            if _overlapping(taken.get((s0, s1), []), s, e):
                continue
            mention = _mention(text, s, e)
            if len(mention.text.split()) < 2:
                continue
            # a heading ("Among the priorities:") vouches for every item; a plain "we need"
            # only for a specific lever ("investments in ...", "misure per ..."), not for
            # "cohesion, investment and a long-term vision"
            if _only_places(st, s, e):
                continue  # "focus on the Gulf countries, India and Saudi Arabia": markets, not a priority
            if re.search(r"(?i)^(?:(?!\b(?:che|which|that|who)\b).)*\b(?:è|is|are|sono|was|were)\b", mention.text):
                continue  # "... e officine è ancora il doppio ...": a statement inside the list, no request
            if not strong and not _COMPLEMENT_WORD.search(mention.text):
                continue
            label = _clean_label(mention.text)
            label = re.sub(r"(?i)^(?:to\s+|the\s+need\s+to\s+|need\s+to\s+|the\s+urgency\s+of\s+)", "", label)
            if not label:
                continue  # "Chiediamo però al Governo - ...": the addressee, no request
            prog = None
            pm = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
            if pm:
                word = "Industry" if pm.group(1).lower() in ("industry", "industria") else "Transition"
                prog = f"{word} {pm.group(2)}"
            voiced = _speaker_near(st, s0, s)
            st.facts.append(Priority(mention, text=label, programme=prog, voiced_by=voiced or st.publisher))
            bisect.insort(taken.setdefault((s0, s1), []), (s, e))
    # what an agreement provides for: "a memorandum ... which provides for joint training, shared
    # research and joint production", "l'accordo prevede lo scambio di tecnici e ...": each item one aim
    agree_rx, _ = _lexicon("priorities", "agreement_nouns")
    for m in _lex_scan(st, "priorities", "provides_for"):
        s0, s1 = st.sentence_of(m.start())
        if agree_rx is None or not agree_rx.search(text, max(s0, m.start() - 250), m.start()):
            continue
        a = m.end()
        end_m = _QUOTE_OR_DASH.search(text, a, s1)
        b = end_m.start() if end_m else s1
        b = a + len(text[a:b].rstrip(" .\u00a0"))
        for s, e in _list_items(text, a, b, st):
            _add_priority(st, s, e, s0, strong=True, taken=taken)
    # "The first one is ...", "La prima è quella di ...": an ordinal opening its sentence, after a
    # count of aims ("three guidelines", "Due le linee di intervento")
    for m in st.scan(ordinal_rx, _lex_triggers("priorities", "ordinals")):
        s0, s1 = st.sentence_of(m.start())
        if text[s0:m.start()].strip(" \u00a0\"“«'‘") or not count_rx.search(text, max(0, s0 - _COUNT_WINDOW), s0):
            continue
        stop = _GOAL_CLAUSE_END.search(text, m.end(), s1)
        _add_priority(st, m.end(), stop.start() if stop else s1, s0, strong=True, taken=taken)
    # "synergies to tackle the challenges of ...", "dialogo e coesione per affrontare le sfide del
    # futuro": the noun phrase before the cue (no clause of its own) and the challenge
    for m in _lex_scan(st, "priorities", "challenge"):
        s0, s1 = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        # (the last conjunct of a list takes the purpose: "services, promotion, and synergies to
        # tackle ..."; a list with no "and" is one motto: "dialogo, coesione, sostenibilità per ...")
        cut = max((x.end() for x in re.finditer(r"[;:“”\"«»(]|[ \u00a0][-–][ \u00a0]|,?[ \u00a0]+(?:and|e|ed)[ \u00a0]+", lead)), default=0)
        phrase = lead[cut:].strip(" \u00a0")
        if not phrase or _CLAUSE_START.match(phrase) or _FINITE_VERB.search(phrase) or _PRIO_VERB.search(phrase):
            continue  # "companies had to face the challenges": a narrative, no aim
        end_m = _QUOTE_OR_DASH.search(text, m.end(), s1)
        _add_priority(st, s0 + cut + (len(lead[cut:]) - len(lead[cut:].lstrip(" \u00a0"))),
                      end_m.start() if end_m else s1, s0, strong=True, taken=taken)
    # "tax credits, faster refunds and training funds are some of the requests ...": each item
    for m in _lex_scan(st, "priorities", "requests_after"):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[;“”\"«»(]|[ \u00a0][-–][ \u00a0]", lead)), default=0)
        for s, e in _list_items(text, s0 + cut, m.start(), st, bare_nouns=True):
            e = s + len(text[s:e].rstrip(" \u00a0:,"))
            _add_priority(st, s, e, s0, strong=True, taken=taken)
    # "promoting the excellence of the district remains the main objective", "the tax credit
    # must be extended": the clause before
    for m in [*_lex_scan(st, "priorities", "named_before"), *st.scan(must_rx, _lex_triggers("priorities", "must_be"))]:
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(]|[ \u00a0][-–][ \u00a0]", lead)), default=0)
        _add_priority(st, s0 + cut, m.start(), s0, strong=True, taken=taken)


# where an aim named with its noun ends: a quote, a dash, a new sentence; and where one of its
# coordinated infinitives ends: a purpose or reason clause ("affinché ...", "because ...")
_GOAL_END = re.compile(r"[”\"«»]|[ \u00a0][-–][ \u00a0]|[.!?](?=\s|$)")
_GOAL_AND = re.compile(r"(?i),?[ \u00a0]+(?:e|ed|and)[ \u00a0]+(?=(?:di|to)[ \u00a0])(?:di|to)[ \u00a0]+")
_GOAL_CLAUSE_END = re.compile(r"(?i)[,;:(]|[ \u00a0]+(?:because|since|as|which|perché|poiché|affinché|così|so[ \u00a0]+that|in[ \u00a0]+order)(?![\w'’])")
_GOAL_PURPOSE = re.compile(r"(?i),?[ \u00a0]+(?:because|since|perché|poiché|affinché|così[ \u00a0]+da|so[ \u00a0]+that|in[ \u00a0]+order)(?![\w'’])")
# an ask whose requests follow as bullets: "chiedono di:", "call on the government to:"
_ASK_COLON = re.compile(r"[^\n.:;]{0,40}:[ \u00a0\t]*(?=\r?\n)")
# an ask put as an infinitive: "chiede (al governo) di prorogare ...", "asks (the EU) to restore ..."
_ASK_INFINITIVE = re.compile(r"(?i)[ \u00a0]+(?:(?:al|alle|ai|agli|all['’]|the|a)[ \u00a0]+[^\s,.;:]+(?:[ \u00a0]+[^\s,.;:]+){0,3}?[ \u00a0]+)?(?:di|to)[ \u00a0]+[a-zà-ù]+(?:are|ere|ire)(?![\w'’])")
# how far before an ordinal ("The second one is ...") its count of aims is looked for
_COUNT_WINDOW = 400
# a finite verb of a narrative ("companies faced", "abbiamo affrontato"): no aim before "to tackle"
_PRIO_VERB = re.compile(r"(?i)\b(?:had|have|has|did|will|would|could|we|they|abbiamo|hanno|ha|avevano|si)\b")


def _add_priority(st: _State, a: int, b: int, s0: int, *, strong: bool,
                  taken: dict[tuple[int, int], list[tuple[int, int]]]) -> None:
    """One priority read from text[a:b] (a need, an aim), unless a list item already holds it."""
    text = st.text
    sent = st.sentence_of(a)
    if b - a < 8 or _overlapping(taken.get(sent, []), a, b):
        return
    mention = _mention(text, a, b)
    if len(mention.text.split()) < 2 or _only_places(st, a, b):
        return
    if not strong and not _COMPLEMENT_WORD.search(mention.text):
        return
    if re.search(r"(?i)^(?:be|been|being|essere|stat[oaie])[ \u00a0]+\w+(?:ed|en|at[oaie]|it[oaie]|ut[oaie])\b", mention.text):
        return  # "needs to be confirmed": a passive names no aim
    label = _clean_label(mention.text)
    pm = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
    prog = (("Industry" if pm.group(1).lower() in ("industry", "industria") else "Transition") + f" {pm.group(2)}") if pm else None
    voiced = _speaker_near(st, s0, a)
    st.facts.append(Priority(mention, text=label, programme=prog, voiced_by=voiced or st.publisher))
    bisect.insort(taken.setdefault(sent, []), (a, b))


def _only_places(st: _State, s: int, e: int) -> bool:
    inside = [p for p in _near(st.places(), s, e) if s <= p.start and p.end <= e]
    if not inside:
        return False
    rest = st.text[s:e]
    for p in sorted(inside, key=lambda x: -x.start):
        rest = rest[:p.start - s] + rest[p.end - s:]
    return not re.sub(r"(?i)\b(?:and|e|ed|or|o|the|il|la|i|gli|le|l['’]|countries|paesi)\b|[^\w]", "", rest)


def _speaker_near(st: _State, s0: int, pos: int) -> str | None:
    cands = [p for p in _near(st.people_sorted(), s0, pos) if s0 <= p.start < pos]
    return max(cands, key=lambda p: p.start).name if cands else None


_CLAUSE_START = re.compile(r"(?i)(?:our|we|it|they|this|these|its|their|there|he|she|(?-i:I)|noi|i\s+nostri|le\s+nostre|il\s+nostro|la\s+nostra|questo|questa|ci|si)\b")


# a consequence, not a further cause: "..., such as to lift it to second place", "tale da ..."
_CONSEQUENCE = re.compile(r"(?i)[ \u00a0]*(?:(?:such|so)(?:[ \u00a0]+as)?[ \u00a0]+to|tal[ei][ \u00a0]+da|così[ \u00a0]+da|in[ \u00a0]+modo[ \u00a0]+da)\b")
_FINITE_VERB = re.compile(r"(?i)\b(?:declined|fell|dropped|decreased|grew|rose|increased|contracted|slowed|recorded|were|was|are|is|have|has|had|sono|è|ha|hanno|calano|crescono|diminuiscono)\b")


def _bullets_after(text: str, pos: int) -> list[tuple[int, int]]:
    """The items of a bulleted list starting on the line after ``pos`` (an intro ending in ':')."""
    if not re.match(r"[ \u00a0\t]*\r?\n", text[pos:]):
        return []
    items: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\r\n]*(?:\r?\n|$)", text[pos:]):
        body = line.group().rstrip("\r\n")
        if not body.strip():
            if items:
                break
            continue
        bm = re.match(r"[ \u00a0\t]*(?:[-•*–·▪]|\d{1,2}[.)])[ \u00a0\t]+", body)
        if not bm:
            break
        a = pos + line.start() + bm.end()
        b = pos + line.start() + len(body.rstrip(" \u00a0\t;.,"))
        if b > a:
            items.append((a, b))
        if len(items) > 12:
            break
    return items


_INFINITIVE_AFTER = re.compile(r"(?i)[ \u00a0]*(?:be|been|have|essere)[ \u00a0]")
_QUOTED_NAME = re.compile(r"(?i)\b(?:so-called|so[ \u00a0]+called|cosiddett[aoie]|named|called|denominat[aoie]|chiamat[aoie])[ \u00a0]+[“\"«][^“”\"«»\n]{1,40}[”\"»]")
_QUOTE_OR_DASH = re.compile(r"[”\"«»]|[ \u00a0][-–][ \u00a0]")
_RELATIVE = re.compile(r"(?i)[ \u00a0,]+(?:che|which|that|who|il[ \u00a0]+quale|la[ \u00a0]+quale)\b")


def _find_drivers(st: _State) -> None:
    text = st.text
    seen: set[str] = set()
    recent: deque[str] = deque(maxlen=40)  # a repeated quote comes back within a few drivers
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}  # drivers read, per sentence

    factor_word_rx, _ = _lexicon("drivers", "factor", "factor_alone")
    figure_spans = sorted((f.start, f.end) for f in st.figures())

    def add(s: int, e: int) -> bool:
        mention = _mention(text, s, e)
        label = re.sub(r"(?i)^of[ \u00a0]+", "", _clean_label(mention.text))  # "the increase ..., of energy costs"
        key = gz.canonical_key(label)
        if not label or _not_a_driver(st, mention.start, mention.end, label):
            return False
        if label.count("(") != label.count(")"):
            return False  # "exports (approx": half a phrase
        if _overlapping(figure_spans, mention.start, mention.end):
            # a figure inside: "fermo intorno al -1%" is a result told; "i deboli risultati sul
            # mercato domestico con gli ordini scesi del 9,2%" a cause whose figure is left out
            i = bisect.bisect_left(figure_spans, (mention.end, -1))
            f0 = min(a for a, b in figure_spans[max(0, i - 4):i] if a < mention.end and mention.start < b)
            words = text[mention.start:f0].split()
            while words and words[-1].lower().strip(",;:(") in _FN_WORDS:
                words.pop()
            if len(words) < 5:
                return False
            return add(mention.start, text.rfind(words[-1], mention.start, f0) + len(words[-1]))
        if " " not in label and not label[:1].isupper() and not (factor_word_rx is not None and factor_word_rx.fullmatch(label)):
            return False  # a bare word ("exports", "limitato") names no cause, a factor word does ("inflation")
        if _only_places(st, mention.start, mention.end):
            return False  # "driven by Germany": a market, no cause
        here = spans.setdefault(st.sentence_of(mention.start), [])
        inside = _covering(here, mention.start, mention.end)
        bisect.insort(here, (mention.start, mention.end))
        # a quote said twice, once with an aside: "weakness in some markets (not only ...)"
        if key in seen or (not inside and key.count("-") >= 1 and any(
                f"-{short}-" in f"-{long_}-" for k in recent if k.count("-") >= 1
                for short, long_ in [sorted((k, key), key=len)])):
            return True
        seen.add(key)
        recent.append(key)
        st.facts.append(Driver(mention, text=label))
        return True

    def taken(pos: int) -> bool:
        return _covering(spans.get(st.sentence_of(pos), []), pos, pos + 1)

    # customers putting investment on hold: "companies are postponing investments", "i clienti
    # hanno congelato gli investimenti" -- the clause, subject and verb, is the driver
    for m in st.scan(_DRIVER_HOLD, ("postpon", "delay", "froze", "freez", "rinvi", "rimand", "congel")):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(‘']|\b(?:but|ma|and|e|while|mentre)\b[ \u00a0]", lead)), default=0)
        start = s0 + cut + (len(lead[cut:]) - len(lead[cut:].lstrip(" \u00a0")))
        if 1 <= len(text[start:m.start()].split()) <= 10 and not re.search(r"\d", text[start:m.start()]):
            add(start, m.end())

    for m in st.scan(_DRIVER_SUBJECT, ("weigh", "hit", "hurt", "penali", "held back", "holding back", "pesa", "pesato", "colpi", "frena", "frenato",
                                       "obstacle", "brake", "burden", "threat", "ostacolo", "freno", "minaccia", "zavorra", "push", "driving", "drive", "drove", "boost", "fuel", "erod", "eros", "squeez", "sping", "train", "sosten", "constraint", "obstacle", "problem", "challenge",
                                       "caused", "contribu", "causato", "provocato",
                                       "concern", "limite", "ostacolo", "freno", "vincolo", "debol", "weak", "sluggish", "fiacc", "high", "alt", "elevat")):
        # the noun phrase the verb follows, back to the clause start
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(]|\b(?:but|ma|and|e|while|mentre)\b[ \u00a0]", lead)), default=0)
        phrase = lead[cut:]
        start = s0 + cut + (len(phrase) - len(phrase.lstrip(" \u00a0")))
        words = phrase.split()
        if not (2 <= len(words) <= 12) or re.search(r"\d", phrase) or not re.match(
                r"(?i)(?:the|il|la|lo|i|gli|le|l['’]|un|una|a|an)\b", phrase.strip()):
            continue
        if re.match(r"(?i)(?:the|il|la)\s+(?:result|risultato|figure|dato|index|indice|sector|settore|year|anno)\b", phrase.strip()):
            continue
        if re.search(r"(?i)\b(?:che|which|that|who)[ \u00a0]*$", phrase):
            continue  # "... frenate da scelte che hanno penalizzato ...": the subject is a relative pronoun
        # "is weak" and "remains high" make a driver only of a demand or a cost ("la domanda di
        # piastrelle è debole", "il costo del gas resta alto"), not of any subject
        if _NEEDS_SUBJECT.search(m.group()) and not (_DEMAND_OR_COST.search(phrase) and (
                "debol" in m.group() or "weak" in m.group() or "sluggish" in m.group() or "fiacc" in m.group()
                or re.search(r"(?i)\b(?:cost[oi]?|costs|prezz[oi]|prices?)\b", phrase))):
            continue
        add(start, m.start())

    concession, _ = _lexicon("drivers", "concession")
    alone_rx, _ = _lexicon("drivers", "factor", "factor_alone")
    clause_rx, _ = _lexicon("drivers", "cause_clause", "concession_clause")
    because_rx, _ = _lexicon("drivers", "cause_clause")
    effect_rx, _ = _lexicon("drivers", "effect")
    positive_rx, _ = _lexicon("drivers", "cause_positive")
    component_rx, _ = _lexicon("drivers", "components")
    trend_rx, _ = _lexicon("drivers", "trend")
    hard_rx, hard_trig = _lexicon("drivers", "hardships")
    example_rx, _ = _lexicon("drivers", "examples")
    intros = [*st.scan(_DRIVER_INTRO, _DRIVER_INTRO_TRIGGERS),
              *_lex_scan(st, "drivers", "cause_before", "cause_positive", "concession", "cause_clause", "concession_clause")]
    for m in sorted(intros, key=lambda x: (x.start(), -x.end())):
        if taken(m.start()):
            continue  # "uncertainty resulting from the turmoil": a cue inside a driver already read
        helped = positive_rx is not None and positive_rx.fullmatch(m.group()) is not None
        if helped and (trend_rx is None or trend_rx.search(text, *st.sentence_of(m.start())) is None):
            continue  # "thanks to the organisers": a credit, no cause of a trend
        if clause_rx is not None and clause_rx.fullmatch(m.group()):
            # a whole clause is the cause: it is one driver, to its comma ("although difficulties
            # remain in the client sectors and in some markets, ..."); a "because" only after an
            # effect, since "perché lo sforzo sia sostenibile" states a purpose
            s0, s1 = st.sentence_of(m.start())
            if because_rx is not None and because_rx.fullmatch(m.group()) and (
                    effect_rx is None or effect_rx.search(text, max(s0, m.start() - _CUE_WINDOW), m.start()) is None):
                continue
            if not (because_rx is not None and because_rx.fullmatch(m.group())) and not any(
                    rx is not None and rx.search(text, s0, s1) for rx in (trend_rx, effect_rx)):
                continue  # "most are subcontractors, although many also sell their own brand": no result conceded
            a = m.end()
            end_m = _CLAUSE_STOP.search(text, a, s1)
            quote = _QUOTE_OR_DASH.search(text, a, end_m.start() if end_m else s1)
            b = quote.start() if quote else (end_m.start() if end_m else s1)
            if hard_rx is not None and example_rx is not None and (h := hard_rx.search(text, a, b)) \
                    and example_rx.search(text, h.end(), min(s1, h.end() + 80)):
                continue  # "despite the fact that we met difficulties such as X and Y": the examples are the causes
            if len(text[a:b].split()) >= 3 and not re.search(r"\d", text[a:b]):
                add(a, b)
            continue
        _, s1 = st.sentence_of(m.start())
        a = m.end()
        if _INFINITIVE_AFTER.match(text, a):
            continue  # "final figures, due to be released in spring": a schedule, no cause
        # a quoted name ("the so-called "Esempio Ter" decree") is no quotation's end
        seg = _QUOTED_NAME.sub(lambda q: "x" * len(q.group()), text[a:s1])
        end_m = re.search(r"[.;:!?](?=\s|$)|[;”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:which|that|while|but|with|in|as|che|ma|mentre|con|sia|così|so|thus|hence|quindi|pertanto|therefore)\b|[ \u00a0]+(?:when|quando)\b", seg)
        b = a + end_m.start() if end_m else s1
        if concession is not None and concession.fullmatch(m.group()):
            # "Despite the difficulties, Italy confirms ...": the concession ends at its comma, and
            # a bare word ("the difficulties") names no driver
            comma = text.find(",", a, b)
            b = comma if comma >= 0 else b
            bare = re.sub(r"(?i)^(?:the|il|la|lo|i|gli|le|l['’])\s*", "", text[a:b].strip())
            if len(bare.split()) < 2 and (alone_rx is None or not alone_rx.fullmatch(bare)):
                continue  # (a factor word says enough: "despite the uncertainty, ...")
        bullets = _bullets_after(text, m.end()) if m.group().endswith(":") else []
        if m.group().endswith(":") and not bullets and b <= a + 2:
            continue
        items = bullets or (_list_items(text, a, b, st, bare_nouns=True) if b > a else [])
        told = sum(_figure_early(text, figure_spans, s, e) for s, e in items)
        if told >= 2 and 2 * told >= len(items):
            continue  # "alla luce di un calo ..., attestato al -2% ..., il volume (124 milioni ...)": results listed, no cause
        if len(items) >= 2 and len(text[items[-1][0]:items[-1][1]].split()) == 1 \
                and re.search(r"(?i)[ \u00a0](?:and|e|ed|or|o)[ \u00a0]*$", text[items[-2][1]:items[-1][0]]):
            # "worsened by supply shortages and delays": a bare last word closes the item before it
            items = [*items[:-2], (items[-2][0], items[-1][1])]
        for i in range(len(items) - 2, -1, -1):
            # "of leather and chemical products", "weakness of agricultural and construction
            # machinery": a complement split at its "and" is one item
            piece = text[items[i][0]:items[i][1]].strip()
            nxt = text[items[i + 1][0]:items[i + 1][1]].strip()
            if (re.match(r"(?i)(?:of|di)[ \u00a0]", piece) or (
                    re.search(r"(?i)\b(?:of|di|del|della|dei|degli|delle)[ \u00a0]+[\w-]+$", piece)
                    # the second half is bare words: "construction machinery", not "all'incertezza
                    # geopolitica" or "inasprimento delle barriere" (items of their own)
                    and len(nxt.split()) <= 3 and not any(w.lower() in _FN_WORDS or re.search(r"['’]", w) for w in nxt.split()))) \
                    and re.fullmatch(r"[ \u00a0]+(?:and|e|ed)[ \u00a0]+", text[items[i][1]:items[i + 1][0]]):
                items[i:i + 2] = [(items[i][0], items[i + 1][1])]
        if helped:
            items = [(s, e) for s, e in items if not _a_share_of_the_figure(st, s, e, component_rx)]
        for n, (s, e) in enumerate(items):
            if n and _starts_participle_clause(text, items[n - 1][1], s, e):
                break  # "innovation offered to customers, providing original solutions ...": a new clause
            rel = _RELATIVE.search(text, s, e)
            if rel and len(_clean_label(text[s:rel.start()]).split()) >= 2 and not _defining_relative(text, rel, e, effect_rx):
                # "dall'incertezza geopolitica che ha frenato gli investimenti": the item ends at "che"
                add(s, rel.start())
                break
            if rel:
                # "da fattori che hanno pesato sulla logistica": a bare noun is defined by
                # its relative clause, which stays
                add(s, e)
                break
            if _CLAUSE_START.match(text[s:e].strip(" \u00a0")) or _FINITE_VERB.search(text, s, e) \
                    or _CONSEQUENCE.match(text, s, e):
                break  # a new clause ("..., our companies keep investing", "and exports declined") ends the list
            if not add(s, e) and _names_org(st, s, e):
                break  # "welcomes the vote of the Trade Council, launches ...": no cause here

    # "weak demand, no upturn in cars and the tariffs are the main risks": the list before the words
    for m in _lex_scan(st, "drivers", "named_before"):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[;:]", lead)), default=0)
        a = s0 + cut
        for s, e in _list_items(text, a, m.start(), st, bare_nouns=True):
            s += len(text[s:e]) - len(text[s:e].lstrip(" \u00a0“”\"«»"))
            e -= len(text[s:e]) - len(text[s:e].rstrip(" \u00a0“”\"«»"))
            if e > s and not taken(s):
                add(s, e)

    # hardships named then exemplified: "numerous difficulties during the year, such as X, Y and
    # Z", "criticità come A e B": each example is one driver
    if hard_rx is not None and example_rx is not None:
        for m in st.scan(hard_rx, hard_trig):
            _, s1 = st.sentence_of(m.start())
            ex = example_rx.search(text, m.end(), min(s1, m.end() + 80))
            if ex is None or re.search(r"[.;:!?]", text[m.end():ex.start()]):
                continue
            a = ex.end()
            end_m = re.search(r"[.;:!?](?=\s|$)|[;”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:just|only|to|which|that|che|solo|per)\b", text[a:s1])
            b = a + end_m.start() if end_m else s1
            for s, e in _list_items(text, a, b, st, bare_nouns=True):
                if not taken(s):
                    add(s, e)

    _factor_drivers(st, add, taken)


def _defining_relative(text: str, rel: re.Match[str], e: int, effect_rx: re.Pattern[str] | None) -> bool:
    """Whether the relative clause at ``rel`` (to ``e``) tells what the cause is rather than what
    it did: "a demand that has levelled off", "clienti che hanno anticipato gli acquisti" stay in
    the driver; "l'incertezza che ha frenato gli investimenti" (an effect word) and a clause set off
    by a comma ("the war, which ...") do not."""
    clause = text[rel.end():e]
    return "," not in text[rel.start():rel.start() + 2] and len(clause.split()) <= 16 \
        and not (effect_rx is not None and effect_rx.search(clause))


def _a_share_of_the_figure(st: _State, s: int, e: int, component_rx: re.Pattern[str] | None) -> bool:
    """Whether text[s:e] names only a share of the figure ("orders from abroad", "le vendite in
    Europa e Africa"): component words, places and grammatical words, nothing of a cause."""
    if component_rx is not None and component_rx.fullmatch(_clean_label(st.text[s:e])):
        return True
    heads = set(gz.cue_lexicon("drivers").get("component_heads", ()))
    rest = st.text[s:e]
    for p in sorted((p for p in _near(st.places(), s, e) if s <= p.start and p.end <= e), key=lambda x: -x.start):
        rest = rest[:p.start - s] + " " + rest[p.end - s:]
    words = re.findall(r"[\w]+", rest.lower())
    return bool(words) and any(w in heads for w in words) and all(w in heads or w in _FN_WORDS for w in words)


def _figure_early(text: str, figure_spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether a figure stands among the first words of text[s:e] ("pari al 77% del fatturato"):
    the item tells a result rather than names a cause."""
    i = bisect.bisect_left(figure_spans, (s, -1))
    return i < len(figure_spans) and figure_spans[i][0] < e and len(text[s:figure_spans[i][0]].split()) < 5


_GERUND = re.compile(r"(?i)[a-zà-ÿ]{3,}(?:ing|ando|endo)(?![\w'’])")


def _starts_participle_clause(text: str, prev_end: int, s: int, e: int) -> bool:
    """Whether the item at [s, e), after a comma, opens with a gerund ("providing", "unendo")
    rather than a participle used as an adjective ("rising costs", data/drivers.yaml)."""
    g = _GERUND.match(text, s, e)
    return g is not None and "," in text[prev_end:s] \
        and g.group().lower() not in gz.cue_lexicon("drivers").get("adjective_participles", ())


def _overlapping(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether a span of the start-sorted, barely overlapping ``spans`` overlaps [a, b)."""
    i = bisect.bisect_left(spans, (b, -1))
    return any(x < b and a < y for x, y in spans[max(0, i - 4):i])


def _covering(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether a span of the start-sorted ``spans`` covers [a, b); driver spans barely nest, so
    the few spans starting last before ``a`` are the only candidates."""
    i = bisect.bisect_right(spans, (a, _BIG))
    return any(x <= a and b <= y for x, y in spans[max(0, i - 4):i])


_FN_WORDS = frozenset(
    "the a an of in on at to for from by with and or but is are was were be been has have had will would can "
    "could this that these those its their our his her it they we which who whose what when where while as than "
    "also still very too more most less not no nor only even just so then there here both now such "
    "il lo la i gli le un una uno di del della dei degli delle dello da dal dalla dai dagli dalle in nel nella "
    "nei negli nelle su sul sulla sui sulle per con tra fra e ed o ma che chi cui non più meno molto ancora anche "
    "solo già è sono ha hanno era stato stata essere avere come se quando dove mentre sia né alla al ai agli "
    "alle allo questo questa questi queste quello quella tutto tutti ogni dell dall nell sull all si ci ne vi".split())
_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ-]*"
_LEFT_WORD = re.compile(rf"(?<![\w'’])({_WORD})[ \u00a0]+$")
_NEGATED = re.compile(r"(?i)\b(?:not|no|non|nessun[ao]?)[ \u00a0]+(?:(?:a|an|the|un|una|uno)[ \u00a0]+)?$")
_PROGRESSIVE = re.compile(r"(?i)\b(?:are|is|was|were|be|been)[ \u00a0]+\w+ing[ \u00a0]+$")
_POST_ADJ = re.compile(rf"(?:[ \u00a0]+{_WORD}(?![\w'’])){{1,2}}")
_FACTOR_COMPLEMENT = re.compile(
    rf"(?i)[ \u00a0]+(?:of|in|from|di|del|della|dei|degli|delle|dello|dell['’]|da|dal|dalla|dai|sui|sul|sulle|sulla)"
    rf"(?:[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’]))?(?:[ \u00a0]*(?:{_WORD}|[A-ZÀ-Ý][\w-]*)){{1,4}}")


def _content_words(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.lower() in _FN_WORDS:
            break
        out.append(w)
    return out


def _factor_drivers(st: _State, add: Any, taken: Any) -> None:
    """Context factors named as noun phrases: "the phase of weak demand", "la crescente carenza di
    risorse umane", "the shortage of chips and then the strikes". A factor counts only in a
    sentence that speaks of causes or effects (a cue of data/drivers.yaml) or lists two factors."""
    text = st.text
    factor_rx, factor_trig = _lexicon("drivers", "factor", "factor_alone")
    alone_rx, _ = _lexicon("drivers", "factor_alone")
    cue_rx, _ = _lexicon("drivers", "cause_before", "concession", "effect")
    if factor_rx is None:
        return
    by_sentence: dict[tuple[int, int], list[re.Match[str]]] = {}
    for m in st.scan(factor_rx, factor_trig):
        by_sentence.setdefault(st.sentence_of(m.start()), []).append(m)
    for (s0, s1), found in by_sentence.items():
        if len(found) < 2 and not (cue_rx is not None and cue_rx.search(text, s0, s1)):
            continue
        last_end = -1
        for m in found:
            a, b = m.start(), m.end()
            # (a coordinated factor counts only inside the driver that holds its "and": after a
            # subject read from "..., e i dazi restano un freno serio" it is that subject)
            if a < last_end or (taken(a) and not (_coordinated(text, st, a) and taken(max(s0, a - 6)))):
                continue
            if not taken(a) and taken(b - 1):
                continue  # "l'effetto di rimbalzo dello ...": a cue whose cause was read already
            if _PROGRESSIVE.search(text, max(s0, a - 40), a):
                continue  # "fuel prices that are driving costs up": the object of an effect
            # adjectives before the head: "weak", "constantly changing geopolitical", "crescente"
            for _ in range(3):
                lw = _LEFT_WORD.search(text, max(s0, a - 30), a)
                if lw is None or lw.group(1).lower() in _FN_WORDS:
                    break
                a = lw.start()
            if _NEGATED.search(text, max(s0, a - 16), a):
                continue  # "not an irreversible crisis" asserts none
            alone = " " in m.group().strip() or a < m.start()
            # Italian adjectives follow the noun: "tensioni geopolitiche", "crisi tedesca"
            if st.lang == "it":
                pa = _POST_ADJ.match(text, b, s1)
                if pa:
                    words = _content_words(pa.group().split())
                    if words:
                        b = text.find(words[-1], b, s1) + len(words[-1])
                        # "congiunture economiche e geopolitiche": a second adjective joined by "e"
                        tail = re.match(rf"[ \u00a0]+(?:e|ed)[ \u00a0]+({_WORD})(?=[ \u00a0]*[,.;:»”\"]|[ \u00a0]+(?:ma|but)\b)", text[b:s1])
                        if tail and tail.group(1).lower() not in _FN_WORDS:
                            b += tail.end()
                        alone = True
            cm = _FACTOR_COMPLEMENT.match(text, b, s1)
            if cm:
                words = cm.group().split()
                keep = [words[0]] + [w for w in _content_words([w for w in words[1:] if w.lower() not in ("the", "il", "lo", "la", "i", "gli", "le")])]
                if len(keep) > 1:
                    b = text.find(keep[-1], b, s1) + len(keep[-1])
                    alone = True
                    # "in Cina e Iran", "in China and India": a list of places closes the complement
                    more = re.match(r"(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed)[ \u00a0]+)([A-ZÀ-Ý][\w-]*)", text[b:s1])
                    if more and st.place_at(b + more.start(1)) is not None:
                        b += more.end()
            b = min(b, s1)
            # a bare head ("the crisis", "le criticità") says too little, unless it stands alone
            # in the lexicon ("the war", "la pandemia")
            if re.search(r"\d", text[a:b]) or not (alone or (alone_rx is not None and alone_rx.fullmatch(m.group()))):
                continue
            if add(a, b):
                last_end = b


def _coordinated(text: str, st: _State, pos: int) -> bool:
    """A factor inside a driver already read, after "and"/"sia per"/"as well as": a second cause."""
    before = text[max(0, pos - 25):pos]
    return re.search(r"(?i)\b(?:and|e|ed|sia|or|o|nonché|as[ \u00a0]+well[ \u00a0]+as)(?:[ \u00a0]+(?:per|for|da|dal|dalla|dalle|dai|by))?[ \u00a0]+(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$", before) is not None


_CHANGE_OF_FIGURE = re.compile(
    r"(?i)^(?:the[ \u00a0]+|la[ \u00a0]+|il[ \u00a0]+|l['’])?(?:reduction|decrease|increase|decline|drop|fall|rise|growth|contraction|"
    r"riduzione|diminuzione|aumento|incremento|calo|crescita|flessione|contrazione)\b[^.]{0,40}?\b(?:orders|exports|turnover|production|sales|"
    r"ordini|ordinativi|esportazioni|fatturato|produzione|vendite)\b")
_FRAGMENT_START = re.compile(r"(?i)^(?:(?:in|on|at|both|even|also|anche|be|been|essere|nel|nella|nei|negli|sul|sui|\w+(?:ally|ily|ously|ively|ently|antly|tely|rly|bly))\b|[“\"«]|\w+ing[ \u00a0]+(?:the|a|an|its|their|our|his|her)\b)")


def _names_org(st: _State, s: int, e: int) -> bool:
    return any(s <= o.start and o.end <= e for o in _near(st.orgs_sorted(), s, e))


def _not_a_driver(st: _State, s: int, e: int, label: str) -> bool:
    """An effect or a fragment read as a cause: "the reduction in orders" is what the figures say,
    "both in the domestic" half a phrase, "the approval of the Trade Commission" an organisation's act."""
    raw = st.text[s:e]
    if len(label) < 3 or _FRAGMENT_START.match(raw) or _CHANGE_OF_FIGURE.match(label):
        return True
    if len(label.split()) == 1 and re.fullmatch(r"(?i)increase|decrease|rise|fall|drop|growth|aumento|calo|crescita|rincaro", label):
        return True
    return _names_org(st, s, e)


# --------------------------------------------------------------------------- relations


_REL_RE = re.compile(r"(?i),?[ \u00a0]+(?:(?:which|that|che)[ \u00a0]+(?:is|è|fa)[ \u00a0]+)?(?:the|a|an|il|la|l['’])?[ \u00a0]*(?:(?:regional|territorial|local|provincial|national|italian|territoriale|regionale)[ \u00a0]+)?(branch|section|division|subsidiary|arm|part|member|articolazione|sezione|sede|parte|membro|socio|associata)(?:[ \u00a0]+(?:regionale|territoriale|locale|provinciale))?[ \u00a0]+(?:of|di|del|della|dell['’]|de)[ \u00a0]*(?:the[ \u00a0]+)?")
# an organisational link stated after an apposition: "UCIMU, the association of ..., member of
# Confindustria", "ACIMIT, l'Associazione dei costruttori ..., aderente a Federmacchine",
# "UNIC, l'associazione che ... e che fa parte di Confindustria Moda"; cue phrases are data
def _cue_alt(key: str) -> str:
    words = sorted(gz.relation_cues().get(key, ()), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", "[ \u00a0]+") for w in words)


@cache
def _rel_cue() -> re.Pattern[str]:
    return re.compile(
        r"(?i)(?:[,(–-][ \u00a0]*|[ \u00a0](?:and|e|ed)[ \u00a0]+|[ \u00a0]+)(?:(?:which|that|che|and)[ \u00a0]+)?(?:(?:is|è|was|has[ \u00a0]+been|are|sono)[ \u00a0]+)?(?:also[ \u00a0]+|anche[ \u00a0]+)?"
        r"(?:(?:a|an|un|una|the)[ \u00a0]+)?(?:(?:regional|territorial|local|national|territoriale|regionale)[ \u00a0]+)?"
        rf"(?:(?P<member>{_cue_alt('member_of')})|(?P<part>{_cue_alt('part_of')}))\b"
        r"(?:[ \u00a0]+(?:the|il|la|lo|l['’]))?[ \u00a0]*(?=[A-ZÀ-Ý])")


@cache
def _rel_triggers() -> tuple[str, ...]:
    return tuple({w.split()[0].lower()[:6] for k in ("member_of", "part_of") for w in gz.relation_cues().get(k, ())})


@cache
def _member_list_re() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{_cue_alt('member_lists')})[ \u00a0]*(?:[-–—:][ \u00a0]*|(?:are|include|sono|includono)[ \u00a0]+)(?=[A-ZÀ-Ý])")


@cache
def _system_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"nel sistema Confindustria" (cue before the name), "within the Confindustria system" (after)."""
    return (re.compile(rf"(?i)\b(?:{_cue_alt('system_before')})[ \u00a0]+$"),
            re.compile(rf"(?i)^[ \u00a0]+(?:{_cue_alt('system_after')})\b"))


@cache
def _self_noun_re() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:the|its|our|la|l['’]|nostra|sua)[ \u00a0]*(?:(?:new|nuova)[ \u00a0]+)?(?:{_cue_alt('self_nouns')})[ \u00a0]*$")


_ARTICLES_RE = re.compile(r"(?:al|alla|allo|ai|agli|alle|all['’]|del|della|dello|dei|degli|delle|dell['’])$")


def _find_relations(st: _State) -> None:
    text = st.text
    seen: set[tuple[str, str, str]] = {(r.subject, r.relation, r.object) for r in st.facts if isinstance(r, OrgRelation)}

    def add(subj: _Span, kind: str, obj: _Span) -> None:
        key = (subj.name, kind, obj.name)
        if key in seen or subj.name == obj.name:
            return
        seen.add(key)
        lo, hi = min(subj.start, obj.start), max(subj.end, obj.end)
        st.facts.append(OrgRelation(_mention(text, lo, hi), subject=subj.name,
                                    relation=kind, object=obj.name))  # type: ignore[arg-type]

    orgs = [o for o in st.orgs_sorted() if o.kind not in ("Venue", "TradeFair")]
    for subj in orgs:
        m = _REL_RE.match(text, subj.end)
        if not m:
            continue
        obj = st.org_at(m.end())
        if obj is None:
            continue
        kind = "member_of" if m.group(1).lower() in ("member", "membro", "socio", "associata") else "part_of"
        add(subj, kind, obj)
    last: tuple[_Span, _Span] | None = None
    pub = next((o for o in orgs if o.name == st.publisher), None)
    for m in st.scan(_rel_cue(), _rel_triggers()):
        obj = st.org_at(m.end())
        if obj is None or obj.kind in ("Venue", "TradeFair"):
            continue
        s0, s1 = st.sentence_of(m.start())
        kind = "member_of" if m.group("member") else "part_of"
        objs = [obj, *_coordinated_orgs(st, obj, s1)]
        if last and last[1].end <= m.start() and re.fullmatch(r"[ \u00a0]*,?[ \u00a0]*", text[last[1].end:m.start()]) is not None:
            # "part of Confindustria and a member of Federmacchine": the same subject again
            for o in objs:
                add(last[0], kind, o)
            last = (last[0], objs[-1])
            continue
        # the subject: the nearest organisation before, across one apposition at most
        before = [o for o in _near(orgs, s0, m.start()) if s0 <= o.start and o.end <= m.start()]
        near: _Span | None = before[-1] if before else None
        if near is None or len(text[near.end:m.start()]) > 160 or re.search(r"[.;:!?]", text[near.end:m.start()]) \
                or text[near.end:m.start()].count(",") > 2:
            # "The association is part of Confindustria", "la federazione, che aderisce a ...":
            # the issuing association
            if not (pub and _self_noun_re().search(text[max(s0, m.start() - 60):m.start()].split(",")[0].rstrip() + " ")):
                continue
            near = pub
        for o in objs:
            add(near, kind, o)
        last = (near, objs[-1])
    # "its four founding members - A, B, C and D": each listed organisation is a member of the
    # sentence's other organisation (else of the publisher)
    for m in st.scan(_member_list_re(), ("member", "soci", "associazion")):
        first = st.org_at(m.end())
        if first is None:
            continue
        s0, s1 = st.sentence_of(m.start())
        members = [first, *_coordinated_orgs(st, first, s1)]
        if len(members) < 2:
            continue
        inside = {(o.start, o.end) for o in members}
        owners = [o for o in _near(orgs, s0, s1) if s0 <= o.start and o.end <= s1 and (o.start, o.end) not in inside
                  and o.name not in {x.name for x in members}]
        owner = owners[0] if len(owners) == 1 else (pub if not owners else None)
        if owner is None:
            continue
        for o in members:
            add(o, "member_of", owner)
    # "the Confindustria member federation that represents ...": the publisher (or the organisation
    # in apposition just before) is a member of the umbrella named as an adjective
    member_after = re.compile(rf"(?i)[ \u00a0]+(?:{_cue_alt('member_nouns_after')})\b")
    for o in orgs:
        if not member_after.match(text, o.end) or not re.search(r"(?i)\b(?:the|a|an)[ \u00a0]+$", text[max(0, o.start - 8):o.start]):
            continue
        s0, _ = st.sentence_of(o.start)
        appo = [x for x in _near(orgs, s0, o.start) if s0 <= x.start and x.end <= o.start
                and re.fullmatch(r"[ \u00a0]*,[ \u00a0]*(?:the|a|an)[ \u00a0]+", text[x.end:o.start])]
        # (the umbrella itself taken for the publisher: the release's first other association)
        member = appo[-1] if appo else (pub if pub is not None and pub.name != o.name else next(
            (x for x in orgs if x.kind == "TradeAssociation" and x.name != o.name), None))
        if member is not None:
            add(member, "member_of", o)
    # "the young federation inside the Confindustria network", "nella rete Confindustria"
    before_re, after_re = _system_res()
    for o in orgs:
        if not (after_re.match(text[o.end:o.end + 20]) or before_re.search(text[max(0, o.start - 20):o.start])):
            continue
        s0, _ = st.sentence_of(o.start)
        cands = [x for x in _near(orgs, s0, o.start) if s0 <= x.start and x.end <= o.start and x.name != o.name]
        # else "the new federation within ...": the publisher, named as a noun just before
        whole = cands[-1] if cands else (pub if pub and re.search(rf"(?i)\b(?:{_cue_alt('self_nouns')})\b", text[max(s0, o.start - 60):o.start]) else None)
        if whole is not None and whole.name != o.name:
            add(whole, "part_of", o)


def _coordinated_orgs(st: _State, first: _Span, limit: int) -> list[_Span]:
    """The organisations listed after ``first``: "Confindustria and Confindustria Moda", "A, B e C"."""
    out: list[_Span] = []
    cur = first
    while True:
        # "member of A and of B", "aderente a A e a B": the preposition may be repeated
        m = re.match(r"(?:[ \u00a0]*,[ \u00a0]*(?:and[ \u00a0]+|e[ \u00a0]+)?|[ \u00a0]+(?:and|e|ed)[ \u00a0]+)(?:(?:of|to|in|with|di|a|in)[ \u00a0]+)?",
                     st.text[cur.end:min(limit, cur.end + 16)])
        nxt = st.org_at(cur.end + m.end()) if m else None
        if nxt is None or nxt.kind in ("Venue", "TradeFair") or len(out) > 20:
            return out
        out.append(nxt)
        cur = nxt


# --------------------------------------------------------------------------- events and quotations


_TITLE_RE = re.compile(r"(?i)\b(?:under\s+the\s+title|entitled|titled|with\s+the\s+title|dal\s+titolo|intitolat[ao]|il\s+titolo)\s*[:,]?\s*[“\"«]([^”\"»]{3,200})[”\"»]")


@cache
def _event_words() -> dict[str, Any]:
    data: dict[str, Any] = gz._load("events.yaml")
    return data


@cache
def _season_before_re() -> re.Pattern[str]:
    words = _words_alt(_event_words().get("collection_seasons", ()))
    return re.compile(rf"(?i)\b(?:{words})[ \u00a0]*$")


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive alternation of phrases, longest first; spaces and apostrophes are loose."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        alts.append(re.escape(w).replace(r"\ ", r"[ \u00a0]+").replace("'", "['’]").replace("’", "['’]"))
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


@cache
def _assembly_re() -> re.Pattern[str]:
    return _words_re(_event_words()["assembly"])


@cache
def _speakers_re() -> re.Pattern[str]:
    return _words_re(_event_words()["attendance"])


@cache
def _speech_re() -> re.Pattern[str]:
    return _words_re(_event_words()["speech"])


@cache
def _speech_before_re() -> re.Pattern[str]:
    return re.compile(_speech_re().pattern + r"[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,3}$")


@cache
def _signing_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = _event_words()["signing"]
    return _words_re(w["documents"]), _words_re(w["verbs"])


_HELD_AT = re.compile(r"(?i)\b(?:held|hosted|took\s+place|staged|met|gathered|convened|si\s+è\s+(?:svolt[ao]|tenut[ao]|riunit[ao])|si\s+sono\s+riuniti|riunit[ai]|ospitat[ao])\b[^.;]{0,50}?(?:\b(?:at|presso|nella\s+cornice\s+d\w+)[ \u00a0]+(?:the[ \u00a0]+|il[ \u00a0]+|la[ \u00a0]+|lo[ \u00a0]+|l['’])?|\b(?:al|alla|allo|all['’])[ \u00a0]*(?=[A-ZÀ-Ý]))")
# "took place ..." / "si è svolta ...": the sentence reports where and when the meeting was held
_HELD_AFTER = 3
# a town may hold a joining word ("Desenzano del Garda", "Trezzo sull'Adda"; a page that lost its
# apostrophes writes "sull?Adda")
_TOWN_WORDS = (rf"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:{_SP}+(?:del|della|delle|dei|di|de|sul|sulla){_SP}+[A-ZÀ-Ý][a-zà-ÿ'’-]+"
               rf"|{_SP}+(?:sull|dell|nell|all)['’?][A-ZÀ-Ý][a-zà-ÿ'’-]+)?")
_HELD_IN_TOWN = re.compile(rf"(?i:\b(?:held|took{_SP}+place|si{_SP}+è{_SP}+(?:svolt[ao]|tenut[ao])|(?:svolt|tenut)[ao](?:si)?)"
                           # "svolta venerdì scorso a ...", "held last Friday in ...": the day between
                           rf"(?:{_SP}+(?:today|yesterday|oggi|ieri|last{_SP}+(?:{_WEEKDAY[4:-1]})|(?:{_WEEKDAY[4:-1]}){_SP}+scors[oa]))?,?{_SP}+(?:in|a){_SP}+)"
                           rf"(?P<town>{_TOWN_WORDS})\b(?![ \u00a0]+[A-Z])")
_NAMED_ASSEMBLY = re.compile(r"\b(?:Assembly|Assemblea|General[ \u00a0]+Meeting)\b")
_HELD_VERB = re.compile(r"(?i)\b(?:held|hosted|took\s+place|staged|si\s+è\s+(?:svolt[ao]|tenut[ao])|ha\s+avuto\s+luogo)\b")
# "presso Villa Verdi a Lodi": the town named right after a venue (Italian "a" names a
# town; English "in" may name a district: "in Milanofiori")
_TOWN_AFTER = re.compile(rf"[ \u00a0]*,?[ \u00a0]+(?:a|ad|di|of)[ \u00a0]+((?:{_NAME_WORD}|[A-Z]['’][A-Z][a-z]+)(?:[ \u00a0]+(?:d['’][A-ZÀ-Ý][a-zà-ÿ]+|{_NAME_WORD}|(?:di|de|del|sul|sull['’])[ \u00a0]+{_NAME_WORD}|(?:sull|dell|nell)['’?]{_NAME_WORD})){{0,2}})")
# a day and month with no year ("On Wednesday 8 July", "held on June 3rd", "il 7 giugno")
_DAY_MONTH = re.compile(
    rf"(?i)\b(?:(?P<wd1>{_WEEKDAY[4:-1]}),?[ \u00a0]+)?(?:the[ \u00a0]+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th|°)?(?:[ \u00a0]+of)?[ \u00a0]+(?P<m1>{_MONTHS_EN}|{_MONTHS_IT})\b(?!,?[ \u00a0]*\d)"
    rf"|\b(?:(?P<wd2>{_WEEKDAY[4:-1]}),?[ \u00a0]+)?(?P<m2>{_MONTHS_EN})[ \u00a0]+(?:the[ \u00a0]+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?[ \u00a0]*\d)")
_WEEKDAY_NUM = {w: i % 7 for i, w in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday lunedì martedì mercoledì giovedì venerdì sabato domenica".split())}


# "held on June 3rd", "tenutasi il 3 giugno", "which took place on Tuesday 4 March 2025"
_HELD_ON = re.compile(r"(?i)\b(?:held|took[ \u00a0]+place|met|convened|gathered|tenut[ao]si|svolt[ao]si|riunit[ao]si|"
                      r"si[ \u00a0]+è[ \u00a0]+(?:svolt[ao]|tenut[ao]|riunit[ao]))[ \u00a0,]+(?:on|il|lo[ \u00a0]+scorso|la[ \u00a0]+scorsa)[ \u00a0]+")


def _held_on(st: _State, a: int, b: int) -> dt.date | None:
    """The day right after "held on" / "tenutasi il" in ``text[a:b]`` (with or without its year)."""
    for m in _HELD_ON.finditer(st.text, a, b):
        wd = re.match(rf"(?:{_WEEKDAY},?[ \u00a0]+)?(?:the[ \u00a0]+)?", st.text[m.end():min(b, m.end() + 20)])
        skip = wd.end() if wd else 0
        full = next((d for mn, d in _dates(st.text[m.end():min(b, m.end() + 50)]) if mn.start <= skip), None)
        if full:
            return full
        dm = _DAY_MONTH.match(st.text, m.end(), b)
        if dm:
            return _day_month(st, dm.start(), dm.end())
    return None


def _year_candidates(st: _State, ref: dt.date | None = None) -> list[int]:
    """Years a yearless day can fall in: around the release's date (or ``ref``), else those the text names."""
    ref = st.doc_date or ref
    if ref:
        y = ref.year
        return [y, y - 1, y + 1]
    counts: dict[int, int] = {}
    for m in re.finditer(r"\b((?:19|20)\d\d)\b", st.text):
        counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return sorted(counts, key=lambda y: (-counts[y], -y))


def _day_month(st: _State, a: int, b: int, ref: dt.date | None = None) -> dt.date | None:
    """The first yearless day of ``text[a:b]`` with its year: the weekday, when written, picks the
    year; otherwise the year closest to the release's date (none when the release has no date)."""
    for m in _DAY_MONTH.finditer(st.text, a, b):
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTH_NUM[(m.group("m1") or m.group("m2")).lower()]
        wd = m.group("wd1") or m.group("wd2")
        days = []
        for y in _year_candidates(st, ref):
            try:
                days.append(dt.date(y, month, day))
            except ValueError:
                continue
        if wd:
            hit = next((d for d in days if d.weekday() == _WEEKDAY_NUM[wd.lower()]), None)
            if hit:
                return hit
            continue
        near = st.doc_date or ref
        if near and days:
            return min(days, key=lambda d: abs((d - near).days))
    return None


def _speaking(st: _State, a: int, b: int) -> list[str]:
    """People of ``text[a:b]`` who speak: a speech verb after the name ("Rossi ha illustrato",
    "As Mongardi himself explained"), a quote opened after it ("Pilotti ... dicendo: «"), or a
    quote closed just before it ("... , declared president Cavanna")."""
    text = st.text
    out: list[str] = []
    for p in _near(st.people_sorted(), a, b):
        if not a <= p.start < b:
            continue
        s0, s1 = st.sentence_of(p.start)
        after = text[p.end:min(s1, p.end + 160)]
        cut = re.search(r"[;“\"«]", after)
        head = after[:cut.start()] if cut else after
        spoke = bool(_speech_re().search(head[:90])) or bool(re.search(r":[ \u00a0]*[“\"«]", after[:160]))
        if not spoke:
            # "... the strikes – declared Anna Verdi, president of the association"
            spoke = bool(_speech_before_re().search(text[max(s0, p.start - 50):p.start]))
        if not spoke:
            before = text[max(s0, p.start - 60):p.start]
            q = re.search(r"[”\"»][ \u00a0]*[,.]?[ \u00a0]*[-–]?[ \u00a0]*([^“”\"«».;]{0,50})$", before)
            spoke = bool(q and _speech_re().search(q.group(1)))
        if spoke and p.name not in out:
            out.append(p.name)
    return out


# "Federmacchine Assembly", "the latest Federmacchine's annual meeting": the body owns the assembly
_OWN_ASSEMBLY_GAP = re.compile(r"(?i)(?:['’]s)?(?:[ \u00a0]+(?:latest|last|recent|annual|general|ultima|recente))*[ \u00a0]+")


# a signing with no day of its own is the release's news only when its opening sentences tell it
_SIGNING_LEAD = 4


def _find_signing(st: _State) -> None:
    """An agreement signed between parties ("the rector and the president signed the framework
    agreement", "è stato siglato il protocollo d'intesa"): the signatories take part."""
    text = st.text
    docs, verbs = _signing_res()
    sents: list[tuple[int, int]] = []
    triggers = tuple({v.lower()[:4] for v in _event_words()["signing"]["verbs"]})
    for m in st.scan(verbs, triggers):
        a, b = st.sentence_of(m.start())
        # the verb next to an agreement word, either side ("signed a memorandum", "l'accordo ... firmato")
        if docs.search(text, max(a, m.start() - 80), min(b, m.end() + 80)) and (a, b) not in sents:
            sents.append((a, b))
    # "... signed a memorandum today. President Carlo Neri signed for ACIMIT.": the signing goes on
    for a, _b in list(sents):
        i = bisect.bisect_right(st.sentences, (a, _BIG))
        if i < len(st.sentences) and st.sentences[i] not in sents and verbs.search(text, *st.sentences[i]):
            sents.append(st.sentences[i])
    # a signing between named parties: a person or an organisation signs
    sents = [(a, b) for a, b in sents
             if any(a <= o.start < b and o.kind != "Venue" for o in _near(st.orgs_sorted(), a, b))
             or any(a <= p.start < b for p in _near(st.people_sorted(), a, b))]
    if not sents:
        return
    leaving = {mm.person for mm in st.memberships if mm.end and not mm.start}
    parts = tuple(dict.fromkeys(p.name for a, b in sents for p in _near(st.people_sorted(), a, b)
                                if a <= p.start < b and p.name not in leaving))
    date = next((d for a, b in sents for mn, d in _dates(text[a:b])), None) \
        or next((d for a, b in sents if (d := _day_month(st, a, b))), None)
    rel = next((m for a, b in sents for m in re.finditer(r"(?i)\b(yesterday|today|ieri|oggi)\b", text[a:b])), None)
    if date is None and rel and st.doc_date:
        date = st.doc_date - dt.timedelta(days=_RELATIVE_DAYS[rel.group(1).lower()])
    if date is None and rel is None and sents[0] not in st.sentences[:_SIGNING_LEAD]:
        return  # an agreement recalled in passing, far from the news and with no day of its own
    venue = next((o.name for a, b in sents for o in _near(st.orgs_sorted(), a, b)
                  if a <= o.start < b and o.kind == "Venue"), None)
    dateline = st.info.date_evidence if st.info else ()
    city = next((p.name for a, b in sents for p in _near(st.places(), a, b) if a <= p.start < b
                 and p.kind == "place:city" and not any(mn.start - 60 <= p.start < mn.end for mn in dateline)
                 and not any(o.start <= p.start < o.end for o in _near(st.orgs_sorted(), p.start, p.end))), None)
    st.facts.append(Event(_mention(text, *sents[0]), kind="Signing", date=date, venue=venue, city=city,
                          participants=parts))


def _find_event(st: _State) -> None:
    _find_signing(st)
    text = st.text
    cues = list(st.scan(_assembly_re(), ("assembl", "meeting")))
    if not cues:
        return
    first = cues[0]
    s0, s1 = st.sentence_of(first.start())

    def organiser_of(cue: re.Match[str], lo: int) -> str | None:
        om = re.match(r"(?i)[ \u00a0]+(?:of|di|dell['’]|della|del)[ \u00a0]*", text[cue.end():])
        if om:
            o = st.org_at(cue.end() + om.end())
            if o:
                return o.name
        o = _nearest_org_before(st, cue.start(), lo)
        return o.name if o else None

    organiser = organiser_of(first, s0) or st.publisher
    cue_sents = list(dict.fromkeys(st.sentence_of(c.start()) for c in cues))
    # "... its first members' assembly. On Friday, March 7, the meeting was held at the
    # Verona Trade Centre": the sentence after the first mention may say when and where
    # (or one of the two after it: "Ieri ... all'assemblea annuale ... . Si è svolta al Museo ...")
    i = bisect.bisect_right(st.sentences, (s0, _BIG))
    held: tuple[int, int] | None = None
    for nxt in st.sentences[i:i + _HELD_AFTER]:
        if _assembly_re().search(text, *nxt) or nxt in cue_sents \
                or any(o.kind == "TradeFair" and nxt[0] <= o.start < nxt[1] for o in st.org_spans):
            break  # another mention of the assembly, or another event, ends the look-ahead
        # "On May 25th, in Vigevano, the president opened the Assembly": the meeting named again by
        # its capitalised noun (not another body's: "the Federmacchine Assembly") says when and where
        named_again = next((m for m in _NAMED_ASSEMBLY.finditer(text, *nxt)
                            if not ((ob := _nearest_org_before(st, m.start(), max(nxt[0], m.start() - 40)))
                                    and ob.name != organiser and _OWN_ASSEMBLY_GAP.fullmatch(text, ob.end, m.start()))), None)
        if _HELD_VERB.search(text, *nxt) or named_again:
            held = nxt
            cue_sents.insert(1, nxt)
            break
    venue = next((s for a0, a1 in cue_sents for s in st.org_spans if a0 <= s.start < a1 and s.kind == "Venue"), None)
    city_named: str | None = None
    if venue is None:
        # "held today at the Castello Visconteo in Vigevano": a venue the gazetteer does not know
        for a0, a1 in cue_sents:
            vm = _HELD_AT.search(text, a0, a1)
            if vm:
                cand = re.match(_CAP_SEQ, text[vm.end():a1])
                if cand and not _overlaps_entity(st, vm.end(), vm.end() + len(cand.group())):
                    name = cand.group().strip()
                    # "al Castello Sforzesco di Vigevano", "at Villa Reale in Monza": the town is not part
                    # of the venue's name (a known town, or one word after a name of two words or more)
                    tail = re.search(rf"[ \u00a0]+(?:di|of|in)[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})?)$", name)
                    town = gz.place(tail.group(1)) if tail else None
                    if tail and town is not None and town.kind == "city":
                        name = name[:tail.start()]
                        city_named = town.name
                    elif tail and " " not in tail.group(1) and len(name[:tail.start()].split()) >= 2 \
                            and town is None and gz.organisation(name) is None:
                        name = name[:tail.start()]
                        city_named = tail.group(1)
                    st.add_org(name, "Venue", vm.end(), vm.end() + len(name))
                    st.facts.append(st.orgs[name])
                    venue = _Span(vm.end(), vm.end() + len(name), name, "Venue")
                    break
    city = city_named
    if venue:
        entry = gz.organisation(venue.name)
        city = city_named or (entry.city if entry else None)
        cm = next((p for p in st.ents if p.kind == "place:city" and venue.end <= p.start < venue.end + 10), None)
        if cm:
            city = cm.name
        elif _venue_town(st, venue):
            city = _venue_town(st, venue)
        elif city is None:
            tm_ = _TOWN_AFTER.match(text, venue.end)
            if tm_ and not _overlaps_entity(st, tm_.start(1), tm_.end(1)):
                city = gz.resolve(tm_.group(1), "place") or re.sub(r"[ \u00a0]+", " ", tm_.group(1)).replace("’", "'").replace("?", "'")
    date = st.doc_date
    # the day is the one its first sentence (or the "took place" sentence after it) states
    when = [(s0, s1), *([held] if held else []),
            *(x for x in cue_sents if x != (s0, s1) and x != held
              and not any(o.kind == "TradeFair" and x[0] <= o.start < x[1] for o in st.org_spans))]
    # (the dateline's own date, where no full stop parts it from the first sentence, is the
    # release's day, not the meeting's: "May 26, 2018\n\nOn May 25th, in Vigevano, ...")
    dl_starts = {mn.start for mn in (st.info.date_evidence if st.info else ())}
    local = [d for a0, a1 in when for mn, d in _dates(text[a0:a1])
             if not (a0 + mn.start in dl_starts and d == st.doc_date)]
    held_on = next((d for a0, a1 in when if (d := _held_on(st, a0, a1))), None)
    if held_on:
        date = held_on  # "held on June 3rd", even where another day is named first
    elif local:
        date = local[0]
    else:
        yearless = next((d for a0, a1 in when if (d := _day_month(st, a0, a1))), None)
        if yearless:
            date = yearless
    if city is None:
        # the town the assembly's sentences name ("Si è tenuta ieri a Bologna"), else the dateline's
        # town, unless the assembly is another day's, mentioned in passing
        dateline = [mn for mn in (st.info.date_evidence if st.info else ())]
        in_cue = next((p for a0, a1 in cue_sents for p in _near(st.places(), a0, a1)
                       if a0 <= p.start < a1 and p.kind == "place:city"
                       and not (venue and venue.start <= p.start < venue.end)  # "Verona Trade Centre" (a town inside a venue's name)
                       and not any(mn.start - 60 <= p.start < mn.end for mn in dateline)), None)
        if in_cue is None:
            # "held today in Pozzuoli", "si è svolta ieri a Lonato": a town the gazetteer lacks, named
            # right after the verb (a country or a known organisation is no town)
            for a0, a1 in cue_sents:
                hm = _HELD_IN_TOWN.search(text, a0, a1)
                if hm and gz.place(hm.group("town")) is None and gz.organisation(hm.group("town")) is None \
                        and not re.fullmatch(rf"(?i){_MONTHS_EN}|{_MONTHS_IT}|{_WEEKDAY}", hm.group("town")) \
                        and not _overlaps_entity(st, hm.start("town"), hm.end("town")):
                    city = re.sub(r"[ \u00a0]+", " ", hm.group("town")).replace("?", "'").replace("’", "'")
                    break
        if city is None:
            city = in_cue.name if in_cue else (st.place if date == st.doc_date else None)
    tm = _TITLE_RE.search(text)
    title = tm.group(1).strip() if tm else None
    speakers: list[str] = []
    people = st.people_sorted()
    for sm in _speakers_re().finditer(text):
        a0, a1 = st.sentence_of(sm.start())
        for p in _near(people, sm.end(), a1):
            if sm.end() <= p.start < a1 and p.name not in speakers:
                speakers.append(p.name)
    # a predecessor named only in the succession ("succede a Fabrizio Nuti") did not take part
    leaving = {m.person for m in st.memberships if m.end and not m.start
               and len(re.findall(rf"\b{re.escape(m.person.split()[-1])}\b", text)) == 1}
    # those who spoke at it; someone only elected, thanked or named did not necessarily attend
    present = [p for p in _speaking(st, 0, len(text)) if p not in leaving]
    # and the president it elects or confirms ("The assembly elected Anna Verdi as President")
    posts = {gz.fold(w) for w in _event_words()["elected_posts"]}
    elect_sents = {st.sentence_of(m.start()) for m in _elect_re().finditer(text)}
    for mem in st.memberships:
        if mem.end or gz.fold(mem.role) not in posts or (organiser and mem.organisation != organiser):
            continue
        if any(a0 <= p.start < a1 for a0, a1 in elect_sents for p in _near(people, a0, a1) if p.name == mem.person):
            present.append(mem.person)
    if date and st.doc_date and abs((date - st.doc_date).days) > 3:
        # an assembly the release mentions in passing ("after his election by the General Assembly on
        # 26 February"): only the people named with it took part, not everyone the release quotes
        present = [p.name for a0, a1 in cue_sents for p in _near(people, a0, a1)
                   if a0 <= p.start < a1 and p.name not in leaving]
    participants = tuple(dict.fromkeys([*present, *speakers]))
    evidence = _mention(text, s0, s1)
    st.facts.append(Event(evidence, kind="GeneralAssembly", organiser=organiser, date=date,
                          venue=venue.name if venue else None, city=city, title=title,
                          speakers=tuple(speakers), participants=participants))
    # another body's assembly named in passing ("the latest Federmacchine Assembly indicates ...")
    others: set[str] = {organiser} if organiser else set()
    # (a capitalised "Assembly" after a name is that body's, even where the bare word is no cue)
    named = [m for m in re.finditer(r"\b(?:Assembly|Assemblea)\b", text) if m.start() != first.start()]
    for c in sorted([*cues[1:], *named], key=lambda m: m.start()):
        a0, _a1 = st.sentence_of(c.start())
        ob = _nearest_org_before(st, c.start(), max(a0, c.start() - 40))
        o = ob.name if ob and _OWN_ASSEMBLY_GAP.fullmatch(text, ob.end, c.start()) else None
        if o and o not in others and st.orgs.get(o) is not None and st.orgs[o].type == "TradeAssociation":
            others.add(o)
            st.facts.append(Event(_mention(text, c.start(), c.end()), kind="GeneralAssembly", organiser=o))


# "from 8 to 15 October", "dal 27 al 30 maggio", "between the 4th and the 6th of March"
_DATE_RANGE = re.compile(rf"(?i)\b(?:(?:from|dal|da|between)[ \u00a0]+(?:the[ \u00a0]+)?(?P<d>\d{{1,2}})(?:°|st|nd|rd|th)?(?:[ \u00a0]+(?:to|al|a|and)[ \u00a0]+(?:the[ \u00a0]+)?|[ \u00a0]*[-–][ \u00a0]*)\d{{1,2}}(?:°|st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<m>{_MONTHS_EN}|{_MONTHS_IT}),?(?:[ \u00a0]+(?P<y>(?:19|20)\d\d))?"
                         # the month first, as US English writes it: "(October 15-19)", "October 15 to 19, 2018"
                         rf"|(?P<m2>{_MONTHS_EN})[ \u00a0]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \u00a0]*[-–][ \u00a0]*|[ \u00a0]+(?:to|and)[ \u00a0]+)\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?[ \u00a0]+(?P<y2>(?:19|20)\d\d))?)")
_EDITION_RE = re.compile(r"(?i)\b(edition|edizione)\b")
_NEXT_EDITION = re.compile(r"\b(?i:next|forthcoming|upcoming|prossima|prossim[ao]|prossime)[ \u00a0]+(?:(?i:editions?|edizion[ei]|appuntament[oi])\b|[A-Z])")
# "scheduled for 12th-15th February and 17th - 20th September": a span of days the announcement of
# the next editions gives without "from" (read only in those sentences)
_BARE_RANGE = re.compile(rf"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|°)?[ \u00a0]*[-–][ \u00a0]*\d{{1,2}}(?:st|nd|rd|th|°)?[ \u00a0]+(?:of[ \u00a0]+)?"
                         rf"(?P<m>{_MONTHS_EN}|{_MONTHS_IT})\b(?:,?[ \u00a0]+(?P<y>(?:19|20)\d\d))?")
# "arranged by Assomac", "curata dagli uffici tecnici di UCIMU" (the staff of a body)
_ORGANISED_BY = re.compile(r"(?i)\b(?:organi[sz]ed|run|organizzat[ao])[ \u00a0]+(?:by|da|dal|dalla|dalle|dai|dagli|dall['’])[ \u00a0]*(?:the[ \u00a0]+)?"
                           r"(?:(?:[a-zà-ù]+[ \u00a0]+){1,3}(?:of|di|del|della|dell['’])[ \u00a0]*(?:the[ \u00a0]+)?(?=[A-Z]))?")
# a fair named only as the neighbour of another ("at the same time as Lineapelle") has no edition here
_ALONGSIDE = re.compile(r"(?i)(?:same[ \u00a0]+time[ \u00a0]+as|alongside|co-located[ \u00a0]+with|together[ \u00a0]+with|in[ \u00a0]+contemporanea[ \u00a0]+con|insieme[ \u00a0]+a|in[ \u00a0]+concomitanza[ \u00a0]+con|accanto[ \u00a0]+a)[ \u00a0]+(?:the[ \u00a0]+|il[ \u00a0]+|la[ \u00a0]+)?$")
# "the fair", "the international showcase", "la rassegna": the release's fair without its name
_FAIR_NOUN = re.compile(r"(?i)\b(?:the[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,2}?(?:fair|exhibition|show|showcase|trade[ \u00a0]+show|event)|la[ \u00a0]+(?:fiera|manifestazione|rassegna|mostra)|l['’](?:evento|esposizione))\b")
# the verb of a fair's first day, the day right after it ("aperta martedì 20 febbraio", "opened on 3 May")
_OPENED_ON = re.compile(r"(?i)\b(?:opened|opens|started|began|kicked[ \u00a0]+off|apert[ao]|inaugurat[ao]|iniziat[ao]|partit[ao])(?:[ \u00a0]+(?:on|il|lo[ \u00a0]+scorso|la[ \u00a0]+scorsa))?[ \u00a0]+")
_OPENED_BY = re.compile(r"(?i)\b(?:opened|inaugurated|visited|visiting|in[ \u00a0]+visita|attended|inaugurat[ao]|aperta|visitat[ao]|took[ \u00a0]+part|hanno[ \u00a0]+partecipato|sono[ \u00a0]+intervenuti)\b")


def _range_start(text: str, a: int, b: int, year: str | None) -> dt.date | None:
    rm_ = _DATE_RANGE.search(text, a, b)
    if rm_ and (rm_.group("y") or rm_.group("y2") or year):
        try:
            return dt.date(int(rm_.group("y") or rm_.group("y2") or year or 0),
                           _MONTH_NUM[(rm_.group("m") or rm_.group("m2")).lower()], int(rm_.group("d") or rm_.group("d2")))
        except ValueError:
            return None
    return None


def _next_edition_days(st: _State, group: list[tuple[int, int]], ref: dt.date | None) -> list[dt.date]:
    """The first days of the editions a next-edition announcement lists, in order; a day without
    its year is the first such day after ``ref`` or after the edition listed before it (none
    without ``ref``)."""
    out: list[dt.date] = []
    for a, b in group:
        spans = sorted([*_DATE_RANGE.finditer(st.text, a, b), *_BARE_RANGE.finditer(st.text, a, b)],
                       key=lambda m: m.start())
        last_end = -1
        for m in spans:
            if m.start() < last_end:
                continue  # "from 12-15 February": one span read twice
            last_end = m.end()
            day = int(m.group("d") or m.groupdict().get("d2") or 0)
            month_word = (m.group("m") or m.groupdict().get("m2") or "").lower()
            year = m.group("y") or m.groupdict().get("y2")
            if not day or month_word not in _MONTH_NUM:
                continue
            month = _MONTH_NUM[month_word]
            try:
                if year:
                    d = dt.date(int(year), month, day)
                elif ref:
                    d = dt.date(ref.year, month, day)
                    if d <= ref:
                        d = dt.date(ref.year + 1, month, day)
                else:
                    continue
            except ValueError:
                continue
            if d not in out:
                out.append(d)
                ref = d  # (editions listed in turn: each comes after the one before it)
    return out


def _venue_town(st: _State, venue: _Span) -> str | None:
    """The town a venue's own mention adds to its name: "Fiera Milano Rho", "fieramilano Rho",
    "Castello Sforzesco di Vigevano"."""
    of = re.search(rf"[ \u00a0]+(?:di|of|in)[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})?)$", venue.name)
    town = gz.place(of.group(1)) if of else None
    if of and gz.organisation(venue.name) is None:
        if town is not None and town.kind == "city":
            return town.name
        if town is None and " " not in of.group(1) and len(venue.name[:of.start()].split()) >= 2:
            return of.group(1)  # "Palazzo Ducale Sforza di Morimondo": one word after a longer name
    words = re.findall(r"[\w'’-]+", st.text[venue.start:venue.end])
    name = gz.fold(venue.name)
    for k in (2, 1):
        tail = " ".join(words[-k:]) if len(words) > k else ""
        if tail and gz.fold(tail) not in name:
            entry = gz.place(tail)
            if entry is not None and entry.kind == "city":
                return entry.name
    return None


# "the leather show, running alongside in the same halls", "la mostra, in contemporanea nello stesso quartiere"
_SAME_PLACE = re.compile(
    r"(?i)[ \u00a0]*,?[ \u00a0]*(?:(?:which[ \u00a0]+was|che[ \u00a0]+si[ \u00a0]+è)[ \u00a0]+)?(?:held|hosted|staged|svolt[ao]|tenut[ao]|ospitat[ao])?"
    r"[ \u00a0]*(?:simultaneously|at[ \u00a0]+the[ \u00a0]+same[ \u00a0]+time|concurrently|in[ \u00a0]+contemporanea|contemporaneamente)?[ \u00a0]*,?[ \u00a0]*"
    r"(?:at|in|on|nello|nella|negli|nel)[ \u00a0]+(?:the[ \u00a0]+)?(?:same|stess[oa]|medesim[oa])[ \u00a0]+"
    r"(?:place|venue|location|site|fairground|exhibition[ \u00a0]+centre|luogo|quartiere(?:[ \u00a0]+fieristico)?|sede|polo(?:[ \u00a0]+fieristico)?)\b")


def _fair_window(st: _State, o: _Span, fairs: list[_Span]) -> tuple[int, int]:
    """The sentence of a fair mention, narrowed to this fair's part when it names another fair too
    ("... a EMO Hannover 2025, dal 22 al 26 settembre, e a BI-MU 2024, a Fiera Milano dal 9 ...")."""
    a, b = st.sentence_of(o.start)
    others = [f for f in fairs if a <= f.start < b and f.name != o.name]
    if not others:
        return a, b
    # what follows a fair's name is about it: the part starts at the name when another fair precedes
    before = [f for f in others if f.end <= o.start]
    after = [f.start for f in others if f.start >= o.end]
    return (o.start if before else a), (min(after) if after else b)


# "all'Expocentre di Mosca", "at the Crocus Expo in Moscow": a hall the gazetteer lacks, named
# with the town it stands in, right after "at"/"all'"/"presso"
_VENUE_AT = re.compile(rf"(?:\bat{_SP}+the|\ball['’]|\bpresso(?:{_SP}+(?:il|la|l['’]))?){_SP}*"
                       rf"(?P<v>[A-Z][^\W_]+(?:{_SP}+[A-Z][^\W_]+){{0,2}}){_SP}+(?:di|in|of){_SP}+(?=[A-Z])")


def _unknown_venue(st: _State, group: list[tuple[int, int]]) -> _Span | None:
    text = st.text
    for a, b in group:
        for m in _VENUE_AT.finditer(text, a, b):
            v0, v1 = m.span("v")
            city = next((p for p in _near(st.places(), m.end(), m.end() + 1) if p.start == m.end()
                         and p.kind == "place:city"), None)
            if city is None or any(s.start < v1 and v0 < s.end for s in _near(st.ents, v0, v1)) \
                    or any(s.start < v1 and v0 < s.end for s in _near(st.orgs_sorted(), v0, v1)):
                continue
            name = _clean_name(m.group("v"))
            if name.split()[0] in _NOT_NAME_START:
                continue
            st.add_org(name, "Venue", v0, v1, city=city.name)
            if st.orgs[name] not in st.facts:
                st.facts.append(st.orgs[name])
            return _Span(v0, v1, name, "Venue")
    return None


_EDITION_RESULTS = re.compile(r"(?i)\b\d[\d.,]*(?:[ \u00a0]+(?:thousand|mila))?[ \u00a0]+(?:(?:unique|foreign|international|stranieri|esteri|italiani)[ \u00a0]+)?"
                             r"(?:exhibitors|visitors|espositori|visitatori|operatori|buyers)\b")
_VISIT_BEFORE = re.compile(r"(?i)\b(?:in[ \u00a0]+visita|visiting|(?:on|during)[ \u00a0]+(?:a|his|her|their)[ \u00a0]+visit|in[ \u00a0]+occasione|"
                           r"on[ \u00a0]+the[ \u00a0]+occasion)[ \u00a0]+(?:a|ad|al|alla|allo|all['’]|to|of|the|del|della|dello|dell['’]|di)?[ \u00a0]*(?:the[ \u00a0]+)?$")


def _find_fair_editions(st: _State) -> None:
    """Trade fair editions: a known fair named with an edition, a year or its dates ("SIMAC Tanning Tech 2024")."""
    text = st.text
    fairs: dict[str, list[_Span]] = {}
    for o in sorted((o for o in st.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        if _ALONGSIDE.search(text, max(0, o.start - 30), o.start):
            continue
        fairs.setdefault(o.name, []).append(o)
    title = st.info.evidence if st.info and st.info.title else None
    has_assembly = any(isinstance(f, Event) and f.kind == "GeneralAssembly" for f in st.facts)
    main = _fair_of(st)
    all_fairs = sorted((o for o in st.org_spans if o.kind == "TradeFair"), key=lambda o: o.start)
    colocated: set[str] = set()
    edition_years: dict[str, bool] = {}

    def _year_edition(year: str) -> bool:
        # once per year, not once per fair: a text may name many fairs the gazetteer lacks
        if year not in edition_years:
            edition_years[year] = bool(re.search(
                rf"(?i)\b{year}[ \u00a0]+edition|\bedizione[ \u00a0]+{year}|\b{year}[ \u00a0]+edizione", text))
        return edition_years[year]

    for name, mentions in fairs.items():
        in_title = title is not None and any(title.start <= o.start < title.end for o in mentions)
        sents = list(dict.fromkeys(_fair_window(st, o, all_fairs) for o in mentions))
        # (unless it gives the edition's results: "the latest edition hosted 425 exhibitors")
        if has_assembly and not in_title and not any(_DATE_RANGE.search(text, a, b) for a, b in sents) \
                and not any(_EDITION_RE.search(text, a, b) and _EDITION_RESULTS.search(text, a, b) for a, b in sents):
            # an assembly release that mentions a fair in passing ("the next SIMAC ..."), unless it
            # gives the edition's days ("Ipack-Ima 2025, svoltasi a Fiera Milano dal 27 al 30 maggio")
            continue
        year: str | None = None
        surface: str | None = None
        for o in mentions:
            ym = re.match(r"[ \u00a0]+((?:19|20)\d\d)\b", text[o.end:o.end + 6])
            if ym and year is None:
                year = ym.group(1)
                surface = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        # the sentences about the fair: those naming it, and those saying "the fair" when it is the release's subject
        about = list(sents)
        if main is not None and main.name == name:
            about += [st.sentence_of(m.start()) for m in _FAIR_NOUN.finditer(text)]
            about += [st.sentence_of(m.start()) for m in _NEXT_EDITION.finditer(text)]
            about = list(dict.fromkeys(about))
        next_sents = [(a, b) for a, b in about if _NEXT_EDITION.search(text, a, b)]
        cur_sents = [x for x in about if x not in next_sents]
        # the release's own fair may be dated or called an edition only where the text says "the fair"
        told = about if main is not None and main.name == name else sents
        dated = any(_DATE_RANGE.search(text, a, b) for a, b in told)
        # (or visited while it runs: "in visita all'Xyz di Mosca", "on a visit to Xyz", "in occasione di Xyz";
        # a fair held beside another at the same venue is read below)
        if not (year or dated or any(_EDITION_RE.search(text, a, b) for a, b in told)
                or any(_VISIT_BEFORE.search(text, max(a, o.start - 40), o.start) and not _SAME_PLACE.match(text, o.end)
                       for o in mentions for a, _ in [st.sentence_of(o.start)])):
            continue
        if year is None:
            # (not the edition it is compared with: "level with the March 2022 edition")
            # (nor the season of the collections shown: "le tendenze primavera-estate 2025")
            season = _season_before_re()
            ym2 = next((m for a, b in sents for m in re.finditer(r"\b((?:19|20)\d\d)\b", text[a:b])
                        if not is_compared_edition(text, a + m.start(), a + m.end())
                        and not season.search(text, max(a, a + m.start() - 24), a + m.start())), None)
            year = ym2.group(1) if ym2 else (str(st.doc_date.year) if st.doc_date else None)
        organiser = None
        for a, b in sents:
            om = _ORGANISED_BY.search(text, a, b)
            o2 = (st.org_at(om.end()) or _unknown_org_after(st, om.end())) if om else None
            if o2 and o2.name != name:  # (a fair is not its own organiser: "a show organised by Lineapelle")
                organiser = o2.name
                if o2.name in st.orgs and st.orgs[o2.name] not in st.facts:
                    st.facts.append(st.orgs[o2.name])
                break

        def place_of(group: list[tuple[int, int]]) -> tuple[_Span | None, str | None]:
            venue = next((o for a, b in group for o in st.org_spans if a <= o.start < b and o.kind == "Venue"), None)
            city: str | None = None
            if venue:
                # "at Fiera Milano, in Rho (Milan)": the town right after the venue
                near_city = next((p for p in _near(st.places(), venue.end, venue.end + 12)
                                  if p.kind == "place:city" and venue.end <= p.start < venue.end + 12), None)
                entry = gz.organisation(venue.name)
                city = near_city.name if near_city else (_venue_town(st, venue) or (entry.city if entry else None))
                if city is None:
                    # "to be held in Düsseldorf ... at the Messe Düsseldorf exhibition centre"
                    c0 = next((p for a, b in group for p in _near(st.places(), a, b)
                               if a <= p.start < b and p.kind == "place:city"), None)
                    city = c0.name if c0 else None
            else:
                venue = _unknown_venue(st, group)
                if venue is not None:
                    return venue, st.orgs[venue.name].city
                # "in programma ad Hannover dal 22 al 26 settembre": a city the fair's sentences name
                c = next((p for a, b in group for p in _near(st.places(), a, b)
                          if a <= p.start < b and p.kind == "place:city" and not (
                              st.info and any(mn.start <= p.start < mn.end + 40 for mn in st.info.date_evidence))), None)
                city = c.name if c else None
            return venue, city

        def date_of(group: list[tuple[int, int]], year: str | None = year) -> dt.date | None:
            for a, b in group:
                d = _range_start(text, a, b, year)
                if d:
                    return d
            d2 = next((d for a, b in group for mn, d in _dates(text[a:b])
                       if not (st.info and any(e.start == a + mn.start for e in st.info.date_evidence))), None)
            if d2:
                return d2
            # "l'edizione aperta martedì 20 febbraio", "the show opened on Tuesday 20 February": a
            # yearless first day, its year the one closest to the release's (or its file name's) day
            for a, b in group:
                for om in _OPENED_ON.finditer(text, a, b):
                    if _DAY_MONTH.match(text, om.end(), b):
                        d3 = _day_month(st, om.end(), b, st.doc_date or file_name_date(st.doc.slug))
                        if d3:
                            return d3
            if any(re.search(r"(?i)\b(today|oggi)\b", text[a:b]) for a, b in group):
                return st.doc_date
            return None

        venue, city = place_of(cur_sents)
        date = date_of(cur_sents)
        # participants: people who opened or visited the fair
        people = sorted(st.person_spans, key=lambda x: x.start)
        parts = tuple(dict.fromkeys(p.name for a, b in cur_sents if _OPENED_BY.search(text, a, b)
                                    for p in _near(people, a, b) if a <= p.start < b))
        # the title as the text writes it: "EMO Hannover 2025", "the 2025 edition of X" -> "X 2025",
        # a fair whose year the text never attaches to it keeps its bare name ("Lineapelle")
        bare = re.sub(r"[ \u00a0]+", " ", text[mentions[0].start:mentions[0].end])
        if surface:
            # the canonical spelling when the text only changes the case ("PLAST 2025" -> "Plast 2025")
            title_ = f"{name if gz.fold(surface) == gz.fold(name) else surface} {year}"
        elif year and _year_edition(year):
            title_ = f"{name} {year}"
        else:
            title_ = bare
        st.facts.append(Event(_mention(text, *sents[0]), kind="TradeFairEdition", organiser=organiser,
                              date=date, venue=venue.name if venue else None, city=city,
                              title=title_, participants=parts))
        # "... together with the leather show, running alongside in the same halls": a fair held at the
        # same venue as this one has an edition there too
        for other in all_fairs:
            if other.name == name or other.name in fairs and other.name in colocated:
                continue
            if venue and _SAME_PLACE.match(text, other.end) and other.name not in colocated:
                colocated.add(other.name)
                st.facts.append(Event(_mention(text, *st.sentence_of(other.start)), kind="TradeFairEdition",
                                      venue=venue.name,
                                      title=re.sub(r"[ \u00a0]+", " ", text[other.start:other.end])))
        if next_sents:
            venue2, city2 = place_of(next_sents)
            date2 = date_of(next_sents)
            # "the next editions are scheduled for 12-15 February and 17-20 September": one edition
            # each; a yearless day is the first such day after this edition (or the release)
            days = _next_edition_days(st, next_sents, date or st.doc_date or file_name_date(st.doc.slug))
            days2 = days if len(days) >= 2 or date2 is None else [date2]
            # the next edition's place is the one its announcement states ("sempre a Fiera Milano Rho")
            for d2 in days2:
                if d2 != date:
                    st.facts.append(Event(_mention(text, *next_sents[0]), kind="TradeFairEdition",
                                          organiser=organiser, date=d2, venue=venue2.name if venue2 else None,
                                          city=city2, title=re.sub(r"[ \u00a0]+", " ", text[mentions[0].start:mentions[0].end])))
    _find_same_days_fairs(st)
    _find_neighbour_fairs(st)


# "Micam e Mipel, con i quali Lineapelle ha condiviso un giorno", "X, with which the show shared its
# opening day": fairs that ran together with the release's own
_SHARED_DAYS = re.compile(r"(?i)\b(?:con[ \u00a0]+(?:i|le|il|la)[ \u00a0]+qual[ei]|with[ \u00a0]+which|with[ \u00a0]+whom)\b[^.;]{0,60}?"
                          r"\b(?:condivis[oaie]|condivide|condividono|shared?|shares)\b")
# "Xyz, che parte oggi a Milano", "Xyz opens tomorrow in Milan": a fair that opens or closes beside the release's own
_OPENS_NOW = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:(?:che|which|that)[ \u00a0]+)?(?:parte|apre|si[ \u00a0]+apre|inaugura|chiude|opens|starts|kicks[ \u00a0]+off|closes)"
                        r"[ \u00a0]+(?:oggi|domani|today|tomorrow)\b")
# how far after a fair's name the day it shares with another may be told
_SHARED_SPAN = 100


def _find_neighbour_fairs(st: _State) -> None:
    """A known fair named as running together with the release's own: "in concomitanza con Xyz",
    "alongside Xyz", "Xyz, con il quale ha condiviso un giorno", "Xyz, che parte oggi a Milano".
    It has an edition of its own (its name as written; the town only where the text gives it
    right after the opening verb); its figures and days stay with the release's fair."""
    text = st.text
    if not any(isinstance(f, Event) and f.kind == "TradeFairEdition" for f in st.facts):
        return
    # (a fair with an edition already, titled with its year or not, is the release's own)
    titled = {gz.fold(e.title) for e in st.facts if isinstance(e, Event) and e.title}
    for o in sorted((o for o in st.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        surface = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        if any(gz.fold(o.name) in t or gz.fold(surface) in t for t in titled):
            continue
        s0, s1 = st.sentence_of(o.start)
        if _NEXT_EDITION.search(text, s0, s1):
            continue  # "la prossima edizione ... in contemporanea con Xyz": a future neighbour, not this news
        city: str | None = None
        opens = _OPENS_NOW.match(text, o.end)
        if opens:
            at = re.match(r"[ \u00a0]+(?:a|in|ad)[ \u00a0]+", text[opens.end():opens.end() + 5])
            c = next((p for p in _near(st.places(), opens.end(), opens.end() + 6)
                      if at and p.start == opens.end() + at.end() and p.kind == "place:city"), None)
            city = c.name if c else None
        elif not (_ALONGSIDE.search(text, max(0, o.start - 30), o.start)
                  or _SHARED_DAYS.search(text, o.end, min(s1, o.end + _SHARED_SPAN))):
            continue
        st.facts.append(Event(_mention(text, *st.sentence_of(o.start)), kind="TradeFairEdition", city=city, title=surface))
        titled.add(gz.fold(surface))
        titled.add(gz.fold(o.name))


# "Xyz, which runs on the same days at Fiera Milano", "accanto a Xyz, allestita nelle stesse date
# presso Fiera Milano": a fair held beside the release's own, at the venue named
_SAME_DAYS = re.compile(r"(?i)\b(?:on[ \u00a0]+the[ \u00a0]+same[ \u00a0]+(?:days|dates)|in[ \u00a0]+the[ \u00a0]+same[ \u00a0]+days|at[ \u00a0]+the[ \u00a0]+same[ \u00a0]+time|"
                        r"negli[ \u00a0]+stessi[ \u00a0]+giorni|nelle[ \u00a0]+stesse[ \u00a0]+date|negli[ \u00a0]+stessi[ \u00a0]+giorni|"
                        r"in[ \u00a0]+contemporanea|contemporaneamente|concurrently|simultaneously)\b")


def _find_same_days_fairs(st: _State) -> None:
    text = st.text
    titled = {gz.fold(e.title) for e in st.facts if isinstance(e, Event) and e.title}
    for o in sorted((o for o in st.org_spans if o.kind == "TradeFair"), key=lambda o: o.start):
        if gz.fold(o.name) in titled or gz.fold(text[o.start:o.end]) in titled:
            continue
        _, s1 = st.sentence_of(o.start)
        hi = min(s1, o.end + 60)
        sd = _SAME_DAYS.search(text, o.end, hi)
        if sd is None or re.search(r"[.;]", text[o.end:sd.start()]):
            continue
        venue = next((v for v in _near(st.orgs_sorted(), sd.end(), min(s1, sd.end() + 60))
                      if v.kind == "Venue" and sd.end() <= v.start < min(s1, sd.end() + 60)), None)
        if venue is None:
            continue
        entry = st.orgs.get(venue.name)
        title = re.sub(r"[ \u00a0]+", " ", text[o.start:o.end])
        st.facts.append(Event(_mention(text, o.start, venue.end), kind="TradeFairEdition", venue=venue.name,
                              city=entry.city if entry else None, title=title))
        titled.add(gz.fold(title))


# "The preliminary results ... were presented today at the Ministry ... by Assocalzaturifici",
# "il convegno ... si è tenuto oggi a Roma": a meeting that is neither an assembly nor a fair
@cache
def _conference_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A meeting that is neither an assembly nor a fair: its noun with a "held"/"organised" verb
    near, or with its title in quotes; and the quoted title after the noun."""
    nouns = _words_re(_event_words()["conference"]).pattern[len("(?i)"):]
    cue = re.compile(
        r"(?i)\b(?:(?:were|was|have[ \u00a0]+been|has[ \u00a0]+been)[ \u00a0]+presented|(?:sono[ \u00a0]+stat[ie]|è[ \u00a0]+stat[oa])[ \u00a0]+presentat[ioae]|"
        + nouns +
        r"(?=[^.;]{0,80}\b(?:held|organi[sz]ed|hosted|took[ \u00a0]+place|scheduled|si[ \u00a0]+è[ \u00a0]+(?:svolt|tenut)\w*|(?:svolt|tenut)[oaie]si|si[ \u00a0]+terrà|in[ \u00a0]+programma|organizzat\w*|promoss\w*)\b"
        # or named by its title in quotes: "nel corso del convegno «Meccanica bresciana: scenari 2025»"
        r"|[ \u00a0]*[«“\"][^«»“”\"\n]{3,90}[»”\"]))")
    title = re.compile(r"(?i)" + nouns + r"[^«“\".;]{0,30}[«“\"]([^«»“”\"\n]{3,90})[»”\"]")
    return cue, title


@cache
def _conference_triggers() -> tuple[str, ...]:
    return ("presented", "presentat", *{w.lower()[:5] for w in _event_words()["conference"]})


_BY_ORG = re.compile(r"(?i)\b(?:by|da|dal|dalla|dall['’])[ \u00a0]+(?:the[ \u00a0]+)?")


_HOSTED_BY = re.compile(r"(?i)\b(?:hosted|organi[sz]ed|promoted|ospitat[oa]|organizzat[oa]|promoss[oa])[ \u00a0]+(?:by|da|dal|dalla|dall['’])[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")


_CAP_WORD_BEFORE = re.compile(r"(?:[A-ZÀ-Ý][\w’'-]*[ \u00a0]+){1,3}\Z")


def _capitalised_title(text: str, m: re.Match[str], s0: int) -> str | None:
    """A meeting named by capitalised words that end with its noun ("la Prima Giornata Economica",
    "the Italian Machinery Outlook Day"): the noun written with a capital is part of a title."""
    noun = m.group()
    if not noun[:1].isupper() or not all(w[:1].isupper() for w in noun.split()):
        return None
    before = _CAP_WORD_BEFORE.search(text, max(s0, m.start() - 60), m.start())
    if not before:
        return None
    # the words of the title only: "The", "La", a sentence's first word are no part of it
    words = text[before.start():m.start()].split()
    while words and (words[0] in _NOT_NAME_START or words[0].lower() in ("the", "la", "il", "lo", "a", "an")):
        words = words[1:]
    if not words:
        return None
    return " ".join([*words, *noun.split()])


# "il Forum bilaterale della meccanica tenutosi il ...", "the Forum on leather chemistry held on ...": a
# capitalised noun inside the sentence and the words after it up to the "held" verb are its title
_TITLE_TO_HELD = re.compile(r"[^\W\d][\w'’-]*(?:[ \u00a0]+[\w'’-]+){0,8}?(?=[ \u00a0]+(?i:held|took[ \u00a0]+place|"
                            r"tenut[oaie]si|svolt[oaie]si|si[ \u00a0]+è[ \u00a0]+(?:svolt|tenut)\w*)\b)")


def _titled_noun(text: str, m: re.Match[str], s0: int, s1: int) -> str | None:
    if m.start() == s0 or not m.group()[:1].isupper() or " " in m.group():
        return None
    tm = _TITLE_TO_HELD.match(text, m.start(), min(s1, m.start() + 90))
    return re.sub(r"[ \u00a0]+", " ", tm.group()) if tm and len(tm.group().split()) >= 2 else None


def _find_conference(st: _State) -> None:
    text = st.text
    if any(isinstance(f, Event) for f in st.facts):
        done = {st.sentence_of(f.evidence.start) for f in st.facts if isinstance(f, Event)}
    else:
        done = set()
    cue_re, title_re = _conference_res()
    for m in st.scan(cue_re, _conference_triggers()):
        s0, s1 = st.sentence_of(m.start())
        if (s0, s1) in done or _assembly_re().search(text, s0, s1) or any(
                o.kind == "TradeFair" and s0 <= o.start < s1 for o in st.org_spans):
            continue
        # (the meeting's own sentence names its day: a release that states no date of its own may
        # carry it in its file name, as the figures' "today" does)
        yearless = _day_month(st, s0, s1, file_name_date(st.doc.slug))
        if not re.search(r"(?i)\b(?:today|oggi|yesterday|ieri)\b", text[s0:s1]) and not _dates(text[s0:s1]) \
                and yearless is None:
            continue  # a meeting the release reports on has its day ("On 4 February the delegation ...")
        organiser: str | None = None
        for bm in _BY_ORG.finditer(text, m.end(), s1):
            o = st.org_at(bm.end())
            if o and o.kind not in ("Venue", "TradeFair"):
                organiser = o.name
                break
        if organiser is None and not _HOSTED_BY.search(text, m.start(), s1):
            organiser = st.publisher  # (a host the text names but the gazetteer does not know stays unknown)
        local = [d for mn, d in _dates(text[s0:s1])]
        date = _held_on(st, s0, s1) or (local[0] if local else (yearless or st.doc_date))
        city = next((p.name for p in _near(st.places(), s0, s1) if s0 <= p.start < s1 and p.kind == "place:city"), None) \
            or (st.place if date == st.doc_date else None)
        leaving = {mm.person for mm in st.memberships if mm.end and not mm.start}
        # the people the meeting's paragraph names: a quote elsewhere in the release is no speech at it
        pa = text.rfind("\n", 0, s0) + 1
        pb = text.find("\n", s1)
        pb = len(text) if pb < 0 else pb
        near_people = {p.name for p in _near(st.people_sorted(), pa, pb) if pa <= p.start < pb}
        participants = tuple(p for p in st.people if p not in leaving and p in near_people)
        if date and st.doc_date and date > st.doc_date:
            participants = ()  # a meeting announced for later has no speakers yet
        tm = title_re.search(text, s0, s1)
        title = tm.group(1).strip() if tm else (_capitalised_title(text, m, s0) or _titled_noun(text, m, s0, s1))
        venue = next((o.name for o in st.orgs_sorted() if s0 <= o.start < s1 and o.kind == "Venue"), None)
        st.facts.append(Event(_mention(text, s0, s1), kind="Conference", organiser=organiser, date=date,
                              venue=venue, city=city, title=title,
                              participants=participants))
        return


_SAID_AFTER = re.compile(r"(?i)[ \u00a0]*[,.]?[ \u00a0]*[-–]?[ \u00a0]*(?:said|says|stated|added|concluded|commented|explained|remarked|noted|ha[ \u00a0]+(?:dichiarato|detto|affermato|aggiunto|commentato|concluso|spiegato|sottolineato)|dichiara|afferma|spiega|commenta|sottolinea|conclude)\b")
_QUOTE_RE = re.compile(r"[“\"«]([^“”\"«»]{30,}?)[”\"»]")


_SENT_END = re.compile(r"[.!?](?=\s|$)")
_NAME_SAID = re.compile(rf"{_SP}*[,.]?{_SP}*[”\"»]?{_SP}*,?{_SP}*(?P<name>{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,2}}){_SP}+"
                        rf"(?i:said|says|added|adds|explained|commented|concluded|stated|noted)\b")


def _find_quotations(st: _State) -> None:
    text = st.text
    people = sorted(st.person_spans, key=lambda p: p.start)
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
        st.facts.append(Quotation(Mention(m.group(1), m.start(1), m.end(1)), text=m.group(1).strip(),
                                  speaker=speaker))


# --------------------------------------------------------------------------- entry point


def _add_entities(st: _State) -> None:
    st.facts.extend(st.orgs.values())
    st.facts.extend(st.people.values())
    st.facts.extend(st.memberships)


def _stamp(st: _State, stage: Any) -> None:
    # Every fact records the stage that made it (``_find_people`` -> "people"); a finer rule
    # id set where the fact is made ("people.role-apposition") is kept.
    stamp_rule([st.info, *st.facts, *st.orgs.values(), *st.people.values(), *st.memberships],
               rule_id(stage))


def extract(document: Document) -> Extraction:
    """Read every fact of one release.

    The language is detected from the text (English or Italian) and written back to
    ``document.language``. A release with no recognisable facts gives an extraction with only
    its :class:`~kgraph.model.DocumentInfo` and a warning. Never raises on odd text: input
    checks (empty, binary, too large) belong to the reader.
    """
    text = document.text
    lang = detect_language(text)
    document.language = lang
    st = _State(doc=document, text=text, lang=lang, ents=_gazetteer_spans(text, lang),
                sentences=_sentences(text))
    _find_organisations(st)
    _stamp(st, _find_organisations)
    _document_info(st)
    _stamp(st, _document_info)
    assert st.info is not None
    stages = [_find_segments, _collect_surnames, _find_people, _add_entities, _find_relations,
              _find_event, _find_fair_editions, _find_conference, _find_observations, _find_markets,
              _find_priorities, _find_drivers, _find_quotations]
    for stage in stages:
        try:
            stage(st)
        except Exception as exc:  # noqa: BLE001 - one odd sentence must not lose the whole release
            st.warnings.append(f"{document.path or document.slug}: {stage.__name__.strip('_')} "
                               f"skipped after an internal error: {exc!r}")
        _stamp(st, stage)
    st.facts.sort(key=lambda f: f.evidence.start)
    warnings = list(st.warnings)
    if not st.facts:
        warnings.append(f"{document.path or document.slug}: no recognisable facts; only the document is recorded")
    return Extraction(document=document, info=st.info, facts=st.facts, warnings=warnings)


def _iter_mentions(ex: Extraction) -> Iterator[Mention]:
    yield ex.info.evidence
    yield from ex.info.date_evidence
    for f in ex.facts:
        yield f.evidence
