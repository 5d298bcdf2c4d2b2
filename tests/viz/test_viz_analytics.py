"""Centrality, communities, paths and ego networks on the projected founding sample."""

from __future__ import annotations

import networkx as nx
import pytest

from kgraph.errors import InputError
from kgraph.store import OxigraphStore
from kgraph.viz import (
    analyse,
    betweenness_centrality,
    communities,
    degree_centrality,
    ego_network,
    fast_layout,
    find_node,
    project,
    shortest_path,
)


@pytest.fixture
def g(sample_store: OxigraphStore) -> nx.MultiDiGraph:
    return project(sample_store)


def label(g: nx.MultiDiGraph, n: str) -> str:
    return str(g.nodes[n]["label"])


def test_centrality_ranks_the_hubs(g: nx.MultiDiGraph) -> None:
    degree = degree_centrality(g)
    top = max(degree, key=lambda n: degree[n])
    assert label(g, top) == "footwear, leather goods and tannery machinery"
    # 8 distinct neighbours out of 27 other nodes
    assert degree[top] == pytest.approx(8 / 27)
    between = betweenness_centrality(g)
    assert label(g, max(between, key=lambda n: between[n])) == "General Assembly of Assomac 2025"
    assert between[find_node(g, "domestic market")] == 0.0


def test_communities_partition_the_graph(g: nx.MultiDiGraph) -> None:
    parts = communities(g)
    assert sum(len(p) for p in parts) == g.number_of_nodes()
    assert set().union(*parts) == set(g.nodes)
    assert [len(p) for p in parts] == sorted((len(p) for p in parts), reverse=True)
    markets = next(p for p in parts if find_node(g, "China") in p)
    assert find_node(g, "Italy") in markets and find_node(g, "Mauro Bergozza") not in markets
    assert parts == communities(g)  # deterministic with the default seed


def test_find_node_by_iri_label_alias_or_unique_part(g: nx.MultiDiGraph) -> None:
    ita = "https://w3id.org/kgraph/id/org/italian-trade-agency"
    assert find_node(g, ita) == ita
    assert find_node(g, "italian trade agency") == ita
    assert find_node(g, "ICE") == ita  # skos:altLabel
    assert find_node(g, "Polytechnic").endswith("/org/milan-polytechnic")
    with pytest.raises(InputError, match="ambiguous entity, it matches: .*Maurizio Forte.*Maurizio Tarquini"):
        find_node(g, "Maurizio")
    with pytest.raises(InputError, match=r"did you mean: Assomac"):
        find_node(g, "Asomac")


def test_shortest_path_and_no_path(g: nx.MultiDiGraph) -> None:
    path = [label(g, n) for n in shortest_path(g, "Giuliano Noci", "Confindustria")]
    assert path == ["Giuliano Noci", "General Assembly of Assomac 2025", "Assomac", "Confindustria"]
    with pytest.raises(InputError, match="no path between 'Assomac' and 'domestic market'"):
        shortest_path(g, "Assomac", "domestic market")


def test_ego_network_grows_with_depth(g: nx.MultiDiGraph) -> None:
    one = ego_network(g, "Assomac", depth=1)
    assert sorted(label(one, n) for n in one) == sorted([
        "Assomac", "Confindustria", "Mauro Bergozza", "General Assembly of Assomac 2025",
        "access to subsidised finance tools", "technical training",
        "Assomac: the leather, footwear and leather goods technology sector closes 2024 at -12%"])
    two = ego_network(g, "Assomac", depth=2)
    assert set(one) < set(two) and "Maurizio Tarquini" in {label(two, n) for n in two}
    assert all("label" in d for _, _, d in two.edges(data=True))
    assert ego_network(g, "Assomac", depth=0).number_of_nodes() == 1
    with pytest.raises(InputError, match="depth must be 0 or more"):
        ego_network(g, "Assomac", depth=-1)


def test_analyse_report(g: nx.MultiDiGraph) -> None:
    report = analyse(g, top=3, path=("Mauro Bergozza", "Maurizio Tarquini"))
    assert (report.nodes, report.edges) == (28, 35)
    assert [c.label for c in report.central] == [
        "General Assembly of Assomac 2025", "Assomac", "footwear, leather goods and tannery machinery"]
    assert report.central[0].cls == "Event"
    assert report.path == ["Mauro Bergozza", "General Assembly of Assomac 2025", "Maurizio Tarquini"]
    assert sum(len(c) for c in report.communities) == 28
    with pytest.raises(InputError, match="top must be 1 or more"):
        analyse(g, top=0)


def test_fast_layout_separates_nodes_and_keeps_edges_short() -> None:
    g = nx.connected_caveman_graph(30, 10)  # 300 nodes in 30 cliques
    pos = fast_layout(g, seed=3)
    assert set(pos) == set(g.nodes)
    assert pos == fast_layout(g, seed=3)
    import math

    def dist(a: int, b: int) -> float:
        return math.dist(pos[a], pos[b])

    edge_mean = sum(dist(u, v) for u, v in g.edges) / g.number_of_edges()
    pairs = [(i, (i * 7919) % 300) for i in range(300) if i != (i * 7919) % 300]
    random_mean = sum(dist(a, b) for a, b in pairs) / len(pairs)
    assert edge_mean * 3 < random_mean  # neighbours end up much closer than random pairs
    assert len({(round(x, 3), round(y, 3)) for x, y in pos.values()}) == 300
