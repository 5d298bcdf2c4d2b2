"""Virtuoso as kgraph's store: the real pipeline builds the founding and dev releases
straight into a private Virtuoso and into the embedded store, and every named query gives
the same answers on both (per entity and fact of the build for the queries that take
one). The store behaviour itself is covered by test_store_backends.py, whose suite runs
against the same server."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.config import Settings
from kgraph.pipeline import build, link_offline
from kgraph.queries import QueryLibrary
from kgraph.store import SelectResult, Store, open_store
from kgraph.store.remote import RemoteStore

pytestmark = pytest.mark.server
LIB = QueryLibrary()
LOCAL_QUERIES = [q for q in LIB.list() if "SERVICE" not in q.text.upper()]
# no release of the founding and dev set states these
KNOWN_EMPTY = {"conflicting-figures", "conflicting-posts", "organisation-relations"}
# Differences found on Virtuoso 7.2.5 and not yet adapted (README, "Virtuoso").
OPEN = {
    "release-figures": ("a GROUP_CONCAT(DISTINCT ...) over no value in a group is \"\" on Virtuoso, "
                        "unbound on Oxigraph; Virtuoso cannot compile COALESCE around it"),
}


def _releases(founding: Path) -> list[Path]:
    dev = Path(__file__).resolve().parents[2] / "shared" / "releases" / "dev"  # beside the project
    return [founding, *sorted(dev.glob("*.txt"))]


def _build(store: Store, paths: list[Path], cache: Path) -> None:
    report = build(store, paths)
    assert not report.failures, report.lines()
    link_offline(store, Settings(cache_dir=cache))


@pytest.fixture(scope="module")
def pair(virtuoso_server: Any, founding_release: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """(embedded, Virtuoso), each built by the pipeline from the same releases."""
    paths = _releases(founding_release)
    tmp = tmp_path_factory.mktemp("virtuoso-pair")
    embedded = open_store("memory:")
    remote = open_store(virtuoso_server.emptied())
    _build(embedded, paths, tmp / "cache-embedded")
    _build(remote, paths, tmp / "cache-remote")
    try:
        yield embedded, remote
    finally:
        embedded.close()
        remote.close()


_INTEGERS = {XSD[n] for n in ("integer", "nonNegativeInteger", "positiveInteger", "negativeInteger",
                              "nonPositiveInteger", "long", "int", "short", "byte", "unsignedLong",
                              "unsignedInt", "unsignedShort", "unsignedByte")}


def _key(term: Node | None) -> tuple[str, ...]:
    """A term as the value it stands for: a blank node is only a blank node, a literal is
    its datatype and value (Virtuoso writes 2.50 as 2.5), a language tag its lower case."""
    if term is None:
        return ("unbound",)
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        if term.datatype == XSD.dateTime:
            return ("literal", str(XSD.dateTime))  # when each build ran: seconds apart
        value = term.toPython()
        # Oxigraph stores every integer-derived datatype as xsd:integer, Virtuoso as written
        datatype = XSD.integer if term.datatype in _INTEGERS else term.datatype
        return ("literal", str(datatype or ""), (term.language or "").lower(),
                str(value) if not isinstance(value, Literal) else str(term))
    return ("iri", str(term))


def _answer(res: Any) -> Any:
    if isinstance(res, bool):
        return res
    if isinstance(res, Graph):
        return Counter(tuple(_key(t) for t in triple) for triple in res)
    assert isinstance(res, SelectResult)
    return (res.vars, Counter(tuple(_key(row.get(v)) for v in res.vars) for row in res))


def _ordered_keys(res: Any) -> list[Any]:
    """The rows in the order given, for queries that sort (ties may come in any order)."""
    return [tuple(_key(row.get(v)) for v in res.vars) for row in res]


def _samples(store: Store) -> dict[str, list[URIRef]]:
    """IRIs to pass to the queries that take one: entities and facts of the build."""
    res = store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) "
                      "FILTER(STRSTARTS(STR(?s), STR(kgi:))) } ORDER BY ?s")
    assert isinstance(res, SelectResult)
    every = [s for s in res.column("s") if isinstance(s, URIRef)]
    # a spread of kinds: places, organisations, people, observations, memberships
    step = max(1, len(every) // 12)
    return {"entity": every[::step], "fact": [s for s in every if "/obs/" in s][:4]
            + [s for s in every if "/membership/" in s][:2]}


def test_the_build_is_the_same_in_virtuoso(pair: tuple[Store, Store]) -> None:
    embedded, remote = pair
    assert isinstance(remote, RemoteStore) and remote.dialect == "virtuoso"
    assert remote.graphs() == embedded.graphs()
    assert len(remote) == len(embedded)
    for graph in embedded.graphs():
        ours = Counter(tuple(_key(t) for t in triple) for triple in embedded.graph(graph))
        theirs = Counter(tuple(_key(t) for t in triple) for triple in remote.graph(graph))
        assert theirs == ours, graph
    assert remote.stats().classes == embedded.stats().classes


@pytest.mark.parametrize("name", [
    pytest.param(q.name, marks=pytest.mark.xfail(reason=OPEN[q.name], strict=True))
    if q.name in OPEN else q.name for q in LOCAL_QUERIES])
def test_every_named_query_answers_the_same(pair: tuple[Store, Store], name: str) -> None:
    embedded, remote = pair
    q = LIB.get(name)
    samples = _samples(embedded)
    required = [p for p in q.params if p.required]
    runs: list[dict[str, Any]] = [{}]
    if required:
        assert len(required) == 1 and required[0].type == "iri", name
        pool = samples["fact" if required[0].name == "fact" else "entity"]
        runs = [{required[0].name: str(iri)} for iri in pool]
    answered = 0
    for params in runs:
        ours = LIB.run(name, params, store=embedded)
        theirs = LIB.run(name, params, store=remote)
        assert _answer(theirs) == _answer(ours), (name, params)
        if isinstance(ours, SelectResult) and "ORDER BY" in q.text.upper():
            # the first sort key: SPARQL leaves the order of literals of different
            # languages or types to the engine, which the later keys often compare
            tail = q.text.split("ORDER BY")[-1].split()
            first = tail[0].strip("()?").removeprefix("DESC(").removeprefix("ASC(").strip("()?")
            order = [first] if first in q.columns else []
            if order:
                keyed = [tuple(r[q.columns.index(v)] for v in order) for r in _ordered_keys(ours)]
                keyed_r = [tuple(r[q.columns.index(v)] for v in order) for r in _ordered_keys(theirs)]
                assert keyed_r == keyed, (name, params)
        answered += bool(ours if isinstance(ours, bool) else len(ours))
    # the comparison is worth something only when some run found rows
    if q.form == "SELECT" and name not in KNOWN_EMPTY:
        assert answered, name
