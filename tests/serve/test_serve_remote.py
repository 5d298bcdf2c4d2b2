"""The server in front of a remote store: kgraph serve's endpoint answering from a real
`oxigraph serve` (fixture ``oxigraph_server``) through :class:`kgraph.store.RemoteStore`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from kgraph.server import ServeOptions
from kgraph.store import RemoteStore

from .support import TOKEN, LiveServer


@pytest.mark.server
def test_serving_a_remote_store(oxigraph_server: Any, serve_data: Path) -> None:
    data = serve_data.read_bytes()
    r = httpx.post(oxigraph_server.store_url, content=data, headers={"Content-Type": "application/trig"})
    assert r.status_code in (200, 201, 204), r.text
    remote = RemoteStore(oxigraph_server.base)
    server = LiveServer(remote, ServeOptions(timeout=10.0))
    try:
        q = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"
        rows = httpx.get(server.sparql, params={"query": q}).json()["results"]["bindings"]
        assert [b["name"]["value"] for b in rows] == [
            "Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
        page = httpx.get(f"{server.base}/id/org/assomac", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "President Mauro Bergozza" in page.text
        named = httpx.get(f"{server.base}/queries/people-roles", params={"organisation": "Assomac", "format": "csv"})
        assert named.status_code == 200 and "Mauro Bergozza" in named.text
        assert httpx.post(server.sparql, data={"update": "DROP ALL"}).status_code == 403
        bad = httpx.get(server.sparql, params={"query": "SELECT ?x WHERE {"})
        assert bad.status_code == 400 and "malformed SPARQL" in bad.text
    finally:
        server.stop()


def test_update_refreshes_the_network(rw_server: LiveServer) -> None:
    focus = "https://w3id.org/kgraph/id/org/new-association"
    assert httpx.get(f"{rw_server.base}/network", params={"focus": focus}).status_code == 404
    upd = ("INSERT DATA { GRAPH <https://w3id.org/kgraph/graph/release/assomac-2025-06-20-sector-2024> { "
           f"<{focus}> a kg:TradeAssociation ; skos:prefLabel 'New Association'@en ; rdfs:label 'New Association'@en ; "
           "<http://www.w3.org/ns/org#memberOf> <https://w3id.org/kgraph/id/org/assomac> } }")
    r = httpx.post(rw_server.sparql, data={"update": upd}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.text
    page = httpx.get(f"{rw_server.base}/network", params={"focus": focus})
    assert page.status_code == 200 and "Network around New Association" in page.text
