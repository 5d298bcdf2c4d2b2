"""Embedded Oxigraph backend (on disk or in memory)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError, StoreLocked
from ..namespaces import PREFIXES, bind_prefixes
from ._terms import to_ox, to_rdflib, to_rdflib_triple
from .base import QueryResult, SelectResult, Store

__all__ = ["OxigraphStore"]

_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |, col )?(\d+)?")


def _query_error(exc: Exception, source: str | None = None) -> QueryError:
    msg = str(exc)
    m = _POS.search(msg)
    line = int(m.group(1)) if m else None
    col = int(m.group(2)) if m and m.group(2) else None
    return QueryError(f"malformed SPARQL: {msg}", source=source, line=line, column=col)


class OxigraphStore(Store):
    """pyoxigraph ``Store``; ``path=None`` keeps everything in memory.

    Raises:
        StoreLocked: another process holds the on-disk store.
        StoreError: the path cannot be used as a store.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.url = f"oxigraph:{self.path}" if self.path is not None else "memory:"
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc).lower()
            if "lock" in text or "resource temporarily unavailable" in text:
                raise StoreLocked(
                    "the store is in use by another process (close it or use another --store)",
                    source=self.path,
                ) from None
            raise StoreError(f"cannot open the store: {exc}", source=self.path) from None

    @property
    def ox_store(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk paths."""
        return self._store

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self._store.query(
                sparql,
                use_default_graph_as_union=True,
                prefixes=PREFIXES,
                substitutions=subs or None,
            )
        except SyntaxError as exc:
            raise _query_error(exc) from None
        return _convert(res)

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise _query_error(exc) from None

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        self.replace_graphs({graph: data})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        # One SPARQL update is one transaction in Oxigraph: all graphs change or none.
        parts: list[str] = []
        for name, data in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{name}>")
            nt = data.serialize(format="nt")
            parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{nt}\n}} }}")
        if parts:
            self._store.update(" ;\n".join(parts))

    def drop_graph(self, graph: URIRef) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, graph: URIRef) -> Graph:
        g = bind_prefixes(Graph())
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
            g.add(to_rdflib_triple(q))
        return g

    def dataset(self, graphs: Sequence[URIRef] | None = None) -> Dataset:
        ds = bind_prefixes(Dataset())
        names = list(graphs) if graphs is not None else self.graphs()
        for name in names:
            target = ds.graph(name)
            for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
                target.add(to_rdflib_triple(q))
        return ds

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if self.path is not None:
            self._store.flush()
        # Dropping the last reference releases the on-disk lock.
        self._store = None  # type: ignore[assignment]


def _convert(res: object) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    if isinstance(res, ox.QuerySolutions):
        vars_ = [v.value for v in res.variables]
        rows = [{v: to_rdflib(sol[v]) for v in vars_} for sol in res]
        return SelectResult(vars_, rows)
    g = bind_prefixes(Graph())
    for t in res:  # type: ignore[attr-defined]
        g.add(to_rdflib_triple(t))
    return g
