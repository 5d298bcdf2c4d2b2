"""SPARQL Protocol details on a real server on 127.0.0.1: every result format parses back
with pyoxigraph and rdflib (literals holding newlines, tabs, quotes and backslashes
included), and default-graph-uri / named-graph-uri choose the dataset, as SPARQLWrapper and
rdflib's SPARQLStore send them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore
from kgraph.store._sparql import has_dataset_clause, with_dataset

from .support import LiveServer

G1, G2 = "https://w3id.org/kgraph/graph/release/one", "https://w3id.org/kgraph/graph/release/two"
HARD = 'two\nlines,\ta "quoted" word; a back\\slash and \r a carriage return'
DATA = f"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{G1}> {{
  ex:a ex:label {Literal(HARD).n3()} , "uno"@it ; ex:value "3.5"^^xsd:decimal ; ex:link ex:b .
}}
<{G2}> {{
  ex:c ex:label "from the second graph" ; ex:value 7 ; ex:link [ ex:label "a blank node" ] .
}}
"""
SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.fixture(scope="module")
def proto() -> Iterator[LiveServer]:
    store = OxigraphStore(None)
    store.ox_store.load(DATA.encode(), format=ox.RdfFormat.TRIG)
    server = LiveServer(store, ServeOptions(timeout=10.0))
    yield server
    server.stop()
    store.close()


def _get(server: LiveServer, query: str, fmt: str, **params: str | list[str]) -> bytes:
    r = httpx.get(server.sparql, params={"query": query, "format": fmt, **params})
    assert r.status_code == 200, r.text
    return r.content


def _plain(term: object) -> object:
    """A term as comparable across pyoxigraph and rdflib (blank nodes by kind only)."""
    if term is None:
        return None
    if isinstance(term, (BNode, ox.BlankNode)):
        return "_:"
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        return Literal(term.value, lang=term.language,
                       datatype=None if term.language else URIRef(term.datatype.value))
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term), datatype=URIRef("http://www.w3.org/2001/XMLSchema#string"))
    return term


def test_every_result_format_parses_back(proto: LiveServer) -> None:
    expected = sorted(
        (tuple(_plain(t) for t in (s, p, o)) for s, p, o in
         ((r["s"], r["p"], r["o"]) for r in _rows_json(proto))), key=repr)
    assert any(HARD in str(row[2]) for row in expected)
    for fmt, ox_fmt in (("tsv", ox.QueryResultsFormat.TSV), ("json", ox.QueryResultsFormat.JSON),
                        ("xml", ox.QueryResultsFormat.XML)):
        body = _get(proto, SELECT_ALL, fmt)
        solutions = ox.parse_query_results(body, format=ox_fmt)
        assert isinstance(solutions, ox.QuerySolutions)
        got = sorted((tuple(_plain(sol[v]) for v in ("s", "p", "o")) for sol in solutions), key=repr)
        assert got == expected, fmt
        parsed = Result.parse(io.BytesIO(body), format=fmt)
        got_rdflib = sorted((tuple(_plain(t) for t in row) for row in parsed), key=repr)  # type: ignore[union-attr]
        assert got_rdflib == expected, fmt
    # CSV carries lexical forms only (SPARQL 1.1 CSV; pyoxigraph reads no CSV, being lossy):
    # rdflib and the csv module read them back
    body = _get(proto, SELECT_ALL, "csv")
    lexical = sorted((str(s), str(p), str(o)) for s, p, o in expected if s != "_:" and o != "_:")
    rows = [tuple(str(t) for t in row) for row in Result.parse(io.BytesIO(body), format="csv")]  # type: ignore[union-attr]
    assert len(rows) == len(expected) and set(lexical) <= set(rows)
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert table[0] == ["s", "p", "o"] and len(table) == len(expected) + 1
    assert set(lexical) <= {tuple(r) for r in table[1:]}


def _rows_json(server: LiveServer) -> list[dict[str, object]]:
    parsed = Result.parse(io.BytesIO(_get(server, SELECT_ALL, "json")), format="json")
    return [{"s": r[0], "p": r[1], "o": r[2]} for r in parsed]  # type: ignore[index,union-attr]


def _labels(data: dict) -> set[str]:
    return {b["l"]["value"] for b in data["results"]["bindings"]}


LABELS = "PREFIX ex: <http://example.org/> SELECT ?l WHERE { ?s ex:label ?l }"
NAMED_LABELS = "PREFIX ex: <http://example.org/> SELECT ?g ?l WHERE { GRAPH ?g { ?s ex:label ?l } }"


def test_sparqlwrapper_default_and_named_graphs(proto: LiveServer) -> None:
    def run(query: str, *, default: list[str] = (), named: list[str] = (), post: bool = False) -> dict:  # type: ignore[assignment]
        w = SPARQLWrapper(proto.sparql)
        w.setQuery(query)
        w.setReturnFormat(JSON)
        if post:
            w.setMethod(POST)
        for g in default:
            w.addDefaultGraph(g)
        for g in named:
            w.addNamedGraph(g)
        return w.queryAndConvert()  # type: ignore[return-value]

    everything = {HARD, "uno", "from the second graph", "a blank node"}
    assert _labels(run(LABELS)) == everything  # no dataset: the union of the named graphs
    for post in (False, True):
        assert _labels(run(LABELS, default=[G2], post=post)) == {"from the second graph", "a blank node"}
        assert _labels(run(LABELS, default=[G1, G2], post=post)) == everything
        # named graphs only: an empty default graph, GRAPH sees just those
        assert _labels(run(LABELS, named=[G1], post=post)) == set()
        data = run(NAMED_LABELS, named=[G1], post=post)
        assert {b["g"]["value"] for b in data["results"]["bindings"]} == {G1}
    # the protocol's dataset wins over the query's FROM
    assert _labels(run(LABELS.replace("WHERE", f"FROM <{G1}> WHERE"), default=[G2])) == \
        {"from the second graph", "a blank node"}
    # and a query's own FROM is honoured when the request names no dataset
    assert _labels(run(LABELS.replace("WHERE", f"FROM <{G1}> WHERE"))) == {HARD, "uno"}


def test_rdflib_sparqlstore_on_one_named_graph(proto: LiveServer) -> None:
    store = SPARQLStore(proto.sparql, returnFormat="json")
    g = Graph(store=store, identifier=URIRef(G1))
    objects = {str(o) for o in g.objects(None, URIRef("http://example.org/label"))}
    assert objects == {HARD, "uno"}
    res = g.query(LABELS)
    assert {str(r[0]) for r in res} == {HARD, "uno"}  # type: ignore[index]
    whole = Graph(store=SPARQLStore(proto.sparql, returnFormat="json"))
    assert len({str(o) for o in whole.objects(None, URIRef("http://example.org/label"))}) == 4


def test_bad_graph_iri_and_updates(proto: LiveServer) -> None:
    r = httpx.get(proto.sparql, params={"query": LABELS, "default-graph-uri": "not an iri"})
    assert r.status_code == 400 and "graph IRI" in r.text
    r = httpx.post(proto.sparql, data={"update": "CLEAR ALL", "using-graph-uri": G1})
    assert r.status_code == 400 and "using-graph-uri" in r.text


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT *  FROM <urn:a> WHERE { ?s ?p ?o }"),
    ("SELECT ?s FROM <urn:x> FROM NAMED <urn:y> { ?s ?p ?o }", "SELECT ?s    FROM <urn:a> { ?s ?p ?o }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o }  FROM <urn:a> WHERE { ?s ?p ?o }"),
    ("ASK { ?s ?p 'from' }", "ASK  FROM <urn:a> { ?s ?p 'from' }"),
    ("DESCRIBE <urn:s>", "DESCRIBE <urn:s> FROM <urn:a> "),
])
def test_with_dataset_rewrites_the_dataset_clause(query: str, expected: str) -> None:
    assert with_dataset(query, ["urn:a"], []) == expected
    assert has_dataset_clause(expected)
    assert not has_dataset_clause("SELECT ?from WHERE { ?s <urn:from> 'FROM' }")
