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
    OWL,
    RDF,
    RDFS,
    SDMX_DIM,
    SDO,
    SKOS,
    WD,
)
from ..schema import FactKind, Registry, registry
from ..store import SelectResult, Store

__all__ = [
    "CLASS_OF_TYPE",
    "project",
    "release_iri",
    "network_from_triples",
    "query_network",
]

#: rdf:type -> (legend class, specific type label), from the schema registry
#: (:mod:`kgraph.schema`). Order matters: the first type listed here that an entity has
#: decides its class (an event is also a kg:Fact, a venue also an organisation).
CLASS_OF_TYPE: dict[URIRef, tuple[str, str]] = {
    c.iri: (c.legend, c.label) for c in registry().node_classes
}


def _classes(reg: Registry) -> dict[URIRef, tuple[str, str]]:
    return {c.iri: (c.legend, c.label) for c in reg.node_classes}


# Queries take their prefixes from the store (kgraph.namespaces.PREFIXES).
def _q_entities(reg: Registry) -> str:
    values = " ".join(c.iri.n3() for c in reg.node_classes)
    return f"""
SELECT DISTINCT ?e ?type WHERE {{
  VALUES ?type {{ {values} }}
  ?e rdf:type ?type .
  FILTER(isIRI(?e))
}}"""


# Labels of everything (entities, roles, indicators, units, periods, relation types).
# DISTINCT here and in the other look-ups: the union default graph repeats a label once per
# release graph that states it (113k rows for 10k entities), and each row would be sent
# from the query worker and turned into rdflib terms only to be dropped.
def _q_labels(reg: Registry) -> str:
    values = " ".join(p.n3() for p in reg.label_properties)
    return f"""
SELECT DISTINCT ?x ?p ?l WHERE {{
  VALUES ?p {{ {values} }}
  ?x ?p ?l .
  FILTER(isLiteral(?l))
}}"""

# Literal properties shown as node attributes (and notations used to build fact labels).
Q_LITERALS = """
SELECT DISTINCT ?x ?p ?v WHERE {
  VALUES ?p {
    skos:notation skos:altLabel foaf:name schema:name dct:title dct:date dct:language
    schema:startDate schema:endDate kg:sourceFile
  }
  ?x ?p ?v .
  FILTER(isLiteral(?v))
}"""

Q_WIKIDATA = """
SELECT DISTINCT ?x ?wd WHERE {
  ?x owl:sameAs|skos:exactMatch ?wd .
  FILTER(isIRI(?wd) && STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/Q"))
}"""

Q_QUOTES = """
SELECT DISTINCT ?x ?exact WHERE {
  ?x prov:wasDerivedFrom ?a .
  ?a oa:hasSelector ?sel .
  ?sel oa:exact ?exact .
}"""

# Binary relations between entities; an edge is drawn only when both ends are entities.
def _q_relations(reg: Registry, *, in_graph: bool) -> str:
    """The binary relations between entities the registry draws (an edge is drawn only
    when both ends are entities); ``in_graph``: within the graph bound to ?g, which is
    projected because Oxigraph substitutes only projected variables."""
    values = " ".join(p.n3() for p in reg.relations)
    if in_graph:
        return f"""
SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?p {{ {values} }}
  GRAPH ?g {{ ?s ?p ?o }}
}}"""
    return f"""
SELECT ?s ?p ?o WHERE {{
  VALUES ?p {{ {values} }}
  ?s ?p ?o .
}}"""


Q_ORG_RELATIONS = """
SELECT ?f ?s ?p ?o WHERE {
  ?f rdf:type kg:OrganisationalRelation ; kg:subject ?s ; kg:relation ?p ; kg:object ?o .
}"""

# What the network shows of an n-ary fact beyond its edge's ends (the registry's
# kg:edgeSource / kg:edgeTarget): variables and patterns per fact kind, for its caption.
_CAPTIONS: dict[str, tuple[str, str]] = {
    "Membership": ("?role ?unit ?from", """
  OPTIONAL { ?f org:role ?role }
  OPTIONAL { ?f kg:inUnit ?unit }
  OPTIONAL { ?f org:memberDuring/time:hasBeginning/time:inXSDDate ?from }"""),
    "Observation": ("?indicator ?value ?period ?unit", """
  ?f kg:indicator ?indicator ; sdmx-measure:obsValue ?value .
  OPTIONAL { ?f sdmx-dimension:refPeriod ?period }
  OPTIONAL { ?f sdmx-attribute:unitMeasure ?unit }"""),
    "MarketRelation": ("?type", """
  OPTIONAL { ?f kg:relationType ?type }"""),
    "Priority": ("?programme", """
  OPTIONAL { ?f kg:programme ?programme }"""),
    "Driver": ("?programme", """
  OPTIONAL { ?f kg:programme ?programme }"""),
    "Quotation": ("?text", """
  OPTIONAL { ?f schema:text ?text }"""),
}


def _edge_vars(kind: FactKind) -> dict[URIRef, str]:
    """Each property of the kind's edge ends -> its query variable (``e0``, ``e1``...)."""
    assert kind.edge is not None
    props = dict.fromkeys([*kind.edge.source, *kind.edge.target])
    return {p: f"e{n}" for n, p in enumerate(props)}


def _q_facts(kind: FactKind) -> str:
    """The SELECT of one fact kind's edges: the fact, the values of its edge's properties
    (one that is an end on its own is required, a list of fallbacks optional each), and
    what its caption needs."""
    assert kind.edge is not None
    variables = _edge_vars(kind)
    required = {kind.edge.source[0]} if len(kind.edge.source) == 1 else set()
    if len(kind.edge.target) == 1:
        required.add(kind.edge.target[0])
    extra_vars, extra = _CAPTIONS.get(kind.name, ("", ""))
    if not extra_vars and kind.fields:  # a generic kind: every field, shown by role
        for fl in kind.fields:
            if fl.property not in variables:
                variables[fl.property] = f"e{len(variables)}"
    lines = [f"  ?f rdf:type {kind.cls.n3()} ."]
    for prop, var in variables.items():
        pattern = f"?f {prop.n3()} ?{var}"
        lines.append(f"  {pattern} ." if prop in required else f"  OPTIONAL {{ {pattern} }}")
    names = " ".join(f"?{v}" for v in variables.values())
    return (f"SELECT ?f {names} {extra_vars} WHERE {{\n" + "\n".join(lines) + extra + "\n}")


Q_RELEASES = """
SELECT ?r ?g ?file WHERE {
  GRAPH ?g { ?r rdf:type kg:PressRelease . OPTIONAL { ?r kg:sourceFile ?file } }
}"""

# Reference data (sector scheme, code lists) typed only in kgg:ontology / kgg:codelists:
# shown only when something links to it.
Q_REFERENCE_ONLY = """
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


def _load_index(store: Store, reg: Registry) -> _Index:
    idx = _Index()
    label_rank = {p: n for n, p in enumerate(reg.label_properties)}
    for row in _select(store, _q_labels(reg)):
        x, p, lit = row["x"], row["p"], row["l"]
        if x is None or p is None or not isinstance(lit, Literal):
            continue
        lang = lit.language or ""
        lang_rank = 0 if lang == "en" else 1 if lang == "" else 2
        # prefLabel@en first, then any English/plain label, then other languages.
        rank = (lang_rank, label_rank.get(URIRef(str(p)), 9))
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


def _entity_types(store: Store, reg: Registry) -> dict[str, URIRef]:
    """IRI -> its type of highest precedence among the registry's node classes."""
    best: dict[str, URIRef] = {}
    for row in _select(store, _q_entities(reg)):
        e, t = row["e"], row["type"]
        if e is None or t is None:
            continue
        key, typ = str(e), URIRef(str(t))
        if key not in best or reg.precedence(typ) < reg.precedence(best[key]):
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
    link_figures: bool = False,
    timeout: float | None = None,
    schema: Registry | None = None,
) -> nx.MultiDiGraph:
    """Project the store (or one release's named graph) onto a networkx multigraph.

    Node classes and how each fact kind is drawn come from ``schema`` (default: the
    shipped registry, :mod:`kgraph.schema`).

    ``release`` is a file name, path, slug or IRI (see :func:`release_iri`).
    ``facts_as_nodes`` keeps n-ary facts as nodes of class ``Fact`` instead of folding
    them into labelled edges. ``link_figures`` draws each observation as a node of class
    ``Figure`` joined to what it measures (area, scope, counterpart) and to the release
    that states it ("states"), so a figure is reached from the release and its publisher
    (``--ego Assomac``); off by default because a release with dozens of figures would
    bury the entities under them. ``timeout`` (seconds) bounds all its queries together.
    Reference concepts that only the ontology or code-list graphs declare (the sector
    scheme's other sectors) are left out unless something links them.

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
    reg = schema or registry()
    classes = _classes(reg)
    idx = _load_index(store, reg)
    types = _entity_types(store, reg)
    g = nx.MultiDiGraph()
    for iri, typ in types.items():
        if scope is not None and iri not in scope:
            continue
        cls, label = classes[typ]
        g.add_node(iri, **_node_attrs(iri, cls, label, idx))

    builder = _Builder(g, idx, facts_as_nodes=facts_as_nodes, scope=scope,
                       link_figures=link_figures)
    org_facts: dict[tuple[str, str, str], str] = {}
    for row in _select(store, Q_ORG_RELATIONS, deadline=deadline):
        f, s, p, o = _s(row["f"]), _s(row["s"]), _s(row["p"]), _s(row["o"])
        if f and s and p and o and (scope is None or f in scope):
            org_facts[(s, p, o)] = f
    rel_query, rel_bind = (
        (_q_relations(reg, in_graph=False), None) if graph_name is None
        else (_q_relations(reg, in_graph=True), {"g": graph_name})
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
            label=reg.relations.get(pred, _humanise(str(pred))), predicate=str(pred),
            fact=fact, quotes=list(idx.quotes.get(fact, ())) if fact else [],
        )
    for kind in reg.fact_kinds:  # each kind the registry draws as an edge
        if kind.edge is not None:
            builder.facts(kind, _select(store, _q_facts(kind), deadline=deadline))
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
        self, g: nx.MultiDiGraph, idx: _Index, *, facts_as_nodes: bool, scope: set[str] | None,
        link_figures: bool = False,
    ) -> None:
        self.g, self.idx, self.as_nodes, self.scope = g, idx, facts_as_nodes, scope
        self.link_figures = link_figures

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

    def facts(self, kind: FactKind, rows: SelectResult) -> None:
        """One edge per fact of ``kind`` (its kg:edgeSource to its kg:edgeTarget)."""
        assert kind.edge is not None
        variables = _edge_vars(kind)
        if kind.name == "Membership":
            self.memberships(kind, variables, rows)
            return
        name = kind.label[:1].upper() + kind.label[1:]
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            v = {prop: _s(row[var]) for prop, var in variables.items()}
            source = next((v[p] for p in kind.edge.source if v[p]), None)
            target = _pick_target([v[p] for p in kind.edge.target], source)
            if kind.name == "Observation":
                self.observation(f, name, row, v, source, target)
            elif kind.name == "MarketRelation":
                typ = _s(row["type"])
                label = (self.idx.label(typ) if typ and typ in self.idx.labels
                         else (self.idx.notation(typ) or kind.edge.label or "").replace("_", " "))
                self.fact(f, name, label, source, target,
                          [("scope", v.get(KG.scope)), ("market", v.get(KG.market))])
            elif kind.name in ("Priority", "Driver"):
                word = kind.edge.label or kind.name.lower()
                programme = _s(row["programme"])
                self.fact(f, name, word, source, target,
                          [("voiced by", v.get(KG.voicedBy)), (word, target), ("programme", programme)])
                if programme and not self.as_nodes:
                    self.fact(f + "#programme", "Programme", "programme", target, programme, [],
                              quotes=self.idx.quotes.get(f, ()))
            elif kind.name == "Quotation":
                text = [str(row["text"])] if row["text"] is not None else []
                self.fact(f, name, kind.edge.label or "", source, target,
                          [("speaker", source), ("stated in", target)], quotes=text)
            else:  # a kind drawn from the registry alone: its label, its values by role
                roles = [(_humanise(str(p)), value) for p, value in v.items()]
                self.fact(f, name, kind.edge.label or kind.label, source, target, roles)

    def memberships(self, kind: FactKind, variables: dict[URIRef, str], rows: SelectResult) -> None:
        # Each release states its own claim of a post; the network draws the post once,
        # with every release's quotes, under the first claim's IRI.
        assert kind.edge is not None
        src, tgt = variables[kind.edge.source[0]], variables[kind.edge.target[0]]
        posts: dict[tuple[str | None, ...], tuple[set[str], set[str]]] = {}
        for row in rows:
            f = _s(row["f"])
            if f is None or not self._in_scope(f):
                continue
            key = (_s(row[src]), _s(row[tgt]), _s(row["role"]), _s(row["unit"]))
            claims, starts = posts.setdefault(key, (set(), set()))
            claims.add(f)
            if row["from"] is not None:
                starts.add(str(row["from"]))
        for (person, org, role, unit), (claims, starts) in posts.items():
            first = min(claims)
            label = self.idx.label(role) or kind.edge.label or ""
            if unit:
                label += f", {self.idx.label(unit)}"
            if starts:
                label += f" (since {' / '.join(sorted(starts))})"
            quotes = [q for c in sorted(claims) for q in self.idx.quotes.get(c, ())]
            self.fact(first, "Membership", label, person, org,
                      [("member", person), ("organisation", org), ("unit", unit)], quotes=quotes)

    def observation(self, f: str, name: str, r: dict[str, Node | None],
                    v: dict[URIRef, str | None], source: str | None, target: str | None) -> None:
        area, scope, counterpart = v.get(SDMX_DIM.refArea), v.get(KG.scope), v.get(KG.counterpart)
        period, unit = _s(r["period"]), _s(r["unit"])
        indicator = self.idx.label(_s(r["indicator"]))
        unit_note = self.idx.notation(unit) or ""
        value = _format_number(str(r["value"]))
        shown = f"{value} %" if unit_note == "percent" else f"{value} {unit_note}".strip()
        label = f"{indicator} {shown}"
        if counterpart and scope:
            label += f", {self.idx.label(counterpart)}"
        if period:
            label += f" ({self.idx.notation(period) or self.idx.label(period)})"
        roles = [("area", area), ("scope", scope), ("counterpart", counterpart)]
        release = v.get(KG.statedIn)
        if not self.link_figures:
            self.fact(f, name, label, source, target, roles)
            return
        # A node of its own, so the figure hangs from its release as well as from what it
        # measures (as an edge it can join two nodes only).
        self.g.add_node(f, label=label, cls="Figure", type=name, iri=f, wikidata="",
                        quotes=list(self.idx.quotes.get(f, ())))
        seen: set[str] = set()
        for role, other in roles:
            node = self._ensure(other)
            if node is not None and node not in seen and node != release:
                seen.add(node)
                self.g.add_edge(f, node, key=role, label=role, predicate=role, fact=f, quotes=[])
        if release is not None:
            node = self._ensure(release)
            assert node is not None
            self.g.add_edge(node, f, key="states", label="states", predicate=str(KG.statedIn),
                            fact=f, quotes=[])


def _pick_target(values: list[str | None], source: str | None) -> str | None:
    """The first value present; one equal to the source gives way to the next property's
    value (present or not), so that an edge does not loop where the fact names another end."""
    for n, value in enumerate(values):
        if value:
            if value == source and n + 1 < len(values):
                return values[n + 1]
            return value
    return None


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
    reg = registry()
    classes = _classes(reg)
    idx = _load_index(store, reg) if store is not None else _Index()
    types = _entity_types(store, reg) if store is not None else {}
    g = nx.MultiDiGraph()
    literal_attrs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    own_labels: dict[str, str] = {}
    own_types: dict[str, str] = {}

    def node(term: Node) -> str:
        key = str(term)
        if key not in g:
            typ = types.get(key)
            cls, label = classes[typ] if typ is not None else ("Other", "Resource")
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
        g.add_edge(subject, target, key=str(pred), label=reg.relations.get(pred, _humanise(str(pred))),
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
