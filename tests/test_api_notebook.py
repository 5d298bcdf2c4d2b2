"""What a notebook shows: escaped HTML tables of results, typed data frames, inline charts
and an inline network."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import kgraph

XSS = Path(__file__).resolve().parent / "data" / "serve-xss.trig"
PAYLOAD = "</script><script>window.__xss=1</script>"


@pytest.fixture
def kg(founding_linked_trig: Path) -> kgraph.KG:
    kg = kgraph.open("memory:")
    kg.load(founding_linked_trig)
    kg.load(XSS)
    return kg


def test_results_have_an_escaped_html_table(kg: kgraph.KG) -> None:
    res = kg.query("SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'xss')) } ORDER BY ?l")
    out = res._repr_html_()  # type: ignore[union-attr]
    assert out.startswith("<table>") and "<script>" not in out
    assert html.escape(PAYLOAD) in out


def test_dataframe_columns_are_numeric_and_dates(kg: kgraph.KG) -> None:
    df = kg.query("indicator-series", indicator="world_export_share").to_dataframe()  # type: ignore[union-attr]
    assert str(df["value"].dtype) == "float64"
    assert sorted(df["value"]) == [12.0, 30.0, 35.0, 52.0]
    assert str(df["published"].dtype).startswith("datetime64")
    assert df["value"].sum() == 129.0  # numbers add up: plots and aggregations work
    counts = kg.query("releases").to_dataframe()  # type: ignore[union-attr]
    assert str(counts["facts"].dtype) == "Int64"


def test_chart_and_network_show_inline(kg: kgraph.KG) -> None:
    view = kg.chart("world-export-share")
    svg = view._repr_svg_()
    assert svg.startswith("<svg") and svg.count('class="kg-mark"') == 4
    assert "<script" not in kg.chart("timeline").svg
    page = kg.network("Assomac", depth=1)
    out = page._repr_html_()
    assert out.startswith('<iframe sandbox="allow-scripts"') and out.endswith("></iframe>")
    # the whole page sits escaped inside srcdoc: no markup of it reaches the notebook
    inner = out[len('<iframe sandbox="allow-scripts"'):-len("></iframe>")]
    assert "<" not in inner and "Network around Assomac" in html.unescape(inner)
