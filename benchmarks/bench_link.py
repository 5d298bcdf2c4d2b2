"""Benchmark: reconcile 1,000 synthetic entities against a local `oxigraph serve` standing
in for Wikidata; count the requests at a loopback proxy and in the client.

Goal (issue 6): at most 20 requests for 1,000 entities (VALUES batches of 50), and none
on a second run (every answer comes from the disk cache).

    python benchmarks/bench_link.py [--entities 1000]
"""

from __future__ import annotations

import argparse
import http.server
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph import namespaces as _ns
from kgraph.config import Settings
from kgraph.link import LINKS_GRAPH, link
from kgraph.store import OxigraphStore

KGI = str(_ns.KGI)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if not found:
        sys.exit("the `oxigraph` server binary (PyPI package oxigraph) is not installed")
    return found


def synthetic(n: int) -> tuple[str, str]:
    """(TriG for the store, Turtle for the stand-in endpoint): n entities, a third people
    employed by an organisation, a third organisations, a third cities, plus decoys."""
    store, wd = [], [
        "@prefix wd: <http://www.wikidata.org/entity/> .",
        "@prefix wdt: <http://www.wikidata.org/prop/direct/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <http://schema.org/> .",
        "wd:Q4830453 wdt:P279 wd:Q43229 .",
    ]
    qid = 80000000
    for i in range(n):
        kind = ("org", "person", "city")[i % 3]
        name = f"Synthetic {kind.title()} {i:05d}"
        iri = f"<{KGI}{kind if kind != 'city' else 'place'}/synthetic-{i:05d}>"
        cls = {"org": f"<{_ns.KG.Company}>", "person": f"<{_ns.FOAF.Person}>", "city": f"<{_ns.KG.City}>"}[kind]
        store.append(f'{iri} a {cls} ; <{_ns.SKOS.prefLabel}> "{name}"@en .')
        item = f"wd:Q{qid + i}"
        wtype = {"org": "wd:Q4830453", "person": "wd:Q5", "city": "wd:Q515"}[kind]
        wd.append(f'{item} rdfs:label "{name}"@en ; schema:description "synthetic {kind}"@en ; '
                  f"wdt:P31 {wtype} ; wdt:P17 wd:Q38 .")
        if kind == "person":
            org = i - 1
            store.append(f"<{KGI}membership/{i}> <{_ns.ORG.member}> {iri} ; "
                         f"<{_ns.ORG.organization}> <{KGI}org/synthetic-{org:05d}> .")
            wd.append(f"{item} wdt:P108 wd:Q{qid + org} .")
        if i % 10 == 0:  # a namesake of another type
            wd.append(f'wd:Q{qid + n + i} rdfs:label "{name}"@en ; wdt:P31 wd:Q9909004 .')
    trig = f"<{_ns.KGG['release/synthetic']}> {{\n" + "\n".join(store) + "\n}\n"
    return trig, "\n".join(wd) + "\n"


class Proxy:
    """A loopback HTTP proxy in front of the endpoint that counts requests."""

    def __init__(self, upstream: str) -> None:
        self.count = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                proxy.count += 1
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                req = urllib.request.Request(upstream, data=body, method="POST", headers={
                    "Content-Type": self.headers["Content-Type"], "Accept": self.headers["Accept"]})
                with urllib.request.urlopen(req, timeout=120) as resp:
                    data = resp.read()
                    self.send_response(resp.status)
                    self.send_header("Content-Type", resp.headers["Content-Type"])
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=1000)
    args = ap.parse_args()
    n = args.entities
    tmp = Path(tempfile.mkdtemp(prefix="bench-link-"))
    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp / "wd"),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    proxy = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        trig, ttl = synthetic(n)
        urllib.request.urlopen(urllib.request.Request(
            f"{base}/store?default", data=ttl.encode(), headers={"Content-Type": "text/turtle"},
            method="POST"), timeout=60).close()
        proxy = Proxy(f"{base}/query")
        store = OxigraphStore(None)
        store.ox_store.load(trig.encode(), format=ox.RdfFormat.TRIG)
        settings = Settings(store="memory:", wikidata_endpoint=proxy.url, cache_dir=tmp / "cache")
        t0 = time.perf_counter()
        first = link(store, settings, curated=None)
        t1 = time.perf_counter()
        seen_first = proxy.count
        second = link(store, settings, curated=None)
        t2 = time.perf_counter()
        seen_second = proxy.count - seen_first
        linked = len(store.graph(LINKS_GRAPH).all_nodes())
        print(f"machine: {platform.machine()} {platform.processor() or ''} {platform.system()} "
              f"python {platform.python_version()} pyoxigraph {ox.__version__}")
        print(f"entities: {n}; links: {len(first.links)} auto, {first.count('review')} to review "
              f"({linked} nodes in kgg:links)")
        print(f"first run:  {seen_first} requests at the proxy ({first.requests} in the client), "
              f"{t1 - t0:.2f} s")
        print(f"second run: {seen_second} requests at the proxy ({second.requests} in the client, "
              f"{second.cache_hits} cached answers), {t2 - t1:.2f} s")
        ok = seen_first <= max(20, -(-n // 50)) and seen_second == 0 and len(first.links) == n
        print("goal met" if ok else "GOAL NOT MET")
        return 0 if ok else 1
    finally:
        if proxy is not None:
            proxy.close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
