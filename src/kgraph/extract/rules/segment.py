"""Segmentation: the release's language, its sentences (bounded in length) and the clauses of a
sentence (cut at punctuation and conjunctions, never inside a protected span).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .state import _near, _Span

_EN_WORDS = frozenset("the of and to in is with for that by was were has have from which its this on are at".split())
_IT_WORDS = frozenset("il lo la le gli di del della dei delle che è per con nel nella sono ha da dal al alla un una anche rispetto".split())


def detect_language(text: str) -> str:
    """"en" or "it", by counting frequent function words of each language."""
    words = re.findall(r"[a-zàèéìòù]+", text.lower())
    en = sum(w in _EN_WORDS for w in words)
    it = sum(w in _IT_WORDS for w in words)
    return "it" if it > en else "en"


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


_CLAUSE_STOP = re.compile(r"[,;:.!?\n]")


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_STOP.search(text, pos, pos + 200)
    return m.start() if m else min(len(text), pos + 200)
