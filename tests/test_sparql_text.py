"""Parameter binding and the federation guard work on SPARQL tokens, not on raw text."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from kgraph.errors import ParameterError, QueryError
from kgraph.store import open_store
from kgraph.store._sparql import bind_values, check_federation, query_form

ORG = URIRef("https://w3id.org/kgraph/id/org/assomac")


def test_values_go_first_in_the_where_group() -> None:
    q = 'SELECT ?n (CONCAT("{", ?n) AS ?x) WHERE { ?s skos:prefLabel ?n }'
    out = bind_values(q, {"s": ORG})
    assert out == ('SELECT ?n (CONCAT("{", ?n) AS ?x) WHERE { VALUES (?s) '
                   '{ (<https://w3id.org/kgraph/id/org/assomac>) }  ?s skos:prefLabel ?n }')


def test_construct_template_is_skipped() -> None:
    out = bind_values("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }", {"c": ORG})
    assert out.startswith("CONSTRUCT { ?s a ?c } WHERE { VALUES (?c)")
    with pytest.raises(QueryError, match="short form"):
        bind_values("CONSTRUCT WHERE { ?s a ?c }", {"c": ORG})


def test_bare_subselect_is_wrapped_and_still_runs() -> None:
    q = "SELECT ?n WHERE { SELECT ?n WHERE { ?s skos:prefLabel ?n } }"
    out = bind_values(q, {"n": Literal("x")})
    assert "VALUES (?n)" in out
    store = open_store("memory:")
    store.update('INSERT DATA { GRAPH <http://g> { <http://a> skos:prefLabel "x" , "y" } }')
    res = store.query(q, bindings={"n": Literal("x")})
    assert [str(v) for v in res.column("n")] == ["x"]  # type: ignore[union-attr]


def test_literals_are_escaped_by_the_serialiser() -> None:
    out = bind_values("ASK { ?s ?p ?o }", {"o": Literal('a"b\\c\nd} ; DROP ALL', lang="en")})
    assert 'VALUES (?o) { ("a\\"b\\\\c\\nd} ; DROP ALL"@en) }' in out
    typed = bind_values("ASK { ?s ?p ?o }", {"o": Literal(3)})
    assert '"3"^^<http://www.w3.org/2001/XMLSchema#integer>' in typed


def test_bad_terms_and_names_are_refused() -> None:
    with pytest.raises(ParameterError, match="blank node"):
        bind_values("ASK { ?s ?p ?o }", {"o": BNode()})
    with pytest.raises(ParameterError, match="not a valid SPARQL variable"):
        bind_values("ASK { ?s ?p ?o }", {"o) } DROP ALL #": Literal("x")})
    with pytest.raises(ParameterError, match="Invalid IRI"):
        bind_values("ASK { ?s ?p ?o }", {"o": URIRef("http://a/> } DROP ALL #")})
    with pytest.raises(QueryError, match="no WHERE"):
        bind_values("DESCRIBE <http://a>", {"o": Literal("x")})


def test_federation_guard_sees_keywords_only() -> None:
    check_federation('SELECT * WHERE { ?s ?p "SERVICE" } # LOAD', allow_federation=False)
    check_federation("SELECT ?load WHERE { ?load ex:service ?x }", allow_federation=False)
    check_federation("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", allow_federation=True)
    with pytest.raises(QueryError, match="SERVICE"):
        check_federation("SELECT * WHERE { service <http://x/> { ?s ?p ?o } }", allow_federation=False)
    with pytest.raises(QueryError, match="LOAD"):
        check_federation("load <http://x/> INTO GRAPH <http://g>", allow_federation=False)


def test_query_form() -> None:
    assert query_form("PREFIX a: <http://a#>\n# SELECT\nASK {}") == "ASK"
    assert query_form("BASE <http://b/> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("INSERT DATA { }") == "UPDATE"
    with pytest.raises(QueryError, match="empty query"):
        query_form("# nothing here")
