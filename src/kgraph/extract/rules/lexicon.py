"""Word lists as regular expressions: the alternations built from the YAML data files
(``data/*.yaml``), the cue lexicons and their scan triggers, shared by every component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from .. import gazetteer as gz
from .._lex import _SP
from .state import _State


def _words_alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", rf"{_SP}+") for w in sorted(set(words), key=len, reverse=True))


_WEEKDAY = (r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedì|martedì|mercoledì"
            r"|giovedì|venerdì|sabato|domenica)")


def _phrase(words: str) -> str:
    # a cue written with a straight apostrophe matches a typographic one too
    return re.escape(words).replace(r"\ ", _SP + "+").replace("'", "['’]")


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


def _lex_alt(name: str, group: str) -> str:
    """The phrases of one lexicon group as a bare alternation (longest first), for a construction
    that combines groups."""
    phrases = sorted(gz.cue_lexicon(name).get(group, ()), key=len, reverse=True)
    return "|".join(_lex_phrase(p) for p in phrases) or r"(?!)"


def _lex_triggers(name: str, group: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_lex_trigger(p) for p in gz.cue_lexicon(name).get(group, ())))


# the cue phrases of one key of data/relations.yaml as an alternation, longest first
def _cue_alt(key: str) -> str:
    words = sorted(gz.relation_cues().get(key, ()), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", "[ \u00a0]+") for w in words)


@cache
def _event_words() -> dict[str, Any]:
    data: dict[str, Any] = gz._load("events.yaml")
    return data


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive alternation of phrases, longest first; spaces and apostrophes are loose."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        alts.append(re.escape(w).replace(r"\ ", r"[ \u00a0]+").replace("'", "['’]").replace("’", "['’]"))
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")
