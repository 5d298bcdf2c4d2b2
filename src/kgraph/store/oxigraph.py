"""Embedded Oxigraph backend (on disk or in memory)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, KGraphError, QueryError, StoreError, StoreLocked
from ..namespaces import PREFIXES
from . import _worker
from ._pool import QueryPool
from ._sparql import has_dataset_clause
from ._terms import to_rdflib, to_rdflib_triple
from ._worker import run_in_worker
from .base import QueryResult, SelectResult, Store, rdf_format, syntax_error

__all__ = ["OxigraphStore"]

_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |, col )?(\d+)?")


def query_error(message: str, source: str | None = None, *, line_offset: int = 0) -> QueryError:
    """A QueryError with the line and column found in a parser's message.

    ``line_offset`` lines were prepended to the caller's text before parsing.
    """
    m = _POS.search(message)
    line = int(m.group(1)) - line_offset if m else None
    col = int(m.group(2)) if m and m.group(2) else None
    if m and line_offset:
        message = message[: m.start(1)] + str(line) + message[m.end(1):]
    return QueryError(f"malformed SPARQL: {message}", source=source, line=line, column=col)


class OxigraphStore(Store):
    """pyoxigraph ``Store``; ``path=None`` keeps everything in memory.

    Raises:
        StoreLocked: another process holds the on-disk store.
        StoreError: the path cannot be used as a store.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._writes = 0  # a memory store's query workers older than the last write retire
        self._pool: QueryPool | None = None
        self._pool_lock = threading.Lock()
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
                    "the store is in use by another process (wait for it to finish, "
                    "or use another --store)",
                    source=self.path,
                ) from None
            raise StoreError(f"cannot open the store: {exc}", source=self.path) from None

    @property
    def ox_store(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk paths."""
        return self._store

    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None) -> QueryResult:
        if timeout is None:
            try:
                # a query with FROM / FROM NAMED runs on the dataset it names
                res = self._store.query(sparql, use_default_graph_as_union=not has_dataset_clause(sparql),
                                        prefixes=PREFIXES)
            except SyntaxError as exc:
                raise query_error(str(exc), source) from None
            return _convert(res, row_limit)
        # The network is only ever opened to a worker of its own; the pool forks, so where
        # fork is missing every query gets a spawned worker.
        if allow_federation or _worker.START_METHOD != "fork":
            kind, payload = run_in_worker(self._store, self.path, sparql, timeout=timeout,
                                          prefixes=PREFIXES, network=allow_federation,
                                          row_limit=row_limit)
        else:
            kind, payload = self.query_pool().run(sparql, timeout=timeout, prefixes=PREFIXES,
                                                  row_limit=row_limit)
        return decode_result(kind, payload, source)

    def query_pool(self) -> QueryPool:
        """The worker processes that run queries with a timeout (started on first use)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = QueryPool(self._store, self.path, size=max(2, os.cpu_count() or 1),
                                       generation=lambda: self._writes)
            return self._pool

    def _update(self, sparql: str) -> None:
        self._writes += 1
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise query_error(str(exc)) from None

    def load(self, path: str | Path, *, format: str | None = None,
             graph: URIRef | None = None) -> int:
        """Add an RDF file with Oxigraph's native loaders; returns the number of quads read.

        The file is first parsed in full (a streaming pass that keeps nothing), so a
        malformed file is reported before anything is written. Then an on-disk store uses
        ``bulk_load`` (sorted runs written straight to disk, far faster than a transaction;
        after a clean parse only an I/O error can interrupt it), a memory store ``load``.

        Raises:
            RDFSyntaxError: the file does not parse (file, line and column); nothing is written.
            InputError: unreadable file, unknown format, triples without ``graph``.
        """
        fmt = rdf_format(format, path)
        if not fmt.supports_datasets and graph is None:
            raise InputError("a triples format needs a target graph (--graph)", source=path)
        target = ox.NamedNode(str(graph)) if graph is not None and not fmt.supports_datasets else None
        try:
            count = 0
            for _ in ox.parse(path=str(path), format=fmt):
                count += 1
            self._writes += 1
            if self.path is None:
                self._store.load(path=str(path), format=fmt, to_graph=target)
            else:
                self._store.bulk_load(path=str(path), format=fmt, to_graph=target)
        except SyntaxError as exc:
            raise syntax_error(exc, path) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
        return count

    def _add_quads(self, quads: list[ox.Quad]) -> None:
        self._writes += 1
        # extend() is one transaction: all quads or none
        self._store.extend(quads)

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[ox.Quad]:
        if graphs is None:
            for q in self._store.quads_for_pattern(None, None, None, None):
                if not isinstance(q.graph_name, ox.DefaultGraph):
                    yield q
            return
        for name in graphs:
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))

    def __len__(self) -> int:
        return len(self._store) - sum(
            1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def close(self) -> None:
        if self._store is None:
            return
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        writable = self.path is not None and not self.read_only
        if writable:
            self._store.flush()
        # Dropping the last reference releases the on-disk lock.
        self._store = None  # type: ignore[assignment]
        if writable and self.path is not None and _log_bytes(self.path) > _LOG_LIMIT:
            # A flush leaves the write-ahead log in place (a build left 113 MB of it); it is
            # only discarded when the store is next opened for writing: do that now, once.
            try:
                ox.Store(str(self.path))
            except OSError:
                pass  # another process took the store meanwhile: it discards the log itself


_LOG_LIMIT = 4 << 20


def _log_bytes(path: Path) -> int:
    """Bytes in the store's write-ahead log files."""
    try:
        with os.scandir(path) as entries:
            return sum(e.stat().st_size for e in entries if e.name.endswith(".log"))
    except OSError:
        return 0


def decode_result(kind: str, payload: object, source: str | None) -> QueryResult:
    """Turn a worker's serialised answer back into a QueryResult."""
    if kind == "ask":
        return bool(payload)
    if kind == "select":
        assert isinstance(payload, tuple)
        return _rows(*payload)
    if kind == "graph":
        assert isinstance(payload, bytes)
        g = Graph()
        for t in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES):
            g.add(to_rdflib_triple(t))
        return g
    if kind == "syntax":
        raise query_error(str(payload), source)
    raise KGraphError(f"the query failed: {payload}", source=source)


def _rows(names: list[str], rows: list[tuple[tuple[str, ...] | None, ...]],
          truncated: bool) -> SelectResult:
    """A worker's SELECT answer (terms as tuples of strings) as rdflib rows."""
    memo: dict[object, Node | None] = {None: None}

    def term(t: tuple[str, ...] | None) -> Node | None:
        try:
            return memo[t]
        except KeyError:
            pass
        assert t is not None
        if t[0] == "u":
            node: Node = URIRef(t[1])
        elif t[0] == "b":
            node = BNode(t[1])
        elif t[2]:
            node = Literal(t[1], lang=t[2])
        elif t[3] == _XSD_STRING:
            node = Literal(t[1])
        else:
            node = Literal(t[1], datatype=URIRef(t[3]))
        memo[t] = node
        return node

    return SelectResult(names, [dict(zip(names, map(term, row), strict=True)) for row in rows],
                        truncated=truncated)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _convert(res: object, row_limit: int | None = None) -> QueryResult:
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    if isinstance(res, ox.QuerySolutions):
        vars_ = [v.value for v in res.variables]
        # rdflib terms are costly to build (literals parse their value): convert each
        # distinct term once per result
        memo: dict[object, Node | None] = {None: None}

        def term(t: object) -> Node | None:
            try:
                return memo[t]
            except KeyError:
                memo[t] = node = to_rdflib(t)
                return node

        rows: list[dict[str, Node | None]] = []
        truncated = False
        for sol in res:
            if row_limit is not None and len(rows) >= row_limit:
                truncated = True  # the rest is never read
                break
            rows.append(dict(zip(vars_, map(term, sol), strict=True)))
        return SelectResult(vars_, rows, truncated=truncated)
    g = Graph()
    for t in res:  # type: ignore[attr-defined]
        g.add(to_rdflib_triple(t))
    return g
