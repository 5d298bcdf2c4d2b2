"""One behavioural suite for every store backend: memory, on-disk Oxigraph, a real
`oxigraph serve` and a real Virtuoso reached over HTTP. The same assertions run against each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Graph, Literal, URIRef

from kgraph.errors import InputError, ParameterError, QueryError, QueryTimeout, RDFSyntaxError
from kgraph.namespaces import FOAF, KGG, KGI, SKOS
from kgraph.store import OxigraphStore, RemoteStore, SelectResult, Store, open_store
from kgraph.store.base import Capabilities, QueryDataset

SAMPLE = Path(__file__).parent / "data" / "founding-sample.trig"
R1 = KGG["release/assomac-2025-06-20-sector-2024"]
R2 = KGG["release/sample-2025-01-30-preview-2024"]
N_QUADS = 782

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(params=["memory", "oxigraph", pytest.param("remote", marks=pytest.mark.server),
                        pytest.param("remote-explicit", marks=pytest.mark.server),
                        pytest.param("virtuoso", marks=pytest.mark.server)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    if request.param == "memory":
        s: Store = open_store("memory:")
    elif request.param == "oxigraph":
        s = open_store(f"oxigraph:{tmp_path / 'store'}")
    elif request.param == "remote":
        server = request.getfixturevalue("oxigraph_server")
        s = open_store(server.base)
    elif request.param == "virtuoso":
        s = open_store(request.getfixturevalue("virtuoso_url"))
    else:  # explicit endpoints, no Graph Store Protocol: graphs are read with CONSTRUCT
        server = request.getfixturevalue("oxigraph_server")
        s = open_store(f"sparql+{server.query_url}?union-default-graph&update=/update")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def loaded(store: Store) -> Store:
    assert store.load(SAMPLE) == N_QUADS
    return store


def snapshot(store: Store) -> set[str]:
    """Every quad as N-Quads text: compares store contents exactly."""
    return set(store.export(format="nq").decode().splitlines())  # type: ignore[union-attr]


def test_open_store_picks_backend(tmp_path: Path) -> None:
    assert isinstance(open_store("memory:"), OxigraphStore)
    assert isinstance(open_store("http://127.0.0.1:1"), RemoteStore)
    remote = open_store("sparql+http://h:3030/ds/query?update=/ds/update&store=/ds/data")
    assert isinstance(remote, RemoteStore)
    assert (remote.query_url, remote.update_url, remote.store_url) == (
        "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")
    fuseki = RemoteStore("http://h:3030/ds")
    assert fuseki.query_url == "http://h:3030/ds/query" and fuseki.store_url == "http://h:3030/ds/data"
    ox_explicit = RemoteStore("sparql+http://h:7878/query?union-default-graph&update=/update")
    assert (ox_explicit.query_url, ox_explicit.update_url, ox_explicit.store_url) == (
        "http://h:7878/query?union-default-graph", "http://h:7878/update", None)


def test_load_graphs_and_len(loaded: Store) -> None:
    assert len(loaded) == N_QUADS
    assert loaded.graphs() == sorted([KGG["derived"], KGG["links"], R1, R2, KGG["runs"]])
    g = loaded.graph(KGG["derived"])
    assert len(g) == 2
    ds = loaded.dataset([KGG["links"]])
    assert len(list(ds.quads((None, None, None, None)))) == 9


def test_default_graph_is_union_of_named_graphs(loaded: Store) -> None:
    # the label is in the release graph, the Wikidata link in kgg:links: one pattern joins them
    res = loaded.query("SELECT ?wd WHERE { ?s skos:prefLabel \"China\"@en ; owl:sameAs ?wd }")
    assert isinstance(res, SelectResult)
    assert res.column("wd") == [URIRef("http://www.wikidata.org/entity/Q148")]


def test_query_forms(loaded: Store) -> None:
    people = loaded.query("SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n } ORDER BY ?n")
    assert isinstance(people, SelectResult)
    assert [str(n) for n in people.column("n")] == [
        "Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    assert loaded.query("ASK { ?p foaf:name \"Maurizio Forte\" }") is True
    assert loaded.query("ASK { ?p foaf:name \"Nobody\" }") is False
    g = loaded.query("CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }")
    assert isinstance(g, Graph) and len(g) == 4
    d = loaded.query("DESCRIBE <https://w3id.org/kgraph/id/place/italy>")
    assert isinstance(d, Graph)
    assert (KGI["place/italy"], SKOS.notation, Literal("IT")) in d


def test_bindings_are_rdf_terms(loaded: Store) -> None:
    # ?cls is not projected: pyoxigraph's own substitutions refuse this, bindings must not
    q = "SELECT ?n WHERE { ?p a ?cls ; foaf:name ?n } ORDER BY ?n"
    res = loaded.query(q, bindings={"cls": FOAF.Person})
    assert isinstance(res, SelectResult) and len(res) == 4
    q2 = "SELECT ?s WHERE { ?s skos:prefLabel ?label }"
    hit = loaded.query(q2, bindings={"label": Literal("Italian Trade Agency", lang="en")})
    assert isinstance(hit, SelectResult)
    assert hit.column("s") == [KGI["org/italian-trade-agency"]]
    # FILTERs of the WHERE group see the bound value
    q3 = "SELECT ?n WHERE { ?p foaf:name ?n FILTER(CONTAINS(?n, ?part)) }"
    part = loaded.query(q3, bindings={"part": Literal("Maurizio")})
    assert isinstance(part, SelectResult) and len(part) == 2


@pytest.mark.parametrize("payload", [
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "Assomac\"@en } } ; CLEAR ALL #",
    "x' . ?s ?p ?o } #",
    "\\\" } INSERT DATA { <http://evil> <http://evil> <http://evil> } #",
])
def test_injection_string_matches_nothing_and_changes_nothing(loaded: Store, payload: str) -> None:
    before = snapshot(loaded)
    res = loaded.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }",
                       bindings={"label": Literal(payload)})
    assert isinstance(res, SelectResult) and res.rows == []
    # the same payload with a language tag is still one literal
    res2 = loaded.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }",
                        bindings={"label": Literal(payload, lang="en")})
    assert isinstance(res2, SelectResult) and res2.rows == []
    assert snapshot(loaded) == before


def test_injection_through_an_iri_is_refused(loaded: Store) -> None:
    before = snapshot(loaded)
    with pytest.raises(ParameterError, match="'s'"):
        loaded.query("SELECT ?p WHERE { ?s ?p ?o }",
                     bindings={"s": URIRef("http://x> } ; DROP ALL ; #")})
    assert snapshot(loaded) == before


def test_service_is_refused_unless_allowed(loaded: Store) -> None:
    q = "SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}"
    with pytest.raises(QueryError, match="SERVICE") as info:
        loaded.query(q)
    assert (info.value.line, info.value.column) == (2, 3)
    # the word inside a string, an IRI, a comment or a variable is not the keyword
    res = loaded.query('SELECT ?service WHERE { # SERVICE LOAD\n'
                       '?service <http://x/SERVICE> "SERVICE LOAD" }')
    assert isinstance(res, SelectResult) and res.rows == []
    with pytest.raises(QueryError, match="LOAD"):
        loaded.update("LOAD <http://127.0.0.1:9/data.ttl>")


def test_malformed_sparql_reports_line_and_column(loaded: Store) -> None:
    with pytest.raises(QueryError) as info:
        loaded.query("SELECT ?x WHERE {\n  ?x ?y\n}")
    assert info.value.line == 3 and info.value.column is not None
    assert "line 3" in str(info.value)


def test_malformed_rdf_leaves_store_unchanged(loaded: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text(
        '<http://a> <http://b> <http://c> <http://g> .\n'
        '<http://a> <http://b> "unterminated <http://g> .\n', encoding="utf-8")
    before = snapshot(loaded)
    with pytest.raises(RDFSyntaxError) as info:
        loaded.load(bad)
    assert str(bad) in str(info.value) and "line 2" in str(info.value)
    assert snapshot(loaded) == before


def test_replace_graphs_is_all_or_nothing(loaded: Store) -> None:
    new = Graph()
    new.add((KGI["org/assomac"], SKOS.prefLabel, Literal("Assomac (renamed)", lang="en")))
    broken = Graph()
    broken.add((URIRef("not an iri"), SKOS.prefLabel, Literal("x")))
    before = snapshot(loaded)
    with pytest.raises(InputError, match="not an iri"):
        loaded.replace_graphs({R2: new, KGG["links"]: broken})
    assert snapshot(loaded) == before
    loaded.replace_graphs({R2: new})
    assert len(loaded.graph(R2)) == 1
    assert len(loaded) == N_QUADS - 114 + 1
    loaded.drop_graph(R2)
    assert R2 not in loaded.graphs()


def test_timeout_stops_a_runaway_query(loaded: Store) -> None:
    with pytest.raises(QueryTimeout, match="stopped"):
        loaded.query(RUNAWAY, timeout=0.5)
    # the store is still there and answers
    assert loaded.query("ASK { ?s ?p ?o }", timeout=30) is True
    res = loaded.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }", timeout=30)
    assert isinstance(res, SelectResult) and res.rows[0]["n"] == Literal(4)


def test_errors_inside_the_worker_come_back(loaded: Store) -> None:
    with pytest.raises(QueryError) as info:
        loaded.query("SELECT ?x WHERE {\n  ?x ?y\n}", timeout=10)
    assert info.value.line == 3


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_export_datasets_round_trip(loaded: Store, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    loaded.export(out, format=fmt)
    back = ox.Dataset(ox.parse(path=str(out)))
    assert len(back) == N_QUADS


def test_export_triples_formats_merge_graphs(loaded: Store) -> None:
    nt = loaded.export(format="nt", graphs=[KGG["links"], KGG["derived"]])
    assert isinstance(nt, bytes) and len(nt.decode().strip().splitlines()) == 11
    ttl = loaded.export(format="ttl", graphs=[KGG["links"]])
    assert isinstance(ttl, bytes) and b"@prefix owl:" in ttl
    assert len(Graph().parse(data=ttl.decode(), format="turtle")) == 9


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
def test_export_jsonld_has_a_context(loaded: Store) -> None:
    raw = loaded.export(format="jsonld", graphs=[R1, KGG["links"]])
    assert isinstance(raw, bytes)
    doc = json.loads(raw)
    assert doc["@context"]["kg"] == "https://w3id.org/kgraph/ontology#"
    assert doc["@context"]["skos"] == str(SKOS)
    back = rdflib.Dataset()
    back.parse(data=raw.decode(), format="json-ld")
    assert len(list(back.quads((None, None, None, None)))) == 649 + 9


def test_stats(loaded: Store) -> None:
    s = loaded.stats()
    assert s.quads == N_QUADS
    assert s.graphs[str(KGG["derived"])] == 2
    assert s.classes[str(FOAF.Person)] == 4
    assert s.classes["http://purl.org/linked-data/cube#Observation"] == 8


# --- one term type, declared capabilities, dataset selection (every backend) ------------------

CHINA_WD = "SELECT ?wd WHERE { ?s skos:prefLabel \"China\"@en ; owl:sameAs ?wd }"
GRAPHS_SEEN = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def test_quads_are_rdflib_terms(loaded: Store) -> None:
    quads = list(loaded.quads([KGG["links"]]))
    assert len(quads) == 9
    for s, p, o, g in quads:
        assert g == KGG["links"]
        assert isinstance(s, (URIRef, rdflib.BNode)) and isinstance(p, URIRef)
        assert isinstance(o, (URIRef, rdflib.BNode, Literal))
    assert sum(1 for _ in loaded.quads()) == N_QUADS


def test_capabilities_are_declared(store: Store, request: pytest.FixtureRequest) -> None:
    caps = store.capabilities
    with pytest.raises(AttributeError):
        caps.atomic_load = not caps.atomic_load  # type: ignore[misc]  # frozen
    kind = request.node.callspec.params["store"]
    expected = {
        "memory": Capabilities(atomic_load=True, cancellable_query=True, graph_store_protocol=True,
                               union_default_graph=True),
        "oxigraph": Capabilities(atomic_load=False, cancellable_query=True, graph_store_protocol=True,
                                 union_default_graph=True),
        "remote": Capabilities(atomic_load=True, cancellable_query=False, graph_store_protocol=True,
                               union_default_graph=True),
        "remote-explicit": Capabilities(atomic_load=True, cancellable_query=False,
                                        graph_store_protocol=False, union_default_graph=True),
        "virtuoso": Capabilities(atomic_load=False, cancellable_query=True, graph_store_protocol=True,
                                 union_default_graph=True),
    }[kind]
    assert caps == expected


@pytest.mark.parametrize("timeout", [None, 30.0])
def test_graphs_select_the_dataset(loaded: Store, timeout: float | None) -> None:
    def column(res: object, var: str) -> list[object]:
        assert isinstance(res, SelectResult)
        return res.column(var)

    # the label is in the release graph, the link in kgg:links: the join needs both
    assert column(loaded.query(CHINA_WD, graphs=[R1], timeout=timeout), "wd") == []
    both = loaded.query(CHINA_WD, graphs=[R1, KGG["links"]], timeout=timeout)
    assert column(both, "wd") == [URIRef("http://www.wikidata.org/entity/Q148")]
    # a list is also the named graphs; a QueryDataset keeps them apart, as the protocol does
    assert column(loaded.query(GRAPHS_SEEN, graphs=[R2, R1], timeout=timeout), "g") == [R1, R2]
    only_default = QueryDataset(default=(R1,))
    assert column(loaded.query(GRAPHS_SEEN, graphs=only_default, timeout=timeout), "g") == []
    only_named = QueryDataset(named=(KGG["links"],))
    assert column(loaded.query(GRAPHS_SEEN, graphs=only_named, timeout=timeout), "g") == [KGG["links"]]
    assert loaded.query("ASK { ?s ?p ?o }", graphs=only_named, timeout=timeout) is False
    # the selection wins over the text's own FROM
    text = "SELECT ?wd FROM <urn:kgraph-test:nothing> WHERE { ?s owl:sameAs ?wd }"
    assert len(column(loaded.query(text, graphs=[KGG["links"]], timeout=timeout), "wd")) > 0
    with pytest.raises(QueryError, match="not a valid graph IRI"):
        loaded.query("ASK {}", graphs=["not an iri"], timeout=timeout)


def test_a_query_s_own_from_is_its_dataset(loaded: Store) -> None:
    # the fixture's `oxigraph serve --union-default-graph` ignores FROM: a remote store
    # sends the text's FROM as the protocol's dataset too
    text = CHINA_WD.replace(" WHERE", f" FROM <{R1}> WHERE")
    res = loaded.query(text)
    assert isinstance(res, SelectResult) and res.rows == []
    text = CHINA_WD.replace(" WHERE", f" FROM <{R1}> FROM <{KGG['links']}> WHERE")
    res = loaded.query(text)
    assert isinstance(res, SelectResult) and len(res.rows) == 1
    res = loaded.query(GRAPHS_SEEN.replace(" WHERE", f" FROM NAMED <{R2}> WHERE"), timeout=30)
    assert isinstance(res, SelectResult) and res.column("g") == [R2]
    assert loaded.query(f"ASK FROM NAMED <{R2}> {{ ?s ?p ?o }}") is False  # no default graph


def test_dataset_clauses_are_read_from_the_text() -> None:
    from kgraph.store._sparql import dataset_clauses

    assert dataset_clauses("SELECT * WHERE { ?s ?p ?o }") is None
    assert dataset_clauses("SELECT * FROM <urn:a> FROM NAMED <urn:b> FROM <urn:c> WHERE { }") == (
        ["urn:a", "urn:c"], ["urn:b"])
    assert dataset_clauses("CONSTRUCT { ?s <urn:from> ?o } FROM <urn:a> WHERE { ?s ?p ?o }") == (
        ["urn:a"], [])
    assert dataset_clauses("SELECT * FROM kgg:x WHERE { }") is None  # a prefixed name
    assert dataset_clauses("SELECT ?from WHERE { ?s <urn:from> 'FROM' }") is None


def test_the_interface_and_the_remote_backend_hold_no_oxigraph_term() -> None:
    """pyoxigraph terms are converted inside the embedded backend; the interface, the base
    class and the remote backend never import its private helpers."""
    import ast

    import kgraph.store.base as base_module
    import kgraph.store.remote as remote_module

    for module in (base_module, remote_module):
        tree = ast.parse(Path(module.__file__ or "").read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "oxigraph" not in imported, module.__name__
    base_tree = ast.parse(Path(base_module.__file__ or "").read_text())
    assert not any(isinstance(n, ast.Import) and any(a.name == "pyoxigraph" for a in n.names)
                   for n in ast.walk(base_tree))


def test_a_backend_without_union_default_graph_names_every_graph() -> None:
    """A server whose default graph is its own (Fuseki without unionDefaultGraph) gets
    every named graph as the dataset, so that queries still see the union."""
    seen: list[QueryDataset | None] = []

    class OwnDefaultGraph(OxigraphStore):
        @property
        def capabilities(self) -> Capabilities:
            return Capabilities(atomic_load=True, cancellable_query=True,
                                graph_store_protocol=True, union_default_graph=False)

        def _query(self, sparql: str, **kw: object) -> object:  # type: ignore[override]
            seen.append(kw.get("dataset"))  # type: ignore[arg-type]
            return super()._query(sparql, **kw)  # type: ignore[arg-type]

    store = OwnDefaultGraph(None)
    store.load(SAMPLE)
    res = store.query(CHINA_WD)
    assert isinstance(res, SelectResult) and len(res.rows) == 1
    assert seen[-1] == QueryDataset(tuple(store.graphs()), tuple(store.graphs()))
    store.query(CHINA_WD.replace(" WHERE", f" FROM <{R1}> WHERE"))
    assert seen[-1] is None  # the text's own dataset is left alone


def test_stats_and_describe_take_a_timeout(loaded: Store) -> None:
    """`kgraph stats` and `kgraph describe` pass KGRAPH_QUERY_TIMEOUT: their queries run
    where a timeout stops them (an embedded store's network-less workers)."""
    from kgraph.api import KG

    assert loaded.stats(timeout=30) == loaded.stats()
    kg = KG(loaded)
    assert kg.describe("kgi:place/italy", timeout=30).facts.rows == kg.describe("kgi:place/italy").facts.rows
    if isinstance(loaded, OxigraphStore):
        assert loaded.query_pool().pids()  # the timed queries ran in a worker
