"""The pages in headless Chromium: a query runs from the editor and its table shows, an
entity page renders, hostile labels stay inert text, and no page asks another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .support import LiveServer

pytestmark = pytest.mark.browser

XSS_LABEL = "</script><script>window.__xss=1</script>"


class Watched:
    """A page whose dialogs, console errors and off-host requests are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.page.evaluate("() => window.__xss === undefined"), "an injected script ran"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def watched(browser: Any, live: LiveServer) -> Iterator[Watched]:
    context = browser.new_context()
    page = context.new_page()
    w = Watched(page)

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    def route(r: Any) -> None:
        host = urlparse(r.request.url).hostname
        if host not in ("127.0.0.1",) and not r.request.url.startswith(("data:", "about:")):
            w.foreign.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: w.errors.append(str(e)))
    context.route("**/*", route)
    try:
        yield w
    finally:
        context.close()


def test_editor_runs_a_query_and_shows_the_table(watched: Watched, live: LiveServer, artifacts_dir: Path) -> None:
    page = watched.page
    page.goto(f"{live.base}/editor")
    page.fill("#query", "SELECT ?person ?name WHERE { ?person a foaf:Person ; foaf:name ?name } ORDER BY ?name")
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    headers = page.locator("table.results th").all_text_contents()
    assert headers == ["person", "name"]
    names = page.locator("table.results tbody tr td:nth-child(2)").all_text_contents()
    assert names == ["Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    assert page.locator("#status").text_content() == "4 rows"
    href = page.locator("#csv").get_attribute("href") or ""
    assert "format=csv" in href
    csv_text = page.request.get(f"{live.base}{href}").text()
    assert csv_text.startswith("person,name") and "Mauro Bergozza" in csv_text
    # a result IRI links to its entity page
    page.click("table.results tbody tr:last-child td:first-child a")
    page.wait_for_selector("h1#label")
    assert page.locator("h1#label").text_content() == "Mauro Bergozza"
    page.screenshot(path=str(artifacts_dir / "serve-entity-person.png"), full_page=True)
    watched.assert_clean()


def test_editor_shows_the_parser_message(watched: Watched, live: LiveServer) -> None:
    page = watched.page
    page.goto(f"{live.base}/editor")
    page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
    watched.errors.clear()
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    text = page.locator("#error").text_content() or ""
    assert "400" in text and "malformed SPARQL" in text
    # the failed fetch's 400 is logged by the browser; nothing else is
    assert all("400" in e for e in watched.errors)
    watched.errors.clear()
    watched.assert_clean()


def test_entity_page_renders(watched: Watched, live: LiveServer, artifacts_dir: Path) -> None:
    page = watched.page
    page.goto(f"{live.base}/id/org/assomac")
    assert page.locator("h1#label").text_content() == "Assomac"
    # classes and properties are named as a reader says them, their CURIE kept as a title
    assert "trade association" in page.locator(".class").all_text_contents()
    headers = page.locator("#props th").all_text_contents()
    assert headers and not any(":" in h for h in headers), headers
    assert "kg:" in (page.locator("#props th").first.get_attribute("title") or "")
    assert not any(t.endswith("@und") for t in page.locator("#props .lang").all_text_contents())
    # the contents link to every section the page has
    toc = page.locator("#toc a")
    targets = [toc.nth(i).get_attribute("href") for i in range(toc.count())]
    assert targets[0] == "#props" and "#facts" in targets and "#related" in targets
    for target in targets:
        assert page.locator(str(target)).count() == 1, target
    quotes = page.locator("#facts blockquote.quote").all_text_contents()
    assert any("President Mauro Bergozza" in q for q in quotes)
    related = page.locator("#related a").all_text_contents()
    assert "Mauro Bergozza" in related and "Kilometro Rosso Innovation District" in related
    # the embedded network is the ego network of the entity, drawn by vis-network
    frame = page.frame_locator("iframe#network")
    frame.locator("#kg-network canvas").wait_for()
    counts = frame.locator("#kg-counts").text_content() or ""
    assert counts.endswith("edges") and not counts.startswith("0 nodes")
    assert frame.locator("#kg-title").text_content() == "Network around Assomac"
    page.screenshot(path=str(artifacts_dir / "serve-entity-assomac.png"), full_page=True)
    # a place of the real build carries its curated Wikidata link
    page.goto(f"{live.base}/id/place/italy")
    assert page.locator("h1#label").text_content() == "Italy"
    assert page.locator("#wikidata a").get_attribute("href") == "http://www.wikidata.org/entity/Q38"
    watched.assert_clean()


def test_home_page_lists_releases_and_classes(watched: Watched, live: LiveServer) -> None:
    page = watched.page
    page.goto(f"{live.base}/")
    releases = page.locator("#releases tbody tr td:nth-child(2)").all_text_contents()
    assert "Assomac: the leather, footwear and leather goods technology sector closes 2024 at -12%" in releases
    classes = page.locator("#classes tbody tr td:nth-child(2)").all_text_contents()
    assert "kg:TradeAssociation" in classes and "foaf:Person" in classes
    watched.assert_clean()


@pytest.mark.parametrize("path", ["/id/org/xss-test", "/id/membership/xss-test/xss-test/xss-role", "/"])
def test_hostile_labels_stay_inert(watched: Watched, live: LiveServer, path: str) -> None:
    page = watched.page
    page.goto(f"{live.base}{path}")
    page.wait_for_load_state("load")
    body = page.locator("main").inner_text()
    if path == "/id/org/xss-test":
        assert page.locator("h1#label").text_content() == XSS_LABEL
        assert '<img src=x onerror="window.__xss=1">' in body
        assert "href=\"javascript:window.__xss=1\"" in body
        # the javascript: IRI is shown but never a link
        assert page.locator("a[href^='javascript']").count() == 0
    elif path == "/":
        assert '<img src=x onerror="window.__xss=1">Release title' in body
    else:
        assert '"><script>window.__xss=1</script> said <b>bold</b>' in body
        assert '<svg onload="window.__xss=1">' in body
    assert page.locator("main img, main svg, main script, main b").count() == 0
    watched.assert_clean()


def test_hostile_labels_in_editor_results_stay_inert(watched: Watched, live: LiveServer) -> None:
    page = watched.page
    page.goto(f"{live.base}/editor")
    page.fill("#query", "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'xss')) } ORDER BY ?l")
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    cells = page.locator("table.results tbody td").all_text_contents()
    assert any(XSS_LABEL in c for c in cells)
    assert page.locator("#results img, #results svg, #results script").count() == 0
    watched.assert_clean()


def test_network_page_renders_the_projection(watched: Watched, live: LiveServer, sample_store: Any) -> None:
    from kgraph import viz

    g = viz.project(sample_store)
    page = watched.page
    page.goto(f"{live.base}/network")
    page.locator("#kg-network canvas").wait_for()
    assert page.locator("#kg-counts").text_content() == f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
    ego = viz.ego_network(g, "https://w3id.org/kgraph/id/org/xss-test", depth=1)
    page.goto(f"{live.base}/network?focus=https://w3id.org/kgraph/id/org/xss-test&depth=1")
    page.locator("#kg-network canvas").wait_for()
    assert page.locator("#kg-counts").text_content() == f"{ego.number_of_nodes()} nodes, {ego.number_of_edges()} edges"
    assert page.locator("#kg-title").text_content() == f"Network around {XSS_LABEL}"
    watched.assert_clean()


def test_named_query_form_runs_and_downloads_csv(watched: Watched, live: LiveServer) -> None:
    page = watched.page
    page.goto(f"{live.base}/queries")
    page.click("a[href='/queries/people-roles']")
    page.wait_for_selector("form#params")
    page.fill("input[name=organisation]", "Italian Trade")
    page.click("form#params button[type=submit]")
    page.wait_for_selector("table.results tbody tr")
    names = page.locator("table.results tbody tr td:nth-child(2)").all_text_contents()
    assert names == ["Maurizio Forte"]
    assert page.locator("input[name=organisation]").input_value() == "Italian Trade"
    with page.expect_download() as info:
        page.click("#csv")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "person,name,role,unit,org,orgName,source"
    assert "Maurizio Forte" in text and "Mauro Bergozza" not in text
    watched.assert_clean()
