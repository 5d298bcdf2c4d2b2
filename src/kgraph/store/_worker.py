"""Run one query in a forked worker process that is killed when its time is up.

pyoxigraph cannot cancel a running query, so a query with a timeout runs in a child
process. The child is forked, so a memory store is inherited as a copy-on-write snapshot;
an on-disk store is opened again read-only by the child (RocksDB read-only mode needs no
lock and replays the write-ahead log, so it sees every committed write). The child sends
its result back serialised (SPARQL TSV results or N-Triples); the parent parses it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryTimeout

__all__ = ["run_in_worker"]


def _child(conn: Connection, store: ox.Store | None, path: str | None, sparql: str,
           prefixes: Mapping[str, str]) -> None:
    try:
        if path is not None:
            store = ox.Store.read_only(path)
        assert store is not None
        res = store.query(sparql, use_default_graph_as_union=True, prefixes=dict(prefixes))
        if isinstance(res, ox.QueryBoolean):
            conn.send(("ask", bool(res)))
        elif isinstance(res, ox.QuerySolutions):
            conn.send(("select", res.serialize(format=ox.QueryResultsFormat.TSV)))
        else:
            conn.send(("graph", res.serialize(format=ox.RdfFormat.N_TRIPLES)))
    except SyntaxError as exc:
        conn.send(("syntax", str(exc)))
    except BaseException as exc:  # report everything: the parent only sees this pipe
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_in_worker(store: ox.Store, path: Path | None, sparql: str, *, timeout: float,
                  prefixes: Mapping[str, str]) -> tuple[str, object]:
    """``(kind, payload)`` from a worker, kind in ask/select/graph/syntax/error.

    Raises:
        QueryTimeout: no answer within ``timeout`` seconds; the worker was killed.
    """
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(child, None if path is not None else store, str(path) if path is not None else None,
              sparql, prefixes),
        daemon=True,
    )
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            proc.kill()
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s and was stopped "
                "(raise --timeout or KGRAPH_QUERY_TIMEOUT, or narrow the query)"
            )
        try:
            kind, payload = parent.recv()
        except EOFError:  # the child died without answering (killed, out of memory)
            kind, payload = "error", f"the query worker exited with code {proc.exitcode}"
        return kind, payload
    finally:
        parent.close()
        proc.join(timeout=5)
        if proc.is_alive():  # pragma: no cover - join after kill always returns
            os.kill(proc.pid or 0, 9)
