"""Run one query in a forked worker process that is killed when its time is up.

pyoxigraph cannot cancel a running query, so a query with a timeout runs in a child
process. The child is forked, so a memory store is inherited as a copy-on-write snapshot;
an on-disk store is opened again read-only by the child (RocksDB read-only mode needs no
lock and replays the write-ahead log, so it sees every committed write). The child sends
its result back serialised (SPARQL TSV results or N-Triples); the parent parses it.

The fork is a plain ``os.fork`` with a private pipe, and the parent reaps exactly its own
child with ``waitpid``: ``multiprocessing.Process`` keeps a process-wide list of children
that every ``start()`` polls, so under concurrent use from threads (the HTTP server runs
queries on a thread pool) one thread could reap another's child and the owner then failed
with ``ProcessLookupError``. Two more rules keep concurrent workers apart: the parent
holds a lock from ``pipe()`` until it has closed its copy of the write end, so no other
thread's child inherits that write end (the reader would then see no end of file until
that other child exited: a quick query "timed out" behind a runaway one); and each child
closes every descriptor it inherited except its own write end (the server's sockets, other
pipes).

Unless federation is allowed, the child first moves into a new network namespace of its
own (``unshare(CLONE_NEWNET)``, or with ``CLONE_NEWUSER`` where that needs no privilege),
which has no interface but a loopback that is down: a SERVICE or LOAD that got past the
text check reaches no host, not even the parent's loopback. Where the platform refuses
both (not Linux, or namespaces disabled) the child carries on: the check on the text is
the guard, this is a second wall behind it.

Where ``os.fork`` is missing (Windows), or when :data:`START_METHOD` is set to
``"spawn"``, the worker is a ``multiprocessing`` process started with ``spawn``: it
imports this module afresh, gets a memory store's quads as N-Quads (there is no
copy-on-write snapshot to inherit) or opens an on-disk store read-only, and answers
through a ``multiprocessing`` pipe; it is killed (``terminate``) when time is up.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing as mp
import os
import pickle
import re
import select
import signal
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryTimeout
from ._results import timeout_message
from ._sparql import has_dataset_clause

__all__ = ["run_in_worker", "isolate_network", "answer", "evaluate", "timeout_message",
           "START_METHOD", "DatasetNames"]

DatasetNames = tuple[tuple[str, ...], tuple[str, ...]]
"""A query's dataset as plain strings (default graphs, named graphs), for the pipe."""

START_METHOD = "fork" if hasattr(os, "fork") else "spawn"
"""How query workers start: ``fork`` where the platform has it, else ``spawn``."""

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Move this (single-threaded, forked) process into an empty network namespace.

    Returns whether it worked; never raises.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    # Root (or CAP_SYS_ADMIN) can take a network namespace directly; an unprivileged
    # process needs a user namespace of its own to hold it.
    return any(unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


def _term(t: object) -> tuple[str, ...] | None:
    """A result term as plain strings, rebuilt as an rdflib term by the parent."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("u", t.value)
    if isinstance(t, ox.BlankNode):
        return ("b", t.value)
    if isinstance(t, ox.Literal):
        return ("l", t.value, t.language or "", t.datatype.value)
    raise TypeError(f"unsupported result term {t!r}")


def evaluate(store: ox.Store, sparql: str, prefixes: Mapping[str, str],
             dataset: DatasetNames | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """pyoxigraph's answer to ``sparql`` on ``dataset``, else on the union default graph
    (or the text's own ``FROM``)."""
    if dataset is None:
        return store.query(sparql, use_default_graph_as_union=not has_dataset_clause(sparql),
                           prefixes=dict(prefixes))
    default, named = dataset
    return store.query(sparql, prefixes=dict(prefixes),
                       default_graph=[ox.NamedNode(g) for g in default],
                       named_graphs=[ox.NamedNode(g) for g in named])


def answer(store: ox.Store, sparql: str, prefixes: Mapping[str, str],
           row_limit: int | None = None, dataset: DatasetNames | None = None) -> tuple[str, object]:
    """Run one query and return ``(kind, payload)`` for the parent.

    A SELECT's payload is ``(variables, rows, truncated)``, its terms as tuples of
    strings; with ``row_limit`` the solutions stop being read (and converted) past that
    many rows, so a result of millions of rows costs no more than the rows returned.
    """
    try:
        res = evaluate(store, sparql, prefixes, dataset)
        if isinstance(res, ox.QueryBoolean):
            return ("ask", bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows: list[tuple[tuple[str, ...] | None, ...]] = []
            truncated = False
            for solution in res:
                if row_limit is not None and len(rows) >= row_limit:
                    truncated = True
                    break
                rows.append(tuple(_term(t) for t in solution))
            return ("select", (names, rows, truncated))
        return ("graph", res.serialize(format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        return ("syntax", str(exc))
    except BaseException as exc:  # report everything: the parent only sees this pipe
        return ("error", f"{type(exc).__name__}: {exc}")


def _answer(store: ox.Store | None, path: str | None, sparql: str,
            prefixes: Mapping[str, str], row_limit: int | None = None,
            dataset: DatasetNames | None = None) -> tuple[str, object]:
    try:
        if path is not None:
            store = ox.Store.read_only(path)
        assert store is not None
    except BaseException as exc:  # report everything: the parent only sees this pipe
        return ("error", f"{type(exc).__name__}: {exc}")
    return answer(store, sparql, prefixes, row_limit, dataset)


_FORK_LOCK = threading.Lock()


def _child(fd: int, store: ox.Store, path: Path | None, sparql: str,
           prefixes: Mapping[str, str], network: bool,
           row_limit: int | None, dataset: DatasetNames | None) -> None:  # pragma: no cover - runs in the child
    try:
        # Keep stdio and our own pipe; drop what the parent's other threads had open.
        import resource  # POSIX only, like os.fork: never imported where fork is missing

        limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        os.closerange(3, fd)
        os.closerange(fd + 1, limit if limit != resource.RLIM_INFINITY else 1 << 20)
        if not network:
            isolate_network()
        data = pickle.dumps(_answer(None if path is not None else store,
                                    str(path) if path is not None else None, sparql, prefixes,
                                    row_limit, dataset))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        # Never return into the parent's code (event loop, atexit handlers, buffered files).
        os._exit(0)


def run_in_worker(store: ox.Store, path: Path | None, sparql: str, *, timeout: float,
                  prefixes: Mapping[str, str], network: bool = False,
                  row_limit: int | None = None,
                  dataset: DatasetNames | None = None) -> tuple[str, object]:
    """``(kind, payload)`` from a worker, kind in ask/select/graph/syntax/error.

    The worker has no network unless ``network`` (federation allowed), see the module docs.

    Safe to call from several threads at once. A read-only RocksDB instance can race with
    the writer's background compaction (a table file listed in the manifest it read is
    deleted before it opens it); such an attempt is retried with a fresh worker within the
    same time budget.

    Raises:
        QueryTimeout: no answer within ``timeout`` seconds; the worker was killed.
    """
    deadline = time.monotonic() + timeout
    for _attempt in range(3):
        if START_METHOD == "fork":
            kind, payload = _attempt_in_worker(store, path, sparql, deadline=deadline,
                                               timeout=timeout, prefixes=prefixes,
                                               network=network, row_limit=row_limit,
                                               dataset=dataset)
        else:
            kind, payload = _attempt_in_spawned(store, path, sparql, deadline=deadline,
                                                timeout=timeout, prefixes=prefixes,
                                                network=network, row_limit=row_limit,
                                               dataset=dataset)
        if not (kind == "error" and path is not None and _RACE.search(str(payload))):
            break
    return kind, payload


_RACE = re.compile(r"Corruption|No such file or directory")


def _spawned_child(conn: object, quads: bytes | None, path: str | None, sparql: str,
                   prefixes: dict[str, str], network: bool,
                   row_limit: int | None, dataset: DatasetNames | None) -> None:  # pragma: no cover - child
    if not network:
        isolate_network()
    store = None
    if quads is not None:
        store = ox.Store()
        store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
    conn.send(_answer(store, path, sparql, prefixes, row_limit, dataset))  # type: ignore[attr-defined]
    conn.close()  # type: ignore[attr-defined]


def _attempt_in_spawned(store: ox.Store, path: Path | None, sparql: str, *, deadline: float,
                        timeout: float, prefixes: Mapping[str, str], network: bool,
                        row_limit: int | None = None,
                        dataset: DatasetNames | None = None) -> tuple[str, object]:
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    quads = None if path is not None else store.dump(format=ox.RdfFormat.N_QUADS)
    worker = ctx.Process(target=_spawned_child, daemon=True,
                         args=(sender, quads, str(path) if path is not None else None, sparql,
                               dict(prefixes), network, row_limit, dataset))
    worker.start()
    sender.close()
    try:
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(timeout_message(timeout))
        try:
            kind, payload = receiver.recv()
            return str(kind), payload
        except (EOFError, OSError, pickle.UnpicklingError):
            worker.join(1)
            return "error", f"the query worker exited with code {worker.exitcode} without an answer"
    finally:
        receiver.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _attempt_in_worker(store: ox.Store, path: Path | None, sparql: str, *, deadline: float,
                       timeout: float, prefixes: Mapping[str, str],
                       network: bool, row_limit: int | None = None,
                       dataset: DatasetNames | None = None) -> tuple[str, object]:
    with _FORK_LOCK:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            _child(write_fd, store, path, sparql, prefixes, network, row_limit, dataset)
        os.close(write_fd)
    killed = False
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                killed = True
                raise QueryTimeout(timeout_message(timeout))
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        _, status = os.waitpid(pid, 0)
    if not killed and chunks:
        try:
            kind, payload = pickle.loads(b"".join(chunks))
            return str(kind), payload
        except (pickle.UnpicklingError, EOFError, ValueError):
            pass
    code = os.waitstatus_to_exitcode(status)
    return "error", f"the query worker exited with code {code} without an answer"
