"""Faults: a pathological query stops at its timeout (its worker process is killed) while
other requests keep being answered."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore

from .support import LiveServer

CHAIN = 3000


def _children() -> set[int]:
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        text = (task / "children").read_text().split()
        pids.update(int(p) for p in text)
    return pids


def _cpu_ticks(pid: int) -> int:
    """User and system CPU time of a process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _busy_children(seconds: float = 1.0) -> list[int]:
    """Child processes that used CPU over ``seconds`` (a query still running)."""
    first = {pid: _cpu_ticks(pid) for pid in _children()}
    time.sleep(seconds)
    return [pid for pid, ticks in first.items() if _cpu_ticks(pid) > ticks + 1]


@pytest.fixture(scope="module", params=["memory", "disk"])
def slow_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A generated chain graph of 3,000 edges, served with a 3 s query timeout, from a
    memory store (the workers inherit it) or an on-disk one (the workers open it read-only).

    3 s leaves the quick queries ample time on a loaded 2-CPU machine, while the runaway
    queries need minutes."""
    path = tmp_path_factory.mktemp("chain") / "store" if request.param == "disk" else None
    store = OxigraphStore(path)
    g = ox.NamedNode("https://w3id.org/kgraph/graph/test/chain")
    p = ox.NamedNode("urn:kgraph-test:next")
    store.ox_store.extend(
        ox.Quad(ox.NamedNode(f"urn:kgraph-test:n{i}"), p, ox.NamedNode(f"urn:kgraph-test:n{i + 1}"), g)
        for i in range(CHAIN)
    )
    if path is not None:
        store.close()
        store = OxigraphStore(path, read_only=True)
    server = LiveServer(store, ServeOptions(timeout=3.0, row_limit=1000))
    server.store = store  # type: ignore[attr-defined]
    yield server
    server.stop()
    store.close()


@pytest.mark.parametrize(
    "query",
    [
        # a cartesian product of 3,000^3 rows
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }",
        # a deep property path in both directions over the chain, joined with itself
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:kgraph-test:next>|^<urn:kgraph-test:next>)* ?b . "
        "?b (<urn:kgraph-test:next>|^<urn:kgraph-test:next>)* ?c }",
    ],
    ids=["cartesian", "property-path"],
)
def test_pathological_query_stops_and_others_are_answered(slow_server: LiveServer, query: str) -> None:
    before = _children()
    outcome: dict[str, httpx.Response] = {}
    finished = threading.Event()

    def runaway() -> None:
        outcome["r"] = httpx.get(slow_server.sparql, params={"query": query}, timeout=60)
        finished.set()

    thread = threading.Thread(target=runaway)
    thread.start()
    answered_meanwhile = 0
    with httpx.Client(timeout=30) as client:
        while not finished.is_set():
            r = client.get(slow_server.sparql, params={"query": "ASK { <urn:kgraph-test:n1> ?p ?o }"})
            assert r.status_code == 200 and r.json()["boolean"] is True
            if not finished.is_set():
                answered_meanwhile += 1
    thread.join()
    r = outcome["r"]
    assert r.status_code == 503, r.text
    assert "stopped" in r.text and "3 s" in r.text
    assert answered_meanwhile >= 3  # the server kept answering while the runaway query ran
    # The query's worker process was killed, not left running: every child left is an idle
    # worker of the query pool (the runaway's worker is gone, not merely ignored).
    pool = slow_server.store.query_pool()  # type: ignore[attr-defined]
    assert _children() <= before | set(pool.pids())
    assert not _busy_children()
    assert len(_children() - before) <= pool.size
    assert httpx.get(slow_server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()[
        "results"]["bindings"][0]["n"]["value"] == str(CHAIN)
