"""Facts back from the graph: SPARQL over one release graph in a store -> an Extraction.

This is how evaluation sees what the graph (not the extractor) holds: every fact the
scorer counts must be findable with these queries, which only use the KG contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import InputError
from .model import (
    ORG_TYPES,
    Document,
    DocumentInfo,
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
from .namespaces import KG, KGG, ORG
from .store import SelectResult, Store

__all__ = ["read_back", "release_graph"]

_SEP = "\u001f"
_NONE = Mention("", 0, 0)

_DOC = """
SELECT ?g ?r ?text ?sha ?file ?lang ?title ?date ?fileDate ?rule ?publisher ?place WHERE { GRAPH ?g {
  ?r a kg:PressRelease ; schema:text ?text .
  OPTIONAL { ?r kg:sha256 ?sha } OPTIONAL { ?r kg:sourceFile ?file }
  OPTIONAL { ?r dct:language ?lang } OPTIONAL { ?r dct:title ?title }
  OPTIONAL { ?r dct:date ?date } OPTIONAL { ?r kg:fileDate ?fileDate }
  OPTIONAL { ?r kg:extractionRule ?rule }
  OPTIONAL { ?r dct:publisher/skos:prefLabel ?publisher FILTER (langMatches(lang(?publisher), "en")) }
  OPTIONAL { ?r dct:spatial/skos:prefLabel ?place FILTER (langMatches(lang(?place), "en")) }
} } LIMIT 1
"""
_DOC_EVIDENCE = """
SELECT ?g ?start ?end WHERE { GRAPH ?g {
  ?r a kg:PressRelease ; prov:wasDerivedFrom/oa:hasSelector ?pos .
  ?pos oa:start ?start ; oa:end ?end .
} } ORDER BY ?start
"""
_EVIDENCE = """
SELECT ?g ?node ?start ?end WHERE { GRAPH ?g {
  ?node prov:wasDerivedFrom/oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
} }
"""
_RULES = """
SELECT ?g ?node (MIN(STR(?rule)) AS ?name) WHERE { GRAPH ?g { ?node kg:extractionRule ?rule } }
GROUP BY ?g ?node
"""
_ORGS = """
SELECT ?g ?o (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
       (GROUP_CONCAT(DISTINCT ?alt; separator="\u001f") AS ?alts) (SAMPLE(?c) AS ?city)
WHERE { GRAPH ?g {
  ?o a org:Organization ; skos:prefLabel ?label ; a ?t . FILTER (langMatches(lang(?label), "en"))
  OPTIONAL { ?o skos:altLabel ?alt }
  OPTIONAL { ?o schema:containedInPlace/skos:prefLabel ?c FILTER (langMatches(lang(?c), "en")) }
} } GROUP BY ?g ?o
"""
_PEOPLE = """
SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a foaf:Person ; foaf:name ?name } }
"""
_PLACES = """
SELECT ?g ?p (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
       (GROUP_CONCAT(DISTINCT ?alt; separator="\u001f") AS ?alts)
WHERE { GRAPH ?g {
  ?p a ?t ; skos:prefLabel ?label . FILTER (langMatches(lang(?label), "en"))
  VALUES ?t { kg:Country kg:Region kg:City kg:MarketAggregate }
  OPTIONAL { ?p skos:altLabel ?alt }
} } GROUP BY ?g ?p
"""
_MEMBERSHIPS = """
SELECT ?g ?m ?person ?role ?org ?unit ?start ?end WHERE { GRAPH ?g {
  ?m a org:Membership ; org:member/foaf:name ?person ; org:role/skos:prefLabel ?role ;
     org:organization/skos:prefLabel ?org .
  FILTER (langMatches(lang(?role), "en")) FILTER (langMatches(lang(?org), "en"))
  OPTIONAL { ?m kg:inUnit/skos:prefLabel ?unit FILTER (langMatches(lang(?unit), "en")) }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?start }
  OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?end }
} }
"""
_EVENTS = """
SELECT ?g ?e (SAMPLE(?k) AS ?kind) (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
       (SAMPLE(?org) AS ?organiser) (SAMPLE(?v) AS ?venue) (SAMPLE(?c) AS ?city)
       (GROUP_CONCAT(DISTINCT ?sp; separator="\u001f") AS ?speakers)
       (GROUP_CONCAT(DISTINCT ?at; separator="\u001f") AS ?attendees)
WHERE { GRAPH ?g {
  ?e a schema:Event , kg:Fact .
  OPTIONAL { ?e a ?k . VALUES ?k { kg:GeneralAssembly kg:TradeFairEdition kg:Conference kg:Signing } }
  OPTIONAL { ?e schema:name ?t } OPTIONAL { ?e schema:startDate ?d }
  OPTIONAL { ?e schema:organizer/rdfs:label ?org }
  OPTIONAL { ?e schema:location ?loc . ?loc a org:Organization ; skos:prefLabel ?v .
             FILTER (langMatches(lang(?v), "en"))
             OPTIONAL { ?loc schema:containedInPlace/skos:prefLabel ?c FILTER (langMatches(lang(?c), "en")) } }
  OPTIONAL { ?e schema:location ?loc2 . FILTER NOT EXISTS { ?loc2 a org:Organization }
             ?loc2 skos:prefLabel ?c FILTER (langMatches(lang(?c), "en")) }
  OPTIONAL { ?e schema:performer/foaf:name ?sp }
  OPTIONAL { ?e schema:attendee/foaf:name ?at }
} } GROUP BY ?g ?e
"""
_SEGMENTS = """
SELECT ?g ?s (SAMPLE(?label) AS ?name) (SAMPLE(?k) AS ?kind) (SAMPLE(?pl) AS ?parent)
WHERE { GRAPH ?g {
  ?s a ?k ; skos:prefLabel ?label ; kg:statedIn ?release . VALUES ?k { kg:Sector kg:Segment } FILTER (langMatches(lang(?label), "en"))
  OPTIONAL { ?s skos:broader/skos:prefLabel ?pl FILTER (langMatches(lang(?pl), "en")) }
} } GROUP BY ?g ?s
"""
_OBSERVATIONS = """
SELECT ?g ?o ?indicator ?scope ?value ?unit ?period ?area ?market ?base
       (GROUP_CONCAT(DISTINCT ?st; separator=" ") AS ?statuses)
WHERE { GRAPH ?g {
  ?o a qb:Observation ; kg:indicator/skos:notation ?indicator ; kg:scope/skos:prefLabel ?scope ;
     sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure/skos:notation ?unit ;
     sdmx-dimension:refPeriod/skos:notation ?period .
  FILTER (langMatches(lang(?scope), "en"))
  OPTIONAL { ?o sdmx-dimension:refArea/skos:prefLabel ?area FILTER (langMatches(lang(?area), "en")) }
  OPTIONAL { ?o kg:counterpart/skos:prefLabel ?market FILTER (langMatches(lang(?market), "en")) }
  OPTIONAL { ?o kg:basePeriod ?base }
  OPTIONAL { ?o kg:obsStatus/skos:notation ?st }
} } GROUP BY ?g ?o ?indicator ?scope ?value ?unit ?period ?area ?market ?base
"""
_MARKETS = """
SELECT ?g ?f ?market ?relation ?scope WHERE { GRAPH ?g {
  ?f a kg:MarketRelation ; kg:market/skos:prefLabel ?market ;
     kg:relationType/skos:notation ?relation . FILTER (langMatches(lang(?market), "en"))
  OPTIONAL { ?f kg:scope/skos:prefLabel ?scope FILTER (langMatches(lang(?scope), "en")) }
} }
"""
_RELATIONS = """
SELECT ?g ?f ?subject ?relation ?object WHERE { GRAPH ?g {
  ?f a kg:OrganisationalRelation ; kg:subject/skos:prefLabel ?subject ;
     kg:relation ?relation ; kg:object/skos:prefLabel ?object .
  FILTER (langMatches(lang(?subject), "en")) FILTER (langMatches(lang(?object), "en"))
} }
"""
_PRIORITIES = """
SELECT ?g ?f ?text ?programme ?voice WHERE { GRAPH ?g {
  ?f a kg:PriorityStatement ; kg:priority/skos:prefLabel ?text .
  OPTIONAL { ?f kg:programme/skos:prefLabel ?programme }
  OPTIONAL { ?f kg:voicedBy/rdfs:label ?voice }
} }
"""
_DRIVERS = """
SELECT ?g ?f ?text WHERE { GRAPH ?g { ?f a kg:DriverStatement ; kg:driver/skos:prefLabel ?text } }
"""
_QUOTES = """
SELECT ?g ?f ?text ?speaker WHERE { GRAPH ?g {
  ?f a kg:Quotation ; schema:text ?text .
  OPTIONAL { ?f schema:creator/rdfs:label ?speaker }
} }
"""
_ORG_PRIORITY = ("InnovationDistrict", "Confederation", "Venue", "TradeFair", "University",
                 "ResearchCentre", "GovernmentAgency", "Company", "TradeAssociation")
_PLACE_KIND = {str(KG.Country): "country", str(KG.Region): "region", str(KG.City): "city",
               str(KG.MarketAggregate): "aggregate"}
_KIND_ORDER = ("aggregate", "country", "region", "city")


def release_graph(release: str | URIRef) -> URIRef:
    """The named graph of a release given by slug (``assomac-...``) or graph IRI."""
    text = str(release)
    return URIRef(text) if text.startswith(str(KGG)) else KGG[f"release/{text}"]


def _s(v: Node | None) -> str | None:
    return None if v is None else str(v)


def _list(v: Node | None) -> list[str]:
    return [x for x in str(v).split(_SEP) if x] if v is not None else []


def _date(v: Node | None) -> dt.date | None:
    if v is None:
        return None
    value = v.toPython() if isinstance(v, Literal) else None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def read_back(store: Store, release: str | URIRef) -> Extraction:
    """The facts one release graph holds, as an Extraction (document order).

    ``release`` is a slug or the release's graph IRI. Evidence mentions come from the
    stored provenance (``oa:start``/``oa:end`` into the stored ``schema:text``).

    Raises:
        InputError: the store has no release graph of that name.
    """
    g = release_graph(release)

    def select(query: str) -> SelectResult:
        res = store.query(query, bindings={"g": g})
        assert isinstance(res, SelectResult)
        return res

    rows = select(_DOC).rows
    if not rows:
        raise InputError(f"no release graph <{g}> in the store", source=str(release))
    d = rows[0]
    text = str(d["text"])
    slug = str(g)[len(str(KGG["release/"])):]
    doc = Document(slug=slug, path=_s(d.get("file")) or slug, text=text,
                   language=_s(d.get("lang")) or "en", sha256=_s(d.get("sha")) or "")

    def mention(start: int, end: int) -> Mention:
        return Mention(text[start:end], start, end)

    spans: dict[Node, tuple[int, int]] = {}
    for r in select(_EVIDENCE):
        span = (int(str(r["start"])), int(str(r["end"])))
        node = r["node"]
        if node is not None and (node not in spans or span < spans[node]):
            spans[node] = span
    evidence = {node: mention(*span) for node, span in spans.items()}

    def ev(node: Node | None) -> Mention:
        return evidence.get(node, _NONE) if node is not None else _NONE

    rules = {r["node"]: str(r["name"]) for r in select(_RULES) if r.get("name") is not None}

    doc_mentions = [mention(int(str(r["start"])), int(str(r["end"]))) for r in select(_DOC_EVIDENCE)]
    info = DocumentInfo(
        doc_mentions[0] if doc_mentions else _NONE,
        title=_s(d.get("title")), date=_date(d.get("date")), place=_s(d.get("place")),
        publisher=_s(d.get("publisher")), date_evidence=tuple(doc_mentions[1:]),
        file_date=_date(d.get("fileDate")), rule=_s(d.get("rule")),
    )
    facts: list[Fact] = []

    def each(query: str, make: Callable[[dict[str, Any]], Fact | None], node: str) -> None:
        for r in select(query):
            fact = make(r)
            if fact is not None:
                fact.rule = rules.get(r[node])
                facts.append(fact)

    def org(r: dict[str, Any]) -> Organisation | None:
        types = {t.rsplit("#", 1)[-1] for t in str(r["types"]).split()
                 if t.startswith(str(KG._NS))}
        kind = next((t for t in _ORG_PRIORITY if t in types and t in ORG_TYPES), None)
        if kind is None:  # referenced only (a publisher, an organiser): not a stated organisation
            return None
        return Organisation(ev(r["o"]), name=str(r["name"]), type=kind,
                            aliases=tuple(_list(r.get("alts"))), city=_s(r.get("city")))

    def place(r: dict[str, Any]) -> Place:
        kinds = {_PLACE_KIND[t] for t in str(r["types"]).split() if t in _PLACE_KIND}
        kind = next(k for k in _KIND_ORDER if k in kinds)
        return Place(ev(r["p"]), name=str(r["name"]), kind=kind, aliases=tuple(_list(r.get("alts"))))

    def event(r: dict[str, Any]) -> Event:
        speakers = tuple(_list(r.get("speakers")))
        attendees = tuple(_list(r.get("attendees")))
        kind = str(r["kind"]).rsplit("#", 1)[-1] if r.get("kind") is not None else "Event"
        return Event(ev(r["e"]), kind=kind, organiser=_s(r.get("organiser")),
                     date=_date(r.get("date")), venue=_s(r.get("venue")), city=_s(r.get("city")),
                     title=_s(r.get("title")), speakers=speakers,
                     participants=tuple(dict.fromkeys(speakers + attendees)))

    def observation(r: dict[str, Any]) -> Observation:
        return Observation(
            ev(r["o"]), indicator=str(r["indicator"]), scope=str(r["scope"]),
            value=Decimal(str(r["value"])), unit=str(r["unit"]), period=str(r["period"]),
            area=_s(r.get("area")), market=_s(r.get("market")),
            qualifiers=tuple(sorted(str(r["statuses"]).split())) if r.get("statuses") else (),
            base=_s(r.get("base")))

    each(_ORGS, org, "o")
    each(_PEOPLE, lambda r: Person(ev(r["p"]), name=str(r["name"])), "p")
    each(_PLACES, place, "p")
    each(_MEMBERSHIPS, lambda r: Membership(
        ev(r["m"]), person=str(r["person"]), role=str(r["role"]), organisation=str(r["org"]),
        unit=_s(r.get("unit")), start=_date(r.get("start")), end=_date(r.get("end"))), "m")
    each(_EVENTS, event, "e")
    each(_SEGMENTS, lambda r: Segment(
        ev(r["s"]), name=str(r["name"]),
        kind="segment" if str(r["kind"]) == str(KG.Segment) else "sector",
        parent=_s(r.get("parent"))), "s")
    each(_OBSERVATIONS, observation, "o")
    each(_MARKETS, lambda r: MarketRelation(ev(r["f"]), market=str(r["market"]),
                                            relation=str(r["relation"]), scope=_s(r.get("scope"))), "f")
    each(_RELATIONS, lambda r: OrgRelation(
        ev(r["f"]), subject=str(r["subject"]),
        relation="part_of" if r["relation"] == ORG.subOrganizationOf else "member_of",
        object=str(r["object"])), "f")
    each(_PRIORITIES, lambda r: Priority(ev(r["f"]), text=str(r["text"]),
                                         programme=_s(r.get("programme")), voiced_by=_s(r.get("voice"))), "f")
    each(_DRIVERS, lambda r: Driver(ev(r["f"]), text=str(r["text"])), "f")
    each(_QUOTES, lambda r: Quotation(ev(r["f"]), text=str(r["text"]), speaker=_s(r.get("speaker"))), "f")
    facts.sort(key=lambda f: f.evidence.start)
    return Extraction(document=doc, info=info, facts=facts)
