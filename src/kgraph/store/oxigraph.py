"""Embedded Oxigraph backend (on disk or in memory)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..errors import InputError, StoreError, StoreLocked
from ..namespaces import PREFIXES
from . import _worker
from ._pool import QueryPool
from ._rdfio import rdf_format
from ._results import convert, decode_worker, query_error, syntax_error
from ._terms import to_rdflib
from ._worker import DatasetNames, evaluate, run_in_worker
from .base import Capabilities, Quad, QueryDataset, QueryResult, Store

__all__ = ["OxigraphStore"]


class OxigraphStore(Store):
    """pyoxigraph ``Store``; ``path=None`` keeps everything in memory.

    Capabilities: queries with a timeout run in a worker process that is killed at the
    timeout (cancellable); a memory store loads a file in one transaction, an on-disk store
    with ``bulk_load`` (far faster, but not atomic if the write fails midway).

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
    def capabilities(self) -> Capabilities:
        return Capabilities(atomic_load=self.path is None, cancellable_query=True,
                            graph_store_protocol=True, union_default_graph=True)

    @property
    def ox_store(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk paths."""
        return self._store

    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None,
               dataset: QueryDataset | None = None) -> QueryResult:
        names: DatasetNames | None = None if dataset is None else (
            tuple(map(str, dataset.default)), tuple(map(str, dataset.named)))
        if timeout is None:
            try:
                res = evaluate(self._store, sparql, PREFIXES, names)
            except SyntaxError as exc:
                raise query_error(str(exc), source) from None
            return convert(res, row_limit)
        # The network is only ever opened to a worker of its own; the pool forks, so where
        # fork is missing every query gets a spawned worker.
        if allow_federation or _worker.START_METHOD != "fork":
            kind, payload = run_in_worker(self._store, self.path, sparql, timeout=timeout,
                                          prefixes=PREFIXES, network=allow_federation,
                                          row_limit=row_limit, dataset=names)
        else:
            kind, payload = self.query_pool().run(sparql, timeout=timeout, prefixes=PREFIXES,
                                                  row_limit=row_limit, dataset=names)
        return decode_worker(kind, payload, source)

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
            if self.capabilities.atomic_load:
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

    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        for q in self._export_quads(graphs):
            s, p, o = to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)
            assert s is not None and p is not None and o is not None
            assert isinstance(q.graph_name, ox.NamedNode)
            yield s, p, o, URIRef(q.graph_name.value)

    def _export_quads(self, graphs: Sequence[URIRef] | None) -> Iterator[ox.Quad]:
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
