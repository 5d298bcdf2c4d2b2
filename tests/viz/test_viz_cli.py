"""`kgraph viz`, `kgraph analyse` and the network page of `kgraph run`, on a real on-disk store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store import OxigraphStore

RELEASE = "assomac-2025-06-20-sector-2024"


def invoke(store_url: str, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["--store", store_url, *args], env=env)


def page_json(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m is not None
    return json.loads(m.group(1))


def quads(store_url: str) -> int:
    with OxigraphStore(Path(store_url.removeprefix("oxigraph:"))) as s:
        return len(s)


def test_viz_whole_graph_default_output(sample_store_url: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(sample_store_url, "viz")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "wrote out/network.html (28 nodes, 35 edges)"
    data = page_json(tmp_path / "out" / "network.html")
    assert len(data["nodes"]) == 28 and len(data["edges"]) == 35
    assert not (tmp_path / "lib").exists()


def test_viz_ego_to_graphml(sample_store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "ego.graphml"
    result = invoke(sample_store_url, "viz", "--ego", "Assomac", "--depth", "1",
                    "--format", "graphml", "--output", str(out))
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == 7
    assert "https://w3id.org/kgraph/id/org/confindustria" in g


def test_viz_release_and_facts_as_nodes(sample_store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = invoke(sample_store_url, "viz", "--release", f"data/releases/{RELEASE}.txt",
                    "--facts-as-nodes", "-o", str(out), "--title", "One release")
    assert result.exit_code == 0, result.output
    data = page_json(out)
    assert data["title"] == "One release"
    assert sum(1 for n in data["nodes"] if n["cls"] == "Fact") == 19
    bad = invoke(sample_store_url, "viz", "--release", "missing-release", "-o", str(out))
    assert bad.exit_code == 2 and f"no such release in the store (releases: {RELEASE})" in bad.output


def test_viz_query_file_and_named_query(sample_store_url: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = ("PREFIX org: <http://www.w3.org/ns/org#>\n"
            "CONSTRUCT { ?p org:memberOf ?o } WHERE { ?m org:member ?p ; org:organization ?o }\n")
    (tmp_path / "members.rq").write_text(text)
    # a file, and a name from the named-query library (queries/membership-network.rq)
    for name in ("members.rq", "membership-network"):
        result = invoke(sample_store_url, "viz", "--query", name, "--format", "gexf", "-o", "q.gexf")
        assert result.exit_code == 0, result.output
        assert nx.read_gexf(tmp_path / "q.gexf").number_of_edges() == 4
    unknown = invoke(sample_store_url, "viz", "--query", "no-such-query")
    assert unknown.exit_code == 2 and "no-such-query: unknown query" in unknown.output
    (tmp_path / "broken.rq").write_text("CONSTRUCT WHERE {")
    broken = invoke(sample_store_url, "viz", "--query", "broken.rq")
    assert broken.exit_code == 2 and "broken.rq: " in broken.output and "malformed SPARQL" in broken.output


def test_viz_bad_input_is_a_usage_error_and_leaves_the_store(sample_store_url: str, tmp_path: Path) -> None:
    before = quads(sample_store_url)
    result = invoke(sample_store_url, "viz", "--ego", "Nobody", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert "kgraph: error: Nobody: no entity with this name or IRI" in result.output
    assert not (tmp_path / "x.html").exists()
    result = invoke(sample_store_url, "viz", "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.output
    assert quads(sample_store_url) == before


def test_analyse_prints_centrality_communities_and_path(sample_store_url: str) -> None:
    result = invoke(sample_store_url, "analyse", "--top", "3", "--path", "Giuliano Noci", "Confindustria")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "28 entities, 35 relations"
    assert lines[2].startswith("  1. General Assembly of Assomac 2025 [Event]  betweenness 0.214")
    assert lines[5] == "Communities (Louvain): 6"
    assert lines[-1] == ("Shortest path: Giuliano Noci -> General Assembly of Assomac 2025 -> "
                         "Assomac -> Confindustria")
    no_path = invoke(sample_store_url, "analyse", "--path", "Assomac", "domestic market")
    assert no_path.exit_code == 2 and "no path between 'Assomac' and 'domestic market'" in no_path.output


def test_run_writes_the_whole_graph_page(tmp_path: Path) -> None:
    # run() builds the founding release into an empty store, then draws the whole graph.
    out = tmp_path / "reports"
    url = f"oxigraph:{tmp_path / 'store'}"
    releases = Path(__file__).resolve().parents[2] / "data" / "releases"
    result = invoke(url, "run", env={"KGRAPH_OUT": str(out), "KGRAPH_RELEASES": str(releases),
                                     "KGRAPH_WIKIDATA_ENDPOINT": "http://127.0.0.1:9/sparql",
                                     "KGRAPH_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 0, result.output
    assert f"network page: {out / 'network.html'}" in result.output
    from kgraph.store import open_store
    from kgraph.viz import project

    with open_store(url) as store:
        expected = project(store)
    nodes = page_json(out / "network.html")["nodes"]
    assert len(nodes) == expected.number_of_nodes()
    assert {"Assomac", "Mauro Bergozza", "Kilometro Rosso Innovation District"} <= {n["label"] for n in nodes}


def test_query_parameters_need_a_query_and_are_checked(sample_store_url: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    alone = invoke(sample_store_url, "viz", "--param", "organisation=Assomac")
    assert alone.exit_code == 2 and "--param goes with --query" in alone.output
    (tmp_path / "q.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
    bad = invoke(sample_store_url, "viz", "--query", "q.rq", "--param", "novalue")
    assert bad.exit_code == 2 and "--param: expected NAME=VALUE, not 'novalue'" in bad.output


def test_analyse_without_path_and_on_an_empty_store(sample_store_url: str) -> None:
    result = invoke(sample_store_url, "analyse", "--top", "1")
    assert result.exit_code == 0, result.output
    assert "Shortest path" not in result.output
    assert result.output.splitlines()[2].startswith("  1. General Assembly of Assomac 2025")
    # Nothing to analyse is said, not printed as zero entities (issue 13).
    empty = invoke("memory:", "analyse")
    assert empty.exit_code == 2, empty.output
    assert "the store is empty" in empty.output


def test_viz_link_figures_ego_and_node_cap(sample_store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "figures.html"
    result = invoke(sample_store_url, "viz", "--link-figures", "--ego", "Assomac",
                    "--max-nodes", "5", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = page_json(out)
    figures = [n for n in data["nodes"] if n["cls"] == "Figure"]
    assert len(figures) == 5
    assert [n["label"] for n in data["nodes"] if n.get("focus")] == ["Assomac"]
    assert data["capped"] is True
    assert sum(not n.get("collapsed") for n in data["nodes"]) == 5
    bad = invoke(sample_store_url, "viz", "--link-figures", "--query", "x.rq")
    assert bad.exit_code == 2 and "--link-figures" in bad.output
