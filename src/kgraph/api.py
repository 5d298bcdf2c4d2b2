"""The Python API for notebooks and scripts: ``kg = kgraph.open(store)``.

>>> import kgraph
>>> kg = kgraph.open("memory:")
>>> report = kg.build([FOUNDING])         # kgraph.pipeline.build on the founding release
>>> report.exit_code, [r.slug for r in report.releases]
(0, ['assomac-2025-06-20-sector-2024'])
>>> rows = kg.query("people-roles", organisation="Assomac")
>>> [(str(r["name"]), str(r["role"])) for r in rows]
[('Mauro Bergozza', 'President')]
>>> rows = kg.query("world-export-share", period="2024")
>>> [(str(r["segment"]), int(r["share"].toPython())) for r in rows]
[('tannery machinery', 52), ('leather goods machinery', 35), ('footwear machinery', 12)]
>>> kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }")[0]["n"].toPython()
4
>>> kg.query("is-linked", entity="kgi:place/italy")   # no link stage has run yet
False
>>> d = kg.describe("Maurizio Forte")
>>> d.iri
rdflib.term.URIRef('https://w3id.org/kgraph/id/person/maurizio-forte')
>>> d.sources
['assomac-2025-06-20-sector-2024.txt']
>>> kg.stats().graphs["https://w3id.org/kgraph/graph/release/assomac-2025-06-20-sector-2024"] > 1000
True
>>> b"@context" in kg.export(format="jsonld", graphs=["kgg:release/assomac-2025-06-20-sector-2024"])
True
>>> df = kg.query("release-figures", release="sector-2024").to_dataframe()   # needs pandas
>>> df.shape
(6, 9)
>>> float(df.loc[df.indicator == "turnover", "value"].iloc[0])
575000000.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import InputError, KGraphError, ParameterError
from .namespaces import PREFIXES
from .queries import NamedQuery, QueryLibrary, expand_iri
from .store import SelectResult, Store, StoreStats, open_store
from .store.base import QueryResult

__all__ = ["KG", "Description", "open", "python_term", "ENTITY_STATEMENTS"]

_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def python_term(name: str, value: Any) -> Node:
    """An RDF term for a Python value given to an ad-hoc query (no declared type).

    Raises:
        ParameterError: the value has no RDF counterpart.
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, (str, bool, int, float, Decimal)):
        return Literal(value)
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return Literal(value)
    raise ParameterError(f"parameter {name!r}: cannot turn {value!r} into an RDF term")


@dataclass
class Description:
    """Everything the store knows about one entity."""

    iri: URIRef
    label: str | None
    types: list[URIRef]
    facts: SelectResult
    sources: list[str] = field(default_factory=list)


# "Describe an entity", written once: KG.describe and the server's entity pages run it;
# it is the named query entity-facts.rq without that query's label column (a test holds
# them equal).
ENTITY_STATEMENTS = """
SELECT DISTINCT ?direction ?property ?value ?graph ?source WHERE {
  { GRAPH ?graph { ?entity ?property ?value } FILTER(?property != schema:text) BIND("out" AS ?direction) }
  UNION
  { GRAPH ?graph { ?value ?property ?entity } BIND("in" AS ?direction) }
  OPTIONAL { GRAPH ?graph { ?rel a kg:PressRelease ; kg:sourceFile ?source } }
}
ORDER BY DESC(?direction) ?property ?value ?graph
"""

_BY_LABEL = """
SELECT DISTINCT ?entity WHERE {
  ?entity skos:prefLabel|skos:altLabel|rdfs:label|foaf:name ?l .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?label)))
}
ORDER BY ?entity
"""


class KG:
    """A knowledge graph in a store, with the named-query library.

    Every method may raise :class:`~kgraph.errors.ServiceUnavailable` for a remote store.
    """

    def __init__(self, store: Store, *, library: QueryLibrary | None = None) -> None:
        self.store = store
        self.library = library or QueryLibrary()

    # --- building ----------------------------------------------------------------------
    def build(self, paths: Iterable[str | Path], *, extractor: Any = None) -> Any:
        """Build the graph from release files or folders (delegates to
        ``kgraph.pipeline.build(store, paths)``) with ``extractor``: a name
        (``kgraph.extract.extractor_names()``), an :class:`~kgraph.extract.Extractor`, or None
        for ``KGRAPH_EXTRACTOR`` (else ``rules``).

        Raises:
            KGraphError: this installation has no build stage yet; or what the build raises
                (ExtractorError for an unknown extractor name).
        """
        from . import pipeline  # lazily: pipeline sits above the API's other layers

        build = getattr(pipeline, "build", None)
        if build is None:
            raise KGraphError("this installation has no build stage (kgraph.pipeline.build is missing)")
        if extractor is None:
            return build(self.store, [Path(p) for p in paths])
        return build(self.store, [Path(p) for p in paths], extractor=extractor)

    def load(self, path: str | Path, *, format: str | None = None, graph: str | None = None) -> int:
        """Load an RDF file (all or none) and return the number of quads read.

        Raises:
            RDFSyntaxError: the file does not parse (file, line and column in the message).
            InputError: unreadable file, unknown format, triples without ``graph``.
        """
        target = expand_iri(graph, name="graph") if graph is not None else None
        return self.store.load(path, format=format, graph=target)

    def run(self, settings: Any = None, *, force: bool = False) -> Any:
        """The main job on this store (``kgraph run``): ontology, build of
        ``settings.releases``, offline link stage, validation, reports and network page
        (delegates to :func:`kgraph.pipeline.run`). ``settings`` default to the configured
        ones; returns the :class:`~kgraph.pipeline.RunReport`.
        """
        from . import pipeline
        from .config import load_settings

        return pipeline.run(settings or load_settings(), force=force, store=self.store)

    def link(self, settings: Any = None, *, offline: bool = False,
             review: str | Path | None = None, apply: str | Path | None = None) -> Any:
        """Link the graph to Wikidata and the code lists (``kgraph link``; delegates to
        :func:`kgraph.link.link`); returns its report.

        Raises:
            WikidataUnavailable: Wikidata kept failing (nothing was written).
            InputError: a review file or a curated-links file is malformed.
        """
        from .config import load_settings
        from .link import link as _link

        return _link(self.store, settings or load_settings(), offline=offline,
                     review=Path(review) if review else None,
                     apply=Path(apply) if apply else None)

    def validate(self) -> Any:
        """Validate the release graphs against the SHACL shapes (``kgraph validate``);
        returns the :class:`~kgraph.ontology.ValidationReport`."""
        from . import pipeline

        return pipeline.validate_store(self.store)

    def evaluate(self, gold: Iterable[str | Path], *, releases: str | Path | None = None,
                 settings: Any = None, extractor: Any = None) -> Any:
        """Build the releases the gold files name into this store, read the facts back and
        score them (``kgraph eval``, which uses a fresh ``memory:`` store); returns the
        :class:`~kgraph.pipeline.EvalReport`.

        Raises:
            InputError: a gold file cannot be read, or its release cannot be found.
        """
        from . import pipeline

        return pipeline.evaluate(list(gold), releases_dir=releases, settings=settings,
                                 extractor=extractor, store=self.store)

    def projection(self, *, query: str | None = None, bindings: Any = None,
                   source: str | None = None, release: str | None = None,
                   facts_as_nodes: bool = False, link_figures: bool = False,
                   ego: str | None = None, depth: int = 2, timeout: float | None = None) -> Any:
        """The graph as a networkx network (``kgraph viz``): the whole graph, one
        ``release``, or the triples of a CONSTRUCT ``query``; ``link_figures`` draws each
        figure joined to what it measures and to its release; ``ego`` keeps the
        neighbourhood of ``depth`` hops around one entity.

        Raises:
            InputError: ``ego`` names no entity of the network.
            QueryError: the query cannot be drawn.
        """
        from . import viz

        if query is not None:
            g = viz.query_network(self.store, query, bindings=bindings, source=source)
        else:
            g = viz.project(self.store, release=release, facts_as_nodes=facts_as_nodes,
                            link_figures=link_figures, timeout=timeout)
        return viz.ego_network(g, ego, depth=depth) if ego is not None else g

    # --- querying ----------------------------------------------------------------------
    def resolve_query(self, name_or_text: str) -> NamedQuery | None:
        """The named query or ``.rq`` file meant by ``name_or_text``; None for SPARQL text.

        Raises:
            QueryError: a name that matches no query (with suggestions), an unreadable file.
        """
        text = name_or_text.strip()
        if text in self.library:
            return self.library.get(text)
        if text.endswith(".rq") or (_NAME.match(text) and Path(text).is_file()):
            return NamedQuery.from_file(text, require_header=False)
        if _NAME.match(text):
            return self.library.get(text)  # raises with the nearest names
        return None

    def query(self, name_or_text: str, /, *, timeout: float | None = None,
              allow_federation: bool = False, **params: Any) -> QueryResult:
        """Run a named query, a ``.rq`` file or SPARQL text with keyword parameters.

        Named queries coerce parameters to their declared types; for plain text each
        keyword binds the variable of that name to the value as an RDF term.
        Returns a :class:`~kgraph.store.SelectResult` (rows; ``.to_dataframe()``),
        a ``bool`` (ASK) or an rdflib ``Graph`` (CONSTRUCT/DESCRIBE).

        Raises:
            QueryError: unknown name (with suggestions), malformed SPARQL (line and column),
                SERVICE/LOAD without ``allow_federation``.
            ParameterError: a missing, unknown or mistyped parameter.
            QueryTimeout: the query ran longer than ``timeout`` seconds and was stopped.
        """
        named = self.resolve_query(name_or_text)
        if named is not None:
            if named.params:
                bindings = named.bindings(params)
            else:
                bindings = {k: python_term(k, v) for k, v in params.items()}
            return self.store.query(named.text, bindings=bindings, timeout=timeout,
                                    allow_federation=allow_federation, source=str(named.path))
        return self.store.query(name_or_text, bindings={k: python_term(k, v) for k, v in params.items()},
                                timeout=timeout, allow_federation=allow_federation)

    def queries(self) -> list[NamedQuery]:
        """The named queries of the library."""
        return self.library.list()

    # --- entities ------------------------------------------------------------------------
    def resolve(self, entity: str, *, timeout: float | None = None) -> URIRef:
        """The IRI of an entity given as ``<IRI>``, an IRI, a CURIE or a label (looked up
        within ``timeout`` seconds).

        Raises:
            InputError: no entity has that label, or several do (the message lists them).
        """
        text = entity.strip()
        prefix = text.partition(":")[0]
        if text.startswith("<") or _SCHEME.match(text) or (":" in text and prefix in PREFIXES):
            return expand_iri(text, name="entity")
        res = self.store.query(_BY_LABEL, bindings={"label": Literal(text)}, timeout=timeout)
        assert isinstance(res, SelectResult)
        found = [r["entity"] for r in res if isinstance(r["entity"], URIRef)]
        if not found:
            raise InputError("no entity has this label (give its IRI or CURIE instead)", source=entity)
        if len(found) > 1:
            raise InputError("several entities have this label: " + ", ".join(map(str, found)),
                             source=entity)
        return found[0]

    def describe(self, entity: str, *, timeout: float | None = None) -> Description:
        """Everything known about an entity (IRI, CURIE or label), with its sources.

        Raises:
            InputError: the entity cannot be resolved or the store knows nothing about it.
        """
        iri = self.resolve(entity, timeout=timeout)
        facts = self.store.query(ENTITY_STATEMENTS, bindings={"entity": iri}, timeout=timeout)
        assert isinstance(facts, SelectResult)
        if not facts.rows:
            raise InputError("the store has no statement about this entity", source=str(iri))
        types = sorted({r["value"] for r in facts if r["direction"] == Literal("out")
                        and str(r["property"]).endswith("22-rdf-syntax-ns#type")
                        and isinstance(r["value"], URIRef)})
        labels = [r["value"] for r in facts if r["direction"] == Literal("out")
                  and str(r["property"]).endswith("core#prefLabel")]
        en = [str(v) for v in labels if isinstance(v, Literal) and (v.language or "").startswith("en")]
        label = en[0] if en else (str(labels[0]) if labels else None)
        sources = sorted({str(r["source"]) for r in facts if r["source"] is not None})
        return Description(iri, label, types, facts, sources)

    # --- output ------------------------------------------------------------------------
    def export(self, output: str | Path | IO[bytes] | None = None, *, format: str = "trig",
               graphs: Sequence[str] | None = None) -> bytes | None:
        """Serialise the graph (or some named graphs, as IRIs or CURIEs) as ttl, nt, nq,
        trig or jsonld (compacted with a real ``@context``); bytes when ``output`` is None.

        Raises:
            InputError: unknown format; ParameterError: a graph name is not an IRI or CURIE.
        """
        names = [expand_iri(g, name="graph") for g in graphs] if graphs is not None else None
        return self.store.export(output, format=format, graphs=names)

    def stats(self, *, timeout: float | None = None) -> StoreStats:
        """Quads, triples per named graph and entities per class."""
        return self.store.stats(timeout=timeout)

    def chart(self, name: str, /, **params: str) -> Any:
        """A drawn view (``indicator-series``, ``world-export-share``, ``release-figures``,
        ``timeline``, ``market-map``; see ``kgraph chart``) that a notebook shows inline
        (it has ``_repr_svg_``); ``.svg`` is the text and ``.html()`` a page.

        Raises:
            ParameterError: no view has that name, or a parameter is not usable.
        """
        from .viz import views

        return views.render(name, self.store, {k: str(v) for k, v in params.items()})

    def network(self, ego: str | None = None, *, depth: int = 1, release: str | None = None,
                title: str | None = None) -> Any:
        """The interactive network (of the whole graph, one ``release``, or the
        neighbourhood of ``ego``) as an object a notebook shows inline (in a sandboxed
        frame); ``.html`` is the self-contained page.

        Raises:
            InputError: ``ego`` names no entity of the graph.
        """
        from . import viz
        from .viz.views import InlinePage

        g = viz.project(self.store, release=release)
        heading = title or "kgraph network"
        if ego is not None:
            node = viz.find_node(g, ego)
            g = viz.ego_network(g, node, depth=depth)
            heading = title or f"Network around {g.nodes[node].get('label', node)}"
        return InlinePage(viz.render_html(g, title=heading, focus=node if ego is not None else None))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KG:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(store: str | Store | None = None, *, read_only: bool = False,  # noqa: A001 - the API's verb
         queries: str | Path | None = None) -> KG:
    """Open a knowledge graph: a store URL (``memory:``, ``oxigraph:PATH``, ``http://...``),
    a :class:`~kgraph.store.Store`, or None for the configured store (``KGRAPH_STORE``).

    Raises:
        StoreError: unknown store URL; StoreLocked: the store is held by another process.
    """
    if store is None:
        from .config import load_settings

        store = load_settings().store
    backend = open_store(store, read_only=read_only) if isinstance(store, str) else store
    return KG(backend, library=QueryLibrary(queries) if queries is not None else None)

