"""The store interface every backend implements.

Query results use rdflib terms. The default graph of every query is the union of all
named graphs (each release is one named graph), on every backend.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

__all__ = ["Store", "SelectResult", "QueryResult"]


@dataclass
class SelectResult:
    """Rows of a SELECT: ``vars`` in projection order, each row a dict var -> term (or None)."""

    vars: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, var: str) -> list[Node | None]:
        return [row.get(var) for row in self.rows]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame of Python values (needs the ``dataframe`` extra)."""
        import pandas as pd  # optional extra

        return pd.DataFrame(
            [{v: (None if r.get(v) is None else r[v].toPython()) for v in self.vars} for r in self.rows],  # type: ignore[union-attr]
            columns=self.vars,
        )


QueryResult = SelectResult | bool | Graph
"""SELECT -> :class:`SelectResult`; ASK -> ``bool``; CONSTRUCT/DESCRIBE -> rdflib ``Graph``."""


class Store(abc.ABC):
    """A quad store holding one named graph per release plus ontology and link graphs."""

    url: str

    @abc.abstractmethod
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Node] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables (never formatted into text).

        Raises:
            QueryError: the query does not parse (message with line and column).
            QueryTimeout: ``timeout`` seconds passed; the query was stopped.
            ServiceUnavailable: a remote endpoint could not be reached.
        """

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""

    @abc.abstractmethod
    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        """Atomically replace named graph ``graph`` by the triples of ``data``."""

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Atomically replace several named graphs (all or none)."""
        for name, data in graphs.items():
            self.replace_graph(name, data)

    @abc.abstractmethod
    def drop_graph(self, graph: URIRef) -> None:
        """Remove a named graph (no error when absent)."""

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """Names of the named graphs in the store."""

    @abc.abstractmethod
    def graph(self, graph: URIRef) -> Graph:
        """A copy of one named graph as an rdflib ``Graph``."""

    @abc.abstractmethod
    def dataset(self, graphs: Sequence[URIRef] | None = None) -> Dataset:
        """A copy of the store (or of some graphs) as an rdflib ``Dataset``."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
