"""The document model every component reads and writes: :class:`_Span` (a stretch of the text
with its canonical name and kind), :class:`_State` (the release's text and what has been found
in it so far, in four records: segmentation, mentions, relations, document info) and the
span-overlap helpers, kept here in one place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...model import Document, DocumentInfo, Fact, Membership, Mention, Organisation, Person
from .._figures import _Figure, _figures

HOME_COUNTRY = "Italy"
_BIG = 1 << 62


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


def _near(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """Spans of a start-sorted list that may overlap [start, end) (names are < 300 characters)."""
    i = bisect.bisect_left(spans, start - 300, key=lambda s: s.start)
    j = bisect.bisect_right(spans, end, key=lambda s: s.start)
    return spans[i:j]


def _within(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """Spans of a start-sorted list lying inside [start, end)."""
    return [s for s in _near(spans, start, end) if s.start >= start and s.end <= end]


@dataclass
class _Segmentation:
    """The segments of the text: its sentences, in order (a run longer than a person writes is cut)."""

    sentences: list[tuple[int, int]]


@dataclass
class _Mentions:
    """What the text names, with where: gazetteer entities, organisations, people, sectors, and
    the names that stand for one another across sentences."""

    ents: list[_Span]  # gazetteer organisations and places (adjectives included)
    orgs: dict[str, Organisation] = field(default_factory=dict)
    org_spans: list[_Span] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    person_spans: list[_Span] = field(default_factory=list)
    segments: list[_Span] = field(default_factory=list)  # kind "sector" or "segment"
    sector: str | None = None
    surnames: dict[str, str] = field(default_factory=dict)  # surname -> full name written elsewhere
    affiliations: set[int] = field(default_factory=set)  # starts of firms written after a person's name


@dataclass
class _Relations:
    """The facts found so far; memberships join them (with organisations and people) at assembly."""

    facts: list[Fact] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)


@dataclass
class _DocInfo:
    """The release as a document: its info record, publisher, date and place."""

    info: DocumentInfo | None = None
    publisher: str | None = None
    doc_date: dt.date | None = None
    place: str | None = None


@dataclass
class _State:
    doc: Document
    text: str
    lang: str
    segmentation: _Segmentation
    mentions: _Mentions
    relations: _Relations = field(default_factory=_Relations)
    docinfo: _DocInfo = field(default_factory=_DocInfo)
    warnings: list[str] = field(default_factory=list)
    _figs: list[_Figure] | None = None
    _places: list[_Span] | None = None
    _lower: str | None = None
    _protected: list[_Span] | None = None
    _orgs_sorted: list[_Span] | None = None
    _people_sorted: list[_Span] | None = None
    _found: dict[tuple[int, int, int], bool] = field(default_factory=dict)

    def found(self, rx: re.Pattern[str], a: int, b: int) -> bool:
        """``rx.search(text, a, b)`` as a truth value, remembered per window: every figure of a
        clause asks the same question of it, and a clause of hundreds of figures made that the
        bulk of the work."""
        key = (id(rx), a, b)
        hit = self._found.get(key)
        if hit is None:
            hit = self._found[key] = rx.search(self.text, a, b) is not None
        return hit

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
        for a, b in self.segmentation.sentences:
            chunk = lower[a:b]
            if any(t in chunk for t in trig):
                yield from rx.finditer(self.text, a, b)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.segmentation.sentences, (pos, _BIG)) - 1
        if i >= 0 and self.segmentation.sentences[i][0] <= pos < self.segmentation.sentences[i][1]:
            return self.segmentation.sentences[i]
        return pos, pos

    def places(self) -> list[_Span]:
        if self._places is None:
            self._places = [s for s in self.mentions.ents if s.kind.startswith("place:")]
        return self._places

    def protected(self) -> list[_Span]:
        """Entity and segment spans, sorted: list splitting never cuts inside them."""
        if self._protected is None:
            self._protected = sorted([*self.mentions.ents, *self.mentions.segments], key=lambda s: s.start)
        return self._protected

    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def add_org(self, name: str, type_: str, start: int, end: int, aliases: tuple[str, ...] = (),
                city: str | None = None) -> None:
        self.mentions.org_spans.append(_Span(start, end, name, type_))
        if name not in self.mentions.orgs:
            self.mentions.orgs[name] = Organisation(_mention(self.text, start, end), name=name, type=type_,
                                           aliases=aliases, city=city)

    def orgs_sorted(self) -> list[_Span]:
        """Organisation mentions sorted by start (re-sorted only when mentions were added)."""
        if self._orgs_sorted is None or len(self._orgs_sorted) != len(self.mentions.org_spans):
            self._orgs_sorted = sorted(self.mentions.org_spans, key=lambda x: x.start)
        return self._orgs_sorted

    def people_sorted(self) -> list[_Span]:
        """Person mentions sorted by start (re-sorted only when mentions were added)."""
        if self._people_sorted is None or len(self._people_sorted) != len(self.mentions.person_spans):
            self._people_sorted = sorted(self.mentions.person_spans, key=lambda x: x.start)
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


def _overlaps_entity(st: _State, a: int, b: int) -> bool:
    # a surname may be a town's name ("Marta Lodi", "Luca Como") or a demonym ("Anna Greco",
    # "Luca Russo"): a city or an adjective of place after the first word of a name does not stop it
    return any(s.start < b and a < s.end and not (s.kind in ("place:city", "adj:country", "adj:region", "adj:city")
                                                  and s.start > a and s.end == b)
               for s in _near(st.mentions.ents, a, b)) or any(
        s.start < b and a < s.end for s in _near(st.orgs_sorted(), a, b))


def _overlapping(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether a span of the start-sorted, barely overlapping ``spans`` overlaps [a, b)."""
    i = bisect.bisect_left(spans, (b, -1))
    return any(x < b and a < y for x, y in spans[max(0, i - 4):i])


def _covering(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether a span of the start-sorted ``spans`` covers [a, b); driver spans barely nest, so
    the few spans starting last before ``a`` are the only candidates."""
    i = bisect.bisect_right(spans, (a, _BIG))
    return any(x <= a and b <= y for x, y in spans[max(0, i - 4):i])
