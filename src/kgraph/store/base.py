"""The store interface every backend implements.

Query results use rdflib terms. The default graph of every query is the union of all
named graphs (each release is one named graph), on every backend. kgraph keeps nothing
in the store's own default graph.
"""

from __future__ import annotations

import abc
import io
import json
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, RDFSyntaxError
from ..namespaces import PREFIXES, bind_prefixes
from ._sparql import bind_values, check_federation
from ._terms import to_rdflib_triple

__all__ = ["Store", "SelectResult", "QueryResult", "StoreStats", "EXPORT_FORMATS", "RDF_FORMATS"]


@dataclass
class SelectResult:
    """Rows of a SELECT: ``vars`` in projection order, each row a dict var -> term (or None)."""

    vars: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    truncated: bool = False  # more rows matched than the query's row limit let through

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Node | None]:
        return self.rows[index]

    def column(self, var: str) -> list[Node | None]:
        """The values of one variable, row by row."""
        return [row.get(var) for row in self.rows]

    def values(self, var: str) -> list[Any]:
        """The Python values (``str``, ``int``, ``Decimal``, ``date``...) of one variable."""
        return [None if t is None else t.toPython() for t in self.column(var)]  # type: ignore[attr-defined]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame of Python values (needs the ``dataframe`` extra):
        a column whose values are all numbers is numeric (float, or nullable integer), one
        whose values are all dates or datetimes holds datetimes, so that plots work."""
        import datetime as dt

        import pandas as pd  # optional extra

        df = pd.DataFrame(
            [{v: (None if r.get(v) is None else r[v].toPython()) for v in self.vars} for r in self.rows],  # type: ignore[union-attr]
            columns=self.vars,
        )
        for col in self.vars:
            present = [x for x in df[col] if x is not None]
            if not present:
                continue
            if all(isinstance(x, int) and not isinstance(x, bool) for x in present):
                df[col] = df[col].astype("Int64")
            elif all(isinstance(x, (int, float, Decimal)) and not isinstance(x, bool) for x in present):
                df[col] = pd.to_numeric(df[col].map(lambda x: None if x is None else float(x)))
            elif all(isinstance(x, (dt.date, dt.datetime)) for x in present):
                df[col] = pd.to_datetime(df[col])
        return df

    def _repr_html_(self) -> str:
        """An HTML table for notebooks; every value is escaped."""
        import html

        limit = 200
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.vars)
        body = []
        for row in self.rows[:limit]:
            cells = []
            for v in self.vars:
                term = row.get(v)
                text = "" if term is None else str(term)
                numeric = getattr(term, "datatype", None) is not None and isinstance(
                    term.toPython(), (int, float, Decimal))  # type: ignore[union-attr]
                style = ' style="text-align:right"' if numeric else ""
                cells.append(f"<td{style}>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = f"<p>{len(self.rows)} rows, the first {limit} shown</p>" if len(self.rows) > limit else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


QueryResult = SelectResult | bool | Graph
"""SELECT -> :class:`SelectResult`; ASK -> ``bool``; CONSTRUCT/DESCRIBE -> rdflib ``Graph``."""


@dataclass
class StoreStats:
    """Size of a store: quads, triples per named graph, entities per class."""

    quads: int
    graphs: dict[str, int]
    classes: dict[str, int]


RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}
"""Format names (and file extensions) kgraph reads, mapped to pyoxigraph formats."""

EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")


def rdf_format(name: str | None, path: str | Path | None = None) -> ox.RdfFormat:
    """The pyoxigraph format for a format name, or guessed from a file extension.

    Raises:
        InputError: unknown format.
    """
    key = (name or (Path(path).suffix.lstrip(".") if path else "")).lower()
    if key not in RDF_FORMATS:
        raise InputError(
            f"unknown RDF format {key!r} (use one of {', '.join(sorted(RDF_FORMATS))})",
            source=path,
        )
    return RDF_FORMATS[key]


def parse_file(path: str | Path, *, format: str | None = None,
               graph: URIRef | None = None) -> list[ox.Quad]:
    """Every quad of an RDF file, parsed by pyoxigraph (never rdflib) into memory.

    Triples formats go to ``graph``; quads formats keep their graphs.

    Raises:
        RDFSyntaxError: the file does not parse (message with line and column).
        InputError: unreadable file, unknown format, triples without a target graph.
    """
    fmt = rdf_format(format, path)
    if not fmt.supports_datasets and graph is None:
        raise InputError("a triples format needs a target graph (--graph)", source=path)
    target: ox.NamedNode | ox.DefaultGraph = (
        ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph())
    try:
        quads = [
            item if isinstance(item, ox.Quad)
            else ox.Quad(item.subject, item.predicate, item.object, target)
            # fresh blank node ids: two files' _:b0 stay two nodes
            for item in ox.parse(path=str(path), format=fmt, rename_blank_nodes=True)
        ]
    except SyntaxError as exc:
        raise syntax_error(exc, path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    return quads


def syntax_error(exc: SyntaxError, path: str | Path) -> RDFSyntaxError:
    where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "") if exc.lineno else ""
    msg = str(exc.msg if exc.msg else exc)
    return RDFSyntaxError(f"{where}: malformed RDF: {msg}" if where else f"malformed RDF: {msg}",
                          source=path)


def insert_data_text(graphs: Mapping[URIRef, Iterable[ox.Quad | ox.Triple]], *, drop: bool) -> str:
    """One SPARQL update (one transaction) that optionally drops then fills named graphs.

    Terms are written by pyoxigraph's N-Triples serialiser, so any literal is escaped.
    """
    parts = [f"DROP SILENT GRAPH {ox.NamedNode(str(name))}" for name in graphs] if drop else []
    body = io.StringIO()
    for name, triples in graphs.items():
        body.write(f"GRAPH {ox.NamedNode(str(name))} {{\n")
        for t in triples:
            body.write(f"{t.subject} {t.predicate} {t.object} .\n")
        body.write("}\n")
    parts.append("INSERT DATA {\n" + body.getvalue() + "}")
    return " ;\n".join(parts)


def rdflib_to_ox(data: Graph) -> Iterator[ox.Triple]:
    """pyoxigraph triples of an rdflib graph.

    Raises:
        InputError: a term is not valid RDF (an IRI with spaces, a bad language tag).
    """
    from ._terms import to_ox

    for s, p, o in data:
        try:
            yield ox.Triple(to_ox(s), to_ox(p), to_ox(o))
        except ValueError as exc:
            raise InputError(f"invalid RDF term in the triple ({s} {p} {o}): {exc}") from None


class Store(abc.ABC):
    """A quad store holding one named graph per release plus ontology and link graphs.

    Every method raises :class:`~kgraph.errors.ServiceUnavailable` when a remote
    endpoint cannot be reached.
    """

    url: str

    # --- queries ---------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        timeout: float | None = None,
        allow_federation: bool = False,
        source: str | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        """Run a SPARQL query against the union of the named graphs.

        ``bindings`` pre-bind variables to RDF terms (a VALUES block at the start of the
        WHERE group, never text formatting); ``timeout`` seconds stop the query for real;
        ``source`` names the query in error messages. ``row_limit`` keeps at most that many
        rows of a SELECT (``truncated`` says whether there were more); an embedded store
        stops reading the solutions there.

        Raises:
            QueryError: the query does not parse (message with line and column), or uses
                SERVICE/LOAD without ``allow_federation``.
            ParameterError: a binding is not a valid RDF term or variable name.
            QueryTimeout: ``timeout`` seconds passed; the query was stopped.
            ServiceUnavailable: a remote endpoint could not be reached.
        """
        check_federation(sparql, allow_federation=allow_federation, source=source)
        text = bind_values(sparql, bindings)
        if text != sparql:
            # the bound text is what runs: judge it too (terms are escaped, so this only
            # costs a parse when a value mentions one of the words)
            check_federation(text, allow_federation=allow_federation, source=source)
        if row_limit is None:
            return self._query(text, timeout=timeout, source=source,
                               allow_federation=allow_federation)
        return self._query(text, timeout=timeout, source=source,
                           allow_federation=allow_federation, row_limit=row_limit)

    @abc.abstractmethod
    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None) -> QueryResult:
        """Run ``sparql`` as is (already checked and bound); an embedded store's query
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
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(str(graph))}")

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """Names of the named graphs in the store, sorted."""

    @abc.abstractmethod
    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[ox.Quad]:
        """The quads of some named graphs (default: all of them), as pyoxigraph quads."""

    def graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph as an rdflib ``Graph``."""
        g = bind_prefixes(Graph())
        for q in self.quads([graph]):
            g.add(to_rdflib_triple(q))
        return g

    def dataset(self, graphs: Sequence[URIRef] | None = None) -> Dataset:
        """A copy of the store (or of some graphs) as an rdflib ``Dataset``."""
        ds = bind_prefixes(Dataset())
        for q in self.quads(graphs):
            assert isinstance(q.graph_name, ox.NamedNode)
            ds.graph(URIRef(q.graph_name.value)).add(to_rdflib_triple(q))
        return ds

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads in the named graphs."""

    # --- bulk paths ------------------------------------------------------------------
    def load(self, path: str | Path, *, format: str | None = None,
             graph: URIRef | None = None) -> int:
        """Add the quads of an RDF file, all or none; returns how many were read.

        The file is parsed by pyoxigraph before anything is written, so a malformed file
        leaves the store exactly as it was.

        Raises:
            RDFSyntaxError: the file does not parse (file, line and column in the message).
            InputError: unreadable file, unknown format, triples without ``graph``.
        """
        quads = parse_file(path, format=format, graph=graph)
        self._add_quads(quads)
        return len(quads)

    @abc.abstractmethod
    def _add_quads(self, quads: list[ox.Quad]) -> None:
        """Add parsed quads in one transaction."""

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
        fmt = RDF_FORMATS[format]
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if isinstance(output, Path):
            output = str(output)
        if fmt.supports_datasets:
            return ox.serialize(self.quads(graphs), output, format=fmt, prefixes=prefixes)
        # dict keeps first-seen order and drops a triple repeated in several graphs
        triples = list(dict.fromkeys(q.triple for q in self.quads(graphs)))
        return ox.serialize(triples, output, format=fmt, prefixes=prefixes)

    # --- summaries -------------------------------------------------------------------
    def stats(self) -> StoreStats:
        """Quads, triples per named graph and entities per class."""
        per_graph = self._query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            timeout=None, source="stats")
        per_class = self._query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } "
            "GROUP BY ?c ORDER BY DESC(?n) ?c", timeout=None, source="stats")
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
