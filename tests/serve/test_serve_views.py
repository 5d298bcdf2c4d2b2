"""The drawn views in headless Chromium: charts of the figures, the release text with its
facts highlighted, the timeline and the market map. Values are read back from the page and
compared with the store; hostile labels (tests/data/serve-xss-views.trig) stay inert text;
no request leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from rdflib import URIRef

from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore

from .support import DATA, XSS, LiveServer, load_store
from .test_serve_browser import XSS_LABEL, Watched

pytestmark = pytest.mark.browser

XSS_VIEWS = DATA / "serve-xss-views.trig"
IMG_LABEL = '<img src=x onerror="window.__xss=1">'
SVG_LABEL = '"><svg onload="window.__xss=1">'
FOUNDING = "https://w3id.org/kgraph/id/release/assomac-2025-06-20-sector-2024"


@pytest.fixture(scope="module")
def views_store(serve_data: Path) -> Iterator[OxigraphStore]:
    store = load_store(serve_data, XSS, XSS_VIEWS)
    yield store
    store.close()


@pytest.fixture(scope="module")
def views_live(views_store: OxigraphStore) -> Iterator[LiveServer]:
    server = LiveServer(views_store, ServeOptions(timeout=10.0, row_limit=100))
    yield server
    server.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context()
    p = context.new_page()
    w = Watched(p)

    def route(r: Any) -> None:
        if urlparse(r.request.url).hostname != "127.0.0.1" and not r.request.url.startswith(("data:", "about:")):
            w.foreign.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    p.on("dialog", lambda d: (w.dialogs.append(d.message), d.dismiss()))
    p.on("console", lambda m: w.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: w.errors.append(str(e)))
    context.route("**/*", route)
    try:
        yield w
    finally:
        context.close()


def marks(page: Any, scope: str = "#chart") -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        f"{scope} .kg-mark",
        "els => els.map(e => ({fact: e.dataset.fact, value: e.dataset.value, period: e.dataset.period,"
        " label: e.dataset.label, href: e.getAttribute('href') || '', text: e.textContent}))")


def store_values(store: OxigraphStore, indicator: str) -> dict[str, str]:
    res = store.query(
        "PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>\n"
        "SELECT DISTINCT ?obs ?v WHERE { ?obs kg:indicator ?i ; sdmx-measure:obsValue ?v . "
        f"?i skos:notation \"{indicator}\" }}")
    return {str(r["obs"]): str(r["v"]) for r in res.rows}


def assert_inert(w: Watched, scope: str) -> None:
    page = w.page
    assert page.locator(f"{scope} script, {scope} img, {scope} svg svg, {scope} b").count() == 0
    w.assert_clean()


def test_world_export_share_chart_draws_the_store_values(page: Watched, views_live: LiveServer,
                                                         views_store: OxigraphStore,
                                                         artifacts_dir: Path) -> None:
    p = page.page
    p.goto(f"{views_live.base}/queries/world-export-share")
    p.wait_for_selector("#chart svg.kg-chart")
    drawn = marks(p)
    assert {m["fact"]: m["value"] for m in drawn} == store_values(views_store, "world_export_share")
    # ranked, highest first, within the 2024 panel of the founding release
    founding = [m for m in drawn if "assomac" in m["fact"]]
    assert [int(m["value"]) for m in founding] == [52, 35, 30, 12]
    assert all(m["href"] == "/id/" + m["fact"].split("/id/", 1)[1] for m in drawn)
    labels = p.locator("#chart .kg-bar-label").all_text_contents()
    assert "tannery machinery" in labels and XSS_LABEL in labels
    assert "52%" in p.locator("#chart .kg-value").all_text_contents()
    # every segment of the table under the chart is drawn (the chart adds whole-sector shares)
    segments = p.locator("table.results tbody tr td:first-child").all_text_contents()
    assert set(segments) <= set(labels) and len(segments) == len(drawn) - 1
    p.screenshot(path=str(artifacts_dir / "view-world-export-share.png"), full_page=True)
    assert_inert(page, "#chart")


def test_indicator_series_one_panel_per_scope(page: Watched, views_live: LiveServer,
                                              views_store: OxigraphStore) -> None:
    p = page.page
    p.goto(f"{views_live.base}/queries/indicator-series?run=1&indicator=turnover")
    p.wait_for_selector("#chart svg.kg-chart")
    drawn = marks(p)
    assert {m["fact"]: m["value"] for m in drawn} == store_values(views_store, "turnover")
    assert [m["period"] for m in drawn] == ["2024"]
    assert "\u20ac575 m" in p.locator("#chart .kg-value").all_text_contents()
    titles = p.locator("#chart .kg-panel-title").all_text_contents()
    assert titles == ["turnover \u00b7 footwear, leather goods and tannery machinery \u00b7 Italy (EUR)"]
    # a change indicator is drawn as signed columns, the hostile scope as text
    p.goto(f"{views_live.base}/queries/indicator-series?run=1&indicator=exports_change")
    p.wait_for_selector("#chart svg.kg-chart")
    drawn = marks(p)
    assert {m["fact"]: m["value"] for m in drawn} == store_values(views_store, "exports_change")
    assert any(XSS_LABEL in t for t in p.locator("#chart .kg-panel-title").all_text_contents())
    assert "+7%" in p.locator("#chart .kg-value").all_text_contents()
    assert_inert(page, "#chart")


def test_release_figures_chart_links_each_bar_to_its_fact(page: Watched, views_live: LiveServer,
                                                          views_store: OxigraphStore) -> None:
    p = page.page
    p.goto(f"{views_live.base}/queries/release-figures?run=1&release=sector-2024")
    p.wait_for_selector("#chart svg.kg-chart")
    drawn = marks(p)
    stored = {**store_values(views_store, "turnover"), **store_values(views_store, "turnover_change"),
              **store_values(views_store, "world_export_share")}
    assert {m["fact"]: m["value"] for m in drawn} == {k: v for k, v in stored.items() if "sector-2024" in k}
    assert "\u221212%" in p.locator("#chart .kg-value").all_text_contents()
    # a bar's tooltip carries the quote; clicking it opens the fact
    change = next(m for m in drawn if "turnover_change" in m["fact"])
    assert "12% drop in turnover" in change["text"]
    p.click(f"#chart a.kg-mark[data-fact='{change['fact']}'] rect")
    p.wait_for_selector("h1#label")
    assert p.url.endswith(change["href"])
    page.assert_clean()


def test_chart_command_writes_svg_and_html(tmp_path: Path, views_store: OxigraphStore) -> None:
    from typer.testing import CliRunner

    from kgraph.cli import app

    path = tmp_path / "store"
    disk = OxigraphStore(path)
    for q in views_store.ox_store:
        disk.ox_store.add(q)
    disk.close()
    svg, html = tmp_path / "share.svg", tmp_path / "share.html"
    for out in (svg, html):
        res = CliRunner().invoke(app, ["--store", f"oxigraph:{path}", "chart", "world-export-share", "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert res.output.strip() == f"wrote {out} (5 marks)"
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "<script" not in text and "&lt;/script&gt;" in text
    assert 'href="https://w3id.org/kgraph/id/obs/' in text
    assert "<svg" in html.read_text(encoding="utf-8")
    for name in ("timeline", "market-map", "indicator-series", "release-figures"):
        out = tmp_path / f"{name}.svg"
        res = CliRunner().invoke(app, ["--store", f"oxigraph:{path}", "chart", name, "-o", str(out)])
        assert res.exit_code == 0, res.output
        text = out.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "<script" not in text and " marks)" in res.output
    res = CliRunner().invoke(app, ["--store", f"oxigraph:{path}", "chart", "nothing", "-o", str(svg)])
    assert res.exit_code == 2 and "no chart named" in res.output


def stored_spans(store: OxigraphStore, release: str) -> tuple[str, dict[str, str]]:
    """The release text and, per stored span START-END of a fact or mention, its quote."""
    text = str(store.query("SELECT ?t WHERE { ?r <https://schema.org/text> ?t }",
                           bindings={"r": URIRef(release)}).rows[0]["t"])
    res = store.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "PREFIX kg: <https://w3id.org/kgraph/ontology#>\n"
        "SELECT DISTINCT ?r ?s ?e ?q WHERE { ?a oa:hasSource ?r ; oa:hasSelector ?p . ?p oa:start ?s ; oa:end ?e ."
        " ?x prov:wasDerivedFrom ?a FILTER NOT EXISTS { ?x a kg:PressRelease }"
        " OPTIONAL { ?a oa:hasSelector ?qs . ?qs oa:exact ?q } }",
        bindings={"r": URIRef(release)})
    spans = {f"{r['s']}-{r['e']}": str(r["q"]) if r.get("q") is not None else "" for r in res.rows}
    return text, spans


@pytest.mark.parametrize("release", [FOUNDING, "https://w3id.org/kgraph/id/release/xss-views"])
def test_release_text_highlights_the_stored_spans(page: Watched, views_live: LiveServer,
                                                  views_store: OxigraphStore, release: str,
                                                  artifacts_dir: Path) -> None:
    p = page.page
    path = "/id/" + release.split("/id/", 1)[1]
    p.goto(f"{views_live.base}{path}")
    p.wait_for_selector("#release-text")
    text, spans = stored_spans(views_store, release)
    assert spans
    # the page shows the text exactly, and the pieces of each span give back its characters
    assert p.locator("#release-text").text_content() == text
    pieces = p.eval_on_selector_all(
        "#release-text a.kg-span", "els => els.map(e => [e.dataset.spans, e.textContent])")
    drawn: dict[str, str] = {}
    for keys, piece in pieces:
        for key in keys.split():
            drawn[key] = drawn.get(key, "") + piece
    assert set(drawn) == set(spans)
    for key, quote in spans.items():
        start, end = (int(x) for x in key.split("-"))
        assert drawn[key] == text[start:end]
        assert not quote or quote == text[start:end]
        assert p.locator(f"#span-{key}").count() == 1
    if release == FOUNDING:
        kinds = set(p.eval_on_selector_all("#release-text a.kg-span", "els => els.map(e => e.dataset.kind)"))
        assert {"figure", "membership", "market", "event", "quotation", "priority", "driver"} <= kinds
        p.screenshot(path=str(artifacts_dir / "view-release-text.png"), full_page=False)
        # clicking the span of the turnover figure shows that fact's card
        p.click("#release-text a.kg-span[data-spans~='1142-1196']")
        target = p.locator(".span-fact:target")
        assert target.get_attribute("data-fact") == \
            "https://w3id.org/kgraph/id/obs/assomac-2025-06-20-sector-2024/turnover/1"
        assert "575" in (target.text_content() or "")
        # and the fact's page links back to its span
        target.locator("a", has_text="open the fact").click()
        p.wait_for_selector("h1#label")
        p.click("a.span-link")
        p.wait_for_selector("#release-text")
        assert p.url.endswith(f"{path}#span-1142-1196")
    else:
        assert '<script>window.__xss=1</script>' in (p.locator("#release-text").text_content() or "")
        assert_inert(page, "#release-text")
        assert_inert(page, "#span-facts")
    page.assert_clean()


def test_market_map_colours_the_countries_of_the_store(page: Watched, views_live: LiveServer,
                                                       views_store: OxigraphStore,
                                                       artifacts_dir: Path) -> None:
    res = views_store.query(
        "PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT DISTINCT ?code ?rel WHERE { ?f a kg:MarketRelation ; kg:market ?m ; kg:relationType/skos:notation ?rel ."
        " ?m a kg:Country ; skos:notation ?code FILTER(REGEX(?code, '^[0-9]{3}$')) }")
    expected: dict[str, set[str]] = {}
    for r in res.rows:
        expected.setdefault(str(r["code"]), set()).add(str(r["rel"]))
    assert {"156", "356", "076"} <= set(expected)  # China, India, the hostile Brazil
    p = page.page
    p.goto(f"{views_live.base}/views/market-map")
    p.wait_for_selector("#chart svg.kg-map")
    drawn = p.eval_on_selector_all(
        "#chart path.kg-country", "els => els.map(e => [e.dataset.code, e.dataset.relations, e.getAttribute('fill')])")
    assert {code: set(rels.split()) for code, rels, _ in drawn} == expected
    fills = {code: fill for code, _, fill in drawn}
    assert fills["156"] == "#D55E00"  # China: competitor
    assert fills["356"] == "#CC79A7"  # India: export priority
    # an uncoloured country is plain land; regions are listed under the map
    assert p.locator("#chart path[data-code='250']:not(.kg-country)").count() == 1
    regions = p.locator("#chart text.kg-region").all_text_contents()
    assert any(r.startswith("Africa") for r in regions)
    # a country links to its entity page
    assert p.locator("#chart a:has(path[data-code='156'])").get_attribute("href") == "/id/place/china"
    p.screenshot(path=str(artifacts_dir / "view-market-map.png"), full_page=True)
    assert_inert(page, "#chart")
    # the named query page draws the map of its relation only
    p.goto(f"{views_live.base}/queries/markets-by-relation?run=1&relation=competitor")
    codes = p.eval_on_selector_all("#chart path.kg-country", "els => els.map(e => e.dataset.code)")
    assert codes == ["156"]
    page.assert_clean()


def test_timeline_draws_the_dates_of_the_store(page: Watched, views_live: LiveServer,
                                               views_store: OxigraphStore, artifacts_dir: Path) -> None:
    res = views_store.query(
        "PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX dct: <http://purl.org/dc/terms/>\n"
        "PREFIX schema: <https://schema.org/>\n"
        "SELECT DISTINCT ?i ?d WHERE { { ?i a kg:PressRelease ; dct:date ?d } UNION { ?i a schema:Event ; schema:startDate ?d } }")
    expected = {str(r["i"]): str(r["d"])[:10] for r in res.rows}
    p = page.page
    p.goto(f"{views_live.base}/views/timeline")
    p.wait_for_selector("#chart svg.kg-timeline")
    rows = p.eval_on_selector_all("#chart a.kg-item", "els => els.map(e => [e.dataset.item, e.dataset.date, e.dataset.lane])")
    assert {i: d for i, d, _ in rows} == expected
    assert [d for _, d, _ in rows] == sorted(d for _, d, _ in rows)
    lanes = {i: lane for i, _, lane in rows}
    assert lanes["https://w3id.org/kgraph/id/event/xss-views/fair/2025-03-03"] == "fair"
    assert lanes[FOUNDING] == "release"
    assert p.locator("#chart a.kg-tick").count() == len(rows)
    text = p.locator("#chart").text_content() or ""
    assert SVG_LABEL in text and "Growth, Collaboration and Innovation" in text
    p.screenshot(path=str(artifacts_dir / "view-timeline.png"), full_page=True)
    assert_inert(page, "#chart")
    # the event programme page draws the timeline of the events it matches
    p.goto(f"{views_live.base}/queries/event-programme?run=1&match=growth")
    items = p.eval_on_selector_all("#chart a.kg-item", "els => els.map(e => e.dataset.lane)")
    assert items == ["assembly"]
    page.assert_clean()


def test_result_tables_sort_page_and_format(page: Watched, views_live: LiveServer) -> None:
    p = page.page
    p.goto(f"{views_live.base}/editor")
    values = " ".join(str(n * 1000) for n in range(1, 60)) + " 13100000000"
    p.fill("#query", f"SELECT ?n ?d WHERE {{ VALUES ?n {{ {values} }} BIND(\"2025-06-20\"^^xsd:date AS ?d) }}")
    p.click("#run")
    p.wait_for_selector("table.results tbody tr")
    visible = "table.results tbody tr:not([hidden])"
    assert p.locator(visible).count() == 25
    assert p.locator(".pager .page-info").text_content() == "rows 1\u201325 of 60"
    first = p.locator(f"{visible} td:first-child").all_text_contents()
    assert first[:2] == ["1,000", "2,000"]  # Chromium's default locale is en-US
    assert p.locator(f"{visible} td:nth-child(2)").first.text_content() == "Jun 20, 2025"
    p.click("table.results th:first-child")  # ascending
    p.click("table.results th:first-child")  # descending
    assert p.locator(f"{visible} td:first-child").first.text_content() == "13,100,000,000"
    assert p.locator(f"{visible} td:first-child").first.get_attribute("title") == "13100000000"
    p.click(".pager .next")
    assert p.locator(".pager .page-info").text_content() == "rows 26\u201350 of 60"
    assert p.locator(f"{visible} td:first-child").first.text_content() == "35,000"
    # server-made tables too: the figures of a release, formatted and sortable by value
    p.goto(f"{views_live.base}/queries/release-figures?run=1&release=sector-2024")
    cells = p.locator("table.results tbody td[data-type=number]")
    assert "575,000,000" in cells.all_text_contents()
    value_col = p.locator("table.results th").all_text_contents().index("value") + 1
    p.click(f"table.results th:nth-child({value_col})")
    ordered = [float(v) for v in p.eval_on_selector_all(
        f"table.results tbody td:nth-child({value_col})", "els => els.map(e => e.dataset.value)")]
    assert ordered == sorted(ordered)
    page.assert_clean()


@pytest.mark.slow
def test_every_view_draws_the_graph_of_all_shared_releases(shared_dir: Path) -> None:
    """The views on a graph of every release in ../shared (built with the real pipeline):
    each observation is one mark of release-figures, every dated release is on the
    timeline, every market on the map, and each release page's spans fit its text."""
    from kgraph.pipeline import build
    from kgraph.store import open_store
    from kgraph.viz import charts, provenance, timeline, views, worldmap

    files = sorted((shared_dir / "releases").glob("*/*.txt"))
    assert files
    with open_store("memory:") as store:
        build(store, files)
        figures = charts.load_figures(store)
        n_obs = len(store.query("SELECT DISTINCT ?o WHERE { ?o a <http://purl.org/linked-data/cube#Observation> ;"
                                " <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v }").rows)
        assert len(figures) == n_obs > 50
        assert len(charts.chart("release-figures", store, figures=figures).marks) == n_obs
        for name in views.VIEWS:
            view = views.render(name, store)
            assert view.svg.startswith("<svg") and "<script" not in view.svg, name
        dated = store.query("SELECT DISTINCT ?r WHERE { ?r a <https://w3id.org/kgraph/ontology#PressRelease> ;"
                            " <http://purl.org/dc/terms/date> ?d }").rows
        t = timeline.timeline(store)
        assert {str(r["r"]) for r in dated} <= {i.iri for i in t.items}
        m = worldmap.market_map(store)
        markets = store.query("SELECT DISTINCT ?m WHERE { ?f a <https://w3id.org/kgraph/ontology#MarketRelation> ;"
                              " <https://w3id.org/kgraph/ontology#market> ?m }").rows
        assert {x.iri for x in m.countries + m.others} == {str(r["m"]) for r in markets}
        for row in dated:
            text = provenance.release_text(store, str(row["r"]), charts.iri_href)
            assert text is not None and text.cards


def test_network_page_marks_the_ego_steps_through_matches_and_links_entities(
        page: Watched, views_live: LiveServer) -> None:
    p = page.page
    assomac = "https://w3id.org/kgraph/id/org/assomac"
    p.goto(f"{views_live.base}/network?focus={assomac}&depth=1")
    p.wait_for_selector("body[data-ready=true]")
    focus = p.evaluate("() => kgraph.nodes.get().filter(n => n.borderWidth === 5).map(n => n.label)")
    assert focus == ["\u2605 Assomac"]
    # edge labels sit on a background, parallel edges get curves of their own
    assert p.evaluate("() => kgraph.network.body.edges[0].options.font.background") == "rgba(255,255,255,0.9)"
    p.goto(f"{views_live.base}/network")
    p.wait_for_selector("body[data-ready=true]")
    lanes = p.evaluate("() => kgraph.data.edges.filter(e => e.lane).length")
    curved = p.evaluate("() => kgraph.edges.get().filter(e => e.smooth && e.smooth.type.startsWith('curved')).length")
    assert curved == lanes
    p.fill("#kg-search", "mau")
    p.press("#kg-search", "Enter")
    status = p.locator("#kg-search-status")
    assert status.text_content() == "1 of 3 matches"
    first = p.evaluate("() => kgraph.network.getSelectedNodes()")
    p.click("#kg-search-next")
    assert status.text_content() == "2 of 3 matches"
    assert p.evaluate("() => kgraph.network.getSelectedNodes()") != first
    p.click("#kg-search-prev")
    p.click("#kg-search-prev")
    assert status.text_content() == "3 of 3 matches"
    link = p.locator("#kg-info a.kg-entity-link")
    assert (link.get_attribute("href") or "").startswith("/id/person/")
    link.click()
    p.wait_for_selector("h1#label")
    assert p.locator("h1#label").text_content() in ("Mauro Bergozza", "Maurizio Forte", "Maurizio Tarquini")
    page.assert_clean()


def test_related_entities_leave_out_provenance_nodes(page: Watched, views_live: LiveServer) -> None:
    p = page.page
    p.goto(f"{views_live.base}/id/place/italy")
    hrefs = p.eval_on_selector_all("#related a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and not any(h.startswith(("/id/annotation/", "/id/run/")) for h in hrefs)
    page.assert_clean()


def test_editor_ctrl_enter_history_url_and_prefixed_names(page: Watched, views_live: LiveServer) -> None:
    p = page.page
    p.goto(f"{views_live.base}/editor")
    query = "SELECT DISTINCT ?c WHERE { ?s a ?c FILTER(?c = kg:TradeAssociation) }"
    p.fill("#query", query)
    p.press("#query", "Control+Enter")
    p.wait_for_selector("table.results tbody tr")
    assert p.locator("table.results tbody td").first.text_content() == "kg:TradeAssociation"
    assert p.locator("table.results tbody td").first.get_attribute("title") == \
        "https://w3id.org/kgraph/ontology#TradeAssociation"
    # the address now holds the query: opening it shows and runs it again
    url = p.url
    assert "/editor?query=" in url
    p.goto(url)
    p.wait_for_selector("table.results tbody tr")
    assert p.locator("#query").input_value() == query
    # and the query is in the history
    p.fill("#query", "ASK { ?s ?p ?o }")
    p.select_option("#history", query)
    assert p.locator("#query").input_value() == query
    page.assert_clean()
