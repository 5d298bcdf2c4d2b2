"""The page in headless Chromium: complete, interactive, offline, and inert to payloads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import networkx as nx
import pytest
from viz_payloads import PAYLOAD_FLAG, PAYLOAD_HREF, PAYLOAD_IMG, PAYLOAD_QUOTES, PAYLOAD_SCRIPT

from kgraph.store import OxigraphStore
from kgraph.viz import project, write_html

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def node_id(self, label: str) -> int:
        return int(self.js(f"kgraph.data.nodes.find(n => n.label === {label!r}).id"))

    def node_point(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#kg-network").bounding_box()
        xy = self.js(f"(() => {{ const n = kgraph.network; const p = n.getPositions([{node_id}])[{node_id}];"
                     " const d = n.canvasToDOM(p); return [d.x, d.y]; })()")
        return box["x"] + xy[0], box["y"] + xy[1]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path], Opened]]:
    contexts = []

    def _open(path: Path) -> Opened:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(ctx)
        opened = Opened(page=None)

        def guard(route: Any) -> None:
            url = urlparse(route.request.url)
            if url.scheme in ("file", "data", "blob", "about") or url.hostname in LOOPBACK:
                route.continue_()
            else:
                opened.blocked.append(route.request.url)
                route.abort()

        ctx.route("**/*", guard)
        page = ctx.new_page()
        opened.page = page
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


def only_local(requests: list[str]) -> bool:
    return all(urlparse(u).scheme in ("file", "data", "blob", "about") for u in requests)


@pytest.fixture
def founding(sample_store: OxigraphStore) -> nx.MultiDiGraph:
    return project(sample_store)


def test_page_draws_the_whole_projection_offline(
    founding: nx.MultiDiGraph, open_page: Callable[[Path], Opened], tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    o = open_page(write_html(founding, tmp_path / "network.html", title="Founding release"))
    counts = o.js("[kgraph.nodes.length, kgraph.edges.length,"
                  " kgraph.network.body.nodeIndices.length, kgraph.network.body.edgeIndices.length]")
    n, m = founding.number_of_nodes(), founding.number_of_edges()
    assert counts == [n, m, n, m]
    # physics settled and was switched off
    assert o.js("kgraph.network.physics.options.enabled") is False
    assert o.page.locator("#kg-title").text_content() == "Founding release"
    assert o.page.locator("#kg-legend .kg-class-name").all_text_contents()[:2] == [
        "Organisation (5)", "Person (4)"]
    o.page.screenshot(path=str(artifacts_dir / "viz-founding.png"))
    assert o.errors == [] and o.dialogs == []
    assert o.blocked == [] and only_local(o.requests), o.requests


def test_clicking_and_hovering_a_node_show_its_tooltip(
    founding: nx.MultiDiGraph, open_page: Callable[[Path], Opened], tmp_path: Path
) -> None:
    o = open_page(write_html(founding, tmp_path / "network.html"))
    italy = o.node_id("Italy")
    x, y = o.node_point(italy)
    o.page.mouse.click(x, y)
    info = o.page.locator("#kg-info").inner_text()
    assert "Country" in info and "Italy" in info
    assert "Wikidata: http://www.wikidata.org/entity/Q38" in info
    assert o.js("kgraph.network.getSelectedNodes()") == [italy]
    o.page.mouse.move(x + 1, y + 1)
    tooltip = o.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Italy" in tooltip.inner_text() and "notation:" in tooltip.inner_text()
    # an edge with a provenance quote
    bergozza = o.node_id("Mauro Bergozza")
    o.page.mouse.click(*o.node_point(bergozza))
    info = o.page.locator("#kg-info").inner_text()
    assert "Mauro Bergozza" in info and "Person" in info
    assert o.errors == []


def test_class_filter_hides_a_class_and_search_finds_entities(
    founding: nx.MultiDiGraph, open_page: Callable[[Path], Opened], tmp_path: Path
) -> None:
    o = open_page(write_html(founding, tmp_path / "network.html"))
    people = {n for n, d in founding.nodes(data=True) if d["cls"] == "Person"}
    o.page.locator("input[data-class='Person']").uncheck()
    visible_edges = sum(1 for u, v in founding.edges() if u not in people and v not in people)
    assert o.js("kgraph.network.body.nodeIndices.length") == founding.number_of_nodes() - len(people)
    assert o.js("kgraph.network.body.edgeIndices.length") == visible_edges
    drawn_classes = o.js("kgraph.nodeView.get().map(n => n.cls)")
    assert "Person" not in drawn_classes and "Organisation" in drawn_classes
    o.page.locator("input[data-class='Person']").check()
    assert o.js("kgraph.network.body.nodeIndices.length") == founding.number_of_nodes()
    o.page.locator("#kg-search").fill("bergozza")
    o.page.locator("#kg-search").press("Enter")
    assert o.js("kgraph.network.getSelectedNodes()") == [o.node_id("Mauro Bergozza")]
    assert o.page.locator("#kg-search-status").text_content() == "1 match"
    o.page.locator("#kg-search").fill("no such thing")
    o.page.locator("#kg-search").press("Enter")
    assert o.page.locator("#kg-search-status").text_content() == "no match"
    assert o.errors == []


def test_payloads_never_run_and_show_literally(
    payload_store: OxigraphStore, open_page: Callable[[Path], Opened], tmp_path: Path
) -> None:
    g = project(payload_store)
    o = open_page(write_html(g, tmp_path / "evil.html", title=PAYLOAD_SCRIPT))
    assert o.dialogs == []
    assert o.js("window.__pwned === undefined") is True
    assert o.js("document.querySelectorAll('img, a, iframe').length") == 0
    assert o.js("document.scripts.length") == 3
    assert o.page.locator("#kg-title").text_content() == PAYLOAD_SCRIPT
    assert o.js("document.title") == PAYLOAD_SCRIPT
    for payload in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_HREF):
        node = o.node_id(payload)
        o.page.mouse.click(*o.node_point(node))
        info = o.page.locator("#kg-info")
        assert payload in info.text_content()
        assert o.js("document.querySelectorAll('#kg-info *').length") == o.js(
            "document.querySelectorAll('#kg-info div').length")  # only our plain divs
    # the href title: the hover tooltip is text too (vis would use innerHTML for a string)
    x, y = o.node_point(o.node_id(PAYLOAD_HREF))
    o.page.mouse.move(x + 1, y + 1)
    tooltip = o.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert PAYLOAD_HREF in tooltip.text_content()
    assert PAYLOAD_QUOTES.replace("\u2028", "") in tooltip.text_content().replace("\u2028", "")
    assert o.js("document.querySelectorAll('div.vis-tooltip a, div.vis-tooltip img').length") == 0
    # the quote with both payloads, shown on the membership edge and on the node
    o.page.mouse.click(*o.node_point(o.node_id(PAYLOAD_SCRIPT)))
    assert PAYLOAD_FLAG in o.page.locator("#kg-info").text_content()
    o.page.locator("#kg-search").fill(PAYLOAD_IMG)
    o.page.locator("#kg-search").press("Enter")
    assert o.js("kgraph.network.getSelectedNodes()") == [o.node_id(PAYLOAD_IMG)]
    assert o.dialogs == [] and o.js("window.__pwned === undefined") is True
    assert o.errors == []
    assert o.blocked == [] and only_local(o.requests), o.requests


def test_an_empty_graph_still_gives_a_working_page(
    open_page: Callable[[Path], Opened], tmp_path: Path
) -> None:
    o = open_page(write_html(nx.MultiDiGraph(), tmp_path / "empty.html"))
    assert o.js("[kgraph.nodes.length, kgraph.edges.length]") == [0, 0]
    assert o.page.locator("#kg-counts").text_content() == "0 nodes, 0 edges"
    assert o.errors == [] and o.blocked == []
