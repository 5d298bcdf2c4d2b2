"""The schema registry: the KG contract as data, read once from the ontology.

Every consumer of the contract (the writer :mod:`kgraph.extract.rdf`, the read-back
:mod:`kgraph._readback`, the network projection :mod:`kgraph.viz._project`,
reconciliation :mod:`kgraph.link._reconcile` and evaluation :mod:`kgraph.evaluation`)
asks this registry what the classes are, how they nest, how a node is labelled and how a
fact kind is written, read back, drawn and scored, instead of restating it.

What the ontology says itself is taken from its axioms: the class hierarchy
(``rdfs:subClassOf``), labels (``rdfs:label``), and which properties a fact class has
(``rdfs:domain``, with ``rdfs:range`` telling how a value is written and read). What it
cannot say is a few ``kg:`` annotations in ``ontology/kgraph.ttl`` (section "The schema
registry"): the name :mod:`kgraph.model` gives a class or property (``kg:modelName``), the
gold key a fact kind is scored under (``kg:goldKey``, ``kg:factOrder``), which of a node's
types decides its class (``kg:precedence``), the network legend (``kg:legend``,
``kg:nodeLabel``), which superclasses the writer states (``kg:materialised``), how a fact
is drawn as an edge, in the manner of followthemoney's schema ``edge:``
(``kg:edgeSource``, ``kg:edgeTarget``, ``kg:edgeLabel``), and label preference
(``kg:labelRank``).

A fact kind of the ontology that no consumer has code of its own for is handled from its
shape alone: its properties (those whose ``rdfs:domain`` is its class, each with a
``kg:modelName`` naming the dataclass field) are written, read back, drawn and scored
generically. Adding such a kind is one place: its class and properties in the ontology,
and a dataclass of :mod:`kgraph.model` (or one given to :meth:`Registry.from_graph`).

The registry is read from the ontology kgraph ships (the contract the code is written
against, which a project's own ontology cannot change under the writer); tests and tools
may build another with :meth:`Registry.from_graph` and pass it to the consumers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from . import _project
from . import model as _model
from .errors import ConfigError
from .namespaces import FOAF, KG, ORG, OWL, RDF, RDFS, SDO, SKOS, XSD, bind_prefixes

__all__ = [
    "NodeClass", "Field", "Edge", "FactKind", "Registry", "registry", "load_registry",
    "FIELD_KINDS", "kg_class", "shipped_ontology_file",
]

FIELD_KINDS = ("agent", "place", "concept", "literal")
"""How a generic fact's property value is written and read: an organisation or person
(by name), a place (by name), a concept (a labelled ``skos:Concept``), or a literal."""


@dataclass(frozen=True)
class NodeClass:
    """A class whose instances are entities: nodes of the network, things to reconcile."""

    iri: URIRef
    legend: str  # the network's legend class: "Organisation", "Place", ...
    label: str  # the type the network shows: "Trade association"
    precedence: int
    model_name: str | None = None  # a place class's kind in kgraph.model: "country"

    @property
    def name(self) -> str:
        """The local name (``TradeAssociation`` for ``kg:TradeAssociation``)."""
        return str(self.iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Field:
    """One property of a generic fact kind: the dataclass field it holds and how."""

    name: str  # the dataclass field
    property: URIRef
    kind: str  # one of FIELD_KINDS
    range: URIRef | None = None  # the concept class, for kind "concept"
    required: bool = True  # the dataclass field has no default


@dataclass(frozen=True)
class Edge:
    """How the network draws a fact as one edge (followthemoney's ``edge:``): from the
    first property of ``source`` the fact has, to the first of ``target`` (one equal to
    the source giving way to the next), captioned ``label`` when the fact has no caption."""

    source: tuple[URIRef, ...]
    target: tuple[URIRef, ...]
    label: str | None = None


@dataclass(frozen=True)
class FactKind:
    """A kind of fact: its dataclass, its RDF class(es), gold key, edge and shape."""

    name: str  # the dataclass name in kgraph.model: "Membership"
    classes: tuple[URIRef, ...]  # the RDF classes its nodes carry, main first
    order: int
    label: str  # English label of the main class
    gold: str | None = None  # the gold files' key
    model: type | None = None
    edge: Edge | None = None
    fields: tuple[Field, ...] = ()  # properties whose rdfs:domain is the class

    @property
    def cls(self) -> URIRef:
        return self.classes[0]


def kg_class(name: str) -> URIRef:
    """The ``kg:`` class of a local name, also one only a registry's ontology declares
    (``KG[name]`` knows the shipped terms only)."""
    return URIRef(str(KG._NS) + name)


def _int(value: Node | None, default: int) -> int:
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return default
    return default


def _en(graph: Graph, node: Node, prop: URIRef = RDFS.label) -> str | None:
    found = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
    for lit in found:
        if lit.language == "en":
            return str(lit)
    return str(found[0]) if found else None


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(eq=False)  # hashable by identity: consumers cache what they derive from it
class Registry:
    """The contract as data (see the module docstring). Build it with :func:`registry`
    (the shipped ontology, cached) or :meth:`from_graph`."""

    graph: Graph
    models: Mapping[str, type] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, graph: Graph, models: Mapping[str, type] | None = None) -> Registry:
        """A registry of ``graph`` (an ontology with the registry's annotations);
        ``models`` adds dataclasses to those of :mod:`kgraph.model`, by name."""
        found = {n: getattr(_model, n) for n in dir(_model) if isinstance(getattr(_model, n), type)}
        found.update(models or {})
        return cls(graph, found)

    # --- the class hierarchy ---------------------------------------------------------
    @cached_property
    def _parents(self) -> dict[URIRef, tuple[URIRef, ...]]:
        out: dict[URIRef, list[URIRef]] = {}
        for s, o in self.graph.subject_objects(RDFS.subClassOf):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                out.setdefault(s, []).append(o)
        return {k: tuple(v) for k, v in out.items()}

    def superclasses(self, cls: URIRef) -> tuple[URIRef, ...]:
        """Every class ``cls`` is a subclass of (transitively, itself excluded), nearest first."""
        seen: list[URIRef] = []
        todo = list(self._parents.get(cls, ()))
        while todo:
            c = todo.pop(0)
            if c not in seen and c != cls:
                seen.append(c)
                todo.extend(self._parents.get(c, ()))
        return tuple(seen)

    def is_a(self, cls: URIRef, sup: URIRef) -> bool:
        return cls == sup or sup in self.superclasses(cls)

    @cached_property
    def _materialised(self) -> frozenset[URIRef]:
        return frozenset(s for s in self.graph.subjects(KG.materialised, None)
                         if isinstance(s, URIRef)
                         and self.graph.value(s, KG.materialised).toPython() is True)  # type: ignore[union-attr]

    def types_of(self, cls: URIRef) -> tuple[URIRef, ...]:
        """``cls`` and the superclasses the writer states with it (``kg:materialised``)."""
        return (cls, *(c for c in self.superclasses(cls) if c in self._materialised))

    def label(self, node: URIRef) -> str | None:
        """The English ``rdfs:label`` of a term of the ontology."""
        return _en(self.graph, node)

    # --- node classes ----------------------------------------------------------------
    @cached_property
    def node_classes(self) -> tuple[NodeClass, ...]:
        """Every class with a legend, by precedence: the first a node has decides."""
        out = []
        for s in set(self.graph.subjects(KG.legend, None)):
            if not isinstance(s, URIRef):
                continue
            label = _en(self.graph, s, KG.nodeLabel)
            if label is None:
                own = self.label(s) or _local(s)
                label = own[:1].upper() + own[1:]
            model_name = self.graph.value(s, KG.modelName)
            place = model_name is not None and self.is_a(s, SDO.Place) and str(model_name)[:1].islower()
            out.append(NodeClass(s, str(self.graph.value(s, KG.legend)), label,
                                 _int(self.graph.value(s, KG.precedence), 1_000_000),
                                 str(model_name) if place else None))
        return tuple(sorted(out, key=lambda c: (c.precedence, str(c.iri))))

    @cached_property
    def _node_class(self) -> dict[URIRef, NodeClass]:
        return {c.iri: c for c in self.node_classes}

    def node_class(self, cls: URIRef) -> NodeClass | None:
        return self._node_class.get(cls)

    def precedence(self, cls: URIRef) -> int:
        c = self._node_class.get(cls)
        return c.precedence if c is not None else 1_000_000

    def first(self, types: Iterable[URIRef]) -> NodeClass | None:
        """The node class of highest precedence among ``types`` (None when none is one)."""
        known = [self._node_class[t] for t in types if t in self._node_class]
        return min(known, key=lambda c: c.precedence) if known else None

    def node_classes_under(self, sup: URIRef) -> tuple[NodeClass, ...]:
        """The node classes that are ``sup`` or below it, by precedence."""
        return tuple(c for c in self.node_classes if self.is_a(c.iri, sup))

    @cached_property
    def org_types(self) -> tuple[str, ...]:
        """The organisation types of :data:`kgraph.model.ORG_TYPES` as the ontology has
        them (kg: classes under org:Organization), by precedence."""
        kg = str(KG._NS)
        return tuple(c.name for c in self.node_classes_under(ORG.Organization)
                     if str(c.iri).startswith(kg))

    def org_class(self, type_: str) -> str:
        """The organisation type ``type_`` counts as when scored: its most general
        ancestor among the organisation types (``Confederation`` -> ``TradeAssociation``)."""
        if type_ not in self.org_types:
            return type_
        out = type_
        for sup in self.superclasses(kg_class(type_)):
            if _local(sup) in self.org_types and str(sup).startswith(str(KG._NS)):
                out = _local(sup)
        return out

    @cached_property
    def place_classes(self) -> dict[str, URIRef]:
        """Place kind (``country``, ``region``, ``city``, ``aggregate``) -> its class, by
        precedence."""
        return {c.model_name: c.iri for c in self.node_classes if c.model_name}

    @cached_property
    def event_classes(self) -> tuple[URIRef, ...]:
        """The kinds of event with a class of their own (below ``schema:Event``), by precedence."""
        return tuple(c.iri for c in self.node_classes_under(SDO.Event) if c.iri != SDO.Event)

    @cached_property
    def label_properties(self) -> tuple[URIRef, ...]:
        """Label properties, preferred first (``kg:labelRank``)."""
        ranked = [(_int(o, 99), s) for s, o in self.graph.subject_objects(KG.labelRank)
                  if isinstance(s, URIRef)]
        return tuple(s for _, s in sorted(ranked))

    @cached_property
    def relations(self) -> dict[URIRef, str]:
        """Properties the network draws between two entities -> their captions (a
        ``kg:edgeLabel`` on a property rather than on a fact class)."""
        out = {}
        for s, o in self.graph.subject_objects(KG.edgeLabel):
            if isinstance(s, URIRef) and self.graph.value(s, KG.edgeSource) is None \
                    and not self._is_class(s):
                out[s] = str(o)
        return dict(sorted(out.items()))

    # --- fact kinds ------------------------------------------------------------------
    @cached_property
    def fact_kinds(self) -> tuple[FactKind, ...]:
        """Every fact kind (classes with a ``kg:modelName`` naming a dataclass), in
        ``kg:factOrder``."""
        by_name: dict[str, list[URIRef]] = {}
        for s, o in self.graph.subject_objects(KG.modelName):
            name = str(o)
            if isinstance(s, URIRef) and name[:1].isupper() and self._is_class(s):
                by_name.setdefault(name, []).append(s)
        kinds = []
        for name, classes in by_name.items():
            classes.sort(key=lambda c: (self.precedence(c), str(c)))
            main = next((c for c in classes if self.graph.value(c, KG.edgeSource) is not None),
                        classes[0])
            classes = [main, *(c for c in classes if c != main)]
            gold = self.graph.value(main, KG.goldKey)
            model = self.models.get(name)
            kinds.append(FactKind(
                name=name, classes=tuple(classes),
                order=min(_int(self.graph.value(c, KG.factOrder), 1_000) for c in classes),
                label=self.label(main) or name, gold=str(gold) if gold is not None else None,
                model=model, edge=self._edge(main), fields=self._fields(main, model)))
        return tuple(sorted(kinds, key=lambda k: (k.order, k.name)))

    def _is_class(self, s: URIRef) -> bool:
        return (s, RDF.type, OWL.Class) in self.graph or s in self._parents or \
            self.graph.value(s, KG.legend) is not None or self.graph.value(s, KG.goldKey) is not None

    def _list(self, node: Node | None) -> tuple[URIRef, ...]:
        if node is None:
            return ()
        if isinstance(node, URIRef) and (node, RDF.first, None) not in self.graph:
            return (node,)
        return tuple(x for x in Collection(self.graph, node) if isinstance(x, URIRef))

    def _edge(self, cls: URIRef) -> Edge | None:
        source = self._list(self.graph.value(cls, KG.edgeSource))
        target = self._list(self.graph.value(cls, KG.edgeTarget))
        if not source or not target:
            return None
        label = self.graph.value(cls, KG.edgeLabel)
        return Edge(source, target, str(label) if label is not None else None)

    def _fields(self, cls: URIRef, model: type | None) -> tuple[Field, ...]:
        defaults: dict[str, bool] = {}
        if model is not None and dataclasses.is_dataclass(model):
            for f in dataclasses.fields(model):
                defaults[f.name] = (f.default is dataclasses.MISSING
                                    and f.default_factory is dataclasses.MISSING)
        out = []
        for prop in sorted(self.graph.subjects(RDFS.domain, cls), key=str):
            name = self.graph.value(prop, KG.modelName)
            if not isinstance(prop, URIRef) or name is None:
                continue
            rng = self.graph.value(prop, RDFS.range)
            kind = self._field_kind(rng if isinstance(rng, URIRef) else None)
            out.append(Field(str(name), prop, kind,
                             rng if kind == "concept" and isinstance(rng, URIRef) else None,
                             defaults.get(str(name), True)))
        return tuple(out)

    def _field_kind(self, rng: URIRef | None) -> str:
        if rng is None or str(rng).startswith(str(XSD)) or rng in (RDFS.Literal, RDF.langString):
            return "literal"
        if self.is_a(rng, FOAF.Agent):
            return "agent"
        if self.is_a(rng, SDO.Place):
            return "place"
        if self.is_a(rng, SKOS.Concept):
            return "concept"
        return "literal"

    def kind(self, name: str) -> FactKind:
        """The fact kind of a dataclass name.

        Raises:
            KeyError: no such kind.
        """
        for k in self.fact_kinds:
            if k.name == name:
                return k
        raise KeyError(name)

    def kind_of(self, fact: object) -> FactKind | None:
        """The kind of a fact object (by its dataclass)."""
        for k in self.fact_kinds:
            if k.model is not None and type(fact) is k.model:
                return k
        return None

    @cached_property
    def gold_keys(self) -> tuple[str, ...]:
        """The gold files' keys, in scoring order."""
        return tuple(dict.fromkeys(k.gold for k in self.fact_kinds if k.gold))

    def kinds_of_gold(self, key: str) -> tuple[FactKind, ...]:
        return tuple(k for k in self.fact_kinds if k.gold == key)


def shipped_ontology_file() -> Path:
    """The ``kgraph.ttl`` kgraph ships.

    Raises:
        ConfigError: kgraph was installed without its ontology.
    """
    folder = _project.shipped_dir("ontology")
    path = folder / "kgraph.ttl" if folder is not None else None
    if path is None or not path.is_file():
        raise ConfigError("kgraph's own ontology (kgraph.ttl) is missing from the installation",
                          source=str(path or "ontology/kgraph.ttl"))
    return path


def load_registry(path: str | Path | None = None, *,
                  models: Mapping[str, type] | None = None) -> Registry:
    """A registry read from an ontology file (default: the shipped ``kgraph.ttl``)."""
    graph = bind_prefixes(Graph())
    graph.parse(Path(path) if path is not None else shipped_ontology_file(), format="turtle")
    return Registry.from_graph(graph, models)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of the shipped ontology, read once."""
    return load_registry()
