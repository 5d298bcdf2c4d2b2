"""Plain data: documents, mentions and facts, before they become RDF.

This is the contract between the two halves of :mod:`kgraph.extract`: the text side
(text -> :class:`Extraction`) and the RDF side (:class:`Extraction` -> triples). Names in
facts are canonical names (aliases already resolved: "ICE" -> "Italian Trade Agency"),
so the RDF side can mint one IRI per entity. Every fact carries the :class:`Mention` it
came from: ``document.text[m.start:m.end] == m.text`` always holds, and may name the
``rule`` that made it (``"people"``, ``"people.role-apposition"``: the finding stage, then
optionally a finer rule after a dot), which the graph keeps as ``kg:extractionRule`` and
``kgraph eval`` scores rule by rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeVar

__all__ = [
    "Document", "Mention", "Fact", "DocumentInfo", "Organisation", "Person", "Place",
    "Membership", "Event", "Segment", "Observation", "MarketRelation", "OrgRelation",
    "Priority", "Driver", "Quotation", "Extraction",
    "ORG_TYPES", "PLACE_KINDS", "MARKET_RELATIONS", "UNITS",
]

ORG_TYPES = ("TradeAssociation", "Confederation", "GovernmentAgency", "University", "Company",
             "ResearchCentre", "Venue", "InnovationDistrict", "TradeFair")
PLACE_KINDS = ("country", "region", "city", "aggregate")
MARKET_RELATIONS = ("domestic", "destination", "export_priority", "competitor")
UNITS = ("EUR", "USD", "percent", "index", "months", "count", "rank", "points", "pairs", "sqm", "tonnes", "hours")


@dataclass(frozen=True)
class Mention:
    """A span of a document's text: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """One release as read: its text exactly as stored, which every offset indexes into."""

    slug: str  # file stem, e.g. "assomac-2025-06-20-sector-2024"
    path: str
    text: str
    language: str = "en"  # "en" or "it"
    sha256: str = ""
    encoding: str = "utf-8"  # the charset the file was read with
    # The date the page's own metadata gives (an HTML release's <meta> or feed entry): a
    # fallback publication date, never a date the text states.
    metadata_date: dt.date | None = None
    metadata_date_source: str = "page-metadata"  # or "feed-metadata": the feed's entry date
    source_url: str | None = None  # the web page the release was fetched from


@dataclass
class Fact:
    evidence: Mention
    # Keyword-only so that subclasses keep their positional fields; left out of equality so
    # that two statements of the same fact by different rules still compare equal.
    rule: str | None = field(default=None, kw_only=True, compare=False)


@dataclass
class DocumentInfo(Fact):
    """Title, date, place and publisher of the release (evidence: the title or dateline)."""

    title: str | None = None
    date: dt.date | None = None
    place: str | None = None  # canonical city name
    publisher: str | None = None  # canonical organisation name
    date_evidence: tuple[Mention, ...] = ()  # every place the date was read from
    # The YYYY-MM-DD the file name carries: where the release came from, not what its text
    # states, so it never stands in for ``date`` (gold records only the stated date).
    file_date: dt.date | None = None


@dataclass
class Organisation(Fact):
    name: str  # canonical
    type: str  # one of ORG_TYPES
    aliases: tuple[str, ...] = ()
    city: str | None = None  # venues: the city they are in
    parent: str | None = None


@dataclass
class Person(Fact):
    name: str


@dataclass
class Place(Fact):
    name: str  # canonical English name: "Italy", "South-East Asia", "Bergamo", "foreign markets"
    kind: str  # one of PLACE_KINDS
    aliases: tuple[str, ...] = ()


@dataclass
class Membership(Fact):
    """A person holding a role in an organisation (optionally in a unit, with dates)."""

    person: str
    role: str  # canonical English role label: "President", "Director General"
    organisation: str
    unit: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Event(Fact):
    kind: str  # "GeneralAssembly", "TradeFairEdition", "Conference", "Signing"
    organiser: str | None = None
    date: dt.date | None = None
    venue: str | None = None
    city: str | None = None
    title: str | None = None
    speakers: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # everyone taking part, speakers included


@dataclass
class Segment(Fact):
    name: str  # canonical English name
    kind: Literal["sector", "segment"] = "segment"
    parent: str | None = None  # the sector a segment belongs to


@dataclass
class Observation(Fact):
    indicator: str  # gold key: turnover, turnover_change, world_export_share, ...
    scope: str  # sector or segment name
    value: Decimal
    unit: str  # one of UNITS
    period: str  # "2024", "2024-H1", "2024-Q3", "2024-01/2024-08"
    area: str | None = None  # reference area (a place name), usually "Italy"
    market: str | None = None  # counterpart market ("foreign markets", "domestic market", "China")
    qualifiers: tuple[str, ...] = ()  # "estimated", "preliminary"
    base: str | None = None  # index base, "2021=100"


@dataclass
class MarketRelation(Fact):
    market: str  # place name
    relation: str  # one of MARKET_RELATIONS
    scope: str | None = None  # sector the relation is about


@dataclass
class OrgRelation(Fact):
    subject: str
    relation: Literal["part_of", "member_of"]
    object: str


@dataclass
class Priority(Fact):
    text: str  # normalised label of the priority
    programme: str | None = None  # "Industry 5.0"
    voiced_by: str | None = None  # organisation or person name


@dataclass
class Driver(Fact):
    text: str


@dataclass
class Quotation(Fact):
    text: str
    speaker: str | None = None


_F = TypeVar("_F", bound=Fact)


@dataclass
class Extraction:
    """Everything read from one release."""

    document: Document
    info: DocumentInfo
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What the extractor counts of its own run, for the build report: facts proposed,
    # accepted and rejected by reason, tokens used (empty for the rules).
    counts: dict[str, int] = field(default_factory=dict)

    def of(self, kind: type[_F]) -> list[_F]:
        """The facts of one kind, in document order."""
        return [f for f in self.facts if isinstance(f, kind)]
