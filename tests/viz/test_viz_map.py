"""The market map shades a region's member countries where it knows them (M49 regions by
code, the European Union by name), in Chromium and in the SVG itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rdflib import Literal, URIRef
from test_viz_browser import Opened, only_local, open_page  # noqa: F401 - open_page is a fixture

from kgraph.store import OxigraphStore
from kgraph.viz import views, worldmap
from kgraph.viz.charts import chart_html, iri_href

EXPORT_PRIORITY = "#CC79A7"


def test_region_members_by_code_and_by_name() -> None:
    africa = worldmap.region_members("002")
    assert {"566", "818", "710"} <= africa and "380" not in africa  # Nigeria, Egypt, South Africa
    assert worldmap.region_members("005") >= {"076", "032"}  # Brazil, Argentina
    assert worldmap.region_members("003") >= {"840", "124", "484"}  # North America: US, Canada, Mexico
    eu = worldmap.region_members(None, "European Union")
    assert len(eu) == 27 and "380" in eu and "826" not in eu  # Italy in, the UK out
    assert worldmap.region_members(None, "EU") == eu
    assert worldmap.region_members(None, "Middle East") == frozenset()
    assert worldmap.region_members("999", "") == frozenset()


class Rows:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def query(self, sparql: str, timeout: float | None = None) -> Any:
        return SimpleNamespace(rows=self.rows)


def row(iri: str, name: str, relation: str, code: str | None, country: bool) -> dict[str, Any]:
    return {"market": URIRef(iri), "name": Literal(name), "relation": Literal(relation),
            "code": Literal(code) if code else None, "country": Literal(True) if country else None,
            "source": Literal("written.txt")}


def test_a_country_named_for_itself_keeps_its_own_colour() -> None:
    store = Rows([
        row("urn:eu", "European Union", "destination", None, False),
        row("urn:italy", "Italy", "domestic", "380", True),
        row("urn:germany", "Germany", "competitor", "276", True),
        row("urn:africa", "Africa", "export_priority", "002", False),
        row("urn:home", "domestic market", "domestic", None, False),
    ])
    svg = worldmap.market_map(store).svg(iri_href)
    assert 'class="kg-country" d=' in svg
    assert 'data-code="380" data-market="urn:italy"' in svg  # Italy: its own relation
    assert 'data-code="250" data-region="urn:eu" data-relation="destination"' in svg  # France via the EU
    assert 'data-code="566" data-region="urn:africa" data-relation="export_priority"' in svg
    assert 'data-region="urn:eu" data-relation="destination"' in svg
    assert "European Union \u2014 destination (shaded: " in svg
    assert ">domestic market \u2014 domestic market<" in svg  # no members: listed only


@pytest.mark.browser
def test_the_map_page_shades_africa_in_chromium(
    sample_store: OxigraphStore, open_page: Callable[[Path], Opened], tmp_path: Path,  # noqa: F811
    artifacts_dir: Path,
) -> None:
    view = views.render("market-map", sample_store)
    page = tmp_path / "map.html"
    page.write_text(chart_html(view.title, view.svg).replace("<body ", "<body data-ready=\"true\" "),
                    encoding="utf-8")
    o = open_page(page)
    shaded = o.js("Object.fromEntries([...document.querySelectorAll('path.kg-region-member')]"
                  ".map(e => [e.dataset.code, [e.getAttribute('fill'), e.getAttribute('fill-opacity'),"
                  " e.dataset.region]]))")
    africa = worldmap.region_members("002") & set(worldmap.world()["countries"])
    assert africa <= set(shaded)
    assert shaded["566"] == [EXPORT_PRIORITY, "0.45", "https://w3id.org/kgraph/id/place/africa"]
    assert "076" in shaded and "764" in shaded  # Brazil (South America), Thailand (South-East Asia)
    # countries named for themselves are drawn in full, not as members
    assert "356" not in shaded and "156" not in shaded
    assert o.js("document.querySelector(\"path[data-code='250']\").getAttribute('fill')") == "#e4e4e4"
    tip = o.js("document.querySelector(\"path[data-code='566'] title\").textContent")
    assert tip.startswith("Nigeria: in Africa: export priority")
    listed = o.page.locator("text.kg-region-shaded").all_text_contents()
    assert any(t.startswith("Africa \u2014 export priority (shaded: ") for t in listed)
    o.page.screenshot(path=str(artifacts_dir / "viz-market-map-regions.png"), full_page=True)
    assert o.errors == [] and o.blocked == [] and only_local(o.requests)

