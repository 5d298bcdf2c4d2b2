"""The query commands end to end: real stores, a real `oxigraph serve`, real HTTP servers
for the fault cases, a second process holding the store."""

from __future__ import annotations

import csv
import http.server
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph_testing import OxigraphServer, free_port

runner = CliRunner()


def kgraph(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory, founding_linked_trig: Path) -> str:
    """The real build of the founding release (with curated links), imported by the CLI."""
    url = f"oxigraph:{tmp_path_factory.mktemp('cli') / 'store'}"
    code, out = kgraph("--store", url, "import", str(founding_linked_trig))
    assert code == 0, out
    assert f"{quad_count(founding_linked_trig)} quads read" in out
    return url


def quad_count(path: Path) -> int:
    ds = Dataset()
    ds.parse(path, format="trig")
    return len(list(ds.quads()))  # len(ds) counts a triple stated in two graphs once


def test_query_plain_table_when_piped(store_url: str) -> None:
    code, out = kgraph("--store", store_url, "query", "people-roles", "--param", "organisation=Assomac")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split() == ["person", "name", "role", "unit", "org", "orgName", "source"]
    assert "Mauro Bergozza" in lines[1] and "President" in lines[1] and "kgi:org/assomac" in lines[1]
    assert len(lines) == 2 and "│" not in out and "┃" not in out


def test_query_formats(store_url: str) -> None:
    code, out = kgraph("--store", store_url, "query", "world-export-share", "-p", "period=2024", "-f", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["segment"], r["share"]) for r in rows] == [
        ("tannery machinery", "52"), ("leather goods machinery", "35"), ("footwear machinery", "12")]
    code, out = kgraph("--store", store_url, "query", "world-export-share", "-f", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"][0] == "segment"
    first = doc["results"]["bindings"][0]["share"]
    assert first["value"] == "52" and first["datatype"].endswith("#decimal")
    code, out = kgraph("--store", store_url, "query", "drivers", "-f", "tsv")
    assert out.splitlines()[1].split("\t")[0] == "geopolitical instability"
    code, out = kgraph("--store", store_url, "query", "markets-by-relation", "-p", "relation=competitor", "-f", "md")
    assert out.splitlines()[0].startswith("| market | marketName")
    assert "| kgi:place/china | China |" in out


def test_ask_construct_and_file_queries(store_url: str, tmp_path: Path) -> None:
    code, out = kgraph("--store", store_url, "query", "is-linked", "-p", "entity=kgi:place/china")
    assert (code, out.strip()) == (0, "true")
    code, out = kgraph("--store", store_url, "query", "membership-network", "-f", "ttl")
    assert code == 0 and "org:memberOf" in out
    rq = tmp_path / "describe.rq"
    rq.write_text("DESCRIBE ?e WHERE { ?e foaf:name ?n }\n", encoding="utf-8")
    code, out = kgraph("--store", store_url, "query", str(rq), "-p", "n=Giuliano Noci", "-f", "ttl")
    assert code == 0, out
    assert "person/giuliano-noci" in out and "Giuliano Noci" in out
    code, out = kgraph("--store", store_url, "query", "world-export-share", "-f", "ttl")
    assert code == 2 and "does not fit SELECT" in out


def test_queries_lists_names_titles_and_parameters() -> None:
    code, out = kgraph("queries")
    assert code == 0
    assert any(line.startswith("people-roles") and 'organisation:string=""' in line
               for line in out.splitlines())
    code, out = kgraph("queries", "-f", "json")
    names = [q["name"] for q in json.loads(out)]
    assert len(names) >= 12 and "entity-facts" in names


def test_describe_by_label_curie_and_iri(store_url: str) -> None:
    code, out = kgraph("--store", store_url, "describe", "Agenzia ICE")
    assert code == 0, out
    assert out.startswith("kgi:org/italian-trade-agency  Italian Trade Agency")
    types = next(line for line in out.splitlines() if line.strip().startswith("types:"))
    assert "kg:GovernmentAgency" in types and "org:organization" in out
    code2, out2 = kgraph("--store", store_url, "describe", "kgi:org/italian-trade-agency")
    code3, out3 = kgraph("--store", store_url, "describe", "<https://w3id.org/kgraph/id/org/italian-trade-agency>")
    assert code2 == code3 == 0 and out2 == out3 == out
    code, out = kgraph("--store", store_url, "describe", "Atlantis")
    assert code == 2 and "no entity has this label" in out


def test_export_and_stats(store_url: str, tmp_path: Path, founding_linked_trig: Path) -> None:
    target = tmp_path / "links.jsonld"
    code, out = kgraph("--store", store_url, "export", "-f", "jsonld", "-g", "kgg:links", "-o", str(target))
    assert code == 0, out
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["@context"]["owl"] == "http://www.w3.org/2002/07/owl#"
    # the seven curated places of data/links/curated.csv
    code, out = kgraph("--store", store_url, "export", "-f", "nt", "-g", "kgg:links")
    same_as = [line for line in out.splitlines() if "owl#sameAs> <http://www.wikidata.org/entity/" in line]
    assert code == 0 and len(same_as) == 7
    assert "<https://w3id.org/kgraph/id/place/italy> <http://www.w3.org/2002/07/owl#sameAs> " \
           "<http://www.wikidata.org/entity/Q38> ." in same_as
    code, out = kgraph("--store", store_url, "stats", "-f", "json")
    stats = json.loads(out)
    quads = quad_count(founding_linked_trig)
    assert stats["quads"] == quads
    assert stats["graphs"]["https://w3id.org/kgraph/graph/release/assomac-2025-06-20-sector-2024"] > 0
    assert "https://w3id.org/kgraph/graph/links" in stats["graphs"]
    assert stats["classes"]["http://xmlns.com/foaf/0.1/Person"] == 4
    code, out = kgraph("--store", store_url, "stats")
    assert f"quads: {quads}" in out and "kgg:links  " in out


def test_bad_queries_and_parameters_exit_2(store_url: str, tmp_path: Path) -> None:
    code, out = kgraph("--store", store_url, "query", "people-role")
    assert code == 2 and "did you mean: people-roles" in out
    code, out = kgraph("--store", store_url, "query", "entity-facts")
    assert code == 2 and "missing parameter 'entity'" in out
    code, out = kgraph("--store", store_url, "query", "world-export-share", "-p", "minShare=much")
    assert code == 2 and "'minShare' expects a decimal number" in out
    code, out = kgraph("--store", store_url, "query", "people-roles", "-p", "organisation")
    assert code == 2 and "KEY=VALUE" in out
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y ?z .\n  ?x foo ?y .\n}\n", encoding="utf-8")
    code, out = kgraph("--store", store_url, "query", str(bad))
    assert code == 2 and "line 3, column" in out and str(bad) in out
    fed = tmp_path / "fed.rq"
    fed.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }\n", encoding="utf-8")
    code, out = kgraph("--store", store_url, "query", str(fed))
    assert code == 2 and "--allow-federation" in out
    assert out.count("\n") == 1


def test_timeout_stops_the_query_and_says_so(store_url: str, tmp_path: Path) -> None:
    rq = tmp_path / "runaway.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\n",
                  encoding="utf-8")
    code, out = kgraph("--store", store_url, "query", str(rq), "--timeout", "0.5")
    assert code == 1
    assert "ran longer than 0.5 s and was stopped" in out


def test_malformed_rdf_import_changes_nothing(tmp_path: Path, founding_linked_trig: Path) -> None:
    url = f"oxigraph:{tmp_path / 'store'}"
    assert kgraph("--store", url, "import", str(founding_linked_trig))[0] == 0
    before = kgraph("--store", url, "export", "-f", "nq")[1]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"open .\n",
                   encoding="utf-8")
    code, out = kgraph("--store", url, "import", str(bad), "--graph", "kgg:import")
    assert code == 2
    assert str(bad) in out and "line 3" in out
    code, out = kgraph("--store", url, "import", str(bad))
    assert code == 2 and "needs a target graph" in out
    assert kgraph("--store", url, "export", "-f", "nq")[1] == before


@pytest.mark.server
def test_commands_against_a_remote_endpoint(tmp_path: Path, founding_linked_trig: Path) -> None:
    server = OxigraphServer(tmp_path / "server")
    try:
        code, out = kgraph("--store", server.base, "import", str(founding_linked_trig))
        assert code == 0, out
        code, out = kgraph("--store", server.base, "query", "people-roles", "-p", "organisation=ICE", "-f", "csv")
        assert code == 0 and "Maurizio Forte" in out
        code, out = kgraph("--store", server.base, "stats", "-f", "json")
        assert json.loads(out)["quads"] == quad_count(founding_linked_trig)
    finally:
        server.stop()


def test_unreachable_endpoint_exits_3_with_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code, out = kgraph("--store", url, "stats")
    assert code == 3
    assert out.startswith("kgraph: error: ") and "cannot reach the SPARQL endpoint" in out
    assert out.count("\n") == 1 and "Traceback" not in out


class _Failing(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(503)
        self.end_headers()
        self.wfile.write(b"overloaded, try later\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_endpoint() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_failing_endpoint_exits_3(failing_endpoint: str) -> None:
    code, out = kgraph("--store", failing_endpoint, "query", "releases")
    assert code == 3
    assert "HTTP 503" in out and "overloaded" in out and out.count("\n") == 1


HOLDER = """
import sys, time, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def test_store_locked_by_another_process(tmp_path: Path, founding_linked_trig: Path) -> None:
    path = tmp_path / "store"
    url = f"oxigraph:{path}"
    assert kgraph("--store", url, "import", str(founding_linked_trig))[0] == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        code, out = kgraph("--store", url, "import", str(founding_linked_trig))
        assert code == 2
        assert "in use by another process" in out and str(path) in out
        assert out.count("\n") == 1 and "Traceback" not in out
        # reading commands open the store read-only and still work beside the holder
        code, out = kgraph("--store", url, "query", "releases", "-f", "csv")
        assert code == 0 and "assomac-2025-06-20-sector-2024.txt" in out
    finally:
        holder.kill()
        holder.wait()
    code, out = kgraph("--store", url, "stats", "-f", "json")
    assert json.loads(out)["quads"] == quad_count(founding_linked_trig)


def test_query_on_a_store_that_does_not_exist(tmp_path: Path) -> None:
    code, out = kgraph("--store", f"oxigraph:{tmp_path / 'none'}", "query", "releases")
    assert code == 2 and "no store here yet" in out
    assert not (tmp_path / "none").exists()


def test_rich_table_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from rdflib import Literal, URIRef
    from rich.console import Console
    from rich.table import Table

    from kgraph._commands import _output
    from kgraph.store import SelectResult

    res = SelectResult(["org", "name"], [{"org": URIRef("https://w3id.org/kgraph/id/org/assomac"),
                                          "name": Literal("Assomac", lang="en")}])
    monkeypatch.setattr(_output, "is_tty", lambda: True)
    table = _output.render_select(res, "table", title="orgs")
    assert isinstance(table, Table) and table.row_count == 1
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(table)
    text = console.export_text()
    assert "kgi:org/assomac" in text and "Assomac" in text and "1 rows" in text
    monkeypatch.setattr(_output, "is_tty", lambda: False)
    assert _output.render_select(res, "table") == "org              name\nkgi:org/assomac  Assomac\n"
