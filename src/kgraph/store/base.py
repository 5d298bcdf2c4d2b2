"""The store interface every backend implements.

The interface speaks rdflib terms only: bindings and graphs in, results, graphs and quads
out (each backend converts to and from its own terms inside). The default graph of every
query is the union of all named graphs (each release is one named graph), on every backend,
unless the query selects its dataset (``graphs=``, or its own ``FROM``). kgraph keeps
nothing in the store's own default graph.

Backends differ in what they can promise; each declares it in :class:`Capabilities`, and
callers choose by those flags rather than by the backend's type.
"""

from __future__ import annotations

import abc
import json
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import PREFIXES, bind_prefixes
from ._rdfio import (
    EXPORT_FORMATS,
    RDF_FORMATS,
    insert_data_text,
    parse_file,
    rdflib_to_ox,
    to_ox_quad,
)
from ._rdfio import serialize as _serialize
from ._results import QueryResult, SelectResult
from ._sparql import bind_values, check_federation, check_graph_iri, has_dataset_clause

__all__ = ["Store", "SelectResult", "QueryResult", "StoreStats", "Capabilities", "QueryDataset",
           "Quad", "EXPORT_FORMATS", "RDF_FORMATS"]

Quad = tuple[Node, Node, Node, URIRef]
"""A statement of a named graph: subject, predicate, object, graph name (rdflib terms)."""


@dataclass
class StoreStats:
    """Size of a store: quads, triples per named graph, entities per class."""

    quads: int
    graphs: dict[str, int]
    classes: dict[str, int]


@dataclass(frozen=True)
class Capabilities:
    """What a backend promises.

    * ``atomic_load``: :meth:`Store.load` writes a file all or none even if the write
      itself fails midway (a malformed file never writes anything, on every backend);
    * ``cancellable_query``: a query's timeout stops the work, not only the wait for it;
    * ``graph_store_protocol``: named graphs are read whole (a Graph Store Protocol
      service or direct access) rather than by a CONSTRUCT query;
    * ``union_default_graph``: kgraph itself makes the default graph the union of the named
      graphs; when false it relies on the server's configuration (see
      :mod:`kgraph.store.remote`).
    """

    atomic_load: bool
    cancellable_query: bool
    graph_store_protocol: bool
    union_default_graph: bool


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query runs on, as the SPARQL Protocol's ``default-graph-uri`` and
    ``named-graph-uri`` give it: the default graph is the merge of ``default``, ``GRAPH``
    sees ``named`` only. It replaces both the union default graph and the query's own
    ``FROM`` / ``FROM NAMED``."""

    default: tuple[URIRef, ...] = ()
    named: tuple[URIRef, ...] = ()

    @classmethod
    def of(cls, graphs: QueryDataset | Sequence[URIRef | str]) -> QueryDataset:
        """``graphs`` as a dataset: a list of graph names is both the default graph (their
        merge) and the named graphs.

        Raises:
            QueryError: a name is not a valid IRI.
        """
        if isinstance(graphs, QueryDataset):
            chosen = graphs
        else:
            names = tuple(URIRef(str(g)) for g in graphs)
            chosen = cls(names, names)
        for name in (*chosen.default, *chosen.named):
            check_graph_iri(str(name))
        return chosen


class Store(abc.ABC):

    """A quad store holding one named graph per release plus ontology and link graphs.

    Every method raises :class:`~kgraph.errors.ServiceUnavailable` when a remote
    endpoint cannot be reached.
    """

    url: str

    @property
    @abc.abstractmethod
    def capabilities(self) -> Capabilities:
        """What this backend promises (see :class:`Capabilities`)."""

    # --- queries ---------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        graphs: QueryDataset | Sequence[URIRef | str] | None = None,
        timeout: float | None = None,
        allow_federation: bool = False,
        source: str | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query against the union of the named graphs, or the dataset
        ``graphs`` selects.

        ``bindings`` pre-bind variables to RDF terms (a VALUES block at the start of the
        WHERE group, never text formatting). ``graphs`` is a :class:`QueryDataset` (default
        and named graphs apart, as the SPARQL Protocol gives them) or a list of graph names
        (both the default graph, merged, and the named graphs); it replaces the union and
        any ``FROM`` of the text. ``timeout`` seconds stop the query (for real where
        ``capabilities.cancellable_query``); ``source`` names the query in error messages. ``row_limit`` keeps at most that many
        rows of a SELECT (``truncated`` says whether there were more); an embedded store
        stops reading the solutions there.

        Raises:
            QueryError: the query does not parse (message with line and column), or uses
                SERVICE/LOAD without ``allow_federation``.
                A graph name that is not a valid IRI.
            ParameterError: a binding is not a valid RDF term or variable name.
            QueryTimeout: ``timeout`` seconds passed; the query was stopped.
            ServiceUnavailable: a remote endpoint could not be reached.
        """
        dataset = QueryDataset.of(graphs) if graphs is not None else None
        if dataset is None and not self.capabilities.union_default_graph \
                and not has_dataset_clause(sparql):
            # the server's default graph may be its own: name every graph, so that the
            # union default graph holds on this backend too
            dataset = QueryDataset.of(self.graphs())
        check_federation(sparql, allow_federation=allow_federation, source=source)
        text = bind_values(sparql, bindings)
        if text != sparql:
            # the bound text is what runs: judge it too (terms are escaped, so this only
            # costs a parse when a value mentions one of the words)
            check_federation(text, allow_federation=allow_federation, source=source)
        return self._query(text, timeout=timeout, source=source,
                           allow_federation=allow_federation, row_limit=row_limit,
                           dataset=dataset)

    @abc.abstractmethod
    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None,
               dataset: QueryDataset | None = None) -> QueryResult:
        """Run ``sparql`` as is (already checked and bound) on ``dataset`` (None: the
        union default graph, or the text's own ``FROM``); an embedded store's query
        worker gets network access only with ``allow_federation``."""

    def update(self, sparql: str, *, allow_federation: bool = False) -> None:
        """Run a SPARQL update in one transaction (in this process: it writes the store).

        kgraph's own writes (:meth:`update_generated`, :meth:`replace_graphs`,
        :meth:`drop_graph`, bulk loads) build their text from terms and skip this check.

        Raises:
            QueryError: the update does not parse, or uses LOAD/SERVICE without
                ``allow_federation``.
        """
        check_federation(sparql, allow_federation=allow_federation)
        self._update(sparql)

    def update_generated(self, sparql: str) -> None:
        """Run an update whose text kgraph wrote itself from IRIs it minted and N-Triples
        serialised terms (the build), so it can hold no SERVICE or LOAD: the federation
        check, which would parse every release's text for the words, is skipped."""
        self._update(sparql)

    @abc.abstractmethod
    def _update(self, sparql: str) -> None:
        """Run ``sparql`` as is."""

    # --- graphs ----------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        """Atomically replace named graph ``graph`` by the triples of ``data``."""
        self.replace_graphs({graph: data})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Atomically replace several named graphs (all or none): one update request."""
        if graphs:
            self._update(insert_data_text(
                {name: rdflib_to_ox(data) for name, data in graphs.items()}, drop=True))

    def drop_graph(self, graph: URIRef) -> None:
        """Remove a named graph (no error when absent)."""
        self._update(f"DROP SILENT GRAPH <{check_graph_iri(str(graph))}>")

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """Names of the named graphs in the store, sorted."""

    @abc.abstractmethod
    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        """The quads of some named graphs (default: all of them) as rdflib terms
        ``(subject, predicate, object, graph)``."""

    def graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph as an rdflib ``Graph``."""
        g = bind_prefixes(Graph())
        for s, p, o, _g in self.quads([graph]):
            g.add((s, p, o))
        return g

    def dataset(self, graphs: Sequence[URIRef] | None = None) -> Dataset:
        """A copy of the store (or of some graphs) as an rdflib ``Dataset``."""
        ds = bind_prefixes(Dataset())
        for s, p, o, g in self.quads(graphs):
            ds.graph(g).add((s, p, o))
        return ds

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads in the named graphs."""

    # --- bulk paths ------------------------------------------------------------------
    def load(self, path: str | Path, *, format: str | None = None,
             graph: URIRef | None = None) -> int:
        """Add the quads of an RDF file; returns how many were read.

        The file is parsed in full before anything is written, so a malformed file leaves
        the store exactly as it was, on every backend. Where ``capabilities.atomic_load``
        the write itself is all or none too (else a failure of the write midway, an I/O
        error or a lost connection, can leave part of the file in).

        Raises:
            RDFSyntaxError: the file does not parse (file, line and column in the message).
            InputError: unreadable file, unknown format, triples without ``graph``.
        """
        quads = parse_file(path, format=format, graph=graph)
        self._add_quads(quads)
        return len(quads)

    @abc.abstractmethod
    def _add_quads(self, quads: list[Any]) -> None:
        """Add quads parsed by :func:`kgraph.store._rdfio.parse_file`."""

    def _export_quads(self, graphs: Sequence[URIRef] | None) -> Iterator[Any]:
        """The quads to serialise, in the serialiser's terms (a backend holding them in
        those terms already gives them without conversion)."""
        return map(to_ox_quad, self.quads(graphs))

    def export(self, output: str | Path | IO[bytes] | None = None, *, format: str = "trig",
               graphs: Sequence[URIRef] | None = None) -> bytes | None:
        """Serialise the store (or some graphs) as ttl, nt, nq, trig or jsonld.

        Triples formats (ttl, nt) merge the graphs. JSON-LD is compacted with a
        ``@context`` built from :data:`kgraph.namespaces.PREFIXES`. Returns the bytes when
        ``output`` is None.

        Raises:
            InputError: unknown format.
        """
        if format not in EXPORT_FORMATS:
            raise InputError(f"unknown export format {format!r} (use one of {', '.join(EXPORT_FORMATS)})")
        if format == "jsonld":
            with warnings.catch_warnings():
                # rdflib's JSON-LD writer calls its own deprecated Dataset API
                warnings.simplefilter("ignore", DeprecationWarning)
                data = self.dataset(graphs).serialize(format="json-ld", context=dict(PREFIXES),
                                                      auto_compact=True, indent=2)
            raw = data.encode("utf-8")
            # rdflib writes an empty list for an empty dataset; keep the context anyway.
            if not json.loads(raw):
                raw = json.dumps({"@context": PREFIXES, "@graph": []}, indent=2).encode()
            if output is None:
                return raw
            if isinstance(output, (str, Path)):
                Path(output).write_bytes(raw)
            else:
                output.write(raw)
            return None
        return _serialize(self._export_quads(graphs), output, format=format)

    # --- summaries -------------------------------------------------------------------
    def stats(self, *, timeout: float | None = None) -> StoreStats:
        """Quads, triples per named graph and entities per class (each count stopped
        after ``timeout`` seconds).

        Raises:
            QueryTimeout: a count ran longer than ``timeout``.
        """
        per_graph = self._query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            timeout=timeout, source="stats")
        per_class = self._query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } "
            "GROUP BY ?c ORDER BY DESC(?n) ?c", timeout=timeout, source="stats")
        assert isinstance(per_graph, SelectResult) and isinstance(per_class, SelectResult)

        def count(row: dict[str, Node | None]) -> int:
            n = row["n"]
            return int(n.toPython()) if isinstance(n, Literal) else 0

        graphs = {str(r["g"]): count(r) for r in per_graph}
        classes = {str(r["c"]): count(r) for r in per_class}
        return StoreStats(sum(graphs.values()), graphs, classes)

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
