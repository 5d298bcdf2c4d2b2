"""Facts to RDF: one :class:`~kgraph.model.Extraction` -> the triples of its release graph.

This module follows ``ontology/README.md`` (the KG contract) and is, with :mod:`._iris`,
the one place kgraph mints instance IRIs. Everything it writes is a function of the
extraction alone (no clock, no counters across calls), so building a release twice gives
the same graph; the extraction run with its times goes to ``kgg:runs`` through
:func:`run_graph`, never into the release graph.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..config import __version__
from ..judgements import Resolver, local_iri
from ..model import (
    MARKET_RELATIONS,
    Driver,
    Event,
    Extraction,
    Fact,
    MarketRelation,
    Membership,
    Mention,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Quotation,
    Segment,
)
from ..namespaces import (
    DCTERMS,
    FOAF,
    KG,
    KGI,
    OA,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SDMX_ATTR,
    SDMX_DIM,
    SDMX_MEAS,
    SDO,
    SKOS,
    TIME,
    XSD,
    bind_prefixes,
)
from ..schema import FactKind, Registry, kg_class, registry
from . import _iris as iris
from .base import Extractor, canonical_config, config_hash, file_name_date
from .grounding import quote_at

__all__ = ["to_graph", "run_graph", "decimal_literal", "CONTEXT_CHARS"]

CONTEXT_CHARS = 32
"""Characters of text kept before and after a quote (``oa:prefix`` / ``oa:suffix``)."""

_INDICATOR = re.compile(r"[a-z][a-z0-9_]*")
_PERIOD = re.compile(r"[0-9]{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(/[0-9]{4}-(0[1-9]|1[0-2]))?))?")

_AGGREGATES = {
    "foreign": "foreign markets",
    "foreign-market": "foreign markets",
    "foreign-markets": "foreign markets",
    "abroad": "foreign markets",
    "domestic": "domestic market",
    "domestic-market": "domestic market",
    "world": "world",
}
# UN M49 codes of the regions releases talk about.
_M49_REGIONS = {
    "world": "001", "africa": "002", "northern-africa": "015", "sub-saharan-africa": "202",
    "america": "019", "americas": "019", "north-america": "021", "northern-america": "021",
    "south-america": "005", "central-america": "013", "latin-america": "419",
    "asia": "142", "south-east-asia": "035", "southeast-asia": "035", "eastern-asia": "030",
    "east-asia": "030", "southern-asia": "034", "western-asia": "145", "central-asia": "143",
    "europe": "150", "eastern-europe": "151", "western-europe": "155",
    "northern-europe": "154", "southern-europe": "039", "oceania": "009",
}
# Countries whose usual English name pycountry does not know.
_COUNTRY_CODES = {"turkey": ("TR", "792"), "russia": ("RU", "643"), "south-korea": ("KR", "410"),
                  "vietnam": ("VN", "704"), "iran": ("IR", "364"), "taiwan": ("TW", "158")}


def decimal_literal(value: Decimal | int | float | str) -> Literal:
    """``xsd:decimal`` in the canonical lexical form Oxigraph stores (``575000000``,
    ``12.76``): no exponent, no trailing zeros, so graphs compare equal after a round trip."""
    d = Decimal(str(value))
    text = format(d.normalize(), "f") if d != 0 else "0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def _words(notation: str) -> str:
    return notation.replace("_", " ")


@lru_cache(maxsize=4096)
def _country_codes(name: str) -> tuple[str, str] | None:
    key = iris.canonical_key(name)
    if key in _COUNTRY_CODES:
        return _COUNTRY_CODES[key]
    from . import gazetteer

    entry = gazetteer.place(name)  # the gazetteer knows every ISO country, Italian names included
    if entry is not None and entry.kind == "country" and entry.iso2 and entry.m49:
        return entry.iso2, entry.m49
    import pycountry

    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return str(country.alpha_2), str(country.numeric)


_COPIED = frozenset({RDF.type, SKOS.prefLabel, RDFS.label, SKOS.altLabel, SKOS.notation,
                     SKOS.inScheme, SKOS.broader, SKOS.topConceptOf, QB.structure})
_SCHEME_OF = {KG.Indicator: "indicator", KG.Unit: "measure-unit", KG.ObservationStatus: "status",
              KG.MarketRelationType: "market-relation", ORG.Role: "role"}


@lru_cache(maxsize=1)
def _reference() -> dict[Node, tuple[tuple[URIRef, Node], ...]]:
    """The reference concepts of ``ontology/schemes.ttl`` (kgi: subjects), empty when the
    ontology folder is not there (an installed package without it still extracts)."""
    from ..errors import KGraphError
    from ..ontology import load_ontology

    try:
        graph = load_ontology()
    except KGraphError:
        return {}
    out: dict[Node, list[tuple[URIRef, Node]]] = {}
    for s, p, o in graph:
        if isinstance(s, URIRef) and str(s).startswith(str(KGI)) and p in _COPIED:
            out.setdefault(s, []).append((URIRef(str(p)), o))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _key(name: str) -> str:
    """The key of a name, or "" when it has none (such facts are left out later)."""
    try:
        return iris.canonical_key(name)
    except ValueError:
        return ""


def _place_name(name: str) -> str:
    return _AGGREGATES.get(iris.canonical_key(name), name)


class _Builder:
    def __init__(self, extraction: Extraction, resolver: Resolver | None = None,
                 reg: Registry | None = None) -> None:
        self.x = extraction
        # The classes, their superclasses written out with them (so that queries without
        # a reasoner find the subclasses) and the fact kinds come from the registry.
        self.reg = reg or registry()
        self.events = {str(c).rsplit("#", 1)[-1] for c in self.reg.event_classes}
        self.resolver = resolver or Resolver()
        # default IRI -> (canonical IRI, the name this release gives it): the resolution graph
        self.resolved: dict[URIRef, tuple[URIRef, str]] = {}
        self.doc = extraction.document
        self.slug = self.doc.slug
        self.lang = self.doc.language or "en"
        self.release = iris.release_iri(self.slug)
        self.run = iris.run_iri(self.slug, self.doc.sha256 or "0" * 12)
        self.g = bind_prefixes(Graph())
        self.orgs = {_key(o.name) for o in extraction.of(Organisation)}
        self.people = {_key(p.name) for p in extraction.of(Person)}
        self._declared: set[URIRef] = set()
        self._ruled: set[URIRef] = set()
        self.pref: dict[URIRef, str] = {}
        self._intervals: set[URIRef] = set()
        self._events: dict[tuple[str, str, str], int] = {}
        # The name an Organisation fact gives wins over other spellings of the same key
        # ("ASSOMAC" in a dateline), so each entity has one prefLabel per language.
        self.segment_kinds = {_key(f.name): f.kind for f in extraction.of(Segment)}
        self.segment_parents = {_key(f.name): f.parent for f in extraction.of(Segment) if f.parent}
        self.org_names = {_key(o.name): o.name for o in extraction.of(Organisation)}

    # --- shared pieces -------------------------------------------------------------
    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def cls(self, kind: str) -> URIRef:
        """The RDF class of a fact kind (the registry's; a kind it lacks is not written)."""
        return self.reg.kind(kind).cls

    def typed(self, node: Node, cls: URIRef) -> None:
        """``node a cls``, with the superclasses the registry has written out."""
        for t in self.reg.types_of(cls):
            self.add(node, RDF.type, t)

    def labels(self, node: URIRef, label: str, *, lang: str = "en", alt: Iterable[str] = ()) -> None:
        text = label.strip()
        self.pref[node] = text
        self.add(node, SKOS.prefLabel, Literal(text, lang=lang))
        self.add(node, RDFS.label, Literal(text, lang=lang))
        self.alt_labels(node, iris.canonical_key(text), alt)

    def alt_labels(self, node: URIRef, key: str, alt: Iterable[str]) -> None:
        for a in alt:
            a = a.strip()
            if a and a != self.pref.get(node):
                # An alias read in this release is in its language; one from the gazetteer
                # alone ("Politecnico di Milano" in an English release) is undetermined.
                lang = self.lang if a in self.doc.text else "und"
                self.add(node, SKOS.altLabel, Literal(a, lang=lang))

    def annotation(self, m: Mention) -> URIRef:
        ann = iris.annotation_iri(self.slug, m.start, m.end)
        if ann in self._declared:
            return ann
        self._declared.add(ann)
        quote, pos = URIRef(f"{ann}/quote"), URIRef(f"{ann}/position")
        text = self.doc.text
        self.add(ann, RDF.type, OA.SpecificResource)
        self.add(ann, OA.hasSource, self.release)
        self.add(ann, OA.hasSelector, quote)
        self.add(ann, OA.hasSelector, pos)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(text[m.start:m.end]))
        self.add(quote, OA.prefix, Literal(text[max(0, m.start - CONTEXT_CHARS):m.start]))
        self.add(quote, OA.suffix, Literal(text[m.end:m.end + CONTEXT_CHARS]))
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(m.start, datatype=XSD.nonNegativeInteger))
        self.add(pos, OA.end, Literal(m.end, datatype=XSD.nonNegativeInteger))
        return ann

    def evidence_ok(self, m: Mention) -> bool:
        return quote_at(self.doc.text, m)

    def check(self, m: Mention) -> None:
        """A fact's quote must be the text at its offsets (what provenance promises).

        Raises:
            ValueError: the mention is empty or does not match the stored text.
        """
        if not self.evidence_ok(m):
            raise ValueError(f"its quote {m.text[:40]!r} is not the text at {m.start}-{m.end}")

    def provenance(self, node: URIRef, m: Mention, *, fact: bool, rule: str | None = None) -> None:
        self.add(node, KG.statedIn, self.release)
        # One rule per node: the first statement in document order names it (a node two
        # facts share, the same membership stated twice, keeps the rule of the first).
        if rule and node not in self._ruled:
            self._ruled.add(node)
            self.add(node, KG.extractionRule, Literal(rule))
        if self.evidence_ok(m):  # facts are checked before they are written
            self.add(node, PROV.wasDerivedFrom, self.annotation(m))
        if fact:
            self.add(node, RDF.type, KG.Fact)
            self.add(node, PROV.wasGeneratedBy, self.run)

    def once(self, node: URIRef) -> bool:
        """True the first time ``node`` is declared in this graph."""
        if node in self._declared:
            return False
        self._declared.add(node)
        return True

    # --- entities ------------------------------------------------------------------
    def entity(self, default: URIRef, name: str) -> URIRef:
        """The canonical IRI of the entity this release names ``default`` (judgements of
        :class:`~kgraph.judgements.Resolver` honoured), remembered for the resolution
        graph with the name this release gives it."""
        node = self.resolver.resolve(default, self.slug)
        self.resolved.setdefault(default, (node, name))
        return node

    def org(self, name: str, m: Mention, *, type_: str | None = None,
            aliases: Iterable[str] = ()) -> URIRef:
        key = iris.canonical_key(name)
        node = self.entity(iris.org_iri(name), self.org_names.get(key, name))
        if type_ in self.reg.org_types:
            self.typed(node, kg_class(type_))
        if self.once(node):
            self.typed(node, ORG.Organization)
            self.labels(node, self.org_names.get(key, name))
            self.provenance(node, m, fact=False)
        self.alt_labels(node, key, aliases)
        return node

    def person(self, name: str, m: Mention) -> URIRef:
        node = self.entity(iris.person_iri(name), name)
        if self.once(node):
            self.add(node, RDF.type, FOAF.Person)
            self.add(node, FOAF.name, Literal(name))
            self.labels(node, name)
            self.provenance(node, m, fact=False)
        return node

    def agent(self, name: str, m: Mention) -> URIRef:
        """An organisation or a person, whichever the release introduced under ``name``."""
        key = iris.canonical_key(name)
        if key in self.people and key not in self.orgs:
            return self.person(name, m)
        if key in self.orgs:
            return self.org(name, m)
        # Unintroduced: two or three capitalised words read as a person's name.
        words = name.split()
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words):
            return self.person(name, m)
        return self.org(name, m)

    def place(self, name: str, m: Mention, *, kind: str | None = None,
              aliases: Iterable[str] = ()) -> URIRef:
        name = _place_name(name)
        key = iris.canonical_key(name)
        node = self.entity(iris.place_iri(name), name)
        codes = _country_codes(name) if kind in (None, "country") else None
        if kind == "country" and codes is None and key in _M49_REGIONS:
            kind = "region"  # "South-East Asia" given as a country: the M49 table knows better
        if kind is None:
            if key in {iris.canonical_key(v) for v in _AGGREGATES.values()}:
                kind = "aggregate"
            elif codes:
                kind = "country"
            elif key in _M49_REGIONS:
                kind = "region"
            else:
                kind = "city"
        self.typed(node, self.reg.place_classes.get(kind or "", SDO.Place))
        if self.once(node):
            self.typed(node, SDO.Place)
            self.labels(node, name)
            if kind == "country" and codes:
                for code in codes:
                    self.add(node, SKOS.notation, Literal(code))
            elif kind in ("region", "aggregate") and key in _M49_REGIONS:
                self.add(node, SKOS.notation, Literal(_M49_REGIONS[key]))
            self.provenance(node, m, fact=False)
        self.alt_labels(node, key, aliases)
        return node

    def reference(self, node: URIRef) -> bool:
        """Copy the description of a reference concept of ``schemes.ttl`` (types, labels,
        notation, scheme, broader) into this graph; False when the schemes lack it.

        Copying rather than minting our own labels keeps one set of labels per concept
        across the store, and keeps the release graph readable on its own."""
        ref = _reference()
        if node not in ref:
            return False
        if self.once(node):
            for p, o in ref[node]:
                self.add(node, p, o)
                if p in (SKOS.broader, QB.structure) and isinstance(o, URIRef):
                    self.reference(o)
        return True

    def concept(self, node: URIRef, cls: URIRef, label: str, *, notation: str | None = None,
                lang: str = "en") -> URIRef:
        if self.reference(node):
            return node
        if self.once(node):
            self.add(node, RDF.type, cls)
            self.add(node, RDF.type, SKOS.Concept)
            self.labels(node, label, lang=lang)
            if notation is not None:
                self.add(node, SKOS.notation, Literal(notation))
            if cls in _SCHEME_OF:
                self.add(node, SKOS.inScheme, KGI[f"scheme/{_SCHEME_OF[cls]}"])
        return node

    def sector(self, name: str, *, kind: str | None = None) -> URIRef:
        """A sector or segment concept; ``kind`` None for a mere reference (a scope, a
        parent), typed by what the release's Segment facts or the schemes say, else a
        sector (every scope must be one or the other).

        Only a Segment fact gives the concept provenance in this release (kg:statedIn, the
        quote): a scope or parent mentioned in passing is a reference, not a statement
        that the release names that segment."""
        node = iris.sector_iri(name)
        kind = kind or self.segment_kinds.get(iris.canonical_key(name)) or "sector"
        if self.reference(node):
            typed = {o for p, o in _reference()[node] if p == RDF.type}
            if kind and not typed & {KG.Sector, KG.Segment}:
                self.add(node, RDF.type, KG.Segment if kind == "segment" else KG.Sector)
            return node
        if kind == "segment" and not self.segment_parents.get(iris.canonical_key(name)):
            kind = "sector"  # a segment of no known sector stands as a sector of its own
        self.add(node, RDF.type, KG.Segment if kind == "segment" else KG.Sector)
        if not self.reference(iris.SECTOR_SCHEME) and self.once(iris.SECTOR_SCHEME):
            self.add(iris.SECTOR_SCHEME, RDF.type, SKOS.ConceptScheme)
            self.labels(iris.SECTOR_SCHEME, "Sectors and segments of the supply chain")
        if self.once(node):
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.inScheme, iris.SECTOR_SCHEME)
            self.labels(node, name)
        return node

    # --- facts ---------------------------------------------------------------------
    def document(self) -> None:
        doc, info, r = self.doc, self.x.info, self.release
        self.typed(r, self.cls("DocumentInfo"))
        self.add(r, DCTERMS.language, Literal(self.lang))
        self.add(r, KG.sha256, Literal(doc.sha256))
        self.add(r, KG.sourceFile, Literal(PurePath(doc.path).name))
        self.add(r, SDO.text, Literal(doc.text))
        # Every release has a title (the contract requires one): without one from the
        # extractor, the first line of the text stands in.
        title = info.title or next((ln.strip() for ln in doc.text.splitlines() if ln.strip()),
                                   doc.slug)[:200]
        self.add(r, DCTERMS.title, Literal(title, lang=self.lang))
        self.add(r, RDFS.label, Literal(title, lang=self.lang))
        if info.date:
            self.add(r, DCTERMS.date, Literal(info.date.isoformat(), datatype=XSD.date))
        # The file name's date stays apart from dct:date: it comes from how the file was
        # named, not from the text (a query wanting one date takes dct:date first).
        file_date = info.file_date or file_name_date(doc.slug)
        if file_date:
            self.add(r, KG.fileDate, Literal(file_date.isoformat(), datatype=XSD.date))
        if doc.source_url:
            page = source_iri(doc.source_url)
            self.add(r, DCTERMS.source, page)
            self.add(r, PROV.wasDerivedFrom, page)
        # One publication date for every release that has any, saying where it came from:
        # the text first, then the file name, then the page's metadata.
        published = next(((d, src) for d, src in ((info.date, "text"), (file_date, "file-name"),
                                                  (doc.metadata_date, doc.metadata_date_source)) if d),
                          None)
        if published is not None:
            self.add(r, SDO.datePublished, Literal(published[0].isoformat(), datatype=XSD.date))
            self.add(r, KG.dateSource, Literal(published[1]))
        if info.rule:
            self._ruled.add(r)
            self.add(r, KG.extractionRule, Literal(info.rule))
        if info.publisher:
            self.add(r, DCTERMS.publisher, self.org(info.publisher, info.evidence))
        if info.place:
            self.add(r, DCTERMS.spatial, self.place(info.place, info.evidence, kind="city"))
        if info.evidence.end > info.evidence.start:
            self.add(r, PROV.wasDerivedFrom, self.annotation(info.evidence))
        for m in info.date_evidence:
            self.add(r, PROV.wasDerivedFrom, self.annotation(m))

    def organisation(self, f: Organisation) -> None:
        node = self.org(f.name, f.evidence, type_=f.type, aliases=f.aliases)
        self.provenance(node, f.evidence, fact=False, rule=f.rule)
        if f.city:
            self.add(node, SDO.containedInPlace, self.place(f.city, f.evidence, kind="city"))
        if f.parent:
            self.add(node, ORG.subOrganizationOf, self.org(f.parent, f.evidence))

    def person_fact(self, f: Person) -> None:
        self.provenance(self.person(f.name, f.evidence), f.evidence, fact=False, rule=f.rule)

    def place_fact(self, f: Place) -> None:
        node = self.place(f.name, f.evidence, kind=f.kind, aliases=f.aliases)
        self.provenance(node, f.evidence, fact=False, rule=f.rule)

    def membership(self, f: Membership) -> None:
        self.check(f.evidence)
        node = iris.membership_iri(self.slug, f.person, f.organisation, f.role, f.unit)
        org = self.org(f.organisation, f.evidence)
        self.typed(node, self.cls("Membership"))
        self.add(node, ORG.member, self.person(f.person, f.evidence))
        self.add(node, ORG.organization, org)
        role = self.concept(iris.role_iri(f.role), ORG.Role, f.role)
        self.add(node, ORG.role, role)
        if f.unit:
            unit = iris.unit_iri(f.organisation, f.unit)
            self.add(unit, RDF.type, ORG.OrganizationalUnit)
            self.add(unit, RDF.type, ORG.Organization)
            self.add(unit, ORG.unitOf, org)
            self.add(org, ORG.hasUnit, unit)
            if self.once(unit):
                self.labels(unit, f.unit)
            self.add(node, KG.inUnit, unit)
        # One interval per membership: the first statement of its dates in the release wins.
        if (f.start or f.end) and node not in self._intervals:
            self._intervals.add(node)
            interval = BNode()
            self.add(node, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            for prop, day in ((TIME.hasBeginning, f.start), (TIME.hasEnd, f.end)):
                if day:
                    instant = BNode()
                    self.add(interval, prop, instant)
                    self.add(instant, RDF.type, TIME.Instant)
                    self.add(instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def event(self, f: Event, n: int) -> None:
        self.check(f.evidence)
        owner = f.organiser or self.slug
        day = f.date.isoformat() if f.date else f"{self.slug}-{n}"
        # Two events of one kind, organiser and day in a release stay two nodes.
        same = (iris.canonical_key(owner), f.kind, day)
        self._events[same] = self._events.get(same, 0) + 1
        if self._events[same] > 1:
            day = f"{day}-{self._events[same]}"
        node = iris.event_iri(self.slug, owner, f.kind, day)
        self.typed(node, kg_class(f.kind) if f.kind in self.events else SDO.Event)
        if f.title:
            self.add(node, SDO.name, Literal(f.title, lang=self.lang))
            self.add(node, RDFS.label, Literal(f.title, lang=self.lang))
        if f.date:
            self.add(node, SDO.startDate, Literal(f.date.isoformat(), datatype=XSD.date))
        city = self.place(f.city, f.evidence, kind="city") if f.city else None
        if f.venue:
            venue = self.org(f.venue, f.evidence)
            if iris.canonical_key(f.venue) not in self.orgs:
                self.typed(venue, KG.Venue)
            if city is not None:
                self.add(venue, SDO.containedInPlace, city)
            self.add(node, SDO.location, venue)
        elif city is not None:
            self.add(node, SDO.location, city)
        if f.organiser:
            self.add(node, SDO.organizer, self.agent(f.organiser, f.evidence))
        speakers = {iris.canonical_key(s) for s in f.speakers}
        for s in f.speakers:
            self.add(node, SDO.performer, self.person(s, f.evidence))
        for p in f.participants:
            if iris.canonical_key(p) not in speakers:
                self.add(node, SDO.attendee, self.person(p, f.evidence))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def segment(self, f: Segment) -> None:
        node = self.sector(f.name, kind=f.kind)
        self.provenance(node, f.evidence, fact=False, rule=f.rule)
        if f.parent:
            self.add(node, SKOS.broader, self.sector(f.parent))

    def observation(self, f: Observation, n: int) -> None:
        self.check(f.evidence)
        if not _INDICATOR.fullmatch(f.indicator):
            raise ValueError(f"indicator key {f.indicator!r} is not snake_case")
        if not _PERIOD.fullmatch(f.period):
            raise ValueError(f"period {f.period!r} is not a contract period notation")
        node = iris.observation_iri(self.slug, f.indicator, n)
        self.typed(node, self.cls("Observation"))
        self.add(node, QB.dataSet, iris.DATASET)
        if not self.reference(iris.DATASET) and self.once(iris.DATASET):
            self.add(iris.DATASET, RDF.type, QB.DataSet)
            self.add(iris.DATASET, QB.structure, iris.DSD)
            self.add(iris.DSD, RDF.type, QB.DataStructureDefinition)
            self.labels(iris.DATASET, "Indicators of the supply chain")
        indicator = self.concept(iris.indicator_iri(f.indicator), KG.Indicator,
                                 _words(f.indicator), notation=f.indicator)
        self.add(node, KG.indicator, indicator)
        self.add(node, KG.scope, self.sector(f.scope))
        if f.area:
            self.add(node, SDMX_DIM.refArea, self.place(f.area, f.evidence))
        if f.market:
            self.add(node, KG.counterpart, self.place(f.market, f.evidence))
        period = self.concept(iris.period_iri(f.period), KG.Period, f.period, notation=f.period)
        self.add(node, SDMX_DIM.refPeriod, period)
        self.add(node, SDMX_MEAS.obsValue, decimal_literal(f.value))
        unit = self.concept(iris.measure_unit_iri(f.unit), KG.Unit, f.unit, notation=f.unit)
        self.add(node, SDMX_ATTR.unitMeasure, unit)
        for q in f.qualifiers:
            status = self.concept(iris.status_iri(q), KG.ObservationStatus, q,
                                  notation=iris.canonical_key(q))
            self.add(node, KG.obsStatus, status)
        if f.base:
            self.add(node, KG.basePeriod, Literal(f.base))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def market(self, f: MarketRelation) -> None:
        self.check(f.evidence)
        if f.relation not in MARKET_RELATIONS:
            raise ValueError(f"market relation {f.relation!r} is none of {', '.join(MARKET_RELATIONS)}")
        node = iris.market_fact_iri(self.slug, _place_name(f.market), f.relation)
        if not self.once(node):
            return  # stated twice in the release: the first statement is kept
        self.typed(node, self.cls("MarketRelation"))
        self.add(node, KG.market, self.place(f.market, f.evidence))
        rel = self.concept(iris.market_relation_iri(f.relation), KG.MarketRelationType,
                           _words(f.relation), notation=f.relation)
        self.add(node, KG.relationType, rel)
        if f.scope:
            self.add(node, KG.scope, self.sector(f.scope))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def org_relation(self, f: OrgRelation) -> None:
        self.check(f.evidence)
        prop = ORG.subOrganizationOf if f.relation == "part_of" else ORG.memberOf
        subject, obj = self.org(f.subject, f.evidence), self.org(f.object, f.evidence)
        self.add(subject, prop, obj)
        node = iris.org_relation_iri(self.slug, f.subject, f.relation, f.object)
        self.typed(node, self.cls("OrgRelation"))
        self.add(node, KG.subject, subject)
        self.add(node, KG.relation, prop)
        self.add(node, KG.object, obj)
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def priority(self, f: Priority) -> None:
        self.check(f.evidence)
        node = iris.statement_iri(self.slug, "priority", f.text)
        self.typed(node, self.cls("Priority"))
        concept = self.concept(iris.priority_iri(f.text), KG.Priority, f.text, lang=self.lang)
        self.add(node, KG.priority, concept)
        if f.programme:
            prog = self.concept(iris.programme_iri(f.programme), KG.Programme, f.programme)
            self.add(node, KG.programme, prog)
        if f.voiced_by:
            self.add(node, KG.voicedBy, self.agent(f.voiced_by, f.evidence))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def driver(self, f: Driver) -> None:
        self.check(f.evidence)
        node = iris.statement_iri(self.slug, "driver", f.text)
        self.typed(node, self.cls("Driver"))
        concept = self.concept(iris.driver_iri(f.text), KG.Driver, f.text, lang=self.lang)
        self.add(node, KG.driver, concept)
        self.provenance(node, f.evidence, fact=True, rule=f.rule)

    def quotation(self, f: Quotation) -> None:
        self.check(f.evidence)
        node = iris.quote_iri(self.slug, f.evidence.start)
        if not self.once(node):
            return  # one quotation per starting offset
        self.typed(node, self.cls("Quotation"))
        self.add(node, SDO.text, Literal(f.text))
        if f.speaker:
            self.add(node, SDO.creator, self.agent(f.speaker, f.evidence))
        self.provenance(node, f.evidence, fact=True, rule=f.rule)


    def generic(self, kind: FactKind, f: Fact) -> None:
        """A fact of a kind the writer has no method for, written from its shape in the
        registry: one node of its class, one triple per field (an agent, place or concept
        by name, else a literal), provenance."""
        self.check(f.evidence)
        values = [(fl, getattr(f, fl.name, None)) for fl in kind.fields]
        for fl, value in values:
            if fl.required and value in (None, ""):
                raise ValueError(f"{kind.name} has no {fl.name}")
        key = " ".join(str(v) for _, v in values if v not in (None, ""))
        node = iris.statement_iri(self.slug, iris.kind_key(kind.name), key)
        if not self.once(node):
            return  # stated twice in the release: the first statement is kept
        self.typed(node, kind.cls)
        for fl, value in values:
            if value in (None, ""):
                continue
            text = str(value)
            obj: Node
            if fl.kind == "agent":
                obj = self.agent(text, f.evidence)
            elif fl.kind == "place":
                obj = self.place(text, f.evidence)
            elif fl.kind == "concept" and fl.range is not None:
                local = str(fl.range).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                concept = KGI[f"{iris.kind_key(local)}/{iris.canonical_key(text)}"]
                obj = self.concept(concept, fl.range, text, lang=self.lang)
            else:
                obj = Literal(text)
            self.add(node, fl.property, obj)
        self.provenance(node, f.evidence, fact=True, rule=f.rule)


def to_graph(extraction: Extraction, *, warnings: list[str] | None = None,
             left_out: list[Fact] | None = None, resolver: Resolver | None = None,
             resolution: Graph | None = None, schema: Registry | None = None) -> Graph:
    """The release graph of one extraction, following the KG contract.

    The result depends on the extraction only: the same extraction always gives the same
    triples and IRIs (blank nodes only for membership intervals). A fact naming something
    no key can be made of (no letter or digit) is left out, with a line in ``warnings``
    when a list is given (and the fact itself in ``left_out``), rather than costing the
    whole release.

    ``resolver`` maps entities to canonical IRIs (default: the key of the name); when
    ``resolution`` is given it receives the release's resolution graph: a release-local
    node per organisation, person and place (``kgi:local/{release}/...``) with the name the
    release gives it and ``owl:sameAs`` its canonical entity.

    ``schema`` is the registry of classes and fact kinds (default: the shipped one); a
    fact kind it has that this module has no method for is written from its shape.
    """
    b = _Builder(extraction, resolver, schema)
    skipped = warnings if warnings is not None else []
    try:
        b.document()
    except ValueError as exc:
        skipped.append(f"document details left out: {exc}")
    counters: dict[str, int] = {}
    events = 0
    methods: dict[str, Callable[[Any], None]] = {
        "Organisation": b.organisation, "Person": b.person_fact, "Place": b.place_fact,
        "Membership": b.membership, "Segment": b.segment, "MarketRelation": b.market,
        "OrgRelation": b.org_relation, "Priority": b.priority, "Driver": b.driver,
        "Quotation": b.quotation,
    }
    # The registry's fact kinds decide what is written: a kind with no method of its own
    # is written from its shape; a dataclass the registry does not know is not written.
    handlers: dict[type, Callable[[Any], None]] = {}
    for kind in b.reg.fact_kinds:
        if kind.model is None or kind.name in ("Observation", "Event", "DocumentInfo"):
            continue
        handlers[kind.model] = methods.get(kind.name) or functools.partial(b.generic, kind)
    for fact in extraction.facts:
        try:
            if isinstance(fact, Observation):
                counters[fact.indicator] = counters.get(fact.indicator, 0) + 1
                b.observation(fact, counters[fact.indicator])
            elif isinstance(fact, Event):
                events += 1
                b.event(fact, events)
            else:
                handler = handlers.get(type(fact))
                if handler is not None:
                    handler(fact)
        except ValueError as exc:
            if left_out is not None:
                left_out.append(fact)
            skipped.append(f"{type(fact).__name__} at {fact.evidence.start}-{fact.evidence.end} "
                           f"left out: {exc}")
    if resolution is not None:
        bind_prefixes(resolution)
        for default, (node, name) in sorted(b.resolved.items()):
            local = local_iri(b.slug, default)
            resolution.add((local, RDF.type, KG.LocalEntity))
            resolution.add((local, KG.surfaceForm, Literal(name, lang=b.lang)))
            resolution.add((local, KG.statedIn, b.release))
            resolution.add((local, OWL.sameAs, node))
    return b.g


def source_iri(url: str) -> URIRef:
    """A fetched page's URL as an IRI: characters an IRI cannot hold are percent-encoded."""
    import urllib.parse

    return URIRef(urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%-._~"))


def run_graph(extraction: Extraction, *, started: dt.datetime, ended: dt.datetime,
              software_version: str = __version__, extractor: Extractor | None = None) -> Graph:
    """The extraction run (``kgg:runs``): what was read, when, by which kgraph version and,
    when given, by which extractor (name, version, configuration and its SHA-256)."""
    g = bind_prefixes(Graph())
    doc = extraction.document
    run = iris.run_iri(doc.slug, doc.sha256 or "0" * 12)
    g.add((run, RDF.type, KG.ExtractionRun))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDFS.label, Literal(f"extraction of {doc.slug}")))
    g.add((run, PROV.used, iris.release_iri(doc.slug)))
    g.add((run, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    g.add((run, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    g.add((run, KG.softwareVersion, Literal(software_version)))
    if extractor is not None:
        g.add((run, KG.extractorName, Literal(extractor.name)))
        g.add((run, KG.extractorVersion, Literal(extractor.version)))
        g.add((run, KG.configHash, Literal(config_hash(extractor.config))))
        g.add((run, KG.extractorConfig, Literal(canonical_config(extractor.config, name=extractor.name))))
    return g
