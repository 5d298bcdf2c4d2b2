"""SERVICE and LOAD are refused on a parse of the text, everywhere a query or update enters.

Every spelling below is sent through the API (memory store), the embedded on-disk store
(in process and in its query worker), `kgraph query FILE.rq` in a subprocess and the HTTP
server (GET, POST, update with token). A real HTTP listener on 127.0.0.1 answers valid
SPARQL JSON: it must receive no connection. The same listener does receive one when
federation is allowed, so its silence means something; and a query worker with
federation refused cannot reach it even past the text check (its own network namespace).
"""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import kgraph
from kgraph.errors import QueryError
from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore
from kgraph.store._sparql import (
    FederationRefused,
    _judge,
    _lexed_keyword,
    _parsed_keyword,
    check_federation,
)
from kgraph.store._worker import isolate_network, run_in_worker
from serve.support import TOKEN, LiveServer

SRC = Path(__file__).resolve().parents[1] / "src"


class Listener:
    """A SPARQL endpoint stand-in on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        owner = self
        self.connections = 0
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                size = int(self.headers.get("content-length") or 0)
                self.rfile.read(size)
                body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
                    {"s": {"type": "literal", "value": "from-the-listener"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # noqa: N815 - http.server's naming

            def log_message(self, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request: object, client_address: object) -> bool:
                with owner.lock:
                    owner.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self) -> int:
        with self.lock:
            return self.connections

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.stop()


@dataclass(frozen=True)
class Spelling:
    name: str
    text: str  # @U@ is the listener's URL, @BASE@ its root
    word: str  # SERVICE or LOAD
    reaches: bool = True  # Oxigraph 0.5 runs it (else only an engine applying \u escapes everywhere)

    def render(self, listener: Listener) -> str:
        base = f"http://127.0.0.1:{listener.port}/"
        return self.text.replace("@U@", listener.url).replace("@BASE@", base)


PATTERN = "{ ?s ?p ?o }"
QUERIES = [
    Spelling("plain", f"SELECT * WHERE {{ SERVICE <@U@> {PATTERN} }}", "SERVICE"),
    # the old lexer ended a comment at LF only; Oxigraph ends it at CR too
    Spelling("comment-cr", f"SELECT * WHERE {{ # x\rSERVICE <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("comment-crlf", f"SELECT * WHERE {{ # x\r\nSERVICE <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("comment-cr-twice", f"SELECT * WHERE {{ # a\r# b\rSERVICE <@U@> {PATTERN} }}", "SERVICE"),
    # the old lexer read "<2)SERVICE#>" as one IRI
    Spelling("lt-iri-trick", f"SELECT * WHERE {{ BIND(1 AS ?c) FILTER(?c<2)SERVICE#>\n <@U@> {PATTERN} }}",
             "SERVICE"),
    Spelling("lt-iri-trick-var", "SELECT * WHERE { BIND(1 AS ?c) BIND(2 AS ?d) "
             f"FILTER(?c<?d)SERVICE#>\n <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("lt-iri-trick-call", "SELECT * WHERE { BIND(1 AS ?c) "
             f"FILTER(STR(?c)<\"2\")SERVICE#>\n <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("le-iri-trick", f"SELECT * WHERE {{ BIND(1 AS ?c) FILTER(?c<=2)SERVICE#>\n <@U@> {PATTERN} }}",
             "SERVICE"),
    Spelling("lower-case", f"select * where {{ service <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("mixed-case", f"SeLeCt * WhErE {{ sErViCe <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("silent", f"SELECT * WHERE {{ SERVICE SILENT <@U@> {PATTERN} }}", "SERVICE"),
    # Oxigraph takes a keyword glued to what follows
    Spelling("glued-silent", f"SELECT * WHERE {{ SERVICESILENT<@U@> {PATTERN} }}", "SERVICE"),
    Spelling("glued-prefixed", f"PREFIX ex: <@BASE@> SELECT * WHERE {{ SERVICEex:sparql {PATTERN} }}",
             "SERVICE"),
    Spelling("glued-empty-prefix", f"PREFIX : <@BASE@> SELECT * WHERE {{ SERVICE:sparql {PATTERN} }}",
             "SERVICE"),
    Spelling("prefixed-iri", f"PREFIX ex: <@BASE@> SELECT * WHERE {{ SERVICE ex:sparql {PATTERN} }}",
             "SERVICE"),
    Spelling("variable", f"SELECT * WHERE {{ VALUES ?u {{ <@U@> }} SERVICE ?u {PATTERN} }}", "SERVICE",
             reaches=False),  # Oxigraph refuses a variable service name at run time
    Spelling("escaped-iri", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:@PORT@/\\u0073parql> {PATTERN} }}",
             "SERVICE"),
    Spelling("optional", f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <@U@> {PATTERN} }} }}", "SERVICE"),
    Spelling("union", f"SELECT * WHERE {{ {{ BIND(1 AS ?x) }} UNION {{ SERVICE <@U@> {PATTERN} }} }}",
             "SERVICE"),
    Spelling("minus", f"SELECT * WHERE {{ BIND(1 AS ?s) MINUS {{ SERVICE <@U@> {PATTERN} }} }}", "SERVICE"),
    Spelling("exists", f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <@U@> {PATTERN} }} }}", "SERVICE"),
    Spelling("not-exists", f"ASK {{ FILTER NOT EXISTS {{ SERVICE <@U@> {PATTERN} }} }}", "SERVICE"),
    Spelling("sub-select", f"SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <@U@> {PATTERN} }} }} }}",
             "SERVICE"),
    Spelling("graph", f"SELECT * WHERE {{ GRAPH ?g {{ ?a ?b ?c }} SERVICE <@U@> {PATTERN} }}", "SERVICE",
             reaches=False),  # the empty store has no graph to join with
    Spelling("construct", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <@U@> {PATTERN} }}", "SERVICE"),
    Spelling("deep", "SELECT * WHERE { OPTIONAL { { SELECT * WHERE { { BIND(1 AS ?z) } UNION "
             f"{{ FILTER EXISTS {{ GRAPH ?g {{ }} }} }} UNION {{ FILTER NOT EXISTS {{ SERVICE <@U@> {PATTERN} }} }} "
             "} } } }", "SERVICE"),
    # an escaped ")" in an IRI and an escaped quote in a string, so that neither spelling
    # (as written, or with every escape applied) lexes as Oxigraph does
    Spelling("escape-desync", "SELECT * WHERE { BIND(1 AS ?c) FILTER(?c = <urn:x\\u0041)> || "
             "\"\\u0022\" = \"\" || ?c<2)SERVICE#>\n"
             f" <@U@> {PATTERN} }} # \"\"\") }}", "SERVICE"),
    # SPARQL 1.1 section 19.2: \u escapes anywhere (Oxigraph 0.5 only in IRIs and strings)
    Spelling("u-escape", f"SELECT * WHERE {{ \\u0053ERVICE <@U@> {PATTERN} }}", "SERVICE", reaches=False),
    Spelling("u-escape-lower", f"SELECT * WHERE {{ ser\\u0076ice <@U@> {PATTERN} }}", "SERVICE",
             reaches=False),
    Spelling("U-escape", f"SELECT * WHERE {{ \\U00000053\\U00000045RVICE <@U@> {PATTERN} }}", "SERVICE",
             reaches=False),
    Spelling("u-escape-comment-end", f"SELECT * WHERE {{ # x\\u000DSERVICE <@U@> {PATTERN} }}", "SERVICE",
             reaches=False),
]
UPDATES = [
    Spelling("load", "LOAD <@U@>", "LOAD"),
    Spelling("load-lower", "load <@U@>", "LOAD"),
    Spelling("load-silent", "LOAD SILENT <@U@>", "LOAD"),
    Spelling("load-into", "LOAD <@U@> INTO GRAPH <urn:kgraph:test>", "LOAD"),
    Spelling("load-glued", "LOADSILENT<@U@>", "LOAD"),
    Spelling("load-comment-cr", "# x\rLOAD <@U@> INTO GRAPH <urn:kgraph:test>", "LOAD"),
    Spelling("load-second", "INSERT DATA { <urn:a> <urn:b> <urn:c> } ;\nLOAD SILENT <@U@>", "LOAD"),
    Spelling("load-third", "CLEAR SILENT GRAPH <urn:g> ; DROP SILENT GRAPH <urn:h> ; LOAD SILENT <@U@>",
             "LOAD"),
    Spelling("load-prefixed", "PREFIX ex: <@BASE@> LOAD SILENT ex:sparql", "LOAD"),
    Spelling("load-u-escape", "\\u004cOAD SILENT <@U@>", "LOAD", reaches=False),
    Spelling("update-service", f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <@U@> {PATTERN} }}",
             "SERVICE"),
    Spelling("update-service-second", "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; DELETE { ?s ?p ?o } "
             f"WHERE {{ # x\rSERVICE SILENT <@U@> {PATTERN} }}", "SERVICE"),
]


def render(spelling: Spelling, listener: Listener) -> str:
    return spelling.render(listener).replace("@PORT@", str(listener.port))


def ids(spellings: list[Spelling]) -> list[str]:
    return [s.name for s in spellings]


def test_the_corpus_is_large_enough() -> None:
    assert len(QUERIES) + len(UPDATES) >= 20 and len(QUERIES) >= 20


# --- the judges ------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", QUERIES + UPDATES, ids=ids(QUERIES + UPDATES))
def test_check_refuses_every_spelling(spelling: Spelling, listener: Listener) -> None:
    text = render(spelling, listener)
    with pytest.raises(FederationRefused) as info:
        check_federation(text, allow_federation=False, source="q.rq")
    assert info.value.keyword == spelling.word and info.value.checked
    assert "--allow-federation" in str(info.value)
    check_federation(text, allow_federation=True)


@pytest.mark.parametrize("spelling", QUERIES + UPDATES, ids=ids(QUERIES + UPDATES))
@pytest.mark.parametrize("judge", ["grammar", "lexer"])
def test_each_judge_alone_refuses(spelling: Spelling, judge: str, listener: Listener,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With the other judge blinded, each judge still refuses every spelling: it finds the
    keyword, or (the grammar) cannot parse the text and refuses it as uncheckable."""
    import kgraph.store._sparql as sparql

    blinded = "_lexed_keyword" if judge == "grammar" else "_parsed_keyword"
    monkeypatch.setattr(sparql, blinded, lambda text: None)
    verdict = _judge(render(spelling, listener))
    assert verdict is not None and verdict[0] == spelling.word
    if judge == "lexer":
        assert verdict[1]


def test_the_grammar_reads_the_tree_at_every_depth() -> None:
    assert _parsed_keyword("SELECT * { OPTIONAL { { SELECT * { FILTER NOT EXISTS { MINUS { "
                           "GRAPH ?g { SERVICE ?u { } } } } } } } }") == "SERVICE"
    assert _parsed_keyword("CLEAR ALL ; DROP SILENT GRAPH <urn:g> ;\nload <http://x/>") == "LOAD"
    assert _parsed_keyword("SELECT ?service WHERE { ?load <http://x/service> 'SERVICE' }") is None
    assert _lexed_keyword("SELECT ?service WHERE { ?load <http://x/service> 'SERVICE' }") is None


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE" } # LOAD',
    "SELECT ?load WHERE { ?load ex:service ?x }",
    "SELECT ?loader ?serviceName WHERE { ?loader <http://example.org/service/load> ?serviceName }",
    'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "load service")) }',
    "SELECT * WHERE { ?s ex:downloads ?n FILTER(?n < 10) } # SERVICE <http://x/>\n",
    "PREFIX svc: <http://example.org/service#> SELECT * WHERE { ?s svc:load ?o }",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?service LIMIT 1",
    'SELECT (\'\'\'a\nSERVICE <http://x/> { }\n\'\'\' AS ?text) WHERE { }',
    "SELECT * WHERE { ?s <http://example.org/Service> \"\\u0053ERVICE\" }",
    "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:download> \"load\" } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < <http://example.org/load>) }",
])
def test_the_words_elsewhere_are_allowed(text: str) -> None:
    check_federation(text, allow_federation=False)


def test_other_operations_naming_a_url_fetch_nothing(listener: Listener) -> None:
    """Only SERVICE and LOAD fetch: FROM, GRAPH, DESCRIBE, USING, WITH, ADD, COPY, CREATE
    name graphs of the local store, so they are allowed and the listener hears nothing."""
    url = listener.url
    before = listener.count()
    with kgraph.open("memory:") as kg:
        for q in (f"SELECT * FROM <{url}> FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",  # noqa: S608 - SPARQL, a test URL
                  f"DESCRIBE <{url}>", f"ASK {{ GRAPH <{url}> {{ ?s ?p ?o }} }}"):
            for timeout in (None, 10.0):
                kg.query(q, timeout=timeout)
        for u in (f"ADD SILENT <{url}> TO <urn:g>", f"COPY SILENT <{url}> TO <urn:g>", f"CREATE GRAPH <{url}>",
                  f"INSERT {{ ?s ?p ?o }} USING <{url}> WHERE {{ ?s ?p ?o }}",
                  f"WITH <{url}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"):
            kg.store.update(u)
    assert listener.count() == before


def test_bound_values_are_judged_too() -> None:
    """The text that runs is the one with the VALUES block: a parameter mentioning a word
    is parsed, and the query still runs."""
    from rdflib import Literal

    with kgraph.open("memory:") as kg:
        res = kg.query("SELECT ?x WHERE { BIND(?x AS ?y) }", x=Literal("LOAD SERVICE"))
        assert [str(v) for v in res.column("x")] == ["LOAD SERVICE"]  # type: ignore[union-attr]


def test_no_mention_skips_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import kgraph.store._sparql as sparql

    def boom(text: str) -> str | None:
        raise AssertionError("the grammar was consulted")

    monkeypatch.setattr(sparql, "_parsed_keyword", boom)
    assert _judge("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }") is None


def test_uncheckable_text_is_refused() -> None:
    # Oxigraph syntax rdflib's grammar does not know, with the word in it: fail closed
    with pytest.raises(FederationRefused, match="cannot be checked") as info:
        check_federation("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> . ?s ex:service ?x }",
                         allow_federation=False)
    assert not info.value.checked
    check_federation("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> }", allow_federation=False)


def test_refusal_gives_line_and_column() -> None:
    with pytest.raises(QueryError) as info:
        check_federation("SELECT * WHERE {\r\n  # note\r  SERVICE <http://127.0.0.1:9/> { }\n}",
                         allow_federation=False)
    assert (info.value.line, info.value.column) == (3, 3)


# --- through every entry point -----------------------------------------------------------


@pytest.fixture(scope="module")
def disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path_factory.mktemp("guard") / "store")
    store.ox_store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    yield store
    store.close()


@pytest.mark.parametrize("spelling", QUERIES, ids=ids(QUERIES))
def test_api_and_stores_refuse_queries(spelling: Spelling, listener: Listener,
                                       disk: OxigraphStore) -> None:
    text = render(spelling, listener)
    before = listener.count()
    with kgraph.open("memory:") as kg:
        for timeout in (None, 10.0):
            with pytest.raises(QueryError, match=spelling.word):
                kg.query(text, timeout=timeout)
        with pytest.raises(QueryError, match=spelling.word):
            kg.store.update(text)
    for timeout in (None, 10.0):
        with pytest.raises(QueryError, match=spelling.word):
            disk.query(text, timeout=timeout)
    assert listener.count() == before


@pytest.mark.parametrize("spelling", UPDATES, ids=ids(UPDATES))
def test_api_and_stores_refuse_updates(spelling: Spelling, listener: Listener,
                                       disk: OxigraphStore) -> None:
    text = render(spelling, listener)
    before = listener.count()
    with kgraph.open("memory:") as kg:
        with pytest.raises(QueryError, match=spelling.word):
            kg.store.update(text)
        assert len(kg.store) == 0
        with pytest.raises(QueryError, match=spelling.word):
            kg.query(text)
    with pytest.raises(QueryError, match=spelling.word):
        disk.update(text)
    assert len(disk) == 1
    assert listener.count() == before


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("guard-cli") / "store"
    OxigraphStore(path).close()
    return f"oxigraph:{path}"


def run_cli(store: str, query_file: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_ALLOW_FEDERATION"}
    env["PYTHONPATH"] = str(SRC)
    return subprocess.run([sys.executable, "-m", "kgraph", "--store", store, "query", str(query_file),
                           "--format", "csv", *extra],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.parametrize("spelling", QUERIES, ids=ids(QUERIES))
def test_cli_refuses(spelling: Spelling, listener: Listener, cli_store: str, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_bytes(render(spelling, listener).encode("utf-8"))  # keep CR as written
    before = listener.count()
    proc = run_cli(cli_store, rq)
    assert proc.returncode == 2, proc.stderr
    assert spelling.word in proc.stderr and "--allow-federation" in proc.stderr
    assert listener.count() == before


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    store = OxigraphStore(None)
    live = LiveServer(store, ServeOptions(timeout=10.0, allow_update=True, token=TOKEN))
    yield live
    live.stop()
    store.close()


@pytest.mark.parametrize("spelling", QUERIES, ids=ids(QUERIES))
def test_server_refuses_queries(spelling: Spelling, listener: Listener, server: LiveServer) -> None:
    text = render(spelling, listener)
    before = listener.count()
    answers = [
        httpx.get(server.sparql, params={"query": text}),
        httpx.post(server.sparql, data={"query": text}),
        httpx.post(server.sparql, content=text.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    for r in answers:
        assert r.status_code == 403 and f"{spelling.word} is refused" in r.text, r.text
    assert listener.count() == before


@pytest.mark.parametrize("spelling", UPDATES, ids=ids(UPDATES))
def test_server_refuses_updates(spelling: Spelling, listener: Listener, server: LiveServer) -> None:
    text = render(spelling, listener)
    before = listener.count()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answers = [
        httpx.post(server.sparql, data={"update": text}, headers=auth),
        httpx.post(server.sparql, content=text.encode(),
                   headers={**auth, "Content-Type": "application/sparql-update"}),
    ]
    for r in answers:
        assert r.status_code == 403 and f"{spelling.word} is refused" in r.text, r.text
    assert listener.count() == before
    assert httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"},
                     headers={"Accept": "application/sparql-results+json"}).json()["boolean"] is False


def test_legitimate_mentions_run_everywhere(listener: Listener, server: LiveServer,
                                            cli_store: str, tmp_path: Path) -> None:
    text = ('PREFIX ex: <http://example.org/>\nSELECT ?loader (\'service\' AS ?kind) WHERE {\r'
            '  # SERVICE <http://127.0.0.1:9/> and LOAD in a comment\r\n'
            '  VALUES ?loader { ex:service <http://example.org/load> }\n'
            '  FILTER(?loader != <http://example.org/SERVICE>)\n}')
    before = listener.count()
    with kgraph.open("memory:") as kg:
        for timeout in (None, 10.0):
            res = kg.query(text, timeout=timeout)
            assert [str(v) for v in res.column("loader")] == [  # type: ignore[union-attr]
                "http://example.org/service", "http://example.org/load"]
    r = httpx.get(server.sparql, params={"query": text}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and "http://example.org/load" in r.text
    rq = tmp_path / "ok.rq"
    rq.write_bytes(text.encode())
    proc = run_cli(cli_store, rq)
    assert proc.returncode == 0 and "http://example.org/load" in proc.stdout, proc.stderr
    assert listener.count() == before


# --- the listener does hear a federated query when allowed --------------------------------


@pytest.mark.parametrize("spelling", [s for s in QUERIES + UPDATES if s.reaches],
                         ids=ids([s for s in QUERIES + UPDATES if s.reaches]))
def test_allowed_federation_reaches_the_listener(spelling: Spelling, listener: Listener) -> None:
    """Each spelling is a real SERVICE or LOAD for Oxigraph: allowed, it calls the listener."""
    text = render(spelling, listener)
    before = listener.count()
    store = OxigraphStore(None)
    try:
        if spelling in UPDATES:
            try:
                store.update(text, allow_federation=True)
            except Exception:  # noqa: BLE001 - the listener answers SPARQL JSON, not RDF
                pass
        else:
            store.query(text, allow_federation=True, timeout=10.0)
    finally:
        store.close()
    assert listener.count() > before


def test_allowed_service_runs_in_process_and_in_the_worker(listener: Listener) -> None:
    text = f"SELECT ?s WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    with kgraph.open("memory:") as kg:
        for timeout in (None, 10.0):
            before = listener.count()
            res = kg.query(text, timeout=timeout, allow_federation=True)
            assert [str(v) for v in res.column("s")] == ["from-the-listener"]  # type: ignore[union-attr]
            assert listener.count() > before


# --- the second wall: a query worker without network -------------------------------------


def _unshare_works() -> bool:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(0 if isolate_network() else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


needs_unshare = pytest.mark.skipif(not sys.platform.startswith("linux") or not _unshare_works(),
                                   reason="network namespaces are not permitted here")


@needs_unshare
@pytest.mark.parametrize("memory", [True, False], ids=["memory-snapshot", "on-disk-read-only"])
def test_worker_without_federation_reaches_no_host(listener: Listener, disk: OxigraphStore,
                                                   memory: bool) -> None:
    """Past the text check (the backend called directly), the worker still reaches nothing,
    while it still reads its store."""
    store = OxigraphStore(None) if memory else disk
    if memory:
        store.ox_store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    prefixes: dict[str, str] = {}
    before = listener.count()
    kind, payload = run_in_worker(store.ox_store, store.path,
                                  f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                                  timeout=20.0, prefixes=prefixes)
    assert kind == "error", payload
    assert listener.count() == before
    kind, payload = run_in_worker(store.ox_store, store.path,
                                  "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=20.0,
                                  prefixes=prefixes)
    assert kind == "select" and ("u", "urn:c") in payload[1][0]  # type: ignore[index]
    # with federation allowed the same worker does reach it
    kind, payload = run_in_worker(store.ox_store, store.path,
                                  f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                                  timeout=20.0, prefixes=prefixes, network=True)
    assert kind == "select" and listener.count() > before
    # the backend's own entry below the check passes the refusal down too
    before = listener.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 - the worker reports a connection error
        store._query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                     timeout=20.0, source=None)
    assert listener.count() == before
    if memory:
        store.close()


def test_isolate_network_never_raises() -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            ok = isolate_network()
            if ok:
                with socket.socket() as s:
                    s.settimeout(2)
                    try:
                        s.connect(("127.0.0.1", 9))
                        os._exit(3)
                    except OSError:
                        pass
            os._exit(0)
        except BaseException:  # noqa: BLE001
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
