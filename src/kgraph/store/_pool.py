"""A pool of long-lived query worker processes, so that a query with a timeout costs no fork
and no store reopen.

Each worker is forked once (with the same care as :mod:`kgraph.store._worker`: a private
pair of pipes created under the fork lock, every other inherited descriptor closed, the
network namespace left empty), opens an on-disk store read-only once, and then answers
queries one at a time. A query that outlives its timeout gets its worker killed, exactly as
before; the pool forks a replacement when one is next needed. A worker reopens its on-disk
store when the store's files changed since it opened it (a write, by this process or by
another, grows the write-ahead log or adds a table file), so it answers from every
committed write; a memory store's worker holds the snapshot it was forked with, so the pool
retires workers older than the store's last write.

Federated queries (network allowed) keep the fork per query of :func:`run_in_worker`.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryTimeout
from ._worker import _FORK_LOCK, _RACE, DatasetNames, answer, isolate_network, timeout_message

__all__ = ["QueryPool"]

_HEADER = struct.Struct("!Q")


def _write_message(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytes | None:
    """``n`` bytes, or None at end of file; raises TimeoutError past ``deadline``."""
    chunks: list[bytes] = []
    while n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read_message(fd: int, deadline: float | None) -> bytes | None:
    head = _read_exactly(fd, _HEADER.size, deadline)
    if head is None:
        return None
    return _read_exactly(fd, _HEADER.unpack(head)[0], deadline)


def _signature(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when anything is written to the store's folder."""
    out = []
    with os.scandir(path) as entries:
        for e in entries:
            try:
                st = e.stat()
            except OSError:
                continue
            out.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def _serve(requests: int, replies: int, store: ox.Store | None,
           path: Path | None) -> None:  # pragma: no cover - runs in the worker
    try:
        import resource  # POSIX only, like os.fork: never imported where fork is missing

        limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        top = limit if limit != resource.RLIM_INFINITY else 1 << 20
        keep = sorted((requests, replies))
        os.closerange(3, keep[0])
        os.closerange(keep[0] + 1, keep[1])
        os.closerange(keep[1] + 1, top)
        isolate_network()
        opened: ox.Store | None = store
        signature: object = None
        while True:
            message = _read_message(requests, None)
            if message is None:
                break
            sparql, prefixes, row_limit, dataset = pickle.loads(message)
            reply: tuple[str, object]
            try:
                if path is not None:
                    now = _signature(path)
                    if opened is None or now != signature:
                        opened = None  # release the old instance before opening a new one
                        opened = ox.Store.read_only(str(path))
                        signature = now
                assert opened is not None
                reply = answer(opened, sparql, prefixes, row_limit, dataset)
            except BaseException as exc:  # report everything: the parent only sees this pipe
                reply = ("error", f"{type(exc).__name__}: {exc}")
            if reply[0] == "error" and path is not None:
                opened = None  # a failed read (a compaction race) reopens next time
            _write_message(replies, pickle.dumps(reply))
    finally:
        os._exit(0)


class _Worker:
    def __init__(self, pid: int, requests: int, replies: int, generation: int) -> None:
        self.pid = pid
        self.requests = requests
        self.replies = replies
        self.generation = generation

    def stop(self, *, kill: bool) -> None:
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class QueryPool:
    """Up to ``size`` worker processes answering queries on one embedded store.

    ``generation`` is called to learn the memory store's write count: a worker forked
    before the last write is retired (on-disk stores are reopened by the worker itself).
    Safe to call from several threads at once.
    """

    def __init__(self, store: ox.Store, path: Path | None, *, size: int,
                 generation: Callable[[], int]) -> None:
        self.store = store
        self.path = path
        self.size = max(1, size)
        self.generation = generation
        self._idle: list[_Worker] = []
        self._count = 0
        self._closed = False
        self._cond = threading.Condition()

    def _spawn(self) -> _Worker:
        with _FORK_LOCK:
            req_r, req_w = os.pipe()
            rep_r, rep_w = os.pipe()
            generation = self.generation()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker
                os.close(req_w)
                os.close(rep_r)
                _serve(req_r, rep_w, self.store if self.path is None else None, self.path)
            os.close(req_r)
            os.close(rep_w)
        return _Worker(pid, req_w, rep_r, generation)

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the query pool is closed")
                while self._idle:
                    worker = self._idle.pop()
                    if self.path is None and worker.generation != self.generation():
                        self._count -= 1
                        worker.stop(kill=True)
                        continue
                    return worker
                if self._count < self.size:
                    self._count += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(timeout_message(timeout))
                self._cond.wait(remaining)
        try:
            return self._spawn()
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if self._closed:
                self._count -= 1
                worker.stop(kill=True)
            else:
                self._idle.append(worker)
            self._cond.notify()

    def _discard(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._cond:
            self._count -= 1
            self._cond.notify()

    def run(self, sparql: str, *, timeout: float, prefixes: Mapping[str, str],
            row_limit: int | None = None,
            dataset: DatasetNames | None = None) -> tuple[str, object]:
        """``(kind, payload)`` as :func:`kgraph.store._worker.answer` gives it.

        Raises:
            QueryTimeout: no answer within ``timeout`` seconds (waiting for a free worker
                included); the worker running it was killed.
        """
        deadline = time.monotonic() + timeout
        for _attempt in range(3):
            kind, payload = self._run_once(sparql, deadline, timeout, prefixes, row_limit, dataset)
            if not (kind == "error" and self.path is not None and _RACE.search(str(payload))):
                break
        return kind, payload

    def _run_once(self, sparql: str, deadline: float, timeout: float,
                  prefixes: Mapping[str, str], row_limit: int | None,
                  dataset: DatasetNames | None) -> tuple[str, object]:
        worker = self._acquire(deadline, timeout)
        try:
            _write_message(worker.requests, pickle.dumps((sparql, dict(prefixes), row_limit, dataset)))
            data = _read_message(worker.replies, deadline)
        except TimeoutError:
            self._discard(worker)
            raise QueryTimeout(timeout_message(timeout)) from None
        except BaseException:
            self._discard(worker)
            raise
        if data is None:
            self._discard(worker)
            return "error", "the query worker ended without an answer"
        self._release(worker)
        kind, payload = pickle.loads(data)
        return str(kind), payload

    def pids(self) -> list[int]:
        """The idle workers' process ids (for tests)."""
        with self._cond:
            return [w.pid for w in self._idle]

    def close(self) -> None:
        """Stop every idle worker; busy ones stop when their query returns."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._count -= len(idle)
            self._cond.notify_all()
        for worker in idle:
            _stop_gently(worker)


def _stop_gently(worker: _Worker) -> None:
    # Closing its request pipe ends the worker's loop; kill it if it does not go at once.
    try:
        os.close(worker.requests)
    except OSError:
        pass
    for _ in range(50):
        pid, _status = os.waitpid(worker.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.01)
    else:
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(worker.pid, 0)
    try:
        os.close(worker.replies)
    except OSError:
        pass
