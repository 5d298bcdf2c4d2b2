"""The SPARQL 1.1 Protocol endpoint against real clients: SPARQLWrapper, rdflib's
SPARQLStore and plain HTTP with Accept headers, on a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.error import HTTPError

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from kgraph.namespaces import KG, KGI, SKOS

from .support import TOKEN, LiveServer

ASSOMAC = KGI["org/assomac"]
SELECT_ORGS = (
    "PREFIX kg: <https://w3id.org/kgraph/ontology#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "SELECT ?org ?label WHERE { ?org a kg:TradeAssociation ; skos:prefLabel ?label "
    "FILTER(STRSTARTS(STR(?org), 'https://w3id.org/kgraph/id/org/')) FILTER(?org != <https://w3id.org/kgraph/id/org/xss-test>) } "
    "ORDER BY ?label"
)
CONSTRUCT_ASSOMAC = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = <https://w3id.org/kgraph/id/org/assomac>) }"


# --- SPARQLWrapper -------------------------------------------------------------------


def _wrapper(server: LiveServer, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_sparqlwrapper_select_json(live: LiveServer) -> None:
    data = _wrapper(live, SELECT_ORGS, JSON).queryAndConvert()
    assert data["head"]["vars"] == ["org", "label"]
    labels = [b["label"]["value"] for b in data["results"]["bindings"]]
    assert labels == ["Assomac", "Confindustria"]
    first = data["results"]["bindings"][0]
    assert first["org"] == {"type": "uri", "value": str(ASSOMAC)}
    assert first["label"]["xml:lang"] == "en"


def test_sparqlwrapper_select_xml_csv_tsv(live: LiveServer) -> None:
    doc = _wrapper(live, SELECT_ORGS, XML).queryAndConvert()
    ns = "{http://www.w3.org/2005/sparql-results#}"
    literals = [e.firstChild.data for e in doc.getElementsByTagName("literal")]
    assert literals == ["Assomac", "Confindustria"]
    assert doc.documentElement.tagName == "sparql" and ns
    rows = list(csv.reader(io.StringIO(_wrapper(live, SELECT_ORGS, CSV).queryAndConvert().decode())))
    assert rows == [["org", "label"], [str(ASSOMAC), "Assomac"], [str(KGI["org/confindustria"]), "Confindustria"]]
    tsv = _wrapper(live, SELECT_ORGS, TSV).queryAndConvert().decode().splitlines()
    assert tsv[0] == "?org\t?label"
    assert tsv[1] == f'<{ASSOMAC}>\t"Assomac"@en'


def test_sparqlwrapper_ask_and_post(live: LiveServer) -> None:
    sw = _wrapper(live, "ASK { ?x a <https://w3id.org/kgraph/ontology#TradeAssociation> }", JSON)
    assert sw.queryAndConvert()["boolean"] is True
    sw = _wrapper(live, "ASK { ?x a <https://w3id.org/kgraph/ontology#NoSuchClass> }", JSON)
    sw.setMethod(POST)  # urlencoded body
    assert sw.queryAndConvert()["boolean"] is False
    sw = _wrapper(live, SELECT_ORGS, JSON)
    sw.setMethod(POST)
    sw.setRequestMethod(POSTDIRECTLY)  # application/sparql-query body
    assert len(sw.queryAndConvert()["results"]["bindings"]) == 2


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, JSONLD])
def test_sparqlwrapper_construct(live: LiveServer, fmt: str) -> None:
    result = _wrapper(live, CONSTRUCT_ASSOMAC, fmt).queryAndConvert()
    g = result if isinstance(result, Graph) else Graph().parse(
        data=result, format="turtle" if fmt in (TURTLE, N3) else "json-ld")
    assert (ASSOMAC, SKOS.prefLabel, Literal("Assomac", lang="en")) in g
    assert (ASSOMAC, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KG.TradeAssociation) in g


def test_sparqlwrapper_malformed_query(live: LiveServer) -> None:
    sw = _wrapper(live, "SELECT ?x WHERE { ?x ?y }", JSON)
    with pytest.raises(QueryBadFormed) as info:
        sw.queryAndConvert()
    assert "line 1" in str(info.value)


def test_sparqlwrapper_update_refused_read_only(live: LiveServer) -> None:
    sw = SPARQLWrapper(live.sparql)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception) as info:
        sw.query()
    assert "read-only" in str(info.value) or "403" in str(info.value)
    ask = _wrapper(live, "ASK { <urn:a> <urn:b> <urn:c> }", JSON).queryAndConvert()
    assert ask["boolean"] is False


def test_sparqlwrapper_update_needs_token(rw_server: LiveServer) -> None:
    sw = SPARQLWrapper(rw_server.sparql)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Unauthorized):
        sw.query()
    sw.addCustomHttpHeader("Authorization", "Bearer not-the-token")
    with pytest.raises(Unauthorized):
        sw.query()
    assert _wrapper(rw_server, "ASK { <urn:a> <urn:b> <urn:c> }", JSON).queryAndConvert()["boolean"] is False
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sw.query()
    assert _wrapper(rw_server, "ASK { <urn:a> <urn:b> <urn:c> }", JSON).queryAndConvert()["boolean"] is True


# --- rdflib's SPARQLStore ---------------------------------------------------------------


def test_rdflib_sparqlstore(live: LiveServer) -> None:
    g = Graph(store=SPARQLStore(live.sparql, context_aware=False))
    rows = list(g.query(SELECT_ORGS))
    assert [str(r[1]) for r in rows] == ["Assomac", "Confindustria"]  # type: ignore[index]
    triples = set(g.triples((ASSOMAC, SKOS.prefLabel, None)))
    assert triples == {(ASSOMAC, SKOS.prefLabel, Literal("Assomac", lang="en"))}
    assert (ASSOMAC, None, None) in g
    assert len(g) > 200
    constructed = g.query(CONSTRUCT_ASSOMAC).graph
    assert constructed is not None and (ASSOMAC, SKOS.prefLabel, Literal("Assomac", lang="en")) in constructed


def test_rdflib_sparqlupdatestore_with_token(rw_server: LiveServer) -> None:
    store = SPARQLUpdateStore(rw_server.sparql, rw_server.sparql, context_aware=False,
                              headers={"Authorization": f"Bearer {TOKEN}"})
    g = Graph(store=store)
    g.add((URIRef("urn:x"), URIRef("urn:y"), Literal("added")))
    assert (URIRef("urn:x"), URIRef("urn:y"), Literal("added")) in g
    anonymous = Graph(store=SPARQLUpdateStore(rw_server.sparql, rw_server.sparql, context_aware=False))
    with pytest.raises(HTTPError) as info:
        anonymous.add((URIRef("urn:x"), URIRef("urn:y"), Literal("denied")))
    assert info.value.code == 401
    assert (URIRef("urn:x"), URIRef("urn:y"), Literal("denied")) not in g


# --- plain HTTP with Accept headers --------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        (None, "application/sparql-results+json"),
    ],
)
def test_select_content_negotiation(live: LiveServer, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS}, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Assomac" in r.text
    assert "Accept" in r.headers["vary"]


def test_select_xml_is_valid(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS}, headers={"Accept": "application/sparql-results+xml"})
    root = ET.fromstring(r.content)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["org", "label"]
    assert [lit.text for lit in root.findall(".//s:literal", ns)] == ["Assomac", "Confindustria"]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml")],
)
def test_construct_content_negotiation(live: LiveServer, accept: str, rdflib_format: str) -> None:
    r = httpx.post(live.sparql, content=CONSTRUCT_ASSOMAC.encode(),
                   headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (ASSOMAC, SKOS.prefLabel, Literal("Assomac", lang="en")) in g


def test_format_parameter_and_not_acceptable(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("org,label\r\n")
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "available" in r.text
    r = httpx.get(live.sparql, params={"query": CONSTRUCT_ASSOMAC, "format": "csv"})
    assert r.status_code == 406


def test_row_limit_cuts_and_says_so(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 100
    assert r.headers["x-kgraph-truncated"] == "true"
    small = httpx.get(live.sparql, params={"query": SELECT_ORGS})
    assert "x-kgraph-truncated" not in small.headers


def test_literal_escaping_in_results(live: LiveServer) -> None:
    q = ("SELECT ?l WHERE { <https://w3id.org/kgraph/id/org/xss-test> "
         "<http://www.w3.org/2004/02/skos/core#altLabel> ?l } ORDER BY ?l")
    data = httpx.get(live.sparql, params={"query": q}).json()
    values = sorted(b["l"]["value"] for b in data["results"]["bindings"])
    assert '<img src=x onerror="window.__xss=1">' in values
    assert any('\\ backslash' in v and '"quoted"' in v for v in values)
    rows = list(csv.reader(io.StringIO(httpx.get(live.sparql, params={"query": q, "format": "csv"}).text)))
    assert sorted(r[0] for r in rows[1:]) == values
    root = ET.fromstring(httpx.get(live.sparql, params={"query": q, "format": "xml"}).content)
    assert sorted(e.text or "" for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")) == values


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hello world", "Show me the exports of 2024", "ciao"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_text_that_is_no_sparql_is_400_not_an_update(live: LiveServer, text: str, method: str) -> None:
    r = (httpx.get(live.sparql, params={"query": text}) if method == "GET"
         else httpx.post(live.sparql, data={"query": text}))
    assert r.status_code == 400, r.text
    assert "not a SPARQL query or update" in r.text and "update" in r.text.split(":", 1)[1]


def test_malformed_query_is_400_with_parser_message(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"query": "SELECT ?x WHERE {\n  ?x ?y \n"})
    assert r.status_code == 400
    assert "malformed SPARQL" in r.text and "line" in r.text


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX ex: <urn:ex:>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "CLEAR DEFAULT",
    ],
)
def test_updates_refused_read_only(live: LiveServer, update: str) -> None:
    as_update = httpx.post(live.sparql, data={"update": update})
    assert as_update.status_code == 403 and "read-only" in as_update.text
    direct = httpx.post(live.sparql, content=update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert direct.status_code == 403
    as_query = httpx.post(live.sparql, data={"query": update})
    assert as_query.status_code == 403 and "update" in as_query.text
    still = httpx.get(live.sparql, params={"query": "ASK { <https://w3id.org/kgraph/id/org/assomac> ?p ?o }"})
    assert still.json()["boolean"] is True


def test_update_with_get_is_refused(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"update": "DROP ALL"})
    assert r.status_code == 405


def test_service_is_refused(live: LiveServer) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = httpx.get(live.sparql, params={"query": q})
    assert r.status_code == 403 and "SERVICE" in r.text
    lower = httpx.post(live.sparql, data={"query": "select * { service silent <http://x/> { ?s ?p ?o } }"})
    assert lower.status_code == 403
    # The word inside a string, an IRI or a comment is harmless and allowed.
    ok = httpx.get(live.sparql, params={"query": 'SELECT ("SERVICE LOAD" AS ?x) WHERE { } # SERVICE'})
    assert ok.status_code == 200 and "SERVICE LOAD" in ok.text


def test_load_is_refused_even_with_token(rw_server: LiveServer) -> None:
    r = httpx.post(rw_server.sparql, data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "LOAD" in r.text


def test_update_token_checks(rw_server: LiveServer) -> None:
    upd = {"update": "INSERT DATA { <urn:t> <urn:t> 'v' }"}
    assert httpx.post(rw_server.sparql, data=upd).status_code == 401
    wrong = httpx.post(rw_server.sparql, data=upd, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "WWW-Authenticate" in wrong.headers
    basic = httpx.post(rw_server.sparql, data=upd, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    ok = httpx.post(rw_server.sparql, data=upd, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    assert httpx.get(rw_server.sparql, params={"query": "ASK { <urn:t> <urn:t> 'v' }"}).json()["boolean"] is True


def test_oversized_body_is_413(live: LiveServer) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000_000
    r = httpx.post(live.sparql, content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    form = httpx.post(live.sparql, data={"query": big})
    assert form.status_code == 413
    assert httpx.get(live.sparql, params={"query": SELECT_ORGS}).status_code == 200


def test_unsupported_content_type_and_dataset_params(live: LiveServer) -> None:
    r = httpx.post(live.sparql, content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS, "default-graph-uri": "urn:g"})
    assert r.status_code == 200  # the dataset of the protocol (tests/serve/test_serve_protocol.py)
    r = httpx.get(live.sparql)
    assert r.status_code == 400 and "missing query" in r.text


def test_cors(live: LiveServer) -> None:
    r = httpx.get(live.sparql, params={"query": SELECT_ORGS}, headers={"Origin": "http://allowed.example"})
    assert r.headers["access-control-allow-origin"] == "http://allowed.example"
    other = httpx.get(live.sparql, params={"query": SELECT_ORGS}, headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    pre = httpx.options(live.sparql, headers={"Origin": "http://allowed.example",
                                               "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]


def test_no_cors_by_default(rw_server: LiveServer) -> None:
    r = httpx.get(rw_server.sparql, params={"query": SELECT_ORGS}, headers={"Origin": "http://allowed.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


# --- dereferenceable IRIs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")],
)
def test_entity_as_rdf(live: LiveServer, accept: str, rdflib_format: str) -> None:
    r = httpx.get(f"{live.base}/id/org/assomac", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept and "Accept" in r.headers["vary"]
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (ASSOMAC, SKOS.prefLabel, Literal("Assomac", lang="en")) in g
    # incoming links too: the membership naming Assomac as its organisation
    assert any(s for s, _, _ in g.triples((None, URIRef("http://www.w3.org/ns/org#organization"), ASSOMAC)))


@pytest.mark.parametrize("path", ["org/a%20b", "org/a%00", "org/a%3Eb", "org/%7Bx%7D", "org/a%7C"])
@pytest.mark.parametrize("accept", ["text/turtle", "text/html"])
def test_an_id_path_that_is_no_iri_is_400(live: LiveServer, path: str, accept: str) -> None:
    r = httpx.get(f"{live.base}/id/{path}", headers={"Accept": accept})
    assert r.status_code == 400, r.text
    assert "not a valid IRI" in r.text and "Traceback" not in r.text


def test_entity_as_html(live: LiveServer) -> None:
    r = httpx.get(f"{live.base}/id/org/assomac", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<h1 id=\"label\">Assomac</h1>" in html
    assert "President Mauro Bergozza" in html  # the quote of the membership fact
    assert 'href="/id/person/mauro-bergozza"' in html
    assert 'href="/id/release/assomac-2025-06-20-sector-2024"' in html
    assert "default-src 'none'" in r.headers["content-security-policy"]
    # the curated Wikidata link of a place (Assomac itself is linked only by `kgraph link`)
    italy = httpx.get(f"{live.base}/id/place/italy", headers={"Accept": "text/html"}).text
    assert "<h1 id=\"label\">Italy</h1>" in italy
    assert 'href="http://www.wikidata.org/entity/Q38"' in italy


def test_entity_format_param_and_404(live: LiveServer) -> None:
    r = httpx.get(f"{live.base}/id/person/mauro-bergozza", params={"format": "json-ld"})
    doc = json.loads(r.text)
    assert "@context" in doc
    assert httpx.get(f"{live.base}/id/org/no-such-org", headers={"Accept": "text/turtle"}).status_code == 404
    missing = httpx.get(f"{live.base}/id/org/no-such-org", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "no such entity" in missing.text


def test_html_escapes_hostile_labels(live: LiveServer) -> None:
    html = httpx.get(f"{live.base}/id/org/xss-test", headers={"Accept": "text/html"}).text
    assert "<script>window.__xss" not in html
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html
    home = httpx.get(f"{live.base}/", headers={"Accept": "text/html"}).text
    assert "&lt;img src=x onerror=" in home and "<img src=x" not in home


# --- named queries --------------------------------------------------------------------------


def test_named_query_results_by_format(live: LiveServer) -> None:
    r = httpx.get(f"{live.base}/queries/people-roles", params={"organisation": "Assomac", "format": "json"})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert [(b["name"]["value"], b["role"]["value"]) for b in rows] == [("Mauro Bergozza", "President")]
    csv_rows = list(csv.reader(io.StringIO(
        httpx.get(f"{live.base}/queries/people-roles", params={"format": "csv"}).text)))
    assert csv_rows[0] == ["person", "name", "role", "unit", "org", "orgName", "source"]
    assert sorted(row[1] for row in csv_rows[1:]) == [
        "Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    by_accept = httpx.get(f"{live.base}/queries/releases", headers={"Accept": "text/tab-separated-values"})
    assert by_accept.headers["content-type"].startswith("text/tab-separated-values")


def test_named_query_parameters_are_bound_not_formatted(live: LiveServer) -> None:
    for evil in ['") } } DROP ALL #', "' || true || '", "Assomac\" . ?x ?y ?z . FILTER(\"1"]:
        r = httpx.get(f"{live.base}/queries/people-roles", params={"organisation": evil, "format": "json"})
        assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    assert len(httpx.get(f"{live.base}/queries/people-roles", params={"format": "json"}).json()[
        "results"]["bindings"]) == 4


def test_named_query_bad_parameters(live: LiveServer) -> None:
    missing = httpx.get(f"{live.base}/queries/entity-facts", params={"format": "json"})
    assert missing.status_code == 400 and "missing parameter 'entity'" in missing.text
    bad_iri = httpx.get(f"{live.base}/queries/entity-facts", params={"format": "json", "entity": "nope:x y"})
    assert bad_iri.status_code == 400
    ok = httpx.get(f"{live.base}/queries/entity-facts", params={"format": "json", "entity": "kgi:org/assomac"})
    assert ok.status_code == 200 and ok.json()["results"]["bindings"]
    unknown = httpx.get(f"{live.base}/queries/people-role", headers={"Accept": "text/html"})
    assert unknown.status_code == 404 and "people-roles" in unknown.text


def test_named_query_pages(live: LiveServer) -> None:
    listing = httpx.get(f"{live.base}/queries", headers={"Accept": "text/html"})
    assert listing.status_code == 200
    assert 'href="/queries/people-roles"' in listing.text and "People and their roles" in listing.text
    form = httpx.get(f"{live.base}/queries/entity-facts", headers={"Accept": "text/html"})
    assert form.status_code == 200 and 'name="entity"' in form.text and "<table class=\"results\">" not in form.text
    page = httpx.get(f"{live.base}/queries/entity-facts", params={"entity": "kgi:place/italy", "run": "1"},
                     headers={"Accept": "text/html"})
    assert '<table class="results">' in page.text and "wd:Q38" in page.text
    error = httpx.get(f"{live.base}/queries/entity-facts", params={"run": "1"}, headers={"Accept": "text/html"})
    assert 'class="error"' in error.text and "missing parameter" in error.text


def test_network_endpoint_errors(live: LiveServer) -> None:
    r = httpx.get(f"{live.base}/network", params={"focus": "https://w3id.org/kgraph/id/nothing/here"})
    assert r.status_code == 404 and "not an entity of the network" in r.text
    r = httpx.get(f"{live.base}/network", params={"depth": "two"})
    assert r.status_code == 400
    r = httpx.get(f"{live.base}/network")
    assert r.status_code == 200 and "connect-src 'none'" in r.headers["content-security-policy"]


def test_browser_without_query_goes_to_the_editor(live: LiveServer) -> None:
    r = httpx.get(live.sparql, headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/editor"
    editor = httpx.get(f"{live.base}/editor", params={"query": "ASK { </textarea><script>x</script> ?p ?o }"})
    assert "&lt;/textarea&gt;&lt;script&gt;" in editor.text and "</textarea><script>x" not in editor.text


def test_reflected_parameters_are_escaped(live: LiveServer) -> None:
    evil = '"><script>window.__xss=1</script>'
    page = httpx.get(f"{live.base}/queries/people-roles", params={"organisation": evil, "run": "1"},
                     headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<script>window.__xss" not in page.text
    assert 'value="&#34;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;"' in page.text
    missing = httpx.get(f"{live.base}/queries/{evil}", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "<script>window.__xss" not in missing.text


def test_the_network_page_has_a_time_budget(sample_store) -> None:  # type: ignore[no-untyped-def]
    """/network runs several queries: together they get the server's timeout, then 503."""
    from starlette.testclient import TestClient

    from kgraph.server import ServeOptions, create_app

    app = create_app(sample_store, options=ServeOptions(timeout=0.001))
    with TestClient(app) as client:
        r = client.get("/network")
    assert r.status_code == 503 and "stopped" in r.text
