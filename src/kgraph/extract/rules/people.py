"""People and roles: appositions ("Anna Neri, President of X"), appointments and elections,
successions, board lists, verb-stated posts ("who heads X") and each person's affiliation.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import cache, lru_cache

from ...model import Membership, Person
from .. import gazetteer as gz
from .._dates import _MONTH_NUM, _MONTHS_EN, _MONTHS_IT, _dates
from .._lex import _SP
from .discourse import _focus_org, _known_surname, _merge_nicknames
from .document import _parent_mention
from .lexicon import _cue_alt, _event_words, _words_alt, _words_re
from .names import (
    _NAME_WORD,
    _NOT_NAME_START,
    _PERSON_RE,
    _clean_name,
    _honorific_re,
    _is_plural_role,
    _name_words,
    _office_nouns,
    _role_canon,
    _role_names,
    _role_re,
    _role_triggers,
    _verb_words,
)
from .orgs import _ORG_SEQ_RE, _UNIT_HEAD, _unknown_org_after
from .state import _BIG, _mention, _near, _overlaps_entity, _Span, _State


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
        if org is None and re.match(rf"(?i)(?:{_cue_alt('self_nouns')})\b", st.text[m.end():m.end() + 20]) and st.docinfo.publisher:
            org_name = st.docinfo.publisher
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


_UNIT_WORDS = re.compile(r"(?i)\b(department|division|office|unit|section|directorate|dipartimento|ufficio|divisione|sezione|direzione|area|servizio)\b")
_CONNECT_TAIL = re.compile(rf"(?i){_SP}*(?:,{_SP}*)?\b(?:of|at|for|in|di|del|della|dello|dell['’]|dei|degli|delle|per|presso|al|allo|alla|all['’]|ai|agli|alle|nel|nella|nello|nell['’])(?:{_SP}+(?:the|il|la|lo|l['’]))?{_SP}*$")
# "Luca Bianchi (Alfa Meccanica)": a name may carry its company in brackets
_AFFIL = rf"(?:{_SP}*\([^()\n]{{1,60}}\))?"
_NAME_LIST = rf"{_PERSON_RE.pattern}{_AFFIL}(?:(?:,{_SP}*|{_SP}+(?:and|e){_SP}+){_PERSON_RE.pattern}{_AFFIL})*"
# "as the association's new", "come i tre nuovi": who the role belongs to and how many hold it
_ROLE_LEAD = (rf"(?:(?:the{_SP}+)?(?:association|federation|organi[sz]ation|company|group)['’]s{_SP}+|(?:its|their){_SP}+)?"
              rf"(?:(?:two|three|four|five|six|due|tre|quattro|cinque|sei){_SP}+)?")


def _appointment_alt(key: str) -> str:
    return _words_alt(gz.appointment_words().get(key, ()))


@cache
def _elected_before() -> re.Pattern[str]:
    """"elected X as the new", "appointed A and B as", "X was re-elected", "X è stata eletta",
    "ha eletto X nuova", "A succeeds B as", "X, CEO of Y, was elected"."""
    return re.compile(
        rf"(?P<names>{_NAME_LIST})(?:,{_SP}*[^,.;:()\"“”«»]{{1,60}},)?(?:,{_SP}*(?:who|che))?{_SP}+"
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
            st.mentions.org_spans.append(sp)
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


def _add_person(st: _State, sp: _Span) -> None:
    st.mentions.person_spans.append(sp)
    if sp.name not in st.mentions.people:
        st.mentions.people[sp.name] = Person(_mention(st.text, sp.start, sp.end), name=sp.name)


def _nearest_org_before(st: _State, pos: int, lo: int) -> _Span | None:
    # (a firm written after another person's name is that person's, not the role's)
    cands = [s for s in _near(st.orgs_sorted(), lo, pos) if lo <= s.start and s.end <= pos and s.kind != "Venue"
             and s.start not in st.mentions.affiliations and not _parent_mention(st, s)]
    return max(cands, key=lambda s: s.end) if cands else None


@cache
def _company_noun_re() -> re.Pattern[str]:
    # the kind word in lower case only: "Calzaturificio Alfa" is a name, "il calzaturificio Alfa" a kind and a name
    nouns = sorted(gz.appointment_words().get("company_nouns", ()), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", f"{_SP}+") for n in nouns)
    return re.compile(rf"(?i:(?:the|a|an|il|lo|la|l['’]){_SP}+)?(?:{alt})(?:{_SP}+[a-zà-ù]+){{0,3}}?{_SP}+(?=[A-Z])")


@cache
def _namesake_re() -> re.Pattern[str]:
    nouns = _words_alt(gz.appointment_words().get("company_nouns", ()))
    return re.compile(rf"(?i){_SP}+(?:of{_SP}+the|of|di|del|della|dello|dell['’])?{_SP}*(?:the{_SP}+|il{_SP}+|la{_SP}+|lo{_SP}+|l['’])?"
                      rf"(?:{_appointment_alt('namesakes')}){_SP}+(?:{nouns})\b")


def _namesake_firm(st: _State, person: _Span, pos: int) -> _Span | None:
    """"Luca Neri, titolare dell'omonimo gruppo conciario", "Anna Sala, CEO of the eponymous firm":
    the firm bears the holder's surname; it is recorded as a company of that name."""
    if not gz.appointment_words().get("namesakes") or not _namesake_re().match(st.text, pos):
        return None
    surname = person.name.split()[-1]
    if len(surname) < 3 or not surname[:1].isupper():
        return None
    st.add_org(surname, "Company", person.end - len(surname), person.end)
    return _Span(person.end - len(surname), person.end, surname, "Company")


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
                        st.mentions.orgs[sp.name] = replace(st.mentions.orgs[sp.name], type="Company")
                        st.mentions.org_spans[-1] = sp
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
    new_posts = [m for m in st.relations.memberships if m.start and not m.end]
    if not new_posts:
        return
    held = {(m.person, m.role, m.organisation) for m in st.relations.memberships}
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
        st.relations.memberships.append(Membership(_mention(text, sm.start(), prev.end), person=prev.name, role=post.role,
                                         organisation=post.organisation, unit=post.unit, start=None, end=post.start))
        held.add((prev.name, post.role, post.organisation))


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
                and not any(s.start < b and a < s.end for s in _near(st.mentions.ents, a, b)):
            st.add_org(_clean_name(name), "Company", a, b)
        st.mentions.affiliations.add(a)
        return bm.end()
    om = _AFFIL_OF.match(text, pos)
    # a firm's name may hold commas when its town closes it: "of Studio Neri, Sala, Conti in Milan"
    tm = _FIRM_TO_TOWN.match(text, om.end()) if om and st.org_at(om.end()) is None else None
    if tm and "," in tm.group(1) and not re.search(rf"{_SP}(?:and|e){_SP}|\(", tm.group(1)) \
            and all(w[:1].isupper() or w == "&" for w in re.split(rf",?{_SP}+", tm.group(1).strip()) if w):
        a, b = tm.start(1), tm.end(1)
        st.add_org(_clean_name(tm.group(1)), "Company", a, b)
        st.mentions.affiliations.add(a)
        town = _AFFIL_TOWN.match(text, b)
        return town.end() if town else b
    if om and st.org_at(om.end()) is None:
        seq = _ORG_SEQ_RE.match(text, om.end())
        # the firm ends where its town begins: "of Sala Tech in Lecco"
        if seq and not _role_re().search(seq.group()) and text[seq.end():seq.end() + 1] in (",", ")", " ", ".") \
                and (_AFFIL_TOWN.match(text, seq.end()) or text[seq.end():seq.end() + 1] in (",", ")", ".")):
            sp = _unknown_org_after(st, om.end())
            if sp is not None:
                st.mentions.affiliations.add(sp.start)
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
        org = st.docinfo.publisher or _focus_org(st)
        if not people or not org:
            continue
        for sp in people:
            _affiliation(st, sp.end)
            out.append((Membership(_mention(text, sp.start, pm.end()), person=sp.name, role="Board Member",
                                   organisation=org, start=st.docinfo.doc_date), sp))
    return out


@cache
def _body_res() -> tuple[re.Pattern[str], dict[str, str]]:
    """An elected body followed by the cue that its members are listed ("the Executive Committee,
    consisting of", "Collegio dei Probiviri composto da", "Board of Auditors:"), and each body
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
                    # ("... the Steering Committee was chosen, composed of"): a short verb between
                    rf"(?:{_SP}+[a-zà-ù]+){{0,3}}?{_SP}*(?:[,–-]{_SP}*)?(?:(?:{leads})\b{_SP}*:?|:){_SP}*")
    return rx, table


def _body_lists(st: _State) -> list[tuple[Membership, _Span]]:
    """"Steering Committee, made up of A (Alfa), B (Beta) and C": each listed person
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
        org_name = org_name or st.docinfo.publisher or _focus_org(st)
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


# "i Presidenti delle due associazioni - Anna Neri per ACIMIT e Luca Sala per UCIMU -", "the
# chairmen of both bodies, Anna Neri for ACIMIT and Luca Sala for UCIMU": each holds the role in
# the organisation named after "per"/"for"; the lead between the role and the list is short
_PER_LEAD = 90
_PER_RE = re.compile(rf"{_SP}+(?:per|for|di|of){_SP}+(?:the{_SP}+)?")
# an organisation after "per" that the gazetteer lacks: a word in capitals or a capitalised run
_PER_ORG = re.compile(rf"[A-ZÀ-Ý][A-ZÀ-Ý0-9&'’-]{{2,}}(?:[- ][A-ZÀ-Ý0-9&'’-]{{2,}}){{0,3}}\b|{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,2}}")


def _per_lists(st: _State) -> list[tuple[Membership, _Span]]:
    text = st.text
    canon = _role_canon()
    out: list[tuple[Membership, _Span]] = []
    for rm in st.scan(_role_re(), _role_triggers()):
        if not _is_plural_role(rm):
            continue
        _s0, s1 = st.sentence_of(rm.start())
        lead = re.search(r"[-–—:,(][ \u00a0]*(?=[A-ZÀ-Ý])", text[rm.end():min(s1, rm.end() + _PER_LEAD)])
        if lead is None or re.search(r"[.;]", text[rm.end():rm.end() + lead.start()]):
            continue
        label = canon.get(gz.canonical_key(rm.group("role")), rm.group("role"))
        kind = "TradeAssociation" if re.search(r"(?i)associa|federa", text[rm.end():rm.end() + lead.start()]) else "Company"
        pos = rm.end() + lead.end()
        items: list[tuple[_Span, _Span]] = []
        while pos < s1 and len(items) < _BODY_MAX:
            who = _person_name_at(st, pos)
            pm = _PER_RE.match(text, who.end) if who else None
            if who is None or pm is None:
                break
            org = st.org_at(pm.end())
            if org is None:
                om = _PER_ORG.match(text, pm.end())
                if om is None or gz.place(om.group()) is not None or om.group().split()[0] in _NOT_NAME_START:
                    break
                name = _clean_name(om.group())
                st.add_org(name, kind, om.start(), om.end())
                org = _Span(om.start(), om.end(), name, kind)
            items.append((who, org))
            nm = re.match(rf"{_SP}*(?:,{_SP}*(?:(?:and|e){_SP}+)?|{_SP}+(?:and|e|ed){_SP}+)", text[org.end:org.end + 8])
            if nm is None:
                break
            pos = org.end + nm.end()
        if len(items) < 2:
            continue  # one name "for" a body is a proxy, not a list of holders
        for who, org in items:
            out.append((Membership(_mention(text, rm.start(), org.end), person=who.name, role=label,
                                   organisation=org.name), who))
    return out


# a body lists at most this many members in one run (a bound, not a guess: boards are small)
_BODY_MAX = 40
_BODY_SPAN = 2000
# how many sentences before an election the meeting that held it may be told ("On 6 June the
# assembly met ... On this occasion the board was renewed")
_ELECTION_BACK = 3


@cache
def _assembly_words() -> re.Pattern[str]:
    return _words_re(_event_words()["assembly"])


def _election_day(st: _State, s0: int, s1: int) -> dt.date | None:
    """The day of an election: a day its sentence states; else the day of the assembly told just
    before it in the same paragraph; else the release's date."""
    when = next((d for _mn, d in _dates(st.text[s0:s1]) if d != st.docinfo.doc_date), None)
    if when:
        return when
    para = st.text.rfind("\n\n", 0, s0)
    i = bisect.bisect_right(st.segmentation.sentences, (s0, _BIG)) - 1
    for a, b in reversed(st.segmentation.sentences[max(0, i - _ELECTION_BACK):max(0, i)]):
        if a < para:
            break
        if _assembly_words().search(st.text, a, b):
            day = next((d for _mn, d in _dates(st.text[a:b])), None)
            if day:
                return day
    return st.docinfo.doc_date


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
                if o2 and o2.start not in st.mentions.affiliations and re.match(rf"{_SP}*(?:,{_SP}*)?(?:of|di|at)\b", text[person.end:o2.start]):
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
            mb = re.search(rf"(?:,{_SP}*\d{{1,3}}(?:{_SP}+(?:anni|years(?:{_SP}+old)?))?,?)?(?:,{_SP}+(?:who|che){_SP}+(?:remains|is|was|becomes|became|rimane|resta|è|diventa|diventerà){_SP}+(?:also{_SP}+|anche{_SP}+)?(?:the{_SP}+|il{_SP}+|la{_SP}+)?|,{_SP}+(?:the{_SP}+|la{_SP}+|il{_SP}+)?|{_SP}+(?:is|was|è|,|(?:has|had){_SP}+been|è{_SP}+stat[oa]|era|will{_SP}+remain|rimarrà|resterà|(?:ha|aveva){_SP}+ricoperto{_SP}+(?:il{_SP}+ruolo{_SP}+di|la{_SP}+carica{_SP}+di))(?:{_SP}+(?:also|anche|previously|formerly|già|in{_SP}+precedenza))?{_SP}+(?:the{_SP}+|a{_SP}+|l['’])?|{_SP}*\()$", before)
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
                org = _namesake_firm(st, person, rm.end())
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
            org_name = st.docinfo.publisher or _focus_org(st)
            if not org_name:
                continue
        else:
            org_name = org.name
        label, unit = _split_role(role, between)
        # "elected ... on 26 February 2025": a date the sentence states is the date of the change
        when = next((d for mn, d in _dates(text[s_start:s_end]) if d != st.docinfo.doc_date), None)
        if when is None:
            # "... has been appointed CEO. ...; Cusinato will take office on 1 April 2025": the day
            # the post begins, stated later in the same paragraph
            # (a paragraph is read at most 600 characters on: a page with no blank line must not
            # make every role rescan the rest of the text)
            reach = min(len(text), s_end + 600)
            para_end = text.find("\n\n", s_end, reach)
            tm = _TAKES_OFFICE.search(text, s_end, para_end if para_end >= 0 else reach)
            if tm:
                when = next((d for mn, d in _dates(text[tm.end():tm.end() + 30]) if mn.start < 6), None)
        when = when or st.docinfo.doc_date or _weekday_date(st)
        if mod in ("outgoing", "former", "uscente"):
            end = st.docinfo.doc_date or _weekday_date(st)
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
            w_start, w_end = (None, start or st.docinfo.doc_date) if who.kind == "end" else (start, end)
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
    for mem, who in _per_lists(st):
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
                return b if (a is None or (a == st.docinfo.doc_date and b is not None)) else a
            merged[key] = replace(old, start=pick(old.start, mem.start), end=pick(old.end, mem.end))
        else:
            merged[key] = mem
    # a bare "President" that another membership of the same person refines is the same post
    for key, mem in list(merged.items()):
        # ("President pro tempore" is a post of its own, not a refinement)
        if mem.unit is None and any(k != key and k[0] == key[0] and k[2] == key[2] and k[1].startswith(key[1])
                                    and k[1] not in _role_names() for k in merged):
            del merged[key]
    st.relations.memberships = list(merged.values())
    _merge_nicknames(st)
    _successions_apart(st)
    # surname-only references ("President Bergozza concluded") for quotations
    covered = sorted(st.mentions.person_spans, key=lambda p: p.start)
    for name in list(st.mentions.people):
        surname = name.split()[-1]
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
            if not any(p.start <= m.start() < p.end for p in _near(covered, m.start(), m.end())):
                st.mentions.person_spans.append(_Span(m.start(), m.end(), name))


_TAKES_OFFICE = re.compile(r"(?i)\b(?:will\s+take\s+office|takes\s+office|taking\s+office|effective|with\s+effect\s+from|entrerà\s+in\s+carica|entra\s+in\s+carica|assumerà\s+(?:l['’]incarico|la\s+carica)|con\s+decorrenza)(?:\s+(?:on|from|as\s+of|il|dal|dall['’]))?\s*")
