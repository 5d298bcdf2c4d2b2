"""Benchmarks of kgraph.viz: building the network page data, and drawing it in Chromium.

    .venv/bin/python benchmarks/bench_viz.py [--quick] [--no-browser]

1. Network building for 1k, 10k and 50k nodes (about 2.6 edges per node): kgraph's
   ``page_data`` (the node/edge lists the page draws) with and without the Python layout,
   side by side with pyvis ``Network.from_nx`` (directed and undirected) on the same graph.
2. Projection from a real in-memory Oxigraph store of the same shape (SPARQL -> networkx).
3. Headless Chromium (Debian's chromium via Playwright): time from navigation until the
   1k- and 10k-node pages are drawn and still (``body[data-ready]``).

Goal: 10k nodes and 26k edges in <= 0.3 s; the 10k page drawn and still in <= 10 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.store import OxigraphStore
from kgraph.viz import PHYSICS_LIMIT, fast_layout, page_data, project, render_html

CLASSES = ["Organisation", "Person", "Place", "Segment", "Event"]
RESULTS = Path(__file__).with_name("results")


def synthetic(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A projection-like multigraph: n entities, 2.6 n labelled edges, quotes on some."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"https://w3id.org/kgraph/id/e/{i}", label=f"Entity {i}", cls=CLASSES[i % 5],
                   type=CLASSES[i % 5], iri=f"https://w3id.org/kgraph/id/e/{i}",
                   wikidata=f"http://www.wikidata.org/entity/Q{i}" if i % 3 == 0 else "",
                   quotes=[f"quote about entity {i}"] if i % 4 == 0 else [], notation=str(i))
    nodes = list(g.nodes)
    for j in range(int(n * 2.6)):
        # preferential-ish attachment gives hubs, as real projections have
        u = nodes[rng.randrange(n)]
        v = nodes[min(int(rng.paretovariate(1.2)) - 1, n - 1)] if j % 2 else nodes[rng.randrange(n)]
        g.add_edge(u, v, label="President" if j % 7 == 0 else "member of", predicate="p",
                   fact="", quotes=["a quote"] if j % 5 == 0 else [])
    return g


def best_of(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_build(sizes: list[int], pyvis_limit: int) -> list[dict[str, Any]]:
    from pyvis.network import Network

    rows = []
    for n in sizes:
        g = synthetic(n)
        repeat = 3 if n <= 10_000 else 1
        pos = fast_layout(g, scale=60.0)
        row: dict[str, Any] = {"nodes": n, "edges": g.number_of_edges()}
        row["page_data_s"] = best_of(lambda: page_data(g, positions=pos), repeat)  # noqa: B023
        row["layout_s"] = best_of(lambda: fast_layout(g, scale=60.0), 1)  # noqa: B023
        row["page_data_with_layout_s"] = row["page_data_s"] + row["layout_s"]
        row["render_html_s"] = best_of(lambda: render_html(g, positions=pos), 1)  # noqa: B023
        for directed in (True, False):
            key = "pyvis_from_nx_directed_s" if directed else "pyvis_from_nx_undirected_s"
            if n > pyvis_limit:
                row[key] = None
                continue
            source = g if directed else nx.Graph(g)

            def run(source: nx.Graph = source, directed: bool = directed) -> None:
                Network(directed=directed).from_nx(source)

            row[key] = best_of(run, 1)
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def contract_trig(n_people: int) -> str:
    """Contract-shaped data: people with memberships of organisations, one release graph."""
    kgi = "https://w3id.org/kgraph/id/"
    lines = ["PREFIX kg: <https://w3id.org/kgraph/ontology#>",
             "PREFIX org: <http://www.w3.org/ns/org#>",
             "PREFIX foaf: <http://xmlns.com/foaf/0.1/>",
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>",
             "GRAPH <https://w3id.org/kgraph/graph/release/bench> {"]
    n_orgs = max(n_people // 4, 1)
    for o in range(n_orgs):
        lines.append(f'<{kgi}org/o{o}> a kg:Company ; skos:prefLabel "Org {o}"@en .')
        if o:
            lines.append(f"<{kgi}org/o{o}> org:memberOf <{kgi}org/o{o // 8}> .")
    lines.append(f'<{kgi}role/r> a org:Role ; skos:prefLabel "President"@en .')
    for p in range(n_people):
        lines.append(f'<{kgi}person/p{p}> a foaf:Person ; skos:prefLabel "Person {p}"@en .')
        for k in range(2):
            o = (p * 7 + k * 13) % n_orgs
            lines.append(f"<{kgi}membership/p{p}/o{o}/{k}> a org:Membership , kg:Fact ; "
                         f"org:member <{kgi}person/p{p}> ; org:organization <{kgi}org/o{o}> ; "
                         f"org:role <{kgi}role/r> .")
    lines.append("}")
    return "\n".join(lines)


def bench_projection(people: list[int]) -> list[dict[str, Any]]:
    rows = []
    for n in people:
        store = OxigraphStore(None)
        store.ox_store.load(input=contract_trig(n), format=__import__("pyoxigraph").RdfFormat.TRIG)
        t = time.perf_counter()
        g = project(store)
        row = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "quads": len(store),
               "project_s": time.perf_counter() - t}
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def bench_browser(sizes: list[int]) -> list[dict[str, Any]]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("no chromium: browser benchmark skipped", file=sys.stderr)
        return []
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=["--headless=new", "--no-sandbox", "--disable-gpu",
                                           "--disable-dev-shm-usage"])
        for n in sizes:
            g = synthetic(n)
            path = Path(tmp) / f"n{n}.html"
            path.write_text(render_html(g), encoding="utf-8")
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
            ready = time.perf_counter() - t
            drawn = page.evaluate("[kgraph.network.body.nodeIndices.length,"
                                  " kgraph.network.body.edgeIndices.length]")
            row = {"nodes": n, "edges": g.number_of_edges(), "drawn": drawn,
                   "physics": n <= PHYSICS_LIMIT, "page_mb": round(path.stat().st_size / 1e6, 1),
                   "drawn_and_still_s": ready}
            rows.append(row)
            print(json.dumps(row), flush=True)
            page.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only; pyvis at 1k only")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000]
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
    }
    print("== building the network (page data) vs pyvis from_nx")
    report["build"] = bench_build(sizes, pyvis_limit=1_000 if args.quick else 10_000)
    print("== projection from Oxigraph (SPARQL -> networkx)")
    report["projection"] = bench_projection([1_000, 10_000])
    if not args.no_browser:
        print("== headless Chromium: drawn and still")
        report["browser"] = bench_browser([100, 300, 1_000, 10_000])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "viz.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"results in {RESULTS / 'viz.json'}")


if __name__ == "__main__":
    main()
