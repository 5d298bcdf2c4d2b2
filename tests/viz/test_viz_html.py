"""The page as a file: self-contained, data embedded safely, nothing but one file written."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from viz_payloads import PAYLOAD_SCRIPT, PAYLOADS

from kgraph.store import OxigraphStore
from kgraph.viz import PHYSICS_LIMIT, page_data, project, render_html, write_html
from kgraph.viz._html import _vis_assets


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def test_page_is_self_contained(sample_store: OxigraphStore) -> None:
    g = project(sample_store)
    html = render_html(g, title="Founding")
    page = parse(html)
    linked = [(t, a) for t, a in page.tags if {"src", "href"} & set(a) or t in ("link", "iframe", "object")]
    assert linked == []
    assert len(page.scripts) == 3
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "connect-src 'none'" in csp
    for attrs, body in page.scripts:
        if attrs.get("type") == "application/json":
            assert json.loads(body) == json.loads(json.dumps(page_data(g, title="Founding")))
        else:  # every executable script is allowed by its hash, and only those
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "vis-network" in html


def test_no_cdn_or_remote_reference(sample_store: OxigraphStore) -> None:
    html = render_html(project(sample_store))
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?:", html, re.I)
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrapcdn", "googleapis", "tom-select"):
        assert host not in html


def test_payloads_stay_inside_the_json(payload_store: OxigraphStore) -> None:
    g = project(payload_store)
    html = render_html(g, title=PAYLOAD_SCRIPT)
    assert html.lower().count("</script") == 3
    for payload in PAYLOADS:
        assert payload not in html
    ours = html.replace(_vis_assets()[0], "").replace(_vis_assets()[1], "")
    assert "<img" not in ours.lower() and "<a " not in ours.lower()
    page = parse(html)
    assert len(page.scripts) == 3
    data = json.loads(next(b for a, b in page.scripts if a.get("type") == "application/json"))
    labels = {n["label"] for n in data["nodes"]}
    assert {PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]} <= labels
    quotes = {q for n in data["nodes"] for q in n.get("quotes", [])}
    quotes |= {q for e in data["edges"] for q in e.get("quotes", [])}
    assert any(PAYLOADS[3] in q and PAYLOADS[4] in q for q in quotes)
    # the heading is escaped by the template, shown as text
    assert f"<h1 id=\"kg-title\">{PAYLOAD_SCRIPT}" not in html
    assert PAYLOAD_SCRIPT in "".join(page.text)


def test_write_html_writes_only_the_page(sample_store: OxigraphStore, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    written = write_html(project(sample_store), Path("out") / "network.html")
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["out", "out/network.html"]
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_large_graphs_get_positions_and_no_physics() -> None:
    small = nx.path_graph(10)
    assert page_data(small)["physics"] is True  # starts from Python positions, then settles
    assert page_data(small, positions={i: (i, 0.0) for i in range(10)})["physics"] is False
    big = nx.MultiDiGraph(nx.gnm_random_graph(PHYSICS_LIMIT + 50, 2 * PHYSICS_LIMIT, seed=1, directed=True))
    data = page_data(big)
    assert data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len(data["edges"]) == big.number_of_edges()
    assert data["classes"] == [{"name": "Other", "colour": "#DDDDDD", "count": PHYSICS_LIMIT + 50}]
