"""Organisation links: membership, parent bodies and systems ("member of Confindustria",
"aderente a Federmacchine"), stated in appositions or lists.
"""

from __future__ import annotations

import re
from functools import cache

from ...model import OrgRelation
from .. import gazetteer as gz
from .lexicon import _cue_alt
from .state import _mention, _near, _Span, _State

_REL_RE = re.compile(r"(?i),?[ \u00a0]+(?:(?:which|that|che)[ \u00a0]+(?:is|è|fa)[ \u00a0]+)?(?:the|a|an|il|la|l['’])?[ \u00a0]*(?:(?:regional|territorial|local|provincial|national|italian|territoriale|regionale)[ \u00a0]+)?(branch|section|division|subsidiary|arm|part|member|articolazione|sezione|sede|parte|membro|socio|associata)(?:[ \u00a0]+(?:regionale|territoriale|locale|provinciale))?[ \u00a0]+(?:of|di|del|della|dell['’]|de)[ \u00a0]*(?:the[ \u00a0]+)?")


# an organisational link stated after an apposition: "UCIMU, the association of ..., member of
# Confindustria", "ACIMIT, l'Associazione dei costruttori ..., aderente a Federmacchine",
# "UNIC, l'associazione che ... e che fa parte di Confindustria Moda"; cue phrases are data
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
    seen: set[tuple[str, str, str]] = {(r.subject, r.relation, r.object) for r in st.relations.facts if isinstance(r, OrgRelation)}

    def add(subj: _Span, kind: str, obj: _Span) -> None:
        key = (subj.name, kind, obj.name)
        if key in seen or subj.name == obj.name:
            return
        seen.add(key)
        lo, hi = min(subj.start, obj.start), max(subj.end, obj.end)
        st.relations.facts.append(OrgRelation(_mention(text, lo, hi), subject=subj.name,
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
    pub = next((o for o in orgs if o.name == st.docinfo.publisher), None)
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
