"""Grounding: does a proposed fact stand on the text it cites?

Every extractor's facts carry a :class:`~kgraph.model.Mention` whose text is the document's
text at its offsets (:func:`quote_at`, which :mod:`kgraph.extract.rdf` checks before writing
a fact). The rules make their mentions from offsets, so they hold by construction; an
extractor that proposes facts from outside (a language model) gives a quote instead, and
this module decides whether the fact can be kept:

* :func:`locate` finds the quote in its chunk of text, exactly or after normalising white
  space, quote marks and dashes, and maps the match back to offsets of the raw text;
* :func:`name_in` checks that a name occurs in the quote, directly or through one of the
  gazetteer's aliases of the entity it names;
* :func:`value_in` checks that a number of the quote reads as the fact's value and unit;
* :func:`period_stated` checks that the fact's period is written in the quote or among the
  document's dates;
* :func:`date_stated` checks that a day (an event's) is written in the quote, or that the
  quote says "today" or "yesterday" of the document's own date;
* :func:`person_in` checks a person's name, also where the quote gives the surname only and
  the release the whole name;
* :func:`words_in` checks that the words of a label (a priority, a driver) are the quote's;
* :func:`segment_in` checks a sector or segment, named whole or by the products it lists.

A check that fails gives one of the :data:`REASONS`, which the build report counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model import Mention
from .gazetteer import Kind, fold, resolve

__all__ = ["quote_at", "locate", "name_in", "person_in", "Folded", "words_in", "value_in",
           "period_stated", "date_stated", "segment_in", "segment_canonical", "REASONS",
           "normalise_quote"]

REASONS = {
    "quote-not-found": "the quote is not in the text (not even after normalising spaces and quote marks)",
    "name-not-in-quote": "a name of the fact does not occur in its quote (nor any alias of it)",
    "value-not-in-quote": "no number of the quote reads as the fact's value and unit",
    "period-not-stated": "the period is written neither in the quote nor among the document's dates",
    "unknown-term": "a term of the fact (scope, area) is neither known nor in the text",
    "date-not-stated": "the day is written neither in the quote nor as today/yesterday of the document's date",
    "text-not-in-quote": "the words of a label (priority, driver) or a quotation's text are not the quote's",
    "shape-invalid": "the fact breaks its kind's shape (a wrong type, value or field; dropped alone)",
    "answer-invalid": "the model's answer is not JSON valid for the schema (the chunk's facts are dropped)",
    "answer-truncated": "the model's answer was cut off (the chunk's facts are dropped)",
}
"""Why a proposed fact (or a whole answer) was rejected, by the key the report counts."""

_MIN_QUOTE = 3

# What a model may change when it copies text: curly quotes, dashes and non-breaking or
# repeated white space. Each maps to one character so that offsets map back one to one.
_FOLD_CHARS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
})


def quote_at(text: str, m: Mention) -> bool:
    """Whether ``m`` is non-empty and its text is ``text`` at its offsets (what provenance
    promises of every stored fact)."""
    return 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with quote marks and dashes unified and white space runs made one space,
    with the raw index of every character kept."""
    out: list[str] = []
    index: list[int] = []
    folded = text.translate(_FOLD_CHARS)
    for i, c in enumerate(folded):
        if c.isspace():
            if out and out[-1] == " ":
                continue
            c = " "
        out.append(c)
        index.append(i)
    return "".join(out), index


def normalise_quote(quote: str) -> str:
    """A quote as :func:`locate` compares it (quote marks, dashes and spaces unified)."""
    return _normalised(quote)[0].strip()


def _nearest(haystack: str, needle: str, near: int | None) -> int:
    """Where ``needle`` occurs in ``haystack``: the first place, or with ``near`` the place
    closest to it (-1 when nowhere). Each search starts past the last match, so the
    whole scan is linear in ``haystack`` for a needle that is not tiny."""
    at = haystack.find(needle)
    if near is None or at < 0:
        return at
    best = at
    while at >= 0 and at <= near:
        if abs(at - near) < abs(best - near):
            best = at
        at = haystack.find(needle, at + 1)
    if at >= 0 and abs(at - near) < abs(best - near):
        best = at
    return best


def locate(quote: str, text: str, start: int = 0, end: int | None = None, *,
           near: int | None = None) -> Mention | None:
    """Where ``quote`` occurs in ``text[start:end]``, as a mention of ``text``.

    Exact occurrences win; else quote marks, dashes and white space are normalised on both
    sides and the match is mapped back to the raw offsets (so the mention's text is the
    document's own, curly quotes and line breaks included). Where the quote occurs more
    than once, the first occurrence, or the one nearest to ``near`` (an offset of ``text``
    someone claims for it, trusted for nothing else). None when the quote is shorter than
    three characters or not there.
    """
    end = len(text) if end is None else end
    q = quote.strip()
    if len(q) < _MIN_QUOTE:
        return None
    hint = None if near is None else near - start
    at = _nearest(text[start:end], q, hint)
    if at >= 0:
        return Mention(q, start + at, start + at + len(q))
    norm, index = _normalised(text[start:end])
    nq = normalise_quote(q)
    if len(nq) < _MIN_QUOTE:
        return None
    if hint is not None:  # the hint counts raw characters: find its place in the normalised text
        hint = next((i for i, raw in enumerate(index) if raw >= hint), len(index))
    at = _nearest(norm, nq, hint)
    if at < 0:
        return None
    a = start + index[at]
    b = start + index[at + len(nq) - 1] + 1
    return Mention(text[a:b], a, b)


def _occurs(needle: str, haystack: str) -> bool:
    """``needle`` as whole words of ``haystack``, case and accents folded."""
    n = " ".join(fold(needle).translate(_FOLD_CHARS).split())
    if not n:
        return False
    h = " ".join(fold(haystack).translate(_FOLD_CHARS).split())
    return re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h) is not None


def _forms(name: str, kind: Kind | None) -> list[str]:
    """``name`` and, when the gazetteer knows the entity, its canonical name and aliases."""
    from . import gazetteer

    forms = [name]
    if kind is None:
        return forms
    canon = resolve(name, kind)
    if canon is None:
        return forms
    forms.append(canon)
    if kind == "organisation":
        entry = gazetteer.organisation(canon)
        forms += list(entry.aliases) if entry else []
    elif kind == "place":
        place = gazetteer.place(canon)
        forms += [*place.aliases, *place.adjectives] if place else []
    elif kind == "role":
        for r in gazetteer.roles():
            if r.name == canon:
                forms += [*r.aliases, *r.plurals, *r.offices]
    elif kind == "segment":
        for s in gazetteer.standalone_segments():
            if s.name == canon:
                forms += list(s.forms)
    return forms


def name_in(name: str, quote: str, kind: Kind | None = None) -> bool:
    """Whether ``name`` occurs in ``quote`` as whole words (case and accents aside), itself
    or as one of the gazetteer's names of the ``kind`` of entity it names."""
    return any(_occurs(f, quote) for f in _forms(name, kind))


class Folded:
    """A text folded once (case, accents, quote marks, white space), to look names up in
    it: a long release is folded once, not once per name, and each name looked up once."""

    def __init__(self, text: str) -> None:
        self.text = " ".join(fold(text).translate(_FOLD_CHARS).split())
        self._seen: dict[str, bool] = {}

    def has(self, name: str) -> bool:
        """Whether ``name`` occurs in the text as whole words."""
        if name not in self._seen:
            n = " ".join(fold(name).translate(_FOLD_CHARS).split())
            self._seen[name] = bool(n) and re.search(
                rf"(?<!\w){re.escape(n)}(?!\w)", self.text) is not None
        return self._seen[name]


def person_in(name: str, quote: str, document: str | Folded = "") -> bool:
    """Whether the person ``name`` is in ``quote``: the whole name, or its last word where
    the quote gives the surname only ("President Neri concluded") and the ``document`` the
    whole name."""
    if name_in(name, quote):
        return True
    words = name.split()
    if not (len(words) > 1 and len(words[-1]) > 2 and _occurs(words[-1], quote) and document):
        return False
    return (document if isinstance(document, Folded) else Folded(document)).has(name)


_WORD = re.compile(r"\w+")


def words_in(label: str, quote: str) -> bool:
    """Whether every word of ``label`` of three letters or more is a word of ``quote``
    (case and accents aside): a label made of the quote's own words, in any order, not a
    paraphrase of them. A label with no such word is never in."""
    have = set(_WORD.findall(fold(quote)))
    wanted = [w for w in _WORD.findall(fold(label)) if len(w) >= 3]
    return bool(wanted) and all(w in have for w in wanted)


_LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:and|e|ed|&)\s+")


def _segment_items(name: str) -> list[str] | None:
    """The canonical products a machinery name lists ("tannery and footwear machines" ->
    footwear, tannery), or None when it is not such a name (no machinery head word, or a
    product the gazetteer does not know)."""
    from . import gazetteer

    words = fold(name).split()
    heads = {fold(h) for h in gazetteer.segment_heads()}
    if len(words) < 2 or not ({words[-1], words[0]} & heads):
        return None
    body = " ".join(words[:-1] if words[-1] in heads else words[1:])
    body = re.sub(r"^(?:for|per)\s+", "", body)
    items: list[str] = []
    for part in _LIST_SPLIT.split(body):
        part = part.strip()
        if not part:
            continue
        item = next((i.name for i in gazetteer.segment_items()
                     if part in {fold(f) for f in i.forms} or part == fold(i.name)), None)
        if item is None:
            return None
        items.append(item)
    return items or None


def segment_canonical(name: str) -> str:
    """The gazetteer's name of a sector or segment: a standalone one's canonical name, a
    machinery name rebuilt from its products in canonical order, else ``name`` itself."""
    from . import gazetteer

    known = resolve(name, "segment")
    if known:
        return known
    items = _segment_items(name)
    return gazetteer.segment_name(items) if items else " ".join(name.split())


def segment_in(name: str, quote: str) -> bool:
    """Whether the sector or segment ``name`` is in ``quote``: itself or one of the
    gazetteer's forms of it, or, for a machinery name, every product it lists in one of its
    forms ("footwear machinery" stands on "the footwear segment" or "macchine per
    calzature")."""
    from . import gazetteer

    if name_in(name, quote, "segment"):
        return True
    items = _segment_items(name)
    if not items:
        return False
    forms = {i.name: (i.name, *i.forms) for i in gazetteer.segment_items()}
    return all(any(_occurs(f, quote) for f in forms.get(item, (item,))) for item in items)


def _same(a: Decimal, b: Decimal) -> bool:
    try:
        return a.normalize() == b.normalize()
    except InvalidOperation:  # pragma: no cover - NaN and friends never get this far
        return False


# Units a number stands for without a written unit word ("1,210 exhibitors", "ranked 2nd").
_BARE_UNITS = frozenset({"count", "rank", "index", "months"})
_NUMBER = re.compile(r"(?<![\w.,])[-+\u2212\u2013]?\d+(?:[.,\u00a0 ]\d+)*")


def value_in(value: Decimal, unit: str, quote: str, lang: str) -> bool:
    """Whether a figure of ``quote`` reads as ``value`` in ``unit``.

    Figures are read by the rules' own figure reader (money with its currency and
    multiplier, percentages, points, physical units); counts, ranks, index levels and
    months also match a bare number. A negative value needs a minus sign or a word of fall
    in the quote ("fell by 3%" is -3), a positive one no written minus.
    """
    from ._figures import _NEG_RE, _figures
    from .quantity import parse_count, parse_number

    candidates: list[tuple[Decimal, str, bool]] = []
    for f in _figures(quote, lang):
        candidates.append((f.value, f.unit, f.signed))
    if unit in _BARE_UNITS:
        for m in _NUMBER.finditer(quote):
            raw = m.group()
            for parse in (parse_number, parse_count):
                try:
                    candidates.append((parse(raw, lang), unit, raw[0] in "-+\u2212\u2013"))
                except (InvalidOperation, ValueError):
                    continue
    falls = _NEG_RE.search(quote) is not None
    for v, u, signed in candidates:
        if u != unit:
            continue
        if _same(v, value):
            return True
        if not signed and value < 0 and falls and _same(v, -value):
            return True
    return False


@lru_cache(maxsize=16)
def _periods_of(text: str, year: int | None) -> frozenset[str]:
    from .timex import periods

    out = set()
    for p in periods(text):
        if "{y}" in p.value:
            if year is None:
                continue
            out.add(p.value.replace("{y}", str(year)))
        else:
            out.add(p.value)
    return frozenset(out)


def period_stated(period: str, quote: str, document_text: str, *,
                  dates: Iterable[dt.date] = ()) -> bool:
    """Whether ``period`` is written in ``quote``, or is a period the document states (its
    own date's year, or a period written anywhere in its text)."""
    years = [d.year for d in dates]
    year = years[0] if years else None
    return (period in _periods_of(quote, year) or period in {str(y) for y in years}
            or period in _periods_of(document_text, year))


# Words that date an event by the release's own day: days back from it.
_RELATIVE_DAYS: dict[str, int] = {"today": 0, "oggi": 0, "odierna": 0, "yesterday": 1, "ieri": 1}
_RELATIVE_RE = re.compile(r"(?i)(?<!\w)(" + "|".join(_RELATIVE_DAYS) + r")(?!\w)")


def date_stated(day: dt.date, quote: str, *, dates: Iterable[dt.date] = ()) -> bool:
    """Whether the day ``day`` is written in ``quote`` (any date the rules read: "20 June
    2025", "June 20th, 2025", "20/06/2025"; the first day of a span of days), or the quote
    says "today" or "yesterday" (or the Italian words) and ``day`` is that day counted from
    the first of the document's ``dates``."""
    from ._dates import _dates

    if any(d == day for _, d in _dates(quote)):
        return True
    own = next(iter(dates), None)
    if own is None:
        return False
    return any(own - dt.timedelta(days=_RELATIVE_DAYS[m.group(1).lower()]) == day
               for m in _RELATIVE_RE.finditer(quote))
