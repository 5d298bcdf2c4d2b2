"""The federated named queries, run by the embedded Oxigraph store with their SERVICE
redirected (as KGRAPH_WIKIDATA_ENDPOINT does) to a local stand-in for Wikidata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kgraph.config import Settings
from kgraph.errors import ConfigError
from kgraph.link import WIKIDATA_ENDPOINT, link_offline, redirect_service, uses_service
from kgraph.namespaces import KGI
from kgraph.store import SelectResult

QUERIES = Path(__file__).resolve().parents[2] / "queries"
FEDERATED = sorted(p for p in QUERIES.glob("wikidata-*.rq"))


def header(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"# (\w+): (.*)", line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def test_federated_queries_have_headers_and_the_wikidata_service() -> None:
    assert len(FEDERATED) >= 3
    for path in FEDERATED:
        h = header(path)
        assert h.get("title") and h.get("description") and h.get("columns"), path
        text = path.read_text(encoding="utf-8")
        assert uses_service(text)
        assert f"SERVICE <{WIKIDATA_ENDPOINT}>" in text
        assert "--allow-federation" in h["description"][0]


def test_redirect_service() -> None:
    q = "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } SERVICE SILENT <http://other/sparql> { ?a ?b ?c } }"
    out = redirect_service(q, "http://127.0.0.1:9/sparql")
    assert "SERVICE <http://127.0.0.1:9/sparql>" in out
    assert "SERVICE SILENT <http://other/sparql>" in out  # other services are left alone
    assert redirect_service(q, WIKIDATA_ENDPOINT) == q
    assert not uses_service("SELECT * { ?s ?p ?o }")
    with pytest.raises(ConfigError, match="not an http"):
        redirect_service(q, "http://x/> } DROP ALL { <")


@pytest.mark.server
def test_federated_queries_against_the_stand_in(founding_store, wikidata, tmp_path, closed_url) -> None:
    link_offline(founding_store, Settings(store="memory:", wikidata_endpoint=closed_url,
                                          cache_dir=tmp_path / "cache"))
    results = {}
    for path in FEDERATED:
        q = redirect_service(path.read_text(encoding="utf-8"), wikidata.query_url)
        res = founding_store.query(q)
        assert isinstance(res, SelectResult)
        assert res.vars == header(path)["columns"][0].split(), path
        results[path.stem] = res
    countries = {str(r["place"]): r for r in results["wikidata-market-countries"]}
    italy = countries[str(KGI["place/italy"])]
    assert str(italy["iso2"]) == "IT" and str(italy["capital"]) == "Rome"
    assert int(italy["population"].toPython()) == 58000000  # type: ignore[union-attr]
    assert set(countries) == {str(KGI[f"place/{k}"]) for k in ("italy", "china", "india")}
    cities = list(results["wikidata-italian-cities"])
    assert [str(r["name"]) for r in cities] == ["Bergamo"]
    assert cities[0]["coordinates"] is not None
    regions = {str(r["name"]): r for r in results["wikidata-market-regions"]}
    assert set(regions) == {"Africa", "South America"}  # continents; South-East Asia is not one
    assert str(regions["Africa"]["m49"]) == "002"
    assert str(regions["South America"]["label_it"]) == "America meridionale"
