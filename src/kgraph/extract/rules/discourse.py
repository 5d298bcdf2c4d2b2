"""Discourse across sentences: surnames that stand for a full name written elsewhere, nicknames,
and the organisation a release is about when it names no publisher.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from .. import gazetteer as gz
from .names import _NOT_NAME_START, _PERSON_RE, _clean_name, _name_words
from .state import _overlaps_entity, _State


def _known_surname(st: _State, word: str) -> str | None:
    for name in st.mentions.people:
        parts = name.split()
        if word == parts[-1] or (len(parts) > 2 and word == parts[-2]):
            return name
    return st.mentions.surnames.get(word)


def _collect_surnames(st: _State) -> None:
    """Full names written anywhere ("Maria Vittoria Brustia"), so "Presidente Brustia" resolves."""
    for m in _PERSON_RE.finditer(st.text):
        words = _name_words(m.group().split())
        if len(words) < 2:
            continue
        start = m.end() - len(" ".join(words))
        if _overlaps_entity(st, start, m.end()) or any(w in _NOT_NAME_START for w in words):
            continue
        st.mentions.surnames.setdefault(words[-1], _clean_name(" ".join(words)))


def _focus_org(st: _State) -> str | None:
    """With no publisher, the organisation a release is about: the one it names far more often
    than any other ("says CEO Fulvia Bacchi" in an article on Lineapelle)."""
    counts: dict[str, int] = {}
    for o in st.mentions.org_spans:
        if o.kind != "Venue":
            counts[o.name] = counts.get(o.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


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
    for name in st.mentions.people:
        first, _, rest = name.partition(" ")
        for full in nick.get(first, ()):
            if rest and f"{full} {rest}" in st.mentions.people:
                alias[name] = f"{full} {rest}"
    if not alias:
        return
    for short in alias:
        del st.mentions.people[short]
    st.mentions.person_spans = [replace(p, name=alias.get(p.name, p.name)) for p in st.mentions.person_spans]
    st._people_sorted = None
    seen: set[tuple[str, str, str, str | None]] = set()
    kept = []
    for m in st.relations.memberships:
        m = replace(m, person=alias.get(m.person, m.person))
        key = (m.person, m.role, m.organisation, m.unit)
        if key not in seen:
            seen.add(key)
            kept.append(m)
    st.relations.memberships = kept
