"""Facts back from the graph: SPARQL over one release graph in a store -> an Extraction.

This is how evaluation sees what the graph (not the extractor) holds: every fact the
scorer counts must be findable with these queries, which only use the KG contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from string import Template
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import InputError
from .model import (
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
from .namespaces import KG, KGG, ORG, RDFS, SKOS
from .schema import FactKind, Registry, registry
from .store import SelectResult, Store

__all__ = ["read_back", "release_graph"]

_SEP = "\u001f"
_NONE = Mention("", 0, 0)

_DOC = """
SELECT ?g ?r ?text ?sha ?file ?lang ?title ?date ?fileDate ?rule ?publisher ?place WHERE { GRAPH ?g {
  ?r a $DocumentInfo ; schema:text ?text .
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
  ?r a $DocumentInfo ; prov:wasDerivedFrom/oa:hasSelector ?pos .
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
  ?o a $Organisation ; skos:prefLabel ?label ; a ?t . FILTER (langMatches(lang(?label), "en"))
  OPTIONAL { ?o skos:altLabel ?alt }
  OPTIONAL { ?o schema:containedInPlace/skos:prefLabel ?c FILTER (langMatches(lang(?c), "en")) }
} } GROUP BY ?g ?o
"""
_PEOPLE = """
SELECT ?g ?p ?name WHERE { GRAPH ?g { ?p a $Person ; foaf:name ?name } }
"""
_PLACES = """
SELECT ?g ?p (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
       (GROUP_CONCAT(DISTINCT ?alt; separator="\u001f") AS ?alts)
WHERE { GRAPH ?g {
  ?p a ?t ; skos:prefLabel ?label . FILTER (langMatches(lang(?label), "en"))
  VALUES ?t { $place_classes }
  OPTIONAL { ?p skos:altLabel ?alt }
} } GROUP BY ?g ?p
"""
_MEMBERSHIPS = """
SELECT ?g ?m ?person ?role ?org ?unit ?start ?end WHERE { GRAPH ?g {
  ?m a $Membership ; org:member/foaf:name ?person ; org:role/skos:prefLabel ?role ;
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
  ?e a $Event , kg:Fact .
  OPTIONAL { ?e a ?k . VALUES ?k { $event_classes } }
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
  ?s a ?k ; skos:prefLabel ?label ; kg:statedIn ?release . VALUES ?k { $Segment } FILTER (langMatches(lang(?label), "en"))
  OPTIONAL { ?s skos:broader/skos:prefLabel ?pl FILTER (langMatches(lang(?pl), "en")) }
} } GROUP BY ?g ?s
"""
_OBSERVATIONS = """
SELECT ?g ?o ?indicator ?scope ?value ?unit ?period ?area ?market ?base
       (GROUP_CONCAT(DISTINCT ?st; separator=" ") AS ?statuses)
WHERE { GRAPH ?g {
  ?o a $Observation ; kg:indicator/skos:notation ?indicator ; kg:scope/skos:prefLabel ?scope ;
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
  ?f a $MarketRelation ; kg:market/skos:prefLabel ?market ;
     kg:relationType/skos:notation ?relation . FILTER (langMatches(lang(?market), "en"))
  OPTIONAL { ?f kg:scope/skos:prefLabel ?scope FILTER (langMatches(lang(?scope), "en")) }
} }
"""
_RELATIONS = """
SELECT ?g ?f ?subject ?relation ?object WHERE { GRAPH ?g {
  ?f a $OrgRelation ; kg:subject/skos:prefLabel ?subject ;
     kg:relation ?relation ; kg:object/skos:prefLabel ?object .
  FILTER (langMatches(lang(?subject), "en")) FILTER (langMatches(lang(?object), "en"))
} }
"""
_PRIORITIES = """
SELECT ?g ?f ?text ?programme ?voice WHERE { GRAPH ?g {
  ?f a $Priority ; kg:priority/skos:prefLabel ?text .
  OPTIONAL { ?f kg:programme/skos:prefLabel ?programme }
  OPTIONAL { ?f kg:voicedBy/rdfs:label ?voice }
} }
"""
_DRIVERS = """
SELECT ?g ?f ?text WHERE { GRAPH ?g { ?f a $Driver ; kg:driver/skos:prefLabel ?text } }
"""
_QUOTES = """
SELECT ?g ?f ?text ?speaker WHERE { GRAPH ?g {
  ?f a $Quotation ; schema:text ?text .
  OPTIONAL { ?f schema:creator/rdfs:label ?speaker }
} }
"""
# The per-kind queries above, their class IRIs ($Kind for a fact kind's classes, the
# VALUES lists of place and event classes) filled in from the registry.
_KIND_QUERIES = {
    "Organisation": _ORGS, "Person": _PEOPLE, "Place": _PLACES, "Membership": _MEMBERSHIPS,
    "Event": _EVENTS, "Segment": _SEGMENTS, "Observation": _OBSERVATIONS,
    "MarketRelation": _MARKETS, "OrgRelation": _RELATIONS, "Priority": _PRIORITIES,
    "Driver": _DRIVERS, "Quotation": _QUOTES,
}


def _n3(terms: tuple[URIRef, ...] | list[URIRef]) -> str:
    return " ".join(t.n3() for t in terms)


@lru_cache(maxsize=8)
def _queries(reg: Registry) -> dict[str, str]:
    """Each fact kind's read-back query: the queries above for the kinds this module has
    code for, one made from the kind's shape for the others."""
    slots = {k.name: _n3(k.classes) for k in reg.fact_kinds}
    slots["place_classes"] = _n3(list(reg.place_classes.values()))
    slots["event_classes"] = _n3(list(reg.event_classes))
    out = {"_doc": Template(_DOC).substitute(slots),
           "_doc_evidence": Template(_DOC_EVIDENCE).substitute(slots)}
    for kind in reg.fact_kinds:
        if kind.name in _KIND_QUERIES:
            out[kind.name] = Template(_KIND_QUERIES[kind.name]).substitute(slots)
        elif kind.fields and kind.model is not None:
            out[kind.name] = _generic_query(kind)
    return out


def _generic_query(kind: FactKind) -> str:
    """SELECT of a fact kind's fields: an agent by its rdfs:label, a place or concept by
    its English skos:prefLabel, a literal as it is."""
    lines = []
    for n, fl in enumerate(kind.fields):
        var = f"?v{n}"
        if fl.kind == "agent":
            path = f"{fl.property.n3()}/{RDFS.label.n3()} {var}"
        elif fl.kind == "literal":
            path = f"{fl.property.n3()} {var}"
        elif fl.kind == "concept":  # labelled in the release's language
            path = f"{fl.property.n3()}/{SKOS.prefLabel.n3()} {var}"
        else:
            path = (f"{fl.property.n3()}/{SKOS.prefLabel.n3()} {var} "
                    f'FILTER (langMatches(lang({var}), "en"))')
        lines.append(f"  ?f {path} ." if fl.required else f"  OPTIONAL {{ ?f {path} }}")
    select = " ".join(f"(SAMPLE(?v{n}) AS ?f{n})" for n in range(len(kind.fields)))
    return (f"SELECT ?g ?f {select} WHERE {{ GRAPH ?g {{\n  ?f a {kind.cls.n3()} .\n"
            + "\n".join(lines) + "\n} } GROUP BY ?g ?f\n")


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


def read_back(store: Store, release: str | URIRef, *, schema: Registry | None = None) -> Extraction:
    """The facts one release graph holds, as an Extraction (document order).

    ``release`` is a slug or the release's graph IRI. Evidence mentions come from the
    stored provenance (``oa:start``/``oa:end`` into the stored ``schema:text``). The fact
    kinds read are those of ``schema`` (default: the shipped registry).

    Raises:
        InputError: the store has no release graph of that name.
    """
    g = release_graph(release)
    reg = schema or registry()
    queries = _queries(reg)
    org_types = reg.org_types  # by precedence: the most specific type a node has wins
    place_kinds = {str(c): k for k, c in reg.place_classes.items()}

    def select(query: str) -> SelectResult:
        res = store.query(query, bindings={"g": g})
        assert isinstance(res, SelectResult)
        return res

    rows = select(queries["_doc"]).rows
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

    doc_mentions = [mention(int(str(r["start"])), int(str(r["end"]))) for r in select(queries["_doc_evidence"])]
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
        kind = next((t for t in org_types if t in types), None)
        if kind is None:  # referenced only (a publisher, an organiser): not a stated organisation
            return None
        return Organisation(ev(r["o"]), name=str(r["name"]), type=kind,
                            aliases=tuple(_list(r.get("alts"))), city=_s(r.get("city")))

    def place(r: dict[str, Any]) -> Place:
        kinds = {place_kinds[t] for t in str(r["types"]).split() if t in place_kinds}
        kind = next(k for k in reg.place_classes if k in kinds)
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

    def generic(kind: FactKind) -> Callable[[dict[str, Any]], Fact | None]:
        def make(r: dict[str, Any]) -> Fact | None:
            assert kind.model is not None
            values = {fl.name: _s(r.get(f"f{n}")) for n, fl in enumerate(kind.fields)}
            if any(fl.required and values[fl.name] is None for fl in kind.fields):
                return None
            fact = kind.model(ev(r["f"]), **values)
            return fact if isinstance(fact, Fact) else None
        return make

    makers: dict[str, tuple[Callable[[dict[str, Any]], Fact | None], str]] = {
        "Organisation": (org, "o"),
        "Person": (lambda r: Person(ev(r["p"]), name=str(r["name"])), "p"),
        "Place": (place, "p"),
        "Membership": (lambda r: Membership(
            ev(r["m"]), person=str(r["person"]), role=str(r["role"]), organisation=str(r["org"]),
            unit=_s(r.get("unit")), start=_date(r.get("start")), end=_date(r.get("end"))), "m"),
        "Event": (event, "e"),
        "Segment": (lambda r: Segment(
            ev(r["s"]), name=str(r["name"]),
            kind="segment" if str(r["kind"]) == str(KG.Segment) else "sector",
            parent=_s(r.get("parent"))), "s"),
        "Observation": (observation, "o"),
        "MarketRelation": (lambda r: MarketRelation(
            ev(r["f"]), market=str(r["market"]), relation=str(r["relation"]),
            scope=_s(r.get("scope"))), "f"),
        "OrgRelation": (lambda r: OrgRelation(
            ev(r["f"]), subject=str(r["subject"]),
            relation="part_of" if r["relation"] == ORG.subOrganizationOf else "member_of",
            object=str(r["object"])), "f"),
        "Priority": (lambda r: Priority(ev(r["f"]), text=str(r["text"]),
                                        programme=_s(r.get("programme")),
                                        voiced_by=_s(r.get("voice"))), "f"),
        "Driver": (lambda r: Driver(ev(r["f"]), text=str(r["text"])), "f"),
        "Quotation": (lambda r: Quotation(ev(r["f"]), text=str(r["text"]),
                                          speaker=_s(r.get("speaker"))), "f"),
    }
    for kind in reg.fact_kinds:  # the registry's order, which ties in document order keep
        query = queries.get(kind.name)
        if query is None or kind.name.startswith("_"):
            continue
        make, subject = makers.get(kind.name) or (generic(kind), "f")
        each(query, make, subject)
    facts.sort(key=lambda f: f.evidence.start)
    return Extraction(document=doc, info=info, facts=facts)
