"""GraphML, GEXF, PNG and SVG exports, read back and checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kgraph.errors import InputError
from kgraph.store import OxigraphStore
from kgraph.viz import export, project, write_gexf, write_graphml, write_image


@pytest.fixture
def g(sample_store: OxigraphStore) -> nx.MultiDiGraph:
    return project(sample_store)


def test_graphml_round_trip(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_graphml(g, tmp_path / "sub" / "net.graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges() == 35
    bergozza = "https://w3id.org/kgraph/id/person/mauro-bergozza"
    assert back.nodes[bergozza]["label"] == "Mauro Bergozza"
    assert back.nodes[bergozza]["cls"] == "Person"
    assert back.nodes["https://w3id.org/kgraph/id/place/italy"]["wikidata"].endswith("/Q38")
    labels = sorted(d["label"] for _, _, d in back.edges(bergozza, data=True))
    assert labels == ["President", "quoted in"]
    [president] = [d for _, _, d in back.edges(bergozza, data=True) if d["label"] == "President"]
    assert president["quotes"] == "Mauro Bergozza, President of Assomac"
    assert not list(tmp_path.glob("sub/*.tmp"))


def test_gexf_round_trip(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(g, tmp_path / "net.gexf")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["https://w3id.org/kgraph/id/org/assomac"]["label"] == "Assomac"
    labels = {d.get("label") for _, _, d in back.edges(data=True)}
    assert "world export share 52 % (2024)" in labels
    assert ET.parse(path).getroot().tag.endswith("gexf")


def test_svg_is_xml_with_the_labels_as_text(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = export(g, tmp_path / "net.svg", format="svg", title="Founding <sample>")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {"".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    for name in ("Assomac", "Mauro Bergozza", "Italy", "Founding <sample>", "Person", "President"):
        assert name in texts


def test_png_decodes_with_the_asked_size(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    from matplotlib import image

    path = write_image(g, tmp_path / "net.png", width=800, height=600)
    pixels = image.imread(path)
    assert pixels.shape[:2] == (600, 800)
    assert pixels[..., :3].std() > 0.01  # something was drawn


def test_bad_format_and_unwritable_path(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        export(g, tmp_path / "x.pdf", format="pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot"):
        write_graphml(g, blocker / "net.graphml")


def test_gexf_carries_colours_sizes_and_positions(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="Assomac", cls="Organisation")
    g.add_node("b", label="Mauro Bergozza", cls="Person")
    g.add_node("c", label="Italy", cls="Place")
    g.add_edge("b", "a", label="President")
    g.add_edge("a", "c", label="based in")
    path = write_gexf(g, tmp_path / "g.gexf")
    text = path.read_text(encoding="utf-8")
    assert "viz:color" in text
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    nodes = ET.parse(path).getroot().findall(".//g:node", ns)
    colours = {n.get("label"): n.find("viz:color", ns) for n in nodes}
    assert {k: (int(v.get("r")), int(v.get("g")), int(v.get("b"))) for k, v in colours.items()} == {
        "Assomac": (0x00, 0x72, 0xB2), "Mauro Bergozza": (0xE6, 0x9F, 0x00), "Italy": (0x00, 0x9E, 0x73)}
    sizes = {n.get("label"): float(n.find("viz:size", ns).get("value")) for n in nodes}
    assert sizes["Assomac"] > sizes["Italy"]  # degree 2 against 1
    positions = {(n.find("viz:position", ns).get("x"), n.find("viz:position", ns).get("y")) for n in nodes}
    assert len(positions) == 3
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 2


def test_a_big_picture_labels_its_hubs_only_and_keeps_the_title_clear(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for h in range(6):
        g.add_node(f"h{h}", label=f"Hub {h}", cls="Organisation")
        g.add_edge(f"h{h}", f"h{(h + 1) % 6}", label="partner")
        for k in range(20):
            g.add_node(f"l{h}.{k}", label=f"Leaf {h}.{k} " + "with a very long name " * 3, cls="Place")
            g.add_edge(f"h{h}", f"l{h}.{k}", label="in")
    path = write_image(g, tmp_path / "big.svg", title="A title that must not be clipped", label_top=6)
    root = ET.parse(path).getroot()
    texts = ["".join(t.itertext()).strip() for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert sorted(t for t in texts if t.startswith("Hub")) == [f"Hub {h}" for h in range(6)]
    assert not any(t.startswith("Leaf") for t in texts)
    assert "A title that must not be clipped" in texts
    assert "in" not in texts and "partner" not in texts  # 126 edge labels would be a pile
