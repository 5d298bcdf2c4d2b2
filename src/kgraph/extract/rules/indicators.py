"""Indicator cues: the tables of words that name what a figure measures (per language), scanned
once per text and looked up per window by bisection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache

from .. import gazetteer as gz
from .._figures import _Figure
from .lexicon import _phrase

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


@cache
def _qualifier_words() -> dict[str, tuple[str, ...]]:
    return gz.indicator_cues().get("qualifiers", {})
