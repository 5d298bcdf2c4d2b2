"""Name mentions: gazetteer organisations and places found with spaCy's PhraseMatcher, the shapes
of a written name (capitalised words, a person's name) and the vocabulary of roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from .. import gazetteer as gz
from .._lex import _SP
from .lexicon import _words_alt
from .state import _Span


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


# "D'Alessandro", "O'Brien": an elided particle glued to a surname
_NAME_WORD = r"(?:[DO]['’])?[A-ZÀ-Ý][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-öø-ÿ'’]+)?"
_CAP_SEQ = rf"{_NAME_WORD}(?:{_SP}+(?:{_NAME_WORD}|[A-Z]{{2,}}|&|(?:of|di|de|del|della|delle|dei|degli|dello|per|and|e|for)(?={_SP}+[A-Z])))*"


@cache
def _role_re() -> re.Pattern[str]:
    names = sorted({n for r in gz.roles() for n in (r.name, *r.aliases, *r.plurals, *r.offices)}, key=len, reverse=True)
    alts = "|".join(re.escape(n).replace(r"\ ", rf"{_SP}+") for n in names)
    return re.compile(rf"(?i:\b(?P<mod>outgoing{_SP}+|former{_SP}+|new{_SP}+|newly{_SP}+elected{_SP}+|uscente{_SP}+|neo{_SP}*)?(?P<role>{alts}))(?P<pl>s(?=[ \u00a0,.;:]))?(?![\w-])")


@cache
def _role_triggers() -> tuple[str, ...]:
    return tuple({n.lower()[:4] for r in gz.roles() for n in (r.name, *r.aliases, *r.plurals, *r.offices)})


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


def _clean_name(name: str) -> str:
    return re.sub(r"[ \u00a0\t]+", " ", name).strip()
