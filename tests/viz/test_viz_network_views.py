"""The network page's views in headless Chromium: readable labels at overview zoom, colour
by community, and a big graph that shows its hubs first and reveals the rest on click."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from test_viz_browser import Opened, only_local, open_page  # noqa: F401 - open_page is a fixture
from viz_payloads import PAYLOAD_IMG, PAYLOAD_SCRIPT

from kgraph.store import OxigraphStore
from kgraph.viz import CLASS_COLOURS, COMMUNITY_COLOURS, page_data, project, write_html

pytestmark = pytest.mark.browser


def hubs_and_leaves(hubs: int = 8, leaves: int = 70) -> nx.MultiDiGraph:
    """Hubs in a ring, each with its own leaves: the hubs are the most connected nodes and
    every hub with its leaves is one community."""
    g = nx.MultiDiGraph()
    for h in range(hubs):
        g.add_node(f"h{h}", label=f"Hub number {h}", cls="Organisation", type="Company", iri=f"urn:h{h}")
    for h in range(hubs):
        g.add_edge(f"h{h}", f"h{(h + 1) % hubs}", label="partner")
        for k in range(leaves):
            leaf = f"l{h}-{k}"
            g.add_node(leaf, label=f"Leaf {h}.{k}", cls="Place", type="City", iri=f"urn:{leaf}")
            g.add_edge(f"h{h}", leaf, label="in")
    return g


def test_the_hubs_keep_readable_labels_at_overview_zoom(
    open_page: Callable[[Path], Opened], tmp_path: Path, artifacts_dir: Path  # noqa: F811
) -> None:
    g = hubs_and_leaves()
    o = open_page(write_html(g, tmp_path / "big.html", max_nodes=None, label_top=8))
    assert o.js("kgraph.network.body.nodeIndices.length") == g.number_of_nodes()
    # the whole graph fits the view: vis-network's own labels are too small to draw
    assert o.js("kgraph.network.getScale() * 14") < 5
    o.js("kgraph.network.redraw()")
    drawn = o.js("kgraph.overview")
    assert sorted(drawn) == sorted(f"Hub number {h}" for h in range(8))
    o.page.screenshot(path=str(artifacts_dir / "viz-overview-labels.png"))
    # zoomed in, vis-network draws the labels itself and the overlay steps aside
    o.js("kgraph.network.moveTo({scale: 1.5}); kgraph.network.redraw()")
    assert o.js("kgraph.overview") == []
    assert o.errors == [] and o.blocked == [] and only_local(o.requests)


def test_colour_by_community_toggles_with_a_legend(
    sample_store: OxigraphStore, open_page: Callable[[Path], Opened], tmp_path: Path,  # noqa: F811
    artifacts_dir: Path,
) -> None:
    g = project(sample_store)
    data = page_data(g)
    assert len(data["communities"]) >= 2
    o = open_page(write_html(g, tmp_path / "network.html"))
    assert o.page.locator("#kg-communities").is_hidden()
    o.page.locator("#kg-colour-community").check()
    legend = o.page.locator("#kg-communities .kg-community")
    assert legend.count() == len(data["communities"])
    assert o.page.locator("#kg-communities").is_visible()
    colours = o.js("Object.fromEntries(kgraph.nodes.get().map(n => [n.id, n.color.background]))")
    for n in data["nodes"]:
        expected = COMMUNITY_COLOURS[n["community"]] if n["community"] < len(COMMUNITY_COLOURS) else None
        if expected:
            assert colours[str(n["id"])] == expected, n["label"]
    # the largest community is named after its best-connected member
    first = legend.first.text_content()
    assert first.endswith(f"({data['communities'][0]['count']})")
    o.page.screenshot(path=str(artifacts_dir / "viz-communities.png"))
    o.page.locator("#kg-colour-class").check()
    colours = o.js("Object.fromEntries(kgraph.nodes.get().map(n => [n.id, n.color.background]))")
    assert all(colours[str(n["id"])] == CLASS_COLOURS[n["cls"]] for n in data["nodes"])
    assert o.page.locator("#kg-communities").is_hidden()
    assert o.errors == []


def test_a_capped_graph_reveals_hidden_neighbours_on_click(
    open_page: Callable[[Path], Opened], tmp_path: Path  # noqa: F811
) -> None:
    g = hubs_and_leaves(hubs=4, leaves=30)
    o = open_page(write_html(g, tmp_path / "capped.html", max_nodes=4))
    shown = o.js("kgraph.network.body.nodeIndices.length")
    assert shown == 4  # the hubs, the most connected nodes
    assert "(4 shown;" in o.page.locator("#kg-counts").text_content()
    assert o.js("kgraph.nodeView.get().every(n => n.label.includes('(+30)'))") is True
    hub = o.node_id("Hub number 2")
    o.page.mouse.click(*o.node_point(hub))
    assert o.js("kgraph.network.body.nodeIndices.length") == 4 + 30
    visible = set(o.js("kgraph.nodeView.getIds()"))
    leaves = {o.node_id(f"Leaf 2.{k}") for k in range(30)}
    assert leaves <= visible
    assert "Hub number 2" in o.page.locator("#kg-info").inner_text()
    assert o.js(f"kgraph.nodes.get({hub}).label") == "Hub number 2"  # nothing left to reveal
    # search finds a node still hidden, and shows it
    o.page.locator("#kg-search").fill("Leaf 0.7")
    o.page.locator("#kg-search").press("Enter")
    leaf = o.node_id("Leaf 0.7")
    assert leaf in o.js("kgraph.nodeView.getIds()")
    assert o.js("kgraph.network.getSelectedNodes()") == [leaf]
    assert o.errors == [] and o.blocked == []


def test_a_small_graph_is_not_capped(sample_store: OxigraphStore) -> None:
    data = page_data(project(sample_store))
    assert data["capped"] is False and not any(n.get("collapsed") for n in data["nodes"])
    ranked = sorted((n for n in data["nodes"] if "rank" in n), key=lambda n: n["rank"])
    assert len(ranked) == 12


def test_linked_figures_and_community_legend_stay_inert(
    payload_store: OxigraphStore, open_page: Callable[[Path], Opened], tmp_path: Path  # noqa: F811
) -> None:
    g = project(payload_store, link_figures=True)
    assert any(d["cls"] == "Figure" for _, d in g.nodes(data=True))
    o = open_page(write_html(g, tmp_path / "evil.html", max_nodes=10, label_top=40))
    o.page.locator("#kg-colour-community").check()
    o.js("kgraph.network.fit(); kgraph.network.moveTo({scale: 0.1}); kgraph.network.redraw()")
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG):
        o.page.locator("#kg-search").fill(payload)
        o.page.locator("#kg-search").press("Enter")
        assert o.js("kgraph.network.getSelectedNodes()") == [o.node_id(payload)]
    assert o.js("document.querySelectorAll('img, iframe').length") == 0
    assert o.dialogs == [] and o.js("window.__pwned === undefined") is True
    assert o.errors == [] and o.blocked == []


def test_communities_of_a_big_graph_reach_the_nodes_beyond_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    import kgraph.viz._html as page

    monkeypatch.setattr(page, "_COMMUNITY_LIMIT", 8)  # Louvain on the hubs only
    g = hubs_and_leaves(hubs=8, leaves=10)
    data = page_data(g, max_nodes=None)
    by_label = {n["label"]: n for n in data["nodes"]}
    for h in range(8):  # every leaf joins its hub's community
        hub = by_label[f"Hub number {h}"]["community"]
        assert all(by_label[f"Leaf {h}.{k}"]["community"] == hub for k in range(10))
    assert sum(c["count"] for c in data["communities"]) == g.number_of_nodes()
