"""The projection and the network page on the real build of the founding release (the
other viz tests use the hand-made sample tests/data/viz-founding-sample.trig, which also
exercises facts the founding release does not state)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kgraph.namespaces import KGI
from kgraph.store import OxigraphStore
from kgraph.viz import ego_network, project, write_html


@pytest.fixture
def real_store(founding_linked_trig: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(None)
    store.ox_store.load(path=str(founding_linked_trig))
    yield store
    store.close()


def by_label(g: nx.MultiDiGraph, label: str) -> str:
    found = [n for n, d in g.nodes(data=True) if d["label"] == label]
    assert len(found) == 1, (label, found)
    return found[0]


def edge_labels(g: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    target = by_label(g, b)
    return sorted(d["label"] for _, v, d in g.edges(by_label(g, a), data=True) if v == target)


def test_real_build_projects_people_roles_figures_and_links(real_store: OxigraphStore) -> None:
    g = project(real_store)
    people = sorted(d["label"] for _, d in g.nodes(data=True) if d["cls"] == "Person")
    assert people == ["Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    assert edge_labels(g, "Mauro Bergozza", "Assomac") == ["President"]
    assert edge_labels(g, "Maurizio Forte", "Italian Trade Agency") == [
        "Managing Director, Export Promotion Department"]
    [share] = edge_labels(g, "Italy", "tannery machinery")
    assert "52 %" in share and "(2024)" in share
    italy = g.nodes[by_label(g, "Italy")]
    assert italy["iri"] == str(KGI["place/italy"])
    assert italy["wikidata"] == "http://www.wikidata.org/entity/Q38"  # the curated link
    [president] = [d for _, _, d in g.edges(by_label(g, "Mauro Bergozza"), data=True) if d["label"] == "President"]
    assert president["quotes"] == ["President Mauro Bergozza"]


def test_real_build_ego_network_page(real_store: OxigraphStore, tmp_path: Path) -> None:
    g = project(real_store)
    ego = ego_network(g, str(KGI["org/assomac"]), depth=1)
    labels = {d["label"] for _, d in ego.nodes(data=True)}
    assert {"Assomac", "Mauro Bergozza"} <= labels and "Giuliano Noci" not in labels
    page = write_html(ego, tmp_path / "assomac.html", title="Network around Assomac")
    html = page.read_text(encoding="utf-8")
    assert "Mauro Bergozza" in html and "Network around Assomac" in html
