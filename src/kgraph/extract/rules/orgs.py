"""Organisations: gazetteer names, companies with a legal form, associations, institutions,
venues, fairs, research centres and offices, and brands listed together.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ...model import Organisation, OrgRelation
from .. import gazetteer as gz
from .._dates import _MONTHS_EN, _MONTHS_IT
from .._lex import _SP
from .lexicon import _WEEKDAY, _event_words, _words_alt, _words_re
from .names import _NAME_WORD, _NOT_NAME_START, _clean_name, _role_re
from .state import _mention, _near, _Span, _State

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
            if name.split()[0] in _NOT_NAME_START or any(s.start < b and a < s.end for s in _near(st.mentions.ents, a, b)) \
                    or st.org_at(a) is not None:
                continue
            st.add_org(name, "Company", a, b)


@cache
def _group_brands_re() -> re.Pattern[str]:
    """"Alfa and Beta, two of Gamma's brands", "Alfa e Beta, marchi del gruppo Gamma": a list of
    names, then the noun of brands with their owner (written before it with "'s", or after it)."""
    nouns = _words_alt(gz.appointment_words().get("brand_nouns", ()))
    count = r"(?:(?:two|three|four|both|all|due|tre|quattro|entrambi|tutti)(?:[ \u00a0]+(?:of|e))?[ \u00a0]+)?"
    owner = rf"(?P<{{}}>[A-ZÀ-Ý][\w’'&.-]{{{{1,30}}}}(?:{_SP}[A-ZÀ-Ý][\w’'&.-]{{{{1,30}}}}){{{{0,2}}}})"
    return re.compile(
        rf"(?P<list>{_BRAND.pattern}(?:(?:,{_SP}*|{_SP}+(?:and|e){_SP}+){_BRAND.pattern}){{1,5}}),{_SP}*{count}"
        rf"(?:{owner.format('own1')}['’]s{_SP}+(?i:{nouns})\b"
        rf"|(?:the{_SP}+|i{_SP}+|le{_SP}+)?(?i:{nouns}){_SP}+(?:of{_SP}+(?:the{_SP}+)?|del{_SP}+gruppo{_SP}+|della{_SP}+|di{_SP}+)"
        rf"{owner.format('own2')}(?:{_SP}+(?i:group|gruppo))?\b)")


def _find_group_brands(st: _State) -> None:
    """Each name listed before "two of X's brands" is a company, part of X (a company too)."""
    text = st.text
    rx = _group_brands_re()
    for m in st.scan(rx, ("'s", "’s", " of ", " del", " di ")):
        owner_g = "own1" if m.group("own1") else "own2"
        oa, ob = m.span(owner_g)
        owner = st.org_at(oa)
        if owner is None:
            if m.group(owner_g).split()[0] in _NOT_NAME_START or any(
                    s.start < ob and oa < s.end for s in _near(st.mentions.ents, oa, ob)):
                continue
            name = _clean_name(m.group(owner_g))
            st.add_org(name, "Company", oa, ob)
            owner = _Span(oa, ob, name, "Company")
        items = [x for x in _BRAND.finditer(text, m.start("list"), m.end("list"))]
        for bm in items:
            a, b = bm.start(), bm.start() + len(bm.group().rstrip("."))
            name = _clean_name(text[a:b])
            if name.split()[0] in _NOT_NAME_START or any(s.start < b and a < s.end for s in _near(st.mentions.ents, a, b)):
                continue
            if st.org_at(a) is None:
                st.add_org(name, "Company", a, b)
            st.relations.facts.append(OrgRelation(_mention(text, a, ob), subject=name, relation="part_of", object=owner.name))


_SURNAME_PARTICLES = frozenset("De Di Del Della Dei Degli Da Dal Dalla La Lo".split())


@cache
def _firm_heads_re() -> re.Pattern[str] | None:
    heads = gz.appointment_words().get("firm_heads", ())
    if not heads:
        return None
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    particles = "|".join(sorted(_SURNAME_PARTICLES))
    return re.compile(rf"\b(?:{alt}){_SP}+(?P<name>(?:(?:{particles}){_SP}+)?[A-ZÀ-Ý][\w'’&-]+"
                      rf"(?:{_SP}+(?:&{_SP}+)?[A-ZÀ-Ý][\w'’&-]+){{0,2}})")


def _find_organisations(st: _State) -> None:
    text = st.text
    for sp in st.mentions.ents:
        if not sp.kind.startswith("org:"):
            continue
        entry = gz.organisation(sp.name)
        type_ = sp.kind[4:]
        start, end, name = sp.start, sp.end, sp.name
        # "Centro Studi di Confindustria Brescia": the office of a territorial association, not
        # the national association's centre
        if type_ == "ResearchCentre":
            nxt = next((p for p in _near(st.mentions.ents, end, end + 2) if p.start == end + 1 and p.kind == "place:city"), None)
            head = next((o.name for o in gz.organisations() if o.type == "TradeAssociation"
                         and sp.name != o.name and text[start:end].endswith(o.name)), None) if nxt else None
            if nxt and head:
                st.add_org(f"{head} {nxt.name}", "TradeAssociation", end - len(head), nxt.end)
                continue
        # a territorial association: "Assolombarda Pavia", "Confindustria Bergamo"
        if type_ == "TradeAssociation":
            nxt = next((p for p in _near(st.mentions.ents, end, end + 2) if p.start == end + 1 and p.kind == "place:city"), None)
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
    _find_group_brands(st)
    taken = [(s.start, s.end) for s in st.mentions.org_spans]

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
    for name in [n for n, o in st.mentions.orgs.items() if o.type == "Company" and len(n.split()) >= 2 and o.aliases]:
        for m in re.finditer(rf"\b{re.escape(name)}\b(?![ \u00a0]*(?:,[ \u00a0]*)?(?:Inc\.|GmbH|Ltd|AG\b|Co\.))", text):
            if free(m.start(), m.end()):
                st.mentions.org_spans.append(_Span(m.start(), m.end(), name, "Company"))
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
                _DESCRIBES_GAP.fullmatch(text, o.end, m.start()) for o in _near(st.mentions.org_spans, m.start() - 60, m.start())):
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
    # a firm named by its trade noun and its owner's name: "Calzaturificio Neri Bruno",
    # "Conceria Bassi", "Maglificio De Santis" (Italian firm names; the noun alone is a common noun)
    heads = _firm_heads_re()
    if heads is not None:
        for m in heads.finditer(text):
            a, b = m.span()
            words = m.group("name").split()
            if free(a, b) and not any(p.start < b and a < p.end for p in _near(st.places(), a, b)
                                      if p.start >= m.start("name")) \
                    and not any(w in _NOT_NAME_START for w in words if w not in _SURNAME_PARTICLES):
                st.add_org(_clean_name(m.group()), "Company", a, b)
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
                or _role_re().fullmatch(m.group(1)) or any(s.start < m.end() and m.start(1) < s.end for s in _near(st.mentions.ents, m.start(1), m.end())):
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
    for o in list(st.mentions.org_spans):
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
        if any(s.start <= a and b <= s.end and s.kind == "ResearchCentre" for s in st.mentions.org_spans):
            continue
        st.add_org(name, "ResearchCentre", a, b)
        st.relations.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=o.name))
    # the Italian form names the association last, often glued to the centre's own acronym
    for m in _RC_BEFORE.finditer(text):
        owner = gz.resolve(m.group("org"), "organisation")
        entry = gz.organisation(owner) if owner else None
        if entry is None or entry.type != "TradeAssociation":
            continue
        a, b = m.span()
        if any(s.start < b and a < s.end and s.kind == "ResearchCentre" for s in st.mentions.org_spans):
            continue
        name = _clean_name(m.group())
        st.add_org(name, "ResearchCentre", a, b)
        st.relations.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=entry.name))


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
    centre_of = {r.object: r.subject for r in st.relations.facts if isinstance(r, OrgRelation) and r.relation == "part_of"}
    for o in list(st.mentions.org_spans):
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
        if any(s.start < b and a < s.end and s.kind == "ResearchCentre" for s in st.mentions.org_spans):
            continue
        if _role_re().search(text, max(0, a - 40), a):
            continue  # "head of the Research Office of ACIMIT": a person's unit, no centre of its own
        centre_of.setdefault(o.name, name)
        st.add_org(name, "ResearchCentre", a, m.end("unit"))
        st.relations.facts.append(OrgRelation(_mention(text, a, b), subject=name, relation="part_of", object=o.name))
    # a listed centre ("Centro Studi di Confindustria Moda") names its association: that one is
    # mentioned too (the link itself is left to the gold conventions, which differ on it)
    done: set[str] = set()
    for sp in list(st.mentions.org_spans):
        if sp.kind != "ResearchCentre" or sp.name in done:
            continue
        done.add(sp.name)
        if gz.organisation(sp.name) is None:
            continue
        owner = max((o for o in gz.organisations() if o.type == "TradeAssociation" and o.name != sp.name
                     and re.search(rf"(?<!\w){re.escape(o.name)}(?!\w)", sp.name)),
                    key=lambda o: len(o.name), default=None)
        if owner is not None and owner.name not in st.mentions.orgs:
            st.mentions.orgs[owner.name] = Organisation(_mention(text, sp.start, sp.end), name=owner.name,
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
                or any(s.start < b and a < s.end for s in _near(st.mentions.ents, a, b)) \
                or any(s.start < b and a < s.end for s in st.mentions.org_spans) \
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
        if not any(s.start < mm.end() and mm.start() < s.end for s in _near(st.mentions.ents, mm.start(), mm.end())):
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
    town = next((s for s in _near(st.mentions.ents, pos, end) if pos < s.start < end and s.kind.startswith("place:")), None)
    if town:
        cut2 = re.search(rf"{_SP}+(?:di|of|in|da|from){_SP}+$", st.text[pos:town.start])
        if cut2:
            name = st.text[pos:pos + cut2.start()]
            end = pos + len(name)
    # (a demonym in a name of several words is part of it: "conceria Russo di Casandrino")
    if any(s.start < end and pos < s.end and not (s.kind.startswith("adj:") and " " in name.strip())
           for s in _near(st.mentions.ents, pos, end)) or len(name) < 3:
        return None
    if name.split()[0] in _NOT_NAME_START:
        return None
    sp = _Span(pos, end, name, _org_type_of(name))
    st.add_org(name, sp.kind, pos, end)
    return sp
