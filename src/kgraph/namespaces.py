"""Typed vocabulary terms: the only place kgraph spells a vocabulary IRI.

``KG`` is kgraph's own ontology (``ontology/kgraph.ttl``); the others are W3C and
community vocabularies that rdflib does not ship. Instance IRIs live under ``KGI`` and
named graphs under ``KGG``; only :mod:`kgraph.extract` mints new instance IRIs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "KG", "KGI", "KGG", "OA", "SDMX_DIM", "SDMX_MEAS", "SDMX_ATTR", "WD", "WDT",
    "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "QB", "RDF", "RDFS", "SDO", "SKOS", "TIME",
    "VOID", "XSD", "SH", "PREFIXES", "WIKIDATA_PREFIXES", "ONTOLOGY_IRI", "ONTOLOGY_GRAPH",
    "bind_prefixes", "sparql_prologue",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/kgraph/ontology")


class KG(DefinedNamespace):
    """kgraph ontology terms (``https://w3id.org/kgraph/ontology#``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgraph/ontology#")

    # --- organisations -------------------------------------------------------------
    TradeAssociation: URIRef  # an association of companies of a sector (Assomac, ACIMIT)
    Confederation: URIRef  # an association of associations (Confindustria)
    GovernmentAgency: URIRef  # ICE / Italian Trade Agency, Istat, ministries
    University: URIRef
    Company: URIRef
    ResearchCentre: URIRef
    Venue: URIRef  # a place where events happen, run by an organisation
    InnovationDistrict: URIRef  # a science park / district (Kilometro Rosso)
    TradeFair: URIRef  # a recurring fair brand as an organisation (Simac Tanning Tech)
    # --- documents and provenance ----------------------------------------------------
    PressRelease: URIRef
    ExtractionRun: URIRef
    Fact: URIRef  # marker class every fact node carries
    sha256: URIRef  # hex SHA-256 of the release text as stored
    sourceFile: URIRef  # file name the release was read from
    softwareVersion: URIRef
    extractorName: URIRef  # run -> the name the extractor is registered under ("rules")
    extractorVersion: URIRef  # run -> the extractor's own version
    configHash: URIRef  # run -> SHA-256 of the extractor's canonical JSON configuration
    extractorConfig: URIRef  # run -> that canonical JSON itself
    buildKey: URIRef  # run -> SHA-256 of all a build read for the release: unchanged, not rebuilt
    extractionRule: URIRef  # fact or entity -> id of the rule that extracted it
    fileDate: URIRef  # release -> the YYYY-MM-DD its file name carries
    dateSource: URIRef  # release -> where schema:datePublished came from: text, file-name, page-metadata
    statedIn: URIRef  # fact -> the release it comes from
    LocalEntity: URIRef  # one release's organisation, person or place, owl:sameAs its entity
    surfaceForm: URIRef  # local entity -> the name its release gives it (not a label: no lookups)
    # --- places and markets ----------------------------------------------------------
    Country: URIRef
    Region: URIRef  # continent, macro-region, group of countries
    City: URIRef
    MarketAggregate: URIRef  # "foreign markets", "domestic market", "world"
    MarketRelation: URIRef  # fact: a release/sector relates to a market
    MarketRelationType: URIRef  # concept: domestic, destination, export_priority, competitor
    market: URIRef
    relationType: URIRef
    inUnit: URIRef  # membership -> org:OrganizationalUnit the role sits in
    # --- sector ----------------------------------------------------------------------
    Sector: URIRef
    Segment: URIRef
    scope: URIRef  # observation / market relation -> sector or segment concept
    # --- events ----------------------------------------------------------------------
    GeneralAssembly: URIRef
    TradeFairEdition: URIRef
    Conference: URIRef
    Signing: URIRef  # an agreement signed between parties (memorandum, accordo, protocollo d'intesa)
    # --- indicators (Data Cube) ------------------------------------------------------
    Indicator: URIRef
    Unit: URIRef
    ObservationStatus: URIRef
    Period: URIRef
    indicator: URIRef  # dimension
    counterpart: URIRef  # dimension: the partner market of a flow (foreign, domestic, China)
    unit: URIRef  # attribute
    obsStatus: URIRef  # attribute: estimated, preliminary
    basePeriod: URIRef  # attribute: "2021=100"
    conflictsWith: URIRef  # symmetric: same dimensions, different value, other release
    # --- priorities, drivers, quotations -------------------------------------------
    Priority: URIRef
    Driver: URIRef
    Programme: URIRef  # Industry 5.0 and the like
    PriorityStatement: URIRef  # fact: a release/agent voices a priority
    DriverStatement: URIRef  # fact: a release names a context driver
    Quotation: URIRef  # fact: a direct quotation attributed to a speaker
    priority: URIRef
    driver: URIRef
    programme: URIRef
    voicedBy: URIRef
    # --- organisational relations ----------------------------------------------------
    OrganisationalRelation: URIRef  # fact carrying provenance for org:subOrganizationOf / org:memberOf
    relation: URIRef  # the property asserted (org:subOrganizationOf, org:memberOf)
    subject: URIRef
    object: URIRef
    # --- linking ---------------------------------------------------------------------
    LinkAssertion: URIRef  # provenance of one owl:sameAs / skos:exactMatch link
    score: URIRef
    method: URIRef
    linkSource: URIRef
    linkedEntity: URIRef
    linkTarget: URIRef
    # --- the schema registry (kgraph.schema): annotations the code reads ---------------
    modelName: URIRef  # class or property -> its name in kgraph.model
    goldKey: URIRef  # fact class -> the gold files' key for it
    factOrder: URIRef  # fact class -> position in read-back and scoring order
    precedence: URIRef  # class -> rank among a node's types (lowest decides)
    legend: URIRef  # class -> the network legend class of its nodes
    nodeLabel: URIRef  # class -> the type the network shows, when not its rdfs:label
    materialised: URIRef  # class -> stated on every instance of its subclasses
    edgeSource: URIRef  # fact class -> properties the network edge starts from (list)
    edgeTarget: URIRef  # fact class -> properties the network edge ends at (list)
    edgeLabel: URIRef  # fact class -> caption of its edge when it has none of its own
    labelRank: URIRef  # label property -> preference (lowest first)


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (the parts kgraph uses)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


class SDMX_DIM(DefinedNamespace):  # noqa: N801 - the vocabulary's conventional prefix
    """SDMX dimensions for Data Cube."""

    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")

    refArea: URIRef
    refPeriod: URIRef


class SDMX_MEAS(DefinedNamespace):  # noqa: N801
    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")

    obsValue: URIRef


class SDMX_ATTR(DefinedNamespace):  # noqa: N801
    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

    unitMeasure: URIRef
    obsStatus: URIRef


KGI = Namespace("https://w3id.org/kgraph/id/")
"""Instance IRIs: ``KGI['org/assomac']``. Minted only by :mod:`kgraph.extract`."""

KGG = Namespace("https://w3id.org/kgraph/graph/")
"""Named graphs: ``KGG['release/<slug>']``, ``KGG['ontology']``, ``KGG['links']``..."""

ONTOLOGY_GRAPH = KGG["ontology"]

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgi": str(KGI),
    "kgg": str(KGG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "qb": str(QB),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "oa": str(OA._NS),
    "time": str(TIME),
    "void": str(VOID),
    "sdmx-dimension": str(SDMX_DIM._NS),
    "sdmx-measure": str(SDMX_MEAS._NS),
    "sdmx-attribute": str(SDMX_ATTR._NS),
    "wd": str(WD),
    "wdt": str(WDT),
    "sh": str(SH),
}
"""Prefixes every query, export and page may use."""

WIKIDATA_PREFIXES: dict[str, str] = {
    "wd": str(WD),
    "wdt": str(WDT),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    # Wikidata's schema.org namespace is the http one (schema:description), not kgraph's.
    "schema": "http://schema.org/",
}
"""Prefixes of the queries kgraph sends to the Wikidata query service."""


def sparql_prologue(prefixes: Mapping[str, str] | None = None) -> str:
    """``PREFIX p: <iri>`` lines for a query sent where :data:`PREFIXES` are not
    declared for it (a remote endpoint); default :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or PREFIXES).items())


_G = TypeVar("_G", bound=Graph)


def bind_prefixes(graph: _G) -> _G:
    """Bind :data:`PREFIXES` on an rdflib graph or dataset and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
