"""Queries with a timeout run in a pool of long-lived worker processes: they see every
committed write, a timed-out query's worker is killed, and a SELECT's row limit is applied
inside the worker, before the rows are converted and sent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.errors import QueryTimeout
from kgraph.store import OxigraphStore, SelectResult

G = ox.NamedNode("urn:kgraph-test:g")
P = ox.NamedNode("urn:kgraph-test:p")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


def _fill(store: OxigraphStore, start: int, n: int) -> None:
    store.ox_store.extend(ox.Quad(ox.NamedNode(f"urn:kgraph-test:s{i}"), P, ox.Literal(str(i)), G)
                          for i in range(start, start + n))
    store._writes += 1  # written behind the store's back, as another process would


def _count(store: OxigraphStore) -> int:
    res = store.query(COUNT, timeout=30)
    assert isinstance(res, SelectResult)
    return int(res.rows[0]["n"].toPython())  # type: ignore[union-attr]


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore(None if request.param == "memory" else tmp_path / "store")
    _fill(s, 0, 300)
    yield s  # type: ignore[misc]
    s.close()


def test_workers_are_reused_and_see_every_write(store: OxigraphStore) -> None:
    assert _count(store) == 300
    pids = set(store.query_pool().pids())
    assert pids and os.getpid() not in pids
    assert _count(store) == 300
    assert set(store.query_pool().pids()) == pids  # the same worker answered again
    store.update("INSERT DATA { GRAPH <urn:kgraph-test:g> { <urn:a> <urn:b> <urn:c> } }")
    assert _count(store) == 301


def test_a_disk_worker_sees_writes_of_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = OxigraphStore(path)
    _fill(writer, 0, 10)
    writer.close()
    reader = OxigraphStore(path, read_only=True)
    try:
        assert _count(reader) == 10
        # another process writes the store while the reader's worker keeps it open
        code = ("import pyoxigraph as ox, sys\n"
                "w = ox.Store(sys.argv[1])\n"
                "g, p = ox.NamedNode('urn:kgraph-test:g'), ox.NamedNode('urn:kgraph-test:p')\n"
                "w.extend(ox.Quad(ox.NamedNode(f'urn:kgraph-test:t{i}'), p, ox.Literal('x'), g) "
                "for i in range(5))\n"
                "w.flush()\n")
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=120)
        assert _count(reader) == 15
    finally:
        reader.close()


def test_timeout_kills_the_worker_and_the_pool_goes_on(store: OxigraphStore) -> None:
    assert _count(store) == 300
    before = set(store.query_pool().pids())
    with pytest.raises(QueryTimeout, match="stopped"):
        store.query(RUNAWAY, timeout=0.5)
    after = set(store.query_pool().pids())
    for pid in before - after:  # the runaway's worker is gone, not left running
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    assert _count(store) == 300


@pytest.mark.parametrize("timeout", [None, 30.0], ids=["in-process", "worker"])
def test_row_limit_stops_reading_the_solutions(store: OxigraphStore, timeout: float | None) -> None:
    res = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s", timeout=timeout, row_limit=7)
    assert isinstance(res, SelectResult)
    assert len(res.rows) == 7 and res.truncated
    whole = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s", timeout=timeout)
    assert isinstance(whole, SelectResult) and not whole.truncated
    assert res.rows == whole.rows[:7]
    exact = store.query("SELECT ?s WHERE { ?s ?p ?o }", timeout=timeout, row_limit=300)
    assert isinstance(exact, SelectResult) and len(exact.rows) == 300 and not exact.truncated


def test_worker_terms_round_trip(store: OxigraphStore) -> None:
    store.update('INSERT DATA { GRAPH <urn:kgraph-test:h> { _:b <urn:p> "tab\\there"@it , '
                 '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> , "plain" } }')
    text = "SELECT ?s ?o WHERE { GRAPH <urn:kgraph-test:h> { ?s ?p ?o } } ORDER BY STR(?o)"
    direct = store.query(text)
    pooled = store.query(text, timeout=30)
    assert isinstance(direct, SelectResult) and isinstance(pooled, SelectResult)
    assert [r["o"] for r in pooled.rows] == [r["o"] for r in direct.rows]
    assert len({str(r["s"]) for r in pooled.rows}) == 1


def test_close_stops_the_workers(tmp_path: Path) -> None:
    s = OxigraphStore(tmp_path / "store")
    _fill(s, 0, 3)
    assert _count(s) == 3
    pids = s.query_pool().pids()
    s.close()
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists()
