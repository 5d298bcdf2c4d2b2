"""Projection of the knowledge graph onto a networkx multigraph, by SPARQL.

Entities (organisations, people, places and markets, sectors and segments, events,
releases, units, priority and driver concepts) become nodes; relations between them
become labelled edges; n-ary facts (memberships, observations, market relations,
priority and driver statements, quotations) are folded into one labelled edge each, or
kept as nodes of class ``Fact`` with ``facts_as_nodes=True``. Every node and edge keeps
the provenance quotes (``oa:exact``) of what it comes from.

Node attributes: ``label``, ``cls`` (the class shown in the legend), ``type`` (the
specific type), ``iri``, ``wikidata`` (an ``http://www.wikidata.org/entity/Q..`` IRI or
``""``), ``quotes`` (list of str) and one attribute per literal property (``notation``,
``altLabel``, ``date``...). Edge attributes: ``label``, ``predicate`` (the property IRI,
or the fact kind), ``fact`` (the fact IRI or ``""``) and ``quotes``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import BNode, Node

from ..errors import InputError, QueryError, QueryTimeout
from ..namespaces import (
    DCTERMS,
    FOAF,
    KG,
    ORG,
    OWL,
    RDF,
    RDFS,
    SDO,
    SKOS,
    WD,
)
from ..store import SelectResult, Store

__all__ = [
    "CLASS_OF_TYPE",
    "project",
    "release_iri",
    "network_from_triples",
    "query_network",
]

#: rdf:type -> (legend class, specific type label). Order matters: the first type listed
#: here that an entity has decides its class (an event is also a kg:Fact, a venue also an
#: organisation).
CLASS_OF_TYPE: dict[URIRef, tuple[str, str]] = {
    KG.PressRelease: ("Release", "Press release"),
    FOAF.Person: ("Person", "Person"),
    KG.GeneralAssembly: ("Event", "General assembly"),
    KG.TradeFairEdition: ("Event", "Trade fair edition"),
    KG.Conference: ("Event", "Conference"),
    KG.Signing: ("Event", "Signing"),
    SDO.Event: ("Event", "Event"),
    KG.InnovationDistrict: ("Organisation", "Innovation district"),
    KG.Venue: ("Organisation", "Venue"),
    KG.Confederation: ("Organisation", "Confederation"),
    KG.TradeAssociation: ("Organisation", "Trade association"),
    KG.GovernmentAgency: ("Organisation", "Government agency"),
    KG.University: ("Organisation", "University"),
    KG.Company: ("Organisation", "Company"),
    KG.ResearchCentre: ("Organisation", "Research centre"),
    KG.TradeFair: ("Organisation", "Trade fair"),
    ORG.OrganizationalUnit: ("Unit", "Organisational unit"),  # a unit is also an org:Organization
    ORG.FormalOrganization: ("Organisation", "Organisation"),
    ORG.Organization: ("Organisation", "Organisation"),
    KG.MarketAggregate: ("Market", "Market aggregate"),
    KG.Country: ("Place", "Country"),
    KG.Region: ("Place", "Region"),
    KG.City: ("Place", "City"),
    KG.Sector: ("Sector", "Sector"),
    KG.Segment: ("Segment", "Segment"),
    KG.Programme: ("Programme", "Programme"),
    KG.Priority: ("Priority", "Priority"),
    KG.Driver: ("Driver", "Driver"),
}
_TYPE_RANK = {t: i for i, t in enumerate(CLASS_OF_TYPE)}

PREFIXES_SPARQL = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""

# Kept in step with CLASS_OF_TYPE (tests/test_viz_project.py checks it).
Q_ENTITIES = PREFIXES_SPARQL + """
SELECT DISTINCT ?e ?type WHERE {
  VALUES ?type {
    kg:PressRelease foaf:Person kg:GeneralAssembly kg:TradeFairEdition kg:Conference kg:Signing schema:Event
    kg:InnovationDistrict kg:Venue kg:Confederation kg:TradeAssociation kg:GovernmentAgency
    kg:University kg:Company kg:ResearchCentre kg:TradeFair org:FormalOrganization
    org:Organization org:OrganizationalUnit kg:MarketAggregate kg:Country kg:Region kg:City
    kg:Sector kg:Segment kg:Programme kg:Priority kg:Driver
  }
  ?e rdf:type ?type .
  FILTER(isIRI(?e))
}"""

# Labels of everything (entities, roles, indicators, units, periods, relation types).
# DISTINCT here and in the other look-ups: the union default graph repeats a label once per
# release graph that states it (113k rows for 10k entities), and each row would be sent
# from the query worker and turned into rdflib terms only to be dropped.
Q_LABELS = PREFIXES_SPARQL + """
SELECT DISTINCT ?x ?p ?l WHERE {
  VALUES ?p { skos:prefLabel rdfs:label foaf:name schema:name dct:title }
  ?x ?p ?l .
  FILTER(isLiteral(?l))
}"""

# Literal properties shown as node attributes (and notations used to build fact labels).
Q_LITERALS = PREFIXES_SPARQL + """
SELECT DISTINCT ?x ?p ?v WHERE {
  VALUES ?p {
    skos:notation skos:altLabel foaf:name schema:name dct:title dct:date dct:language
    schema:startDate schema:endDate kg:sourceFile
  }
  ?x ?p ?v .
  FILTER(isLiteral(?v))
}"""

Q_WIKIDATA = PREFIXES_SPARQL + """
SELECT DISTINCT ?x ?wd WHERE {
  ?x owl:sameAs|skos:exactMatch ?wd .
  FILTER(isIRI(?wd) && STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/Q"))
}"""

Q_QUOTES = PREFIXES_SPARQL + """
SELECT DISTINCT ?x ?exact WHERE {
  ?x prov:wasDerivedFrom ?a .
  ?a oa:hasSelector ?sel .
  ?sel oa:exact ?exact .
}"""

# Binary relations between entities; an edge is drawn only when both ends are entities.
Q_RELATIONS = PREFIXES_SPARQL + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p {
    org:subOrganizationOf org:memberOf org:unitOf schema:containedInPlace skos:broader
    dct:publisher dct:spatial schema:location schema:organizer schema:performer
    schema:attendee kg:statedIn
  }
  ?s ?p ?o .
}"""

# ?g is projected because Oxigraph substitutes only projected variables.
Q_RELATIONS_IN_GRAPH = PREFIXES_SPARQL + """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?p {
    org:subOrganizationOf org:memberOf org:unitOf schema:containedInPlace skos:broader
    dct:publisher dct:spatial schema:location schema:organizer schema:performer
    schema:attendee kg:statedIn
  }
  GRAPH ?g { ?s ?p ?o }
}"""

Q_ORG_RELATIONS = PREFIXES_SPARQL + """
SELECT ?f ?s ?p ?o WHERE {
  ?f rdf:type kg:OrganisationalRelation ; kg:subject ?s ; kg:relation ?p ; kg:object ?o .
}"""

Q_MEMBERSHIPS = PREFIXES_SPARQL + """
SELECT ?f ?person ?org ?role ?unit ?from ?release WHERE {
  ?f rdf:type org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?f org:role ?role }
  OPTIONAL { ?f kg:inUnit ?unit }
  OPTIONAL { ?f org:memberDuring/time:hasBeginning/time:inXSDDate ?from }
  OPTIONAL { ?f kg:statedIn ?release }
}"""

Q_OBSERVATIONS = PREFIXES_SPARQL + """
SELECT ?f ?indicator ?scope ?area ?counterpart ?period ?value ?unit ?release WHERE {
  ?f rdf:type qb:Observation ; kg:indicator ?indicator ; sdmx-measure:obsValue ?value .
  OPTIONAL { ?f kg:scope ?scope }
  OPTIONAL { ?f sdmx-dimension:refArea ?area }
  OPTIONAL { ?f kg:counterpart ?counterpart }
  OPTIONAL { ?f sdmx-dimension:refPeriod ?period }
  OPTIONAL { ?f sdmx-attribute:unitMeasure ?unit }
  OPTIONAL { ?f kg:statedIn ?release }
}"""

Q_MARKETS = PREFIXES_SPARQL + """
SELECT ?f ?market ?type ?scope ?release WHERE {
  ?f rdf:type kg:MarketRelation ; kg:market ?market .
  OPTIONAL { ?f kg:relationType ?type }
  OPTIONAL { ?f kg:scope ?scope }
  OPTIONAL { ?f kg:statedIn ?release }
}"""

Q_STATEMENTS = PREFIXES_SPARQL + """
SELECT ?f ?kind ?concept ?agent ?programme ?release WHERE {
  { ?f rdf:type kg:PriorityStatement ; kg:priority ?concept . BIND("priority" AS ?kind) }
  UNION
  { ?f rdf:type kg:DriverStatement ; kg:driver ?concept . BIND("driver" AS ?kind) }
  OPTIONAL { ?f kg:voicedBy ?agent }
  OPTIONAL { ?f kg:programme ?programme }
  OPTIONAL { ?f kg:statedIn ?release }
}"""

Q_QUOTATIONS = PREFIXES_SPARQL + """
SELECT ?f ?creator ?text ?release WHERE {
  ?f rdf:type kg:Quotation ; schema:creator ?creator .
  OPTIONAL { ?f schema:text ?text }
  OPTIONAL { ?f kg:statedIn ?release }
}"""

Q_RELEASES = PREFIXES_SPARQL + """
SELECT ?r ?g ?file WHERE {
  GRAPH ?g { ?r rdf:type kg:PressRelease . OPTIONAL { ?r kg:sourceFile ?file } }
}"""

# Reference data (sector scheme, code lists) typed only in kgg:ontology / kgg:codelists:
# shown only when something links to it.
Q_REFERENCE_ONLY = PREFIXES_SPARQL + """
SELECT DISTINCT ?e WHERE {
  GRAPH ?ref { ?e rdf:type ?t }
  FILTER(?ref IN (<https://w3id.org/kgraph/graph/ontology>, <https://w3id.org/kgraph/graph/codelists>))
  FILTER NOT EXISTS {
    GRAPH ?g { ?e rdf:type ?t2 }
    FILTER(?g NOT IN (<https://w3id.org/kgraph/graph/ontology>, <https://w3id.org/kgraph/graph/codelists>))
  }
}"""

Q_SUBJECTS_IN_GRAPH = """
SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } }"""

_RELATION_LABELS: dict[URIRef, str] = {
    ORG.subOrganizationOf: "part of",
    ORG.memberOf: "member of",
    ORG.unitOf: "unit of",
    SDO.containedInPlace: "located in",
    SKOS.broader: "segment of",
    DCTERMS.publisher: "published by",
    DCTERMS.spatial: "issued in",
    SDO.location: "held at",
    SDO.organizer: "organised by",
    SDO.performer: "speaker",
    SDO.attendee: "attendee",
    KG.statedIn: "reported in",
}

_LABEL_RANK = {SKOS.prefLabel: 0, RDFS.label: 1, FOAF.name: 2, SDO.name: 3, DCTERMS.title: 4}
_LITERAL_NAMES = {
    SKOS.notation: "notation", SKOS.altLabel: "altLabel", FOAF.name: "name", SDO.name: "name",
    DCTERMS.title: "title", DCTERMS.date: "date", DCTERMS.language: "language",
    SDO.startDate: "startDate", SDO.endDate: "endDate", KG.sourceFile: "sourceFile",
}
_RESERVED = {"label", "cls", "type", "iri", "wikidata", "quotes"}


def _select(store: Store, sparql: str, bindings: Mapping[str, Node] | None = None, *,
            deadline: float | None = None) -> SelectResult:
    left = None if deadline is None else deadline - time.monotonic()
    if left is not None and left <= 0:
        raise QueryTimeout("the network projection ran longer than its time budget and was stopped")
    res = store.query(sparql, bindings=bindings, timeout=left)
    if not isinstance(res, SelectResult):  # pragma: no cover - our queries are all SELECTs
        raise QueryError("expected SELECT results", source="kgraph.viz")
    return res


def _s(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _humanise(iri: str) -> str:
    tail = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail.replace("-", " ").replace("_", " ") or iri


@dataclass
class _Index:
    """Labels, literals, quotes and Wikidata links of every resource, by IRI string."""

    labels: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict)
    literals: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))
    quotes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    wikidata: dict[str, str] = field(default_factory=dict)

    def label(self, iri: str | None) -> str:
        if iri is None:
            return ""
        found = self.labels.get(iri)
        return found[1] if found else _humanise(iri)

    def notation(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        values = self.literals.get(iri, {}).get("notation")
        return values[0] if values else None


def _load_index(store: Store) -> _Index:
    idx = _Index()
    for row in _select(store, Q_LABELS):
        x, p, lit = row["x"], row["p"], row["l"]
        if x is None or p is None or not isinstance(lit, Literal):
            continue
        lang = lit.language or ""
        lang_rank = 0 if lang == "en" else 1 if lang == "" else 2
        # prefLabel@en first, then any English/plain label, then other languages.
        rank = (lang_rank, _LABEL_RANK.get(URIRef(str(p)), 9))
        key = str(x)
        text = str(lit).strip()
        if text and (key not in idx.labels or rank < idx.labels[key][0]):
            idx.labels[key] = (rank, text)
    for row in _select(store, Q_LITERALS):
        x, p, v = row["x"], row["p"], row["v"]
        if x is None or p is None or v is None:
            continue
        name = _LITERAL_NAMES.get(URIRef(str(p)))
        if name is None:
            continue
        values = idx.literals[str(x)].setdefault(name, [])
        text = str(v)
        if text not in values:
            values.append(text)
    for row in _select(store, Q_QUOTES):
        x, exact = row["x"], row["exact"]
        if x is None or exact is None:
            continue
        bucket = idx.quotes[str(x)]
        if str(exact) not in bucket:
            bucket.append(str(exact))
    for row in _select(store, Q_WIKIDATA):
        x, wd = row["x"], row["wd"]
        if x is not None and wd is not None:
            idx.wikidata.setdefault(str(x), str(wd))
    return idx


def _entity_types(store: Store) -> dict[str, URIRef]:
    """IRI -> its highest-ranked type in :data:`CLASS_OF_TYPE`."""
    best: dict[str, URIRef] = {}
    for row in _select(store, Q_ENTITIES):
        e, t = row["e"], row["type"]
        if e is None or t is None:
            continue
        key, typ = str(e), URIRef(str(t))
        if key not in best or _TYPE_RANK[typ] < _TYPE_RANK[best[key]]:
            best[key] = typ
    return best


def _node_attrs(iri: str, cls: str, typ: str, idx: _Index) -> dict[str, object]:
    attrs: dict[str, object] = {
        "label": idx.label(iri),
        "cls": cls,
        "type": typ,
        "iri": iri,
        "wikidata": idx.wikidata.get(iri, ""),
        "quotes": list(idx.quotes.get(iri, ())),
    }
    for name, values in idx.literals.get(iri, {}).items():
        if name not in _RESERVED:
            attrs[name] = "; ".join(values)
    return attrs


def release_iri(store: Store, release: str) -> tuple[URIRef, URIRef]:
    """The release IRI and its named graph for a file name, path, slug (file stem) or IRI.

    Raises:
        InputError: no release in the store matches ``release`` (the message lists them).
    """
    wanted = release.strip()
    name = Path(wanted).name
    stem = Path(wanted).stem
    known: list[str] = []
    for row in _select(store, Q_RELEASES):
        r, g, f = _s(row["r"]), row["g"], _s(row["file"])
        if r is None or g is None:
            continue
        slug = Path(f).stem if f else r.rstrip("/").rsplit("/", 1)[-1]
        known.append(slug)
        if wanted in (r, str(g)) or name == f or stem == slug or wanted == slug:
            return URIRef(r), URIRef(str(g))
    listing = ", ".join(sorted(set(known))) or "none: the store holds no release"
    raise InputError(f"no such release in the store (releases: {listing})", source=release)


def project(
    store: Store,
    *,
    release: str | None = None,
    facts_as_nodes: bool = False,
    timeout: float | None = None,
) -> nx.MultiDiGraph:
    """Project the store (or one release's named graph) onto a networkx multigraph.

    ``release`` is a file name, path, slug or IRI (see :func:`release_iri`).
    ``facts_as_nodes`` keeps n-ary facts as nodes of class ``Fact`` instead of folding
    them into labelled edges. ``timeout`` (seconds) bounds all its queries together. Reference concepts that only the ontology or code-list graphs
    declare (the sector scheme's other sectors) are left out unless something links them.

    Raises:
        InputError: ``release`` names no release in the store.
        QueryError, QueryTimeout, ServiceUnavailable: from the store.
    """
    # One budget for all the queries of a projection: a page or command waits at most this.
    deadline = time.monotonic() + timeout if timeout is not None else None
    scope: set[str] | None = None
    graph_name: URIRef | None = None
    if release is not None:
        _, graph_name = release_iri(store, release)
        scope = {
            str(row["s"]) for row in _select(store, Q_SUBJECTS_IN_GRAPH, {"g": graph_name}, deadline=deadline)
            if row["s"] is not None
        }
    idx = _load_index(store)
    types = _entity_types(store)
    g = nx.MultiDiGraph()
    for iri, typ in types.items():
        if scope is not None and iri not in scope:
            continue
        cls, label = CLASS_OF_TYPE[typ]
        g.add_node(iri, **_node_attrs(iri, cls, label, idx))

    builder = _Builder(g, idx, facts_as_nodes=facts_as_nodes, scope=scope)
    org_facts: dict[tuple[str, str, str], str] = {}
    for row in _select(store, Q_ORG_RELATIONS, deadline=deadline):
        f, s, p, o = _s(row["f"]), _s(row["s"]), _s(row["p"]), _s(row["o"])
        if f and s and p and o and (scope is None or f in scope):
            org_facts[(s, p, o)] = f
    rel_query, rel_bind = (
        (Q_RELATIONS, None) if graph_name is None else (Q_RELATIONS_IN_GRAPH, {"g": graph_name})
    )
    for row in _select(store, rel_query, rel_bind, deadline=deadline):
        s, p_term, o = _s(row["s"]), row["p"], _s(row["o"])
        if s is None or p_term is None or o is None or s not in g or o not in g:
            continue
        pred = URIRef(str(p_term))
        # Every entity is "stated in" its release; drawn for all, the release would be the
        # hub of everything. Events are the exception: they are what the release reports.
        if pred == KG.statedIn and g.nodes[s].get("cls") != "Event":
            continue
        fact = org_facts.get((s, str(pred), o), "")
        g.add_edge(
            s, o, key=f"{pred}|{fact}" if fact else str(pred),
            label=_RELATION_LABELS.get(pred, _humanise(str(pred))), predicate=str(pred),
            fact=fact, quotes=list(idx.quotes.get(fact, ())) if fact else [],
        )
    builder.memberships(_select(store, Q_MEMBERSHIPS, deadline=deadline))
    builder.observations(_select(store, Q_OBSERVATIONS, deadline=deadline))
    builder.markets(_select(store, Q_MARKETS, deadline=deadline))
    builder.statements(_select(store, Q_STATEMENTS, deadline=deadline))
    builder.quotations(_select(store, Q_QUOTATIONS, deadline=deadline))
    if scope is None:
        reference = {str(r["e"]) for r in _select(store, Q_REFERENCE_ONLY, deadline=deadline) if r["e"] is not None}
        g.remove_nodes_from([n for n in reference if n in g and g.degree(n) == 0])
    return g


def _format_number(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(number) >= size:
            scaled = number / size
            return f"{scaled:.{0 if scaled == int(scaled) else 1}f} {word}".replace(".0 ", " ")
    if number == int(number):
        return str(int(number))
    return f"{number:g}"


class _Builder:
    """Folds n-ary facts into edges (or keeps them as nodes)."""

    def __init__(
        self, g: nx.MultiDiGraph, idx: _Index, *, facts_as_nodes: bool, scope: set[str] | None
    ) -> None:
        self.g, self.idx, self.as_nodes, self.scope = g, idx, facts_as_nodes, scope

    def _ensure(self, iri: str | None) -> str | None:
        """A node for a participant that has no entity type of its own (an untyped place)."""
        if iri is None:
            return None
        if iri not in self.g:
            self.g.add_node(iri, **_node_attrs(iri, "Other", "Resource", self.idx))
        return iri

    def _in_scope(self, fact: str) -> bool:
        return self.scope is None or fact in self.scope

    def fact(
        self, fact: str, kind: str, label: str, source: str | None, target: str | None,
        roles: Iterable[tuple[str, str | None]], *, quotes: Iterable[str] = (),
    ) -> None:
        all_quotes = list(dict.fromkeys([*quotes, *self.idx.quotes.get(fact, ())]))
        if self.as_nodes:
            self.g.add_node(
                fact, label=label, cls="Fact", type=kind, iri=fact, wikidata="",
                quotes=all_quotes,
            )
            for role, other in roles:
                node = self._ensure(other)
                if node is not None:
                    self.g.add_edge(fact, node, key=role, label=role, predicate=role, fact=fact,
                                    quotes=[])
            return
        s, t = self._ensure(source), self._ensure(target)
        if s is None or t is None:
            return
        self.g.add_edge(s, t, key=fact, label=label, predicate=kind, fact=fact, quotes=all_quotes)

    def memberships(self, rows: SelectResult) -> None:
        # Each release states its own claim of a post; the network draws the post once,
        # with every release's quotes, under the first claim's IRI.
        posts: dict[tuple[str | None, ...], tuple[set[str], set[str]]] = {}
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            key = (_s(row["person"]), _s(row["org"]), _s(row["role"]), _s(row["unit"]))
            claims, starts = posts.setdefault(key, (set(), set()))
            claims.add(f)
            if row["from"] is not None:
                starts.add(str(row["from"]))
        for (person, org, role, unit), (claims, starts) in posts.items():
            first = min(claims)
            label = self.idx.label(role) or "member"
            if unit:
                label += f", {self.idx.label(unit)}"
            if starts:
                label += f" (since {' / '.join(sorted(starts))})"
            quotes = [q for c in sorted(claims) for q in self.idx.quotes.get(c, ())]
            self.fact(first, "Membership", label, person, org,
                      [("member", person), ("organisation", org), ("unit", unit)], quotes=quotes)

    def observations(self, rows: SelectResult) -> None:
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            area, scope, counterpart = _s(row["area"]), _s(row["scope"]), _s(row["counterpart"])
            release, period, unit = _s(row["release"]), _s(row["period"]), _s(row["unit"])
            indicator = self.idx.label(_s(row["indicator"]))
            unit_note = self.idx.notation(unit) or ""
            value = _format_number(str(row["value"]))
            shown = f"{value} %" if unit_note == "percent" else f"{value} {unit_note}".strip()
            label = f"{indicator} {shown}"
            if counterpart and scope:
                label += f", {self.idx.label(counterpart)}"
            if period:
                label += f" ({self.idx.notation(period) or self.idx.label(period)})"
            source = area or release or scope
            target = scope or counterpart
            if target == source:
                target = counterpart
            self.fact(f, "Observation", label, source, target,
                      [("area", area), ("scope", scope), ("counterpart", counterpart)])

    def markets(self, rows: SelectResult) -> None:
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            market, typ = _s(row["market"]), _s(row["type"])
            scope, release = _s(row["scope"]), _s(row["release"])
            label = (self.idx.label(typ) if typ and typ in self.idx.labels
                     else (self.idx.notation(typ) or "market").replace("_", " "))
            self.fact(f, "Market relation", label, scope or release, market,
                      [("scope", scope), ("market", market)])

    def statements(self, rows: SelectResult) -> None:
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            kind = str(row["kind"])
            concept, agent = _s(row["concept"]), _s(row["agent"])
            programme, release = _s(row["programme"]), _s(row["release"])
            self.fact(f, f"{kind.capitalize()} statement", kind, agent or release, concept,
                      [("voiced by", agent), (kind, concept), ("programme", programme)])
            if programme and not self.as_nodes:
                self.fact(f + "#programme", "Programme", "programme", concept, programme, [],
                          quotes=self.idx.quotes.get(f, ()))

    def quotations(self, rows: SelectResult) -> None:
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            creator, release = _s(row["creator"]), _s(row["release"])
            text = [str(row["text"])] if row["text"] is not None else []
            self.fact(f, "Quotation", "quoted in", creator, release,
                      [("speaker", creator), ("stated in", release)], quotes=text)


# --- networks from query results ----------------------------------------------------------

_LABEL_PREDICATES = {SKOS.prefLabel, RDFS.label, FOAF.name}


def network_from_triples(
    triples: Iterable[tuple[Node, Node, Node]], *, store: Store | None = None
) -> nx.MultiDiGraph:
    """A network from (s, p, o) triples: resources become nodes, literals node attributes.

    With ``store``, nodes get the labels, classes, Wikidata links and quotes the store
    holds for them; otherwise labels come from the triples themselves.

    Raises:
        QueryError, QueryTimeout, ServiceUnavailable: from the store.
    """
    idx = _load_index(store) if store is not None else _Index()
    types = _entity_types(store) if store is not None else {}
    g = nx.MultiDiGraph()
    literal_attrs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    own_labels: dict[str, str] = {}
    own_types: dict[str, str] = {}

    def node(term: Node) -> str:
        key = str(term)
        if key not in g:
            typ = types.get(key)
            cls, label = CLASS_OF_TYPE[typ] if typ is not None else ("Other", "Resource")
            if isinstance(term, BNode):
                cls, label = "Other", "Blank node"
            g.add_node(key, **_node_attrs(key, cls, label, idx))
        return key

    for s, p, o in triples:
        if s is None or p is None or o is None:
            continue
        subject = node(s)
        pred = URIRef(str(p))
        if isinstance(o, Literal):
            if pred in _LABEL_PREDICATES and subject not in idx.labels:
                own_labels.setdefault(subject, str(o))
            name = _humanise(str(pred))
            values = literal_attrs[subject].setdefault(name, [])
            if str(o) not in values:
                values.append(str(o))
            continue
        if pred == RDF.type:
            own_types.setdefault(subject, _humanise(str(o)))
            continue
        if pred == OWL.sameAs and str(o).startswith(str(WD)):
            g.nodes[subject]["wikidata"] = str(o)
            continue
        target = node(o)
        g.add_edge(subject, target, key=str(pred), label=_RELATION_LABELS.get(pred, _humanise(str(pred))),
                   predicate=str(pred), fact="", quotes=[])
    for key, label in own_labels.items():
        g.nodes[key]["label"] = label
    for key, typ in own_types.items():
        if g.nodes[key]["cls"] == "Other":
            g.nodes[key]["type"] = typ
    for key, attrs in literal_attrs.items():
        for name, values in attrs.items():
            if name not in _RESERVED:
                g.nodes[key][name] = "; ".join(values)
    return g


def query_network(
    store: Store,
    sparql: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    source: str | None = None,
) -> nx.MultiDiGraph:
    """Run a CONSTRUCT (or a SELECT of ``?s ?p ?o``) and draw its triples as a network.

    Raises:
        QueryError: the query does not parse, is an ASK, or a SELECT without ?s ?p ?o
            (``source`` names the query file in the message).
        QueryTimeout, ServiceUnavailable: from the store.
    """
    try:
        res = store.query(sparql, bindings=bindings)
    except QueryError as exc:
        raise QueryError(exc.message, source=source or exc.source) from None
    if isinstance(res, Graph):
        return network_from_triples(iter(res), store=store)
    if isinstance(res, SelectResult):
        missing = [v for v in ("s", "p", "o") if v not in res.vars]
        if missing:
            raise QueryError(
                "a SELECT drawn as a network must project ?s ?p ?o (missing: "
                + ", ".join("?" + v for v in missing) + ")",
                source=source,
            )
        return network_from_triples(
            ((row["s"], row["p"], row["o"]) for row in res if None not in (row["s"], row["p"], row["o"])),  # type: ignore[misc]
            store=store,
        )
    raise QueryError("an ASK query has no triples to draw (use CONSTRUCT or SELECT ?s ?p ?o)",
                     source=source)
